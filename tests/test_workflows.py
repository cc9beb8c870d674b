"""GitHub workflows, CODEOWNERS and the pull-request summary (issue 7).

Workflows are valid YAML and run only the README's commands (make build, make test,
.venv/bin/localoffer ...) besides installing Chromium; the pull-request workflow is
safe for forks; the deploy workflow publishes site/ with GitHub's Pages actions.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import shlex
from pathlib import Path

import pytest
import yaml

from localoffer import pr_summary
from sitekit import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Setting up the machine is not running the project: these are allowed too.
SETUP = (
    re.compile(r"^sudo apt-get (update|install -y chromium(-browser)?)$"),
    re.compile(r"^exit 1$"),
    re.compile(r"^true$"),  # "... || true": go on to write the summary
)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key "on" as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def run_commands(workflow: dict) -> list[str]:
    """Every shell command of every run: step, split on && and || and lines."""
    commands = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                commands += [part.strip() for part in re.split(r"&&|\|\|", line) if part.strip()]
    return commands


def readme_commands() -> set[str]:
    """The commands the README tells people to run."""
    found = set(re.findall(r"`(make [a-z]+)`", README)) | set(re.findall(r"^(make [a-z]+)", README, re.M))
    if ".venv/bin/localoffer" in README:
        found.add(".venv/bin/localoffer")
    return found


def test_the_readme_names_the_commands_we_rely_on():
    assert {"make build", "make test", ".venv/bin/localoffer"} <= readme_commands()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_valid_yaml_with_jobs(path):
    workflow = load(path)
    assert workflow.get("name") and workflow.get("on") and workflow.get("jobs")
    for job in workflow["jobs"].values():
        assert job.get("runs-on") and job.get("steps")
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step


def _allowed(command: str) -> bool:
    command = command.split(">>")[0].split(">")[0].strip()  # output redirection is fine
    if any(pattern.match(command) for pattern in SETUP):
        return True
    if command in ("make build", "make test", "make setup", "make setup-python"):  # setup: jobs that only run localoffer
        return True
    if command == "bash .ci/run":  # the CI entry point: it must itself only run make test
        lines = [l.strip() for l in (ROOT / ".ci" / "run").read_text().splitlines()]
        lines = [l for l in lines if l and not l.startswith("#")]
        return "make test" in lines and all(
            l == "make test" or l.startswith(("set ", "cd ", "echo ")) for l in lines
        )
    return command.startswith(".venv/bin/localoffer ")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_run_only_the_readmes_commands(path):
    for command in run_commands(load(path)):
        assert _allowed(command), f"{path.name}: {command}"


# What GitHub puts in place of ${{ ... }} before the shell runs (a matrix job's values).
EXPRESSIONS = {"matrix.shard": "1", "strategy.job-total": "8"}


def expand(command: str) -> str:
    return re.sub(r"\$\{\{\s*([^}]*?)\s*\}\}", lambda m: EXPRESSIONS.get(m.group(1), "value"), command)


def _localoffer_calls() -> list[tuple[str, list[str]]]:
    calls = []
    for path in WORKFLOWS:
        for command in run_commands(load(path)):
            command = expand(command.split(">>")[0].split(" > ")[0].strip())
            if command.startswith(".venv/bin/localoffer "):
                calls.append((path.name, shlex.split(command)[1:]))
    return calls


def test_localoffer_calls_in_workflows_use_real_commands_and_options():
    calls = _localoffer_calls()
    assert calls
    for name, argv in calls:
        sub = argv[0]
        module = importlib.import_module(f"localoffer.commands.{sub.replace('-', '_')}")
        parser = argparse.ArgumentParser(prog=sub, exit_on_error=False)
        module.add_arguments(parser)
        try:
            parser.parse_args(argv[1:])
        except (argparse.ArgumentError, SystemExit) as error:
            raise AssertionError(f"{name}: localoffer {' '.join(argv)}: {error}") from None


def test_pull_requests_from_forks_get_no_secrets():
    workflow = load(ROOT / ".github" / "workflows" / "pr.yml")
    text = (ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")
    assert "pull_request" in workflow["on"] and "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in text
    for job in workflow["jobs"].values():
        assert "permissions" not in job
        checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout"))
        assert checkout["with"]["persist-credentials"] is False


def job_commands(job: dict) -> list[str]:
    return run_commands({"jobs": {"j": job}})


def uses(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if str(s.get("uses", "")).startswith(action + "@")]


def installs_a_browser(job: dict) -> bool:
    commands = job_commands(job)
    return bool(uses(job, "actions/setup-node")) or any(
        "chromium" in c or c in ("make build", "make setup", "make test") for c in commands)


def test_pull_request_first_job_checks_the_changed_lines_without_a_browser():
    workflow = load(ROOT / ".github" / "workflows" / "pr.yml")
    jobs = workflow["jobs"]
    assert list(jobs)[:2] == ["check", "build"]  # the quick job first
    # any other job (translation suggestions) needs no browser either
    assert all(not installs_a_browser(job) for name, job in jobs.items() if name != "build")
    check = jobs["check"]
    assert "needs" not in check and not installs_a_browser(check)
    [python] = uses(check, "actions/setup-python")
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "requirements.txt"
    commands = " ".join(job_commands(check))
    assert "make setup-python" in commands
    assert '--format github --changed-since "origin/$BASE_REF"' in commands
    assert "pr-summary --build-outcome pending" in commands and "$GITHUB_STEP_SUMMARY" in commands
    assert check["env"]["BASE_REF"] == "${{ github.base_ref }}"
    # it fails only through the check step (errors), not on warnings
    last = check["steps"][-1]
    assert last["run"].strip() == "exit 1" and last["if"] == "steps.check.outcome == 'failure'"
    # make setup-python installs Python only: no Node, no browser
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^setup-python:(.*)$", makefile, re.M).group(1)
    assert "PY_STAMP" in target and "NODE_STAMP" not in target and "chromium" not in target


def _cache_steps(job: dict) -> tuple[dict, dict]:
    [restore] = uses(job, "actions/cache/restore")
    [save] = uses(job, "actions/cache/save")
    return restore, save


def test_pull_request_second_job_builds_and_tests_with_the_base_branchs_browser_results():
    jobs = load(ROOT / ".github" / "workflows" / "pr.yml")["jobs"]
    build = jobs["build"]
    assert build["needs"] == "check" and "!cancelled()" in build["if"]
    assert "make build" in job_commands(build)
    restore, save = _cache_steps(build)
    steps = build["steps"]
    assert steps.index(restore) < next(i for i, s in enumerate(steps) if s.get("run") == "make build") < steps.index(save)
    assert restore["with"]["path"] == save["with"]["path"] == ".cache/a11y"
    assert restore["with"]["key"] == save["with"]["key"] == "a11y-${{ github.ref }}-${{ github.sha }}"
    # this pull request's last run first, then its base branch's (saved by deploy.yml)
    assert restore["with"]["restore-keys"].strip().splitlines() == ["a11y-${{ github.ref }}-",
                                                       "a11y-refs/heads/${{ github.base_ref }}-"]
    assert save["if"] == "always()"  # failing pages' results are real results too
    last = steps[-1]
    assert last["run"].strip() == "exit 1" and last["if"] == "steps.build.outcome == 'failure'"
    summary = " ".join(job_commands(build))
    assert '--build-outcome "$BUILD_OUTCOME"' in summary


def test_deploy_builds_once_tests_in_parts_merges_and_publishes_main_to_github_pages():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert list(jobs) == ["build", "a11y", "publish", "deploy"]
    build, a11y, publish, deploy = (jobs[name] for name in ("build", "a11y", "publish", "deploy"))
    assert [c for c in job_commands(build) if not c.startswith("sudo ")] == [
        "make setup", ".venv/bin/localoffer build --no-a11y"]
    [site] = uses(build, "actions/upload-artifact")
    assert site["with"] == {"name": "site", "path": "site", "retention-days": 1}
    # the browser tests: a matrix of N jobs, N set in one place (the shard list)
    assert a11y["needs"] == "build" and a11y["strategy"]["fail-fast"] is False
    shards = a11y["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) >= 2
    [run] = [c for c in job_commands(a11y) if "a11y" in c]
    assert "--shard ${{ matrix.shard }}/${{ strategy.job-total }}" in run and "--format json" in run
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    listed = "shard: [" + ", ".join(map(str, shards)) + "]"
    assert text.count(listed) == 1
    elsewhere = [line for line in text.replace(listed, "").splitlines()
                 if re.search(rf"(?<![\w.@-]){len(shards)}(?![\w.-])", line.split("#")[0])]
    assert elsewhere == [], "the number of parts is written somewhere else too"
    [restore] = uses(a11y, "actions/cache/restore")
    assert restore["with"]["path"] == ".cache/a11y"
    assert restore["with"]["key"] == "a11y-${{ github.ref }}-${{ github.sha }}"
    assert restore["with"]["restore-keys"].strip().splitlines() == ["a11y-${{ github.ref }}-"]
    uploads = {s["with"]["name"]: s["with"]["path"] for s in uses(a11y, "actions/upload-artifact")}
    assert uploads == {"a11y-part-${{ matrix.shard }}": "${{ runner.temp }}/a11y-part.json",
                       "a11y-cache-${{ matrix.shard }}": ".cache/a11y/results.json"}
    # one job merges the parts, keeps every part's results, fills in the statement
    assert publish["needs"] == ["build", "a11y"]
    assert not installs_a_browser(publish)
    downloads = {s["with"].get("name") or s["with"]["pattern"]: s["with"]["path"]
                 for s in uses(publish, "actions/download-artifact")}
    assert downloads == {"site": "site", "a11y-part-*": "${{ runner.temp }}/a11y-parts",
                         "a11y-cache-*": ".cache/a11y/parts"}
    [merge] = [c for c in job_commands(publish) if "--merge" in c]
    assert merge.startswith(".venv/bin/localoffer a11y site --merge ")
    [save] = uses(publish, "actions/cache/save")
    assert save["with"] == {"path": ".cache/a11y", "key": "a11y-${{ github.ref }}-${{ github.sha }}"}
    [upload] = uses(publish, "actions/upload-pages-artifact")
    steps = publish["steps"]
    merge_at = next(i for i, s in enumerate(steps) if "--merge" in str(s.get("run")))
    assert steps.index(save) < merge_at < steps.index(upload)  # results kept even when a page fails
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "publish"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_cache_parts_the_deploy_workflow_keeps_are_where_the_cache_reads_them():
    from localoffer.a11y import cache

    assert "parts/*/results.json" in inspect.getsource(cache.ResultCache.load)


def test_codeowners_cover_what_runs_in_ci_and_every_page():
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    for pattern in ("/scripts/", "/overrides/", "/mkdocs.yml", "/.github/", "/.ci/", "/Makefile",
                    "/requirements*", "/package*.json"):
        assert rules.get(pattern), pattern
    assert not any(p.startswith("/docs") for p in rules)  # content needs no maintainer


# --- The plain summary ------------------------------------------------------------------

REPORT = {
    "version": 1,
    "findings": [
        {"file": "docs/a.md", "line": 3, "column": 1, "rule": "plain/long-sentence", "severity": "error",
         "message": "This sentence has 31 words.", "suggestion": "Split it in two.", "lang": "en",
         "help": "README.md#rule-plainlong-sentence"},
        {"file": "docs/a.md", "line": 9, "column": 1, "rule": "plain/jargon", "severity": "warning",
         "message": "Explain ALN.", "suggestion": None, "lang": "en", "help": "README.md#rule-plainjargon"},
    ],
    "summary": {"error": 1, "warning": 1, "suggestion": 0},
}


def test_summary_says_what_to_fix_first_with_links_in_both_languages():
    text = pr_summary.markdown(REPORT, "https://github.com/o/r/blob/abc/")
    english, welsh = text.split("\n---\n")
    assert "Fix these first" in english and "Cywirwch y rhain yn gyntaf" in welsh
    assert english.index("docs/a.md, line 3") < english.index("plain/jargon")
    assert "https://github.com/o/r/blob/abc/README.md#rule-plainlong-sentence" in english
    assert "Split it in two." in english
    assert "llinell 3" in welsh


def test_summary_never_says_all_is_well_when_the_checks_did_not_run():
    for document in (None, {}, {"version": 1}):
        text = pr_summary.markdown(document)
        assert "Nothing stops this change" not in text
        assert "did not run" in text
    failed_build = pr_summary.markdown({"version": 1, "findings": []}, build_failed=True)
    assert "Nothing stops this change" not in failed_build and "build" in failed_build
    assert "Nothing stops this change" in pr_summary.markdown({"version": 1, "findings": []})


def test_the_first_jobs_summary_does_not_speak_for_the_build_still_to_come():
    text = pr_summary.markdown({"version": 1, "findings": []}, build_pending=True)
    english, welsh = text.split("\n---\n")
    assert "Nothing stops this change" not in text
    assert "being built and tested in a browser" in english and "next step" in english
    assert "yn cael ei hadeiladu a'i phrofi mewn porwr" in welsh
    assert "Fix these first" in pr_summary.markdown(REPORT, build_pending=True)
