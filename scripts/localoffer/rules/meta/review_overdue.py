"""``meta/review-overdue``: the page's ``review_due`` date has passed.

Source: Children and Families Act 2014 s.30(9) (keep the Local Offer under review); SEND Code
of Practice 2015, 4.9 (up to date); research: families complain of out-of-date pages
(Matthews et al., British Educational Research Journal 2024).

A warning from the day after ``review_due``; an error once the grace period has passed too:
``extra.council.checks.review_grace_days`` in mkdocs.yml (default 90 days).

``meta/service-review-overdue`` does the same for the services in ``data/services/``: a service
whose details were not checked by its ``review_due`` date (a year after ``assured_date`` at
the latest; see ``localoffer.freshness``), with the same grace period.
"""

from __future__ import annotations

from localoffer.rules import finding, page_rule, site_rule
from localoffer.rules.meta.front_matter import as_date, key_line

RULE = "meta/review-overdue"
DEFAULT_GRACE_DAYS = 90


def grace_days(ctx) -> int:
    value = ctx.options.get("review_grace_days", DEFAULT_GRACE_DAYS)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return DEFAULT_GRACE_DAYS


@page_rule(RULE)
def review_overdue(page, ctx):
    """The review date has passed: warning, then error after the grace period."""
    due = as_date(page.front_matter.get("review_due"))
    if due is None or due >= ctx.today:
        return []
    late = (ctx.today - due).days
    grace = grace_days(ctx)
    severity = "error" if late > grace else "warning"
    from localoffer.site import format_date

    lang = page.lang if page.lang in ("en", "cy") else "en"
    return [finding(page, RULE, severity, key_line(page, "review_due"), 1, "meta.review.overdue",
                    suggestion_key="meta.review.overdue_fix", due=format_date(due, lang), days=late, grace=grace)]


# --- services: meta/service-review-overdue -----------------------------------------------------

SERVICE_RULE = "meta/service-review-overdue"


def _assured_lines(ctx) -> dict[str, int]:
    """The line of ``assured_date:`` in each service file (read once per run)."""
    import re
    from pathlib import Path

    def make():
        root = getattr(ctx.settings, "root", None)
        lines: dict[str, int] = {}
        if root is None:
            return lines
        for path in sorted((Path(root) / "data" / "services").glob("*.y*ml")):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            match = re.search(r"^assured_date\s*:", text, re.M)
            lines[path.stem] = text.count("\n", 0, match.start()) + 1 if match else 1
        return lines

    return ctx.memo("lok.service_assured_lines", make)


@site_rule(SERVICE_RULE)
def service_review_overdue(pages, ctx):
    """A service's details were not checked by its ``review_due`` date (a year after
    ``assured_date`` at the latest): warning, then error after the grace period.

    Source: Open Referral UK (``assured_date``: when the service's details were last
    checked); SEND Code of Practice 2015, 4.9 (the Local Offer must be up to date)."""
    from localoffer import freshness
    from localoffer.findings import Finding
    from localoffer.messages import cli_language, t
    from localoffer.rules.meta.service import directory
    from localoffer.site import format_date

    lang = cli_language()
    grace = grace_days(ctx)
    lines = None
    found = []
    for service in directory(ctx).services:
        due = freshness.due(service)
        if due >= ctx.today:
            continue
        lines = lines if lines is not None else _assured_lines(ctx)
        late = (ctx.today - due).days
        found.append(Finding(
            file=f"data/services/{service['id']}.yml", line=lines.get(service["id"], 1), column=1,
            rule=SERVICE_RULE, severity="error" if late > grace else "warning",
            message=t("meta.service_overdue", lang, name=service["name"][lang],
                      checked=format_date(service["assured_date"], lang), due=format_date(due, lang), days=late),
            suggestion=t("meta.service_overdue_fix", lang, grace=grace), lang=lang))
    return found
