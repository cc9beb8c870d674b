"""``a11y/link-text``: link text says where the link goes.

Source: WCAG 2.2 success criterion 2.4.4 (Link purpose, in context); GOV.UK style guide,
"Links" ("do not use 'click here'"); Cymraeg Clir (descriptive links in Welsh).
Screen reader users often list a page's links on their own: "click here" or a bare web
address tells them nothing. The same words leading to two places confuse them too.
"""

import re

from localoffer.rules import finding, page_rule

RULE = "a11y/link-text"
VAGUE = {
    "en": {"click here", "here", "click", "read more", "more", "more info", "more information",
           "this link", "link", "this page", "this", "go", "find out more", "learn more", "see more"},
    "cy": {"yma", "cliciwch yma", "cliciwch", "darllen mwy", "darllenwch fwy", "mwy",
           "rhagor", "rhagor o wybodaeth", "mwy o wybodaeth", "y ddolen hon", "dolen",
           "y dudalen hon", "hwn", "hon"},
}
URL_LIKE = re.compile(r"^(https?://|www\.)\S+$", re.I)


def _plain(text: str) -> str:
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split()).strip(" .:!?").lower()


@page_rule(RULE, languages=("en", "cy"))
def link_text(page, ctx):
    """Links with no text, vague text ("click here", "yma"), a bare web address as text,
    or the same text leading to different places."""
    findings = []
    seen: dict[str, object] = {}
    vague = VAGUE.get(page.lang, set())
    for link in page.links:
        if link.target.startswith("#") and not link.text:
            continue
        text = _plain(link.text)
        if not text:
            findings.append(finding(page, RULE, "error", link.line, link.column,
                                    "a11y.source.link_empty", suggestion_key="a11y.source.link_fix",
                                    target=link.target))
            continue
        if text in vague:
            findings.append(finding(page, RULE, "error", link.line, link.column,
                                    "a11y.source.link_vague", suggestion_key="a11y.source.link_fix",
                                    text=link.text.strip(), target=link.target))
        elif link.kind in ("autolink", "bare") or URL_LIKE.match(link.text.strip()):
            findings.append(finding(page, RULE, "warning", link.line, link.column,
                                    "a11y.source.link_url", suggestion_key="a11y.source.link_fix",
                                    text=link.text.strip(), target=link.target))
        target = link.target.split("#")[0] or link.target
        earlier = seen.setdefault(text, link)
        earlier_target = earlier.target.split("#")[0] or earlier.target
        if earlier is not link and earlier_target != target:
            findings.append(finding(page, RULE, "warning", link.line, link.column,
                                    "a11y.source.link_same_text",
                                    suggestion_key="a11y.source.link_same_text_fix",
                                    text=link.text.strip(), other=earlier.line))
    return findings
