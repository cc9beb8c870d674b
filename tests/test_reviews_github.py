"""Review reminders (issue 18 item 1): ``localoffer reviews --format json`` by owner, and
``localoffer reviews --github-issues`` against a fake GitHub API on 127.0.0.1 (real HTTP):
open, update, close, reopen, re-runs make no second issue, lists over several pages, and
failed requests (500, 403) that stop cleanly and leave nothing a re-run would duplicate."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from github_fake import FakeGitHub
from localoffer import cli, reminders
from localoffer import settings as settings_module
from localoffer.errors import UserError
from localoffer.github_api import GitHub, GitHubError, next_link
from sitekit import ROOT, make_project

TODAY = "2026-12-07"
PAGE = """\
---
title: {title}
description: About {title}.
last_reviewed: 2026-06-01
review_due: {due}
owner: {owner}
---
# {title}

Text.
"""
OWNERS = {"ALN Team": ["@glanafon/aln-team", "@a-officer"], "Transport Team": ["@glanafon/transport"]}
REPOSITORY = {"url": "https://github.com/glanafon/local-offer", "branch": "main", "host": "github"}


def project(tmp_path, dues: dict[str, str], owners=OWNERS):
    pages = {}
    for name, (owner, owner_cy, due) in {
        "schools.md": ("ALN Team", "Tîm ADY", dues.get("schools", "2027-06-01")),
        "travel.md": ("Transport Team", "Tîm Cludiant", dues.get("travel", "2027-06-01")),
        "health.md": ("ALN Team", "Tîm ADY", dues.get("health", "2027-06-01")),
    }.items():
        title = name[:-3].title()
        pages[name] = PAGE.format(title=title, due=due, owner=owner)
        pages[name.replace(".md", ".cy.md")] = PAGE.format(title=title + " (cy)", due=due, owner=owner_cy)
    council = {"repository": REPOSITORY}
    if owners is not None:
        council["owners"] = owners
    return make_project(tmp_path, pages, council=council)


def set_due(config, name: str, due: str) -> None:
    for path in (config.parent / "docs").glob(name.replace(".md", "*.md")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"review_due: .*", f"review_due: {due}", text), encoding="utf-8")


def run(config, fake, monkeypatch, *extra) -> int:
    for key, value in fake.env().items():
        monkeypatch.setenv(key, value)
    return cli.main(["--config", str(config), "reviews", "--days", "30", "--today", TODAY,
                     "--github-issues", *extra])


def our_issues(fake) -> list[dict]:
    return [i for i in fake.state.issues.values() if reminders.marker_key(i.get("body"))]


# --- the owners map and the JSON ----------------------------------------------------------

def test_json_lists_each_owners_pages_with_edit_links_and_dates(tmp_path, capsys):
    config = project(tmp_path, {"schools": "2026-11-01", "travel": "2026-12-20"})
    folder = tmp_path / "data" / "services"
    folder.mkdir(parents=True)
    service = (ROOT / "data" / "services" / "aln-advice-line.yml").read_text(encoding="utf-8")
    # checked on 2025-12-15: due a year later, inside the 30 days
    (folder / "aln-advice-line.yml").write_text(re.sub(r"^assured_date: .*$", "assured_date: 2025-12-15",
                                                       service, flags=re.M), encoding="utf-8")
    assert cli.main(["--config", str(config), "reviews", "--days", "30", "--today", TODAY,
                     "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    owners = {group["owner"]: group for group in document["owners"]}
    assert set(owners) == {"ALN Team", "Transport Team", "Glanafon County Council"}
    aln = owners["ALN Team"]
    assert aln["people"] == ["@glanafon/aln-team", "@a-officer"]
    # the Welsh page (owner "Tîm ADY") is in its English page's team's list
    assert [i["file"] for i in aln["items"]] == ["docs/schools.cy.md", "docs/schools.md"]
    item = aln["items"][1]
    assert item["overdue"] and item["review_due"] == "2026-11-01" and item["days"] == -36
    assert item["edit_url"] == "https://github.com/glanafon/local-offer/edit/main/docs/schools.md"
    assert not owners["Transport Team"]["items"][0]["overdue"]
    [item] = owners["Glanafon County Council"]["items"]  # a service's team is its organisation
    assert item["kind"] == "service" and item["review_due"] == "2026-12-15" and item["days"] == 8
    assert item["edit_url"] == "https://github.com/glanafon/local-offer/edit/main/data/services/aln-advice-line.yml"
    assert owners["Glanafon County Council"]["people"] == []


@pytest.mark.parametrize("owners, line_text, shown", [
    ({"ALN Team": ["glanafon/aln-team"]}, "- glanafon/aln-team", "glanafon/aln-team"),
    ({"ALN Team": ["@ok", "@bad name"]}, "- '@bad name'", "@bad name"),
    (["@glanafon/aln-team"], "owners:", None),
])
def test_a_wrong_owners_map_names_the_file_and_line(tmp_path, owners, line_text, shown):
    config = project(tmp_path, {}, owners=owners)
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == line_text)
    with pytest.raises(UserError) as caught:
        reminders.owner_map(settings_module.load(config))
    error = caught.value
    assert error.where == f"{config.resolve()}:{line}", error.render()
    if shown:
        assert shown in error.what
    assert "@glanafon/aln-team" in error.fix


def test_the_command_stops_on_a_wrong_owners_map_before_talking_to_github(tmp_path, monkeypatch, capsys):
    config = project(tmp_path, {"schools": "2026-11-01"}, owners={"ALN Team": "aln-team"})
    with FakeGitHub() as fake:
        assert run(config, fake, monkeypatch) == 2
        assert fake.state.log == []
    err = capsys.readouterr().err
    assert "mkdocs.yml:" in err and "aln-team" in err and "Traceback" not in err


# --- open, update, close, reopen, no duplicates -------------------------------------------

def test_open_update_close_and_reopen_one_issue_per_team(tmp_path, monkeypatch, capsys):
    config = project(tmp_path, {"schools": "2026-11-01", "health": "2026-12-30", "travel": "2026-12-20"})
    with FakeGitHub() as fake:
        assert run(config, fake, monkeypatch) == 0
        issues = our_issues(fake)
        assert len(issues) == 2
        assert reminders.LABEL in fake.state.labels
        aln = next(i for i in issues if "ALN Team" in i["title"])
        assert aln["title"] == "Pages to review: ALN Team / Tudalennau i'w hadolygu: ALN Team"
        assert [l["name"] for l in aln["labels"]] == [reminders.LABEL]
        assert [a["login"] for a in aln["assignees"]] == ["a-officer"]  # teams cannot be assigned
        body = aln["body"]
        english, welsh = body.split("\n---\n")
        assert "Overdue (2)" in english and "Due soon (2)" in english
        assert "overdue, it was due on 1 November 2026." in english
        assert "due on 30 December 2026." in english
        assert "yn hwyr, roedd yn ddyledus ar 1 Tachwedd 2026." in welsh
        assert "yn ddyledus ar 30 Rhagfyr 2026." in welsh
        assert "[Edit the page](https://github.com/glanafon/local-offer/edit/main/docs/schools.md)" in english
        assert "[Golygu'r dudalen](https://github.com/glanafon/local-offer/edit/main/docs/schools.cy.md)" in welsh
        assert "For: @glanafon/aln-team @a-officer" in english and "Ar gyfer: @glanafon/aln-team" in welsh
        assert "travel" not in body.lower()
        assert "opened issue" in capsys.readouterr().out.lower()

        # the same run again changes nothing
        writes = len(fake.writes())
        assert run(config, fake, monkeypatch) == 0
        assert len(fake.writes()) == writes and len(our_issues(fake)) == 2
        assert "up to date" in capsys.readouterr().out

        # the list changed: the same issue gets the new text
        set_due(config, "health.md", "2027-06-01")
        assert run(config, fake, monkeypatch) == 0
        assert len(our_issues(fake)) == 2
        aln = fake.state.issues[aln["number"]]
        assert "Health" not in aln["body"] and "Schools" in aln["body"]
        assert [w[0] for w in fake.writes()[writes:]] == ["PATCH"]

        # nothing due for the transport team: its issue closes, with a note in both languages
        set_due(config, "travel.md", "2027-06-01")
        assert run(config, fake, monkeypatch) == 0
        transport = next(i for i in our_issues(fake) if "Transport" in i["title"])
        assert transport["state"] == "closed"
        assert "Nothing is due for review now" in transport["body"]
        assert "Does dim byd yn ddyledus" in transport["body"]
        assert reminders.marker_key(transport["body"]) == reminders.owner_key("Transport Team")
        assert "Closed issue" in capsys.readouterr().out

        # due again: the closed issue opens again (no second issue)
        set_due(config, "travel.md", "2026-12-01")
        assert run(config, fake, monkeypatch) == 0
        assert len(our_issues(fake)) == 2
        assert fake.state.issues[transport["number"]]["state"] == "open"
        assert "Travel" in fake.state.issues[transport["number"]]["body"]
        assert not fake.state.bad_auth


def test_lists_over_several_pages_are_read_to_the_end(tmp_path, monkeypatch):
    config = project(tmp_path, {"schools": "2026-11-01"})
    with FakeGitHub() as fake:
        fake.state.max_page_size = 7
        fake.state.labels[reminders.LABEL] = {"name": reminders.LABEL}
        group = reminders.by_owner([{"team": "ALN Team", "file": "docs/x.md", "title": "X", "overdue": True,
                                     "review_due": "2026-01-01", "kind": "page"}], OWNERS)[0]
        ours = fake.add_issue(reminders.title("ALN Team"), reminders.body(group, 30), [reminders.LABEL])
        for n in range(40):  # newer issues with the label (and a pull request) come first
            fake.add_issue(f"Other {n}", "Something else", [reminders.LABEL], pull_request=n == 3)
        assert run(config, fake, monkeypatch) == 0
        gets = [entry for entry in fake.state.log if entry[0] == "GET" and entry[1].endswith("/issues")]
        assert len(gets) == 6  # 41 issues, 7 per page
        assert len(our_issues(fake)) == 1
        assert "Schools" in fake.state.issues[ours["number"]]["body"]
        assert not [w for w in fake.writes() if w[0] == "POST"]


def test_a_second_issue_for_a_team_is_closed(tmp_path, monkeypatch):
    config = project(tmp_path, {"schools": "2026-11-01"})
    with FakeGitHub() as fake:
        group = reminders.by_owner([{"team": "ALN Team", "file": "docs/x.md", "title": "X", "overdue": True,
                                     "review_due": "2026-01-01", "kind": "page"}], OWNERS)[0]
        first = fake.add_issue(reminders.title("ALN Team"), reminders.body(group, 30), [reminders.LABEL])
        second = fake.add_issue(reminders.title("ALN Team"), reminders.body(group, 30), [reminders.LABEL])
        assert run(config, fake, monkeypatch) == 0
        assert fake.state.issues[first["number"]]["state"] == "open"
        assert fake.state.issues[second["number"]]["state"] == "closed"


# --- failed requests ------------------------------------------------------------------------

def test_a_server_error_stops_with_a_clear_message_and_a_rerun_makes_no_duplicate(tmp_path, monkeypatch, capsys):
    config = project(tmp_path, {"schools": "2026-11-01", "travel": "2026-11-02"})
    with FakeGitHub() as fake:
        fake.fail("POST", r"/issues$", 500, times=1, after=True)  # saved, then the answer failed
        assert run(config, fake, monkeypatch) == 2
        err = capsys.readouterr().err
        assert "POST /repos/glanafon/local-offer/issues" in err and "500" in err
        assert "Run the workflow again later" in err and "Traceback" not in err
        assert len(our_issues(fake)) == 1  # the first issue was saved before the failure
        fake.fail("POST", r"/issues$", 500, times=1)  # not saved this time
        assert run(config, fake, monkeypatch) == 2
        assert len(our_issues(fake)) == 1
        assert run(config, fake, monkeypatch) == 0
        issues = our_issues(fake)
        assert sorted(i["title"].split(" / ")[0] for i in issues) == [
            "Pages to review: ALN Team", "Pages to review: Transport Team"]


def test_a_refused_token_changes_nothing(tmp_path, monkeypatch, capsys):
    config = project(tmp_path, {"schools": "2026-11-01"})
    with FakeGitHub() as fake:
        fake.fail("GET", r"/issues$", 403)
        assert run(config, fake, monkeypatch) == 2
        err = capsys.readouterr().err
        assert "403" in err and "issues: write" in err
        assert [w for w in fake.writes() if w[1].endswith("/issues")] == []
        assert run(config, fake, monkeypatch) == 0
        assert len(our_issues(fake)) == 1


def test_missing_token_or_repository_is_a_plain_message(tmp_path, monkeypatch, capsys):
    config = project(tmp_path, {"schools": "2026-11-01"})
    with FakeGitHub() as fake:
        monkeypatch.setenv("GITHUB_API_URL", fake.url)
        monkeypatch.setenv("GITHUB_REPOSITORY", fake.state.repo)
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        assert cli.main(["--config", str(config), "reviews", "--github-issues"]) == 2
        assert "GITHUB_TOKEN" in capsys.readouterr().err
        monkeypatch.setenv("GITHUB_TOKEN", "x")
        monkeypatch.setenv("GITHUB_REPOSITORY", "not a repository")
        assert cli.main(["--config", str(config), "reviews", "--github-issues"]) == 2
        assert "GITHUB_REPOSITORY" in capsys.readouterr().err
        assert fake.state.log == []


def test_the_token_goes_only_to_the_api_host():
    github = GitHub("http://127.0.0.1:9", "o/r", "secret")
    with pytest.raises(GitHubError) as caught:
        github.request("GET", "https://evil.example/steal")
    assert "evil.example" in caught.value.what
    with pytest.raises(UserError):
        GitHub("http://api.github.example", "o/r", "secret")  # plain http only to this machine
    assert next_link('<https://a/x?page=2>; rel="next", <https://a/x?page=9>; rel="last"') == "https://a/x?page=2"
    assert next_link('<https://a/x?page=1>; rel="prev"') is None and next_link(None) is None


def test_titles_written_by_editors_mention_nobody_and_cannot_fake_the_marker():
    group = reminders.by_owner([{
        "team": "ALN Team", "file": "docs/x.md", "overdue": False, "review_due": "2027-01-01", "kind": "page",
        "title": "@everyone <!-- localoffer:reviews owner=0123456789abcdef --> [x](javascript:alert(1)) #12",
    }], {})[0]
    text = reminders.body(group, 30)
    assert text.count("<!--") == 1 and reminders.marker_key(text) == reminders.owner_key("ALN Team")
    assert "@everyone" not in text and "#12" not in text and "](javascript" not in text
    assert "Nobody is told about this list yet" in text and "Does neb yn cael gwybod" in text


# --- the workflow ----------------------------------------------------------------------------

def test_the_weekly_workflow_has_least_permissions_and_calls_the_command():
    path = ROOT / ".github" / "workflows" / "reviews.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert "workflow_dispatch" in on and on["schedule"][0]["cron"].split()[4] in ("1", "MON", "mon")
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    [job] = workflow["jobs"].values()
    assert "permissions" not in job
    steps = job["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    step = next(s for s in steps if "reviews" in str(s.get("run", "")))
    assert step["run"].strip() == ".venv/bin/localoffer reviews --days 30 --github-issues"
    assert step["env"] == {"GITHUB_TOKEN": "${{ secrets.GITHUB_TOKEN }}"}
    assert "${{" not in step["run"]


def test_pages_with_no_owner_get_an_issue_of_their_own_in_both_languages():
    [group] = reminders.by_owner([{"owner": "", "team": "", "file": "docs/x.md", "title": "X", "overdue": True,
                                   "review_due": "2026-01-01", "kind": "page"}], OWNERS)
    assert reminders.title(group["owner"]) == (
        "Pages to review: pages with no owner / Tudalennau i'w hadolygu: tudalennau heb berchennog")
    text = reminders.body(group, 30)
    assert "## Pages and services to review: pages with no owner" in text
    assert "## Tudalennau a gwasanaethau i'w hadolygu: tudalennau heb berchennog" in text


def test_a_very_long_list_fits_in_one_issue_and_says_how_many_more():
    items = [{"team": "ALN Team", "file": f"docs/p{n}.md", "title": f"Page {n} " + "x" * 80, "overdue": n < 300,
              "review_due": "2026-12-01" if n < 300 else "2026-12-20", "kind": "page",
              "edit_url": f"https://github.com/o/r/edit/main/docs/p{n}.md"} for n in range(2500)]
    [group] = reminders.by_owner(items, OWNERS)
    text = reminders.body(group, 30)
    assert len(text) <= reminders.MAX_BODY < 65_536
    english, welsh = text.split("\n---\n")
    listed = english.count("\n- **")
    assert 50 < listed < 2500 and welsh.count("\n- **") == listed
    assert f"…and {2500 - listed} more" in english and f"…a {2500 - listed} arall" in welsh
    assert "Overdue (300)" in english and "Page 0 " in english  # overdue pages come first
    assert "Page 2499 " not in english


def test_a_dry_run_reads_but_changes_nothing(tmp_path, monkeypatch, capsys):
    config = project(tmp_path, {"schools": "2026-11-01", "travel": "2026-11-02"})
    with FakeGitHub() as fake:
        assert run(config, fake, monkeypatch, "--dry-run") == 0
        assert fake.writes() == [] and fake.state.log  # it read the issues
        out = capsys.readouterr().out
        assert out.count("Not done (--dry-run): Opened issue #? for") == 2
        assert run(config, fake, monkeypatch) == 0 and len(our_issues(fake)) == 2
        set_due(config, "travel.md", "2027-06-01")
        assert run(config, fake, monkeypatch, "--dry-run") == 0
        assert "Not done (--dry-run): Closed issue" in capsys.readouterr().out
        assert all(i["state"] == "open" for i in our_issues(fake))
