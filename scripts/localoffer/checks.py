"""Run every registered rule over Markdown pages and collect the findings.

``discover(paths)`` finds the Markdown files, ``pair_pages(pages)`` matches ``page.md``
(or ``page.en.md``) with ``page.cy.md``, ``run(pages, ctx)`` runs the page, pair and site
rules and applies the editors' silences. ``check_page(page, ctx)`` does the page rules for
one page (the MkDocs hook uses it).

Silencing (every silence needs a reason, and the report lists them):

* one rule on one page, in the front matter::

      checks:
        ignore:
          plain/long-sentence: This page quotes the law word for word.

* one rule for the next block (paragraph, list, table), in an HTML comment::

      <!-- localoffer-ignore plain/long-sentence: a quotation from the Code -->

  (several rules: ``plain/long-sentence, plain/passive-voice: reason``)
* one rule on the whole site: ``extra.council.checks.ignore`` in mkdocs.yml (same shape as
  the front matter).

A silence without a reason, or naming a rule that does not exist, is itself a finding and
turns nothing off.
"""

from __future__ import annotations

import gc
import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from localoffer import source
from localoffer.errors import UserError
from localoffer.findings import Finding
from localoffer.messages import cli_language, t
from localoffer.rules import Context, rules

SILENCE_REASON_RULE = "meta/silence-reason"
SILENCE_UNKNOWN_RULE = "meta/silence-unknown-rule"
RULE_TIME_LIMIT_RULE = "meta/rule-time-limit"
RULE_FAILED_RULE = "meta/rule-failed"
# The longest one rule may take on one page (or one pair, or the whole site), in seconds.
# ``extra.council.checks.rule_time_limit`` changes it. A rule over the limit is stopped and
# reported, so a pathological page cannot hang the build.
RULE_TIME_LIMIT = 10.0
BUILT_IN_RULES = (
    source.FRONT_MATTER_RULE, source.ENCODING_RULE, source.PAGE_TOO_LARGE_RULE, source.INPUT_RULE,
    SILENCE_REASON_RULE, SILENCE_UNKNOWN_RULE, RULE_TIME_LIMIT_RULE, RULE_FAILED_RULE,
)
_IGNORE_RE = re.compile(r"^\s*localoffer-ignore\b(.*)$", re.S)
_SKIP_DIRS = {"node_modules", "site", "__pycache__"}


@dataclass
class Silence:
    rule: str
    reason: str
    file: str
    line: int
    scope: str  # "page", "block" or "site"
    start: int = 0
    end: int = 10**9
    used: int = 0

    def covers(self, finding: Finding) -> bool:
        return finding.rule == self.rule and self.start <= finding.line <= self.end

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "rule": self.rule,
            "reason": self.reason,
            "scope": self.scope,
            "lines": None if self.scope != "block" else [self.start, self.end],
            "silenced": self.used,
        }


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    silenced: list[Silence] = field(default_factory=list)
    files: int = 0
    words: int = 0


def known_rule_ids() -> set[str]:
    return {rule.id for rule in rules()} | set(BUILT_IN_RULES)


# --- finding the files ---------------------------------------------------------------------

def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The Markdown files in ``paths`` (files or folders), sorted. Raises UserError for a
    path that does not exist."""
    found: list[Path] = []
    lang = cli_language()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in path.rglob("*.md"):
                parts = file.relative_to(path).parts
                if any(part.startswith(".") or part in _SKIP_DIRS for part in parts[:-1]):
                    continue
                if file.is_file():
                    found.append(file)
        elif path.is_file():
            found.append(path)
        else:
            raise UserError(
                t("checks.report.unreadable", lang, problem="no such file or folder"),
                where=str(path),
                fix=t("checks.report.unreadable_fix", lang),
            )
    return sorted(set(found))


def load_pages(files: Iterable[Path]) -> list[source.Page]:
    pages = []
    lang = cli_language()
    for file in files:
        try:
            pages.append(source.read_page(file, display_path(file)))
        except OSError as error:
            raise UserError(
                t("checks.report.unreadable", lang, problem=error.strerror or error),
                where=str(file),
                fix=t("checks.report.unreadable_fix", lang),
            ) from None
    return pages


def pair_pages(pages: list[source.Page]) -> list[tuple[source.Page | None, source.Page | None]]:
    """``(english, welsh)`` for every page name; either may be None."""
    groups: dict[str, dict[str, source.Page]] = {}
    for page in pages:
        groups.setdefault(source.base_name(page.path), {})[page.lang] = page
    return [(group.get("en"), group.get("cy")) for _, group in sorted(groups.items())]


# --- silences --------------------------------------------------------------------------------

def _line_of_key(page: source.Page, key: str) -> int:
    span = page.front_matter_span or (1, 1)
    for number in range(span[0], span[1] + 1):
        if key in page.lines[number - 1]:
            return number
    return span[0]


def _reason_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _problem(page_path: str, lang: str, line: int, column: int, rule_id: str, key: str, **values) -> Finding:
    return Finding(
        file=page_path, line=line, column=column, rule=rule_id, severity="warning",
        message=t(key, lang, **values), suggestion=t(key + ".fix", lang, **values), lang=lang,
    )


def page_silences(page: source.Page, known: set[str]) -> tuple[list[Silence], list[Finding]]:
    """The silences an editor wrote on ``page``, and findings for bad ones."""
    silences: list[Silence] = []
    problems: list[Finding] = []
    lang = page.lang if page.lang in ("en", "cy") else "en"
    known_text = ", ".join(sorted(known))

    def add(rule: str, reason: str, line: int, column: int, scope: str, start: int = 0, end: int = 10**9):
        if rule not in known:
            problems.append(_problem(page.path, lang, line, column, SILENCE_UNKNOWN_RULE,
                                     "checks.meta.silence_unknown_rule", rule=rule, known=known_text))
        elif not reason:
            problems.append(_problem(page.path, lang, line, column, SILENCE_REASON_RULE,
                                     "checks.meta.silence_no_reason", rule=rule))
        else:
            silences.append(Silence(rule, reason, page.path, line, scope, start, end))

    checks = page.front_matter.get("checks")
    ignore = checks.get("ignore") if isinstance(checks, dict) else None
    if isinstance(ignore, dict):
        for rule, reason in ignore.items():
            add(str(rule), _reason_text(reason), _line_of_key(page, str(rule)), 1, "page")
    elif isinstance(ignore, (list, str)):
        for rule in [ignore] if isinstance(ignore, str) else ignore:
            add(str(rule), "", _line_of_key(page, str(rule)), 1, "page")

    for comment in page.comments:
        match = _IGNORE_RE.match(comment.text)
        if not match:
            continue
        body = match.group(1).strip()
        names, colon, reason = body.partition(":")
        # "plain/x: reason" - but a rule id has no colon, so split at the first colon
        target = next((b for b in page.blocks if b.start > comment.end_line and b.kind != "comment"), None)
        start, end = (target.start, target.end) if target else (comment.end_line + 1, comment.end_line + 1)
        for name in re.split(r"[,\s]+", names.strip()):
            if name:
                add(name, reason.strip() if colon else "", comment.line, comment.column, "block", start, end)
    return silences, problems


def site_silences(ctx: Context, known: set[str]) -> list[Silence]:
    ignore = ctx.options.get("ignore")
    config = str(getattr(ctx.settings, "config_file", "mkdocs.yml"))
    silences = []
    if isinstance(ignore, dict):
        for rule, reason in ignore.items():
            if str(rule) in known and _reason_text(reason):
                silences.append(Silence(str(rule), _reason_text(reason), display_path(Path(config)), 1, "site"))
    return silences


def apply_silences(findings: list[Finding], silences: list[Silence]) -> list[Finding]:
    if not silences:
        return findings
    kept = []
    for finding in findings:
        for silence in silences:
            if (silence.scope == "site" or silence.file == finding.file) and silence.covers(finding):
                silence.used += 1
                break
        else:
            kept.append(finding)
    return kept


# --- running ---------------------------------------------------------------------------------

class _TimeUp(Exception):
    pass


_ALARM_INSTALLED = False
# The running rule's deadline (``time.monotonic()``), None between rules; and the interval
# of the repeating timer that checks it (0 when the timer is not running).
_DEADLINE: float | None = None
_TICK = 0.0
# The timer checks the deadline this many times per time limit, so a rule over its limit
# is stopped within a quarter of the limit after it.
_TICKS_PER_LIMIT = 4


def _stop(_signum, _frame):
    if _DEADLINE is not None and time.monotonic() >= _DEADLINE:
        raise _TimeUp()


@contextmanager
def rule_alarm():
    """Install the time limit's signal handler (SIGALRM) for many rule calls.

    Installing it costs more than most rules take on a page, so ``run`` and
    ``check_page`` install it once; ``_time_limit`` then only sets the deadline, and a
    repeating timer (started by the first ``_time_limit``, stopped here) checks it.
    Not installed outside the main thread, or when something else is timing."""
    global _ALARM_INSTALLED, _TICK
    usable = (
        not _ALARM_INSTALLED and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # nobody else is timing
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _stop)
    _ALARM_INSTALLED = True
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _TICK = 0.0
        signal.signal(signal.SIGALRM, previous)
        _ALARM_INSTALLED = False


@contextmanager
def _time_limit(seconds: float):
    """Stop the code inside after ``seconds`` (raises _TimeUp), where the platform allows
    (a SIGALRM timer in the main thread); elsewhere the time is only measured afterwards.

    No system call per use: it sets the deadline that the repeating timer of
    ``rule_alarm`` checks (starting that timer the first time, or when the limit changes)."""
    global _DEADLINE
    with rule_alarm():  # installs the handler only if no caller has
        if not (_ALARM_INSTALLED and seconds > 0 and threading.current_thread() is threading.main_thread()):
            yield
            return
        _set_deadline(seconds)
        try:
            yield
        finally:
            _DEADLINE = None


_MAIN_THREAD_ID = threading.main_thread().ident


def _set_deadline(seconds: float) -> None:
    """Stop whatever runs after ``seconds``: the deadline that ``rule_alarm``'s repeating
    timer checks (the timer is started the first time, or again when the limit changes)."""
    global _DEADLINE, _TICK
    tick = seconds / _TICKS_PER_LIMIT
    if _TICK != tick:
        signal.setitimer(signal.ITIMER_REAL, tick, tick)
        _TICK = tick
    _DEADLINE = time.monotonic() + seconds


def _call_limited(function, args: tuple, seconds: float) -> list:
    """``list(function(*args))`` within the time limit: the same as
    ``with _time_limit(seconds): list(function(*args))``, without the two context managers
    when ``rule_alarm`` is already installed (a run calls rules many thousands of times)."""
    global _DEADLINE
    if not (_ALARM_INSTALLED and seconds > 0 and threading.get_ident() == _MAIN_THREAD_ID):
        with _time_limit(seconds):
            return list(function(*args))
    _set_deadline(seconds)
    try:
        return list(function(*args))
    finally:
        _DEADLINE = None


def rule_time_limit(ctx: Context) -> float:
    value = ctx.options.get("rule_time_limit", RULE_TIME_LIMIT)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else RULE_TIME_LIMIT


def call_rule(rule, args: tuple, ctx: Context, where: source.Page | None) -> list[Finding]:
    """``rule.function(*args)`` within the time limit. A rule that runs out of time, or
    stops with an error, gives a finding on ``where`` (the page it was checking) instead of
    hanging or crashing the build."""
    limit = rule_time_limit(ctx)
    started = time.perf_counter()
    problem = None
    try:
        found = _call_limited(rule.function, args, limit)
    except _TimeUp:
        found, problem = [], "time"
    except RecursionError:
        found, problem = [], "failed"
        detail = "RecursionError"
    except Exception as error:  # a bug in a rule: say so, keep checking the other rules
        if os.environ.get("LOCALOFFER_DEBUG"):
            raise
        found, problem = [], "failed"
        detail = f"{type(error).__name__}: {error}"
    if problem is None and time.perf_counter() - started > limit:
        problem = "time"  # could not stop it (not the main thread): report it all the same
    if problem is None:
        return found
    page_path = where.path if where is not None else display_path(Path(str(getattr(ctx.settings, "config_file", "mkdocs.yml"))))
    lang = where.lang if where is not None and where.lang in ("en", "cy") else cli_language()
    if problem == "time":
        return found + [Finding(
            file=page_path, line=1, column=1, rule=RULE_TIME_LIMIT_RULE, severity="error",
            message=t("checks.meta.rule_time_limit", lang, rule=rule.id, seconds=f"{limit:g}"),
            suggestion=t("checks.meta.rule_time_limit.fix", lang, rule=rule.id, seconds=f"{limit:g}"),
            lang=lang)]
    return [Finding(
        file=page_path, line=1, column=1, rule=RULE_FAILED_RULE, severity="error",
        message=t("checks.meta.rule_failed", lang, rule=rule.id, problem=detail),
        suggestion=t("checks.meta.rule_failed.fix", lang, rule=rule.id, problem=detail), lang=lang)]


def check_page(page: source.Page, ctx: Context, known: set[str] | None = None) -> Result:
    """Page rules on one page, with its silences applied."""
    known = known if known is not None else known_rule_ids()
    findings = list(page.problems)
    with rule_alarm():
        for rule in rules("page", page.lang):
            findings.extend(call_rule(rule, (page, ctx), ctx, page))
    silences, problems = page_silences(page, known)
    silences += site_silences(ctx, known)
    findings = apply_silences(findings, silences) + problems
    findings.sort()
    return Result(findings, [s for s in silences if s.scope != "site" or s.used], 1, page.word_count)


def run(pages: list[source.Page], ctx: Context, *, page_rules: bool = True,
        partners: list[source.Page] | None = None) -> Result:
    """Every rule over ``pages``: page rules, pair rules and site rules.

    ``page_rules=False`` runs only the rules that look across pages (pair and site
    rules); the MkDocs build uses it once, having checked each page as it built it.

    ``partners``: None when ``pages`` is the whole site. Otherwise the other-language
    versions of ``pages``, read for the pair rules only (no findings are reported on
    them), and the whole-site rules (``WHOLE_SITE_RULES``) do not run.
    """
    with rule_alarm():
        return _run(pages, ctx, page_rules, partners)


def _run(pages: list[source.Page], ctx: Context, page_rules: bool, partners: list[source.Page] | None) -> Result:
    known = known_rule_ids()
    findings: list[Finding] = []
    silences: list[Silence] = []
    by_lang = {lang: rules("page", lang) if page_rules else [] for lang in ("en", "cy")}
    for page in pages:
        if page_rules:
            findings.extend(page.problems)
        for rule in by_lang.get(page.lang, ()):
            findings.extend(call_rule(rule, (page, ctx), ctx, page))
        page_found, problems = page_silences(page, known)
        silences.extend(page_found)
        if page_rules:
            findings.extend(problems)
    for rule in rules("pair"):
        for english, welsh in pair_pages(pages + (partners or [])):
            findings.extend(call_rule(rule, (english, welsh, ctx), ctx, english or welsh))
    for rule in rules("site"):
        if partners is not None and rule.id in WHOLE_SITE_RULES:
            continue  # only some pages are being checked: say nothing about the whole site
        findings.extend(call_rule(rule, (pages, ctx), ctx, None))
    site = site_silences(ctx, known)
    findings = apply_silences(findings, silences + site)
    findings.sort()
    if partners:  # they were read for the pair rules only: report on the pages asked for
        partner_paths = {page.path for page in partners}
        findings = [f for f in findings if f.file not in partner_paths]
    words = sum(page.word_count for page in pages)
    return Result(findings, silences + [s for s in site if s.used], len(pages), words)


def context_for(config: str | Path | None, need_settings: bool) -> Context:
    """The run's context from mkdocs.yml; without a settings file, defaults (when allowed)."""
    from localoffer import settings as settings_module

    if config is not None and (need_settings or Path(config).is_file()):
        return Context.from_settings(settings_module.load(config))
    return Context.create()


def check_paths(paths: list[str] | None, config: str | Path | None = "mkdocs.yml") -> tuple[Result, Context]:
    """Check ``paths`` (default: the site's docs folder). Raises UserError when it cannot run."""
    whole_site = not paths  # before ``paths`` becomes the docs folder
    ctx = context_for(config, need_settings=whole_site)
    if whole_site:
        paths = [str(ctx.settings.docs_dir)]
    files = discover(paths)
    if not files:
        lang = cli_language()
        raise UserError(t("checks.report.no_files", lang, paths=", ".join(paths)),
                        fix=t("checks.report.no_files_fix", lang))
    with paused_gc():
        partners = None if whole_site or ctx.settings is None else load_pages(partner_files(files))
        return run(load_pages(files), ctx, partners=partners), ctx


# Site rules about the whole site (is every topic covered?), not run when only some pages
# are checked (``localoffer check docs/schools.md``).
WHOLE_SITE_RULES = frozenset({"meta/coverage"})


def partner_files(files: list[Path]) -> list[Path]:
    """The other-language versions of ``files`` that exist and are not among them, so that
    checking one page still compares it with its translation."""
    asked = {Path(f).resolve() for f in files}
    found = []
    for file in files:
        base = Path(source.base_name(str(file)))
        stem = base.with_suffix("")
        for candidate in (base, stem.with_name(stem.name + ".en.md"), stem.with_name(stem.name + ".cy.md")):
            resolved = candidate.resolve()
            if resolved not in asked and candidate.is_file():
                asked.add(resolved)
                found.append(candidate)
    return found


@contextmanager
def paused_gc():
    """Run without Python's cycle collector, then collect once.

    A check keeps every page, its words and its sentences until the end. While that heap
    grows, the collector walks all of it again and again (a tenth of the run's time on a
    1,000-page site) and finds nothing: pages, words and findings make no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
