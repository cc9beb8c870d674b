"""safety/rendered-html: the page's rendered HTML, read as a browser reads it, has nothing
off the site's list; the report points at the source line; harmless Markdown passes."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localoffer import checks, sanitise, source
from localoffer.rules import REGISTRY, Context, load_rules
from localoffer.rules.safety import rendered_html as rule

load_rules()
CTX = Context.create(jurisdiction="wales", today=dt.date(2026, 11, 23))


def findings(body: str, lang: str = "en", rule_id: str = "safety/rendered-html"):
    name = "docs/x.cy.md" if lang == "cy" else "docs/x.md"
    return REGISTRY[rule_id].function(source.parse(f"# Title\n\n{body}\n", name), CTX)


def all_safety(body: str):
    page = source.parse(f"# Title\n\n{body}\n", "docs/x.md")
    return [f for f in checks.check_page(page, CTX).findings if f.rule.startswith("safety/")]


# (Python-Markdown turns a tab into spaces, so "java<TAB>script:" in a link is not
# live; the browser would drop a tab there, so the rule still renders such a page.)
# The classes of issue 14 that the Markdown-level rule missed: (payload, line of the
# live markup, counting "# Title" as line 1).
MISSED_BY_SOURCE_RULE = [
    ("Text \\`<img src=x onerror=alert(1)>\\` here", 3),
    ("<div>\n`code` <img src=x onerror=alert(1)>\n</div>", 4),
    ("<!-- --!><img src=x onerror=alert(1)>-->", 3),
    ("<!--><img src=x onerror=alert(1)>-->", 3),
    ("<img src='x' alt=\"'\" onerror=alert(1)>", 3),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', 3),
    ('<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>', 3),
    ('<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>', 3),
    ('A paragraph\n{: onclick="alert(1)" title="{" }', 4),
    ('## Heading { onclick="alert(1)" }', 3),
    ("[a [b] c](javascript:alert(1))", 3),
    ("[click](\njavascript:alert(1))", 4),
    ("[click]( javascript:alert(1))", 3),
    ("> [x][r]\n>\n> [r]: javascript:alert(1) \"title\"", 5),
    ("- [x][r]\n\n    [r]: <javascript:alert(1)>", 5),
    ("<javascript://%0aalert(1)>", 3),
    ('<svg><animate attributeName=href values="javascript:alert(1)"/></svg>', 3),
    ("<x,<script src=https://evil.example/x.js></script>", 3),
    ("[click](JaVaScRiPt:alert(1))", 3),
    ('<a href="java&#x0A;script:alert(1)">x</a>', 3),
    ('<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', 3),
    ('<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>', 3),
    ('<div id="__config">x</div>', 3),
    ('<div data-md-component="search">x</div>', 3),
    ("<template><img src=x onerror=alert(1)></template>", 3),
]


@pytest.mark.parametrize("payload, line", MISSED_BY_SOURCE_RULE)
def test_live_markup_is_an_error_at_its_line(payload, line):
    # what the browser would get has something off the list...
    assert sanitise.problems(rule.render(f"# Title\n\n{payload}\n", CTX)), payload
    # ...and the safety rules report it at its line (this rule says nothing where
    # safety/raw-html has already named the same thing on that line)
    found = all_safety(payload)
    assert all(f.severity == "error" for f in found)
    assert line in {f.line for f in found}, [(f.line, f.message) for f in found]


HARMLESS = [
    "Plain text with a [link](https://example.org/) and [a page](other.md#part).",
    "Call [01632 960 123](tel:01632960123) or [email us](mailto:aln@council.example).",
    "Words & more: <abbr title=\"additional learning needs\">ALN</abbr>, <kbd>Ctrl</kbd>, H<sub>2</sub>O.",
    "<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>",
    '<div markdown>\n\n**Bold** inside.\n\n</div>',
    '<span lang="cy">Croeso</span> and <br> a break.',
    "| Left | Centre |\n| :--- | :---: |\n| a | b |",
    "A footnote.[^1]\n\n[^1]: The note.",
    "!!! note \"Good to know\"\n\n    Text in a box.",
    "A paragraph with a class\n{: .lead }",
    "*[IDP]: individual development plan\n\nYour IDP is a plan.",
    "Term\n:   Its meaning.",
    "```html\n<script>alert(1)</script>\n```",
    "Inline `<script>alert(1)</script>` code.",
    "Our data: none. Read the script: it is short.",
]


@pytest.mark.parametrize("body", HARMLESS)
def test_harmless_markdown_passes(body):
    assert findings(body) == []


def test_one_report_per_thing_when_the_source_rule_has_named_it():
    found = all_safety('<img src=x onerror="alert(1)">')
    assert len([f for f in found if f.line == 3]) == 1


def test_welsh_page_gets_welsh_message():
    found = findings("<x,<script src=https://evil.example/x.js></script>", lang="cy")
    assert found and "Pan gaiff y dudalen hon ei dangos" in found[0].message


def test_plain_pages_are_not_rendered():
    assert not rule.needs_render("# Title\n\nPlain words. Email: aln@council.example. See [x](https://a.example/b).")
    assert not rule.needs_render("Q&A, Health & Safety <!-- localoffer-ignore plain/x: why --> <https://a.example/> a<br>b")
    assert not rule.needs_render('Your <abbr title="individual development plan">IDP</abbr>, <span lang="cy">Croeso</span>.')
    assert rule.needs_render('<abbr title="x" onclick="y">IDP</abbr>')
    assert rule.needs_render('<abbr title="x"y">IDP</abbr>')
    for text in ("a < b", "&colon;", "&#106;", "<!-- a -- b --><img>", "{: .x }", "--8<-- \"x.txt\"", "[x](java\tscript:1)",
                 "[x](data:text/html,1)", "x\x02y", "[x](VBSCRIPT:1)", "[x](java\\\nscript:1)"):
        assert rule.needs_render(text), text


# Text made of Markdown's own punctuation and the letters of the dangerous schemes, with
# no character that makes the rule render the page: nothing off the list may come out.
_ALPHABET = (string.ascii_letters[:26] + "JSAV" + "[]()!*_-#>:/\\ .,'\"`|=+~\n\t")
_PIECES = st.sampled_from(["javascript", "vbscript", "data", ":", "[x](", ")", "![a](", "]: ",
                           "\n", " ", "\t", "java", "script", "](", "[r]", "\n[r]: ", "<", "&",
                           "<!-- ", " -->", "<https://a.example/", "<mailto:a@b.example>", ">",
                           "<br>", "&", ";", "amp", "#", "x", "colon", "Q&A", "<!--", "-->", "--",
                           '<abbr title="', '<span lang="cy">', "</span>", "<kbd>", '"', "'", "=",
                           ' class="', ' onclick="', "<img", "<a href=", "<code>", "`"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(alphabet=_ALPHABET, max_size=6)), max_size=30))
def test_a_page_not_rendered_could_not_have_made_anything_off_the_list(parts):
    text = "".join(parts)
    if rule.needs_render(text):
        return
    html = rule.render(text, CTX)
    # Only a link whose scheme runs nothing (ftp:) may be left for the sanitiser: the rule
    # finds those from the page's links (test below), not from the text
    left = [p for p in sanitise.problems(html or "") if not (p.kind == "url" and not sanitise.runs_code(p.value))]
    assert left == [], (text, html)


def test_a_link_with_a_scheme_off_the_list_is_reported():
    found = findings("Files: [our server](ftp://files.example/) and [text](sms:0123).")
    assert {f.message.split('"')[-2] for f in found} == {"ftp:", "sms:"}


def test_a_page_too_complex_to_render_is_reported_not_skipped():
    """Python-Markdown takes minutes on 15,000 "<a " in a row: the rule stops rendering
    after its limit and says the page could not be checked (an error, so it is seen)."""
    found = findings("<a " * 15_000)
    assert [f.message.split(":")[0] for f in found] == ["This page could not be checked"]
    assert found[0].severity == "error" and found[0].line == 3
