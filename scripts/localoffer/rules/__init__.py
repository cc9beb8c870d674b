"""The rules registry: every check is a small pure function registered here.

Adding a rule
-------------
Put a module anywhere under ``localoffer.rules`` (for example ``rules/a11y/alt_text.py``);
``load_rules()`` imports every module in the package and its sub-packages, so nothing
else needs changing. In the module::

    \"\"\"Images need alt text. Source: GOV.UK Service Manual, "Images".\"\"\"
    from localoffer.rules import page_rule, finding

    @page_rule("a11y/image-alt", languages=("en", "cy"))
    def image_alt(page, ctx):
        return [finding(page, "a11y/image-alt", "error", image.line, image.column,
                        "checks.a11y.image_alt")  # a key in data/messages_checks.yml
                for image in page.images if not image.alt.strip()]

Three kinds of rule:

* ``@page_rule(id, languages=("en", "cy"))``: ``(page, ctx) -> list[Finding]``, run on every
  page whose language is in ``languages``.
* ``@pair_rule(id)``: ``(en_page, cy_page, ctx) -> list[Finding]``, run on every English page
  and its Welsh version (either may be None when one is missing).
* ``@site_rule(id)``: ``(pages, ctx) -> list[Finding]``, run once over all pages.

A rule never reads files, prints or logs: a ``Page`` (see ``localoffer.source``) and a
``Context`` in, findings out. The module docstring names the rule's source.

``Context`` carries the site's settings (``jurisdiction``, well-known acronyms, the
glossary, today's date, the ``extra.council.checks`` options) and the word lists in
``data/plain/`` (``ctx.wordlist(name)``). ``ctx.memo(key, make)`` keeps anything a rule
builds from them (a compiled pattern, a lookup table) for the whole run.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import os
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from localoffer import datafile

from localoffer.findings import Finding
from localoffer.messages import catalogue

LANGUAGES = ("en", "cy")
KINDS = ("page", "pair", "site")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # "page", "pair" or "site"
    function: Callable[..., list[Finding]]
    languages: tuple[str, ...] = LANGUAGES
    module: str = ""

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()

    @property
    def help(self) -> str:
        """Where the rule is explained (an anchor in the README's rules table)."""
        return help_url(self.id)


REGISTRY: dict[str, Rule] = {}


def help_url(rule_id: str) -> str:
    return "README.md#rule-" + "".join(ch for ch in rule_id.lower() if ch.isalnum() or ch == "-")


def _register(rule_id: str, kind: str, languages: tuple[str, ...]):
    if "/" not in rule_id:
        raise ValueError(f"rule id {rule_id!r} must look like 'group/name'")

    def decorator(function):
        existing = REGISTRY.get(rule_id)
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"two rules have the id {rule_id!r}: {existing.module} and {function.__module__}")
        REGISTRY[rule_id] = Rule(rule_id, kind, function, tuple(languages), function.__module__)
        function.rule_id = rule_id
        return function

    return decorator


def page_rule(rule_id: str, languages: tuple[str, ...] = LANGUAGES):
    """Register ``function(page, ctx) -> list[Finding]`` as rule ``rule_id``."""
    return _register(rule_id, "page", languages)


def pair_rule(rule_id: str):
    """Register ``function(en_page, cy_page, ctx) -> list[Finding]`` (either page may be None)."""
    return _register(rule_id, "pair", LANGUAGES)


def site_rule(rule_id: str):
    """Register ``function(pages, ctx) -> list[Finding]``, run once over all pages."""
    return _register(rule_id, "site", LANGUAGES)


_LOADED = False


def load_rules() -> dict[str, Rule]:
    """Import every module under ``localoffer.rules`` (so their rules register) and return them."""
    global _LOADED
    if not _LOADED:
        package = importlib.import_module(__name__)
        for info in pkgutil.walk_packages(package.__path__, prefix=__name__ + "."):
            importlib.import_module(info.name)
        _LOADED = True
    return dict(sorted(REGISTRY.items()))


def rules(kind: str | None = None, lang: str | None = None) -> list[Rule]:
    """The registered rules, sorted by id; only ``kind`` and ``lang`` when given."""
    load_rules()
    return [
        rule
        for _, rule in sorted(REGISTRY.items())
        if (kind is None or rule.kind == kind) and (lang is None or lang in rule.languages)
    ]


# --- findings -----------------------------------------------------------------------------

def _message(key: str, lang: str, values: dict[str, Any]) -> str:
    """Like ``messages.t`` but takes the values as a dict (so a value may be called 'key')."""
    entry = catalogue().get(key)
    if entry is None:  # a rule whose message is not written yet: show the key, do not crash
        return key + (" " + repr(values) if values else "")
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def finding(
    page,
    rule_id: str,
    severity: str,
    line: int,
    column: int,
    message_key: str,
    suggestion_key: str | None = None,
    suggestion: str | None = None,
    **values: Any,
) -> Finding:
    """A finding on ``page`` with its message (and suggestion) from the messages catalogue,
    in the page's language."""
    lang = page.lang if page.lang in LANGUAGES else "en"
    if suggestion_key is not None:
        suggestion = _message(suggestion_key, lang, values)
    return Finding(
        file=page.path,
        line=line,
        column=column,
        rule=rule_id,
        severity=severity,
        message=_message(message_key, lang, values),
        suggestion=suggestion,
        lang=lang,
    )


def at(page, segment, offset: int, rule_id: str, severity: str, message_key: str, **kwargs) -> Finding:
    """A finding at ``segment.text[offset]``."""
    line, column = segment.position(offset)
    return finding(page, rule_id, severity, line, column, message_key, **kwargs)


# --- the context -------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _read_data(name: str) -> dict[str, Any]:
    text = resources.files("localoffer").joinpath(f"data/plain/{name}.yml").read_text("utf-8")
    return datafile.safe_load(text) or {}


def wordlist_names() -> list[str]:
    folder = resources.files("localoffer").joinpath("data/plain")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml"))


def _real_path(path: str, folders: dict[str, str]) -> str:
    """``os.path.realpath(path)`` (the path ``Path.resolve`` gives), resolving each folder
    once (``folders``: folder -> its real path, for one run); only a file that is itself a
    link is resolved in full."""
    absolute = os.path.abspath(path)
    if os.path.islink(absolute):
        return os.path.realpath(absolute)
    folder, name = os.path.split(absolute)
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


@dataclass
class Context:
    """What every rule may know besides the page. Build one per run with ``from_settings``."""

    jurisdiction: str = "wales"
    well_known_acronyms: dict[str, frozenset[str]] = field(default_factory=dict)
    glossary: list[dict[str, Any]] = field(default_factory=list)
    today: _dt.date = field(default_factory=_dt.date.today)
    options: dict[str, Any] = field(default_factory=dict)
    settings: Any = None
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    # The site's files, for the rules that check links and images: the docs folder, and
    # {path inside it, with "/": size in bytes}, plus the pages the tool makes from data.
    # None when the check runs without a site (then those rules say nothing).
    docs_dir: Path | None = None
    files: dict[str, int] | None = None
    generated_pages: frozenset[str] | None = frozenset()  # None: could not be worked out
    # makes ``generated_pages`` when a rule first asks (``from_settings`` sets it)
    make_generated_pages: Callable[[], frozenset[str] | None] | None = field(default=None, repr=False)

    def generated(self) -> frozenset[str] | None:
        """The pages made from data (see ``generated_pages``). Made the first time a rule
        asks: making them reads every page, which a check of one page does not need."""
        if self.make_generated_pages is not None:
            self.generated_pages = self.make_generated_pages()
            self.make_generated_pages = None
        return self.generated_pages

    def docs_path(self, page) -> str | None:
        """``page``'s path inside the docs folder (``"a/b.cy.md"``), or None."""
        if self.docs_dir is None:
            return None
        known = self.cache.setdefault("lok.docs_paths", {})
        if page.path not in known:
            known[page.path] = self._docs_path(page.path)
        return known[page.path]

    def _docs_path(self, path: str) -> str | None:
        candidates = [os.fspath(path)]
        root = getattr(self.settings, "root", None)
        if root is not None:
            candidates.append(os.path.join(os.fspath(root), path))
        folders = self.cache.setdefault("lok.real_folders", {})
        for candidate in candidates:
            try:
                return Path(_real_path(candidate, folders)).relative_to(self.docs_dir).as_posix()
            except (ValueError, OSError):
                continue
        return None

    def wordlist(self, name: str) -> dict[str, Any]:
        """The data file ``data/plain/<name>.yml`` (read once)."""
        return _read_data(name)

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` once per context, then the same value."""
        try:
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = make()
            return value

    def known_acronyms(self, lang: str) -> frozenset[str]:
        return self.well_known_acronyms.get(lang, frozenset())

    @classmethod
    def create(
        cls,
        jurisdiction: str = "wales",
        glossary: list[dict[str, Any]] | None = None,
        extra_acronyms: list[str] | tuple[str, ...] = (),
        today: _dt.date | None = None,
        options: dict[str, Any] | None = None,
        settings: Any = None,
        docs_dir: Path | None = None,
        files: dict[str, int] | None = None,
        generated_pages: frozenset[str] | set[str] | None = frozenset(),
    ) -> "Context":
        data = _read_data("well_known_acronyms")
        known = {}
        for lang in LANGUAGES:
            words = set(data.get("acronyms", {}).get(lang) or [])
            words.update(str(a) for a in extra_acronyms)
            known[lang] = frozenset(words)
        return cls(
            jurisdiction=jurisdiction,
            well_known_acronyms=known,
            glossary=list(glossary or []),
            today=today or _dt.date.today(),
            options=dict(options or {}),
            settings=settings,
            docs_dir=Path(docs_dir).resolve() if docs_dir is not None else None,
            files=dict(files) if files is not None else None,
            generated_pages=frozenset(generated_pages) if generated_pages is not None else None,
        )

    @classmethod
    def from_settings(cls, settings, today: _dt.date | None = None) -> "Context":
        """The context for a site: its jurisdiction, its checks options and its glossary."""
        from localoffer.glossary import load_glossary

        checks = settings.checks
        glossary = load_glossary(Path(settings.root) / "data" / "glossary.yml")
        context = cls.create(
            jurisdiction=settings.jurisdiction,
            glossary=glossary,
            extra_acronyms=tuple(checks.get("well_known_acronyms") or ()),
            today=today,
            options=dict(checks),
            settings=settings,
            docs_dir=settings.docs_dir,
            files=site_files(settings.docs_dir),
            generated_pages=None,
        )
        context.make_generated_pages = lambda: _generated_pages(settings)
        return context


def site_files(docs_dir: Path) -> dict[str, int]:
    """Every file in the docs folder (not in hidden folders): {path with "/": size}."""
    docs_dir = Path(docs_dir)
    files: dict[str, int] = {}
    if not docs_dir.is_dir():
        return files
    for path in docs_dir.rglob("*"):
        rel = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in rel.parts[:-1]):
            continue
        try:
            if path.is_file():
                files[rel.as_posix()] = path.stat().st_size
        except OSError:
            continue
    return files


def _generated_pages(settings) -> frozenset[str] | None:
    """The pages the tool makes from data (services, search), which are not in docs/."""
    try:
        from localoffer import generate

        names = set()
        for lang in getattr(settings, "languages", ("en",)):
            names.update(generate.pages(settings, lang))
        return frozenset(names)
    except Exception:  # broken data is reported by its own check; links to it are not
        return None
