"""privacy/personal-data: NHS and NI numbers and personal email addresses are errors."""

from __future__ import annotations

import datetime as dt

import pytest

from localoffer import personal_data, source
from localoffer.rules import REGISTRY, Context, load_rules

load_rules()


def check(body: str, lang: str = "en", **options):
    ctx = Context.create(jurisdiction="wales", today=dt.date(2026, 11, 23), options=options)
    name = "docs/x.cy.md" if lang == "cy" else "docs/x.md"
    return REGISTRY["privacy/personal-data"].function(source.parse(f"# T\n\n{body}\n", name), ctx)


@pytest.mark.parametrize("digits, ok", [("9434765919", True), ("9434765918", False), ("4010232137", True),
                                        ("1234567890", False), ("0000000000", False)])
def test_nhs_check_digit(digits, ok):
    assert personal_data.nhs_check_digit_ok(digits) is ok


BAD = [
    ("His NHS number is 943 476 5919.", "nhs"),
    ("NHS: 943-476-5919", "nhs"),
    ("Rhif GIG: 9434765919.", "rhif GIG"),
    ("NI number AB 12 34 56 C", "National Insurance"),
    ("Rhif YG: JT123456A", "Yswiriant Gwladol"),
    ("Email me at jane.parent@gmail.com please.", "personal email"),
    ("E-bostiwch mam.tom@hotmail.co.uk", "e-bost personol"),
]


@pytest.mark.parametrize("text, words", BAD)
def test_personal_data_is_an_error(text, words):
    lang = "cy" if text.startswith(("Rhif", "E-bost")) else "en"
    [f] = check(text, lang)
    assert f.severity == "error" and f.line == 3
    assert words.lower() in f.message.lower() or words.lower().split()[0] in f.message.lower()
    assert "5919" not in f.message and "jane.parent" not in f.message and "123456" not in f.message


GOOD = [
    "Call 01632 960 123 or 01632 960123.",
    "Ring 0800 123 4567 for free.",
    "Email aln@glanafon.example or the forum at hello@glanafonpcf.org.uk.",
    "The invalid number 943 476 5918 has a wrong check digit.",
    "Postcode GF1 2AB, room 1234567890 is not a number we flag.",
    "Ffoniwch 01632 960 210.",
]


@pytest.mark.parametrize("text", GOOD)
def test_ordinary_text_passes(text):
    assert check(text) == []


def test_allowed_domains_flag_every_other_domain():
    assert check("Email hello@glanafonpcf.org.uk", allowed_email_domains=["glanafon.example"])
    assert check("Email aln@glanafon.example", allowed_email_domains=["glanafon.example"]) == []
    assert check("Email aln@schools.glanafon.example", allowed_email_domains=["glanafon.example"]) == []
