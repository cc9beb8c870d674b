"""Host configurations and security headers (issue 7).

The Content-Security-Policy is computed from the templates. These tests serve a
real build of the example site over HTTP with each host's headers and load its
pages in a real Chromium: no CSP violation may be reported, every script and
stylesheet must come from the site itself, and a script pasted into a page must
be reported (so the test fails when the policy is too loose).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from localoffer import hosting
from localoffer import settings as settings_module
from localoffer.errors import UserError
from sitekit import ROOT, build, make_project

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
NODE = shutil.which("node")
needs_browser = pytest.mark.skipif(
    not (NODE and Path(CHROMIUM).exists() and (ROOT / "node_modules" / "puppeteer").exists()),
    reason="needs node, puppeteer (npm ci) and Chromium",
)

# Loads each URL in Chromium and reports, per URL: CSP violations (DOM events and
# console messages), the scripts and stylesheets that loaded, page errors, and
# whether Material's inline helper and main script ran.
VISIT_JS = r"""
const { createRequire } = require("module");
const req = createRequire(process.env.LOK_ROOT + "/package.json");
const puppeteer = req("puppeteer");
(async () => {
  const [chromium, profile, ...urls] = process.argv.slice(2);
  const args = JSON.parse(process.env.LOK_CHROMIUM_ARGS).concat([`--user-data-dir=${profile}`]);
  const browser = await puppeteer.launch({
    executablePath: chromium, args, headless: true, acceptInsecureCerts: true,
  });
  const results = {};
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      window.__lokViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__lokViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ""}`);
      });
    });
    let current = null;
    page.on("console", (m) => {
      if (current && /Content Security Policy/i.test(m.text())) current.console.push(m.text());
    });
    page.on("pageerror", (e) => current && current.errors.push(String(e)));
    page.on("response", (r) => {
      const type = r.request().resourceType();
      if (current && (type === "script" || type === "stylesheet")) current.loaded.push([type, r.url()]);
    });
    for (const url of urls) {
      current = { console: [], errors: [], loaded: [] };
      const response = await page.goto(url, { waitUntil: "load" });
      await new Promise((r) => setTimeout(r, 150));
      current.status = response.status();
      current.violations = await page.evaluate(() => window.__lokViolations);
      current.inline_ran = await page.evaluate(() => typeof window.__md_get === "function");
      current.bundle_ran = await page.evaluate(() => typeof window.document$ !== "undefined");
      results[url] = current;
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
})().catch((e) => { console.error(e); process.exit(3); });
"""


def parse_netlify_headers(text: str) -> dict[str, str]:
    headers, in_all = {}, False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            in_all = line.strip() == "/*"
            continue
        if in_all:
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers


def host_headers(site_dir: Path, host: str) -> dict[str, str]:
    """The headers a host would send, read back from the files the build wrote."""
    if host == "netlify":
        return parse_netlify_headers((site_dir / "_headers").read_text(encoding="utf-8"))
    if host == "azure":
        config = json.loads((site_dir / "staticwebapp.config.json").read_text(encoding="utf-8"))
        return config["globalHeaders"]
    if host == "meta":  # GitHub Pages: no headers, the <meta> policy only (see with_meta_policy)
        return {}
    raise ValueError(host)


def self_signed_certificate(folder: Path, host: str) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


class Server:
    """Serves ``site_dir`` on 127.0.0.1 as if at its real address (``site_url``), with
    the given headers and each language's 404 page for missing addresses.

    The browser maps the real host name to this server and accepts its made-up
    certificate, so the pages' absolute links (hreflang, canonical) stay same-origin,
    as they are when published.
    """

    def __init__(self, site_dir: Path, site_url: str, headers: dict[str, str], tls_dir: Path):
        import ssl

        site_dir = Path(site_dir)
        real = urlsplit(site_url)
        base_path = real.path or "/"

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def translate_path(self, path):
                path = urlsplit(path).path
                if path.startswith(base_path):
                    path = "/" + path[len(base_path):]
                else:
                    path = "/__outside__/"
                return super().translate_path(path)

            def end_headers(self):
                for name, value in headers.items():
                    self.send_header(name, value)
                super().end_headers()

            def send_error(self, code, message=None, explain=None):
                if code != 404:
                    return super().send_error(code, message, explain)
                rel = urlsplit(self.path).path[len(base_path):]
                page = site_dir / "cy" / "404.html" if rel.startswith("cy/") else site_dir / "404.html"
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site_dir)))
        cert, key = self_signed_certificate(tls_dir, real.hostname)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.host = real.hostname
        self.origin = f"https://{real.netloc}"
        self.base = f"{self.origin}{base_path}"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def visit(urls: list[str], tmp_path: Path, server: Server) -> dict:
    script = tmp_path / "visit.js"
    script.write_text(VISIT_JS, encoding="utf-8")
    profile = tmp_path / "profile"
    args = CHROMIUM_ARGS + [f"--host-resolver-rules=MAP {server.host} 127.0.0.1:{server.port}"]
    env = dict(os.environ, LOK_ROOT=str(ROOT), LOK_CHROMIUM_ARGS=json.dumps(args))
    result = subprocess.run(
        [NODE, str(script), CHROMIUM, str(profile), *urls],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def page_urls(site_dir: Path, base: str) -> list[str]:
    urls = []
    for page in sorted(site_dir.rglob("index.html")):
        rel = page.parent.relative_to(site_dir).as_posix()
        urls.append(base + ("" if rel == "." else rel + "/"))
    return urls


@pytest.fixture(scope="module")
def settings():
    return settings_module.load(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def hosted_site(settings, tmp_path_factory) -> Path:
    """The example site with the host files written, as ``localoffer build`` does.

    Built with ``--no-strict``: these tests are about what the browser loads, and a
    content warning from the page checks (tested elsewhere) must not hide them.
    """
    site_dir = tmp_path_factory.mktemp("hosted") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q",
         "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, check=False, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    if hosting.uses_pagefind(settings):
        from localoffer import search

        assert search.index_site(settings, site_dir, None) == 0
    assert hosting.post_build_step(settings, site_dir, None) == 0
    return site_dir


# --- The policy itself ---------------------------------------------------------------


def test_policy_allows_only_the_sites_own_scripts(settings):
    csp = hosting.content_security_policy(settings)
    directives = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    # scripts by path (the site's two script folders) or by hash, never all of 'self'
    assert "'self'" not in directives["script-src"] and "'self'" not in directives["worker-src"]
    base = settings.site_url
    folders = [v for v in directives["script-src"] if not v.startswith("'")]
    assert base + "assets/javascripts/" in folders and base + "pagefind/" in folders
    assert all(v.endswith(("/assets/javascripts/", "/pagefind/")) for v in folders)
    assert all(v.startswith((base, "http://127.0.0.1:*/", "http://localhost:*/")) for v in folders)
    others = [v for v in directives["script-src"] if v.startswith("'") and v != "'wasm-unsafe-eval'"]
    assert others and all(v.startswith("'sha256-") for v in others)
    assert ("'wasm-unsafe-eval'" in directives["script-src"]) == hosting.uses_pagefind(settings)
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    rest = "; ".join(p for p in csp.split("; ") if not p.startswith(("script-src", "worker-src")))
    assert "http" not in rest and "*" not in rest
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["style-src"] == ["'self'"]
    assert "frame-ancestors" not in hosting.meta_policy(settings)


def test_hashes_come_from_the_templates_not_the_built_pages(settings, tmp_path):
    """Change a template's inline script: the hash changes with it."""
    overrides = tmp_path / "overrides" / "partials" / "javascripts"
    overrides.mkdir(parents=True)
    (overrides / "content.html").write_text("<script>var changed=1</script>\n", encoding="utf-8")
    dirs = [tmp_path / "overrides", *hosting.template_dirs(settings)]
    hashes = hosting.script_hashes(settings, dirs)
    assert hosting.script_hash("var changed=1") in hashes
    assert hosting.script_hash("var changed=1") not in hosting.script_hashes(settings)


def test_an_inline_script_that_changes_per_page_is_refused(settings, tmp_path):
    overrides = tmp_path / "overrides" / "partials" / "javascripts"
    overrides.mkdir(parents=True)
    (overrides / "content.html").write_text('<script>var u="{{ base_url }}"</script>', encoding="utf-8")
    with pytest.raises(UserError) as error:
        hosting.script_hashes(settings, [tmp_path / "overrides", *hosting.template_dirs(settings)])
    assert "partials/javascripts/content.html" in error.value.what


def test_every_inline_script_in_the_templates_is_accounted_for(settings):
    """A Material upgrade that adds an inline script must be looked at, not silently blocked."""
    for folder in hosting.template_dirs(settings):
        for path in folder.rglob("*.html"):
            name = path.relative_to(folder).as_posix()
            if name.startswith(("partials/integrations/analytics/", ".icons/")) or name == "redirect.html":
                continue  # analytics providers are refused; redirect pages are not built
            if hosting.inline_scripts(path.read_text(encoding="utf-8")):
                assert name in hosting.INLINE_SCRIPT_TEMPLATES, name


def test_no_template_we_use_has_inline_styles(settings):
    import re

    for folder in hosting.template_dirs(settings):
        for path in folder.rglob("*.html"):
            name = path.relative_to(folder).as_posix()
            if name.startswith(("fragments/", ".icons/", "blog")):
                continue  # blog and tags plugins are not used
            text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
            if name == "base.html":  # the only <style> is for Google Fonts, off with font: false
                text = re.sub(r"\{% if config.theme.font != false %\}.*?\{% endif %\}", "", text, flags=re.S)
            assert " style=" not in text and "<style" not in text, name


@pytest.mark.parametrize(
    "change",
    [
        {"theme": {"font": {"text": "Roboto"}}},
        {"extra_javascript": ["https://cdn.example/x.js"]},
        {"extra": {"analytics": {"provider": "google", "property": "G-1"}}},
    ],
)
def test_settings_that_load_third_party_code_are_refused(settings, change):
    import copy

    changed = copy.copy(settings)
    raw = copy.deepcopy(settings.raw)
    for key, value in change.items():
        if isinstance(value, dict):
            raw.setdefault(key, {}).update(value)
        else:
            raw[key] = value
    changed.raw = raw
    with pytest.raises(UserError):
        hosting.content_security_policy(changed)


# --- The files written into the site ----------------------------------------------------


def test_host_files_carry_the_same_headers(hosted_site, settings):
    expected = hosting.security_headers(settings)
    assert host_headers(hosted_site, "netlify") == expected
    assert host_headers(hosted_site, "azure") == expected
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):
        assert expected[name]
    assert expected["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in expected["Permissions-Policy"]


def test_azure_shows_the_404_page(hosted_site):
    config = json.loads((hosted_site / "staticwebapp.config.json").read_text(encoding="utf-8"))
    target = config["responseOverrides"]["404"]["rewrite"]
    assert (hosted_site / target.lstrip("/")).is_file()


def test_robots_txt_points_to_the_sitemap_under_the_sub_path(hosted_site, settings):
    import copy

    assert (hosted_site / "robots.txt").read_text(encoding="utf-8") == hosting.robots_txt(settings)
    published = copy.copy(settings)
    published.council = {k: v for k, v in settings.council.items() if k != "example_content"}
    text = hosting.robots_txt(published)
    assert "User-agent: *" in text
    assert "Allow: /" in text
    assert "Sitemap: https://www.glanafon.example/local-offer/sitemap.xml" in text
    assert (hosted_site / "sitemap.xml").is_file()


def test_robots_txt_keeps_example_content_out_of_search(settings):
    import copy

    example = copy.copy(settings)
    example.council = dict(settings.council, example_content=True)
    assert "Disallow: /" in hosting.robots_txt(example)


def test_netlify_toml_publishes_site_and_shows_the_welsh_404(settings):
    import tomllib

    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"]["publish"] == "site"
    assert config["build"]["command"] == "make build"
    rules = {(r["from"], r["to"], r["status"]) for r in config["redirects"]}
    assert ("/cy/*", "/cy/404.html", 404) in rules


# --- Identical builds -----------------------------------------------------------------


def test_sitemap_gzip_has_no_build_date(hosted_site):
    data = (hosted_site / "sitemap.xml.gz").read_bytes()
    assert data[4:8] == b"\0\0\0\0"
    assert gzip.decompress(data) == (hosted_site / "sitemap.xml").read_bytes()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_clean_builds_on_different_days_are_identical(tmp_path):
    front = (
        "---\ntitle: {title}\ndescription: {title}.\nlast_reviewed: 2026-11-01\n"
        "review_due: 2027-05-01\nowner: Test Team\ntopics: [contact]\n"
        "co_produced_with: Test Forum\n---\n# {title}\n\n{text}\n"
    )
    pages = {
        "index.md": front.format(title="Home", text="We help families."),
        "index.cy.md": front.format(title="Hafan", text="Rydyn ni'n helpu teuluoedd."),
    }
    config = make_project(tmp_path / "project", pages)
    settings = settings_module.load(config)
    trees = []
    for day, epoch in enumerate(("1700000000", "1800000000")):
        site_dir = tmp_path / f"site{day}"
        env_before = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = epoch  # MkDocs' build date
        try:
            result = build(config, site_dir)
        finally:
            if env_before is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = env_before
        assert result.returncode == 0, result.stderr
        if hosting.uses_pagefind(settings):  # the search index is part of the published site
            from localoffer import search

            assert search.index_site(settings, site_dir, None) == 0
        hosting.post_build_step(settings, site_dir, None)
        trees.append(tree(site_dir))
    assert trees[0].keys() == trees[1].keys()
    different = [name for name in trees[0] if trees[0][name] != trees[1][name]]
    assert different == []


# --- A real browser -------------------------------------------------------------------


@needs_browser
def test_netlify_headers_allow_every_page_of_the_example_site(hosted_site, settings, tmp_path):
    with Server(hosted_site, settings.site_url, host_headers(hosted_site, "netlify"), tmp_path) as server:
        urls = page_urls(hosted_site, server.base) + [server.base + "missing/", server.base + "cy/missing/"]
        results = visit(urls, tmp_path, server)
    origin = server.origin + "/"
    for url, result in results.items():
        assert result["violations"] == [] and result["console"] == [], (url, result)
        assert result["errors"] == [], (url, result["errors"])
        assert result["inline_ran"] and result["bundle_ran"], url
        kinds = {kind for kind, _ in result["loaded"]}
        assert kinds == {"script", "stylesheet"}, (url, result["loaded"])
        for _, loaded in result["loaded"]:
            assert loaded.startswith(origin), (url, loaded)
    assert results[server.base + "cy/missing/"]["status"] == 404


META_TAG = 'http-equiv="Content-Security-Policy"'


def with_meta_policy(site_dir: Path, policy: str) -> None:
    """Make sure every page has the <meta> policy of overrides/partials/lok-csp.html
    (added here when main.html does not include the partial yet)."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if META_TAG not in html:
            html = html.replace('<meta charset="utf-8">', f'<meta charset="utf-8"><meta {META_TAG} content="{policy}">', 1)
            page.write_text(html, encoding="utf-8")


@needs_browser
@pytest.mark.parametrize("host", ["azure", "meta"])
def test_other_hosts_allow_the_example_pages(hosted_site, settings, tmp_path, host):
    site_dir = tmp_path / "site"
    shutil.copytree(hosted_site, site_dir)
    if host == "meta":
        with_meta_policy(site_dir, hosting.meta_policy(settings))
    with Server(site_dir, settings.site_url, host_headers(site_dir, host), tmp_path) as server:
        urls = [server.base, server.base + "cy/", server.base + "schools/", server.base + "missing/"]
        results = visit(urls, tmp_path, server)
    for url, result in results.items():
        assert result["violations"] == [] and result["console"] == [], (url, result)
        assert result["inline_ran"] and result["bundle_ran"], url


SEARCH_JS = r"""
const { createRequire } = require("module");
const req = createRequire(process.env.LOK_ROOT + "/package.json");
const puppeteer = req("puppeteer");
(async () => {
  const [chromium, profile, url, query] = process.argv.slice(2);
  const args = JSON.parse(process.env.LOK_CHROMIUM_ARGS).concat([`--user-data-dir=${profile}`]);
  const browser = await puppeteer.launch({ executablePath: chromium, args, headless: true, acceptInsecureCerts: true });
  const out = { violations: [], console: [], errors: [], results: 0 };
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      window.__lokViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__lokViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on("console", (m) => { if (/Content Security Policy|WebAssembly/i.test(m.text())) out.console.push(m.text()); });
    page.on("pageerror", (e) => out.errors.push(String(e)));
    await page.goto(url, { waitUntil: "load" });
    await page.type("input[type=search]", query, { delay: 20 });
    await page.waitForFunction(
      () => document.querySelectorAll(".lok-search__results li, #lok-search-results li").length > 0,
      { timeout: 15000 },
    ).catch(() => {});
    out.results = await page.evaluate(() => document.querySelectorAll(".lok-search__results li").length);
    out.status = await page.evaluate(() => (document.querySelector(".lok-search__status") || {}).textContent);
    out.violations = await page.evaluate(() => window.__lokViolations);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(3); });
"""


def with_search_form(home: Path) -> None:
    """Put the search form of overrides/partials/lok-search.html on the home page."""
    import jinja2

    from localoffer import search

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    env.filters["url"] = lambda value: value  # the home page is at the site's root
    form = env.get_template("partials/lok-search.html").render(
        lok={"search": search.template_context("en", "search/")}, base_url="."
    )
    html = home.read_text(encoding="utf-8")
    home.write_text(html.replace('<script id="__config"', form + '<script id="__config"', 1), encoding="utf-8")


@needs_browser
def test_search_works_under_the_policy(hosted_site, settings, tmp_path):
    """Pagefind (WebAssembly and a worker) runs with the headers: results, no violation."""
    if not (hosted_site / "pagefind" / "pagefind.js").is_file():
        pytest.skip("the templates do not use Pagefind search")
    site_dir = tmp_path / "site"
    shutil.copytree(hosted_site, site_dir)
    home = site_dir / "index.html"
    if "data-lok-search" not in home.read_text(encoding="utf-8"):
        with_search_form(home)  # until the header includes partials/lok-search.html
    script = tmp_path / "search.js"
    script.write_text(SEARCH_JS, encoding="utf-8")
    with Server(site_dir, settings.site_url, host_headers(hosted_site, "netlify"), tmp_path) as server:
        args = CHROMIUM_ARGS + [f"--host-resolver-rules=MAP {server.host} 127.0.0.1:{server.port}"]
        env = dict(os.environ, LOK_ROOT=str(ROOT), LOK_CHROMIUM_ARGS=json.dumps(args))
        result = subprocess.run(
            [NODE, str(script), CHROMIUM, str(tmp_path / "profile"), server.base, "school"],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout)
    assert out["violations"] == [] and out["console"] == [] and out["errors"] == [], out
    assert out["results"] > 0, out


@needs_browser
def test_a_pasted_script_or_style_is_reported(hosted_site, settings, tmp_path):
    """The check really fails when the page breaks the policy."""
    site_dir = tmp_path / "site"
    shutil.copytree(hosted_site, site_dir)
    page = site_dir / "schools" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</article>", '<script>window.pwned=1</script><p style="color:red">x</p></article>', 1)
    assert "window.pwned" in html
    page.write_text(html, encoding="utf-8")
    with Server(site_dir, settings.site_url, host_headers(site_dir, "netlify"), tmp_path) as server:
        results = visit([server.base + "schools/"], tmp_path, server)
    result = results[server.base + "schools/"]
    reported = " ".join(result["violations"])
    assert "script-src" in reported, result
    assert "style-src" in reported, result


@needs_browser
def test_a_script_file_outside_the_script_folders_is_blocked(hosted_site, settings, tmp_path):
    """A .js file published anywhere else on the site (as one in docs/ was) does not run:
    the policy names the script folders, not the whole site."""
    site_dir = tmp_path / "site"
    shutil.copytree(hosted_site, site_dir)
    (site_dir / "assets" / "images" / "evil.js").write_text("window.pwned = 1;\n", encoding="utf-8")
    page = site_dir / "schools" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<script src="../assets/images/evil.js"></script></article>', 1),
                    encoding="utf-8")
    with Server(site_dir, settings.site_url, host_headers(site_dir, "netlify"), tmp_path) as server:
        results = visit([server.base + "schools/"], tmp_path, server)
    result = results[server.base + "schools/"]
    assert any("script-src" in v and "evil.js" in v for v in result["violations"]), result
    assert result["inline_ran"] and result["bundle_ran"], result


@needs_browser
def test_without_the_hashes_material_scripts_are_reported(hosted_site, settings, tmp_path):
    """Proof the hashes matter: a policy of script-src 'self' alone blocks Material's inline helper."""
    headers = host_headers(hosted_site, "netlify")
    headers["Content-Security-Policy"] = "script-src 'self'; style-src 'self'"
    site_dir = tmp_path / "site"
    shutil.copytree(hosted_site, site_dir)
    for page in site_dir.rglob("*.html"):  # take out the <meta> policy if the template has it
        text = page.read_text(encoding="utf-8")
        page.write_text(
            "\n".join(line for line in text.split("\n") if 'http-equiv="Content-Security-Policy"' not in line),
            encoding="utf-8",
        )
    with Server(site_dir, settings.site_url, headers, tmp_path) as server:
        results = visit([server.base], tmp_path, server)
    result = results[server.base]
    assert any("script-src" in v for v in result["violations"]), result
    assert not result["inline_ran"]


# --- "Suggest a change to this page" ------------------------------------------------------

from localoffer import editing  # noqa: E402


def test_edit_url_for_github_and_gitlab():
    github = {"url": "https://github.com/glanafon/local-offer", "branch": "main"}
    gitlab = {"url": "https://gitlab.com/glanafon/local-offer.git", "branch": "live", "host": "gitlab"}
    assert editing.edit_url(github, "schools.md") == \
        "https://github.com/glanafon/local-offer/edit/main/docs/schools.md"
    assert editing.edit_url(github, "schools.cy.md") == \
        "https://github.com/glanafon/local-offer/edit/main/docs/schools.cy.md"
    assert editing.edit_url(gitlab, "help/short breaks.md") == \
        "https://gitlab.com/glanafon/local-offer/-/edit/live/docs/help/short%20breaks.md"
    assert editing.edit_url({"url": "https://github.com/a/b/"}, "x.md") == "https://github.com/a/b/edit/main/docs/x.md"
    enterprise = {"url": "https://code.council.example/web/lo", "host": "github"}
    assert editing.edit_url(enterprise, "x.md") == "https://code.council.example/web/lo/edit/main/docs/x.md"


def test_no_edit_link_without_a_safe_repository():
    assert editing.edit_url(None, "x.md") is None
    assert editing.edit_url({}, "x.md") is None
    assert editing.edit_url({"url": "https://example.org/a/b"}, "x.md") is None  # host unknown
    assert editing.edit_url({"url": "javascript:alert(1)//github.com", "host": "github"}, "x.md") is None
    assert editing.edit_url({"url": "http://github.com/a/b"}, "x.md") is None


def test_an_untranslated_welsh_page_links_to_starting_the_welsh_file():
    repo = {"url": "https://github.com/a/b"}
    link = editing.page_edit_link(repo, "travel.md", lang="cy", content_lang="en")
    assert link["kind"] == "translate"
    assert link["url"] == "https://github.com/a/b/new/main/docs?filename=travel.cy.md"
    gitlab = editing.page_edit_link({"url": "https://gitlab.com/a/b"}, "travel.md", "cy", "en")
    assert gitlab["url"] == "https://gitlab.com/a/b/-/new/main/docs?file_name=travel.cy.md"
    same = editing.page_edit_link(repo, "travel.cy.md", lang="cy", content_lang="cy")
    assert same == {"url": "https://github.com/a/b/edit/main/docs/travel.cy.md", "kind": "edit",
                    "host": "github", "host_name": "GitHub"}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_edit_partial_renders_the_link_in_the_pages_language(lang):
    import jinja2

    from localoffer import site

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    template = env.get_template("partials/lok-edit.html")
    strings = site.site_strings(lang)
    link = editing.page_edit_link({"url": "https://github.com/a/b"}, f"schools.{lang}.md" if lang != "en" else "schools.md", lang, lang)
    html = template.render(lok={"edit": link, "t": strings})
    assert f'href="{link["url"]}"' in html
    assert strings["edit_page"] in html
    assert "GitHub" in html and "{host}" not in html
    assert template.render(lok={"edit": None, "t": strings}).strip() == ""
    assert "api.github.com" not in html
