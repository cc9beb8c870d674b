"""``meta/large-file``: images (and other files a page links to) are small enough for
families on mobile data.

Source: GOV.UK Service Manual, "Making your service more inclusive" and "Images" (many
users have slow or costly connections; compress images); Ofcom Connected Nations (pay-as-
you-go mobile data is common among low-income families). A page image over 1 MB is an
error; ``extra.council.checks.max_file_kb`` changes the limit.
"""

from __future__ import annotations

from localoffer import doclinks
from localoffer.rules import finding, page_rule

RULE = "meta/large-file"
MAX_FILE_KB = 1000


def limit_bytes(ctx) -> int:
    value = ctx.options.get("max_file_kb", MAX_FILE_KB)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        value = MAX_FILE_KB
    return int(value * 1000)


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return f"{size // 1000} KB"


@page_rule(RULE)
def large_file(page, ctx):
    """Images and linked files over the size limit, with how to make them smaller."""
    if ctx.files is None:
        return []
    rel = ctx.docs_path(page)
    if rel is None:
        return []
    limit = limit_bytes(ctx)
    items = [(image.src, image.line, image.column, True) for image in page.images]
    items += [(link.target, link.line, link.column, False) for link in page.links
              if link.kind in ("inline", "reference")]
    out = []
    seen = set()
    for target, line, column, is_image in items:
        if not doclinks.is_local(target):
            continue
        path, _ = doclinks.split(target)
        resolved = doclinks.resolve(rel, path) if path else None
        size = ctx.files.get(resolved) if resolved else None
        if size is None or size <= limit or resolved.endswith(".md") or (line, column) in seen:
            continue
        seen.add((line, column))
        key = "checks.meta.large_image" if is_image else "checks.meta.large_file"
        out.append(finding(page, RULE, "error", line, column, key, suggestion_key=key + ".fix",
                           target=path, size=_size(size), limit=_size(limit)))
    return out
