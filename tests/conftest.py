import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitekit import ROOT, build  # noqa: E402


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The repository's own example site, built once with ``mkdocs build --strict``."""
    site_dir = tmp_path_factory.mktemp("example") / "site"
    result = build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir
