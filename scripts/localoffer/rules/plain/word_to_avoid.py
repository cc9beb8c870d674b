"""plain/word-to-avoid: words and phrases with a plainer replacement.

Sources: GOV.UK style guide "Words to avoid" and "Plain English" (Open Government Licence
v3.0); GOV.UK inclusive language guidance; NHS digital service manual content guide;
for Welsh, Cymraeg Clir principles and BydTermCymru. The lists are data:
``data/plain/words_to_avoid_en.yml`` and ``words_to_avoid_cy.yml``. Welsh entries also
match their mutated forms (``cynorthwyo``: ``gynorthwyo``, ``nghynorthwyo``, ``chynorthwyo``).
"""

from localoffer.rules import at, page_rule
from localoffer.textmatch import PhraseMatcher, norm, tokens

RULE = "plain/word-to-avoid"


def matcher(ctx, lang):
    def make():
        m = PhraseMatcher()
        for entry in ctx.wordlist(f"words_to_avoid_{lang}").get("words") or []:
            m.add(entry["word"], entry, mutate=(lang == "cy"))
        return m

    return ctx.memo(f"{RULE}:{lang}", make)


def _excepted(words, first: int, end: int, entry) -> bool:
    """True when words[first:end] lie inside one of the entry's 'unless' phrases."""
    for phrase in entry.get("unless") or ():
        want = [norm(w) for w in tokens(phrase)]
        k = len(want)
        for s in range(max(0, end - k), first + 1):
            if s + k > len(words):
                break
            if [norm(w.text) for w in words[s : s + k]] == want:
                return True
    return False


@page_rule(RULE, languages=("en", "cy"))
def word_to_avoid(page, ctx):
    """Words and phrases that have a plainer replacement."""
    m = matcher(ctx, page.lang)
    findings = []
    for segment in page.segments:
        words = segment.words
        for first, end, entry in m.find_in(segment):
            if entry.get("unless") and _excepted(words, first, end, entry):
                continue
            if entry["word"].islower() and any(w.text[:1].isupper() for w in words[first + 1 : end]):
                continue  # part of a name: "the Disabled Children's Team"
            start, stop = words[first].start, words[end - 1].end
            found = segment.text[start:stop]
            findings.append(
                at(page, segment, start, RULE, entry.get("level", "warning"),
                   "checks.plain.word_to_avoid", suggestion=entry["instead"],
                   word=" ".join(found.split()), instead=entry["instead"])
            )
    return findings
