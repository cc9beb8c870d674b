"""``i18n/missing-translation``: a page that exists in one language only.

Source: Welsh Language Standards (No. 1) Regulations 2015, standards 52 and 54 (every
page of a website that is in English must be in Welsh, and work fully) and 55 (Welsh
must not be treated less favourably than English). The severity is an error where the
council must publish in Welsh (``jurisdiction: wales``), a warning otherwise; the site
setting ``extra.council.checks.missing_translation`` (error, warning, suggestion or
off) overrides it. A site that publishes in English only (no ``cy`` language in
mkdocs.yml, as a council in England may choose) gets no finding: nothing asks for Welsh.
"""

from __future__ import annotations

from localoffer.rules import finding, pair_rule
from localoffer.translation import english_name, welsh_name

RULE = "i18n/missing-translation"
SEVERITIES = ("error", "warning", "suggestion")


def severity(ctx) -> str | None:
    """The severity for this site, or None when the check is switched off (or the site
    has only one language)."""
    languages = getattr(ctx.settings, "languages", None)
    if languages is not None and not {"en", "cy"} <= set(languages):
        return None
    chosen = ctx.options.get("missing_translation")
    if chosen in (False, "off", "none"):
        return None
    if chosen in SEVERITIES:
        return chosen
    return "error" if ctx.jurisdiction == "wales" else "warning"


@pair_rule(RULE)
def missing_translation(en_page, cy_page, ctx):
    level = severity(ctx)
    if level is None or (en_page is None) == (cy_page is None):
        return []
    if cy_page is None:
        other = welsh_name(en_page.path)
        return [finding(en_page, RULE, level, 1, 1, "checks.i18n.missing.no_welsh",
                        suggestion_key="checks.i18n.missing.no_welsh_fix", path=other)]
    other = english_name(cy_page.path)
    return [finding(cy_page, RULE, level, 1, 1, "checks.i18n.missing.no_english",
                    suggestion_key="checks.i18n.missing.no_english_fix", path=other)]
