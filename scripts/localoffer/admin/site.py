"""Put the web editor into a built site (``<site>/admin/``), and its own security policy.

The editor is Sveltia CMS, pinned in package.json and installed by ``npm ci`` into
``node_modules/@sveltia/cms``. We copy its ES-module build (``npm/``: the code, its
fonts and its pictures; not the source maps) and nothing from any other website. That build
is made for bundlers, so three things a bundler would do are done here instead:

- its interface languages are JSON files it imports as modules: we write each as a small
  JavaScript module (``locales/<code>.js``) and point the JSON address at it;
- a few helpers it imports by package name (``immutable``, ``turndown``, ``exifr``, two
  colour themes) are copied under ``vendor/`` and named in an import map;
- the import map is an inline script: the policy allows it by its SHA-256 hash.

The map, drawing and picture-shrinking helpers (``leaflet``, ``terra-draw``, ``svgo``) and
code colouring for each programming language are left out: our fields never use them.

Files written under ``admin/``: ``index.html`` (with the policy in a ``<meta>`` tag, for hosts
that cannot send headers), ``admin.js`` (registers the site's own stylesheets for the
preview, then starts the editor), ``config.yml`` (from ``admin/config.py``), the editor.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from localoffer.admin import config as admin_config
from localoffer.errors import UserError
from localoffer.messages import cli_language, t

PACKAGE = Path("node_modules") / "@sveltia" / "cms"
ADMIN = "admin"
# Helpers the editor imports by package name -> the file to serve, under node_modules.
VENDOR = {
    "immutable": "immutable/dist/immutable.es.js",
    "turndown/lib/turndown.browser.es.js": "turndown/lib/turndown.browser.es.js",
    "exifr/dist/lite.esm.mjs": "exifr/dist/lite.esm.mjs",
    "@shikijs/themes/github-light": "@shikijs/themes/dist/github-light.mjs",
    "@shikijs/themes/github-dark": "@shikijs/themes/dist/github-dark.mjs",
}


KIT_ROOT = Path(__file__).resolve().parents[3]  # where Local Offer Kit's package.json is


def package_dir(settings) -> Path:
    """The installed editor: beside the site's mkdocs.yml, else beside Local Offer Kit itself."""
    for root in (settings.root, KIT_ROOT):
        if (root / PACKAGE / "npm" / "index.js").is_file():
            return root / PACKAGE
    return settings.root / PACKAGE


def _require_package(settings) -> Path:
    folder = package_dir(settings)
    if not (folder / "npm" / "index.js").is_file():
        lang = cli_language()
        raise UserError(t("admin.no_editor_files", lang, path=str(PACKAGE / "npm" / "index.js")),
                        where=str(settings.config_file), fix=t("admin.no_editor_files_fix", lang))
    return folder


def import_map(locales: list[str]) -> dict:
    imports = {name: f"./vendor/{path}" for name, path in VENDOR.items()}
    for code in locales:
        imports[f"./sveltia/locales/{code}.json"] = f"./sveltia/locales/{code}.js"
    return {"imports": imports}


def import_map_text(locales: list[str]) -> str:
    return json.dumps(import_map(locales), indent=1, sort_keys=True)


def locale_codes(package: Path) -> list[str]:
    return sorted(p.stem for p in (package / "locales").glob("*.json"))


class _HeadLinks(HTMLParser):
    """The stylesheet links in a page's <head> (stops at <body>)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "body":
            self.done = True
            return
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").lower() == "stylesheet" and values.get("href"):
            self.links.append(values["href"])


def site_stylesheets(site_dir: Path) -> list[str]:
    """The site's own stylesheets, as addresses from ``/admin/``: read from the <head> that the
    theme templates wrote into the home page. Only files of this site are kept."""
    home = Path(site_dir) / "index.html"
    if not home.is_file():
        return []
    parser = _HeadLinks()
    parser.feed(home.read_text(encoding="utf-8", errors="replace"))
    out = []
    for href in parser.links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.endswith(".css"):
            continue
        address = urljoin("/", parts.path.lstrip("/"))  # relative to the site's root folder
        candidate = (Path(site_dir) / address.lstrip("/")).resolve()
        if candidate.is_file() and candidate.is_relative_to(Path(site_dir).resolve()):
            out.append(".." + address)
    return out


def site_icon(settings, site_dir: Path) -> str:
    """The site's own icon (``theme.favicon``) as an address from ``/admin/``."""
    favicon = str((settings.raw.get("theme") or {}).get("favicon") or "")
    parts = urlsplit(favicon)
    if favicon and not parts.scheme and not parts.netloc:
        candidate = (Path(site_dir) / parts.path.lstrip("/")).resolve()
        if candidate.is_file() and candidate.is_relative_to(Path(site_dir).resolve()):
            return "../" + parts.path.lstrip("/")
    return "data:,"


def csp_directives(editor: dict, locales: list[str]) -> dict[str, list[str]]:
    """The policy for ``/admin/`` only: the editor's own files, plus the repository's API."""
    return {
        "default-src": ["'none'"],
        "script-src": ["'self'", _hash(import_map_text(locales))],
        # The editor's components set style attributes and add <style> elements as they draw.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        # data: and blob: are the editor's own pictures and files, read in the browser.
        "connect-src": ["'self'", "data:", "blob:", admin_config.api_origin(editor)],
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'", "blob:"],  # the editor describes itself as an app
        "frame-src": ["blob:"],  # the preview is drawn in a frame made in the browser
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["'none'"],
    }


def _hash(text: str) -> str:
    from localoffer.hosting import script_hash

    return script_hash(text)


def content_security_policy(editor: dict, locales: list[str], *, meta: bool = False) -> str:
    from localoffer.hosting import NOT_IN_META

    return "; ".join(f"{name} {' '.join(values)}" for name, values in csp_directives(editor, locales).items()
                     if not (meta and name in NOT_IN_META))


def admin_policy(settings) -> str | None:
    """The header value for ``/admin/``, or None when the editor is off."""
    editor = admin_config.editor_settings(settings)
    if not editor["enabled"]:
        return None
    return content_security_policy(editor, locale_codes(_require_package(settings)))


def index_html(policy: str, locales: list[str], icon: str = "data:,") -> str:
    title = f"{t('admin.page_title', 'en')} / {t('admin.page_title', 'cy')}"
    noscript = f"{t('admin.noscript', 'en')} / {t('admin.noscript', 'cy')}"
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{html.escape(policy)}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
        "<meta name=\"referrer\" content=\"same-origin\">\n"
        f"<link rel=\"icon\" href=\"{html.escape(icon)}\">\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<script type=\"importmap\">{import_map_text(locales)}</script>\n"
        "<script type=\"module\" src=\"admin.js\"></script>\n"
        f"</head>\n<body>\n<noscript><p>{html.escape(noscript)}</p></noscript>\n</body>\n</html>\n"
    )


def admin_js(stylesheets: list[str], api: str) -> str:
    return (
        "// Made by Local Offer Kit (localoffer build). Do not edit.\n"
        "// The editor may talk to this site and to the repository's API, nothing else. The\n"
        "// security policy enforces that; this refuses other addresses before the browser has\n"
        "// to (the editor asks www.githubstatus.com how GitHub is, and copes with no answer).\n"
        f"const allowed = new Set([location.origin, {json.dumps(api)}]);\n"
        "const fetchFromAllowed = window.fetch.bind(window);\n"
        "window.fetch = (resource, options) => {\n"
        "  const address = new URL(resource instanceof Request ? resource.url : String(resource), location.href);\n"
        "  if (address.protocol === \"data:\" || address.protocol === \"blob:\" || allowed.has(address.origin)) {\n"
        "    return fetchFromAllowed(resource, options);\n"
        "  }\n"
        "  return Promise.reject(new TypeError(`Not asked: ${address.origin} is not the repository's API.`));\n"
        "};\n\n"
        "// The editor asks phones not to zoom (maximum-scale=1). People who need to zoom must be\n"
        "// able to (WCAG 1.4.4), so that part is taken out whenever the editor writes it.\n"
        "const letZoom = () => {\n"
        "  for (const meta of document.querySelectorAll('meta[name=\"viewport\"]')) {\n"
        "    const parts = (meta.getAttribute(\"content\") || \"\").split(\",\").map((part) => part.trim());\n"
        "    const kept = parts.filter((part) => !/^(maximum-scale|user-scalable)/.test(part));\n"
        "    if (kept.length !== parts.length) meta.setAttribute(\"content\", kept.join(\", \"));\n"
        "  }\n"
        "};\n"
        "new MutationObserver(letZoom).observe(document.head, { childList: true, subtree: true, attributes: true });\n\n"
        "const { default: CMS } = await import(\"./sveltia/npm/index.js\");\n"
        "// The preview shows pages with the site's own stylesheets.\n"
        f"for (const href of {json.dumps(stylesheets)}) {{\n"
        "  CMS.registerPreviewStyle(new URL(href, document.baseURI).href);\n"
        "}\n"
        "CMS.init();\n"
    )


_CDN_FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<family>[a-z0-9-]+)[^)\s`'\"]*?\.woff2")


def use_own_fonts(code: str, assets: list[str]) -> str:
    """The editor's interface adds a stylesheet that loads its three fonts from a CDN,
    besides loading the same fonts from its own files. Point that stylesheet at its own
    files (addresses from ``/admin/``), so no font is asked for elsewhere."""
    def local(match: re.Match) -> str:
        family = match.group("family")
        found = sorted(a for a in assets if a.startswith(family + "-latin-") and a.endswith(".woff2"))
        if not found:
            raise UserError(t("admin.cdn_left", cli_language(), address=match.group(0)),
                            fix=t("admin.cdn_left_fix", cli_language()))
        return f"sveltia/npm/assets/{found[0]}"

    return _CDN_FONT.sub(local, code)


def _copy_editor(package: Path, target: Path) -> None:
    shutil.copytree(package / "npm", target / "sveltia" / "npm", ignore=shutil.ignore_patterns("*.map"))
    index = target / "sveltia" / "npm" / "index.js"
    assets = sorted(p.name for p in (target / "sveltia" / "npm" / "assets").iterdir())
    index.write_text(use_own_fonts(index.read_text(encoding="utf-8"), assets), encoding="utf-8")
    shutil.copy2(package / "LICENSE.txt", target / "sveltia" / "LICENSE.txt")
    locales = target / "sveltia" / "locales"
    locales.mkdir(parents=True, exist_ok=True)
    for source in sorted((package / "locales").glob("*.json")):
        data = json.loads(source.read_text(encoding="utf-8"))
        (locales / f"{source.stem}.js").write_text(
            "export default " + json.dumps(data, ensure_ascii=False) + ";\n", encoding="utf-8")
    modules = package.parent.parent  # node_modules
    for name, path in VENDOR.items():
        source = modules / path
        if not source.is_file():
            lang = cli_language()
            raise UserError(t("admin.no_editor_files", lang, path=f"node_modules/{path}"),
                            fix=t("admin.no_editor_files_fix", lang))
        destination = target / "vendor" / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


def write_editor(settings, site_dir: Path) -> Path | None:
    """Write ``<site_dir>/admin/``; return it, or None when the editor is off."""
    editor = admin_config.editor_settings(settings)
    if not editor["enabled"]:
        return None
    package = _require_package(settings)
    config = admin_config.make_config(settings, editor)
    target = Path(site_dir) / ADMIN
    if target.exists():  # a page or folder of the site already uses the address
        lang = cli_language()
        raise UserError(t("admin.address_taken", lang, path=str(target)), where=str(settings.docs_dir / ADMIN),
                        fix=t("admin.address_taken_fix", lang))
    target.mkdir(parents=True)
    _copy_editor(package, target)
    locales = locale_codes(package)
    policy = content_security_policy(editor, locales, meta=True)
    (target / "index.html").write_text(index_html(policy, locales, site_icon(settings, site_dir)), encoding="utf-8")
    (target / "admin.js").write_text(admin_js(site_stylesheets(site_dir), admin_config.api_origin(editor)),
                                      encoding="utf-8")
    (target / "config.yml").write_text(
        "# Made by Local Offer Kit from mkdocs.yml and its schemas. Do not edit: run make build.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8")
    return target


def build_step(settings, site_dir: Path, args=None) -> int:
    """A ``localoffer build`` step (after the host files and the browser checks)."""
    write_editor(settings, site_dir)
    return 0


# --- host files ---------------------------------------------------------------------------

def netlify_rules(site_dir: Path, headers: dict[str, str], admin_csp: str) -> list[str]:
    """``_headers`` rules when the editor is on.

    Netlify applies every rule whose path matches, and a response with two policies must
    pass both. So the site's policy cannot sit on ``/*`` (it would block the editor's
    requests to the API): it is given to ``/`` and to each top-level file and folder of the
    built site except ``admin/``, which gets the editor's policy. The other headers stay on ``/*``."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items() if name not in PER_PATH]
    paths = ["/"]
    for entry in sorted(Path(site_dir).iterdir()):
        if entry.name == ADMIN or entry.name.startswith("."):
            continue
        paths.append(f"/{entry.name}/*" if entry.is_dir() else f"/{entry.name}")
    for path in paths:
        lines.append(path)
        lines += [f"  {name}: {headers[name]}" for name in PER_PATH if name in headers]
    lines.append(f"/{ADMIN}/*")
    lines += [f"  {name}: {value}" for name, value in admin_headers(admin_csp).items()]
    return lines


# Headers /admin/ needs with another value than the rest of the site.
PER_PATH = ("Content-Security-Policy", "Cross-Origin-Opener-Policy")


def admin_headers(admin_csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": admin_csp,
        # Signing in with GitHub happens in a small window the editor opens; that window must
        # be able to hand the sign-in back. Other websites still cannot reach the editor.
        "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
        "Cache-Control": "no-cache",
    }


def add_admin_rules(settings, site_dir: Path, headers: dict[str, str], files: dict[str, str]) -> None:
    """Change the host files ``hosting.write_host_files`` is about to write (name -> text) so
    that ``/admin/`` gets the editor's policy and the rest of the site keeps its own.
    Nothing changes when the editor is off."""
    policy = admin_policy(settings)
    if policy is None:
        return
    first = files["_headers"].splitlines()[0]  # the "made by" comment
    files["_headers"] = "\n".join([first, *netlify_rules(site_dir, headers, policy)]) + "\n"
    # Azure Static Web Apps: a route's header replaces the global header of the same name.
    swa = json.loads(files["staticwebapp.config.json"])
    swa.setdefault("routes", []).append({"route": f"/{ADMIN}/*", "headers": admin_headers(policy)})
    files["staticwebapp.config.json"] = json.dumps(swa, indent=2, ensure_ascii=False) + "\n"
    robots = files["robots.txt"].splitlines()
    if "Disallow: /" not in robots:
        robots.insert(robots.index("User-agent: *") + 1, f"Disallow: /{ADMIN}/")
    files["robots.txt"] = "\n".join(robots) + "\n"
