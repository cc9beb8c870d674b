"""``localoffer check PATH``: checking some pages, not the whole site.

The pair rules still compare each page with its translation (read for that only), and
the rules about the whole site (is every topic covered?) say nothing."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import example_project  # noqa: E402  (a copy of the example site, paths made absolute)


def _example(tmp_path: Path) -> Path:
    return example_project(tmp_path / "project")


def _check(project: Path, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "localoffer", "--config", "mkdocs.yml", "check", *paths],
                          capture_output=True, text=True, cwd=project, check=False)


def test_one_page_is_compared_with_its_translation_and_not_with_the_whole_site(tmp_path):
    project = _example(tmp_path)
    clean = _check(project, "docs/contact.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "meta/coverage" not in clean.stdout and "i18n/missing-translation" not in clean.stdout
    assert "in 1 files" in clean.stdout

    welsh = project / "docs" / "contact.cy.md"
    # the number and its tap-to-call link both wrong (i18n/mismatch reads tel: links too)
    welsh.write_text(welsh.read_text(encoding="utf-8").replace("01632 960 123", "01632 960 999")
                     .replace("tel:+441632960123", "tel:+441632960999"), encoding="utf-8")
    wrong = _check(project, "docs/contact.cy.md")
    assert wrong.returncode == 1
    assert "docs/contact.cy.md:" in wrong.stdout and "error i18n/mismatch" in wrong.stdout
    assert "docs/contact.md:" in wrong.stdout  # the message names the English line
    assert all(not line.startswith("docs/contact.md:") for line in wrong.stdout.splitlines())

    welsh.unlink()
    missing = _check(project, "docs/contact.md")
    assert missing.returncode == 1
    assert "docs/contact.md:1:1: error i18n/missing-translation" in missing.stdout


def test_one_page_gets_no_findings_about_the_whole_site(tmp_path):
    """Read alone, the home page covers few topics; that is no reason to report the topics
    other pages cover (before, checking one page gave an error for each one)."""
    project = tmp_path / "generated"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(project), "--pages", "4"],
                   check=True, capture_output=True)
    whole = _check(project)
    assert whole.returncode == 0, whole.stdout
    one = _check(project, "docs/index.md")
    assert one.returncode == 0, one.stdout
    assert "meta/coverage" not in one.stdout and "in 1 files" in one.stdout


def test_whole_site_check_reports_a_missing_topic_and_one_page_check_does_not(tmp_path):
    """``localoffer check`` with no paths is a whole-site check and runs ``meta/coverage``
    (before, it was taken for a check of some pages and the rule never ran)."""
    import json

    import yaml

    sys.path.insert(0, str(ROOT / "tests"))
    from sitekit import make_project

    from localoffer import coverage

    topics = coverage.topic_ids("wales")
    missing = next(t["id"] for t in coverage.checklist("wales") if t["level"] == "must")
    covered = "topics: [{}]".format(", ".join(t for t in topics if t != missing))
    config = make_project(tmp_path, {
        "index.md": f"---\ntitle: Home\n{covered}\n---\n# Home\n\nWe help children and families.\n",
        "index.cy.md": f"---\ntitle: Hafan\n{covered}\n---\n# Hafan\n\nRydym yn helpu plant a theuluoedd.\n",
    })
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    del settings["extra"]["council"]["checks"]["ignore"]["meta/coverage"]  # this test wants it
    config.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")

    def coverage_findings(*paths):
        done = subprocess.run(
            [sys.executable, "-m", "localoffer", "--config", "mkdocs.yml", "check", "--format", "json", *paths],
            capture_output=True, text=True, cwd=tmp_path, check=False)
        report = json.loads(done.stdout)
        return [f for f in report["findings"] if f["rule"] == "meta/coverage"]

    whole = coverage_findings()
    assert len(whole) == 1 and f"({missing})" in whole[0]["message"], whole
    assert coverage_findings("docs/index.md") == []
