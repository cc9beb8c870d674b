"""Small pure functions for Welsh text: initial mutations, letters and syllables.

Source: the standard Welsh mutation tables (e.g. Gareth King, *Modern Welsh: A
Comprehensive Grammar*, ch. 2; the Welsh Government's Cymraeg Clir guidance assumes them).

* soft (treiglad meddal): p>b t>d c>g b>f d>dd g>(dropped) m>f ll>l rh>r
* nasal (treiglad trwynol): p>mh t>nh c>ngh b>m d>n g>ng
* aspirate (treiglad llaes): p>ph t>th c>ch
* h-prothesis: a vowel gets an h (ei henw, ein hysgol)

Welsh letters: ch dd ff ng ll ph rh th are single letters; w and y are vowels.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DIGRAPHS = ("ch", "dd", "ff", "ng", "ll", "ph", "rh", "th")
VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ")

SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
# Initial letters that never mutate (other than by h-prothesis for vowels).
_FIXED = ("ch", "dd", "ff", "ng", "ph", "th")


def _initial(word: str) -> str:
    """The first Welsh letter of ``word`` (lower case): 'll', 'rh', 'c', 'a' ..."""
    for digraph in DIGRAPHS:
        if word.startswith(digraph):
            return digraph
    return word[:1]


def mutations(word: str) -> dict[str, str]:
    """The mutated forms of ``word``, by kind: {'soft': ..., 'nasal': ..., 'aspirate': ..., 'h': ...}.

    Only kinds that change the word are present. ``word`` is taken in lower case.

    >>> sorted(mutations("cynllun").items())
    [('aspirate', 'chynllun'), ('nasal', 'nghynllun'), ('soft', 'gynllun')]
    """
    word = unicodedata.normalize("NFC", word.strip().lower())
    if not word:
        return {}
    first = _initial(word)
    rest = word[len(first):]
    forms: dict[str, str] = {}
    if first in _FIXED:
        return forms
    if first in SOFT:
        soft = SOFT[first] + rest
        if soft and soft != word:
            forms["soft"] = soft
    if first in NASAL:
        forms["nasal"] = NASAL[first] + rest
    if first in ASPIRATE:
        forms["aspirate"] = ASPIRATE[first] + rest
    if first in VOWELS:
        forms["h"] = "h" + word
    return forms


def forms(word: str) -> set[str]:
    """``word`` (lower case) and all its mutated forms. For a phrase, only the first word mutates."""
    word = unicodedata.normalize("NFC", word.strip().lower())
    first, space, rest = word.partition(" ")
    result = {word}
    for form in mutations(first).values():
        result.add(form + space + rest)
    return result


def letters(word: str) -> list[str]:
    """The Welsh letters of ``word``: ``letters("llyfrgell") == ['ll', 'y', 'f', 'r', 'g', 'e', 'll']``.

    (Like any simple rule it cannot tell 'ng' in 'Bangor' from the letter ng.)
    """
    word = unicodedata.normalize("NFC", word.lower())
    result = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in DIGRAPHS:
            result.append(pair)
            i += 2
        else:
            if word[i].isalpha():
                result.append(word[i])
            i += 1
    return result


_VOWEL_GROUPS = re.compile("[" + "".join(sorted(VOWELS)) + "]+")
# w or i before a vowel at the start of a word (gwlad, gwneud, iaith) is a consonant
_CONSONANT_GLIDE = re.compile(r"^(?:g?w|i)(?=[aeiouyâêîôûŷ])|^g?w(?=[lnr])")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Count the syllables of a Welsh word by its vowel groups (w and y are vowels).

    ``syllables("gwasanaeth") == 3``, ``syllables("anghenion") == 3``. At least 1.
    """
    word = unicodedata.normalize("NFC", word.lower())
    word = _CONSONANT_GLIDE.sub(lambda m: m.group()[:-1], word)
    return max(1, len(_VOWEL_GROUPS.findall(word)))
