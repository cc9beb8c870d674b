"""``meta/coverage``: every required topic of the jurisdiction is covered by some page.

Source: England: SEND Regulations 2014 reg 53 and Schedule 2. Wales: ALN and Education Tribunal
(Wales) Act 2018 s.9 and s.63. The checklists are ``data/coverage/england.yml`` and
``data/coverage/wales.yml``; each topic names its own legal source.

A page covers a topic when its front matter lists it: ``topics: [schools, idp]``.
A "must" topic that no page covers is an error, a "should" topic a warning. The finding
points at mkdocs.yml, where the jurisdiction is set.
"""

from __future__ import annotations

from localoffer import coverage
from localoffer.findings import Finding
from localoffer.messages import cli_language, t
from localoffer.rules import site_rule

RULE = "meta/coverage"


def _config_name(ctx) -> str:
    settings = ctx.settings
    if settings is not None and getattr(settings, "config_file", None) is not None:
        try:
            return str(settings.config_file.relative_to(settings.root))
        except ValueError:
            return str(settings.config_file)
    return "mkdocs.yml"


@site_rule(RULE)
def topic_coverage(pages, ctx):
    """Report each required topic that no page covers."""
    lang = cli_language()
    out = []
    for topic in coverage.gaps(pages, ctx.jurisdiction):
        severity = "error" if topic.get("level") == "must" else "warning"
        values = {"id": topic["id"], "name": topic.get(lang) or topic["id"], "source": topic.get("source", "")}
        out.append(
            Finding(
                file=_config_name(ctx), line=1, column=1, rule=RULE, severity=severity,
                message=t("meta.coverage.missing", lang, **values),
                suggestion=t("meta.coverage.missing_fix", lang, **values),
                lang=lang,
            )
        )
    return out
