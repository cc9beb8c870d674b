"""``safety/raw-html``: no HTML that could run code or load content from elsewhere.

Source: OWASP Cross Site Scripting Prevention Cheat Sheet; Local Offer Kit FINDINGS.md
("Python-Markdown passes raw HTML through: <script>, javascript: links and onerror= reach
the site"). Volunteers edit pages in the GitHub web editor: a pasted snippet must not
reach families' browsers.

Flags, outside code blocks, inline code and HTML comments:

* elements that run code, load other pages or change the page's address or look:
  ``script``, ``iframe``, ``frame``, ``object``, ``embed``, ``applet``, ``form``, ``style``,
  ``base``, ``link``, ``meta`` (including a refresh), ``portal``;
* any ``on*`` attribute (``onclick``, ``onerror``, SVG ``onload``), in raw HTML or in an
  ``attr_list`` block (``{: onclick="..." }``);
* ``javascript:``, ``vbscript:`` and ``data:`` addresses in ``href``, ``src`` and similar
  attributes, in Markdown links and images and in reference definitions (entities and
  spaces are decoded first, as a browser would);
* ``style`` attributes that load or run something (``url(``, ``expression(``, ``@import``);
* images, audio and video loaded from another website in raw HTML.

Harmless HTML still works: ``<abbr>``, ``<br>``, ``<details>``, ``<summary>``,
``<div markdown>``, ``<span class lang>``, tables, ``<kbd>``, ``<sup>``...
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from localoffer.rules import finding, page_rule

RULE = "safety/raw-html"

BLOCKED_TAGS = frozenset(
    "script iframe frame frameset object embed applet form style base link meta portal "
    "foreignobject".split()
)
URL_ATTRIBUTES = frozenset(
    "href src srcset action formaction xlink:href poster background data cite longdesc lowsrc "
    "dynsrc ping to from values by".split()
)
LOADING_TAGS = frozenset("img audio video source track image use input".split())
LOADING_ATTRIBUTES = frozenset("src srcset poster href xlink:href data".split())
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
_STYLE_BAD = re.compile(r"url\s*\(|expression\s*\(|@import|behaviou?r\s*:|-moz-binding", re.I)

_TAG_RE = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>?", re.S)
_ATTR_RE = re.compile(
    r"""(?:^|(?<=[\s/"']))([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""", re.S
)
_ATTR_LIST_RE = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}")
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CODE_SPAN_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_SKIP_BLOCKS = ("code", "front_matter")
_REFDEF_RE = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*<?(\S+?)>?(?:\s|$)")


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


@lru_cache(maxsize=4096)
def scheme_of(value: str) -> str:
    """The URL scheme a browser would see (entities decoded, spaces and controls dropped)."""
    decoded = html.unescape(html.unescape(value or ""))
    decoded = re.sub(r"[\x00-\x20\x7f\u200b-\u200d\ufeff]+", "", decoded).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", decoded)
    return match.group(1) + ":" if match else ""


def bad_url(value: str) -> str | None:
    scheme = scheme_of(value)
    return scheme if scheme in BAD_SCHEMES else None


def _external(value: str) -> bool:
    decoded = html.unescape(value or "").strip().lower()
    return decoded.startswith(("http://", "https://", "//", "ftp://"))


def _masked_source(page) -> str:
    """The page's source with code, front matter, comments and code spans blanked out."""
    skip = set()
    for block in page.blocks:
        if block.kind in _SKIP_BLOCKS:
            skip.update(range(block.start, block.end + 1))
    lines = []
    for number, line in enumerate(page.lines, start=1):
        if number in skip:
            lines.append(" " * len(line))
        else:
            lines.append(_CODE_SPAN_RE.sub(_blank, line) if "`" in line else line)
    text = "\n".join(lines)
    return _COMMENT_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def attributes(source: str) -> list[tuple[str, str | None, int]]:
    """``(name lower case, value without quotes or None, offset)`` for each attribute."""
    out = []
    for m in _ATTR_RE.finditer(source):
        value = m.group(2)
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        out.append((m.group(1).lower(), value, m.start(1)))
    return out


def _attribute_problems(tag: str, attrs, loading_ok: bool):
    """``(message key, values, offset)`` for each dangerous attribute."""
    for name, value, offset in attrs:
        if name.startswith("on"):
            yield "safety.raw_html.event", {"attr": name, "tag": tag}, offset
        elif name in URL_ATTRIBUTES and value is not None and bad_url(value):
            yield "safety.raw_html.url", {"attr": name, "tag": tag, "scheme": bad_url(value)}, offset
        elif name == "style" and value and _STYLE_BAD.search(html.unescape(value)):
            yield "safety.raw_html.style_attr", {"tag": tag}, offset
        elif name == "srcdoc":
            yield "safety.raw_html.event", {"attr": name, "tag": tag}, offset
        elif (not loading_ok and tag in LOADING_TAGS and name in LOADING_ATTRIBUTES
              and value is not None and _external(value)):
            yield "safety.raw_html.external", {"tag": tag, "attr": name}, offset


@page_rule(RULE)
def raw_html(page, ctx):
    """Flag raw HTML and addresses that could run code or load content from elsewhere."""
    text = _masked_source(page)
    out = []
    seen = set()

    def add(offset, key, values):
        line, column = _position(text, offset)
        if (line, column, key) in seen:
            return
        seen.add((line, column, key))
        out.append(finding(page, RULE, "error", line, column, key,
                           suggestion_key="safety.raw_html.fix", **values))

    if "<" in text:
        for m in _TAG_RE.finditer(text):
            tag = m.group(1).lower()
            if tag in BLOCKED_TAGS:
                add(m.start(), "safety.raw_html.tag", {"tag": tag})
            attrs = attributes(m.group(2))
            for key, values, offset in _attribute_problems(tag, attrs, loading_ok=False):
                add(m.start(2) + offset, key, values)
    if "{" in text:
        for m in _ATTR_LIST_RE.finditer(text):
            attrs = attributes(" " + m.group(1))
            for key, values, offset in _attribute_problems("{ }", attrs, loading_ok=True):
                add(m.start(1) + max(offset - 1, 0), key, values)
    for link in page.links:
        scheme = bad_url(link.target)
        if scheme:
            add(_offset_of(text, link.line, link.column), "safety.raw_html.link", {"scheme": scheme})
    for image in page.images:
        scheme = bad_url(image.src)
        if scheme:
            add(_offset_of(text, image.line, image.column), "safety.raw_html.link", {"scheme": scheme})
    for number, line in enumerate(page.lines, start=1):
        m = _REFDEF_RE.match(line) if "[" in line else None
        if m and bad_url(m.group(2)):
            add(_offset_of(text, number, m.start(2) + 1), "safety.raw_html.link", {"scheme": bad_url(m.group(2))})
    return sorted(out, key=lambda f: (f.line, f.column))


def _offset_of(text: str, line: int, column: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset + column - 1
