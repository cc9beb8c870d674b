"""Read pa11y-ci's JSON report and decide, page by page, what really passed.

pa11y-ci counts a page as passed when it reports no issues, and that includes a
page that answered 404, a page that never loaded, and a page that is missing
from the results. Here a page passes only when all of these hold:

- pa11y-ci wrote a report at all;
- the page is in ``results`` under the URL we asked for;
- its entry is a list of real issues (a failed load is ``[{"message": ...}]``);
- our server answered that URL with 200 (``statuses``, from ``serve.SiteServer``).

A page our page guard stopped (scripts/a11y/page-guard.cjs) comes back as a failed
load whose message starts ``LOK-NOT-TESTED <code>: <detail>``; the code (time-limit,
dialog, navigated-away, interrupted) says why, in words Python turns into English or
Welsh. Our own browser checks come back as issues of the runner ``lok``.

Recorded report shapes are in tests/fixtures/a11y/.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from urllib.parse import urlsplit

PASSED, FAILED, NOT_TESTED = "passed", "failed", "not-tested"


@dataclass(frozen=True)
class Issue:
    code: str
    runner: str          # "htmlcs" or "axe"
    message: str
    selector: str
    context: str
    tags: tuple[str, ...] = ()
    needs_review: bool = False
    # Facts from our own browser checks (runner "lok"): width, count, sizes...
    extras: dict = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        data = {
            "code": self.code, "runner": self.runner, "message": self.message,
            "selector": self.selector, "context": self.context, "tags": list(self.tags),
            "needs_review": self.needs_review,
        }
        if self.extras:
            data["extras"] = self.extras
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Issue":
        return cls(
            code=data["code"], runner=data["runner"], message=data["message"],
            selector=data.get("selector", ""), context=data.get("context", ""),
            tags=tuple(data.get("tags", ())), needs_review=bool(data.get("needs_review")),
            extras=dict(data.get("extras") or {}),
        )


@dataclass
class PageResult:
    url: str
    outcome: str                       # PASSED, FAILED or NOT_TESTED
    issues: list[Issue] = field(default_factory=list)
    reason: str = ""                   # why a page was NOT_TESTED
    reason_code: str = ""              # our page guard's code for it, or ""
    reason_detail: str = ""            # what the guard saw (an address, a dialog's text)


NOT_TESTED_CODE = re.compile(r"^LOK-NOT-TESTED ([a-z-]+): ?(.*)$", re.S)
OWN_EXTRAS = ("width", "count", "examples", "problem", "scrollWidth", "elementWidth", "size",
              "presses", "coveredBy")


def runner_name(raw: str) -> str:
    """'htmlcs'; our axe runner (a file path) and pa11y's 'axe' are both 'axe'."""
    if not raw:
        return "unknown"
    return "axe" if "axe" in raw.rsplit("/", 1)[-1] else raw


def _issue(raw: dict) -> Issue:
    extras = raw.get("runnerExtras") or {}
    own = {key: extras[key] for key in OWN_EXTRAS if key in extras} \
        if raw.get("runner") == "lok" else {}
    return Issue(
        code=str(raw["code"]),
        runner=runner_name(str(raw.get("runner", ""))),
        message=str(raw.get("message", "")).strip(),
        selector=str(raw.get("selector") or ""),
        context=str(raw.get("context") or ""),
        tags=tuple(extras.get("tags") or ()),
        needs_review=bool(extras.get("needsFurtherReview")),
        extras=own,
    )


def _status_problem(status: int | None) -> str | None:
    if status is None:
        return "the browser never asked our server for this page"
    if status == 0:
        return "the server never answered (the page did not finish loading)"
    if status != 200:
        return f"the server answered HTTP {status} instead of the page"
    return None


def parse_report(
    report: dict | None,
    urls: list[str],
    statuses: dict[str, int] | None = None,
    missing_report_reason: str = "pa11y-ci did not write a report",
) -> dict[str, PageResult]:
    """One ``PageResult`` for every URL in ``urls``, in the same order.

    ``statuses`` maps a URL path to the HTTP status our server sent (None: do not
    check, for recorded reports).
    """
    results = (report or {}).get("results") if isinstance(report, dict) else None
    if not isinstance(results, dict):
        return {url: PageResult(url, NOT_TESTED, reason=missing_report_reason) for url in urls}
    pages: dict[str, PageResult] = {}
    for url in urls:
        entry = results.get(url)
        if entry is None:
            pages[url] = PageResult(url, NOT_TESTED, reason="pa11y-ci returned no result for it")
            continue
        if not isinstance(entry, list):
            pages[url] = PageResult(url, NOT_TESTED, reason=f"pa11y-ci returned {entry!r}")
            continue
        load_errors = [item for item in entry if not (isinstance(item, dict) and "code" in item)]
        if load_errors:
            first = load_errors[0]
            message = first.get("message") if isinstance(first, dict) else str(first)
            guard = NOT_TESTED_CODE.match(str(message or ""))
            if guard:
                pages[url] = PageResult(url, NOT_TESTED, reason=str(message).splitlines()[0],
                                        reason_code=guard.group(1),
                                        reason_detail=guard.group(2).strip()[:200])
                continue
            reason = str(message or "unknown error").splitlines()[0]
            pages[url] = PageResult(url, NOT_TESTED, reason=f"it did not load: {reason}")
            continue
        if statuses is not None:
            problem = _status_problem(statuses.get(urlsplit(url).path))
            if problem:
                pages[url] = PageResult(url, NOT_TESTED, reason=problem)
                continue
        issues = [_issue(item) for item in entry if item.get("type", "error") == "error"]
        pages[url] = PageResult(url, FAILED if issues else PASSED, issues=issues)
    return pages
