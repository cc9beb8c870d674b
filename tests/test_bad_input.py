"""The bad-input corpus: every mistake a volunteer or council is likely to make, run
through the real command, with the message it must give (issue 9).

Each case is a folder in ``tests/bad_input/``:

* ``expected.yml``: what to run and what it must say (see ``tests/bad_input/README.md``);
* ``files/``: files laid over a small, good fixture site (``docs/...``, ``data/...``),
  byte for byte (so a case can hold a Windows-1252 file or a byte-order mark).

Every case checks: the documented exit status; the message names the file (and the line,
where there is one) and says how to fix it; no Python traceback; and, for ``build``
cases, that the last good ``site/`` is byte-for-byte untouched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import ROOT, make_project

CASES_DIR = Path(__file__).resolve().parent / "bad_input"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "expected.yml").is_file())
PYTHON = sys.executable

FRONT = """---
title: {title}
description: {description}
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: {owner}
topics: [schools]
co_produced_with: {forum}
---
"""
EN = dict(owner="Schools Team", forum="Parent Carer Forum")
CY = dict(owner="Tîm Ysgolion", forum="Fforwm Rhieni Gofalwyr")
BASE_PAGES = {
    "index.md": FRONT.format(title="Home", description="Help for families.", **EN)
    + "# Home\n\nYou can find help for your child here.\n\nRead about [schools](schools.md).\n",
    "index.cy.md": FRONT.format(title="Hafan", description="Help i deuluoedd.", **CY)
    + "# Hafan\n\nGallwch chi gael help i'ch plentyn yma.\n\nDarllenwch am [ysgolion](schools.md).\n",
    "schools.md": FRONT.format(title="Schools", description="Help at school.", **EN)
    + "# Schools\n\nYour school can help your child.\n",
    "schools.cy.md": FRONT.format(title="Ysgolion", description="Help yn yr ysgol.", **CY)
    + "# Ysgolion\n\nGall eich ysgol chi helpu eich plentyn.\n",
}
# Unlike other fixture sites, the corpus checks the front matter: only these are off.
BASE_IGNORES = {
    "i18n/outdated-translation": "The fixture site records no translations.",
    "meta/coverage": "The fixture site covers only one topic.",
    "meta/you-said-we-did": "The fixture site has no feedback data.",
}


def load_case(name: str) -> dict:
    return yaml.safe_load((CASES_DIR / name / "expected.yml").read_text("utf-8"))


def write_project(base: Path, case: dict) -> Path:
    """The good fixture site, with the case's settings."""
    council = {"checks": {"ignore": dict(BASE_IGNORES)}}
    for key, value in (case.get("council") or {}).items():
        council[key] = value
    config = make_project(base, BASE_PAGES, council=council, nav=["index.md", "schools.md"])
    data = yaml.safe_load(config.read_text("utf-8"))
    data["extra"]["council"]["checks"]["ignore"] = dict(BASE_IGNORES)
    data.update(case.get("mkdocs") or {})
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return config


def overlay(base: Path, name: str, case: dict) -> None:
    """Lay the case's files over the project, byte for byte; remove what it removes."""
    files = CASES_DIR / name / "files"
    if files.is_dir():
        for path in sorted(files.rglob("*")):
            if path.is_file():
                target = base / path.relative_to(files)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())
    for rel in case.get("remove") or ():
        (base / rel).unlink()
    append = case.get("append_to_mkdocs")
    if append:
        config = base / "mkdocs.yml"
        config.write_text(config.read_text("utf-8") + append, "utf-8")
    for rel, spec in (case.get("generate") or {}).items():
        # big files are made, not stored: {"bytes": N}, {"text": "...", "repeat": N, "tail": "..."}
        # or {"nested_list": N} (a list N levels deep, four spaces a level)
        target = base / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if "bytes" in spec:
            target.write_bytes(bytes(range(256)) * (int(spec["bytes"]) // 256 + 1))
        elif "nested_list" in spec:
            levels = "".join("    " * level + "- help\n" for level in range(int(spec["nested_list"])))
            target.write_text(spec.get("head", "") + levels, "utf-8")
        else:
            target.write_text(spec.get("head", "") + spec["text"] * int(spec["repeat"]) + spec.get("tail", ""),
                              "utf-8")


def environment(base: Path, case: dict, lang: str = "en") -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOCALOFFER_LANG=lang, NO_COLOR="1")
    env.pop("LOCALOFFER_DEBUG", None)
    for key, value in (case.get("env") or {}).items():
        value = str(value).replace("{project}", str(base)).replace("{cases}", str(CASES_DIR))
        if key == "PATH" and value == "{no-chromium}":
            value = no_chromium_path(base)
        env[key] = value
    return env


def no_chromium_path(base: Path) -> str:
    """A PATH with node (pa11y-ci needs it) but no Chromium: a folder of links to node only."""
    folder = base / ".bin-without-chromium"
    folder.mkdir(exist_ok=True)
    node = shutil.which("node")
    if node and not (folder / "node").exists():
        (folder / "node").symlink_to(node)
    return f"{folder}:{Path(PYTHON).parent}"


def run_command(base: Path, case: dict, lang: str = "en") -> subprocess.CompletedProcess:
    command = [PYTHON, "-m", "localoffer", case["command"], *(case.get("args") or [])]
    if case["command"] == "build" and not case.get("a11y"):
        command.append("--no-a11y")
    return subprocess.run(
        command, cwd=base, env=environment(base, case, lang), capture_output=True, text=True,
        timeout=case.get("timeout", 300), check=False,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="session")
def good_site(tmp_path_factory) -> Path:
    """The fixture site, built once with its last good site/ in place."""
    base = tmp_path_factory.mktemp("good")
    write_project(base, {})
    result = run_command(base, {"command": "build"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (base / "site" / "index.html").is_file()
    return base


def project_for(name: str, case: dict, tmp_path: Path, good_site: Path) -> Path:
    base = tmp_path / "project"
    if case["command"] in ("build", "a11y") and not case.get("council") and not case.get("mkdocs"):
        shutil.copytree(good_site, base, symlinks=True)
    else:
        base.mkdir()
        write_project(base, case)
        if case["command"] in ("build", "a11y"):
            shutil.copytree(good_site / "site", base / "site")
    overlay(base, name, case)
    return base


def assert_says(output: str, expect: dict, name: str) -> None:
    where = expect.get("file")
    if where and expect.get("line"):
        where = f"{where}:{expect['line']}"
    if where:
        assert where in output, f"{name}: the message does not name {where!r}:\n{output}"
    for words in expect.get("says") or ():
        assert words in output, f"{name}: the message does not say {words!r}:\n{output}"
    for words in expect.get("fix") or ():
        assert words in output, f"{name}: the message does not give the fix {words!r}:\n{output}"
    for words in expect.get("not") or ():
        assert words not in output, f"{name}: the message says {words!r}, which it must not:\n{output}"


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gives_its_message(name, tmp_path, good_site):
    case = load_case(name)
    base = project_for(name, case, tmp_path, good_site)
    before = tree_digest(base / "site") if case["command"] == "build" else None
    result = run_command(base, case)
    output = result.stdout + result.stderr
    assert "Traceback (most recent call last)" not in output, output
    assert "Something went wrong inside Local Offer Kit" not in output, output
    assert result.returncode == case["exit"], f"{name}: exit {result.returncode}\n{output}"
    assert_says(output, case.get("expect") or {}, name)
    if before is not None:
        assert tree_digest(base / "site") == before, f"{name}: the last good site/ changed"
        leftovers = [p.name for p in base.iterdir() if p.name.startswith(".site.")]
        assert not leftovers, leftovers
    welsh = case.get("expect_cy")
    if welsh:
        result_cy = run_command(base, case, lang="cy")
        output_cy = result_cy.stdout + result_cy.stderr
        assert "Traceback (most recent call last)" not in output_cy, output_cy
        assert result_cy.returncode == case["exit"], output_cy
        assert_says(output_cy, welsh, name + " (Welsh)")


MKDOCS_CASES = [name for name in CASES if load_case(name).get("mkdocs_build")]


@pytest.mark.slow
@pytest.mark.parametrize("name", MKDOCS_CASES)
def test_a_plain_mkdocs_build_gives_the_same_message(name, tmp_path, good_site):
    """The README says a plain ``mkdocs build`` checks too: a crash input must give its
    message there as well, never a traceback (issue 14)."""
    case = load_case(name)
    base = project_for(name, case, tmp_path, good_site)
    result = subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")], cwd=base,
        env=environment(base, case), capture_output=True, text=True, timeout=case.get("timeout", 300), check=False,
    )
    output = result.stdout + result.stderr
    assert "Traceback (most recent call last)" not in output, output
    assert result.returncode == 1, f"{name}: exit {result.returncode}\n{output}"
    expect = dict(case.get("expect") or {})
    expect["says"] = [w for w in expect.get("says") or () if "/" not in w or w.startswith("meta/")]
    assert_says(output, expect, name)


def test_every_case_is_complete():
    assert len(CASES) >= 25
    for name in CASES:
        case = load_case(name)
        assert case.get("about"), name
        assert case["command"] in ("check", "build", "a11y"), name
        assert case["exit"] in (0, 1, 2), name
        expect = case.get("expect") or {}
        assert expect.get("fix") or expect.get("says"), name
