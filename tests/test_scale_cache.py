"""Browser results kept between CI runs (issue 17 item 3).

The workflows restore ``.cache/a11y`` with actions/cache into a fresh checkout. Here, for
real: a project in git is built and tested in Chromium (``localoffer build``), cloned
afresh, given the first run's ``.cache/a11y`` (as the cache action does), and changed:

* one page edited: only that page is tested in the browser again;
* the CSS changed (the council's colours): every page is tested again.

And the deploy workflow's parts (``.cache/a11y/parts/*/results.json``, one per machine)
are read: a page's result is used from whichever part has the page's current key.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from localoffer.a11y import runner
from localoffer.a11y.cache import ResultCache
from localoffer.a11y.parse import PASSED, PageResult
from sitekit import make_project

CACHE = Path(".cache") / "a11y" / "results.json"


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n{body}\n"


PAGES = {
    "index.md": page("Home", "Help for families of children with additional needs."),
    "index.cy.md": page("Hafan", "Help i deuluoedd plant ag anghenion ychwanegol."),
    "schools.md": page("Schools", "Your child's school can help."),
    "schools.cy.md": page("Ysgolion", "Gall ysgol eich plentyn helpu."),
    "health.md": page("Health", "Your doctor can help."),
    "health.cy.md": page("Iechyd", "Gall eich meddyg helpu."),
}


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def localoffer_build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "localoffer", "--config", str(project / "mkdocs.yml"), "build"],
                          cwd=project, env=env, capture_output=True, text=True, check=False, timeout=900)


def keys(project: Path) -> dict[str, str]:
    data = json.loads((project / CACHE).read_text("utf-8"))
    return {page: entry["key"] for page, entry in data["pages"].items()}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    if runner.find_chromium() is None:
        pytest.fail("needs Chromium (make setup)")
    origin = tmp_path_factory.mktemp("origin")
    make_project(origin, PAGES)
    (origin / ".gitignore").write_text("site/\n.cache/\n.site.*\n")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "site")
    result = localoffer_build(origin)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return origin, keys(origin)


def fresh_clone_with_cache(origin: Path, dest: Path) -> Path:
    """``git clone`` and the first run's .cache/a11y copied in, as actions/cache restores it."""
    git(dest.parent, "clone", "-q", str(origin), dest.name)
    shutil.copytree(origin / ".cache" / "a11y", dest / ".cache" / "a11y")
    return dest


@pytest.mark.slow
def test_after_a_one_page_edit_only_that_page_is_tested_again(first_run, tmp_path):
    origin, before = first_run
    assert {"", "cy/", "schools/", "cy/schools/", "health/", "cy/health/"} <= set(before)
    clone = fresh_clone_with_cache(origin, tmp_path / "clone")
    schools = clone / "docs" / "schools.md"
    schools.write_text(schools.read_text("utf-8") + "\nAsk the school's special needs coordinator.\n", "utf-8")
    result = localoffer_build(clone)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    after = keys(clone)
    changed = {page for page in after if after[page] != before.get(page)}
    assert changed == {"schools/"}, changed


@pytest.mark.slow
def test_a_change_to_the_css_tests_every_page_again(first_run, tmp_path):
    origin, before = first_run
    clone = fresh_clone_with_cache(origin, tmp_path / "clone")
    config = clone / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["extra"]["council"]["colours"] = {"primary": "#005a30", "link": "#005a30"}
    config.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), "utf-8")
    result = localoffer_build(clone)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    after = keys(clone)
    assert set(after) == set(before)
    assert [page for page in after if after[page] == before[page]] == []


# --- the parts kept by the deploy workflow (no browser) --------------------------------------

def write_results(path: Path, fingerprint: str, pages: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "fingerprint": fingerprint,
                                "pages": {page: {"key": key, "issues": []} for page, key in pages.items()}}))


def test_results_come_from_whichever_part_has_the_pages_current_key(tmp_path):
    cache_dir = tmp_path / ".cache" / "a11y"
    # part 1 tested a/ (new key) and kept an old result for b/; part 2 the other way round
    write_results(cache_dir / "parts" / "a11y-cache-1" / "results.json", "F", {"a/": "new-a", "b/": "old-b"})
    write_results(cache_dir / "parts" / "a11y-cache-2" / "results.json", "F", {"a/": "old-a", "b/": "new-b"})
    write_results(cache_dir / "parts" / "a11y-cache-3" / "results.json", "OTHER SET-UP", {"c/": "new-c"})
    cache = ResultCache.load(cache_dir / "results.json", "F")
    assert cache.get("a/", "new-a") is not None and cache.get("b/", "new-b") is not None
    assert cache.get("a/", "newer-a") is None
    assert cache.get("c/", "new-c") is None  # made with another test set-up: tested again
    cache.put("d/", "new-d", PageResult(url="d/", outcome=PASSED, issues=[]))
    cache.save()
    saved = json.loads((cache_dir / "results.json").read_text())["pages"]
    assert {page: entry["key"] for page, entry in saved.items()} == {"a/": "new-a", "b/": "new-b", "d/": "new-d"}


def test_a_broken_part_is_ignored(tmp_path):
    cache_dir = tmp_path / ".cache" / "a11y"
    (cache_dir / "parts" / "x").mkdir(parents=True)
    (cache_dir / "parts" / "x" / "results.json").write_text("{not json")
    write_results(cache_dir / "parts" / "y" / "results.json", "F", {"a/": "k"})
    cache = ResultCache.load(cache_dir / "results.json", "F")
    assert cache.get("a/", "k") is not None
