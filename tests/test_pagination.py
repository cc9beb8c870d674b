"""Long lists go over several pages, so no built page is over 40 KB however big the site gets
(issue 8): the services directory and its filter pages, the search page's list of pages for
readers without JavaScript, and the editors' translation status and topic coverage pages.

The pure functions are tested on their own; one real site, with more pages and services
than fit on a page, is built once and read as a family would: every page under 40 KB, every
service and page reachable by following links, correct page links, in English and Welsh.
"""

from __future__ import annotations

import re
import shutil
from collections import deque
from pathlib import Path

import pytest
import yaml

from localoffer import services as services_module
from localoffer import translation
from localoffer.generate import coverage as coverage_maker
from localoffer.generate import pagination, search_page, translation_status
from localoffer.generate import services as services_maker
from localoffer.source import parse
from sitekit import ROOT, build, elements, make_project, resolve

BUDGET = 40 * 1024
BASE = "/local-offer/"
EXAMPLE_SERVICES = ROOT / "data" / "services"


# --- the page links ------------------------------------------------------------------------

@pytest.mark.parametrize("current, total, expected", [
    (1, 1, [1]),
    (1, 2, [1, 2]),
    (1, 5, [1, 2, None, 5]),
    (3, 5, [1, 2, 3, 4, 5]),
    (4, 10, [1, 2, 3, 4, 5, None, 10]),
    (6, 10, [1, None, 5, 6, 7, None, 10]),
    (10, 10, [1, None, 9, 10]),
])
def test_window_shows_first_last_and_neighbours_like_govuk(current, total, expected):
    assert pagination.window(current, total) == expected


def test_split_fills_pages_or_spreads_a_shorter_language_evenly():
    assert [len(c) for c in pagination.split(range(45), 3, 20)] == [20, 20, 5]
    # the other language has 3 pages' worth; this one is spread over the same 3 pages
    assert [len(c) for c in pagination.split(range(30), 3, 20)] == [10, 10, 10]
    assert [len(c) for c in pagination.split(range(1), 3, 20)] == [1, 0, 0]
    assert pagination.split([], 1, 20) == [[]]
    assert pagination.page_count([45, 30], 20) == 3 and pagination.page_count([0], 20) == 1


def test_page_paths_carry_on_in_a_folder_named_after_the_first_page():
    assert pagination.page_paths("services/index.md", 3) == ["services/index.md", "services/page-2.md",
                                                             "services/page-3.md"]
    assert pagination.page_paths("services/age-0-5.md", 2) == ["services/age-0-5.md", "services/age-0-5/page-2.md"]
    assert pagination.page_paths("search.md", 2) == ["search.md", "search/page-2.md"]
    assert pagination.relative("services/speech.md", "services/age-0-5/page-2.md") == "../speech.md"


@pytest.mark.parametrize("lang, prev, nxt, label, landmark", [
    ("en", "Previous page", "Next page", "Page", "Pages of this list"),
    ("cy", "Tudalen flaenorol", "Tudalen nesaf", "Tudalen", "Tudalennau'r rhestr hon"),
])
def test_page_links_markup(lang, prev, nxt, label, landmark):
    paths = pagination.page_paths("services/age-0-5.md", 8)
    assert pagination.nav(paths[:1], 1, lang) == ""  # one page: no links
    first = pagination.nav(paths, 1, lang)
    assert prev not in first and f'- [{nxt}](age-0-5/page-2.md){{: rel="next" }}' in first
    assert f'- [1](age-0-5.md){{: aria-label="{label} 1" aria-current="page" }}' in first
    middle = pagination.nav(paths, 4, lang)
    assert middle.startswith(f'<nav class="lok-pagination" aria-label="{landmark}" markdown>\n\n')
    assert middle.rstrip().endswith("</nav>")
    items = [line for line in middle.splitlines() if line.startswith("- ")]
    assert items == [
        f'- [{prev}](page-3.md){{: rel="prev" }}',
        f'- [1](../age-0-5.md){{: aria-label="{label} 1" }}',
        f'- [2](page-2.md){{: aria-label="{label} 2" }}',
        f'- [3](page-3.md){{: aria-label="{label} 3" }}',
        f'- [4](page-4.md){{: aria-label="{label} 4" aria-current="page" }}',
        f'- [5](page-5.md){{: aria-label="{label} 5" }}',
        "- …",
        f'- [8](page-8.md){{: aria-label="{label} 8" }}',
        f'- [{nxt}](page-5.md){{: rel="next" }}',
    ]
    last = pagination.nav(paths, 8, lang)
    assert nxt not in last and prev in last
    expected = "Free services (page 2 of 8)" if lang == "en" else "Free services (tudalen 2 o 8)"
    assert pagination.numbered_title("Free services", 2, 8, lang) == expected
    assert pagination.numbered_title("Free services", 1, 1, lang) == "Free services"


def test_short_cuts_long_text_at_a_word():
    assert pagination.short("Short.") == "Short."
    cut = pagination.short("word " * 100, 50)
    assert len(cut) <= 51 and cut.endswith("word…")


# --- the services directory ---------------------------------------------------------------

class FakeSettings:
    def __init__(self, root: Path):
        self.root = root
        self.site_url = "https://council.example/local-offer/"
        self.default_language = "en"
        self.council = {"name": {"en": "Test Council", "cy": "Cyngor Prawf"}}


def write_services(folder: Path, copies: int) -> list[str]:
    """``copies`` copies of each example service (ids ``<id>-<n>``): a big directory."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for path in sorted(EXAMPLE_SERVICES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n in range(1, copies + 1):
            copy = dict(data, id=f"{data['id']}-{n}")
            copy["name"] = {lang: f"{name} {n}" for lang, name in data["name"].items()}
            copy.pop("oruk_id", None)
            (folder / f"{copy['id']}.yml").write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False),
                                                      encoding="utf-8")
            ids.append(copy["id"])
    return ids


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_directory_and_filter_pages_are_split_and_list_every_service_once(tmp_path, lang):
    ids = write_services(tmp_path / "data" / "services", 6)  # 48 services
    directory = services_module.load_all(tmp_path)
    assert directory.problems == []
    pages = services_maker.make_pages(FakeSettings(tmp_path), lang, directory)
    listed = []
    for number, path in enumerate(["services/index.md", "services/page-2.md", "services/page-3.md"], start=1):
        text = pages[path]
        listed += re.findall(r"^### \[.*\]\((?:\.\./)?([\w-]+)\.md\)$", text, re.M)
        assert text.count('class="lok-service"') == (20 if number < 3 else 8)
        assert "data-lok-services" not in text  # the browser filter needs the whole list on the page
        title = f"(page {number} of 3)" if lang == "en" else f"(tudalen {number} o 3)"
        assert text.startswith(f"---\ntitle: \"{'Services directory' if lang == 'en' else 'Cyfeiriadur gwasanaethau'} {title}\"")
        assert ("(index.md#lok-find)" in text) == (number > 1)
    assert "services/page-4.md" not in pages
    assert sorted(listed) == sorted(ids)
    assert "{: #lok-find }" in pages["services/index.md"]
    free = [s["id"] for s in directory.services if s["cost"]["free"]]
    free_pages = [p for p in pages if p == "services/free.md" or p.startswith("services/free/")]
    assert len(free_pages) == -(-len(free) // pagination.SERVICES_PER_PAGE) > 1
    found = [sid for p in free_pages for sid in re.findall(r"^### \[.*\]\((?:\.\./)?([\w-]+)\.md\)$", pages[p], re.M)]
    assert sorted(found) == sorted(free)
    assert "[" in pages["services/free/page-2.md"] and "(../index.md)" in pages["services/free/page-2.md"]


def test_a_small_directory_stays_on_one_page_with_the_browser_filter(tmp_path):
    shutil.copytree(EXAMPLE_SERVICES, tmp_path / "data" / "services")
    pages = services_maker.services_pages(FakeSettings(tmp_path), "en")
    assert "services/page-2.md" not in pages and "data-lok-services" in pages["services/index.md"]
    assert "lok-pagination" not in pages["services/index.md"] and "Showing services" not in pages["services/index.md"]


# --- the search page ------------------------------------------------------------------------

def listing(lang: str, names: list[str]) -> list[dict]:
    return [{"name": name, "title": f"{lang} {name}", "description": "A page."} for name in names]


def test_search_page_lists_sections_and_every_page_is_on_a_section_page():
    en_names = ["index.md", "schools.md"] + [f"schools/p{i:03}.md" for i in range(120)] + [f"health/h{i}.md" for i in range(5)]
    cy_names = ["index.md"] + [f"schools/p{i:03}.md" for i in range(40)] + [f"health/h{i}.md" for i in range(5)]
    lists = {"en": listing("en", en_names), "cy": listing("cy", cy_names)}
    hand = pagination.HandWritten("search.md", {"en": {"title": "Search"}, "cy": {"title": "Chwilio"}})
    made = {lang: search_page.section_pages(lists, hand, lang) for lang in ("en", "cy")}
    # the same pages in both languages, so the language switch always has somewhere to go
    assert set(made["en"]) == set(made["cy"]) == {
        "search/general.md", "search/schools.md", "search/schools/page-2.md", "search/schools/page-3.md",
        "search/health.md"}
    top = search_page.search_text(lists, "en", "search.md")
    assert "[en schools.md](search/schools.md) (121 pages)" in top and "(search/general.md) (1 page)" in top
    assert 'data-pagefind-ignore="all"' in top and 'id="lok-search-results"' in top
    for lang, names in (("en", en_names), ("cy", cy_names)):
        reached = [name for text in made[lang].values()
                   for name in re.findall(r"^- \[[^\]]*\]\(((?:\.\./)+[^)]+)\)(?::|$)", text, re.M)]
        reached = [re.sub(r"^(\.\./)+", "", name) for name in reached]
        assert sorted(reached) == sorted(names)
    # no Welsh page names the section: the English page's title does
    assert 'title: "Chwilio: en schools.md (tudalen 1 o 3)"' in made["cy"]["search/schools.md"]
    assert 'title: "Chwilio: cy health/h0.md"' not in made["cy"]["search/health.md"]
    assert 'title: "Chwilio: Health"' in made["cy"]["search/health.md"]  # no index page at all: the folder
    assert "search_exclude: true" in made["cy"]["search/schools.md"]


def test_search_page_of_a_site_without_folders_carries_on_in_search_pages():
    names = [f"page-{i:03}.md" for i in range(70)]
    lists = {"en": listing("en", names), "cy": listing("cy", names[:10])}
    hand = pagination.HandWritten("search.md", {"en": {"title": "Search"}})
    top = search_page.search_text(lists, "en", "search.md")
    assert top.count("\n- [en page-") == 50 and "(search/page-2.md)" in top
    made = search_page.section_pages(lists, hand, "cy")
    assert list(made) == ["search/page-2.md"]
    assert "There are no pages" not in made["search/page-2.md"]
    assert "(../page-009.md)" in made["search/page-2.md"]


def test_a_small_site_keeps_every_page_on_the_search_page():
    lists = {"en": listing("en", ["a.md", "b.md"]), "cy": listing("cy", ["a.md"])}
    hand = pagination.HandWritten("search.md", {"en": {"title": "Search"}})
    assert search_page.section_pages(lists, hand, "en") == {}
    assert "- [en a.md](a.md): A page." in search_page.search_text(lists, "en", "search.md")


# --- the editors' pages --------------------------------------------------------------------

def fm(title: str, extra: str = "") -> str:
    return (f"---\ntitle: {title}\ndescription: {title}.\nlast_reviewed: 2026-11-01\n"
            f"review_due: 2027-05-01\nowner: Test Team\n{extra}---\n\n# {title}\n\nSome text here.\n")


def test_translation_status_first_page_has_the_summary_and_the_pages_that_need_work():
    pages = [parse(fm(f"Page {i}"), f"p{i:03}.md") for i in range(120)]
    pages += [parse(fm(f"Tudalen {i}"), f"p{i:03}.cy.md") for i in range(100)]
    items = translation_status.ordered(translation.statuses(pages))
    hand = pagination.HandWritten("translation-status.md", {"en": {"title": "Translation status"},
                                                           "cy": {"title": "Statws cyfieithu"}})
    first = translation_status.first_page(items, "cy", hand.path)
    assert "localoffer translations --format csv" in first and "120 tudalen" in first
    assert "Mae'r rhestr yn mynd dros 3 tudalen" in first
    rows = [line for line in first.splitlines() if line.startswith("| [")]
    assert len(rows) == 50 and all("Dim tudalen Gymraeg" in row for row in rows[:20])
    later = translation_status.later_pages(items, hand, "en")
    assert list(later) == ["translation-status/page-2.md", "translation-status/page-3.md"]
    assert "No Welsh page" not in "".join(later.values()) and "| Not recorded |" in later["translation-status/page-3.md"]
    assert re.search(r"\| \[Page \d+\]\(\.\./p0\d\d\.md\) \| Not recorded \|", later["translation-status/page-3.md"])
    assert sum(line.startswith("| [") for text in later.values() for line in text.splitlines()) == 70
    assert 'title: "Translation status (page 3 of 3)"' in later["translation-status/page-3.md"]


def test_a_page_with_many_changed_sections_names_the_first_few():
    en = "---\ntitle: Big\n---\n# Big\n\n" + "".join(f"## Part {i}\n\nText {i}.\n\n" for i in range(12))
    cy_old = "---\ntitle: Mawr\n---\n# Mawr\n\n" + "".join(f"## Rhan {i}\n\nTestun {i}.\n\n" for i in range(12))
    en_page = parse(en, "big.md")
    record = translation.fingerprint(parse("---\ntitle: Big\n---\n# Big\n", "big.md"))
    cy_page = parse(translation.record_text(cy_old, record), "big.cy.md")
    items = translation_status.ordered(translation.statuses([en_page, cy_page]))
    row = translation_status.table(items, "en", "translation-status.md")[-1]
    assert "7 more sections" in row and row.count("“Part") == 5


def test_coverage_puts_gaps_first_and_gives_a_busy_topic_its_own_pages():
    pages = [parse(fm(f"School {i}", "topics: [schools]\n"), f"schools/s{i:03}.md") for i in range(60)]
    pages += [parse(fm(f"Ysgol {i}", "topics: [schools]\n"), f"schools/s{i:03}.cy.md") for i in range(2)]
    pages.append(parse(fm("Health", "topics: [health]\n"), "health.md"))
    text = coverage_maker.render(pages, "wales", "en", "editors/coverage.md")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert "**None yet**" in rows[0] and "(`schools`)" not in rows[0]
    schools = next(row for row in rows if "(`schools`)" in row)
    assert schools.endswith("| [60 pages](coverage/schools.md) |")
    assert "[Health](../health.md)" in text and "come first" in text
    welsh = coverage_maker.render(pages, "wales", "cy", "editors/coverage.md")
    assert "[Ysgol 0](../schools/s000.md)" in welsh  # two Welsh pages: named in the table
    hand = pagination.HandWritten("editors/coverage.md", {"en": {"title": "Topic coverage"}})
    made = {lang: coverage_maker.topic_pages(pages, "wales", hand, lang) for lang in ("en", "cy")}
    assert set(made["en"]) == set(made["cy"]) == {"editors/coverage/schools.md", "editors/coverage/schools/page-2.md"}
    en_links = [link for text in made["en"].values() for link in re.findall(r"^- \[.*\]\((.*)\)$", text, re.M)]
    assert len(set(en_links)) == 60 and "../../schools/s000.md" in en_links
    assert "(../coverage.md)" in made["en"]["editors/coverage/schools.md"]


# --- a real site, bigger than one page of everything ---------------------------------------

SCHOOLS_EN, SCHOOLS_CY, HEALTH = 110, 70, 12
DESCRIPTION = ("What the school can do to help your child learn, who to talk to at the school, and how "
               "to ask for more help if things do not get better.")


def site_pages() -> dict[str, str]:
    meta = "last_reviewed: 2026-11-01\nreview_due: 2027-05-01\nowner: Test Team\n"

    def page(title, body, extra="", description=DESCRIPTION):
        return f"---\ntitle: {title}\ndescription: {description}\n{meta}{extra}---\n\n# {title}\n\n{body}\n"

    pages = {
        "index.md": page("Home", "See the [services](services/index.md) and [search](search.md)."),
        "index.cy.md": page("Hafan", "Gweler y [gwasanaethau](services/index.md) a [chwilio](search.md)."),
        "search.md": page("Search", "Type a word in the search box.", "generate: search\nsearch_exclude: true\n"),
        "search.cy.md": page("Chwilio", "Teipiwch air yn y blwch chwilio.", "generate: search\nsearch_exclude: true\n"),
        "coverage.md": page("Topic coverage", "For editors.", "generate: coverage\nsearch_exclude: true\n"),
        "coverage.cy.md": page("Pynciau dan sylw", "I olygyddion.", "generate: coverage\nsearch_exclude: true\n"),
        "translation-status.md": page("Translation status", "For editors.",
                                      "generate: translation-status\nsearch_exclude: true\n"),
        "translation-status.cy.md": page("Statws cyfieithu", "I olygyddion.",
                                         "generate: translation-status\nsearch_exclude: true\n"),
        "schools/index.md": page("Schools", "Help at school.", "topics: [schools]\n"),
        "schools/index.cy.md": page("Ysgolion", "Help yn yr ysgol.", "topics: [schools]\n"),
    }
    for i in range(SCHOOLS_EN):
        pages[f"schools/school-{i:03}.md"] = page(f"School support {i:03}", "Help at school.", "topics: [schools]\n")
        if i < SCHOOLS_CY:
            pages[f"schools/school-{i:03}.cy.md"] = page(f"Cymorth ysgol {i:03}", "Help yn yr ysgol.",
                                                         "topics: [schools]\n", "Beth all yr ysgol ei wneud.")
    for i in range(HEALTH):
        pages[f"health/clinic-{i:02}.md"] = page(f"Clinic {i:02}", "A clinic.", "topics: [health]\n")
        pages[f"health/clinic-{i:02}.cy.md"] = page(f"Clinig {i:02}", "Clinig.", "topics: [health]\n")
    return pages


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("big")
    config = make_project(base / "project", site_pages(), site_url="https://council.example" + BASE)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["nav"] = [{"Home": "index.md"}]
    settings["not_in_nav"] = "\n".join(["/services/", "/schools/", "/health/", "/search*", "/coverage*",
                                        "/translation-status*"])
    config.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    ids = write_services(base / "project" / "data" / "services", 6)
    site = base / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site, ids, base / "project"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def links_in_content(html: str) -> list[str]:
    """The links in the page's text (not the header, menu or footer)."""
    start, end = html.find("<article"), html.find("</article>")
    return [attrs["href"] for tag, attrs in elements(html[start:end]) if tag == "a" and attrs.get("href")]


def crawl(site: Path, start: Path, follow) -> set[Path]:
    """Every page linked from the pages reached from ``start`` by links for which ``follow``
    (a site-relative path) is true."""
    seen, reached, queue = {start}, set(), deque([start])
    while queue:
        page = queue.popleft()
        for href in links_in_content(read(page)):
            target = resolve(site, page, href, BASE)
            if target is None:
                continue
            reached.add(target)
            if target not in seen and follow(target.relative_to(site).as_posix()):
                seen.add(target)
                queue.append(target)
    return reached


def test_every_built_page_is_under_the_budget(big_site):
    site, _, _ = big_site
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert len(sizes) > 400
    assert {p: s for p, s in sizes.items() if s > BUDGET} == {}
    # the lists really are split
    for lang in ("", "cy/"):
        for path in ("services/page-3/index.html", "search/schools/page-3/index.html",
                     "translation-status/page-3/index.html", "coverage/schools/page-3/index.html"):
            assert (site / lang / path).is_file(), lang + path


@pytest.mark.parametrize("lang", ["", "cy/"])
def test_every_service_is_reached_from_the_directory_pages(big_site, lang):
    site, ids, project = big_site
    folder = lang + "services/"
    reached = crawl(site, site / folder / "index.html", lambda p: re.fullmatch(rf"{folder}(page-\d+/)?index.html", p))
    services = {p.relative_to(site / folder).parent.as_posix() for p in reached
                if p.parent.parent == site / folder.rstrip("/") and not p.parent.name.startswith(("page-", "age-", "need-", "area-", "free"))}
    assert services == set(ids)
    # a filter page and its further pages list exactly the services of that filter
    directory = services_module.load_all(project)
    autism = {s["id"] for s in directory.services if "autism" in s["needs"]}
    reached = crawl(site, site / folder / "need-autism" / "index.html",
                    lambda p: re.fullmatch(rf"{folder}need-autism/(page-\d+/)?index.html", p))
    found = {p.parent.name for p in reached if p.parent.name in set(ids)}
    assert found == autism and len(autism) > pagination.SERVICES_PER_PAGE


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_page_is_reached_from_the_search_page_without_javascript(big_site, lang):
    site, _, project = big_site
    prefix = "" if lang == "en" else "cy/"
    reached = crawl(site, site / prefix / "search" / "index.html",
                    lambda p: p.startswith(prefix + "search/"))
    docs = project / "docs"
    expected = set()
    for path in docs.rglob("*.md"):
        written_in = "cy" if path.name.endswith(".cy.md") else "en"
        text = read(path)
        if written_in != lang or "generate:" in text:
            continue
        rel = path.relative_to(docs).as_posix().replace(".cy.md", ".md")[:-3]
        rel = rel[:-len("index")] if rel.endswith("index") else rel + "/"
        expected.add(site / prefix / rel / "index.html")
    assert expected - reached == set()


def test_page_links_are_correct_on_every_split_page(big_site):
    site, _, _ = big_site
    checked = 0
    for page in site.rglob("*.html"):
        html = read(page)
        navs = re.findall(r'<nav aria-label="([^"]+)" class="lok-pagination">(.*?)</nav>', html, re.S)
        if not navs:
            continue
        checked += 1
        welsh = page.relative_to(site).parts[0] == "cy"
        [(label, body)] = navs
        assert label == ("Tudalennau'r rhestr hon" if welsh else "Pages of this list")
        links = [attrs for tag, attrs in elements(body) if tag == "a"]
        current = [a for a in links if a.get("aria-current") == "page"]
        assert len(current) == 1 and resolve(site, page, current[0]["href"], BASE) == page
        number = int(current[0]["aria-label"].split()[-1])
        numbers = [a for a in links if "aria-label" in a]
        total = max(int(a["aria-label"].split()[-1]) for a in numbers)
        assert all(a["aria-label"] == ("Tudalen " if welsh else "Page ") + a["aria-label"].split()[-1] for a in numbers)
        prev = [a for a in links if a.get("rel") == "prev"]
        nxt = [a for a in links if a.get("rel") == "next"]
        assert len(prev) == (number > 1) and len(nxt) == (number < total)
        for a in links:
            assert resolve(site, page, a["href"], BASE) is not None, (page, a)
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        if number > 1:
            assert (f"(tudalen {number} o {total})" if welsh else f"(page {number} of {total})") in title
        # generated pages have no "Suggest a change" link to a file that does not exist
        assert "lok-edit__link" not in html
    assert checked > 20


def test_language_switch_on_split_pages_reaches_the_same_page(big_site):
    site, _, _ = big_site
    for page in list(site.glob("*/page-*/index.html")) + list(site.glob("*/*/page-*/index.html")):
        html = read(page)
        [link] = [a for tag, a in elements(html) if tag == "a" and "lok-lang__link" in (a.get("class") or "")]
        target = resolve(site, page, link["href"], BASE)
        assert target is not None, page
        assert target.relative_to(site).as_posix().removeprefix("cy/") == \
            page.relative_to(site).as_posix().removeprefix("cy/")


def test_split_pages_stay_out_of_search_results(big_site):
    site, _, _ = big_site
    for folder in ("search", "coverage", "translation-status", "cy/search", "cy/translation-status"):
        for page in (site / folder).rglob("*.html"):
            assert "data-pagefind-body" not in read(page), page


def test_review_dates_of_further_pages_come_from_the_hand_written_page(big_site):
    site, _, _ = big_site
    html = read(site / "cy" / "translation-status" / "page-2" / "index.html")
    assert '<time datetime="2027-05-01">' in html and "Statws cyfieithu (tudalen 2 o 3)" in html
