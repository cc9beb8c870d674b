"""``safety/file-type``: only safe kinds of file in the docs folder.

Source: OWASP File Upload Cheat Sheet ("list allowed extensions"; "SVG can hold
scripts"); issue 14 (an ``.html``, ``.js`` or ``.svg`` file in docs/ was published as it
was, and ``script-src 'self'`` trusted any ``.js`` file an editor added).

Everything in the docs folder is published, and a pull request that only changes
docs/ can be merged without a maintainer. So the folder takes pages (``.md``), pictures,
PDF and office documents, text, sound and video, and nothing a browser would run as
part of the site: ``.html``, ``.js``, ``.css``, ``.xml``... are refused (and the build
does not copy them). An SVG picture is XML and can carry a script: one is accepted only
when it has no script, no ``on...`` attribute, no ``javascript:`` address, no
``<foreignObject>``, no reference to another file or website, and no DTD or entity
declarations (read with defusedxml, so a "billion laughs" file cannot exhaust memory).

Files the theme needs (scripts, styles) live in ``overrides/``, where only maintainers
can change them.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from localoffer import sanitise
from localoffer.rules import site_rule
from localoffer.findings import Finding
from localoffer.messages import cli_language, t

RULE = "safety/file-type"

ALLOWED_EXTENSIONS = frozenset("""
    md
    png jpg jpeg gif webp avif svg ico
    pdf doc docx odt rtf xls xlsx ods csv ppt pptx odp txt
    mp3 m4a ogg wav mp4 webm vtt
""".split())
# The largest SVG file read (bigger ones are refused: pictures are far smaller).
MAX_SVG_BYTES = 2_000_000

# Elements refused whatever their attributes; ``<use>``, ``<image>`` and others are
# accepted only when they point inside the picture (``href="#part"``).
_SVG_BAD_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler",
                               "listener", "a"})
_ANIMATION = frozenset({"animate", "set", "animatetransform", "animatemotion"})
_URL_IN_STYLE = re.compile(r"@import|url\s*\(\s*['\"]?\s*(?!#)", re.I)


# The folders the Content-Security-Policy trusts scripts from (hosting.SCRIPT_FOLDERS,
# and each language's search folder, such as cy/pagefind/).
_RESERVED = re.compile(r"^(?:assets/javascripts/|(?:[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?/)?pagefind/)")


def extension(name: str) -> str:
    suffix = PurePosixPath(name).suffix
    return suffix[1:].lower() if suffix else ""


def skipped(path: str) -> bool:
    """Files MkDocs does not publish: names starting with a dot, in any folder."""
    return any(part.startswith(".") for part in PurePosixPath(path).parts)


def svg_problem(data: bytes) -> tuple[str, dict] | None:
    """``(message key, values)`` for the first unsafe thing in an SVG file, or None."""
    from defusedxml import ElementTree as SafeTree
    from defusedxml.common import DefusedXmlException

    if len(data) > MAX_SVG_BYTES:
        return "safety.svg.too_big", {}
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I):
        return "safety.svg.entity", {}
    if re.search(rb"<\?xml-stylesheet", data, re.I):
        return "safety.svg.external", {"attr": "xml-stylesheet"}
    try:
        root = SafeTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return "safety.svg.entity", {}
    except Exception:  # noqa: BLE001 - ParseError, or bytes that are not text
        return "safety.svg.broken", {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag == "script":
            return "safety.svg.script", {}
        if tag in _SVG_BAD_ELEMENTS:
            return "safety.svg.element", {"tag": tag}
        if tag == "style" and _URL_IN_STYLE.search(element.text or ""):
            return "safety.svg.external", {"attr": "style"}
        for key, value in element.attrib.items():
            name = key.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                return "safety.svg.event", {"attr": name}
            if name == "href" or name in ("src", "values", "to", "from", "by"):
                if not sanitise.url_allowed(value):
                    return "safety.svg.url", {"attr": name}
            if name == "href" and not value.strip().startswith("#"):
                return "safety.svg.external", {"attr": name}
            if name == "attributename" and tag in _ANIMATION and value.strip().lower().endswith("href"):
                return "safety.svg.url", {"attr": name}
            if name == "style" and _URL_IN_STYLE.search(value):
                return "safety.svg.external", {"attr": name}
            if "url(" in value.replace(" ", "").lower() and not re.fullmatch(r"\s*url\(\s*#[^)]*\)\s*", value):
                return "safety.svg.external", {"attr": name}
    return None


def file_problem(path: str, read) -> tuple[str, dict] | None:
    """``(message key, values)`` when the docs file ``path`` (inside docs/, with "/") may
    not be published, else None. ``read()`` gives the file's bytes (only SVG files are read)."""
    if skipped(path):
        return None
    match = _RESERVED.match(path)
    if match:  # the policy trusts scripts from these folders
        return "safety.file_type.reserved", {"folder": match.group(0)}
    ext = extension(path)
    if ext not in ALLOWED_EXTENSIONS:
        if ext:
            return "safety.file_type.refused", {"ext": "." + ext}
        return "safety.file_type.no_extension", {}
    if ext == "svg":
        try:
            data = read()
        except OSError:
            return "safety.svg.broken", {}
        return svg_problem(data)
    return None


def refused_files(docs_dir: Path, files) -> dict[str, tuple[str, dict]]:
    """``{path: (message key, values)}`` for the docs files that may not be published."""
    docs_dir = Path(docs_dir)
    out = {}
    for path in sorted(files):
        problem = file_problem(path, lambda p=path: (docs_dir / p).read_bytes())
        if problem is not None:
            out[path] = problem
    return out


def _shown(ctx, path: str) -> str:
    import os

    root = getattr(ctx.settings, "root", None)
    full = Path(ctx.docs_dir) / path
    try:
        return os.path.relpath(full, root) if root is not None else str(full)
    except ValueError:
        return str(full)


@site_rule(RULE)
def file_type(pages, ctx):
    """Files in the docs folder that are not safe to publish (by type; SVG by content)."""
    if ctx.docs_dir is None or ctx.files is None:
        return []
    refused = ctx.memo("safety.file_type.refused", lambda: refused_files(ctx.docs_dir, ctx.files))
    lang = cli_language()
    out = []
    for path, (key, values) in refused.items():
        fix = "safety.svg.fix" if key.startswith("safety.svg.") else "safety.file_type.fix"
        out.append(Finding(
            file=_shown(ctx, path), line=1, column=1, rule=RULE, severity="error",
            message=t(key, lang, **values), suggestion=t(fix, lang, **values), lang=lang))
    return out
