"""The ignore list: proven false positives only, each with a written reason.

Read from ``data/a11y-ignore.yml``. An entry without a reason is an error.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from localoffer import datafile

from localoffer.a11y.parse import Issue
from localoffer.errors import UserError


@dataclass(frozen=True)
class IgnoreRule:
    code: str
    reason: str
    selector: str = ""
    pages: str = "*"
    # A short public description for the accessibility statement: {"en": ..., "cy": ...}.
    public: tuple[tuple[str, str], ...] = ()

    def public_text(self, lang: str) -> str:
        return dict(self.public).get(lang) or self.reason

    def matches(self, page: str, issue: Issue) -> bool:
        return (
            issue.code.startswith(self.code)
            and self.selector in issue.selector
            and fnmatch.fnmatchcase(page, self.pages)
        )


def parse_ignore(data: dict | None, where: str = "a11y-ignore.yml") -> list[IgnoreRule]:
    rules = []
    for number, entry in enumerate((data or {}).get("ignore") or [], start=1):
        if not isinstance(entry, dict) or not str(entry.get("code") or "").strip():
            raise UserError(f"Entry {number} in {where} has no code.",
                            fix="Give the pa11y code of the issue to ignore.")
        if not str(entry.get("reason") or "").strip():
            raise UserError(
                f"Entry {number} ({entry['code']}) in {where} has no reason.",
                fix="Say why it is a false positive and how you know. Real failures must be fixed.",
            )
        rules.append(IgnoreRule(
            code=str(entry["code"]).strip(), reason=" ".join(str(entry["reason"]).split()),
            selector=str(entry.get("selector") or ""), pages=str(entry.get("pages") or "*"),
            public=tuple(sorted((str(k), " ".join(str(v).split()))
                                for k, v in (entry.get("public") or {}).items())),
        ))
    return rules


def load_ignore(path: Path | None = None) -> list[IgnoreRule]:
    if path is None:
        text = resources.files("localoffer").joinpath("data/a11y-ignore.yml").read_text("utf-8")
        return parse_ignore(datafile.safe_load(text), "scripts/localoffer/data/a11y-ignore.yml")
    return parse_ignore(datafile.safe_load(Path(path).read_text("utf-8")), str(path))


def find_rule(rules: list[IgnoreRule], page: str, issue: Issue) -> IgnoreRule | None:
    for rule in rules:
        if rule.matches(page, issue):
            return rule
    return None
