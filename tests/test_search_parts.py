"""A big site's search index in parts (issue 17): Pagefind holds everything it reads in
memory, so a language with more searchable pages than ``LOCALOFFER_SEARCH_PART_PAGES``
is indexed a part at a time, each part a bundle of its own, and our search form searches
all the parts at once. Real ``localoffer build`` (parts of 3 pages here), real Pagefind,
real Chromium."""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from localoffer import search
from localoffer.commands import build
from sitekit import make_project
from test_i18n_search import run_browser


def page(title: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n{extra}---\n\n# {title}\n\n{body}\n"


CLUBS = 8
PAGES = {
    "index.md": page("Home", "Help for families in the county."),
    "index.cy.md": page("Hafan", "Help i deuluoedd yn y sir."),
    "search.md": page("Search", "", "generate: search\n"),
    "search.cy.md": page("Chwilio", "", "generate: search\n"),
}
for number in range(CLUBS):
    PAGES[f"club-{number}.md"] = page(f"Club {number}", f"The zebrafish club number {number} meets on Fridays.")
    PAGES[f"club-{number}.cy.md"] = page(f"Clwb {number}", f"Mae clwb pysgod sebra rhif {number} yn cwrdd ar ddydd Gwener.")


def fragment_urls(bundle: Path) -> list[str]:
    """The page addresses a bundle's fragments hold (Pagefind writes them gzipped, after a
    12-byte marker)."""
    urls = []
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.append(json.loads(data[len(b"pagefind_dcd"):])["url"])
    return sorted(urls)


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("parts")
    make_project(base, PAGES)
    site = base / "site"
    patch = pytest.MonkeyPatch()
    patch.setenv(search.PART_PAGES_ENV, "3")
    try:
        status = build.run(argparse.Namespace(config=str(base / "mkdocs.yml"), site_dir=str(site),
                                              no_a11y=True, format="text"))
    finally:
        patch.undo()
    assert status == 0
    return site


def test_split_parts_puts_every_page_in_exactly_one_part():
    pages = [f"p{n:02}/index.html" for n in range(11)]
    parts = search.split_parts(pages, 3)
    assert [len(part) for part in parts] == [3, 3, 3, 2]
    assert [page for part in parts for page in part] == pages
    assert search.split_parts(pages, 11) == [pages]
    assert search.split_parts([], 3) == [[]]
    assert search.split_parts(pages, 3) == parts  # the same pages, the same parts


def test_a_language_over_the_limit_is_indexed_in_parts(parts_site):
    for root, lang in ((parts_site, "en"), (parts_site / "cy", "cy")):
        bundle = root / search.BUNDLE_DIR
        listed = json.loads((bundle / search.PARTS_FILE).read_text("utf-8"))["parts"]
        assert listed and listed == [f"part-{n}/" for n in range(2, len(listed) + 2)]
        folders = [bundle] + [bundle / folder for folder in listed]
        # Pagefind's script, worker and WebAssembly are in the first bundle only
        assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.*.pagefind"))
        for folder in folders[1:]:
            assert (folder / "pagefind-entry.json").is_file()
            assert not (folder / "pagefind.js").exists() and not list(folder.glob("wasm.*"))
        # every searchable page of the language is in exactly one part
        searchable = [rel for rel in search.searchable_pages(root) if lang == "cy" or not rel.startswith("cy/")]
        assert len(searchable) > 3
        in_parts = [fragment_urls(folder) for folder in folders]
        assert all(0 < len(urls) <= 3 for urls in in_parts)
        found = [url for urls in in_parts for url in urls]
        assert len(found) == len(set(found))
        # (addresses from the language's folder: lok-search.js gives Pagefind the rest)
        expected = {"/" + rel.removesuffix("index.html") for rel in searchable}
        assert expected <= set(found)
        assert {f"/club-{n}/" for n in range(CLUBS)} <= set(found)
    # no folder of links is left behind
    assert not list(parts_site.parent.glob(".lok-search-part-*"))


def test_a_small_site_has_one_part(tmp_path):
    make_project(tmp_path, PAGES)
    site = tmp_path / "site"
    assert build.run(argparse.Namespace(config=str(tmp_path / "mkdocs.yml"), site_dir=str(site),
                                        no_a11y=True, format="text")) == 0
    for bundle in (site / "pagefind", site / "cy" / "pagefind"):
        assert json.loads((bundle / search.PARTS_FILE).read_text("utf-8")) == {"parts": []}
        assert not list(bundle.glob("part-*"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(site: Path, root: Path):
    """``site`` over HTTP on 127.0.0.1 under its sub-path /local-offer/: (address, server)."""
    (root / "local-offer").symlink_to(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/local-offer/", server


@pytest.fixture(scope="module")
def served(parts_site, tmp_path_factory):
    address, server = _serve(parts_site, tmp_path_factory.mktemp("www"))
    yield address
    server.shutdown()
    server.server_close()


def test_the_search_form_finds_pages_in_every_part(served, tmp_path):
    english, welsh = run_browser([
        {"page": served, "type": "zebrafish"},
        {"page": served + "cy/", "type": "sebra"},
    ], tmp_path)
    for answer, prefix, status in ((english, "/local-offer/", "8 results"),
                                   (welsh, "/local-offer/cy/", "8 canlyniad")):
        assert answer["errors"] == []
        assert answer["status"] == status
        hrefs = {link["href"] for link in answer["links"]}
        assert {f"{prefix}club-{n}/" for n in range(CLUBS)} == hrefs
        # the parts' files were fetched: the list, and each part's entry file
        fetched = [url for url in answer["requests"] if "/pagefind/" in url]
        assert any(url.endswith("/pagefind/lok-parts.json") for url in fetched)
        assert {url.split("/pagefind/")[1].split("/")[0] for url in fetched if "/part-" in url} >= {
            "part-2", "part-3"}


def test_a_part_that_cannot_be_read_leaves_the_others_searchable(parts_site, tmp_path):
    """An old list of parts (say, from a cache) names a part the new build no longer has."""
    site = tmp_path / "site"
    shutil.copytree(parts_site, site)
    bundle = site / search.BUNDLE_DIR
    listed = json.loads((bundle / search.PARTS_FILE).read_text("utf-8"))["parts"]
    (bundle / search.PARTS_FILE).write_text(json.dumps({"parts": [*listed, "part-99/"]}), "utf-8")
    (tmp_path / "www").mkdir()
    address, server = _serve(site, tmp_path / "www")
    try:
        (www := tmp_path / "browser").mkdir()
        [answer] = run_browser([{"page": address, "type": "zebrafish"}], www)
    finally:
        server.shutdown()
        server.server_close()
    assert answer["status"] == "8 results"
    assert {link["href"] for link in answer["links"]} == {f"/local-offer/club-{n}/" for n in range(CLUBS)}
