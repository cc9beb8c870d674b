"""``meta/host-address``: the address the host serves the site at is ``site_url``.

Source: MkDocs, ``site_url`` ("the canonical URL of the site ... also used for the 404 page");
Netlify, "Environment variables" (``URL``, ``DEPLOY_PRIME_URL``, ``CONTEXT``); Cloudflare
Pages, "Build configuration" (``CF_PAGES_URL``).

When they differ, the sitemap, the language links' ``hreflang`` addresses and the printed page
addresses point to the wrong place, and the search bundle's addresses may too. (The 404
pages follow the host's address on their own: ``site.served_path``.) A warning on
mkdocs.yml's ``site_url`` line, naming both addresses.
"""

from __future__ import annotations

import os
import re

from localoffer import site
from localoffer.findings import Finding
from localoffer.messages import cli_language, t
from localoffer.rules import site_rule

RULE = "meta/host-address"


def site_url_line(config_text: str) -> int:
    """The line of ``site_url:`` in mkdocs.yml (1 when it is not there)."""
    for number, line in enumerate(config_text.splitlines(), start=1):
        if re.match(r"site_url\s*:", line):
            return number
    return 1


def findings(site_url: str, environ, config_name: str, config_text: str, lang: str) -> list[Finding]:
    """The warning, if the host's address (from ``environ``) is not ``site_url``. Pure."""
    found = site.host_mismatch(site_url, environ)
    if not found:
        return []
    return [Finding(file=config_name, line=site_url_line(config_text), column=1, rule=RULE, severity="warning",
                    message=t("meta.host_address.mismatch", lang, **found),
                    suggestion=t("meta.host_address.fix", lang, **found), lang=lang)]


@site_rule(RULE)
def host_address(pages, ctx):
    """Warn when the host's address (Netlify, Cloudflare Pages, LOCALOFFER_HOST_URL) is not site_url."""
    settings = ctx.settings
    if settings is None or not getattr(settings, "site_url", None):
        return []
    config_file = getattr(settings, "config_file", None)
    name, text = "mkdocs.yml", ""
    if config_file is not None:
        try:
            name = str(config_file.relative_to(settings.root))
        except ValueError:
            name = str(config_file)
        text = ctx.memo("lok.config_text", lambda: config_file.read_text("utf-8") if config_file.is_file() else "")
    return findings(settings.site_url, os.environ, name, text, cli_language())
