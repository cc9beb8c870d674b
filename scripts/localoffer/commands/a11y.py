"""``localoffer a11y``: test every built page in Chromium with pa11y-ci.

Exit status: 0 when every page passed, 1 when a page failed (or could not be
tested), 2 when the tests could not run at all (no Chromium, pa11y-ci crashed).
"""

from __future__ import annotations

import sys
from pathlib import Path

from localoffer.messages import cli_language, t

HELP = "Test every built page in a real browser with pa11y-ci (WCAG 2.2 AA)."


def add_arguments(parser) -> None:
    parser.add_argument("site_dir", nargs="?", help="the built site (default: site_dir in mkdocs.yml)")
    parser.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="report format"
    )
    parser.add_argument(
        "--full", action="store_true", help="test every page, even those unchanged since last time"
    )


def check_built_site(settings, site_dir, args) -> int:
    """Test the site in ``site_dir``; print the report; return the exit status."""
    from localoffer.a11y.check import CannotRun, test_site
    from localoffer.a11y.render import render

    fmt = getattr(args, "format", "text") or "text"
    try:
        outcome = test_site(settings, Path(site_dir), full=bool(getattr(args, "full", False)))
    except CannotRun as error:
        print(str(error), file=sys.stderr)
        return 2
    if outcome.findings or fmt == "json":
        print(render(outcome.findings, fmt, files=outcome.pages_total))
    errors = sum(1 for f in outcome.findings if f.severity == "error")
    ignored = sum(f.extra.get("count", 0) for f in outcome.findings if f.rule == "a11y/ignored")
    lang = cli_language()
    summary = t("a11y.summary", lang, total=outcome.pages_total, tested=outcome.pages_tested,
                cached=outcome.pages_cached, errors=errors, seconds=f"{outcome.seconds:.1f}")
    if ignored:
        summary += " " + t("a11y.summary_ignored", lang, ignored=ignored)
    print(summary, file=sys.stderr if fmt == "json" else sys.stdout)
    if not outcome.failed:
        write_statement(Path(site_dir), outcome, errors)
    return 1 if outcome.failed else 0


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
    return check_built_site(settings, site_dir, args)
