"""``localoffer reviews``: the pages and services due for review soon, by the team that owns them.

Lists every page (and service) whose ``review_due`` is within the next N days (default 60),
overdue first, then by date. Formats: text (default), json, csv. The JSON also groups the
list by owner (``owners``), each item with a link that opens its file in the web editor.

``--github-issues`` keeps one GitHub issue per owner team up to date instead (see
``localoffer.reminders``): it opens the issue when something is due, changes it when the
list changes, and closes it when nothing is due. The weekly workflow
``.github/workflows/reviews.yml`` runs it; any other CI can run the same command.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys

from localoffer import editing, freshness, reminders, services
from localoffer import settings as settings_module
from localoffer import source
from localoffer.errors import UserError
from localoffer.messages import cli_language, t
from localoffer.rules.meta.front_matter import as_date

HELP = "List the pages due for review in the next N days (default 60), overdue first."


def add_arguments(parser) -> None:
    parser.add_argument("--days", type=int, default=60, help="how many days ahead to look (default 60)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="output format")
    parser.add_argument(
        "--github-issues", action="store_true",
        help="open, update or close one GitHub issue per owner team (needs GITHUB_TOKEN and "
             "GITHUB_REPOSITORY, as GitHub Actions gives them)",
    )
    parser.add_argument("--dry-run", action="store_true",
                        help="with --github-issues: say what would change on GitHub, and change nothing")
    parser.add_argument("--label", default=reminders.LABEL,
                        help=f"the label of the reminder issues (default {reminders.LABEL})")
    parser.add_argument("--today", type=_date_argument, default=None, help=argparse.SUPPRESS)


def _date_argument(text: str) -> dt.date:
    value = as_date(text)
    if value is None:
        raise argparse.ArgumentTypeError("write the date as year-month-day, for example 2026-12-07")
    return value


def _page_owners(pages: list) -> dict[str, str]:
    """The owner of each page pair: the English page's ``owner`` (a Welsh page's team is its
    English page's team), else the page's own."""
    owners = {}
    for page in pages:
        if page.lang == "en":
            owner = str(page.front_matter.get("owner") or "").strip()
            if owner:
                owners[source.base_name(page.path)] = owner
    return owners


def due_items(settings, days: int, today: dt.date | None = None) -> list[dict]:
    """Pages and services due within ``days`` of ``today``: overdue first, then soonest."""
    today = today or dt.date.today()
    limit = today + dt.timedelta(days=days)
    repository = (getattr(settings, "council", None) or {}).get("repository")
    pages = [source.read_page(path, path.relative_to(settings.root).as_posix())
             for path in sorted(settings.docs_dir.rglob("*.md"))]
    team_of = _page_owners(pages)
    items = []
    for page in pages:
        due = as_date(page.front_matter.get("review_due"))
        if due is None or due > limit:
            continue
        owner = str(page.front_matter.get("owner") or "").strip()
        items.append({"file": page.path, "lang": page.lang, "kind": "page",
                      "title": str(page.front_matter.get("title") or ""), "owner": owner,
                      "team": team_of.get(source.base_name(page.path)) or owner,
                      "review_due": due.isoformat(),
                      "last_reviewed": str(page.front_matter.get("last_reviewed") or ""),
                      "days": (due - today).days, "overdue": due < today,
                      "edit_url": editing.edit_url(repository, page.path, docs_dir="")})
    for service in services.load_all(settings.root).services:
        due = freshness.due(service)  # review_due, and a year after assured_date at the latest
        if due > limit:
            continue
        shown = f"data/services/{service['id']}.yml"
        items.append({"file": shown, "lang": "en+cy", "kind": "service",
                      "title": service["name"]["en"], "owner": service["organisation"]["en"],
                      "team": service["organisation"]["en"],
                      "review_due": due.isoformat(), "last_reviewed": service["assured_date"].isoformat(),
                      "days": (due - today).days, "overdue": due < today,
                      "edit_url": editing.edit_url(repository, shown, docs_dir="")})
    return sorted(items, key=lambda i: (not i["overdue"], i["review_due"], i["file"]))


def render(items: list[dict], fmt: str, lang: str, days: int, owners: dict | None = None) -> str:
    if fmt == "json":
        document = {"version": 1, "days": days, "pages": items,
                    "owners": reminders.by_owner(items, owners or {})}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
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
    if args.days < 0:
        raise UserError(t("cli.reviews_bad_days", lang, days=args.days), fix=t("cli.reviews_bad_days_fix", lang))
    owners = reminders.owner_map(settings)  # checked first: a typo stops before anything is sent
    today = args.today or dt.date.today()
    items = due_items(settings, args.days, today)
    if args.github_issues:
        from localoffer.github_api import GitHub

        github = GitHub.from_env()
        dry_run = getattr(args, "dry_run", False)
        done = reminders.sync(github, reminders.by_owner(items, owners), args.days, today, label=args.label,
                              dry_run=dry_run)
        for action in done:
            text = t(f"rem.cli.{action['action']}", lang, owner=action["owner"], number=action["number"] or "?")
            print(t("rem.cli.dry_run", lang, action=text) if dry_run else text)
        if not done:
            print(t("rem.cli.nothing", lang))
        return 0
    sys.stdout.write(render(items, args.format, lang, args.days, owners))
    return 0
