"""An English-only site: a council in England removes the ``cy`` language from mkdocs.yml.

Then nothing asks for Welsh (no missing-translation finding, no Welsh notice, no Welsh
search index, no Welsh 404 page, no hreflang to /cy/, no Welsh service export), and
``localoffer build`` - with the browser tests, as ``make build`` runs it - works. A
bilingual site in England keeps its translation checks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import example_project  # noqa: E402  (a copy of the example site, paths made absolute)

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
LOCALOFFER = [sys.executable, "-m", "localoffer"]
# The example pages are about the law in Wales: on a site set to England their ALN terms
# and the topics they cover are (rightly) reported. This test is about the languages.
CONTENT_IGNORES = {
    "meta/coverage": "The example pages were written for Wales.",
    "plain/jargon": "The example pages were written for Wales.",
}


def english_only_copy(dest: Path, keep_welsh: bool = False) -> Path:
    """A copy of the template as a council in England makes it: jurisdiction england and,
    unless ``keep_welsh``, no cy language and no .cy.md pages."""
    project = example_project(dest)
    config_file = project / "mkdocs.yml"
    config = yaml.load(config_file.read_text("utf-8"), Loader=yaml.Loader)
    council = config["extra"]["council"]
    council["jurisdiction"] = "england"
    council.setdefault("checks", {}).setdefault("ignore", {}).update(CONTENT_IGNORES)
    if not keep_welsh:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                plugin["i18n"]["languages"] = [lang for lang in plugin["i18n"]["languages"] if lang["locale"] != "cy"]
        for page in project.rglob("*.cy.md"):
            page.unlink()
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def _run(args, cwd, timeout=600):
    return subprocess.run(LOCALOFFER + args, cwd=cwd, env=dict(ENV, PYTHONPATH=str(ROOT / "scripts")),
                          capture_output=True, text=True, timeout=timeout)


def _welsh_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"]
            if f["rule"].startswith("i18n/") or f.get("lang") == "cy" or ".cy.md" in f["file"]]


def test_english_only_site_gets_no_welsh_finding(tmp_path):
    config = english_only_copy(tmp_path / "project")
    result = _run(["--config", str(config), "check", "--format", "json"], cwd=config.parent)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert not _welsh_findings(report), _welsh_findings(report)[:5]


def test_bilingual_site_in_england_keeps_its_translation_checks(tmp_path):
    config = english_only_copy(tmp_path / "project", keep_welsh=True)
    (config.parent / "docs" / "travel.cy.md").unlink()
    result = _run(["--config", str(config), "check", "--format", "json"], cwd=config.parent)
    report = json.loads(result.stdout)
    missing = [f for f in report["findings"] if f["rule"] == "i18n/missing-translation"]
    assert [f["file"] for f in missing] == ["docs/travel.md"]
    assert missing[0]["severity"] == "warning"  # England: a warning, not an error


@pytest.mark.slow
def test_english_only_site_builds_with_browser_tests_and_nothing_welsh(tmp_path):
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.fail("Chromium is needed for the browser tests (Debian's chromium package)")
    config = english_only_copy(tmp_path / "project")
    result = _run(["--config", str(config), "build"], cwd=config.parent, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "i18n/" not in output and ".cy.md" not in output
    site = config.parent / "site"
    # no Welsh pages, search index, 404 or service export
    assert not (site / "cy").exists(), sorted(p.as_posix() for p in (site / "cy").rglob("*"))[:10]
    pagefind = site / "pagefind"
    assert pagefind.is_dir()
    assert not any("cy" in p.name.split("_")[0].split(".") for p in pagefind.glob("pagefind.cy*"))
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert 'hreflang="cy"' not in html and "/cy/" not in html, page
        assert re.search(r'<html[^>]*\blang="en"', html), page
        assert "Cymraeg" not in html, page
    # the hosting files were written and say nothing of a Welsh site
    for name in ("_headers", "staticwebapp.config.json"):
        text = (site / name).read_text("utf-8")
        assert "/cy/" not in text
