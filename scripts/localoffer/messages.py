"""Every string a reader or an editor sees, in English and Welsh.

The strings live in ``data/messages.yml`` and in one ``data/messages_<part>.yml``
file per part of the tool: one key, one English and one Welsh
text. ``t(key, lang, **values)`` looks one up and fills in ``{values}``.
A test checks that every key has both languages.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from functools import lru_cache
from importlib import resources

from localoffer import datafile

LANGUAGES = ("en", "cy")
# The site and command-line strings are in data/messages.yml; each part of the tool
# may keep its own strings in another data/messages_<part>.yml file.
MESSAGE_GLOB = "messages*.yml"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("localoffer").joinpath("data")
    names = sorted(p.name for p in folder.iterdir() if fnmatch(p.name, MESSAGE_GLOB))
    for name in names:
        data = datafile.safe_load(folder.joinpath(name).read_text("utf-8")) or {}
        for key, entry in (data.get("messages") or {}).items():
            if key in merged:
                raise ValueError(f"message {key!r} is in two catalogues ({name})")
            merged[key] = entry
    return merged


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled in."""
    entry = catalogue()[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def plural_category(lang: str, count: int) -> str:
    """The CLDR plural category of a whole number ``count`` in ``lang``.

    Welsh (CLDR ``cy``): zero 0, one 1, two 2, few 3, many 6, other the rest.
    English: one 1, other the rest."""
    count = abs(int(count))
    if lang == "cy":
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(count, "other")
    return "one" if count == 1 else "other"


def tn(key: str, lang: str, count: int, **values: object) -> str:
    """A message that depends on a number: ``key.<category>`` for ``count``'s plural category
    in ``lang`` (``plural_category``), else ``key.other``. ``key.zero`` is used for 0 in
    every language when it exists ("No services match"). Each category is a whole message
    in the catalogue (Welsh: "1 gwasanaeth", "2 wasanaeth", "3 gwasanaeth"), never a
    word added to another."""
    table = catalogue()
    category = "zero" if count == 0 and f"{key}.zero" in table else plural_category(lang, count)
    name = f"{key}.{category}" if f"{key}.{category}" in table else f"{key}.other"
    return t(name, lang, count=count, **values)


def both(key: str, **values: object) -> str:
    """English and Welsh together, for places where we do not know the reader's language."""
    return f"{t(key, 'en', **values)} / {t(key, 'cy', **values)}"


def cli_language() -> str:
    """The language for command-line messages: LOCALOFFER_LANG=cy gives Welsh."""
    lang = os.environ.get("LOCALOFFER_LANG", "en").strip().lower()[:2]
    return lang if lang in LANGUAGES else "en"
