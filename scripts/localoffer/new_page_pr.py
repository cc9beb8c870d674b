"""``localoffer new --pull-request``: start a page on a new branch and open a pull request.

Run by the workflow "Add a page" (``.github/workflows/new-page.yml``) from the Actions tab, so
a page author needs no terminal. Steps, each only after the one before worked:

1. check the GitHub settings (``GITHUB_TOKEN``, ``GITHUB_REPOSITORY``) before touching anything;
2. if the branch ``new-page/<name>`` is already on GitHub (an earlier run stopped after
   pushing it), do not make the files again: say where its pull request is, or open it;
3. otherwise make the branch, write the files (``localoffer new``), commit only those files,
   push the branch, and open the pull request.

So a run stopped by a failed request can simply be run again: it never makes a second branch,
commit or pull request.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Callable

from localoffer.changes import _git
from localoffer.errors import UserError
from localoffer.messages import t

BRANCH_PREFIX = "new-page/"
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


def branch_name(slug: str) -> str:
    return BRANCH_PREFIX + slug.replace("/", "-")


def _author() -> list[str]:
    """``-c user.name=... -c user.email=...`` for the commit: the Actions bot in a workflow."""
    name = os.environ.get("LOCALOFFER_GIT_NAME") or (BOT_NAME if os.environ.get("GITHUB_ACTIONS") else "")
    email = os.environ.get("LOCALOFFER_GIT_EMAIL") or (BOT_EMAIL if os.environ.get("GITHUB_ACTIONS") else "")
    args = []
    if name:
        args += ["-c", f"user.name={name}"]
    if email:
        args += ["-c", f"user.email={email}"]
    return args


def _open_pull(github, branch: str) -> dict | None:
    owner = github.repository.split("/")[0]
    for pull in github.paginate(github.repo_path("/pulls"), {"state": "open", "head": f"{owner}:{branch}"}):
        if (pull.get("head") or {}).get("ref") == branch:
            return pull
    return None


def _pr_text(args, files: list[str]) -> tuple[str, str]:
    from localoffer.reminders import md_text

    title_cy = args.title_cy or args.title
    title = f"{t('npr.pr_title', 'en', title=args.title)} / {t('npr.pr_title', 'cy', title=title_cy)}"
    body = []
    for lang, name in (("en", args.title), ("cy", title_cy)):
        body += [t("npr.pr_body_intro", lang, title=md_text(name)), "", t("npr.pr_body_files", lang)]
        body += [f"- `{f}`" for f in files]
        body += ["", t("npr.pr_body_next", lang), "", "---", ""]
    return title, "\n".join(body[:-3]).rstrip() + "\n"


def make(args, settings, slug: str, make_files: Callable[[], list[Path]], lang: str) -> int:
    from localoffer.github_api import GitHub

    github = GitHub.from_env()  # a missing token stops here, before anything changes
    root = Path(_git(["rev-parse", "--show-toplevel"], settings.root).strip()).resolve()
    branch = branch_name(slug)
    base = _git(["rev-parse", "--abbrev-ref", "HEAD"], root).strip()
    if base == "HEAD":
        base = os.environ.get("GITHUB_REF_NAME") or "main"
    pushed = _git(["ls-remote", "--heads", "origin", f"refs/heads/{branch}"], root).strip()
    if pushed:
        pull = _open_pull(github, branch)
        if pull is not None:
            print(t("npr.already_open", lang, number=pull.get("number"), url=pull.get("html_url", "")))
            return 0
        files = _git(["diff", "--name-only", f"origin/{base}...origin/{branch}"], root).split() \
            if _has_remote_ref(root, base, branch) else []
    else:
        _git(["checkout", "-q", "-b", branch], root)
        try:
            changed = make_files()
        except BaseException:
            _git(["checkout", "-q", base], root)
            _git(["branch", "-q", "-D", branch], root)
            raise
        files = [path.resolve().relative_to(root).as_posix() for path in changed]
        _git(["add", "--", *files], root)
        _git([*_author(), "commit", "-q", "-m", t("npr.commit", "en", title=args.title), "--", *files], root)
        _git(["push", "-q", "origin", f"HEAD:refs/heads/{branch}"], root)
    title, body = _pr_text(args, files)
    pull = github.request("POST", github.repo_path("/pulls"),
                          {"title": title, "head": branch, "base": base, "body": body}) or {}
    print(t("npr.opened", lang, number=pull.get("number"), url=pull.get("html_url", "")))
    return 0


def _has_remote_ref(root: Path, base: str, branch: str) -> bool:
    try:
        _git(["fetch", "-q", "origin", f"refs/heads/{branch}:refs/remotes/origin/{branch}"], root)
    except UserError:
        return False
    done = subprocess.run(["git", "rev-parse", "--verify", "-q", f"origin/{base}"], cwd=root,
                          capture_output=True, text=True, check=False)
    return done.returncode == 0
