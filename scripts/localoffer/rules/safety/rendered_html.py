"""``safety/rendered-html``: judge what the browser will get, not the Markdown.

Source: OWASP Cross Site Scripting Prevention Cheat Sheet and XSS Filter Evasion Cheat
Sheet (a filter that reads the source misses what the parser makes of it); issue 14 (347
of 498 public payloads reached a built page past ``safety/raw-html``).

The page is rendered with the site's own Markdown settings (the ``markdown_extensions``
of mkdocs.yml, snippets included), and the HTML is read by a browser-grade parser
(``localoffer.sanitise.problems``: html5ever). Anything not on the site's list of
elements, attributes and address schemes is an error at the source line it came from:
each block of the page is rendered alone to find it, then the line that names it.

``safety/raw-html`` reads the Markdown and explains the common cases in plainer words;
this rule says nothing on a line where that rule has already named the same thing.

Speed: rendering costs about as much as all the other checks together, so a page is
rendered only when its text could make something that is not on the list. Without
``<`` (tags, comments, autolinks), a character reference (``&name;``, ``&#..;``: Markdown
writes any other ``&`` as ``&amp;``), ``{`` (attribute lists), ``8<`` (snippets) or a
control character (Python-Markdown's own placeholders), once plain comments, web and
email autolinks, ``<br>`` and plain inline tags on the list are taken out,
Markdown can only make its own elements and attributes, with text escaped; the one way
left to a bad address is a link or image whose address is copied from the text, and
the browser reads a scheme from it only after dropping tabs and new lines, so the text
must then hold ``script:``, ``data:`` or ``mocha:`` once those (and backslashes) are
taken out. The sanitiser still cleans every page that is not rendered here.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from localoffer import sanitise
from localoffer.rules import finding, page_rule

RULE = "safety/rendered-html"

_TRIGGER = re.compile(r"[<{\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|8<|&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.I)
# Markup that is known to be harmless and common in pages, taken out before the test
# above: HTML comments with no "<", ">" or "--" inside (``<!-- localoffer-ignore ... -->``),
# web and email autolinks with no quote, space or angle bracket in them, ``<br>``, and
# inline tags on the list with only ``title``, ``lang``, ``class`` or ``dir`` in plain
# double quotes (``<abbr title="...">``, ``<span lang="cy">``, ``<kbd>``).
_HARMLESS = re.compile(
    r"<!--(?![->])(?:(?!--)[^<>])*-->"
    r"|<(?:https?://|mailto:)[^<>\s\"'`\\&]*>"
    r"|<br ?/?>"
    r"|</?(?:abbr|b|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|u|var)"
    r"(?:\s+(?:title|lang|class|dir)=\"[^\"<>&`=]*\")*\s*>", re.I)
_DROPPED = re.compile(r"[\\\t\r\n]")
_BAD_SCHEME_TEXT = ("script:", "data:", "mocha:")
_REFDEF = re.compile(r"^ {0,3}(?:\[[^\]]+\]:|\*\[[^\]]+\]:)")
_SNIPPET = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+["']?([^"'\s]+)""")

# Extensions MkDocs always adds to the ones in mkdocs.yml.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
DEFAULT_EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    {"toc": {"permalink": False}}, "pymdownx.details", "pymdownx.superfences",
    {"pymdownx.snippets": {"base_path": ["docs"], "restrict_base_path": True, "check_paths": True}},
]


def needs_render(text: str) -> bool:
    """False only when the page's Markdown cannot make anything off the list (see above)."""
    if _TRIGGER.search(text) and (not ("<" in text or "&" in text) or _TRIGGER.search(_HARMLESS.sub("", text))):
        return True
    compact = _DROPPED.sub("", text).lower()
    return any(part in compact for part in _BAD_SCHEME_TEXT)


def extension_settings(settings) -> tuple[list[str], dict]:
    """``(extensions, extension_configs)`` as MkDocs gives them to Python-Markdown, with
    snippet folders made absolute (from the project folder)."""
    raw = getattr(settings, "raw", None)
    listed = (raw or {}).get("markdown_extensions") if raw is not None else DEFAULT_EXTENSIONS
    listed = listed if isinstance(listed, list) else DEFAULT_EXTENSIONS
    root = Path(getattr(settings, "root", None) or ".")
    names: list[str] = []
    configs: dict = {}
    for item in listed or []:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                configs[name] = dict(options or {})
        else:
            names.append(str(item))
    for name in MKDOCS_BUILTIN_EXTENSIONS:
        if name not in names:
            names.append(name)
    snippets = configs.get("pymdownx.snippets")
    if "pymdownx.snippets" in names:
        snippets = configs.setdefault("pymdownx.snippets", {})
        base = snippets.get("base_path", ["."])
        base = base if isinstance(base, list) else [base]
        snippets["base_path"] = [str((root / str(b)).resolve()) for b in base]
    return names, configs


def renderer(ctx):
    """A Markdown renderer with the site's settings (one per run)."""
    import markdown

    def make():
        names, configs = extension_settings(ctx.settings)
        try:
            return markdown.Markdown(extensions=names, extension_configs=configs)
        except Exception:  # noqa: BLE001 - a setting only MkDocs can read (a !!python tag)
            names, configs = extension_settings(None)
            return markdown.Markdown(extensions=names, extension_configs=configs)

    return ctx.memo("safety.rendered_html.markdown", make)


# The longest one rendering may take, in seconds. Python-Markdown is slow on some
# pathological text (15,000 "<a " in a row take minutes); such a page is reported as
# too complex to check, and the other checks go on.
RENDER_SECONDS = 2.0


class TooSlow(Exception):
    pass


def render(text: str, ctx) -> str | None:
    """The HTML of ``text``, or None when it cannot be rendered (a missing snippet: the
    ``safety/snippet-path`` check reports it). Raises TooSlow past ``RENDER_SECONDS``
    (where the checks' timer runs)."""
    from localoffer import checks

    md = renderer(ctx)
    outer = checks._DEADLINE if checks._TICK else None
    if outer is None:  # called on its own (not in a check run): a timer of its own
        try:
            with checks._time_limit(RENDER_SECONDS):
                return _convert(md, text)
        except checks._TimeUp:
            raise TooSlow() from None
    # the checks' timer is running: give the rendering its own, shorter limit
    checks._set_deadline(max(min(RENDER_SECONDS, outer - time.monotonic()), 0.01))
    try:
        return _convert(md, text)
    except checks._TimeUp:
        if outer is None or time.monotonic() >= outer:
            raise  # the rule's own time is up: the checks report that
        raise TooSlow() from None
    finally:  # the rule's own limit again
        checks._set_deadline(max(outer - time.monotonic(), 0.01))
        checks._DEADLINE = outer


def _convert(md, text: str) -> str | None:
    from localoffer import checks

    try:
        return md.reset().convert(text)
    except checks._TimeUp:
        raise
    except RecursionError:
        return None
    except Exception:  # noqa: BLE001 - e.g. SnippetMissingError; other rules say why
        return None
    finally:
        md.reset()


def body_lines(page) -> list[str]:
    """The page's lines with the front matter blanked (MkDocs renders the rest)."""
    lines = list(page.lines)
    if page.front_matter_span:
        first, last = page.front_matter_span
        for number in range(first, last + 1):
            lines[number - 1] = ""
    return lines


def _needle(problem: sanitise.Problem) -> list[str]:
    """Text to look for on a line to find where ``problem`` came from."""
    tag = problem.tag.split(":")[-1]
    if problem.kind == "tag":
        return [f"<{tag}", tag]
    if problem.kind == "url":
        return [problem.attribute, problem.value + ":", problem.value, tag]
    return [problem.attribute, tag]


def _line_in(lines: list[str], start: int, end: int, problem: sanitise.Problem) -> tuple[int, int]:
    """``(line, column)`` in ``start..end`` (1-based) naming ``problem``, else the start."""
    for needle in _needle(problem):
        needle = needle.lower()
        if not needle:
            continue
        for number in range(start, end + 1):
            column = lines[number - 1].lower().find(needle)
            if column >= 0:
                return number, column + 1
    return start, 1


def locate(page, lines: list[str], found: list[sanitise.Problem], ctx) -> list[tuple[int, int, sanitise.Problem]]:
    """Where each problem came from: render each block alone (with the page's reference
    and abbreviation definitions), then the line in the block naming it."""
    definitions = [line for line in lines if _REFDEF.match(line)]
    wanted = set(found)
    placed: list[tuple[int, int, sanitise.Problem]] = []
    placed_problems: set[sanitise.Problem] = set()
    for block in page.blocks:
        text = "\n".join(lines[block.start - 1:block.end])
        if not text.strip() or not needs_render(text):
            continue
        html = render(text + "\n\n" + "\n".join(definitions), ctx)
        if not html:
            continue
        for problem in sanitise.problems(html):
            if problem in wanted:
                line, column = _line_in(lines, block.start, block.end, problem)
                placed.append((line, column, problem))
                placed_problems.add(problem)
    first = (page.front_matter_span[1] + 1) if page.front_matter_span else 1
    for problem in found:
        if problem not in placed_problems:  # made by blocks together: the page's first line
            line, column = _line_in(lines, first, len(lines), problem) if lines else (1, 1)
            placed.append((line, column, problem))
    return placed


def _message_values(problem: sanitise.Problem) -> tuple[str, dict]:
    tag = problem.tag.split(":")[-1]
    values = {"tag": tag, "attr": problem.attribute, "scheme": problem.value or "?", "value": problem.value}
    if problem.kind == "tag":
        return ("safety.rendered.tag" if problem.dangerous else "safety.rendered.tag_unknown"), values
    return f"safety.rendered.{problem.kind}", values


def _already_named(raw_findings, line: int, problem: sanitise.Problem) -> bool:
    """``safety/raw-html`` already reported this thing on this line."""
    names = {problem.tag.split(":")[-1], problem.attribute, problem.value}
    names.discard("")
    for item in raw_findings:
        if item.line == line and any(name in item.message for name in names):
            return True
    return False


def snippet_on(lines: list[str], line: int) -> str | None:
    match = _SNIPPET.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return match.group(1) if match else None


def odd_link(page) -> bool:
    """A Markdown link or image on the page (as our own parser reads it) with an address
    scheme that is not on the list but runs nothing (``ftp:``, ``sms:``): the page is
    rendered so the editor hears that the sanitiser will take the address away."""
    targets = [link.target for link in page.links if link.kind != "reference"]
    targets += [image.src for image in page.images] + list(page.references.values())
    for target in targets:
        found = sanitise.scheme(target or "")
        if found is not None and found not in sanitise.URL_SCHEMES:
            return True
    return False


@page_rule(RULE)
def rendered_html(page, ctx):
    """Anything in the page's rendered HTML that is not on the site's list."""
    text = "\n".join(page.lines)
    if not (needs_render(text) or odd_link(page)):
        return []
    lines = body_lines(page)
    try:
        html = render("\n".join(lines), ctx)
        if not html:
            return []
        found = sanitise.problems(html)
        if not found:
            return []
        placed = locate(page, lines, found, ctx)
    except TooSlow:
        # the longest line is the likeliest cause
        longest = max(range(len(lines)), key=lambda i: len(lines[i])) + 1 if lines else 1
        return [finding(page, RULE, "error", longest, 1,
                        "safety.rendered.too_slow", suggestion_key="safety.rendered.too_slow.fix",
                        seconds=f"{RENDER_SECONDS:g}")]
    from localoffer.rules.safety.raw_html import raw_html

    raw_findings = raw_html(page, ctx)
    out = []
    seen = set()
    for line, column, problem in placed:
        key = (line, problem)
        if key in seen or _already_named(raw_findings, line, problem):
            continue
        seen.add(key)
        message_key, values = _message_values(problem)
        snippet = snippet_on(lines, line)
        if snippet:
            values["snippet"] = snippet
            fix = "safety.rendered.fix_snippet"
        else:
            fix = "safety.rendered.fix"
        out.append(finding(page, RULE, "error", line, column, message_key, suggestion_key=fix, **values))
    return sorted(out, key=lambda f: (f.line, f.column))
