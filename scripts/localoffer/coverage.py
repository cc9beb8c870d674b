"""Topic coverage: which required topics the pages cover, per jurisdiction.

The checklists are data: ``data/coverage/<jurisdiction>.yml`` (the SEND Regulations 2014
Schedule 2 topics for England, the ALN advice and information topics for Wales). Each topic
has ``id``, ``en``, ``cy``, ``source`` and ``level`` (``must``, ``should`` or ``may``).
Pages declare the topics they cover in front matter: ``topics: [schools, idp]``.

Used by ``meta/front-matter`` (known topic ids), ``meta/coverage`` (gaps) and the
``coverage`` section maker (the editors' coverage page).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from localoffer import datafile

LEVELS = ("must", "should", "may")
JURISDICTIONS = ("england", "wales")


@lru_cache(maxsize=None)
def checklist(jurisdiction: str) -> tuple[dict[str, Any], ...]:
    """The topics for ``jurisdiction``, in the order of the data file."""
    if jurisdiction not in JURISDICTIONS:
        jurisdiction = "wales"
    text = resources.files("localoffer").joinpath(f"data/coverage/{jurisdiction}.yml").read_text("utf-8")
    data = datafile.safe_load(text) or {}
    return tuple(dict(topic) for topic in data.get("topics") or [])


def topic_ids(jurisdiction: str) -> list[str]:
    return [topic["id"] for topic in checklist(jurisdiction)]


def page_topics(front_matter: dict) -> list[str]:
    """The topic ids a page's front matter declares (a list, or one string)."""
    value = (front_matter or {}).get("topics")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def covering_pages(pages, jurisdiction: str) -> dict[str, dict[str, list]]:
    """``{topic id: {lang: [pages that declare it]}}`` for every topic on the checklist.

    ``pages`` are ``Page`` objects (or anything with ``front_matter``, ``lang`` and ``path``).
    """
    result: dict[str, dict[str, list]] = {topic["id"]: {"en": [], "cy": []} for topic in checklist(jurisdiction)}
    for page in pages:
        for topic in page_topics(page.front_matter):
            if topic in result:
                result[topic].setdefault(page.lang, []).append(page)
    return result


def gaps(pages, jurisdiction: str) -> list[dict[str, Any]]:
    """The required topics (must or should) that no page covers, in checklist order."""
    covered = covering_pages(pages, jurisdiction)
    return [
        topic
        for topic in checklist(jurisdiction)
        if topic.get("level") in ("must", "should") and not any(covered[topic["id"]].values())
    ]
