"""The real-pattern corpus (tests/corpus/): the checks give exactly the findings kept
beside each page, every one judged by a person, and no false errors.

The corpus and the precision figures: see benchmarks/precision.py."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import precision  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    found, words = precision.run_corpus()
    return found, words, precision.compare(found)


def test_corpus_is_big_enough(corpus):
    found, words, _ = corpus
    assert len(found) >= 16
    assert words >= 5500
    welsh = [path for path in found if path.endswith(".cy.md")]
    pairs = [path for path in welsh if path[: -len(".cy.md")] + ".md" in found]
    assert len(pairs) >= 4


def test_no_new_or_missing_finding(corpus):
    _, _, report = corpus
    new = [f"{page}:{key.line} {key.rule} {key.severity}: {finding.message}" for page, key, finding in report["new"]]
    missing = [f"{page}:{key.line} {key.rule} {key.severity}" for page, key in report["missing"]]
    assert not new and not missing, "\n".join(["new:"] + new + ["missing:"] + missing
                                             + ["(run benchmarks/precision.py --update, then judge them)"])


def test_every_finding_is_judged(corpus):
    _, _, report = corpus
    unjudged = [f"{page}:{key.line} {key.rule}" for page, key, judgement, _ in report["judged"]
                if judgement not in ("right", "wrong")]
    assert not unjudged


def test_no_false_errors_and_nine_in_ten_right(corpus):
    found, words, _ = corpus
    result = precision.figures(found, words)
    wrong_errors = {rule: row["wrong_errors"] for rule, row in result["rules"].items() if row["wrong_errors"]}
    assert not wrong_errors
    assert result["total"]["precision"] >= 0.9


def test_precision_counts_a_wrong_finding(tmp_path):
    """The figure can fail: a finding judged wrong lowers it, an unjudged one is not right."""
    import shutil

    copy = tmp_path / "corpus"
    shutil.copytree(precision.CORPUS, copy)
    found, words = precision.run_corpus(copy)
    page = next(path for path, findings in found.items() if any(f.severity == "error" or f.severity == "warning"
                                                                for f in findings))
    import yaml

    expected = precision.expected_file(copy, page)
    data = yaml.safe_load(expected.read_text("utf-8"))
    item = next(i for i in data["findings"] if i["severity"] in ("error", "warning"))
    item["judgement"] = "wrong"
    expected.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = precision.figures(found, words, copy)
    assert result["total"]["wrong"] == 1 and result["total"]["precision"] < 1
