"""A static HTTP server for a built site, for the browser tests.

The site is served on 127.0.0.1 on a free port, under its sub-path (the path of
``site_url``, for example ``/local-offer/``), so root-absolute links work as they
will when published. A missing file answers 404 with the site's 404 page.

The server writes down the status of every page it served, so a page that
answered 404 (or was never asked for) can never count as a pass. For tests it can
be told to hang on some paths: it then never answers until it is stopped.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/manifest+json", ".webmanifest")


def normalise_base(base_path: str) -> str:
    """'local-offer' or '/local-offer' -> '/local-offer/'; '' -> '/'."""
    base = "/" + base_path.strip("/")
    return base if base.endswith("/") else base + "/"


class SiteServer:
    """Serve ``root`` at ``http://127.0.0.1:<port><base_path>``.

    Use as a context manager; the server thread stops on exit.
    ``statuses`` maps each requested path (without query) to the last status sent.
    """

    def __init__(self, root: Path, base_path: str = "/", hang_paths: set[str] | None = None):
        self.root = Path(root).resolve()
        self.base_path = normalise_base(base_path)
        self.hang_paths = set(hang_paths or ())
        self.statuses: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle --
    def start(self) -> "SiteServer":
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="a11y-site-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # releases hanging requests
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/local-offer/``"""
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    def url_for(self, page: str) -> str:
        """The full URL of a site-relative page path ('' is the home page)."""
        return self.base_url + page.lstrip("/")

    def status_of(self, url: str) -> int | None:
        """The status this server sent for ``url``, or None if never requested."""
        path = urlsplit(url).path
        with self._lock:
            return self.statuses.get(path)

    # -- request handling --
    def resolve(self, url_path: str) -> tuple[Path | None, bool]:
        """The file for a request path, and whether it is under the base path."""
        path = unquote(url_path)
        if not path.startswith(self.base_path):
            return None, False
        relative = posixpath.normpath(path[len(self.base_path):]).lstrip("/")
        if relative in (".", ""):
            relative = ""
        if relative.startswith(".."):
            return None, True
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root):
            return None, True
        if candidate.is_dir():
            if not path.endswith("/"):
                return candidate, True  # caller redirects to the slash form
            candidate = candidate / "index.html"
        return (candidate if candidate.is_file() else None), True

    def record(self, path: str, status: int) -> None:
        with self._lock:
            self.statuses[path] = status


def _make_handler(server: SiteServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out as separate small writes; without this, Nagle's
        # algorithm and delayed ACKs add ~40-130 ms to every file the browser loads.
        disable_nagle_algorithm = True
        server_version = "LocalOfferKitTestServer"

        def log_message(self, format, *args):  # noqa: A002 - quiet
            return

        def do_HEAD(self):  # noqa: N802
            self._serve(head=True)

        def do_GET(self):  # noqa: N802
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            path = urlsplit(self.path).path
            if path in server.hang_paths:
                server.record(path, 0)  # asked for, never answered
                server._stop.wait()
                return
            file, _inside = server.resolve(path)
            if file is not None and file.is_dir():
                self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", head,
                           location=path + "/")
                server.record(path, 301)
                return
            if file is None:
                body = b"<!doctype html><title>Not found</title><h1>Not found</h1>"
                not_found = server.root / "404.html"
                if not_found.is_file():
                    body = not_found.read_bytes()
                self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", head)
                server.record(path, 404)
                return
            body = file.read_bytes()
            ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "image/svg+xml"):
                ctype += "; charset=utf-8"
            self._send(HTTPStatus.OK, body, ctype, head, cache=not ctype.startswith("text/html"))
            server.record(path, 200)

        def _send(self, status, body: bytes, ctype: str, head: bool, location: str | None = None,
                  cache: bool = False):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            # Pages are never cached, so every tested page is asked for and its status
            # recorded. Assets (CSS, JS, images) may be: every page loads the same
            # ~250 kB of theme CSS and JS, and with "no-store" each tab fetched, parsed
            # and compiled them again; cached, Chromium keeps the parsed style sheets
            # and the compiled code. The browser's profile is new for every run, so
            # nothing cached outlives one run. Measured on 30 pages with reused tabs: 0.875 ->
            # 0.81 CPU s/page (two A/B pairs), same results.
            self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
            if location:
                self.send_header("Location", location)
            self.end_headers()
            if not head:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

    return Handler
