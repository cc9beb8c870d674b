"""Benchmark: seconds per page for a full browser accessibility run, and the time
to re-test after a one-page change (the incremental cache).

    .venv/bin/python benchmarks/a11y_speed.py --pages 20 --concurrency 2 3

Generates a bilingual site of simple pages (N English + N Welsh) with the project's
theme and hooks, builds it with MkDocs, then runs ``localoffer.a11y.check.test_site``.

Besides wall time it prints the CPU seconds per page of the whole process tree (this
process with its test server, node/pa11y-ci and every Chromium process). On a shared
machine wall time is noisy; the CPU per page is the steadier number to compare. Chromium
leaves renderer processes to whoever adopts orphans, so this process makes itself the
"child subreaper" (Linux) and reaps them, or their CPU would be missing (measured: a
naive children's-rusage reading saw 0.36 of the real 1.32 CPU s/page).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from localoffer import settings as settings_module  # noqa: E402
from localoffer.a11y.check import test_site  # noqa: E402
from localoffer.a11y.runner import RunOptions  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "a11y" / "site" / "mkdocs.yml.in"
PARAGRAPH = ("Families can ask the school for help at any time. The team will listen, explain "
             "what support is available and agree the next steps with you. ")
PARAGRAPH_CY = ("Gall teuluoedd ofyn i'r ysgol am help ar unrhyw adeg. Bydd y tîm yn gwrando ac "
                "yn esbonio pa gymorth sydd ar gael. ")


def generate(work: Path, pages: int) -> None:
    docs = work / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n" + PARAGRAPH + "\n")
    (docs / "index.cy.md").write_text("# Hafan\n\n" + PARAGRAPH_CY + "\n")
    for n in range(1, pages):
        (docs / f"page-{n}.md").write_text(
            f"# Service {n}\n\n{PARAGRAPH * 3}\n\n## Who can get it\n\n- Children\n- Young people\n"
            f"\n## How to apply\n\n{PARAGRAPH}\n\n[Contact us](index.md)\n")
        (docs / f"page-{n}.cy.md").write_text(
            f"# Gwasanaeth {n}\n\n{PARAGRAPH_CY * 3}\n\n## Pwy all ei gael\n\n- Plant\n"
            f"\n## Sut i wneud cais\n\n{PARAGRAPH_CY}\n\n[Cysylltu](index.md)\n")
    (work / "mkdocs.yml").write_text(FIXTURE.read_text().replace("@ROOT@", str(ROOT)))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
                    "-d", str(work / "site")], check=True, env=env)


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Chromium's renderers) so their CPU time is counted."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def tree_cpu_seconds() -> float:
    """User+system CPU of this process and every descendant reaped so far."""
    while True:  # reap adopted orphans that have exited
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="pages per language")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[2])
    args = parser.parse_args()
    counted = become_subreaper()
    work = Path(tempfile.mkdtemp(prefix="lok-a11y-bench-"))
    try:
        generate(work, args.pages)
        settings = settings_module.load(work / "mkdocs.yml")
        site = work / "site"
        for concurrency in args.concurrency:
            cache_file = work / f"cache-{concurrency}.json"
            options = RunOptions(concurrency=concurrency)
            started = time.perf_counter()
            cpu_started = tree_cpu_seconds()
            full = test_site(settings, site, full=True, options=options, cache_file=cache_file,
                             show_progress=False)
            full_seconds = time.perf_counter() - started
            time.sleep(0.5)  # let the last Chromium processes exit so they can be reaped
            full_cpu = tree_cpu_seconds() - cpu_started
            page = site / "page-1" / "index.html"
            page.write_text(page.read_text().replace("</article>", "<p>Changed.</p></article>", 1))
            started = time.perf_counter()
            one = test_site(settings, site, options=options, cache_file=cache_file,
                            show_progress=False)
            one_seconds = time.perf_counter() - started
            print(f"concurrency {concurrency}: full run {full.pages_total} pages in "
                  f"{full_seconds:.1f} s = {full_seconds / full.pages_total:.2f} s/page, "
                  f"CPU {full_cpu / full.pages_total:.2f} s/page"
                  f"{'' if counted else ' (orphaned Chromium processes not counted)'}; "
                  f"one-page change: {one.pages_tested} page re-tested in {one_seconds:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
