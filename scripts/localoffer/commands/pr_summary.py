"""``localoffer pr-summary REPORT.json``: a plain summary of the checks for a pull request.

Reads the report of ``localoffer check --format json`` and prints Markdown for
``$GITHUB_STEP_SUMMARY``. Rule links point to the README in this repository at this commit.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from localoffer import pr_summary

HELP = "Write a short plain summary of a check report (JSON) for a pull request page."


def add_arguments(parser) -> None:
    parser.add_argument("report", help="the file written by: localoffer check --format json")
    parser.add_argument(
        "--build-outcome", default="success",
        help="the outcome of the make build step (success, failure, skipped; pending: it runs later)",
    )


def link_base() -> str:
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    if not (server and repository):
        return ""
    return f"{server}/{repository}/blob/{os.environ.get('GITHUB_SHA') or 'HEAD'}/"


def run(args) -> int:
    try:
        document = json.loads(Path(args.report).read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        document = None
    sys.stdout.write(pr_summary.markdown(document, link_base(), build_failed=args.build_outcome == "failure",
                                         build_pending=args.build_outcome == "pending"))
    return 0
