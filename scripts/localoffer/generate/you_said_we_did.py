"""The ``you-said-we-did`` section: families' comments and what the council did, newest first.

A hand-written page says ``generate: you-said-we-did`` in its front matter; the entries
from ``data/you-said-we-did.yml`` are added to its end. See ``localoffer.you_said_we_did``.
"""

from __future__ import annotations

from localoffer import you_said_we_did as ysd
from localoffer.generate import section_maker


@section_maker("you-said-we-did")
def you_said_we_did_section(settings, lang: str, meta: dict) -> str:
    data = ysd.load(settings.root)
    return ysd.render(data.entries, lang)
