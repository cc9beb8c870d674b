"""``a11y/image-alt``: every image has alt text, or is marked as decorative on purpose.

Source: WCAG 2.2 success criterion 1.1.1 (Non-text content); GOV.UK Service Manual,
"Making images accessible". A decorative image is marked explicitly:
``![](border.png){: .decorative }`` (or ``role="presentation"``), so that an empty alt is
never an accident. Alt text that is only a file name or "image" says nothing either.
"""

import re

from localoffer.rules import finding, page_rule

RULE = "a11y/image-alt"
DECORATIVE = re.compile(r"\{[^{}]*(\.decorative\b|role=[\"']?(presentation|none)\b)[^{}]*\}")
SAYS_NOTHING = {
    "en": {"image", "picture", "photo", "photograph", "graphic", "logo", "icon"},
    "cy": {"llun", "delwedd", "ffotograff", "graffeg", "logo", "eicon"},
}
FILE_NAME = re.compile(r"^[\w.\-]+\.(png|jpe?g|gif|svg|webp|avif)$", re.I)


def _decorative(page, image) -> bool:
    line = page.lines[image.line - 1] if 0 < image.line <= len(page.lines) else ""
    return bool(DECORATIVE.search(line[image.column - 1:]))


@page_rule(RULE, languages=("en", "cy"))
def image_alt(page, ctx):
    """Images with no alt text (and not marked decorative), or alt text that says nothing."""
    findings = []
    for image in page.images:
        alt = " ".join(image.alt.split())
        if not alt:
            if not _decorative(page, image):
                findings.append(finding(page, RULE, "error", image.line, image.column,
                                        "a11y.source.image_alt_missing",
                                        suggestion_key="a11y.source.image_alt_missing_fix", src=image.src))
        elif alt.lower().strip(".") in SAYS_NOTHING.get(page.lang, set()) or FILE_NAME.match(alt):
            findings.append(finding(page, RULE, "warning", image.line, image.column,
                                    "a11y.source.image_alt_empty_words",
                                    suggestion_key="a11y.source.image_alt_missing_fix", alt=alt, src=image.src))
    return findings
