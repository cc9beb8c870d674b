"""``localoffer build`` builds each language in a MkDocs process of its own, side by side.

The result must be the very same site as one plain ``mkdocs build``: every file, byte for
byte (``sitemap.xml.gz`` is compared unzipped: gzip stamps the time in its header, and
the build's hosting step takes that out later). The example site has generated pages
(services, search, translation status, coverage), two 404 pages and a sitemap, so it
shows what a per-language build could get wrong.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import example_project  # noqa: E402  (a copy of the example site, paths made absolute)


def _files(site: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            out[path.relative_to(site).as_posix()] = data
    return out


@pytest.mark.slow
def test_per_language_build_gives_the_same_site_as_one_mkdocs_build(tmp_path):
    from localoffer import settings as settings_module
    from localoffer.commands.build import run_mkdocs_per_language

    config = example_project(tmp_path / "project") / "mkdocs.yml"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOCALOFFER_CHECKS="separate")
    env.pop("LOCALOFFER_ONLY_LANGUAGE", None)
    one = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config),
         "--site-dir", str(tmp_path / "one")],
        capture_output=True, text=True, env=env, cwd=config.parent, check=False,
    )
    assert one.returncode == 0, one.stderr

    settings = settings_module.load(config)
    assert run_mkdocs_per_language(settings, tmp_path / "split") == 0
    assert not (tmp_path / "split-cy").exists(), "the Welsh process's own folder is tidied away"

    expected, got = _files(tmp_path / "one"), _files(tmp_path / "split")
    assert sorted(got) == sorted(expected)
    different = [name for name in expected if expected[name] != got[name]]
    assert different == []
    # the parts a per-language build could lose: both languages' pages, 404s and the sitemap
    assert "index.html" in got and "cy/index.html" in got
    assert "cy/404.html" in got and b'lang="cy"' in got["cy/404.html"]
    assert b'lang="en"' in got["404.html"]
    assert got["sitemap.xml"].count(b"<url>") >= 40
    assert b"/local-offer/cy/services/" in got["sitemap.xml"]


@pytest.mark.slow
def test_a_failing_language_process_fails_the_build_and_says_where(tmp_path, capsys):
    from localoffer import settings as settings_module
    from localoffer.commands.build import run_mkdocs_per_language

    config = example_project(tmp_path / "project") / "mkdocs.yml"
    page = config.parent / "docs" / "health.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Schools](schools.md#no-such-heading)\n",
                    encoding="utf-8")
    status = run_mkdocs_per_language(settings_module.load(config), tmp_path / "split")
    assert status != 0
    assert "does not contain an anchor '#no-such-heading'" in capsys.readouterr().err
    assert not (tmp_path / "split-cy").exists()
