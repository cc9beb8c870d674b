"""Page metadata rules: each flags its bad fixtures and passes its good ones, in English and Welsh."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from localoffer import coverage, datafile, source
from localoffer import you_said_we_did as ysd
from localoffer.rules import Context, load_rules, REGISTRY

FIXTURES = Path(__file__).parent / "fixtures" / "meta"
TODAY = dt.date(2026, 11, 23)

load_rules()


def ctx(**options) -> Context:
    return Context.create(jurisdiction="wales", today=TODAY, options=options)


def page(name: str):
    return source.read_page(FIXTURES / name, f"docs/{name}")


def run(rule_id: str, pg, context=None):
    return REGISTRY[rule_id].function(pg, context or ctx())


# --- meta/front-matter ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["good.md", "good.cy.md"])
def test_front_matter_passes_good_pages(name):
    assert run("meta/front-matter", page(name)) == []


def test_front_matter_names_line_and_expected_form_in_english():
    found = run("meta/front-matter", page("bad.md"))
    by_line = {(f.line, f.severity): f for f in found}
    assert any("description" in f.message and f.severity == "error" for f in found)
    assert "1 November 2026" in by_line[(3, "error")].message
    assert "2026-11-01" in by_line[(3, "error")].suggestion
    assert any(f.line == 6 and "short-break" in f.message and '"short-breaks"' in f.suggestion for f in found)
    unknown = by_line[(7, "warning")]
    assert "tittle" in unknown.message and unknown.suggestion == 'Did you mean "title"?'
    assert all(f.rule == "meta/front-matter" and f.file == "docs/bad.md" for f in found)


def test_front_matter_in_welsh():
    found = run("meta/front-matter", page("bad.cy.md"))
    assert {f.lang for f in found} == {"cy"}
    texts = " ".join(f.message for f in found)
    assert 'Mae\'r gosodiad "owner" ar goll' in texts
    assert "Rhaid i'r adolygiad nesaf (2026-10-01) fod ar ôl yr adolygiad diwethaf (2026-11-01)" in texts
    due = next(f for f in found if "adolygiad nesaf" in f.message)
    assert due.line == 5


def test_broken_yaml_is_a_plain_message_with_its_line():
    pg = page("broken.md")
    assert [p.rule for p in pg.problems] == ["meta/front-matter"]
    problem = pg.problems[0]
    assert problem.line in (3, 4) and "Traceback" not in problem.message
    assert problem.message.startswith("The settings at the top of this page cannot be read")
    assert run("meta/front-matter", pg) == []  # reported once, by the parser


def test_page_without_front_matter():
    pg = source.parse("# Hello\n\nText.\n", "docs/x.md")
    [f] = run("meta/front-matter", pg)
    assert f.line == 1 and "title" in f.message


def test_topics_must_be_known_for_the_jurisdiction():
    pg = source.parse("---\ntitle: T\ndescription: D\nlast_reviewed: 2026-01-01\nreview_due: 2026-12-01\n"
                      "owner: O\ntopics: [ehc-needs-assessment]\n---\n# T\n", "docs/x.md")
    assert run("meta/front-matter", pg, Context.create(jurisdiction="england", today=TODAY)) == []
    [f] = run("meta/front-matter", pg)
    assert "ehc-needs-assessment" in f.message and "wales" in f.message


# --- meta/review-overdue ---------------------------------------------------------------------

def _due(date: str, lang: str = "en"):
    return source.parse(f"---\ntitle: T\nreview_due: {date}\n---\n# T\n", f"docs/x{'.cy' if lang == 'cy' else ''}.md")


def test_review_not_due_passes():
    assert run("meta/review-overdue", _due("2026-11-23")) == []


def test_review_overdue_is_a_warning_then_an_error_after_the_grace_period():
    [warning] = run("meta/review-overdue", _due("2026-10-01"))
    assert warning.severity == "warning" and warning.line == 3 and "53 days ago" in warning.message
    [error] = run("meta/review-overdue", _due("2026-08-01"))
    assert error.severity == "error"
    [warning] = run("meta/review-overdue", _due("2026-08-01"), ctx(review_grace_days=200))
    assert warning.severity == "warning"


def test_review_overdue_in_welsh():
    [f] = run("meta/review-overdue", _due("2026-10-01", "cy"))
    assert "1 Hydref 2026" in f.message and "53 diwrnod yn ôl" in f.message


# --- meta/coverage ------------------------------------------------------------------------------

def test_coverage_data_files_are_well_formed():
    for jurisdiction in ("england", "wales"):
        topics = coverage.checklist(jurisdiction)
        ids = [t["id"] for t in topics]
        assert len(ids) == len(set(ids)), jurisdiction
        for topic in topics:
            assert topic["en"] and topic["cy"] and topic["source"], topic
            assert topic["level"] in coverage.LEVELS


def test_coverage_reports_each_uncovered_required_topic():
    pages = [page("good.md"), page("good.cy.md")]
    found = REGISTRY["meta/coverage"].function(pages, ctx())
    ids = {tid for tid in coverage.topic_ids("wales") for f in found if f"({tid})" in f.message}
    assert "short-breaks" not in ids and "social-care" not in ids
    assert "idp" in ids and "schools" in ids
    idp = next(f for f in found if "(idp)" in f.message)
    assert idp.severity == "error" and "s.9" in idp.message
    travel = next(f for f in found if "(travel)" in f.message)
    assert travel.severity == "warning"


def test_every_topic_covered_passes():
    fm = "---\ntopics: [{}]\n---\n# T\n".format(", ".join(coverage.topic_ids("wales")))
    assert REGISTRY["meta/coverage"].function([source.parse(fm, "docs/all.md")], ctx()) == []


def test_example_site_covers_every_required_topic():
    root = Path(__file__).resolve().parent.parent / "docs"
    pages = [source.read_page(p, str(p)) for p in root.rglob("*.md")]
    assert coverage.gaps(pages, "wales") == []


# --- meta/you-said-we-did -----------------------------------------------------------------------

def _ysd(text: str, today=TODAY, **options):
    data, broken = datafile.load_text(text)
    assert broken is None
    context = ctx(**options)
    context.today = today
    context.cache["lok.you_said_we_did"] = ysd.parse(data)
    return REGISTRY["meta/you-said-we-did"].function([], context)


ENTRY = """
  - date: {date}
    you_said:
      en: {en}
      cy: {cy}
    we_did:
      en: We changed the page.
      cy: Gwnaethon ni newid y dudalen.
"""


def entries(*items) -> str:
    return "entries:" + "".join(ENTRY.format(date=d, en=en, cy=cy) for d, en, cy in items)


def test_recent_anonymous_entries_pass():
    assert _ysd(entries(("2026-06-01", "A parent said the page was hard to read.",
                         "Dywedodd rhiant fod y dudalen yn anodd ei darllen."))) == []


def test_newest_entry_older_than_a_year_is_an_error():
    [f] = _ysd(entries(("2025-10-01", "Parents said it was slow.", "Dywedodd rhieni ei bod yn araf.")))
    assert f.severity == "error" and f.line == 2 and "at least once a year" in f.message


@pytest.mark.parametrize(
    "en, cy, field",
    [
        ("Mrs Jones said the page was wrong.", "Dywedodd rhiant fod y dudalen yn anghywir.", "you_said.en"),
        ("A parent said it was wrong.", "Dywedodd Mr Pritchard fod y dudalen yn anghywir.", "you_said.cy"),
        ("My son Tom could not find it.", "Doedd fy mab ddim yn gallu dod o hyd iddo.", "you_said.en"),
        ("A parent said it was hard.", "Roedd fy merch Cerys yn methu ei ddarllen.", "you_said.cy"),
        ("Her NHS number 943 476 5919 was shown.", "Roedd rhif GIG yno.", "you_said.en"),
        ("His NI number JT 12 34 56 C was shown.", "Roedd rhif YG yno.", "you_said.en"),
    ],
)
def test_entries_that_identify_a_person_are_errors(en, cy, field):
    found = _ysd(entries(("2026-06-01", en, cy)))
    assert found and all(f.severity == "error" for f in found)
    assert any(field in f.message for f in found)
    assert not any("5919" in f.message or "Jones" in f.message for f in found)  # never repeated in full


def test_names_heuristic_leaves_ordinary_text_alone():
    from localoffer import personal_data

    for text in ("My son In year 6 struggled.", "Our daughter, who is 12, loved it.", "Dr. appointments were late.",
                 "Mae fy mab yn hapus.", "The ALNCo at Ysgol y Dyffryn helped."):
        assert personal_data.names(text) == [], text


def test_missing_or_broken_data_file(tmp_path):
    data = ysd.load(tmp_path)
    assert not data.exists
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "you-said-we-did.yml").write_text("entries:\n  - date: [\n", encoding="utf-8")
    data = ysd.load(tmp_path)
    assert data.problems and data.problems[0].key == "meta.ysd.bad_yaml"


def test_render_is_newest_first_in_both_languages():
    data, _ = datafile.load_text(entries(("2026-02-01", "Old <b>one</b>.", "Hen un."),
                                         ("2026-09-01", "New one.", "Un newydd.")))
    loaded = ysd.parse(data)
    en = ysd.render(loaded.entries, "en")
    assert en.index("1 September 2026") < en.index("1 February 2026")
    assert "<b>" not in en and "&lt;b&gt;" in en
    cy = ysd.render(loaded.entries, "cy")
    assert "1 Medi 2026" in cy and "**Dywedoch chi:** Un newydd." in cy


def test_example_data_passes():
    root = Path(__file__).resolve().parent.parent
    context = ctx()
    context.cache["lok.you_said_we_did"] = ysd.load(root)
    assert REGISTRY["meta/you-said-we-did"].function([], context) == []
