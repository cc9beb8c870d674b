"""Accessibility tests of the built site in a real browser (issue 4).

The pieces, each small and testable on its own:

- ``serve``: a static HTTP server for the built site, under its sub-path, on 127.0.0.1.
- ``urls``: every page to test, from the built files and sitemap.xml.
- ``runner``: writes a pa11y-ci config and runs pa11y-ci in Debian's Chromium.
- ``parse``: reads pa11y-ci's JSON; a page without a real result is a failure.
- ``cache``: skips pages whose HTML, CSS and JS have not changed since they last passed.
- ``sourcemap``: maps a page URL (and an element) back to its Markdown file and line.
- ``wcag``: pa11y and axe codes to WCAG criteria and plain-English fixes.
- ``contrast``: checks the council's colours before anything is built.
- ``check``: puts them together and returns ``Finding`` objects.
"""
