"""``localoffer translations``: the translation status of every page.

For each page: translated, missing (one language has no page), outdated (the English
page changed since the Welsh was made, with the sections that changed) or unrecorded
(nobody has run ``localoffer translated`` on it), and the number of words that need
translating, so a council can commission the work.

Exit status: 0 always when the report was made (it is a report, not a check; the
``i18n/*`` checks in ``localoffer check`` fail the build).
"""

from __future__ import annotations

import csv
import io
import json
import sys

from localoffer import translation
from localoffer.messages import cli_language, t

HELP = "Show which pages are translated, missing or out of date, and the words to translate."

SCHEMA_VERSION = 1


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="report format")


def status_label(item: translation.PageStatus, lang: str) -> str:
    return translation.status_label(item, lang)


def what_changed(item: translation.PageStatus, lang: str, prefix: str = "") -> str:
    """What needs translating, in words."""
    return translation.what_needs_translating(item, lang, _join(prefix, item.en_path or item.name))


def _join(prefix: str, name: str) -> str:
    return f"{prefix.rstrip('/')}/{name}" if prefix and prefix != "." else name


def render_text(items: list[translation.PageStatus], lang: str, prefix: str = "") -> str:
    counts = translation.summary(items)
    lines = []
    width = max([len(i.name) for i in items] + [4])
    for item in items:
        lines.append(f"{item.name:<{width}}  {status_label(item, lang):<20}  {item.words:>6}  {what_changed(item, lang, prefix)}")
    lines.append("")
    lines.append(t("i18n.status.summary", lang, total=len(items), **counts))
    return "\n".join(lines)


def render_json(items: list[translation.PageStatus]) -> str:
    return json.dumps(
        {"version": SCHEMA_VERSION, "summary": translation.summary(items), "pages": [i.to_dict() for i in items]},
        ensure_ascii=False, indent=2,
    )


def render_csv(items: list[translation.PageStatus], lang: str) -> str:
    from localoffer.pagemeta import spreadsheet_text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["page", "status", "missing", "words", "changed_sections", "en_path", "cy_path", "title_en", "title_cy"])
    for item in items:
        changed = "; ".join(
            (c.heading or c.slug) + (f" ({c.kind})" if c.kind != "changed" else "") for c in item.changes
        )
        row = [item.name, item.status, item.missing or "", item.words, changed,
               item.en_path or "", item.cy_path or "", item.title.get("en", ""), item.title.get("cy", "")]
        writer.writerow([spreadsheet_text(cell) for cell in row])  # editors' text is never a formula
    return out.getvalue()


def run(args) -> int:
    from localoffer import settings as settings_module
    from localoffer.errors import UserError

    lang = cli_language()
    settings = settings_module.load(args.config)
    if not settings.docs_dir.is_dir():
        raise UserError(t("i18n.cli.no_docs", lang, path=settings.docs_dir))
    items = translation.collect_status(settings.docs_dir)
    fmt = args.format
    if fmt == "json":
        sys.stdout.write(render_json(items) + "\n")
    elif fmt == "csv":
        sys.stdout.write(render_csv(items, lang))
    else:
        import os

        try:
            prefix = os.path.relpath(settings.docs_dir)
        except ValueError:  # another drive on Windows
            prefix = str(settings.docs_dir)
        sys.stdout.write(render_text(items, lang, prefix) + "\n")
    return 0
