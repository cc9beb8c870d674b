"""Mark a Welsh page as translated from the pull request itself, with no terminal.

When a pull request changes a Welsh page (``x.cy.md``) whose ``translated_from`` record is
missing or older than its English page, the pull-request check works out the exact change to
the page's front matter that ``localoffer translated`` would make (``suggestion_for``: which
lines to replace, and with what) and a second workflow posts it on the pull request as a
review comment with a ```` ```suggestion ```` block. The volunteer reads it and chooses
"Commit suggestion" in the browser.

Why this way (see CONTRIBUTING.md): the job that reads the pull request's files has no write
token, so it is safe for pull requests from forks; the job that posts has a token that may
only write comments, runs our own code from the main branch, and treats what the first job
made as untrusted data (``check_document``): only ``.cy.md`` paths, only the lines of a
``translated_from`` record, only on the pull request whose head commit GitHub says it ran on.

GitHub only lets a review comment sit on lines the pull request's diff shows (changed lines
and 3 lines around them). When the record's lines are not shown, the same text goes into one
ordinary comment on the pull request instead, with the lines to change and a link to the file.

Pure except ``posting`` (talks to GitHub) and ``shown_lines`` (runs git).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from localoffer import translation
from localoffer.errors import UserError
from localoffer.messages import cli_language, t

CONTEXT_LINES = 3  # the lines GitHub shows around each change in a pull request's diff
REVIEW_MARKER = "<!-- localoffer:translated {key} -->"
FALLBACK_MARKER = "<!-- localoffer:translated-fallback -->"
_REVIEW_MARKER_RE = re.compile(r"<!-- localoffer:translated ([0-9a-f]{24}) -->")
PATH_RE = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9_][A-Za-z0-9_./-]{0,250}\.cy\.md$")
SHA_RE = re.compile(r"^[0-9a-f]{40}$")
# The only lines a suggestion may contain: the translated_from record, and the front matter's end.
RECORD_LINE_RE = re.compile(
    r"^(?:translated_from:"
    r"|  hash: [0-9a-f]{64}"
    r"|  sections:"
    r"|    (?:[A-Za-z_][\w-]{0,200}|'[^'\n]{1,200}'): (?:[0-9a-f]{12}|'[0-9a-f]{12}')"
    r"|---|\.\.\.)$"
)
MAX_DOCUMENT_BYTES = 1_000_000
MAX_SUGGESTIONS = 200


# --- working out the change ------------------------------------------------------------------

def suggestion_for(cy_text: str, print_: dict[str, Any]) -> dict | None:
    """The smallest block of whole lines to replace in ``cy_text`` so that its record matches
    ``print_``: ``{start_line, line, old, new}`` (1-based, inclusive), or None when nothing
    needs to change or the page has no front matter to change. Replacing lines
    ``start_line``..``line`` with ``new`` gives exactly what ``localoffer translated`` writes."""
    if not cy_text.lstrip("\ufeff").startswith("---"):
        return None
    try:
        wanted = translation.record_text(cy_text, print_)
    except ValueError:
        return None
    newline = "\r\n" if "\r\n" in cy_text else "\n"
    old = cy_text.split(newline)
    new = wanted.split(newline)
    if old == new:
        return None
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    first, stop_old, stop_new = prefix, len(old) - suffix, len(new) - suffix
    if first == stop_old:  # only lines added: take in one line around them
        if first > 0 and RECORD_LINE_RE.match(old[first - 1]) and old[first - 1] not in ("---", "..."):
            first -= 1  # the record's line above (GitHub can only replace lines, not add between them)
        elif first < len(old) and old[first].rstrip() in ("---", "..."):
            stop_old, stop_new = stop_old + 1, stop_new + 1  # the front matter's closing line
        else:
            return None
    return {"start_line": first + 1, "line": stop_old, "old": old[first:stop_old], "new": new[first:stop_new]}


def apply(text: str, suggestion: dict) -> str:
    """``text`` with the suggestion committed, as GitHub does: lines start_line..line replaced."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    first, last = suggestion["start_line"], suggestion["line"]
    return newline.join(lines[: first - 1] + list(suggestion["new"]) + lines[last:])


def shown_lines(diff: str) -> dict[str, set[int]]:
    """Lines of each file (new side) a pull request's diff shows, from ``git diff -U3`` (pure)."""
    from localoffer.changes import HUNK

    shown: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else shown.setdefault(name[2:] if name.startswith("b/") else name,
                                                                           set())
        elif line.startswith("@@") and current is not None:
            match = HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) if match.group(2) is not None else 1)
                current.update(range(start, start + count))
    return shown


def collect(settings, ref: str) -> list[dict]:
    """A suggestion for each Welsh page changed since ``ref`` whose record is missing or old."""
    from localoffer import changes
    from localoffer.source import read_page

    root = Path(changes._git(["rev-parse", "--show-toplevel"], settings.root).strip()).resolve()
    base = changes._git(["merge-base", ref, "HEAD"], root).strip()
    changed = changes.changed_lines(ref, settings.root)
    diff = changes._git(["diff", f"--unified={CONTEXT_LINES}", "--no-color", "--no-ext-diff", "--no-renames",
                         base, "--"], root)
    shown = shown_lines(diff)
    result = []
    for path in sorted(changed):
        if not path.name.endswith(".cy.md") or not path.is_file():
            continue
        try:
            path.relative_to(settings.docs_dir)
        except ValueError:
            continue
        en_path = Path(translation.english_name(path))
        if not en_path.is_file():
            continue
        cy_page = read_page(path)
        en_page = read_page(en_path)
        if translation.is_generated(en_page) or translation.is_generated(cy_page):
            continue
        status = translation.pair_status(en_path.name, en_page, cy_page).status
        if status not in (translation.OUTDATED, translation.UNRECORDED):
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found = suggestion_for(text, translation.fingerprint(en_page))
        if found is None:
            continue
        name = path.relative_to(root).as_posix()
        lines = shown.get(name)
        if lines is None:  # a new file git does not track yet: all of it is new
            lines = set(changed.get(path, ()))
        found.update({
            "file": name,
            "english": en_path.resolve().relative_to(root).as_posix(),
            "status": status,
            "hash": translation.fingerprint(en_page)["hash"],
            "in_diff": all(n in lines for n in range(found["start_line"], found["line"] + 1)),
        })
        result.append(found)
    return result


def document(items: list[dict], pull_request: int | None = None, head_sha: str | None = None) -> dict:
    return {"version": 1, "pull_request": pull_request, "head_sha": head_sha, "suggestions": items}


def render_text(items: list[dict], lang: str) -> str:
    if not items:
        return t("tr.none", lang) + "\n"
    out = []
    for item in items:
        out.append(t("tr.text_item", lang, file=item["file"], first=item["start_line"], last=item["line"]))
        out += ["    " + line for line in item["new"]]
    return "\n".join(out) + "\n"


# --- checking what the first job made (untrusted) ---------------------------------------------

def check_document(data: Any) -> dict:
    """The suggestions file made by the pull request's job, checked line by line. Raises
    UserError on anything but what ``collect`` makes."""
    lang = cli_language()

    def refuse(problem: str) -> UserError:
        return UserError(t("tr.bad_document", lang, problem=problem), fix=t("tr.bad_document_fix", lang))

    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("suggestions"), list):
        raise refuse("version, suggestions")
    number = data.get("pull_request")
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 10**9:
        raise refuse("pull_request")
    if not isinstance(data.get("head_sha"), str) or not SHA_RE.match(data["head_sha"]):
        raise refuse("head_sha")
    if len(data["suggestions"]) > MAX_SUGGESTIONS:
        raise refuse("suggestions")
    items = []
    for item in data["suggestions"]:
        if not isinstance(item, dict):
            raise refuse("suggestion")
        if not isinstance(item.get("file"), str) or not PATH_RE.match(item["file"]):
            raise refuse("file")
        if item.get("english") != translation.english_name(item["file"]):
            raise refuse("english")
        first, last = item.get("start_line"), item.get("line")
        if not all(isinstance(n, int) and not isinstance(n, bool) and 0 < n < 100_000 for n in (first, last)) \
                or first > last or last - first > 500:
            raise refuse("line")
        new = item.get("new")
        if not isinstance(new, list) or not new or len(new) > 600 or \
                not all(isinstance(line, str) and RECORD_LINE_RE.match(line) for line in new):
            raise refuse("new")
        if not isinstance(item.get("hash"), str) or not re.fullmatch(r"[0-9a-f]{64}", item["hash"]):
            raise refuse("hash")
        items.append({"file": item["file"], "english": item["english"], "start_line": first, "line": last,
                      "new": list(new), "hash": item["hash"], "in_diff": item.get("in_diff") is True})
    return {"pull_request": number, "head_sha": data["head_sha"], "suggestions": items}


def read_document(path: str | Path) -> dict:
    lang = cli_language()
    try:
        raw = Path(path).read_bytes()[: MAX_DOCUMENT_BYTES + 1]
    except OSError as error:
        raise UserError(t("tr.no_document", lang, path=path, problem=error.strerror or error),
                        fix=t("tr.bad_document_fix", lang)) from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UserError(t("tr.bad_document", lang, problem="size"), fix=t("tr.bad_document_fix", lang))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise UserError(t("tr.bad_document", lang, problem="JSON"), fix=t("tr.bad_document_fix", lang)) from None
    return check_document(data)


# --- the comments -------------------------------------------------------------------------------

def key_of(item: dict) -> str:
    """The same suggestion (file and English version) gets the same hidden key."""
    return hashlib.sha256(f"{item['file']}\n{item['hash']}".encode("utf-8")).hexdigest()[:24]


def _fence(lines: list[str]) -> str:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def review_comment(item: dict) -> str:
    fence = _fence(item["new"])
    parts = [REVIEW_MARKER.format(key=key_of(item)),
             t("tr.comment", "en", english=item["english"]), "",
             f"{fence}suggestion", *item["new"], fence, "",
             t("tr.comment", "cy", english=item["english"])]
    return "\n".join(parts) + "\n"


MAX_COMMENT = 60_000  # GitHub refuses a comment over 65,536 characters


def fallback_comment(items: list[dict], head_ref: str | None, repository: str, server: str) -> str:
    """One comment listing the lines to paste, in English then Welsh, cut to fit GitHub's limit."""
    shown = len(items)
    text = _fallback_comment(items, shown, head_ref, repository, server)
    while len(text) > MAX_COMMENT and shown > 1:
        shown = max(1, shown * MAX_COMMENT // len(text) - 1)
        text = _fallback_comment(items, shown, head_ref, repository, server)
    return text


def _fallback_comment(items: list[dict], shown: int, head_ref: str | None, repository: str, server: str) -> str:
    more = len(items) - shown
    items = items[:shown]
    parts = [FALLBACK_MARKER]
    for lang in ("en", "cy"):
        parts += ["", f"### {t('tr.fallback_title', lang)}", "", t("tr.fallback_intro", lang), ""]
        for item in items:
            line = t("tr.fallback_item", lang, file=item["file"], first=item["start_line"], last=item["line"])
            if head_ref:
                from urllib.parse import quote

                url = f"{server}/{repository}/edit/{quote(head_ref)}/{quote(item['file'])}"
                line += f" [{t('tr.fallback_edit', lang)}]({url})"
            fence = _fence(item["new"])
            parts += [f"- {line}", "", f"  {fence}yaml", *("  " + l for l in item["new"]), f"  {fence}", ""]
        if more:
            parts += [t("tr.fallback_more", lang, count=more), ""]
        if lang == "en":
            parts += ["---"]
    return "\n".join(parts).rstrip() + "\n"


def done_comment() -> str:
    return "\n".join([FALLBACK_MARKER, "", t("tr.fallback_done", "en"), "", "---", "",
                      t("tr.fallback_done", "cy")]) + "\n"


# --- posting -----------------------------------------------------------------------------------

def post(github, checked: dict, head_sha: str, server: str = "https://github.com") -> dict:
    """Post the checked suggestions on their pull request. Returns counts of what was done."""
    lang = cli_language()
    if checked["head_sha"] != head_sha:
        raise UserError(t("tr.wrong_commit", lang, number=checked["pull_request"]), fix=t("tr.wrong_commit_fix", lang))
    number = checked["pull_request"]
    pull = github.request("GET", github.repo_path(f"/pulls/{number}")) or {}
    if (pull.get("head") or {}).get("sha") != head_sha:  # pushed again since: the next run posts
        return {"stale": True, "number": number}
    head_repo = ((pull.get("head") or {}).get("repo") or {}).get("full_name") or github.repository
    head_ref = (pull.get("head") or {}).get("ref")
    posted: set[str] = set()
    for comment in github.paginate(github.repo_path(f"/pulls/{number}/comments")):
        match = _REVIEW_MARKER_RE.search(str(comment.get("body") or ""))
        if match:
            posted.add(match.group(1))
    items = [item for item in checked["suggestions"] if key_of(item) not in posted]
    in_diff = [item for item in items if item["in_diff"]]
    elsewhere = [item for item in checked["suggestions"] if not item["in_diff"]]
    counts = {"suggested": 0, "listed": 0, "already": len(checked["suggestions"]) - len(items), "number": number}
    if in_diff:
        comments = []
        for item in in_diff:
            comment = {"path": item["file"], "line": item["line"], "side": "RIGHT", "body": review_comment(item)}
            if item["start_line"] != item["line"]:
                comment.update({"start_line": item["start_line"], "start_side": "RIGHT"})
            comments.append(comment)
        from localoffer.github_api import GitHubError

        try:
            github.request("POST", github.repo_path(f"/pulls/{number}/reviews"),
                           {"commit_id": head_sha, "event": "COMMENT",
                            "body": t("tr.review_body", "en") + "\n\n" + t("tr.review_body", "cy"),
                            "comments": comments})
            counts["suggested"] = len(in_diff)
        except GitHubError as error:
            if error.status != 422:  # 422: GitHub would not put a comment on those lines
                raise
            elsewhere = elsewhere + in_diff
    _update_fallback(github, number, elsewhere, head_ref, head_repo, server)
    counts["listed"] = len(elsewhere)
    return counts


def _update_fallback(github, number: int, items: list[dict], head_ref, head_repo: str, server: str) -> None:
    existing = None
    for comment in github.paginate(github.repo_path(f"/issues/{number}/comments")):
        if str(comment.get("body") or "").startswith(FALLBACK_MARKER):
            existing = comment
            break
    if not items and existing is None:
        return
    text = fallback_comment(items, head_ref, head_repo, server) if items else done_comment()
    if existing is None:
        github.request("POST", github.repo_path(f"/issues/{number}/comments"), {"body": text})
    elif str(existing.get("body") or "").replace("\r\n", "\n").strip() != text.strip():
        github.request("PATCH", github.repo_path(f"/issues/comments/{int(existing['id'])}"), {"body": text})
