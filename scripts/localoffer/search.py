"""Search in each language, with Pagefind, and a page of all pages for readers without JavaScript.

* ``index_site(settings, site_dir, args)``: a post-build step. Runs the Pagefind binary
  (from ``pagefind[bin]``, offline) on each language's folder of the built site, a bundle
  per language (``pagefind/``, ``cy/pagefind/``), so a Welsh page searches the Welsh index
  only. ``Indexer`` runs one of them; ``localoffer build`` starts each as soon as that
  language's pages are built. Pagefind indexes only the
  ``data-pagefind-body`` element, which the page template puts on translated pages only:
  an untranslated (fallback) page under ``/cy/`` is never a Welsh result. A language with
  more than ``PART_PAGES`` searchable pages is indexed in parts, to bound the memory.
* ``search_page_markdown(lang, pages)``: the text of the search page (front matter
  ``generate: search``): every page in that language, for readers without JavaScript
  (the header's search form goes there) and as the place where results appear.
* ``template_context(lang, search_url)``: what ``overrides/partials/lok-search.html`` needs.

Our own small script (``overrides/assets/javascripts/lok-search.js``) drives Pagefind's
JavaScript API; Pagefind's ready-made interfaces (120 KB) are deleted from the site.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from localoffer import translation  # noqa: F401  (makes sure our messages are loaded)
from localoffer.messages import cli_language, t
from localoffer.source import language_of, read_page

BUNDLE_DIR = "pagefind"
# Pagefind's own search interfaces: we use our own (lok-search.js), so we do not publish these.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
BODY_MARKER = "data-pagefind-body"


# --- indexing ------------------------------------------------------------------------------

def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    """Pagefind's own program from the ``pagefind[bin]`` package (``python -m pagefind``
    only finds and starts it, which costs a Python start-up for each language). The bundle
    goes in ``site_dir/pagefind``, or in ``output`` when given (a part of the index)."""
    try:
        from pagefind_bin import get_executable

        program = [str(get_executable())]
    except Exception:  # another packaging of Pagefind: let its Python wrapper find it
        program = [sys.executable, "-m", "pagefind"]
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE_DIR]
    return [*program, "--site", str(site_dir), *where]


def bundle_prefix(lang: str, default: str) -> str:
    """Where a language's search bundle is, from the site's top: "" (``pagefind/``) for the
    default language, ``cy/`` (``cy/pagefind/``) for Welsh.

    Each language has a bundle of its own, made from its own folder only: a Welsh reader
    downloads only the Welsh index. The languages are indexed one after another: Pagefind
    holds a language's whole index in memory (about 120 KB a built page), so two at once
    would double the build's peak memory (issue 17)."""
    return "" if lang == default else f"{lang}/"


# Pagefind holds everything it reads in memory (about 180 KB a searchable page, twice over
# while it sorts pages by language), however small the pages are. A language with more
# searchable pages than this is indexed in parts, one Pagefind at a time, each part a bundle
# of its own (``pagefind/``, ``pagefind/part-2/`` ...). lok-search.js reads the list of
# parts from ``pagefind/lok-parts.json`` and searches them all at once with Pagefind's
# ``mergeIndex`` (the WebAssembly is loaded once). This bounds the build's memory on a big
# site; a reader downloads a few small files more. LOCALOFFER_SEARCH_PART_PAGES changes it
# (tests use small parts).
PART_PAGES = 2000
PART_PAGES_ENV = "LOCALOFFER_SEARCH_PART_PAGES"
PARTS_FILE = "lok-parts.json"
# What a part's bundle does not need: the reader's browser loads Pagefind's script, worker
# and WebAssembly from the first bundle only.
PART_UNUSED_FILES = ("pagefind.js", "pagefind-worker.js")


def part_pages() -> int:
    try:
        return max(1, int(os.environ.get(PART_PAGES_ENV, "") or PART_PAGES))
    except ValueError:
        return PART_PAGES


def searchable_pages(root: Path) -> list[str]:
    """The built pages under ``root`` that Pagefind indexes (those with the body marker),
    as sorted paths from ``root``; the search bundle's own folder is left out."""
    found = []
    for path in root.rglob("*.html"):
        rel = path.relative_to(root).as_posix()
        if rel.split("/", 1)[0] == BUNDLE_DIR:
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            if BODY_MARKER in handle.read():
                found.append(rel)
    return sorted(found)


def split_parts(pages: list[str], size: int) -> list[list[str]]:
    """``pages`` (sorted) in consecutive parts of at most ``size``, as even as can be: every
    page in exactly one part, and the same pages always give the same parts."""
    if len(pages) <= size:
        return [pages]
    count = -(-len(pages) // size)
    step, extra = divmod(len(pages), count)
    parts, start = [], 0
    for number in range(count):
        end = start + step + (1 if number < extra else 0)
        parts.append(pages[start:end])
        start = end
    return parts


def part_folder(number: int) -> str:
    """Where part ``number`` (from 1) goes, from the language's bundle: "" for the first."""
    return "" if number == 1 else f"part-{number}/"


def _link_tree(root: Path, pages: list[str], dest: Path) -> None:
    """``dest`` with the same paths as ``root`` for ``pages`` only: hard links (no copying),
    or copies where the disk cannot link."""
    for rel in pages:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(root / rel, target)
        except OSError:
            shutil.copy2(root / rel, target)


class Indexer:
    """Pagefind on one folder of built pages (one language), in a process of its own.

    ``root`` is the folder the language's pages start in: the site for the default
    language (with no other language's pages in it while Pagefind reads it), or the
    language's own folder (``site/cy``). The bundle goes in ``root/pagefind``; a language
    with more than ``part_pages()`` searchable pages is indexed in parts, one after the
    other (see ``PART_PAGES``).

    ``start=False``: Pagefind starts only when ``finish`` is called, so that a list of
    indexers finished in turn runs one Pagefind at a time."""

    def __init__(self, root: Path, start: bool = True) -> None:
        self.root = Path(root)
        self.output = tempfile.TemporaryFile(mode="w+b")
        self.process = None
        self.started = False
        self.problem: str | None = None
        self.parts: list[list[str]] = []
        self.part = 0  # the part being indexed (from 1); 0: the whole folder at once
        self.work: Path | None = None  # the current part's folder of links
        if start:
            self.start()

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        shutil.rmtree(self.root / BUNDLE_DIR, ignore_errors=True)
        size = part_pages()
        # a folder with no more pages than one part holds is one part: not read at all
        if sum(1 for _ in self.root.rglob("*.html")) <= size:
            pages = []
        else:
            pages = searchable_pages(self.root)
        if len(pages) > size:
            self.parts = split_parts(pages, size)
            self._run_part(1)
        else:
            self._run(pagefind_command(self.root))

    def _run(self, command: list[str]) -> None:
        try:
            self.process = subprocess.Popen(command, stdout=self.output, stderr=subprocess.STDOUT)
        except OSError as error:
            self.problem = str(error)
            self.process = None

    def _run_part(self, number: int) -> None:
        """Start Pagefind on part ``number`` only: a folder of links to its pages, next to
        ``root`` (on the same disk), indexed into the part's own bundle."""
        self._tidy_work()
        self.part = number
        self.work = Path(tempfile.mkdtemp(prefix=f".lok-search-part-{number}-", dir=self.root.parent))
        _link_tree(self.root, self.parts[number - 1], self.work)
        output = self.root / BUNDLE_DIR / part_folder(number)
        self._run(pagefind_command(self.work, output))

    def _tidy_work(self) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None

    def _wait(self, timeout: float) -> int | None:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self.problem = f"no answer in {timeout:.0f} seconds"
            return None

    def finish(self, timeout: float = 600) -> str | None:
        """Start Pagefind if it has not started, wait for it (and for each part in turn) and
        tidy its bundle. None when it worked, else what went wrong (Pagefind's own messages
        are shown only then)."""
        self.start()
        try:
            while self.process is not None and self.problem is None:
                status = self._wait(timeout)
                bundle = self.root / BUNDLE_DIR / (part_folder(self.part) if self.part else "")
                made = bundle / ("pagefind-entry.json" if self.part > 1 else "pagefind.js")
                if self.problem is None and (status != 0 or not made.is_file()):
                    self.output.seek(0)
                    text = self.output.read().decode("utf-8", errors="replace").strip()
                    self.problem = (text.splitlines()[-1] if text else f"exit status {status}")
                    if text:
                        print(text, file=sys.stderr)
                if self.problem is None:
                    self._tidy_bundle(bundle)
                if self.problem is None and self.part and self.part < len(self.parts):
                    self._run_part(self.part + 1)
                else:
                    break
            if self.problem is None and self.process is not None:
                self._write_parts_file()
        finally:
            self._tidy_work()
            self.output.close()
        return self.problem

    def _tidy_bundle(self, bundle: Path) -> None:
        for name in UNUSED_BUNDLE_FILES:
            (bundle / name).unlink(missing_ok=True)
        if self.part > 1:
            for name in PART_UNUSED_FILES:
                (bundle / name).unlink(missing_ok=True)
            for wasm in bundle.glob("wasm.*.pagefind"):
                wasm.unlink()
        sort_entry_file(bundle / "pagefind-entry.json")

    def _write_parts_file(self) -> None:
        """``pagefind/lok-parts.json``: the other parts' folders, from the first bundle
        (``{"parts": []}`` when there is one part), for lok-search.js."""
        parts = [part_folder(number) for number in range(2, len(self.parts) + 1)]
        (self.root / BUNDLE_DIR / PARTS_FILE).write_text(
            json.dumps({"parts": parts}, separators=(",", ":")), encoding="utf-8")

    def languages(self) -> list[str]:
        return sorted(p.name.split(".")[1].split("_")[0] for p in (self.root / BUNDLE_DIR).glob("pagefind.*.pf_meta"))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._tidy_work()
        if not self.output.closed:
            self.output.close()


def has_body_marker(folder: Path) -> bool:
    return any(BODY_MARKER in p.read_text("utf-8", errors="replace") for p in _some_pages(Path(folder)))


def index_site(settings, site_dir, args=None) -> int:
    """Build the search index of the finished site in ``site_dir``, a bundle per language
    (``pagefind/``, ``cy/pagefind/``). 0 when it worked.

    While the default language is indexed, the other languages' folders are moved out of
    the site (two renames, on the same disk), so that each bundle has its own pages only;
    the languages are indexed one after another (see ``bundle_prefix``). The output is the same for the same site
    (Pagefind names its files by content hash).
    """
    lang = cli_language()
    site_dir = Path(site_dir)
    if not has_body_marker(site_dir):
        print(t("search.no_body_marker", lang, site=site_dir), file=sys.stderr)
        return 1
    started = time.perf_counter()
    default = settings.default_language
    aside = {
        code: site_dir.with_name(f".{site_dir.name}.search-{code}-{os.getpid()}")
        for code in settings.languages
        if code != default and (site_dir / code).is_dir()
    }
    moved = []
    try:
        for code, folder in aside.items():
            shutil.rmtree(folder, ignore_errors=True)
            (site_dir / code).rename(folder)
            moved.append(code)
        roots = [site_dir] + [folder for folder in aside.values() if has_body_marker(folder)]
        status = finish_indexing([Indexer(root, start=False) for root in roots], started, args)
    finally:
        for code in moved:
            aside[code].rename(site_dir / code)
    return status


def finish_indexing(indexers: list[Indexer], started: float, args=None, site_dir=None) -> int:
    """Run (or wait for) every language's Pagefind, in turn; say what was made. 0 when all
    worked. No indexers: no page of ``site_dir`` had the body marker."""
    lang = cli_language()
    if not indexers:
        print(t("search.no_body_marker", lang, site=site_dir), file=sys.stderr)
        return 1
    problem = None
    try:
        for indexer in indexers:
            problem = indexer.finish() or problem
            if problem:
                break
    finally:
        for indexer in indexers:
            indexer.stop()
    if problem:
        print(t("search.failed", lang, problem=problem), file=sys.stderr)
        return 1
    languages = sorted({code for indexer in indexers for code in indexer.languages()})
    if getattr(args, "format", "text") != "json":
        print(t("search.indexed", lang, languages=", ".join(languages),
                seconds=f"{time.perf_counter() - started:.1f}"))
    return 0


def sort_entry_file(path: Path) -> None:
    """Pagefind writes its languages in a random order; sort them so that two builds
    of the same site give identical files."""
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")


def _some_pages(site_dir: Path):
    """The built pages, home pages first (enough to find the template's marker quickly)."""
    first = [site_dir / "index.html", *sorted(site_dir.glob("*/index.html"))]
    seen = set()
    for page in [*first, *site_dir.rglob("*.html")]:
        if page.is_file() and page not in seen:
            seen.add(page)
            yield page


# --- the search page -----------------------------------------------------------------------

def pages_in_language(docs_dir: Path, lang: str) -> list[dict]:
    """Every page written in ``lang`` (not the fallbacks, not generated pages):
    ``{"name": "schools.md", "title": ..., "description": ...}``, sorted by title."""
    docs_dir = Path(docs_dir)
    pages = [
        read_page(path, display=path.relative_to(docs_dir).as_posix())
        for path in sorted(docs_dir.rglob("*.md"))
        if language_of(path) == lang
    ]
    return listing(pages, lang)


def listing(pages, lang: str) -> list[dict]:
    """``pages_in_language`` for parsed pages (``source.Page``; paths relative to docs/)."""
    result = []
    for page in pages:
        if page.lang != lang:
            continue
        # pages made from data for families (glossary, "You said, we did", accessibility
        # statement) are listed; the search page and editors' pages (search_exclude) are not
        if (page.front_matter.get("generate") == "search" or page.front_matter.get("search_exclude") is True
                or page.front_matter.get("search") is False):
            continue
        description = page.front_matter.get("description")
        result.append({
            "name": translation.english_name(page.path),
            "title": translation.title_of(page),
            "description": description.strip() if isinstance(description, str) else "",
        })
    return sorted(result, key=lambda item: _sort_key(item["title"], lang))


def _sort_key(title: str, lang: str) -> list:
    """Welsh alphabetical order: ch after c, dd after d, ll after l ... (a simple key)."""
    import unicodedata

    from localoffer.welsh import letters

    base = unicodedata.normalize("NFKD", title.lower())
    base = "".join(ch for ch in base if not unicodedata.combining(ch))
    if lang != "cy":
        return [base]
    order = "a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y".split()
    rank = {letter: index for index, letter in enumerate(order)}
    return [(rank.get(letter, 100), letter) for letter in letters(base)]


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in " ".join(str(text).split()))


def nojs_notice(lang: str) -> str:
    """What the search page says when JavaScript does not run: it could not search for the
    reader's words, and the list below has every page. lok-search.js hides it."""
    return f'<p class="lok-search-nojs" data-lok-nojs data-pagefind-ignore role="note">{t("pages.search_nojs", lang)}</p>'


def search_page_markdown(lang: str, pages: list[dict], from_dir: str = "") -> str:
    """The search page's text in ``lang``: where results appear, then every page in ``lang``.

    Needs the ``md_in_html`` Markdown extension (the list is in a ``<div markdown>`` that
    Pagefind ignores, so the search page is not a result for every word).

    ``pages`` is ``pages_in_language(docs_dir, lang)`` (or any list of dicts with ``name``,
    ``title`` and ``description``). Links use the English file names, so MkDocs sends them
    to the page in ``lang``. ``from_dir`` is the search page's folder inside docs/ ("" at the top).
    """
    lines = [
        nojs_notice(lang),
        "",
        '<div id="lok-search-results" class="lok-search-results" hidden></div>',
        "",
        # the list repeats every page's title and description: keep it out of the search index
        '<div class="lok-search-list" data-pagefind-ignore="all" markdown="1">',
        "",
        f"## {t('site.search_page_list_heading', lang)}",
        "",
        t("site.search_page_intro", lang),
        "",
    ]
    for item in pages:
        target = posixpath.relpath(item["name"], from_dir) if from_dir else item["name"]
        line = f"- [{_escape(item['title'])}]({target})"
        if item.get("description"):
            line += f": {_escape(item['description'])}"
        lines.append(line)
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"


# --- the template ---------------------------------------------------------------------------

def unmutation_table() -> dict[str, list[str]]:
    """Mutated first letters -> the letters they may come from (from ``localoffer.welsh``'s tables).

    ``{"mh": ["p"], "f": ["b", "m"], "dd": ["d"], "ngh": ["c"], ...}``; an empty key means
    a word starting with a vowel, l, r or w may have lost a soft-mutated ``g`` (gwaith -> waith).
    """
    from localoffer.welsh import ASPIRATE, NASAL, SOFT

    table: dict[str, list[str]] = {}
    for mapping in (SOFT, NASAL, ASPIRATE):
        for radical, mutated in mapping.items():
            table.setdefault(mutated, [])
            if radical not in table[mutated]:
                table[mutated].append(radical)
    return {key: sorted(value) for key, value in sorted(table.items())}


def plural_table() -> dict[str, list[str]]:
    """Welsh word forms that find each other (``data/search/welsh_plurals.yml``): each
    singular -> its plurals and each plural -> its singular, for lok-search.js."""
    from importlib import resources

    from localoffer import datafile

    text = resources.files("localoffer").joinpath("data/search/welsh_plurals.yml").read_text("utf-8")
    table: dict[str, list[str]] = {}
    for singular, plurals in (datafile.safe_load(text).get("plurals") or {}).items():
        for plural in plurals:
            table.setdefault(singular, []).append(plural)
            table.setdefault(plural, []).append(singular)
    return {key: sorted(set(value)) for key, value in sorted(table.items())}


def template_context(lang: str, search_url: str, default: str = "en") -> dict:
    """What ``partials/lok-search.html`` needs: ``lok.search``.

    ``search_url`` is the site-relative URL of the search page in ``lang`` (``search/`` or
    ``cy/search/``), as MkDocs gives it (``page.file.url``). ``prefix`` is where the
    language's search bundle and its pages start (``bundle_prefix``).
    """
    return {
        "lang": lang,
        "url": search_url,
        "prefix": bundle_prefix(lang, default),
        "mutations": json.dumps(unmutation_table(), separators=(",", ":"), sort_keys=True) if lang == "cy" else "",
        "plurals": json.dumps(plural_table(), separators=(",", ":"), ensure_ascii=False) if lang == "cy" else "",
        # whole messages per plural category, unfilled ("{count} canlyniad"); the script picks
        # one with Intl.PluralRules and fills in the number
        "results": json.dumps({category: t(f"pages.search_results.{category}", lang)
                               for category in ("zero", "one", "two", "few", "many", "other")},
                              ensure_ascii=False, separators=(",", ":")),
        "more": t("pages.search_more", lang),
        "all": t("pages.search_all", lang),
        "strings": {
            key: t(f"site.search_{key}", lang)
            for key in ("label", "button", "searching", "results_one", "results_many",
                        "results_none", "error", "results_heading")
        },
    }
