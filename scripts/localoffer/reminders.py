"""Review reminders: one GitHub issue per owner team, kept up to date by ``localoffer reviews
--github-issues`` (run weekly by ``.github/workflows/reviews.yml``).

Each team's issue lists its pages and services due for review soon, or overdue, with a link
that opens each file in the web editor. It is written in English, then Welsh. The issue is
found again on the next run by its label and a hidden first line
(``<!-- localoffer:reviews owner=<hash of the owner's name> -->``), so a run never opens a
second issue for a team: it changes the issue's text when the list changed, opens it again
when it was closed, and closes it when nothing is due.

Who is told: ``extra.council.owners`` in mkdocs.yml maps the ``owner`` written in pages
(and a service's organisation) to GitHub people and teams::

    owners:
      ALN Team: ["@glanafon/aln-team", "@a-officer"]

Everyone is mentioned in the issue; people (not teams, which GitHub cannot assign) are
assigned when the issue is opened.

Failure: all issues are read before anything is changed, and every change finds its issue by
the hidden line, so a run stopped by a failed request (500, 403) changes nothing a re-run
would repeat or duplicate. Everything here is pure except ``owner_map`` (reads mkdocs.yml) and
``sync`` (talks to GitHub).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from localoffer.errors import UserError
from localoffer.messages import cli_language, t
from localoffer.site import format_date

LABEL = "local-offer-review"
MARKER = "<!-- localoffer:reviews owner={key} -->"
_MARKER_RE = re.compile(r"^<!-- localoffer:reviews owner=([0-9a-f]{16}) -->$")
HANDLE_RE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?$")
NO_OWNER = ""


# --- the owners map in mkdocs.yml ----------------------------------------------------------

def _node_lines(config_file: Path) -> dict[str, int]:
    """Line (1-based) of ``extra.council.owners`` and of each owner in it, from the YAML itself."""
    from localoffer import settings as settings_module

    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=settings_module._Loader)
    except (OSError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}
    node = root
    for key in ("extra", "council", "owners"):
        if not isinstance(node, yaml.MappingNode):
            return lines
        found = next(((k, v) for k, v in node.value if getattr(k, "value", None) == key), None)
        if found is None:
            return lines
        lines["extra.council.owners"] = found[0].start_mark.line + 1  # the deepest found
        node = found[1]
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            lines[f"owner:{key_node.value}"] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    lines[f"owner:{key_node.value}:{index}"] = item.start_mark.line + 1
    return lines


def check_owner_map(value: Any, config_file: Path) -> dict[str, list[str]]:
    """``extra.council.owners`` checked: {owner: ["@person", "@org/team"]}. Raises UserError
    naming the file and line, and the form expected."""
    lang = cli_language()
    if value is None:
        return {}
    lines = _node_lines(config_file)

    def fail(key: str, line_key: str, problem_value) -> UserError:
        line = lines.get(line_key) or lines.get("extra.council.owners")
        where = f"{config_file}:{line}" if line else str(config_file)
        return UserError(t(key, lang, value=problem_value), where=where, fix=t("rem.owners_fix", lang))

    if not isinstance(value, dict):
        raise fail("rem.owners_not_map", "extra.council.owners", type(value).__name__)
    result: dict[str, list[str]] = {}
    for owner, people in value.items():
        if not isinstance(owner, str) or not owner.strip():
            raise fail("rem.owners_bad_name", f"owner:{owner}", owner)
        entries = people if isinstance(people, list) else [people]
        handles = []
        for index, person in enumerate(entries):
            if not isinstance(person, str) or not HANDLE_RE.match(person.strip()):
                line_key = f"owner:{owner}:{index}" if isinstance(people, list) else f"owner:{owner}"
                raise fail("rem.owners_bad_handle", line_key, person)
            handles.append(person.strip())
        result[_norm(owner)] = handles
    return result


def owner_map(settings) -> dict[str, list[str]]:
    """The checked ``extra.council.owners`` of a site."""
    return check_owner_map((settings.council or {}).get("owners"), Path(settings.config_file))


def _norm(owner: str) -> str:
    return " ".join(str(owner).split()).casefold()


def owner_key(owner: str) -> str:
    """The hidden key of an owner's issue: a hash, so no editor text goes into the marker."""
    return hashlib.sha256(_norm(owner).encode("utf-8")).hexdigest()[:16]


def by_owner(items: list[dict], owners: dict[str, list[str]]) -> list[dict]:
    """The items grouped by team: ``[{owner, key, people, items}]``, sorted by owner."""
    groups: dict[str, dict] = {}
    for item in items:
        owner = item.get("team") or item.get("owner") or NO_OWNER
        group = groups.setdefault(_norm(owner), {"owner": owner, "key": owner_key(owner),
                                                 "people": list(owners.get(_norm(owner), [])), "items": []})
        group["items"].append(item)
    return [groups[k] for k in sorted(groups)]


# --- the issue's text ----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_text(text: str) -> str:
    """Editor text made safe to show in an issue: Markdown and HTML are shown as typed, and
    an @name or #number in a title mentions nobody and links nothing."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u2060").replace("#", "#\u2060")


def title(owner: str, lang_pair: tuple[str, str] = ("en", "cy")) -> str:
    name = " ".join(str(owner).split())
    return " / ".join(t("rem.issue_title", lang, owner=name or t("rem.no_owner", lang)) for lang in lang_pair)


def _item_line(item: dict, lang: str) -> str:
    due = dt.date.fromisoformat(item["review_due"])
    when = t("rem.item_overdue" if item["overdue"] else "rem.item_due", lang, date=format_date(due, lang))
    name = md_text(item["title"]) or f"`{item['file']}`"
    line = f"- **{name}** (`{item['file']}`): {when}"
    if item.get("edit_url"):
        link_key = "rem.edit_service" if item.get("kind") == "service" else "rem.edit_page"
        line += f" [{t(link_key, lang)}]({item['edit_url']})"
    return line


MAX_BODY = 60_000  # GitHub refuses an issue body over 65,536 characters


def body(group: dict, days: int, max_chars: int = MAX_BODY) -> str:
    """The issue's text: the hidden line, then English, then Welsh. A very long list is cut
    to fit GitHub's limit, saying how many more there are (overdue ones are listed first)."""
    shown = len(group["items"])
    text = _body(group, days, shown)
    while len(text) > max_chars and shown > 1:
        shown = max(1, shown * max_chars // len(text) - 1)
        text = _body(group, days, shown)
    return text


def _body(group: dict, days: int, shown: int) -> str:
    parts = [MARKER.format(key=group["key"])]
    owner = " ".join(str(group["owner"]).split())
    overdue = [i for i in group["items"] if i["overdue"]]
    soon = [i for i in group["items"] if not i["overdue"]]
    listed = {id(item) for item in (overdue + soon)[:shown]}
    for lang in ("en", "cy"):
        parts += ["", f"## {t('rem.heading', lang, owner=md_text(owner) or t('rem.no_owner', lang))}", "",
                  t("rem.intro", lang, days=days), ""]
        for key, items in (("rem.overdue_heading", overdue), ("rem.soon_heading", soon)):
            if items:
                parts += [f"### {t(key, lang, count=len(items))}", ""]
                parts += [_item_line(item, lang) for item in items if id(item) in listed]
                parts.append("")
        if shown < len(group["items"]):
            parts += [t("rem.more", lang, count=len(group["items"]) - shown), ""]
        parts.append(t("rem.how", lang))
        parts.append("")
        if group["people"]:
            parts.append(t("rem.for", lang, people=" ".join(group["people"])))
        else:
            parts.append(t("rem.nobody", lang))
        parts += ["", "---"]
    parts.pop()  # no rule after the Welsh
    return "\n".join(parts).rstrip() + "\n"


def closing_body(group_key: str) -> str:
    return "\n".join([MARKER.format(key=group_key), "", t("rem.all_done", "en"), "", "---", "",
                      t("rem.all_done", "cy")]) + "\n"


def marker_key(issue_body: str | None) -> str | None:
    """The owner key of one of our issues (its first line), else None."""
    first = (issue_body or "").lstrip("\ufeff").split("\n", 1)[0].strip()
    match = _MARKER_RE.match(first)
    return match.group(1) if match else None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").replace("\r\n", "\n").strip() == (b or "").replace("\r\n", "\n").strip()


# --- talking to GitHub ---------------------------------------------------------------------

def ensure_label(github, label: str) -> None:
    """Make the label if the repository has none of that name (so the issue keeps it)."""
    from localoffer.github_api import GitHubError
    from urllib.parse import quote

    try:
        github.request("GET", github.repo_path(f"/labels/{quote(label, safe='')}"))
    except GitHubError as error:
        if error.status != 404:
            raise
        github.request("POST", github.repo_path("/labels"),
                       {"name": label, "color": "1d4f91",
                        "description": "Pages and services due for review / Tudalennau i'w hadolygu"})


def existing_issues(github, label: str) -> dict[str, list[dict]]:
    """Our issues (open and closed), by owner key, oldest first."""
    found: dict[str, list[dict]] = {}
    for issue in github.paginate(github.repo_path("/issues"), {"state": "all", "labels": label}):
        if "pull_request" in issue:
            continue
        key = marker_key(issue.get("body"))
        if key:
            found.setdefault(key, []).append(issue)
    for issues in found.values():
        issues.sort(key=lambda i: (i.get("state") != "open", int(i.get("number") or 0)))
    return found


class _DryRun:
    """Reads through ``github``; writes nothing (``--dry-run``): a change answers None."""

    def __init__(self, github) -> None:
        self._github = github
        self.repository = github.repository

    def repo_path(self, tail: str = "") -> str:
        return self._github.repo_path(tail)

    def paginate(self, path: str, params: dict | None = None):
        return self._github.paginate(path, params)

    def request(self, method: str, path: str, body=None, params: dict | None = None):
        return self._github.request(method, path, body, params) if method == "GET" else None


def sync(github, groups: list[dict], days: int, today: dt.date, label: str = LABEL,
         dry_run: bool = False) -> list[dict]:
    """Open, change, reopen or close one issue per team. Returns what was done (or, with
    ``dry_run``, what would be done): ``[{owner, action, number}]`` with action opened,
    updated, reopened, closed (unchanged issues are not listed)."""
    del today  # the items carry their dates; kept for callers that log it
    if dry_run:
        github = _DryRun(github)
    else:
        ensure_label(github, label)
    existing = existing_issues(github, label)  # everything is read before anything changes
    done = []
    wanted = {group["key"]: group for group in groups}
    for key, group in wanted.items():
        issues = existing.get(key) or []
        new_title, new_body = title(group["owner"]), body(group, days)
        issue = issues[0] if issues else None
        if issue is None:
            users = [p[1:] for p in group["people"] if "/" not in p]
            payload = {"title": new_title, "body": new_body, "labels": [label]}
            if users:
                payload["assignees"] = users
            made = github.request("POST", github.repo_path("/issues"), payload)
            done.append({"owner": group["owner"], "action": "opened", "number": (made or {}).get("number")})
            continue
        reopen = issue.get("state") != "open"
        if reopen or not _same(issue.get("body"), new_body) or issue.get("title") != new_title:
            change = {"title": new_title, "body": new_body}
            if reopen:
                change["state"] = "open"
            github.request("PATCH", github.repo_path(f"/issues/{int(issue['number'])}"), change)
            done.append({"owner": group["owner"], "action": "reopened" if reopen else "updated",
                         "number": issue["number"]})
        for extra in issues[1:]:  # a second issue for the same team (made by hand): close it
            if extra.get("state") == "open":
                github.request("PATCH", github.repo_path(f"/issues/{int(extra['number'])}"),
                               {"body": closing_body(key), "state": "closed", "state_reason": "not_planned"})
                done.append({"owner": group["owner"], "action": "closed", "number": extra["number"]})
    for key, issues in existing.items():
        if key in wanted:
            continue
        for issue in issues:
            if issue.get("state") != "open":
                continue
            github.request("PATCH", github.repo_path(f"/issues/{int(issue['number'])}"),
                           {"body": closing_body(key), "state": "closed", "state_reason": "completed"})
            done.append({"owner": _owner_from_title(issue.get("title")), "action": "closed",
                         "number": issue["number"]})
    return done


def _owner_from_title(text: str | None) -> str:
    """The team's name as our title gave it (for the closing message)."""
    english = str(text or "").split(" / ")[0]
    return english.split(": ", 1)[1] if ": " in english else english
