"""A real ``mkdocs build --strict`` of a small fixture site: a planted error fails the build,
fixing it makes the build pass, and the glossary and tooltips are added."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CONFIG = textwrap.dedent("""\
    site_name: Fixture
    site_url: https://example.org/
    docs_dir: docs
    theme:
      name: material
      custom_dir: {overrides}
      language: en
      font: false
    plugins:
      - i18n:
          docs_structure: suffix
          fallback_to_default: true
          reconfigure_material: true
          languages:
            - {{locale: en, default: true, name: English, build: true}}
            - {{locale: cy, name: Cymraeg, build: true}}
    hooks:
      - {hooks}
    markdown_extensions:
      - abbr
      - def_list
    extra:
      council:
        name: {{en: Fixture Council, cy: Cyngor Prawf}}
        jurisdiction: wales
        checks:
          ignore:
            {ignore}
    """)

GLOSSARY = textwrap.dedent("""\
    terms:
      - term: {en: ALN, cy: ADY}
        expansion: {en: additional learning needs, cy: anghenion dysgu ychwanegol}
        explanation: {en: Extra help to learn., cy: Help ychwanegol i ddysgu.}
        jurisdiction: wales
    """)

GOOD = "Help for children with additional learning needs (ALN).\n"
PLANTED = "Help for children with additional learning needs (ALN). Ask the school about an EHCP.\n"


def _other_page_rules():
    """Rules from other checks (meta, i18n...) are silenced in this fixture: it tests ours."""
    from localoffer.rules import rules

    return [rule.id for rule in rules() if not rule.id.startswith("plain/")]


def _site(tmp_path: Path, body: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    front = "---\ntitle: Home\n---\n"
    (docs / "index.md").write_text(front + "# Home\n\n" + body, encoding="utf-8")
    (docs / "index.cy.md").write_text("---\ntitle: Hafan\n---\n# Hafan\n\nHelp i blant ag anghenion dysgu ychwanegol (ADY).\n", encoding="utf-8")
    (docs / "glossary.md").write_text("---\ntitle: Glossary\ngenerate: glossary\n---\n# Glossary\n", encoding="utf-8")
    (docs / "glossary.cy.md").write_text("---\ntitle: Geirfa\ngenerate: glossary\n---\n# Geirfa\n", encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    ignore = "\n        ".join(f"{rule}: not tested by this fixture" for rule in _other_page_rules()) or "{}"
    config = CONFIG.format(overrides=ROOT / "overrides", hooks=ROOT / "scripts" / "hooks.py", ignore=ignore)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def _build(config: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
         "--site-dir", str(config.parent / "site")],
        capture_output=True, text=True, env=env, cwd=config.parent, check=False,
    )


@pytest.mark.slow
def test_planted_error_fails_strict_build_and_fix_passes(tmp_path):
    config = _site(tmp_path, PLANTED)
    failed = _build(config)
    assert failed.returncode != 0
    assert "docs/index.md:6:81: plain/jargon" in failed.stderr and "plain/jargon" in failed.stderr and "EHCP" in failed.stderr

    _site(tmp_path, GOOD)
    passed = _build(config)
    assert passed.returncode == 0, passed.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="additional learning needs">ALN</abbr>' in html
    glossary = (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Extra help to learn." in glossary
    glossary_cy = (tmp_path / "site" / "cy" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Help ychwanegol i ddysgu." in glossary_cy
