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
    command = [
        sys.executable, "-m", "mkdocs", "build", "--strict",
        "--config-file", str(config_file), "--site-dir", str(out_dir),
    ]
    return subprocess.run(command, env=env, check=False).returncode


class Checks:
    """``localoffer check`` on the whole site, in a process of its own.

    It runs beside MkDocs, on the machine's other core, so the checks add little to the
    build's time. Its report is kept in a temporary file and shown when MkDocs is done,
    so the two never mix on the screen."""

    def __init__(self, settings, report_format: str) -> None:
        self.output = tempfile.TemporaryFile(mode="w+b")
        # --format json: standard output is kept for the one JSON report (accessibility);
        # the checks' report then goes, as text, to standard error
        self.to_stderr = report_format == "json"
        command = [sys.executable, "-m", "localoffer", "--config", str(settings.config_file),
                   "check", "--format", "text" if self.to_stderr else report_format]
        self.process = subprocess.Popen(command, stdout=self.output, stderr=subprocess.STDOUT,
                                        cwd=settings.root)

    def finish(self) -> int:
        """Wait for the checks, show their report, and return their exit status
        (0 passed, 1 a finding at the failing severity, 2 could not run)."""
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
        if self.process.poll() is None:
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


def post_build_steps(args):
    """Whole-site steps that run on the finished build, in order."""
    from localoffer import search

    from localoffer import hosting

    steps = [search.index_site, hosting.post_build_step]
    if not args.no_a11y:
        from localoffer.commands import a11y

        steps.append(a11y.check_built_site)
    return steps


def run(args) -> int:
    lang = cli_language()
    settings = settings_module.load(args.config)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else settings.site_dir
    work_dir = site_dir.with_name(f".{site_dir.name}.build-{os.getpid()}")
    shutil.rmtree(work_dir, ignore_errors=True)
    started = time.perf_counter()
    status = 1
    checks = Checks(settings, args.format)
    try:
        status = run_mkdocs(settings.config_file, work_dir, checks_elsewhere=True)
        checks_status = checks.finish()
        if checks_status != 0:
            status = checks_status if status == 0 or checks_status == 2 else status
        if status == 0:
            for step in post_build_steps(args):
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
