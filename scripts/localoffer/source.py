"""Read one Markdown page into a ``Page`` that checks can use without re-parsing.

The Page API (stable; other checks rely on it)
-----------------------------------------------
``parse(text, path, lang=None) -> Page`` never raises. ``read_page(path)`` reads a file
(raises ``OSError`` for an unreadable file; the caller turns that into a plain message).

``Page``
    ``path``             the file name as given (used in findings)
    ``lang``             ``"en"`` or ``"cy"``: from the file name (``x.cy.md`` -> cy;
                         ``x.md`` and ``x.en.md`` -> en) unless given
    ``lines``            the source lines (without line endings); ``lines[0]`` is line 1
    ``front_matter``     dict (empty when there is none or it is broken)
    ``front_matter_span`` ``(first_line, last_line)``, 1-based and inclusive, or None
    ``segments``         list of ``Segment``: the prose to check (see below)
    ``headings``         list of ``Heading(level, text, line, column)``
    ``links``            list of ``Link(text, target, line, column, kind)``; kind is
                         ``inline``, ``reference``, ``autolink`` or ``bare``
    ``images``           list of ``Image(alt, src, line, column)``
    ``tables``           list of ``Table(line, end_line, has_header, header, rows)``
    ``list_items``       list of ``ListItem(text, line, column, ordered, indent)``
    ``abbreviations``    ``{"ALN": "additional learning needs"}`` from ``*[ALN]: ...`` lines
    ``blocks``           list of ``Block(start, end, kind)``: line spans of paragraphs, lists,
                         tables, headings, code, html, used to silence "the next block"
    ``comments``         list of ``Comment(text, line, end_line)`` (HTML comments)
    ``problems``         findings found while reading (``meta/front-matter``)
    ``text``             all prose, segments joined by blank lines
    ``word_count``       number of words of prose

``Segment`` is one run of prose: a paragraph, a heading, a list item, a table cell,
a block quote paragraph, a footnote or an admonition title (``kind``).
    ``text``       the prose, where everything that is not prose (markup, inline code,
                   URLs, HTML tags and comments, emphasis marks, table pipes) is replaced
                   by spaces, so words keep their places. Lines are joined with ``"\\n"``.
    ``position(offset) -> (line, column)``: 1-based place in the source file of
                   ``text[offset]``.
    ``words``      list of ``Word(start, end, text)`` (offsets into ``text``)
    ``sentences``  list of ``Sentence(start, end, first_word, end_word)``: the words of a
                   sentence are ``words[first_word:end_word]``
    ``block``      index into ``page.blocks``

Code (fenced and indented), front matter, reference and abbreviation definitions,
HTML comments and raw HTML are never prose.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from localoffer import inputguard
from localoffer.datafile import SafeLoader as _YamlLoader  # the fast (C) loader when there is one
from localoffer.findings import Finding

FRONT_MATTER_RULE = "meta/front-matter"
ENCODING_RULE = "meta/encoding"
PAGE_TOO_LARGE_RULE = "meta/page-too-large"
# Text that would crash or hang Markdown (see inputguard.py): nested too deep, a broken "<![".
INPUT_RULE = "meta/unreadable-input"
# The most Markdown one page may have. A longer page is reported (meta/page-too-large) and
# only its first MAX_PAGE_BYTES are checked, so one pathological page cannot hang the build.
MAX_PAGE_BYTES = 1_000_000

# A word: letters or digits (with combining marks, as in a decomposed ŵ), joined by
# apostrophes or hyphens ("mae'n", "well-known"); or a short form of single letters and
# full stops ("h.y.", "e.e.", "e.g.", "a.m."), which is one word.
_WORD_RE = re.compile(r"[^\W_][\w\u0300-\u036f]*(?:['’\-][^\W_][\w\u0300-\u036f]*)*")
_WORD_RE_ASCII = re.compile(_WORD_RE.pattern, re.ASCII)
# a short form of single letters and full stops: one word (see _join_short_forms)
_SHORT_FORM = r"\b[^\W\d_]\.(?:[^\W\d_]\.)+(?![^\W_])"
_HAS_SHORT_FORM = re.compile(_SHORT_FORM)
_SHORT_FORM_HINT = re.compile(r"\.[^\W\d_]\.")  # starts with a full stop: a quick search


def _join_short_forms(text: str, words: list) -> list:
    """``words`` with each short form ("h.y.", "e.g.") made one word (in place)."""
    if _SHORT_FORM_HINT.search(text) is None:
        return words
    for match in reversed(list(_HAS_SHORT_FORM.finditer(text))):
        start, end = match.span()
        first = bisect.bisect_left(words, start, key=_word_start)
        last = bisect.bisect_left(words, end, key=_word_start)
        words[first:last] = [tuple.__new__(Word, (start, end, text[start:end]))]
    return words


def _word_start(word) -> int:
    return word[0]

_SPACE_RE = re.compile(r"\s")
# A possible end of sentence: ., ! or ? (plus closing quotes/brackets), then space and a
# capital letter, digit or opening quote; or a line that ends in a hard break.
# (?<![.!?][.!?]) after the first mark: start only at the first mark of a run, so
# "......x" is read once, not once for each dot (that was quadratic; see
# tests/test_fuzz.py). Each branch begins with a character class, which lets the regex
# engine skip quickly to the next possible place.
_SENTENCE_END_RE = re.compile(
    r"[.!?](?<![.!?][.!?])[.!?]*['\"”’)\]]*(?=\s+['\"“‘(\[]?[A-Z0-9À-ÖØ-ÞŴŶ])"
    r"|[.!?](?<![.!?][.!?])[.!?]*['\"”’)\]]*\s*$"
    r"|[^\S\n](?<![^\S\n][^\S\n])[^\S\n]+\n"
)
_MAY_END_SENTENCE = re.compile(r"[.!?\n]")
_NO_BREAK_AFTER = frozenset(
    "mr mrs ms dr st prof cllr no nos e.g i.e eg ie approx tel ffôn rhif etc. vs cf".split()
)
_NO_BREAK_AFTER = _NO_BREAK_AFTER - {"etc."}


class Word(NamedTuple):
    start: int
    end: int
    text: str


class Sentence(NamedTuple):
    start: int
    end: int
    first_word: int
    end_word: int

    @property
    def word_count(self) -> int:
        return self.end_word - self.first_word


class Segment:
    """One run of prose with a map back to the source. See the module docstring."""

    __slots__ = ("text", "kind", "block", "_offsets", "_places", "_words", "_sentences", "_cache")

    def __init__(self, kind: str, block: int) -> None:
        self.kind = kind
        self.block = block
        self.text = ""
        self._offsets: list[int] = []
        self._places: list[tuple[int, int]] = []  # (line, 0-based column) of each piece
        self._words: list[Word] | None = None
        self._sentences: list[Sentence] | None = None
        self._cache: dict | None = None

    def _add(self, piece: str, line: int, col0: int) -> None:
        if self._offsets:
            self.text += "\n"
        self._offsets.append(len(self.text))
        self._places.append((line, col0))
        self.text += piece

    @property
    def cache(self) -> dict:
        """For rules: values worked out from the segment's ``text`` alone (see textmatch),
        shared by every segment with the same text, so each is worked out once per distinct
        text. Nothing that depends on where the segment is (its lines) belongs here."""
        if self._cache is None:
            cache = _CACHE_OF.get(self.text)
            if cache is None:
                cache = {}
                _remember(_CACHE_OF, self.text, cache)
            self._cache = cache
        return self._cache

    @property
    def line(self) -> int:
        return self._places[0][0] if self._places else 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) in the source of ``text[offset]``."""
        if not self._offsets:
            return 1, 1
        index = bisect.bisect_right(self._offsets, max(offset, 0)) - 1
        line, col0 = self._places[index]
        return line, col0 + (offset - self._offsets[index]) + 1

    @property
    def words(self) -> list[Word]:
        """The words of ``text`` (shared with every segment of the same text: do not change it)."""
        if self._words is None:
            text = self.text
            words = _WORDS_OF.get(text)
            if words is None:
                # the same pattern, ASCII-only, is faster on ASCII text (most English prose)
                pattern = _WORD_RE_ASCII if text.isascii() else _WORD_RE
                make = tuple.__new__  # Word(...) without NamedTuple's Python-level __new__
                words = [make(Word, (m.start(), m.end(), m.group())) for m in pattern.finditer(text)]
                if "." in text:
                    words = _join_short_forms(text, words)
                _remember(_WORDS_OF, text, words)
            self._words = words
        return self._words

    @property
    def sentences(self) -> list[Sentence]:
        """The sentences of ``text`` (shared like ``words``)."""
        if self._sentences is None:
            text = self.text
            sentences = _SENTENCES_OF.get(text)
            if sentences is None:
                sentences = _split_sentences(text, self.words)
                _remember(_SENTENCES_OF, text, sentences)
            self._sentences = sentences
        return self._sentences

    def __repr__(self) -> str:
        return f"Segment({self.kind!r}, line={self.line}, text={self.text.strip()[:40]!r})"


# Words and sentences depend only on a segment's text, and a site repeats much of its text
# (contact paragraphs, list items, table cells), so each distinct text is split once per
# process. Bounded, like the parsed pages.
_WORDS_OF: dict[str, list[Word]] = {}
_SENTENCES_OF: dict[str, list[Sentence]] = {}
_CACHE_OF: dict[str, dict] = {}
_SPLIT_MAX = 100_000


def _remember(table: dict, text: str, value) -> None:
    if len(table) >= _SPLIT_MAX:
        table.clear()
    table[text] = value


def _word_start(word: Word) -> int:
    return word[0]


def _split_sentences(text: str, words: list[Word]) -> list[Sentence]:
    if not words:
        return []
    if not _MAY_END_SENTENCE.search(text):  # most headings, list items and table cells
        return [Sentence(words[0][0], words[-1][1], 0, len(words))]
    sentences = []
    begin = 0
    first = 0  # index of the first word at or after ``begin``
    last_start = words[-1][0]
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        if match.group()[:1] == ".":
            before = text[max(begin, match.start() - 6) : match.start() + 1]
            token = _SPACE_RE.split(before)[-1].lower()
            if token.rstrip(".") in _NO_BREAK_AFTER or (len(token) == 2 and token[0].isalpha()):
                # "Dr. Jones", "e.g. Cardiff", a lone initial "J. Smith"
                continue
        last = len(words) if end > last_start else bisect.bisect_left(words, end, first, key=_word_start)
        if last > first:
            sentences.append(Sentence(words[first][0], words[last - 1][1], first, last))
        begin = end
        first = last
    if first < len(words):
        sentences.append(Sentence(words[first][0], words[-1][1], first, len(words)))
    return sentences


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    line: int
    column: int
    kind: str = "inline"


@dataclass(frozen=True)
class Image:
    alt: str
    src: str
    line: int
    column: int


@dataclass
class Table:
    line: int
    end_line: int
    has_header: bool
    header: list[str] = field(default_factory=list)
    rows: int = 0


@dataclass(frozen=True)
class ListItem:
    text: str
    line: int
    column: int
    ordered: bool
    indent: int


@dataclass
class Block:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Comment:
    text: str
    line: int
    end_line: int
    column: int = 1


@dataclass
class Page:
    path: str
    lang: str
    lines: list[str]
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_span: tuple[int, int] | None = None
    segments: list[Segment] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    list_items: list[ListItem] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    # for rules: values worked out once per page (a page is not changed once read)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return "\n\n".join(segment.text for segment in self.segments)

    @property
    def word_count(self) -> int:
        return sum(len(segment.words) for segment in self.segments)

    def block_at(self, line: int) -> Block | None:
        for block in self.blocks:
            if block.start <= line <= block.end:
                return block
        return None


# --- file names -----------------------------------------------------------------------

def language_of(path: str | Path, default: str = "en") -> str:
    """``x.cy.md`` -> ``cy``; ``x.en.md`` -> ``en``; ``x.md`` -> ``default``."""
    name = Path(str(path)).name
    parts = name.split(".")
    if len(parts) >= 3 and parts[-1] in ("md", "markdown") and len(parts[-2]) == 2 and parts[-2].isalpha():
        return parts[-2].lower()
    return default


def base_name(path: str | Path) -> str:
    """``docs/a/page.cy.md`` -> ``docs/a/page.md``: the name both languages share."""
    p = Path(str(path))
    parts = p.name.split(".")
    if len(parts) >= 3 and len(parts[-2]) == 2 and parts[-2].isalpha():
        return str(p.with_name(".".join(parts[:-2] + parts[-1:])))
    return str(p)


_PARSED: dict[tuple, Page] = {}
_PARSED_MAX = 8192


def read_page(path: str | Path, display: str | None = None, lang: str | None = None) -> Page:
    """Read and parse one file. A file that is not UTF-8, or is too large, is still read
    (as far as it can be) and the problem is a finding on the page.

    Each version of a file (the file itself, whatever path names it: its device and inode
    number, or its resolved path; its modification time and size) is parsed once per process: a build reads the
    same pages for the checks, the search page, the coverage and translation pages.
    Callers get the page under their own ``display`` name.
    """
    file = Path(path)
    shown = display or str(path)
    if lang is None:
        lang = language_of(shown)  # so that callers with and without ``lang`` share the page
    stat = file.stat()  # follows links, as resolving the path did
    # (a file system without inode numbers gives 0: then the resolved path names the file)
    where = (stat.st_dev, stat.st_ino) if stat.st_ino else str(file.resolve())
    key = (where, stat.st_mtime_ns, stat.st_size, lang)
    page = _PARSED.get(key)
    if page is None:
        page = parse_bytes(file.read_bytes(), shown, lang)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = page
    if page.path != shown:
        page = dataclasses.replace(
            page, path=shown, problems=[dataclasses.replace(f, file=shown) for f in page.problems]
        )
    return page


def parse_bytes(raw: bytes, path: str = "page.md", lang: str | None = None) -> Page:
    """Parse a file's bytes; never raises. Reports bytes that are not UTF-8
    (``meta/encoding``) and a page over ``MAX_PAGE_BYTES`` (``meta/page-too-large``)."""
    size = len(raw)
    if size > MAX_PAGE_BYTES:
        cut = raw.rfind(b"\n", 0, MAX_PAGE_BYTES)
        raw = raw[: cut if cut > 0 else MAX_PAGE_BYTES]
    bad: UnicodeDecodeError | None = None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if size > MAX_PAGE_BYTES and error.start >= len(raw) - 3 and error.reason == "unexpected end of data":
            text = raw[: error.start].decode("utf-8", errors="replace")  # we cut a character in two
        else:
            bad = error
            text = raw.decode("utf-8", errors="replace")
    page = parse(text, path, lang)
    lang_code = page.lang if page.lang in ("en", "cy") else "en"
    if bad is not None:
        before = raw[: bad.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        if before.startswith(b"\xef\xbb\xbf") and line == 1:
            column -= 1
        byte = raw[bad.start]
        guess = bytes([byte]).decode("cp1252", errors="replace")
        page.problems.append(_reading_problem(
            page, ENCODING_RULE, line, column, lang_code, "checks.meta.encoding",
            byte=f"0x{byte:02X}", guess=guess if guess.isprintable() and guess != "\ufffd" else "?",
        ))
    if size > MAX_PAGE_BYTES:
        page.problems.append(_reading_problem(
            page, PAGE_TOO_LARGE_RULE, 1, 1, lang_code, "checks.meta.page_too_large",
            size=f"{size / 1_000_000:.1f}", limit=f"{MAX_PAGE_BYTES / 1_000_000:.0f}",
        ))
    return page


def _reading_problem(page: "Page", rule: str, line: int, column: int, lang: str, key: str, **values) -> Finding:
    from localoffer.messages import t

    return Finding(
        file=page.path, line=line, column=column, rule=rule, severity="error",
        message=t(key, lang, **values), suggestion=t(key + ".fix", lang, **values), lang=lang,
    )


# --- inline markup ----------------------------------------------------------------------

_INLINE_RE = re.compile(
    r"""
     (?P<code>(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))
    |(?P<comment><!--.*?-->)
    |(?P<autolink><(?:https?|mailto|ftp|tel):[^>\s]*>|<[^@<>\s]+@[^@<>\s]+>)
    |(?P<image>!\[(?P<alt>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]
        (?:\((?P<isrc><[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)
          |\[(?P<iref>[^\]\n]*)\]))
    |(?P<link>\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]
        (?:\((?P<url><[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)
          |\[(?P<ref>[^\]\n]*)\]))
    |(?P<fnref>\[\^[^\[\]\n]+\])
    |(?P<tag></?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>)
    |(?P<bare>(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"])
    |(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    |(?P<entity>&(?:\#\d+|\#x[0-9a-fA-F]+|[A-Za-z]\w*);)
    |(?P<attr>\{\s*[:#.][^{}\n]*\})
    |(?P<escape>\\(?=[\\`*_{}\[\]()#+\-.!<>|~]))
    |(?P<emph>\*+|~~|==|(?<![^\W_])_+|_+(?![^\W_]))
    """,
    re.X,
)
_EMPH_IN_TEXT_RE = re.compile(r"\*+|`+|~~|(?<![^\W_])_+|_+(?![^\W_])")
_HAS_MARKUP_RE = re.compile(r"[`<\[!*_&{\\~=@]|https?:|www\.")


def _blank(text: str) -> str:
    return " " * len(text)


_MASKED: dict[str, tuple] = {}


class _Inline:
    """Mask one piece of a line; collect links and images and inline comments."""

    __slots__ = ("links", "images", "comments")

    def __init__(self) -> None:
        self.links: list[tuple] = []
        self.images: list[tuple] = []
        self.comments: list[tuple] = []

    def mask(self, piece: str, line: int, col0: int) -> str:
        if not _HAS_MARKUP_RE.search(piece):
            return piece
        # What a piece masks and holds depends only on its text (places are relative to
        # col0): each distinct piece is read once per process, like the words of a segment.
        done = _MASKED.get(piece)
        if done is None:
            scratch = _Inline()
            masked = scratch._mask(piece, 0, 0)
            done = (masked, tuple(scratch.links), tuple(scratch.images), tuple(scratch.comments))
            _remember(_MASKED, piece, done)
        masked, links, images, comments = done
        for text, target, _, col, kind in links:
            self.links.append((text, target, line, col0 + col, kind))
        for alt, src, _, col in images:
            self.images.append((alt, src, line, col0 + col))
        for text, _, col in comments:
            self.comments.append((text, line, col0 + col))
        return masked

    def _mask(self, piece: str, line: int, col0: int) -> str:
        if not _HAS_MARKUP_RE.search(piece):
            return piece
        out = []
        last = 0
        for m in _INLINE_RE.finditer(piece):
            kind = m.lastgroup
            start, end = m.span()
            out.append(piece[last:start])
            last = end
            whole = m.group()
            if kind == "link":
                text = m.group("text")
                text_masked = _EMPH_IN_TEXT_RE.sub(lambda x: _blank(x.group()), text)
                text_masked = self._mask(text_masked, line, col0 + start + 1) if "<" in text_masked else text_masked
                url = m.group("url")
                if url is not None:
                    target, link_kind = url.strip("<>"), "inline"
                else:
                    target, link_kind = "ref:" + (m.group("ref") or text), "reference"
                self.links.append((" ".join(text_masked.split()), target, line, col0 + start + 1, link_kind))
                out.append(" " + text_masked + _blank(whole[len(text) + 1 :]))
            elif kind == "image":
                src = m.group("isrc")
                src = src.strip("<>") if src is not None else "ref:" + (m.group("iref") or m.group("alt"))
                self.images.append((m.group("alt"), src, line, col0 + start + 1))
                out.append(_blank(whole))
            elif kind == "autolink":
                self.links.append((whole[1:-1], whole[1:-1], line, col0 + start + 1, "autolink"))
                out.append(_blank(whole))
            elif kind == "bare":
                self.links.append((whole, whole, line, col0 + start + 1, "bare"))
                out.append(_blank(whole))
            elif kind == "comment":
                self.comments.append((whole[4:-3], line, col0 + start + 1))
                out.append(_blank(whole))
            else:
                out.append(_blank(whole))
        out.append(piece[last:])
        return "".join(out)


# --- block structure ----------------------------------------------------------------------

_FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_REFDEF_RE = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*(\S*)")
_ABBR_RE = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.*)$")
_FOOTNOTE_RE = re.compile(r"^ {0,3}\[\^([^\]]+)\]:[ \t]*")
_LIST_RE = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ADMONITION_RE = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w -]*)?(?:[ \t]*\"(.*)\")?[ \t]*$")
_QUOTE_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_DEFLIST_RE = re.compile(r"^[ \t]{0,3}:[ \t]+")
_TABLE_DELIM_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_BLOCK_RE = re.compile(r"^ {0,3}</?([A-Za-z][\w-]*)(?:[\s/>]|$)")
_RAW_TEXT_TAGS = ("script", "style", "pre", "textarea")
# the first characters _LIST_RE allows (a superset: isdigit for \d)
_MAY_START_LIST = re.compile(r"[-*+\d]").match
_PIPE_RE = re.compile(r"(?<!\\)\|")
_CODE_SPAN_RE = re.compile(r"`+[^`]*`+")


_indent_width = inputguard.indent_width


# YAML's own words for the mistakes editors make most, and the plain words we use instead.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "checks.meta.yaml.colon"),
    ("expected ',' or '}', but got ':'", "checks.meta.yaml.colon"),
    ("expected ',' or ']', but got ':'", "checks.meta.yaml.colon"),
    ("cannot start any token", "checks.meta.yaml.tab_or_symbol"),
    ("could not find expected ':'", "checks.meta.yaml.no_colon"),
    ("expected <block end>", "checks.meta.yaml.indent"),
    ("found unexpected end of stream", "checks.meta.yaml.quote"),
    ("found duplicate anchor", "checks.meta.yaml.tab_or_symbol"),
    ("found undefined alias", "checks.meta.yaml.tab_or_symbol"),
)


def plain_yaml_problem(problem: str, lang: str) -> str:
    """YAML's message for a broken front matter, in plain words where we know them."""
    from localoffer.messages import t

    for words, key in _YAML_PROBLEMS:
        if words in problem:
            return t(key, lang if lang in ("en", "cy") else "en")
    return problem


# --- simple front matter --------------------------------------------------------------------
#
# Most front matter is a few ``key: value`` lines, lists of ``- item`` lines and nested
# mappings. ``_simple_front_matter`` reads that much YAML itself, giving exactly what the
# YAML loader gives (it resolves plain values with the loader's own implicit resolvers),
# and returns _NOT_SIMPLE for anything else (quotes with escapes, flow lists, comments,
# blank lines, tabs, anchors, multi-line values, anything that may be an error), which the
# YAML loader then reads.

_NOT_SIMPLE = object()
_date = datetime.date
_FM_KEY_RE = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_-]*):(?: +(\S.*))?")
_FM_ITEM_RE = re.compile(r"( *)- +(\S.*)")
_FM_SQUOTED_RE = re.compile(r"'((?:[^']|'')*)'")
_FM_DQUOTED_RE = re.compile(r'"([^"\\]*)"')
_FM_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# what YAML reads differently from str.split("\n") and str.isprintable: other line breaks,
# a byte-order mark, characters it refuses, tabs
_FM_UNSAFE_RE = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern + "|[\t\r\x85\u2028\u2029\ufeff]")
_FM_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`=<~.+ ")


class _NotSimple(Exception):
    pass


def _fm_scalar(value: str):
    first = value[0]
    if first == "'":
        m = _FM_SQUOTED_RE.fullmatch(value)
        if m is None:
            raise _NotSimple
        return m.group(1).replace("''", "'")
    if first == '"':
        m = _FM_DQUOTED_RE.fullmatch(value)
        if m is None:
            raise _NotSimple
        return m.group(1)
    if value == "[]":
        return []
    if value == "{}":
        return {}
    if first in _FM_INDICATORS or " #" in value or ": " in value or value[-1] in " :":
        raise _NotSimple
    for tag, regexp in _YamlLoader.yaml_implicit_resolvers.get(first, ()):
        if regexp.match(value):
            if tag == "tag:yaml.org,2002:bool":
                return yaml.constructor.SafeConstructor.bool_values[value.lower()]
            m = _FM_DATE_RE.fullmatch(value) if tag == "tag:yaml.org,2002:timestamp" else None
            if m is None:
                raise _NotSimple
            try:
                return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise _NotSimple from None
    return value


def _fm_block(lines: list[str], i: int, end: int, indent: int, parent: int) -> tuple[Any, int]:
    """The value that starts at ``lines[i]`` (indented more than ``parent``, or a list at
    ``parent``'s own indent), and the index of the line after it."""
    first = lines[i]
    if first.lstrip(" ")[:1] == "-":
        if indent < parent or parent < 0:
            raise _NotSimple
        items = []
        while i < end:
            m = _FM_ITEM_RE.fullmatch(lines[i])
            if m is None or len(m.group(1)) != indent:
                break
            items.append(_fm_scalar(m.group(2)))
            i += 1
        return items, i
    if indent <= parent:
        return None, i
    mapping: dict = {}
    while i < end:
        line = lines[i]
        m = _FM_KEY_RE.fullmatch(line)
        if m is None:
            raise _NotSimple
        here = len(m.group(1))
        if here < indent:
            break
        if here != indent:
            raise _NotSimple
        key = m.group(2)
        for _tag, regexp in _YamlLoader.yaml_implicit_resolvers.get(key[0], ()):
            if regexp.match(key):
                raise _NotSimple  # a key that YAML reads as true, null, ...
        value = m.group(3)
        i += 1
        if value is not None:
            mapping[key] = _fm_scalar(value)
        elif i < end:
            next_line = lines[i]
            mapping[key], i = _fm_block(lines, i, end, len(next_line) - len(next_line.lstrip(" ")), indent)
        else:
            mapping[key] = None
    return mapping, i


def _simple_front_matter(lines: list[str], start: int, end: int):
    """The YAML of ``lines[start:end]`` when it is simple (see above), else _NOT_SIMPLE."""
    if start >= end:
        return _NOT_SIMPLE
    for index in range(start, end):
        line = lines[index]
        if not line or line[-1] == " " or _FM_UNSAFE_RE.search(line):
            return _NOT_SIMPLE
    try:
        data, i = _fm_block(lines, start, end, 0, -1)
    except _NotSimple:
        return _NOT_SIMPLE
    if i != end or not isinstance(data, dict):
        return _NOT_SIMPLE
    return data


class _Parser:
    def __init__(self, text: str, path: str, lang: str) -> None:
        if text.startswith("\ufeff"):
            text = text[1:]
        self.lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
        self.page = Page(path=path, lang=lang, lines=self.lines)
        self.inline = _Inline()
        self.segment: Segment | None = None  # the open paragraph-like segment
        self.block: Block | None = None
        self.in_list = False
        self.in_container = False  # admonition, details, footnote, def list: indented text is prose

    # blocks and segments
    def _open_block(self, kind: str, line: int) -> int:
        self.block = Block(line, line, kind)
        self.page.blocks.append(self.block)
        return len(self.page.blocks) - 1

    def _close(self) -> None:
        self.segment = None

    def _new_segment(self, kind: str, block: int) -> Segment:
        segment = Segment(kind, block)
        self.page.segments.append(segment)
        self.segment = segment
        return segment

    def _add_prose(self, segment: Segment, line_no: int, col0: int, piece: str) -> None:
        segment._add(self.inline.mask(piece, line_no, col0), line_no, col0)

    def parse(self) -> Page:
        lines = self.lines
        n = len(lines)
        i = self._front_matter()
        prev_blank = True
        fence: tuple[str, int] | None = None
        raw_tag: str | None = None
        comment_start: int | None = None
        comment_text: list[str] = []
        table_open = False
        while i < n:
            line = lines[i]
            line_no = i + 1
            # inside a fenced code block
            if fence is not None:
                self.block.end = line_no
                stripped = line.strip()
                if stripped.startswith(fence[0] * fence[1]) and not stripped.strip(fence[0]):
                    fence = None
                i += 1
                continue
            # inside a multi-line HTML comment
            if comment_start is not None:
                self.block.end = line_no
                end = line.find("-->")
                if end < 0:
                    comment_text.append(line)
                    i += 1
                    continue
                comment_text.append(line[:end])
                self.page.comments.append(Comment("\n".join(comment_text), comment_start, line_no))
                comment_start = None
                rest = line[end + 3 :]
                if not rest.strip():
                    i += 1
                    prev_blank = False
                    continue
                line = " " * (end + 3) + rest
            # inside <script>, <style>, <pre>
            if raw_tag is not None:
                self.block.end = line_no
                if f"</{raw_tag}" in line.lower():
                    raw_tag = None
                i += 1
                continue
            stripped = line.strip()
            if not stripped:
                self._close()
                table_open = False
                prev_blank = True
                i += 1
                continue
            indent = _indent_width(line)
            # Each block pattern below needs a certain first character after the indent
            # (the line's first character that is not white space): test that first.
            first = stripped[0]
            # a list, admonition or footnote ends at a line that is not indented
            if indent == 0 and prev_blank:
                self.in_container = False
                if not (_MAY_START_LIST(first) and _LIST_RE.match(line)):
                    self.in_list = False
            # fenced code
            m = _FENCE_RE.match(line) if first in "`~" else None
            if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                self._close()
                fence = (m.group(2)[0], len(m.group(2)))
                self._open_block("code", line_no)
                prev_blank = False
                i += 1
                continue
            # indented code: after a blank line, outside lists and containers
            if indent >= 4 and prev_blank and not self.in_list and not self.in_container:
                self._open_block("code", line_no)
                while i < n and (not lines[i].strip() or _indent_width(lines[i]) >= 4):
                    if lines[i].strip():
                        self.block.end = i + 1
                    i += 1
                self._close()
                prev_blank = True
                continue
            # an HTML comment at the start of the line
            if stripped.startswith("<!--"):
                start_col = line.find("<!--")
                end = line.find("-->", start_col + 4)
                self._close()
                if end < 0:
                    self._open_block("comment", line_no)
                    comment_start = line_no
                    comment_text = [line[start_col + 4 :]]
                    i += 1
                    continue
                self.page.comments.append(Comment(line[start_col + 4 : end], line_no, line_no, start_col + 1))
                rest = line[end + 3 :]
                if not rest.strip():
                    self._open_block("comment", line_no)
                    prev_blank = False
                    i += 1
                    continue
                line = " " * (end + 3) + rest
                stripped = line.strip()
                first = stripped[0]
            # abbreviation and reference definitions
            m = _ABBR_RE.match(line) if first == "*" else None
            if m:
                self.page.abbreviations[m.group(1).strip()] = m.group(2).strip()
                self._close()
                self._open_block("definition", line_no)
                prev_blank = False
                i += 1
                continue
            m = _REFDEF_RE.match(line) if first == "[" else None
            if m and self.segment is None:
                self.page.references[m.group(1).strip().lower()] = m.group(2).strip("<>")
                self._open_block("definition", line_no)
                prev_blank = False
                i += 1
                continue
            # ATX heading
            m = _ATX_RE.match(line) if first == "#" else None
            if m:
                self._close()
                block = self._open_block("heading", line_no)
                content_start = m.end()
                content = line[content_start:]
                content = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", lambda x: _blank(x.group()), content)
                segment = self._new_segment("heading", block)
                self._add_prose(segment, line_no, content_start, content)
                text = " ".join(segment.text.split())
                self.page.headings.append(Heading(len(m.group(1)), text, line_no, content_start + 1))
                self._close()
                prev_blank = False
                i += 1
                continue
            # setext heading underline (turns the open paragraph into a heading)
            if first in "=-" and self.segment is not None and self.segment.kind == "paragraph" and _SETEXT_RE.match(line):
                level = 1 if stripped[0] == "=" else 2
                segment = self.segment
                segment.kind = "heading"
                self.page.blocks[segment.block].kind = "heading"
                self.page.blocks[segment.block].end = line_no
                text = " ".join(segment.text.split())
                self.page.headings.append(Heading(level, text, segment.line, segment.position(0)[1]))
                self._close()
                prev_blank = False
                i += 1
                continue
            if first in "-*_" and _HR_RE.match(line):
                self._close()
                self._open_block("rule", line_no)
                prev_blank = False
                i += 1
                continue
            # table: a row with pipes followed by a delimiter row
            if "|" in line and not table_open and i + 1 < n and _TABLE_DELIM_RE.match(lines[i + 1]) and "-" in lines[i + 1]:
                self._close()
                block = self._open_block("table", line_no)
                header = self._table_row(line, line_no, block, header=True)
                table = Table(line_no, line_no + 1, any(cell.strip() for cell in header), header, 0)
                self.page.tables.append(table)
                self.block.end = line_no + 1
                i += 2
                while i < n and lines[i].strip() and "|" in lines[i]:
                    self._table_row(lines[i], i + 1, block)
                    table.rows += 1
                    table.end_line = i + 1
                    self.block.end = i + 1
                    i += 1
                self._close()
                prev_blank = False
                continue
            # HTML block
            m = _HTML_BLOCK_RE.match(line) if first == "<" else None
            if m and self.segment is None:
                tag = m.group(1).lower()
                block = self._open_block("html", line_no)
                if tag in _RAW_TEXT_TAGS and not line.lower().startswith("</"):
                    if f"</{tag}" not in line.lower():
                        raw_tag = tag
                    prev_blank = False
                    i += 1
                    continue
                segment = self._new_segment("paragraph", block)
                self._add_prose(segment, line_no, 0, line)
                self.in_container = True  # md_in_html content may be indented
                prev_blank = False
                i += 1
                continue
            # footnote definition
            m = _FOOTNOTE_RE.match(line) if first == "[" else None
            if m:
                self._close()
                block = self._open_block("footnote", line_no)
                segment = self._new_segment("footnote", block)
                self._add_prose(segment, line_no, m.end(), line[m.end() :])
                self.in_container = True
                prev_blank = False
                i += 1
                continue
            # admonition / details
            m = _ADMONITION_RE.match(line) if first in "!?" else None
            if m:
                self._close()
                block = self._open_block("admonition", line_no)
                if m.group(2):
                    segment = self._new_segment("admonition_title", block)
                    self._add_prose(segment, line_no, m.start(2), m.group(2))
                    self._close()
                self.in_container = True
                prev_blank = False
                i += 1
                continue
            # block quote
            m = _QUOTE_RE.match(line) if first == ">" else None
            if m:
                rest = line[m.end() :]
                if self.segment is None or self.segment.kind != "blockquote" or not rest.strip():
                    self._close()
                    if not rest.strip():
                        prev_blank = False
                        i += 1
                        continue
                    block = self._open_block("blockquote", line_no)
                    self._new_segment("blockquote", block)
                self.block.end = line_no
                lm = _LIST_RE.match(rest)
                offset = m.end() + (lm.end() if lm else 0)
                self._add_prose(self.segment, line_no, offset, line[offset:])
                prev_blank = False
                i += 1
                continue
            # list item
            m = _LIST_RE.match(line) if _MAY_START_LIST(first) else None
            if m and (indent < 4 or self.in_list):
                self._close()
                if not self.in_list or self.block is None or self.block.kind != "list":
                    self._open_block("list", line_no)
                self.in_list = True
                self.block.end = line_no
                block = len(self.page.blocks) - 1
                segment = self._new_segment("list_item", block)
                content = line[m.end() :]
                # task list "[ ]" / "[x]"
                task = re.match(r"\[[ xX]\][ \t]+", content)
                start = m.end() + (task.end() if task else 0)
                self._add_prose(segment, line_no, start, line[start:])
                marker = m.group(2)
                self.page.list_items.append(
                    ListItem(" ".join(segment.text.split()), line_no, start + 1, marker[0].isdigit(), indent)
                )
                prev_blank = False
                i += 1
                continue
            # definition list description ": text"
            m = _DEFLIST_RE.match(line) if first == ":" else None
            if m:
                self._close()
                block = self._open_block("definition_list", line_no)
                segment = self._new_segment("paragraph", block)
                self._add_prose(segment, line_no, m.end(), line[m.end() :])
                self.in_container = True
                prev_blank = False
                i += 1
                continue
            # paragraph text (a new paragraph, or a continuation line)
            lead = len(line) - len(line.lstrip(" \t"))
            if self.segment is None:
                if prev_blank or self.block is None or self.block.kind not in ("list", "html", "footnote", "admonition"):
                    if not (self.in_list and indent > 0) and not (self.in_container and indent > 0):
                        self._open_block("paragraph", line_no)
                block = len(self.page.blocks) - 1
                self._new_segment("paragraph", block)
            self.block.end = line_no
            self._add_prose(self.segment, line_no, lead, line[lead:])
            prev_blank = False
            i += 1
        self._finish()
        return self.page

    def _table_row(self, line: str, line_no: int, block: int, header: bool = False) -> list[str]:
        # pipes inside inline code do not split cells
        protected = _CODE_SPAN_RE.sub(lambda x: x.group().replace("|", "\0"), line)
        cells = []
        start = 0
        for match in _PIPE_RE.finditer(protected):
            cells.append((start, match.start()))
            start = match.end()
        cells.append((start, len(line)))
        texts = []
        for index, (a, b) in enumerate(cells):
            piece = line[a:b]
            if not piece.strip() and index in (0, len(cells) - 1):
                continue
            segment = self._new_segment("table_cell", block)
            self._add_prose(segment, line_no, a, piece)
            texts.append(" ".join(segment.text.split()))
            self._close()
        return texts

    def _front_matter(self) -> int:
        lines = self.lines
        if not lines or lines[0].rstrip() != "---":
            return 0
        for end in range(1, len(lines)):
            if lines[end].rstrip() in ("---", "..."):
                break
        else:
            self.page.problems.append(self._fm_problem(1, "unclosed"))
            return 0
        self.page.front_matter_span = (1, end + 1)
        self.page.blocks.append(Block(1, end + 1, "front_matter"))
        text = "\n".join(lines[1:end])
        refused = inputguard.yaml_problem(text)
        if refused is not None:  # aliases, too deep: never loaded (see inputguard.py)
            self.page.problems.append(self._input_problem(min(refused[0] + 1, end + 1), refused[1], FRONT_MATTER_RULE))
            return end + 1
        try:
            data = _simple_front_matter(lines, 1, end)
            if data is _NOT_SIMPLE:
                data = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a safe loader
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            line = 2 + (mark.line if mark else 0)
            problem = plain_yaml_problem(getattr(error, "problem", None) or "syntax", self.page.lang)
            self.page.problems.append(self._fm_problem(min(line, end + 1), "bad_yaml", problem=problem))
            return end + 1
        except Exception as error:  # e.g. an impossible date, or too deep
            self.page.problems.append(self._fm_problem(2, "bad_yaml", problem=type(error).__name__))
            return end + 1
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.page.problems.append(self._fm_problem(2, "not_mapping"))
            data = {}
        self.page.front_matter = {str(k): v for k, v in data.items()}
        return end + 1

    def _input_problem(self, line: int, kind: str, rule: str = INPUT_RULE) -> Finding:
        return _reading_problem(self.page, rule, line, 1, self.page.lang if self.page.lang in ("en", "cy") else "en",
                                f"checks.meta.input.{kind}", limit=_INPUT_LIMITS.get(kind, ""))

    def _fm_problem(self, line: int, kind: str, problem: str = "") -> Finding:
        from localoffer.messages import t

        lang = self.page.lang if self.page.lang in ("en", "cy") else "en"
        return Finding(
            file=self.page.path,
            line=line,
            column=1,
            rule=FRONT_MATTER_RULE,
            severity="error",
            message=t(f"checks.meta.front_matter.{kind}", lang, problem=problem),
            suggestion=t("checks.meta.front_matter.unclosed_fix" if kind == "unclosed" else "checks.meta.front_matter.fix", lang),
            lang=lang,
        )

    def _finish(self) -> None:
        page = self.page
        refs = page.references
        for text, target, line, col, kind in self.inline.links:
            if target.startswith("ref:"):
                target = refs.get(target[4:].strip().lower(), "")
            page.links.append(Link(text, target, line, col, kind))
        for alt, src, line, col in self.inline.images:
            if src.startswith("ref:"):
                src = refs.get(src[4:].strip().lower(), "")
            page.images.append(Image(alt, src, line, col))
        for text, line, col in self.inline.comments:
            page.comments.append(Comment(text, line, line, col))
        page.comments.sort(key=lambda c: (c.line, c.column))


def parse(text: str, path: str = "page.md", lang: str | None = None) -> Page:
    """Parse Markdown ``text`` into a ``Page``. Never raises."""
    if lang is None:
        lang = language_of(path)
    try:
        parser = _Parser(text, path, lang)
        page = parser.parse()
    except RecursionError:  # pragma: no cover - defensive: a pathological input
        return Page(path=path, lang=lang, lines=text.split("\n"))
    for line, kind in inputguard.markdown_problems(text):
        page.problems.append(parser._input_problem(line, kind))
    return page


_INPUT_LIMITS = {
    "too_deep": inputguard.MAX_CONTAINERS, "emphasis": inputguard.MAX_EMPHASIS, "markup": inputguard.MAX_MARKS,
    "too_deep_yaml": inputguard.MAX_YAML_DEPTH, "too_large": f"{inputguard.MAX_DATA_BYTES // 1_000_000}",
}
