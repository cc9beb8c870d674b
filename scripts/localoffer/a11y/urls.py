"""The list of pages to test: every built HTML file and every sitemap entry.

The union of both, so nothing is missed: a page left out of the sitemap (the
sitemap leaves out Welsh pages that are not translated yet) is still tested, and
a sitemap entry with no built page is reported.

Pages are site-relative paths as the browser asks for them: '' (home page),
'schools/', 'cy/schools/'. The 404 page is not a page of the site.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class PageList:
    pages: list[str]                                  # to test, sorted
    files: dict[str, Path]                            # page -> built HTML file
    not_built: list[str] = field(default_factory=list)  # in sitemap.xml, no HTML file
    sitemap_found: bool = True


def page_for_file(relative: str) -> str:
    """'schools/index.html' -> 'schools/'; 'index.html' -> ''; 'a.html' -> 'a.html'."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def file_for_page(site_dir: Path, page: str) -> Path:
    """The HTML file a page path is served from."""
    if page == "" or page.endswith("/"):
        return site_dir / page / "index.html"
    return site_dir / page


def pages_from_files(site_dir: Path) -> dict[str, Path]:
    result = {}
    for path in sorted(Path(site_dir).rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("assets/"):
            continue
        result[page_for_file(relative)] = path
    return result


def pages_from_sitemap(xml_text: str, site_url: str) -> list[str]:
    """Site-relative page paths of every ``<loc>`` in a sitemap.

    A ``<loc>`` is made relative to ``site_url`` (matching on the path only, so a
    sitemap made for another host still maps). Entries outside the site are kept
    as their full path so that they are reported, not dropped.
    """
    base_path = urlsplit(site_url).path or "/"
    if not base_path.endswith("/"):
        base_path += "/"
    root = ET.fromstring(xml_text)
    pages = []
    for loc in root.iter(f"{SITEMAP_NS}loc"):
        path = urlsplit((loc.text or "").strip()).path or "/"
        if path.startswith(base_path):
            pages.append(path[len(base_path):])
        elif path + "/" == base_path:
            pages.append("")
        else:
            pages.append(path)
    return pages


def collect(site_dir: Path, site_url: str) -> PageList:
    """All pages to test in ``site_dir``, and sitemap entries that were not built."""
    site_dir = Path(site_dir)
    files = pages_from_files(site_dir)
    sitemap = site_dir / "sitemap.xml"
    not_built: list[str] = []
    found = sitemap.is_file()
    if found:
        for page in pages_from_sitemap(sitemap.read_text("utf-8"), site_url):
            if page not in files and page not in not_built:
                if file_for_page(site_dir, page).is_file():
                    files[page] = file_for_page(site_dir, page)
                else:
                    not_built.append(page)
    return PageList(pages=sorted(files), files=files, not_built=not_built, sitemap_found=found)
