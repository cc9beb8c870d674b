"""plain/impersonal-verb (Welsh): impersonal verbs (cynhelir, darperir, dechreuwyd,
gwrandewir, crëwyd) and the "cael ei/eu + verb-noun" passive ("mae'r cynllun yn cael ei
adolygu"): without "gan" it hides who does the action; with "gan ..." it says who only at
the end.

Source: Cymraeg Clir principles: prefer personal, active verbs that say who does what
("rydyn ni'n cynnal" rather than "cynhelir"). Word list: ``data/plain/impersonal_verbs_cy.yml``
(known forms, matched with their mutations and with or without a diaeresis - crëwyd, crewyd;
and nouns that only look like them: tir, gwir, hir). Forms in -wir (gwrandewir, cedwir) are
verbs unless listed as nouns (gwir, caswir). A suggestion only.
"""

import re
import unicodedata

from localoffer import welsh
from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import segment_hits
from localoffer.textmatch import norm

RULE = "plain/impersonal-verb"
# "cael ei/eu" (or "'i") and a verb-noun (mutated after ei/eu: ei adolygu, ei ddefnyddio,
# eu hysgrifennu, ei wneud); then, within a few words, "gan" or not.
_CAEL = re.compile(r"\b[cg]ael\s+(?:ei|eu|'i|’i)\s+([^\W\d_][\w'’]*)", re.IGNORECASE)
_GAN_AFTER = re.compile(r"(?:\s+[^\s.!?;:]+){0,4}?\s+gan\b", re.IGNORECASE)
_VERB_NOUN_ENDINGS = ("u", "o", "i", "io", "ed", "eg", "yd", "ael", "al", "eud", "eld", "dw", "an", "yn", "ol", "ach")
_ENDINGS = ("ir", "wyd")
_NOT_ENDINGS = ("air", "oir", "eir")


def _plain(word: str) -> str:
    """``word`` without accents (crëwyd -> crewyd), for looking up the list."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _lists(ctx):
    def make():
        data = ctx.wordlist("impersonal_verbs_cy")
        verbs = set()
        for verb in data.get("verbs") or []:
            verbs.update(welsh.forms(verb))
            verbs.update(_plain(form) for form in welsh.forms(verb))
        not_verbs = set()
        for word in data.get("not_verbs") or []:
            not_verbs.update(welsh.forms(word))
        nouns = set()
        for word in data.get("not_verb_nouns") or []:
            nouns.update(welsh.forms(word))
        return frozenset(verbs - not_verbs), frozenset(not_verbs), frozenset(nouns)

    return ctx.memo(RULE, make)


def is_impersonal(word: str, verbs, not_verbs) -> bool:
    word = norm(word)
    if word in verbs or _plain(word) in verbs:
        return True
    if word in not_verbs or len(_plain(word)) < 7 or "-" in word or "'" in word or "’" in word:
        return False
    return word.endswith(_ENDINGS) and not word.endswith(_NOT_ENDINGS)


@page_rule(RULE, languages=("cy",))
def impersonal_verb(page, ctx):
    """Impersonal verbs and 'cael ei/eu ... gan'."""
    verbs, not_verbs, nouns = _lists(ctx)
    known: dict[str, bool] = ctx.memo(f"{RULE}:words", dict)  # word -> is_impersonal, once per word
    findings = []
    for segment, hits in segment_hits(page, ctx, f"{RULE}:hits", lambda segment: _hits(
            segment.text, segment.words, known, verbs, not_verbs, nouns)):
        for offset, key, values in hits:
            findings.append(at(page, segment, offset, RULE, "suggestion", key,
                               suggestion_key=key + ".fix", **values))
    return findings


def _hits(text, words, known, verbs, not_verbs, nouns) -> list[tuple[int, str, dict]]:
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
    for match in _CAEL.finditer(text) if ("ael" in text or "AEL" in text) else ():
        verb = norm(match.group(1))
        if not verb.endswith(_VERB_NOUN_ENDINGS) or len(verb) < 4 or verb in nouns:
            continue  # "cael ei fam", "cael eu CDU": a noun, not a verb-noun
        gan = _GAN_AFTER.match(text, match.end())
        if gan:
            phrase = " ".join(text[match.start() : gan.end()].split())
            hits.append((match.start(), "checks.plain.impersonal_cael_gan", {"phrase": phrase}))
        else:
            phrase = " ".join(match.group().split())
            hits.append((match.start(), "checks.plain.impersonal_cael", {"phrase": phrase}))
    return hits
