"""``localoffer new``: both files, valid front matter, a plain outline, the menu (issue 7)."""

from __future__ import annotations

import argparse
import datetime as dt
import textwrap

import pytest
import yaml

from localoffer.commands import new
from localoffer.errors import UserError
from sitekit import FIXTURE_IGNORES, build, make_project

# The new pages' front matter must pass the real check, so it stays switched on.
CHECK_FRONT_MATTER = {"checks": {"ignore": {k: v for k, v in FIXTURE_IGNORES.items() if k != "meta/front-matter"}}}

FRONT = textwrap.dedent(
    """\
    ---
    title: {title}
    description: {title}.
    last_reviewed: 2026-11-01
    review_due: 2027-05-01
    owner: Test Team
    ---
    # {title}

    We help families.
    """
)
HOME = {"index.md": FRONT.format(title="Home"), "index.cy.md": FRONT.format(title="Hafan")}


def run_new(config, *argv) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=str(config))
    new.add_arguments(parser)
    return new.run(parser.parse_args([*argv]))


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1]), text


def test_slug_from_a_title():
    assert new.slugify("Short breaks & respite") == "short-breaks-respite"
    assert new.slugify("  Gwasanaethau ŵyr a wyresau ") == "gwasanaethau-wyr-a-wyresau"
    assert new.slugify("!!!") == ""


def test_review_due_is_six_months_on_even_at_the_end_of_a_month():
    assert new.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert new.add_months(dt.date(2026, 11, 23), 6) == dt.date(2027, 5, 23)


def test_new_makes_both_files_that_build_strictly(tmp_path, capsys):
    config = make_project(tmp_path, HOME, nav=["index.md"], council=CHECK_FRONT_MATTER)
    assert run_new(config, "Short breaks", "--title-cy", "Seibiannau byr",
                   "--co-produced-with", "Test Parent Carer Forum") == 0
    en, en_text = front_matter(tmp_path / "docs" / "short-breaks.md")
    cy, cy_text = front_matter(tmp_path / "docs" / "short-breaks.cy.md")
    today = dt.date.today()
    for meta in (en, cy):
        assert set(meta) == {"title", "description", "last_reviewed", "review_due", "owner",
                             "topics", "co_produced_with"}
        assert meta["co_produced_with"] == "Test Parent Carer Forum"
        assert meta["last_reviewed"] == today
        assert meta["review_due"] == new.add_months(today, 6)
        assert meta["topics"] == []
    assert en["title"] == "Short breaks" and cy["title"] == "Seibiannau byr"
    assert "# Short breaks\n" in en_text and "# Seibiannau byr\n" in cy_text
    for heading in ("Beth yw hwn", "Pwy all ei gael", "Sut i'w gael", "Cysylltu â ni"):
        assert f"## {heading}\n" in cy_text
    assert "## Who can get it\n" in en_text
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "short-breaks" / "index.html").is_file()
    assert (tmp_path / "site" / "cy" / "short-breaks" / "index.html").is_file()
    assert "lang=\"cy\"" in (tmp_path / "site" / "cy" / "short-breaks" / "index.html").read_text()


def test_without_a_welsh_title_it_is_marked_as_needed_and_still_builds(tmp_path):
    config = make_project(tmp_path, HOME, council=CHECK_FRONT_MATTER)
    run_new(config, "Travel")
    cy, cy_text = front_matter(tmp_path / "docs" / "travel.cy.md")
    assert cy["title"] == "Travel [Welsh title needed] / [Angen teitl Cymraeg]"
    assert "# co_produced_with:" in cy_text  # a hint, not an empty value
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_new_never_overwrites(tmp_path):
    config = make_project(tmp_path, {**HOME, "travel.cy.md": FRONT.format(title="Teithio")})
    before = (tmp_path / "docs" / "travel.cy.md").read_bytes()
    with pytest.raises(UserError) as error:
        run_new(config, "Travel")
    assert "travel.cy.md" in error.value.what
    assert (tmp_path / "docs" / "travel.cy.md").read_bytes() == before
    assert not (tmp_path / "docs" / "travel.md").exists()  # nothing half made


def test_a_title_with_no_usable_letters_asks_for_a_slug(tmp_path):
    config = make_project(tmp_path, HOME)
    with pytest.raises(UserError):
        run_new(config, "???")
    assert run_new(config, "???", "--slug", "questions") == 0


NAV_CONFIG = textwrap.dedent(
    """\
    site_name: Test
    # The menu. Use the English file names.
    nav:
      - Home: index.md
      - Help:
          - schools.md   # schools first
          - travel.md

    # Pages that are not in the menu.
    not_in_nav: |
      /services/
    """
)


def test_adding_to_the_menu_changes_one_line_and_keeps_comments():
    new_text, line = new.add_to_nav(NAV_CONFIG, "short-breaks.md")
    added = new_text.splitlines()
    assert added[line - 1] == "  - short-breaks.md"
    assert [l for i, l in enumerate(added) if i != line - 1] == NAV_CONFIG.splitlines()
    nav = yaml.safe_load(new_text)["nav"]
    assert nav[-1] == "short-breaks.md" and nav[1] == {"Help": ["schools.md", "travel.md"]}


def test_a_menu_written_on_one_line_is_left_alone():
    assert new.add_to_nav("nav: [index.md]\n", "x.md") is None
    assert new.add_to_nav("site_name: x\n", "x.md") is None


def test_new_adds_the_page_to_the_menu_in_mkdocs_yml(tmp_path, capsys):
    config = make_project(tmp_path, HOME, nav=["index.md"])
    text = config.read_text(encoding="utf-8") + "# kept\n"
    config.write_text(text, encoding="utf-8")
    run_new(config, "Short breaks")
    changed = config.read_text(encoding="utf-8")
    assert "# kept\n" in changed
    assert yaml.safe_load(changed)["nav"] == ["index.md", "short-breaks.md"]
    assert "mkdocs.yml" in capsys.readouterr().out


def test_without_a_menu_it_says_none_is_needed(tmp_path, capsys):
    config = make_project(tmp_path, HOME)
    before = config.read_text(encoding="utf-8")
    run_new(config, "Short breaks")
    assert config.read_text(encoding="utf-8") == before
    assert "nav:" in capsys.readouterr().out
