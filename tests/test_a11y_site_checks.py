"""Site checks on built HTML, no browser: pages reachable by links (issue 16), kinds of
page, the keyboard walk's choice of pages, and ``--shard K/N`` (issue 17)."""

from pathlib import Path

import pytest

from localoffer.a11y import kinds, reach

LANGS = ("en", "cy")


def page_html(links=(), article="<p>Text.</p>", toc=False):
    anchors = "".join(f'<a href="{href}">link</a>' for href in links)
    secondary = ('<nav class="md-nav md-nav--secondary"><a class="md-nav__link" href="#a">A</a>'
                 "</nav>") if toc else ""
    return (f"<!doctype html><html><body><nav>{anchors}</nav>{secondary}"
            f"<article class=\"md-content__inner\">{article}</article></body></html>")


def write_site(root: Path, pages: dict[str, str]) -> dict[str, Path]:
    files = {}
    for page, text in pages.items():
        path = root / (page + "index.html" if page == "" or page.endswith("/") else page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        files[page] = path
    return files


def test_pages_no_link_chain_reaches_are_listed_per_language(tmp_path):
    files = write_site(tmp_path / "site", {
        "": page_html(["schools/", "cy/", "https://example.org/lo/health/"]),
        "schools/": page_html(["../transport/#buses", "../index.html"]),
        "transport/": page_html(),
        "health/": page_html(),                       # reached by an absolute address
        "services/": page_html(["../cy/services/"]),  # nothing links here
        "services/free/": page_html(),                # only services/ links... nothing does
        "404.html": page_html(),                      # never a page for families
        "translation-status/": page_html(),           # an editors' page
        "translation-status/page-2/": page_html(),
        "cy/": page_html(["ysgolion/", "../services/"]),
        "cy/ysgolion/": page_html(),
        "cy/services/": page_html(),                  # an English page's link does not count
    })
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "translation-status.md").write_text("---\ntitle: T\ngenerate: translation-status\n---\n# T\n")
    (docs / "translation-status.cy.md").write_text("---\ngenerate: translation-status\n---\n# T\n")
    (docs / "schools.md").write_text("---\ntitle: Schools\n---\n# Schools\n")
    editors = reach.editor_stems(docs)
    assert editors == {"translation-status"}
    missing = reach.unreachable(files, LANGS, "en", "https://example.org/lo/", editors)
    assert missing == [("cy/services/", "cy/"), ("services/", ""), ("services/free/", "")]


def test_links_that_leave_the_site_or_its_sub_path_are_not_followed():
    pages = {"", "a/", "b.html"}
    hosts = {"site", "example.org"}
    assert reach.target_page("", "a/", "/lo/", hosts, pages) == "a/"
    assert reach.target_page("a/", "../b.html?x=1#top", "/lo/", hosts, pages) == "b.html"
    assert reach.target_page("a/", "/lo/", "/lo/", hosts, pages) == ""
    assert reach.target_page("a/", "/lo", "/lo/", hosts, pages) == ""
    assert reach.target_page("", "https://other.example/lo/a/", "/lo/", hosts, pages) is None
    assert reach.target_page("", "/elsewhere/a/", "/lo/", hosts, pages) is None
    assert reach.target_page("", "mailto:a@example.org", "/lo/", hosts, pages) is None
    assert reach.target_page("", "javascript:void(0)", "/lo/", hosts, pages) is None


def test_kinds_come_from_the_built_html():
    assert kinds.page_kind("", page_html(), LANGS) == "home"
    assert kinds.page_kind("cy/", page_html(), LANGS) == "home"
    assert kinds.page_kind("services/", page_html(article='<ul class="lok-service-list">'), LANGS) \
        == "service-list"
    assert kinds.page_kind("s/a/", page_html(article='<div class="lok-contact-card">'), LANGS) \
        == "service"
    assert kinds.page_kind("f/", page_html(article="<form><input name=q></form>"), LANGS) == "form"
    assert kinds.page_kind("t/", page_html(article="<table></table>"), LANGS) == "table"
    assert kinds.page_kind("c/", page_html(toc=True), LANGS) == "contents"
    assert kinds.page_kind("p/", page_html(), LANGS) == "page"


def test_the_keyboard_walk_takes_one_page_of_each_kind():
    page_kinds = {"": "home", "cy/": "home", "a/": "contents", "b/": "contents",
                  "cy/a/": "contents", "coverage/": "table", "z/": "table", "404.html": "page",
                  "cy/404.html": "page", "cy/form/": "form"}
    chosen = kinds.keyboard_pages(page_kinds, LANGS, "en",
                                  prefer=set(page_kinds) - {"coverage/"})
    # pages for families before editors' pages, English before Welsh, then by address
    assert chosen == {"", "a/", "z/", "cy/form/"}


@pytest.mark.parametrize("parts", [1, 2, 3, 8])
def test_shards_are_disjoint_cover_every_page_and_spread_each_kind(parts):
    pages = [f"p{n:03d}/" for n in range(40)] + [f"cy/p{n:03d}/" for n in range(40)] + ["", "cy/"]
    page_kinds = {page: ("home" if page in ("", "cy/") else
                         ("service" if int(page[-4:-1]) % 3 == 0 else "contents"))
                  for page in pages}
    shards = [kinds.shard(pages, page_kinds, part, parts) for part in range(1, parts + 1)]
    together = [page for part in shards for page in part]
    assert sorted(together) == sorted(pages)              # every page ...
    assert len(together) == len(set(together))            # ... in exactly one part
    for kind in ("home", "service", "contents"):
        counts = [sum(1 for page in part if page_kinds[page] == kind) for part in shards]
        assert max(counts) - min(counts) <= 1, (kind, counts)
    # the same call gives the same parts
    assert shards == [kinds.shard(list(reversed(pages)), page_kinds, part, parts)
                      for part in range(1, parts + 1)]


def test_a_part_outside_the_parts_is_refused():
    with pytest.raises(ValueError):
        kinds.shard(["a/"], {"a/": "page"}, 3, 2)
    with pytest.raises(ValueError):
        kinds.shard(["a/"], {"a/": "page"}, 0, 2)
