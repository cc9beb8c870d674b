"""plain/jargon: SEND and ALN terms that need explaining, and terms from the wrong law.

Sources: Welsh Government, Additional Learning Needs Code for Wales 2021; DfE SEND code of
practice (2015); BydTermCymru for Welsh terms; GOV.UK style guide, "Plain English"
("explain any technical terms"). Data: ``data/plain/jurisdiction_terms.yml`` and the
site glossary (``data/glossary.yml``).

* A term from the other law (EHCP, SENCO, SEND on a site set to wales; ALN, IDP, ALNCo on
  one set to england) is an error, unless the sentence names the other country
  ("If you move from England ...").
* "special needs" / "anghenion arbennig" is always a warning: use the legal term.
* A glossary term (not an acronym: those are plain/unexplained-acronym) used without an
  explanation is a suggestion: explain it in brackets, or link it to the glossary page.
"""

import re

from localoffer.glossary import is_acronym
from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import glossary_terms, jurisdiction_matcher
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
                found = " ".join(segment.text[words[first].start : words[end - 1].end].split())
                if entry["law"] == "never":
                    findings.append(at(page, segment, words[first].start, RULE, "warning", "checks.plain.jargon_never",
                                       suggestion=entry["instead"], term=found, instead=entry["instead"]))
                    continue
                if other_country and other_country.search(_sentence_of(segment, first)):
                    continue
                findings.append(at(page, segment, words[first].start, RULE, "error",
                                   f"checks.plain.jargon_wrong_law_{ctx.jurisdiction}",
                                   suggestion=entry["instead"], term=found, instead=entry["instead"]))
        if glossary and not is_glossary_page:
            for first, end, term in glossary.find_in(segment):
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
