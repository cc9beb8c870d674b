"""``i18n/mismatch``: the English and Welsh pages disagree on facts that must be the same.

Phone numbers, email addresses, web addresses, amounts of money, dates, ages and
postcodes, and the number of headings, links and images. Dates are compared by value:
"3 Mawrth 2026", "3ydd Mawrth 2026", "March 3, 2026" and "3 March 2026" are the same date.

Web addresses: an official English/Welsh pair of hosts is the same address (gov.wales and
llyw.cymru, and the pairs in ``data/i18n/same_web_address.yml``; the council's own pair in
``extra.council.checks.same_web_address``), and so are the language forms of one address
(``/cy/``, ``/en/``, ``?lang=cy``). Every message names the kind of fact (web address,
phone number, date ...), and so does its fix.

Source: Welsh Language Standards (No. 1) Regulations 2015, standards 52-55 (the Welsh
page must be a full and equal version: a Welsh reader must not get a wrong phone number).
The finding is on the Welsh page, and names the English page's file and line.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from localoffer import datafile
from localoffer.messages import t
from localoffer.rules import finding, pair_rule
from localoffer.translation import is_generated

RULE = "i18n/mismatch"
FACT_KINDS = ("phone", "email", "url", "money", "date", "age", "postcode")

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Welsh, with their mutated forms ("o Fawrth", "ym Mehefin" keep the radical in dates
    # but "i Fai", "tan Orffennaf" happen)
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "fawrth": 3, "ebrill": 4, "mai": 5, "fai": 5,
    "mehefin": 6, "fehefin": 6, "gorffennaf": 7, "orffennaf": 7, "awst": 8, "medi": 9, "fedi": 9,
    "hydref": 10, "tachwedd": 11, "dachwedd": 11, "rhagfyr": 12, "ragfyr": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# 3, 3rd, 3ydd, 1af, 2il, 5ed, 11eg, 20fed
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|af|il|ydd|ed|eg|fed)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

DATE_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?:o\s+)?(?P<month>{_MONTH})\.?,?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<month>{_MONTH})\.?\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)/(?P<year>(?:19|20)\d\d)\b"),
]
PHONE_RE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
SHORT_PHONE_RE = re.compile(r"(?<![\d£.,])\b(?:999|111|112|101|116\s?123)\b(?![\d.,%])")
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?]", re.I)
MONEY_RE = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?:\s?(m|k|million|miliwn)\b)?", re.I)
POSTCODE_RE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s?(\d[A-Z]{2})\b")
# Ages: "aged 0 to 25", "0 to 25 years", "under 5", "16-year-olds", "25 oed", "rhwng 0 a 25 oed",
# "dan 5 oed", "o 16 i 25 oed".
_N = r"(\d{1,2})"
AGE_PATTERNS_EN = [
    re.compile(rf"\baged?\s+(?:from\s+|between\s+)?{_N}(?:\s*(?:to|and|-|–)\s*{_N})?", re.I),
    re.compile(rf"\b(?:under|over|up to|below|above)\s+(?:the\s+age\s+of\s+)?{_N}\b(?!\s*(?:%|£|hours|days|weeks|months|minutes))", re.I),
    re.compile(rf"\b{_N}(?:\s*(?:to|and|-|–)\s*{_N})?(?:\s*|-)years?(?:\s*|-)olds?\b", re.I),
    re.compile(rf"\bages?\s+{_N}(?:\s*(?:to|and|-|–)\s*{_N})?", re.I),
    re.compile(rf"\b{_N}\s*(?:to|-|–)\s*{_N}\s+(?:year|years)\b", re.I),
]
AGE_PATTERNS_CY = [
    re.compile(rf"\b(?:rhwng\s+|o\s+|dan\s+|hyd\s+at\s+|tan\s+|dros\s+)?{_N}(?:\s*(?:i|a|ac|-|–|tan)\s*{_N})?\s+(?:mlwydd\s+)?oed\b", re.I),
    re.compile(rf"\b{_N}(?:\s*(?:i|a|-|–)\s*{_N})?\s+(?:mlwydd|blwydd|blwyddyn|mlynedd)\s+oed\b", re.I),
    re.compile(rf"\boed(?:ran)?\s+{_N}(?:\s*(?:i|a|-|–)\s*{_N})?", re.I),
]


# Each age pattern with the words it cannot match without (lower case), to skip it quickly,
# and those words as a pattern (ignoring case, as the age patterns do) to find their lines.
def _with_needs(patterns, needs):
    return [(pattern, words, re.compile("|".join(map(re.escape, words)), re.I))
            for pattern, words in zip(patterns, needs)]


AGE_PATTERNS = {
    "en": _with_needs(AGE_PATTERNS_EN, (("age",), ("under", "over", "up to", "below", "above"), ("year",),
                                        ("age",), ("year",))),
    "cy": _with_needs(AGE_PATTERNS_CY, (("oed",), ("oed",), ("oed",))),
}
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_MAYBE_FACT = re.compile(r"\d|@|www\.|https?:", re.I)
_NUMBER_RE = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,]\d)")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Fact:
    kind: str
    value: str     # normalised, compared across languages
    shown: str     # as written
    line: int
    section: int   # index of the heading above it (-1 before the first heading)


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44") and text.strip().startswith("+"):
        digits = "0" + digits[2:]
    return digits


def _money(match: re.Match) -> str:
    pounds = int(match.group(1).replace(",", ""))
    pence = int((match.group(2) or "0").ljust(2, "0"))
    scale = (match.group(3) or "").lower()
    value = pounds * 100 + pence
    if scale in ("m", "million", "miliwn"):
        value *= 1_000_000
    elif scale == "k":
        value *= 1000
    return str(value)


def _date(match: re.Match) -> str | None:
    groups = match.groupdict()
    month = MONTHS.get((groups.get("month") or "").lower()) or int(groups.get("mnum") or 0)
    day = int(groups["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{groups['year']}-{month:02d}-{day:02d}"


def _url(url: str) -> str:
    url = url.strip().rstrip("/")
    url = re.sub(r"^https?://", "", url, flags=re.I)
    url = re.sub(r"^www\.", "", url, flags=re.I)
    host, _, rest = url.partition("/")
    return host.lower() + ("/" + rest if rest else "")


@lru_cache(maxsize=1)
def _built_in_pairs() -> tuple[tuple[str, str], ...]:
    text = resources.files("localoffer").joinpath("data/i18n/same_web_address.yml").read_text("utf-8")
    return tuple((str(a).lower(), str(b).lower()) for a, b in (datafile.safe_load(text) or {}).get("pairs") or ())


def host_pairs(ctx) -> dict[str, str]:
    """{host: the English host of its pair} for the built-in pairs and the site's own."""

    def make():
        table = {}
        pairs = list(_built_in_pairs())
        for pair in ctx.options.get("same_web_address") or ():
            if isinstance(pair, (list, tuple)) and len(pair) == 2:
                pairs.append((str(pair[0]).lower().strip(), str(pair[1]).lower().strip()))
        for english, welsh in pairs:
            for host in (english, welsh):
                table[host.removeprefix("www.")] = english.removeprefix("www.")
        return table

    return ctx.memo(f"{RULE}:host_pairs", make)


_LANG_QUERY = re.compile(r"(?:^|(?<=&))(?:lang|language|locale|hl)=(?:cy|en)(?:[-_]gb)?(?:&|$)", re.I)
_LANG_PATH = re.compile(r"(?:^|(?<=/))(?:cy|en)(?:[-_]gb)?(?:/|$)", re.I)


def same_address(value: str, pairs: dict[str, str]) -> tuple[str, bool]:
    """``value`` (from ``_url``) as the same address in either language: the English host
    of a pair, no /cy/ or /en/ path part, no ?lang=cy. Also whether the host is one of a
    pair whose two sites have different paths (then only the host can be compared)."""
    host, _, rest = value.partition("/")
    canonical = pairs.get(host)
    path, _, query = rest.partition("?")
    path = _LANG_PATH.sub("", path, count=1).rstrip("/")
    query = _LANG_QUERY.sub("", query).rstrip("&")
    result = (canonical or host) + ("/" + path if path else "") + ("?" + query if query else "")
    return result, canonical is not None and host != canonical


def _prose_lines(page) -> list[tuple[int, str]]:
    """(line number, text) of the body, without front matter, code and HTML comments."""
    skip: set[int] = set()
    for block in page.blocks:
        if block.kind in ("front_matter", "code", "comment"):
            skip.update(range(block.start, block.end + 1))
    return [(number, line) for number, line in enumerate(page.lines, 1) if number not in skip]


def _line_facts(line: str, lang: str) -> tuple[tuple[int, int, str, str, str], ...]:
    """The facts in one line of prose, as ``(pattern order, offset, kind, value, shown)``.

    No pattern matches across lines, so a line's facts depend on its text alone, and each
    distinct line is read once per process (a site repeats its contact lines on many
    pages). Patterns are tried in order; a match that overlaps an earlier one is dropped."""
    key = (lang, line)
    cached = _LINE_FACTS.get(key)
    if cached is not None:
        return cached
    found: list[tuple[int, int, str, str, str]] = []
    if _MAYBE_FACT.search(line):  # every fact has a digit, an @ or a web address
        taken: list[tuple[int, int]] = []  # spans already read

        def add(order: int, match: re.Match, kind: str, value: str | None) -> None:
            a, b = match.span()
            if any(a < y and x < b for x, y in taken):
                return
            taken.append((a, b))
            if value:
                found.append((order, a, kind, value, match.group().strip()))

        lowered = line.lower()
        order = 0
        if "www." in lowered or "://" in lowered:
            for match in URL_RE.finditer(line):
                add(order, match, "url", _url(match.group()))
        order += 1
        if "@" in line:
            for match in EMAIL_RE.finditer(line):
                add(order, match, "email", match.group().lower())
        has_year = _YEAR_RE.search(line) is not None  # every date pattern needs a year
        for pattern in DATE_PATTERNS:
            order += 1
            if has_year:
                for match in pattern.finditer(line):
                    add(order, match, "date", _date(match))
        for pattern in (PHONE_RE, SHORT_PHONE_RE):
            order += 1
            for match in pattern.finditer(line):
                add(order, match, "phone", _digits(match.group()))
        order += 1
        if "£" in line:
            for match in MONEY_RE.finditer(line):
                add(order, match, "money", _money(match))
        order += 1
        for match in POSTCODE_RE.finditer(line):
            add(order, match, "postcode", match.group(1) + " " + match.group(2))
        for pattern, needs, needs_re in AGE_PATTERNS[lang]:
            order += 1
            # the pattern cannot match without one of these words
            if any(word in lowered for word in needs) and needs_re.search(line):
                for match in pattern.finditer(line):
                    ages = [g for g in match.groups() if g]
                    add(order, match, "age", "-".join(str(int(a)) for a in ages))
    result = tuple(found)
    if len(_LINE_FACTS) >= _LINE_FACTS_MAX:
        _LINE_FACTS.clear()
    _LINE_FACTS[key] = result
    return result


_LINE_FACTS: dict[tuple[str, str], tuple] = {}
_LINE_FACTS_MAX = 100_000


def facts(page) -> list[Fact]:
    """Every fact on ``page`` that must be the same in both languages."""
    heading_lines = [h.line for h in page.headings]

    def section(line: int) -> int:
        return bisect.bisect_right(heading_lines, line) - 1

    lang = page.lang if page.lang == "cy" else "en"
    found: list[tuple[int, int, int, Fact]] = []  # (line, pattern, offset, fact): the order of reading
    for number, line in _prose_lines(page):
        for order, offset, kind, value, shown in _line_facts(line, lang):
            found.append((number, order, offset, Fact(kind, value, shown, number, section(number))))
    found.sort(key=lambda item: item[:3])
    result = [item[3] for item in found]

    def add_link_fact(kind: str, value: str | None, shown: str, line: int) -> None:
        if value:
            result.append(Fact(kind, value, shown.strip(), line, section(line)))

    # web addresses and emails in link targets ([text](https://...), mailto:, tel:)
    for link in page.links:
        target = link.target.strip()
        if re.match(r"(?i)https?://", target) and not any(
            f.kind == "url" and f.line == link.line and f.value == _url(target) for f in result
        ):
            add_link_fact("url", _url(target), target, link.line)
        elif target.lower().startswith("mailto:"):
            address = target[7:].split("?")[0].lower()
            if not any(f.kind == "email" and f.value == address and f.line == link.line for f in result):
                add_link_fact("email", address, address, link.line)
        elif target.lower().startswith("tel:"):
            number = _digits(target[4:])
            if not any(f.kind == "phone" and f.value == number and f.line == link.line for f in result):
                add_link_fact("phone", number, target[4:], link.line)
    return result


NUMBER_WORDS = {
    "en": {w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())}
    | {w: i for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())},
    "cy": {"dim": 0, "un": 1, "dau": 2, "dwy": 2, "tri": 3, "tair": 3, "pedwar": 4, "pedair": 4,
           "pump": 5, "chwech": 6, "saith": 7, "wyth": 8, "naw": 9, "deg": 10, "ddau": 2, "ddwy": 2,
           "dri": 3, "dair": 3, "bedwar": 4, "bedair": 4, "bump": 5, "chwe": 6, "ddeg": 10},
}


def numbers(page) -> set[int]:
    """Every whole number in the prose, in digits or as a word (for ages, which one language
    often gives without an age word: "when they turn 3" / "yn 3 oed")."""
    cached = page.cache.get("mismatch.numbers")
    if cached is not None:
        return cached
    words = NUMBER_WORDS.get(page.lang, {})
    text = "\n".join(line for _, line in _prose_lines(page))
    found = {int(n) for n in _NUMBER_RE.findall(text)}
    found.update(words[w] for w in set(_LETTERS_RE.findall(text.lower())) if w in words)
    page.cache["mismatch.numbers"] = found
    return found


def _unmatched(kind: str, en: list[Fact], cy: list[Fact], en_page, cy_page) -> tuple[list[Fact], list[Fact]]:
    """Facts of one kind in one language whose value is nowhere in the other.

    An age counts as matched when its numbers appear anywhere on the other page."""
    en_values = {f.value for f in en}
    cy_values = {f.value for f in cy}
    only_en = [f for f in en if f.value not in cy_values]
    only_cy = [f for f in cy if f.value not in en_values]
    if kind == "age":  # the same age on both pages matches; otherwise look for its numbers
        if only_en:
            cy_numbers = numbers(cy_page)
            only_en = [f for f in only_en if not {int(n) for n in f.value.split("-")} <= cy_numbers]
        if only_cy:
            en_numbers = numbers(en_page)
            only_cy = [f for f in only_cy if not {int(n) for n in f.value.split("-")} <= en_numbers]
    return only_en, only_cy


def _dedupe(items: list[Fact]) -> list[Fact]:
    seen, result = set(), []
    for item in items:
        if item.value not in seen:
            seen.add(item.value)
            result.append(item)
    return result


@pair_rule(RULE)
def mismatch(en_page, cy_page, ctx):
    if en_page is None or cy_page is None or is_generated(en_page) or is_generated(cy_page):
        return []
    lang = cy_page.lang
    en_path = en_page.path
    results = []
    cy_heading_lines = [h.line for h in cy_page.headings]

    def cy_line_for(section: int) -> int:
        """The Welsh line that matches an English section (its n-th heading)."""
        if 0 <= section < len(cy_heading_lines):
            return cy_heading_lines[section]
        return cy_page.front_matter_span[1] + 1 if cy_page.front_matter_span else 1

    def where(line: int) -> str:
        return f"{en_path}:{line}"

    en_facts = defaultdict(list)
    cy_facts = defaultdict(list)
    for fact in facts(en_page):
        en_facts[fact.kind].append(fact)
    for fact in facts(cy_page):
        cy_facts[fact.kind].append(fact)

    pairs = host_pairs(ctx)
    translated_hosts: set[str] = set()  # hosts whose Welsh site has other paths
    for facts_of in (en_facts, cy_facts):
        converted = []
        for fact in facts_of["url"]:
            value, translated = same_address(fact.value, pairs)
            if translated:
                translated_hosts.add(value.partition("/")[0])
            converted.append(replace(fact, value=value))
        facts_of["url"] = converted

    for kind in FACT_KINDS:
        only_en, only_cy = _unmatched(kind, _dedupe(en_facts[kind]), _dedupe(cy_facts[kind]), en_page, cy_page)
        if kind == "url" and only_en and only_cy and translated_hosts:
            # gov.wales/x on the English page and llyw.cymru/y on the Welsh page: the same
            # page of a site with translated paths, as far as anyone can tell from here
            for cy_fact in list(only_cy):
                host = cy_fact.value.partition("/")[0]
                partner = next((f for f in only_en if f.value.partition("/")[0] == host), None) \
                    if host in translated_hosts else None
                if partner is not None:
                    only_en.remove(partner)
                    only_cy.remove(cy_fact)
        label = t(f"checks.i18n.fact.{kind}", lang)
        # pair a differing value in the same section: "gives X, but English gives Y"
        for cy_fact in list(only_cy):
            partner = next((f for f in only_en if f.section == cy_fact.section), None)
            if partner is None:
                continue
            only_en.remove(partner)
            only_cy.remove(cy_fact)
            results.append(finding(
                cy_page, RULE, "error", cy_fact.line, 1, "checks.i18n.mismatch.differs",
                suggestion_key=f"checks.i18n.mismatch.fix_{kind}",
                kind=label, cy_value=cy_fact.shown, en_value=partner.shown, where=where(partner.line),
            ))
        for en_fact in only_en:
            results.append(finding(
                cy_page, RULE, "error", cy_line_for(en_fact.section), 1, "checks.i18n.mismatch.only_english",
                suggestion_key=f"checks.i18n.mismatch.fix_{kind}",
                kind=label, en_value=en_fact.shown, where=where(en_fact.line),
            ))
        for cy_fact in only_cy:
            en_line = next((h.line for i, h in enumerate(en_page.headings) if i == cy_fact.section), 1)
            results.append(finding(
                cy_page, RULE, "error", cy_fact.line, 1, "checks.i18n.mismatch.only_welsh",
                suggestion_key=f"checks.i18n.mismatch.fix_{kind}",
                kind=label, cy_value=cy_fact.shown, where=where(en_line),
            ))

    # the shape of the page: headings (by level, in order), links and images
    en_levels = [h.level for h in en_page.headings]
    cy_levels = [h.level for h in cy_page.headings]
    if len(en_levels) != len(cy_levels):
        index = next((i for i, (a, b) in enumerate(zip(en_levels, cy_levels)) if a != b),
                     min(len(en_levels), len(cy_levels)))
        cy_line = cy_page.headings[index].line if index < len(cy_levels) else cy_line_for(len(cy_levels) - 1)
        en_line = en_page.headings[index].line if index < len(en_levels) else en_page.headings[-1].line if en_levels else 1
        results.append(finding(
            cy_page, RULE, "warning", cy_line, 1, "checks.i18n.mismatch.count",
            suggestion_key="checks.i18n.mismatch.fix_headings", kind=t("checks.i18n.count.headings", lang),
            cy_count=len(cy_levels), en_count=len(en_levels), where=where(en_line),
        ))
    for kind, en_items, cy_items in (
        ("links", en_page.links, cy_page.links),
        ("images", en_page.images, cy_page.images),
    ):
        if len(en_items) != len(cy_items):
            index = min(len(en_items), len(cy_items))
            cy_line = cy_items[index].line if index < len(cy_items) else (cy_items[-1].line if cy_items else cy_line_for(-1))
            en_line = en_items[index].line if index < len(en_items) else (en_items[-1].line if en_items else 1)
            results.append(finding(
                cy_page, RULE, "warning", cy_line, 1, "checks.i18n.mismatch.count",
                suggestion_key=f"checks.i18n.mismatch.fix_{kind}", kind=t(f"checks.i18n.count.{kind}", lang),
                cy_count=len(cy_items), en_count=len(en_items), where=where(en_line),
            ))
    return sorted(results)
