"""plain/jargon: SEND and ALN terms that need explaining, and terms from the wrong law.

Sources: Welsh Government, Additional Learning Needs Code for Wales 2021; DfE SEND code of
practice (2015); BydTermCymru for Welsh terms; GOV.UK style guide, "Plain English"
("explain any technical terms"). Data: ``data/plain/jurisdiction_terms.yml`` and the
site glossary (``data/glossary.yml``).

* A term from the other law (EHCP, SENCO, SEND on a site set to wales; ALN, IDP, ALNCo on
  one set to england) is an error when it is used as the term in force. A mention is not
  flagged: a sentence that names the other country ("If you move from England ..."), a
  sentence about the old system ("ALN replaced special educational needs (SEN)", "mae ADY
  yn disodli AAA", "yn lle ...": ``data/plain/old_system_words.yml``), a term in quotation
  marks, or a term inside a longer name (of a law, document or body: "the Special
  Educational Needs Tribunal for Wales").
* "special needs" / "anghenion arbennig" is always a warning: use the legal term.
* A glossary term (not an acronym: those are plain/unexplained-acronym) used without an
  explanation is a suggestion: explain it in brackets, or link it to the glossary page.
  A suggestion never cuts across a name ("Tribiwnlys Addysg (Cymru) 2018" is part of the
  name of an Act, not the glossary term "Tribiwnlys Addysg Cymru").
"""

import re

from localoffer.glossary import is_acronym
from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import (
    crosses_punctuation, glossary_terms, in_quotes, inside_longer_name, jurisdiction_matcher, old_system_words,
)
from localoffer.textmatch import PhraseMatcher

RULE = "plain/jargon"
_OTHER_COUNTRY = {
    "wales": re.compile(r"\b(?:England|English|Lloegr|Saesneg)\b"),
    "england": re.compile(r"\b(?:Wales|Welsh|Cymru|Nghymru|Gymru|Chymru)\b"),
}
_EXPLAINED_AFTER = re.compile(r"[^\S\n]*(?:\(|[-–—:][^\S\n]|,?[^\S\n]+(?:means|which is|which are|is when|sy'n golygu|sef|yw|ydy)\b)", re.I)


def _glossary_matcher(ctx, lang):
    def make():
        m = PhraseMatcher()
        for term in glossary_terms(ctx, lang):
            word = term["term"][lang]
            if is_acronym(word):
                continue
            m.add(word, term, mutate=(lang == "cy"))
        return m

    return ctx.memo(f"{RULE}:glossary:{ctx.jurisdiction}:{lang}", make)


def _sentence_of(segment, word_index):
    for sentence in segment.sentences:
        if sentence.first_word <= word_index < sentence.end_word:
            return segment.text[sentence.start : sentence.end]
    return segment.text


@page_rule(RULE, languages=("en", "cy"))
def jargon(page, ctx):
    """Terms from the wrong law, 'special needs', and glossary terms not explained."""
    lang = page.lang
    findings = []
    wrong = jurisdiction_matcher(ctx, lang)
    old_system = old_system_words(ctx, lang)
    other_country = _OTHER_COUNTRY.get(ctx.jurisdiction)
    glossary = _glossary_matcher(ctx, lang)
    is_glossary_page = str(page.front_matter.get("generate", "")).lower() == "glossary"
    glossary_links = " ".join(
        link.text.lower() for link in page.links if "glossary" in link.target.lower() or "geirfa" in link.target.lower()
    )
    seen_glossary = set()
    for segment in page.segments:
        words = segment.words
        if not words:
            continue
        if wrong:
            for first, end, entry in wrong.find_in(segment):
                if crosses_punctuation(segment, first, end):
                    continue
                start, stop = words[first].start, words[end - 1].end
                found = " ".join(segment.text[start:stop].split())
                sentence = _sentence_of(segment, first)
                if (old_system.search(sentence) or in_quotes(segment.text, start, stop)
                        or inside_longer_name(segment, first, end)):
                    continue  # a mention of the old term, not the term in force
                instead = entry["instead"]
                if isinstance(instead, dict):
                    instead = instead.get(ctx.jurisdiction) or next(iter(instead.values()))
                if entry["law"] == "never":
                    findings.append(at(page, segment, start, RULE, "warning", "checks.plain.jargon_never",
                                       suggestion=instead, term=found, instead=instead))
                    continue
                if other_country and other_country.search(sentence):
                    continue
                findings.append(at(page, segment, start, RULE, "error",
                                   f"checks.plain.jargon_wrong_law_{ctx.jurisdiction}",
                                   suggestion=instead, term=found, instead=instead))
        if glossary and not is_glossary_page:
            for first, end, term in glossary.find_in(segment):
                if crosses_punctuation(segment, first, end) or inside_longer_name(segment, first, end):
                    continue  # not the term: part of a name, or words split by punctuation
                key = term["term"][lang]
                if key in seen_glossary:
                    continue
                seen_glossary.add(key)
                found = " ".join(segment.text[words[first].start : words[end - 1].end].split())
                if segment.kind == "heading":
                    seen_glossary.discard(key)
                    continue
                if found.lower() in glossary_links or _EXPLAINED_AFTER.match(segment.text, words[end - 1].end):
                    continue
                findings.append(at(page, segment, words[first].start, RULE, "suggestion", "checks.plain.jargon_glossary",
                                   suggestion_key="checks.plain.jargon_glossary.fix", term=found))
    return findings
