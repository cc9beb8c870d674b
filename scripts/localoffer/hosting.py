"""Security headers and host configurations, computed from the templates.

The Content-Security-Policy is worked out from the theme templates and the
site settings, never from the built site: a built page could contain a script
an editor pasted into the Markdown, and reading the built site would allow it.

- ``security_headers(settings)``: the HTTP headers every response should carry.
- ``write_host_files(settings, site_dir)``: writes Netlify's ``_headers``, Azure
  Static Web Apps' ``staticwebapp.config.json`` and ``robots.txt`` into the built site.
- ``make_reproducible(site_dir)``: removes the build date from ``sitemap.xml.gz``,
  so two builds of the same content give identical files.
- ``post_build_step(settings, site_dir, args)``: both of the above, as a build step.

Why the policy looks like this:

- ``script-src`` names the two folders our scripts are published in, not the whole site
  (``'self'``): ``assets/javascripts/`` (Material's bundle and ours, from ``overrides/``)
  and ``pagefind/`` (search), as addresses under ``site_url`` (for example
  ``https://www.council.example/local-offer/assets/javascripts/``), and the same folders on
  ``http://127.0.0.1:*`` and ``http://localhost:*`` so that ``mkdocs serve`` and the
  browser tests work on this computer. Editors cannot put a file in those folders: the
  ``safety/file-type`` check refuses any file under them in docs/, and ``.js`` files
  anywhere in docs/. Without a ``site_url`` the policy falls back to ``'self'``.
  Then one hash per inline script Material needs. Material
  puts two small inline scripts in every page (``partials/javascripts/base.html``
  defines ``__md_get``/``__md_set``, which the main script calls; ``content.html``
  opens a tab named in the address). We allow each by the SHA-256 hash of its text,
  read from the template, instead of ``'unsafe-inline'``: a pasted ``<script>`` in a
  page has another hash, so the browser blocks it. Material's own
  ``partials/javascripts/base.html`` writes the page's base address *into* the
  script, so its hash would change with the folder depth; our copy in
  ``overrides/partials/javascripts/base.html`` reads it from a ``data-`` attribute
  instead, so the script text (and its hash) is the same on every page.
  ``<script id="__config" type="application/json">`` is data, not a script: CSP
  does not apply to it.
- ``style-src 'self'``, no ``'unsafe-inline'``: no template we use has a ``style=``
  attribute or a ``<style>`` element (``font: false`` removes Material's only one).
  Material's script sets styles through the CSSOM (``element.style.x = ...``), which
  CSP allows. A Markdown table with aligned columns gets ``style="text-align: ..."``
  from Python-Markdown: set ``use_align_attribute: true`` on the ``tables``
  extension so it writes ``align=`` instead.
- ``form-action 'self'``: the feedback form is a link to the council's form, not a
  form on our pages; the search form goes to our own search page.
- ``'wasm-unsafe-eval'`` only when a template loads Pagefind (``pagefind/pagefind.js``):
  Pagefind's search runs as WebAssembly, which browsers only compile with this keyword.
  It allows WebAssembly, not ``eval()`` of JavaScript. Pagefind's worker needs
  ``worker-src 'self'``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from localoffer.errors import UserError
from localoffer.messages import cli_language, t

# Inline scripts Material can put in a page: template -> when it is used.
# A test fails if a template has an inline script that is not listed here.
INLINE_SCRIPT_TEMPLATES = {
    "partials/javascripts/base.html": lambda theme, extra: True,
    "partials/javascripts/content.html": lambda theme, extra: True,
    # header.html includes it whenever the palette is not one mapping (also when unset).
    "partials/javascripts/palette.html": lambda theme, extra: not isinstance(theme.get("palette"), dict),
    "partials/javascripts/announce.html": (
        lambda theme, extra: "announce.dismiss" in (theme.get("features") or [])
    ),
    "partials/javascripts/outdated.html": lambda theme, extra: bool(extra.get("version")),
    "partials/javascripts/consent.html": lambda theme, extra: bool(extra.get("consent")),
    "partials/integrations/analytics.html": lambda theme, extra: bool(extra.get("analytics")),
}

# Settings that would make pages load code or fonts from another website.
THIRD_PARTY_SETTINGS = {
    "extra.analytics": lambda raw: bool((raw.get("extra") or {}).get("analytics")),
    "extra.consent": lambda raw: bool((raw.get("extra") or {}).get("consent")),
    "theme.font": lambda raw: (raw.get("theme") or {}).get("font", True) is not False,
}

PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# A template that loads this file uses Pagefind (WebAssembly and a worker).
PAGEFIND_MARKER = "pagefind/pagefind.js"

# Directives a <meta> policy cannot carry (browsers ignore them there).
NOT_IN_META = ("frame-ancestors", "report-uri", "sandbox")

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_SRC_OR_DATA_TYPE = re.compile(r"\ssrc\s*=|\stype\s*=\s*[\"']?application/(ld\+)?json", re.I)


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def template_dirs(settings) -> list[Path]:
    """The theme's template folders, in the order MkDocs searches them."""
    theme = settings.raw.get("theme") or {}
    dirs = []
    if theme.get("custom_dir"):
        dirs.append((settings.root / theme["custom_dir"]).resolve())
    dirs.append(material_templates())
    return dirs


def find_template(name: str, dirs: list[Path]) -> Path | None:
    for folder in dirs:
        if (folder / name).is_file():
            return folder / name
    return None


_FEATURE_BLOCK = re.compile(
    r"\{%-?\s*if\s+[\"']([\w.]+)[\"']\s+in\s+features\s*-?%\}(.*?)\{%-?\s*endif\s*-?%\}", re.S
)


def drop_unused_feature_blocks(template_text: str, features: list[str]) -> str:
    """Remove ``{% if "feature" in features %}...{% endif %}`` blocks for features not switched on."""
    return _FEATURE_BLOCK.sub(
        lambda m: m.group(0) if m.group(1) in features else "", template_text
    )


def inline_scripts(template_text: str) -> list[str]:
    """The text of every inline script in a template (not ``src=`` or JSON data)."""
    return [
        match.group("body")
        for match in _SCRIPT.finditer(template_text)
        if not _SRC_OR_DATA_TYPE.search(match.group("attrs"))
    ]


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _refuse_third_party(settings) -> None:
    lang = cli_language()
    for name, used in THIRD_PARTY_SETTINGS.items():
        if used(settings.raw):
            raise UserError(
                t("cli.hosting_third_party", lang, setting=name),
                where=str(settings.config_file),
                fix=t("cli.hosting_third_party_fix", lang),
            )
    for key in ("extra_javascript", "extra_css"):
        for entry in settings.raw.get(key) or []:
            address = entry.get("path", "") if isinstance(entry, dict) else str(entry)
            if urlsplit(address).scheme or address.startswith("//"):
                raise UserError(
                    t("cli.hosting_third_party", lang, setting=f"{key}: {address}"),
                    where=str(settings.config_file),
                    fix=t("cli.hosting_third_party_fix", lang),
                )


def script_hashes(settings, dirs: list[Path] | None = None) -> list[str]:
    """Hashes of the inline scripts the templates put in pages with these settings."""
    dirs = dirs or template_dirs(settings)
    theme = settings.raw.get("theme") or {}
    extra = settings.raw.get("extra") or {}
    features = list(theme.get("features") or [])
    hashes: list[str] = []
    for name, used in INLINE_SCRIPT_TEMPLATES.items():
        if not used(theme, extra):
            continue
        path = find_template(name, dirs)
        if path is None:
            continue
        text = drop_unused_feature_blocks(path.read_text(encoding="utf-8"), features)
        for body in inline_scripts(text):
            if "{{" in body or "{%" in body:
                # The text changes from page to page: no hash can allow it.
                raise UserError(
                    t("cli.hosting_dynamic_script", cli_language(), template=name),
                    where=str(path),
                    fix=t("cli.hosting_dynamic_script_fix", cli_language()),
                )
            digest = script_hash(body)
            if digest not in hashes:
                hashes.append(digest)
    return hashes


def uses_pagefind(settings, dirs: list[Path] | None = None) -> bool:
    """True when one of our own templates (overrides/) loads Pagefind."""
    dirs = dirs or template_dirs(settings)
    material = material_templates()
    return any(
        PAGEFIND_MARKER in path.read_text(encoding="utf-8", errors="replace")
        for folder in dirs
        if folder != material
        for path in sorted(folder.rglob("*.html"))
    )


# The folders of the built site that hold scripts: only maintainers' files (from the
# theme and overrides/, and Pagefind's) are published there.
SCRIPT_FOLDERS = ("assets/javascripts/", "pagefind/")
WORKER_FOLDERS = ("pagefind/",)
# Where the site is previewed on this computer (mkdocs serve, the browser tests).
LOCAL_ORIGINS = ("http://127.0.0.1:*", "http://localhost:*")


def language_folders(settings, folders: tuple[str, ...]) -> tuple[str, ...]:
    """``folders``, and each ``pagefind/`` folder again under every other language's
    folder (``cy/pagefind/``: each language has its own search bundle)."""
    default = getattr(settings, "default_language", "en")
    others = [code for code in (getattr(settings, "languages", None) or ()) if code != default]
    extra = tuple(f"{code}/{folder}" for code in others for folder in folders if folder == "pagefind/")
    return tuple(folders) + extra


def folder_sources(settings, folders: tuple[str, ...]) -> list[str]:
    """CSP sources for ``folders`` of the site (at ``site_url``, and on this computer),
    with each language's search folder; ``'self'`` when the site has no ``site_url``."""
    folders = language_folders(settings, folders)
    site_url = getattr(settings, "site_url", "") or ""
    parts = urlsplit(site_url)
    if not (parts.scheme in ("http", "https") and parts.netloc):
        return ["'self'"]
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    origins = [f"{parts.scheme}://{parts.netloc}", *LOCAL_ORIGINS]
    return [origin + path + folder for origin in origins for folder in folders]


def csp_directives(settings, dirs: list[Path] | None = None) -> dict[str, list[str]]:
    _refuse_third_party(settings)
    wasm = ["'wasm-unsafe-eval'"] if uses_pagefind(settings, dirs) else []
    return {
        "default-src": ["'self'"],
        "script-src": [*folder_sources(settings, SCRIPT_FOLDERS), *wasm, *script_hashes(settings, dirs)],
        "worker-src": folder_sources(settings, WORKER_FOLDERS),
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


def content_security_policy(settings, *, meta: bool = False, dirs: list[Path] | None = None) -> str:
    """The policy as one header value. ``meta=True`` leaves out what a <meta> tag cannot carry."""
    directives = csp_directives(settings, dirs)
    return "; ".join(
        f"{name} {' '.join(values)}"
        for name, values in directives.items()
        if not (meta and name in NOT_IN_META)
    )


def meta_policy(settings) -> str:
    """For ``overrides/partials/lok-csp.html``: the policy without ``frame-ancestors``."""
    return content_security_policy(settings, meta=True)


def security_headers(settings, dirs: list[Path] | None = None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(settings, dirs=dirs),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def not_found_pages(settings) -> dict[str, str]:
    """Each language's "page not found" page, as a path from the published folder's root.

    The default language's page is ``/404.html``; another language's is
    ``/<code>/404.html`` and serves missing addresses under ``/<code>/``.
    """
    return {
        code: "/404.html" if code == settings.default_language else f"/{code}/404.html"
        for code in settings.languages
    }


def netlify_headers(headers: dict[str, str]) -> str:
    lines = [
        "# Made by Local Offer Kit from the templates and mkdocs.yml. Do not edit: run make build.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def static_web_app_config(settings, headers: dict[str, str]) -> dict:
    """Azure Static Web Apps settings.

    Static Web Apps has one 404 override for the whole site: it cannot choose a
    page by folder, so missing Welsh addresses show the English 404 page (which
    links to the Welsh home page).
    """
    pages = not_found_pages(settings)
    return {
        "globalHeaders": dict(headers),
        "responseOverrides": {"404": {"rewrite": pages[settings.default_language]}},
        "mimeTypes": {".webmanifest": "application/manifest+json"},
    }


def robots_txt(settings) -> str:
    """Allow every crawler and point it to the sitemap (an absolute address under the sub-path).

    Example content is kept out of search engines.
    """
    lines = ["# Made by Local Offer Kit. Do not edit: run make build.", "User-agent: *"]
    if settings.council.get("example_content"):
        lines += ["# example_content is true in mkdocs.yml: keep made-up pages out of search.",
                  "Disallow: /"]
    else:
        lines.append("Allow: /")
    if settings.site_url:
        lines += ["", f"Sitemap: {settings.site_url}sitemap.xml"]
    return "\n".join(lines) + "\n"


def write_host_files(settings, site_dir: Path) -> list[Path]:
    """Write the host configurations into the built site; return the files written."""
    site_dir = Path(site_dir)
    headers = security_headers(settings)
    files = {
        "_headers": netlify_headers(headers),
        "staticwebapp.config.json": json.dumps(
            static_web_app_config(settings, headers), indent=2, ensure_ascii=False
        ) + "\n",
        "robots.txt": robots_txt(settings),
    }
    from localoffer.admin.site import add_admin_rules  # /admin/ (the web editor) has its own policy

    add_admin_rules(settings, site_dir, headers, files)
    written = []
    for name, text in files.items():
        path = site_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def make_reproducible(site_dir: Path) -> list[Path]:
    """Rewrite gzip files whose header holds a date (MkDocs stamps sitemap.xml.gz
    with the build day) with a zero date; return the files changed."""
    changed = []
    for path in sorted(Path(site_dir).rglob("*.gz")):
        data = path.read_bytes()
        if len(data) < 10 or data[4:8] == b"\0\0\0\0":
            continue
        content = gzip.decompress(data)
        path.write_bytes(gzip.compress(content, compresslevel=9, mtime=0))
        changed.append(path)
    return changed


def post_build_step(settings, site_dir: Path, args=None) -> int:
    """A ``localoffer build`` step: host files, then identical-output clean-up."""
    write_host_files(settings, site_dir)
    make_reproducible(site_dir)
    return 0
