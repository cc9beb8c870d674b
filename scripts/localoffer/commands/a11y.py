"""``localoffer a11y``: test every built page in Chromium with pa11y-ci and our own checks.

Exit status: 0 when every page passed, 1 when a page failed (or could not be
tested), 2 when the tests could not run at all (no Chromium, pa11y-ci crashed, a
bad ``--shard`` or a report ``--merge`` cannot read).

On CI the pages can be spread over N machines: ``--shard K/N --format json`` tests part
K of N (a11y/kinds.py deals the pages), and ``--merge part-*.json`` makes one report
from the parts and fills in the accessibility statement, as a full run does.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from localoffer.messages import cli_language, t

HELP = "Test every built page in a real browser with pa11y-ci (WCAG 2.2 AA)."
SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def add_arguments(parser) -> None:
    parser.add_argument("site_dir", nargs="?", help="the built site (default: site_dir in mkdocs.yml)")
    parser.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="report format"
    )
    parser.add_argument(
        "--full", action="store_true", help="test every page, even those unchanged since last time"
    )
    parser.add_argument(
        "--shard", metavar="K/N",
        help="test only part K of N of the pages (each page is in exactly one part)",
    )
    parser.add_argument(
        "--merge", metavar="REPORT", nargs="+",
        help="merge the JSON reports of the parts into one report (no browser)",
    )


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """'2/8' -> (2, 8); None -> None. Raises ValueError for anything else."""
    if value is None:
        return None
    match = SHARD.match(value)
    if not match:
        raise ValueError(value)
    part, parts = int(match.group(1)), int(match.group(2))
    if not 1 <= part <= parts:
        raise ValueError(value)
    return part, parts


def check_built_site(settings, site_dir, args) -> int:
    """Test the site in ``site_dir``; print the report; return the exit status."""
    from localoffer.a11y.check import CannotRun, test_site

    lang = cli_language()
    try:
        shard = parse_shard(getattr(args, "shard", None))
    except ValueError:
        print(t("a11y.shard_bad", lang, value=getattr(args, "shard", "")), file=sys.stderr)
        return 2
    try:
        outcome = test_site(settings, Path(site_dir), full=bool(getattr(args, "full", False)),
                            shard=shard)
    except CannotRun as error:
        print(str(error), file=sys.stderr)
        return 2
    return report(outcome, Path(site_dir), getattr(args, "format", "text") or "text", shard)


def report(outcome, site_dir: Path, fmt: str, shard: tuple[int, int] | None = None) -> int:
    """Print the findings and the summary; fill in the statement after a whole-site pass."""
    from localoffer.a11y.render import render

    lang = cli_language()
    if outcome.findings or fmt == "json":
        text = render(outcome.findings, fmt, files=outcome.pages_total)
        if fmt == "json":
            document = json.loads(text)
            document["tested"] = sorted(outcome.tested)
            document["shard"] = list(shard) if shard else None
            document["site_pages"] = outcome.site_pages
            document["seconds"] = round(outcome.seconds, 1)
            text = json.dumps(document, ensure_ascii=False, indent=2)
        print(text)
    errors = sum(1 for f in outcome.findings if f.severity == "error")
    ignored = sum(f.extra.get("count", 0) for f in outcome.findings if f.rule == "a11y/ignored")
    summary = t("a11y.summary", lang, total=outcome.pages_total, tested=outcome.pages_tested,
                cached=outcome.pages_cached, errors=errors, seconds=f"{outcome.seconds:.1f}")
    if ignored:
        summary += " " + t("a11y.summary_ignored", lang, ignored=ignored)
    if shard:
        summary += " " + t("a11y.summary_shard", lang, part=shard[0], parts=shard[1],
                           pages=outcome.pages_total, site_pages=outcome.site_pages)
    print(summary, file=sys.stderr if fmt == "json" else sys.stdout)
    # Only a test of the whole site (a full run, or the merged parts) goes in the statement.
    if not outcome.failed and not shard:
        write_statement(site_dir, outcome, errors)
    return 1 if outcome.failed else 0


def merge_reports(settings, site_dir: Path, paths: list[str], fmt: str) -> int:
    from localoffer.a11y import merge

    lang = cli_language()
    try:
        reports = [merge.read_report(Path(path)) for path in paths]
    except merge.MergeError as error:
        print(t("a11y.merge_bad", lang, detail=str(error)) + "\n  " + t("a11y.merge_bad_fix", lang),
              file=sys.stderr)
        return 2
    return report(merge.merge(reports, site_dir, settings), site_dir, fmt)


def write_statement(site_dir: Path, outcome, errors: int) -> None:
    """Put the date, tools and results of this run into the accessibility statement."""
    import datetime as dt

    from localoffer.a11y import statement
    from localoffer.a11y.check import _node_version
    from localoffer.a11y.ignore import load_ignore

    tools = (f"pa11y-ci {_node_version('pa11y-ci')} (axe-core {_node_version('axe-core')}, "
             f"HTML_CodeSniffer {_node_version('@pa11y/html_codesniffer')})")
    statement.fill(
        site_dir, date=dt.date.today(), pages=outcome.pages_total, problems=errors, tools=tools,
        ignored=load_ignore(),
    )


def run(args) -> int:
    from localoffer import settings as settings_module

    settings = settings_module.load(args.config)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else settings.site_dir
    if not (site_dir / "index.html").is_file() and not any(site_dir.rglob("*.html")):
        lang = cli_language()
        print(t("a11y.no_built_site", lang, site=site_dir) + "\n  " + t("a11y.no_built_site_fix", lang),
              file=sys.stderr)
        return 2
    if getattr(args, "merge", None):
        return merge_reports(settings, site_dir, args.merge, getattr(args, "format", "text") or "text")
    return check_built_site(settings, site_dir, args)
