"""``meta/duplicate-page``: no two pages in one language have the same title or address.

Source: WCAG 2.2 success criterion 2.4.2 (Page titled: titles describe the page, so
families can tell pages apart in menus, tabs and search results); MkDocs (``a.md`` and
``a/index.md`` both become the address ``a/``, and one page silently replaces the other).
"""

from __future__ import annotations

from localoffer import doclinks
from localoffer.rules import finding, site_rule
from localoffer.rules.meta.front_matter import key_line

RULE = "meta/duplicate-page"


def address(rel: str) -> str:
    """The address MkDocs gives a page (with directory URLs): ``a/b.md`` -> ``a/b/``."""
    suffix = doclinks.language_suffix(rel)
    if suffix and suffix[1] in ("en", "cy"):
        rel = suffix[0]
    stem = rel[:-3] if rel.endswith(".md") else rel
    head, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return "/" + (head + "/" if head else "")
    return "/" + stem + "/"


def _title(page) -> str:
    value = page.front_matter.get("title")
    return " ".join(value.split()).casefold() if isinstance(value, str) else ""


@site_rule(RULE)
def duplicate_page(pages, ctx):
    """Pages in the same language with the same title, or that make the same address."""
    out = []
    titles: dict[tuple[str, str], object] = {}
    addresses: dict[tuple[str, str], object] = {}
    for page in sorted(pages, key=lambda p: p.path):
        title = _title(page)
        if title:
            first = titles.setdefault((page.lang, title), page)
            if first is not page:
                out.append(finding(page, RULE, "error", key_line(page, "title"), 1,
                                   "checks.meta.duplicate_title", suggestion_key="checks.meta.duplicate_title.fix",
                                   title=page.front_matter["title"].strip(), other=first.path))
        rel = ctx.docs_path(page)
        if rel is None:
            continue
        where = address(rel)
        first = addresses.setdefault((page.lang, where), page)
        if first is not page:
            out.append(finding(page, RULE, "error", 1, 1, "checks.meta.duplicate_address",
                               suggestion_key="checks.meta.duplicate_address.fix",
                               address=where, other=first.path))
    return out
