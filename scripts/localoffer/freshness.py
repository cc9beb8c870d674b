"""How fresh a service's details are, for families and for the build.

A service records ``assured_date``: when someone last checked its details with the service
(Open Referral UK). Each service page says when, in the reader's language ("Details last
checked: 3 March 2026"). A service not checked for a year is marked on its page, and the build
reports it (``meta/service-review-overdue``: a warning, then an error after the grace period,
as ``meta/review-overdue`` does for pages). Pure functions: a service (as ``services.load_all``
gives it) and a date in, text or a date out.
"""

from __future__ import annotations

import datetime as dt

from localoffer.messages import t
from localoffer.site import format_date


def one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def not_checked_for_a_year(service: dict, today: dt.date) -> bool:
    """True when the details were last checked more than a year before ``today``."""
    return today > one_year_after(service["assured_date"])


def due(service: dict) -> dt.date:
    """When the details must be checked again: ``review_due``, and a year after
    ``assured_date`` at the latest."""
    limit = one_year_after(service["assured_date"])
    review_due = service.get("review_due")
    return min(review_due, limit) if isinstance(review_due, dt.date) else limit


def checked_line(service: dict, lang: str) -> str:
    """“Details last checked: 3 March 2026” in ``lang``."""
    return t("data.services.last_checked", lang, date=format_date(service["assured_date"], lang))


def stale_notice(service: dict, today: dt.date, lang: str) -> str:
    """A notice block for the top of the service's page, or '' when the details are fresh."""
    if not not_checked_for_a_year(service, today):
        return ""
    date = format_date(service["assured_date"], lang)
    return (f'<div class="lok-notice lok-notice--stale" role="note" markdown>\n\n'
            f"**{t('data.services.stale_title', lang)}** {t('data.services.stale_body', lang, date=date)}\n\n"
            "</div>\n")
