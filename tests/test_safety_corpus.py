"""The security corpus (tests/security/): our payloads by class and 400 from a public list.

* Unit level: every payload is rendered as MkDocs would; where the browser would get
  live markup, the safety checks report it, and the sanitiser leaves nothing off the list.
* Build level (slow): the payloads, a snippet file and unsafe files in docs/ go through a
  plain ``mkdocs build --strict`` (which fails, and must still leave nothing live in its
  output) and ``localoffer build`` (which fails and leaves no site; and, with the safety
  checks silenced by a maintainer, publishes a site with nothing live in it). Chromium
  reads every built payload page and counts live handlers, scripts that are not ours,
  ``javascript:`` addresses, frames and dialogs: all must be 0.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from localoffer import checks, sanitise, source
from localoffer.rules import Context, load_rules
from localoffer.rules.safety import rendered_html as rule
from sitekit import ROOT, build, make_project

sys.path.insert(0, str(Path(__file__).resolve().parent / "security"))
import corpus  # noqa: E402

load_rules()
CTX = Context.create(jurisdiction="wales")
CLASSES = corpus.classes()
CASES = [(name, index, block) for name, blocks in CLASSES.items() for index, block in enumerate(blocks)]


def live(html: str | None) -> list[sanitise.Problem]:
    """What would be live in the browser: handlers, bad addresses, dangerous elements."""
    return [p for p in sanitise.problems(html or "") if p.dangerous]


@pytest.mark.parametrize("heading", corpus.own_payloads()["headings"])
def test_a_title_made_from_a_heading_cannot_become_markup(heading):
    """MkDocs keeps a page's first heading as HTML text (``&lt;``) and Material writes it
    into <title> through ``striptags``, which turns ``&lt;`` back into ``<``."""
    from markupsafe import Markup

    html = rule.render(f"# {heading}\n", CTX)
    title = html[html.index(">") + 1:html.rindex("</h1>")]
    safe = sanitise.plain_title(title)
    assert "<" not in Markup(safe).striptags() and ">" not in Markup(safe).striptags()
    assert sanitise.plain_title("Q&amp;A and Health &amp; Safety") == "Q&amp;A and Health &amp; Safety"


def test_the_corpus_is_big_enough():
    assert len(corpus.public_payloads()) == 400
    assert len(set(corpus.public_payloads())) == 400
    own = corpus.own_payloads()
    assert len(own) >= 11 and all(len(items) >= 3 for items in own.values())


@pytest.mark.parametrize("name, index, block", CASES, ids=[f"{n}-{i}" for n, i, _ in CASES])
def test_every_payload_is_reported_and_cleaned(name, index, block):
    text = f"# Title\n\n{block}\n"
    html = rule.render(text, CTX)
    assert html is not None
    if live(html):
        page = source.parse(text, "docs/x.md")
        found = [f for f in checks.check_page(page, CTX).findings if f.rule.startswith("safety/")]
        assert found and all(f.severity == "error" for f in found), block
    cleaned = sanitise.clean(html)
    assert sanitise.problems(cleaned) == [], (block, cleaned)


SILENCED = {
    "safety/raw-html": "Test: the corpus pages carry payloads on purpose.",
    "safety/rendered-html": "Test: the corpus pages carry payloads on purpose.",
    "safety/file-type": "Test: unsafe files are in docs/ on purpose.",
    "meta/front-matter": "Fixture.",
    "a11y/link-text": "Test: payloads have made-up links.",
    "meta/broken-link": "Test: payloads link to files that do not exist.",
}


def corpus_project(base: Path, silence: bool = False) -> Path:
    pages = dict(corpus.corpus_pages())
    pages["index.md"] = "# Payload corpus\n\nThe pages of this site carry test payloads.\n"
    council = {"checks": {"ignore": dict(SILENCED) if silence else {}, "rule_time_limit": 60}}
    config_file = make_project(base, pages, council=council)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    example = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = example["markdown_extensions"]
    config["strict"] = True
    if silence:  # MkDocs' own link warnings too: the payloads link to made-up places
        config["validation"] = {key: "info" for key in [*config["validation"], "not_found"]}
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for name, text in {**corpus.UNSAFE_FILES, **corpus.SAFE_FILES}.items():
        path = base / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return config_file


def payload_pages(site_dir: Path) -> list[str]:
    """The built payload pages. The Welsh build makes the same pages again from the same
    source (untranslated pages); the browser reads the English ones, our check all."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
                  if p.parent != site_dir and "/404" not in p.as_posix()
                  and not p.relative_to(site_dir).as_posix().startswith("cy/"))


def all_built_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def assert_nothing_unsafe(site_dir: Path, config_file: Path) -> dict[str, int]:
    from localoffer import hosting, settings as settings_module

    for name in corpus.UNSAFE_FILES:
        assert not (site_dir / name).exists(), name
    for name in ("assets/fine.svg", "assets/leaflet.pdf"):
        assert (site_dir / name).exists(), name
    pages = payload_pages(site_dir)
    assert len(pages) >= len(corpus.corpus_pages()) - 1
    # every payload page, as a browser sees it
    hashes = hosting.script_hashes(settings_module.load(config_file))
    counts = corpus.chromium_counts(site_dir, pages, hashes)
    totals = corpus.totals(counts)
    bad = {page: found.get("examples") or found.get("error") for page, found in counts.items()
           if "error" in found or any(found.get(k) for k in ("handlers", "scripts", "urls", "frames", "dialogs"))}
    assert totals == {"handlers": 0, "scripts": 0, "urls": 0, "frames": 0, "dialogs": 0, "errors": 0}, bad
    # and as our own allowlist reads the page content
    for page in all_built_pages(site_dir):
        html = (site_dir / page).read_text(encoding="utf-8")
        if '<article class="md-content__inner' not in html:
            continue
        start = html.find('<article class="md-content__inner')
        end = html.find("</article>", start)
        assert start > 0 and end > start
        assert live(html[start:end]) == [], page
    return totals


@pytest.mark.slow
def test_plain_mkdocs_build_fails_and_leaves_nothing_live(tmp_path):
    config_file = corpus_project(tmp_path / "project")
    site_dir = tmp_path / "site"
    result = build(config_file, site_dir)
    assert result.returncode != 0
    for rule_id in ("safety/rendered-html", "safety/file-type", "safety/raw-html"):
        assert rule_id in result.stderr, rule_id
    assert "Traceback" not in result.stderr
    assert site_dir.is_dir()  # MkDocs writes its pages before strict mode stops it
    assert_nothing_unsafe(site_dir, config_file)


@pytest.mark.slow
def test_localoffer_build_refuses_then_publishes_nothing_live_when_silenced(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    project = tmp_path / "project"
    config_file = corpus_project(project)
    command = [str(Path(sys.executable).parent / "localoffer"), "--config", str(config_file),
               "build", "--no-a11y", "--site-dir", str(tmp_path / "site")]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "localoffer", *command[1:]]
    refused = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)
    assert refused.returncode == 1, refused.stderr[-3000:]
    assert "safety/rendered-html" in refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.build")]

    # a maintainer silences the safety checks: the site is built, and still safe
    shutil.rmtree(project)
    config_file = corpus_project(project, silence=True)
    passed = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)
    assert passed.returncode == 0, (passed.stdout + passed.stderr)[-3000:]
    assert_nothing_unsafe(tmp_path / "site", config_file)
