"""``localoffer build``: build the site and check it, keeping the last good site safe.

MkDocs builds into a temporary folder beside ``site/``. The whole-site checks
(accessibility in a real browser, search index) run on that folder. Only when
everything passed does it replace ``site/``. A failed build never leaves a
half-written site and never deletes the last good one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from localoffer import settings as settings_module
from localoffer.messages import cli_language, t

HELP = "Build the site into site/ and check it (plain language, Welsh, accessibility)."


def add_arguments(parser) -> None:
    parser.add_argument("--site-dir", help="where to put the site (default: site_dir in mkdocs.yml)")
    parser.add_argument(
        "--no-a11y",
        action="store_true",
        help="skip the browser accessibility tests (quicker, for previews only)",
    )
    parser.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="report format"
    )


def run_mkdocs(config_file: Path, out_dir: Path, checks_elsewhere: bool = False) -> int:
    """Run ``mkdocs build --strict`` into ``out_dir``; return its exit status.

    ``checks_elsewhere``: the checks run in their own process (``Checks``), so
    the MkDocs hooks only build."""
    from localoffer.mkdocs_adapter import CHECKS_ENV

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if checks_elsewhere:
        env[CHECKS_ENV] = "separate"
    return subprocess.run(mkdocs_command(config_file, out_dir), env=env, check=False).returncode


def mkdocs_command(config_file: Path, out_dir: Path) -> list[str]:
    # not --quiet: it hides warnings from --strict too, so they would not fail the build
    return [
        sys.executable, "-m", "mkdocs", "build", "--strict",
        "--config-file", str(config_file), "--site-dir", str(out_dir),
    ]


_OTHER_LANGUAGE = "excluded from the built site"


def run_mkdocs_per_language(settings, out_dir: Path, index_search: bool = False, args=None,
                            before_search=None) -> int:
    """Build the site with one MkDocs process per language, side by side, into ``out_dir``.

    MkDocs builds one page after another on one core; mkdocs-static-i18n builds the
    languages one after another. Here each process writes the pages of one language
    only (``LOCALOFFER_ONLY_LANGUAGE``; see ``mkdocs_adapter.builds_pages_of``), so the
    two languages are built at the same time on a 2-core machine. The default language's
    process writes ``out_dir``; each other language's folder (``cy/``) is then moved in
    from its own process's output. The result is the same site as one ``mkdocs build``
    (tests/test_build_languages.py compares them file by file).

    ``index_search``: when every language is built, index each language's pages with
    Pagefind (``search.Indexer``), one language after another. Not earlier, beside the
    other language's MkDocs: Pagefind holds a language's whole index in memory (about
    120 KB a built page), and the build's peak memory is the sum of what runs at the same
    time (issue 17: 1 GB at 2,500 + 2,500 pages). ``args``: the command's options
    (``--format json`` keeps standard output for the JSON report). ``before_search``: the
    ``Checks`` to finish when MkDocs is done and before Pagefind starts (on a big site they
    wait for MkDocs; see ``CHECKS_BESIDE_MAX_PAGES``); their report is shown later.

    Each process's messages are kept and shown when it is done, so they never mix.
    Returns 0 when every process passed, else the first failure's status.
    """
    from localoffer import search
    from localoffer.mkdocs_adapter import CHECKS_ENV, ONLY_LANGUAGE_ENV

    languages = list(settings.languages)
    default = settings.default_language
    languages.sort(key=lambda code: code != default)  # the default language first
    jobs = []
    for code in languages:
        dest = out_dir if code == default else out_dir.with_name(f"{out_dir.name}-{code}")
        shutil.rmtree(dest, ignore_errors=True)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{CHECKS_ENV: "separate", ONLY_LANGUAGE_ENV: code})
        output = tempfile.TemporaryFile(mode="w+b")
        process = subprocess.Popen(mkdocs_command(settings.config_file, dest), env=env,
                                   stdout=output, stderr=subprocess.STDOUT)
        jobs.append((code, dest, process, output))
    status = 0
    indexers = []
    try:
        waiting = list(jobs)
        while waiting:
            done = [job for job in waiting if job[2].poll() is not None]
            if not done:
                time.sleep(0.05)
                continue
            for job in done:
                waiting.remove(job)
                code, dest, process, output = job
                output.seek(0)
                text = output.read().decode("utf-8", errors="replace")
                # each process names the other language's pages, which it does not write
                # ("... is excluded from the built site"): not news to the editor
                text = "".join(line for line in text.splitlines(keepends=True) if _OTHER_LANGUAGE not in line)
                if text:
                    sys.stderr.write(text if text.endswith("\n") else text + "\n")
                    sys.stderr.flush()
                if process.returncode != 0 and status == 0:
                    status = process.returncode
                root = dest if code == default else dest / code
                if index_search and status == 0 and search.has_body_marker(root):
                    indexers.append(search.Indexer(root, start=False))
        if before_search is not None and before_search.process is None:
            before_search.start()
            before_search.process.wait()  # alone: its memory is let go before Pagefind's
        if index_search and status == 0:
            status = search.finish_indexing(indexers, time.perf_counter(), args, out_dir)
        if status == 0:
            for code, dest, _, _ in jobs:
                if dest == out_dir:
                    continue
                shutil.rmtree(out_dir / code, ignore_errors=True)
                (dest / code).rename(out_dir / code)
    finally:
        for indexer in indexers:
            indexer.stop()
        for code, dest, process, output in jobs:
            if process.poll() is None:
                process.kill()
                process.wait()
            if not output.closed:
                output.close()
            if dest != out_dir:
                shutil.rmtree(dest, ignore_errors=True)
    return status


# With more Markdown pages than this, the checks run after MkDocs, not beside it. The check
# holds every parsed page (about 90 KB each) and each MkDocs process every built page: at
# 2,500 + 2,500 pages the three side by side went over 1 GB (issue 17). A smaller site
# keeps the time saved by running them side by side.
CHECKS_BESIDE_MAX_PAGES = 2000


def checks_beside_mkdocs(settings) -> bool:
    """Whether the checks can run beside MkDocs: the site has at most
    ``CHECKS_BESIDE_MAX_PAGES`` Markdown pages (counted without reading them)."""
    count = 0
    for _folder, _dirs, files in os.walk(settings.docs_dir):
        count += sum(1 for name in files if name.endswith(".md"))
        if count > CHECKS_BESIDE_MAX_PAGES:
            return False
    return True


class Checks:
    """``localoffer check`` on the whole site, in a process of its own.

    On a site of up to ``CHECKS_BESIDE_MAX_PAGES`` pages it runs beside MkDocs, on the
    machine's other core, so the checks add little to the build's time; on a bigger site
    it starts when MkDocs is done (``start=False``, then ``finish`` starts it), to keep the
    build's peak memory down. Its report is kept in a temporary file and shown when MkDocs
    is done, so the two never mix on the screen."""

    def __init__(self, settings, report_format: str, start: bool = True) -> None:
        self.output = tempfile.TemporaryFile(mode="w+b")
        # --format json: standard output is kept for the one JSON report (accessibility);
        # the checks' report then goes, as text, to standard error
        self.to_stderr = report_format == "json"
        self.command = [sys.executable, "-m", "localoffer", "--config", str(settings.config_file),
                        "check", "--format", "text" if self.to_stderr else report_format]
        self.root = settings.root
        self.process = None
        if start:
            self.start()

    def start(self) -> None:
        if self.process is None:
            self.process = subprocess.Popen(self.command, stdout=self.output, stderr=subprocess.STDOUT,
                                            cwd=self.root)

    def finish(self) -> int:
        """Start the checks if they have not started, wait for them, show their report, and
        return their exit status (0 passed, 1 a finding at the failing severity, 2 could not run)."""
        self.start()
        status = self.process.wait()
        self.output.seek(0)
        report = self.output.read().decode("utf-8", errors="replace")
        self.output.close()
        if report:
            stream = sys.stdout if status == 0 and not self.to_stderr else sys.stderr
            stream.write(report if report.endswith("\n") else report + "\n")
            stream.flush()
        return status

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self.output.closed:
            self.output.close()


def replace_site(new_dir: Path, site_dir: Path) -> None:
    """Put ``new_dir`` in place of ``site_dir`` with two renames."""
    old_dir = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old_dir)
    new_dir.rename(site_dir)
    shutil.rmtree(old_dir, ignore_errors=True)


def post_build_steps(args, indexed: bool = False):
    """Whole-site steps that run on the finished build, in order. ``indexed``: the
    search index was made while the languages were built (``run_mkdocs_per_language``)."""
    from localoffer import search

    from localoffer import hosting

    steps = ([] if indexed else [search.index_site]) + [hosting.post_build_step]
    if not args.no_a11y:
        from localoffer.commands import a11y

        steps.append(a11y.check_built_site)
    from localoffer.admin import site as admin_site

    steps.append(admin_site.build_step)  # the web editor at /admin/, when it is switched on
    return steps


def run(args) -> int:
    lang = cli_language()
    settings = settings_module.load(args.config)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else settings.site_dir
    work_dir = site_dir.with_name(f".{site_dir.name}.build-{os.getpid()}")
    shutil.rmtree(work_dir, ignore_errors=True)
    started = time.perf_counter()
    status = 1
    checks = Checks(settings, args.format, start=checks_beside_mkdocs(settings))
    try:
        side_by_side = len(settings.languages) > 1 and (os.cpu_count() or 1) > 1
        if side_by_side:
            status = run_mkdocs_per_language(settings, work_dir, index_search=True, args=args,
                                             before_search=checks)
        else:
            status = run_mkdocs(settings.config_file, work_dir, checks_elsewhere=True)
        checks_status = checks.finish()
        if checks_status != 0:
            status = checks_status if status == 0 or checks_status == 2 else status
        if status == 0:
            for step in post_build_steps(args, indexed=side_by_side):
                status = step(settings, work_dir, args)
                if status != 0:
                    break
        if status == 0:
            replace_site(work_dir, site_dir)
    finally:
        checks.stop()
        shutil.rmtree(work_dir, ignore_errors=True)
    if status != 0:
        print(t("cli.build_failed_kept", lang, site=site_dir), file=sys.stderr)
        return 2 if status == 2 else 1  # 2: a step could not run at all (no browser, crash)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    seconds = f"{time.perf_counter() - started:.1f}"
    print(t("cli.build_done", lang, seconds=seconds, pages=pages, site=site_dir))
    return 0
