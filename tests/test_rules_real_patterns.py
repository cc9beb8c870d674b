"""The patterns of issue 15, one by one, in English and Welsh (the corpus in tests/corpus/
has them in whole pages)."""

import pytest

from localoffer import source
from localoffer.rules import Context, rules

from pathlib import Path

from localoffer.glossary import load_glossary

GLOSSARY = load_glossary(Path(__file__).parent / "corpus" / "glossary.yml")  # has Tribiwnlys Addysg Cymru


def _findings(text, lang="en", jurisdiction="wales", rule=None, glossary=None):
    page = source.parse(text, "page.cy.md" if lang == "cy" else "page.md")
    ctx = Context.create(jurisdiction, glossary=glossary)
    found = []
    for r in rules("page", lang):
        if rule is None or r.id == rule:
            found.extend(r.function(page, ctx))
    return found


def _rules(found):
    return sorted({f.rule for f in found})


@pytest.mark.parametrize("text, lang", [
    ("The ALN system replaced the special educational needs (SEN) system.", "en"),
    ('What used to be called "special educational needs" is now additional learning needs.', "en"),
    ("It used to be called the Special Educational Needs Tribunal for Wales (SENTW).", "en"),
    ("Mae'r system ADY yn disodli'r system anghenion addysgol arbennig (AAA).", "cy"),
    ("ADY yw'r term sydd bellach yn cael ei ddefnyddio yn lle \"anghenion addysgol arbennig\".", "cy"),
    ("Tribiwnlys Anghenion Addysgol Arbennig Cymru oedd yr hen enw arno.", "cy"),
])
def test_old_system_mentions_are_not_errors(text, lang):
    assert not [f for f in _findings(text, lang, rule="plain/jargon") if f.severity == "error"]


@pytest.mark.parametrize("text, lang", [
    ("Ask your school about SEN support for your child.", "en"),
    ("Ask for an EHCP at your school.", "en"),
    ("Ask the SENCO at your school.", "en"),
    ("Gofynnwch i'r ysgol am gynllun AAA eich plentyn.", "cy"),
])
def test_the_other_laws_term_in_force_is_still_an_error(text, lang):
    assert [f.severity for f in _findings(text, lang, rule="plain/jargon")] == ["error"]


def test_never_term_suggests_the_sites_own_law():
    text = "It replaced nothing. Your child has a statement of special educational needs."
    england = _findings(text, "en", "england", rule="plain/jargon")
    wales = _findings(text, "en", "wales", rule="plain/jargon")
    assert "EHC plan" in england[0].suggestion and "IDP" in wales[0].suggestion


def test_a_jargon_suggestion_never_cuts_across_a_name():
    text = "Crëwyd y system gan Ddeddf Anghenion Dysgu Ychwanegol a'r Tribiwnlys Addysg (Cymru) 2018."
    assert not _findings(text, "cy", rule="plain/jargon", glossary=GLOSSARY)
    assert _findings("Gallwch apelio i Dribiwnlys Addysg Cymru.", "cy", rule="plain/jargon", glossary=GLOSSARY)


@pytest.mark.parametrize("text, lang, jurisdiction", [
    ("Ask SENDIASS for help. Call the SENDIASS helpline.", "en", "england"),
    ("The Eastshire Parent Carer Forum (EYPCF) can help. Ask EYPCF.", "en", "england"),
    ("Special educational needs and disabilities (SEND). The SEND team will call.", "en", "england"),
    ("Children with ADHD can get support.", "en", "wales"),
    ("Tribiwnlys Anghenion Addysgol Arbennig Cymru (TAAAC) oedd yr hen enw. Mae TAAAC wedi cau.", "cy", "wales"),
])
def test_an_acronym_is_never_shouting(text, lang, jurisdiction):
    assert not _findings(text, lang, jurisdiction, rule="plain/all-caps")


def test_no_fix_lowercases_an_acronym():
    found = _findings("PLEASE NOTE: call us. It is IMPORTANT.", "en", rule="plain/all-caps")
    assert found and all(f.suggestion not in ("sendiass", "eypcf") for f in found)


def test_defined_send_stays_an_acronym_on_that_page():
    text = "Support for special educational needs and disabilities (SEND).\n\nThe SEND team can help. SEND support is free."
    assert not _findings(text, "en", "england", rule="plain/unexplained-acronym")
    assert not _findings(text, "en", "england", rule="plain/all-caps")


@pytest.mark.parametrize("text, lang", [
    ('# "Additional learning needs" or "ALN"\n\nEvery school supports ALN.', "en"),
    ("# Anghenion dysgu ychwanegol neu 'ADY'\n\nMae pob ysgol yn cefnogi ADY.", "cy"),
    ("Every school has an additional learning needs coordinator, or ALNCo. Ask the ALNCo.", "en"),
    ("Mae gan bob ysgol gydlynydd anghenion dysgu ychwanegol, neu CydADY. Gofynnwch i'r CydADY.", "cy"),
    ("Mae cynllun datblygu unigol (CDU) gan bob plentyn. Mae CDUau yn cael eu hadolygu. Gofynnwch am eich gCDU.", "cy"),
    ("Mae'r DU, yr UE a'r GIG yn wahanol.", "cy"),
    ("- **CydADY**: cydlynydd anghenion dysgu ychwanegol\n- Gofynnwch i'r CydADY.", "cy"),
])
def test_acronym_definitions_plurals_and_known_acronyms(text, lang):
    assert not _findings(text, lang, rule="plain/unexplained-acronym")


def test_or_without_matching_letters_is_no_definition():
    found = _findings("If you disagree about your child's ALN or IDP, ask us.", "en", rule="plain/unexplained-acronym")
    assert {f.message.split()[0] for f in found} == {"ALN", "IDP"}


def test_short_forms_are_one_word():
    page = source.parse("Plentyn yw unrhyw un o dan 16 oed, h.y. plentyn ysgol, e.e. yn y cynradd.", "a.cy.md")
    assert [w.text for w in page.segments[0].words][8:10] == ["h.y.", "plentyn"]
    assert page.segments[0].sentences[0].word_count == 15


def test_legal_definition_is_not_a_word_to_avoid():
    text = "Special educational provision is provision that is additional to, or different from, what others get."
    assert not _findings(text, "en", rule="plain/word-to-avoid")
    assert _findings("This is additional to your allowance.", "en", rule="plain/word-to-avoid")


def test_passive_with_by_says_so_and_legal_status_is_no_passive():
    by = _findings("The decision is made by the SEND panel.", "en", rule="plain/passive-voice")
    assert by and "only at the end" in by[0].message and "the SEND panel" in by[0].message
    timed = _findings("Applications should be made by 31 May.", "en", rule="plain/passive-voice")
    assert timed and "does not say who" in timed[0].message
    assert not _findings("A child who is looked after by the council has a social worker.", "en",
                         rule="plain/passive-voice")


def test_welsh_cael_passive_with_gan_says_so():
    with_gan = _findings("Mae'r gwasanaeth yn cael ei redeg gan SNAP Cymru.", "cy", rule="plain/impersonal-verb")
    without = _findings("Mae'r CDU yn cael ei adolygu bob blwyddyn.", "cy", rule="plain/impersonal-verb")
    assert "ar y diwedd" in with_gan[0].message and "cuddio" in without[0].message


def test_slash_or_in_welsh_mutates_after_neu():
    found = _findings("Mae angen cymorth ar y plentyn/person ifanc a'i rieni/gofalwyr.", "cy", rule="plain/slash-or")
    assert [f.suggestion for f in found] == ["plentyn neu berson ifanc", "rieni neu ofalwyr"]
