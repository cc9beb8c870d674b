"""Test a built site in Chromium and turn the results into ``Finding`` objects.

``test_site`` does it all: list the pages, skip those whose cached result is
still good, serve the site, run pa11y-ci on the rest, parse the report strictly,
remember the new results, and map every issue back to its Markdown source.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from localoffer.a11y import cache as cache_module
from localoffer.a11y import ignore as ignore_module
from localoffer.a11y import runner as runner_module
from localoffer.a11y import kinds as kinds_module
from localoffer.a11y import reach, sourcemap, urls, wcag
from localoffer.a11y.parse import FAILED, NOT_TESTED, PASSED, PageResult, parse_report
from localoffer.a11y.serve import SiteServer
from localoffer.findings import Finding
from localoffer.messages import cli_language, t

CACHE_FILE = Path(".cache") / "a11y" / "results.json"
KEYBOARD_TIME_FACTOR = 3


class CannotRun(Exception):
    """The tests could not run at all (exit status 2). The text says what to do."""


@dataclass
class Outcome:
    findings: list[Finding]
    pages_total: int
    pages_tested: int
    pages_cached: int
    pages: dict[str, PageResult] = field(default_factory=dict)
    seconds: float = 0.0
    tested: list[str] = field(default_factory=list)   # the pages of this run (all, or a shard)
    site_pages: int = 0                                 # pages of the whole site

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _node_version(package: str) -> str:
    try:
        data = json.loads(
            (runner_module.PROJECT_ROOT / "node_modules" / package / "package.json").read_text()
        )
        return str(data.get("version"))
    except (OSError, ValueError):
        return "?"


def fingerprint(options: runner_module.RunOptions, chromium: str, ignore_rules) -> str:
    runner_code = hashlib.sha256(
        b"".join(path.read_bytes() for path in runner_module.OWN_BROWSER_CODE)).hexdigest()
    try:
        chromium_stamp = os.stat(chromium).st_mtime_ns
    except OSError:
        chromium_stamp = 0
    return cache_module.setup_fingerprint({
        "runners": list(options.runners),
        "standard": options.standard,
        "checks": list(options.checks),
        "quiet": [options.quiet_ms, options.max_quiet_ms],
        "keyboard": options.keyboard,
        "axe22": runner_code,
        "pa11y-ci": _node_version("pa11y-ci"),
        "pa11y": _node_version("pa11y"),
        "axe-core": _node_version("axe-core"),
        "htmlcs": _node_version("html_codesniffer"),
        "chromium": [chromium, chromium_stamp],
    })


def public_url(site_url: str, page: str) -> str:
    if site_url:
        return site_url + page
    return "/" + page


def _rel(path: Path | None, root: Path) -> str | None:
    if path is None:
        return None
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


GUARD_CODES = ("time-limit", "dialog", "navigated-away", "interrupted")


def not_tested_finding(file: str, url: str, result: PageResult, lang: str) -> Finding:
    """A page that gave no result is an error of its own, saying why in the page's language."""
    lang = lang if lang in ("en", "cy") else "en"
    if result.reason_code in GUARD_CODES:
        key = f"a11y.not_tested.{result.reason_code}"
        message = t(key, lang, url=url, detail=result.reason_detail)
    else:
        key = "a11y.not_tested.generic"
        message = t(key, lang, url=url, reason=result.reason)
    return Finding(
        file=file, line=1, column=1, rule="a11y/page-not-tested", severity="error",
        message=message, suggestion=t(key + "_fix", lang), lang=lang,
        extra={"url": url, "reason": result.reason_code or "not-tested"},
    )


def own_check_finding(file: str, line: int | None, url: str, issue, crit, lang: str,
                      codes: list[str]) -> Finding:
    """A finding of our own browser checks (runner "lok"), in the page's language."""
    lang = lang if lang in ("en", "cy") else "en"
    extras = issue.extras
    key = f"a11y.browser.{issue.code}"
    fix_key = "a11y.browser.lok-focus_fix" if issue.code.startswith("lok-focus-") else key + "_fix"
    criterion = f"WCAG {crit.number} {crit.name}" if crit.number else crit.name
    message = t(key, lang, url=url, selector=issue.selector or "html", criterion=criterion,
                width=extras.get("width", ""), count=extras.get("count", 1),
                scroll_width=extras.get("scrollWidth", ""),
                element_width=extras.get("elementWidth", ""), size=extras.get("size", ""))
    return Finding(
        file=file, line=line or 1, column=1, rule=crit.rule_id, severity="error",
        message=message, suggestion=t(fix_key, lang), lang=lang,
        extra={"url": url, "selector": issue.selector, "context": issue.context,
               "criterion": crit.number, "codes": codes, "from_content": bool(line),
               "check": issue.code, **{k: v for k, v in extras.items() if k != "problem"}},
    )


def findings_for_page(page: str, result: PageResult, settings, ignore_rules) -> list[Finding]:
    """Findings for one page's result, mapped to its Markdown source."""
    source = sourcemap.source_for_page(
        page, settings.docs_dir, tuple(settings.languages), settings.default_language
    )
    file = _rel(source.file, settings.root)
    if file is None:
        file = "overrides/404.html" if page.endswith("404.html") else f"site/{page or 'index.html'}"
    url = public_url(settings.site_url, page)
    markdown = source.file.read_text("utf-8") if source.file else ""
    if result.outcome == NOT_TESTED:
        return [not_tested_finding(file, url, result, source.lang)]
    # htmlcs and axe often report the same element for the same criterion: one finding.
    merged: dict[tuple, dict] = {}
    for issue in result.issues:
        crit = wcag.describe(issue.code, list(issue.tags))
        rule = ignore_module.find_rule(ignore_rules, page, issue)
        own = (issue.code, issue.extras.get("width")) if issue.runner == "lok" else None
        key = (crit.rule_id, issue.selector, rule.reason if rule else None, own)
        if key in merged:
            merged[key]["codes"].append(f"{issue.runner}:{issue.code}")
            continue
        merged[key] = {"issue": issue, "crit": crit, "ignored": rule,
                       "codes": [f"{issue.runner}:{issue.code}"]}
    findings = []
    for entry in merged.values():
        issue, crit, rule = entry["issue"], entry["crit"], entry["ignored"]
        if rule:
            continue  # counted once per ignore entry, in ignored_findings()
        line = sourcemap.line_of(markdown, issue.context)
        if issue.runner == "lok":
            # A Tab walk's finding sums up many elements, mostly the theme's: no one line.
            walk = issue.code.startswith(("lok-focus-", "lok-menu-"))
            findings.append(own_check_finding(file, None if walk else line, url, issue, crit,
                                              source.lang, entry["codes"]))
            continue
        criterion = f"WCAG {crit.number} {crit.name}" if crit.number else crit.name
        message = issue.message.split(" (https://")[0].rstrip(".")
        where = (
            "" if line else " This part comes from the theme (header, menu or footer), "
            "not from the page's text."
        )
        review = " A person needs to check this one (the tool could not decide)." \
            if issue.needs_review else ""
        text = (f"{message}. Page {url}, element {issue.selector or '(whole page)'}. "
                f"{criterion}.{where}{review}")
        findings.append(Finding(
            file=file, line=line or 1, column=1, rule=crit.rule_id, severity="error",
            message=text, suggestion=crit.fix, lang=source.lang,
            extra={
                "url": url, "selector": issue.selector, "context": issue.context,
                "criterion": crit.number, "codes": entry["codes"],
                "from_content": bool(line), "needs_review": issue.needs_review,
            },
        ))
    return findings


IGNORE_FILE = "scripts/localoffer/data/a11y-ignore.yml"


def ignored_findings(results: dict[str, PageResult], ignore_rules) -> list[Finding]:
    """One note per ignore entry that was used: how many issues on how many pages, and why."""
    counts: dict[int, tuple[int, set[str]]] = {}
    for page, result in results.items():
        for issue in result.issues:
            rule = ignore_module.find_rule(ignore_rules, page, issue)
            if rule:
                index = ignore_rules.index(rule)
                number, pages = counts.get(index, (0, set()))
                pages.add(page)
                counts[index] = (number + 1, pages)
    findings = []
    for index, (number, pages) in sorted(counts.items()):
        rule = ignore_rules[index]
        findings.append(ignored_finding(rule.code, rule.selector, rule.reason, number, pages))
    return findings


def ignored_finding(code: str, selector: str | None, reason: str, number: int,
                    pages) -> Finding:
    """The note for one ignore entry: used ``number`` times on ``pages``."""
    where = f" on {selector}" if selector else ""
    return Finding(
        file=IGNORE_FILE, line=1, column=1, rule="a11y/ignored", severity="suggestion",
        message=f"Ignored as a proven false positive: {code}{where}, {number} times on "
                f"{len(pages)} pages. Reason: {reason}",
        extra={"code": code, "selector": selector, "count": number,
               "pages": sorted(pages), "ignored_reason": reason},
    )


def _progress_printer(total: int, already: int) -> Callable[[int, int], None]:
    step = max(1, total // 20)
    started = time.perf_counter()

    def show(done: int, _run_total: int) -> None:
        count = already + done
        if count == total or done == 1 or count % step == 0:
            seconds = time.perf_counter() - started
            print(f"Accessibility: {count} / {total} pages ({seconds:.0f} s)", file=sys.stderr,
                  flush=True)

    return show


def test_site(
    settings,
    site_dir: Path,
    full: bool = False,
    options: runner_module.RunOptions | None = None,
    cache_file: Path | None = None,
    hang_paths: set[str] | None = None,
    show_progress: bool = True,
    ignore_rules=None,
    shard: tuple[int, int] | None = None,
) -> Outcome:
    """Test every page of the built site in ``site_dir`` (or part ``shard=(K, N)`` of them).
    Raises CannotRun."""
    started = time.perf_counter()
    site_dir = Path(site_dir).resolve()
    options = options or runner_module.RunOptions()
    chromium = runner_module.find_chromium()
    lang = cli_language()
    if not chromium:
        raise CannotRun(t("a11y.cannot.no_chromium", lang) + "\n  " + t("a11y.cannot.no_chromium_fix", lang))
    if not runner_module.find_pa11y_ci():
        raise CannotRun(t("a11y.cannot.no_pa11y", lang) + "\n  " + t("a11y.cannot.no_pa11y_fix", lang))
    if ignore_rules is None:
        ignore_rules = ignore_module.load_ignore()
    page_list = urls.collect(site_dir, settings.site_url)
    base_path = urlsplit(settings.site_url).path or "/"
    if not base_path.endswith("/"):
        base_path += "/"
    languages = tuple(settings.languages)
    kinds = kinds_module.kinds_of(page_list.files, languages)
    editors = reach.editor_stems(settings.docs_dir)
    keyboard = kinds_module.keyboard_pages(
        kinds, languages, settings.default_language,
        prefer={page for page in page_list.pages
                if reach.for_families(page, languages, settings.default_language, editors)},
    ) if options.keyboard else set()
    # The pages of this run: all of them, or one part of them (--shard K/N).
    scope = kinds_module.shard(page_list.pages, kinds, *shard) if shard else list(page_list.pages)

    cache_path = cache_file or (settings.root / CACHE_FILE)
    cache = cache_module.ResultCache.load(cache_path, fingerprint(options, chromium, ignore_rules))
    hashes = cache_module.HashCache()
    # A page that gets the keyboard walk has a result of its own in the cache.
    keys = {
        page: cache_module.page_key(site_dir, page, page_list.files[page], base_path, hashes)
        + ("+keyboard" if page in keyboard else "")
        for page in scope
    }
    results: dict[str, PageResult] = {}
    to_test = []
    for page in scope:
        cached = None if full else cache.get(page, keys[page])
        if cached is not None:
            results[page] = cached
        else:
            to_test.append(page)

    total = len(scope)
    if to_test:
        show = _progress_printer(total, total - len(to_test)) if show_progress else None
        with SiteServer(site_dir, base_path, hang_paths=hang_paths) as server:
            page_urls = {server.url_for(page): page for page in to_test}
            # A Tab walk at two widths takes longer than the other pages' tests.
            per_url = {url: {"lokChecks": {"keyboard": True},
                             "lokPageTimeLimit": options.page_time_limit_ms * KEYBOARD_TIME_FACTOR}
                       for url, page in page_urls.items() if page in keyboard}
            try:
                run = runner_module.run_pa11y_ci(list(page_urls), options, show, chromium,
                                                 per_url=per_url)
            except runner_module.RunnerError as error:  # pragma: no cover - checked above
                raise CannotRun(str(error)) from None
            statuses = dict(server.statuses)
        if run.report is None:
            detail = run.stderr.strip().splitlines()[-5:]
            raise CannotRun(
                t("a11y.cannot.no_report", lang, detail=" | ".join(detail) or "-")
                + "\n  " + t("a11y.cannot.no_report_fix", lang)
            )
        parsed = parse_report(run.report, list(page_urls), statuses)
        for url, result in parsed.items():
            page = page_urls[url]
            results[page] = dataclasses.replace(result, url=page)
            cache.put(page, keys[page], result)
    elif show_progress:
        print(f"Accessibility: {total} / {total} pages (all unchanged since they were last tested)",
              file=sys.stderr)
    # A shard keeps the other shards' results: the cache may be shared between them.
    cache.keep_only(set(page_list.pages))
    cache.save()

    findings: list[Finding] = []
    for page in scope:
        findings.extend(findings_for_page(page, results[page], settings, ignore_rules))
    findings.extend(ignored_findings(results, ignore_rules))
    if not shard or shard[0] == 1:  # site-wide checks: once, in the first part
        findings.extend(site_findings(settings, page_list, editors))
    if shard and shard[0] != 1:
        return Outcome(
            findings=sorted(findings), pages_total=total, pages_tested=len(to_test),
            pages_cached=total - len(to_test), pages=results,
            seconds=time.perf_counter() - started, tested=scope, site_pages=len(page_list.pages),
        )
    for page in page_list.not_built:
        findings.append(Finding(
            file="site/sitemap.xml", line=1, column=1, rule="a11y/sitemap-page-missing",
            severity="error",
            message=f"sitemap.xml lists {public_url(settings.site_url, page)}, but no such page "
                    "was built.",
            suggestion="Check the page's file name, or remove it from the sitemap template.",
        ))
    if not page_list.sitemap_found:
        findings.append(Finding(
            file="site/sitemap.xml", line=1, column=1, rule="a11y/no-sitemap", severity="warning",
            message="The built site has no sitemap.xml, so only the built HTML files were tested.",
        ))
    return Outcome(
        findings=sorted(findings), pages_total=total, pages_tested=len(to_test),
        pages_cached=total - len(to_test), pages=results,
        seconds=time.perf_counter() - started, tested=scope, site_pages=len(page_list.pages),
    )


def site_findings(settings, page_list, editors: set[str]) -> list[Finding]:
    """Whole-site checks on the built HTML: pages for families that no links reach."""
    findings = []
    languages = tuple(settings.languages)
    for page, home in reach.unreachable(page_list.files, languages, settings.default_language,
                                        settings.site_url, editors):
        source = sourcemap.source_for_page(page, settings.docs_dir, languages,
                                           settings.default_language)
        lang = source.lang if source.lang in ("en", "cy") else "en"
        file = _rel(source.file, settings.root) or f"site/{page or 'index.html'}"
        url = public_url(settings.site_url, page)
        findings.append(Finding(
            file=file, line=1, column=1, rule="a11y/unreachable", severity="error",
            message=t("a11y.unreachable", lang, url=url,
                      home=public_url(settings.site_url, home)),
            suggestion=t("a11y.unreachable_fix", lang), lang=lang,
            extra={"url": url, "home": public_url(settings.site_url, home)},
        ))
    return findings
