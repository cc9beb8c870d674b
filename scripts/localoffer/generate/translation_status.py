"""The editors' translation status page (``generate: translation-status``)."""

from __future__ import annotations

from localoffer import translation
from localoffer.generate import section_maker


@section_maker("translation-status")
def translation_status_section(settings, lang: str, meta: dict) -> str:
    return translation.translation_status_markdown(lang, translation.collect_status(settings.docs_dir))
