"""The web editor at ``/admin/``: Sveltia CMS, made from our own schemas.

- ``config.py``: the editor's settings (``admin/config.yml``), made from ``mkdocs.yml``,
  ``localoffer.schemas`` and our messages. Nothing in it is written by hand.
- ``site.py``: the build step that copies the pinned editor from ``node_modules`` into the
  built site, writes ``admin/index.html`` and the settings, and the editor's own
  Content-Security-Policy (``/admin/`` only).

The editor is off unless ``extra.council.editor.enabled`` is true in ``mkdocs.yml``.
"""
