"""plain/layout-direction: directions that depend on the page layout ("use the links on the
left hand side", "in the column on the right", "the button below"; "ar ochr dde'r dudalen").

Source: WCAG 2.2 success criterion 1.3.3 Sensory Characteristics (instructions must not rely
only on visual location); GOV.UK style guide. On a phone the side menu is behind a button,
and a screen reader user hears no left or right. Data: ``data/plain/layout_directions.yml``.
A direction in a sentence that also names the thing ("Choose **Commit changes** at the top
right", 'the "Search" button on the right') is fine: the name is enough without the place
(W3C technique G96), so it is not flagged.
"""

import re

from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import segment_hits
from localoffer.textmatch import segment_keys

RULE = "plain/layout-direction"
_ABOVE_BELOW = frozenset({"above", "below", "isod", "uchod"})
_WORDS = {"en": frozenset({"left", "right", "left-hand", "right-hand", "above", "below"}),
          "cy": frozenset({"chwith", "dde", "isod", "uchod"})}
_THINGS = ("button", "box", "panel", "sidebar", "botwm", "botymau", "blwch")
_TRIGGERS = {"en": re.compile(r"\b(?:left|right|below|above)\b", re.I), "cy": re.compile(r"\b(?:chwith|dde|isod|uchod)\b", re.I)}


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
    def find(segment):
        # most text has none of the words: a look at its words (worked out once) is enough
        return [] if _WORDS[lang].isdisjoint(segment_keys(segment)[0]) else _hits(segment.text, regex, trigger)

    findings = []
    for segment, hits in segment_hits(page, ctx, f"{RULE}:hits:{lang}", find):
        for offset, found in hits:
            if _names_the_thing(page, segment, offset):
                continue
            findings.append(at(page, segment, offset, RULE, "warning", "checks.plain.layout_direction",
                               suggestion_key="checks.plain.layout_direction.fix", text=found))
    return findings


def _hits(text, regex, trigger):
    """Matches of ``regex`` near each place ``trigger`` is found (the patterns are short:
    a window around the word is enough, and far quicker than reading the whole text)."""
    hits = {}
    for word in trigger.finditer(text):
        start = max(0, word.start() - 80)
        if word.group().lower() in _ABOVE_BELOW:
            window = text[start : word.start()].lower()
            if not any(thing in window for thing in _THINGS):
                continue  # "the list below": reading order, not layout (only buttons and boxes)
        for match in regex.finditer(text, start, min(len(text), word.end() + 60)):
            if match.start() <= word.start() < match.end() or match.start() <= word.end() - 1 < match.end():
                hits.setdefault(match.start(), " ".join(match.group().split()))
    return sorted(hits.items())


_NAMED = re.compile(r"\*\*[^*]+\*\*|__[^_]+__|“[^”]+”|\"[^\"]+\"|‘[^’]+’|\[[^\]]+\]\(")


def _names_the_thing(page, segment, offset) -> bool:
    """True when the sentence of ``offset`` names what it points to: words in bold, in
    quotation marks or as a link (read in the Markdown source of that sentence)."""
    sentence = next((s for s in segment.sentences if s.start <= offset < s.end), None)
    start, end = (sentence.start, sentence.end) if sentence else (offset, offset + 1)
    (first_line, first_col), (last_line, last_col) = segment.position(start), segment.position(max(start, end - 1))
    if not (0 < first_line <= last_line <= len(page.lines)):
        return False
    lines = page.lines[first_line - 1 : last_line]
    lines[-1] = lines[-1][:last_col]
    lines[0] = lines[0][first_col - 1 :]
    return bool(_NAMED.search("\n".join(lines)))
