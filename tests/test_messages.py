"""Every string a reader or editor sees exists in English and Welsh."""

import re
import string
from pathlib import Path

import yaml

from localoffer import messages

DATA = Path(messages.__file__).parent / "data"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def catalogue_files():
    return sorted(DATA.glob("messages*.yml"))


def test_there_is_a_catalogue():
    assert catalogue_files()


def test_every_message_has_english_and_welsh_with_the_same_placeholders():
    for path in catalogue_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data.get("source") and data.get("licence"), path
        for key, entry in data["messages"].items():
            assert set(entry) == {"en", "cy"}, f"{path.name}: {key}"
            assert entry["en"].strip() and entry["cy"].strip(), f"{path.name}: {key}"
            assert entry["en"] != entry["cy"] or re.fullmatch(r"[{}\w:. ]+", entry["en"]), key
            assert placeholders(entry["en"]) == placeholders(entry["cy"]), f"{path.name}: {key}"


def test_lookup_fills_in_values_in_the_right_language():
    assert messages.t("cli.settings_missing", "cy", field="x") == "Mae'r gosodiad x ar goll."
    assert messages.t("cli.settings_missing", "en", field="x") == "The setting x is missing."
    assert "/" in messages.both("site.not_found_title")
