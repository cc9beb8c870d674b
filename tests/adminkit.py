"""Helpers for the web editor tests: a host that sends the built site's ``_headers``, and
the Chromium driver (``tests/fixtures/admin/open_editor.mjs``).

The server applies ``_headers`` as Netlify does: every rule whose path matches adds its
headers, so a second Content-Security-Policy on ``/admin/`` would reach the browser (and
the browser would enforce both) exactly as it would when published.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "tests" / "fixtures" / "admin" / "open_editor.mjs"

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("text/yaml", ".yml")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("image/svg+xml", ".svg")


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Netlify ``_headers``: a path line, then indented ``Name: value`` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def rule_matches(pattern: str, path: str) -> bool:
    if pattern.endswith("/*"):
        return path.startswith(pattern[:-1]) or path == pattern[:-2]
    return path == pattern


def headers_for(rules, path: str) -> list[tuple[str, str]]:
    out = []
    for pattern, headers in rules:
        if rule_matches(pattern, path):
            out.extend(headers)
    return out


class HeaderServer:
    """Serve ``site`` on 127.0.0.1 with the headers its ``_headers`` file gives."""

    def __init__(self, site: Path):
        self.site = Path(site).resolve()
        self.rules = parse_headers_file((self.site / "_headers").read_text(encoding="utf-8"))
        self.sent: dict[str, list[tuple[str, str]]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = unquote(urlsplit(self.path).path)
                relative = posixpath.normpath(path).lstrip("/")
                target = (server.site / relative).resolve() if relative not in ("", ".") else server.site
                if not target.is_relative_to(server.site):
                    self.send_error(404)
                    return
                if target.is_dir():
                    if not path.endswith("/"):
                        self.send_response(301)
                        self.send_header("Location", path + "/")
                        self.end_headers()
                        return
                    target = target / "index.html"
                if not target.is_file():
                    self.send_error(404)
                    return
                body = target.read_bytes()
                headers = headers_for(server.rules, path)
                server.sent[path] = headers
                self.send_response(200)
                self.send_header("Content-Type", mimetypes.guess_type(target.name)[0] or "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "HeaderServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"


def open_editor(chromium: str, url: str, mode: str = "load", files: dict | None = None,
                work: Path | None = None, timeout: int = 150) -> dict:
    """Run the driver in real Chromium; return its report (console, errors, violations...)."""
    args = ["node", str(DRIVER), chromium, url, mode]
    if files is not None:
        path = Path(work) / "files.json"
        path.write_text(json.dumps(files), encoding="utf-8")
        args.append(str(path))
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
