"""Parser tests on pa11y-ci JSON recorded from real runs (tests/fixtures/a11y/).

pa11y-ci-report.json: our config on the fixture site, four URLs: the home page
(clean but for Material's hidden search toggle), the planted-problems page, a
URL our server answered with 404, and a URL our server never answered (3 s timeout).
pa11y-ci-rules-option-with-htmlcs.json: pa11y's `rules: ["target-size"]` with
both runners: htmlcs throws, so the page has no result at all.
"""

import json
from pathlib import Path

from localoffer.a11y.parse import FAILED, NOT_TESTED, PASSED, parse_report, runner_name

FIXTURES = Path(__file__).parent / "fixtures" / "a11y"
BASE = "http://127.0.0.1:8123/lo/"


def recorded(name):
    return json.loads((FIXTURES / name).read_text("utf-8"))


def test_real_issues_are_parsed_with_runner_and_selector():
    pages = parse_report(recorded("pa11y-ci-report.json"), [BASE + "problems/"])
    result = pages[BASE + "problems/"]
    assert result.outcome == FAILED
    codes = {(issue.runner, issue.code) for issue in result.issues}
    assert ("axe", "image-alt") in codes
    assert ("axe", "target-size") in codes  # WCAG 2.2, from our axe runner
    assert ("htmlcs", "WCAG2AA.Principle1.Guideline1_1.1_1_1.H37") in codes
    target = next(i for i in result.issues if i.code == "target-size")
    assert "wcag22aa" in target.tags and "wcag258" in target.tags
    assert target.selector.endswith("a:nth-child(1)") or target.selector.endswith("a:nth-child(2)")


def test_page_that_never_loaded_is_not_tested():
    url = BASE + "hang/"
    report = recorded("pa11y-ci-report.json")
    assert list(report["results"][url][0]) == ["message"]  # pa11y-ci's shape for a failed load
    result = parse_report(report, [url])[url]
    assert result.outcome == NOT_TESTED
    assert "did not load" in result.reason and "timeout" in result.reason.lower()


def test_page_that_answered_404_is_not_tested_even_with_issues_or_none():
    url = BASE + "missing/"
    report = recorded("pa11y-ci-report.json")
    statuses = {"/lo/missing/": 404, "/lo/": 200}
    assert parse_report(report, [url], statuses)[url].outcome == NOT_TESTED
    # The same 404 with no issues at all (pa11y-ci counts it as a pass) is still not a pass.
    report["results"][url] = []
    result = parse_report(report, [url], statuses)[url]
    assert result.outcome == NOT_TESTED and "404" in result.reason


def test_page_never_requested_or_never_answered_is_not_tested():
    report = {"total": 1, "passes": 1, "errors": 0, "results": {BASE: []}}
    assert parse_report(report, [BASE], {})[BASE].outcome == NOT_TESTED
    assert parse_report(report, [BASE], {"/lo/": 0})[BASE].outcome == NOT_TESTED
    assert parse_report(report, [BASE], {"/lo/": 200})[BASE].outcome == PASSED


def test_page_missing_from_results_is_not_tested():
    report = recorded("pa11y-ci-report.json")
    url = BASE + "not-in-report/"
    result = parse_report(report, [url])[url]
    assert result.outcome == NOT_TESTED and "no result" in result.reason


def test_no_report_means_every_page_not_tested():
    pages = parse_report(None, [BASE, BASE + "a/"])
    assert {r.outcome for r in pages.values()} == {NOT_TESTED}
    pages = parse_report({"garbage": True}, [BASE])
    assert pages[BASE].outcome == NOT_TESTED


def test_pa11y_rules_option_with_htmlcs_gives_no_result():
    report = recorded("pa11y-ci-rules-option-with-htmlcs.json")
    url = BASE + "small/"
    assert report["errors"] == 0  # pa11y-ci itself counts no errors here
    result = parse_report(report, [url])[url]
    assert result.outcome == NOT_TESTED
    assert "not a valid WCAG 2.1 rule" in result.reason


def test_runner_names():
    assert runner_name("htmlcs") == "htmlcs"
    assert runner_name("axe") == "axe"
    assert runner_name("/work/main/scripts/a11y/pa11y-runner-axe22.js") == "axe"
