"""``meta/review-overdue``: the page's ``review_due`` date has passed.

Source: Children and Families Act 2014 s.30(9) (keep the Local Offer under review); SEND Code
of Practice 2015, 4.9 (up to date); research: families complain of out-of-date pages
(Matthews et al., British Educational Research Journal 2024).

A warning from the day after ``review_due``; an error once the grace period has passed too:
``extra.council.checks.review_grace_days`` in mkdocs.yml (default 90 days).
"""

from __future__ import annotations

from localoffer.rules import finding, page_rule
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
