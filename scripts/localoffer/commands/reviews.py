"""``localoffer reviews``: the pages due for review soon, for the information group's meetings.

Lists every page (and service) whose ``review_due`` is within the next N days (default 60),
overdue first, then by date. Formats: text (default), json, csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

from localoffer import services
from localoffer import settings as settings_module
from localoffer import source
from localoffer.messages import cli_language, t
from localoffer.rules.meta.front_matter import as_date

HELP = "List the pages due for review in the next N days (default 60), overdue first."


def add_arguments(parser) -> None:
    parser.add_argument("--days", type=int, default=60, help="how many days ahead to look (default 60)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="output format")


def due_items(settings, days: int, today: dt.date | None = None) -> list[dict]:
    """Pages and services due within ``days`` of ``today``: overdue first, then soonest."""
    today = today or dt.date.today()
    limit = today + dt.timedelta(days=days)
    items = []
    for path in sorted(settings.docs_dir.rglob("*.md")):
        page = source.read_page(path, path.relative_to(settings.root).as_posix())
        due = as_date(page.front_matter.get("review_due"))
        if due is None or due > limit:
            continue
        items.append({"file": page.path, "lang": page.lang, "title": str(page.front_matter.get("title") or ""),
                      "owner": str(page.front_matter.get("owner") or ""), "review_due": due.isoformat(),
                      "last_reviewed": str(page.front_matter.get("last_reviewed") or ""),
                      "days": (due - today).days, "overdue": due < today})
    for service in services.load_all(settings.root).services:
        due = service["review_due"]
        if due > limit:
            continue
        items.append({"file": f"data/services/{service['id']}.yml", "lang": "en+cy",
                      "title": service["name"]["en"], "owner": service["organisation"]["en"],
                      "review_due": due.isoformat(), "last_reviewed": service["assured_date"].isoformat(),
                      "days": (due - today).days, "overdue": due < today})
    return sorted(items, key=lambda i: (not i["overdue"], i["review_due"], i["file"]))


def render(items: list[dict], fmt: str, lang: str, days: int) -> str:
    if fmt == "json":
        return json.dumps({"version": 1, "days": days, "pages": items}, ensure_ascii=False, indent=2) + "\n"
    fields = ("file", "lang", "title", "owner", "last_reviewed", "review_due", "days", "overdue")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        from localoffer.pagemeta import spreadsheet_text  # editors' text is never a formula

        writer.writerows({k: spreadsheet_text(item[k]) for k in fields} for item in items)
        return out.getvalue()
    if not items:
        return t("cli.reviews_none", lang, days=days) + "\n"
    lines = [t("cli.reviews_heading", lang, count=len(items), days=days)]
    for item in items:
        key = "cli.reviews_overdue" if item["overdue"] else "cli.reviews_due"
        lines.append("  " + t(key, lang, file=item["file"], title=item["title"], owner=item["owner"],
                              date=item["review_due"], days=abs(item["days"])))
    return "\n".join(lines) + "\n"


def run(args) -> int:
    settings = settings_module.load(args.config)
    lang = cli_language()
    sys.stdout.write(render(due_items(settings, args.days), args.format, lang, args.days))
    return 0
