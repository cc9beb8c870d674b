"""plain/latin-abbreviation: eg, ie, etc, viz, NB and the Welsh short forms e.e., h.y., ayb.

Source: GOV.UK style guide, "eg, etc and ie": write "for example", "such as", "like" or
"including" instead; some screen readers and many readers stumble on them. Welsh: the same
advice from Cymraeg Clir ("er enghraifft", "hynny yw"). Data: ``data/plain/latin_abbreviations.yml``.
"""

import re

from localoffer.rules import at, page_rule
from localoffer.textmatch import segment_keys

RULE = "plain/latin-abbreviation"


def pattern(ctx, lang):
    def make():
        table = {}
        for entry in ctx.wordlist("latin_abbreviations").get("abbreviations", {}).get(lang) or []:
            for form in entry["forms"]:
                table[form.lower()] = entry["instead"]
        alternatives = "|".join(re.escape(form) for form in sorted(table, key=len, reverse=True))
        regex = re.compile(rf"\b(?<![.'’])(?:{alternatives})(?![\w'’])(?!\.\w)", re.IGNORECASE)
        # the first word of each form ("e" of "e.g."): a segment without one needs no search
        # (a form of single letters and full stops, such as "h.y.", is one word: its own trigger)
        triggers = {form.lower().replace(" ", ".").split(".")[0] for form in table}
        triggers.update(form.lower() for form in table if " " not in form)
        return regex, table, triggers

    return ctx.memo(f"{RULE}:{lang}", make)


@page_rule(RULE, languages=("en", "cy"))
def latin_abbreviation(page, ctx):
    """Latin abbreviations like eg, ie and etc."""
    regex, table, triggers = pattern(ctx, page.lang)
    # what is found in a segment depends only on its text: each distinct text is read once per run
    hits_of: dict[str, list] = ctx.memo(f"{RULE}:hits:{page.lang}", dict)
    findings = []
    for segment in page.segments:
        hits = hits_of.get(segment.text)
        if hits is None:
            hits = hits_of[segment.text] = _hits(segment, regex, table, triggers)
        for offset, found, instead in hits:
            findings.append(at(page, segment, offset, RULE, "warning", "checks.plain.latin_abbreviation",
                               suggestion=instead, abbreviation=found, instead=instead))
    return findings


def _hits(segment, regex, table, triggers) -> list[tuple[int, str, str]]:
    folded = segment_keys(segment)[0]
    if triggers.isdisjoint(folded):
        return []
    hits = []
    for match in regex.finditer(segment.text):
        found = match.group()
        if found.lower().rstrip(".") == "nb" and not found[:2].isupper():
            continue  # "nb" in lower case is not the abbreviation
        instead = table.get(found.lower()) or table.get(found.lower().rstrip("."), "")
        hits.append((match.start(), found, instead))
    return hits
