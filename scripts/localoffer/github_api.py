"""A small client for the GitHub REST API, with the standard library only (urllib).

Used by the jobs that talk to GitHub from a workflow: the review reminders
(``localoffer reviews --github-issues``), the translation suggestions on a pull request
(``localoffer translated --post-suggestions``) and the page a volunteer starts from the
Actions tab (``localoffer new --pull-request``).

It reads what GitHub Actions gives every job: ``GITHUB_API_URL`` (``https://api.github.com``
by default), ``GITHUB_REPOSITORY`` (``owner/name``) and ``GITHUB_TOKEN``. Lists are read page
by page through the ``Link`` header; the token is only ever sent to ``GITHUB_API_URL``'s
host, even when a ``Link`` header names another one. A failed request becomes a
``GitHubError`` (a ``UserError``: exit status 2, a plain message saying what failed and
how to fix it, no traceback).
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from typing import Any, Iterator
from urllib.parse import quote, urlencode, urlsplit

from localoffer.errors import UserError
from localoffer.messages import cli_language, t

DEFAULT_API_URL = "https://api.github.com"
REPOSITORY_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
TIMEOUT_SECONDS = 30
MAX_PAGES = 100  # 100 pages of 100 items: far more than any council's issues
_NEXT_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class GitHubError(UserError):
    """A request to GitHub failed. ``status`` is the HTTP status (0: no answer)."""

    def __init__(self, what: str, where: str | None = None, fix: str | None = None, status: int = 0):
        super().__init__(what, where, fix)
        self.status = status


def next_link(header: str | None) -> str | None:
    """The ``rel="next"`` address in a ``Link`` header, or None on the last page."""
    if not header:
        return None
    for part in header.split(","):
        match = _NEXT_LINK.search(part)
        if match:
            return match.group(1).strip()
    return None


def _fix_for(status: int, lang: str) -> str:
    if status == 401:
        return t("gh.fix_401", lang)
    if status == 403:
        return t("gh.fix_403", lang)
    if status == 404:
        return t("gh.fix_404", lang)
    if status == 422:
        return t("gh.fix_422", lang)
    if status >= 500 or status == 0:
        return t("gh.fix_5xx", lang)
    return t("gh.fix_other", lang)


class GitHub:
    """One repository on one GitHub API (``api_url`` may be a test server on 127.0.0.1)."""

    def __init__(self, api_url: str, repository: str, token: str, timeout: float = TIMEOUT_SECONDS):
        lang = cli_language()
        api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        parts = urlsplit(api_url)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if parts.scheme not in ("https", "http") or not parts.netloc or (parts.scheme == "http" and not local):
            raise UserError(t("gh.bad_setting", lang, name="GITHUB_API_URL", value=api_url),
                            fix=t("gh.bad_api_url_fix", lang))
        if not REPOSITORY_RE.match(repository or ""):
            raise UserError(t("gh.bad_setting", lang, name="GITHUB_REPOSITORY", value=repository or ""),
                            fix=t("gh.bad_repository_fix", lang))
        if not token:
            raise UserError(t("gh.no_token", lang), fix=t("gh.no_token_fix", lang))
        self.api_url = api_url
        self.repository = repository
        self.timeout = timeout
        self._token = token
        self._origin = (parts.scheme, parts.netloc)

    @classmethod
    def from_env(cls, env: dict | None = None) -> "GitHub":
        env = os.environ if env is None else env
        return cls(env.get("GITHUB_API_URL") or DEFAULT_API_URL, env.get("GITHUB_REPOSITORY") or "",
                   env.get("GITHUB_TOKEN") or "")

    def repo_path(self, tail: str = "") -> str:
        owner, name = self.repository.split("/")
        return f"/repos/{quote(owner)}/{quote(name)}{tail}"

    # --- requests -------------------------------------------------------------------------

    def _url(self, path: str, params: dict | None = None) -> str:
        url = self.api_url + path if path.startswith("/") else path
        if params:
            url += ("&" if "?" in url else "?") + urlencode(params)
        return url

    def _send(self, method: str, url: str, body: Any = None) -> tuple[int, Any, dict]:
        lang = cli_language()
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin:  # never send the token anywhere else
            raise GitHubError(t("gh.other_host", lang, url=url), fix=t("gh.fix_other", lang))
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("Authorization", f"Bearer {self._token}")
        request.add_header("User-Agent", "local-offer-kit")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        shown = f"{method} {parts.path}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - checked above
                raw = response.read()
                status, headers = response.status, dict(response.headers.items())
        except urllib.error.HTTPError as error:
            detail = _github_message(error)
            raise GitHubError(t("gh.failed", lang, request=shown, status=error.code, detail=detail),
                              fix=_fix_for(error.code, lang), status=error.code) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise GitHubError(t("gh.no_answer", lang, request=shown, detail=str(reason)),
                              fix=_fix_for(0, lang), status=0) from None
        try:
            payload = json.loads(raw.decode("utf-8")) if raw.strip() else None
        except ValueError:
            raise GitHubError(t("gh.not_json", lang, request=shown), fix=_fix_for(0, lang), status=status) from None
        return status, payload, headers

    def request(self, method: str, path: str, body: Any = None, params: dict | None = None) -> Any:
        """One request; the answer's JSON (None when it has none)."""
        return self._send(method, self._url(path, params), body)[1]

    def paginate(self, path: str, params: dict | None = None) -> Iterator[dict]:
        """Every item of a list, following the ``Link: <...>; rel="next"`` header."""
        url: str | None = self._url(path, {"per_page": 100, **(params or {})})
        for _ in range(MAX_PAGES):
            if url is None:
                return
            _, payload, headers = self._send("GET", url)
            if not isinstance(payload, list):
                raise GitHubError(t("gh.not_list", cli_language(), request=f"GET {urlsplit(url).path}"),
                                  fix=_fix_for(0, cli_language()))
            yield from (item for item in payload if isinstance(item, dict))
            url = next_link(headers.get("Link") or headers.get("link"))


def _github_message(error: urllib.error.HTTPError) -> str:
    """GitHub's own words for a failure ("Resource not accessible by integration")."""
    try:
        data = json.loads(error.read().decode("utf-8", "replace") or "{}")
    except (ValueError, OSError):
        return str(error.reason or "")
    message = str(data.get("message") or error.reason or "") if isinstance(data, dict) else ""
    return message[:300]
