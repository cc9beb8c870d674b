"""``meta/service``: the services data files are complete and well formed.

Source: Open Referral UK data standard (UK profile of HSDS 3.0): a service needs an id, name,
status and organisation; SEND Code of Practice 2015, 4.27 and 4.30 (eligibility, how to get the
service, who to contact). Schema: ``localoffer.services``. Each finding names the file, the
line and the expected form.
"""

from __future__ import annotations

from pathlib import Path

from localoffer import services
from localoffer.findings import Finding
from localoffer.messages import cli_language, t
from localoffer.rules import site_rule

RULE = "meta/service"


def directory(ctx) -> services.Directory:
    """The services, read once per run (tests may put a ``Directory`` in ``ctx.cache``)."""
    def make():
        root = getattr(ctx.settings, "root", None)
        return services.load_all(Path(root)) if root is not None else services.Directory()

    return ctx.memo("lok.services", make)


@site_rule(RULE)
def service_files(pages, ctx):
    """Report every problem in ``data/services/*.yml``."""
    lang = cli_language()
    return [
        Finding(file=p.file, line=p.line, column=1, rule=RULE, severity="error",
                message=t(p.key, lang, **p.fill()), suggestion=t("meta.service.fix", lang), lang=lang)
        for p in directory(ctx).problems
    ]
