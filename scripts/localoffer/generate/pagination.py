"""Long lists shown a page at a time, with GOV.UK-style page links.

A list that grows with the site (the services directory and its filter pages, the search
page's list of pages, the editors' translation status and topic coverage pages) is cut
into pages of at most ``per_page`` items, so no built page goes over the page-weight
budget (40 KB of HTML, issue 8) however big the site gets. Families without JavaScript
reach every item by following the page links.

* ``page_paths("services/index.md", 3)``: the English-style source paths of the pages:
  ``services/index.md``, ``services/page-2.md``, ``services/page-3.md``. A list whose first
  page is ``services/age-0-5.md`` goes on in ``services/age-0-5/page-2.md``.
* ``page_count(sizes, per_page)`` and ``split(items, pages, per_page)``: every language
  gets the same number of pages (the language switch links each page to the same page in
  the other language), even when one language has fewer items.
* ``nav(paths, current, lang)``: the page links, as Markdown (``md_in_html`` and
  ``attr_list``): "Previous page", the page numbers (first, last, and the ones next to the
  current page; "…" for a gap), "Next page". The current page's link has
  ``aria-current="page"``; each number's name is "Page 2"; the ``<nav>`` has its own label.
* ``showing(...)``: "Showing services 21 to 40 of 95 (page 2 of 5)."

These are plain functions: data in, Markdown out.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import posixpath
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote

from localoffer.mdtext import escape
from localoffer.messages import t

# Items per page. Each is small enough that a full page of the longest items stays well
# under 40 KB of HTML with the page template (about 13 KB) around it.
SERVICES_PER_PAGE = 20
PAGES_PER_PAGE = 50  # a title and a short description each (search page, coverage)
ROWS_PER_PAGE = 50  # table rows (translation status)
# A description in a list is cut after this many characters (at a word), with "…".
DESCRIPTION_LIMIT = 200


def relative(target: str, here: str) -> str:
    """A Markdown link from the page ``here`` to ``target`` (both paths inside docs/). A file
    name is an editor's text: anything but letters, digits and ``/ # . - _ ~`` is
    percent-encoded, so a name can never end the link and become markup (issue 14)."""
    return quote(posixpath.relpath(target, posixpath.dirname(here) or "."), safe="/#.-_~")


def folder_of(path: str) -> str:
    """Where a page's further pages go: ``search.md`` -> ``search``,
    ``services/index.md`` -> ``services``, ``services/age-0-5.md`` -> ``services/age-0-5``."""
    stem = path[:-3] if path.endswith(".md") else path
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem


def page_paths(first: str, count: int) -> list[str]:
    """The source paths of a list's ``count`` pages; the first is ``first`` itself."""
    folder = folder_of(first)
    return [first] + [posixpath.join(folder, f"page-{number}.md") for number in range(2, count + 1)]


def page_count(sizes: Iterable[int], per_page: int) -> int:
    """How many pages a list needs: enough for the language with the most items (at least 1)."""
    return max([1, *(math.ceil(size / per_page) for size in sizes)])


def split(items: Sequence, pages: int, per_page: int) -> list[list]:
    """``items`` over exactly ``pages`` pages.

    Full pages of ``per_page`` when the items fill ``pages`` pages; otherwise (a language
    with fewer items than the other) the items are spread evenly, so that every page has
    some when it can.
    """
    items = list(items)
    if len(items) > (pages - 1) * per_page:
        size = per_page
    else:
        size = max(1, math.ceil(len(items) / pages))
    return [items[index * size:(index + 1) * size] for index in range(pages)]


def window(current: int, total: int) -> list[int | None]:
    """The page numbers to show (GOV.UK pagination): the first and last pages, the current
    page and the pages next to it. ``None`` stands for a gap; a gap of one page shows
    that page's number instead."""
    wanted = sorted({1, total, current - 1, current, current + 1} & set(range(1, total + 1)))
    out: list[int | None] = []
    previous = 0
    for number in wanted:
        if number - previous == 2:
            out.append(number - 1)
        elif number - previous > 2:
            out.append(None)
        out.append(number)
        previous = number
    return out


def numbered_title(title: str, current: int, total: int, lang: str) -> str:
    """``title``, with "(page 2 of 5)" when the list has more than one page."""
    if total < 2:
        return title
    return t("pages.numbered_title", lang, title=title, page=current, pages=total)


def nav(paths: Sequence[str], current: int, lang: str) -> str:
    """The page links below a list, as Markdown; "" when the list has one page.

    ``paths`` are the list's pages (``page_paths``); ``current`` counts from 1.
    """
    total = len(paths)
    if total < 2:
        return ""
    here = paths[current - 1]
    lines = [f'<nav class="lok-pagination" aria-label="{t("pages.nav_label", lang)}" markdown>', ""]
    if current > 1:
        lines.append(f'- [{t("pages.previous", lang)}]({relative(paths[current - 2], here)}){{: rel="prev" }}')
    for number in window(current, total):
        if number is None:
            lines.append("- …")
            continue
        attributes = f'aria-label="{t("pages.page_label", lang, page=number)}"'
        if number == current:
            attributes += ' aria-current="page"'
        lines.append(f"- [{number}]({relative(paths[number - 1], here)}){{: {attributes} }}")
    if current < total:
        lines.append(f'- [{t("pages.next", lang)}]({relative(paths[current], here)}){{: rel="next" }}')
    lines += ["", "</nav>", ""]
    return "\n".join(lines)


def showing(kind: str, lang: str, current: int, total_pages: int, first: int, shown: int, count: int) -> str:
    """"Showing services 21 to 40 of 95 (page 2 of 5)." ``kind``: ``services`` or ``pages``.

    "" for a list on one page; a sentence saying this part is empty when ``shown`` is 0
    (a language with fewer pages than the other).
    """
    if not shown:
        return t("pages.showing_none", lang)
    if total_pages < 2:
        return ""
    return t(f"pages.showing_{kind}", lang, first=first, last=first + shown - 1, total=count,
             page=current, pages=total_pages)


def short(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters with "…"."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return cut + "…"


# --- pages that carry on from a hand-written page -----------------------------------------

def _yaml_text(text: str) -> str:
    """A one-line YAML string (JSON strings are valid YAML)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


def _date(value) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def front_matter_like(parent: dict, title: str, **extra) -> str:
    """Front matter for a page that carries on from the hand-written page ``parent``
    (its front matter): the same description, review dates and owner, a new title, and
    ``extra`` keys (for example ``search_exclude=True``)."""
    lines = ["---", f"title: {_yaml_text(title)}"]
    if parent.get("description"):
        lines.append(f"description: {_yaml_text(parent['description'])}")
    for key in ("last_reviewed", "review_due"):
        value = _date(parent.get(key))
        if value:
            lines.append(f"{key}: {value}")
    if parent.get("owner"):
        lines.append(f"owner: {_yaml_text(parent['owner'])}")
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def heading(title: str) -> str:
    return f"# {escape(title)}\n"


class HandWritten:
    """A hand-written page whose front matter says ``generate: <name>``, in each language.

    ``path`` is its English-style source path (``search.md``); ``front_matter[lang]`` is
    the front matter of the page in ``lang``, or of the English page when ``lang`` has none.
    """

    def __init__(self, path: str, front_matter: dict[str, dict]) -> None:
        self.path = path
        self.front_matter = front_matter

    def meta(self, lang: str) -> dict:
        return self.front_matter.get(lang) or self.front_matter.get("en") or next(iter(self.front_matter.values()))

    def title(self, lang: str) -> str:
        title = self.meta(lang).get("title")
        return str(title) if title else posixpath.basename(folder_of(self.path)) or self.path


_DOCS_CACHE: dict = {}


def docs_pages(docs_dir: Path) -> list:
    """Every Markdown page in ``docs_dir`` (``source.Page``, paths relative to docs/), read
    once per version of the folder, for the page makers that need each page's path,
    language, front matter and headings only (``light``): a page's text, words and links
    are not kept, so a build of 5,000 pages does not hold them all (issue 17)."""
    return _docs_entry(docs_dir)["pages"]


def derived(docs_dir: Path, name: str, compute):
    """``compute(pages)`` for the whole pages of ``docs_dir``, worked out once per version
    of the folder (each language's page maker and section maker ask for the same list).
    The pages are parsed for it and let go after (``source.read_page`` keeps them when the
    checks run in the same process: then this costs nothing)."""
    entry = _docs_entry(docs_dir)
    if name not in entry["derived"]:
        entry["derived"][name] = compute(_read_all(Path(docs_dir), light_only=False))
    return entry["derived"][name]


def light(page):
    """The parts of a parsed page that the page makers read about other pages."""
    from localoffer.source import Page

    return Page(path=page.path, lang=page.lang, lines=[], front_matter=page.front_matter,
                front_matter_span=page.front_matter_span, headings=page.headings)


def _read_all(docs_dir: Path, light_only: bool) -> list:
    from localoffer.pagemeta import unsafe_file_name
    from localoffer.source import language_of, parse_bytes, read_page

    # ``localoffer build`` runs the checks in a process of their own
    # (mkdocs_adapter.CHECKS_ENV): then nothing else in this process reads the pages, and
    # read_page's cache would keep every parsed page to the end of the build
    keep = os.environ.get("LOCALOFFER_CHECKS") != "separate"
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        shown, lang = path.relative_to(docs_dir).as_posix(), language_of(path)
        if unsafe_file_name(shown):  # left out of the site (meta/file-name): no list links to it
            continue
        try:
            page = read_page(path, shown, lang) if keep else parse_bytes(path.read_bytes(), shown, lang)
        except OSError:
            continue
        pages.append(light(page) if light_only else page)
    return pages


def _docs_entry(docs_dir: Path) -> dict:
    docs_dir = Path(docs_dir)
    key = _folder_version(docs_dir)
    if key not in _DOCS_CACHE:
        _DOCS_CACHE.clear()
        _DOCS_CACHE[key] = {"pages": _read_all(docs_dir, light_only=True), "derived": {}}
    return _DOCS_CACHE[key]


def _folder_version(docs_dir: Path) -> tuple:
    """Every Markdown file under ``docs_dir`` with its modification time and size. Asked
    for many times a build, so it uses os.scandir, not pathlib (five times quicker)."""
    key: list = [os.path.realpath(docs_dir)]
    folders = [str(docs_dir)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir():
                        folders.append(entry.path)
                    elif entry.name.endswith(".md"):
                        try:
                            stat = entry.stat()
                        except OSError:
                            continue
                        key.append((entry.path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    key[1:] = sorted(key[1:])
    return tuple(key)


def hand_written(docs_dir: Path, name: str) -> list[HandWritten]:
    """Every hand-written page in ``docs_dir`` with ``generate: <name>``, by English-style path."""
    from localoffer.source import base_name

    found: dict[str, dict[str, dict]] = {}
    for page in docs_pages(docs_dir):
        if (page.front_matter or {}).get("generate") == name:
            found.setdefault(base_name(page.path), {})[page.lang] = page.front_matter
    return [HandWritten(path, front) for path, front in sorted(found.items())]


def the_page(docs_dir: Path, name: str, meta: dict, lang: str, default: str) -> HandWritten:
    """The hand-written page with ``generate: <name>`` that ``meta`` (its front matter, as
    MkDocs read it) belongs to; a stand-in at ``default`` when none is found."""
    pages = hand_written(docs_dir, name)
    for page in pages:
        if len(pages) == 1 or page.meta(lang).get("title") == (meta or {}).get("title"):
            return page
    return HandWritten(default, {lang: dict(meta or {})})
