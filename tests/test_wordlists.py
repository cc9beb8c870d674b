"""The word lists are data: loadable, with source and licence, sorted, no duplicates,
no word mapped to itself."""

import pytest
import yaml

from localoffer.rules import _read_data, wordlist_names

NAMES = wordlist_names()


def test_the_lists_exist():
    assert {"words_to_avoid_en", "words_to_avoid_cy", "latin_abbreviations", "jurisdiction_terms",
            "impersonal_verbs_cy", "passive_en", "well_known_acronyms"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_source_and_licence(name):
    data = _read_data(name)
    assert str(data.get("source", "")).strip() and str(data.get("licence", "")).strip()
    assert "plain english campaign" not in str(data).lower().replace("is copyright", "") or "not used" in data["source"]


def _sorted_unique(items):
    keys = [str(item).casefold() for item in items]
    assert keys == sorted(keys), "not sorted"
    assert len(items) == len(set(items)), "duplicates"  # SENCO and SENCo are different entries


@pytest.mark.parametrize("name", ["words_to_avoid_en", "words_to_avoid_cy"])
def test_words_to_avoid(name):
    words = _read_data(name)["words"]
    _sorted_unique([w["word"] for w in words])
    for entry in words:
        assert set(entry) <= {"word", "instead", "from", "unless", "level"}, entry
        assert entry["instead"].strip() and entry["word"].lower() != entry["instead"].lower()
        assert entry.get("level", "warning") in ("warning", "suggestion")
        assert entry["from"]


def test_latin_abbreviations():
    for lang, entries in _read_data("latin_abbreviations")["abbreviations"].items():
        _sorted_unique([e["forms"][0] for e in entries])
        for entry in entries:
            assert entry["instead"] not in entry["forms"]
    assert "ie" not in [f for e in _read_data("latin_abbreviations")["abbreviations"]["cy"] for f in e["forms"]]


def test_jurisdiction_terms():
    for lang, entries in _read_data("jurisdiction_terms")["terms"].items():
        _sorted_unique([e["term"] for e in entries])
        for entry in entries:
            assert set(entry) == {"term", "law", "instead"}, entry
            assert entry["law"] in ("england", "wales", "never")
            instead = entry["instead"] if isinstance(entry["instead"], dict) else {"any": entry["instead"]}
            if isinstance(entry["instead"], dict):
                assert entry["law"] == "never" and set(instead) == {"england", "wales"}, entry
            assert entry["term"] not in instead.values()


def test_simple_lists():
    data = _read_data("impersonal_verbs_cy")
    _sorted_unique(data["verbs"])
    _sorted_unique(data["not_verbs"])
    assert not set(data["verbs"]) & set(data["not_verbs"])
    passive = _read_data("passive_en")
    _sorted_unique(passive["irregular_participles"])
    _sorted_unique(passive["not_participles"])
    for lang, items in _read_data("well_known_acronyms")["acronyms"].items():
        _sorted_unique(items)


def test_messages_have_both_languages_and_same_values():
    import re
    from importlib import resources

    data = yaml.safe_load(resources.files("localoffer").joinpath("data/messages_checks.yml").read_text("utf-8"))
    for key, entry in data["messages"].items():
        assert entry.get("en") and entry.get("cy"), key
        assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["cy"])), key
