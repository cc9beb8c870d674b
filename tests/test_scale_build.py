"""``localoffer build`` on a big site (issue 17): the checks wait until MkDocs is done and
Pagefind indexes one language after another, so that no two of the big processes run at
the same time. The same findings and the same site as on a small site. Real builds."""

from __future__ import annotations

import argparse

import pytest

from localoffer import settings as settings_module
from localoffer.commands import build
from sitekit import make_project

PAGES = {
    "index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nHelp for families.\n",
    "index.cy.md": "---\ntitle: Hafan\ndescription: Hafan.\n---\n\n# Hafan\n\nHelp i deuluoedd.\n",
    "schools.md": "---\ntitle: Schools\ndescription: Schools.\n---\n\n# Schools\n\nYour school can help.\n",
    "schools.cy.md": "---\ntitle: Ysgolion\ndescription: Ysgolion.\n---\n\n# Ysgolion\n\nGall eich ysgol helpu.\n",
}


def args(project, site) -> argparse.Namespace:
    return argparse.Namespace(config=str(project / "mkdocs.yml"), site_dir=str(site), no_a11y=True, format="text")


def test_the_checks_wait_for_mkdocs_only_on_a_big_site(tmp_path, monkeypatch):
    make_project(tmp_path, PAGES)
    settings = settings_module.load(tmp_path / "mkdocs.yml")
    assert build.checks_beside_mkdocs(settings)
    monkeypatch.setattr(build, "CHECKS_BESIDE_MAX_PAGES", 3)
    assert not build.checks_beside_mkdocs(settings)


@pytest.mark.slow
@pytest.mark.parametrize("big", [False, True])
def test_a_big_site_is_built_and_checked_the_same_way(tmp_path, monkeypatch, capsys, big):
    if big:
        monkeypatch.setattr(build, "CHECKS_BESIDE_MAX_PAGES", 0)
    pages = dict(PAGES)
    make_project(tmp_path, pages)
    site = tmp_path / "site"
    assert build.run(args(tmp_path, site)) == 0
    out = capsys.readouterr()
    assert "0 errors" in out.out + out.err
    assert (site / "schools" / "index.html").is_file() and (site / "cy" / "schools" / "index.html").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "cy" / "pagefind" / "pagefind.js").is_file()
    # a page with an error fails the build, and the last good site is kept
    (tmp_path / "docs" / "schools.md").write_text(
        "---\ntitle: Schools\ndescription: Schools.\n---\n\n# Schools\n\n"
        "Ask the school about an EHCP.\n",  # an English term on a Welsh council's site: an error
        encoding="utf-8")
    before = (site / "schools" / "index.html").read_bytes()
    assert build.run(args(tmp_path, site)) == 1
    out = capsys.readouterr()
    assert "docs/schools.md" in out.out + out.err
    assert (site / "schools" / "index.html").read_bytes() == before
