"""The search page: where results appear, and every page of the language for readers
without JavaScript. A hand-written page says ``generate: search``.

A small site lists every page on the search page itself (``search.search_page_markdown``).
When a language has more than ``pagination.PAGES_PER_PAGE`` pages, the list moves to pages
of its own so that no page gets too big:

* with pages in folders, the search page lists the sections (one per top folder, plus
  "General pages" for the pages at the top), each linking to ``search/<folder>.md``, which
  lists that section's pages (over ``search/<folder>/page-2.md`` ... when it is long);
* with every page at the top (one section), the search page shows the first part of the
  list, and ``search/page-2.md`` ... the rest.

Every language gets the same pages (the language switch links each page to the same page
in the other language); a section with no Welsh pages yet says so in Welsh.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from localoffer import search
from localoffer.generate import page_maker, pagination, section_maker
from localoffer.mdtext import escape  # editors' titles: text for Markdown and HTML
from localoffer.messages import t, tn

GENERATE = "search"
LIST_START = [
    # the list repeats every page's title and description: keep it out of the search index
    '<div class="lok-search-list" data-pagefind-ignore="all" markdown="1">',
    "",
]
LIST_END = ["", "</div>"]


@dataclass
class Section:
    """The pages of one top folder ("" for the pages at the top), in each language."""

    folder: str
    slug: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    items: dict[str, list[dict]] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        if not self.folder:
            return t("pages.search_general", lang)
        return self.titles.get(lang) or self.titles.get("en") or self.folder.replace("-", " ").capitalize()


def listings(docs_dir: Path, languages, settings=None) -> dict[str, list[dict]]:
    """``search.listing`` for every language: the pages a reader can find, sorted by title,
    with the services directory and each service's page (made from data/services/)."""
    languages = tuple(languages)
    lists = pagination.derived(docs_dir, ("search", languages),
                               lambda pages: {lang: search.listing(pages, lang) for lang in languages})
    if settings is None:
        return lists
    extra = service_listing(settings, languages)
    if not any(extra.values()):
        return lists
    return {lang: sorted(lists[lang] + extra[lang], key=lambda item: search._sort_key(item["title"], lang))
            for lang in languages}


def service_listing(settings, languages) -> dict[str, list[dict]]:
    """The services directory and its services, as items of the list of all pages."""
    from localoffer import services as services_module
    from localoffer.generate import services as services_pages

    found = [s for s in services_module.load_all(settings.root).services if s["status"] != "defunct"]
    out: dict[str, list[dict]] = {lang: [] for lang in languages}
    if not found:
        return out
    for lang in languages:
        council = settings.council["name"].get(lang) or settings.council["name"]["en"]
        out[lang].append({"name": f"{services_pages.FOLDER}/index.md", "title": t("data.services.title", lang),
                          "description": t("data.services.description", lang, council=council)})
        for service in found:
            out[lang].append({"name": f"{services_pages.FOLDER}/{service['id']}.md", "title": service["name"][lang],
                              "description": pagination.short(services_pages._first_sentence(
                                  service["description"][lang]))})
    return out


def sections(lists: dict[str, list[dict]]) -> list[Section]:
    """The pages grouped by top folder. ``schools.md`` goes with ``schools/...`` when that
    folder exists. A section's title is its folder's index page's title (or the top page of
    the same name). Sections with a page in any language exist in every language."""
    folders = {item["name"].split("/", 1)[0] for items in lists.values() for item in items if "/" in item["name"]}

    def folder_of(name: str) -> str:
        if "/" in name:
            return name.split("/", 1)[0]
        stem = name[:-3] if name.endswith(".md") else name
        return stem if stem in folders else ""

    found: dict[str, Section] = {}
    for lang, items in lists.items():
        for item in items:
            folder = folder_of(item["name"])
            section = found.setdefault(folder, Section(folder))
            section.items.setdefault(lang, []).append(item)
            if item["name"] in (f"{folder}/index.md", f"{folder}.md") and folder:
                if item["name"].endswith("/index.md") or lang not in section.titles:
                    section.titles[lang] = item["title"]
    taken = set(found)
    for section in found.values():
        section.slug = section.folder
        if not section.folder:
            section.slug = next(name for name in ("general", "general-pages", "top-pages") if name not in taken)
        for lang in lists:
            section.items.setdefault(lang, [])
    return [found[key] for key in sorted(found, key=lambda key: (key != "", key))]


def is_long(lists: dict[str, list[dict]]) -> bool:
    return max([0, *(len(items) for items in lists.values())]) > pagination.PAGES_PER_PAGE


def _item_line(item: dict, here: str) -> str:
    line = f"- [{escape(item['title'])}]({pagination.relative(item['name'], here)})"
    if item.get("description"):
        line += f": {escape(pagination.short(item['description']))}"
    return line


def _list_part(items: list[dict], total: int, first: int, paths: list[str], number: int, lang: str,
               open_list: bool = True) -> list[str]:
    """One page of a list of pages: where it is in the list, the pages, the page links."""
    out = list(LIST_START) if open_list else []
    status = pagination.showing("pages", lang, number, len(paths), first, len(items), total)
    if status:
        out += [status, ""]
    out += [_item_line(item, paths[number - 1]) for item in items]
    out += LIST_END
    links = pagination.nav(paths, number, lang)
    return out + (["", links] if links else [])


def _split(section: Section, first_path: str) -> tuple[list[str], dict[str, list[list[dict]]]]:
    per_page = pagination.PAGES_PER_PAGE
    count = pagination.page_count((len(items) for items in section.items.values()), per_page)
    return (pagination.page_paths(first_path, count),
            {lang: pagination.split(items, count, per_page) for lang, items in section.items.items()})


def _starts(chunks: list[list]) -> list[int]:
    starts, first = [], 1
    for chunk in chunks:
        starts.append(first)
        first += len(chunk)
    return starts


def search_text(lists: dict[str, list[dict]], lang: str, here: str) -> str:
    """What goes on the search page (at ``here``) in ``lang``."""
    if not is_long(lists):
        return search.search_page_markdown(lang, lists[lang], posixpath.dirname(here))
    found = sections(lists)
    head = [f"## {t('site.search_page_list_heading', lang)}", ""]
    results = [search.nojs_notice(lang), "", '<div id="lok-search-results" class="lok-search-results" hidden></div>', ""]
    if len(found) == 1:  # every page at the top: the first part of the list is here
        paths, chunks = _split(found[0], here)
        lines = [*results, *LIST_START, *head, t("site.search_page_intro", lang), ""]
        lines += _list_part(chunks[lang][0], len(found[0].items[lang]), 1, paths, 1, lang, open_list=False)
        return "\n".join(lines) + "\n"
    folder = pagination.folder_of(here)
    lines = [*results, *LIST_START, *head, t("pages.search_sections_intro", lang), ""]
    for section in found:
        if section.items[lang]:
            target = pagination.relative(f"{folder}/{section.slug}.md", here)
            count = tn("pages.count", lang, len(section.items[lang]))
            lines.append(f"- [{escape(section.title(lang))}]({target}) ({count})")
    lines += LIST_END
    return "\n".join(lines) + "\n"


def section_pages(lists: dict[str, list[dict]], page: pagination.HandWritten, lang: str) -> dict[str, str]:
    """The pages after the search page in ``lang``: {source path: Markdown}."""
    if not is_long(lists):
        return {}
    found = sections(lists)
    out: dict[str, str] = {}
    for section in found:
        if len(found) == 1:
            paths, chunks = _split(section, page.path)
            title = page.title(lang)
        else:
            paths, chunks = _split(section, f"{pagination.folder_of(page.path)}/{section.slug}.md")
            title = f"{page.title(lang)}: {section.title(lang)}"
        starts = _starts(chunks[lang])
        for number, path in enumerate(paths, start=1):
            if path == page.path:
                continue
            page_title = pagination.numbered_title(title, number, len(paths), lang)
            lines = [pagination.front_matter_like(page.meta(lang), page_title, search_exclude=True)
                     + pagination.heading(page_title)]
            intro = "pages.search_section_intro" if len(found) > 1 else "site.search_page_intro"
            lines += [t(intro, lang), ""]
            lines += _list_part(chunks[lang][number - 1], len(section.items[lang]), starts[number - 1],
                                paths, number, lang)
            if len(found) > 1:
                lines += ["", f"[{t('pages.search_back', lang)}]({pagination.relative(page.path, path)})", ""]
            out[path] = "\n".join(lines)
    return out


@section_maker(GENERATE)
def search_section(settings, lang: str, meta: dict) -> str:
    page = pagination.the_page(settings.docs_dir, GENERATE, meta, lang, "search.md")
    lists = listings(settings.docs_dir, settings.languages, settings)
    return search_text(lists, lang, page.path)


@page_maker(GENERATE)
def search_list_pages(settings, lang: str) -> dict[str, str]:
    """For a long site: the search page's sections and the rest of its list, in ``lang``."""
    pages = pagination.hand_written(settings.docs_dir, GENERATE)
    if not pages:
        return {}
    lists = listings(settings.docs_dir, settings.languages, settings)
    out: dict[str, str] = {}
    for page in pages:
        out.update(section_pages(lists, page, lang))
    return out
