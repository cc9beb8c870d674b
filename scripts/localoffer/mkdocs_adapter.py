"""The thin layer between MkDocs (with mkdocs-static-i18n) and Local Offer Kit.

Everything MkDocs-specific lives here; the decisions are made by plain
functions in ``localoffer.site`` and the checks. ``scripts/hooks.py`` forwards
MkDocs events to the functions below.

Note: with mkdocs-static-i18n, MkDocs runs once per language, so every event
below runs once per language too.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from localoffer import settings as settings_module
from localoffer import editing, generate, site
from localoffer.errors import UserError

log = logging.getLogger("mkdocs.plugins.localoffer")

COUNCIL_CSS = "assets/stylesheets/council.css"


class State:
    """What one ``mkdocs build`` needs to remember between events."""

    def __init__(self) -> None:
        self.settings: settings_module.Settings | None = None
        self.page_urls: dict[str, str] = {}
        self.not_found_pages: dict[str, bytes] = {}


STATE = State()


def current_language(config) -> str:
    return config.theme.get("language") or "en"


def on_config(config):
    from localoffer import hosting

    try:
        STATE.settings = settings_module.load(config.config_file_path)
        csp = hosting.meta_policy(STATE.settings)
    except UserError as error:
        raise PluginError(error.render()) from None
    config.extra["lok"] = {
        "council": STATE.settings.council,
        "jurisdiction": STATE.settings.jurisdiction,
        "csp": csp,
    }
    return config


# Theme files we never publish: Material's lunr search (we do not use its search
# plugin) is 2.5 MB of scripts no page loads.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")

# Material's script can fetch code from a third-party host (a polyfill for very old
# browsers, and the Mermaid diagram library). We promise no third-party requests,
# and the Content-Security-Policy would block them anyway, so we switch them off.
THIRD_PARTY_SCRIPTS = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
)


def on_files(files, config):
    """Add the council's colours as a stylesheet, drop unused theme files,
    and remember page URLs."""
    if "search" not in config.plugins and "material/search" not in config.plugins:
        for file in list(files):
            if not file.is_documentation_page() and file.src_uri.startswith(UNUSED_THEME_FILES):
                files.remove(file)
    refuse_unsafe_page_names(files)
    files.append(
        File.generated(config, COUNCIL_CSS, content=site.council_css(STATE.settings.colours))
    )
    add_generated_pages(files, config)
    refuse_unsafe_files(files, config)
    STATE.page_urls = {}
    for file in files.documentation_pages():
        key = getattr(file, "norm_src_uri", file.src_uri)
        STATE.page_urls[key] = file.url
    lang = current_language(config)
    if not builds_pages_of(lang):
        # Another MkDocs process writes this language's pages (``localoffer build`` builds
        # the languages side by side). Keep the files, so the sitemap and the links are
        # the same as in a build of every language, but write none of the pages except the
        # home page (mkdocs-static-i18n warns when a language has no home page), and copy
        # no theme files (the process that writes the default language copies them).
        home = {"", "./", f"{lang}/", f"/{lang}/"}
        for file in files:
            if not (file.is_documentation_page() and file.url in home):
                file.inclusion = InclusionLevel.EXCLUDED
    return files


def refuse_unsafe_files(files, config) -> None:
    """Never publish a file from docs/ that a browser could run (``.html``, ``.js``, an
    SVG with a script...): see ``rules/safety/file_type.py``. The file is left out of the
    site; the ``safety/file-type`` check (run by the build in either path) names it."""
    from localoffer.rules.safety.file_type import file_problem

    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        if getattr(file, "generated_by", None) or not getattr(file, "abs_src_path", None):
            continue
        try:
            Path(file.abs_src_path).resolve().relative_to(docs)
        except ValueError:
            continue  # a theme file (overrides/ or Material's): maintainers' own
        if file_problem(file.src_uri, lambda f=file: Path(f.abs_src_path).read_bytes()) is not None:
            files.remove(file)


def refuse_unsafe_page_names(files) -> None:
    """Leave out a page whose file name has markup, quotes, spaces or ``..`` (the menus and
    the translation-status page would print it), with the ``meta/file-name`` message."""
    from localoffer import pagemeta
    from localoffer.messages import cli_language, t

    for file in list(files.documentation_pages()):
        if not pagemeta.unsafe_file_name(file.src_uri):
            continue
        files.remove(file)
        ignored = "meta/file-name" in (STATE.settings.checks.get("ignore") or {})
        if not checks_run_separately():  # else the checks' own process reports it
            lang = cli_language()
            shown = os.path.relpath(os.path.join(STATE.settings.docs_dir, file.src_uri), STATE.settings.root)
            values = {"name": file.src_uri, "suggested": pagemeta.suggested_name(file.src_uri)}
            (log.info if ignored else log.warning)(
                f"{shown}:1:1: meta/file-name: {t('meta.file_name', lang, **values)} "
                f"({t('meta.file_name.fix', lang, **values)})")


ONLY_LANGUAGE_ENV = "LOCALOFFER_ONLY_LANGUAGE"


def builds_pages_of(lang: str) -> bool:
    """Whether this MkDocs process writes the pages of ``lang``. A plain ``mkdocs build``
    writes every language; ``localoffer build`` runs one process per language, each
    with ``LOCALOFFER_ONLY_LANGUAGE`` set, and puts their folders together."""
    only = os.environ.get(ONLY_LANGUAGE_ENV)
    return not only or only == lang


def on_nav(nav, config, files):
    """Menu titles written in ``nav:`` (and their translations) are text too: escaped once,
    like page titles from front matter (``pagemeta.build_meta``)."""
    from localoffer import pagemeta

    def walk(items):
        for item in items or ():
            title = item.__dict__.get("title")  # a title given in mkdocs.yml, not the page's own
            if isinstance(title, str):
                item.title = pagemeta.escape_text(title)
            walk(getattr(item, "children", None))

    walk(nav.items)
    return nav


def on_env(env, config, files):
    """Keep the theme's compiled templates in ``.cache/jinja/``, as Python keeps its own
    compiled files. MkDocs compiles every template again for each language of every build
    (about 60 templates); Jinja checks each template's text, so an edited template is
    compiled again."""
    from jinja2 import FileSystemBytecodeCache

    folder = STATE.settings.root / ".cache" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only project: compile as usual
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


class _Alternate:
    """Stands in for a static-i18n File where the page is generated."""

    def __init__(self, url: str, locale: str) -> None:
        self.url = url
        self.locale = locale


def add_generated_pages(files, config) -> None:
    """Add the pages made from data (``localoffer.generate``) for this language."""
    lang = current_language(config)
    default = STATE.settings.default_language
    i18n = config.plugins.get("i18n")
    sitemap_files = getattr(i18n, "i18n_files_per_language", {}).get(lang)
    for path, markdown in generate.pages(STATE.settings, lang).items():
        # The source path stays English-style in every language (as static-i18n
        # does), so a Welsh page's link to "services/index.md" finds the Welsh page.
        file = File.generated(config, path, content=markdown)
        if lang != default:
            file.dest_uri = f"{lang}/{file.dest_uri}"
            file.url = file._get_url(config.use_directory_urls)
            file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
        if config.nav and hasattr(InclusionLevel, "NOT_IN_NAV"):
            # the menu names the pages it wants; the rest (page 2 of a list, a section of
            # the search page) must not fail a strict build as "not in the nav"
            file.inclusion = InclusionLevel.NOT_IN_NAV
        file.locale = lang
        file.locale_alternate_of = lang  # static-i18n reads this on every page
        stem = path[:-3]
        stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
        file.alternates = {
            code: _Alternate(("" if code == default else f"{code}/") + stem, code)
            for code in STATE.settings.languages
        }
        files.append(file)
        if sitemap_files is not None:  # static-i18n's sitemap lists pages from here
            sitemap_files.append(file)


def _footer_links() -> dict[str, str]:
    return {
        name: STATE.page_urls[source]
        for name, source in site.FOOTER_PAGES.items()
        if source in STATE.page_urls
    }


def _base_context(lang: str) -> dict:
    from localoffer import pagemeta, search

    council = pagemeta.escape_text(STATE.settings.council)  # text, even from mkdocs.yml
    if not pagemeta.safe_url(council.get("feedback_form"), relative=True):
        council["feedback_form"] = None
    search_url = STATE.page_urls.get("search.md")
    return {
        "search": (search.template_context(lang, search_url, STATE.settings.default_language)
                   if search_url is not None else None),
        "lang": lang,
        "t": site.site_strings(lang),
        "council_name": council["name"].get(lang) or council["name"]["en"],
        "contact": council.get("contact") or {},
        "feedback_form": editing.feedback_form_url(council.get("feedback_form")),
        "example_content": bool(council.get("example_content")),
        "links": _footer_links(),
    }


def _plain_title(page) -> str:
    """The page's title as plain text, for a web address: front matter reaches the templates
    escaped once (``pagemeta``) and a title from a heading is HTML; the address is encoded
    from the text itself, so the form shows "Teithio i'r ysgol", not "i&#39;r"."""
    from markupsafe import Markup

    return Markup(str((page.meta or {}).get("title") or page.title or "")).striptags()


def on_page_context(context, page, config, nav):
    lang = current_language(config)
    content_lang = getattr(page.file, "locale", lang)
    alternates = {
        code: (alt.url, getattr(alt, "locale", code))
        for code, alt in (getattr(page.file, "alternates", None) or {}).items()
    }
    alternates.setdefault(lang, (page.file.url, content_lang))
    links = site.language_links(lang, STATE.settings.languages, alternates)
    lok = _base_context(lang)
    lok.update(
        {
            "content_lang": content_lang,
            "fallback": content_lang != lang,
            "searchable": content_lang == lang and not (page.meta or {}).get("search_exclude"),
            "page_meta": site.page_meta(page.meta or {}, content_lang),
            "services_page": page.file.src_uri.startswith("services/"),
            "edit": editing.page_edit_link(
                STATE.settings.council.get("repository"),
                page.file.src_uri,
                lang,
                content_lang,
                STATE.settings.default_language,
                STATE.settings.docs_dir.relative_to(STATE.settings.root).as_posix(),
            ),
            "report": editing.report_problem_link(STATE.settings.council, _plain_title(page),
                                                  page.canonical_url or page.url, lang),
            "notice_strings": {code: site.site_strings(code) for code in {lang, content_lang}},
            "languages": links,
            "hreflang": site.hreflang_alternates(
                STATE.settings.site_url, links, STATE.settings.default_language
            ),
        }
    )
    context["lok"] = lok
    # Material writes <link rel="alternate" hreflang> from config.extra.alternate:
    # give it absolute addresses, without languages that are not translated yet.
    config.extra.alternate = [
        {"name": item["lang"], "lang": item["lang"], "link": item["href"]} for item in lok["hreflang"]
    ]
    return context


def on_template_context(context, template_name, config):
    """Static templates (the 404 page) get the same context, linking to the home pages."""
    if template_name != "404.html":
        return context
    lang = current_language(config)
    # a host shows this page at any missing address: its links and styles start from the
    # address the host really serves the site at (which can differ from site_url)
    base = site.served_path(STATE.settings.site_url, os.environ)
    context["base_url"] = base.rstrip("/") or "/"
    home = {
        code: (base if code == STATE.settings.default_language else f"{base}{code}/", code)
        for code in STATE.settings.languages
    }
    lok = _base_context(lang)
    lok.update(
        {
            "content_lang": lang,
            "fallback": False,
            "languages": site.language_links(lang, STATE.settings.languages, home),
            "hreflang": [],
            "not_found": True,
        }
    )
    context["lok"] = lok
    config.extra.alternate = [
        {"name": code, "lang": code, "link": site.absolute(STATE.settings.site_url, url)}
        for code, (url, _) in home.items()
    ]
    return context


def on_page_content(html, page, config, files):
    """Whatever the page's Markdown made, publish only what is on the site's list
    (``localoffer.sanitise``): in every build, ``mkdocs build`` and ``mkdocs serve`` too,
    and whether or not the checks pass. The theme's own markup is added after this."""
    from localoffer import sanitise

    title = getattr(page, "_title_from_render", None)  # MkDocs' title from the first heading
    if title:
        page._title_from_render = sanitise.plain_title(title)
    return sanitise.clean(html)


def on_post_page(output, page, config):
    """Make each page smaller: drop the templates' indentation (see site.squeeze_html)."""
    return site.squeeze_html(output)


def on_post_build(config):
    """Keep a 404 page for each language.

    static-i18n writes every language's 404.html to the same place, so the last
    language built would win. We keep the default language's page at the top
    and move each other language's page into its own folder (``cy/404.html``).
    """
    lang = current_language(config)
    site_dir = Path(config.site_dir)
    if lang == STATE.settings.languages[-1]:
        if not checks_run_separately():
            check_across_pages()
        from localoffer import services

        services.export_site(STATE.settings, site_dir)  # services.json, Open Referral UK form
    remove_third_party_scripts(site_dir)
    page = site_dir / "404.html"
    if not page.exists():
        return
    if lang == STATE.settings.default_language:
        STATE.not_found_pages[lang] = page.read_bytes()
        return
    target = site_dir / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.replace(target)
    default_page = STATE.not_found_pages.get(STATE.settings.default_language)
    if default_page is not None:
        page.write_bytes(default_page)


def remove_third_party_scripts(site_dir: Path) -> None:
    """Replace Material's third-party script addresses with an empty local script."""
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.js"):
        text = bundle.read_text(encoding="utf-8")
        changed = text
        for address in THIRD_PARTY_SCRIPTS:
            changed = changed.replace(address, "data:text/javascript,")
        # Material fetches sitemap.xml beside every <link rel=alternate> to rewrite its own
        # language menu, which we do not use: up to three requests a page, some to 404s.
        changed = changed.replace('"link[rel=alternate]"', '"link[rel=alternate][data-lok-unused]"')
        if changed != text:
            bundle.write_text(changed, encoding="utf-8")


# --- Plain-language checks and the glossary (issue 3) ---------------------------------------

_CHECKS_CONTEXT: dict = {}


def _checks_context():
    """The checks' context for this site (settings, glossary, word lists), made once."""
    from localoffer.rules import Context

    key = id(STATE.settings)
    if key not in _CHECKS_CONTEXT:
        _CHECKS_CONTEXT.clear()
        _CHECKS_CONTEXT[key] = Context.from_settings(STATE.settings)
    return _CHECKS_CONTEXT[key]


def log_findings(findings) -> None:
    """Log findings as ``file:line:col: rule: message``. Those that reach the site's
    failing severity (``extra.council.checks.fail_on``, default error) are logged as
    warnings, so ``mkdocs build --strict`` fails; the rest as info."""
    from localoffer.findings import at_least

    fail_on = STATE.settings.checks.get("fail_on", "error")
    for item in findings:
        text = f"{item.file}:{item.line}:{item.column}: {item.rule}: {item.message}"
        if item.suggestion:
            text += f" ({item.suggestion})"
        (log.warning if at_least(item, fail_on) else log.info)(text)


CHECKS_ENV = "LOCALOFFER_CHECKS"


def checks_run_separately() -> bool:
    """True when ``localoffer build`` runs the checks in a process of their own, beside
    MkDocs (on the second core): then the hooks only build. A plain ``mkdocs build`` or
    ``mkdocs serve`` checks every page in the hooks, as it builds."""
    return os.environ.get(CHECKS_ENV) == "separate"


def parsed_page(src_path: str, lang: str | None = None):
    """The parsed page for a source file, named as the editor sees it (from the project root).

    ``source.read_page`` parses each version of a file once per process, so the rules
    that compare pages at the end of the build reuse the parses made while building.
    """
    from localoffer import source

    shown = os.path.relpath(src_path, STATE.settings.root)
    return source.read_page(src_path, shown, lang or source.language_of(src_path))


def check_across_pages() -> None:
    """The rules that compare pages (English with Welsh, topic coverage): once a build,
    after the last language, when every page has been parsed."""
    from localoffer import checks

    files = checks.discover([STATE.settings.docs_dir])
    pages = [parsed_page(str(file)) for file in files]
    result = checks.run(pages, _checks_context(), page_rules=False)
    log_findings(result.findings)


def on_page_read_source(page, config):
    """Read a page that is not UTF-8 (pasted from Word in Windows-1252) without a traceback:
    its odd characters become "\ufffd", and the page check reports the line
    (``meta/encoding``), which fails ``--strict``. A front matter we refuse to load (YAML
    aliases, too deep: ``inputguard``) is taken out before MkDocs reads it; the page check
    reports it. Other pages: MkDocs reads them as usual."""
    from localoffer import inputguard

    path = getattr(page.file, "abs_src_path", None)
    if not path:
        return None
    try:
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8-sig")
        changed = False
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
        changed = True
    except OSError:
        return None
    safe = inputguard.safe_source(text)
    if safe is not None:
        return safe
    return text if changed else None


def guard_render(page) -> None:
    """Turn a crash inside Markdown (Python's HTML parser on a stray "<![", a stack overflow
    on text nested too deep) into a plain message naming the page, not a traceback. The page
    check finds these in the page itself, with the line (inputguard); this catches the text
    that only arrives while rendering, from a snippet file."""
    render = page.render

    def guarded(config, files):
        try:
            return render(config, files)
        except (RecursionError, AssertionError) as error:
            from localoffer.messages import cli_language, t
            from localoffer.source import INPUT_RULE

            shown = os.path.relpath(page.file.abs_src_path or page.file.src_uri, STATE.settings.root)
            said = cli_language()
            raise PluginError(f"{shown}:1:1: {INPUT_RULE}: "
                              f"{t('checks.meta.input.render_failed', said, problem=type(error).__name__)} "
                              f"({t('checks.meta.input.render_failed.fix', said)})") from None

    page.render = guarded


def on_page_markdown(markdown, page, config, files):
    """Check the page's source with the page rules, and add the glossary and tooltips.

    Findings are logged as ``file:line:col: rule: message``: errors as warnings (so that
    ``mkdocs build --strict`` fails), warnings and suggestions as info. A page shown in a
    language it is not written in (an untranslated fallback) is checked in its own build only.
    """
    from localoffer import checks, glossary, inputguard, pagemeta, source

    if STATE.settings is None:
        return markdown
    try:
        ctx = _checks_context()
    except UserError as error:
        raise PluginError(error.render()) from None
    build_lang = current_language(config)
    src_path = getattr(page.file, "abs_src_path", None)
    content_lang = getattr(page.file, "locale", None) or (source.language_of(src_path) if src_path else build_lang)
    if src_path and content_lang == build_lang and os.path.isfile(src_path) and not checks_run_separately():
        log_findings(checks.check_page(parsed_page(src_path, content_lang), ctx).findings)
    markdown = inputguard.neutralise_markdown(markdown, content_lang)  # nothing that crashes Markdown
    guard_render(page)  # text copied in while rendering (--8<--) cannot crash it either
    written = page.meta or {}  # as the editor wrote it, for the section makers (plain data)
    page.meta = pagemeta.build_meta(written, pagemeta.allowed_keys(STATE.settings),
                                    config.theme.dirs)  # text, never markup (issue 14)
    if "8<" in markdown:  # never publish a file from outside docs/, never crash on it
        from localoffer.rules.safety.snippet_path import neutralise

        markdown = neutralise(markdown, ctx)
    additions = []
    generated = generate.section(STATE.settings, content_lang, written)
    if generated:
        additions.append(generated)
    if "abbr" in (config.markdown_extensions or []):
        # only the acronyms the page has: Markdown's time grows with the number of
        # abbreviations, and a long glossary would slow every page (issue 14)
        additions.extend(glossary.abbreviation_lines(ctx.glossary, content_lang, ctx.jurisdiction,
                                                     only_in=markdown + (generated or "")))
    if additions:
        markdown = markdown.rstrip("\n") + "\n\n" + "\n".join(additions) + "\n"
        markdown = inputguard.neutralise_marked_sections(markdown)  # e.g. from the glossary
    return markdown
