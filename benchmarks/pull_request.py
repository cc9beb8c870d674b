"""A volunteer's pull request, simulated: how long until they see something (issue 17).

    .venv/bin/python benchmarks/pull_request.py --pages 500      # the 1,000-page site
    (or benchmarks/run.py --pull-request)

What the two jobs of ``.github/workflows/pr.yml`` do, on this machine, in a fresh clone:

1. The base branch: a generated site in git, built (``localoffer build --no-a11y``); the
   key of every built page (its HTML and the CSS and scripts it loads, as
   ``localoffer.a11y.cache`` keys results) is what the base branch's browser results are
   kept under.
2. The pull request: a fresh ``git clone``, one page edited (English and Welsh) and
   committed.
3. First job: set-up (``make setup-python``: a new virtual environment from pip's cache,
   no browser), then ``localoffer check --format github --changed-since main``: the time
   to the annotations.
4. Second job: ``localoffer build --no-a11y`` in the clone, then the browser tests of the
   pages whose key changed, which is what ``localoffer a11y`` tests with the base
   branch's results restored. They are tested in Chromium on a copy of the site that has
   just those pages (hard links), so the base branch's whole site need not be tested
   first; looking up the other pages' results is timed too (hashing every page).

Times are wall seconds on a machine that may be busy: the load average is given.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

import generate  # noqa: E402
import run  # noqa: E402

BUDGET_ANNOTATIONS_S = 60.0
BUDGET_BUILD_AND_BROWSER_S = 180.0


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def page_keys(site_dir: Path, base_path: str) -> dict[str, str]:
    """The browser-result key of every built page (``localoffer.a11y.cache.page_key``)."""
    from localoffer.a11y import cache

    hashes = cache.HashCache()
    keys = {}
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        page = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        keys[page] = cache.page_key(site_dir, page, html, base_path, hashes)
    return keys


def sample_site(site_dir: Path, pages: list[str], dest: Path) -> Path:
    """A copy of ``site_dir`` (hard links) with every file but the HTML pages not in ``pages``."""
    keep = {(page + "index.html") if page.endswith("/") or page == "" else page for page in pages}

    def ignore(folder, names):
        rel = Path(folder).relative_to(site_dir)
        return {name for name in names if name.endswith(".html")
                and (rel / name).as_posix().removeprefix("./") not in keep}

    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(site_dir, dest, ignore=ignore, copy_function=os.link)
    return dest


def browser_time(config: Path, site: Path, pages: list[str], work: Path) -> dict:
    """``localoffer a11y --full`` on a copy of ``site`` with only ``pages``: wall seconds."""
    sample = sample_site(site, pages, work)
    result = run.measure(run._localoffer(config, "a11y", str(sample), "--full"), cwd=config.parent, timeout=3600)
    shutil.rmtree(sample, ignore_errors=True)
    return {"pages": len(pages), "seconds": result.seconds, "cpu_seconds": result.cpu_seconds,
            "returncode": result.returncode, "s_per_page": result.seconds / max(1, len(pages)),
            "tail": (result.stdout + result.stderr)[-600:]}


def simulate(work: Path, pages: int, log=print, seed: int = 1, real_cache: bool = False) -> dict:
    origin = work / "pr-origin"
    shutil.rmtree(origin, ignore_errors=True)
    log(f"  [pull request] generating {pages} + {pages} pages, in git")
    generate.generate(origin, pages, seed)
    (origin / ".gitignore").write_text("site/\n.cache/\n.site.*\n.venv/\nnode_modules/\n")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "The base branch")
    config = origin / "mkdocs.yml"
    base_path = run.urlsplit(run._read_config(config).get("site_url") or "/").path or "/"
    result: dict = {"pages_per_language": pages, "load_average_start": os.getloadavg()}

    log("  [pull request] the base branch's build")
    base = run.measure(run._localoffer(config, "build", "--no-a11y"), cwd=origin)
    if base.returncode != 0:
        return {**result, "ok": False, "error": base.stderr[-2000:]}
    before = page_keys(origin / "site", base_path)
    if real_cache:
        # what the deploy workflow leaves in actions/cache for main: every page tested
        log("  [pull request] the base branch's browser tests (every page: what main's cache holds)")
        base_a11y = run.measure(run._localoffer(config, "a11y", "--full"), cwd=origin, timeout=7200)
        numbers = run._summary_numbers(base_a11y.stdout + base_a11y.stderr)
        result["base_browser"] = {**base_a11y.brief(), **numbers,
                                  "s_per_page": base_a11y.seconds / max(1, numbers.get("tested") or 1)}

    clone = work / "pr-clone"
    shutil.rmtree(clone, ignore_errors=True)
    git(work, "clone", "-q", str(origin), clone.name)
    git(clone, "checkout", "-q", "-b", "one-page-edit")
    edited = run.edit_one_page(clone / "docs")
    git(clone, "commit", "-q", "-am", "One page edited")
    result["edited"] = edited.relative_to(clone).as_posix()

    # --- job 1: set-up without a browser, then the checks on the changed lines ---
    log("  [pull request] job 1: make setup-python in the fresh clone (pip's cache)")
    for name in ("Makefile", "requirements.txt", "pyproject.toml", "scripts"):
        target = clone / name
        if not target.exists():  # the generated project is the site; the tool comes with it
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, target)
    setup = run.measure(["make", "-s", "setup-python", f"PYTHON={sys.executable}"], cwd=clone, timeout=1800)
    venv = clone / ".venv" / "bin" / "localoffer"
    result["job1_setup_s"] = setup.seconds
    if setup.returncode != 0 or not venv.exists():
        return {**result, "ok": False, "error": "make setup-python: " + (setup.stdout + setup.stderr)[-2000:]}
    log("  [pull request] job 1: localoffer check --changed-since main")
    check = run.measure([str(venv), "--config", str(clone / "mkdocs.yml"), "check", "--format", "github",
                         "--changed-since", "main"], cwd=clone)
    result["job1_check_s"] = check.seconds
    result["job1_check_returncode"] = check.returncode
    result["job1_annotations"] = sum(1 for line in check.stdout.splitlines() if line.startswith("::"))

    # --- job 2: build, then the browser tests of what changed ---
    if real_cache:
        # actions/cache restores the base branch's .cache/a11y; then the job's own command
        shutil.copytree(origin / ".cache", clone / ".cache", dirs_exist_ok=True)
        log("  [pull request] job 2: localoffer build (checks, site, browser tests) with main's results restored")
        build = run.measure(run._localoffer(clone / "mkdocs.yml", "build"), cwd=clone, timeout=3600)
        numbers = run._summary_numbers(build.stdout + build.stderr)
        result["job2_build_and_browser_s"] = build.seconds
        result["job2_browser"] = {**numbers, "returncode": build.returncode,
                                  "tail": (build.stdout + build.stderr)[-600:]}
        after = page_keys(clone / "site", base_path)
        changed = sorted(page for page, key in after.items() if before.get(page) != key)
        result["job2_changed_pages"] = changed[:20]
        result["job2_changed_count"] = len(changed)
        result["pages_built"] = len(after)
        result["how"] = "real: localoffer build in the clone, main's .cache/a11y restored"
        result["load_average_end"] = os.getloadavg()
        # the build passes, and it tested in the browser the changed pages only
        result["ok"] = build.returncode == 0 and numbers.get("tested") == len(changed)
        result["budgets"] = {
            "annotations_within_60_s_after_install": result["job1_check_s"] <= BUDGET_ANNOTATIONS_S,
            "build_and_browser_within_3_min": build.seconds <= BUDGET_BUILD_AND_BROWSER_S,
        }
        shutil.rmtree(clone / ".venv", ignore_errors=True)
        return result
    log("  [pull request] job 2: localoffer build --no-a11y in the clone")
    build = run.measure(run._localoffer(clone / "mkdocs.yml", "build", "--no-a11y"), cwd=clone)
    result["job2_build_s"] = build.seconds
    if build.returncode != 0:
        return {**result, "ok": False, "error": build.stderr[-2000:]}
    started = time.perf_counter()
    after = page_keys(clone / "site", base_path)
    result["job2_keys_s"] = time.perf_counter() - started
    changed = sorted(page for page, key in after.items() if before.get(page) != key)
    result["job2_changed_pages"] = changed[:20]
    result["job2_changed_count"] = len(changed)
    result["pages_built"] = len(after)
    log(f"  [pull request] job 2: browser tests of the {len(changed)} changed page(s)")
    browser = browser_time(clone / "mkdocs.yml", clone / "site", changed, work / "pr-sample-site")
    result["job2_browser"] = browser
    result["how"] = "estimated: build, then the changed pages alone on a copy of the site"
    result["job2_build_and_browser_s"] = build.seconds + result["job2_keys_s"] + browser["seconds"]
    result["load_average_end"] = os.getloadavg()
    result["ok"] = browser["returncode"] in (0, 1)
    result["budgets"] = {
        "annotations_within_60_s_after_install": result["job1_check_s"] <= BUDGET_ANNOTATIONS_S,
        "build_and_browser_within_3_min": result["job2_build_and_browser_s"] <= BUDGET_BUILD_AND_BROWSER_S,
    }
    shutil.rmtree(clone / ".venv", ignore_errors=True)
    return result


def shard_run(config: Path, site: Path, shard: str) -> dict:
    """``localoffer a11y --shard K/N --full`` on the whole built site: what one job of the
    deploy workflow's matrix runs, measured."""
    result = run.measure(run._localoffer(config, "a11y", str(site), "--shard", shard, "--full",
                                         "--format", "json"), cwd=config.parent, timeout=4 * 3600)
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {}
    tested = len(report.get("tested") or [])
    findings = report.get("findings") or []
    return {"shard": shard, "part_pages": tested, "seconds": result.seconds, "cpu_seconds": result.cpu_seconds,
            "estimated_part_s": result.seconds, "s_per_page": result.seconds / max(1, tested),
            "returncode": result.returncode, "problems": len(findings),
            "how": "measured: every page of the part tested in Chromium",
            "tail": (result.stderr or "")[-600:], "load_average": os.getloadavg()}


def shard_estimate(config: Path, site: Path, shard: str, sample: int, work: Path) -> dict:
    """Seconds for part K of N of ``site`` in the browser, from ``sample`` pages spread over
    the site (every page's share of the time is taken as the same), so a 2,500-page run
    need not test a whole part. ``shard`` is "K/N"."""
    k, n = (int(x) for x in shard.split("/"))
    pages = sorted(page_keys(site, "/"))
    step = max(1, len(pages) // sample)
    chosen = pages[k - 1::step][:sample]
    measured = browser_time(config, site, chosen, work)
    part = len(pages) / n
    return {"shard": shard, "site_pages": len(pages), "part_pages": part, "sample_pages": len(chosen),
            "sample_seconds": measured["seconds"], "s_per_page": measured["s_per_page"],
            "estimated_part_s": measured["s_per_page"] * part, "returncode": measured["returncode"],
            "how": "a sample of pages tested in Chromium, seconds per page times the pages of one part",
            "load_average": os.getloadavg()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500, help="pages per language (default 500)")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--real-cache", action="store_true",
                        help="test every page of the base branch first, then time the real localoffer build "
                             "in the clone with those results restored (minutes longer; no estimate)")
    args = parser.parse_args(argv)
    run.compile_modules()
    work = args.work or Path(tempfile.mkdtemp(prefix="lok-pr-"))
    try:
        result = simulate(work, args.pages, log=lambda m: print(m, file=sys.stderr, flush=True),
                          real_cache=args.real_cache)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2, default=str))
    return 0 if result.get("ok") and all(result.get("budgets", {}).values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
