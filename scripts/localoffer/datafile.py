"""Read a YAML data file and remember the line of every key and list item.

Checks of data files (services, "You said, we did") report the line an editor must
change, so the loaded data keeps its places:

* a mapping is a ``LineDict`` (a dict); ``d.line`` is the line of the mapping itself
  and ``d.key_line(key)`` the line of ``key:``;
* a list is a ``LineList`` (a list); ``l.line`` is its first line and ``l.item_line(i)``
  the line of item ``i``.

Lines are 1-based. ``load_text`` never raises for broken YAML: it returns ``None``
and a ``DataProblem`` with the line and a short reason, for a plain message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# The C loader (libyaml, shipped in PyYAML's wheels) is about ten times faster than the
# pure-Python one; every YAML file the tool reads goes through it.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the fast loader. For broken YAML, the error comes from the
    pure-Python loader: its messages are the ones we explain in plain words."""
    return _load(text, SafeLoader, yaml.SafeLoader)


def _load(text: str, fast, slow) -> Any:
    try:
        return yaml.load(text, Loader=fast)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        if fast is slow:
            raise
    return yaml.load(text, Loader=slow)  # noqa: S506 - a safe loader


class LineDict(dict):
    line = 1

    def key_line(self, key: str, default: int | None = None) -> int:
        return getattr(self, "lines", {}).get(key, default if default is not None else self.line)


class LineList(list):
    line = 1

    def item_line(self, index: int) -> int:
        lines = getattr(self, "lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


class _Loader(SafeLoader):
    pass


class _SlowLoader(yaml.SafeLoader):  # the same, pure Python: for its error messages
    pass


def _map(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _seq(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _loader in (_Loader, _SlowLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _map)
    _loader.add_constructor("tag:yaml.org,2002:seq", _seq)


@dataclass(frozen=True)
class DataProblem:
    line: int
    problem: str


def load_text(text: str) -> tuple[Any, DataProblem | None]:
    """``(data, None)``, or ``(None, DataProblem)`` when the YAML is broken, or is YAML we
    refuse to load: anchors and aliases, nesting deeper than any data file needs, a file
    over 2 MB (see ``inputguard``)."""
    problem = refused(text)
    if problem is not None:
        return None, problem
    try:
        return _load(text, _Loader, _SlowLoader), None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or "syntax"
        return None, DataProblem((mark.line + 1) if mark else 1, str(problem))
    except (ValueError, TypeError, RecursionError) as error:  # an impossible date, too deep
        return None, DataProblem(1, type(error).__name__)


def refused(text: str) -> DataProblem | None:
    """The reason we do not load this YAML at all (anchors and aliases, too deep, too
    large: see ``inputguard.yaml_problem``), or None."""
    from localoffer import inputguard

    found = inputguard.yaml_problem(text)
    return DataProblem(found[0], _plain(f"data.input.{found[1]}")) if found else None


def load_file(path: str | Path) -> tuple[Any, DataProblem | None]:
    """Like ``load_text``; a file that is not UTF-8, too large or unreadable is a
    ``DataProblem`` (at the line of its first bad byte), never an exception."""
    text, problem = read_text(path)
    if problem is not None:
        return None, problem
    return load_text(text)


def read_text(path: str | Path) -> tuple[str, DataProblem | None]:
    """A data file's text, or ``("", DataProblem)`` when it is over the size limit, is not
    UTF-8 (the line of the first bad byte) or cannot be read."""
    from localoffer import inputguard

    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return "", DataProblem(1, error.strerror or type(error).__name__)
    if len(raw) > inputguard.MAX_DATA_BYTES:
        return "", DataProblem(1, _plain("data.input.too_large"))
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        try:
            raw.decode("utf-8")
            start = len(raw)
        except UnicodeDecodeError as error:
            start = error.start
        return "", DataProblem(raw[:start].count(b"\n") + 1, _plain("data.input.not_utf8"))


def _plain(key: str) -> str:
    from localoffer.messages import cli_language, t

    return t(key, cli_language())


def plain(value: Any) -> Any:
    """The same data as plain dicts and lists (for JSON and for comparisons)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def as_date(value) -> dt.date | None:
    """A date from YAML (a date, or text written YYYY-MM-DD), else None. The one place
    that decides what counts as a date in front matter and data files."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
