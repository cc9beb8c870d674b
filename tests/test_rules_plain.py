"""Unit tests of the plain/ rules' building blocks: Welsh mutations, syllables, matching."""

from localoffer import source, welsh
from localoffer.checks import check_page, known_rule_ids
from localoffer.rules import Context, rules


def test_mutations_of_cynllun():
    assert welsh.mutations("cynllun") == {"soft": "gynllun", "nasal": "nghynllun", "aspirate": "chynllun"}


def test_mutation_tables():
    assert welsh.mutations("plentyn") == {"soft": "blentyn", "nasal": "mhlentyn", "aspirate": "phlentyn"}
    assert welsh.mutations("tad") == {"soft": "dad", "nasal": "nhad", "aspirate": "thad"}
    assert welsh.mutations("gwaith") == {"soft": "waith", "nasal": "ngwaith"}
    assert welsh.mutations("llais") == {"soft": "lais"}
    assert welsh.mutations("rhaglen") == {"soft": "raglen"}
    assert welsh.mutations("mam") == {"soft": "fam"}
    assert welsh.mutations("ysgol") == {"h": "hysgol"}
    assert welsh.mutations("chwarae") == {}
    assert welsh.forms("o ganlyniad i") >= {"o ganlyniad i", "ho ganlyniad i"}


def test_welsh_letters_and_syllables():
    assert welsh.letters("llyfrgell") == ["ll", "y", "f", "r", "g", "e", "ll"]
    assert welsh.syllables("gwasanaeth") == 3
    assert welsh.syllables("gwlad") == 1
    assert welsh.syllables("ysgol") == 2


def _findings(text, path="page.md", jurisdiction="wales"):
    page = source.parse(text, path)
    return check_page(page, Context.create(jurisdiction), known_rule_ids())


def test_mutated_words_are_found_and_positioned():
    result = _findings("Bydd y tîm yn eich\nnghynorthwyo chi.", "page.cy.md")
    found = [f for f in result.findings if f.rule == "plain/word-to-avoid"]
    assert [(f.line, f.column) for f in found] == [(2, 1)]
    assert found[0].suggestion == "helpu"


def test_acronyms_do_not_mutate_and_glossary_needs_spelling_out():
    glossary = [{"term": {"en": "ALN", "cy": "ADY"}, "expansion": {"en": "additional learning needs",
                 "cy": "anghenion dysgu ychwanegol"}, "explanation": {"en": "", "cy": ""}, "jurisdiction": "wales"}]
    ctx = Context.create("wales", glossary=glossary)
    page = source.parse("Help for ALN.", "a.md")
    rule = {r.id: r for r in rules("page")}["plain/unexplained-acronym"]
    found = rule.function(page, ctx)
    assert found and found[0].suggestion == 'Write "additional learning needs (ALN)" the first time.'


def test_long_sentence_severities():
    twenty_two = " ".join(["word"] * 22) + "."
    thirty = " ".join(["word"] * 30) + "."
    result = _findings(twenty_two + "\n\n" + thirty)
    severities = [f.severity for f in result.findings if f.rule == "plain/long-sentence"]
    assert severities == ["suggestion", "warning"]


def test_silence_a_block_with_a_reason():
    text = ("<!-- localoffer-ignore plain/latin-abbreviation: a quotation -->\nBring it, e.g. a letter.\n\n"
            "Bring it, e.g. a letter.\n")
    result = _findings(text)
    found = [f for f in result.findings if f.rule == "plain/latin-abbreviation"]
    assert [f.line for f in found] == [4]
    assert [(s.rule, s.reason, s.used) for s in result.silenced] == [("plain/latin-abbreviation", "a quotation", 1)]


def test_silence_without_reason_is_a_finding_and_silences_nothing():
    result = _findings("<!-- localoffer-ignore plain/latin-abbreviation -->\nBring it, e.g. a letter.\n")
    rules_found = {f.rule for f in result.findings}
    assert {"meta/silence-reason", "plain/latin-abbreviation"} <= rules_found


def test_silence_a_page_in_front_matter():
    text = "---\nchecks:\n  ignore:\n    plain/latin-abbreviation: quoting a law\n---\nBring it, e.g. a letter.\n"
    result = _findings(text)
    assert not [f for f in result.findings if f.rule == "plain/latin-abbreviation"]
    assert result.silenced[0].scope == "page"


def test_unknown_rule_in_silence():
    result = _findings("<!-- localoffer-ignore plain/no-such-rule: x -->\nHello.\n")
    assert [f.rule for f in result.findings if f.rule.startswith("meta/silence")] == ["meta/silence-unknown-rule"]


def test_england_mention_excuses_england_terms():
    result = _findings("If you move from England, your EHCP will be looked at again.")
    assert not [f for f in result.findings if f.rule == "plain/jargon"]
