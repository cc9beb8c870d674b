"""The box in the accessibility statement that says when and how the site was last tested."""

from __future__ import annotations

from localoffer.a11y import statement
from localoffer.generate import section_maker


@section_maker("accessibility-results")
def accessibility_results_section(settings, lang: str, meta: dict) -> str:
    return statement.placeholder(lang)
