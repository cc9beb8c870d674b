"""Kinds of page, from the built HTML: which pages get the keyboard walk, and how
``--shard K/N`` spreads pages over the parts.

Pages of one kind share a layout: the home page, a list of services, a service with its
contact card, a page with a form or a table, a page with a table of contents, a plain
page. A Tab walk on one page of each kind in each language covers every template
(WCAG 2.1.1, 2.4.7, 2.4.11) without walking every page. The kind comes only from what
the browser gets (any council's theme changes keep working): the first rule that matches.
"""

from __future__ import annotations

import re
from pathlib import Path

from localoffer.a11y import sourcemap

ARTICLE = re.compile(r"<article\b.*?</article>", re.S | re.I)
SECONDARY_NAV = re.compile(r'class="md-nav md-nav--secondary".*?</nav>', re.S)

# (kind, test on the article's HTML) in order; the first match wins.
RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("service-list", re.compile(r'class="[^"]*\blok-service-list\b')),
    ("service", re.compile(r'class="[^"]*\blok-contact-card\b')),
    ("search", re.compile(r'class="[^"]*\blok-search-results\b')),
    ("form", re.compile(r"<(form|input|select|textarea)\b", re.I)),
    ("table", re.compile(r"<table\b", re.I)),
    ("details", re.compile(r"<details\b", re.I)),
)


def is_home(page: str, languages: tuple[str, ...]) -> bool:
    """'' and 'cy/' are home pages."""
    return page == "" or (page.endswith("/") and page[:-1] in languages)


def page_kind(page: str, html_text: str, languages: tuple[str, ...]) -> str:
    """The kind of a built page: 'home', 'service-list', ..., 'contents' or 'page'."""
    if is_home(page, languages):
        return "home"
    match = ARTICLE.search(html_text)
    article = match.group(0) if match else html_text
    for kind, pattern in RULES:
        if pattern.search(article):
            return kind
    toc = SECONDARY_NAV.search(html_text)
    if toc and "md-nav__link" in toc.group(0):
        return "contents"
    return "page"


def kinds_of(files: dict[str, Path], languages: tuple[str, ...]) -> dict[str, str]:
    """page -> kind, for every page in ``files`` (page -> built HTML file)."""
    return {
        page: page_kind(page, path.read_text("utf-8", "replace"), languages)
        for page, path in files.items()
    }


def keyboard_pages(kinds: dict[str, str], languages: tuple[str, ...], default: str,
                   prefer: set[str] | None = None) -> set[str]:
    """One page of each kind: pages in ``prefer`` (pages for families) first, then pages
    in the default language, then the first by address. 404 pages are left out. Both
    languages share the templates, so one language is enough for a kind."""
    chosen: dict[str, str] = {}
    prefer = set(kinds) if prefer is None else prefer

    def order(page: str) -> tuple:
        lang, _ = sourcemap.page_language(page, languages, default)
        return (page not in prefer, lang != default, page)

    for page in sorted(kinds, key=order):
        if page.rsplit("/", 1)[-1] == "404.html":
            continue
        chosen.setdefault(kinds[page], page)
    return set(chosen.values())


def shard(pages: list[str], kinds: dict[str, str], part: int, parts: int) -> list[str]:
    """Part ``part`` (1-based) of ``parts``: pages sorted by kind then path, dealt in turn,
    so every page is in exactly one part and each kind is spread evenly."""
    if not 1 <= part <= parts:
        raise ValueError(f"part {part} of {parts}")
    ordered = sorted(pages, key=lambda page: (kinds.get(page, "page"), page))
    return sorted(ordered[part - 1::parts])
