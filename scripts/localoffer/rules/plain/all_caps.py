"""plain/all-caps: words written in capital letters for emphasis.

Source: GOV.UK style guide, "Capitals": do not use block capitals for emphasis, they are
harder to read; NHS digital service manual ("Formatting": avoid capitals for emphasis).
Acronyms (ALN, CAMHS, SENDIASS, EYPCF) are never "shouting": a word in capitals is only
flagged when it is an English dictionary word (IMPORTANT, PLEASE) or, in Welsh, a word
with the vowels of a word (PWYSIG), and it is not an acronym the site knows or the page
defines (SEND defined as "(SEND)" stays an acronym on that page). No fix ever lowercases
an acronym. See plain/unexplained-acronym for acronyms.
"""

from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import acronym_of, acronym_words, caps_runs, defined_acronyms, has_caps, shouting

RULE = "plain/all-caps"


@page_rule(RULE, languages=("en", "cy"))
def all_caps(page, ctx):
    """Text in capital letters (three or more words, or a word in capitals for emphasis)."""
    lang = page.lang
    known = acronym_words(ctx, lang)
    defined = None
    # what is found in a segment depends only on its text (and the page's language): each
    # distinct text is read once per run
    hits_of: dict[str, list] = ctx.memo(f"{RULE}:hits:{lang}", dict)
    findings = []
    for segment in page.segments:
        if not has_caps(segment):
            continue
        hits = hits_of.get(segment.text)
        if hits is None:
            hits = hits_of[segment.text] = _hits(segment, lang, known, ctx)
        for offset, suggestion, text in hits:
            if " " not in text:
                if defined is None:
                    defined = defined_acronyms(page)
                if acronym_of(text) in defined:
                    continue  # an acronym this page defines
            findings.append(at(page, segment, offset, RULE, "warning", "checks.plain.all_caps",
                               suggestion=suggestion, text=text))
    return findings


def _hits(segment, lang, known, ctx) -> list[tuple[int, str, str]]:
    hits = []
    words = segment.words
    covered = set()
    for first, end in caps_runs(segment):
        covered.update(range(first, end))
        if all(acronym_of(w.text) is not None and not shouting(w.text, lang) for w in words[first:end]):
            continue  # a list of acronyms ("NHS, CAMHS and SALT" in capitals), not shouting
        phrase = " ".join(w.text for w in words[first:end])
        hits.append((words[first].start, phrase.capitalize(), phrase))
    for i, word in enumerate(words):
        if i in covered or not word.text.isupper() or word.text in known:
            continue
        nxt = words[i + 1].text if i + 1 < len(words) else ""
        if shouting(word.text, lang, nxt) and (acronym_of(word.text) or word.text) not in known:
            hits.append((word.start, word.text.capitalize() if i == 0 else word.text.lower(), word.text))
    return hits
