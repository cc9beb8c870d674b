"""``a11y/table-header``: every table has a header row.

Source: WCAG 2.2 success criterion 1.3.1 (Info and relationships); GOV.UK Design System,
"Table" (use table headers to tell users what the rows and columns contain). Without a
header row a screen reader reads a table as a list of unlabelled values.
"""

from localoffer.rules import finding, page_rule

RULE = "a11y/table-header"


@page_rule(RULE, languages=("en", "cy"))
def table_header(page, ctx):
    """Tables whose first row is empty (no header)."""
    return [
        finding(page, RULE, "error", table.line, 1, "a11y.source.table_header",
                suggestion_key="a11y.source.table_header_fix")
        for table in page.tables
        if not table.has_header or not any(cell.strip() for cell in table.header)
    ]
