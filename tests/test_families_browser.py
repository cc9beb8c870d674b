"""Issue 16: the example site as a family meets it, in real Chromium.

One build of the example site (``localoffer build --no-a11y``, real MkDocs and Pagefind),
served over HTTP under its sub-path (/local-offer/), looked at in Chromium (puppeteer, driven
by tests/fixtures/families/browser.js) at 320 and 375 CSS px and at desktop width, with the
keyboard, with JavaScript off and with print styles. A second build plays a host that serves
the site at its root (Netlify's URL) for the 404 pages. Screenshots of the phone views go to
the test's temporary folder (``FAMILIES_SHOTS=<folder>`` keeps them somewhere to look at).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
import yaml

from localoffer.a11y import runner
from localoffer.a11y.serve import SiteServer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench  # noqa: E402

DRIVER = ROOT / "tests" / "fixtures" / "families" / "browser.js"
BASE = "/local-offer/"
PHONES = (320, 375)
pytestmark = pytest.mark.slow


def chromium() -> str:
    found = runner.find_chromium()
    assert found and (ROOT / "node_modules" / "puppeteer").is_dir(), "needs Chromium and node_modules (make setup)"
    return found


def build(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOCALOFFER_LANG="en")
    for name in ("NETLIFY", "URL", "DEPLOY_PRIME_URL", "CONTEXT", "CF_PAGES", "CF_PAGES_URL", "LOCALOFFER_HOST_URL"):
        environment.pop(name, None)
    environment.update(env or {})
    done = subprocess.run([sys.executable, "-m", "localoffer", "build", "--no-a11y", "--site-dir", str(site)],
                          cwd=project, env=environment, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    work = tmp_path_factory.mktemp("families")
    project = bench.example_project(work / "project")
    # the machine running the tests may be busy: the checks' time limit is not under test here
    config = bench._read_config(project / "mkdocs.yml")
    config["extra"]["council"].setdefault("checks", {})["rule_time_limit"] = 300
    bench.generate.write_config(project / "mkdocs.yml", config)
    site = work / "site"
    output = build(project, site)
    with SiteServer(site, BASE) as server:
        yield {"project": project, "site": site, "url": server.base_url, "output": output.stdout + output.stderr,
               "work": work}


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("FAMILIES_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def browse(jobs: list[dict], tmp_path: Path) -> list[dict]:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"chromium": chromium(), "userDataDir": str(tmp_path / "profile"), "jobs": jobs}),
                    "utf-8")
    done = subprocess.run(["node", str(DRIVER), str(plan)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout)
    for job, answer in zip(jobs, answers):
        assert not answer["errors"], (job["url"], answer["errors"])
    return answers


def dark(colour: str, most: int) -> bool:
    """An rgb()/rgba() colour with each channel at most ``most`` and (nearly) opaque."""
    values = [float(x) for x in re.findall(r"[\d.]+", colour)]
    return max(values[:3]) <= most and (len(values) < 4 or values[3] >= 0.85)


def services_data(project: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((project / "data" / "services").glob("*.yml"))]


# --- 1. the services directory is found by following links ------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def reachable(start: str) -> set[str]:
    """Every page of the site reached by following links from ``start`` (over HTTP)."""
    host = urlsplit(start).netloc
    seen, todo = set(), [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        with urlopen(url) as response:  # noqa: S310 - our own server on 127.0.0.1
            if "html" not in response.headers.get("Content-Type", ""):
                continue
            parser = _Links()
            parser.feed(response.read().decode("utf-8"))
        for href in parser.links:
            target = urljoin(url, href).split("#", 1)[0].split("?", 1)[0]
            parts = urlsplit(target)
            if parts.netloc == host and parts.path.startswith(BASE) and parts.path.endswith("/"):
                todo.append(target)
    return {urlsplit(u).path for u in seen}


def test_services_directory_and_every_service_page_are_reached_from_each_home_page(example, tmp_path):
    site = example["site"]
    for lang, home in (("en", ""), ("cy", "cy/")):
        found = reachable(example["url"] + home)
        prefix = BASE + home
        wanted = {prefix + p.parent.relative_to(site / home).as_posix() + "/"
                  for p in (site / home / "services").rglob("index.html")}
        assert len(wanted) > 20
        missing = sorted(wanted - found)
        assert not missing, (lang, missing)
    # and from the menu, the home page's own text and the footer, in both languages
    answers = browse([{"url": example["url"] + home, "actions": [{"eval": """(() => ({
        menu: [...document.querySelectorAll('.md-sidebar--primary a')].filter(a => /services\\/$/.test(a.href)).length,
        body: [...document.querySelectorAll('.md-content a')].filter(a => /services\\/$/.test(a.href)).length,
        footer: [...document.querySelectorAll('.md-footer a')].filter(a => /services\\/$/.test(a.href)).map(a => a.innerText.trim())
    }))()"""}]} for home in ("", "cy/")], tmp_path)
    for answer, footer in zip(answers, ("Find a service", "Dod o hyd i wasanaeth")):
        seen = answer["out"][0]
        assert seen["menu"] >= 1 and seen["body"] >= 1 and footer in seen["footer"], seen


def test_topic_pages_link_to_their_services(example):
    for page, service in (("early-years", "early-years-aln-team"), ("health", "speech-and-language-therapy"),
                          ("social-care", "short-breaks-play-scheme"), ("post-16", "post-16-transition-team")):
        for home in ("", "cy/"):
            text = (example["site"] / home / page / "index.html").read_text("utf-8")
            assert f'href="../services/{service}/"' in text, (home, page)


# --- 2. the area filter keeps the services for all of Glanafon --------------------------------

def expected_in_area(project: Path, area: str) -> set[str]:
    return {s["name"]["en"] for s in services_data(project) if s["area"]["id"] in (area, "county-wide")}


def test_area_filter_keeps_county_wide_services_with_and_without_javascript(example, tmp_path):
    wanted = expected_in_area(example["project"], "north")
    assert "ALN advice line" in wanted and len(wanted) >= 7
    names = "[...document.querySelectorAll('.lok-service')].filter(e => !e.hidden).map(e => e.querySelector('h3').innerText.trim())"
    answers = browse([
        {"url": example["url"] + "services/area-north/", "js": False, "actions": [{"eval": names}]},
        {"url": example["url"] + "services/", "actions": [
            {"waitFor": "document.querySelector('#lok-filter-area')"},
            {"select": ["#lok-filter-area", "area-north"]}, {"eval": names},
            {"eval": "document.querySelector('.lok-filter__status').innerText"}]},
        {"url": example["url"] + "cy/services/", "actions": [
            {"waitFor": "document.querySelector('#lok-filter-area')"},
            {"select": ["#lok-filter-area", "area-north"]},
            {"eval": "document.querySelector('.lok-filter__status').innerText"}]},
    ], tmp_path)
    no_js, with_js, welsh = answers
    assert set(no_js["out"][0]) == wanted
    assert set(with_js["out"][2]) == wanted
    assert with_js["out"][3] == f"Showing {len(wanted)} services"
    assert welsh["out"][2] == f"Yn dangos {len(wanted)} gwasanaeth"


# --- 3. the filter boxes fit a phone ------------------------------------------------------------

def test_services_filters_fit_320_and_375_px_in_both_languages(example, tmp_path, shots):
    jobs = []
    for home in ("", "cy/"):
        for width in PHONES:
            jobs.append({"url": example["url"] + home + "services/", "width": width, "height": 700, "actions": [
                {"waitFor": "document.querySelector('.lok-filter')"},
                {"eval": """(() => ({scroll: document.documentElement.scrollWidth, inner: innerWidth,
                    widest: Math.max(...[...document.querySelectorAll('.lok-filter select, .lok-filter')]
                        .map(e => e.getBoundingClientRect().right))}))()"""},
                {"eval": "window.scrollTo(0, document.querySelector('.lok-filter').getBoundingClientRect().top + scrollY - 20)"},
                {"screenshot": str(shots / f"services-{home.strip('/') or 'en'}-{width}.png")}]})
    for job, answer in zip(jobs, browse(jobs, tmp_path)):
        seen = answer["out"][1]
        assert seen["scroll"] <= seen["inner"] and seen["widest"] <= seen["inner"], (job["url"], job["width"], seen)


# --- 4. keyboard at phone width ---------------------------------------------------------------

def test_phone_keyboard_never_focuses_the_closed_menu_and_the_menu_button_opens_it(example, tmp_path, shots):
    jobs = []
    for home in ("", "cy/"):
        for width in PHONES:
            jobs.append({"url": example["url"] + home + "contact/", "width": width, "height": 700,
                         "actions": [{"tab": 45}]})
            jobs.append({"url": example["url"] + home, "width": width, "height": 700, "actions": [
                {"tab": 12},
                {"eval": "document.querySelector('label.md-header__button[for=__drawer]').focus()"},
                {"key": "Enter"},
                {"eval": "document.getElementById('__drawer').checked"},
                {"screenshot": str(shots / f"menu-open-{home.strip('/') or 'en'}-{width}.png")},
                {"tab": 3},
                {"key": "Escape"},
                {"eval": "document.getElementById('__drawer').checked"}]})
    # at desktop width, where the menu is beside the page
    jobs += [{"url": example["url"] + page, "width": 1280, "height": 800, "actions": [{"tab": 45}]}
             for page in ("contact/", "cy/services/")]
    # without JavaScript: a link in the menu that gets focus is on screen (the menu slides in)
    jobs.append({"url": example["url"] + "contact/", "width": 375, "height": 700, "js": False,
                 "actions": [{"tab": 45}]})
    answers = browse(jobs, tmp_path)
    for job, answer in zip(jobs, answers):
        walk = answer["out"][0]
        bad = [f for f in walk if f["tag"] != "body" and not (f["visible"] and f["onScreen"])]
        assert not bad, (job["url"], job["width"], job.get("js"), bad[:3])
        if "tab" in job["actions"][0] and job["actions"][0]["tab"] == 12:
            button = [f for f in walk if f["role"] == "button" and f["label"] in ("Menu", "Dewislen")]
            assert button and button[0]["outline"], (job["url"], walk)
            opened, after_enter, is_open, _, into_menu, after_escape, closed = answer["out"][1:8]
            assert is_open is True and after_enter["inDrawer"] and after_enter["visible"] and after_enter["onScreen"]
            assert all(f["inDrawer"] and f["visible"] and f["onScreen"] for f in into_menu), into_menu
            assert closed is False and after_escape["role"] == "button"
    no_js = answers[-1]["out"][0]
    assert any(f["inDrawer"] for f in no_js)  # without the script the menu is still reached


# --- 5. search -------------------------------------------------------------------------------

def test_search_results_readable_more_than_ten_welsh_plurals_and_no_list_pages(example, tmp_path):
    links = """[...document.querySelectorAll('.lok-search__results a')].map(a => ({href: a.getAttribute('href'),
        size: parseFloat(getComputedStyle(a).fontSize), h: a.getBoundingClientRect().height}))"""
    page_links = "[...document.querySelectorAll('#lok-search-results li a')].map(a => a.getAttribute('href'))"
    answers = browse([
        {"url": example["url"], "width": 375, "actions": [
            {"type": ["#lok-search-input", "autism"]},
            {"waitFor": "document.querySelector('.lok-search__results a')"}, {"wait": 400}, {"eval": links}]},
        {"url": example["url"] + "search/?q=school", "actions": [
            {"waitFor": "document.querySelector('#lok-search-results li')"}, {"wait": 400},
            {"eval": page_links}, {"click": ".lok-search__more"}, {"wait": 800}, {"eval": page_links},
            {"eval": "document.activeElement.closest('li') && document.activeElement.closest('ul').children.length"}]},
        {"url": example["url"] + "cy/search/?q=seibiant", "actions": [
            {"waitFor": "document.querySelector('#lok-search-results li')"}, {"wait": 400}, {"eval": page_links}]},
        {"url": example["url"] + "cy/search/?q=seibiannau", "actions": [
            {"waitFor": "document.querySelector('#lok-search-results li')"}, {"wait": 400}, {"eval": page_links}]},
        {"url": example["url"], "width": 375, "actions": [
            {"type": ["#lok-search-input", "school"]},
            {"waitFor": "document.querySelector('.lok-search__results a')"}, {"wait": 600},
            {"eval": "[document.querySelectorAll('.lok-search__results li').length, "
                     "document.querySelector('.lok-search__status').innerText, "
                     "document.querySelector('.lok-search__all').hidden, "
                     "document.querySelector('.lok-search__all').getAttribute('href')]"}]},
    ], tmp_path)
    header = answers[0]["out"][3]
    assert header and all(link["size"] >= 14 and link["h"] >= 24 for link in header), header
    assert not [link for link in header if re.search(r"/services/(need|age|area|free|page)", link["href"])], header
    first, more, focus = answers[1]["out"][2], answers[1]["out"][5], answers[1]["out"][6]
    assert len(first) == 10 and len(more) > 10 and more[:10] == first
    assert focus == len(more)  # focus moved to the first new result
    singular, plural = set(answers[2]["out"][2]), set(answers[3]["out"][2])
    assert singular and singular == plural
    # the header shows 10 and links to all of them on the search page
    shown, status, hidden, href = answers[4]["out"][3]
    assert shown == 10 and not hidden and "q=school" in href and "/search/" in href
    assert re.fullmatch(r"\d+ results", status) and int(status.split()[0]) > 10


def test_search_without_javascript_says_so_and_lists_every_page_for_families(example, tmp_path):
    listed = "[...document.querySelectorAll('.lok-search-list a')].map(a => new URL(a.href).pathname)"
    note = ("[...document.querySelectorAll('[data-lok-nojs]')].filter(e => e.getClientRects().length)"
            ".map(e => e.innerText)")
    answers = browse([
        {"url": example["url"] + "search/?q=seibiant", "js": False, "actions": [{"eval": listed}, {"eval": note}]},
        {"url": example["url"] + "cy/search/?q=seibiant", "js": False, "actions": [{"eval": listed}, {"eval": note}]},
        {"url": example["url"] + "search/?q=school", "actions": [{"wait": 500}, {"eval": note}]},
    ], tmp_path)
    for answer, home, words in ((answers[0], BASE, "Search needs JavaScript"),
                                (answers[1], BASE + "cy/", "Mae angen JavaScript")):
        pages = set(answer["out"][0])
        for page in ("services/", "services/aln-advice-line/", "glossary/", "you-said-we-did/", "accessibility/"):
            assert home + page in pages, (home, page)
        assert answer["out"][1] and words in answer["out"][1][0]
    assert answers[2]["out"][1] == []  # with JavaScript the note is hidden


# --- 6. glossary --------------------------------------------------------------------------------

def test_glossary_shows_the_other_language_and_marks_englands_terms(example, tmp_path):
    entry = """(term => { const dt = [...document.querySelectorAll('dt')].find(d => d.innerText.startsWith(term));
        const dd = dt.nextElementSibling; return {text: dd.innerText,
        other: [...dd.querySelectorAll('[lang]')].map(e => [e.getAttribute('lang'), e.innerText])}; })"""
    answers = browse([
        {"url": example["url"] + "glossary/", "actions": [{"eval": entry + "('ALN (')"}, {"eval": entry + "('EHCP')"},
                                                         {"eval": entry + "('SENCO')"}]},
        {"url": example["url"] + "cy/glossary/", "actions": [{"eval": entry + "('ADY (')"}, {"eval": entry + "('SEND')"}]},
    ], tmp_path)
    aln, ehcp, senco = answers[0]["out"]
    assert ["cy", "ADY (anghenion dysgu ychwanegol)"] in aln["other"] and "In Welsh:" in aln["text"]
    assert ehcp["text"].startswith("Used in England, not in Wales.") and senco["text"].startswith("Used in England")
    ady, send = answers[1]["out"]
    assert ["en", "ALN (additional learning needs)"] in ady["other"] and "Yn Saesneg:" in ady["text"]
    assert send["text"].startswith("Term a ddefnyddir yn Lloegr")


# --- 7. Welsh (and English) the build writes -----------------------------------------------------

def test_area_pages_need_pages_and_counts_are_correct_welsh_and_english(example, tmp_path):
    titles = "[...document.querySelectorAll('#lok-find + p ~ h3 + ul a, .md-content ul a')].map(a => a.innerText)"
    counts = "document.querySelector('.md-content').innerText"
    answers = browse([
        {"url": example["url"] + "cy/services/", "actions": [{"eval": titles}, {"eval": counts}]},
        {"url": example["url"] + "services/", "actions": [{"eval": titles}, {"eval": counts}]},
        {"url": example["url"] + "cy/services/", "actions": [
            {"waitFor": "document.querySelector('#lok-filter-need')"},
            {"select": ["#lok-filter-need", "need-hearing"]},
            {"eval": "document.querySelector('.lok-filter__status').innerText"},
            {"select": ["#lok-filter-age", "age-0-5"]},
            {"eval": "document.querySelector('.lok-filter__status').innerText"}]},
    ], tmp_path)
    welsh, english = answers[0]["out"], answers[1]["out"]
    for phrase in ("Gwasanaethau yng Ngogledd Glanafon", "Gwasanaethau yn Ne Glanafon", "Gwasanaethau yng Nglanafon gyfan"):
        assert phrase in welsh[0]
    assert not any(re.search(r"\byn (Gogledd|De|Glanafon)\b", t) for t in welsh[0])
    assert "Services for speech, language and communication" in english[0]
    assert not any(re.search(r"Services for [A-Z][a-z]", t) for t in english[0])
    assert "(2 wasanaeth)" in welsh[1] and "(2 gwasanaeth)" not in welsh[1]
    assert "(2 services)" in english[1] and not re.search(r"\b1 services\b", english[1])
    hearing, hearing_young = answers[2]["out"][2], answers[2]["out"][4]
    assert hearing == "Yn dangos 2 wasanaeth"
    assert re.fullmatch(r"Yn dangos \d+ gwasanaeth|Does dim gwasanaethau.*|Yn dangos 2 wasanaeth", hearing_young)


# --- 8. service pages --------------------------------------------------------------------------

def test_service_pages_contact_cards_and_booking_words(example, tmp_path):
    cards = """[...document.querySelectorAll('.lok-contact-card')].map(c => c.innerText.split('\\n').map(s => s.trim()).filter(Boolean))"""
    jobs = [{"url": example["url"] + home + "services/" + s["id"] + "/", "actions": [
        {"eval": cards}, {"eval": "document.querySelector('.md-content').innerText"},
        {"eval": "[...document.querySelectorAll('.md-content a')].map(a => a.innerText)"}]}
        for s in services_data(example["project"]) for home in ("", "cy/")]
    for job, answer in zip(jobs, browse(jobs, tmp_path)):
        found, text, link_texts = answer["out"]
        assert found, job["url"]
        for card in found:
            assert len(card) < 2 or card[0].casefold() != card[1].casefold(), (job["url"], card)
        for words in ("booking form", "ffurflen archebu"):
            if words in text.lower():
                assert any(words in link.lower() for link in link_texts), (job["url"], words)


def test_example_site_has_no_contact_disagreements(example):
    from localoffer.rules import rules

    assert "meta/contact-consistency" in {rule.id for rule in rules("site")}  # the build runs it
    assert "meta/contact-consistency" not in example["output"]


# --- 9. print ------------------------------------------------------------------------------------

def test_printed_pages_have_no_search_box_dark_headings_and_no_edit_address(example, tmp_path, shots):
    seen = """(() => {
      const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      return {
        inputs: [...document.querySelectorAll('input[type=search], button')].filter(shown).length,
        headings: [...document.querySelectorAll('.md-typeset h1, .md-typeset h2')].map(h => getComputedStyle(h).color),
        github: [...document.querySelectorAll('a')].filter(a => shown(a) && /github\\.com/.test(a.href)).length,
        text: parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize),
      };
    })()"""
    jobs = [{"url": example["url"] + page, "media": "print", "width": 800,
             "actions": [{"eval": seen}, {"screenshot": str(shots / f"print-{page.strip('/').replace('/', '-')}.png")},
                         {"pdf": str(shots / f"print-{page.strip('/').replace('/', '-')}.pdf")}]}
            for page in ("early-years/", "cy/services/aln-advice-line/", "contact/")]
    for job, answer in zip(jobs, browse(jobs, tmp_path)):
        found = answer["out"][0]
        assert found["inputs"] == 0, (job["url"], found)
        assert found["github"] == 0, (job["url"], found)
        assert found["text"] >= 15, (job["url"], found)  # 12 pt is 16 CSS px
        for colour in found["headings"]:
            assert dark(colour, 40), (job["url"], colour)
        assert Path(answer["out"][2]).stat().st_size > 5000


# --- 10. the 404 pages ---------------------------------------------------------------------------

def test_404_pages_have_a_title_a_skip_link_and_styles(example, tmp_path):
    jobs = [{"url": example["url"] + path, "width": 375, "actions": [
        {"eval": "document.title"}, {"tab": 1},
        {"eval": "getComputedStyle(document.querySelector('.md-header')).backgroundColor"}]}
        for path in ("no/such/page/", "cy/no/such/deep/page/")]
    answers = browse(jobs, tmp_path)
    english, welsh = answers
    assert english["status"] == 404
    assert english["out"][0] == "Page not found - Glanafon Local Offer"
    assert welsh["out"][0] in ("Page not found - Glanafon Local Offer",
                               "Heb ddod o hyd i'r dudalen - Cynnig Lleol Glanafon")
    skip = english["out"][1][0]
    assert skip["href"] == "#lok-main" and skip["visible"] and skip["onScreen"], skip
    assert english["out"][2] == "rgb(29, 79, 145)"  # Material's and the council's stylesheets loaded
    welsh_page = (example["site"] / "cy" / "404.html").read_text("utf-8")
    assert "<title>Heb ddod o hyd i'r dudalen - Cynnig Lleol Glanafon</title>" in welsh_page


def test_404_page_works_where_the_host_serves_the_site_and_the_build_warns(example, tmp_path):
    site = example["work"] / "site-at-root"
    done = build(example["project"], site, {"NETLIFY": "true", "CONTEXT": "production",
                                            "URL": "https://glanafon-local-offer.netlify.app"})
    output = done.stdout + done.stderr
    assert "meta/host-address" in output and "https://glanafon-local-offer.netlify.app/" in output
    assert "https://www.glanafon.example/local-offer/" in output and "mkdocs.yml:" in output
    with SiteServer(site, "/") as server:
        answers = browse([{"url": server.base_url + "some/deep/missing/page/", "width": 375, "actions": [
            {"eval": "getComputedStyle(document.querySelector('.md-header')).backgroundColor"},
            {"eval": "[...document.styleSheets].filter(s => { try { return s.cssRules.length > 0 } catch (e) { return false } }).length"},
            {"eval": "document.querySelector('.md-content a').getAttribute('href')"}]}], tmp_path)
    position, sheets, home = answers[0]["out"]
    assert position == "rgb(29, 79, 145)" and sheets >= 3
    assert home == "/"


# --- 11. smaller things ---------------------------------------------------------------------------

def test_home_titles_site_name_language_switch_and_contact_phone_links(example, tmp_path, shots):
    name = """(() => { const t = document.querySelector('.md-header__title .md-header__topic .md-ellipsis');
        const r = t.getBoundingClientRect(); return {text: t.innerText.trim(), scroll: t.scrollWidth, width: t.clientWidth,
        right: r.right, inner: innerWidth, overflow: getComputedStyle(t).textOverflow}; })()"""
    phones = r"""(() => { const main = document.querySelector('.md-content');
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT); const loose = [];
        while (walker.nextNode()) { const n = walker.currentNode;
          const found = n.textContent.match(/\b(0\d{4} \d{3} \d{3}|999)\b/g);
          if (found && !n.parentElement.closest('a[href^="tel:"]')) loose.push(...found); }
        return {loose, tel: [...main.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute('href'))}; })()"""
    answers = browse([
        {"url": example["url"], "actions": [{"eval": "document.title"}]},
        {"url": example["url"] + "cy/", "width": 320, "actions": [
            {"eval": "document.title"}, {"eval": name}, {"screenshot": str(shots / "home-cy-320.png")}]},
        {"url": example["url"] + "contact/?q=seibiant#if-a-child-is-in-danger", "actions": [
            {"click": "a.lok-lang__link[hreflang=cy]"}, {"wait": 300},
            {"eval": "[location.href, document.querySelector(location.hash).innerText, "
                     "Math.round(document.querySelector(location.hash).getBoundingClientRect().top)]"}]},
        {"url": example["url"] + "contact/", "width": 375, "actions": [{"eval": phones}]},
        {"url": example["url"] + "cy/contact/", "width": 375, "actions": [{"eval": phones}]},
        {"url": example["url"] + "cy/contact/", "js": False, "actions": [
            {"eval": "document.querySelector('a.lok-lang__link').getAttribute('href')"}]},
    ], tmp_path)
    assert answers[0]["out"][0] == "Glanafon Local Offer"
    assert answers[1]["out"][0] == "Cynnig Lleol Glanafon"
    seen = answers[1]["out"][1]
    assert seen["text"] == "Cynnig Lleol Glanafon" and seen["scroll"] <= seen["width"] and seen["right"] <= seen["inner"]
    address, heading, top = answers[2]["out"][2]
    switched = urlsplit(address)
    assert switched.path == BASE + "cy/contact/" and "q=seibiant" in switched.query
    # the same section of the Welsh page, which has its own heading address
    assert heading == "Os yw plentyn mewn perygl" and switched.fragment == "os-yw-plentyn-mewn-perygl"
    assert 0 <= top < 200
    for answer in answers[3:5]:
        found = answer["out"][0]
        assert found["loose"] == [] and "tel:999" in found["tel"], found
    assert answers[5]["out"][0] == "../../contact/"  # without JavaScript the plain link still works


def test_headings_footer_text_and_page_details(example, tmp_path):
    look = """(() => {
      const h = [...document.querySelectorAll('.md-typeset h1, .md-typeset h2')].map(e => ({
        weight: parseInt(getComputedStyle(e).fontWeight, 10), colour: getComputedStyle(e).color}));
      const footer = [...document.querySelectorAll('.md-footer-meta a, .lok-footer__owner')].map(e => ({
        size: parseFloat(getComputedStyle(e).fontSize), colour: getComputedStyle(e).color}));
      const dd = [...document.querySelectorAll('.lok-page-meta dd')].map(e => Math.round(e.getBoundingClientRect().left));
      return {h, footer, dd};
    })()"""
    answers = browse([{"url": example["url"] + page, "width": width, "actions": [{"eval": look}]}
                      for page in ("", "cy/early-years/") for width in (375, 1280)], tmp_path)
    for answer in answers:
        found = answer["out"][0]
        assert found["h"] and all(h["weight"] >= 600 for h in found["h"]), found["h"]
        for h in found["h"]:
            assert dark(h["colour"], 60), h
        assert found["footer"] and all(f["size"] >= 14 for f in found["footer"]), found["footer"]
        assert all(f["colour"] == "rgb(255, 255, 255)" for f in found["footer"]), found["footer"]
        assert len(found["dd"]) >= 2 and len(set(found["dd"])) == 1, found["dd"]


def test_accessibility_statement_says_what_was_tested_and_not_more(example, tmp_path):
    answers = browse([{"url": example["url"] + home + "accessibility/", "actions": [
        {"eval": "document.querySelector('.md-content').innerText"}]} for home in ("", "cy/")], tmp_path)
    english, welsh = answers[0]["out"][0], answers[1]["out"][0]
    assert "How we test this website" in english and "A computer cannot tell:" in english
    assert "We have not yet recorded any testing of this website by hand" in english
    assert "check pages by hand with a keyboard and a screen reader" not in english
    assert "Sut rydyn ni'n profi'r wefan hon" in welsh and "Dydyn ni ddim wedi cofnodi unrhyw brofion â llaw" in welsh
