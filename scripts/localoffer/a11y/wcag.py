"""pa11y codes (HTML_CodeSniffer and axe rule ids) to WCAG criteria and plain fixes.

HTML_CodeSniffer codes carry the criterion: ``WCAG2AA.Principle1.Guideline1_1.1_1_1.H37``
is 1.1.1. axe rules carry it in their tags (``wcag111``); our axe runner passes the
tags through, and ``AXE_RULES`` covers recorded output from pa11y's stock axe runner.
axe's best-practice rules have no criterion: they get ids like ``a11y/axe-region``.

Source of the names: WCAG 2.2 (W3C Recommendation, 2023-10-05, updated 2024-12-12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Level A and AA success criteria of WCAG 2.2 (4.1.1 Parsing is obsolete in 2.2).
CRITERIA = {
    "1.1.1": "Non-text Content",
    "1.2.1": "Audio-only and Video-only (Prerecorded)",
    "1.2.2": "Captions (Prerecorded)",
    "1.2.3": "Audio Description or Media Alternative (Prerecorded)",
    "1.2.4": "Captions (Live)",
    "1.2.5": "Audio Description (Prerecorded)",
    "1.3.1": "Info and Relationships",
    "1.3.2": "Meaningful Sequence",
    "1.3.3": "Sensory Characteristics",
    "1.3.4": "Orientation",
    "1.3.5": "Identify Input Purpose",
    "1.4.1": "Use of Color",
    "1.4.2": "Audio Control",
    "1.4.3": "Contrast (Minimum)",
    "1.4.4": "Resize Text",
    "1.4.5": "Images of Text",
    "1.4.6": "Contrast (Enhanced)",
    "1.4.10": "Reflow",
    "1.4.11": "Non-text Contrast",
    "1.4.12": "Text Spacing",
    "1.4.13": "Content on Hover or Focus",
    "2.1.1": "Keyboard",
    "2.1.2": "No Keyboard Trap",
    "2.1.4": "Character Key Shortcuts",
    "2.2.1": "Timing Adjustable",
    "2.2.2": "Pause, Stop, Hide",
    "2.3.1": "Three Flashes or Below Threshold",
    "2.4.1": "Bypass Blocks",
    "2.4.2": "Page Titled",
    "2.4.3": "Focus Order",
    "2.4.4": "Link Purpose (In Context)",
    "2.4.5": "Multiple Ways",
    "2.4.6": "Headings and Labels",
    "2.4.7": "Focus Visible",
    "2.4.11": "Focus Not Obscured (Minimum)",
    "2.5.1": "Pointer Gestures",
    "2.5.2": "Pointer Cancellation",
    "2.5.3": "Label in Name",
    "2.5.4": "Motion Actuation",
    "2.5.7": "Dragging Movements",
    "2.5.8": "Target Size (Minimum)",
    "3.1.1": "Language of Page",
    "3.1.2": "Language of Parts",
    "3.2.1": "On Focus",
    "3.2.2": "On Input",
    "3.2.3": "Consistent Navigation",
    "3.2.4": "Consistent Identification",
    "3.2.6": "Consistent Help",
    "3.3.1": "Error Identification",
    "3.3.2": "Labels or Instructions",
    "3.3.3": "Error Suggestion",
    "3.3.4": "Error Prevention (Legal, Financial, Data)",
    "3.3.7": "Redundant Entry",
    "3.3.8": "Accessible Authentication (Minimum)",
    "4.1.1": "Parsing (obsolete in WCAG 2.2)",
    "4.1.2": "Name, Role, Value",
    "4.1.3": "Status Messages",
}

# What to do, per criterion, in plain English for an editor or a developer.
CRITERION_FIXES = {
    "1.1.1": "Give every image a short text alternative that says what it shows or does. "
             "In Markdown: ![what the image shows](picture.png). Mark a purely decorative "
             "image with empty alt text: ![](picture.png){ alt=\"\" }.",
    "1.3.1": "Use real structure: headings with #, lists with - or 1., tables with a header "
             "row, and a visible label joined to every form field.",
    "1.4.1": "Do not rely on colour alone: underline links in text, and add words or icons "
             "where colour carries meaning.",
    "1.4.3": "Make the text darker or the background lighter, so the contrast is at least "
             "4.5:1 (3:1 for large text). Check the colour with a contrast checker.",
    "1.4.11": "Give buttons, form fields and focus outlines a colour with at least 3:1 "
              "contrast against what is next to them.",
    "2.1.1": "Make sure everything works with a keyboard alone (Tab, Enter, Space).",
    "2.4.1": "Keep the 'Skip to content' link and the page's landmarks (header, main, footer).",
    "2.4.2": "Give the page a title that says what it is about (the first # heading).",
    "2.4.4": "Make the link text say where the link goes, for example "
             "'Apply for school transport' instead of 'click here'. A link must not be empty.",
    "2.4.6": "Write headings and labels that describe the content below them.",
    "2.5.3": "Start the accessible name of a link or button with the words people can see.",
    "2.5.8": "Make links and buttons at least 24 by 24 CSS pixels, or leave enough space "
             "around small ones.",
    "3.1.1": "Set the page's language (lang=\"en\" or lang=\"cy\") on the html element.",
    "3.1.2": "Mark text in another language with its language, for example "
             "<span lang=\"cy\">Croeso</span>, or [Croeso]{ lang=cy } with attr_list.",
    "3.3.2": "Give every form field a visible label joined to it (<label for=...>).",
    "4.1.2": "Give every link, button, form field and dialog an accessible name and the right "
             "role. A link must have text; an icon-only link needs an aria-label.",
}

# axe rules to criteria, for axe output without tags (pa11y's stock runner).
AXE_RULES = {
    "area-alt": "1.1.1", "image-alt": "1.1.1", "input-image-alt": "1.1.1",
    "object-alt": "1.1.1", "role-img-alt": "1.1.1", "svg-img-alt": "1.1.1",
    "image-redundant-alt": "1.1.1",
    "definition-list": "1.3.1", "dlitem": "1.3.1", "list": "1.3.1", "listitem": "1.3.1",
    "th-has-data-cells": "1.3.1", "td-headers-attr": "1.3.1", "td-has-header": "1.3.1",
    "p-as-heading": "1.3.1", "aria-required-children": "1.3.1",
    "aria-required-parent": "1.3.1", "autocomplete-valid": "1.3.5",
    "link-in-text-block": "1.4.1", "color-contrast": "1.4.3", "meta-viewport": "1.4.4",
    "avoid-inline-spacing": "1.4.12", "scrollable-region-focusable": "2.1.1",
    "bypass": "2.4.1", "document-title": "2.4.2", "link-name": "2.4.4",
    "frame-title": "4.1.2", "label-content-name-mismatch": "2.5.3",
    "target-size": "2.5.8", "html-has-lang": "3.1.1", "html-lang-valid": "3.1.1",
    "html-xml-lang-mismatch": "3.1.1", "valid-lang": "3.1.2", "label": "4.1.2",
    "select-name": "4.1.2", "button-name": "4.1.2", "input-button-name": "4.1.2",
    "aria-allowed-attr": "4.1.2", "aria-hidden-focus": "4.1.2", "aria-roles": "4.1.2",
    "aria-valid-attr": "4.1.2", "aria-valid-attr-value": "4.1.2",
    "aria-command-name": "4.1.2", "aria-input-field-name": "4.1.2",
    "aria-toggle-field-name": "4.1.2", "nested-interactive": "4.1.2",
    "duplicate-id-aria": "4.1.2",
}

# Fixes for the rules we meet most, more precise than the criterion's fix.
RULE_FIXES = {
    "image-alt": CRITERION_FIXES["1.1.1"],
    "H37": CRITERION_FIXES["1.1.1"],
    "color-contrast": CRITERION_FIXES["1.4.3"],
    "G18": CRITERION_FIXES["1.4.3"],
    "G145": CRITERION_FIXES["1.4.3"],
    "link-name": "Give the link text that says where it goes. An empty link, or a link "
                 "around an image with no alt text, is read out as just 'link'.",
    "H30": "Give the link text that says where it goes. An empty link, or a link around an "
           "image with no alt text, is read out as just 'link'.",
    "label": CRITERION_FIXES["3.3.2"],
    "H44": CRITERION_FIXES["3.3.2"],
    "F68": CRITERION_FIXES["3.3.2"],
    "H91": "Give every link, button and form field a name people can see and hear: link "
           "text, button text, a joined <label>, or an aria-label for an icon-only control.",
    "link-in-text-block": CRITERION_FIXES["1.4.1"],
    "target-size": CRITERION_FIXES["2.5.8"],
    "aria-dialog-name": "Give the dialog a name with aria-label or aria-labelledby.",
    "region": "Put all the page's content inside landmarks (header, nav, main, footer).",
    "heading-order": "Do not skip heading levels: after ## use ###, not ####.",
    "page-has-heading-one": "Start the page with one # heading.",
    "landmark-one-main": "The page needs one main landmark.",
    "html-has-lang": CRITERION_FIXES["3.1.1"],
    "valid-lang": CRITERION_FIXES["3.1.2"],
    "H57": CRITERION_FIXES["3.1.1"],
    "H58": CRITERION_FIXES["3.1.2"],
    "H32": "Give the form a submit button, or make it work without one and say how.",
}

HTMLCS_CODE = re.compile(r"Guideline\d+_\d+\.(\d+)_(\d+)_(\d+)\.(.+)$")
AXE_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


@dataclass(frozen=True)
class Criterion:
    number: str | None      # "1.1.1", or None for a best-practice rule
    name: str               # "Non-text Content", or "Best practice"
    rule_id: str            # "a11y/wcag-1.1.1" or "a11y/axe-region"
    fix: str                # plain English
    technique: str          # "H37", "image-alt"


def _htmlcs_technique(rest: str) -> str:
    """'H37' from 'H37'; 'H32' from 'H32.2'; 'G18' from 'G18.Fail'; 'F68' from 'F68'."""
    first = re.split(r"[.,]", rest)[0]
    return first


def criterion_number(code: str, tags: list[str] | None = None) -> str | None:
    """The WCAG criterion of a pa11y issue code, or None for a best-practice rule."""
    match = HTMLCS_CODE.search(code)
    if match:
        return ".".join(match.group(1, 2, 3))
    for tag in tags or ():
        tag_match = AXE_TAG.match(tag)
        if tag_match:
            return ".".join(tag_match.groups())
    return AXE_RULES.get(code)


def describe(code: str, tags: list[str] | None = None) -> Criterion:
    """Everything a report needs to say about one pa11y issue code."""
    number = criterion_number(code, tags)
    match = HTMLCS_CODE.search(code)
    technique = _htmlcs_technique(match.group(4)) if match else code
    if number:
        name = CRITERIA.get(number, "WCAG success criterion")
        rule_id = f"a11y/wcag-{number}"
    else:
        name = "Best practice (axe)"
        rule_id = f"a11y/axe-{code}"
    fix = (
        RULE_FIXES.get(technique)
        or RULE_FIXES.get(code)
        or (CRITERION_FIXES.get(number) if number else None)
        or (f"See what WCAG {number} {name} asks for and change the page to meet it."
            if number else "Follow the advice in the message.")
    )
    return Criterion(number=number, name=name, rule_id=rule_id, fix=fix, technique=technique)
