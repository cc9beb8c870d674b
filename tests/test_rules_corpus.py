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
