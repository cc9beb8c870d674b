"""i18n/mismatch: official English/Welsh address pairs and language forms are the same
address; a real difference is still an error; every fix names its kind of fact."""

from localoffer import source
from localoffer.rules import Context
from localoffer.rules.i18n.mismatch import mismatch


def _pair(en_text, cy_text, **options):
    en = source.parse(en_text, "page.md")
    cy = source.parse(cy_text, "page.cy.md")
    return mismatch(en, cy, Context.create("wales", options=options))


def test_gov_wales_and_llyw_cymru_are_the_same_address():
    found = _pair("Read [the guide](https://www.gov.wales/additional-learning-needs-code).\n",
                  "Darllenwch [y canllaw](https://www.llyw.cymru/cod-anghenion-dysgu-ychwanegol).\n")
    assert not found


def test_language_forms_of_one_address():
    found = _pair("See [SNAP Cymru](https://www.snapcymru.org/) and [the tribunal](https://educationtribunal.gov.wales/).\n",
                  "Gweler [SNAP Cymru](https://www.snapcymru.org/?lang=cy) a [y tribiwnlys](https://educationtribunal.gov.wales/cy/).\n")
    assert not found


def test_the_councils_own_pair_from_its_settings():
    en = "Use [our form](https://www.wrexham.gov.uk/forms/aln).\n"
    cy = "Defnyddiwch [ein ffurflen](https://www.wrecsam.gov.uk/forms/ady).\n"
    assert _pair(en, cy)  # not a pair unless the council says so
    assert not _pair(en, cy, same_web_address=[["wrexham.gov.uk", "wrecsam.gov.uk"]])


def test_a_real_difference_is_still_an_error_and_the_fix_names_the_fact():
    found = _pair("Read [the guide](https://www.gov.wales/guide). Call 01632 960 700.\n",
                  "Darllenwch [y canllaw](https://www.example.org/canllaw). Ffoniwch 01632 960 701.\n")
    assert {f.severity for f in found} == {"error"}
    messages = " ".join(f.message + " " + f.suggestion for f in found)
    assert "y cyfeiriad gwe" in messages and "y rhif ffôn" in messages
    assert "Rhaid i'r rhif ffôn fod yr un fath" in messages
    assert "llyw.cymru" in messages  # the web address fix says a Welsh site is fine


def test_the_setting_is_checked(tmp_path):
    import pytest

    from localoffer.errors import UserError
    from localoffer.settings import validate_council

    council = {"name": {"en": "A", "cy": "B"}, "jurisdiction": "wales"}
    path = tmp_path / "mkdocs.yml"
    path.write_text("extra:\n  council:\n    checks:\n      same_web_address: x\n", encoding="utf-8")
    ok = validate_council(dict(council, checks={"same_web_address": [["wrexham.gov.uk", "wrecsam.gov.uk"]]}), path)
    assert ok["checks"]["same_web_address"] == [["wrexham.gov.uk", "wrecsam.gov.uk"]]
    for bad in ("wrexham.gov.uk", [["wrexham.gov.uk"]], [["https://x.org/", "y.org"]]):
        with pytest.raises(UserError) as raised:
            validate_council(dict(council, checks={"same_web_address": bad}), path)
        assert "same_web_address" in str(raised.value)


def test_the_pairs_file_names_its_source_and_licence():
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("localoffer").joinpath("data/i18n/same_web_address.yml").read_text("utf-8"))
    assert data["source"].strip() and data["licence"].strip()
    pairs = [tuple(pair) for pair in data["pairs"]]
    assert pairs == sorted(pairs) and len(set(pairs)) == len(pairs)
    assert ("gov.wales", "llyw.cymru") in pairs
    assert all(a != b for a, b in pairs)
