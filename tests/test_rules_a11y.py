"""Every a11y/ source rule flags its 'flagged' example and passes its 'passes' example,
in English and Welsh, and every a11y/ rule has examples in both languages."""

from pathlib import Path

import pytest
import yaml

from localoffer import source
from localoffer.rules import Context, rules

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "a11y.yml").read_text(encoding="utf-8"))["examples"]
CTX = Context.create(jurisdiction="wales")


def found(rule_id: str, lang: str, text: str):
    page = source.parse("---\ntitle: T\n---\n" + text + "\n", f"page{'.cy' if lang == 'cy' else ''}.md", lang)
    rule = next(r for r in rules("page") if r.id == rule_id)
    return rule.function(page, CTX)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['rule']}-{e['lang']}")
def test_flagged_and_passing_examples(example):
    flagged = found(example["rule"], example["lang"], example["flagged"])
    assert flagged, f"{example['rule']} did not flag: {example['flagged']!r}"
    for item in flagged:
        assert item.rule == example["rule"] and item.lang == example["lang"]
        assert item.line >= 4  # positions point into the Markdown body, after the front matter
        assert item.message and item.suggestion
    assert found(example["rule"], example["lang"], example["passes"]) == []


def test_every_a11y_rule_has_examples_in_both_languages():
    have = {(e["rule"], e["lang"]) for e in EXAMPLES}
    for rule in rules():
        if rule.id.startswith("a11y/"):
            assert (rule.id, "en") in have and (rule.id, "cy") in have, rule.id


def test_welsh_messages_are_welsh():
    [item] = found("a11y/image-alt", "cy", "![](x.png)")
    assert "Does dim testun amgen" in item.message
