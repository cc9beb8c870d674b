"""One shape for every finding, from every check.

A rule is a small pure function: a parsed page in, a list of ``Finding`` out.
Rendering findings (text, JSON, GitHub annotations) lives in ``report.py`` only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("suggestion", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, order=True)
class Finding:
    """A problem found in a source file.

    ``line`` and ``column`` are 1-based positions in the Markdown source
    (not in the built HTML). ``lang`` is the language of the page (``en`` or ``cy``).
    ``suggestion`` is a replacement or fix, or None.
    """

    file: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    suggestion: str | None = None
    lang: str = "en"
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict:
        data = asdict(self)
        if not data["extra"]:
            del data["extra"]
        return data


def at_least(finding: Finding, severity: str) -> bool:
    """True when ``finding`` is as serious as ``severity`` or more."""
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[severity]
