"""``i18n/outdated-translation``: the English page changed after its Welsh page was translated.

Source: Welsh Language Standards (No. 1) Regulations 2015, standards 52-55 (the Welsh
page must say what the English page says, and not fall behind it). The Welsh page's
front matter records what it was translated from (``translated_from``, written by
``localoffer translated PAGE``), so this works without git history.
"""

from __future__ import annotations

from localoffer.rules import finding, pair_rule
from localoffer.translation import (
    changes,
    describe_change,
    english_name,
    is_generated,
    record_line,
    recorded,
)

RULE = "i18n/outdated-translation"


describe = describe_change


@pair_rule(RULE)
def outdated_translation(en_page, cy_page, ctx):
    if en_page is None or cy_page is None or is_generated(en_page) or is_generated(cy_page):
        return []
    path = english_name(cy_page.path)
    record = recorded(cy_page)
    if record is None:
        return [finding(cy_page, RULE, "suggestion", record_line(cy_page), 1,
                        "checks.i18n.outdated.unrecorded",
                        suggestion_key="checks.i18n.outdated.unrecorded_fix", path=path)]
    found = changes(en_page, record)
    if not found:
        return []
    sections = "; ".join(describe(change, cy_page.lang) for change in found)
    result = finding(cy_page, RULE, "warning", record_line(cy_page), 1, "checks.i18n.outdated.changed",
                     suggestion_key="checks.i18n.outdated.fix", path=path, sections=sections)
    result.extra["changes"] = [change.__dict__ for change in found]
    return [result]
