"""Map a tested page back to its Markdown file, and an element to its line.

Pages follow mkdocs-static-i18n's suffix layout: ``cy/schools/`` comes from
``docs/schools.cy.md``; ``schools/`` from ``docs/schools.md`` or ``docs/schools.en.md``.
A Welsh page built from the English file (no Welsh file yet) maps to the English file.

The line: we look in the Markdown for what pa11y shows of the element (its
``context``, an HTML snippet): an image's file name or alt text, a link's address
or text. Found means the element comes from the page's content; not found means
it comes from the theme (header, navigation, footer), and we say so.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

ATTR = re.compile(r'\b(src|href|alt|for|id|name|title|aria-label)\s*=\s*"([^"]*)"', re.I)
TAG = re.compile(r"<[^<>]*>")  # [^<>]: a run of "<" is read once, not once per "<"


@dataclass(frozen=True)
class Source:
    file: Path | None       # the Markdown file, or None when there is none
    lang: str               # the page's language (from the URL)
    content_lang: str       # the language of the file's text


def page_language(page: str, languages: tuple[str, ...], default: str) -> tuple[str, str]:
    """('cy', 'schools/') from 'cy/schools/'; ('en', 'schools/') from 'schools/'."""
    first, _, rest = page.partition("/")
    if first in languages and first != default and (rest or page.endswith("/")):
        return first, rest
    return default, page


def candidates(stem: str, lang: str, default: str) -> list[tuple[str, str]]:
    """Possible source names for a page stem, in the order static-i18n picks them."""
    names: list[tuple[str, str]] = []
    bases = [f"{stem}/index", f"{stem}/README"] if stem else ["index", "README"]
    if stem:
        bases.insert(0, stem)
    for code in dict.fromkeys([lang, default]):
        for base in bases:
            names.append((f"{base}.{code}.md", code))
            if code == default:
                names.append((f"{base}.md", code))
    return names


def source_for_page(
    page: str, docs_dir: Path, languages: tuple[str, ...], default: str
) -> Source:
    """The Markdown file a site-relative page path ('cy/schools/') was built from."""
    lang, rest = page_language(page, languages, default)
    stem = unquote(rest)
    if stem.endswith("/"):
        stem = stem[:-1]
    elif stem.endswith(".html"):
        stem = stem[: -len(".html")]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")].rstrip("/")
    for name, code in candidates(stem, lang, default):
        path = docs_dir / name
        if path.is_file():
            return Source(path, lang, code)
    return Source(None, lang, lang)


def clues(context: str) -> list[str]:
    """Strings from an element's HTML snippet worth looking for in Markdown."""
    found: list[str] = []
    for name, value in ATTR.findall(context or ""):
        value = html.unescape(value).strip()
        if not value or value.startswith("#"):
            continue
        if name.lower() in ("src", "href"):
            tail = value.rstrip("/").rsplit("/", 1)[-1]
            if value.startswith(("http:", "https:", "mailto:", "tel:")):
                found.append(value)
            if tail and tail not in ("..", "."):
                found.append(tail.split("#")[0].split("?")[0])
        else:
            found.append(value)
    text = html.unescape(TAG.sub(" ", context or ""))
    text = " ".join(text.split()).rstrip(".").removesuffix("...").strip()
    if len(text) >= 3:
        found.append(text[:60])
    # Longest first: they are the most specific.
    return sorted(dict.fromkeys(c for c in found if len(c) >= 3), key=len, reverse=True)


def line_of(markdown: str, context: str) -> int | None:
    """The first line (1-based) of ``markdown`` that holds a clue from ``context``."""
    if not markdown:
        return None
    lines = markdown.splitlines()
    for clue in clues(context):
        for number, line in enumerate(lines, start=1):
            if clue in line:
                return number
    return None
