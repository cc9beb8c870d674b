"""What each Welsh page was translated from, and the translation status of every page.

The record lives in the Welsh page's front matter, so it works without git history
(and in a shallow CI clone)::

    translated_from:
      hash: 5f1c...e9            # sha256 of the English page's title and normalised body
      sections:                  # a short hash of each section, by the English heading's slug
        health-visitors: 1a2b3c4d5e6f

``localoffer translated PAGE`` writes it (``record_text``); the ``i18n/outdated-translation``
rule and ``localoffer translations`` compare it with the English page as it is now.

Everything here is pure except ``collect_status`` and ``read_pair_pages``, which read files.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from localoffer import messages as _messages
from localoffer.source import Page, base_name, language_of, read_page

MESSAGES_FILE = "data/messages_i18n.yml"


def ensure_messages() -> None:
    """Make sure the catalogue has our ``data/messages_i18n.yml`` strings.

    Temporary: ``messages.py`` reads a fixed list of files (``MESSAGE_FILES``). Once it
    reads every ``data/messages*.yml`` this does nothing.
    """
    if MESSAGES_FILE in getattr(_messages, "MESSAGE_FILES", ()):
        return
    merged = _messages.catalogue()
    if "site.search_label" in merged:
        return
    from localoffer import datafile
    from importlib import resources

    text = resources.files("localoffer").joinpath(MESSAGES_FILE).read_text("utf-8")
    for key, entry in ((datafile.safe_load(text) or {}).get("messages") or {}).items():
        merged.setdefault(key, entry)


ensure_messages()

RECORD_KEY = "translated_from"
SHORT_HASH = 12
TOP_SECTION = "_top"  # text before the first heading

# Status names (also the values in JSON and CSV output).
TRANSLATED = "translated"
MISSING = "missing"
OUTDATED = "outdated"
UNRECORDED = "unrecorded"  # both pages exist, but nobody recorded what the Welsh was made from
STATUSES = (MISSING, OUTDATED, UNRECORDED, TRANSLATED)


# --- names ------------------------------------------------------------------------------

def welsh_name(path: str | Path) -> str:
    """``docs/a/page.md`` (or ``page.cy.md``) -> ``docs/a/page.cy.md``."""
    base = Path(base_name(path))
    return str(base.with_name(f"{base.stem}.cy{base.suffix}"))


def english_name(path: str | Path) -> str:
    """``docs/a/page.cy.md`` -> ``docs/a/page.md``."""
    return base_name(path)


def slugify(text: str) -> str:
    """The anchor MkDocs (Python-Markdown ``toc``) gives a heading: ``Health visitors`` -> ``health-visitors``."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


# --- sections and fingerprints -----------------------------------------------------------

@dataclass(frozen=True)
class Section:
    slug: str        # unique on the page ("support", "support_1" for a second "Support")
    heading: str     # the heading text ("" for the text before the first heading)
    line: int        # first line (1-based)
    end_line: int    # last line (inclusive)
    text: str        # normalised source text of the section, heading included


def _normalise_lines(lines: Iterable[str]) -> str:
    """Trailing spaces, line endings, blank-line runs and Unicode forms do not count as changes."""
    out: list[str] = []
    for line in lines:
        line = unicodedata.normalize("NFC", line.rstrip())
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _body_start(page: Page) -> int:
    """The first body line (1-based), after the front matter."""
    return page.front_matter_span[1] + 1 if page.front_matter_span else 1


def sections(page: Page) -> list[Section]:
    """The page split at every heading, in order."""
    start = _body_start(page)
    last = len(page.lines)
    heads = [h for h in page.headings if h.line >= start]
    result: list[Section] = []
    seen: dict[str, int] = {}

    def add(slug: str, heading: str, first: int, end: int) -> None:
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        unique = slug if count == 0 else f"{slug}_{count}"
        text = _normalise_lines(page.lines[first - 1 : end])
        result.append(Section(unique, heading, first, end, text))

    first_heading = heads[0].line if heads else last + 1
    if _normalise_lines(page.lines[start - 1 : first_heading - 1]):
        add(TOP_SECTION, "", start, first_heading - 1)
    for index, heading in enumerate(heads):
        end = heads[index + 1].line - 1 if index + 1 < len(heads) else last
        add(slugify(heading.text) or "section", heading.text, heading.line, end)
    return result


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_of(page: Page) -> str:
    title = page.front_matter.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for heading in page.headings:
        if heading.level == 1:
            return heading.text.strip()
    return Path(base_name(page.path)).stem


def fingerprint(page: Page) -> dict[str, Any]:
    """``{"hash": ..., "sections": {slug: short hash}}`` of an English page, as recorded."""
    body = _normalise_lines(page.lines[_body_start(page) - 1 :])
    title = str(page.front_matter.get("title") or "").strip()
    return {
        "hash": _sha(f"{title}\n\n{body}"),
        "sections": {s.slug: _sha(s.text)[:SHORT_HASH] for s in sections(page)},
    }


def recorded(cy_page: Page) -> dict[str, Any] | None:
    """The ``translated_from`` record of a Welsh page, or None when there is none (or it is broken)."""
    record = cy_page.front_matter.get(RECORD_KEY)
    if not isinstance(record, dict) or not isinstance(record.get("hash"), str):
        return None
    sections_ = record.get("sections")
    return {
        "hash": record["hash"].strip(),
        "sections": {str(k): str(v) for k, v in sections_.items()} if isinstance(sections_, dict) else {},
    }


def record_line(cy_page: Page) -> int:
    """The line of ``translated_from:`` in the front matter (else the first line)."""
    if cy_page.front_matter_span:
        first, last = cy_page.front_matter_span
        for number in range(first, last + 1):
            if cy_page.lines[number - 1].startswith(RECORD_KEY + ":"):
                return number
    return 1


@dataclass(frozen=True)
class Change:
    """A section of the English page that changed since the translation was made."""

    kind: str      # "changed", "new" or "removed"
    slug: str
    heading: str   # the English heading now ("" for removed sections and the top of the page)
    line: int      # the line in the English page now (0 for removed sections)
    words: int     # words of prose to translate in it


def changes(en_page: Page, record: dict[str, Any]) -> list[Change]:
    """What changed in ``en_page`` since ``record`` was made ([] when nothing did)."""
    now = fingerprint(en_page)
    if now["hash"] == record.get("hash"):
        return []
    old = record.get("sections") or {}
    result: list[Change] = []
    for section in sections(en_page):
        short = _sha(section.text)[:SHORT_HASH]
        if section.slug not in old:
            kind = "new"
        elif old[section.slug] != short:
            kind = "changed"
        else:
            continue
        result.append(Change(kind, section.slug, section.heading, section.line,
                             words_between(en_page, section.line, section.end_line)))
    current = {s.slug for s in sections(en_page)}
    for slug in old:
        if slug not in current:
            result.append(Change("removed", slug, "", 0, 0))
    if not result:  # only the title changed (or the record has no sections)
        result.append(Change("changed", "title", title_of(en_page), 1, len(title_of(en_page).split())))
    return result


def words_between(page: Page, first: int, last: int) -> int:
    """Words of prose on lines ``first``..``last``."""
    total = 0
    for segment in page.segments:
        for word in segment.words:
            line, _ = segment.position(word.start)
            if first <= line <= last:
                total += 1
    return total


# --- the status of every page -------------------------------------------------------------

@dataclass
class PageStatus:
    """The translation status of one page (both languages)."""

    name: str                 # the English file name relative to docs/ ("schools.md")
    status: str               # translated, missing, outdated or unrecorded
    title: dict[str, str] = field(default_factory=dict)   # {"en": ..., "cy": ...} where the page exists
    en_path: str | None = None
    cy_path: str | None = None
    missing: str | None = None        # the language that is missing ("cy" or "en")
    changes: list[Change] = field(default_factory=list)
    words: int = 0            # words that need translating
    generated: bool = False   # the tool writes this page's text (``generate:`` in front matter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "title": dict(self.title),
            "en_path": self.en_path,
            "cy_path": self.cy_path,
            "missing": self.missing,
            "changes": [change.__dict__ for change in self.changes],
            "words": self.words,
            "generated": self.generated,
        }


def is_generated(page: Page | None) -> bool:
    """Pages whose text the tool writes (``generate: search``) need no translating."""
    return bool(page is not None and page.front_matter.get("generate"))


def pair_status(name: str, en_page: Page | None, cy_page: Page | None) -> PageStatus:
    """The status of one page from its two versions (either may be None)."""
    status = PageStatus(name=name, status=TRANSLATED,
                        en_path=en_page.path if en_page else None,
                        cy_path=cy_page.path if cy_page else None)
    for page in (en_page, cy_page):
        if page is not None:
            status.title[page.lang] = title_of(page)
    status.generated = is_generated(en_page) or is_generated(cy_page)
    if en_page is None or cy_page is None:
        present = en_page or cy_page
        status.status = MISSING
        status.missing = "cy" if cy_page is None else "en"
        status.words = 0 if is_generated(present) else present.word_count
        return status
    if is_generated(en_page) or is_generated(cy_page):
        return status
    record = recorded(cy_page)
    if record is None:
        status.status = UNRECORDED
        return status
    found = changes(en_page, record)
    if found:
        status.status = OUTDATED
        status.changes = found
        status.words = sum(change.words for change in found)
    return status


def pair_up(pages: Iterable[Page]) -> list[tuple[str, Page | None, Page | None]]:
    """``(name, en_page, cy_page)`` for every page, sorted by name."""
    pairs: dict[str, list[Page | None]] = {}
    for page in pages:
        key = base_name(page.path)
        slot = pairs.setdefault(key, [None, None])
        slot[0 if page.lang == "en" else 1] = page
    return [(name, en, cy) for name, (en, cy) in sorted(pairs.items())]


def read_pair_pages(docs_dir: Path) -> list[Page]:
    """Every Markdown page under ``docs_dir`` in English or Welsh (paths relative to docs_dir)."""
    docs_dir = Path(docs_dir)
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        if language_of(path) not in ("en", "cy"):
            continue
        pages.append(read_page(path, display=path.relative_to(docs_dir).as_posix()))
    return pages


def statuses(pages: Iterable[Page]) -> list[PageStatus]:
    """The status of every page among ``pages``."""
    return [pair_status(name, en, cy) for name, en, cy in pair_up(pages)]


def collect_status(docs_dir: Path) -> list[PageStatus]:
    """The status of every page in ``docs_dir``."""
    return statuses(read_pair_pages(docs_dir))


def summary(pages_status: Iterable[PageStatus]) -> dict[str, int]:
    """How many pages have each status, and the words to translate."""
    counts = {name: 0 for name in STATUSES}
    words = 0
    for item in pages_status:
        counts[item.status] += 1
        words += item.words
    counts["words"] = words
    return counts


# --- writing the record -------------------------------------------------------------------

def record_yaml(print_: dict[str, Any]) -> list[str]:
    """The ``translated_from`` block as YAML lines (stable order, no quoting surprises)."""
    lines = [f"{RECORD_KEY}:", f"  hash: {print_['hash']}"]
    if print_["sections"]:
        lines.append("  sections:")
        for slug, short in print_["sections"].items():
            lines.append(f"    {_yaml_key(slug)}: {_yaml_key(short)}")
    return lines


def _yaml_key(value: str) -> str:
    # slugs are [\w-]; quote anything a YAML reader could take for a number, bool or null
    if re.fullmatch(r"[A-Za-z_][\w-]*", value) and value.lower() not in (
        "yes", "no", "on", "off", "true", "false", "null", "y", "n"
    ):
        return value
    return "'" + value.replace("'", "''") + "'"


def record_text(cy_text: str, print_: dict[str, Any]) -> str:
    """``cy_text`` with its ``translated_from`` block set to ``print_``.

    Only those lines change: other keys, comments, order and line endings stay as they were.
    A page without front matter gets one.
    """
    newline = "\r\n" if "\r\n" in cy_text else "\n"
    bom = "\ufeff" if cy_text.startswith("\ufeff") else ""
    lines = cy_text[len(bom):].split(newline)
    block = record_yaml(print_)
    if not lines or lines[0].rstrip() != "---":
        return bom + newline.join(["---", *block, "---", *lines])
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:  # unclosed front matter: leave the page alone
        raise ValueError("the front matter has no closing '---' line")
    start = next((i for i in range(1, end) if re.match(rf"{RECORD_KEY}\s*:", lines[i])), None)
    if start is None:
        new = lines[:end] + block + lines[end:]
    else:
        stop = start + 1
        while stop < end and (lines[stop].startswith((" ", "\t")) or not lines[stop].strip()):
            stop += 1
        # keep blank lines and comments that belong to what follows
        while stop - 1 > start and (not lines[stop - 1].strip() or lines[stop - 1].lstrip().startswith("#")) \
                and not lines[stop - 1].startswith((" ", "\t")):
            stop -= 1
        new = lines[:start] + block + lines[stop:]
    return bom + newline.join(new)


def describe_change(change: Change, lang: str) -> str:
    """One changed section in words: “Health visitors” (line 12)."""
    if change.kind == "removed":
        return _messages.t("checks.i18n.section.removed", lang, slug=change.slug)
    if change.slug == TOP_SECTION:
        return _messages.t("checks.i18n.section.top", lang)
    key = "checks.i18n.section.new" if change.kind == "new" else "checks.i18n.section.changed"
    return _messages.t(key, lang, heading=change.heading, line=change.line)


def status_label(item: PageStatus, lang: str) -> str:
    """“Out of date”, “No Welsh page” ... in ``lang``."""
    if item.status == MISSING:
        return _messages.t(f"i18n.status.missing_{item.missing}", lang)
    return _messages.t(f"i18n.status.{item.status}", lang)


def what_needs_translating(item: PageStatus, lang: str, command_path: str | None = None) -> str:
    """What needs translating, in words."""
    if item.status == MISSING:
        return _messages.t("i18n.status.whole_page", lang)
    if item.status == OUTDATED:
        return "; ".join(describe_change(change, lang) for change in item.changes)
    if item.status == UNRECORDED:
        return _messages.t("i18n.status.unrecorded_note", lang, path=command_path or item.en_path or item.name)
    return _messages.t("i18n.status.none", lang)




def parse_text(text: str, path: str) -> Page:
    """Parse Markdown text (a thin alias, so callers need not import the parser)."""
    from localoffer.source import parse

    return parse(text, path)
