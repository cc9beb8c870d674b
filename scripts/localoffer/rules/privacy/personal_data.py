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
    # Line by line: no detector matches a line break, so what is found on a line depends on
    # its text alone, and each distinct line (a site repeats many) is searched once per run.
    found_on = ctx.memo("privacy.found_on_line", dict)
    out = []
    for number, line in enumerate(page.lines, 1):
        found = found_on.get(line)
        if found is None:
            found = found_on[line] = personal_data.personal_data(line, allowed)
        for match in found:
            out.append(finding(page, RULE, "error", number, match.start + 1, f"privacy.{match.kind}",
                               suggestion_key="privacy.fix", text=personal_data.redact(match.text)))
    return out
