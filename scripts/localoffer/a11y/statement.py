"""The accessibility statement states when the site was last tested, and how, from the
real results of the last run (SEND regulations aside, the accessibility regulations 2018
ask for the date and method of testing).

The statement page (front matter ``generate: accessibility-results``) carries a
placeholder made by ``placeholder(lang)``. After the browser tests pass,
``fill(site_dir, outcome, today)`` writes the results into that placeholder in every
language's built page. A build without the browser tests keeps the placeholder text,
which says the pages have not been tested in this build.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from localoffer.messages import t
from localoffer.site import format_date

MARK = "data-lok-a11y-results"
BLOCK = re.compile(rf'(<div class="lok-a11y-results" {MARK}>)(.*?)(</div>)', re.S)
LANG = re.compile(r'<html[^>]*\slang="([a-z]{2})')


def placeholder(lang: str) -> str:
    """Markdown for the statement page: a box the build fills in after testing."""
    return (
        f'<div class="lok-a11y-results" {MARK}>\n'
        f"<p>{html.escape(t('a11y.statement.untested', lang))}</p>\n"
        "</div>\n"
    )


def results_html(lang: str, *, date: dt.date, pages: int, problems: int, tools: str,
                 ignored: list) -> str:
    """The filled-in box: date, tools, standard, pages, problems and ignored issues."""
    parts = [
        "<p>" + html.escape(t("a11y.statement.tested", lang, date=format_date(date, lang),
                                  pages=pages, tools=tools)) + "</p>",
        "<p>" + html.escape(t("a11y.statement.problems", lang, count=problems)) + "</p>",
    ]
    # each ignore-list entry (see a11y/ignore.py), described once in this language
    texts = list(dict.fromkeys(rule.public_text(lang) for rule in ignored))
    if texts:
        parts.append("<p>" + html.escape(t("a11y.statement.ignored", lang)) + "</p>")
        parts.append("<ul>" + "".join(f"<li>{html.escape(text)}</li>" for text in texts) + "</ul>")
    return "\n".join(parts)


def fill(site_dir: Path, *, date: dt.date, pages: int, problems: int, tools: str,
         ignored: list) -> list[Path]:
    """Write the results into every built statement page; return the pages changed."""
    changed = []
    for page in sorted(Path(site_dir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if MARK not in text:
            continue
        match = LANG.search(text)
        lang = match.group(1) if match and match.group(1) in ("en", "cy") else "en"
        body = results_html(lang, date=date, pages=pages, problems=problems, tools=tools,
                            ignored=ignored)
        new = BLOCK.sub(lambda m: m.group(1) + "\n" + body + "\n" + m.group(3), text, count=1)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed.append(page)
    return changed
