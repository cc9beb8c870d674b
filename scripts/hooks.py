"""MkDocs hooks for Local Offer Kit: a thin forwarder, nothing more.

MkDocs puts this file's folder on sys.path, so the ``localoffer`` package
beside it is importable even before it is installed.
"""

from mkdocs.plugins import event_priority

from localoffer import mkdocs_adapter as adapter


def on_config(config):
    return adapter.on_config(config)


@event_priority(-110)  # after mkdocs-static-i18n has chosen each language's files
def on_files(files, config):
    return adapter.on_files(files, config)


@event_priority(-110)
def on_page_context(context, page, config, nav):
    return adapter.on_page_context(context, page, config, nav)


@event_priority(-110)
def on_template_context(context, template_name, config):
    return adapter.on_template_context(context, template_name, config)


@event_priority(-110)  # after mkdocs-static-i18n has translated the menu
def on_nav(nav, config, files):
    return adapter.on_nav(nav, config, files)


def on_env(env, config, files):
    return adapter.on_env(env, config, files)


@event_priority(100)  # before mkdocs-static-i18n starts the next language
def on_post_build(config):
    adapter.on_post_build(config)


def on_page_markdown(markdown, page, config, files):
    return adapter.on_page_markdown(markdown, page, config, files)


@event_priority(-110)  # after other plugins have changed the page's HTML
def on_page_content(html, page, config, files):
    return adapter.on_page_content(html, page, config, files)


def on_page_read_source(page, config):
    return adapter.on_page_read_source(page, config)


@event_priority(-110)  # after other plugins have finished the page
def on_post_page(output, page, config):
    return adapter.on_post_page(output, page, config)
