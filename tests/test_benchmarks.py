"""The benchmark's generator and measuring functions (benchmarks/). Fast; no timed assertions."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402
import run  # noqa: E402


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _front_matter(path: Path) -> dict:
    text = path.read_text("utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    generate.generate(tmp_path / "a", pages=12, seed=7)
    generate.generate(tmp_path / "b", pages=12, seed=7)
    generate.generate(tmp_path / "c", pages=12, seed=8)
    a, b, c = (_digest(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c


@pytest.mark.parametrize("pages", [3, 12, 40])
def test_requested_number_of_pairs_with_valid_front_matter(tmp_path, pages):
    summary = generate.generate(tmp_path, pages=pages, seed=1)
    docs = tmp_path / "docs"
    english = sorted(p for p in docs.rglob("*.md") if not p.name.endswith(".cy.md"))
    welsh = sorted(p for p in docs.rglob("*.cy.md"))
    assert len(english) == len(welsh) == pages == summary["pages_per_language"]
    for en in english:
        cy = en.with_name(en.name[:-3] + ".cy.md")
        assert cy in welsh
        en_fm, cy_fm = _front_matter(en), _front_matter(cy)
        for fm in (en_fm, cy_fm):
            for key in ("title", "description", "last_reviewed", "review_due", "owner"):
                assert fm.get(key), (en, key)
            assert isinstance(fm.get("topics"), list), en
            assert fm["review_due"] > fm["last_reviewed"]
        assert en_fm["topics"] == cy_fm["topics"]
        assert en_fm["title"] != cy_fm["title"] or en.name == "index.md"


def test_pages_are_plain_and_parallel(tmp_path):
    generate.generate(tmp_path, pages=30, seed=3)
    service_pages = [p for p in (tmp_path / "docs").glob("*/*.md")
                     if not p.name.endswith(".cy.md") and p.name != "index.md"]
    assert service_pages
    for en in service_pages:
        cy = en.with_name(en.name[:-3] + ".cy.md")
        en_body, cy_body = (generate._body(p.read_text("utf-8")) for p in (en, cy))
        # same shape: headings, links, images, table rows
        for marker in ("\n#", "](", "![", "\n|"):
            assert en_body.count(marker) == cy_body.count(marker), (en, marker)
        # same contact details
        for token in ("01632 960", "@glanafon.example"):
            assert en_body.count(token) == cy_body.count(token)
        words = len(en_body.split())
        assert 300 <= words <= 520, (en, words)
        assert "additional learning needs (ALN)" in en_body
        assert "anghenion dysgu ychwanegol (ADY)" in cy_body


def test_every_bank_sentence_is_20_words_or_fewer():
    banks = [generate.INTRO_FIRST, generate.INTRO_IDP, generate.INTRO_MORE, generate.WHO_FIRST,
             generate.WHO_MORE, generate.WHAT, generate.ASK, generate.WELSH, generate.UNHAPPY,
             generate.SECTION_INTRO, generate.HOME["text"]]
    for bank in banks:
        for en, cy in bank:
            assert len(en.split()) <= 20, en
            assert len(cy.split()) <= 20, cy


def test_services_match_the_schema_when_it_is_there(tmp_path):
    generate.generate(tmp_path, pages=5, seed=1, n_services=6)
    files = sorted((tmp_path / "data" / "services").glob("*.yml"))
    assert len(files) == 6
    services = pytest.importorskip("localoffer.services")
    directory = services.load_all(tmp_path)
    assert not directory.problems, directory.problems[:3]
    assert len(directory.services) == 6


def test_config_mirrors_the_repository(tmp_path):
    generate.generate(tmp_path, pages=6, seed=1)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text("utf-8"))
    repo = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    assert config["theme"]["custom_dir"] == str(ROOT / "overrides")
    assert config["hooks"] == [str(ROOT / "scripts" / "hooks.py")]
    assert config["extra"] == repo["extra"]
    assert config["markdown_extensions"] == repo["markdown_extensions"]
    assert config["nav"][0] == {"Home": "index.md"}


def test_bare_project_is_stock_material_with_and_without_its_search(tmp_path):
    generate.generate(tmp_path / "site", pages=3, seed=1)
    stock = run.bare_project(tmp_path / "site", tmp_path / "stock")
    plain = run.bare_project(tmp_path / "site", tmp_path / "plain", search=False)
    assert stock["problem"] is None and stock["generated_pages_written"] > 0
    for folder, expect_search in ((tmp_path / "stock", True), (tmp_path / "plain", False)):
        config = yaml.safe_load((folder / "mkdocs.yml").read_text("utf-8"))
        assert "hooks" not in config and "custom_dir" not in config["theme"]
        names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
        assert ("search" in names) is expect_search and "i18n" in names
        i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
        assert ("reconfigure_search" not in i18n) is expect_search


def test_measure_counts_time_cpu_and_memory(tmp_path):
    result = run.measure([sys.executable, "-c", "x = bytearray(30 * 1024 * 1024); print('hi')"])
    assert result.returncode == 0
    assert result.stdout.strip() == "hi"
    assert result.seconds > 0
    assert result.max_rss_mb >= 30


def test_measurements_on_a_tiny_built_site(tmp_path):
    project = tmp_path / "gen"
    generate.generate(project, pages=3, seed=1, n_services=0)
    words = run.count_words(project / "docs")
    assert words["files"] == 6 and words["words"] > 50
    bare = run.bare_project(project, tmp_path / "bare")
    bare_config = yaml.safe_load((Path(bare["dir"]) / "mkdocs.yml").read_text("utf-8"))
    assert "hooks" not in bare_config and "custom_dir" not in bare_config["theme"]
    built = run.measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(Path(bare["dir"]) / "mkdocs.yml"),
                         "-d", str(tmp_path / "site")], cwd=Path(bare["dir"]))
    assert built.returncode == 0, built.stderr[-2000:]
    stats = run.html_stats(tmp_path / "site")
    assert stats["pages"] >= 6 and 0 < stats["html_median_kb"] <= stats["html_max_kb"]
    weight = run.static_weight(tmp_path / "site", "")
    assert weight["ok"] and weight["requests"] >= 2 and 0 < weight["gzip_kb"] < weight["raw_kb"]
    site = {"name": "tiny", "corpus": words, "html": stats,
            "bare_build": run.median_run([built]), "full_build": run.median_run([built]),
            "hooks_build": run.median_run([built]), "build_ratio": 1.0, "hooks_ratio": 1.0,
            "check": {"words_per_cpu_s": 1.0, "counts": {}}}
    checked = run.budgets(site)
    assert {b["status"] for b in checked} <= {"PASS", "FAIL", "n/a"}
    assert any(b["budget"].startswith("HTML") and b["status"] == "PASS" for b in checked)
    assert "tiny" in run.table([site])


def test_a11y_summary_and_check_counts_are_parsed():
    line = ("Accessibility (WCAG 2.2 AA, ...): 1022 pages, 1 tested now, 1021 unchanged since their last test; "
            "0 problems (9.1 s).")
    assert run._summary_numbers(line) == {"pages": 1022, "tested": 1, "cached": 1021, "problems": 0}
    assert run._check_counts('{"findings": [{"severity": "error"}, {"severity": "suggestion"}]}') == {
        "error": 1, "suggestion": 1}
    assert run._check_counts("0 errors, 1 warnings, 3 suggestions in 40 files") == {
        "error": 0, "warning": 1, "suggestion": 3}


# --- issue 17: the big site, the parts of the browser tests, the simulated pull request -----

def test_a_sample_site_keeps_the_chosen_pages_and_every_other_file(tmp_path):
    import pull_request

    site = tmp_path / "site"
    for name in ("index.html", "a/index.html", "a/b/index.html", "cy/index.html", "404.html",
                 "assets/x.css", "pagefind/pagefind.js"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    sample = pull_request.sample_site(site, ["a/", "404.html"], tmp_path / "sample")
    files = sorted(p.relative_to(sample).as_posix() for p in sample.rglob("*") if p.is_file())
    assert files == ["404.html", "a/index.html", "assets/x.css", "pagefind/pagefind.js"]
    assert (sample / "assets" / "x.css").stat().st_ino == (site / "assets" / "x.css").stat().st_ino


def test_page_keys_change_with_a_page_or_with_the_css_it_loads(tmp_path):
    import pull_request

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("p {}")
    for name in ("index.html", "a/index.html"):
        (site / name).write_text(f'<link rel="stylesheet" href="/assets/x.css"><p>{name}</p>')
    before = pull_request.page_keys(site, "/")
    assert set(before) == {"", "a/"}
    (site / "a" / "index.html").write_text('<link rel="stylesheet" href="/assets/x.css"><p>new</p>')
    after = pull_request.page_keys(site, "/")
    assert [p for p in after if after[p] != before[p]] == ["a/"]
    (site / "assets" / "x.css").write_text("p { color: red }")
    again = pull_request.page_keys(site, "/")
    assert all(again[p] != after[p] for p in again)


def test_the_big_site_budgets_of_issue_17():
    def site(peak, ratio, part_s, check_s, pr_s):
        return {"full_build": {"tree_peak_mb": peak}, "hooks_build": {"tree_peak_mb": 200},
                "build_ratio_no_search": ratio,
                "a11y_shard": {"shard": "1/8", "estimated_part_s": part_s, "returncode": 1, "sample_pages": 60,
                               "s_per_page": 0.5, "part_pages": 1500},
                "pull_request": {"ok": True, "job1_check_s": check_s, "job2_build_and_browser_s": pr_s,
                                 "job1_setup_s": 20, "pages_per_language": 500, "job2_build_s": 30,
                                 "job2_changed_count": 2, "job2_browser": {"seconds": 9}}}

    def status(checked, start):
        return next(b["status"] for b in checked if b["budget"].startswith(start))

    good = run.budgets(site(900, 1.2, 1100, 20, 120))
    bad = run.budgets(site(1100, 1.4, 1300, 70, 200))
    for start in ("peak memory", "our build <= 1.3x", "browser tests of one part", "pull request: annotations",
                  "pull request: build"):
        assert status(good, start) == "PASS" and status(bad, start) == "FAIL", start
    table = run.table([{"name": "big", **site(900, 1.2, 1100, 20, 120)}])
    assert "18.3 min" in table and "20 s / 20.0 s" in table


def test_make_benchmark_can_run_the_big_site():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    big = makefile[makefile.index("benchmark-big:"):]
    big = big[:big.index("\n\n")]
    assert "--pages 2500 --services 2500" in big and "--shard 1/8" in big and "--pull-request" in big
    options = re.findall(r"(--[a-z0-9-]+)", big)
    known = set(re.findall(r'add_argument\("(--[a-z0-9-]+)"', (ROOT / "benchmarks" / "run.py").read_text("utf-8")))
    assert set(options) <= known
