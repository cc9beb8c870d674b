"""Merge the JSON reports of ``localoffer a11y --shard K/N --format json`` into one.

Each part's report lists the pages it ``tested``. The merged report has every finding
once, the notes about ignored issues added up over the parts, and an error for every
page of the built site that no part tested (a missing or failed CI job must not look
like a pass). The result is an ``Outcome`` like a full run's, so the same code prints
the report and fills in the accessibility statement.
"""

from __future__ import annotations

import json
from pathlib import Path

from localoffer.a11y import urls
from localoffer.a11y.check import Outcome, ignored_finding, public_url
from localoffer.findings import Finding

FINDING_FIELDS = ("file", "line", "column", "rule", "severity", "message", "suggestion", "lang",
                  "extra")


class MergeError(Exception):
    """A report cannot be read. The text says which file and why."""


def read_report(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise MergeError(f"{path}: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tested"), list) or \
            not isinstance(data.get("findings"), list):
        raise MergeError(f"{path}: not a report of 'localoffer a11y --format json' "
                         "(it has no \"tested\" list)")
    return data


def _finding(data: dict) -> Finding:
    return Finding(**{key: data[key] for key in FINDING_FIELDS if key in data})


def merge(reports: list[dict], site_dir: Path, settings) -> Outcome:
    """One outcome from the parts' reports, checked against the pages in ``site_dir``."""
    from localoffer.messages import cli_language, t

    tested: list[str] = []
    seen: set[str] = set()
    findings: dict[tuple, Finding] = {}
    ignored: dict[tuple, tuple[int, set[str]]] = {}
    seconds = 0.0
    for report in reports:
        for page in report["tested"]:
            if page not in seen:
                seen.add(page)
                tested.append(page)
        seconds += float(report.get("seconds") or 0)
        for data in report["findings"]:
            finding = _finding(data)
            if finding.rule == "a11y/ignored":
                extra = finding.extra
                key = (extra.get("code"), extra.get("selector"), extra.get("ignored_reason"))
                number, pages = ignored.get(key, (0, set()))
                ignored[key] = (number + int(extra.get("count", 0)), pages | set(extra.get("pages", [])))
                continue
            key = tuple(getattr(finding, name) for name in FINDING_FIELDS[:-1])
            findings.setdefault(key, finding)
    merged = list(findings.values())
    for (code, selector, reason), (number, pages) in ignored.items():
        merged.append(ignored_finding(code, selector, reason, number, pages))
    page_list = urls.collect(site_dir, settings.site_url)
    lang = cli_language()
    for page in page_list.pages:
        if page not in seen:
            url = public_url(settings.site_url, page)
            merged.append(Finding(
                file=f"site/{page or 'index.html'}", line=1, column=1, rule="a11y/page-not-tested",
                severity="error", message=t("a11y.not_tested.no_part", lang, url=url),
                suggestion=t("a11y.not_tested.no_part_fix", lang), lang=lang,
                extra={"url": url, "reason": "no-part"},
            ))
    return Outcome(findings=sorted(merged), pages_total=len(page_list.pages),
                   pages_tested=len(tested), pages_cached=0, seconds=seconds,
                   tested=sorted(tested), site_pages=len(page_list.pages))
