"""``localoffer check [PATH ...] [--format text|json|github] [--fail-on SEVERITY] [--changed-since REF]``.

Checks Markdown pages (default: the site's docs folder) with every registered rule and
prints the findings (see ``localoffer.report`` for the formats).

Exit status: 0 when no finding reaches the failing severity (``--fail-on``, else
``extra.council.checks.fail_on`` in mkdocs.yml, else ``error``), 1 when one does, 2 when the
check could not run (bad settings, a file that cannot be read).
"""

from __future__ import annotations

from pathlib import Path

from localoffer import checks, report
from localoffer.findings import SEVERITIES, at_least
from localoffer.messages import cli_language

HELP = "Check Markdown pages for plain language, accessibility and Welsh problems."


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="Markdown files or folders to check (default: the site's docs folder)")
    parser.add_argument("--format", choices=report.FORMATS, default="text", help="how to print the findings")
    parser.add_argument("--fail-on", choices=SEVERITIES, default=None,
                        help="the least serious finding that makes the check fail "
                             "(default: extra.council.checks.fail_on, else error)")
    parser.add_argument("--changed-since", metavar="REF", default=None,
                        help="report only findings on lines changed since the branch left REF "
                             "(for example origin/main), so editors see their own changes first")


def run(args) -> int:
    result, ctx = checks.check_paths(list(args.paths), getattr(args, "config", "mkdocs.yml"))
    fail_on = args.fail_on or ctx.options.get("fail_on") or "error"
    if args.changed_since:
        from localoffer.changes import changed_lines, only_changed

        changed = changed_lines(args.changed_since, Path(getattr(args, "config", "mkdocs.yml")).resolve().parent)
        result.findings = only_changed(result.findings, changed)
    print(report.render(result, args.format, cli_language()))
    return 1 if any(at_least(f, fail_on) for f in result.findings) else 0
