"""Can families get to every page by following links from the home page of its language?

A site check on the built HTML (no browser needed): from the home page of each language
('' for the default language, 'cy/' for Welsh) we follow every ``<a href>`` to pages of
the same language, and list the pages we never reach. Links in the menu count, as they
are in the HTML of every page (on a phone behind the menu button). A page that only a
search finds is not reachable: people who do not know its name never find it.

Not pages for families: the 404 page, and the editors' pages (a page whose front matter
says ``generate: translation-status`` or ``generate: coverage``, with the pages made
under it).
"""

from __future__ import annotations

import html
import re
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from localoffer.a11y import sourcemap

HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
GENERATE = re.compile(r"""^generate:\s*["']?([\w-]+)""", re.M)
EDITOR_GENERATORS = frozenset({"translation-status", "coverage"})


def links_of(html_text: str) -> list[str]:
    return [html.unescape(a or b or c) for a, b, c in HREF.findall(html_text)]


def target_page(from_page: str, href: str, base_path: str, hosts: set[str],
                pages: set[str]) -> str | None:
    """The site page a link goes to ('schools/'), or None when it leaves the site."""
    joined = urlsplit(urljoin("http://site" + base_path + from_page, href.strip()))
    if joined.scheme not in ("http", "https") or joined.netloc not in hosts:
        return None
    path = unquote(joined.path)
    if not path.startswith(base_path):
        return "" if path + "/" == base_path and "" in pages else None
    rest = path[len(base_path):]
    for candidate in (rest, rest + "/", rest.removesuffix("index.html")):
        if candidate in pages:
            return candidate
    return None


def editor_stems(docs_dir: Path) -> set[str]:
    """'translation-status', 'coverage': pages (by path, without language) for editors."""
    stems = set()
    for path in Path(docs_dir).rglob("*.md"):
        try:
            head = path.read_text("utf-8", "replace")[:4000]
        except OSError:
            continue
        match = FRONT_MATTER.match(head)
        generate = GENERATE.search(match.group(1)) if match else None
        if generate and generate.group(1) in EDITOR_GENERATORS:
            stem = path.relative_to(docs_dir).as_posix()[: -len(".md")]
            stem = re.sub(r"\.[a-z]{2}$", "", stem)  # schools.cy -> schools
            stems.add(stem.removesuffix("/index").removesuffix("index"))
    return stems


def for_families(page: str, languages: tuple[str, ...], default: str, editors: set[str]) -> bool:
    _, rest = sourcemap.page_language(page, languages, default)
    if rest.rsplit("/", 1)[-1] == "404.html":
        return False
    return not any(stem and (rest == stem + "/" or rest.startswith(stem + "/") or
                             rest == stem + ".html") for stem in editors)


def unreachable(files: dict[str, Path], languages: tuple[str, ...], default: str,
                site_url: str, editors: set[str]) -> list[tuple[str, str]]:
    """(page, its language's home page) for every page for families that no chain of links
    from that home page reaches. Sorted by page."""
    base_path = urlsplit(site_url).path or "/"
    if not base_path.endswith("/"):
        base_path += "/"
    hosts = {"site"} | ({urlsplit(site_url).netloc} if urlsplit(site_url).netloc else set())
    pages = set(files)
    lang_of = {page: sourcemap.page_language(page, languages, default)[0] for page in pages}
    missing = []
    for lang in dict.fromkeys([default, *languages]):
        home = "" if lang == default else f"{lang}/"
        if home not in pages:
            continue
        seen = {home}
        queue = deque([home])
        while queue:
            page = queue.popleft()
            text = files[page].read_text("utf-8", "replace")
            for href in links_of(text):
                target = target_page(page, href, base_path, hosts, pages)
                if target is not None and target not in seen and lang_of[target] == lang:
                    seen.add(target)
                    queue.append(target)
        for page in sorted(pages):
            if lang_of[page] == lang and page not in seen and \
                    for_families(page, languages, default, editors):
                missing.append((page, home))
    return sorted(missing)
