"""Every string a reader or an editor sees, in English and Welsh.

The strings live in ``data/messages.yml`` (and the checks' messages in
``data/messages_checks.yml``): one key, one English and one Welsh
text. ``t(key, lang, **values)`` looks one up and fills in ``{values}``.
A test checks that every key has both languages.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

import yaml

LANGUAGES = ("en", "cy")
# The site and command-line strings, then the checks' messages.
MESSAGE_FILES = ("data/messages.yml", "data/messages_checks.yml")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name in MESSAGE_FILES:
        resource = resources.files("localoffer").joinpath(name)
        if resource.is_file():
            data = yaml.safe_load(resource.read_text("utf-8")) or {}
            merged.update(data.get("messages") or {})
    return merged


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled in."""
    entry = catalogue()[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def both(key: str, **values: object) -> str:
    """English and Welsh together, for places where we do not know the reader's language."""
    return f"{t(key, 'en', **values)} / {t(key, 'cy', **values)}"


def cli_language() -> str:
    """The language for command-line messages: LOCALOFFER_LANG=cy gives Welsh."""
    lang = os.environ.get("LOCALOFFER_LANG", "en").strip().lower()[:2]
    return lang if lang in LANGUAGES else "en"
