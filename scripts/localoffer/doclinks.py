"""Where a link or image in a page leads, inside the site's docs folder.

Used by the rules that check links and files (``meta/broken-link``, ``meta/large-file``,
``i18n/language-link``). Plain functions on strings: no file access.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LANG_SUFFIX_RE = re.compile(r"^(?P<stem>.*)\.(?P<lang>[a-z]{2})\.md$")
_ID_RE = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"'<>]+)["']|\{[^{}\n]*?#([\w:.-]+)[^{}\n]*\}""")


def is_local(target: str) -> bool:
    """True for a link to something in the site (not a web address, email or phone)."""
    target = target.strip()
    return bool(target) and not _SCHEME_RE.match(target) and not target.startswith(("//", "/"))


def split(target: str) -> tuple[str, str]:
    """``"a/b.md#part"`` -> ``("a/b.md", "part")``; the path is URL-decoded."""
    path, _, anchor = target.strip().partition("#")
    path = path.split("?", 1)[0]
    return unquote(path), unquote(anchor)


def resolve(page_path: str, path: str) -> str | None:
    """The docs-relative path ``path`` leads to from the page at ``page_path``, or None
    when it leads outside the docs folder."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


def language_suffix(path: str) -> tuple[str, str] | None:
    """``"a/b.cy.md"`` -> ``("a/b.md", "cy")``; None for a name without a language."""
    match = _LANG_SUFFIX_RE.match(path)
    if not match:
        return None
    return match.group("stem") + ".md", match.group("lang")


def slugify(text: str) -> str:
    """The heading id MkDocs gives (Python-Markdown's toc slugify)."""
    from markdown.extensions.toc import slugify as toc_slugify

    return toc_slugify(text, "-")


def anchors(page) -> set[str]:
    """Every id a link may point to on ``page``: headings (as MkDocs makes them, with the
    ``_1`` of a repeated heading) and ``{#id}`` or ``id="..."`` written in the page."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for heading in page.headings:
        raw = page.lines[heading.line - 1] if 0 < heading.line <= len(page.lines) else ""
        raw_text = re.sub(r"\{[^}]*\}\s*$", "", raw.lstrip(" #").rstrip(" #"))
        raw_text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", raw_text)
        for text in {heading.text, raw_text}:
            slug = slugify(text)
            found.add(slug)
            seen = counts.get(slug, 0)
            if seen:
                found.add(f"{slug}_{seen}")
        base = slugify(heading.text)
        counts[base] = counts.get(base, 0) + 1
    for line in page.lines:
        if "id" in line or "name" in line or "{" in line:
            for match in _ID_RE.finditer(line):
                found.add(match.group(1) or match.group(2))
    return found
