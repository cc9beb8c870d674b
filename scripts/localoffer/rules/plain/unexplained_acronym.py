"""plain/unexplained-acronym: an acronym not spelled out the first time it is used.

Source: GOV.UK style guide, "Abbreviations and acronyms": spell out an acronym the first
time you use it ("additional learning needs (ALN)") unless it is well known (UK, NHS).
Cymraeg Clir gives the same advice. Well-known acronyms are data
(``data/plain/well_known_acronyms.yml`` plus ``extra.council.checks.well_known_acronyms``).
Glossary acronyms still need spelling out: the tooltip is extra help, not a replacement.
An acronym is explained where the page defines it: "additional learning needs (ALN)",
"ALN (additional learning needs)", "additional learning needs, or ALN" and the Welsh
"anghenion dysgu ychwanegol neu 'ADY'" (the acronym's letters must be the first letters of
the words before "or"/"neu"), in a heading too. A Welsh plural or mutated form (CDUau,
gCDU) is the same acronym as CDU; a defined acronym that is also a word (SEND) stays an
acronym on that page.
"""

import re

from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import (
    acronym_of, acronym_words, caps_runs, defined_acronyms, definitions_in, has_caps, jurisdiction_matcher, shouting,
)

RULE = "plain/unexplained-acronym"
_MUTATED = re.compile(r"\b(?:ngh|mh|nh|ng|ch|ph|th|dd|g|n|m|h|f|d|b)[A-Z][A-Z]")


def _expansion(ctx, acronym, lang):
    for term in ctx.glossary:
        if term["term"].get(lang) == acronym and term.get("expansion"):
            return term["expansion"].get(lang)
    return None


@page_rule(RULE, languages=("en", "cy"))
def unexplained_acronym(page, ctx):
    """Acronyms not spelled out at their first use on the page."""
    lang = page.lang
    known = ctx.known_acronyms(lang)
    acronyms = acronym_words(ctx, lang)
    defined = None  # worked out only when a rule needs it (most pages define what they use)
    wrong_law = jurisdiction_matcher(ctx, lang)
    # acronym -> [(is_heading, defined here, segment index, segment, word)]
    uses: dict[str, list] = {}
    for index, segment in enumerate(page.segments):
        words = segment.words
        if not words or not has_caps(segment):
            continue
        skip = set()
        for first, end in caps_runs(segment):
            skip.update(range(first, end))
        if wrong_law:
            for first, end, _ in wrong_law.find_in(segment):
                skip.update(range(first, end))
        here = None
        mutated = lang == "cy" and _MUTATED.search(segment.text) is not None  # "gCDU"
        for i, word in enumerate(words):
            token = word.text
            if not token[:1].isupper() and not (mutated and not token.islower()) or i in skip:
                continue
            acronym = acronym_of(token)
            if acronym is None or acronym in known:
                continue
            if acronym not in acronyms and shouting(acronym, lang, words[i + 1].text if i + 1 < len(words) else ""):
                if defined is None:
                    defined = defined_acronyms(page)
                if acronym not in defined:
                    continue  # a word in capitals (plain/all-caps), not an acronym
            heading = segment.kind in ("heading", "admonition_title")
            seen = uses.get(acronym)
            is_definition = False
            if seen is None or heading or all(use[0] for use in seen):
                # only a first use in the text, or a heading, needs to know (the rest never do)
                if here is None:
                    here = segment.cache.get("plain.definitions")
                    if here is None:
                        here = segment.cache["plain.definitions"] = definitions_in(segment.text)
                is_definition = (word.start, acronym) in here
            uses.setdefault(acronym, []).append((heading, is_definition, index, segment, word))
    findings = []
    for acronym, found in uses.items():
        body = [use for use in found if not use[0]]
        first = body[0] if body else found[0]
        if first[1]:
            continue
        if defined is None:
            defined = defined_acronyms(page)
        if acronym in defined and defined[acronym] <= (first[2], first[4].start):
            continue  # defined before its first use (in a heading, or earlier in the paragraph)
        if not body and any(use[1] for use in found):
            continue
        expansion = _expansion(ctx, acronym, lang)
        _, _, _, segment, word = first
        if expansion:
            findings.append(at(page, segment, word.start, RULE, "warning", "checks.plain.unexplained_acronym",
                               suggestion_key="checks.plain.unexplained_acronym.fix_known",
                               acronym=acronym, expansion=expansion))
        else:
            findings.append(at(page, segment, word.start, RULE, "warning", "checks.plain.unexplained_acronym",
                               suggestion_key="checks.plain.unexplained_acronym.fix", acronym=acronym))
    return findings
