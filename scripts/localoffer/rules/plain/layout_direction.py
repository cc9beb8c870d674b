"""plain/layout-direction: directions that depend on the page layout ("use the links on the
left hand side", "in the column on the right", "the button below"; "ar ochr dde'r dudalen").

Source: WCAG 2.2 success criterion 1.3.3 Sensory Characteristics (instructions must not rely
only on visual location); GOV.UK style guide. On a phone the side menu is behind a button,
and a screen reader user hears no left or right. Data: ``data/plain/layout_directions.yml``.
"""

import re

from localoffer.rules import at, page_rule

RULE = "plain/layout-direction"
_TRIGGERS = {"en": re.compile(r"left|right|below|above", re.I), "cy": re.compile(r"chwith|dde|isod|uchod", re.I)}


def pattern(ctx, lang):
    def make():
        patterns = ctx.wordlist("layout_directions").get("patterns", {}).get(lang) or []
        return re.compile(r"(?<![\w'’])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w])", re.I)

    return ctx.memo(f"{RULE}:{lang}", make)


@page_rule(RULE, languages=("en", "cy"))
def layout_direction(page, ctx):
    """Directions like "on the left" that only work if you can see the layout."""
    lang = page.lang
    regex = pattern(ctx, lang)
    trigger = _TRIGGERS[lang]
    hits_of: dict[str, list] = ctx.memo(f"{RULE}:hits:{lang}", dict)
    findings = []
    for segment in page.segments:
        text = segment.text
        hits = hits_of.get(text)
        if hits is None:
            hits = hits_of[text] = [] if not trigger.search(text) else [
                (m.start(), " ".join(m.group().split())) for m in regex.finditer(text)]
        for offset, found in hits:
            findings.append(at(page, segment, offset, RULE, "warning", "checks.plain.layout_direction",
                               suggestion_key="checks.plain.layout_direction.fix", text=found))
    return findings
