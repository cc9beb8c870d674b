"""Translators without a terminal (issue 18 item 3): the pull-request check works out the exact
front-matter change that marks a Welsh page as translated, and a second job posts it as a
review "suggested change" through the GitHub API.

End to end on a real git repository: a branch changes an English page and its Welsh page, the
command (``--changed-since``) gives the lines, the test commits them the way GitHub's "Commit
suggestion" does (the lines replaced), and ``localoffer check`` then has no outdated-translation
finding. The posting runs against a fake GitHub API on 127.0.0.1 (real HTTP)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from github_fake import FakeGitHub
from localoffer import cli, suggestions
from sitekit import ROOT, make_project

FRONT = """\
---
title: {title}
description: {title} for families.
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: {owner}
---
"""


def body(title: str, words: str, sections: int = 6) -> str:
    parts = [f"# {title}", ""]
    for n in range(1, sections + 1):
        parts += [f"## {words} {n}", "", f"{words} paragraph {n} line one.", "", f"{words} paragraph {n} line two.", ""]
    return "\n".join(parts)


def git(repo, *args) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """A site in a git repository on ``main``: schools.md and its Welsh page, recorded as translated."""
    root = tmp_path / "repo"
    pages = {
        "index.md": FRONT.format(title="Home", owner="ALN Team") + body("Home", "Welcome", 1),
        "index.cy.md": FRONT.format(title="Hafan", owner="Tîm ADY") + body("Hafan", "Croeso", 1),
        "schools.md": FRONT.format(title="Schools", owner="ALN Team") + body("Schools", "Support"),
        "schools.cy.md": FRONT.format(title="Ysgolion", owner="Tîm ADY") + body("Ysgolion", "Cymorth"),
    }
    config = make_project(root, pages)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    for name in ("index.md", "schools.md"):
        assert cli.main(["--config", str(config), "translated", str(root / "docs" / name)]) == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root, config


def suggest(config, capsys, ref="main") -> dict:
    capsys.readouterr()
    assert cli.main(["--config", str(config), "translated", "--suggest", "--changed-since", ref,
                     "--format", "json", "--pull-request", "7", "--head-sha", "a" * 40]) == 0
    return json.loads(capsys.readouterr().out)


def outdated(config, capsys) -> list[dict]:
    capsys.readouterr()
    cli.main(["--config", str(config), "check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [f for f in report["findings"] if f["rule"] == "i18n/outdated-translation"]


def replace_line(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit_suggestion(path, item) -> None:
    """What GitHub's "Commit suggestion" does: lines start_line..line become the suggested lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[item["start_line"] - 1: item["line"]] == item["old"]
    lines[item["start_line"] - 1: item["line"]] = item["new"]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_welsh_update_far_from_the_front_matter_gets_the_exact_lines(repo, capsys):
    root, config = repo
    git(root, "checkout", "-q", "-b", "welsh-update")
    replace_line(root / "docs" / "schools.md", "Support paragraph 5 line two.", "Support paragraph 5 now says more.")
    replace_line(root / "docs" / "schools.cy.md", "Cymorth paragraph 5 line two.", "Cymorth paragraph 5 yn dweud mwy.")
    git(root, "commit", "-qam", "Update schools")
    assert [f["severity"] for f in outdated(config, capsys)] == ["warning"]

    document = suggest(config, capsys)
    assert document["pull_request"] == 7 and document["head_sha"] == "a" * 40
    [item] = document["suggestions"]
    assert item["file"] == "docs/schools.cy.md" and item["english"] == "docs/schools.md"
    assert item["status"] == "outdated"
    assert item["in_diff"] is False  # line ~8 of the front matter; the change is at line ~40
    # only the lines that differ: the page's hash and the one section that changed
    # from the page's hash to the one section that changed (support-5), nothing else
    assert item["start_line"] == 8 and item["new"][0].startswith("  hash: ")
    assert item["new"][-1].startswith("    support-5: ") and len(item["new"]) == len(item["old"]) == 8
    assert item["old"][0] != item["new"][0] and item["old"][1:-1] == item["new"][1:-1]
    assert all(suggestions.RECORD_LINE_RE.match(line) for line in item["new"])
    commit_suggestion(root / "docs" / "schools.cy.md", item)
    assert outdated(config, capsys) == []
    # the whole file is exactly what ``localoffer translated`` writes
    committed = (root / "docs" / "schools.cy.md").read_text(encoding="utf-8")
    assert cli.main(["--config", str(config), "translated", str(root / "docs" / "schools.md")]) == 0
    assert (root / "docs" / "schools.cy.md").read_text(encoding="utf-8") == committed
    assert suggest(config, capsys)["suggestions"] == []


def test_a_new_welsh_page_gets_the_whole_record_on_a_line_the_diff_shows(repo, capsys):
    root, config = repo
    git(root, "checkout", "-q", "-b", "new-welsh-page")
    (root / "docs" / "travel.md").write_text(FRONT.format(title="Travel", owner="Transport Team")
                                            + body("Travel", "Buses", 2), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "English page")
    git(root, "checkout", "-q", "-b", "travel-cy")
    (root / "docs" / "travel.cy.md").write_text(FRONT.format(title="Teithio", owner="Tîm Cludiant")
                                               + body("Teithio", "Bysiau", 2), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Welsh page")
    assert any("travel.cy.md" in f["file"] for f in outdated(config, capsys))  # "we do not know"

    [item] = suggest(config, capsys, ref="new-welsh-page")["suggestions"]
    assert item["status"] == "unrecorded" and item["in_diff"] is True
    assert item["start_line"] == item["line"] == 7 and item["old"] == ["---"]  # the closing line
    assert item["new"][0] == "translated_from:" and item["new"][-1] == "---"
    commit_suggestion(root / "docs" / "travel.cy.md", item)
    assert [f for f in outdated(config, capsys) if "travel" in f["file"]] == []


def test_only_changed_welsh_pages_get_a_suggestion(repo, capsys):
    root, config = repo
    git(root, "checkout", "-q", "-b", "english-only")
    replace_line(root / "docs" / "schools.md", "Support paragraph 2 line one.", "Support paragraph 2 changed.")
    git(root, "commit", "-qam", "English only")
    assert suggest(config, capsys)["suggestions"] == []  # the Welsh text needs work first
    capsys.readouterr()
    assert cli.main(["--config", str(config), "translated", "--suggest", "--changed-since", "main"]) == 0
    assert "No Welsh page" in capsys.readouterr().out


def test_suggestion_for_keeps_crlf_and_other_lines():
    text = "---\r\ntitle: T\r\ntranslated_from:\r\n  hash: " + "0" * 64 + "\r\n---\r\n# T\r\n"
    print_ = {"hash": "1" * 64, "sections": {}}
    found = suggestions.suggestion_for(text, print_)
    assert found["start_line"] == found["line"] == 4 and found["new"] == ["  hash: " + "1" * 64]
    assert suggestions.apply(text, found).count("\r\n") == text.count("\r\n")
    assert suggestions.suggestion_for("# No front matter\n", print_) is None
    assert suggestions.suggestion_for(suggestions.apply(text, found), print_) is None


# --- posting on the pull request ----------------------------------------------------------------

def shown_by_github(root, base: str) -> dict[str, set[int]]:
    """The lines a pull request's diff shows (new side), read from git's own hunk headers."""
    diff = git(root, "diff", "-U3", f"{base}...HEAD")
    shown, current = {}, None
    for line in diff.splitlines():
        if line.startswith("+++ b/"):
            current = shown.setdefault(line[6:], set())
        match = re.match(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
        if match and current is not None:
            start, count = int(match.group(1)), int(match.group(2) or 1)
            current.update(range(start, start + count))
    return shown


def pr_with_two_welsh_pages(root, config, capsys):
    git(root, "checkout", "-q", "-b", "welsh")
    # schools: the change is far from the front matter; travel: a new page (all of it in the diff)
    replace_line(root / "docs" / "schools.md", "Support paragraph 6 line two.", "Support paragraph 6 is new.")
    replace_line(root / "docs" / "schools.cy.md", "Cymorth paragraph 6 line two.", "Cymorth paragraph 6 yn newydd.")
    (root / "docs" / "travel.md").write_text(FRONT.format(title="Travel", owner="T") + body("Travel", "Bus", 1),
                                            encoding="utf-8")
    (root / "docs" / "travel.cy.md").write_text(FRONT.format(title="Teithio", owner="T")
                                               + body("Teithio", "Bws", 1), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Welsh")
    head = git(root, "rev-parse", "HEAD")
    capsys.readouterr()
    assert cli.main(["--config", str(config), "translated", "--suggest", "--changed-since", "main",
                     "--format", "json", "--pull-request", "7", "--head-sha", head]) == 0
    out = root.parent / "translation-suggestions.json"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    return head, out


def post(fake, monkeypatch, path, head) -> int:
    for key, value in fake.env(GITHUB_SERVER_URL="https://github.example").items():
        monkeypatch.setenv(key, value)
    return cli.main(["translated", "--post-suggestions", str(path), "--head-sha", head])


def add_pull(fake, root, head):
    fake.state.pulls[7] = {"number": 7, "state": "open",
                           "head": {"sha": head, "ref": "welsh", "repo": {"full_name": "volunteer/local-offer"}},
                           "diff_lines": shown_by_github(root, "main")}


def test_suggestions_are_posted_once_as_review_comments_with_the_rest_in_one_comment(repo, capsys, monkeypatch):
    root, config = repo
    head, path = pr_with_two_welsh_pages(root, config, capsys)
    with FakeGitHub() as fake:
        add_pull(fake, root, head)
        assert post(fake, monkeypatch, path, head) == 0
        [review] = fake.state.reviews[7]
        assert review["event"] == "COMMENT"
        [comment] = fake.state.review_comments[7]
        assert comment["path"] == "docs/travel.cy.md" and comment["commit_id"] == head
        assert comment["side"] == "RIGHT" and comment["line"] == 7
        item = next(i for i in json.loads(path.read_text())["suggestions"] if i["file"] == "docs/travel.cy.md")
        assert "```suggestion\n" + "\n".join(item["new"]) + "\n```" in comment["body"]
        assert "Commit suggestion" in comment["body"] and "dewiswch **Commit suggestion**" in comment["body"]
        # the record of schools.cy.md is not on a line the diff shows: one plain comment instead
        [note] = fake.state.issue_comments[7]
        assert note["body"].startswith(suggestions.FALLBACK_MARKER)
        assert "docs/schools.cy.md, lines" in note["body"] and "docs/schools.cy.md, llinellau" in note["body"]
        assert "https://github.example/volunteer/local-offer/edit/welsh/docs/schools.cy.md" in note["body"]
        assert "travel.cy.md" not in note["body"]
        assert "Posted" not in capsys.readouterr().err

        # the same run again posts nothing new
        writes = len(fake.writes())
        assert post(fake, monkeypatch, path, head) == 0
        assert len(fake.writes()) == writes
        assert "Already there: 1" in capsys.readouterr().out


def test_a_server_error_on_the_review_stops_cleanly_and_a_rerun_posts_once(repo, capsys, monkeypatch):
    root, config = repo
    head, path = pr_with_two_welsh_pages(root, config, capsys)
    with FakeGitHub() as fake:
        add_pull(fake, root, head)
        fake.fail("POST", r"/reviews$", 500)
        assert post(fake, monkeypatch, path, head) == 2
        err = capsys.readouterr().err
        assert "500" in err and "/pulls/7/reviews" in err and "Traceback" not in err
        assert fake.state.review_comments.get(7, []) == []
        assert post(fake, monkeypatch, path, head) == 0
        assert post(fake, monkeypatch, path, head) == 0
        assert len(fake.state.review_comments[7]) == 1 and len(fake.state.issue_comments[7]) == 1


def test_a_newer_commit_or_another_commit_posts_nothing(repo, capsys, monkeypatch):
    root, config = repo
    head, path = pr_with_two_welsh_pages(root, config, capsys)
    with FakeGitHub() as fake:
        add_pull(fake, root, head)
        fake.state.pulls[7]["head"]["sha"] = "b" * 40  # pushed again since
        assert post(fake, monkeypatch, path, head) == 0
        assert "newer commit" in capsys.readouterr().out
        assert post(fake, monkeypatch, path, "c" * 40) == 2  # the file names another commit
        assert "another commit" in capsys.readouterr().err
        assert fake.writes() == []


@pytest.mark.parametrize("change", [
    lambda d: d["suggestions"][0].update(file="../../etc/passwd.cy.md"),
    lambda d: d["suggestions"][0].update(file="docs/schools.md"),
    lambda d: d["suggestions"][0].update(english="docs/other.md"),
    lambda d: d["suggestions"][0]["new"].append("title: <script>alert(1)</script>"),
    lambda d: d["suggestions"][0]["new"].append("```"),
    lambda d: d["suggestions"][0].update(line=0),
    lambda d: d.update(pull_request="7; rm -rf /"),
    lambda d: d.update(head_sha="HEAD"),
    lambda d: d.update(version=2),
], ids=["dot-dot", "english-file", "english-mismatch", "other-line", "fence", "line-0", "pr", "sha", "version"])
def test_a_tampered_suggestions_file_is_refused_before_any_request(repo, capsys, monkeypatch, change):
    root, config = repo
    head, path = pr_with_two_welsh_pages(root, config, capsys)
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    with FakeGitHub() as fake:
        add_pull(fake, root, head)
        assert post(fake, monkeypatch, path, head) == 2
        assert "not what we expected" in capsys.readouterr().err
        assert fake.state.log == []


# --- the workflows -------------------------------------------------------------------------------

def load(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def test_the_pull_request_job_has_no_write_token_and_uploads_the_suggestions():
    workflow = load("pr.yml")
    assert workflow["permissions"] == {"contents": "read"} and "pull_request_target" not in workflow["on"]
    job = workflow["jobs"]["translation-suggestions"]
    assert "permissions" not in job
    run = " ".join(str(s.get("run", "")) for s in job["steps"])
    assert '--suggest --format json --changed-since "origin/$BASE_REF"' in run
    assert "${{" not in run
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "translation-suggestions"


def test_the_posting_workflow_runs_main_branch_code_with_a_comment_only_token():
    workflow = load("translation-suggestions.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["Check pull request"], "types": ["completed"]}}
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write", "actions": "read"}
    [job] = workflow["jobs"].values()
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert "ref" not in (checkout.get("with") or {})  # the default branch, never the pull request's code
    assert checkout["with"]["persist-credentials"] is False
    text = (ROOT / ".github" / "workflows" / "translation-suggestions.yml").read_text(encoding="utf-8")
    assert "workflow_run.head_sha" in text and "pull_request_target" not in text
    post_step = next(s for s in job["steps"] if "--post-suggestions" in str(s.get("run", "")))
    assert "${{" not in post_step["run"]


def test_the_pull_request_summary_points_translators_to_the_suggestion():
    from localoffer import pr_summary

    finding = {"file": "docs/a.cy.md", "line": 8, "column": 1, "rule": "i18n/outdated-translation",
               "severity": "warning", "message": "Changed.", "suggestion": None, "lang": "cy"}
    text = pr_summary.markdown({"version": 1, "findings": [finding]})
    english, welsh = text.split("\n---\n")
    assert "Commit the suggested change" in english and "Gwnewch commit o'r newid a awgrymir" in welsh
    assert "suggested change" not in pr_summary.markdown({"version": 1, "findings": []})


def test_a_very_long_list_of_pages_fits_in_one_comment():
    items = [{"file": f"docs/p{n}.cy.md", "english": f"docs/p{n}.md", "start_line": 5, "line": 5,
              "new": ["translated_from:", "  hash: " + "a" * 64, "  sections:"]
              + [f"    section-{k}: {'b' * 12}" for k in range(40)] + ["---"],
              "hash": "a" * 64, "in_diff": False} for n in range(200)]
    text = suggestions.fallback_comment(items, "welsh", "o/r", "https://github.com")
    assert len(text) <= suggestions.MAX_COMMENT
    english, welsh = text.split("\n---\n")
    listed = english.count("\n- ")
    assert 0 < listed < 200 and f"…and {200 - listed} more pages" in english
    assert f"…a {200 - listed} tudalen arall" in welsh


def test_when_github_refuses_the_lines_the_suggestions_go_into_the_plain_comment(repo, capsys, monkeypatch):
    root, config = repo
    head, path = pr_with_two_welsh_pages(root, config, capsys)
    document = json.loads(path.read_text())
    for item in document["suggestions"]:
        item["in_diff"] = True  # as if our diff and GitHub's disagreed about schools.cy.md
    path.write_text(json.dumps(document), encoding="utf-8")
    with FakeGitHub() as fake:
        add_pull(fake, root, head)
        assert post(fake, monkeypatch, path, head) == 0  # GitHub answers 422 for the review
        assert fake.state.review_comments.get(7, []) == []
        [note] = fake.state.issue_comments[7]
        assert "docs/schools.cy.md, lines" in note["body"] and "docs/travel.cy.md, lines" in note["body"]
        assert "Listed in a comment: 2" in capsys.readouterr().out
