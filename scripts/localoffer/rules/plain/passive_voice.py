"""plain/passive-voice (English): "the form will be sent" rather than "we will send the form".

Source: GOV.UK style guide, "Active voice" ("Use the active rather than passive voice");
NHS digital service manual, "How we write" ("use the active voice"). Word lists:
``data/plain/passive_en.yml``. A suggestion only: sometimes the passive is right.
"""

from localoffer.rules import at, page_rule

RULE = "plain/passive-voice"
_SKIP_BETWEEN = frozenset({"not", "also", "often", "usually", "always", "never", "then", "only", "being", "still", "now"})


def _lists(ctx):
    def make():
        data = ctx.wordlist("passive_en")
        return (frozenset(data["be_forms"]), frozenset(data["irregular_participles"]),
                frozenset(data["not_participles"]))

    return ctx.memo(RULE, make)


def _participle(word: str, irregular, not_participles) -> bool:
    if word in not_participles:
        return False
    if word in irregular:
        return True
    return len(word) >= 5 and word.endswith("ed") and not word.endswith("eed") and word.isalpha()


@page_rule(RULE, languages=("en",))
def passive_voice(page, ctx):
    """Verbs in the passive voice (a form of 'be' and a past participle)."""
    be_forms, irregular, not_participles = _lists(ctx)
    # what is found in a segment depends only on its text: each distinct text is read once per run
    hits_of: dict[str, list] = ctx.memo(f"{RULE}:hits", dict)
    findings = []
    for segment in page.segments:
        text = segment.text
        hits = hits_of.get(text)
        if hits is None:
            hits = hits_of[text] = _hits(text, segment.words, be_forms, irregular, not_participles)
        for offset, phrase in hits:
            findings.append(at(page, segment, offset, RULE, "suggestion", "checks.plain.passive_voice",
                               suggestion_key="checks.plain.passive_voice.fix", phrase=phrase))
    return findings


def _hits(text, words, be_forms, irregular, not_participles) -> list[tuple[int, str]]:
    hits = []
    n = len(words)
    for i, word in enumerate(words):
        if word.text.lower() not in be_forms:
            continue
        j = i + 1
        while j < n and j <= i + 2 and (words[j].text.lower() in _SKIP_BETWEEN or words[j].text.lower().endswith("ly")):
            j += 1
        if j >= n:
            continue
        following = words[j].text.lower()
        if not _participle(following, irregular, not_participles):
            continue
        between = text[word.end : words[j].start]
        if any(mark in between for mark in ".!?:;()"):
            continue
        if j + 1 < n and words[j + 1].text.lower() == "to" and following in ("used", "supposed"):
            continue
        hits.append((word.start, " ".join(text[word.start : words[j].end].split())))
    return hits
