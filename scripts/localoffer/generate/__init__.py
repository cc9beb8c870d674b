"""Pages the build makes from data files, not written by hand.

Two kinds of maker, each a plain function registered with a decorator in a
module of this package (every module here is imported by ``load()``):

* ``@page_maker("services")``: ``(settings, lang) -> {path: markdown}``. Whole pages,
  for example one page per service. ``path`` is the English-style source path
  (``services/speech-therapy.md``); the build puts the Welsh page under ``cy/``.
* ``@section_maker("glossary")``: ``(settings, lang, meta) -> markdown``. Text added to
  the end of a hand-written page whose front matter says ``generate: glossary``.

Makers never print or touch MkDocs: data in, Markdown out. Text a reader sees
comes from the messages catalogue, in ``lang``.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Callable

PAGE_MAKERS: dict[str, Callable[[Any, str], dict[str, str]]] = {}
SECTION_MAKERS: dict[str, Callable[[Any, str, dict], str]] = {}

_loaded = False


def page_maker(name: str):
    def decorator(function):
        PAGE_MAKERS[name] = function
        return function

    return decorator


def section_maker(name: str):
    def decorator(function):
        SECTION_MAKERS[name] = function
        return function

    return decorator


def load() -> None:
    """Import every module in this package so its makers register."""
    global _loaded
    if _loaded:
        return
    package = importlib.import_module(__name__)
    for info in pkgutil.iter_modules(package.__path__, prefix=__name__ + "."):
        importlib.import_module(info.name)
    _loaded = True


def pages(settings, lang: str) -> dict[str, str]:
    """Every generated page for ``lang``: {English-style source path: markdown}."""
    load()
    result: dict[str, str] = {}
    for name in sorted(PAGE_MAKERS):
        result.update(PAGE_MAKERS[name](settings, lang))
    return result


def section(settings, lang: str, meta: dict) -> str | None:
    """The generated text for a page whose front matter has ``generate: <name>``."""
    load()
    name = (meta or {}).get("generate")
    maker = SECTION_MAKERS.get(name) if isinstance(name, str) else None
    return maker(settings, lang, meta) if maker else None
