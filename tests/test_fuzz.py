"""Fuzzing: arbitrary Markdown, front matter and Unicode through the page parser and every
registered rule (issue 9).

For any input: no exception, every finding's line and column inside the file, and the
same input always gives the same findings. Also: long pathological lines finish quickly
(no regular expression backtracks for ever), and the limits (page size, time per rule)
turn into findings.

Profiles: ``ci`` (the default, about 200 examples a test) and ``nightly`` (10,000 examples
a test). Choose one with ``HYPOTHESIS_PROFILE``::

    HYPOTHESIS_PROFILE=nightly .venv/bin/python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from localoffer import checks, source
from localoffer.rules import Context, Rule, rules

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
hypothesis_settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=_QUIET)
hypothesis_settings.register_profile("nightly", max_examples=10_000, deadline=None,
                                     suppress_health_check=_QUIET)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
# A settings object of our own (not load_profile), so other test files keep their settings.
fuzz = hypothesis_settings.get_profile(PROFILE if PROFILE in ("ci", "nightly") else "ci")

# Where the fuzzed pages "live": nothing is read from here (the rules never read files).
DOCS = Path("/nonexistent-lok-fuzz/docs")
FILES = {"index.md": 100, "schools.md": 100, "schools.cy.md": 100, "images/photo.jpg": 2_000,
         "images/big.jpg": 3_000_000, "snippets/hours.md": 50}

# --- what to feed in -----------------------------------------------------------------------

WELSH = ["ŵ", "ŷ", "â", "Ŵ", "Ŷ", "w\u0302", "y\u0302", "a\u0302\u0301", "Mae'n", "ysgol", "Llywodraeth",
         "anghenion dysgu ychwanegol", "ADY", "CDU", "Cymraeg", "dd", "ll", "rh", "ch"]
MARKUP = ["# ", "## ", "###### ", "#", "- ", "* ", "+ ", "1. ", "1) ", "> ", ">> ", "```", "~~~", "    ",
          "\t", "|", "| --- |", "---", "***", "___", "===", "[", "]", "(", ")", "](", "![", "]: ",
          "[^1]", "[^1]: ", "*[ALN]: ", "<!--", "-->", "<!-- localoffer-ignore plain/long-sentence: x -->",
          "<script>", "</script>", "<div markdown>", "</div>", "<a href=\"x\">", "<pre>", "`", "``", "*", "**",
          "_", "__", "~~", "==", "{#id}", "{: .class }", "!!! note \"Title\"", "??? tip", ": ", "\\",
          "&amp;", "&#x1F600;", "https://example.org/a_(b)", "www.example.org", "mailto:a@b.cy",
          "<https://x.org>", "a@b.example", "schools.md", "schools.cy.md#who", "images/big.jpg",
          "missing.md#x", "../outside.md", "#who-to-ask", "--8<-- \"mkdocs.yml\"", "--8<--",
          "e.g.", "i.e.", "Dr.", "etc.", ". ", "? ", "! ", "  \n", "\r\n", "\r", "\n", "\n\n", "\x00",
          "\u00a0", "\u200b", "\ufeff", "\u2019", "\u201c", "\u201d", "\u0301", "\U0001F600"]
WORDS = ["You", "can", "get", "help", "The", "school", "will", "be", "told", "ALN", "SENCO", "EHC",
         "plan", "must", "utilise", "SHOUTING", "Tel", "01632", "960", "123", "2026-11-01"]
SURROGATES = ["\ud800", "\udfff", "\udc80x"]

token = st.one_of(
    st.sampled_from(MARKUP), st.sampled_from(WELSH), st.sampled_from(WORDS),
    st.text(max_size=8), st.sampled_from([" ", " ", "\n"]),
)
markdown_text = st.lists(token, max_size=120).map("".join)
long_line = st.tuples(st.sampled_from(MARKUP + WELSH + WORDS + ["a", " ", "x "]),
                      st.integers(100, 3_000)).map(lambda pair: pair[0] * pair[1])
body = st.one_of(markdown_text, long_line, st.text(max_size=400),
                 st.lists(st.sampled_from(SURROGATES + WELSH + MARKUP), max_size=40).map("".join))

FM_KEYS = ["title", "description", "last_reviewed", "review_due", "owner", "topics", "co_produced_with",
           "generate", "checks", "titel", "search_exclude", "translated_from", "hide", "ŵ"]
FM_VALUES = ["Schools", "\"quoted: colon\"", "2026-11-01", "2026-02-30", "01/11/2026", "[a, b]", "[",
             "{a: b}", "{ignore: {plain/long-sentence: why}}", "true", "null", "~", "&a", "*a", "!!python/object x",
             "|", ">", "'unclosed", "ŵyl", "- x", "123", "-1", "1e999", "\ttab", ""]
fm_line = st.one_of(
    st.tuples(st.sampled_from(FM_KEYS), st.sampled_from(FM_VALUES)).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.text(max_size=30),
)
front_matter = st.one_of(
    st.just(""),
    st.lists(fm_line, max_size=10).map(lambda lines: "---\n" + "\n".join(lines) + "\n---\n"),
    st.lists(fm_line, max_size=5).map(lambda lines: "---\n" + "\n".join(lines) + "\n"),  # unclosed
    st.just("---\ntitle: Schools\ndescription: Help.\nlast_reviewed: 2026-11-01\nreview_due: 2027-05-01\n"
            "owner: Team\n---\n"),
)
page_text = st.tuples(front_matter, body, st.sampled_from(["\n", "\r\n"])).map(
    lambda parts: (parts[0] + parts[1]).replace("\n", parts[2]))


# --- running ---------------------------------------------------------------------------------

def context() -> Context:
    return Context.create(
        "wales", glossary=[{"term": {"en": "ALN", "cy": "ADY"},
                            "expansion": {"en": "additional learning needs", "cy": "anghenion dysgu ychwanegol"},
                            "explanation": {"en": "x", "cy": "x"}, "jurisdiction": "both", "line": 2}],
        docs_dir=DOCS, files=FILES,
    )


def page_path(lang: str) -> str:
    return str(DOCS / ("schools.cy.md" if lang == "cy" else "schools.md"))


def all_findings(pages: list[source.Page], ctx: Context) -> list:
    """Every rule on ``pages`` (called directly, so an exception fails the test)."""
    found = []
    for page in pages:
        found += page.problems
        for rule in rules("page", page.lang):
            found += rule.function(page, ctx)
    english = next((p for p in pages if p.lang == "en"), None)
    welsh = next((p for p in pages if p.lang == "cy"), None)
    for rule in rules("pair"):
        found += rule.function(english, welsh, ctx)
    for rule in rules("site"):
        found += rule.function(pages, ctx)
    return found


def assert_inside(findings, pages: list[source.Page]) -> None:
    by_path = {page.path: page for page in pages}
    for item in findings:
        assert item.message and item.rule and item.severity, item
        page = by_path.get(item.file)
        if page is None:  # a finding on another file (settings, glossary, services)
            continue
        assert 1 <= item.line <= max(len(page.lines), 1), (item, len(page.lines))
        line = page.lines[item.line - 1] if page.lines else ""
        assert 1 <= item.column <= len(line) + 1, (item, line)


def comparable(findings) -> list:
    return sorted((f.file, f.line, f.column, f.rule, f.severity, f.message, f.suggestion or "") for f in findings)


# --- the properties --------------------------------------------------------------------------

@fuzz
@given(page_text, st.sampled_from(["en", "cy"]))
def test_parser_never_raises_and_maps_positions_inside_the_file(text, lang):
    page = source.parse(text, page_path(lang), lang)
    assert page.lang == lang
    for segment in page.segments:
        for offset in range(0, len(segment.text), max(1, len(segment.text) // 7)):
            line, column = segment.position(offset)
            assert 1 <= line <= len(page.lines)
            assert 1 <= column <= len(page.lines[line - 1]) + 1
        for word in segment.words:
            assert 0 <= word.start < word.end <= len(segment.text)
    for item in (*page.headings, *page.links, *page.images, *page.list_items):
        assert 1 <= item.line <= len(page.lines)
    assert_inside(page.problems, [page])


@fuzz
@given(st.binary(max_size=600), st.sampled_from(["en", "cy"]))
def test_any_bytes_are_read_and_bad_bytes_reported_inside_the_file(raw, lang):
    page = source.parse_bytes(raw, page_path(lang), lang)
    assert_inside(page.problems, [page])
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert any(p.rule == source.ENCODING_RULE for p in page.problems)
    else:
        assert not any(p.rule == source.ENCODING_RULE for p in page.problems)


@fuzz
@given(page_text, st.sampled_from(["en", "cy"]))
def test_every_page_rule_runs_on_any_page_with_positions_inside_it(text, lang):
    page = source.parse(text, page_path(lang), lang)
    findings = all_findings([page], context())
    assert_inside(findings, [page])


@fuzz
@given(page_text, page_text)
def test_pair_and_site_rules_run_on_any_pair_and_always_agree(english_text, welsh_text):
    def once():
        pages = [source.parse(english_text, page_path("en"), "en"),
                 source.parse(welsh_text, page_path("cy"), "cy")]
        return pages, all_findings(pages, context())

    pages, first = once()
    assert_inside(first, pages)
    _, second = once()
    assert comparable(first) == comparable(second)


@fuzz
@given(page_text, st.sampled_from(["en", "cy"]))
def test_the_check_run_gives_the_same_findings_every_time(text, lang):
    runs = [checks.run([source.parse(text, page_path(lang), lang)], context()) for _ in range(2)]
    assert comparable(runs[0].findings) == comparable(runs[1].findings)
    assert not [f for f in runs[0].findings if f.rule in (checks.RULE_FAILED_RULE, checks.RULE_TIME_LIMIT_RULE)]


# --- long pathological input: no catastrophic backtracking ---------------------------------

PATHOLOGICAL = [
    "[" * 40_000, "![" * 20_000, "](" * 20_000, "[a](" * 10_000, "[a](b" + "(" * 20_000,
    "`" * 40_000, "` " * 20_000, "*" * 40_000, "_a" * 20_000, "~~" * 20_000, "<" * 40_000,
    "<a " * 15_000, "<a b=" * 10_000, "<!--" * 10_000, "&#" * 20_000, "{:" * 20_000, "{#" * 20_000,
    "http://" + "a." * 20_000, "www." + "a-" * 20_000, "a@" * 20_000, "a." * 20_000 + "@",
    "x" * 100_000, "ŵ" * 50_000, "w\u0302" * 30_000, "a\u0301" * 30_000, "- " * 20_000, "1. " * 15_000,
    "| " * 20_000, "|-" * 20_000, ". " * 20_000, "A. " * 15_000, "E.g. " * 10_000, "ALN " * 15_000,
    "SHOUTING " * 10_000, "will be told " * 5_000, "'" * 40_000, "-'" * 20_000, "\\" * 40_000,
    "!!! note \"" + "x" * 40_000, "*[A" * 15_000, "[^" * 20_000, "--8<-- \"" + "../" * 10_000,
    " " * 50_000 + "x", "\t" * 40_000 + "x", "\u00a0" * 40_000, "# " + "#" * 40_000,
    "a" * 5_000 + "\n" + "=" * 40_000, "<a lang=en>" * 5_000, "“" * 40_000, "‘a" * 20_000, "«" * 40_000,
    "[a]{" * 10_000, "{" * 40_000, "*a " * 15_000, "_a " * 15_000, "<!-- " * 10_000, "e.g" * 15_000,
    "[x]: " * 10_000, "1" * 100_000, "0" + ".0" * 30_000, "." * 40_000 + "x", "!?" * 20_000 + "x",
    ".'" * 20_000 + "x", "a" + " \t" * 20_000 + "x", "![a](b.png)" + "{" * 40_000,
    "[a](schools.md#x)" + "{x #" * 10_000, "## a {" + "{#" * 20_000, "ALN (" + "a " * 20_000,
]


def test_the_built_page_attribute_pattern_is_linear():
    """The a11y cache reads attributes from built HTML: a long word with no "=" is read once."""
    from localoffer.a11y.cache import ATTR

    started = time.perf_counter()
    list(ATTR.finditer("Z" * 200_000))
    from localoffer.a11y.sourcemap import TAG

    list(TAG.finditer("<" * 200_000))
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("index", range(len(PATHOLOGICAL)))
def test_long_pathological_lines_are_checked_quickly(index):
    text = "---\ntitle: Long\n---\n" + PATHOLOGICAL[index] + "\n"
    started = time.perf_counter()
    for lang in ("en", "cy"):
        page = source.parse(text, page_path(lang), lang)
        all_findings([page], context())
    seconds = time.perf_counter() - started
    assert seconds < 20, f"pattern {index} ({PATHOLOGICAL[index][:20]!r}...) took {seconds:.1f} s"


# --- the limits ------------------------------------------------------------------------------

def test_a_page_over_the_size_limit_is_reported_and_only_its_start_checked():
    raw = b"---\ntitle: Big\n---\n# Big\n\n" + b"Your school can help.\n\n" * 60_000
    assert len(raw) > source.MAX_PAGE_BYTES
    page = source.parse_bytes(raw, "docs/big.md")
    [problem] = [p for p in page.problems if p.rule == source.PAGE_TOO_LARGE_RULE]
    assert problem.severity == "error" and "1.4 MB" in problem.message and problem.suggestion
    assert sum(len(line) + 1 for line in page.lines) <= source.MAX_PAGE_BYTES + 1
    assert not [p for p in page.problems if p.rule == source.ENCODING_RULE]  # the cut is at a line end


def test_a_cut_in_the_middle_of_a_welsh_letter_is_not_an_encoding_problem():
    raw = b"---\ntitle: Big\n---\n" + "ŵ".encode() * (source.MAX_PAGE_BYTES // 2 + 10)
    page = source.parse_bytes(raw, "docs/big.cy.md")
    rules_found = {p.rule for p in page.problems}
    assert source.PAGE_TOO_LARGE_RULE in rules_found and source.ENCODING_RULE not in rules_found


def _slow(page, ctx):
    time.sleep(30)
    return []


def _broken(page, ctx):
    raise KeyError("oops")


def test_a_rule_over_its_time_budget_is_stopped_and_reported():
    ctx = Context.create(options={"rule_time_limit": 0.3})
    page = source.parse("# Hello\n", "docs/slow.md")
    started = time.perf_counter()
    [item] = checks.call_rule(Rule("plain/slow-test", "page", _slow), (page, ctx), ctx, page)
    assert time.perf_counter() - started < 5
    assert item.rule == checks.RULE_TIME_LIMIT_RULE and item.file == "docs/slow.md"
    assert "plain/slow-test" in item.message and "0.3 seconds" in item.message and item.suggestion


def test_a_rule_that_crashes_is_reported_not_a_traceback(monkeypatch):
    monkeypatch.delenv("LOCALOFFER_DEBUG", raising=False)
    ctx = Context.create()
    page = source.parse("# Hello\n", "docs/x.cy.md")
    [item] = checks.call_rule(Rule("plain/broken-test", "page", _broken), (page, ctx), ctx, page)
    assert item.rule == checks.RULE_FAILED_RULE and item.lang == "cy"
    assert "plain/broken-test" in item.message and "KeyError" in item.message


# --- data files and front matter (issue 14) ---------------------------------------------------------
#
# Any YAML an editor can write in a data file (a service, the glossary, "You said, we did") or in
# front matter is read without an exception, within bounds (no alias expands, nothing nests too
# deep), with every problem on a line of the file; and every string reaches the templates and
# the generated Markdown as text.

from localoffer import datafile, glossary, inputguard, pagemeta, services  # noqa: E402
from localoffer import you_said_we_did  # noqa: E402

from test_editor_strings import PAYLOADS, live_markup  # noqa: E402

SERVICE_KEYS = list(services.KNOWN) + ["en", "cy", "url", "free", "name", "title", "phone", "email", "address",
                                       "postcode", "terms", "term", "expansion", "explanation", "entries",
                                       "date", "you_said", "we_did", "oddkey"]
YAML_VALUES = ["&a [x, x]", "*a", "&b {a: *a}", "[*a, *a, *a]", "<<: *a", "[" * 30 + "]" * 30, "{a: " * 25 + "}" * 25,
               "active", "0", "25", "-1", "true", "null", "2026-11-01", "2026-02-30", "https://x.example/",
               "javascript:alert(1)", "a@b.example", "\"<img src=x>\"@x.example", "[en, cy, bsl]", "[[en]]",
               "{en: A, cy: B}", "{id: north, en: N, cy: G}", "{free: true, en: F, cy: A}", "|", ">-", "'x'",
               "\"01632 960 201\"", "[autism]", "!!python/object:os.system x", "~", "ŵ"]
yaml_scalar = st.one_of(st.sampled_from(YAML_VALUES), st.sampled_from(PAYLOADS).map(lambda p: repr(p)),
                        st.text(max_size=20))
yaml_line = st.tuples(st.integers(0, 6), st.sampled_from(SERVICE_KEYS + ["- ", "-"]), yaml_scalar).map(
    lambda t: " " * (2 * t[0]) + (f"{t[1]}: {t[2]}" if not t[1].startswith("-") else f"- {t[2]}"))
yaml_text = st.one_of(st.lists(yaml_line, max_size=40).map("\n".join), st.text(max_size=300))


def _lines_inside(problems, text: str) -> None:
    count = max(len(text.split("\n")), 1)
    for problem in problems:
        assert 1 <= problem.line <= count + 1, (problem, count)


@fuzz
@given(yaml_text)
def test_any_data_file_is_read_and_checked_without_an_exception(text):
    data, broken = datafile.load_text(text)
    if broken is not None:
        assert data is None and 1 <= broken.line <= len(text.split("\n")) + 1 and broken.problem
        return
    assert inputguard.yaml_problem(text) is None  # nothing refused was loaded
    service, problems = services.check(data, "data/services/x.yml", "x")
    _lines_inside(problems, text)
    for problem in problems:
        assert all(len(str(v)) <= 200 for _, v in problem.values if _ != "form"), problem
    terms = glossary.normalise(data)
    for lang in ("en", "cy"):
        for line in glossary.abbreviation_lines(terms, lang, "wales"):
            assert "\n" not in line
        glossary.glossary_markdown(terms, lang, "wales")
    loaded = you_said_we_did.parse(data)
    for lang in ("en", "cy"):
        you_said_we_did.render(loaded.entries, lang)


@fuzz
@given(st.integers(1, 12), st.integers(2, 9), st.sampled_from(["[", "{a: ", "- ", "a:\n"]))
def test_alias_bombs_and_deep_nesting_are_refused_before_loading(levels, width, nest):
    bomb = ["a0: &a0 [lol, lol]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    data, broken = datafile.load_text("\n".join(bomb))
    assert data is None and broken.line == 1 and "(&)" in broken.problem
    depth = inputguard.MAX_YAML_DEPTH + levels
    if nest == "a:\n":
        deep = "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "b: 1\n"
    elif nest == "- ":
        deep = "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        deep = "x: " + nest * depth + "1" + ("]" if nest == "[" else "}") * depth
    data, broken = datafile.load_text(deep)
    assert data is None and broken is not None


front_matter_value = st.one_of(
    st.sampled_from(PAYLOADS), st.text(max_size=30),
    st.lists(st.sampled_from(PAYLOADS), max_size=3),
    st.dictionaries(st.sampled_from(["en", "cy", "x", "<b>"]), st.sampled_from(PAYLOADS), max_size=3),
    st.sampled_from([True, 3, None, "2026-11-01"]),
)
front_matter_dict = st.dictionaries(
    st.sampled_from(["title", "description", "owner", "co_produced_with", "subtitle", "status", "author",
                     "template", "icon", "location", "hide", "search", "tags", "comments", "unknown", "ŵ"]
                    + PAYLOADS[:3]),
    front_matter_value, max_size=8)

_TEMPLATE = None


def _material_like_template():
    """The ways Material prints page.meta and titles (base.html, header, nav, footer, redirect)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        from jinja2 import Environment

        _TEMPLATE = Environment(autoescape=False).from_string(
            '<title>{{ meta.title | striptags | e }}</title><meta name="description" content="{{ meta.description }}">'
            '<meta name="author" content="{{ meta.author }}"><span>{{ meta.title }}</span><small>{{ meta.subtitle }}</small>'
            '<span class="md-status--{{ meta.status }}"></span><a aria-label="Next: {{ meta.title | e }}">x</a>'
            '<p>{{ meta.owner }}{{ meta.co_produced_with }}</p>'
            '<a href="{{ meta.location }}">{{ meta.unknown }}</a>')
    return _TEMPLATE


@fuzz
@given(front_matter_dict, st.sets(st.sampled_from(pagemeta.BUILD_KEYS)))
def test_any_front_matter_reaches_the_templates_as_text(meta, allowed):
    built = pagemeta.build_meta(meta, frozenset(allowed), pagemeta.theme_dirs(Path(__file__).resolve().parent.parent))
    for key in pagemeta.BUILD_KEYS:
        if key in built:
            assert key in allowed
    html = _material_like_template().render(meta=built)
    assert live_markup(html) == [], (meta, html)


deep_markdown = st.tuples(st.sampled_from(["    ", "  ", "\t", "> ", "- ", "1. ", "> - ", "**a ", "*a ", "_a ", "[a ",
                                           "![", "[^", "<a ", "x\n: ", "*[A]: b\n", "??? note\n"]),
                          st.integers(0, 1500), st.booleans()).map(
    lambda t: "".join(t[0] * i + "x\n" for i in range(t[1])) if t[2] else t[0] * t[1] + "x\n")


@hypothesis_settings(parent=fuzz, max_examples=40 if PROFILE != "nightly" else 2000)
@given(deep_markdown)
def test_markdown_that_passes_the_bounds_renders_and_the_rest_is_neutralised(text):
    import markdown

    extensions = ["abbr", "attr_list", "md_in_html", "tables", "toc", "def_list", "footnotes", "admonition"]
    problems = inputguard.markdown_problems(text)
    safe = inputguard.neutralise_markdown(text, "en", problems)
    started = time.perf_counter()
    markdown.markdown(safe, extensions=extensions)  # never a RecursionError
    assert time.perf_counter() - started < 20
    if not problems:
        assert safe == text
    page = source.parse(text, page_path("en"), "en")
    reported = [p for p in page.problems if p.rule == source.INPUT_RULE]
    assert len(reported) == len(problems)
