"""Contrast of the council's colours (``extra.council.colours`` in mkdocs.yml).

WCAG 2.2: 1.4.3 asks 4.5:1 for text (3:1 for large text); 1.4.11 asks 3:1 for
user-interface parts and focus indicators. The theme uses:

- ``primary`` as the header background, with ``primary_text`` on it (small text: 4.5:1);
- ``link`` for links on the white page (text: 4.5:1);
- ``accent`` on white for hover and focus marks and the notice border (UI: 3:1).

Pure functions: colours in, problems out. ``settings.validate_council`` can call
``check_council_colours(colours)`` and turn the first problem into a UserError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from localoffer.messages import t

WHITE = "#ffffff"
TEXT, LARGE_TEXT, UI = 4.5, 3.0, 3.0
HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a '#rrggbb' colour."""
    match = HEX.match(colour.strip())
    if not match:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = match.group(1)
    channels = []
    for i in (0, 2, 4):
        c = int(value[i: i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class ContrastProblem:
    setting: str        # "extra.council.colours.link"
    against: str        # message key naming what it was checked against
    ratio: float
    needed: float
    criterion: str

    def message(self, lang: str = "en") -> str:
        return t(
            "cli.colour_contrast", lang, setting=self.setting, ratio=f"{self.ratio:.2f}",
            against=t(self.against, lang), criterion=self.criterion, needed=f"{self.needed:g}",
        )

    def fix(self, lang: str = "en") -> str:
        return t("cli.colour_contrast_fix", lang, setting=self.setting, needed=f"{self.needed:g}")


# (setting, compared with, what that is, minimum ratio, criterion)
CHECKS = (
    ("primary_text", "primary", "cli.colour_against_header", TEXT, "1.4.3"),
    ("link", WHITE, "cli.colour_against_page", TEXT, "1.4.3"),
    ("accent", WHITE, "cli.colour_against_page", UI, "1.4.11"),
)


def check_council_colours(colours: dict[str, str]) -> list[ContrastProblem]:
    """Problems with the council's colours; an empty list when they all pass.

    ``colours`` has the keys primary, primary_text, link and accent ('#rrggbb').
    Rounding: a ratio must reach the minimum before rounding (4.47:1 fails 4.5:1).
    """
    problems = []
    for key, other, against, needed, criterion in CHECKS:
        if key not in colours:
            continue
        other_colour = colours.get(other, other) if other != WHITE else WHITE
        ratio = contrast_ratio(colours[key], other_colour)
        if ratio < needed:
            problems.append(ContrastProblem(
                setting=f"extra.council.colours.{key}", against=against,
                ratio=ratio, needed=needed, criterion=criterion,
            ))
    return problems
