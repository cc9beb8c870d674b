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


# --- Adding a page without a terminal (issue 18 item 4) -------------------------------------------
# The workflow "Add a page" runs ``localoffer new ... --pull-request`` with the form's inputs.
# End to end on real git repositories (a bare "origin" and a clone) and a fake GitHub API.

import subprocess  # noqa: E402

from github_fake import FakeGitHub  # noqa: E402
from localoffer import cli  # noqa: E402
from sitekit import ROOT  # noqa: E402


def git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def clone(tmp_path):
    origin = tmp_path / "origin.git"
    origin.mkdir()
    git(origin, "init", "-q", "--bare", "-b", "main")
    work = tmp_path / "work"
    config = make_project(work, HOME, nav=[{"Home": "index.md"}], council=CHECK_FRONT_MATTER)
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "test@example.org")
    git(work, "config", "user.name", "Test")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "start")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "-q", "-u", "origin", "main")
    return work, origin, config


def new_from_the_form(config, fake, monkeypatch, title, title_cy="", section="", slug="") -> int:
    """What the workflow's step runs, with the form's inputs passed as they are."""
    for key, value in fake.env().items():
        monkeypatch.setenv(key, value)
    return cli.main(["--config", str(config), "new", "--title-cy", title_cy, "--section", section,
                     "--slug", slug, "--pull-request", "--", title])


def test_the_form_makes_a_branch_with_both_files_and_opens_one_pull_request(clone, monkeypatch, capsys):
    work, origin, config = clone
    with FakeGitHub() as fake:
        assert new_from_the_form(config, fake, monkeypatch, "Short breaks", "Seibiannau byr", "support") == 0
        branch = "new-page/support-short-breaks"
        assert git(origin, "branch", "--list", branch).strip("* ") == branch
        files = git(origin, "diff", "--name-only", f"main...{branch}").split()
        assert files == ["docs/support/short-breaks.cy.md", "docs/support/short-breaks.md", "mkdocs.yml"]
        assert git(origin, "rev-list", "--count", f"main..{branch}") == "1"
        welsh = git(origin, "show", f"{branch}:docs/support/short-breaks.cy.md")
        assert "title: Seibiannau byr" in welsh and "# Seibiannau byr" in welsh
        nav = yaml.safe_load(git(origin, "show", f"{branch}:mkdocs.yml"))["nav"]
        assert nav[-1] == "support/short-breaks.md"
        [pull] = fake.state.pulls.values()
        assert pull["head"]["ref"] == branch and pull["base"]["ref"] == "main"
        assert pull["title"] == "New page: Short breaks / Tudalen newydd: Seibiannau byr"
        english, welsh_body = pull["body"].split("\n---\n")
        assert "`docs/support/short-breaks.md`" in english and "Edit file" in english
        assert "Mae'r cais tynnu hwn yn dechrau'r dudalen" in welsh_body
        assert "Opened pull request #" in capsys.readouterr().out

        # run again with the same inputs: no second branch, commit or pull request
        git(work, "checkout", "-q", "main")
        assert new_from_the_form(config, fake, monkeypatch, "Short breaks", "Seibiannau byr", "support") == 0
        assert "already waiting in pull request" in capsys.readouterr().out
        assert len(fake.state.pulls) == 1 and git(origin, "rev-list", "--count", f"main..{branch}") == "1"
        assert not fake.state.bad_auth


def test_a_refused_pull_request_leaves_the_branch_and_a_rerun_opens_it_once(clone, monkeypatch, capsys):
    work, origin, config = clone
    with FakeGitHub() as fake:
        fake.fail("POST", r"/pulls$", 403)
        assert new_from_the_form(config, fake, monkeypatch, "Travel to school") == 2
        err = capsys.readouterr().err
        assert "403" in err and "Allow GitHub Actions to create and approve pull requests" in err
        assert "Traceback" not in err and fake.state.pulls == {}
        branch = "new-page/travel-to-school"
        assert git(origin, "branch", "--list", branch).strip("* ") == branch
        # the workflow starts again from a fresh checkout of main
        git(work, "checkout", "-q", "main")
        git(work, "reset", "-q", "--hard", "origin/main")
        assert new_from_the_form(config, fake, monkeypatch, "Travel to school") == 0
        [pull] = fake.state.pulls.values()
        assert pull["head"]["ref"] == branch and "`docs/travel-to-school.md`" in pull["body"]
        assert git(origin, "rev-list", "--count", f"main..{branch}") == "1"
        # the Welsh title was left empty: the Welsh page says it is needed
        welsh = git(origin, "show", f"{branch}:docs/travel-to-school.cy.md")
        assert "[Welsh title needed] / [Angen teitl Cymraeg]" in welsh


@pytest.mark.parametrize("inputs, shown", [
    ({"title": "<script>alert(1)</script>"}, "<"),
    ({"title": "Help [click](javascript:alert(1))"}, "["),
    ({"title": "Short breaks", "title_cy": "Seibiannau `byr`"}, "`"),
    ({"title": "Short\u202ebreaks"}, "\\u202e"),
    ({"title": "x" * 121}, "121"),
    ({"title": "   "}, "needs a title"),
    ({"title": "Short breaks", "section": "../../.github/workflows"}, "--section"),
    ({"title": "Short breaks", "slug": "Short Breaks!"}, "--slug"),
])
def test_form_inputs_are_checked_before_anything_changes(clone, monkeypatch, capsys, inputs, shown):
    work, origin, config = clone
    before = git(work, "status", "--porcelain"), git(origin, "branch", "--list")
    with FakeGitHub() as fake:
        assert new_from_the_form(config, fake, monkeypatch, inputs["title"], inputs.get("title_cy", ""),
                                 inputs.get("section", ""), inputs.get("slug", "")) == 2
        err = capsys.readouterr().err
        assert shown in err and "Traceback" not in err
        assert fake.state.log == []
    assert (git(work, "status", "--porcelain"), git(origin, "branch", "--list")) == before
    assert git(work, "rev-parse", "--abbrev-ref", "HEAD") == "main"


def test_no_token_means_nothing_changes(clone, monkeypatch, capsys):
    work, origin, config = clone
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "glanafon/local-offer")
    assert cli.main(["--config", str(config), "new", "Short breaks", "--pull-request"]) == 2
    assert "GITHUB_TOKEN" in capsys.readouterr().err
    assert git(work, "status", "--porcelain") == "" and git(origin, "branch", "--list").strip("* ") == "main"


def test_the_add_a_page_workflow_passes_inputs_through_env_with_least_permissions():
    path = ROOT / ".github" / "workflows" / "new-page.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert list(on) == ["workflow_dispatch"]
    inputs = on["workflow_dispatch"]["inputs"]
    assert inputs["title"]["required"] is True and {"title", "title_cy", "section"} <= set(inputs)
    assert all(spec.get("type") == "string" for spec in inputs.values())
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    [job] = workflow["jobs"].values()
    assert "permissions" not in job
    step = next(s for s in job["steps"] if "localoffer new" in str(s.get("run", "")))
    assert "${{" not in step["run"]  # form text never becomes part of a script
    env = step["env"]
    assert env["PAGE_TITLE"] == "${{ inputs.title }}" and env["PAGE_TITLE_CY"] == "${{ inputs.title_cy }}"
    assert env["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
    for name in ("PAGE_TITLE", "PAGE_TITLE_CY", "PAGE_SECTION", "PAGE_SLUG"):
        assert f'"${name}"' in step["run"]
    assert step["run"].strip().endswith('-- "$PAGE_TITLE"')
    text = path.read_text(encoding="utf-8")
    assert "pull_request_target" not in text and text.count("${{ inputs.") == len(inputs)
