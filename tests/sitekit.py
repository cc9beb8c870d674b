"""Helpers for tests that build real sites with MkDocs.

``make_project`` writes a small site (mkdocs.yml + docs/) in a temporary folder
that uses this repository's hooks and theme overrides. ``build`` runs the real
``mkdocs build --strict`` in a subprocess.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


FIXTURE_IGNORES = {
    "meta/front-matter": "A fixture page has only a title.",
    "meta/coverage": "A fixture site covers only the topic under test.",
    "meta/you-said-we-did": "A fixture site has no feedback data.",
    "i18n/missing-translation": "Fixture sites test untranslated pages on purpose.",
}


def make_project(
    base: Path,
    pages: dict[str, str],
    *,
    site_url: str = "https://council.example/local-offer/",
    jurisdiction: str = "wales",
    council: dict | None = None,
    nav: list | None = None,
) -> Path:
    """Write a site project into ``base`` and return the mkdocs.yml path."""
    docs = base / "docs"
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    council_settings = {
        "name": {"en": "Test Council", "cy": "Cyngor Prawf"},
        "jurisdiction": jurisdiction,
        # A fixture site tests one thing; these content rules would fail any tiny site.
        "checks": {"ignore": dict(FIXTURE_IGNORES)},
    }
    council = dict(council or {})
    checks = dict(council.pop("checks", None) or {})
    council_settings["checks"]["ignore"].update(checks.pop("ignore", None) or {})
    council_settings["checks"].update(checks)
    council_settings.update(council)
    config = {
        "site_name": "Test Local Offer",
        "site_url": site_url,
        "docs_dir": "docs",
        "strict": True,
        "theme": {
            "name": "material",
            "custom_dir": str(ROOT / "overrides"),
            "language": "en",
            "font": False,
            "features": ["navigation.prune"],
        },
        "plugins": [
            {
                "i18n": {
                    "docs_structure": "suffix",
                    "fallback_to_default": True,
                    "reconfigure_material": True,
                    "reconfigure_search": False,
                    "languages": [
                        {"locale": "en", "default": True, "name": "English", "build": True,
                         "site_name": "Test Local Offer"},
                        {"locale": "cy", "name": "Cymraeg", "build": True,
                         "site_name": "Cynnig Lleol Prawf"},
                    ],
                }
            }
        ],
        "hooks": [str(ROOT / "scripts" / "hooks.py")],
        "markdown_extensions": ["abbr", "attr_list", "tables", "toc", "md_in_html"],
        "validation": {
            "omitted_files": "warn",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        "extra": {"generator": False, "council": council_settings},
    }
    if nav is not None:
        config["nav"] = nav
    path = base / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build --strict``; return the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(config_file.resolve()), "-d", str(site_dir.resolve())],
        capture_output=True, text=True, env=env, check=False, cwd=config_file.parent,
    )


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag in ``html`` as (tag, attributes), in document order."""
    parser = _Collector()
    parser.feed(html)
    return parser.elements


def html_lang(html: str) -> str | None:
    match = re.search(r"<html[^>]*\slang=\"([^\"]*)\"", html)
    return match.group(1) if match else None


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html"))


def page_url_path(site_dir: Path, page: Path, base_path: str) -> str:
    """The URL path a built file is served at, under the site's sub-path."""
    rel = page.relative_to(site_dir).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return base_path + rel


def resolve(site_dir: Path, page: Path, href: str, base_path: str) -> Path | None:
    """The file a link on ``page`` leads to when the site is served under ``base_path``."""
    from urllib.parse import urljoin, urlsplit

    here = "http://host" + page_url_path(site_dir, page, base_path)
    target = urlsplit(urljoin(here, href))
    if target.netloc != "host" or not target.path.startswith(base_path):
        return None
    rel = target.path[len(base_path):]
    candidate = site_dir / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


A11Y_FIXTURE = ROOT / "tests" / "fixtures" / "a11y" / "site"


def a11y_fixture(work: Path) -> Path:
    """Lay out the browser tests' fixture site (tests/fixtures/a11y/site) in ``work``: its
    pages, a theme folder (our overrides/ plus the fixture's planted stylesheet: the build
    publishes no .css from docs/) and its mkdocs.yml. Returns the mkdocs.yml path."""
    import shutil

    shutil.copytree(A11Y_FIXTURE / "docs", work / "docs")
    shutil.copytree(ROOT / "overrides", work / "theme")
    shutil.copytree(A11Y_FIXTURE / "theme", work / "theme", dirs_exist_ok=True)
    config = work / "mkdocs.yml"
    config.write_text((A11Y_FIXTURE / "mkdocs.yml.in").read_text()
                      .replace("@ROOT@", str(ROOT)).replace("@THEME@", str(work / "theme")))
    return config


def command_env() -> dict:
    """The environment for running our commands in a test: no MkDocs 2 banner, no colour,
    and no debug tracebacks (a test that looks for "Traceback" must see our own messages)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    env.pop("LOCALOFFER_DEBUG", None)
    return env
