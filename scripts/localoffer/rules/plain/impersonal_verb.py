"""plain/impersonal-verb (Welsh): impersonal verbs (cynhelir, darperir, dechreuwyd) and
the "cael ei/eu ... gan" passive.

Source: Cymraeg Clir principles: prefer personal, active verbs that say who does what
("rydyn ni'n cynnal" rather than "cynhelir"). Word list: ``data/plain/impersonal_verbs_cy.yml``
(known forms, matched with their mutations; and nouns that only look like them: tir, gwir, hir).
A suggestion only.
"""

import re

from localoffer import welsh
from localoffer.rules import at, page_rule
from localoffer.textmatch import norm

RULE = "plain/impersonal-verb"
_CAEL_GAN = re.compile(r"\b[cg]ael\s+(?:ei|eu|'i|’i)\s+\S+(?:\s+\S+){0,2}?\s+gan\b", re.IGNORECASE)
_ENDINGS = ("ir", "wyd")
_NOT_ENDINGS = ("air", "wir", "oir", "eir")


def _lists(ctx):
    def make():
        data = ctx.wordlist("impersonal_verbs_cy")
        verbs = set()
        for verb in data.get("verbs") or []:
            verbs.update(welsh.forms(verb))
        not_verbs = set()
        for word in data.get("not_verbs") or []:
            not_verbs.update(welsh.forms(word))
        return frozenset(verbs - not_verbs), frozenset(not_verbs)

    return ctx.memo(RULE, make)


def is_impersonal(word: str, verbs, not_verbs) -> bool:
    word = norm(word)
    if word in verbs:
        return True
    if word in not_verbs or len(word) < 7 or "-" in word or "'" in word or "’" in word:
        return False
    return word.endswith(_ENDINGS) and not word.endswith(_NOT_ENDINGS)


@page_rule(RULE, languages=("cy",))
def impersonal_verb(page, ctx):
    """Impersonal verbs and 'cael ei/eu ... gan'."""
    verbs, not_verbs = _lists(ctx)
    known: dict[str, bool] = ctx.memo(f"{RULE}:words", dict)  # word -> is_impersonal, once per word
    # what is found in a segment depends only on its text: each distinct text is read once per run
    hits_of: dict[str, list] = ctx.memo(f"{RULE}:hits", dict)
    findings = []
    for segment in page.segments:
        text = segment.text
        hits = hits_of.get(text)
        if hits is None:
            hits = hits_of[text] = _hits(text, segment.words, known, verbs, not_verbs)
        for offset, key, values in hits:
            findings.append(at(page, segment, offset, RULE, "suggestion", key,
                               suggestion_key=key + ".fix", **values))
    return findings


def _hits(text, words, known, verbs, not_verbs) -> list[tuple[int, str, dict]]:
    hits = []
    for i, word in enumerate(words):
        token = word.text
        impersonal = known.get(token)
        if impersonal is None:
            impersonal = known[token] = is_impersonal(token, verbs, not_verbs)
        if not impersonal:
            continue
        if i > 0 and token[:1].isupper() and not token.isupper():
            before = text[words[i - 1].end : word.start]
            if not any(mark in before for mark in ".!?:"):
                continue  # a name in mid-sentence (Casimir)
        hits.append((word.start, "checks.plain.impersonal_verb", {"word": token}))
    for match in _CAEL_GAN.finditer(text):
        phrase = " ".join(match.group().split())
        hits.append((match.start(), "checks.plain.impersonal_cael", {"phrase": phrase}))
    return hits
