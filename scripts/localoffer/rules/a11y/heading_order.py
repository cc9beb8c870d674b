"""``a11y/heading-order``: one level-1 heading, and no skipped levels.

Source: WCAG 2.2 success criteria 1.3.1 (Info and relationships) and 2.4.6 (Headings and
labels); GOV.UK Service Manual, "Using headings". Screen reader users move around a page
by its headings: a page with two titles, or a jump from ## to ####, loses them.
"""

from localoffer.rules import finding, page_rule

RULE = "a11y/heading-order"


@page_rule(RULE, languages=("en", "cy"))
def heading_order(page, ctx):
    """More than one level-1 heading, or a heading more than one level below the last."""
    findings = []
    first_h1 = None
    previous = None
    for heading in page.headings:
        if heading.level == 1:
            if first_h1 is not None:
                findings.append(finding(page, RULE, "error", heading.line, heading.column,
                                        "a11y.source.heading_two_h1",
                                        suggestion_key="a11y.source.heading_two_h1_fix",
                                        text=heading.text, first=first_h1.line))
            else:
                first_h1 = heading
        elif previous is not None and heading.level > previous.level + 1:
            findings.append(finding(page, RULE, "error", heading.line, heading.column,
                                    "a11y.source.heading_skip",
                                    suggestion_key="a11y.source.heading_skip_fix",
                                    text=heading.text, level=heading.level, previous=previous.level,
                                    hashes="#" * (previous.level + 1)))
        previous = heading
    return findings
