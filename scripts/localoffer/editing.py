"""Links that open a page's Markdown file in the repository's web editor.

Pure functions: the ``repository`` setting (``extra.council.repository`` in
mkdocs.yml: ``url``, optional ``branch`` and ``host``) and a file name in, an
address out. No request is made to GitHub or GitLab when a page is shown.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

HOSTS = {
    # host: (edit address, new-file address, name shown to readers)
    "github": ("{url}/edit/{branch}/{path}", "{url}/new/{branch}/{folder}?filename={name}", "GitHub"),
    "gitlab": ("{url}/-/edit/{branch}/{path}", "{url}/-/new/{branch}/{folder}?file_name={name}", "GitLab"),
}
DEFAULT_BRANCH = "main"
_LANG_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")


def repository_host(repository: dict | None) -> str | None:
    """``github`` or ``gitlab``: the ``host`` setting, or guessed from the address."""
    if not repository or not repository.get("url"):
        return None
    host = str(repository.get("host") or "").strip().lower()
    if host:
        return host if host in HOSTS else None
    netloc = urlsplit(str(repository["url"])).netloc.lower()
    for name in HOSTS:
        if name in netloc:
            return name
    return None


def _base(repository: dict) -> str | None:
    url = str(repository.get("url") or "").strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        return None  # only https addresses go into a page's links
    url = url.rstrip("/")
    return url[:-4] if url.endswith(".git") else url


def _join(docs_dir: str, src_path: str) -> str:
    docs_dir = docs_dir.strip("/")
    path = f"{docs_dir}/{src_path.lstrip('/')}" if docs_dir else src_path.lstrip("/")
    return quote(path)


def edit_url(repository: dict | None, src_path: str, docs_dir: str = "docs") -> str | None:
    """The web editor's address for ``src_path`` (relative to ``docs_dir``), or None.

    GitHub: ``{url}/edit/{branch}/docs/{path}``; GitLab: ``{url}/-/edit/{branch}/docs/{path}``.
    """
    host = repository_host(repository)
    base = _base(repository) if host else None
    if not base:
        return None
    branch = str(repository.get("branch") or DEFAULT_BRANCH)
    return HOSTS[host][0].format(url=base, branch=quote(branch), path=_join(docs_dir, src_path))


def new_file_url(repository: dict | None, src_path: str, docs_dir: str = "docs") -> str | None:
    """The address that starts a new file ``src_path`` in the web editor, or None."""
    host = repository_host(repository)
    base = _base(repository) if host else None
    if not base:
        return None
    branch = str(repository.get("branch") or DEFAULT_BRANCH)
    folder, _, name = _join(docs_dir, src_path).rpartition("/")
    return HOSTS[host][1].format(url=base, branch=quote(branch), folder=folder, name=name)


def translation_path(src_path: str, lang: str, default_lang: str = "en") -> str:
    """``schools.md`` -> ``schools.cy.md`` (the suffix layout's file for ``lang``)."""
    stem = _LANG_SUFFIX.sub(".md", src_path)
    if lang == default_lang:
        return stem
    return stem[: -len(".md")] + f".{lang}.md"


def page_edit_link(
    repository: dict | None,
    src_path: str,
    lang: str,
    content_lang: str,
    default_lang: str = "en",
    docs_dir: str = "docs",
) -> dict | None:
    """What the "Suggest a change" link shows on one page, or None for no link.

    ``src_path`` is the file the page's text comes from. When a Welsh address shows
    the English text (not translated yet), the link starts the Welsh file instead.
    """
    host = repository_host(repository)
    if host is None:
        return None
    if lang != content_lang:
        url = new_file_url(repository, translation_path(src_path, lang, default_lang), docs_dir)
        kind = "translate"
    else:
        url = edit_url(repository, src_path, docs_dir)
        kind = "edit"
    if url is None:
        return None
    return {"url": url, "kind": kind, "host": host, "host_name": HOSTS[host][2]}


# --- "Report a problem with this page" ----------------------------------------------------

ISSUE_FORM = "report-a-problem.yml"  # .github/ISSUE_TEMPLATE/report-a-problem.yml
ISSUE_FORM_PAGE_FIELD = "page"  # the id of the form's "Page address" field
ISSUE_FORM_TITLE_FIELD = "page-title"  # the id of the form's "Page title" field


def _query(pairs: list[tuple[str, str]]) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, v in pairs if v], quote_via=quote, safe="")


def feedback_form_url(setting) -> str | None:
    """The feedback form's https address from ``extra.council.feedback_form`` (an address,
    or ``{url, title_param, page_param}``), or None."""
    url = setting.get("url") if isinstance(setting, dict) else setting
    url = str(url or "").strip()
    parts = urlsplit(url)
    return url if parts.scheme == "https" and parts.netloc else None


def report_problem_link(council: dict, title: str, page_url: str, lang: str) -> dict | None:
    """Where "Report a problem with this page" goes, with the page filled in, or None.

    1. The council's feedback form (``extra.council.feedback_form``). With
       ``{url, title_param, page_param}`` the page's title and address are added as query
       parameters of those names (only when the council's form reads them).
    2. Else, for a GitHub repository, the issue form ``.github/ISSUE_TEMPLATE/report-a-problem.yml``
       with its title and "page" fields filled in (``?template=...&title=...&page=...``).
    3. Else an email to the council's contact address, with the page in the subject.
    Every value is URL-encoded: titles are editor text.
    """
    from localoffer.messages import t

    title = " ".join(str(title or "").split())
    setting = council.get("feedback_form")
    form = feedback_form_url(setting)
    if form:
        pairs = []
        if isinstance(setting, dict):
            for key, value in (("title_param", title), ("page_param", page_url)):
                name = str(setting.get(key) or "").strip()
                if name:
                    pairs.append((name, value))
        query = _query(pairs)
        url = form + (("&" if urlsplit(form).query else "?") + query if query else "")
        return {"url": url, "kind": "form"}
    repository = council.get("repository")
    if repository_host(repository) == "github" and _base(repository):
        query = _query([("template", ISSUE_FORM),
                        ("title", t("site.report_issue_title", lang, title=title) if title else ""),
                        (ISSUE_FORM_PAGE_FIELD, page_url), (ISSUE_FORM_TITLE_FIELD, title)])
        return {"url": f"{_base(repository)}/issues/new?{query}", "kind": "github", "host_name": "GitHub"}
    email = str((council.get("contact") or {}).get("email") or "").strip()
    if re.fullmatch(r"[^@\s<>\"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", email):
        subject = t("site.report_issue_title", lang, title=title) if title else t("site.report_problem", lang)
        query = _query([("subject", subject), ("body", page_url)])
        return {"url": f"mailto:{email}?{query}", "kind": "email"}
    return None
