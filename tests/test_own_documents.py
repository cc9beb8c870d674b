"""Our own documents pass our own plain-language and accessibility checks.

The README and the editors' guides are technical documents about England and Wales, so
they are checked as such: the technical acronyms below count as known, and the places
that name both countries' terms carry a silence with a reason (listed in the report).
"""

from pathlib import Path

import pytest

from localoffer import checks, source
from localoffer.findings import at_least
from localoffer.rules import Context

ROOT = Path(__file__).resolve().parent.parent
TECHNICAL = ("GOV", "CSS", "CSV", "HTML", "JSON", "PDF", "README", "URL", "YAML", "CI", "CSP", "KB", "MB",
             "PR", "JS", "XML", "HTTP", "HTTPS", "UTF", "SVG", "MIT", "API", "AA")
DOCUMENTS = ["README.md", "CONTRIBUTING.md", "CONTRIBUTING.cy.md", "hosting/README.md",
             "benchmarks/README.md"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_has_no_errors_or_warnings(name):
    path = ROOT / name
    if not path.exists():
        pytest.fail(f"{name} is missing")
    page = source.read_page(path, name)
    ctx = Context.create(jurisdiction="wales", extra_acronyms=TECHNICAL)
    result = checks.run([page], ctx)
    problems = [
        f"{f.file}:{f.line}:{f.column}: {f.rule}: {f.message}"
        for f in result.findings
        if at_least(f, "warning") and f.rule.startswith(("plain/", "a11y/", "safety/", "privacy/"))
    ]
    assert problems == []


def test_every_rule_is_explained_in_the_readme():
    """Reports link each rule id to README.md#rule-...: every rule needs its row."""
    from localoffer.checks import BUILT_IN_RULES
    from localoffer.rules import help_url, rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        rule_id for rule_id in sorted({r.id for r in rules()} | set(BUILT_IN_RULES))
        if f'id="{help_url(rule_id).split("#", 1)[1]}"' not in readme
    ]
    assert missing == []
