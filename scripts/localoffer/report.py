"""The one place that turns findings into output: ``text``, ``json`` or ``github``.

JSON (version 1), documented here once::

    {
      "version": 1,
      "findings": [
        {"file": "docs/index.md", "line": 3, "column": 5, "rule": "plain/long-sentence",
         "severity": "warning", "message": "...", "suggestion": "..." or null, "lang": "en",
         "help": "README.md#rule-plainlong-sentence"}
      ],
      "summary": {"error": 0, "warning": 1, "suggestion": 0},
      "silenced": [{"file": ..., "line": ..., "rule": ..., "reason": ..., "scope": "page"|"block"|"site",
                    "lines": [first, last] or null, "silenced": <findings turned off>}],
      "files": 12, "words": 4800
    }

``text``: ``file:line:col: severity rule: message (suggestion)``, then the silences, then a
summary line. ``github``: GitHub Actions workflow commands (``::error``, ``::warning``,
``::notice`` for suggestions) so findings show on the lines of a pull request.
"""

from __future__ import annotations

import json
from typing import Iterable

from localoffer.findings import SEVERITIES, Finding
from localoffer.messages import t
from localoffer.rules import help_url

FORMATS = ("text", "json", "github")


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {severity: 0 for severity in reversed(SEVERITIES)}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def finding_dict(finding: Finding) -> dict:
    data = finding.to_dict()
    data["help"] = help_url(finding.rule)
    return data


def to_json(result) -> str:
    document = {
        "version": 1,
        "findings": [finding_dict(f) for f in result.findings],
        "summary": summary(result.findings),
        "silenced": [s.to_dict() for s in result.silenced],
        "files": result.files,
        "words": result.words,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def text_line(finding: Finding) -> str:
    line = f"{finding.file}:{finding.line}:{finding.column}: {finding.severity} {finding.rule}: {finding.message}"
    if finding.suggestion:
        line += f" ({finding.suggestion})"
    return line


def to_text(result, lang: str = "en") -> str:
    lines = [text_line(f) for f in result.findings]
    for silence in result.silenced:
        lines.append(t("checks.report.silenced", lang, rule=silence.rule, file=silence.file,
                       line=silence.line, reason=silence.reason))
    counts = summary(result.findings)
    lines.append(t("checks.report.summary", lang, errors=counts["error"], warnings=counts["warning"],
                   suggestions=counts["suggestion"], files=result.files, silenced=len(result.silenced)))
    return "\n".join(lines)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


GITHUB_COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def github_line(finding: Finding) -> str:
    command = GITHUB_COMMANDS[finding.severity]
    message = finding.message + (f" ({finding.suggestion})" if finding.suggestion else "")
    properties = ",".join(
        [
            f"file={_escape_property(finding.file)}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={_escape_property(finding.rule)}",
        ]
    )
    return f"::{command} {properties}::{_escape_data(message)}"


def to_github(result, lang: str = "en") -> str:
    lines = [github_line(f) for f in result.findings]
    counts = summary(result.findings)
    lines.append(t("checks.report.summary", lang, errors=counts["error"], warnings=counts["warning"],
                   suggestions=counts["suggestion"], files=result.files, silenced=len(result.silenced)))
    return "\n".join(lines)


def render(result, fmt: str = "text", lang: str = "en") -> str:
    if fmt == "json":
        return to_json(result)
    if fmt == "github":
        return to_github(result, lang)
    return to_text(result, lang)
