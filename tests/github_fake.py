"""A fake GitHub REST API on 127.0.0.1 for the tests: a real ``http.server`` in a thread.

It keeps issues, labels, comments, review comments and pull requests in memory, answers the
way GitHub does (JSON, ``Link`` headers on lists, 404 and 422 with a ``message``), and logs
every request. ``max_page_size`` makes lists come in small pages, so tests exercise the
``Link: <...>; rel="next"`` header with a few items. ``fail(method, pattern, status)`` makes
matching requests fail; ``after=True`` does the work first and then answers with the error
(as when GitHub times out after saving).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = "test-token-123"


@dataclass
class Failure:
    method: str
    pattern: re.Pattern
    status: int
    times: int = 1
    after: bool = False


@dataclass
class State:
    repo: str = "glanafon/local-offer"
    issues: dict[int, dict] = field(default_factory=dict)
    labels: dict[str, dict] = field(default_factory=dict)
    pulls: dict[int, dict] = field(default_factory=dict)
    review_comments: dict[int, list] = field(default_factory=dict)  # pull number -> comments
    reviews: dict[int, list] = field(default_factory=dict)
    issue_comments: dict[int, list] = field(default_factory=dict)
    next_number: int = 1
    next_id: int = 1000
    max_page_size: int = 100
    failures: list[Failure] = field(default_factory=list)
    log: list[tuple[str, str, object]] = field(default_factory=list)
    bad_auth: list[str] = field(default_factory=list)

    def number(self) -> int:
        value = self.next_number
        self.next_number += 1
        return value

    def ident(self) -> int:
        self.next_id += 1
        return self.next_id


class FakeGitHub:
    def __init__(self) -> None:
        self.state = State()
        self.lock = threading.Lock()
        handler = _make_handler(self)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeGitHub":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def env(self, **extra) -> dict:
        return {"GITHUB_API_URL": self.url, "GITHUB_REPOSITORY": self.state.repo, "GITHUB_TOKEN": TOKEN, **extra}

    def fail(self, method: str, pattern: str, status: int, times: int = 1, after: bool = False) -> None:
        self.state.failures.append(Failure(method, re.compile(pattern), status, times, after))

    def add_issue(self, title: str, body: str, labels=(), state: str = "open", pull_request: bool = False) -> dict:
        number = self.state.number()
        issue = {"number": number, "title": title, "body": body, "state": state,
                 "labels": [{"name": l} for l in labels], "assignees": []}
        if pull_request:
            issue["pull_request"] = {"url": f"{self.url}/repos/{self.state.repo}/pulls/{number}"}
        self.state.issues[number] = issue
        return issue

    def writes(self) -> list[tuple[str, str, object]]:
        return [entry for entry in self.state.log if entry[0] != "GET"]


def _make_handler(fake: FakeGitHub):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output quiet
            pass

        def _reply(self, status: int, payload=None, headers: dict | None = None) -> None:
            data = json.dumps(payload).encode("utf-8") if payload is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            with fake.lock:
                state = fake.state
                state.log.append((method, parts.path, body))
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    state.bad_auth.append(self.path)
                    return self._reply(401, {"message": "Bad credentials"})
                failure = next((f for f in state.failures if f.times > 0 and f.method == method
                                and f.pattern.search(parts.path)), None)
                if failure is not None:
                    failure.times -= 1
                    if not failure.after:
                        return self._reply(failure.status, {"message": f"fake failure {failure.status}"})
                status, payload, headers = _route(fake, method, parts.path, query, body)
                if failure is not None:
                    return self._reply(failure.status, {"message": f"fake failure {failure.status} after saving"})
                return self._reply(status, payload, headers)

        def do_GET(self):
            self._handle("GET")

        def do_POST(self):
            self._handle("POST")

        def do_PATCH(self):
            self._handle("PATCH")

    return Handler


def _page(fake: FakeGitHub, path: str, query: dict, items: list) -> tuple[int, list, dict]:
    size = min(int(query.get("per_page", 30)), fake.state.max_page_size)
    page = int(query.get("page", 1))
    chunk = items[(page - 1) * size: page * size]
    headers = {}
    if page * size < len(items):
        rest = {k: v for k, v in query.items() if k != "page"}
        from urllib.parse import urlencode

        headers["Link"] = (f'<{fake.url}{path}?{urlencode({**rest, "page": page + 1})}>; rel="next", '
                           f'<{fake.url}{path}?{urlencode({**rest, "page": 1})}>; rel="first"')
    return 200, chunk, headers


def _route(fake: FakeGitHub, method: str, path: str, query: dict, body):
    state = fake.state
    prefix = f"/repos/{state.repo}"
    if not path.startswith(prefix):
        return 404, {"message": "Not Found"}, {}
    tail = path[len(prefix):]
    match = re.fullmatch(r"/labels/([^/]+)", tail)
    if match and method == "GET":
        from urllib.parse import unquote

        name = unquote(match.group(1))
        return (200, state.labels[name], {}) if name in state.labels else (404, {"message": "Not Found"}, {})
    if tail == "/labels" and method == "POST":
        state.labels[body["name"]] = dict(body)
        return 201, body, {}
    if tail == "/issues" and method == "GET":
        wanted = query.get("state", "open")
        label = query.get("labels")
        items = [i for _, i in sorted(state.issues.items(), reverse=True)  # newest first, as GitHub
                 if (wanted == "all" or i["state"] == wanted)
                 and (not label or label in [l["name"] for l in i["labels"]])]
        return _page(fake, path, query, items)
    if tail == "/issues" and method == "POST":
        if not body.get("title"):
            return 422, {"message": "Validation Failed"}, {}
        issue = fake.add_issue(body["title"], body.get("body", ""), body.get("labels", []))
        issue["assignees"] = [{"login": a} for a in body.get("assignees", [])]
        return 201, issue, {}
    match = re.fullmatch(r"/issues/(\d+)", tail)
    if match and method == "PATCH":
        issue = state.issues.get(int(match.group(1)))
        if issue is None:
            return 404, {"message": "Not Found"}, {}
        for key in ("title", "body", "state", "state_reason"):
            if key in body:
                issue[key] = body[key]
        return 200, issue, {}
    match = re.fullmatch(r"/issues/(\d+)/comments", tail)
    if match:
        comments = state.issue_comments.setdefault(int(match.group(1)), [])
        if method == "GET":
            return _page(fake, path, query, comments)
        comment = {"id": state.ident(), "body": body["body"]}
        comments.append(comment)
        return 201, comment, {}
    match = re.fullmatch(r"/issues/comments/(\d+)", tail)
    if match and method == "PATCH":
        for comments in state.issue_comments.values():
            for comment in comments:
                if comment["id"] == int(match.group(1)):
                    comment["body"] = body["body"]
                    return 200, comment, {}
        return 404, {"message": "Not Found"}, {}
    if tail == "/pulls" and method == "GET":
        head = query.get("head", "")
        items = [p for _, p in sorted(state.pulls.items())
                 if p["state"] == query.get("state", "open")
                 and (not head or f"{state.repo.split('/')[0]}:{p['head']['ref']}" == head)]
        return _page(fake, path, query, items)
    if tail == "/pulls" and method == "POST":
        for key in ("title", "head", "base"):
            if not body.get(key):
                return 422, {"message": "Validation Failed"}, {}
        if any(p["head"]["ref"] == body["head"] and p["state"] == "open" for p in state.pulls.values()):
            return 422, {"message": f"A pull request already exists for {body['head']}."}, {}
        number = state.number()
        pull = {"number": number, "title": body["title"], "body": body.get("body", ""), "state": "open",
                "head": {"ref": body["head"], "sha": "0" * 40}, "base": {"ref": body["base"]},
                "html_url": f"https://github.example/{state.repo}/pull/{number}", "draft": body.get("draft", False)}
        state.pulls[number] = pull
        return 201, pull, {}
    match = re.fullmatch(r"/pulls/(\d+)", tail)
    if match and method == "GET":
        pull = state.pulls.get(int(match.group(1)))
        shown = {k: v for k, v in (pull or {}).items() if k != "diff_lines"}
        return (200, shown, {}) if pull else (404, {"message": "Not Found"}, {})
    match = re.fullmatch(r"/pulls/(\d+)/comments", tail)
    if match and method == "GET":
        return _page(fake, path, query, state.review_comments.setdefault(int(match.group(1)), []))
    match = re.fullmatch(r"/pulls/(\d+)/reviews", tail)
    if match and method == "POST":
        number = int(match.group(1))
        pull = state.pulls.get(number)
        if pull is None:
            return 404, {"message": "Not Found"}, {}
        comments = state.review_comments.setdefault(number, [])
        for comment in body.get("comments", []):
            allowed = pull.get("diff_lines", {}).get(comment["path"], set())
            first = comment.get("start_line", comment["line"])
            if not all(n in allowed for n in range(first, comment["line"] + 1)):
                return 422, {"message": "Unprocessable Entity: line must be part of the diff"}, {}
        for comment in body.get("comments", []):
            comments.append({"id": state.ident(), "commit_id": body.get("commit_id"), **comment})
        review = {"id": state.ident(), "body": body.get("body", ""), "event": body.get("event")}
        state.reviews.setdefault(number, []).append(review)
        return 200, review, {}
    return 404, {"message": "Not Found"}, {}
