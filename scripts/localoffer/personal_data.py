"""Spot text that looks like personal data about a family. Pure functions.

Used by ``privacy/personal-data`` (every page) and ``meta/you-said-we-did`` (the comments
data, which must not identify anyone: SEND Regulations 2014 reg 56).

* NHS numbers: 10 digits (``943 476 5919``, ``943-476-5919`` or ``9434765919``) whose last
  digit is the modulus 11 check digit. Source: NHS Data Dictionary, "NHS Number".
* National Insurance numbers: two letters, six digits, a letter A to D (``QQ 12 34 56 C``),
  with HMRC's letter rules. Source: HMRC National Insurance Manual NIM39110.
* Email addresses at free personal email services (``data/privacy/webmail_domains.yml``), or,
  when a council lists its allowed domains, at any other domain.
* Names (for "You said, we did" only): a title and a capitalised word ("Mrs Jones"), or
  "my son Tom", "fy merch Cerys". A simple rule with known limits: it cannot know every name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from localoffer import datafile


@dataclass(frozen=True)
class Match:
    kind: str  # "nhs_number", "ni_number", "email", "name"
    start: int
    end: int
    text: str


# --- NHS numbers ------------------------------------------------------------------------

# The look-behind comes after the first three digits, so the pattern starts with a digit
# and the regex engine can skip quickly to the next digit.
_NHS_RE = re.compile(r"(\d{3})(?<![\w.+-]\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w-]|\.\d)")


def nhs_check_digit_ok(digits: str) -> bool:
    """True when the 10-digit ``digits`` end with a valid modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9]) and len(set(digits)) > 1


def _lines_at(text: str, positions) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` that holds one of ``positions`` (in order),
    once each. The detectors below never match a line break, so each can search only the
    lines that hold what every match of it needs, not the whole text."""
    end = -1
    for position in positions:
        if position <= end:
            continue
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        if end < 0:
            end = len(text)
        yield start, end


def _finditer_on_lines(pattern: re.Pattern, text: str, positions) -> Iterator[re.Match]:
    for start, end in _lines_at(text, positions):
        yield from pattern.finditer(text, start, end)


def _positions_of(text: str, needle: str) -> Iterator[int]:
    position = text.find(needle)
    while position >= 0:
        yield position
        position = text.find(needle, position + 1)


def nhs_numbers(text: str) -> list[Match]:
    found = []
    for m in _NHS_RE.finditer(text):
        digits = m.group(1) + m.group(3) + m.group(4)
        if nhs_check_digit_ok(digits):
            found.append(Match("nhs_number", m.start(), m.end(), m.group()))
    return found


# --- National Insurance numbers ----------------------------------------------------------

_NI_RE = re.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])",
    re.I,
)
_NI_BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


_SIX_DIGITS = re.compile(r"\d\d ?\d\d ?\d\d")  # every NI number has them


def ni_numbers(text: str) -> list[Match]:
    found = []
    six_digits = (m.start() for m in _SIX_DIGITS.finditer(text))
    for m in _finditer_on_lines(_NI_RE, text, six_digits):
        prefix = (m.group(1) + m.group(2)).upper()
        if prefix in _NI_BAD_PREFIXES:
            continue
        found.append(Match("ni_number", m.start(), m.end(), m.group()))
    return found


# --- email addresses ---------------------------------------------------------------------

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


@lru_cache(maxsize=1)
def webmail_domains() -> frozenset[str]:
    text = resources.files("localoffer").joinpath("data/privacy/webmail_domains.yml").read_text("utf-8")
    return frozenset(str(d).lower() for d in (datafile.safe_load(text) or {}).get("domains") or [])


def _domain_in(domain: str, domains) -> bool:
    domain = domain.lower().rstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in domains)


def personal_emails(text: str, allowed_domains=()) -> list[Match]:
    """Addresses at a free webmail service, or (when ``allowed_domains`` is not empty)
    at any domain not in ``allowed_domains`` (sub-domains of an allowed domain are allowed)."""
    allowed = [str(d).lower().lstrip("@").rstrip(".") for d in allowed_domains or () if str(d).strip()]
    found = []
    for m in _finditer_on_lines(_EMAIL_RE, text, _positions_of(text, "@")):
        domain = m.group(1).lower()
        if _domain_in(domain, webmail_domains()) or (allowed and not _domain_in(domain, allowed)):
            found.append(Match("email", m.start(), m.end(), m.group()))
    return found


# --- names ---------------------------------------------------------------------------------

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Master|Sir|Dame|Cllr|Councillor)"
_NAME = r"[A-Z][a-zà-ÿŵŷ]+(?:[-'’][A-Z]?[a-zà-ÿŵŷ]+)?"
_TITLE_NAME_RE = re.compile(rf"\b{_TITLES}\.?\s+(?:{_NAME}|[A-Z]\.?\s+{_NAME})")
_RELATIVE_NAME_RE = re.compile(
    r"\b(?:[Mm]y|[Oo]ur)\s+(?:son|daughter|child|boy|girl|grandson|granddaughter|grandchild|"
    r"brother|sister|nephew|niece|foster (?:son|daughter|child))(?:'s)?,?\s+"
    rf"({_NAME})"
    r"|\b(?:[Ff]y|[Ee]in)\s+(?:mab|merch|mhlentyn|plentyn|ŵyr|wyres|mrawd|mrawd|chwaer|nai|nith)(?:,)?\s+"
    rf"({_NAME})"
)
# Capitalised words after "my son" that are not names ("my son, Aled" is; "my son In" is not).
_NOT_NAMES = frozenset(
    "I In On At The A An And But He She They It We Is Was Has Had Who When Where Why How "
    "Year School College Mae Yn Ac A Ond Roedd Mae'n Ym Yng".split()
)


def names(text: str) -> list[Match]:
    found = [Match("name", m.start(), m.end(), m.group()) for m in _TITLE_NAME_RE.finditer(text)]
    for m in _RELATIVE_NAME_RE.finditer(text):
        name = m.group(1) or m.group(2)
        if name in _NOT_NAMES:
            continue
        found.append(Match("name", m.start(), m.end(), m.group()))
    return sorted(found, key=lambda x: x.start)


def personal_data(text: str, allowed_domains=()) -> list[Match]:
    """NHS numbers, NI numbers and personal email addresses in ``text``, in order."""
    found = nhs_numbers(text) + ni_numbers(text) + personal_emails(text, allowed_domains)
    return sorted(found, key=lambda x: x.start)


def redact(text: str) -> str:
    """``text`` with all but its first two characters hidden, for messages."""
    text = text.strip()
    return text[:2] + "…" if len(text) > 2 else "…"
