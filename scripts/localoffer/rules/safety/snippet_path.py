"""``safety/snippet-path``: a snippet include only takes text from the docs folder.

Source: pymdownx.snippets documentation ("restrict_base_path": snippets may only come from
the base path, which is the project folder, not docs/); OWASP "Path traversal". Without
this check a page could copy ``mkdocs.yml``, a data file or anything else in the project
into the public website with ``--8<-- "file"``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from localoffer.rules import finding, page_rule

RULE = "safety/snippet-path"
_SNIPPET_RE = re.compile(r"""^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+(?P<q>["']?)(?P<path>[^"'\s]+)(?P=q)[ \t]*$""")
_BLOCK_RE = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*$")


def _base(ctx) -> Path | None:
    """The snippets base path (pymdownx.snippets ``base_path``, default the project folder)."""
    settings = ctx.settings
    root = getattr(settings, "root", None)
    if root is None:
        return None
    base = "."
    for item in (getattr(settings, "raw", None) or {}).get("markdown_extensions") or []:
        if isinstance(item, dict) and "pymdownx.snippets" in item:
            value = (item["pymdownx.snippets"] or {}).get("base_path", ".")
            base = value[0] if isinstance(value, list) and value else value
    return (Path(root) / str(base)).resolve()


def _inside(path: str, base: Path | None, docs: Path | None) -> bool:
    if base is None or docs is None:
        return ".." not in Path(path).parts and not os.path.isabs(path) and path.startswith("docs/")
    try:
        (base / path).resolve().relative_to(docs)
        return True
    except ValueError:
        return False


def bad_snippets(lines: list[str], ctx, depth: int = 0, seen: frozenset | set = frozenset()) -> list[tuple[int, int, str, str]]:
    """``(line, column, path, message key)`` for each snippet include that takes a file
    from outside the docs folder, or a file that is not there (also inside an included
    file: then ``path`` is ``"outer.txt:3: inner.txt"``)."""
    out = []
    if not any("8<" in line for line in lines):
        return out  # nearly every page: no snippet at all
    base, docs = _base(ctx), ctx.docs_dir
    in_block = False
    for number, line in enumerate(lines, 1):
        if "8<" not in line and not in_block:
            continue
        if _BLOCK_RE.match(line):
            in_block = not in_block
            continue
        match = _SNIPPET_RE.match(line)
        path = match.group("path") if match else (line.strip() if in_block else "")
        if not path or path.startswith(";") or re.match(r"https?://", path):
            continue
        path = path.split(":", 1)[0] if re.search(r":\d", path) else path  # file.md:3:5 (lines)
        column = line.find(path) + 1 if path in line else 1
        if not _inside(path, base, docs):
            out.append((number, column, path, "checks.safety.snippet_path"))
        elif base is not None and docs is not None and ctx.files is not None:
            rel = (base / path).resolve().relative_to(docs).as_posix()
            if rel not in ctx.files:
                out.append((number, column, path, "checks.safety.snippet_missing"))
            elif depth < MAX_DEPTH and rel not in seen:
                inner = _included_problem(docs / rel, ctx, depth + 1, seen | {rel})
                if inner is not None:
                    out.append((number, column, f"{path}:{inner[0]}: {inner[1]}", "checks.safety.snippet_nested"))
    return out


# pymdownx.snippets follows includes inside included files; so do we, this deep.
MAX_DEPTH = 8


def _included_problem(file: Path, ctx, depth: int, seen: set[str]) -> tuple[int, str] | None:
    """``(line, path)`` of the first bad include inside the included ``file``, or None.
    A missing file there stops the snippets extension with a traceback, so the line that
    includes ``file`` is reported (and left out of the page) instead."""
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return None
    found = bad_snippets(lines, ctx, depth, seen)
    return (found[0][0], found[0][2]) if found else None


@page_rule(RULE)
def snippet_path(page, ctx):
    """Snippet includes (``--8<-- "file"``) that take a file from outside the docs folder."""
    return [finding(page, RULE, "error", line, column, key, suggestion_key=key + ".fix", path=path)
            for line, column, path, key in bad_snippets(page.lines, ctx)]


def neutralise(markdown: str, ctx) -> str:
    """``markdown`` with each bad snippet line escaped (``;--8<--``), so the snippets
    extension neither publishes the file nor stops the build with a traceback. The finding
    above still fails the build."""
    lines = markdown.split("\n")
    bad = bad_snippets(lines, ctx)
    for number, _, _, _ in bad:
        line = lines[number - 1]
        lead = len(line) - len(line.lstrip())
        if line.lstrip().startswith("-"):
            lines[number - 1] = line[:lead] + ";" + line[lead:]
        else:  # a file name inside a block: drop it
            lines[number - 1] = ""
    return "\n".join(lines) if bad else markdown
