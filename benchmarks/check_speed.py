"""How fast is ``localoffer check``? Generates a corpus and prints words per second.

    .venv/bin/python benchmarks/check_speed.py [--pages 1000] [--words 400]

Writes ``pages`` English and ``pages`` Welsh Markdown pages of about ``words`` words each
(deterministic: seeded) into a temporary folder, then times ``checks.run`` over them
(reading and parsing included; Python start-up and rule import excluded). Target:
100,000 words per second per core. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from localoffer import checks  # noqa: E402
from localoffer.rules import Context, load_rules, rules  # noqa: E402

EN = ("we help children and young people with additional learning needs at school college and home "
      "your child can get extra support from a teacher the council or a health worker ask us about "
      "the individual development plan (IDP) in order to plan what happens next e.g. a meeting it will be sent "
      "to you by post please call us on the phone number below or email the team").split()
CY = ("rydyn ni'n helpu plant a phobl ifanc ag anghenion dysgu ychwanegol yn yr ysgol y coleg a gartref "
      "gall eich plentyn gael cymorth ychwanegol gan athro y cyngor neu weithiwr iechyd gofynnwch i ni "
      "am y cynllun datblygu unigol (CDU) cynhelir cyfarfod e.e. bob tymor gall y tîm eich cynorthwyo "
      "ffoniwch ni ar y rhif isod neu anfonwch e-bost at y tîm").split()


def page(rng: random.Random, vocabulary: list[str], words: int, title: str) -> str:
    lines = [f"---\ntitle: {title}\n---\n# {title}\n"]
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            n = rng.randint(6, 24)
            sentence = " ".join(rng.choice(vocabulary) for _ in range(n))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            count += n
        lines.append(" ".join(sentences) + "\n")
        if rng.random() < 0.2:
            lines.append("- " + " ".join(rng.choice(vocabulary) for _ in range(8)) + "\n- [a link](https://example.org/page)\n")
            count += 10
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    parser.add_argument("--words", type=int, default=400, help="words per page (default 400)")
    args = parser.parse_args()
    rng = random.Random(20261123)
    load_rules()
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder)
        for i in range(args.pages):
            (docs / f"page-{i:04}.md").write_text(page(rng, EN, args.words, f"Page {i}"), encoding="utf-8")
            (docs / f"page-{i:04}.cy.md").write_text(page(rng, CY, args.words, f"Tudalen {i}"), encoding="utf-8")
        ctx = Context.create("wales")
        started, cpu_started = time.perf_counter(), time.process_time()
        pages = checks.load_pages(checks.discover([docs]))
        parsed, cpu_parsed = time.perf_counter(), time.process_time()
        result = checks.run(pages, ctx)
        finished, cpu_finished = time.perf_counter(), time.process_time()
        per_rule = {}
        for rule in rules():
            if rule.kind != "page":
                continue
            begin = time.process_time()
            for page_ in pages:
                if page_.lang in rule.languages:
                    rule.function(page_, ctx)
            per_rule[rule.id] = time.process_time() - begin
    total, cpu = finished - started, cpu_finished - cpu_started
    words = result.words
    print(f"pages: {len(pages)}  words: {words:,}  findings: {len(result.findings):,}")
    print(f"read + parse: {cpu_parsed - cpu_started:.2f} s CPU   rules: {cpu_finished - cpu_parsed:.2f} s CPU")
    print(f"words per second, wall clock: {words / total:,.0f}")
    print(f"words per CPU second (one core; fair on a busy machine): {words / cpu:,.0f}")
    print("page rules, CPU seconds on a second pass (shared work per segment already done):")
    for rule_id, seconds in sorted(per_rule.items(), key=lambda item: -item[1]):
        print(f"  {rule_id:32} {seconds:6.2f} s  {words / max(seconds, 1e-9):>12,.0f} words/s")
    plain = sum(seconds for rule_id, seconds in per_rule.items() if rule_id.startswith("plain/"))
    print(f"plain/ rules together (second pass): {words / max(plain, 1e-9):,.0f} words per CPU second")


if __name__ == "__main__":
    main()
