"""Remember each page's result, keyed by a hash of what the browser would test.

The key of a page is a SHA-256 of its HTML and of every local stylesheet and
script it references (an edit to the theme's CSS re-tests every page that uses
it), plus a fingerprint of the test set-up (runners, standard, our runner code,
tool versions). A page whose key is unchanged is not tested again.

Only real results are kept (passed, or failed with issues). A page that was not
tested (did not load, timed out) is never cached.

Stored as JSON under ``.cache/a11y/results.json`` in the project root. On CI the
browser tests are spread over several machines (``--shard K/N``), each with its own
``results.json``; the deploy workflow keeps them all, as
``.cache/a11y/parts/<name>/results.json``. Those are read too: a page's result is taken
from whichever file has the page's current key, so the next run (or a pull request)
starts from every part's results (issue 17).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from localoffer.a11y.parse import FAILED, PASSED, Issue, PageResult

CACHE_VERSION = 1
TAG = re.compile(r"<(link|script)\b([^>]*)>", re.I)
ATTR = re.compile(r"""(?<![a-zA-Z-])([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def referenced_assets(html_text: str) -> list[str]:
    """Local stylesheet and script addresses in a page, in order ('../assets/x.css')."""
    found = []
    for tag, attr_text in TAG.findall(html_text):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in ATTR.findall(attr_text)}
        if tag.lower() == "link":
            rel = attrs.get("rel", "").lower()
            if not any(word in rel.split() for word in ("stylesheet", "preload", "modulepreload")):
                continue
            ref = attrs.get("href")
        else:
            ref = attrs.get("src")
        if ref and not ref.startswith(("http:", "https:", "//", "data:")):
            found.append(ref)
    return found


def _asset_path(site_dir: Path, page: str, ref: str, base_path: str) -> Path | None:
    """The file of a reference made from a page ('schools/' + '../assets/x.css')."""
    joined = urlsplit(urljoin("http://site" + base_path + page, ref)).path
    if not joined.startswith(base_path):
        return None
    path = (site_dir / unquote(joined[len(base_path):])).resolve()
    return path if path.is_file() else None


class HashCache:
    """File hashes, each computed once per run (many pages share one CSS file)."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def of(self, path: Path) -> str:
        if path not in self._known:
            self._known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._known[path]


def page_key(site_dir: Path, page: str, html_file: Path, base_path: str, hashes: HashCache) -> str:
    """The hash of a page's HTML and of the CSS and JS it loads."""
    data = html_file.read_bytes()
    digest = hashlib.sha256(data)
    for ref in referenced_assets(data.decode("utf-8", "replace")):
        path = _asset_path(site_dir, page, ref, base_path)
        digest.update(b"\0" + ref.encode() + b"=" + (hashes.of(path).encode() if path else b"missing"))
    return digest.hexdigest()


def setup_fingerprint(parts: dict) -> str:
    """A hash of the test set-up: when it changes, every cached result is dropped."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _read_pages(path: Path, fingerprint: str) -> dict[str, dict]:
    """The pages of one results file made with the same test set-up; {} when it cannot be read."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("fingerprint") != fingerprint:
        return {}
    pages = data.get("pages")
    return {page: entry for page, entry in pages.items() if isinstance(entry, dict)} if isinstance(pages, dict) else {}


class ResultCache:
    def __init__(self, path: Path, fingerprint: str):
        self.path = path
        self.fingerprint = fingerprint
        self.pages: dict[str, dict] = {}
        self.parts: list[dict[str, dict]] = []  # other machines' results (see the module's note)

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> "ResultCache":
        cache = cls(path, fingerprint)
        cache.pages = _read_pages(path, fingerprint)
        cache.parts = [_read_pages(part, fingerprint) for part in sorted(path.parent.glob("parts/*/results.json"))]
        return cache

    def get(self, page: str, key: str) -> PageResult | None:
        entry = self.pages.get(page)
        if not entry or entry.get("key") != key:
            entry = next((part[page] for part in self.parts if part.get(page, {}).get("key") == key), None)
            if entry is None:
                return None
            self.pages[page] = entry  # kept in results.json from now on
        issues = [Issue.from_dict(item) for item in entry.get("issues", [])]
        return PageResult(url=page, outcome=FAILED if issues else PASSED, issues=issues)

    def put(self, page: str, key: str, result: PageResult) -> None:
        if result.outcome not in (PASSED, FAILED):
            self.pages.pop(page, None)
            return
        self.pages[page] = {"key": key, "issues": [issue.to_dict() for issue in result.issues]}

    def keep_only(self, pages: set[str]) -> None:
        for page in list(self.pages):
            if page not in pages:
                del self.pages[page]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".tmp-{os.getpid()}")
        tmp.write_text(
            json.dumps(
                {"version": CACHE_VERSION, "fingerprint": self.fingerprint, "pages": self.pages},
                indent=0, sort_keys=True,
            ),
            encoding="utf-8",
        )
        tmp.replace(self.path)
