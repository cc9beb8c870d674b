"""Real pa11y-ci in real Chromium, on a fixture site built with MkDocs.

The fixture (tests/fixtures/a11y/site) has one page of planted problems
(problems.md: missing alt, low contrast, empty link, list item outside a list, small
targets) and clean home pages in English and Welsh. The Welsh problems page is
built from the English file (no Welsh yet). Kept to two browser runs (~6 pages,
then 1 page) and one short run for the 404 and never-loading pages.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from localoffer import settings as settings_module
from localoffer.a11y import runner
from localoffer.a11y.check import test_site as run_site_test
from localoffer.a11y.parse import NOT_TESTED, parse_report
from localoffer.a11y.serve import SiteServer

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "a11y" / "site"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(runner.find_chromium() is None, reason="needs Chromium (make setup)"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("a11y-site")
    shutil.copytree(FIXTURE / "docs", work / "docs")
    shutil.copytree(ROOT / "overrides", work / "theme")
    shutil.copytree(FIXTURE / "theme", work / "theme", dirs_exist_ok=True)
    (work / "mkdocs.yml").write_text(
        (FIXTURE / "mkdocs.yml.in").read_text().replace("@ROOT@", str(ROOT))
        .replace("@THEME@", str(work / "theme"))
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
         "-d", str(work / "site")],
        check=True, env=env,
    )
    settings = settings_module.load(work / "mkdocs.yml")
    cache_file = work / "cache" / "results.json"
    first = run_site_test(settings, work / "site", full=True, cache_file=cache_file,
                          show_progress=False)
    return {"work": work, "settings": settings, "cache": cache_file, "first": first}


def errors(outcome):
    return [f for f in outcome.findings if f.severity == "error"]


def test_planted_failures_reported_with_page_source_line_and_criterion(built):
    found = {(f.file, f.line, f.rule, f.lang) for f in errors(built["first"])}
    for line, rule in [
        (7, "a11y/wcag-1.1.1"),    # missing alt
        (11, "a11y/wcag-1.4.3"),   # low contrast
        (15, "a11y/wcag-2.4.4"),   # empty link
        (19, "a11y/wcag-1.3.1"),   # list item outside a list (a form cannot be in a page)
        (23, "a11y/wcag-2.5.8"),   # small targets: WCAG 2.2 AA, from axe
    ]:
        for lang in ("en", "cy"):  # cy/problems/ is built from problems.md
            assert ("docs/problems.md", line, rule, lang) in found, (line, rule, lang)
    sample = next(f for f in errors(built["first"]) if f.rule == "a11y/wcag-1.1.1")
    assert "https://example.org/lo/problems/" in sample.message or \
        "https://example.org/lo/cy/problems/" in sample.message
    assert "WCAG 1.1.1 Non-text Content" in sample.message
    assert sample.suggestion and sample.extra["selector"].endswith("img")


def test_clean_pages_pass_in_both_languages(built):
    pages = built["first"].pages
    assert built["first"].pages_total == 6
    for page in ("", "cy/", "404.html", "cy/404.html"):
        assert pages[page].outcome != NOT_TESTED
    failing = {f.file for f in errors(built["first"])}
    assert failing == {"docs/problems.md"}


def test_cache_retests_only_the_changed_page(built):
    site = built["work"] / "site"
    again = run_site_test(built["settings"], site, cache_file=built["cache"], show_progress=False)
    assert again.pages_tested == 0 and again.pages_cached == 6
    assert len(errors(again)) == len(errors(built["first"]))
    page = site / "cy" / "index.html"
    page.write_text(page.read_text().replace("</article>", "<p>Newydd.</p></article>", 1))
    changed = run_site_test(built["settings"], site, cache_file=built["cache"],
                            show_progress=False)
    assert changed.pages_tested == 1 and changed.pages_cached == 5
    assert changed.pages["cy/"].outcome != NOT_TESTED
    assert not [f for f in errors(changed) if f.file == "docs/index.cy.md"]


def test_reused_tabs_give_the_same_results_as_a_new_tab_per_page(built):
    # scripts/a11y/reuse-tabs.cjs keeps each tab for the next URL (much less CPU per page);
    # the issues found on every page must be exactly those of pa11y's new tab per page.
    site = built["work"] / "site"
    reports = {}
    for reuse in (False, True):
        with SiteServer(site, "/lo/") as server:
            page_urls = [server.url_for(page) for page in sorted(built["first"].pages)]
            run = runner.run_pa11y_ci(page_urls, runner.RunOptions(reuse_tabs=reuse))
        assert run.report is not None, run.stderr
        reports[reuse] = {
            url[url.index("/lo/"):]: sorted(
                (i.get("runner"), i.get("code"), i.get("selector"), i.get("context"))
                for i in issues
            )
            for url, issues in run.report["results"].items()
        }
    assert len(reports[True]) == 6
    assert any(reports[True].values())  # the planted problems were found
    assert reports[True] == reports[False]


def test_404_and_never_loading_pages_are_failures_not_passes(built):
    site = built["work"] / "site"
    with SiteServer(site, "/lo/", hang_paths={"/lo/cy/"}) as server:
        page_urls = [server.url_for("missing/"), server.url_for("cy/")]
        run = runner.run_pa11y_ci(page_urls, runner.RunOptions(page_timeout_ms=3000))
        statuses = dict(server.statuses)
    assert run.report is not None
    results = parse_report(run.report, page_urls, statuses)
    assert results[page_urls[0]].outcome == NOT_TESTED
    assert "404" in results[page_urls[0]].reason
    assert results[page_urls[1]].outcome == NOT_TESTED
