"""The glossary page's list of terms, made from data/glossary.yml.

Each term shows, as the glossary's introduction promises:

* its explanation in the page's language;
* the term in the other language, marked with its language (``lang``) so a screen reader
  says it right ("In Welsh: ADY (anghenion dysgu ychwanegol)");
* on a Welsh council's site, England's terms too (``jurisdiction: england``: EHCP, SENCO,
  SEND), marked clearly in words ("Used in England, not in Wales"), because families meet
  them online. On an English council's site, Wales-only terms are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from localoffer import glossary
from localoffer.generate import section_maker
from localoffer.mdtext import attribute, escape
from localoffer.messages import t

OTHER = {"en": "cy", "cy": "en"}


def shown(term: dict[str, Any], jurisdiction: str) -> bool:
    """A term for this site's glossary: its own jurisdiction's and both; a Welsh site also
    shows England's (marked)."""
    return glossary.applies(term, jurisdiction) or (jurisdiction == "wales" and term["jurisdiction"] == "england")


def _title(term: dict[str, Any], lang: str) -> str | None:
    word = term["term"].get(lang)
    if not word:
        return None
    expansion = (term.get("expansion") or {}).get(lang)
    return f"{word} ({expansion})" if expansion else word


def term_markdown(term: dict[str, Any], lang: str, jurisdiction: str, languages=("en", "cy")) -> str:
    """One term as a Markdown definition list item."""
    title = _title(term, lang)
    body = []
    if term["jurisdiction"] == "england" and jurisdiction != "england":
        body.append(f"**{t('pages.glossary_england', lang)}**")
    body.append(escape(term["explanation"].get(lang) or ""))
    other = OTHER.get(lang)
    other_title = _title(term, other) if other in languages else None
    if other_title and other_title != title:
        body.append(f'{t("pages.glossary_other_" + other, lang)} '
                    f'<span lang="{attribute(other)}">{escape(other_title)}</span>')
    text = "\n\n    ".join(body)
    return f"{escape(title)}\n:   {text}\n"


def glossary_markdown(terms: list[dict[str, Any]], lang: str, jurisdiction: str, languages=("en", "cy")) -> str:
    """The glossary as a Markdown definition list, sorted by term."""
    rows = []
    for term in terms:
        if not term["term"].get(lang) or not shown(term, jurisdiction):
            continue
        rows.append((term["term"][lang].lower(), term_markdown(term, lang, jurisdiction, languages)))
    rows.sort()
    return "\n".join(text for _, text in rows)


@section_maker("glossary")
def glossary_section(settings, lang: str, meta: dict) -> str:
    terms = glossary.load_glossary(Path(settings.root) / "data" / "glossary.yml")
    return glossary_markdown(terms, lang, settings.jurisdiction, tuple(settings.languages))
