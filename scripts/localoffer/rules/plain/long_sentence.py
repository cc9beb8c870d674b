"""plain/long-sentence: sentences over 25 words (warning) or over 20 words (suggestion).

Sources: GOV.UK style guide ("Keep sentences short": 25 words or fewer); Cymraeg Clir
(short sentences, about 25 words at most); NHS digital service manual ("How we write":
aim for 15 to 20 words).
"""

from localoffer.rules import at, page_rule

RULE = "plain/long-sentence"
WARNING_OVER = 25
SUGGESTION_OVER = 20


@page_rule(RULE, languages=("en", "cy"))
def long_sentence(page, ctx):
    """Sentences of more than 25 words (warning) or 20 words (suggestion)."""
    findings = []
    for segment in page.segments:
        if len(segment.words) <= SUGGESTION_OVER:
            continue
        for sentence in segment.sentences:
            count = sentence.word_count
            if count > WARNING_OVER:
                severity, limit = "warning", WARNING_OVER
            elif count > SUGGESTION_OVER:
                severity, limit = "suggestion", SUGGESTION_OVER
            else:
                continue
            findings.append(
                at(page, segment, sentence.start, RULE, severity, "checks.plain.long_sentence",
                   suggestion_key="checks.plain.long_sentence.fix", count=count, limit=limit)
            )
    return findings
