"""``privacy/personal-data``: no family's personal data on a public page.

Source: UK GDPR Article 5(1)(f) (integrity and confidentiality) and Article 9 (health data is
special category data); ICO guidance on publishing personal data. Detectors and their
sources are in ``localoffer.personal_data``.

Errors for: an NHS number with a valid check digit; a National Insurance number; an email
address at a free personal email service, or outside the council's allowed domains
(``extra.council.checks.allowed_email_domains``; the council's contact email domain is
always allowed). Everything in the file is checked, code and comments too: all of it
is published. Messages never repeat the number or address in full.
"""

from __future__ import annotations

import bisect
import itertools

from localoffer import personal_data
from localoffer.rules import finding, page_rule

RULE = "privacy/personal-data"


def allowed_domains(ctx) -> tuple[str, ...]:
    allowed = [str(d) for d in ctx.options.get("allowed_email_domains") or ()]
    if allowed and ctx.settings is not None:
        email = str((ctx.settings.council.get("contact") or {}).get("email") or "")
        if "@" in email:
            allowed.append(email.rsplit("@", 1)[1])
    return tuple(allowed)


@page_rule(RULE)
def personal_data_rule(page, ctx):
    """Flag NHS numbers, National Insurance numbers and personal email addresses."""
    allowed = ctx.memo("lok.allowed_email_domains", lambda: allowed_domains(ctx))
    # The whole file at once: no pattern matches a line break, so a match is on one line.
    found = personal_data.personal_data("\n".join(page.lines), allowed)
    if not found:
        return []
    starts = list(itertools.accumulate((len(line) + 1 for line in page.lines[:-1]), initial=0))
    out = []
    for match in found:
        index = bisect.bisect_right(starts, match.start) - 1
        out.append(finding(page, RULE, "error", index + 1, match.start - starts[index] + 1, f"privacy.{match.kind}",
                           suggestion_key="privacy.fix", text=personal_data.redact(match.text)))
    return out

