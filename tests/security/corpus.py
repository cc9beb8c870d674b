"""The security corpus: payloads by class, the pages that carry them, and a browser count.

* ``own_payloads.yml``: our payloads, one class per key (issue 14's classes, and the
  OWASP XSS Filter Evasion Cheat Sheet's patterns written anew).
* ``payloadbox-xss-subset.txt``: 400 payloads (every payload with ``<`` or
  ``javascript`` in it, de-duplicated, then evenly spaced) from payloadbox/xss-payload-list,
  ``Intruder/xss-payload-list.txt`` at commit d473925ebc9aaec0ac8bdb9aa9d26be8d163af04,
  MIT licence (``LICENSE-payloadbox.txt``). Each is placed twice: as a paragraph, and
  wrapped in escaped backticks (``\\`...\\```), the placement that reached the site in issue 14.

Front matter and data-file placements (issue 14 item 3) belong to the input checks: add a
placement function here (payload -> files to write) and a class name, and the build test
in ``tests/test_safety_corpus.py`` runs them through both build paths and Chromium.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import subprocess
import threading
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PUBLIC_LIST = HERE / "payloadbox-xss-subset.txt"
OWN_LIST = HERE / "own_payloads.yml"
COUNTER = HERE / "live_markup.cjs"
SNIPPET_CLASS = "snippet-markup"


def own_payloads() -> dict[str, list[str]]:
    return yaml.safe_load(OWN_LIST.read_text(encoding="utf-8"))


def public_payloads() -> list[str]:
    return [line for line in PUBLIC_LIST.read_text(encoding="utf-8").split("\n") if line.strip()]


def escaped_backticks(payload: str) -> str:
    return f"Text \\`{payload}\\` here"


def classes() -> dict[str, list[str]]:
    """Every class of page-text payloads, as Markdown blocks (snippet class excluded: its
    payloads go in an included file)."""
    out = {name: list(items) for name, items in own_payloads().items() if name not in (SNIPPET_CLASS, "headings")}
    public = public_payloads()
    out["payloadbox-paragraph"] = public
    out["payloadbox-escaped-backticks"] = [escaped_backticks(p) for p in public]
    return out


def page_text(title: str, blocks: list[str]) -> str:
    """A page with each block separated by a paragraph of plain words, so one payload that
    leaves an element open (``<textarea>``) hides as little as possible of the next."""
    parts = [f"# {title}", ""]
    for number, block in enumerate(blocks, 1):
        parts += [f"Payload {number} follows.", "", block, "", "</textarea></xmp></noscript></title></style></noembed></template></svg></math>-->", ""]
    return "\n".join(parts) + "\n"


def corpus_pages(per_page: int = 40) -> dict[str, str]:
    """``{file name in docs/: Markdown}`` carrying every page-text payload."""
    pages = {}
    for name, blocks in classes().items():
        for start in range(0, len(blocks), per_page):
            chunk = blocks[start:start + per_page]
            pages[f"{name}-{start // per_page + 1}.md"] = page_text(f"Payloads {name}", chunk)
    own = own_payloads()
    # page titles and headings: MkDocs takes the title from the first heading, and the
    # theme shows it in <title>, the menus and the table of contents
    heading_payloads = [b for b in own["headings"]]
    for number, heading in enumerate(heading_payloads, 1):
        pages[f"heading-{number}.md"] = f"# {heading}\n\nText.\n\n## {heading}\n\nMore text.\n"
    pages["snippets.md"] = "# Snippets\n\nA page that includes a file.\n\n--8<-- \"assets/notes.txt\"\n"
    pages["assets/notes.txt"] = "\n\n".join(own[SNIPPET_CLASS]) + "\n"
    return pages


# Front matter (issue 14 item 3, the input checks' part): each payload as the value of
# these keys. Not yet in the build test: add it there when front matter is escaped.
FRONT_MATTER_KEYS = ("title", "description", "subtitle", "co_produced_with", "status", "lok_unknown_key")


def front_matter_pages(payloads: list[str]) -> dict[str, str]:
    """``{file name: Markdown}``: one page per payload, the payload in every key of
    ``FRONT_MATTER_KEYS`` (as a YAML double-quoted string)."""
    pages = {}
    for number, payload in enumerate(payloads, 1):
        value = json.dumps(payload, ensure_ascii=False)  # JSON strings are YAML strings
        keys = "\n".join(f"{key}: {value}" for key in FRONT_MATTER_KEYS)
        pages[f"front-matter-{number}.md"] = f"---\n{keys}\n---\n# Front matter {number}\n\nText.\n"
    return pages


# Files in docs/ that must never be published.
UNSAFE_FILES = {
    "assets/run.js": "alert(1)\n",
    "assets/page.html": "<script>alert(1)</script>\n",
    "assets/page.htm": "<script>alert(1)</script>\n",
    "assets/style.css": "body{background:url(https://evil.example/x)}\n",
    "assets/module.mjs": "alert(1)\n",
    "assets/feed.xml": "<x/>\n",
    "assets/page.xhtml": "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>\n",
    "assets/bad.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n",
    "assets/onload.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>\n",
    "assets/remote.svg": ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                          "<image xlink:href=\"https://evil.example/x.png\"/></svg>\n"),
    "assets/bomb.svg": ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>\n"),
}
SAFE_FILES = {
    "assets/fine.svg": ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><defs><linearGradient id=\"g\"/>"
                        "</defs><rect width=\"10\" height=\"10\" fill=\"url(#g)\"/></svg>\n"),
    "assets/leaflet.pdf": "%PDF-1.4\n%%EOF\n",
    "assets/notes-plain.txt": "Opening hours.\n",
}


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1; yields the base address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - keep test output clean
        pass


def chromium_counts(site_dir: Path, pages: list[str], allowed_hashes: list[str] = (),
                    timeout: int = 240) -> dict[str, dict]:
    """Open each built page (a path under ``site_dir``) in Chromium; return its counts
    (see ``live_markup.cjs``). ``allowed_hashes``: the theme's inline scripts
    (``hosting.script_hashes``); any other inline script counts as not ours."""
    import os

    env = dict(os.environ, LOK_ALLOWED_HASHES=json.dumps(list(allowed_hashes)))
    with serve(site_dir) as base:
        done = subprocess.run(["node", str(COUNTER), base, *pages], cwd=ROOT, capture_output=True,
                              text=True, timeout=timeout, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout)


def totals(counts: dict[str, dict]) -> dict[str, int]:
    out = {"handlers": 0, "scripts": 0, "urls": 0, "frames": 0, "dialogs": 0, "errors": 0}
    for found in counts.values():
        if "error" in found:
            out["errors"] += 1
        for key in ("handlers", "scripts", "urls", "frames", "dialogs"):
            out[key] += found.get(key, 0)
    return out


# --- Editor-controlled strings (front matter, data files, file names) ----------------------
#
# Every payload of both sources goes into every place an editor writes outside page text.
# To keep the build small, payloads travel in groups: each value holds a group of
# ``GROUP`` payloads, separated by plain words, and every group goes into every place.
# A payload that leaves an element open can hide the next one of its group only where the
# escaping has already failed, and the first live payload fails the test anyway.

PUBLIC_SAMPLE = 80
GROUP = 6


class _NoAliases(yaml.SafeDumper):
    """Writes a value used twice in full: our data files refuse YAML aliases."""

    def ignore_aliases(self, data):
        return True


def dump(data) -> str:
    """``data`` as YAML, as an editor would write it (no anchors, long lines kept)."""
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000)


def public_sample(size: int = PUBLIC_SAMPLE) -> list[str]:
    """``size`` payloads of the public subset, evenly spaced (the same ones every run)."""
    public = public_payloads()
    step = len(public) / size
    return [public[int(number * step)] for number in range(size)]


def editor_payloads() -> dict[str, list[str]]:
    """``{"own": [...], "payloadbox": [...]}``: every payload of our own classes (page
    text, headings and snippets alike) and the evenly spaced public sample."""
    own = [payload for items in own_payloads().values() for payload in items]
    return {"own": own, "payloadbox": public_sample()}


def payload_groups() -> list[list[str]]:
    every = [payload for items in editor_payloads().values() for payload in items]
    return [every[start:start + GROUP] for start in range(0, len(every), GROUP)]


def joined(group: list[str], one_line: bool = False) -> str:
    text = " (and then) ".join(group)
    return " ".join(text.split("\n")) if one_line else text


EDITOR_FRONT_MATTER_KEYS = ("title", "description", "subtitle", "owner", "co_produced_with", "status",
                            "lok_unknown_key", "lok_nested_unknown")


def editor_front_matter(group: list[str]) -> str:
    value = joined(group)
    data = {
        "title": value,
        "description": value,
        "subtitle": value,
        "owner": value,
        "co_produced_with": list(group),
        "status": value,
        "last_reviewed": "2026-11-01",
        "review_due": "2027-05-01",
        "lok_unknown_key": value,
        "lok_nested_unknown": {"level": {"deeper": list(group), "text": value}},
    }
    return "---\n" + dump(data) + "---\n"


def editor_pages(groups: list[list[str]]) -> dict[str, str]:
    """``{file name in docs/: Markdown}``: an English and a Welsh page for each group (the
    group in every front-matter key), and pages named with payloads."""
    pages = {}
    for number, group in enumerate(groups, 1):
        body = f"# Front matter {number}\n\nHelp for families.\n"
        pages[f"front-matter-{number}.md"] = editor_front_matter(group) + body
        pages[f"front-matter-{number}.cy.md"] = editor_front_matter(group) + body.replace("Help for families", "Help i deuluoedd")
    for number, name in enumerate(file_name_payloads(), 1):
        pages[f"{name}.md"] = editor_front_matter([f"Named page {number}"]) + "# Named\n\nHelp.\n"
    return pages


def file_name_payloads() -> list[str]:
    """Payloads that can be a file name (no ``/`` or NUL, short enough), both sources."""
    out = []
    for items in editor_payloads().values():
        fits = [p for p in items if "/" not in p and "\0" not in p and "\n" not in p
                and len(p.encode("utf-8")) < 200 and not p.startswith(".")]
        out += fits[:8]
    return out


def _both(group: list[str]) -> dict:
    value = joined(group)
    return {"en": value, "cy": value}


def editor_service(number: int, group: list[str], addresses: bool = False) -> dict:
    """A service with ``group`` in every text field. ``addresses``: in the fields that are
    validated (web and email addresses, phone numbers) too, which the checks refuse."""
    text = _both(group)
    line = {"en": joined(group, one_line=True), "cy": joined(group, one_line=True)}
    service = {
        "id": f"payload-{number}" + ("-addresses" if addresses else ""),
        "name": line,
        "description": {"en": joined(group, one_line=True) + ". Second sentence.",
                        "cy": joined(group, one_line=True) + ". Ail frawddeg."},
        "organisation": {**text, "url": "https://health.example/send"},
        "status": "active",
        "url": "https://www.council.example/send?a=1&b=2",
        "email": "team@council.example",
        "minimum_age": 0,
        "maximum_age": 25,
        "needs": ["autism"],
        "area": {"id": f"area-{number}", **line},
        "cost": {"free": True, **text},
        "how_to_access": text,
        "eligibility": text,
        "contacts": [{"name": text, "title": text, "phone": "01632 960 201", "email": "team@council.example"}],
        "locations": [{"address": text, "postcode": "GF1 2AB", "accessibility": text}],
        "schedules": text,
        "languages": ["en", "cy"],
        "assured_date": "2026-11-01",
    }
    if addresses:
        first = group[0]
        service.update(url=first, email=f"{first}@council.example")
        service["organisation"]["url"] = first
        service["contacts"] = [{"name": text, "title": text, "phone": first, "email": f"{first}@council.example"}]
    return service


EDITOR_SERVICE_FIELDS = ("name", "description (and its first sentence)", "organisation.en/cy", "area names",
                         "cost", "how_to_access", "eligibility", "contacts name/title", "locations address/accessibility",
                         "schedules")
ADDRESS_FIELDS = ("url", "organisation.url", "email", "contacts phone/email")


def editor_glossary(groups: list[list[str]]) -> dict:
    terms = []
    for number, group in enumerate(groups):
        terms.append({"term": {"en": joined(group, one_line=True), "cy": joined(group, one_line=True)},
                      "expansion": None, "explanation": _both(group), "jurisdiction": "both"})
        terms.append({"term": {"en": f"LOK{number}", "cy": f"LOK{number}"},
                      "expansion": {"en": joined(group, one_line=True), "cy": joined(group, one_line=True)},
                      "explanation": _both(group), "jurisdiction": "both"})
    return {"terms": terms}


def editor_you_said_we_did(groups: list[list[str]]) -> dict:
    return {"entries": [{"date": f"2026-{(number % 12) + 1:02d}-01", "you_said": _both(group), "we_did": _both(group)}
                        for number, group in enumerate(groups)]}
