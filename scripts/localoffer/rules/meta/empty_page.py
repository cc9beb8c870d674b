"""``meta/empty-page``: a page has some text for families to read.

Source: SEND Code of Practice 2015, 4.9 (the Local Offer gives clear, comprehensive and
accessible information); WCAG 2.2 success criterion 2.4.6 (Headings and labels). A page with
only its settings, or an empty file, builds into a page with nothing on it.
Pages the tool fills in from data (``generate:``) are not empty.
"""

from __future__ import annotations

from localoffer.rules import finding, page_rule

RULE = "meta/empty-page"


@page_rule(RULE)
def empty_page(page, ctx):
    """A page with no heading and no text."""
    if page.front_matter.get("generate") or page.headings or any(s.words for s in page.segments):
        return []
    title = page.front_matter.get("title")
    title = title.strip() if isinstance(title, str) and title.strip() else "Short breaks"
    line = min(page.front_matter_span[1] + 1, max(len(page.lines), 1)) if page.front_matter_span else 1
    return [finding(page, RULE, "error", line, 1, "checks.meta.empty_page",
                    suggestion_key="checks.meta.empty_page.fix", title=title)]
