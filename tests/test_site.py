"""The bilingual site: real MkDocs builds, assertions on the real HTML (issue 2)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from sitekit import ROOT, build, elements, html_lang, html_pages, make_project, resolve

PAGES = {
    "index.md": """
        ---
        title: Home
        ---
        # Help for families

        Read about [our services](services.md).
        """,
    "index.cy.md": """
        ---
        title: Hafan
        ---
        # Help i deuluoedd

        Darllenwch am [ein gwasanaethau](services.md).
        """,
    "services.md": """
        ---
        title: Services
        ---
        # Services

        Go back to the [home page](index.md).

        ## Short breaks

        Short breaks give families time to rest.
        """,
    "services.cy.md": """
        ---
        title: Gwasanaethau
        ---
        # Gwasanaethau

        Ewch yn ôl i'r [hafan](index.md).

        ## Seibiannau byr

        Mae seibiannau byr yn rhoi amser i deuluoedd orffwys.
        """,
    "untranslated.md": """
        ---
        title: Travel
        ---
        # Travel to school

        Some children can get free travel to school.
        """,
}


def build_fixture(tmp_path: Path, site_url: str) -> Path:
    config = make_project(tmp_path / "project", PAGES, site_url=site_url)
    site_dir = tmp_path / "site"
    result = build(config, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="module", params=["https://council.example/local-offer/", "https://council.example/"])
def fixture_site(request, tmp_path_factory) -> tuple[Path, str]:
    site_url = request.param
    site_dir = build_fixture(tmp_path_factory.mktemp("fixture"), site_url)
    return site_dir, urlsplit(site_url).path


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def expected_lang(site_dir: Path, page: Path) -> str:
    return "cy" if page.relative_to(site_dir).parts[0] == "cy" else "en"


def test_every_page_is_built_in_both_languages(fixture_site):
    site_dir, _ = fixture_site
    for name in ("", "services/", "untranslated/"):
        assert (site_dir / name / "index.html").is_file()
        assert (site_dir / "cy" / name / "index.html").is_file()


def test_html_lang_is_right_on_every_page(fixture_site, example_site):
    for site_dir in (fixture_site[0], example_site):
        pages = html_pages(site_dir)
        assert len(pages) >= 6
        for page in pages:
            assert html_lang(read(page)) == expected_lang(site_dir, page), page


def language_links(html: str) -> list[dict]:
    return [attrs for tag, attrs in elements(html) if tag == "a" and "lok-lang__link" in (attrs.get("class") or "")]


@pytest.mark.parametrize("which", ["fixture", "example"])
def test_language_switch_links_reach_the_same_page_in_the_other_language(which, fixture_site, example_site):
    site_dir, base_path = fixture_site if which == "fixture" else (example_site, "/local-offer/")
    for page in html_pages(site_dir):
        html = read(page)
        links = language_links(html)
        assert len(links) == 1, f"{page}: expected one link to the other language"
        link = links[0]
        other = "en" if expected_lang(site_dir, page) == "cy" else "cy"
        assert link["hreflang"] == other and link["lang"] == other
        target = resolve(site_dir, page, link["href"], base_path)
        assert target is not None, f"{page}: switch link {link['href']} leads nowhere"
        assert html_lang(read(target)) == other
        # the same page: the path below the language folder is the same
        rel_here = page.relative_to(site_dir).as_posix().removeprefix("cy/")
        if rel_here == "404.html":
            rel_here = "index.html"  # a missing page's switch goes to the other home page
        rel_there = target.relative_to(site_dir).as_posix().removeprefix("cy/")
        assert rel_here == rel_there
        current = re.findall(r'<span class="lok-lang__current" aria-current="true" lang="(\w+)"', html)
        assert current == [expected_lang(site_dir, page)]


def test_untranslated_page_is_marked_english_with_a_notice_in_both_languages(fixture_site):
    site_dir, _ = fixture_site
    html = read(site_dir / "cy" / "untranslated" / "index.html")
    assert html_lang(html) == "cy"
    notice = re.search(r'<div class="lok-notice" role="note">(.*?)</div>', html, re.S).group(1)
    assert re.search(r'<p lang="cy">.*Nid yw\'r dudalen hon ar gael yn Gymraeg eto', notice, re.S)
    assert re.search(r'<p lang="en">.*This page is not in Welsh yet', notice, re.S)
    # the English text sits inside an element marked lang="en"
    english = re.search(r'<div lang="en">(.*)', html, re.S).group(1)
    assert "Travel to school" in english and "Some children can get free travel" in english
    # a translated page has no notice
    assert "lok-notice" not in read(site_dir / "cy" / "services" / "index.html")
    assert "lok-notice" not in read(site_dir / "untranslated" / "index.html")


def test_each_language_has_its_own_404_page(fixture_site):
    site_dir, base_path = fixture_site
    english = read(site_dir / "404.html")
    welsh = read(site_dir / "cy" / "404.html")
    assert html_lang(english) == "en" and ">Page not found</h1>" in english
    assert html_lang(welsh) == "cy" and ">Heb ddod o hyd i'r dudalen</h1>" in welsh
    # A 404 page is served at any address, so its links must not be relative.
    for page, html in ((site_dir / "404.html", english), (site_dir / "cy" / "404.html", welsh)):
        for tag, attrs in elements(html):
            href = attrs.get("href") or attrs.get("src")
            if tag in ("a", "link", "script", "img") and href and not href.startswith(("http", "mailto:", "#", "data:")):
                assert href.startswith(base_path), f"{page}: {tag} {href} is relative"
                assert resolve(site_dir, page, href, base_path) is not None, href


def test_head_alternates_are_absolute_and_skip_untranslated_pages(fixture_site):
    site_dir, base_path = fixture_site
    origin = "https://council.example" + base_path
    html = read(site_dir / "services" / "index.html")
    alternates = {a["hreflang"]: a["href"] for t, a in elements(html) if t == "link" and a.get("rel") == "alternate"}
    assert alternates == {
        "en": origin + "services/",
        "cy": origin + "cy/services/",
        "x-default": origin + "services/",
    }
    untranslated = read(site_dir / "cy" / "untranslated" / "index.html")
    alternates = {a["hreflang"]: a["href"] for t, a in elements(untranslated) if t == "link" and a.get("rel") == "alternate"}
    assert "cy" not in alternates and alternates["en"] == origin + "untranslated/"


def test_sitemap_lists_both_languages_with_alternates(fixture_site):
    site_dir, base_path = fixture_site
    origin = "https://council.example" + base_path
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(site_dir / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    assert entries[origin + "services/"] == {"en": origin + "services/", "cy": origin + "cy/services/"}
    assert entries[origin + "cy/services/"] == {"en": origin + "services/", "cy": origin + "cy/services/"}
    assert entries[origin + "untranslated/"] == {"en": origin + "untranslated/"}
    assert origin + "cy/untranslated/" not in entries  # English text is not listed as Welsh
    for loc in entries:
        assert (resolve(site_dir, site_dir / "index.html", urlsplit(loc).path, base_path)) is not None


RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href", "video": "src", "audio": "src", "embed": "src", "object": "data"}
# XML namespace names look like addresses but are never fetched.
NOT_FETCHED = ("http://www.w3.org/",)
# Material's script asks GitHub or GitLab for a repository's star count, but only
# on pages that show the repository (a "source" component, made when repo_url is
# set). The test below checks that no page has one.
ONLY_WITH_REPO_FACTS = ("https://api.github.com/", "https://${e}/api/v4/projects/")


def third_party(url: str, own_host: str) -> bool:
    url = url.strip()
    if url.startswith(NOT_FETCHED) or not re.match(r"(?i)(https?:)?//", url):
        return False
    return urlsplit(url if "://" in url else "https:" + url).netloc != own_host


def test_no_request_goes_to_another_host(example_site):
    own_host = "www.glanafon.example"
    problems = []
    repo_facts_possible = False
    for path in example_site.rglob("*"):
        if path.suffix == ".html":
            for tag, attrs in elements(read(path)):
                name = RESOURCE_ATTRS.get(tag)
                if tag == "link" and (attrs.get("rel") or "") in ("alternate", "canonical"):
                    continue  # addresses of this page, not requests
                if name and attrs.get(name) and third_party(attrs[name], own_host):
                    problems.append(f"{path}: <{tag} {name}={attrs[name]}>")
                if attrs.get("style") and re.search(r"url\(\s*['\"]?(https?:)?//", attrs["style"]):
                    problems.append(f"{path}: style url()")
        elif path.suffix == ".css":
            css = re.sub(r"/\*.*?\*/", "", read(path), flags=re.S)
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css):
                if third_party(url, own_host):
                    problems.append(f"{path}: {url}")
        elif path.suffix == ".js":
            for url in re.findall(r"[\"'`]((?:https?:)?//[^\"'`\s]+)", read(path)):
                if url.startswith(ONLY_WITH_REPO_FACTS):
                    repo_facts_possible = True
                elif third_party(url, own_host):
                    problems.append(f"{path}: {url}")
    if repo_facts_possible:
        for page in html_pages(example_site):
            if 'data-md-component="source"' in read(page):
                problems.append(f"{page}: shows repository facts fetched from another host")
    assert problems == []


def test_no_cookies_or_analytics_in_the_pages(example_site):
    for page in html_pages(example_site):
        html = read(page)
        assert "document.cookie" not in html
        assert "googletagmanager" not in html and "google-analytics" not in html
        assert "fonts.googleapis" not in html


def test_navigation_is_pruned(example_site):
    """A page carries only its own part of the navigation (navigation.prune)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "navigation.prune" in config
    sizes = [page.stat().st_size for page in html_pages(example_site)]
    assert max(sizes) < 40_000


def test_strict_build_fails_on_a_broken_internal_link(tmp_path):
    pages = dict(PAGES)
    pages["services.md"] = PAGES["services.md"] + "\n        See the [missing page](missing.md).\n"
    config = make_project(tmp_path / "project", pages)
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "missing.md" in result.stderr


def test_council_colours_reach_the_stylesheet(tmp_path):
    config = make_project(tmp_path / "project", PAGES, council={"colours": {"primary": "#005eb8"}})
    site_dir = tmp_path / "site"
    assert build(config, site_dir).returncode == 0
    css = read(site_dir / "assets" / "stylesheets" / "council.css")
    assert "--md-primary-fg-color: #005eb8;" in css
    html = read(site_dir / "index.html")
    assert "assets/stylesheets/council.css" in html


def localoffer(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "localoffer", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    project = tmp_path / "project"
    config = make_project(project, PAGES)
    first = localoffer("--config", str(config), "build", "--no-a11y", cwd=project)
    assert first.returncode == 0, first.stderr
    site_dir = project / "site"
    before = snapshot(site_dir)
    assert "index.html" in before
    (project / "docs" / "services.md").write_text(
        "---\ntitle: Services\n---\n# Services\n\nSee the [missing page](missing.md).\n", encoding="utf-8"
    )
    second = localoffer("--config", str(config), "build", "--no-a11y", cwd=project)
    assert second.returncode == 1
    assert "did not change the last good site" in second.stderr
    assert snapshot(site_dir) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_build_runs_the_checks_once_in_their_own_process(tmp_path):
    """``localoffer build`` checks in a second process (the hooks only build): each finding is
    reported once, after MkDocs, and fails the build. A plain ``mkdocs build`` still checks."""
    project = tmp_path / "project"
    pages = dict(PAGES)
    pages["services.md"] = PAGES["services.md"] + "\n        Ask for an EHCP at your school.\n"
    config = make_project(project, pages, council={"jurisdiction": "wales"})
    result = localoffer("--config", str(config), "build", "--no-a11y", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert output.count("plain/jargon") == 1, output
    assert re.search(r"docs/services\.md:\d+:\d+: error plain/jargon", output), output
    assert not (project / "site").exists()
    plain = build(config, tmp_path / "mkdocs-site")
    assert plain.returncode != 0 and "plain/jargon" in plain.stderr


def test_a_typo_in_our_settings_gives_a_plain_error_with_the_line(tmp_path):
    project = tmp_path / "project"
    config = make_project(project, PAGES, council={"jurisdiciton": "wales"})
    result = localoffer("--config", str(config), "build", "--no-a11y", cwd=project)
    assert result.returncode == 2
    assert "extra.council.jurisdiciton" in result.stderr
    assert re.search(r"mkdocs\.yml:\d+", result.stderr)
    assert "Check the spelling" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_yaml_in_settings_names_the_line(tmp_path):
    project = tmp_path / "project"
    config = make_project(project, PAGES)
    text = config.read_text(encoding="utf-8").replace("site_name: Test Local Offer", "site_name: [Test")
    config.write_text(text, encoding="utf-8")
    result = localoffer("--config", str(config), "build", "--no-a11y", cwd=project)
    assert result.returncode == 2
    assert re.search(r"mkdocs\.yml:\d+: The settings file cannot be read", result.stderr)
    assert "Traceback" not in result.stderr


def test_council_colours_with_too_little_contrast_stop_the_build(tmp_path):
    project = tmp_path / "project"
    config = make_project(project, PAGES, council={"colours": {"link": "#66aaff"}})
    result = localoffer("--config", str(config), "build", "--no-a11y", cwd=project)
    assert result.returncode == 2
    assert "extra.council.colours.link" in result.stderr
    assert re.search(r"mkdocs\.yml:\d+", result.stderr)
    assert "Traceback" not in result.stderr


def test_squeeze_html_keeps_preformatted_text_and_spaces():
    from localoffer.site import squeeze_html

    html = "<ul>\n    <li>\n      <a href=x>A</a>\n    </li>\n</ul>\n<pre>  keep\n    this </pre>\n  <p>b</p>"
    assert squeeze_html(html) == "<ul>\n<li>\n<a href=x>A</a>\n</li>\n</ul>\n<pre>  keep\n    this </pre>\n<p>b</p>"
    assert squeeze_html("<b>x</b> <i>y</i>") == "<b>x</b> <i>y</i>"
