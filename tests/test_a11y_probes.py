"""Probe pages that try to fool or stall the browser tests (issue 14, item 6).

tests/fixtures/a11y/probes/ holds plain HTML pages whose script does something after the
load event (probe.js): adds an image with no alt text 250 ms after load, sends the tab
to another page 200 or 400 ms after load, opens an alert or a confirm box, starts a loop
that never ends, or leaves a name on the tab for the next page to find (one page also
hides its redirect's timer from the tab reset, and one never stops changing). They are tested
with the real pa11y-ci in Chromium, one tab (concurrency 1) so that each page follows
the one before it in the same tab, in one run that must finish and report every page.

Before the page guard (scripts/a11y/page-guard.cjs) and the wait for a quiet page
(scripts/a11y/wait-for-load.cjs): the late image passed unseen, the late redirect
passed, the name-reading page failed because of the page before it, and the alert or
the endless loop stalled the whole run until its time limit with no report at all.
"""

import subprocess
import sys
import os
from pathlib import Path

import pytest

from localoffer import settings as settings_module
from localoffer.a11y import runner
from localoffer.a11y.check import test_site as run_site_test
from localoffer.a11y.parse import FAILED, NOT_TESTED, PASSED, parse_report
from localoffer.a11y.serve import SiteServer
from sitekit import a11y_fixture

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "tests" / "fixtures" / "a11y" / "probes"
FIXTURE = ROOT / "tests" / "fixtures" / "a11y" / "site"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(runner.find_chromium() is None, reason="needs Chromium (make setup)"),
]

# In this order, in one tab. Query strings keep repeated pages apart in the report.
ORDER = [
    "clean.html",
    "late-content.html",
    "name-set.html",
    "name-read.html",
    "late-redirect.html",
    "clean.html?after=late-redirect",
    "later-redirect.html",
    "clean.html?after=later-redirect",
    "stubborn-redirect.html",
    "clean.html?after=stubborn-redirect",
    "clean.html?after=stubborn-redirect-2",
    "alert.html",
    "clean.html?after=alert",
    "confirm.html",
    "hang.html",
    "clean.html?after=hang",
    "never-quiet.html",
    "clean.html?after=never-quiet",
]


@pytest.fixture(scope="module")
def probe_run():
    options = runner.RunOptions(concurrency=1, page_time_limit_ms=4000, checks=())
    with SiteServer(PROBES, "/probes/") as server:
        urls = [server.url_for(page) for page in ORDER]
        run = runner.run_pa11y_ci(urls, options)
        statuses = dict(server.statuses)
    assert run.report is not None, run.stderr  # the run finished and wrote its report
    results = parse_report(run.report, urls, statuses)
    return {page: results[url] for page, url in zip(ORDER, urls)}


def codes(result):
    return {issue.code for issue in result.issues}


def test_content_added_after_load_is_tested(probe_run):
    result = probe_run["late-content.html"]
    assert result.outcome == FAILED
    assert "image-alt" in codes(result)


def test_a_page_cannot_pass_its_window_name_to_the_next_page(probe_run):
    assert probe_run["name-set.html"].outcome == PASSED
    assert probe_run["name-read.html"].outcome == PASSED, codes(probe_run["name-read.html"])


def test_a_page_that_goes_elsewhere_after_load_fails_on_its_own(probe_run):
    result = probe_run["late-redirect.html"]
    assert result.outcome == NOT_TESTED
    assert result.reason_code == "navigated-away"
    assert result.reason_detail.endswith("/probes/elsewhere.html")
    assert probe_run["clean.html?after=late-redirect"].outcome == PASSED


def test_a_redirect_after_the_test_cannot_reach_the_next_page(probe_run):
    # 400 ms after load the test may be over: either the page is caught going away, or
    # its timer is cleared before the tab is reused. Never does the next page suffer.
    result = probe_run["later-redirect.html"]
    assert result.outcome == PASSED or result.reason_code == "navigated-away"
    after = probe_run["clean.html?after=later-redirect"]
    assert after.outcome == PASSED, after.reason


def test_a_redirect_hidden_from_the_tab_reset_cannot_reach_the_next_pages(probe_run):
    # stubborn-redirect.html stops the reset from clearing its timer and leaves 600 ms
    # after load, while its tab waits or while the next page loads in it. Then the tab is
    # closed, or the next page is tested again in a new tab.
    result = probe_run["stubborn-redirect.html"]
    assert result.outcome == PASSED or result.reason_code == "navigated-away"
    for page in ("clean.html?after=stubborn-redirect", "clean.html?after=stubborn-redirect-2"):
        assert probe_run[page].outcome == PASSED, (page, probe_run[page].reason)


def test_dialogs_fail_their_own_page_and_the_run_goes_on(probe_run):
    for page, kind in (("alert.html", "alert"), ("confirm.html", "confirm")):
        result = probe_run[page]
        assert result.outcome == NOT_TESTED
        assert result.reason_code == "dialog"
        assert result.reason_detail.startswith(kind)
    assert probe_run["clean.html?after=alert"].outcome == PASSED


def test_a_page_that_hangs_fails_at_its_own_time_limit(probe_run):
    result = probe_run["hang.html"]
    assert result.outcome == NOT_TESTED
    assert result.reason_code == "time-limit"
    assert probe_run["clean.html?after=hang"].outcome == PASSED


def test_a_page_that_never_stops_changing_is_tested_after_the_wait_ends(probe_run):
    # wait-for-load.cjs waits at most 2.5 s for a quiet page, then tests it as it is.
    assert probe_run["never-quiet.html"].outcome == PASSED, probe_run["never-quiet.html"].reason
    assert probe_run["clean.html?after=never-quiet"].outcome == PASSED


def test_every_clean_page_passed(probe_run):
    for page, result in probe_run.items():
        if page.startswith("clean.html"):
            assert result.outcome == PASSED, (page, result.reason)


@pytest.fixture(scope="module")
def built_with_probe(tmp_path_factory):
    """The MkDocs fixture site, with the Welsh home page given a script that opens an alert
    (as a theme script with a bug would: it is in the folder the CSP lets scripts run from)."""
    work = tmp_path_factory.mktemp("a11y-probe-site")
    a11y_fixture(work)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
                    "-d", str(work / "site")], check=True, env=env)
    site = work / "site"
    (site / "assets" / "javascripts" / "probe-alert.js").write_text(
        "window.addEventListener('load', function () { setTimeout(function () {"
        " alert('Croeso'); }, 50); });\n")
    page = site / "cy" / "index.html"
    page.write_text(page.read_text().replace(
        "</body>", '<script src="../assets/javascripts/probe-alert.js"></script></body>', 1))
    return work


def test_a_stopped_page_is_reported_against_its_markdown_file_in_its_language(built_with_probe):
    work = built_with_probe
    settings = settings_module.load(work / "mkdocs.yml")
    outcome = run_site_test(settings, work / "site", full=True, cache_file=work / "cache.json",
                            show_progress=False,
                            options=runner.RunOptions(checks=(), keyboard=False))
    stopped = [f for f in outcome.findings if f.rule == "a11y/page-not-tested"]
    assert [(f.file, f.lang, f.extra["reason"]) for f in stopped] == \
        [("docs/index.cy.md", "cy", "dialog")]
    assert "flwch neges" in stopped[0].message and "Croeso" in stopped[0].message
    assert stopped[0].suggestion.startswith("Tynnwch y sgript")
    # every other page was tested as usual
    assert sum(1 for r in outcome.pages.values() if r.outcome == NOT_TESTED) == 1
