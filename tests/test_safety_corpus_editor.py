"""The security corpus in every place an editor writes outside page text (issue 14, item 7).

Every payload of ``tests/security/``, our own classes and an evenly spaced sample of 80 from
payloadbox/xss-payload-list, goes into every front-matter key (known, unknown and nested
unknown), every text field of a service data file (and, for refused services, the web and
email addresses and phone numbers), the glossary (terms, expansions, explanations), "You
said, we did" and page file names. The site is built with ``localoffer build --no-a11y``
and with a plain ``mkdocs build --strict`` (which refuses the services with payloads as
addresses and the pages named with payloads) and without ``--strict``: both output folders
are read, as a failed build must leave nothing live either. Chromium reads every built HTML page,
both languages, with ``tests/security/live_markup.cjs``: live event handlers, scripts that
are not ours, ``javascript:``/``data:`` addresses, frames and forms, and dialogs must all be 0.

``tests/test_editor_strings.py`` checks the same places with an HTML parser and a few classic
payloads; this file is the browser's view with the whole corpus.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import FIXTURE_IGNORES, command_env, make_project

sys.path.insert(0, str(Path(__file__).resolve().parent / "security"))
import corpus  # noqa: E402

PYTHON = sys.executable
GROUPS = corpus.payload_groups()
# every payload alone in the validated fields (addresses, phone) of a service of its own
ADDRESS_GROUPS = [[payload] for group in GROUPS for payload in group]
GENERATED = ("glossary", "you-said-we-did", "search", "translation-status", "coverage")

IGNORES = {
    **FIXTURE_IGNORES,
    "meta/front-matter": "The payload pages have unknown keys on purpose.",
    "meta/service": "Services with payloads as addresses are refused: this test checks they never show.",
    "meta/file-name": "Pages named with payloads: left out, never live.",
    "safety/raw-html": "This test is about what reaches the built site.",
    "safety/rendered-html": "This test is about what reaches the built site.",
    "meta/duplicate-page": "Payload titles repeat on purpose.",
    "i18n/mismatch": "Payloads on purpose.",
    "i18n/outdated-translation": "The fixture site records no translations.",
    "i18n/wrong-language": "Payloads are in no language.",
    "meta/unreadable-input": "Payloads carry stray <![ on purpose.",
    "privacy/personal-data": "Payloads are not personal data.",
    "meta/glossary-duplicate": "Payload terms repeat.",
    "meta/empty-page": "Not under test here.",
    "meta/broken-link": "Payloads link to made-up places.",
    "a11y/link-text": "Payloads have made-up links.",
}


def editor_project(base: Path, refuse: bool = False) -> Path:
    """The payload site. ``refuse``: the refused services and file names are not turned off,
    so a build with ``--strict`` fails on them."""
    pages = corpus.editor_pages(GROUPS)
    for name in ("index", *GENERATED):
        for suffix in (".md", ".cy.md"):
            extra = {} if name == "index" else {"generate": name}
            front = yaml.safe_dump({"title": name.title(), "description": "Help.", "last_reviewed": "2026-11-01",
                                    "review_due": "2027-05-01", "owner": "Team", **extra})
            pages[name + suffix] = f"---\n{front}---\n# {name.title()}\n\nHelp for families.\n"
    ignores = {key: why for key, why in IGNORES.items()
               if not (refuse and key in ("meta/service", "meta/file-name"))}
    council = {"checks": {"ignore": ignores, "rule_time_limit": 60}}
    config = make_project(base, pages, council=council)
    services = base / "data" / "services"
    services.mkdir(parents=True)
    for number, group in enumerate(GROUPS, 1):
        (services / f"payload-{number}.yml").write_text(
            corpus.dump(corpus.editor_service(number, group)), "utf-8")
    for number, group in enumerate(ADDRESS_GROUPS, 1):
        (services / f"payload-{number}-addresses.yml").write_text(
            corpus.dump(corpus.editor_service(number, group, addresses=True)), "utf-8")
    (base / "data" / "glossary.yml").write_text(
        corpus.dump(corpus.editor_glossary(GROUPS)), "utf-8")
    (base / "data" / "you-said-we-did.yml").write_text(
        corpus.dump(corpus.editor_you_said_we_did(GROUPS)), "utf-8")
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["validation"] = {key: "info" for key in [*settings.get("validation", {}), "not_found"]}
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    return config


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=command_env(), capture_output=True, text=True, timeout=600, check=False)
    assert "Traceback" not in result.stdout + result.stderr, (result.stdout + result.stderr)[-3000:]
    return result


def _folder(page: str) -> str:
    return page.split("/")[-2] if "/" in page else ""


PLACES = {  # place -> which built pages show it (beyond the menus and titles on every page)
    "front matter": lambda page: _folder(page).startswith("front-matter-"),
    "services": lambda page: "/services/" in f"/{page}",
    "glossary": lambda page: _folder(page) == "glossary",
    "you said, we did": lambda page: _folder(page) == "you-said-we-did",
    "lists of pages (titles, file names)": lambda page: _folder(page) in ("translation-status", "search", "coverage"),
}


def read_in_chromium(site: Path, config: Path, path: str) -> dict[str, dict[str, int]]:
    """Read every built HTML page in Chromium; print the counts per place and in all (the
    figures in tests/security/README.md) and fail on anything live."""
    from localoffer import hosting, settings as settings_module

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    counts = corpus.chromium_counts(site, pages, hosting.script_hashes(settings_module.load(config)), timeout=500)
    figures = {}
    for place, shows in [*PLACES.items(), ("every page", lambda page: True)]:
        chosen = {page: found for page, found in counts.items() if shows(page)}
        figures[place] = {"pages": len(chosen), **corpus.totals(chosen)}
    _report(path, figures)
    bad = {page: found.get("examples") or found.get("error") for page, found in counts.items()
           if "error" in found or any(found.get(k) for k in ("handlers", "scripts", "urls", "frames", "dialogs"))}
    assert bad == {}, bad
    return figures


def _assert_places_built(site: Path) -> None:
    for number in range(1, len(GROUPS) + 1):
        assert (site / f"front-matter-{number}" / "index.html").is_file(), number
        assert (site / "cy" / f"front-matter-{number}" / "index.html").is_file(), number
        assert (site / "services" / f"payload-{number}" / "index.html").is_file(), number
        assert (site / "cy" / "services" / f"payload-{number}" / "index.html").is_file(), number
    for name in GENERATED:
        assert (site / name / "index.html").is_file(), name
    # refused services and pages named with payloads are left out of the site
    assert not list(site.rglob("payload-*-addresses*"))
    assert not [p for p in site.rglob("*") if "<" in p.name or "alert" in p.name]


def _report(path: str, figures: dict) -> None:
    print(f"\n{path}: payloads {sum(map(len, corpus.editor_payloads().values()))} in {len(GROUPS)} groups")
    for place, found in figures.items():
        print(f"  {place}: {found}")


@pytest.mark.slow
def test_localoffer_build_publishes_no_editor_payload_live(tmp_path):
    config = editor_project(tmp_path / "project")
    result = _run([PYTHON, "-m", "localoffer", "build", "--no-a11y", "--site-dir", str(tmp_path / "site")],
                  tmp_path / "project")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    site = tmp_path / "site"
    _assert_places_built(site)
    figures = read_in_chromium(site, config, "localoffer build")
    assert figures["every page"]["pages"] >= 4 * len(GROUPS) + 2 * len(GENERATED)


@pytest.mark.slow
def test_plain_mkdocs_build_strict_refuses_and_neither_output_has_a_payload_live(tmp_path):
    # the refused services and file names are not turned off: --strict fails on them
    config = editor_project(tmp_path / "project", refuse=True)
    strict_site = tmp_path / "strict"
    strict = _run([PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(strict_site)], tmp_path / "project")
    assert strict.returncode != 0
    assert "meta/service" in strict.stderr
    lax_site = tmp_path / "lax"
    # without --strict MkDocs writes every page; our hooks still report the errors and
    # make the build fail (exit 1), but the folder is there for a careless host to publish
    lax = _run([PYTHON, "-m", "mkdocs", "build", "-d", str(lax_site)], tmp_path / "project")
    assert "meta/service" in lax.stderr
    _assert_places_built(lax_site)
    # a refused build must not leave live markup either: read everything each one wrote
    for path, site in (("mkdocs build --strict (refused)", strict_site), ("mkdocs build (refused)", lax_site)):
        if site.is_dir() and list(site.rglob("*.html")):
            read_in_chromium(site, config, path)
