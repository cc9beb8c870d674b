"""Find words and phrases in prose, fast: one dictionary look-up per word.

Used by the rules that work from word lists. Matching is by whole words, ignoring case
(unless an entry is marked exact, as acronyms are) and, in Welsh, initial mutations
(the entry ``cynorthwyo`` also finds ``gynorthwyo``). A Welsh word joined to a short
form by an apostrophe (``i'r``, ``mae'n``) matches as the word before the apostrophe.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterator

from localoffer import welsh

_TOKEN_RE = re.compile(r"[^\W_][\w\u0300-\u036f]*(?:['’\-][^\W_][\w\u0300-\u036f]*)*")


def norm(word: str) -> str:
    """Lower case, composed (so a decomposed ŵ matches a composed one)."""
    word = word.lower()
    if not word.isascii():
        word = unicodedata.normalize("NFC", word)
    return word


def _key(word: str, exact: bool) -> str:
    word = word if exact else norm(word)
    for apostrophe in ("'", "’"):
        if apostrophe in word and not word.startswith(apostrophe):
            return word.split(apostrophe, 1)[0]
    return word


@lru_cache(maxsize=1 << 17)
def _folded_key(word: str) -> str:
    return _key(word, False)


@lru_cache(maxsize=1 << 17)
def _exact_key(word: str) -> str:
    return _key(word, True)


def tokens(phrase: str) -> list[str]:
    return _TOKEN_RE.findall(phrase)


class PhraseMatcher:
    """Match many words and phrases. ``add(phrase, value, exact=False, mutate=False)``."""

    def __init__(self) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], bool, Any]]] = {}
        self._exact_index: dict[str, list[tuple[tuple[str, ...], bool, Any]]] = {}

    def add(self, phrase: str, value: Any, exact: bool = False, mutate: bool = False) -> None:
        variants = welsh.forms(phrase) if mutate and not exact else {phrase if exact else norm(phrase)}
        for variant in variants:
            words = tuple(tokens(variant) if exact else (norm(w) for w in tokens(variant)))
            if not words:
                continue
            index = self._exact_index if exact else self._index
            index.setdefault(words[0], []).append((words, exact, value))

    def __bool__(self) -> bool:
        return bool(self._index or self._exact_index)

    def find(self, words, keys: tuple[list[str], list[str]] | None = None) -> Iterator[tuple[int, int, Any]]:
        """Yield ``(first, end, value)`` for each match in ``words`` (a segment's words):
        the match is ``words[first:end]``. The longest match at a place wins.
        ``keys`` (from ``segment_keys``) saves working out each word's look-up keys again."""
        index, exact_index = self._index, self._exact_index
        n = len(words)
        if keys is None:
            texts = [w[2] for w in words]
            keys = (list(map(_folded_key, texts)), list(map(_exact_key, texts)))
        folded, exact_keys = keys
        if index.keys().isdisjoint(folded) and exact_index.keys().isdisjoint(exact_keys):
            return  # most segments: no word starts an entry
        starts = [i for i in range(n) if folded[i] in index or exact_keys[i] in exact_index]
        if not starts:
            return
        i = 0
        for i0 in starts:
            if i0 < i:
                continue
            i = i0
            best = None
            for table, exact in ((exact_index, True), (index, False)):
                if not table:
                    continue
                candidates = table.get(exact_keys[i] if exact else folded[i])
                if not candidates:
                    continue
                for phrase, is_exact, value in candidates:
                    size = len(phrase)
                    if i + size > n or (best is not None and size <= best[0]):
                        continue
                    ok = True
                    table_keys = exact_keys if is_exact else folded
                    for k in range(1, size):
                        want = phrase[k]
                        if table_keys[i + k] != want:
                            got = words[i + k].text
                            if (got if is_exact else norm(got)) != want:
                                ok = False
                                break
                    if ok:
                        best = (size, value)
            if best is not None:
                yield i, i + best[0], best[1]
                i += best[0]
            else:
                i += 1


    def find_in(self, segment) -> list[tuple[int, int, Any]]:
        """``find`` over a segment's words, as a list. Worked out once per distinct text
        (the words depend only on it), in ``segment.cache``."""
        key = ("textmatch.find", self)
        cache = segment.cache
        found = cache.get(key)
        if found is None:
            found = cache[key] = list(self.find(segment.words, segment_keys(segment)))
        return found


def segment_keys(segment) -> tuple[list[str], list[str]]:
    """Each word's look-up keys (folded, exact), worked out once per segment."""
    keys = segment.cache.get("textmatch.keys")
    if keys is None:
        words = segment.words
        texts = [w[2] for w in words]
        keys = segment.cache["textmatch.keys"] = (
            list(map(_folded_key, texts)),
            list(map(_exact_key, texts)),
        )
    return keys
