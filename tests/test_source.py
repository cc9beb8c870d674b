"""The Markdown reader: prose only, exact source positions, structure, and never a crash."""

from hypothesis import given, settings
from hypothesis import strategies as st

from localoffer import source

PAGE = """---
title: Test
---
# Heading with `code`

Some **bold** text with a [link text](https://example.com/a_(b)) and ![alt](img.png).
Second line <span class="x">inside</span> see <https://x.y> and www.foo.com.

<!-- localoffer-ignore plain/long-sentence: a quotation -->
- item one
- item two [ref][r]

```python
fenced code words
```

| Name | Phone |
|------|-------|
| Ann `a|b` | 0123 |

*[ALN]: additional learning needs
[r]: http://ref.example

    indented code words
"""


def test_language_from_file_name():
    assert source.language_of("docs/a.cy.md") == "cy"
    assert source.language_of("docs/a.en.md") == "en"
    assert source.language_of("docs/a.md") == "en"
    assert source.base_name("docs/a.cy.md") == "docs/a.md"


def test_front_matter_and_structure():
    page = source.parse(PAGE, "docs/x.md")
    assert page.front_matter == {"title": "Test"}
    assert page.front_matter_span == (1, 3)
    assert [(h.level, h.text, h.line) for h in page.headings] == [(1, "Heading with", 4)]
    assert [(l.text, l.target) for l in page.links][:1] == [("link text", "https://example.com/a_(b)")]
    assert ("ref", "http://ref.example") in [(l.text, l.target) for l in page.links]
    assert [(i.alt, i.src, i.line) for i in page.images] == [("alt", "img.png", 6)]
    assert page.tables[0].has_header and page.tables[0].header == ["Name", "Phone"]
    assert [i.text for i in page.list_items] == ["item one", "item two ref"]
    assert page.abbreviations == {"ALN": "additional learning needs"}
    assert page.comments[0].text.strip().startswith("localoffer-ignore")


def test_code_urls_and_markup_are_not_prose():
    page = source.parse(PAGE, "docs/x.md")
    words = {w.text for s in page.segments for w in s.words}
    for hidden in ("code", "fenced", "indented", "https", "example", "img", "span", "Test", "ALN", "python"):
        assert hidden not in words
    for shown in ("Heading", "bold", "link", "inside", "Ann", "item"):
        assert shown in words


def test_positions_point_at_the_source():
    page = source.parse(PAGE, "docs/x.md")
    for segment in page.segments:
        for word in segment.words:
            line, column = segment.position(word.start)
            assert page.lines[line - 1][column - 1 : column - 1 + len(word.text)] == word.text


def test_sentences():
    page = source.parse("Dr. Smith said e.g. this. Then another one! Last", "a.md")
    assert [s.word_count for s in page.segments[0].sentences] == [5, 3, 1]  # "e.g." is one word


def test_broken_front_matter_is_a_finding():
    page = source.parse("---\ntitle: [\n---\nHello", "a.cy.md")
    assert [f.rule for f in page.problems] == ["meta/front-matter"]
    assert page.problems[0].severity == "error" and page.problems[0].line >= 2
    assert page.problems[0].lang == "cy"
    assert page.front_matter == {}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab ŵŷâ\u0301\n\t`*_[]()<>!-#|:~=&;{}\\/.\"'") + [
    "---\n", "```\n", "<!--", "-->", "    ", "- ", "1. ", "| --- |", "http://x", "*[A]: b", "[x]: y",
    "!!! note \"t\"\n", "title: [", "\r\n"])).map("".join))
def test_never_raises_and_positions_hold(text):
    page = source.parse(text, "x.cy.md")
    for segment in page.segments:
        for word in segment.words:
            line, column = segment.position(word.start)
            assert page.lines[line - 1][column - 1 : column - 1 + len(word.text)] == word.text
        segment.sentences


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_unicode(text):
    source.parse(text, "x.md")


def test_simple_front_matter_reads_what_yaml_reads():
    import yaml

    from localoffer.datafile import SafeLoader

    cases = [
        "title: 'Help: Brynteg'\ndescription: Help for families.\nlast_reviewed: 2026-07-15\ntopics:\n- post-16\n- health",
        "a:\n  - x\n  - y\nb:\nc: yes\nd: Yes please\ne: 89f83b0be\nf: []\ng: {}\nh: \"x\"\ni: 'it''s'",
        "translated_from:\n  hash: fec85\n  sections:\n    who: '771ec7'\n    what: d927\nowner: Tîm Ôl-16",
    ]
    for case in cases:
        lines = ["---", *case.split("\n"), "---"]
        got = source._simple_front_matter(lines, 1, len(lines) - 1)
        assert got is not source._NOT_SIMPLE
        assert repr(got) == repr(yaml.load(case, Loader=SafeLoader))
    # what it does not read itself is left to the YAML loader
    for case in ["a: 1", "a: ~", "on: x", "a: [x]", "a: 2026-02-30", "a: b\n  c", "a: x # note", "a:\n  - x\n- y"]:
        lines = ["---", *case.split("\n"), "---"]
        assert source._simple_front_matter(lines, 1, len(lines) - 1) is source._NOT_SIMPLE
    page = source.parse("---\na: 2026-02-30\n---\n\nText.\n", "p.md")
    assert page.front_matter == {} and page.problems
