"""Every plain/ rule flags its 'flagged' example and passes its 'passes' example, in both
languages (one language for the English-only and Welsh-only rules)."""

from pathlib import Path

import pytest
import yaml

from localoffer import source
from localoffer.rules import Context, rules

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "plain.yml").read_text("utf-8"))["examples"]
ONE_LANGUAGE = {"plain/passive-voice": ("en",), "plain/impersonal-verb": ("cy",)}


def _run(example, text):
    if example.get("long"):
        text = text * 12
    path = "page.cy.md" if example["lang"] == "cy" else "page.md"
    page = source.parse(text, path)
    ctx = Context.create(example.get("jurisdiction", "wales"))
    rule = {r.id: r for r in rules("page")}[example["rule"]]
    return [f for f in rule.function(page, ctx) if f.rule == example["rule"]]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['rule']}-{e['lang']}")
def test_flagged(example):
    found = _run(example, example["flagged"])
    assert found, f"{example['rule']} did not flag: {example['flagged']}"
    for finding in found:
        assert finding.lang == example["lang"]
        assert finding.line >= 1 and finding.column >= 1


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['rule']}-{e['lang']}")
def test_passes(example):
    found = _run(example, example["passes"])
    assert not found, [f.message for f in found]


def test_every_plain_rule_has_examples_in_each_language():
    covered = {(e["rule"], e["lang"]) for e in EXAMPLES}
    missing = []
    for rule in rules("page"):
        if not rule.id.startswith("plain/"):
            continue
        for lang in ONE_LANGUAGE.get(rule.id, ("en", "cy")):
            if (rule.id, lang) not in covered:
                missing.append((rule.id, lang))
    assert not missing, f"rules without examples: {missing}"


def test_every_plain_rule_names_its_source():
    import importlib

    for rule in rules("page"):
        if rule.id.startswith("plain/"):
            doc = importlib.import_module(rule.module).__doc__ or ""
            assert "Source" in doc or "source" in doc, rule.module
