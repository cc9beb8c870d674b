"""'You said, we did': comments from families and what the council did about them.

Data: ``data/you-said-we-did.yml`` in the site folder (beside mkdocs.yml)::

    entries:
      - date: 2026-09-14
        you_said: {en: ..., cy: ...}
        we_did: {en: ..., cy: ...}

Source: SEND Regulations 2014 reg 56: publish comments on the Local Offer and the response,
"including details of any action", at least once a year, with no individual identifiable.

``load(root)`` reads the file (with lines), ``problems(data)`` checks it, ``render`` makes
the Markdown for the ``you-said-we-did`` section (newest first). No printing, no MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from localoffer import datafile
from localoffer.datafile import as_date

DATA_FILE = Path("data") / "you-said-we-did.yml"
LANGUAGES = ("en", "cy")


@dataclass(frozen=True)
class Problem:
    line: int
    key: str  # a message key under meta.ysd.*
    values: tuple = ()

    def fill(self) -> dict:
        return dict(self.values)


@dataclass
class Loaded:
    path: str  # as shown in findings
    entries: list[dict[str, Any]]
    problems: list[Problem]
    exists: bool = True


def load(root: str | Path, display: str | None = None) -> Loaded:
    path = Path(root) / DATA_FILE
    shown = display or str(DATA_FILE)
    if not path.is_file():
        return Loaded(shown, [], [], exists=False)
    data, broken = datafile.load_file(path)
    if broken:
        return Loaded(shown, [], [Problem(broken.line, "meta.ysd.bad_yaml", (("problem", broken.problem),))])
    return parse(data, shown)


def parse(data: Any, shown: str = str(DATA_FILE)) -> Loaded:
    """Check raw data; keep the entries that are usable."""
    problems: list[Problem] = []
    raw = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        line = data.line if isinstance(data, datafile.LineDict) else 1
        return Loaded(shown, [], [Problem(line, "meta.ysd.no_entries")])
    entries = []
    for index, entry in enumerate(raw):
        line = raw.item_line(index) if isinstance(raw, datafile.LineList) else 1
        if not isinstance(entry, dict):
            problems.append(Problem(line, "meta.ysd.entry_form"))
            continue
        key_line = entry.key_line if isinstance(entry, datafile.LineDict) else (lambda k, d=line: d)
        date = as_date(entry.get("date"))
        ok = True
        if date is None:
            problems.append(Problem(key_line("date", line), "meta.ysd.bad_date", (("value", entry.get("date")),)))
            ok = False
        for field in ("you_said", "we_did"):
            value = entry.get(field)
            for lang in LANGUAGES:
                if not isinstance(value, dict) or not str(value.get(lang) or "").strip():
                    problems.append(Problem(key_line(field, line), "meta.ysd.missing_text",
                                            (("field", f"{field}.{lang}"),)))
                    ok = False
        if ok:
            entries.append({"date": date, "you_said": dict(entry["you_said"]), "we_did": dict(entry["we_did"]),
                            "line": line, "lines": {f: key_line(f, line) for f in ("you_said", "we_did")},
                            "text_lines": {
                                f: {lang: (entry[f].key_line(lang) if isinstance(entry[f], datafile.LineDict)
                                           else key_line(f, line)) for lang in LANGUAGES}
                                for f in ("you_said", "we_did")}})
    return Loaded(shown, entries, problems)


def newest_first(entries: list[dict]) -> list[dict]:
    return sorted(entries, key=lambda e: e["date"], reverse=True)


def render(entries: list[dict], lang: str) -> str:
    """Markdown for the entries, newest first: a heading per date, then both parts."""
    from localoffer.messages import t
    from localoffer.site import format_date

    if not entries:
        return t("data.ysd.none", lang) + "\n"
    parts = []
    for entry in newest_first(entries):
        date = format_date(entry["date"], lang)
        parts.append(
            f"## {date}\n\n"
            f"**{t('data.ysd.you_said', lang)}** {_one_line(entry['you_said'][lang])}\n\n"
            f"**{t('data.ysd.we_did', lang)}** {_one_line(entry['we_did'][lang])}\n"
        )
    return "\n".join(parts)


def _one_line(text: str) -> str:
    from localoffer.mdtext import escape

    return escape(" ".join(str(text).split()))
