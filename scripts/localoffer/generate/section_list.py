"""A section's page lists the section's pages, a page at a time. A hand-written page says
``generate: section`` (usually ``schools/index.md``, the page the menu links a section to).

The list is every page in the page's folder (``schools/...``, sub-folders too) in that
language, by title, with its description: ``pagination.PAGES_PER_PAGE`` on the section's
page, the rest on ``schools/page-2.md``, ``schools/page-3.md`` ... with page links. A
section of 500 pages so never makes a page too big (40 KB, issue 17), and the menu can show
only the pages next to the one being read, with a link here for the rest
(``overrides/partials/nav-item.html``).

Every language gets the same pages (the language switch links each page to the same page
in the other language). Pages that are made from data or that say ``search: false`` are
not listed (as on the search page).
"""

from __future__ import annotations

from localoffer.generate import page_maker, pagination, section_maker
from localoffer.generate.search_page import _list_part, _starts, listings
from localoffer.messages import t

GENERATE = "section"


def items_of(lists: dict[str, list[dict]], folder: str) -> dict[str, list[dict]]:
    """The pages in ``folder`` (not its own page), in each language, by title."""
    prefix = folder + "/"
    own = {f"{folder}/index.md", f"{folder}.md"}
    return {lang: [item for item in items if item["name"].startswith(prefix) and item["name"] not in own]
            for lang, items in lists.items()}


def split(items: dict[str, list[dict]], first_path: str) -> tuple[list[str], dict[str, list[list[dict]]]]:
    """The list's page paths, and each language's items over them."""
    per_page = pagination.PAGES_PER_PAGE
    count = pagination.page_count((len(found) for found in items.values()), per_page)
    return (pagination.page_paths(first_path, count),
            {lang: pagination.split(found, count, per_page) for lang, found in items.items()})


def list_text(items: dict[str, list[dict]], paths: list[str], chunks: dict, number: int, lang: str) -> str:
    """Part ``number`` (from 1) of the list in ``lang``, as Markdown, with its heading."""
    found = chunks.get(lang) or [[] for _ in paths]
    starts = _starts(found)
    lines = [f"## {t('pages.section_list_heading', lang)}", ""]
    if not items.get(lang):
        return "\n".join(lines + [t("pages.showing_none", lang)]) + "\n"
    lines += _list_part(found[number - 1], len(items[lang]), starts[number - 1], paths, number, lang)
    return "\n".join(lines) + "\n"


@section_maker(GENERATE)
def section_list(settings, lang: str, meta: dict) -> str:
    page = pagination.the_page(settings.docs_dir, GENERATE, meta, lang, "index.md")
    items = items_of(listings(settings.docs_dir, settings.languages), pagination.folder_of(page.path))
    paths, chunks = split(items, page.path)
    return list_text(items, paths, chunks, 1, lang)


@page_maker(GENERATE)
def section_list_pages(settings, lang: str) -> dict[str, str]:
    """Page 2 onwards of every long section list, in ``lang``: {source path: Markdown}."""
    pages = pagination.hand_written(settings.docs_dir, GENERATE)
    if not pages:
        return {}
    lists = listings(settings.docs_dir, settings.languages)
    out: dict[str, str] = {}
    for page in pages:
        items = items_of(lists, pagination.folder_of(page.path))
        paths, chunks = split(items, page.path)
        for number, path in enumerate(paths[1:], start=2):
            title = pagination.numbered_title(page.title(lang), number, len(paths), lang)
            head = pagination.front_matter_like(page.meta(lang), title, search_exclude=True)
            out[path] = head + pagination.heading(title) + "\n" + list_text(items, paths, chunks, number, lang)
    return out
