"""``localoffer check``: exit status 0, 1 or 2, formats, fail-on."""

import json
import textwrap

import pytest

from localoffer import rules as rules_module
from localoffer.cli import main


@pytest.fixture(autouse=True)
def plain_rules_only(monkeypatch):
    """Other checks (i18n, meta) have their own tests; here we test the command with plain/."""
    everything = rules_module.load_rules()
    monkeypatch.setattr(rules_module, "REGISTRY", {k: v for k, v in everything.items() if k.startswith("plain/")})

CONFIG = textwrap.dedent("""\
    site_name: Test
    docs_dir: docs
    plugins:
      - i18n:
          languages:
            - {locale: en, default: true, name: English}
            - {locale: cy, name: Cymraeg}
    extra:
      council:
        name: {en: Test Council, cy: Cyngor Prawf}
        jurisdiction: wales
        checks:
          fail_on: {fail_on}
    """)


def _site(tmp_path, body, fail_on="error"):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(body, encoding="utf-8")
    (tmp_path / "docs" / "index.cy.md").write_text("Croeso i'r wefan.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.replace("{fail_on}", fail_on), encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def test_clean_page_exits_0(tmp_path, capsys):
    config = _site(tmp_path, "Welcome to the website.\n")
    assert main(["--config", str(config), "check", "--format", "json", str(tmp_path / "docs")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1 and data["summary"]["error"] == 0


def test_error_exits_1(tmp_path, capsys):
    config = _site(tmp_path, "Welcome.\n\nAsk about an EHCP.\n")
    assert main(["--config", str(config), "check", str(tmp_path / "docs" / "index.md")]) == 1
    out = capsys.readouterr().out
    assert "index.md:3:14: error plain/jargon" in out


def test_fail_on_warning_from_settings_and_flag(tmp_path, capsys):
    config = _site(tmp_path, "Bring a letter, e.g. from your doctor.\n", fail_on="warning")
    assert main(["--config", str(config), "check"]) == 1
    assert main(["--config", str(config), "check", "--fail-on", "error"]) == 0


def test_github_format(tmp_path, capsys):
    config = _site(tmp_path, "Ask about an EHCP.\n")
    main(["--config", str(config), "check", "--format", "github", str(tmp_path / "docs")])
    assert "::error file=" in capsys.readouterr().out


def test_missing_path_exits_2(tmp_path, capsys):
    config = _site(tmp_path, "Hello.\n")
    assert main(["--config", str(config), "check", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err


def test_bad_settings_exit_2(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("extra: [\n", encoding="utf-8")
    assert main(["--config", str(tmp_path / "mkdocs.yml"), "check"]) == 2
