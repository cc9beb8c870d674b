"""How far the checks can be trusted: precision on the real-pattern corpus (tests/corpus/).

    .venv/bin/python benchmarks/precision.py               # the table, per rule
    .venv/bin/python benchmarks/precision.py --json FILE   # also write the figures as JSON
    .venv/bin/python benchmarks/precision.py --update      # rewrite the expected files (keeps judgements)

The corpus is pages written in our own words that keep the patterns of real council Local
Offer pages, council ALN pages, Welsh Government ALN guidance and SNAP Cymru pages (see
``tests/corpus/corpus.yml``). Beside each page, ``<page>.expected.yml`` lists every finding
the checks give on it (rule, line, severity), each judged ``right`` or ``wrong`` by a person.

For each rule the table gives the findings per 1,000 words and the share of its errors and
warnings that are right (suggestions are counted but not judged for precision: they never
stop anything). A finding not in the expected files is "unjudged": ``--update`` adds it with
``judgement: unjudged`` so that a person can judge it; the test (tests/test_rules_corpus.py)
fails while any finding is new, missing or unjudged.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "scripts"))

import yaml  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
JUDGED = ("error", "warning")


@dataclass(frozen=True)
class Key:
    """What identifies a finding in an expected file."""

    rule: str
    line: int
    severity: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "line": self.line, "severity": self.severity}


def corpus_settings(root: Path = CORPUS) -> dict:
    return yaml.safe_load((root / "corpus.yml").read_text("utf-8"))


def corpus_pages(root: Path = CORPUS) -> dict[str, list[Path]]:
    """{site name: its Markdown files}, in a stable order."""
    settings = corpus_settings(root)
    return {name: sorted((root / name).glob("*.md")) for name in settings["sites"]}


def wanted(rule_id: str, prefixes) -> bool:
    return any(rule_id == p or (p.endswith("/") and rule_id.startswith(p)) for p in prefixes)


def run_corpus(root: Path = CORPUS) -> tuple[dict[str, list], int]:
    """{page path relative to the corpus: [Finding]} for every page, and the words read."""
    from localoffer import checks, source
    from localoffer.glossary import load_glossary
    from localoffer.rules import Context

    settings = corpus_settings(root)
    prefixes = settings["rules"]
    found: dict[str, list] = {}
    words = 0
    glossary = load_glossary(root / settings["glossary"]) if settings.get("glossary") else []
    for name, files in corpus_pages(root).items():
        site = settings["sites"][name]
        checks_options = dict(site.get("checks") or {})
        ctx = Context.create(site["jurisdiction"], glossary=glossary,
                             extra_acronyms=tuple(checks_options.get("well_known_acronyms") or ()),
                             options=checks_options)
        pages = [source.read_page(path, path.relative_to(root).as_posix()) for path in files]
        words += sum(page.word_count for page in pages)
        result = checks.run(pages, ctx)
        for page in pages:
            found[page.path] = []
        for finding in result.findings:
            if wanted(finding.rule, prefixes) and finding.file in found:
                found[finding.file].append(finding)
    return found, words


def expected_file(root: Path, page_path: str) -> Path:
    return root / (page_path[: -len(".md")] + ".expected.yml")


def read_expected(root: Path, page_path: str) -> list[dict]:
    path = expected_file(root, page_path)
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return list(data.get("findings") or [])


def key_of(item) -> Key:
    if isinstance(item, dict):
        return Key(item["rule"], int(item["line"]), item["severity"])
    return Key(item.rule, item.line, item.severity)


def compare(found: dict[str, list], root: Path = CORPUS) -> dict:
    """For every page: findings new (not expected), missing (expected, not found) and the
    judged findings that were found, with their judgement."""
    report = {"new": [], "missing": [], "judged": []}
    for page_path, findings in sorted(found.items()):
        expected = read_expected(root, page_path)
        pool: dict[Key, list[dict]] = defaultdict(list)
        for item in expected:
            pool[key_of(item)].append(item)
        for finding in findings:
            key = key_of(finding)
            item = _take(pool[key], finding.message)
            if item is not None:
                report["judged"].append((page_path, key, item.get("judgement", "unjudged"), finding))
            else:
                report["new"].append((page_path, key, finding))
        for key, items in pool.items():
            for _ in items:
                report["missing"].append((page_path, key))
    return report


def _take(items: list[dict], message: str) -> dict | None:
    """The expected finding for a found one with this key: the one with the same message
    if there is one (two findings of one rule on one line), else the first."""
    if not items:
        return None
    for index, item in enumerate(items):
        if item.get("message") == message:
            return items.pop(index)
    return items.pop(0)


def figures(found: dict[str, list], words: int, root: Path = CORPUS) -> dict:
    """Per rule: findings, findings per 1,000 words, errors and warnings judged right/wrong,
    precision. Unjudged and new findings count as not right."""
    report = compare(found, root)
    per_rule: dict[str, dict] = defaultdict(lambda: {"findings": 0, "errors": 0, "warnings": 0, "suggestions": 0,
                                                     "judged": 0, "right": 0, "wrong": 0, "wrong_errors": 0,
                                                     "unjudged": 0})
    for _, key, judgement, _ in report["judged"]:
        row = per_rule[key.rule]
        _count(row, key, judgement)
    for _, key, _ in report["new"]:
        _count(per_rule[key.rule], key, "unjudged")
    total = {"findings": 0, "judged": 0, "right": 0, "wrong": 0, "wrong_errors": 0, "unjudged": 0}
    rules = {}
    for rule, row in sorted(per_rule.items()):
        row["per_1000_words"] = round(1000 * row["findings"] / words, 2) if words else None
        row["precision"] = round(row["right"] / row["judged"], 3) if row["judged"] else None
        rules[rule] = row
        for name in total:
            total[name] += row[name]
    total["per_1000_words"] = round(1000 * total["findings"] / words, 2) if words else None
    total["precision"] = round(total["right"] / total["judged"], 3) if total["judged"] else None
    return {"pages": len(found), "words": words, "rules": rules, "total": total,
            "new": len(report["new"]), "missing": len(report["missing"])}


def _count(row: dict, key: Key, judgement: str) -> None:
    row["findings"] += 1
    row[{"error": "errors", "warning": "warnings"}.get(key.severity, "suggestions")] += 1
    if key.severity in JUDGED:
        row["judged"] += 1
        if judgement == "right":
            row["right"] += 1
        elif judgement == "wrong":
            row["wrong"] += 1
            if key.severity == "error":
                row["wrong_errors"] += 1
        else:
            row["unjudged"] += 1


def table(result: dict) -> str:
    """The figures as a Markdown table (as in the README)."""
    lines = [
        "| Rule | Findings per 1,000 words | Errors and warnings | Right | Precision | Wrong errors |",
        "| --- | --- | --- | --- | --- | --- |",
    ]

    def cell(value, spec):
        return "-" if value is None else format(value, spec)

    for rule, row in result["rules"].items():
        lines.append(f"| `{rule}` | {cell(row['per_1000_words'], '.1f')} | {row['judged']} | {row['right']} | "
                     f"{cell(row['precision'] and 100 * row['precision'], '.0f')}% | {row['wrong_errors']} |")
    total = result["total"]
    lines.append(f"| all | {cell(total['per_1000_words'], '.1f')} | {total['judged']} | {total['right']} | "
                 f"{cell(total['precision'] and 100 * total['precision'], '.0f')}% | {total['wrong_errors']} |")
    lines.append("")
    lines.append(f"{result['pages']} pages, {result['words']:,} words. "
                 f"Unjudged: {total['unjudged']}; new: {result['new']}; missing: {result['missing']}.")
    return "\n".join(lines)


def update_expected(found: dict[str, list], root: Path = CORPUS) -> None:
    """Rewrite each page's expected file with the findings of today's checks, keeping the
    judgement (and note) of every finding that was there before; new ones are unjudged."""
    for page_path, findings in sorted(found.items()):
        before = read_expected(root, page_path)
        pool: dict[Key, list[dict]] = defaultdict(list)
        for item in before:
            pool[key_of(item)].append(item)
        items = []
        for finding in sorted(findings, key=lambda f: (f.line, f.rule, f.severity, f.column)):
            key = key_of(finding)
            old = _take(pool[key], finding.message) or {}
            item = key.as_dict()
            same = old.get("message") == finding.message
            # a judgement is of a message in a place: a new message is judged again
            item["judgement"] = old.get("judgement", "unjudged") if same else "unjudged"
            item["message"] = finding.message
            if old.get("note") and same:
                item["note"] = old["note"]
            items.append(item)
        text = ("# Findings of the checks on " + Path(page_path).name + ", each judged right or wrong\n"
                "# (see tests/corpus/corpus.yml). A test fails on any new or missing finding.\n")
        text += yaml.safe_dump({"findings": items}, allow_unicode=True, sort_keys=False, width=120)
        expected_file(root, page_path).write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Precision of the checks on the real-pattern corpus.")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this JSON file")
    parser.add_argument("--update", action="store_true", help="rewrite the expected files (keeps judgements)")
    args = parser.parse_args(argv)
    found, words = run_corpus(args.corpus)
    if args.update:
        update_expected(found, args.corpus)
    result = figures(found, words, args.corpus)
    print(table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["new"] == 0 and result["missing"] == 0 and result["total"]["unjudged"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
