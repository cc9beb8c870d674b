"""plain/slash-or: a slash used for "or" ("parents/carers", "and/or", "plentyn/person
ifanc", "a/neu").

Source: GOV.UK style guide, "Slash /": do not use a slash instead of "or"; screen readers
read it as "slash". Cymraeg Clir gives the same advice for Welsh. Web addresses, dates,
fractions and numbers ("24/7", "1/2") are not words and are left alone, and so are code
(in backticks), names with hyphens or underscores ("plain/long-sentence"), acronyms
("SEN/ALN", "N/A") and a slash for "per" ("words/second", "£5/hour").
"""

import re

from localoffer import welsh
from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import segment_hits

RULE = "plain/slash-or"
# two words (letters only, the first word of two letters or more unless it is "a" of "a/neu")
# either side of one slash, not part of a path or web address
_SLASH = re.compile(r"(?<![\w/.:@-])([^\W\d_][\w'’-]*)/([^\W\d_][\w'’-]*)(?![\w/.:@]*[\w/])")
_OR = {"en": "or", "cy": "neu"}
# words that run on into the next one ("child/young person", "plentyn/person ifanc")
_RUNS_ON = {"en": frozenset({"young", "older", "younger"}), "cy": frozenset({"person", "pobl"})}
_NEXT_WORD = re.compile(r" ([^\W\d_][\w'’-]*)")
# "per": words/second, 3 sessions/week
_PER = {"en": frozenset("second seconds minute minutes hour hours day days week weeks month months year years "
                        "page pages session sessions night nights head".split()),
        "cy": frozenset("eiliad munud awr diwrnod dydd wythnos mis blwyddyn sesiwn noson".split())}


@page_rule(RULE, languages=("en", "cy"))
def slash_or(page, ctx):
    """Slashes that stand for "or"."""
    lang = page.lang
    findings = []
    for segment, hits in segment_hits(page, ctx, f"{RULE}:hits:{lang}",
                                      lambda segment: _hits(segment.text, lang) if "/" in segment.text else []):
        for offset, found, instead in hits:
            if _in_code(page, segment, offset, found):
                continue
            findings.append(at(page, segment, offset, RULE, "warning", "checks.plain.slash_or",
                               suggestion=instead, text=found, instead=instead))
    return findings


def _hits(text, lang):
    hits = []
    word_or = _OR[lang]
    for match in _SLASH.finditer(text):
        left, right = match.group(1), match.group(2)
        pair = (left.lower(), right.lower())
        if pair in (("and", "or"), ("a", "neu"), ("ac", "neu")):
            instead = word_or
        elif (len(left) < 2 or len(right) < 2 or left.isupper() or right.isupper()
              or any(mark in left + right for mark in "-_") or right.lower() in _PER[lang]):
            continue  # "w/c", "N/A", "SEN/ALN", "plain/long-sentence", "words/second"
        else:
            if lang == "cy":  # "neu" softens the next word: rhieni neu ofalwyr, plentyn neu berson
                right = welsh.mutations(right).get("soft", right.lower()) if right[:1].islower() else right
            instead = f"{left} {word_or} {right}"
            following = _NEXT_WORD.match(text, match.end())
            if following and match.group(2).lower() in _RUNS_ON[lang] and following.group(1).islower():
                instead += " " + following.group(1)
        hits.append((match.start(), match.group(), instead))
    return hits


def _in_code(page, segment, offset, found) -> bool:
    """True when ``found`` is inside `backticks` on its line of the page's source."""
    line, column = segment.position(offset)
    if not 0 < line <= len(page.lines):
        return False
    raw = page.lines[line - 1]
    if "`" not in raw:
        return False
    start = raw.find(found, max(0, column - 1 - 8))
    return start >= 0 and raw.count("`", 0, start) % 2 == 1
