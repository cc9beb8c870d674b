"""``i18n/wrong-language``: a sentence of 4+ words in the other language.

English left in a Welsh page (a paragraph nobody translated), or Welsh pasted into an
English page. Screen readers read it with the wrong voice, and the reader may not
understand it.

Source: Welsh Language Standards (No. 1) Regulations 2015, standards 52-55 (a Welsh
page must be in Welsh); WCAG 2.2 success criterion 3.1.2 Language of Parts. Offline
language identification with py3langid (Lui & Baldwin, langid.py), restricted to English
and Welsh.

Not flagged: names (capitalised words inside a sentence), glossary terms in either
language, words in quotation marks, emphasised words (``*cylchoedd meithrin*``), text
marked with its language (``<span lang="cy">``, ``{lang=cy}``), code, web and email
addresses, numbers, and sentences with fewer than 4 words left after all that.
"""

from __future__ import annotations

import re
import unicodedata

from localoffer.rules import at, page_rule

RULE = "i18n/wrong-language"
MIN_WORDS = 4
# py3langid's probability (between English and Welsh only) that a sentence is in the other
# language. Measured on the example site and tests/fixtures/i18n: real sentences in the
# page's language score below 0.95 for the other language; untranslated sentences of 4+
# ordinary words score above 0.99.
THRESHOLD = 0.98
# ... and the sentence must also have more of the other language's common words than of
# its own: this stops a Welsh sentence full of borrowed words ("therapi", "sesiwn") or an
# English one full of Welsh names from being flagged.
FUNCTION_WORDS = {
    "en": frozenset(
        "the a an and or but of to in on at for with from by is are was were be been will would "
        "can could should must may you your we our they their it its this that these those "
        "what who when where how if not do does have has had there here about into than".split()
    ),
    "cy": frozenset(
        "y yr a ac neu ond o i yn ar at gyda gan mae oes yw ydy ydych ydyn roedd bydd fydd "
        "gall gallwch eich ein ei eu hi fe fo nhw chi ni hyn hon hwn hynny beth pwy pryd ble sut "
        "os nid ddim dim na nad sy sydd hefyd am fel drwy trwy dros heb wedi bod rhaid angen "
        "i'r o'r a'r y'r mae'n yn y 'r 'n".split()
    ),
}
# Each part stops at the next opening mark too, so a line of unclosed quotes is read once,
# not once for each quote (no catastrophic backtracking; see tests/test_fuzz.py).
_QUOTE_RE = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|(?<![\w’'])‘[^‘’\n]*’(?![\w])|«[^«»\n]*»")
_MARKED_RE = re.compile(
    r"<(?P<tag>[A-Za-z][\w-]*)[^<>]*\blang=[\"']?(?:en|cy)[\"']?[^<>]*>.{0,5000}?</(?P=tag)>"
    r"|\[[^\[\]\n]*\]\{[^{}\n]*\blang=[\"']?(?:en|cy)[\"']?[^{}\n]*\}"
    r"|(?<![\w*])\*(?!\s)[^*\n]+?(?<!\s)\*(?![\w*])"
    r"|(?<![\w_])_(?!\s)[^_\n]+?(?<!\s)_(?![\w_])",
    re.S,
)
_MAY_MARK = re.compile(r"[\"“‘*_<{«]")
_CLEAN_WORD = re.compile(r"^[^\W\d_][\w'’\-\u0300-\u036f]*$")


def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", "cy"])
    return identifier


_IDENTIFIER = None


def identifier():
    """One py3langid identifier for English and Welsh (loaded once per process)."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        _IDENTIFIER = _identifier()
    return _IDENTIFIER


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.lower().replace("’", "'"))


_WORD_INFO: dict[str, tuple[str | None, bool, bool]] = {}


def _word_info(text: str) -> tuple[str | None, bool, bool]:
    """``(folded, starts with a capital, is an acronym)`` of a word; folded is None for a
    number or code. Worked out once per distinct word (a page repeats most of its words)."""
    info = _WORD_INFO.get(text)
    if info is None:
        folded = _fold(text) if _CLEAN_WORD.match(text) else None
        info = (folded, text[:1].isupper(), text.isupper() and len(text) > 1)
        if len(_WORD_INFO) < 200_000:
            _WORD_INFO[text] = info
    return info


def glossary_words(ctx) -> frozenset[str]:
    """Every word of every glossary term and expansion, in both languages, with Welsh mutations."""

    def make():
        from localoffer.welsh import forms

        words: set[str] = set()
        for term in ctx.glossary:
            for field in ("term", "expansion"):
                value = term.get(field) or {}
                for lang, text in value.items():
                    for word in re.findall(r"[^\W\d_][\w'’\-]*", text or ""):
                        words.add(_fold(word))
                        if lang == "cy":
                            words.update(_fold(w) for w in forms(word))
        return frozenset(words)

    return ctx.memo("i18n.glossary_words", make)


def _marked_columns(line: str) -> list[tuple[int, int]]:
    """0-based column spans of a source line that are quoted, emphasised or language-marked."""
    spans = [m.span() for m in _MARKED_RE.finditer(line)]
    spans += [m.span() for m in _QUOTE_RE.finditer(line)]
    return spans


def score(text: str) -> dict[str, float]:
    """py3langid's probabilities for English and Welsh (they add up to 1)."""
    ranked = dict(identifier().rank(text))
    return {"en": float(ranked.get("en", 0.0)), "cy": float(ranked.get("cy", 0.0))}


def looks_like(words: list[str], lang: str, folded: list[str] | None = None) -> tuple[bool, float]:
    """Whether ``words`` (clean, in order) are in ``lang`` rather than the other language."""
    other = "cy" if lang == "en" else "en"
    if folded is None:
        folded = [_fold(w) for w in words]
    ours = sum(1 for w in folded if w in FUNCTION_WORDS[lang])
    theirs = sum(1 for w in folded if w in FUNCTION_WORDS[other])
    if ours < 1 or theirs > ours:
        return False, 0.0
    probability = score(" ".join(words))[lang]
    return probability >= THRESHOLD, probability


def _verdict(sentence_words, skip: frozenset[str], other: str, marked=None) -> float | None:
    """The probability that a sentence (its words) is in the ``other`` language when it
    should be flagged, else None. ``marked(word)``: the word is quoted, emphasised or
    language-marked in the source (None when the segment has no such marks)."""
    kept, kept_folded = [], []
    for position, word in enumerate(sentence_words):
        text = word.text
        folded, capital, acronym = _WORD_INFO.get(text) or _word_info(text)
        if folded is None:
            continue  # numbers, codes
        if capital and position:
            continue  # a name: "Glanafon", "Mudiad Meithrin", "CAMHS"
        if acronym:
            continue  # an acronym at the start
        if folded in skip or (marked is not None and marked(word)):
            continue
        kept.append(text)
        kept_folded.append(folded)
    if len(kept) < MIN_WORDS or FUNCTION_WORDS[other].isdisjoint(kept_folded):
        return None  # too short, or not one common word of the other language
    wrong, probability = looks_like(kept, other, kept_folded)
    return probability if wrong else None


@page_rule(RULE, languages=("en", "cy"))
def wrong_language(page, ctx):
    lang = page.lang
    other = "cy" if lang == "en" else "en"
    skip = glossary_words(ctx)
    # The verdict on a sentence without marks depends only on its text (which gives its
    # words): each distinct sentence is scored once per run.
    verdicts = ctx.memo("i18n.wrong_language.verdicts", dict)
    results = []
    for segment in page.segments:
        if segment.kind == "blockquote":
            continue
        words = segment.words
        if len(words) < MIN_WORDS:
            continue
        marked_cache: dict[int, list[tuple[int, int]]] = {}
        first_line, _ = segment.position(0)
        last_line, _ = segment.position(len(segment.text))
        has_marks = any(
            _MAY_MARK.search(page.lines[n - 1]) for n in range(first_line, min(last_line, len(page.lines)) + 1)
        )

        def marked(word) -> bool:
            line, column = segment.position(word.start)
            if line not in marked_cache:
                marked_cache[line] = _marked_columns(page.lines[line - 1]) if line <= len(page.lines) else []
            return any(a <= column - 1 < b for a, b in marked_cache[line])

        flagged = []  # (start offset, end offset, probability)
        text = segment.text
        for sentence in segment.sentences:
            if sentence.end_word - sentence.first_word < MIN_WORDS:
                continue  # too short whatever is left out
            sentence_words = words[sentence.first_word : sentence.end_word]
            if has_marks:
                probability = _verdict(sentence_words, skip, other, marked)
            else:
                key = (other, text[sentence.start : sentence.end])
                try:
                    probability = verdicts[key]
                except KeyError:
                    probability = verdicts[key] = _verdict(sentence_words, skip, other)
            if probability is not None:
                flagged.append((sentence.start, sentence.end, probability))
        # one finding per run of wrong-language sentences (a whole untranslated paragraph is one)
        runs: list[list[int]] = []
        for start, end, _ in flagged:
            if runs and not segment.text[runs[-1][1]:start].strip(" \t\n.!?;:,"):
                runs[-1][1] = end
            else:
                runs.append([start, end])
        key = "checks.i18n.wrong.english_on_welsh" if lang == "cy" else "checks.i18n.wrong.welsh_on_english"
        for start, end in runs:
            excerpt = " ".join(segment.text[start:end].split())
            if len(excerpt) > 80:
                excerpt = excerpt[:77].rstrip() + "…"
            results.append(at(page, segment, start, RULE, "warning", key,
                              suggestion_key="checks.i18n.wrong.fix", text=excerpt))
    return results
