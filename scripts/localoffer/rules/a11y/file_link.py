"""``a11y/file-link``: a link to a document says what type of file it is and how big.

Source: GOV.UK style guide, "Links" and "PDFs" (say the file type and size, for example
"(PDF, 245 KB)"); WCAG 2.2 success criterion 2.4.4 (Link purpose). Families on slow or
costly mobile data need to know before they tap, and PDFs are often hard to use with a
screen reader.
"""

import re

from localoffer.rules import finding, page_rule

RULE = "a11y/file-link"
DOCUMENT = re.compile(r"\.(pdf|docx?|odt|rtf|xlsx?|ods|csv|pptx?|odp|zip)(?:[?#].*)?$", re.I)
TYPE_WORDS = {
    "pdf": ("pdf",), "doc": ("word", "doc"), "docx": ("word", "docx"), "odt": ("odt", "opendocument"),
    "rtf": ("rtf",), "xls": ("excel", "xls"), "xlsx": ("excel", "xlsx"), "ods": ("ods", "opendocument"),
    "csv": ("csv",), "ppt": ("powerpoint", "ppt"), "pptx": ("powerpoint", "pptx"),
    "odp": ("odp", "opendocument"), "zip": ("zip",),
}
SIZE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:kb|mb|gb|kilobytes?|megabytes?|cilobeit|megabeit)\b", re.I)


@page_rule(RULE, languages=("en", "cy"))
def file_link(page, ctx):
    """Links to PDFs and other documents that do not say the file type and size."""
    findings = []
    for link in page.links:
        match = DOCUMENT.search(link.target)
        if not match:
            continue
        kind = match.group(1).lower()
        line = page.lines[link.line - 1] if 0 < link.line <= len(page.lines) else ""
        nearby = (link.text + " " + line[link.column - 1:]).lower()
        says_type = any(re.search(rf"\b{word}\b", nearby) for word in TYPE_WORDS[kind])
        says_size = bool(SIZE.search(nearby))
        if not (says_type and says_size):
            findings.append(finding(page, RULE, "warning", link.line, link.column,
                                    "a11y.source.file_link", suggestion_key="a11y.source.file_link_fix",
                                    text=link.text.strip(), kind=kind.upper()))
    return findings
