"""Put plain text from data files into Markdown safely.

Text in data files is plain text, never markup: ``escape`` makes sure it shows as
written and cannot become HTML, a link or emphasis.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def escape(text: str) -> str:
    """``text`` as literal Markdown: HTML characters as entities, markup characters escaped."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def attribute(text: str) -> str:
    """``text`` safe inside a double-quoted HTML attribute."""
    return (
        str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
