"""``i18n/language-link``: a page links to other pages by their English file name.

Source: mkdocs-static-i18n (suffix layout: a link to ``page.md`` goes to the page in the
reader's language, and to the English page where there is no Welsh one yet); GOV.UK
"Language navigation" pattern (readers stay in the language they chose); Welsh Language
Standards 2015, standard 55 (Welsh must not be treated less favourably than English).

An English page that links to ``page.cy.md`` sends English readers to Welsh without
warning: an error. A Welsh page that links to ``page.cy.md`` works until the Welsh page
is renamed or removed, and then breaks: a warning. Either way, link to ``page.md``.
"""

from __future__ import annotations

from localoffer import doclinks
from localoffer.rules import finding, page_rule

RULE = "i18n/language-link"


@page_rule(RULE, languages=("en", "cy"))
def language_link(page, ctx):
    """Links that name a language file (``.cy.md``, ``.en.md``) instead of the English name."""
    out = []
    for link in page.links:
        if link.kind not in ("inline", "reference") or not doclinks.is_local(link.target):
            continue
        path, anchor = doclinks.split(link.target)
        suffix = doclinks.language_suffix(path)
        if suffix is None or suffix[1] not in ("en", "cy"):
            continue
        english = suffix[0] + (f"#{anchor}" if anchor else "")
        other_language = suffix[1] != page.lang
        key = "checks.i18n.language_link_other" if other_language else "checks.i18n.language_link_same"
        out.append(finding(page, RULE, "error" if other_language else "warning", link.line, link.column,
                           key, suggestion_key="checks.i18n.language_link.fix",
                           target=path, english=english))
    return out
