"""The glossary page's list of terms, made from data/glossary.yml."""

from __future__ import annotations

from pathlib import Path

from localoffer import glossary
from localoffer.generate import section_maker


@section_maker("glossary")
def glossary_section(settings, lang: str, meta: dict) -> str:
    terms = glossary.load_glossary(Path(settings.root) / "data" / "glossary.yml")
    return glossary.glossary_markdown(terms, lang, settings.jurisdiction)
