"""Bounds on what editors write, checked before YAML or MkDocs read it (issue 14).

An editor's page or data file must never crash or hang the build. These pure functions
find the inputs that would, with the line to change:

* ``yaml_problem(text)``: YAML anchors and aliases (``&name`` / ``*name``, the way a
  few lines can grow into gigabytes: the "billion laughs"), and nesting deeper than
  ``MAX_YAML_DEPTH``. Front matter and every data file go through it before they are loaded.
* ``markdown_problems(text)``: page text that Python-Markdown cannot take: lists, quotes or
  emphasis nested deeper than it can render (700 levels of a list overflow its stack,
  3,000 levels run for minutes), and ``<![`` that is not a marked section (Python's HTML
  parser stops with an AssertionError).
* ``neutralise_markdown(text)``: the same page, safe for MkDocs: a page with a problem above
  is built with a short notice in its place (the build fails anyway, with the message).

Each finding is ``(line, kind)``; the messages are ``checks.meta.input.<kind>`` in
``data/messages_input.yml``.
"""

from __future__ import annotations

import re

import yaml

# Deeper than any real page or data file; far below what breaks the parsers.
MAX_YAML_DEPTH = 20
MAX_INDENT = 80  # columns of indentation at the start of a line (a tab counts 4)
MAX_CONTAINERS = 20  # quote and list markers at the start of one line ("> - > - ...")
MAX_EMPHASIS = 600  # * and _ characters in one paragraph (nested emphasis recurses)
MAX_MARKS = 200  # [ and <tag in a paragraph, definition lines in a list; abbreviations, boxes a page
# The largest data file (a service, the glossary) we read, in bytes.
MAX_DATA_BYTES = 2_000_000

_Scanner = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
         yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_DEEP_INDENT_RE = re.compile(r"^[ \t-]{%d,}" % (2 * MAX_YAML_DEPTH), re.M)


def yaml_problem(text: str) -> tuple[int, str] | None:
    """``(line, kind)`` for YAML we refuse to load (``alias`` or ``too_deep``), else None.

    Fast: the tokens are read (by libyaml) only when the text has a ``&`` or ``*``, or
    enough brackets or indentation to be deep. Broken YAML is left to the loader, whose
    message we explain."""
    if not text:
        return None
    if len(text) > MAX_DATA_BYTES:
        return (1, "too_large")
    flow = text.count("[") + text.count("{")
    if "&" not in text and "*" not in text and flow < MAX_YAML_DEPTH and not _DEEP_INDENT_RE.search(text):
        return None
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_Scanner):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return (token.start_mark.line + 1, "alias")
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return (token.start_mark.line + 1, "too_deep_yaml")
            elif isinstance(token, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


# --- page text ---------------------------------------------------------------------------------

# Python's HTML parser (which MkDocs runs over every page) accepts "<![" only before one of
# these words; anything else stops it with an AssertionError (Python 3.11 and 3.12).
_BAD_MARKED_SECTION_RE = re.compile(
    r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-z0-9]))", re.I)
_CONTAINERS_RE = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+")
_MARKER_RE = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_LINK_MARK_RE = re.compile(r"(?<!\\)\[|<[A-Za-z/!?]")
_DEFINITION_RE = re.compile(r" {0,3}:[ \t]")
_BLOCK_START_RE = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\|)")
_THEMATIC_BREAK_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# A line that may be past a limit: more than MAX_INDENT // 4 white-space characters (a tab
# counts at most 4 columns), or more than MAX_CONTAINERS markers, at its start.
_MAYBE_DEEP_RE = re.compile(r"^(?:[ \t]{%d}|(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])){%d})"
                            % (MAX_INDENT // 4 + 1, MAX_CONTAINERS + 1), re.M)


def indent_width(line: str) -> int:
    """The columns of white space at the start of ``line`` (a tab goes to the next 4)."""
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def markdown_problems(text: str) -> list[tuple[int, str]]:
    """``(line, kind)`` for each part of a page that would crash or hang Markdown:
    ``marked_section`` (``<![``), ``too_deep`` (indentation, quotes or lists), ``emphasis``
    (nested ``*`` and ``_``), ``markup`` (hundreds of ``[``, ``<tag`` or definition lines in
    one paragraph, or of abbreviation definitions or note boxes (``!!!``, ``???``) in one
    page: Markdown's time grows with their square, or it runs out of stack). At most one finding of each kind but the first, at the
    first line past its limit."""
    has_marked = "<![" in text
    if (not has_marked and text.count("*") + text.count("_") <= MAX_EMPHASIS
            and text.count("[") + text.count("<") <= MAX_MARKS and text.count(":") <= MAX_MARKS
            and text.count("!!!") + text.count("???") <= MAX_MARKS
            and not _MAYBE_DEEP_RE.search(text)):
        return []  # the usual page: nothing near a limit (checked in C, no loop over lines)
    found: list[tuple[int, str]] = []
    seen: set[str] = set()

    def report(number: int, kind: str) -> None:
        if kind not in seen:
            seen.add(kind)
            found.append((number, kind))

    run = marks = definitions = abbreviations = boxes = 0  # in this paragraph (the last two: page)
    for number, line in enumerate(text.split("\n"), 1):
        if has_marked and "<![" in line and _BAD_MARKED_SECTION_RE.search(line):
            found.append((number, "marked_section"))
        if not line.strip():
            run = marks = definitions = 0
            continue
        if "too_deep" not in seen:
            markers = 0
            match = _CONTAINERS_RE.match(line)
            if match and len(match.group(0)) > MAX_CONTAINERS and not _THEMATIC_BREAK_RE.match(line):
                markers = len(_MARKER_RE.findall(match.group(0)))
            if indent_width(line) > MAX_INDENT or markers > MAX_CONTAINERS:
                report(number, "too_deep")
        if "*" in line or "_" in line:
            run += line.count("*") + line.count("_")
            if run > MAX_EMPHASIS:
                report(number, "emphasis")
        if _BLOCK_START_RE.match(line):  # a list item or a table row: an inline text of its own
            marks = 0
        if "[" in line or "<" in line:
            marks += len(_LINK_MARK_RE.findall(line))
        if _DEFINITION_RE.match(line):
            definitions += 1
        if line.startswith("*["):
            abbreviations += 1
        if line.lstrip().startswith(("!!!", "???")):  # note and details boxes
            boxes += 1
        if max(marks, definitions, abbreviations, boxes) > MAX_MARKS:
            report(number, "markup")
    return found


def neutralise_markdown(text: str, lang: str = "en", problems: list[tuple[int, str]] | None = None) -> str:
    """``text`` that MkDocs can build whatever it holds: broken ``<![`` shown as text, and a
    page nested too deep replaced by a one-line notice (its check has failed the build)."""
    if problems is None:
        problems = markdown_problems(text)
    if not problems:
        return text
    if any(kind != "marked_section" for _, kind in problems):
        from localoffer.messages import t

        return t("checks.meta.input.page_not_built", lang if lang in ("en", "cy") else "en") + "\n"
    return neutralise_marked_sections(text)


def neutralise_marked_sections(text: str) -> str:
    """``text`` with each ``<![`` that would stop Python's HTML parser shown as text."""
    return _BAD_MARKED_SECTION_RE.sub("&lt;![", text) if "<![" in text else text


# --- front matter, before MkDocs reads it ------------------------------------------------------

def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """``(front matter, rest, lines)`` of a page that starts with a ``---`` block, else None."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return "\n".join(lines[1:end]), "\n".join(lines[end + 1:]), end + 1
    return None


def safe_source(text: str) -> str | None:
    """The page's text with a front matter we refuse (aliases, too deep, too large) taken
    out, so MkDocs never loads it; None when the page can be read as it is."""
    parts = split_front_matter(text)
    if parts is None:
        return None
    front, rest, count = parts
    if yaml_problem(front) is None:
        return None
    # an empty mapping in its place (two fences in a row would let MkDocs read up to the
    # next "---" in the page as YAML), on as many lines, so the page keeps its line numbers
    return "---\n{}\n---\n" + "\n" * max(count - 3, 0) + rest
