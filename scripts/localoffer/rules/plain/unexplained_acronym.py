"""plain/unexplained-acronym: an acronym not spelled out the first time it is used.

Source: GOV.UK style guide, "Abbreviations and acronyms": spell out an acronym the first
time you use it ("additional learning needs (ALN)") unless it is well known (UK, NHS).
Cymraeg Clir gives the same advice. Well-known acronyms are data
(``data/plain/well_known_acronyms.yml`` plus ``extra.council.checks.well_known_acronyms``).
Glossary acronyms still need spelling out: the tooltip is extra help, not a replacement.
Acronyms do not mutate in Welsh, so they are matched exactly.
"""

import re

from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import acronym_of, caps_runs, has_caps, jurisdiction_matcher, shouting

RULE = "plain/unexplained-acronym"
# "ALN (additional learning needs)": two or more words in brackets straight after
# (?=...) says "a space somewhere before the bracket closes" without trying every split of
# the text around it, so an unclosed bracket on a long line is read once.
_AFTER = re.compile(r"\s*\(\s*[^\s()](?=[^()]*\s)[^()]*\)")
# "additional learning needs (ALN)": a word, then the acronym in brackets
_BEFORE = re.compile(r"[^\W\d_][^\s(]*[^\S\n]*\(\s*$")
_CLOSE = re.compile(r"\s*\)")


def _explained(segment, word) -> bool:
    text = segment.text
    if _AFTER.match(text, word.end):
        return True
    return bool(_BEFORE.search(text, max(0, word.start - 80), word.start) and _CLOSE.match(text, word.end))


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
    wrong_law = jurisdiction_matcher(ctx, lang)
    uses: dict[str, list] = {}  # acronym -> [(is_heading, explained, segment, word)]
    for segment in page.segments:
        words = segment.words
        if not words:
            continue
        text = segment.text
        if not has_caps(segment):
            continue
        skip = set()
        for first, end in caps_runs(segment):
            skip.update(range(first, end))
        if wrong_law:
            for first, end, _ in wrong_law.find_in(segment):
                skip.update(range(first, end))
        for i, word in enumerate(words):
            token = word.text
            if not token[:1].isupper() or i in skip:
                continue
            acronym = acronym_of(token)
            if acronym is None or acronym in known or shouting(acronym, lang, words[i + 1].text if i + 1 < len(words) else ""):
                continue
            uses.setdefault(acronym, []).append(
                (segment.kind in ("heading", "admonition_title"), _explained(segment, word), segment, word)
            )
    findings = []
    for acronym, found in uses.items():
        body = [use for use in found if not use[0]]
        first = body[0] if body else found[0]
        if first[1]:
            continue
        if not body and any(use[1] for use in found):
            continue
        expansion = _expansion(ctx, acronym, lang)
        _, _, segment, word = first
        if expansion:
            findings.append(at(page, segment, word.start, RULE, "warning", "checks.plain.unexplained_acronym",
                               suggestion_key="checks.plain.unexplained_acronym.fix_known",
                               acronym=acronym, expansion=expansion))
        else:
            findings.append(at(page, segment, word.start, RULE, "warning", "checks.plain.unexplained_acronym",
                               suggestion_key="checks.plain.unexplained_acronym.fix", acronym=acronym))
    return findings
