"""Which lines a pull request changed, from git, so editors see their own problems first.

``changed_lines(ref, folder)`` compares the working tree with the point where the
current branch left ``ref`` (``git merge-base``), and returns, for each changed file,
the set of line numbers (1-based, in the file as it is now). Files git does not
track yet count as changed on every line. Works in a shallow CI clone as long as
``ref`` has been fetched.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from localoffer.errors import UserError
from localoffer.messages import cli_language, t

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(args: list[str], folder: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UserError(t("cli.git_missing", cli_language()), fix=t("cli.git_missing_fix", cli_language())) from None
    if done.returncode != 0:
        lang = cli_language()
        problem = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise UserError(t("cli.git_failed", lang, problem=problem), fix=t("cli.git_failed_fix", lang))
    return done.stdout


def parse_diff(diff: str, root: Path) -> dict[Path, set[int]]:
    """Changed line numbers per file from ``git diff --unified=0`` output (pure)."""
    changed: dict[Path, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            if name == "/dev/null":
                current = None
                continue
            name = name[2:] if name.startswith("b/") else name
            current = changed.setdefault((root / name).resolve(), set())
        elif line.startswith("@@") and current is not None:
            match = HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or 1)
                current.update(range(start, start + count))
    return changed


def changed_lines(ref: str, folder: str | Path = ".") -> dict[Path, set[int]]:
    """Lines changed since the current branch left ``ref``. Raises UserError on git problems."""
    folder = Path(folder).resolve()
    root = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    base = _git(["merge-base", ref, "HEAD"], root).strip()
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", base, "--"], root)
    changed = parse_diff(diff, root)
    for name in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        path = (root / name).resolve()
        try:
            count = len(path.read_bytes().splitlines()) or 1
        except OSError:
            continue
        changed[path] = set(range(1, count + 1))
    return changed


def only_changed(findings, changed: dict[Path, set[int]]):
    """The findings on changed lines (a finding on line 1 of a whole-file problem counts
    when the file changed at all)."""
    kept = []
    for finding in findings:
        lines = changed.get(Path(finding.file).resolve())
        if lines is None:
            continue
        if finding.line in lines or (finding.line <= 1 and lines):
            kept.append(finding)
    return kept
