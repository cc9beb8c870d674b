"""``meta/you-said-we-did``: comments and responses are published, recent and anonymous.

Source: SEND Regulations 2014 reg 56(3): publish comments on the Local Offer and the
council's response, including details of any action, at least once a year, without
identifying any individual. Wales has no such rule; we hold Welsh councils to the same
standard, as good practice, but a missing file there is only a warning.

Checks ``data/you-said-we-did.yml`` (beside mkdocs.yml): entries well formed; the newest
entry no more than a year old (error); no entry names a person (a title and a name such
as "Mrs Jones", "my son Tom", "fy merch Cerys") or holds an NHS or National Insurance
number or a personal email address (error).
"""

from __future__ import annotations

from pathlib import Path

from localoffer import personal_data
from localoffer import you_said_we_did as ysd
from localoffer.findings import Finding
from localoffer.messages import cli_language, t
from localoffer.rules import site_rule

RULE = "meta/you-said-we-did"
MAX_AGE_DAYS = 366  # "at least once a year"; a leap day is not a failure


def loaded(ctx) -> ysd.Loaded:
    """The data, read once per run (tests put a ``Loaded`` in ``ctx.cache`` instead)."""
    def make():
        root = getattr(ctx.settings, "root", None)
        if root is None:
            return ysd.Loaded(str(ysd.DATA_FILE), [], [], exists=False)
        return ysd.load(Path(root))

    return ctx.memo("lok.you_said_we_did", make)


def _finding(data, line, severity, key, lang, suggestion_key=None, **values):
    return Finding(
        file=data.path, line=line, column=1, rule=RULE, severity=severity,
        message=t(key, lang, **values),
        suggestion=t(suggestion_key, lang, **values) if suggestion_key else None, lang=lang,
    )


@site_rule(RULE)
def you_said_we_did(pages, ctx):
    """Check the "You said, we did" data: recent, well formed, nobody named."""
    lang = cli_language()
    data = loaded(ctx)
    if not data.exists:
        severity = "error" if ctx.jurisdiction == "england" else "warning"
        return [_finding(data, 1, severity, "meta.ysd.no_file", lang, "meta.ysd.no_file_fix")]
    out = [_finding(data, p.line, "error", p.key, lang, "meta.ysd.form_fix", **p.fill()) for p in data.problems]
    if not data.entries and not data.problems:
        out.append(_finding(data, 1, "error", "meta.ysd.no_entries", lang, "meta.ysd.form_fix"))
    if data.entries:
        newest = max(data.entries, key=lambda e: e["date"])
        age = (ctx.today - newest["date"]).days
        if age > MAX_AGE_DAYS:
            from localoffer.site import format_date

            out.append(_finding(data, newest["line"], "error", "meta.ysd.too_old", lang, "meta.ysd.too_old_fix",
                                date=format_date(newest["date"], lang), days=age))
    allowed = ctx.options.get("allowed_email_domains") or ()
    for entry in data.entries:
        for field in ("you_said", "we_did"):
            for text_lang in ("en", "cy"):
                text = str(entry[field][text_lang])
                found = personal_data.names(text) + personal_data.personal_data(text, allowed)
                for match in found:
                    out.append(_finding(data, entry["text_lines"][field][text_lang], "error",
                                        f"meta.ysd.identifies.{match.kind}", lang, "meta.ysd.identifies_fix",
                                        text=personal_data.redact(match.text), field=f"{field}.{text_lang}"))
    return out
