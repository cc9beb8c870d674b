"""``localoffer a11y --shard K/N`` and ``--merge`` (issue 17, item 2).

The browser test runs the real command three times on the fixture site (a full run, then
parts 1/2 and 2/2), and checks that the parts' pages are every page with no overlap and
that merging the parts gives the same findings as the full run. The other tests merge
reports written here (no browser): a page no part tested is an error, merged parts fill
in the accessibility statement, and a file that is not a report is refused.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from localoffer.a11y import runner
from localoffer.a11y.statement import MARK, placeholder
from sitekit import a11y_fixture

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "a11y" / "site"


def build_fixture(work: Path) -> Path:
    a11y_fixture(work)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
                    "-d", str(work / "site")], check=True, env=env)
    return work


def a11y(work: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "localoffer", "--config", str(work / "mkdocs.yml"), "a11y",
         str(work / "site"), *args],
        cwd=work, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, LOCALOFFER_LANG="en"),
    )


def comparable(document: dict) -> list:
    return sorted(json.dumps(finding, sort_keys=True) for finding in document["findings"])


@pytest.mark.slow
@pytest.mark.skipif(runner.find_chromium() is None, reason="needs Chromium (make setup)")
def test_parts_cover_every_page_once_and_merge_to_the_full_result(tmp_path):
    work = build_fixture(tmp_path)
    full = a11y(work, "--full", "--format", "json")
    assert full.returncode == 1, full.stderr  # the fixture has planted problems
    whole = json.loads(full.stdout)
    assert whole["shard"] is None and len(whole["tested"]) == 8
    reports = []
    for part in ("1/2", "2/2"):
        result = a11y(work, "--full", "--shard", part, "--format", "json")
        assert result.returncode in (0, 1), result.stderr
        assert f"This was part {part[0]} of 2" in result.stderr
        document = json.loads(result.stdout)
        assert document["shard"] == [int(part[0]), 2] and document["site_pages"] == 8
        path = tmp_path / f"part-{part[0]}.json"
        path.write_text(result.stdout)
        reports.append((path, document))
    first, second = (set(document["tested"]) for _, document in reports)
    assert first and second and not first & second
    assert first | second == set(whole["tested"])
    # each part has one home page: pages of one kind are spread over the parts
    assert {"", "cy/"} & first and {"", "cy/"} & second
    merged = a11y(work, "--merge", *(str(path) for path, _ in reports), "--format", "json")
    assert merged.returncode == 1, merged.stderr
    together = json.loads(merged.stdout)
    assert comparable(together) == comparable(whole)
    assert together["tested"] == whole["tested"]


def report(tested, findings=()):
    return {"version": 1, "findings": list(findings), "summary": {}, "silenced": [],
            "files": len(tested), "words": 0, "tested": list(tested), "shard": None,
            "site_pages": 0, "seconds": 1.0}


@pytest.fixture
def small_site(tmp_path):
    """A built site (no browser needed to merge) with an accessibility statement page."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Merge\nsite_url: https://example.org/lo/\ndocs_dir: docs\n"
        "extra:\n  council:\n    name:\n      en: Merge Council\n      cy: Cyngor Cyfuno\n    jurisdiction: wales\n")
    site = tmp_path / "site"
    for page, lang in (("", "en"), ("accessibility/", "en"), ("cy/", "cy")):
        folder = site / page
        folder.mkdir(parents=True, exist_ok=True)
        body = placeholder(lang) if page == "accessibility/" else "<p>Home</p>"
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="{lang}"><body><article>{body}</article></body></html>')
    return tmp_path


def test_merged_passing_parts_fill_in_the_statement(small_site):
    (small_site / "a.json").write_text(json.dumps(report(["", "cy/"])))
    (small_site / "b.json").write_text(json.dumps(report(["accessibility/"])))
    result = a11y(small_site, "--merge", str(small_site / "a.json"), str(small_site / "b.json"))
    assert result.returncode == 0, result.stdout + result.stderr
    statement = (small_site / "site" / "accessibility" / "index.html").read_text()
    assert MARK in statement
    assert "We tested all 3 pages" in statement and "found 0 problems" in statement


def test_a_page_no_part_tested_is_an_error_and_the_statement_is_left_alone(small_site):
    (small_site / "a.json").write_text(json.dumps(report(["", "cy/"])))
    result = a11y(small_site, "--merge", str(small_site / "a.json"), "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["extra"]["url"]) for f in findings] == \
        [("a11y/page-not-tested", "https://example.org/lo/accessibility/")]
    assert "none of the merged reports tested it" in findings[0]["message"]
    statement = (small_site / "site" / "accessibility" / "index.html").read_text()
    assert "We tested all" not in statement


def test_a_file_that_is_not_a_report_is_refused(small_site):
    (small_site / "bad.json").write_text('{"findings": []}')
    result = a11y(small_site, "--merge", str(small_site / "bad.json"))
    assert result.returncode == 2
    assert "Cannot merge the reports" in result.stderr and "bad.json" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_a_bad_shard_is_refused_before_any_browser_starts(small_site, value):
    result = a11y(small_site, "--shard", value)
    assert result.returncode == 2
    assert "--shard needs two whole numbers" in result.stderr and value in result.stderr
