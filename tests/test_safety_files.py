"""safety/file-type and snippets: only safe files from editors, snippets checked as pages.

Real sites, real commands: ``localoffer check`` and ``mkdocs build --strict``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from localoffer.rules.safety.file_type import ALLOWED_EXTENSIONS, file_problem, svg_problem
from sitekit import ROOT, build, make_project

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("name", ["x.html", "x.htm", "x.js", "x.mjs", "x.css", "x.xml", "x.xhtml",
                                  "x.php", "x.exe", "x.wasm", "x.json", "x.swf", "README", "a/b.HTML"])
def test_types_a_browser_could_run_are_refused(name):
    problem = file_problem(name, lambda: b"")
    assert problem is not None and problem[0].startswith("safety.file_type."), name


@pytest.mark.parametrize("name", ["a.png", "a.JPG", "a.pdf", "a.docx", "a.txt", "a.csv", "a.md",
                                  "a.cy.md", ".hidden/x.html", "a/.DS_Store"])
def test_pictures_documents_and_pages_are_accepted(name):
    assert file_problem(name, lambda: b"<svg/>") is None, name


@pytest.mark.parametrize("folder", ["assets/javascripts/", "pagefind/"])
def test_the_script_folders_are_reserved(folder):
    assert file_problem(folder + "notes.txt", lambda: b"")[0] == "safety.file_type.reserved"


BAD_SVG = {
    "script": SVG.format("<script>alert(1)</script>"),
    "script in another namespace": SVG.format('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
    "event": SVG.format('<rect onclick="alert(1)" width="5" height="5"/>'),
    "javascript link": SVG.format('<a xlink:href="javascript:alert(1)"><text>x</text></a>'),
    "animated href": SVG.format('<a><animate attributeName="href" values="javascript:alert(1)"/></a>'),
    "set": SVG.format('<set attributeName="xlink:href" to="javascript:alert(1)"/>'),
    "foreignObject": SVG.format("<foreignObject><div>x</div></foreignObject>"),
    "remote image": SVG.format('<image href="https://evil.example/x.png"/>'),
    "remote use": SVG.format('<use xlink:href="https://evil.example/a.svg#x"/>'),
    "same-site use": SVG.format('<use href="other.svg#x"/>'),
    "style import": SVG.format("<style>@import url(https://evil.example/x.css);</style>"),
    "style url": SVG.format('<rect style="fill:url(https://evil.example/x)"/>'),
    "fill url": SVG.format('<rect fill="url(https://evil.example/x#g)"/>'),
    "entity": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "external entity": '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "stylesheet": '<?xml-stylesheet href="https://evil.example/x.css"?>' + SVG.format(""),
    "broken": "<svg><rect></svg>",
}


@pytest.mark.parametrize("case", sorted(BAD_SVG))
def test_unsafe_svg_is_refused(case):
    assert svg_problem(BAD_SVG[case].encode()) is not None, case


def test_plain_svg_is_accepted():
    assert svg_problem((ROOT / "docs" / "assets" / "images" / "logo.svg").read_bytes()) is None
    fine = SVG.format('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="5" height="5"/>'
                      '<use href="#g"/><title>A picture</title>')
    assert svg_problem(fine.encode()) is None


def test_allowed_types_are_not_code():
    assert not ALLOWED_EXTENSIONS & {"html", "htm", "js", "mjs", "css", "xml", "xhtml", "json", "wasm"}


def project(tmp_path: Path, pages: dict, files: dict) -> Path:
    config_file = make_project(tmp_path, pages)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    example = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = example["markdown_extensions"]
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for name, text in files.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return config_file


def check(config_file: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "localoffer"), "--config", str(config_file), "check"]
    return subprocess.run(command, cwd=config_file.parent, capture_output=True, text=True, check=False,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "notes.md": "# Notes\n\nOur opening hours.\n\n--8<-- \"assets/hours.txt\"\n\nThe end.\n",
    "outer.md": "# Outer\n\nA page.\n\n--8<-- \"assets/outer.txt\"\n",
}
FILES = {
    "assets/hours.txt": "Monday to Friday.\n\n<span onclick=\"alert(1)\">Call us</span>\n",
    "assets/outer.txt": "Some text.\n\n--8<-- \"assets/missing.txt\"\n",
    "assets/app.js": "alert(1)\n",
    "assets/page.html": "<script>alert(1)</script>\n",
    "assets/bad.svg": SVG.format("<script>alert(1)</script>"),
    "assets/good.svg": SVG.format('<rect width="5" height="5"/>'),
}


@pytest.mark.slow
def test_check_and_build_report_files_and_snippets_and_publish_neither(tmp_path):
    config_file = project(tmp_path / "project", PAGES, FILES)
    result = check(config_file)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    # each unsafe file, by name, with a fix
    for name in ("assets/app.js", "assets/page.html", "assets/bad.svg"):
        assert any(name in line and "safety/file-type" in line for line in out.splitlines()), (name, out)
    assert "good.svg" not in out
    # the snippet's markup, at the line of the page that includes it, naming the file
    line = next(l for l in out.splitlines() if "safety/rendered-html" in l)
    assert "notes.md:5:" in line and "assets/hours.txt" in line, line
    # a missing file inside a snippet: the including line, no traceback
    assert any("outer.md:5:" in l and "safety/snippet-path" in l and "assets/missing.txt" in l
               for l in out.splitlines()), out

    site_dir = tmp_path / "site"
    built = build(config_file, site_dir)
    assert built.returncode != 0
    assert "Traceback" not in built.stderr, built.stderr[-3000:]
    for rule_id in ("safety/file-type", "safety/rendered-html", "safety/snippet-path"):
        assert rule_id in built.stderr, rule_id
    assert not (site_dir / "assets" / "app.js").exists()
    assert not (site_dir / "assets" / "page.html").exists()
    assert not (site_dir / "assets" / "bad.svg").exists()
    assert (site_dir / "assets" / "good.svg").exists()
    notes = (site_dir / "notes" / "index.html").read_text(encoding="utf-8")
    assert "Call us" in notes and "onclick" not in notes
