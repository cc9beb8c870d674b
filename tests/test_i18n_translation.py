"""What a Welsh page was translated from: outdated pages, `localoffer translated`,
`localoffer translations` and the editors' status page."""

from __future__ import annotations

import argparse
import csv
import io
import json
import textwrap
from pathlib import Path

import yaml

from localoffer import translation
from localoffer.commands import translated, translations
from localoffer.rules import Context
from localoffer.rules.i18n.outdated_translation import outdated_translation
from localoffer.source import read_page

from sitekit import make_project

EN = """\
---
title: Schools
description: Help in school.
---

# Schools

Most children with ALN go to their local school.

## Help in class

Teachers change how they teach.

## Special schools

Some children go to a special school.
"""

CY = """\
---
title: Ysgolion
description: Help yn yr ysgol.  # a comment that must stay
owner: Tîm Ysgolion
---

# Ysgolion

Mae'r rhan fwyaf o blant ag ADY yn mynd i'w hysgol leol.

## Help yn y dosbarth

Mae athrawon yn newid sut maen nhw'n addysgu.

## Ysgolion arbennig

Mae rhai plant yn mynd i ysgol arbennig.
"""


def page(title: str, body: str) -> str:
    """A page with the front matter the build's checks ask for."""
    return (f"---\ntitle: {title}\ndescription: {title}.\nlast_reviewed: 2026-11-01\n"
            f"review_due: 2027-05-01\nowner: Test Team\n---\n\n# {title}\n\n{body}\n")


def project(tmp_path: Path, en: str = EN, cy: str = CY) -> Path:
    config = make_project(tmp_path, {"schools.md": en, "schools.cy.md": cy, "index.md": "# Home\n",
                                     "index.cy.md": "# Hafan\n"})
    return config


def outdated(docs: Path):
    en = read_page(docs / "schools.md", display="docs/schools.md")
    cy = read_page(docs / "schools.cy.md", display="docs/schools.cy.md")
    return outdated_translation(en, cy, Context.create())


def mark(config: Path, page: str) -> int:
    return translated.run(argparse.Namespace(config=str(config), pages=[page]))


def test_a_changed_english_page_makes_its_welsh_page_outdated_and_translated_clears_it(tmp_path, capsys, monkeypatch):
    config = project(tmp_path)
    docs = tmp_path / "docs"
    monkeypatch.chdir(tmp_path)
    # nothing recorded yet: a suggestion to record it
    (unrecorded,) = outdated(docs)
    assert unrecorded.severity == "suggestion" and "localoffer translated" in unrecorded.suggestion

    assert mark(config, "docs/schools.md") == 0
    assert "docs/schools.cy.md" in capsys.readouterr().out
    assert outdated(docs) == []

    # the English page changes in one section
    en = (docs / "schools.md").read_text("utf-8").replace("Teachers change how they teach.",
                                                           "Teachers change how they teach and test.")
    (docs / "schools.md").write_text(en, "utf-8")
    (found,) = outdated(docs)
    assert found.rule == "i18n/outdated-translation" and found.severity == "warning"
    assert found.file == "docs/schools.cy.md" and found.line == 5  # the translated_from line
    assert "“Help in class”" in found.message and "Special schools" not in found.message
    assert "docs/schools.md" in found.message

    # trailing spaces and extra blank lines are not changes
    (docs / "schools.md").write_text(en.replace("\n\n## Special", "  \n\n\n## Special"), "utf-8")
    assert len(outdated(docs)) == 1

    # translating it again (give the Welsh file this time) clears it
    assert mark(config, "docs/schools.cy.md") == 0
    assert outdated(docs) == []


def test_new_and_removed_sections_are_named(tmp_path):
    en_page = translation.parse_text(EN, "schools.md")
    record = translation.fingerprint(en_page)
    changed = EN.replace("## Special schools\n\nSome children go to a special school.\n",
                         "## Transport\n\nSome children get a bus.\n")
    found = translation.changes(translation.parse_text(changed, "schools.md"), record)
    assert {(c.kind, c.slug) for c in found} == {("new", "transport"), ("removed", "special-schools")}
    assert next(c for c in found if c.kind == "new").words == 6  # "Transport" + "Some children get a bus"


def test_title_change_alone_is_a_change():
    record = translation.fingerprint(translation.parse_text(EN, "schools.md"))
    found = translation.changes(translation.parse_text(EN.replace("title: Schools", "title: Our schools"), "s.md"), record)
    assert [c.slug for c in found] == ["title"]


def test_record_text_keeps_other_keys_comments_and_line_endings():
    record = {"hash": "a" * 64, "sections": {"ysgolion": "b" * 12, "2024": "c" * 12}}
    text = translation.record_text(CY, record)
    assert "description: Help yn yr ysgol.  # a comment that must stay" in text
    assert text.splitlines()[1:4] == CY.splitlines()[1:4]
    assert text.split("---", 2)[2] == CY.split("---", 2)[2]  # the body is untouched
    data = yaml.safe_load(text.split("---")[1])
    assert data["translated_from"] == record and data["owner"] == "Tîm Ysgolion"
    # again, with a new record: replaced in place, nothing else moves
    again = translation.record_text(text, {"hash": "d" * 64, "sections": {}})
    assert again.count("translated_from:") == 1 and "b" * 12 not in again
    assert again.index("translated_from") == text.index("translated_from")
    # Windows line endings stay
    crlf = translation.record_text(CY.replace("\n", "\r\n"), record)
    assert "\r\n" in crlf and "\n" not in crlf.replace("\r\n", "")
    # no front matter: one is added
    assert translation.record_text("# Hafan\n", record).startswith("---\ntranslated_from:\n")


def test_record_text_keeps_a_comment_after_the_record():
    cy = "---\ntitle: Ysgolion\ntranslated_from:\n  hash: x\n\n# owner comes next\nowner: Tîm\n---\n# Ysgolion\n"
    text = translation.record_text(cy, {"hash": "y", "sections": {}})
    assert "# owner comes next\nowner: Tîm" in text and "hash: y" in text and "hash: x" not in text


def test_translations_report_in_every_format(tmp_path, capsys, monkeypatch):
    config = make_project(tmp_path, {
        "index.md": "# Home\n\nWelcome to the site.\n", "index.cy.md": "# Hafan\n\nCroeso.\n",
        "schools.md": EN, "schools.cy.md": CY,
        "health.md": "---\ntitle: Health\n---\n\n# Health\n\nSee your doctor about it.\n",
    })
    monkeypatch.chdir(tmp_path)
    mark(config, "docs/schools.md")
    (tmp_path / "docs" / "schools.md").write_text(EN + "\n## Transport\n\nSome children get a bus.\n", "utf-8")
    capsys.readouterr()

    assert translations.run(argparse.Namespace(config=str(config), format="json")) == 0
    report = json.loads(capsys.readouterr().out)
    by_name = {p["name"]: p for p in report["pages"]}
    assert by_name["health.md"]["status"] == "missing" and by_name["health.md"]["missing"] == "cy"
    assert by_name["health.md"]["words"] == 6
    assert by_name["schools.md"]["status"] == "outdated"
    assert [c["heading"] for c in by_name["schools.md"]["changes"]] == ["Transport"]
    assert by_name["schools.md"]["words"] == 6
    assert by_name["index.md"]["status"] == "unrecorded"
    assert report["summary"]["words"] == 12 and report["version"] == 1

    translations.run(argparse.Namespace(config=str(config), format="csv"))
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["page"]: r["status"] for r in rows} == {"health.md": "missing", "index.md": "unrecorded",
                                                     "schools.md": "outdated"}

    translations.run(argparse.Namespace(config=str(config), format="text"))
    text = capsys.readouterr().out
    assert "Out of date" in text and "No Welsh page" in text and "localoffer translated docs/index.md" in text


def status_markdown(lang, status, here="translation-status.md"):
    """What the build puts on the editors' status page (its first part)."""
    from localoffer.generate import translation_status

    return translation_status.first_page(translation_status.ordered(status), lang, here)


def test_status_page_markdown_in_both_languages(tmp_path):
    pages = [translation.parse_text(textwrap.dedent(EN), "schools.md"),
             translation.parse_text("---\ntitle: Health\n---\n# Health\n\nText here.\n", "health.md"),
             translation.parse_text("---\ntitle: Chwilio\ngenerate: search\n---\n# Chwilio\n", "search.cy.md")]
    status = translation.statuses(pages)
    cy = status_markdown("cy", status)
    en = status_markdown("en", status)
    assert "| Tudalen | Statws | Beth sydd angen ei gyfieithu | Geiriau |" in cy
    assert "| Page | Status | What needs translating | Words |" in en
    assert "[Health](health.md) | Dim tudalen Gymraeg | Y dudalen gyfan |" in cy
    assert "[Schools](schools.md) | No Welsh page | The whole page |" in en
    assert "search.md" not in en  # generated pages need no translating
    assert "../schools.md" in status_markdown("en", status, here="editors/translation-status.md")


def test_status_page_builds_in_a_real_site(tmp_path):
    """The generated Markdown is valid for MkDocs --strict in both languages."""
    from sitekit import build

    pages = {"index.md": page("Home", "Welcome to the site."), "index.cy.md": page("Hafan", "Croeso i'r wefan."),
             "schools.md": page("Schools", "Most children go to their local school."),
             "schools.cy.md": page("Ysgolion", "Mae'r rhan fwyaf o blant yn mynd i'w hysgol leol.")}
    status = translation.statuses([translation.parse_text(v, k) for k, v in pages.items()])
    pages["translation-status.md"] = page("Translation status", status_markdown("en", status))
    pages["translation-status.cy.md"] = page("Statws cyfieithu", status_markdown("cy", status))
    config = make_project(tmp_path, pages)
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "cy" / "translation-status" / "index.html").read_text("utf-8")
    assert "<table>" in html and 'href="../schools/"' in html and "Heb ei chofnodi" in html
