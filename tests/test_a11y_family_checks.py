"""Our own browser checks (issue 16), on planted probe pages in real Chromium.

tests/fixtures/a11y/probes/ holds one page per failure (family.css styles them):
- wide-box.html: a 400 px box, so at 320 px the page scrolls sideways (WCAG 1.4.10);
- drawer.html: a closed menu drawer moved off the screen whose links still take focus
  (WCAG 2.4.7; Material's phone drawer did this);
- menu-label.html: a menu button that is a label for a hidden check box, so the Tab key
  never reaches it (WCAG 2.1.1; Material's menu button did this);
- no-focus-style.html: links that look the same with and without focus (WCAG 2.4.7);
- small-on-phone.html: links 10 px tall and close together, but only on a phone, so
  only the check at 320 px finds them (WCAG 2.5.8);
- covered.html: the first link on the page sits under a banner fixed to the top of the
  window (WCAG 2.4.11), and a later link is transparent (WCAG 2.4.7);
and good-keyboard.html, which must pass: a skip link that shows on focus, a real menu
button, a closed menu hidden with display: none, visible focus everywhere.
One pa11y-ci run with the keyboard walk asked for on every page.
"""

from pathlib import Path

import pytest

from localoffer.a11y import runner
from localoffer.a11y.parse import FAILED, PASSED, parse_report
from localoffer.a11y.serve import SiteServer

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "tests" / "fixtures" / "a11y" / "probes"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(runner.find_chromium() is None, reason="needs Chromium (make setup)"),
]

PAGES = ["good-keyboard.html", "drawer.html", "menu-label.html", "no-focus-style.html",
         "wide-box.html", "small-on-phone.html", "covered.html", "clean.html"]


@pytest.fixture(scope="module")
def results():
    with SiteServer(PROBES, "/probes/") as server:
        urls = [server.url_for(page) for page in PAGES]
        per_url = {url: {"lokChecks": {"keyboard": True}} for url in urls}
        run = runner.run_pa11y_ci(urls, runner.RunOptions(), per_url=per_url)
        statuses = dict(server.statuses)
    assert run.report is not None, run.stderr
    parsed = parse_report(run.report, urls, statuses)
    return {page: parsed[url] for page, url in zip(PAGES, urls)}


def own(result, code):
    return [issue for issue in result.issues if issue.runner == "lok" and issue.code == code]


def test_good_and_clean_pages_pass_every_check(results):
    for page in ("good-keyboard.html", "clean.html"):
        assert results[page].outcome == PASSED, [(i.code, i.selector) for i in results[page].issues]


def test_a_box_wider_than_a_phone_fails_reflow_and_is_named(results):
    result = results["wide-box.html"]
    assert result.outcome == FAILED
    [issue] = own(result, "lok-reflow")
    assert issue.tags == ("wcag1410",)
    assert issue.selector == "body > main > div"
    assert 'class="wide-box"' in issue.context
    assert issue.extras["width"] == 320
    assert issue.extras["scrollWidth"] > 320 and issue.extras["elementWidth"] >= 400


def test_links_in_a_closed_drawer_that_take_focus_fail_at_both_widths(results):
    issues = own(results["drawer.html"], "lok-focus-offscreen")
    assert sorted(issue.extras["width"] for issue in issues) == [375, 1280]
    for issue in issues:
        assert issue.extras["count"] == 2
        assert issue.selector == "#menu > a:nth-of-type(1)"
        assert issue.tags == ("wcag247",)
    assert not own(results["drawer.html"], "lok-menu-not-focusable")  # its button is real


def test_a_menu_button_the_tab_key_cannot_reach_fails_at_phone_width(results):
    [issue] = own(results["menu-label.html"], "lok-menu-not-focusable")
    assert issue.extras["width"] == 375
    assert issue.selector == "body > header > label"
    assert issue.tags == ("wcag211",)


def test_links_that_look_the_same_with_focus_fail(results):
    issues = own(results["no-focus-style.html"], "lok-focus-no-indicator")
    assert sorted(issue.extras["width"] for issue in issues) == [375, 1280]
    assert all(issue.extras["count"] == 2 for issue in issues)
    # the header link has a focus outline: it is not among them
    assert all("header" not in example for issue in issues for example in issue.extras["examples"])


def test_links_small_only_on_a_phone_are_found_at_320_px(results):
    result = results["small-on-phone.html"]
    issues = own(result, "lok-target-size")
    assert len(issues) == 3
    assert {issue.extras["size"] for issue in issues} == {"80x10"}
    assert all(issue.tags == ("wcag258",) for issue in issues)
    # at desktop width they are big enough: axe's own pass found nothing
    assert not [issue for issue in result.issues if issue.runner == "axe"]


def test_focus_under_a_fixed_banner_or_on_a_transparent_link_fails(results):
    result = results["covered.html"]
    covered = own(result, "lok-focus-obscured")
    assert sorted(issue.extras["width"] for issue in covered) == [375, 1280]
    for issue in covered:
        assert issue.selector == "body > a" and issue.tags == ("wcag2411",)
        assert issue.extras["coveredBy"] == "body > div"
    clear = own(result, "lok-focus-transparent")
    assert sorted(issue.extras["width"] for issue in clear) == [375, 1280]
    assert all(issue.selector == "body > main > p > a" for issue in clear)
