"""The bilingual glossary (``data/glossary.yml`` in the site folder).

Schema::

    terms:
      - term: {en: ALN, cy: ADY}
        expansion: {en: additional learning needs, cy: anghenion dysgu ychwanegol}  # or null
        explanation: {en: ..., cy: ...}
        jurisdiction: wales   # wales, england or both

Used by the checks (``plain/jargon``, ``plain/unexplained-acronym``) and by the MkDocs
hook (the glossary page and abbreviation tooltips).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from localoffer import datafile

from localoffer.errors import UserError
from localoffer.messages import cli_language, t
from localoffer.source import plain_yaml_problem

LANGUAGES = ("en", "cy")


def _text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or "").strip()
    if isinstance(value, str):
        return value.strip()
    return ""


def normalise(raw: Any, lines: list[int] | None = None) -> list[dict[str, Any]]:
    """Tidy raw glossary data into a list of terms with every field present. ``lines``
    (the line of each entry in the file) adds a ``line`` to each term."""
    terms = []
    entries = raw.get("terms") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        entries = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        term = {lang: _text(entry.get("term"), lang) for lang in LANGUAGES}
        if not any(term.values()):
            continue
        expansion = entry.get("expansion")
        terms.append(
            {
                "term": term,
                "expansion": {lang: _text(expansion, lang) for lang in LANGUAGES} if expansion else None,
                "explanation": {lang: _text(entry.get("explanation"), lang) for lang in LANGUAGES},
                "jurisdiction": str(entry.get("jurisdiction") or "both").lower(),
            }
        )
        if lines is not None and index < len(lines):
            terms[-1]["line"] = lines[index]
    return terms


def entry_lines(text: str) -> list[int]:
    """The line (1-based) where each entry of the glossary's ``terms`` list starts."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.MappingNode):
        node = next((value for key, value in node.value if getattr(key, "value", None) == "terms"), None)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def load_glossary(path: str | Path) -> list[dict[str, Any]]:
    """The glossary terms, or [] when there is no glossary file."""
    path = Path(path)
    if not path.is_file():
        return []
    text, problem = datafile.read_text(path)
    problem = problem or datafile.refused(text)  # aliases, too deep: never loaded
    if problem is not None:
        lang = cli_language()
        raise UserError(t("cli.data_file_bad_yaml", lang, line=problem.line, problem=problem.problem),
                        where=f"{path}:{problem.line}", fix=t("cli.settings_bad_yaml_fix", lang))
    try:
        raw = datafile.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        lang = cli_language()
        raise UserError(
            t("cli.data_file_bad_yaml", lang, line=line,
              problem=plain_yaml_problem(str(getattr(error, "problem", None) or error), lang)),
            where=f"{path}:{line}",
            fix=t("cli.settings_bad_yaml_fix", lang),
        ) from None
    return normalise(raw, entry_lines(text))


def applies(term: dict[str, Any], jurisdiction: str) -> bool:
    return term["jurisdiction"] in ("both", jurisdiction)


def is_acronym(word: str) -> bool:
    """ALN, IDPs, ALNCo, CLlLC: two or more capitals and mostly capitals."""
    letters = [ch for ch in word if ch.isalpha()]
    upper = sum(1 for ch in letters if ch.isupper())
    return 2 <= len(letters) <= 10 and upper >= 2 and upper * 2 >= len(letters) and word[:1].isupper()


def abbreviation_lines(terms: list[dict[str, Any]], lang: str, jurisdiction: str,
                       only_in: str | None = None) -> list[str]:
    """Markdown ``abbr`` definitions (``*[ALN]: additional learning needs``) for tooltips;
    with ``only_in``, only for the acronyms that text has (Markdown's time grows with the
    number of definitions: a long glossary must not slow every page)."""
    lines = []
    seen = set()
    for term in terms:
        word = term["term"].get(lang)
        expansion = (term.get("expansion") or {}).get(lang)
        if not word or not expansion or not applies(term, jurisdiction) or word in seen:
            continue
        if not is_acronym(word) or not _ABBR_WORD_RE.fullmatch(word):
            continue
        if only_in is not None and word not in only_in:
            continue
        seen.add(word)
        # one line of plain text: the extension puts it in a title="" attribute (escaped
        # there); a line break would start new Markdown on every page (issue 14)
        lines.append(f"*[{word}]: {' '.join(expansion.split())}")
    return lines


# what an acronym in an abbreviation line may be: no ], line breaks or markup
_ABBR_WORD_RE = re.compile(r"[\w'’&.-]+")


def _one_line(text: str) -> str:
    from localoffer.mdtext import escape

    return escape(" ".join(str(text).split()))


def glossary_markdown(terms: list[dict[str, Any]], lang: str, jurisdiction: str) -> str:
    """The glossary as a Markdown definition list, sorted by term."""
    rows = []
    for term in terms:
        word = term["term"].get(lang)
        if not word or not applies(term, jurisdiction):
            continue
        expansion = (term.get("expansion") or {}).get(lang)
        explanation = term["explanation"].get(lang) or ""
        title = f"{word} ({expansion})" if expansion else word
        # data is text, never markup: escaped for Markdown and HTML, on one line each
        rows.append((word.lower(), f"{_one_line(title)}\n:   {_one_line(explanation)}\n"))
    rows.sort()
    return "\n".join(text for _, text in rows)
