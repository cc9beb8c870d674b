"""plain/day-month-abbreviation: days and months in short form ("Mon - Fri", "Mon-Thu
9.30am", "20th Oct", "Llun - Gwe").

Source: GOV.UK style guide, "Dates" and "Times": write days and months in full and use
"to" in a range, not a dash (easier to read, and screen readers read "Mon" as a word).
Welsh names from BydTermCymru. Data: ``data/plain/day_month_names.yml``. A short form is
only flagged in a range of days, or next to a number or a time, so "sun cream" and "llun"
(a picture) are left alone.
"""

import re

from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import segment_hits

RULE = "plain/day-month-abbreviation"
_DIGIT = re.compile(r"\d")


def tables(ctx, lang):
    def make():
        data = ctx.wordlist("day_month_names")
        days = {k.lower(): v for k, v in (data["days"].get(lang) or {}).items()}
        months = {k.lower(): v for k, v in (data["months"].get(lang) or {}).items()}
        day = "|".join(sorted(map(re.escape, days), key=len, reverse=True))
        month = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
        capital = r"(?=[A-Z])"
        day_re = rf"{capital}(?i:{day})"  # "Mon", "Gwe": a capital, as in a timetable
        month_re = rf"{capital}(?i:{month})"
        range_re = re.compile(rf"(?<![\w'’])({day_re})\.?(?:\s*(?:-|–|—|to|i|tan)\s*({day_re})\.?)?(?![\w'’])")
        month_pattern = re.compile(
            rf"(?<=\d)(?:st|nd|rd|th|af|il|ydd|ed|eg|fed)?\s+({month_re})\.?(?![\w'’])"
            rf"|(?<![\w'’])({month_re})\.?\s+(?=\d)")
        # a quick look before the patterns: a short day name with its capital, as written
        hint = re.compile("|".join(sorted((re.escape(k.capitalize()) for k in days), key=len, reverse=True)))
        return days, months, range_re, month_pattern, hint

    return ctx.memo(f"{RULE}:{lang}", make)


def _full_range(first, second, lang):
    if lang == "cy":
        return f"dydd {first} i ddydd {second}" if second else f"dydd {first}"
    return f"{first} to {second}" if second else first


@page_rule(RULE, languages=("en", "cy"))
def day_month_abbreviation(page, ctx):
    """Days and months written as short forms."""
    lang = page.lang
    days, months, range_re, month_re, hint = tables(ctx, lang)
    findings = []
    for segment, hits in segment_hits(page, ctx, f"{RULE}:hits:{lang}", lambda segment: _hits(
            segment.text, lang, days, months, range_re, month_re, hint)):
        for offset, found, instead in hits:
            findings.append(at(page, segment, offset, RULE, "warning", "checks.plain.day_month_abbreviation",
                               suggestion=instead, text=found, instead=instead))
    return findings


def _hits(text, lang, days, months, range_re, month_re, hint):
    hits = []
    for match in range_re.finditer(text) if hint.search(text) else ():
        first, second = match.group(1), match.group(2)
        if second is None:
            after = text[match.end(): match.end() + 3].lstrip()
            before = text[max(0, match.start() - 3): match.start()].rstrip()
            if not (after[:1].isdigit() or before[-1:].isdigit()):
                continue  # a lone "Sun" or "Llun" is a word, not a day
        instead = _full_range(days[first.lower()], days[second.lower()] if second else None, lang)
        hits.append((match.start(), " ".join(match.group().split()), instead))
    has_digit = _DIGIT.search(text) is not None
    for match in month_re.finditer(text) if has_digit else ():
        short = match.group(1) or match.group(2)
        start = match.start(1) if match.group(1) else match.start(2)
        hits.append((start, short, months[short.lower()]))
    return sorted(hits)
