"""``meta/broken-link``: every link to another page, heading, image or file in the site
leads somewhere.

Source: WCAG 2.2 success criterion 2.4.4 (Link purpose) and GOV.UK Service Manual,
"Making your service accessible" (a link that goes nowhere is a dead end for everyone,
and worst for a screen reader user); MkDocs' own link validation, which only names the
file, not the line.

Checks links written as file names (``schools.md``, ``schools.md#who-to-ask``,
``#who-to-ask``), images and other files (``images/photo.jpg``). Web addresses are not
checked (the check works offline). Needs the site's files (``ctx.files``); without a site
it says nothing.
"""

from __future__ import annotations

from localoffer import doclinks
from localoffer.rules import finding, site_rule

RULE = "meta/broken-link"


def _page_names(pages, ctx) -> dict[str, object]:
    names = {}
    for page in pages:
        rel = ctx.docs_path(page)
        if rel is not None:
            names[rel] = page
    return names


def _target_page(path: str, lang: str, names: dict, ctx) -> tuple[bool, object | None]:
    """(does the page exist, the Page to look for headings in) for a link to ``path``."""
    suffix = doclinks.language_suffix(path)
    if suffix and suffix[1] in ("en", "cy"):
        stem = suffix[0]
        wanted = [path, stem] if suffix[1] == "en" else [path]
    else:
        stem = path
        english = [path, path[:-3] + ".en.md"]
        wanted = [path[:-3] + ".cy.md", *english] if lang == "cy" else english
    for name in wanted:
        if name in names:
            return True, names[name]
    if any(name in (ctx.files or {}) for name in wanted):
        return True, None
    generated = ctx.generated()  # made only when a link is to no file in docs/
    if generated is None or stem in generated:
        return True, None
    return False, None


@site_rule(RULE)
def broken_link(pages, ctx):
    """Links and images that lead to a page, heading or file that is not there."""
    if ctx.files is None or ctx.docs_dir is None:
        return []
    names = _page_names(pages, ctx)
    out = []
    for page in pages:
        rel = ctx.docs_path(page)
        if rel is None:
            continue
        items = [(link.target, link.line, link.column, False) for link in page.links
                 if link.kind in ("inline", "reference")]
        items += [(image.src, image.line, image.column, True) for image in page.images]
        for target, line, column, is_image in items:
            if not doclinks.is_local(target):
                continue
            path, anchor = doclinks.split(target)
            if not path:
                if anchor and anchor not in doclinks.anchors(page):
                    out.append(finding(page, RULE, "error", line, column, "checks.meta.broken_anchor",
                                       suggestion_key="checks.meta.broken_anchor.fix",
                                       target=target, other=page.path))
                continue
            resolved = doclinks.resolve(rel, path)
            if resolved is None:
                out.append(finding(page, RULE, "error", line, column, "checks.meta.link_outside",
                                   suggestion_key="checks.meta.link_outside.fix", target=target))
                continue
            if resolved.endswith(".md") and not is_image:
                exists, target_page = _target_page(resolved, page.lang, names, ctx)
                if not exists:
                    out.append(finding(page, RULE, "error", line, column, "checks.meta.broken_page",
                                       suggestion_key="checks.meta.broken_page.fix", target=path))
                elif anchor and target_page is not None and anchor not in doclinks.anchors(target_page):
                    out.append(finding(page, RULE, "error", line, column, "checks.meta.broken_anchor",
                                       suggestion_key="checks.meta.broken_anchor.fix",
                                       target=target, other=target_page.path))
                continue
            if resolved.endswith("/") or path.endswith("/") or resolved in ctx.files:
                continue
            if resolved.rstrip("/") + "/index.md" in ctx.files or resolved + ".md" in ctx.files:
                continue
            key = "checks.meta.missing_image" if is_image else "checks.meta.missing_file"
            out.append(finding(page, RULE, "error", line, column, key, suggestion_key=key + ".fix",
                               target=path, folder="docs/" + (resolved.rpartition("/")[0] + "/" if "/" in resolved else "")))
    return out
