"""Real pa11y-ci in real Chromium, on a fixture site built with MkDocs.

The fixture (tests/fixtures/a11y/site) has one page of planted problems
(problems.md: missing alt, low contrast, empty link, list item outside a list, small
targets, a box wider than a phone), a page nothing links to (orphan.md, left out of
the menu) and clean home pages in English and Welsh. The Welsh problems and orphan
pages are built from the English files (no Welsh yet). Kept to two browser runs (~8
pages, then 1 page) and one short run for the 404 and never-loading pages. The
keyboard walk is tested on its own probe pages (test_a11y_family_checks.py): here it
would test the theme's header, which is not what these tests are about.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from localoffer import settings as settings_module
from localoffer.a11y import runner
from localoffer.a11y.check import test_site as run_site_test
from localoffer.a11y.parse import NOT_TESTED, parse_report
from localoffer.a11y.serve import SiteServer
from sitekit import a11y_fixture

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "a11y" / "site"
OPTIONS = runner.RunOptions(keyboard=False)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(runner.find_chromium() is None, reason="needs Chromium (make setup)"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("a11y-site")
    a11y_fixture(work)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
         "-d", str(work / "site")],
        check=True, env=env,
    )
    settings = settings_module.load(work / "mkdocs.yml")
    cache_file = work / "cache" / "results.json"
    first = run_site_test(settings, work / "site", full=True, cache_file=cache_file,
                          show_progress=False, options=OPTIONS)
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
        (27, "a11y/wcag-1.4.10"),  # a 400 px box: the page scrolls sideways at 320 px
    ]:
        for lang in ("en", "cy"):  # cy/problems/ is built from problems.md
            assert ("docs/problems.md", line, rule, lang) in found, (line, rule, lang)
    sample = next(f for f in errors(built["first"]) if f.rule == "a11y/wcag-1.1.1")
    assert "https://example.org/lo/problems/" in sample.message or \
        "https://example.org/lo/cy/problems/" in sample.message
    assert "WCAG 1.1.1 Non-text Content" in sample.message
    assert sample.suggestion and sample.extra["selector"].endswith("img")
    wide = {f.lang: f for f in errors(built["first"]) if f.rule == "a11y/wcag-1.4.10"}
    assert "div.planted-wide" in wide["en"].message or "> div" in wide["en"].message
    assert wide["en"].message.startswith("At 320 CSS pixels wide")
    assert "WCAG 1.4.10 Reflow" in wide["en"].message
    assert wide["cy"].message.startswith("Ar led o 320 picsel CSS")
    assert wide["cy"].suggestion.startswith("Gadewch i rannau llydan")


def test_a_page_no_link_reaches_is_reported_in_each_language(built):
    found = sorted((f.file, f.lang, f.extra["home"]) for f in errors(built["first"])
                   if f.rule == "a11y/unreachable")
    assert found == [("docs/orphan.md", "cy", "https://example.org/lo/cy/"),
                     ("docs/orphan.md", "en", "https://example.org/lo/")]
    welsh = next(f for f in errors(built["first"]) if f.rule == "a11y/unreachable" and f.lang == "cy")
    assert welsh.message.startswith("Does dim cyfres o ddolenni o'r hafan")


def test_clean_pages_pass_in_both_languages(built):
    pages = built["first"].pages
    assert built["first"].pages_total == 8
    for page in ("", "cy/", "404.html", "cy/404.html"):
        assert pages[page].outcome != NOT_TESTED
    failing = {f.file for f in errors(built["first"])}
    assert failing == {"docs/problems.md", "docs/orphan.md"}
    assert {f.rule for f in errors(built["first"]) if f.file == "docs/orphan.md"} == \
        {"a11y/unreachable"}


def test_cache_retests_only_the_changed_page(built):
    site = built["work"] / "site"
    again = run_site_test(built["settings"], site, cache_file=built["cache"], show_progress=False,
                          options=OPTIONS)
    assert again.pages_tested == 0 and again.pages_cached == 8
    assert len(errors(again)) == len(errors(built["first"]))
    page = site / "cy" / "index.html"
    page.write_text(page.read_text().replace("</article>", "<p>Newydd.</p></article>", 1))
    changed = run_site_test(built["settings"], site, cache_file=built["cache"],
                            show_progress=False, options=OPTIONS)
    assert changed.pages_tested == 1 and changed.pages_cached == 7
    assert changed.pages["cy/"].outcome != NOT_TESTED
    assert not [f for f in errors(changed) if f.file == "docs/index.cy.md"]


def test_reused_tabs_give_the_same_results_as_a_new_tab_per_page(built):
    # scripts/a11y/page-guard.cjs keeps each tab for the next URL (much less CPU per page);
    # the issues found on every page must be exactly those of pa11y's new tab per page.
    site = built["work"] / "site"
    reports = {}
    for reuse in (False, True):
        with SiteServer(site, "/lo/") as server:
            page_urls = [server.url_for(page) for page in sorted(built["first"].pages)]
            run = runner.run_pa11y_ci(page_urls, runner.RunOptions(reuse_tabs=reuse, keyboard=False))
        assert run.report is not None, run.stderr
        reports[reuse] = {
            url[url.index("/lo/"):]: sorted(
                (i.get("runner"), i.get("code"), i.get("selector"), i.get("context"))
                for i in issues
            )
            for url, issues in run.report["results"].items()
        }
    assert len(reports[True]) == 8
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
