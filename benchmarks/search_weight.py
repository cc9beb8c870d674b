"""Search weight and the cost of the Welsh checks on a generated bilingual site.

    .venv/bin/python benchmarks/search_weight.py [--pages 500] [--keep DIR]

1. Generates N pages per language (benchmarks/generate.py; deterministic), builds the site
   with the real ``mkdocs build --strict`` and indexes it with Pagefind (``localoffer.search``).
2. In the real Chromium, types a first query into our search form on an English page and on a
   Welsh page, and counts every byte the search downloads after the page has loaded:
   lok-search.js, pagefind.js, its worker, the WebAssembly, the language's meta file, the index
   chunks and the fragments of the results shown. Budget: 300 KB (issue 5).
3. Times the i18n/* rules over all the Markdown pages.

Prints a table and writes JSON with --json. Sizes are raw bytes and gzip -6 (what a server
sends compressed); Pagefind's index files are already gzipped, so gzip adds nothing to them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

BUDGET = 300 * 1024
QUERIES = {"en": ["support", "speech therapy"], "cy": ["gwasanaeth", "wasanaethau"]}


def build_site(project: Path, pages: int) -> tuple[Path, dict]:
    import os

    from generate import generate

    # record_translations=True once meta/front-matter accepts the translated_from mapping
    summary = generate(project, pages, seed=1, record_translations=False)
    site = project / "site"
    started = time.perf_counter()
    # not --strict: this measures search, and the generated project may carry warnings
    # (such as pages left out of the nav) that other work is fixing
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, check=False, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit("the build failed")
    summary["build_seconds"] = round(time.perf_counter() - started, 1)
    return site, summary


def index(project: Path, site: Path) -> float:
    from localoffer import search
    from localoffer import settings as settings_module

    started = time.perf_counter()
    status = search.index_site(settings_module.load(project / "mkdocs.yml"), site, argparse.Namespace(format="json"))
    if status != 0:
        raise SystemExit("indexing failed")
    return round(time.perf_counter() - started, 2)


def ensure_search_form(site: Path) -> bool:
    """Until the template includes partials/lok-search.html, put it into the built pages."""
    sample = (site / "index.html").read_text("utf-8")
    if "data-lok-search" in sample:
        return False
    from test_i18n_search import _add_search_form

    _add_search_form(site)
    return True


def first_page(site: Path, lang: str) -> str:
    """A content page in ``lang`` (not a home page)."""
    folder = site / "cy" if lang == "cy" else site
    for path in sorted(folder.glob("*/*/index.html")) + sorted(folder.glob("*/index.html")):
        rel = path.parent.relative_to(site).as_posix()
        if (lang == "cy") == rel.startswith("cy/") and not rel.startswith(("pagefind", "assets", "search")):
            return rel + "/"
    raise SystemExit(f"no {lang} page")


def weigh(site: Path, urls: list[str], base: str) -> dict:
    files = {}
    for url in urls:
        path = urlsplit(url).path
        if not path.startswith(base):
            continue
        rel = path[len(base):]
        file = site / rel
        if file.is_dir() or rel.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            data = file.read_bytes()
            files[rel] = (len(data), len(gzip.compress(data, 6)))
    return {
        "files": {k: {"bytes": v[0], "gzip": v[1]} for k, v in sorted(files.items())},
        "bytes": sum(v[0] for v in files.values()),
        "gzip": sum(min(v) for v in files.values()),
    }


def browser_weights(site: Path, tmp: Path) -> list[dict]:
    import functools
    import http.server
    import os
    import threading

    from test_i18n_search import BROWSER_SCRIPT, CHROMIUM

    www = tmp / "www"
    www.mkdir()
    os.symlink(site, www / "local-offer")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served = f"http://127.0.0.1:{server.server_address[1]}/local-offer/"
    try:
        steps = [{"page": served + first_page(site, lang), "type": query}
                 for lang in ("en", "cy") for query in QUERIES[lang][:1]]
        # the second query on the same page reuses what the first downloaded: count both on a fresh load
        plan = tmp / "plan.json"
        plan.write_text(json.dumps({"chromium": CHROMIUM, "userDataDir": str(tmp / "profile"), "steps": steps}))
        result = subprocess.run(["node", str(BROWSER_SCRIPT), str(plan)], capture_output=True, text=True,
                                check=False, timeout=600)
        if result.returncode != 0:
            raise SystemExit(result.stderr[-3000:])
        answers = json.loads(result.stdout)
    finally:
        server.shutdown()
        server.server_close()
    out = []
    for answer in answers:
        script = [u for u in answer["pageLoad"] if "lok-search" in u]  # our script, loaded with the page
        weight = weigh(site, answer["requests"] + script, "/local-offer/")
        out.append({"page": answer["step"]["page"].replace(served, "/"), "query": answer["step"]["type"],
                    "status": answer["status"], **weight})
    return out


def rules_cost(docs: Path) -> dict:
    from localoffer.rules import Context, rules
    from localoffer.translation import pair_up, read_pair_pages

    started = time.perf_counter()
    pages = read_pair_pages(docs)
    for page in pages:  # words and sentences are shared by all rules: count them as parsing
        for segment in page.segments:
            segment.sentences
    parsed = time.perf_counter() - started
    ctx = Context.create(jurisdiction="wales")
    times = {}
    found = 0
    for rule in rules():
        if not rule.id.startswith("i18n/"):
            continue
        started = time.perf_counter()
        if rule.kind == "page":
            for page in pages:
                found += len(rule.function(page, ctx))
        else:
            for _, en, cy in pair_up(pages):
                found += len(rule.function(en, cy, ctx))
        times[rule.id] = round(time.perf_counter() - started, 3)
    return {"pages": len(pages), "parse_seconds": round(parsed, 2), "rule_seconds": times,
            "total_rule_seconds": round(sum(times.values()), 2), "findings": found}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="pages per language (default 500)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lok-search-weight-") as tmp_name:
        tmp = Path(tmp_name)
        project = args.keep or tmp / "project"
        site, summary = build_site(project, args.pages)
        index_seconds = index(project, site)
        injected = ensure_search_form(site)
        weights = browser_weights(site, tmp)
        cost = rules_cost(project / "docs")
    bundle = site / "pagefind"
    report = {"site": summary, "index_seconds": index_seconds, "form_injected": injected,
              "first_query": weights, "budget_bytes": BUDGET, "i18n_rules": cost}
    print(f"{summary['pages_per_language']} pages per language, built in {summary['build_seconds']} s, "
          f"indexed in {index_seconds} s")
    for item in weights:
        verdict = "within" if item["bytes"] <= BUDGET else "OVER"
        print(f"first search '{item['query']}' on {item['page']}: {item['bytes'] / 1024:.1f} KB raw, "
              f"{item['gzip'] / 1024:.1f} KB compressed ({verdict} the 300 KB budget); {item['status']}")
        for name, size in item["files"].items():
            print(f"    {name:<60} {size['bytes']:>8} B  {size['gzip']:>8} B gzip")
    print(f"i18n checks on {cost['pages']} pages: {cost['total_rule_seconds']} s "
          f"({', '.join(f'{k} {v} s' for k, v in cost['rule_seconds'].items())}); parsing {cost['parse_seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 0 if all(item["bytes"] <= BUDGET for item in weights) else 1


if __name__ == "__main__":
    raise SystemExit(main())
