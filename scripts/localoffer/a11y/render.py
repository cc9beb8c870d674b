"""Render accessibility findings. Uses ``localoffer.report`` when it exists
(the one renderer for every check); until then, a small local renderer."""

from __future__ import annotations

import json
from types import SimpleNamespace

from localoffer.findings import Finding


def _local_render(findings: list[Finding], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"version": 1, "findings": [f.to_dict() for f in findings]},
                          indent=2, ensure_ascii=False)
    lines = []
    for f in findings:
        if fmt == "github":
            level = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
            text = f"{f.message} Fix: {f.suggestion}" if f.suggestion else f.message
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(f"::{level} file={f.file},line={f.line},col={f.column},"
                         f"title={f.rule}::{text}")
        else:
            lines.append(f"{f.file}:{f.line}:{f.column}: {f.severity} [{f.rule}] ({f.lang}) "
                         f"{f.message}")
            if f.suggestion:
                lines.append(f"    Fix: {f.suggestion}")
    return "\n".join(lines)


def render(findings: list[Finding], fmt: str = "text", files: int = 0) -> str:
    """``localoffer.report.render(result, fmt)`` takes a result with findings, silenced,
    files and words. Ignored false positives are already findings (a11y/ignored)."""
    try:
        from localoffer import report
    except ImportError:
        return _local_render(findings, fmt)
    result = SimpleNamespace(findings=sorted(findings), silenced=[], files=files, words=0)
    return report.render(result, fmt)
