"""The editors' translation status page (``generate: translation-status``).

The hand-written page gets the summary and the first ``pagination.ROWS_PER_PAGE`` rows of
the table, most urgent first (missing, out of date, not recorded, then translated). A
longer table goes on in ``translation-status/page-2.md`` and so on, with page links, so no
page gets too big. The page also says how to get the whole list as a spreadsheet
(``localoffer translations --format csv``).
"""

from __future__ import annotations

from localoffer import translation
from localoffer.generate import page_maker, pagination, section_maker
from localoffer.mdtext import escape
from localoffer.messages import t
from localoffer.pagemeta import unsafe_file_name

GENERATE = "translation-status"
# An out-of-date page names at most this many changed sections in its row.
CHANGES_SHOWN = 5


def ordered(pages_status) -> list:
    """The pages to list (not generated ones), most urgent first, the most words first."""
    items = [item for item in pages_status if not item.generated]
    order = {name: rank for rank, name in enumerate(translation.STATUSES)}
    return sorted(items, key=lambda item: (order[item.status], -item.words, item.name))


def _cell(text: str) -> str:
    """Text (titles, headings, file names from editors) as one table cell: escaped for
    Markdown and HTML, so it shows as written and never becomes markup (issue 14)."""
    return escape(" ".join(str(text).split()))


def _changes(item, lang: str, command: str) -> str:
    if item.status == translation.OUTDATED and len(item.changes) > CHANGES_SHOWN:
        shown = [translation.describe_change(change, lang) for change in item.changes[:CHANGES_SHOWN]]
        shown.append(t("pages.status_more_changes", lang, count=len(item.changes) - CHANGES_SHOWN))
        return "; ".join(shown)
    return translation.what_needs_translating(item, lang, command)


def table(items: list, lang: str, here: str, docs_prefix: str = "docs") -> list[str]:
    """The table of ``items`` (``translation.PageStatus``) in ``lang``, linking from ``here``."""
    lines = [
        f"| {t('i18n.status.col_page', lang)} | {t('i18n.status.col_status', lang)} "
        f"| {t('i18n.status.col_changes', lang)} | {t('i18n.status.col_words', lang)} |",
        "| --- | --- | --- | --- |",
    ]
    for item in items:
        title = item.title.get(lang) or item.title.get("en") or item.title.get("cy") or item.name
        link = _cell(title)
        if not unsafe_file_name(item.name):  # a name we refuse (meta/file-name) gets no link
            link = f"[{link}]({pagination.relative(item.name, here)})"
        command = f"{docs_prefix.rstrip('/')}/{item.en_path or item.name}"
        lines.append(f"| {link} | {_cell(translation.status_label(item, lang))} "
                     f"| {_cell(_changes(item, lang, command))} | {item.words} |")
    return lines


def _split(items: list, first_path: str) -> tuple[list[str], list[list]]:
    count = pagination.page_count([len(items)], pagination.ROWS_PER_PAGE)
    return pagination.page_paths(first_path, count), pagination.split(items, count, pagination.ROWS_PER_PAGE)


def page_part(items: list, paths: list[str], chunks: list[list], number: int, lang: str, docs_prefix: str) -> list[str]:
    """Page ``number`` of the table: where it is in the list, the rows, the page links."""
    first = 1 + sum(len(chunk) for chunk in chunks[:number - 1])
    out = []
    status = items and pagination.showing("pages", lang, number, len(paths), first, len(chunks[number - 1]),
                                           len(items))
    if status:
        out += [status, ""]
    out += table(chunks[number - 1], lang, paths[number - 1], docs_prefix)
    links = pagination.nav(paths, number, lang)
    return out + (["", links] if links else [])


def first_page(items: list, lang: str, here: str, docs_prefix: str = "docs") -> str:
    """What goes on the hand-written page: the summary, how to get the whole list, and the
    first part of the table."""
    paths, chunks = _split(items, here)
    counts = translation.summary(items)
    out = [t("i18n.status.intro", lang), "", t("i18n.status.summary", lang, total=len(items), **counts), ""]
    if len(paths) > 1:
        out += [t("pages.status_split", lang, pages=len(paths)), ""]
    out += [t("pages.status_csv", lang), ""]
    out += page_part(items, paths, chunks, 1, lang, docs_prefix)
    return "\n".join(out) + "\n"


def later_pages(items: list, page: pagination.HandWritten, lang: str, docs_prefix: str = "docs") -> dict[str, str]:
    """The rest of the table, one page each: {source path: Markdown}."""
    paths, chunks = _split(items, page.path)
    out = {}
    for number in range(2, len(paths) + 1):
        title = pagination.numbered_title(page.title(lang), number, len(paths), lang)
        text = pagination.front_matter_like(page.meta(lang), title, search_exclude=True) + pagination.heading(title)
        out[paths[number - 1]] = text + "\n" + "\n".join(page_part(items, paths, chunks, number, lang, docs_prefix)) + "\n"
    return out


def _items(settings) -> list:
    return pagination.derived(settings.docs_dir, GENERATE,
                              lambda pages: ordered(translation.statuses(
                                  p for p in pages if p.lang in ("en", "cy"))))


def _docs_prefix(settings) -> str:
    try:
        return settings.docs_dir.relative_to(settings.root).as_posix()
    except (AttributeError, ValueError):
        return "docs"


@section_maker(GENERATE)
def translation_status_section(settings, lang: str, meta: dict) -> str:
    page = pagination.the_page(settings.docs_dir, GENERATE, meta, lang, "translation-status.md")
    return first_page(_items(settings), lang, page.path, _docs_prefix(settings))


@page_maker(GENERATE)
def translation_status_pages(settings, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    pages = pagination.hand_written(settings.docs_dir, GENERATE)
    if pages:
        items = _items(settings)
        for page in pages:
            out.update(later_pages(items, page, lang, _docs_prefix(settings)))
    return out
