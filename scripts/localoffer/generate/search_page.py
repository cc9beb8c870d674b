"""The search page: where results appear, and every page of the language (for readers
without JavaScript). A hand-written page says ``generate: search``."""

from __future__ import annotations

from localoffer import search
from localoffer.generate import section_maker


@section_maker("search")
def search_section(settings, lang: str, meta: dict) -> str:
    return search.search_page_markdown(lang, search.pages_in_language(settings.docs_dir, lang))
