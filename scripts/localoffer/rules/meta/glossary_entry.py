"""``meta/glossary-duplicate``: each word is in the glossary (``data/glossary.yml``) once.

Source: codespell's data tests (no duplicates in a word list); GOV.UK style guide,
"Plain English" (one explanation for one word). Two entries for the same word give two
different tooltips and two glossary entries; the build would use only the first.
Entries for different jurisdictions (``wales`` and ``england``) may share a word.
"""

from __future__ import annotations

import os
from pathlib import Path

from localoffer.findings import Finding
from localoffer.messages import cli_language, t
from localoffer.rules import site_rule

RULE = "meta/glossary-duplicate"


def _overlap(a: str, b: str) -> bool:
    return a == b or "both" in (a, b)


@site_rule(RULE)
def glossary_duplicate(pages, ctx):
    """A glossary word that has two entries for the same jurisdiction."""
    root = getattr(ctx.settings, "root", None)
    shown = os.path.relpath(Path(root) / "data" / "glossary.yml") if root is not None else "data/glossary.yml"
    lang = cli_language()
    out = []
    seen: dict[tuple[str, str], list[dict]] = {}
    for term in ctx.glossary:
        reported = False
        for code in ("en", "cy"):
            word = " ".join(str(term["term"].get(code) or "").split()).casefold()
            if not word:
                continue
            earlier = [other for other in seen.get((code, word), [])
                       if _overlap(other["jurisdiction"], term["jurisdiction"])]
            if earlier and not reported:
                reported = True
                out.append(Finding(
                    file=shown, line=int(term.get("line") or 1), column=1, rule=RULE, severity="error",
                    message=t("checks.meta.glossary_duplicate", lang, term=term["term"].get(code),
                              first=earlier[0].get("line") or "?"),
                    suggestion=t("checks.meta.glossary_duplicate.fix", lang), lang=lang))
            seen.setdefault((code, word), []).append(term)
    return out
