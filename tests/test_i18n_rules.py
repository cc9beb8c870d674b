"""The i18n/* checks on fixture pairs, in both directions, and on the example site."""

from __future__ import annotations

from pathlib import Path

import pytest

from localoffer.rules import Context, rules
from localoffer.source import parse
from localoffer.translation import pair_up, read_pair_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "i18n"
I18N_RULES = ("i18n/missing-translation", "i18n/mismatch", "i18n/wrong-language")


def run_rules(pages, ctx, only=I18N_RULES):
    found = []
    for rule in rules():
        if rule.id not in only:
            continue
        if rule.kind == "page":
            for page in pages:
                if page.lang in rule.languages:
                    found += rule.function(page, ctx)
        elif rule.kind == "pair":
            for _, en, cy in pair_up(pages):
                found += rule.function(en, cy, ctx)
    return sorted(found)


# each fixture folder, with the rules that run on it
FIXTURE_FOLDERS = {
    "missing": ("i18n/missing-translation", "i18n/wrong-language"),
    "mismatch": ("i18n/mismatch", "i18n/missing-translation", "i18n/wrong-language"),
    "wrong_language": ("i18n/wrong-language", "i18n/mismatch"),
}


def test_rules_are_registered_with_a_source():
    ids = {rule.id for rule in rules()}
    for rule_id in (*I18N_RULES, "i18n/outdated-translation"):
        assert rule_id in ids
        rule = next(r for r in rules() if r.id == rule_id)
        module_doc = __import__(rule.module, fromlist=["x"]).__doc__
        assert "Source:" in module_doc, rule_id


def test_fixtures_give_exactly_the_expected_findings():
    expected = [
        line for line in (FIXTURES / "expected.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    found = []
    for folder, only in FIXTURE_FOLDERS.items():
        pages = read_pair_pages(FIXTURES / folder)
        for page in pages:
            page.path = f"{folder}/{page.path}"
        found += run_rules(pages, Context.create(jurisdiction="wales"), only=only)
    assert sorted(f"{f.file}:{f.line} {f.rule} {f.severity}" for f in found) == sorted(expected)


# --- missing-translation ---------------------------------------------------------------------

def _pair(en_text=None, cy_text=None, name="page"):
    en = parse(en_text, f"{name}.md") if en_text is not None else None
    cy = parse(cy_text, f"{name}.cy.md") if cy_text is not None else None
    return en, cy


@pytest.mark.parametrize(
    "jurisdiction, option, expected",
    [("wales", None, "error"), ("england", None, "warning"), ("wales", "warning", "warning"),
     ("england", "error", "error"), ("wales", "off", None)],
)
def test_missing_translation_severity_follows_the_setting(jurisdiction, option, expected):
    from localoffer.rules.i18n.missing_translation import missing_translation

    options = {"missing_translation": option} if option else {}
    ctx = Context.create(jurisdiction=jurisdiction, options=options)
    en, _ = _pair("# Page\n\nText.\n")
    found = missing_translation(en, None, ctx)
    assert [f.severity for f in found] == ([expected] if expected else [])
    if expected:
        assert "page.cy.md" in found[0].message and found[0].lang == "en"


def test_missing_translation_in_welsh_direction_names_the_english_file():
    from localoffer.rules.i18n.missing_translation import missing_translation

    _, cy = _pair(None, "# Tudalen\n\nTestun.\n")
    (found,) = missing_translation(None, cy, Context.create())
    assert found.file == "page.cy.md" and "page.md" in found.message and found.lang == "cy"


# --- mismatch ----------------------------------------------------------------------------

def test_mismatch_names_both_files_and_lines():
    pages = [p for p in read_pair_pages(FIXTURES / "mismatch") if p.path.startswith("contact")]
    found = run_rules(pages, Context.create(), only=("i18n/mismatch",))
    phone = next(f for f in found if "01632 960 191" in f.message)
    assert phone.file == "contact.cy.md" and phone.line == 17
    assert "contact.md:17" in phone.message and "01632 960 190" in phone.message
    date = next(f for f in found if "Mawrth" in f.message)
    assert "contact.md:11" in date.message and "3 March 2026" in date.message


@pytest.mark.parametrize(
    "en_line, cy_line",
    [
        ("It opens on 3 March 2026.", "Mae'n agor ar 3 Mawrth 2026."),
        ("It opens on March 3, 2026.", "Mae'n agor ar 3ydd Mawrth 2026."),
        ("It opens on 1 June 2026.", "Mae'n agor ar 1af Mehefin 2026."),
        ("It opens on 2026-07-31.", "Mae'n agor ar 31 Gorffennaf 2026."),
        ("It costs £5.", "Mae'n costio £5.00."),
        ("It costs £1,200.", "Mae'n costio £1,200.00."),
        ("Phone 01632 960 123.", "Ffoniwch 01632960123."),
        ("Phone +44 1632 960 123.", "Ffoniwch 01632 960 123."),
        ("For children aged 0 to 25.", "I blant 0 i 25 oed."),
        ("When they turn 3.", "Pan fyddan nhw'n 3 oed."),
        ("Email HELP@glanafon.example.", "Anfonwch e-bost at help@glanafon.example."),
        ("See www.glanafon.example/aln.", "Gweler https://glanafon.example/aln/."),
        ("Come to GF1 2AB.", "Dewch i GF1 2AB."),
    ],
)
def test_mismatch_sees_the_same_fact_written_two_ways(en_line, cy_line):
    from localoffer.rules.i18n.mismatch import mismatch

    en, cy = _pair(f"# Page\n\n{en_line}\n", f"# Tudalen\n\n{cy_line}\n")
    assert mismatch(en, cy, Context.create()) == []


@pytest.mark.parametrize(
    "en_line, cy_line, kind",
    [
        ("It opens on 3 March 2026.", "Mae'n agor ar 3 Ebrill 2026.", "dyddiad"),
        ("It costs £5.", "Mae'n costio £6.", "swm"),
        ("Phone 01632 960 123.", "Ffoniwch 01632 960 124.", "rhif ffôn"),
        ("For ages 0 to 25.", "I blant 0 i 18 oed.", "oedran"),
        ("Email help@glanafon.example.", "Anfonwch e-bost at cymorth@glanafon.example.", "e-bost"),
        ("Come to GF1 2AB.", "Dewch i GF1 2AC.", "cod post"),
        ("[Apply](https://glanafon.example/apply).", "[Gwneud cais](https://glanafon.example/old).", "cyfeiriad gwe"),
    ],
)
def test_mismatch_flags_a_different_fact(en_line, cy_line, kind):
    from localoffer.rules.i18n.mismatch import mismatch

    en, cy = _pair(f"# Page\n\n{en_line}\n", f"# Tudalen\n\n{cy_line}\n")
    found = mismatch(en, cy, Context.create())
    assert len(found) == 1 and kind in found[0].message, found
    assert found[0].file == "page.cy.md" and found[0].line == 3 and "page.md:3" in found[0].message


def test_mismatch_counts_headings_links_and_images():
    from localoffer.rules.i18n.mismatch import mismatch

    en, cy = _pair(
        "# Page\n\n## One\n\n[a](a.md) [b](b.md)\n\n![x](x.png)\n\n## Two\n\nText.\n",
        "# Tudalen\n\n## Un\n\n[a](a.md)\n\nTestun.\n",
    )
    messages = [f.message for f in mismatch(en, cy, Context.create())]
    assert any("penawdau" in m for m in messages)
    assert any("dolenni" in m for m in messages)
    assert any("delweddau" in m for m in messages)


# --- wrong-language ------------------------------------------------------------------------

WELSH_PARAGRAPHS = [
    # written for these tests: everyday Welsh with soft, nasal and aspirate mutations
    "Mae ein tîm yn helpu plant a phobl ifanc sydd ag anghenion dysgu ychwanegol. Gallwch chi "
    "ein ffonio ni, anfon neges atom neu ddod i'n gweld yn y swyddfa.",
    "Yng Nghaerfyrddin, mae'r gwasanaeth yn cynnig cymorth i deuluoedd sy'n byw mewn ardaloedd "
    "gwledig. Does dim rhaid i chi dalu am y cymorth hwn.",
    "Os bydd eich plentyn yn symud i ysgol newydd, bydd ei gynllun datblygu unigol yn mynd gyda "
    "fe. Bydd yr ysgol newydd yn darllen y cynllun cyn iddo gyrraedd.",
    "Mae'n bwysig i ni glywed beth rydych chi'n ei feddwl. Dywedwch wrthym ni os oes rhywbeth ar "
    "y wefan hon sy'n anodd ei ddeall, a byddwn ni'n ei newid.",
    "Gall ei chwaer fynd gyda hi i'r apwyntiad. Mae ganddi hawl i gael cyfieithydd, ac mae'r "
    "meddyg yn hapus i siarad Cymraeg â'r teulu.",
    "Mae'r therapydd lleferydd yn cynnal sesiynau ar-lein bob dydd Iau. Cofrestrwch drwy'r ffurflen "
    "ar ein gwefan neu ffoniwch ein llinell gymorth.",
]
ENGLISH_PARAGRAPHS = [
    "Our team helps children and young people who have additional learning needs. You can phone "
    "us, send us a message or come and see us at the office.",
    "If your child moves to a new school, their individual development plan goes with them. The "
    "new school will read the plan before your child starts.",
    "Ysgol Glan y Môr is a special school for pupils aged 3 to 11. It works closely with Ysgol "
    "Gyfun Glanafon and the Tîm Cymorth Cynnar.",
    "Mudiad Meithrin runs Welsh-medium playgroups, called *cylchoedd meithrin*, across the county.",
    "Parents told us: “Roedd y tîm yn wych gyda ni.” We use what families tell us to plan services.",
]


@pytest.mark.parametrize("text", WELSH_PARAGRAPHS)
def test_real_welsh_is_not_flagged_on_a_welsh_page(text):
    from localoffer.rules.i18n.wrong_language import wrong_language

    page = parse(f"# Tudalen\n\n{text}\n", "page.cy.md")
    assert wrong_language(page, Context.create()) == []


@pytest.mark.parametrize("text", WELSH_PARAGRAPHS)
def test_welsh_is_flagged_on_an_english_page(text):
    from localoffer.rules.i18n.wrong_language import wrong_language

    page = parse(f"# Page\n\n{text}\n", "page.md")
    found = wrong_language(page, Context.create())
    assert len(found) == 1 and found[0].line == 3 and "Welsh on an English page" in found[0].message


@pytest.mark.parametrize("text", ENGLISH_PARAGRAPHS)
def test_real_english_is_not_flagged_on_an_english_page(text):
    from localoffer.rules.i18n.wrong_language import wrong_language

    page = parse(f"# Page\n\n{text}\n", "page.md")
    assert wrong_language(page, Context.create()) == []


@pytest.mark.parametrize("text", ENGLISH_PARAGRAPHS[:2])
def test_english_is_flagged_on_a_welsh_page(text):
    from localoffer.rules.i18n.wrong_language import wrong_language

    page = parse(f"# Tudalen\n\n{text}\n", "page.cy.md")
    (found,) = wrong_language(page, Context.create())
    assert found.lang == "cy" and "Saesneg ar dudalen Gymraeg" in found.message


def test_marked_quoted_and_glossary_text_is_not_flagged():
    from localoffer.rules.i18n.wrong_language import wrong_language

    glossary = [{"term": {"en": "ALN", "cy": "ADY"},
                 "expansion": {"en": "additional learning needs", "cy": "anghenion dysgu ychwanegol"},
                 "explanation": {}, "jurisdiction": "wales"}]
    ctx = Context.create(glossary=glossary)
    text = (
        "# Tudalen\n\n"
        'Mae\'r ddogfen yn dweud: "You must apply before the end of the summer term."\n\n'
        '<span lang="en">You must apply before the end of the summer term.</span>\n\n'
        "`you must apply before the end of term`\n\n"
        "```\nYou must apply before the end of the summer term.\n```\n"
    )
    assert wrong_language(parse(text, "page.cy.md"), ctx) == []


def test_the_example_site_has_no_wrong_language_or_mismatch():
    """The example content (docs/) is real English and real Welsh, with the same facts."""
    from localoffer import settings as settings_module

    settings = settings_module.load(ROOT / "mkdocs.yml")
    pages = read_pair_pages(settings.docs_dir)
    found = run_rules(pages, Context.from_settings(settings), only=("i18n/wrong-language", "i18n/mismatch"))
    assert [f"{f.file}:{f.line} {f.message}" for f in found] == []
