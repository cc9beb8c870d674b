"""Front matter as the website builder gets it: text, never markup (issue 14).

MkDocs and Material print front matter into the page without escaping it (``<title>``,
``<meta name="description">``, the menus of every other page...), and a few keys change
how the page is built (``template``, ``icon``, ``location``...). So before MkDocs renders
a page, the MkDocs adapter replaces its ``page.meta`` with ``build_meta(...)``:

* every string (in any key, known or not, at any depth) is HTML-escaped once, as a
  ``markupsafe.Markup``, so it shows as written wherever a template prints it, and a
  template's own ``| e`` does not escape it twice;
* a key in ``BUILD_KEYS`` is dropped unless ``extra.council.checks.allowed_front_matter``
  allows it and its value is one the builder can use (a template or icon that exists, a
  web address, a known word).

The check ``meta/front-matter`` reports the same keys with ``build_key_problems``, so a
refused key is an error with the line to change, in every build path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from markupsafe import Markup, escape

# Keys that MkDocs, Material or its plugins read to change how a page is built.
BUILD_KEYS = ("template", "icon", "location", "hide", "search", "status", "comments", "tags", "social")
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
SEARCH_KEYS = ("exclude", "boost")
MAX_DEPTH = 12  # front matter nested deeper than this is refused before it gets here

_TEMPLATE_RE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html")
_ICON_RE = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")
_WORD_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,40}")
# Characters never allowed in an address we print: spaces, quotes, angle brackets, controls.
_UNSAFE_URL_CHARS = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")


def safe_url(value: Any, *, relative: bool = False) -> bool:
    """Whether ``value`` is a web address we may print as a link: ``http``/``https`` with a
    host, or (``relative=True``) a path on this site. Never ``javascript:``, ``data:``..."""
    if not isinstance(value, str) or not value or len(value) > 2000 or _UNSAFE_URL_CHARS.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme:
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    return relative and not value.startswith("//") and ":" not in value.split("/", 1)[0]


def escape_text(value: Any, depth: int = 0) -> Any:
    """``value`` with every string in it HTML-escaped once (as ``Markup``); dates, numbers
    and booleans as they are. A string that is already ``Markup`` is left alone."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {escape_text(str(k), depth + 1): escape_text(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_text(v, depth + 1) for v in value]
    return value


def theme_dirs(root: str | Path, custom_dir: str | None = None) -> list[Path]:
    """The template folders of a site: its ``theme.custom_dir`` (``overrides/``) and
    Material's own (MkDocs itself uses ``config.theme.dirs``)."""
    import material

    return [Path(root) / (custom_dir or "overrides"), Path(material.__file__).parent / "templates"]


def site_theme_dirs(settings) -> list[Path]:
    """``theme_dirs`` of a site from its settings (``mkdocs.yml``)."""
    theme = (getattr(settings, "raw", None) or {}).get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return theme_dirs(settings.root, custom_dir if isinstance(custom_dir, str) else None)


def template_exists(name: str, dirs) -> bool:
    return bool(_TEMPLATE_RE.fullmatch(name)) and any((Path(d) / name).is_file() for d in dirs)


def icon_exists(name: str, dirs) -> bool:
    return bool(_ICON_RE.fullmatch(name)) and any((Path(d) / ".icons" / f"{name}.svg").is_file() for d in dirs)


def _value_problem(key: str, value: Any, dirs) -> tuple[str, dict] | None:
    """The message key and values when an allowed build key has a value we cannot use."""
    shown = (value if isinstance(value, str) else repr(value))[:80]
    if key == "template":
        if not (isinstance(value, str) and template_exists(value, dirs)):
            return "meta.fm.template_missing", {"value": shown}
    elif key == "icon":
        if not (isinstance(value, str) and icon_exists(value, dirs)):
            return "meta.fm.icon_missing", {"value": shown}
    elif key == "location":
        if not safe_url(value, relative=True):
            return "meta.fm.location_bad", {"value": shown}
    elif key == "hide":
        if not (isinstance(value, list) and all(v in HIDE_VALUES for v in value)):
            return "meta.fm.value_unknown", {"key": key, "value": shown, "known": ", ".join(HIDE_VALUES)}
    elif key == "search":
        if not (isinstance(value, dict) and set(value) <= set(SEARCH_KEYS)
                and isinstance(value.get("exclude", False), bool)
                and isinstance(value.get("boost", 1), (int, float))):
            return "meta.fm.value_unknown", {"key": key, "value": shown, "known": "exclude: true"}
    elif key == "status":
        if not (isinstance(value, str) and _WORD_RE.fullmatch(value)):
            return "meta.fm.value_unknown", {"key": key, "value": shown, "known": "new, deprecated"}
    elif key == "comments":
        if not isinstance(value, bool):
            return "meta.fm.value_unknown", {"key": key, "value": shown, "known": "true, false"}
    elif key == "tags":
        if not (isinstance(value, list) and all(isinstance(v, str) and _WORD_RE.fullmatch(v) for v in value)):
            return "meta.fm.value_unknown", {"key": key, "value": shown, "known": "[transport, schools]"}
    else:  # social cards and anything else we list but do not check: never from a page
        return "meta.fm.refused_key", {"key": key}
    return None


def build_key_problems(front_matter: dict, allowed, dirs) -> list[tuple[str, str, dict]]:
    """``(key, message key, values)`` for each build key the page may not use as written."""
    out = []
    for key in BUILD_KEYS:
        if key not in front_matter:
            continue
        if key not in allowed:
            out.append((key, "meta.fm.refused_key", {"key": key}))
            continue
        problem = _value_problem(key, front_matter[key], dirs)
        if problem is not None:
            out.append((key, *problem))
    return out


def build_meta(meta: dict, allowed, dirs) -> dict:
    """The page's front matter for MkDocs and the templates: refused or unusable build
    keys dropped, every string escaped."""
    refused = {key for key, _, _ in build_key_problems(meta, allowed, dirs)}
    return escape_text({str(k): v for k, v in meta.items() if str(k) not in refused})


def allowed_keys(settings) -> frozenset:
    allowed = (getattr(settings, "checks", None) or {}).get("allowed_front_matter") or []
    return frozenset(allowed if isinstance(allowed, list) else [allowed])


def spreadsheet_text(value: Any) -> Any:
    """A cell for a CSV file that a council officer may open in Excel or Calc: text that
    starts with ``=``, ``+``, ``-``, ``@`` or a tab would run as a formula
    (``=HYPERLINK(...)``), so it gets a ``'`` in front (OWASP "CSV injection")."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# --- file names ---------------------------------------------------------------------------------

_SAFE_SEGMENT_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")


def unsafe_file_name(relative: str) -> bool:
    """Whether a page's path under docs/ has a character or part we refuse in a file name."""
    parts = relative.replace("\\", "/").split("/")
    return any(not _SAFE_SEGMENT_RE.fullmatch(part) or ".." in part for part in parts)


def suggested_name(relative: str) -> str:
    name = relative.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = name.partition(".")
    stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "page"
    ext = re.sub(r"[^a-z0-9.]+", "", ext.lower().replace("..", ".")).strip(".") or "md"
    return f"{stem}.{ext}"
