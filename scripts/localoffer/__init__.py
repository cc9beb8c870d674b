"""Local Offer Kit: build and check a bilingual Local Offer website.

The checking code reads Markdown and built HTML only. MkDocs is reached through
one thin adapter (``localoffer.mkdocs_adapter``), so another site engine can be
used later without touching the checks.
"""

__version__ = "0.1.0"
