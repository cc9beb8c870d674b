"""What HTML a page may contain once its Markdown is rendered, and how to make it so.

One allowlist, used twice:

* ``problems(html)`` judges a page's rendered HTML the way a browser reads it (the
  HTML5 parsing algorithm of html5ever, through markupever: the same engine family as
  the sanitiser, with scripting on, as in a browser) and lists every element, attribute
  or address that is not on the list. The ``safety/rendered-html`` check reports them
  at the page's source line.
* ``clean(html)`` (nh3, the Python binding of the Ammonia sanitiser) removes them. The
  MkDocs hooks run it on every page's content in every build, so a plain
  ``mkdocs build`` or ``mkdocs serve`` never publishes them either, even when the check
  has failed the build.

The list is what our Markdown (with the extensions in mkdocs.yml) makes, plus the few
harmless tags editors write by hand (``<abbr>``, ``<kbd>``, ``<sup>``, ``<span lang>``,
``<details>``...). Anything else (scripts, styles, frames, forms, SVG and MathML,
``on...`` attributes, addresses that are not http, https, mailto, tel or relative) is
refused, whatever it is called and however it is written.

Source: OWASP Cross Site Scripting Prevention Cheat Sheet ("use an allowlist, sanitise
with a well-kept library"); WHATWG URL Standard (how a browser reads an address:
leading and trailing spaces and controls dropped, tabs and new lines removed, the scheme
in any case).
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from functools import lru_cache

# Elements our Markdown makes (core, tables, abbr, admonition, attr_list, def_list,
# footnotes, md_in_html, toc, pymdownx.details, pymdownx.superfences and its code
# highlighting), and harmless ones editors write by hand.
ALLOWED_TAGS = frozenset("""
    a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small
    nav span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split())

# Attributes every allowed element may have. ``id`` values may not start with "__":
# the theme's own elements use such ids (``__config``, ``__search``...) and a page must
# not stand in for them.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "hidden", "role"})
# ``aria-*`` and ``data-*`` attributes are allowed on every element (the pages made from
# data use them), except ``data-md-*``: the theme's script finds its own parts by them.
ATTRIBUTE_PREFIXES = ("aria-", "data-")
THEME_DATA_PREFIX = "data-md-"
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "rel"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"align", "colspan", "rowspan", "style"}),
    "th": frozenset({"align", "colspan", "rowspan", "scope", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The one style our Markdown writes: aligned table columns (``tables`` extension).
STYLE_PROPERTIES = frozenset({"text-align"})
_STYLE_OK = re.compile(r"^\s*text-align\s*:\s*(left|right|center|justify)\s*;?\s*$", re.I)

# Elements that run code, load other content or change the page: the message says so.
DANGEROUS_TAGS = frozenset("""
    script style iframe frame frameset object embed applet form input button select textarea
    base link meta portal noscript template svg math foreignobject xmp plaintext noembed
    noframes title iframe audio video source track image isindex keygen
""".split())

# The browser's URL parser drops these before it reads the scheme.
_URL_STRIP = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_SPACE = "".join(chr(c) for c in range(0x21))


def scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url`` (lower case, no colon), or None for a
    relative address. ``url`` is an attribute value as the HTML parser gives it (entities
    already decoded)."""
    value = _URL_STRIP.sub("", url.strip(_C0_SPACE))
    match = _SCHEME.match(value)
    return match.group(1).lower() if match else None


def runs_code(found_scheme: str | None) -> bool:
    """Whether a browser may run code from an address with this scheme (``javascript``,
    ``vbscript`` and any other ``...script``, ``data``, ``mocha``)."""
    return bool(found_scheme) and (found_scheme.endswith("script") or found_scheme in ("data", "mocha"))


def url_allowed(url: str) -> bool:
    found = scheme(url)
    return found is None or found in URL_SCHEMES


def attribute_allowed(tag: str, name: str) -> bool:
    if name.startswith(ATTRIBUTE_PREFIXES):
        return not name.startswith(THEME_DATA_PREFIX) and tag in ALLOWED_TAGS
    return name in GLOBAL_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ())


@dataclass(frozen=True)
class Problem:
    """One thing in the rendered HTML that is not on the list.

    ``kind``: "tag" (an element), "event" (an ``on...`` attribute), "url" (an address
    with a scheme that is not allowed), "style", "id" or "attribute" (any other).
    ``tag`` is the element's name (``svg:a`` for SVG and MathML elements), ``attribute``
    its attribute (or ""), ``value`` the scheme of a bad address (or "")."""

    kind: str
    tag: str
    attribute: str = ""
    value: str = ""

    @property
    def dangerous(self) -> bool:
        return self.kind in ("event", "url") or self.tag.split(":")[-1] in DANGEROUS_TAGS


_HTML_NS = "http://www.w3.org/1999/xhtml"
_NS_PREFIX = {"http://www.w3.org/2000/svg": "svg", "http://www.w3.org/1998/Math/MathML": "math"}


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(html: str) -> str:
    """``html`` with lone surrogates (which no UTF-8 page can hold) replaced by U+FFFD."""
    try:
        html.encode("utf-8")
        return html
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", html)


def _attribute_problem(tag: str, name: str, value: str) -> Problem | None:
    if name.startswith("on"):
        return Problem("event", tag, name)
    if not attribute_allowed(tag, name):
        if name.endswith("href") or name in ("src", "action", "formaction", "values", "to", "from", "data"):
            if not url_allowed(value):
                return Problem("url", tag, name, scheme(value) or "")
        return Problem("attribute", tag, name)
    if name in URL_ATTRIBUTES and not url_allowed(value):
        return Problem("url", tag, name, scheme(value) or "")
    if name == "style" and not _STYLE_OK.match(value):
        return Problem("style", tag, name)
    if name == "id" and value.startswith("__"):
        return Problem("id", tag, name, value)
    return None


def problems(html: str) -> list[Problem]:
    """Everything in ``html`` (a page's content, as MkDocs puts it in the page) that is
    not on the list, in document order, each once."""
    import markupever
    from markupever import dom

    if not html:
        return []
    tree = markupever.parse(_encodable(html), markupever.HtmlOptions(full_document=False))
    found: list[Problem] = []
    seen: set[Problem] = set()

    def add(problem: Problem) -> None:
        if problem not in seen:
            seen.add(problem)
            found.append(problem)

    def walk(root) -> None:
        for node in root.descendants():
            if not isinstance(node, dom.Element):
                continue
            qual = node.name
            prefix = _NS_PREFIX.get(qual.ns)
            tag = f"{prefix}:{qual.local.lower()}" if prefix else qual.local.lower()
            refused = tag not in ALLOWED_TAGS
            if refused:
                add(Problem("tag", tag))
            for key, value in node.attrs.items():
                name = key.local.lower()
                if getattr(key, "prefix", None):
                    name = f"{key.prefix}:{name}"
                problem = _attribute_problem(tag, name, value)
                # on a refused element, only the attributes that run something are news
                if problem is not None and not (refused and problem.kind == "attribute"):
                    add(problem)

    walk(tree.root())
    return found


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: the checks ``clean`` cannot express as lists."""
    if name == "id" and value.startswith("__"):
        return None
    if name.startswith(THEME_DATA_PREFIX):
        return None
    if name == "style" and not _STYLE_OK.match(value):
        return None
    return value


@lru_cache(maxsize=1)
def _cleaner():
    """One nh3 cleaner, built once (building it costs more than cleaning a page)."""
    import nh3

    return nh3.Cleaner(attribute_filter=_keep_attribute, **_cleaner_options())


@lru_cache(maxsize=1)
def _cleaner_options() -> dict:
    attributes = {"*": set(GLOBAL_ATTRIBUTES)}
    for tag, names in TAG_ATTRIBUTES.items():
        attributes[tag] = set(names)
    return {
        "tags": set(ALLOWED_TAGS),
        # these go with everything inside them, not only their tags
        "clean_content_tags": {"script", "style", "template", "noscript", "xmp", "plaintext",
                               "noembed", "noframes", "iframe", "object", "title", "textarea",
                               "select", "svg", "math"},
        "attributes": attributes,
        "generic_attribute_prefixes": set(ATTRIBUTE_PREFIXES),
        "url_schemes": set(URL_SCHEMES),
        "filter_style_properties": set(STYLE_PROPERTIES),
        "link_rel": None,
        "strip_comments": True,
    }


def clean(html: str) -> str:
    """``html`` with everything not on the list removed (nh3 / Ammonia)."""
    if not html:
        return html
    return _cleaner().clean(_encodable(html))


def plain_title(title: str) -> str:
    """A page title (HTML text, as MkDocs takes it from the first heading) that stays
    text wherever the theme puts it. Material writes it into ``<title>`` through Jinja's
    ``striptags``, which turns ``&lt;`` back into ``<``: so a heading written as
    ``&lt;/title&gt;&lt;script&gt;`` would become a script. A title with angle brackets
    gets look-alike quotation marks (‹ ›) instead; any other title is left as it is."""
    text = _html.unescape(re.sub(r"<[^>]*>", "", title))
    if "<" not in text and ">" not in text:
        return title
    return _html.escape(text.replace("<", "\u2039").replace(">", "\u203a"), quote=False)
