"""Pure functions that decide what the site's templates show.

No MkDocs objects here: plain strings and dicts in, plain dicts out, so the
logic is easy to test and does not depend on the site engine.
"""

from __future__ import annotations

import re
from functools import lru_cache

from urllib.parse import urljoin

from localoffer.messages import catalogue, t

LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}

# Where a host says, in the build's environment, the address it serves the site at:
# (variable that must be set, variable with the address, what only the path must match).
# LOCALOFFER_HOST_URL is ours: set it when the host sets none (GitHub Pages: the
# "base_url" output of actions/configure-pages). Netlify: URL is the site's main address,
# DEPLOY_PRIME_URL a preview's (its host name always differs, so only the path is compared).
# Cloudflare Pages: CF_PAGES_URL is each deployment's own address.
HOST_ADDRESSES = (
    ("LOCALOFFER_HOST_URL", "LOCALOFFER_HOST_URL", False),
    ("NETLIFY", "URL", False),
    ("NETLIFY", "DEPLOY_PRIME_URL", True),
    ("CF_PAGES", "CF_PAGES_URL", True),
)


def host_address(environ) -> tuple[str, str, bool] | None:
    """``(address, variable, path_only)``: where the host says it serves the site, or None.

    Netlify's ``URL`` is used for production builds (``CONTEXT=production``), its
    ``DEPLOY_PRIME_URL`` for previews."""
    for flag, name, path_only in HOST_ADDRESSES:
        if not environ.get(flag) or not environ.get(name, "").strip():
            continue
        if flag == "NETLIFY" and (environ.get("CONTEXT", "production") == "production") == path_only:
            continue
        address = environ[name].strip()
        if "://" not in address:
            address = "https://" + address
        return (address if address.endswith("/") else address + "/"), name, path_only
    return None


def served_path(site_url: str, environ) -> str:
    """The path the host serves the site at ("/local-offer/"): the host's own address when
    the build's environment gives it, else ``site_url``'s. The 404 page's links and styles
    start from here, because a host shows it at any missing address, at any depth."""
    from urllib.parse import urlsplit

    found = host_address(environ)
    path = urlsplit(found[0] if found else (site_url or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


def host_mismatch(site_url: str, environ) -> dict | None:
    """``{"host": ..., "variable": ..., "site_url": ...}`` when the host's address (see
    ``host_address``) is not ``site_url``: links in the sitemap, the search bundle and the
    page-not-found page then point to the wrong place. None when they match or are unknown."""
    from urllib.parse import urlsplit

    found = host_address(environ)
    if not found or not site_url:
        return None
    address, variable, path_only = found
    host, site = urlsplit(address), urlsplit(site_url if site_url.endswith("/") else site_url + "/")
    same_path = (host.path or "/") == (site.path or "/")
    same = same_path if path_only else same_path and host.netloc.lower() == site.netloc.lower()
    return None if same else {"host": address, "variable": variable, "site_url": site_url}


# Pages our footer links to, by their source name (without language suffix).
FOOTER_PAGES = {
    "accessibility": "accessibility.md",
    "other_ways": "other-ways.md",
    "contact": "contact.md",
    "home": "index.md",
    "services": "services/index.md",
}


@lru_cache(maxsize=None)
def site_strings(lang: str) -> dict[str, str]:
    """All ``site.*`` strings in one language, keyed without the prefix."""
    return {
        key.split(".", 1)[1]: t(key, lang)
        for key in catalogue()
        if key.startswith("site.")
    }


def absolute(site_url: str, url: str) -> str:
    """An absolute address for a page URL ('' or './' is the home page).

    ``url`` is relative to the site's root, or a path from the host's root
    (starting with '/', as on the 404 page).
    """
    if url.startswith("/"):
        return urljoin(site_url, url)
    url = "" if url in ("", ".", "./") else url
    return site_url + url


def language_links(
    current: str,
    languages: list[str] | tuple[str, ...],
    alternates: dict[str, tuple[str, str]],
) -> list[dict]:
    """Links to the same page in every language (GOV.UK language navigation).

    ``alternates`` maps a language to ``(url, content_language)``: the page's
    site-relative URL in that language and the language its text is really in
    (they differ for a page not yet translated).
    """
    links = []
    for code in languages:
        url, content_lang = alternates.get(code, ("", code))
        links.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
                "url": url,
                "current": code == current,
                "translated": content_lang == code,
            }
        )
    return links


def hreflang_alternates(site_url: str, links: list[dict], default: str) -> list[dict]:
    """``<link rel=alternate hreflang>`` entries with absolute URLs.

    A language whose page is not translated yet is left out: it would point a
    search engine at English text marked as Welsh. ``x-default`` is the default language.
    """
    result = [
        {"lang": link["code"], "href": absolute(site_url, link["url"])}
        for link in links
        if link["translated"]
    ]
    for link in links:
        if link["code"] == default and link["translated"]:
            result.append({"lang": "x-default", "href": absolute(site_url, link["url"])})
    return result


def council_css(colours: dict[str, str]) -> str:
    """CSS custom properties for the council's colours (Material reads these)."""
    return (
        "/* Made by Local Offer Kit from extra.council.colours in mkdocs.yml. Do not edit. */\n"
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {colours['primary']};\n"
        f"  --md-primary-fg-color--light: {colours['primary']};\n"
        f"  --md-primary-fg-color--dark: {colours['primary']};\n"
        f"  --md-primary-bg-color: {colours['primary_text']};\n"
        f"  --md-primary-bg-color--light: {colours['primary_text']};\n"
        f"  --md-accent-fg-color: {colours['accent']};\n"
        f"  --md-typeset-a-color: {colours['link']};\n"
        f"  --lok-link: {colours['link']};\n"
        f"  --lok-accent: {colours['accent']};\n"
        "}\n"
    )


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
           "Medi", "Hydref", "Tachwedd", "Rhagfyr"),
}


def format_date(value, lang: str) -> str | None:
    """A date as people write it: "14 October 2026" or "14 Hydref 2026"."""
    import datetime as dt

    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, dt.date):
        return None
    return f"{value.day} {MONTHS.get(lang, MONTHS['en'])[value.month - 1]} {value.year}"


def page_meta(meta: dict, lang: str) -> list[dict]:
    """The "Last reviewed", "Next review due" and "Written with" lines for a page."""
    items = []
    for key, label in (("last_reviewed", "meta_last_reviewed"), ("review_due", "meta_review_due")):
        text = format_date(meta.get(key), lang)
        if text:
            items.append({"label": t(f"site.{label}", lang), "value": text,
                          "datetime": str(meta.get(key))})
    partners = meta.get("co_produced_with")
    if isinstance(partners, (list, tuple)):
        partners = ", ".join(str(p) for p in partners)
    if partners:
        items.append({"label": t("site.meta_co_produced", lang), "value": str(partners), "datetime": None})
    return items


# Blocks whose white space matters, and white space between tags that spans lines.
_KEEP_AS_IS = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_BETWEEN_TAGS = re.compile(r">[ \t]*\n\s*<")


def squeeze_html(html: str) -> str:
    """Drop the indentation between tags (the theme's templates are 40% white space).

    Each run of white space between two tags that spans lines becomes one line break, so
    the page still has white space where it had it and looks the same. ``<pre>``,
    ``<textarea>``, ``<script>`` and ``<style>`` are left exactly as they are.
    """
    def squeeze(start: int, end: int) -> str:
        # start one character early, so a gap right after a kept block (which ends in
        # ">") is squeezed too; that character is the block's own and is dropped again
        if start == 0:
            return _BETWEEN_TAGS.sub(">\n<", html[:end])
        return _BETWEEN_TAGS.sub(">\n<", html[start - 1:end])[1:]

    out = []
    last = 0
    for match in _KEEP_AS_IS.finditer(html):
        out.append(squeeze(last, match.start()))
        out.append(match.group(0))
        last = match.end()
    out.append(squeeze(last, len(html)))
    return "".join(out)
