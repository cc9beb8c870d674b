"""The report formats: text, json (version 1) and GitHub annotations."""

import json

from localoffer import report
from localoffer.checks import Result, Silence
from localoffer.findings import Finding

FINDINGS = [
    Finding("docs/a.md", 3, 5, "plain/long-sentence", "warning", "Too long.", "Split it.", "en"),
    Finding("docs/a.cy.md", 1, 1, "plain/jargon", "error", "Term: wrong, here", None, "cy"),
    Finding("docs/b.md", 7, 2, "plain/passive-voice", "suggestion", "Passive 50%", "Say who.", "en"),
]
RESULT = Result(FINDINGS, [Silence("plain/all-caps", "a quote", "docs/a.md", 4, "block", 5, 6, 1)], 3, 120)


def test_text():
    out = report.render(RESULT, "text")
    lines = out.splitlines()
    assert lines[0] == "docs/a.md:3:5: warning plain/long-sentence: Too long. (Split it.)"
    assert lines[1] == "docs/a.cy.md:1:1: error plain/jargon: Term: wrong, here"
    assert "plain/all-caps" in lines[3] and "a quote" in lines[3]
    assert lines[-1].startswith("1 errors, 1 warnings, 1 suggestions in 3 files")


def test_json():
    data = json.loads(report.render(RESULT, "json"))
    assert data["version"] == 1
    assert data["summary"] == {"error": 1, "warning": 1, "suggestion": 1}
    first = data["findings"][0]
    assert set(first) >= {"file", "line", "column", "rule", "severity", "message", "suggestion", "lang", "help"}
    assert first["help"] == "README.md#rule-plainlong-sentence"
    assert data["findings"][1]["suggestion"] is None
    assert data["silenced"][0]["reason"] == "a quote" and data["silenced"][0]["silenced"] == 1


def test_github():
    lines = report.render(RESULT, "github").splitlines()
    assert lines[0] == "::warning file=docs/a.md,line=3,col=5,title=plain/long-sentence::Too long. (Split it.)"
    assert lines[1].startswith("::error file=docs/a.cy.md,line=1,col=1,title=plain/jargon::Term: wrong, here")
    assert lines[2].startswith("::notice ") and "Passive 50%25" in lines[2]
