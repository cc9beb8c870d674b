"""plain/passive-voice (English): "the form will be sent" rather than "we will send the form".

Source: GOV.UK style guide, "Active voice" ("Use the active rather than passive voice");
NHS digital service manual, "How we write" ("use the active voice"). Word lists:
``data/plain/passive_en.yml``. A suggestion only: sometimes the passive is right.

Not passives: names and legal statuses ("is called", "is known as", "a child who is looked
after" - Children Act 1989 s.22 - "is made up of"). When "by ..." says who does the action
("is made by the panel"), the message says so and suggests putting them first.
"""

from localoffer.rules import at, page_rule
from localoffer.rules.plain.common import segment_hits

RULE = "plain/passive-voice"
_SKIP_BETWEEN = frozenset({"not", "also", "often", "usually", "always", "never", "then", "only", "being", "still", "now"})


_DETERMINERS = frozenset({"the", "a", "an", "your", "their", "our", "its", "his", "her", "this", "that", "each", "every"})


def _lists(ctx):
    def make():
        data = ctx.wordlist("passive_en")
        phrases = {}
        for phrase in data.get("not_passive_phrases") or ():
            words = tuple(phrase.split())
            phrases.setdefault(words[0], []).append(words[1:])
        return (frozenset(data["be_forms"]), frozenset(data["irregular_participles"]),
                frozenset(data["not_participles"]), phrases, frozenset(data.get("no_agent_after_by") or ()))

    return ctx.memo(RULE, make)


def _agent(text, words, j: int, no_agent) -> int | None:
    """The index of the last word of "by <who>" after the participle words[j], or None."""
    n = len(words)
    for k in range(j + 1, min(n, j + 5)):
        if words[k].text.lower() != "by":
            continue
        m = k + 1
        while m < n and words[m].text.lower() in _DETERMINERS:
            m += 1
        if m >= n:
            return None
        who = words[m].text.lower()
        if who in no_agent or who[:1].isdigit() or who.endswith("ing"):
            return None
        # the name of who does it: up to three words, within the clause
        end = m
        while end + 1 < min(n, m + 3) and not any(mark in text[words[end].end : words[end + 1].start]
                                                  for mark in ".,;:!?()"):
            end += 1
        return end
    return None


def _participle(word: str, irregular, not_participles) -> bool:
    if word in not_participles:
        return False
    if word in irregular:
        return True
    return len(word) >= 5 and word.endswith("ed") and not word.endswith("eed") and word.isalpha()


@page_rule(RULE, languages=("en",))
def passive_voice(page, ctx):
    """Verbs in the passive voice (a form of 'be' and a past participle)."""
    be_forms, irregular, not_participles, not_passive, no_agent = _lists(ctx)
    findings = []
    for segment, hits in segment_hits(page, ctx, f"{RULE}:hits", lambda segment: _hits(
            segment.text, segment.words, be_forms, irregular, not_participles, not_passive, no_agent)):
        for offset, phrase, key in hits:
            findings.append(at(page, segment, offset, RULE, "suggestion", key,
                               suggestion_key=key + ".fix", phrase=phrase))
    return findings


def _hits(text, words, be_forms, irregular, not_participles, not_passive, no_agent) -> list[tuple[int, str, str]]:
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
        if any(tuple(w.text.lower() for w in words[j + 1 : j + 1 + len(rest)]) == rest
               for rest in not_passive.get(following, ())):
            continue  # "is called", "are looked after": a name or a legal status
        agent = _agent(text, words, j, no_agent)
        if agent is not None:
            hits.append((word.start, " ".join(text[word.start : words[agent].end].split()),
                         "checks.plain.passive_voice_by"))
            continue
        hits.append((word.start, " ".join(text[word.start : words[j].end].split()), "checks.plain.passive_voice"))
    return hits
