"""Benchmark Local Offer Kit against the stock stack, and check the budgets of issue 8.

    .venv/bin/python benchmarks/run.py                 # 500 + 500 generated pages, and the example site
    .venv/bin/python benchmarks/run.py --pages 20 --skip-a11y --repeat 1

For each site (the generated one, and a copy of the example site in this repository) it measures:

* bare ``mkdocs build`` (stock Material + static-i18n with Material's search plugin, no
  hooks, no overrides; and the same without a search index, for reference) against
  ``localoffer build --no-a11y`` (our hooks, checks and post-build steps such as the search
  index), and ``mkdocs build --strict`` with our hooks only (no post-build steps): wall time,
  CPU time, peak memory; median of ``--repeat`` runs;
* ``localoffer check`` alone: words per second (wall and per CPU second);
* pa11y: ``localoffer a11y SITE --full`` (seconds per page) and, after a one-page edit and a
  rebuild, ``localoffer a11y SITE`` (incremental);
* a first visit to a content page in Chromium (every request, raw and gzip -6), third-party
  requests, and the first search query's downloads; HTML bytes per page; total site size.

It prints a table, PASS/FAIL lines for the budgets, and writes ``results/last.json``.
Everything happens in a temporary folder: nothing in the repository is changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

import generate  # noqa: E402  (benchmarks/generate.py)
import yaml  # noqa: E402

PY = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")


def compile_modules() -> None:
    """Byte-compile our modules first, as ``make setup`` does, so that no measured command
    spends its time compiling them (PYTHONDONTWRITEBYTECODE stops Python writing the cache)."""
    import compileall

    compileall.compile_dir(str(ROOT / "scripts"), quiet=1)
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GZIP_LEVEL = 6
KB = 1024

BUDGETS = {
    "checks_overhead": 0.15,        # our build at most 15% slower than the bare build
    "check_words_per_cpu_s": 100_000,
    "a11y_s_per_page": 0.7,
    "a11y_one_page_s": 15.0,
    "first_visit_gzip_kb": 100.0,
    "third_party_requests": 0,
    "html_kb_per_page": 40.0,
    "first_search_kb": 300.0,
    "peak_memory_mb": 1024.0,
    "build_vs_no_search": 1.3,      # issue 17: at most 1.3x a bare build with no search index
    "a11y_shard_s": 20 * 60.0,      # issue 17: one part of 8 of the big site on a 2-core machine
    "pr_annotations_s": 60.0,       # issue 17: the pull request's first job, after install
    "pr_build_and_browser_s": 180.0,  # issue 17: build + browser tests of what changed
}


# --- running and measuring a command ---------------------------------------------------------

@dataclass
class Run:
    command: list[str]
    seconds: float
    cpu_seconds: float
    max_rss_mb: float          # largest single process (getrusage of the waited tree)
    tree_peak_mb: float        # largest sum of RSS over the process tree (sampled every 50 ms)
    returncode: int
    stdout: str = ""
    stderr: str = ""

    def brief(self) -> dict:
        data = asdict(self)
        data["stdout"] = self.stdout[-2000:]
        data["stderr"] = self.stderr[-2000:]
        return data


def process_table(commands: bool = False) -> dict[int, tuple[int, int, str]]:
    """{pid: (ppid, resident bytes, command line)} for every process we can read, from /proc.
    The command line is read only when ``commands`` is true (it is "" otherwise): the
    memory sampler below calls this many times a second."""
    page = os.sysconf("SC_PAGE_SIZE")
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
            fields = stat[stat.rindex(b")") + 2:].split()
            cmd = ""
            if commands:
                with open(f"/proc/{entry.name}/cmdline", "rb") as handle:
                    cmd = handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            found[int(entry.name)] = (int(fields[1]), int(fields[21]) * page, cmd)
        except (OSError, ValueError, IndexError):
            continue
    return found


def _tree_rss(root_pid: int) -> int:
    """The summed resident memory (bytes) of ``root_pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    table = process_table()
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += table[pid][1] if pid in table else 0
        todo.extend(children.get(pid, []))
    return total


def measure(command: list[str], cwd: Path | None = None, timeout: float | None = None,
            env: dict | None = None) -> Run:
    """Run ``command`` and measure wall time, CPU time and peak memory of its process tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                try:
                    peak[0] = max(peak[0], _tree_rss(process.pid))
                except OSError:
                    pass
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            command=[str(c) for c in command],
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            max_rss_mb=usage.ru_maxrss / 1024,
            tree_peak_mb=peak[0] / (1024 * 1024),
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def median_run(runs: list[Run]) -> dict:
    ok = [r for r in runs if r.returncode == 0] or runs
    return {
        "runs": len(runs),
        "failed_runs": sum(1 for r in runs if r.returncode != 0),
        "seconds": statistics.median(r.seconds for r in ok),
        "seconds_all": [round(r.seconds, 2) for r in runs],
        "cpu_seconds": statistics.median(r.cpu_seconds for r in ok),
        "max_rss_mb": max(r.max_rss_mb for r in runs),
        "tree_peak_mb": max(r.tree_peak_mb for r in runs),
        "returncode": max(r.returncode for r in runs),
        "last": runs[-1].brief() if runs[-1].returncode != 0 else None,
    }


# --- the projects ----------------------------------------------------------------------------

def _rewrite_paths(config: dict, source_dir: Path) -> dict:
    theme = config.get("theme") or {}
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((source_dir / theme["custom_dir"]).resolve())
    config["hooks"] = [str((source_dir / h).resolve()) for h in config.get("hooks") or []]
    return config


def _read_config(path: Path) -> dict:
    from localoffer import settings as settings_module

    return generate._plain(settings_module.read_yaml(path))


def example_project(dest: Path) -> Path:
    """A copy of this repository's example site (mkdocs.yml, docs/, data/) in ``dest``,
    so its builds and its accessibility cache never touch the repository."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "data"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, dirs_exist_ok=True)
    config = _rewrite_paths(_read_config(ROOT / "mkdocs.yml"), ROOT)
    generate.write_config(dest / "mkdocs.yml", config)
    return dest


def bare_project(project: Path, dest: Path, search: bool = True) -> dict:
    """The same site for stock MkDocs: no hooks, Material's own templates, not strict.

    Pages our build makes from data (the services directory) are written out as Markdown
    files, so both builds make the same pages.

    ``search``: stock Material with its own search plugin, as a Material + static-i18n site
    is set up out of the box (``plugins: [search, i18n]``). Our build makes a search index
    too (Pagefind, in place of Material's lunr index), so this is the like-for-like build,
    and the one the issue's stock figures describe (1,022 pages in about 12 s, a 2.9 MB
    search index). ``search=False`` gives the same build without any search index."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project / "docs", dest / "docs")
    config = _read_config(project / "mkdocs.yml")
    config.pop("hooks", None)
    (config.get("theme") or {}).pop("custom_dir", None)
    config["strict"] = False
    if search:
        plugins = []
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                options = dict(plugin["i18n"] or {})
                options.pop("reconfigure_search", None)  # stock: static-i18n sets up search
                plugin = {"i18n": options}
            plugins.append(plugin)
        config["plugins"] = ["search", *[p for p in plugins if p not in ("search", "material/search")]]
    materialised = 0
    problem = None
    try:
        from localoffer import generate as page_makers
        from localoffer import settings as settings_module

        settings = settings_module.load(project / "mkdocs.yml")
        for lang in settings.languages:
            for path, markdown in page_makers.pages(settings, lang).items():
                target = dest / "docs" / path
                if lang != settings.default_language:
                    target = target.with_name(f"{target.name[:-3]}.{lang}.md")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(markdown, encoding="utf-8")
                materialised += 1
    except Exception as error:  # the bare build still runs, with the hand-written pages only
        problem = f"{type(error).__name__}: {error}"
    generate.write_config(dest / "mkdocs.yml", config)
    return {"dir": str(dest), "generated_pages_written": materialised, "problem": problem}


# --- measurements on a built site ------------------------------------------------------------

WORD = re.compile(r"[^\W\d_][\w'’-]*")


def count_words(docs_dir: Path) -> dict:
    """Words in the Markdown pages' text (front matter left out): tokens starting with a letter."""
    words = files = 0
    for path in sorted(Path(docs_dir).rglob("*.md")):
        text = path.read_text("utf-8", errors="replace")
        if text.startswith("---"):
            parts = text.split("\n---", 1)
            text = parts[1] if len(parts) == 2 else text
        words += len(WORD.findall(text))
        files += 1
    return {"words": words, "files": files}


# Pages for editors, not for families: not in the menu, not searchable.
EDITOR_PAGES = ("translation-status/", "coverage/")
_KEEP_SPACE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)


def squeeze_html(html: str) -> str:
    """What-if: the page with runs of whitespace between tags (outside pre, textarea, script
    and style) cut to one newline, which does not change how it looks."""
    parts = _KEEP_SPACE.split(html)
    out = []
    for index in range(0, len(parts), 3):
        out.append(re.sub(r"\s*\n\s*", "\n", re.sub(r">\s+<", ">\n<", parts[index])))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def html_stats(site_dir: Path) -> dict:
    """HTML bytes per page (max, median), total site size."""
    site_dir = Path(site_dir)
    pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html"]
    sizes = sorted((p.stat().st_size, p.relative_to(site_dir).as_posix()) for p in pages)
    reader = [(s, p) for s, p in sizes if not any(marker in p for marker in EDITOR_PAGES)]
    squeezed = sorted((len(squeeze_html(site_dir.joinpath(p).read_text("utf-8", errors="replace")).encode()), p)
                      for _, p in sizes)
    squeezed_reader = [(s, p) for s, p in squeezed if not any(marker in p for marker in EDITOR_PAGES)]
    limit = BUDGETS["html_kb_per_page"] * KB
    total = files = 0
    by_top: dict[str, int] = {}
    for path in site_dir.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            files += 1
            top = path.relative_to(site_dir).parts[0] if len(path.relative_to(site_dir).parts) > 1 else "(top)"
            if top in ("assets", "pagefind", "search"):
                by_top[top] = by_top.get(top, 0) + size
    return {
        "pages": len(pages),
        "html_max_kb": sizes[-1][0] / KB if sizes else 0,
        "html_max_page": sizes[-1][1] if sizes else None,
        "html_median_kb": statistics.median(s for s, _ in sizes) / KB if sizes else 0,
        "html_total_mb": sum(s for s, _ in sizes) / KB / KB,
        "reader_html_max_kb": reader[-1][0] / KB if reader else 0,
        "reader_html_max_page": reader[-1][1] if reader else None,
        "pages_over_budget": sum(1 for s, _ in sizes if s > limit),
        "largest_pages": [(round(s / KB, 1), p) for s, p in sizes[-8:]][::-1],
        "squeezed_median_kb": statistics.median(s for s, _ in squeezed) / KB if squeezed else 0,
        "squeezed_reader_max_kb": squeezed_reader[-1][0] / KB if squeezed_reader else 0,
        "squeezed_pages_over_budget": sum(1 for s, _ in squeezed if s > limit),
        "site_total_mb": total / KB / KB,
        "site_files": files,
        "by_folder_mb": {k: v / KB / KB for k, v in sorted(by_top.items())},
    }


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def serve(site_dir: Path, base_path: str):
    """Serve ``site_dir`` at http://127.0.0.1:PORT{base_path}; log every request (path, status)."""
    log: list[tuple[str, int]] = []
    site_dir = Path(site_dir).resolve()

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site_dir), **kwargs)

        def translate_path(self, path):
            path = urlsplit(path).path
            if path.startswith(base_path):
                path = "/" + path[len(base_path):]
            elif path.startswith("/__mark/"):
                return str(site_dir / "__nothing__")
            else:
                return str(site_dir / "__outside_base__")
            return super().translate_path(path)

        def send_response(self, code, message=None):
            log.append((self.path, code))
            super().send_response(code, message)

        def log_message(self, *args):
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, log


def _file_for(site_dir: Path, base_path: str, url_path: str) -> Path | None:
    path = unquote(urlsplit(url_path).path)
    if not path.startswith(base_path):
        return None
    rel = path[len(base_path):]
    candidate = site_dir / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _kind(path: str) -> str:
    ext = Path(urlsplit(path).path).suffix.lower()
    if ext in (".html", "") or path.endswith("/"):
        return "html"
    if "/pagefind/" in path:
        return "search"
    return {".css": "css", ".js": "js", ".mjs": "js", ".svg": "img", ".png": "img", ".jpg": "img",
            ".jpeg": "img", ".webp": "img", ".gif": "img", ".ico": "img", ".woff": "font",
            ".woff2": "font", ".ttf": "font", ".json": "data"}.get(ext, "other")


def _weigh(site_dir: Path, base_path: str, paths: list[tuple[str, int]]) -> dict:
    items = []
    for path, status in paths:
        file = _file_for(site_dir, base_path, path)
        data = file.read_bytes() if file and status != 304 else b""  # 304: no body sent
        items.append({"path": path, "status": status, "kind": _kind(path),
                      "raw": len(data), "gzip": gzip_size(data) if data else 0})
    by_kind: dict[str, dict] = {}
    for item in items:
        entry = by_kind.setdefault(item["kind"], {"requests": 0, "raw_kb": 0.0, "gzip_kb": 0.0})
        entry["requests"] += 1
        entry["raw_kb"] += item["raw"] / KB
        entry["gzip_kb"] += item["gzip"] / KB
    return {
        "requests": len(items),
        "raw_kb": sum(i["raw"] for i in items) / KB,
        "gzip_kb": sum(i["gzip"] for i in items) / KB,
        "by_kind": by_kind,
        "items": items,
    }


PUPPETEER_SCRIPT = r"""
const http = require('http');
const puppeteer = require(process.env.LOK_PUPPETEER);
const [url, query, userDir, markUrl] = process.argv.slice(2);
const args = JSON.parse(process.env.LOK_CHROMIUM_ARGS);
function mark(name) {
  return new Promise((resolve) => { http.get(markUrl + name, (res) => { res.resume(); res.on('end', resolve); }).on('error', resolve); });
}
(async () => {
  const out = {requests: [], console: [], search: null};
  let phase = 'visit';
  const browser = await puppeteer.launch({executablePath: process.env.LOK_CHROMIUM, headless: true,
    userDataDir: userDir, args: [...args, '--user-data-dir=' + userDir]});
  try {
    const page = await browser.newPage();
    page.on('request', (r) => out.requests.push({phase, url: r.url(), type: r.resourceType()}));
    page.on('console', (m) => { if (m.type() === 'error') out.console.push(m.text()); });
    await mark('visit');
    await page.goto(url, {waitUntil: 'networkidle0', timeout: 60000});
    await new Promise((r) => setTimeout(r, 500));
    phase = 'search';
    await mark('search');
    const input = await page.$('#lok-search-input, input[type=search]');
    if (input && query) {
      const started = Date.now();
      await input.type(query, {delay: 50});
      try {
        await page.waitForFunction(() => {
          const list = document.querySelector('.lok-search__results');
          const status = document.querySelector('.lok-search__status');
          return (list && !list.hidden && list.children.length > 0) || (status && /\d/.test(status.textContent));
        }, {timeout: 20000});
        await page.waitForNetworkIdle({idleTime: 500, timeout: 20000});
        out.search = {ok: true, ms: Date.now() - started,
          status: await page.$eval('.lok-search__status', (e) => e.textContent).catch(() => null),
          results: await page.$$eval('.lok-search__results li', (l) => l.length).catch(() => 0)};
      } catch (e) {
        out.search = {ok: false, error: String(e)};
      }
    } else {
      out.search = {ok: false, error: 'no search input on the page'};
    }
    await mark('done');
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
"""


def page_weight(site_dir: Path, page_path: str, base_path: str = "/", query: str = "school",
                timeout: float = 120, site_url: str = "") -> dict:
    """Load ``page_path`` (a path under the site, e.g. 'health/x/') in Chromium with an empty
    cache, then type ``query`` into the search box. Every request the server saw, weighed
    raw and gzip -6, split into the first visit and the first search; and requests that
    were not to our server (third-party)."""
    site_dir = Path(site_dir).resolve()
    if not base_path.endswith("/"):
        base_path += "/"
    puppeteer = ROOT / "node_modules" / "puppeteer"
    if not puppeteer.is_dir() or not Path(CHROMIUM).exists() or not shutil.which("node"):
        return {"ok": False, "error": "puppeteer, node or Chromium missing", "static": static_weight(site_dir, page_path)}
    server, log = serve(site_dir, base_path)
    host, port = server.server_address[:2]
    origin = f"http://{host}:{port}"
    user_dir = Path(tempfile.mkdtemp(prefix="lok-bench-chromium-"))
    script = user_dir.parent / f"{user_dir.name}.js"
    script.write_text(PUPPETEER_SCRIPT, encoding="utf-8")
    env = dict(ENV, LOK_PUPPETEER=str(puppeteer), LOK_CHROMIUM=CHROMIUM,
               LOK_CHROMIUM_ARGS=json.dumps(CHROMIUM_ARGS), NODE_PATH=str(ROOT / "node_modules"))
    try:
        run = measure(["node", str(script), f"{origin}{base_path}{page_path}", query, str(user_dir),
                       f"{origin}/__mark/"], cwd=ROOT, timeout=timeout, env=env)
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(user_dir, ignore_errors=True)
        script.unlink(missing_ok=True)
    if run.returncode != 0:
        return {"ok": False, "error": run.stderr[-1500:], "static": static_weight(site_dir, page_path)}
    browser = json.loads(run.stdout)
    phases: dict[str, list[tuple[str, int]]] = {"visit": [], "search": []}
    phase = None
    for path, status in log:
        if path.startswith("/__mark/"):
            phase = path.rsplit("/", 1)[-1]
            continue
        if phase in phases:
            phases[phase].append((path, status))
    # Requests to the published site's own host (site_url) fail here (no such host offline);
    # when published they are same-origin requests: weigh them as the host would answer
    # (the file, else the 404 page), and keep them apart from real third-party requests.
    own_host = urlsplit(site_url).netloc if site_url else None
    third_party, own_host_requests = [], []
    for request in browser["requests"]:
        parts = urlsplit(request["url"])
        if parts.scheme not in ("http", "https", "ws", "wss") or parts.netloc == f"{host}:{port}":
            continue
        if own_host and parts.netloc == own_host:
            file = _file_for(site_dir, base_path, parts.path)
            status = 200 if file else 404
            own_host_requests.append({"url": request["url"], "phase": request["phase"], "status": status})
            phases.setdefault(request["phase"], []).append((parts.path if file else base_path + "404.html", status))
        else:
            third_party.append(request["url"])
    third_party = sorted(set(third_party))
    visit = _weigh(site_dir, base_path, phases["visit"])
    search = _weigh(site_dir, base_path, phases["search"])
    return {
        "ok": True,
        "page": page_path,
        "query": query,
        "first_visit": visit,
        "first_search": {**search, "browser": browser.get("search")},
        "third_party": third_party,
        "own_host_requests": own_host_requests,
        "browser_requests_seen": len(browser["requests"]),
        "console_errors": browser.get("console", [])[:10],
        "not_found": [p for p, s in phases["visit"] + phases["search"] if s >= 400],
        "static": static_weight(site_dir, page_path),
    }


_TAG = re.compile(r"<(link|script|img|source)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FETCHED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}


def _resource_refs(html: str) -> list[str]:
    """Addresses the browser fetches from the HTML itself: stylesheets, icons, scripts, images."""
    refs = []
    for tag, attr_text in _TAG.findall(html):
        attrs = {m[0].lower(): m[1] or m[2] for m in _ATTR.findall(attr_text)}
        if tag.lower() == "link":
            if not set(attrs.get("rel", "").lower().split()) & _FETCHED_RELS:
                continue
            ref = attrs.get("href")
        else:
            ref = attrs.get("src")
        if ref:
            refs.append(ref)
    return refs


def static_weight(site_dir: Path, page_path: str) -> dict:
    """The first visit from the HTML alone: the page, its stylesheets, scripts and images
    (not what scripts load later, nor fonts named in CSS)."""
    site_dir = Path(site_dir)
    page = site_dir / page_path
    if page.is_dir() or not page.suffix:
        page = page / "index.html"
    if not page.is_file():
        return {"ok": False, "error": f"no page {page}"}
    html = page.read_text("utf-8", errors="replace")
    files = [page]
    external = []
    for ref in _resource_refs(html):
        if ref.startswith(("http://", "https://", "//")):
            external.append(ref)
            continue
        if ref.startswith(("data:", "#", "mailto:", "tel:")):
            continue
        target = (page.parent / unquote(urlsplit(ref).path)).resolve()
        if target.is_file() and target.suffix in (".css", ".js", ".svg", ".png", ".jpg", ".webp", ".ico", ".woff2"):
            files.append(target)
    seen, raw, gz = set(), 0, 0
    for file in files:
        if file in seen:
            continue
        seen.add(file)
        data = file.read_bytes()
        raw += len(data)
        gz += gzip_size(data)
    return {"ok": True, "requests": len(seen), "raw_kb": raw / KB, "gzip_kb": gz / KB, "external_refs": external}


# --- one site, all measurements ---------------------------------------------------------------

def _summary_numbers(text: str) -> dict:
    """The a11y summary line: '1022 pages, 1022 tested now, 0 unchanged ...; 3 problems (812.3 s).'"""
    match = re.search(r"(\d+) pages, (\d+) tested now, (\d+) unchanged.*?(\d+) problems", text, re.S)
    if not match:
        return {}
    return {"pages": int(match[1]), "tested": int(match[2]), "cached": int(match[3]), "problems": int(match[4])}


def _check_counts(text: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError:
        match = re.search(r"(\d+) errors?, (\d+) warnings?, (\d+) suggestions?", text)
        return dict(zip(("error", "warning", "suggestion"), map(int, match.groups()))) if match else {}
    findings = data.get("findings", data if isinstance(data, list) else [])
    counts: dict[str, int] = {}
    for item in findings:
        counts[item.get("severity", "?")] = counts.get(item.get("severity", "?"), 0) + 1
    return counts


def _localoffer(config: Path, *args) -> list[str]:
    return [PY, "-m", "localoffer", "--config", str(config), *args]


def content_page(site_dir: Path, project: Path) -> str:
    """A typical content page to weigh: a generated service page, else the example's schools page."""
    for candidate in ("health", "schools"):
        folder = site_dir / candidate
        if folder.is_dir():
            pages = sorted(p for p in folder.glob("*/index.html"))
            if pages:
                return pages[0].parent.relative_to(site_dir).as_posix() + "/"
            if (folder / "index.html").is_file():
                return f"{candidate}/"
    pages = sorted(p for p in site_dir.glob("*/index.html") if p.parent.name not in ("cy", "search", "glossary"))
    return pages[0].parent.relative_to(site_dir).as_posix() + "/" if pages else ""


EDIT = ("We also run a drop-in session on Friday mornings.",
        "Rydyn ni hefyd yn cynnal sesiwn galw heibio ar fore dydd Gwener.")


def edit_one_page(docs_dir: Path) -> Path:
    """An editor's change to one page: one sentence added to an English page and to its Welsh
    page, and the Welsh page's ``translated_from`` brought up to date (as ``localoffer
    translated`` does), so the strict build still passes."""
    docs_dir = Path(docs_dir)
    pages = sorted(p for p in docs_dir.glob("*/*.md") if not p.name.endswith(".cy.md") and p.name != "index.md")
    pages = pages or sorted(p for p in docs_dir.glob("*.md") if not p.name.endswith(".cy.md")
                            and p.name not in ("index.md", "glossary.md", *generate.SPECIAL_PAGES))
    page = pages[len(pages) // 2]
    welsh = page.with_name(page.name[:-3] + ".cy.md")
    en_text = page.read_text("utf-8").rstrip("\n") + f"\n\n{EDIT[0]}\n"
    page.write_text(en_text, encoding="utf-8")
    if welsh.is_file():
        cy_text = welsh.read_text("utf-8").rstrip("\n") + f"\n\n{EDIT[1]}\n"
        if "translated_from:" in cy_text:
            cy_text = generate._record_translation(en_text, cy_text, page.relative_to(docs_dir).as_posix())
        welsh.write_text(cy_text, encoding="utf-8")
    return page


def profile(command_module: list[str], cwd: Path, out_file: Path, top: int = 25) -> dict:
    """Run ``python -m cProfile -o out_file -m ...``; the top functions by own and by total time."""
    import io
    import pstats

    run = measure([PY, "-m", "cProfile", "-o", str(out_file), "-m", *command_module], cwd=cwd)
    if not out_file.is_file():
        return {"ok": False, "error": run.stderr[-1000:]}
    result = {"ok": True, "seconds": run.seconds, "cpu_seconds": run.cpu_seconds}
    for key in ("tottime", "cumulative"):
        stream = io.StringIO()
        stats = pstats.Stats(str(out_file), stream=stream)
        stats.sort_stats(key).print_stats(top)
        lines = [line for line in stream.getvalue().splitlines() if re.match(r"\s*\d", line)]
        result[f"top_{key}"] = [re.sub(r"\s+", " ", line.strip()).replace(str(ROOT) + "/", "") for line in lines]
    return result


def bench_site(name: str, project: Path, work: Path, repeat: int, skip_a11y: bool, log,
               do_profile: bool = False, skip: frozenset = frozenset()) -> dict:
    """``skip``: builds not to measure ("stock-search": stock Material with its search;
    "hooks": mkdocs build with our hooks), to save time on a big site."""
    config = project / "mkdocs.yml"
    settings_raw = _read_config(config)
    base_path = urlsplit(settings_raw.get("site_url") or "/").path or "/"
    result: dict = {"name": name, "project": str(project)}
    result["corpus"] = count_words(project / "docs")
    bare = bare_project(project, work / f"{name}-bare")
    result["bare_project"] = bare
    no_search = bare_project(project, work / f"{name}-bare-no-search", search=False)

    bare_runs, no_search_runs, hooks_runs, full_runs = [], [], [], []
    for i in range(repeat):
        if "stock-search" not in skip:
            log(f"  [{name}] build {i + 1}/{repeat}: bare mkdocs build (stock, with Material's search)")
            bare_runs.append(measure([PY, "-m", "mkdocs", "build", "-f", str(Path(bare["dir"]) / "mkdocs.yml"),
                                      "-d", str(work / f"{name}-bare-site")], cwd=Path(bare["dir"])))
        log(f"  [{name}] build {i + 1}/{repeat}: bare mkdocs build without a search index")
        no_search_runs.append(measure([PY, "-m", "mkdocs", "build", "-f", str(Path(no_search["dir"]) / "mkdocs.yml"),
                                       "-d", str(work / f"{name}-bare-no-search-site")], cwd=Path(no_search["dir"])))
        if "hooks" not in skip:
            log(f"  [{name}] build {i + 1}/{repeat}: mkdocs build --strict with our hooks")
            hooks_runs.append(measure([PY, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                                       "-d", str(work / f"{name}-hooks-site")], cwd=project))
        log(f"  [{name}] build {i + 1}/{repeat}: localoffer build --no-a11y")
        full_runs.append(measure(_localoffer(config, "build", "--no-a11y", "--site-dir", str(project / "site")),
                                 cwd=project))
    result["bare_no_search_build"] = median_run(no_search_runs)
    result["full_build"] = median_run(full_runs)
    result["build_ratio_no_search"] = result["full_build"]["seconds"] / result["bare_no_search_build"]["seconds"]
    shutil.rmtree(work / f"{name}-bare-no-search-site", ignore_errors=True)
    if hooks_runs:
        result["hooks_build"] = median_run(hooks_runs)
    if bare_runs:
        result["bare_build"] = median_run(bare_runs)
        result["bare_build"]["pages"] = html_stats(work / f"{name}-bare-site")["pages"] if (work / f"{name}-bare-site").is_dir() else 0
        result["build_ratio"] = result["full_build"]["seconds"] / result["bare_build"]["seconds"]
        result["build_cpu_ratio"] = result["full_build"]["cpu_seconds"] / result["bare_build"]["cpu_seconds"]
        if hooks_runs:
            result["hooks_ratio"] = result["hooks_build"]["seconds"] / result["bare_build"]["seconds"]
            result["hooks_cpu_ratio"] = result["hooks_build"]["cpu_seconds"] / result["bare_build"]["cpu_seconds"]
    shutil.rmtree(work / f"{name}-bare-site", ignore_errors=True)
    shutil.rmtree(work / f"{name}-hooks-site", ignore_errors=True)

    log(f"  [{name}] localoffer check")
    check_runs = [measure(_localoffer(config, "check", "--format", "json"), cwd=project) for _ in range(repeat)]
    check = median_run(check_runs)
    check["counts"] = _check_counts(check_runs[-1].stdout)
    words = result["corpus"]["words"]
    check["words_per_s"] = words / check["seconds"]
    check["words_per_cpu_s"] = words / check["cpu_seconds"] if check["cpu_seconds"] else 0
    # start-up cost: the same command on one small page (imports, catalogues, word lists)
    home = project / "docs" / "index.md"
    if home.is_file():
        startup = measure(_localoffer(config, "check", str(home), "--format", "json"), cwd=project)
        check["startup_seconds"] = startup.seconds
        check["startup_cpu_seconds"] = startup.cpu_seconds
        rest = check["cpu_seconds"] - startup.cpu_seconds
        check["words_per_cpu_s_after_startup"] = words / rest if rest > 0 else None
    result["check"] = check

    if do_profile:
        log(f"  [{name}] profiling localoffer check and mkdocs build with our hooks (cProfile)")
        result["profile"] = {
            "check": profile(["localoffer", "--config", str(config), "check", "--format", "json"], project,
                             work / f"{name}-check.prof"),
            "hooks_build": profile(["mkdocs", "build", "--strict", "-f", str(config),
                                    "-d", str(work / f"{name}-prof-site")], project, work / f"{name}-build.prof"),
        }
        shutil.rmtree(work / f"{name}-prof-site", ignore_errors=True)

    site = project / "site"
    built = (site / "index.html").is_file()
    result["built"] = built
    if built:
        result["html"] = html_stats(site)
        page = content_page(site, project)
        log(f"  [{name}] page weight of /{page} in Chromium")
        try:
            result["weight"] = page_weight(site, page, base_path, query="school",
                                           site_url=settings_raw.get("site_url") or "")
        except Exception as error:  # keep the other figures
            result["weight"] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    if not skip_a11y and built:
        try:
            _bench_a11y(name, project, config, site, result, log)
        except Exception as error:  # keep the other figures
            result["a11y_error"] = f"{type(error).__name__}: {error}"
    return result


def _bench_a11y(name, project, config, site, result, log) -> None:
    if True:
        log(f"  [{name}] pa11y full run (localoffer a11y --full)")
        full = measure(_localoffer(config, "a11y", str(site), "--full"), cwd=project, timeout=3600)
        numbers = _summary_numbers(full.stdout + full.stderr)
        tested = numbers.get("tested") or numbers.get("pages") or 0
        result["a11y_full"] = {**full.brief(), **numbers,
                               "s_per_page": full.seconds / tested if tested else None}
        edited = edit_one_page(project / "docs")
        log(f"  [{name}] one-page edit ({edited.relative_to(project)}): rebuild, then localoffer a11y")
        rebuild = measure(_localoffer(config, "build", "--no-a11y", "--site-dir", str(site)), cwd=project)
        again = measure(_localoffer(config, "a11y", str(site)), cwd=project, timeout=1800)
        result["a11y_one_page"] = {**again.brief(), **_summary_numbers(again.stdout + again.stderr),
                                   "edited": str(edited.relative_to(project)),
                                   "rebuild_seconds": rebuild.seconds, "rebuild_returncode": rebuild.returncode}


# --- budgets and the table ------------------------------------------------------------------

def budgets(site: dict) -> list[dict]:
    out = []

    def add(name, value, limit, ok, unit, note=""):
        out.append({"budget": name, "value": value, "limit": limit, "unit": unit,
                    "status": "n/a" if value is None else ("PASS" if ok else "FAIL"), "note": note})

    ratio = site.get("build_ratio")
    add("checks add <= 15% to bare build time", None if ratio is None else (ratio - 1) * 100,
        BUDGETS["checks_overhead"] * 100, ratio is not None and ratio <= 1 + BUDGETS["checks_overhead"], "%",
        "localoffer build --no-a11y vs bare mkdocs build (stock Material with its search), medians"
        + (f"; {(site['build_ratio_no_search'] - 1) * 100:.1f} % vs a bare build with no search index"
           if site.get("build_ratio_no_search") else ""))
    check = site.get("check") or {}
    add("check >= 100,000 words/s per core", check.get("words_per_cpu_s"), BUDGETS["check_words_per_cpu_s"],
        (check.get("words_per_cpu_s") or 0) >= BUDGETS["check_words_per_cpu_s"], "words/CPU-s")
    a11y = site.get("a11y_full") or {}
    value = a11y.get("s_per_page")
    add("pa11y <= 0.7 s/page full run (2 cores)", value, BUDGETS["a11y_s_per_page"],
        value is not None and value <= BUDGETS["a11y_s_per_page"] and a11y.get("returncode") in (0, 1), "s/page")
    one = site.get("a11y_one_page") or {}
    value = one.get("seconds")
    add("one-page edit re-tested < 15 s", value, BUDGETS["a11y_one_page_s"],
        value is not None and value < BUDGETS["a11y_one_page_s"] and one.get("returncode") in (0, 1), "s",
        f"{one.get('tested', '?')} page(s) re-tested" if one else "")
    weight = site.get("weight") or {}
    visit = (weight.get("first_visit") or {}).get("gzip_kb") if weight.get("ok") else None
    add("first visit <= 100 KB gzip", visit, BUDGETS["first_visit_gzip_kb"],
        visit is not None and visit <= BUDGETS["first_visit_gzip_kb"], "KB")
    third = len(weight.get("third_party", [])) if weight.get("ok") else None
    add("no third-party request", third, 0, third == 0, "requests")
    html_stats_ = site.get("html") or {}
    html = html_stats_.get("reader_html_max_kb")
    add("HTML <= 40 KB per page (largest page for families)", html, BUDGETS["html_kb_per_page"],
        html is not None and html <= BUDGETS["html_kb_per_page"], "KB",
        f"{html_stats_.get('reader_html_max_page')}; {html_stats_.get('pages_over_budget')} of "
        f"{html_stats_.get('pages')} pages over 40 KB; largest of all {html_stats_.get('html_max_kb', 0):.1f} KB "
        f"({html_stats_.get('html_max_page')})" if html_stats_ else "")
    search = weight.get("first_search") or {}
    value = search.get("gzip_kb") if weight.get("ok") and (search.get("browser") or {}).get("ok") else None
    add("first search <= 300 KB", value, BUDGETS["first_search_kb"],
        value is not None and value <= BUDGETS["first_search_kb"], "KB (gzip)",
        f"raw {search.get('raw_kb', 0):.1f} KB" if search else "")
    peak = (site.get("full_build") or {}).get("tree_peak_mb", 0)
    add("peak memory of localoffer build <= 1 GB (process tree)", peak or None, BUDGETS["peak_memory_mb"],
        0 < peak <= BUDGETS["peak_memory_mb"], "MB",
        f"mkdocs build with our hooks alone (one process, checks inside): "
        f"{(site.get('hooks_build') or {}).get('tree_peak_mb', 0):.0f} MB")
    ratio = site.get("build_ratio_no_search")
    add("our build <= 1.3x a bare build with no search index", ratio, BUDGETS["build_vs_no_search"],
        ratio is not None and ratio <= BUDGETS["build_vs_no_search"], "x", "wall time, medians")
    shard = site.get("a11y_shard") or {}
    value = shard.get("estimated_part_s")
    add(f"browser tests of one part ({shard.get('shard', '1/8')}) < 20 min", value, BUDGETS["a11y_shard_s"],
        value is not None and value < BUDGETS["a11y_shard_s"] and shard.get("returncode") in (0, 1), "s",
        (f"measured: {shard.get('part_pages')} pages, {shard.get('s_per_page', 0):.2f} s/page"
         if str(shard.get("how", "")).startswith("measured") else
         f"estimated: {shard.get('sample_pages')} pages tested, {shard.get('s_per_page', 0):.2f} s/page x "
         f"{shard.get('part_pages', 0):.0f} pages") if shard else "")
    pr = site.get("pull_request") or {}
    value = pr.get("job1_check_s") if pr.get("ok") else None
    add("pull request: annotations <= 60 s after install", value, BUDGETS["pr_annotations_s"],
        value is not None and value <= BUDGETS["pr_annotations_s"], "s",
        f"{pr.get('pages_per_language')} + {pr.get('pages_per_language')} pages; set-up (make setup-python) "
        f"{pr.get('job1_setup_s', 0):.0f} s before it" if pr else "")
    value = pr.get("job2_build_and_browser_s") if pr.get("ok") else None
    add("pull request: build + browser tests of what changed <= 3 min", value, BUDGETS["pr_build_and_browser_s"],
        value is not None and value <= BUDGETS["pr_build_and_browser_s"], "s",
        (f"localoffer build with main's results restored: {(pr.get('job2_browser') or {}).get('tested')} "
         f"of {pr.get('pages_built')} pages tested again ({pr.get('job2_changed_count')} changed)"
         if "job2_build_s" not in pr else
         f"build {pr.get('job2_build_s', 0):.0f} s, {pr.get('job2_changed_count')} page(s) changed, "
         f"browser {(pr.get('job2_browser') or {}).get('seconds', 0):.0f} s") if pr.get("ok") else "")
    return out


def _f(value, spec=".1f", unit=""):
    if value is None:
        return "-"
    return f"{value:{spec}}{unit}"


def table(sites: list[dict]) -> str:
    rows = [("figure", *[s["name"] for s in sites])]

    def row(label, getter):
        values = []
        for s in sites:
            try:
                values.append(getter(s))
            except (KeyError, TypeError, ZeroDivisionError):
                values.append("-")
        rows.append((label, *values))

    row("pages per language (docs pairs)", lambda s: str(s["corpus"]["files"] // 2))
    row("pages built (HTML, all languages)", lambda s: str(s["html"]["pages"]))
    row("words in the Markdown", lambda s: f"{s['corpus']['words']:,}")
    row("bare mkdocs build: wall", lambda s: _f(s["bare_build"]["seconds"], ".2f", " s"))
    row("bare mkdocs build: peak RSS (tree)", lambda s: _f(s["bare_build"]["tree_peak_mb"], ".0f", " MB"))
    row("bare mkdocs build, no search index: wall", lambda s: _f(s["bare_no_search_build"]["seconds"], ".2f", " s"))
    row("mkdocs build + our hooks: wall", lambda s: _f(s["hooks_build"]["seconds"], ".2f", " s"))
    row("localoffer build --no-a11y: wall", lambda s: _f(s["full_build"]["seconds"], ".2f", " s"))
    row("localoffer build --no-a11y: CPU", lambda s: _f(s["full_build"]["cpu_seconds"], ".2f", " s"))
    row("localoffer build --no-a11y: peak RSS (tree)", lambda s: _f(s["full_build"]["tree_peak_mb"], ".0f", " MB"))
    row("bare mkdocs build: CPU", lambda s: _f(s["bare_build"]["cpu_seconds"], ".2f", " s"))
    row("mkdocs build + our hooks: CPU", lambda s: _f(s["hooks_build"]["cpu_seconds"], ".2f", " s"))
    row("ratio full / bare (wall; CPU)", lambda s: f"{s['build_ratio']:.2f}x; {s['build_cpu_ratio']:.2f}x")
    row("ratio full / bare without search (wall)", lambda s: f"{s['build_ratio_no_search']:.2f}x")
    row("ratio hooks only / bare (wall; CPU)", lambda s: f"{s['hooks_ratio']:.2f}x; {s['hooks_cpu_ratio']:.2f}x")
    row("localoffer check: wall", lambda s: _f(s["check"]["seconds"], ".2f", " s"))
    row("localoffer check: words/s (wall)", lambda s: f"{s['check']['words_per_s']:,.0f}")
    row("localoffer check: words/CPU-s", lambda s: f"{s['check']['words_per_cpu_s']:,.0f}")
    row("localoffer check: start-up CPU (1 page)", lambda s: _f(s["check"]["startup_cpu_seconds"], ".2f", " s"))
    row("localoffer check: words/CPU-s after start-up", lambda s: f"{s['check']['words_per_cpu_s_after_startup']:,.0f}")
    row("localoffer check: findings", lambda s: ", ".join(f"{v} {k}" for k, v in sorted(s["check"]["counts"].items())) or "none")
    row("pa11y full run: wall", lambda s: _f(s["a11y_full"]["seconds"], ".1f", " s"))
    row("pa11y full run: s/page", lambda s: _f(s["a11y_full"]["s_per_page"], ".2f", " s"))
    row("pa11y after one-page edit: wall", lambda s: f"{s['a11y_one_page']['seconds']:.1f} s ({s['a11y_one_page'].get('tested', '?')} tested)")
    row("first visit: requests", lambda s: str(s["weight"]["first_visit"]["requests"]))
    row("first visit: raw", lambda s: _f(s["weight"]["first_visit"]["raw_kb"], ".1f", " KB"))
    row("first visit: gzip", lambda s: _f(s["weight"]["first_visit"]["gzip_kb"], ".1f", " KB"))
    row("third-party requests", lambda s: str(len(s["weight"]["third_party"])))
    row("first search: requests", lambda s: str(s["weight"]["first_search"]["requests"]))
    row("first search: raw / gzip", lambda s: f"{s['weight']['first_search']['raw_kb']:.1f} / {s['weight']['first_search']['gzip_kb']:.1f} KB")
    row("HTML per page: median / max", lambda s: f"{s['html']['html_median_kb']:.1f} / {s['html']['html_max_kb']:.1f} KB")
    row("HTML: largest page for families", lambda s: f"{s['html']['reader_html_max_kb']:.1f} KB")
    row("HTML: pages over 40 KB", lambda s: f"{s['html']['pages_over_budget']} of {s['html']['pages']}")
    row("what-if whitespace squeezed: median / over 40 KB", lambda s: f"{s['html']['squeezed_median_kb']:.1f} KB / {s['html']['squeezed_pages_over_budget']}")
    row("total site size", lambda s: _f(s["html"]["site_total_mb"], ".1f", " MB"))
    row("browser tests: one part", lambda s: f"{s['a11y_shard']['estimated_part_s'] / 60:.1f} min "
        f"({s['a11y_shard']['shard']}: {s['a11y_shard']['part_pages']:.0f} pages x {s['a11y_shard']['s_per_page']:.2f} s)")
    row("pull request: set-up / check (annotations)", lambda s: f"{s['pull_request']['job1_setup_s']:.0f} s / "
        f"{s['pull_request']['job1_check_s']:.1f} s")
    row("pull request: build + browser of changed pages", lambda s: f"{s['pull_request']['job2_build_and_browser_s']:.0f} s "
        f"({s['pull_request']['job2_changed_count']} changed)")
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def budget_lines(checked: list[dict]) -> str:
    lines = []
    for b in checked:
        value = "-" if b["value"] is None else f"{b['value']:,.2f}"
        note = f" ({b['note']})" if b.get("note") else ""
        lines.append(f"{b['status']:4}  {b['budget']}: {value} {b['unit']} (limit {b['limit']:,}){note}")
    return "\n".join(lines)


def machine() -> dict:
    info = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    try:
        import mkdocs
        import material

        info["mkdocs"] = mkdocs.__version__
        info["material"] = getattr(material, "__version__", None)
    except Exception:
        pass
    try:
        info["load_average"] = os.getloadavg()
    except OSError:
        pass
    return info


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark Local Offer Kit against the stock stack.")
    parser.add_argument("--pages", type=int, default=generate.DEFAULT_PAGES, help="generated pages per language (default 500)")
    parser.add_argument("--services", type=int, default=None, help="generated service files (default pages/10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="builds per configuration; the median is reported")
    parser.add_argument("--skip-a11y", action="store_true", help="skip the pa11y runs (they take minutes)")
    parser.add_argument("--sites", default="generated,example", help="which sites: generated, example or both")
    parser.add_argument("--profile", action="store_true",
                        help="also run localoffer check and the hooks build under cProfile (top functions in the JSON)")
    parser.add_argument("--keep-other-sites", action="store_true",
                        help="keep the figures of sites not measured this time from the last last.json")
    parser.add_argument("--precision", action="store_true",
                        help="also measure the checks' precision on tests/corpus (benchmarks/precision.py)")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="where last.json goes")
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one, deleted)")
    parser.add_argument("--shard", metavar="K/N", default=None,
                        help="test part K of N of the generated site in the browser and time it (a real part)")
    parser.add_argument("--shard-sample", metavar="K/N", default=None,
                        help="estimate the browser time of part K of N of the generated site from a sample of pages")
    parser.add_argument("--shard-sample-pages", type=int, default=60, help="pages in that sample (default 60)")
    parser.add_argument("--skip", default="", help="builds not to measure, comma-separated: stock-search "
                        "(stock Material with its search), hooks (mkdocs build with our hooks); saves time on a big site")
    parser.add_argument("--pull-request", action="store_true",
                        help="simulate a one-page pull request in a fresh clone (benchmarks/pull_request.py)")
    parser.add_argument("--pr-real-cache", action="store_true",
                        help="in that pull request, test the base branch's every page first and time the real "
                             "localoffer build with those results restored (about 10 minutes more)")
    parser.add_argument("--pr-pages", type=int, default=500, help="pages per language of that site (default 500)")
    args = parser.parse_args(argv)

    def log(message):
        print(message, file=sys.stderr, flush=True)

    work = args.work or Path(tempfile.mkdtemp(prefix="lok-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    compile_modules()
    started = dt.datetime.now(dt.timezone.utc)
    report = {"started": started.isoformat(timespec="seconds"), "machine": machine(),
              "options": {k: str(v) for k, v in vars(args).items()}, "sites": {}}
    try:
        for name in [s.strip() for s in args.sites.split(",") if s.strip()]:
            if name == "generated":
                project = work / "generated"
                log(f"Generating {args.pages} + {args.pages} pages in {project}")
                report["generated_summary"] = generate.generate(project, args.pages, args.seed, args.services)
            elif name == "example":
                project = example_project(work / "example")
                log(f"Copied the example site to {project}")
            else:
                parser.error(f"unknown site {name!r}")
            site = bench_site(name, project, work, max(1, args.repeat), args.skip_a11y, log, args.profile,
                              frozenset(x.strip() for x in args.skip.split(",") if x.strip()))
            if name == "generated" and args.shard and site.get("built"):
                import pull_request

                log(f"  [{name}] browser tests of part {args.shard} (localoffer a11y --shard {args.shard} --full)")
                site["a11y_shard"] = pull_request.shard_run(project / "mkdocs.yml", project / "site", args.shard)
            elif name == "generated" and args.shard_sample and site.get("built"):
                import pull_request

                log(f"  [{name}] browser time of part {args.shard_sample}, from {args.shard_sample_pages} pages")
                site["a11y_shard"] = pull_request.shard_estimate(project / "mkdocs.yml", project / "site",
                                                                 args.shard_sample, args.shard_sample_pages,
                                                                 work / "shard-sample-site")
            if name == "generated" and args.pull_request:
                import pull_request

                site["pull_request"] = pull_request.simulate(work, args.pr_pages, log,
                                                                real_cache=args.pr_real_cache)
            site["measured_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            site["repeat"] = max(1, args.repeat)
            site["budgets"] = budgets(site)
            report["sites"][name] = site
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.precision:
        import precision  # benchmarks/precision.py

        found, words = precision.run_corpus()
        report["precision"] = precision.figures(found, words)
        print(precision.table(report["precision"]) + "\n")
    report["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    previous_file = args.out / "last.json"
    if args.keep_other_sites and previous_file.is_file():
        try:
            previous = json.loads(previous_file.read_text("utf-8"))
        except ValueError:
            previous = {}
        for name, site in (previous.get("sites") or {}).items():
            if name not in report["sites"]:
                site.setdefault("measured_at", previous.get("finished"))
                report["sites"][name] = site
                report.setdefault("kept_from_earlier_run", []).append(name)
    sites = list(report["sites"].values())
    print(table(sites))
    for site in sites:
        print(f"\nBudgets, {site['name']} site:")
        print(budget_lines(site["budgets"]))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "last.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nWrote {args.out / 'last.json'}")
    main_site = report["sites"].get("generated") or (sites[0] if sites else None)
    return 0 if main_site and all(b["status"] != "FAIL" for b in main_site["budgets"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
