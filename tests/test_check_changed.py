"""`localoffer check --changed-since REF` reports only lines a branch changed (real git)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from localoffer.changes import parse_diff
from sitekit import make_project

LONG = ("This sentence is written to be far too long for a family to read easily on a small "
        "phone screen while they are busy looking after a child at home.")


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


def committed_project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A site project in a new git repository, with its pages committed on main."""
    project = tmp_path / "site"
    make_project(project, pages)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", ".", cwd=project)
    git("commit", "-q", "-m", "first", cwd=project)
    return project


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "localoffer", "--config", str(project / "mkdocs.yml"),
                           "check", "--format", "json", *args],
                          cwd=project, capture_output=True, text=True, check=False)


def rules_at(output: str) -> list[tuple[str, int, str]]:
    return [(Path(f["file"]).name, f["line"], f["rule"]) for f in json.loads(output)["findings"]]


def test_only_findings_on_changed_lines_are_reported(tmp_path):
    page = f"---\ntitle: Home\n---\n# Home\n\n{LONG}\n\nShort and clear.\n"
    project = committed_project(
        tmp_path, {"index.md": page, "index.cy.md": "---\ntitle: Hafan\n---\n# Hafan\n\nTestun byr.\n"})
    git("checkout", "-q", "-b", "edit", cwd=project)
    (project / "docs" / "index.md").write_text(page.replace("Short and clear.", LONG), encoding="utf-8")

    everything = check(project)
    assert ("index.md", 6, "plain/long-sentence") in rules_at(everything.stdout)
    assert ("index.md", 8, "plain/long-sentence") in rules_at(everything.stdout)

    mine = check(project, "--changed-since", "main")
    assert mine.returncode in (0, 1), mine.stderr
    found = rules_at(mine.stdout)
    assert ("index.md", 8, "plain/long-sentence") in found
    assert all(line == 8 for name, line, rule in found if name == "index.md"), found
    assert not any(name == "index.cy.md" for name, _, _ in found)


def test_a_new_file_counts_as_changed_everywhere(tmp_path):
    project = committed_project(tmp_path, {"index.md": "---\ntitle: Home\n---\n# Home\n\nShort.\n"})
    (project / "docs" / "new.md").write_text(f"---\ntitle: New\n---\n# New\n\n{LONG}\n", encoding="utf-8")
    found = rules_at(check(project, "--changed-since", "main").stdout)
    assert ("new.md", 6, "plain/long-sentence") in found


def test_an_unknown_branch_gives_a_plain_error(tmp_path):
    project = committed_project(tmp_path, {"index.md": "---\ntitle: Home\n---\n# Home\n\nShort.\n"})
    result = check(project, "--changed-since", "origin/nowhere")
    assert result.returncode == 2
    assert "changed lines with git" in result.stderr and "git fetch" in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_diff_reads_hunks(tmp_path):
    diff = ("diff --git a/docs/a.md b/docs/a.md\n--- a/docs/a.md\n+++ b/docs/a.md\n"
            "@@ -3 +3,2 @@\n-old\n+new\n+new2\n@@ -10,2 +11,0 @@\n-gone\n-gone\n"
            "diff --git a/x.md b/x.md\n--- a/x.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n")
    changed = parse_diff(diff, tmp_path)
    assert changed == {(tmp_path / "docs/a.md").resolve(): {3, 4}}
