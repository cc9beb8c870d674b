"""Run pa11y-ci in Debian's Chromium on a list of URLs, with a time limit.

We write pa11y-ci's JSON config ourselves, run ``node_modules/.bin/pa11y-ci``
through a subprocess, and read its JSON report from a file (``parse`` decides
what passed; pa11y-ci's exit status is never trusted on its own).

Choices, each measured (see FINDINGS.md and benchmarks/a11y_speed.py):
- URLs are objects, not strings, and the browser is shared without incognito
  contexts: this avoids pa11y-ci's concurrency bug #354 ("Protocol error
  (Target.closeTarget)" on 22-38% of pages).
- Runners: HTML_CodeSniffer and our axe runner (scripts/a11y/pa11y-runner-axe22.js),
  which is pa11y's axe runner plus axe's WCAG 2.2 rules.
- Chromium flags keep it off the network (no updates, no sync, no QUIC) and
  give it a fresh profile each run. Flags tried for speed and not kept (no
  measurable change in CPU per page): --disable-features=BackForwardCache and
  --js-flags=--no-flush-bytecode (real runs, 30 pages, 2 A/B pairs, reused tabs);
  --renderer-process-limit=1 and --process-per-site (puppeteer copy, new tab per
  page: each page still got a new renderer process).
- Every pa11y test runs through scripts/a11y/page-guard.cjs: a time limit for each
  page, dialogs dismissed, a page that navigates away by itself reported as that page's
  failure, and browser tabs reused (and reset) instead of opened for every page. After
  load, scripts/a11y/wait-for-load.cjs waits until the page stops changing (at most
  2.5 s). Our own checks (reflow, target size at 320 px, the Tab walk) run in the same
  tab after pa11y's runners (scripts/a11y/browser-checks.cjs).
- The test server lets Chromium cache CSS/JS
  (serve.py) and axe builds results only for violations and incomplete
  (pa11y-runner-axe22.js). Together, on all 178 pages of the generated 50 + 50
  site: 1.24-1.29 -> 0.65-0.67 CPU s/page, identical results.
- Where the CPU per page went before (1.35 s, puppeteer copy of pa11y's steps,
  one page at a time): axe.run 0.50, page load 0.33, new tab + close 0.19,
  injecting axe 0.18, HTML_CodeSniffer inject + run 0.11. After (~0.8 s):
  axe.run 0.36-0.42 (color-contrast alone ~60% of it), page load 0.18-0.24,
  injecting axe 0.07, HTML_CodeSniffer 0.08, new tab + close ~0.01.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

PROJECT_ROOT = Path(__file__).resolve().parents[3]
AXE22_RUNNER = PROJECT_ROOT / "scripts" / "a11y" / "pa11y-runner-axe22.js"
PROGRESS_REPORTER = PROJECT_ROOT / "scripts" / "a11y" / "progress-reporter.js"
WAIT_FOR_LOAD = PROJECT_ROOT / "scripts" / "a11y" / "wait-for-load.cjs"
PAGE_GUARD = PROJECT_ROOT / "scripts" / "a11y" / "page-guard.cjs"
BROWSER_CHECKS = PROJECT_ROOT / "scripts" / "a11y" / "browser-checks.cjs"
# Our node code that decides results: a change to any of it makes cached results stale.
OWN_BROWSER_CODE = (AXE22_RUNNER, WAIT_FOR_LOAD, PAGE_GUARD, BROWSER_CHECKS)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
]


class RunnerError(Exception):
    """pa11y-ci could not run (no Chromium, no pa11y-ci, crash, time limit)."""


@dataclass
class RunOptions:
    # Three tabs on two cores: each page now waits, idle, until it has been quiet for
    # 0.3 s after load, and a third tab uses that time. benchmarks/a11y_speed.py --pages
    # 20, three rounds on a shared 2-core machine (load 17-20): 2 tabs 0.85, 1.08,
    # 0.79 s/page; 3 tabs 0.68, 1.09, 0.63 s/page; the same CPU per page (0.46-0.50 s).
    concurrency: int = 3
    wait_for_load: bool = True
    # Keep each browser tab and reuse it for the next URL: see scripts/a11y/page-guard.cjs.
    reuse_tabs: bool = True
    page_timeout_ms: int = 30_000
    # The longest one page's test may take, load and every check included; past it the
    # page fails on its own and the run goes on (scripts/a11y/page-guard.cjs).
    page_time_limit_ms: int = 20_000
    # After "load", how long the page must not change before it is tested, and the most
    # we wait for that (scripts/a11y/wait-for-load.cjs).
    quiet_ms: int = 300
    max_quiet_ms: int = 2500
    # Our browser checks on every page (scripts/a11y/browser-checks.cjs); the keyboard
    # walk is asked for page by page (``per_url``).
    checks: tuple[str, ...] = ("reflow", "targets")
    # Walk one page of each kind in each language with the Tab key (a11y/kinds.py).
    keyboard: bool = True
    # The whole run may take this long per page, plus a fixed minute for start-up.
    seconds_per_page_limit: float = 20.0
    standard: str = "WCAG2AA"
    runners: tuple[str, ...] = ("htmlcs", "axe22")
    extra_args: list[str] = field(default_factory=list)


def time_limit(pages: int, options: RunOptions) -> float:
    """The longest the whole pa11y-ci run may take, in seconds: a minute to start plus
    ``seconds_per_page_limit`` a page, or $LOCALOFFER_A11Y_TIME_LIMIT when it is set."""
    value = os.environ.get("LOCALOFFER_A11Y_TIME_LIMIT", "").strip()
    try:
        seconds = float(value) if value else 0.0
    except ValueError:
        seconds = 0.0
    return seconds if seconds > 0 else 60 + options.seconds_per_page_limit * pages


def find_chromium() -> str | None:
    """The Chromium to use: $CHROME_PATH, then the usual names on PATH."""
    env = os.environ.get("CHROME_PATH")
    if env and os.access(env, os.X_OK):
        return env
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def find_pa11y_ci(root: Path = PROJECT_ROOT) -> Path | None:
    path = root / "node_modules" / ".bin" / "pa11y-ci"
    return path if path.exists() else None


def runner_path(name: str) -> str:
    return str(AXE22_RUNNER) if name == "axe22" else name


def make_config(
    urls: list[str],
    chromium: str,
    profile_dir: Path,
    report_file: Path,
    options: RunOptions,
    per_url: dict[str, dict] | None = None,
) -> dict:
    """pa11y-ci's config: shared defaults, and each URL as an object (bug #354).
    ``per_url`` adds options to some URLs (``{"lokChecks": {"keyboard": True}}``)."""
    defaults = {
        "concurrency": options.concurrency,
        "timeout": options.page_timeout_ms,
        "standard": options.standard,
        "runners": [runner_path(name) for name in options.runners],
        "useIncognitoBrowserContext": False,
        "includeNotices": False,
        "includeWarnings": False,
        "chromeLaunchConfig": {
            "executablePath": chromium,
            "args": CHROMIUM_ARGS + [f"--user-data-dir={profile_dir}"] + options.extra_args,
        },
        "reporters": [str(PROGRESS_REPORTER), ["json", {"fileName": str(report_file)}]],
    }
    per_url = per_url or {}
    return {"defaults": defaults, "urls": [{**per_url.get(url, {}), "url": url} for url in urls]}


@dataclass
class RunResult:
    report: dict | None
    exit_code: int
    stderr: str
    seconds: float


def _kill_leftover_browsers(profile_dir: Path) -> None:
    """Stop any Chromium still using our profile folder (by process id)."""
    marker = f"--user-data-dir={profile_dir}".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in cmdline:
            try:
                os.kill(int(proc.name), signal.SIGKILL)
            except OSError:
                pass


def run_pa11y_ci(
    urls: list[str],
    options: RunOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    chromium: str | None = None,
    work_dir: Path | None = None,
    per_url: dict[str, dict] | None = None,
) -> RunResult:
    """Run pa11y-ci on ``urls`` and return its JSON report (or None if it wrote none).

    Raises RunnerError when it cannot start. A crash or a run over the time limit
    gives ``report=None`` and the reason in ``stderr``.
    """
    options = options or RunOptions()
    chromium = chromium or find_chromium()
    if not chromium:
        raise RunnerError("no-chromium")
    pa11y_ci = find_pa11y_ci()
    if not pa11y_ci:
        raise RunnerError("no-pa11y")
    own_tmp = work_dir is None
    work = Path(work_dir or tempfile.mkdtemp(prefix="lok-a11y-"))
    profile = work / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    report_file = work / "pa11y-ci.json"
    config_file = work / "pa11yci.json"
    config_file.write_text(
        json.dumps(make_config(urls, chromium, profile, report_file, options, per_url), indent=2),
        encoding="utf-8",
    )
    limit = time_limit(len(urls), options)
    started = time.perf_counter()
    env = dict(
        os.environ, PUPPETEER_SKIP_DOWNLOAD="true", NO_COLOR="1",
        LOK_PAGE_TIME_LIMIT_MS=str(options.page_time_limit_ms),
        LOK_REUSE_TABS="1" if options.reuse_tabs else "0",
        LOK_CHECKS=",".join(options.checks),
        LOK_QUIET_MS=str(options.quiet_ms),
        LOK_MAX_QUIET_MS=str(options.max_quiet_ms),
    )
    preloads = []
    if options.wait_for_load:
        # pa11y waits for "networkidle2" (a fixed idle half second per page); we wait for
        # "load", then until the page stops changing. See scripts/a11y/wait-for-load.cjs.
        preloads.append(WAIT_FOR_LOAD)
    # Time limit per page, dialogs, navigations, tab reuse and our own checks.
    preloads.append(PAGE_GUARD)
    preload = " ".join(f"--require {path}" for path in preloads)
    env["NODE_OPTIONS"] = (env.get("NODE_OPTIONS", "") + " " + preload).strip()
    proc = subprocess.Popen(
        [str(pa11y_ci), "--config", str(config_file)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        text=True,
    )
    other_lines: list[str] = []
    stdout_lines: list[str] = []

    def read_stderr() -> None:
        for line in proc.stderr:
            if line.startswith("LOK-PROGRESS "):
                parts = line.split()
                if progress and len(parts) >= 3:
                    progress(int(parts[1]), int(parts[2]))
            else:
                other_lines.append(line)

    def read_stdout() -> None:
        for line in proc.stdout:
            stdout_lines.append(line)

    readers = [
        threading.Thread(target=read_stderr, daemon=True),
        threading.Thread(target=read_stdout, daemon=True),
    ]
    for reader in readers:
        reader.start()
    timed_out = False
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # puppeteer closes Chromium on SIGTERM
            proc.wait(timeout=10)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    finally:
        for reader in readers:
            reader.join(timeout=5)
        _kill_leftover_browsers(profile)
    seconds = time.perf_counter() - started
    stderr_text = "".join(other_lines) + "".join(stdout_lines)
    report = None
    if not timed_out and report_file.is_file():
        try:
            report = json.loads(report_file.read_text("utf-8"))
        except ValueError:
            report = None
    if timed_out:
        from localoffer.messages import cli_language, t

        stderr_text = stderr_text + "\n" + t("a11y.cannot.time_limit", cli_language(), seconds=f"{limit:.0f}")
    if own_tmp:
        shutil.rmtree(work, ignore_errors=True)
    return RunResult(report=report, exit_code=proc.returncode, stderr=stderr_text, seconds=seconds)


def main(argv: list[str] | None = None) -> int:
    """Debug helper: python -m localoffer.a11y.runner URL... prints the raw report."""
    result = run_pa11y_ci(list(argv or sys.argv[1:]))
    print(json.dumps(result.report, indent=2))
    print(result.stderr, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
