"""Unit tests for the accessibility pieces that need no browser."""

import urllib.error
import urllib.request

import pytest

from localoffer.a11y import cache, contrast, ignore, sourcemap, urls, wcag
from localoffer.a11y.parse import Issue
from localoffer.a11y.serve import SiteServer
from localoffer.errors import UserError

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://example.org/lo/</loc></url>
  <url><loc>https://example.org/lo/schools/</loc></url>
  <url><loc>https://example.org/lo/gone/</loc></url>
</urlset>"""


def make_site(root):
    for rel in ("index.html", "schools/index.html", "cy/index.html", "cy/schools/index.html",
                "404.html", "assets/x.html"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html lang=en><title>{rel}</title><p>{rel}</p>")
    (root / "sitemap.xml").write_text(SITEMAP)
    return root


def test_url_list_is_union_of_files_and_sitemap(tmp_path):
    site = make_site(tmp_path)
    found = urls.collect(site, "https://example.org/lo/")
    # cy/schools/ is not in the sitemap but is built: still tested.
    assert found.pages == ["", "404.html", "cy/", "cy/schools/", "schools/"]
    assert found.not_built == ["gone/"]


def test_server_serves_under_sub_path_and_answers_404(tmp_path):
    site = make_site(tmp_path)
    with SiteServer(site, "/lo/") as server:
        with urllib.request.urlopen(server.url_for("schools/")) as response:
            assert response.status == 200 and b"schools/index.html" in response.read()
        for missing in ("nope/", "../etc/passwd"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(server.url_for(missing))
            assert error.value.code == 404
        with pytest.raises(urllib.error.HTTPError) as error:  # outside the sub-path
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/schools/")
        assert error.value.code == 404
        with urllib.request.urlopen(server.url_for("schools")) as response:  # redirect to slash
            assert response.url.endswith("/lo/schools/")
        assert server.status_of(server.url_for("nope/")) == 404
        assert server.status_of(server.url_for("schools/")) == 200


def test_sourcemap_follows_static_i18n_suffixes(tmp_path):
    docs = tmp_path
    for name in ("index.md", "index.cy.md", "schools.md", "travel.en.md", "travel.cy.md",
                 "guides/index.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# x\n")
    langs = ("en", "cy")

    def src(page):
        found = sourcemap.source_for_page(page, docs, langs, "en")
        return (found.file.relative_to(docs).as_posix() if found.file else None,
                found.lang, found.content_lang)

    assert src("") == ("index.md", "en", "en")
    assert src("cy/") == ("index.cy.md", "cy", "cy")
    assert src("schools/") == ("schools.md", "en", "en")
    assert src("cy/schools/") == ("schools.md", "cy", "en")  # not translated yet
    assert src("travel/") == ("travel.en.md", "en", "en")
    assert src("cy/travel/") == ("travel.cy.md", "cy", "cy")
    assert src("guides/") == ("guides/index.md", "en", "en")
    assert src("nothing/") == (None, "en", "en")


def test_line_of_finds_element_in_markdown():
    md = "# Title\n\nIntro.\n\n![Map of the area](map.png)\n\n[Apply for transport](travel.md)\n"
    assert sourcemap.line_of(md, '<img src="../assets/map.png" alt="Map of the area">') == 5
    assert sourcemap.line_of(md, '<a href="../travel/">Apply for transport</a>') == 7
    assert sourcemap.line_of(md, '<input id="__search" type="checkbox">') is None


@pytest.mark.parametrize("code, tags, number, rule_id", [
    ("WCAG2AA.Principle1.Guideline1_1.1_1_1.H37", None, "1.1.1", "a11y/wcag-1.1.1"),
    ("WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail", None, "1.4.3", "a11y/wcag-1.4.3"),
    ("WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.A.NoContent", None, "4.1.2", "a11y/wcag-4.1.2"),
    ("target-size", ["cat.sensory-and-visual-cues", "wcag22aa", "wcag258"], "2.5.8",
     "a11y/wcag-2.5.8"),
    ("color-contrast", None, "1.4.3", "a11y/wcag-1.4.3"),
    ("region", ["cat.keyboard", "best-practice"], None, "a11y/axe-region"),
])
def test_wcag_mapping(code, tags, number, rule_id):
    described = wcag.describe(code, tags)
    assert described.number == number and described.rule_id == rule_id
    assert described.fix and described.name


def test_every_mapped_axe_rule_has_a_named_criterion():
    for rule, number in wcag.AXE_RULES.items():
        assert number in wcag.CRITERIA, rule


def test_contrast_ratio_known_values():
    assert contrast.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_default_colours_pass_and_bad_ones_name_the_setting():
    good = {"primary": "#1d4f91", "primary_text": "#ffffff", "accent": "#8a1538",
            "link": "#1d4f91"}
    assert contrast.check_council_colours(good) == []
    bad = dict(good, link="#3399ff", accent="#ffdd00", primary_text="#aaaaaa")
    problems = {p.setting: p for p in contrast.check_council_colours(bad)}
    assert set(problems) == {"extra.council.colours.link", "extra.council.colours.accent",
                             "extra.council.colours.primary_text"}
    assert "extra.council.colours.link" in problems["extra.council.colours.link"].message()
    assert "cefndir gwyn y dudalen" in problems["extra.council.colours.link"].message("cy")
    assert problems["extra.council.colours.accent"].needed == 3.0
    # 4.47:1 (Material's stock footer) is a fail: no rounding up.
    assert contrast.check_council_colours(dict(good, link="#777777"))


def test_ignore_entries_need_a_reason():
    with pytest.raises(UserError):
        ignore.parse_ignore({"ignore": [{"code": "image-alt"}]})
    rules = ignore.parse_ignore({"ignore": [{"code": "WCAG2AA.Principle1", "selector": "#__x",
                                             "reason": "hidden toggle"}]})
    issue = Issue("WCAG2AA.Principle1.Guideline1_3.1_3_1.F68", "htmlcs", "m", "#__x", "")
    assert ignore.find_rule(rules, "a/", issue) is rules[0]
    assert ignore.find_rule(rules, "a/", Issue("image-alt", "axe", "m", "#__x", "")) is None


def test_shipped_ignore_list_has_reasons():
    for rule in ignore.load_ignore():
        assert len(rule.reason) > 40, rule.code


def test_page_key_changes_with_page_or_its_css(tmp_path):
    site = tmp_path
    (site / "assets").mkdir()
    (site / "assets" / "a.css").write_text("p{color:#000}")
    (site / "p").mkdir()
    page = site / "p" / "index.html"
    page.write_text('<link rel="stylesheet" href="../assets/a.css"><script src="../assets/b.js">'
                    '</script><p>x</p>')
    (site / "assets" / "b.js").write_text("1")
    first = cache.page_key(site, "p/", page, "/lo/", cache.HashCache())
    assert first == cache.page_key(site, "p/", page, "/lo/", cache.HashCache())
    (site / "assets" / "a.css").write_text("p{color:#999}")
    second = cache.page_key(site, "p/", page, "/lo/", cache.HashCache())
    assert second != first
    page.write_text(page.read_text() + "<p>y</p>")
    assert cache.page_key(site, "p/", page, "/lo/", cache.HashCache()) != second


def test_statement_placeholder_is_filled_in_each_language(tmp_path):
    import datetime as dt

    from localoffer.a11y import statement
    from localoffer.a11y.ignore import load_ignore

    for lang, folder in (("en", tmp_path), ("cy", tmp_path / "cy")):
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(
            f'<html lang="{lang}"><body>{statement.placeholder(lang)}</body></html>', encoding="utf-8")
    (tmp_path / "other.html").write_text('<html lang="en"><body>No box.</body></html>', encoding="utf-8")
    changed = statement.fill(tmp_path, date=dt.date(2026, 11, 23), pages=90, problems=0,
                             tools="pa11y-ci 4.1.1", ignored=load_ignore())
    assert sorted(p.relative_to(tmp_path).as_posix() for p in changed) == ["cy/index.html", "index.html"]
    english = (tmp_path / "index.html").read_text(encoding="utf-8")
    welsh = (tmp_path / "cy" / "index.html").read_text(encoding="utf-8")
    assert "We last tested this website on 23 November 2026" in english and "90 pages" in english
    assert "ddiwethaf ar 23 Tachwedd 2026" in welsh and "Switsh cudd" in welsh
    assert "not tested" not in english and "without the automatic" not in english


def test_server_lets_the_browser_cache_assets_but_never_pages(tmp_path):
    # Pages must be asked for every time (their status is how a 404 or a page that never
    # loaded is caught); the shared CSS/JS may come from the browser's cache in one run.
    site = make_site(tmp_path)
    (site / "assets" / "main.css").write_text("body { color: #000 }")
    with SiteServer(site, "/lo/") as server:
        with urllib.request.urlopen(server.url_for("schools/")) as response:
            assert response.headers["Cache-Control"] == "no-store"
        with urllib.request.urlopen(server.url_for("assets/main.css")) as response:
            assert response.headers["Cache-Control"].startswith("max-age=")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(server.url_for("nope/"))
        assert error.value.headers["Cache-Control"] == "no-store"
