"""A big section stays small (issue 17 item 1): its page lists its pages a page at a time
(``generate: section``), and the menu a page carries shows a few of the section's pages
and a link to that list, however many pages the section has. Real MkDocs builds."""

from __future__ import annotations

import math
import re
from collections import deque
from pathlib import Path

import pytest
import yaml

from localoffer.generate import pagination, section_list
from sitekit import build, elements, make_project, resolve

BASE = "/local-offer/"
EN, CY, SMALL = 70, 56, 4  # pages in the big section (English, Welsh) and in the small one
CAP = 12  # overrides/partials/nav-item.html


def page(title: str, description: str, extra: str = "", body: str = "What we do for families.") -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n{extra}---\n\n# {title}\n\n{body}\n"


def site_pages() -> dict[str, str]:
    pages = {
        "index.md": page("Home", "The home page."),
        "index.cy.md": page("Hafan", "Yr hafan."),
        "schools/index.md": page("Schools", "Help at school.", "generate: section\n", "Support at school."),
        "schools/index.cy.md": page("Ysgolion", "Help yn yr ysgol.", "generate: section\n", "Cymorth yn yr ysgol."),
        "health/index.md": page("Health", "Health services.", "generate: section\n"),
        "health/index.cy.md": page("Iechyd", "Gwasanaethau iechyd.", "generate: section\n"),
    }
    for i in range(EN):
        pages[f"schools/school-{i:03}.md"] = page(f"School support {i:03}", "Help at school.")
        if i < CY:
            pages[f"schools/school-{i:03}.cy.md"] = page(f"Cymorth ysgol {i:03}", "Help yn yr ysgol.", "",
                                                         "Beth all yr ysgol ei wneud.")
    for i in range(SMALL):
        pages[f"health/clinic-{i}.md"] = page(f"Clinic {i}", "A clinic.")
        pages[f"health/clinic-{i}.cy.md"] = page(f"Clinig {i}", "Clinig.", "", "Beth mae'r clinig yn ei wneud.")
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("sections")
    config = make_project(base / "project", site_pages(), site_url="https://council.example" + BASE)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["nav"] = [
        {"Home": "index.md"},
        {"Schools": ["schools/index.md"] + [f"schools/school-{i:03}.md" for i in range(EN)]},
        {"Health": ["health/index.md"] + [f"health/clinic-{i}.md" for i in range(SMALL)]},
    ]
    config.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    out = base / "site"
    result = build(config, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def content_links(html: str) -> list[str]:
    start, end = html.find("<article"), html.find("</article>")
    return [a["href"] for tag, a in elements(html[start:end]) if tag == "a" and a.get("href")]


def menu_links(html: str) -> list[dict]:
    """The links of the site menu (Material's primary nav), without the page's own contents."""
    start = html.find('class="md-nav md-nav--primary"')
    end = html.find('<div class="md-sidebar md-sidebar--secondary"', start)
    return [a for tag, a in elements(html[start:end if end > 0 else None]) if tag == "a" and a.get("href")]


# --- the list, as plain functions --------------------------------------------------------

def test_the_list_has_the_folders_pages_only_in_each_language():
    lists = {"en": [{"name": "schools/a.md", "title": "A"}, {"name": "schools/index.md", "title": "S"},
                    {"name": "schools/sub/b.md", "title": "B"}, {"name": "schoolsx/c.md", "title": "C"},
                    {"name": "health/d.md", "title": "D"}],
             "cy": [{"name": "schools/a.md", "title": "A cy"}]}
    items = section_list.items_of(lists, "schools")
    assert [i["name"] for i in items["en"]] == ["schools/a.md", "schools/sub/b.md"]
    assert [i["title"] for i in items["cy"]] == ["A cy"]


def test_a_language_with_no_pages_in_the_section_says_so_in_its_own_language():
    items = {"en": [{"name": "schools/a.md", "title": "A", "description": ""}], "cy": []}
    paths, chunks = section_list.split(items, "schools/index.md")
    assert paths == ["schools/index.md"]
    welsh = section_list.list_text(items, paths, chunks, 1, "cy")
    assert "Tudalennau yn yr adran hon" in welsh and "schools/a.md" not in welsh
    english = section_list.list_text(items, paths, chunks, 1, "en")
    assert "Pages in this section" in english and "[A](a.md)" in english


# --- a real build ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("prefix, count", [("", EN), ("cy/", CY)])
def test_every_page_of_a_big_section_is_reached_from_its_list_a_page_at_a_time(site, prefix, count):
    pages = math.ceil(max(EN, CY) / pagination.PAGES_PER_PAGE)
    start = site / prefix / "schools" / "index.html"
    lists = {start} | {site / prefix / "schools" / f"page-{n}" / "index.html" for n in range(2, pages + 1)}
    assert all(p.is_file() for p in lists)
    assert not (site / prefix / "schools" / f"page-{pages + 1}").exists()
    reached, seen, queue = [], {start}, deque([start])
    while queue:
        here = queue.popleft()
        for href in content_links(read(here)):
            target = resolve(site, here, href, BASE)
            if target is None:
                continue
            if target in lists:
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
            elif target.parent.name.startswith("school-"):
                reached.append(target.parent.name)
    assert seen == lists
    assert sorted(set(reached)) == [f"school-{i:03}" for i in range(count)]
    assert len(reached) == count  # each page listed once
    # a list page is not a search result; the section's own page is
    assert all("data-pagefind-body" not in read(p) for p in lists - {start})
    assert "data-pagefind-body" in read(start)


@pytest.mark.slow
@pytest.mark.parametrize("prefix, every", [("", "Every page in this section"),
                                           ("cy/", "Pob tudalen yn yr adran hon")])
def test_the_menu_shows_a_few_pages_of_a_big_section_and_links_to_the_rest(site, prefix, every):
    for number in (0, 1, 35, EN - 1):
        here = site / prefix / "schools" / f"school-{number:03}" / "index.html"
        html = read(here)
        links = menu_links(html)
        section = [a for a in links if "school-" in a["href"]]
        assert len(section) <= CAP, (here, len(section))
        # this page is in its menu, and so are the pages next to it
        targets = {resolve(site, here, a["href"], BASE) for a in section} | {
            resolve(site, here, a["href"], BASE) for a in links if "md-nav__link--active" in (a.get("class") or "")}
        assert here in targets
        for near in (number - 1, number + 1):
            if 0 <= near < EN:
                assert site / prefix / "schools" / f"school-{near:03}" / "index.html" in targets, (number, near)
        found = re.findall(r'<li class="md-nav__item lok-nav-every">\s*<a href="([^"]+)"[^>]*>([^<]+)</a>', html)
        assert found == [(found[0][0], every)] if found else False, here
        assert resolve(site, here, found[0][0], BASE) == site / prefix / "schools" / "index.html"


@pytest.mark.slow
def test_a_small_section_shows_every_page_and_no_extra_link(site):
    html = read(site / "health" / "clinic-1" / "index.html")
    clinics = {a["href"] for a in menu_links(html) if "clinic-" in a["href"]}
    assert len(clinics) >= SMALL - 1  # the page itself is shown as the active item
    assert "Every page in this section" not in html


@pytest.mark.slow
def test_no_page_of_the_site_is_over_the_page_budget(site):
    over = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")
            if p.stat().st_size > 40 * 1024}
    assert over == {}
