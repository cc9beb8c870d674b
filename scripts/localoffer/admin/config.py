"""The web editor's settings (Sveltia CMS ``config.yml``), made from our own schemas.

``editor_settings(settings)`` reads and checks ``extra.council.editor`` in mkdocs.yml.
``make_config(settings)`` returns the editor's settings as plain data:

- the repository and branch from ``extra.council.repository``; changes go through pull
  requests (``publish_mode: editorial_workflow``), so our checks run on every change;
- one collection per kind of file in ``localoffer.schemas``: pages (English ``page.md``
  and Welsh ``page.cy.md`` side by side), services, the glossary and "You said, we did";
- each field's widget from its kind, its label in English and Welsh and its help text
  from the messages (``data/messages_admin.yml``), required fields required, choices
  from our lists (coverage topics, needs, areas in the service files, statuses).

Nothing here reads a page or a data file's text except the service files' area names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from localoffer import coverage, schemas, services
from localoffer.errors import UserError
from localoffer.messages import cli_language, t

DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
EDITOR_KEYS = ("enabled", "auth_url", "api_url", "open_authoring", "private_repository")
LANGUAGE_LABELS = {"en": "admin.lang.en", "cy": "admin.lang.cy"}
MEDIA_FOLDER = "assets/images"


def editor_settings(settings) -> dict[str, Any]:
    """``extra.council.editor`` checked: ``{enabled, host, repo, branch, api_url, auth_url}``.

    Off (``enabled: False``) when the section is missing. Raises UserError for a value
    the editor cannot use."""
    lang = cli_language()
    raw = settings.council.get("editor") or {}
    where = str(settings.config_file)
    if not isinstance(raw, dict):
        raise UserError(t("cli.settings_bad_value", lang, field="extra.council.editor", value=raw),
                        where=where, fix=t("admin.settings_fix", lang))
    enabled = raw.get("enabled", False)
    if not isinstance(enabled, bool):
        raise UserError(t("cli.settings_bad_value", lang, field="extra.council.editor.enabled", value=enabled),
                        where=where, fix=t("cli.settings_bad_value_fix", lang, allowed="true, false"))
    result: dict[str, Any] = {"enabled": enabled}
    if not enabled:
        return result
    for key in ("open_authoring", "private_repository"):
        value = raw.get(key, False)
        if not isinstance(value, bool):
            raise UserError(t("cli.settings_bad_value", lang, field=f"extra.council.editor.{key}", value=value),
                            where=where, fix=t("cli.settings_bad_value_fix", lang, allowed="true, false"))
        result[key] = value
    repository = settings.council.get("repository") or {}
    host = repository.get("host") or "github"
    if host not in DEFAULT_API:
        raise UserError(t("cli.settings_bad_value", lang, field="extra.council.repository.host", value=host),
                        where=where, fix=t("cli.settings_bad_value_fix", lang, allowed=", ".join(DEFAULT_API)))
    url = str(repository.get("url") or "")
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if path.endswith(".git"):
        path = path[:-4]
    if parts.scheme != "https" or path.count("/") < 1:
        raise UserError(t("admin.no_repository", lang), where=where, fix=t("admin.no_repository_fix", lang))
    result.update(host=host, repo=path, branch=str(repository.get("branch") or "main"))
    for key in ("api_url", "auth_url"):
        value = raw.get(key)
        if value is None:
            continue
        address = urlsplit(str(value))
        if address.scheme != "https" or not address.netloc or address.query or address.fragment:
            raise UserError(t("cli.settings_bad_value", lang, field=f"extra.council.editor.{key}", value=value),
                            where=where, fix=t("admin.address_fix", lang))
        result[key] = str(value).rstrip("/")
    result.setdefault("api_url", DEFAULT_API[host])
    return result


def api_origin(editor: dict[str, Any]) -> str:
    """The one address the editor may talk to: the scheme and host of the API."""
    parts = urlsplit(editor["api_url"])
    return f"{parts.scheme}://{parts.netloc}"


# --- choices ----------------------------------------------------------------------------

def _option(value: str, en: str, cy: str) -> dict[str, str]:
    return {"value": value, "label": en if en == cy else f"{en} / {cy}"}


def choice_lists(settings) -> dict[str, list[dict[str, str]]]:
    """Every list a ``choice`` field can take its values from, as editor options."""
    areas: dict[str, dict] = {}
    for service in services.load_all(settings.root).services:
        areas.setdefault(service["area"]["id"], service["area"])
    return {
        "topics": [_option(topic["id"], topic["en"], topic["cy"]) for topic in coverage.checklist(settings.jurisdiction)],
        "needs": [_option(need["id"], need["en"], need["cy"]) for need in services.needs_vocabulary()],
        "areas": [_option(a, areas[a]["en"], areas[a]["cy"]) for a in sorted(areas)],
        "statuses": [_option(s, t(f"admin.status.{s}", "en"), t(f"admin.status.{s}", "cy")) for s in services.STATUSES],
        "languages": [_option(code, names["en"], names["cy"]) for code, names in services.LANGUAGE_NAMES.items()],
        "jurisdictions": [_option(j, t(f"admin.jurisdiction.{j}", "en"), t(f"admin.jurisdiction.{j}", "cy"))
                          for j in ("both", "wales", "england")],
    }


# --- fields -----------------------------------------------------------------------------

def _help(key: str) -> str:
    return f"{t(key, 'en')} / {t(key, 'cy')}"


def label(key: str, **values) -> str:
    """``English / Cymraeg``; once when both are the same word (Cost)."""
    english, welsh = t(key, "en", **values), t(key, "cy", **values)
    return english if english == welsh else f"{english} / {welsh}"


def widget(field: schemas.Field, prefix: str, lists: dict, i18n: dict[str, Any] | None = None) -> dict[str, Any]:
    """The editor field for one schema field. ``prefix``: the message key before the name
    (``admin.page``); labels are ``<prefix>.<name>`` and help ``<prefix>.<name>.help``."""
    key = f"{prefix}.{field.name}"
    out: dict[str, Any] = {"name": field.name, "label": label(key)}
    if field.kind != "record":
        out.update(required=field.required, hint=_help(f"{key}.help"))
    kind = field.kind
    if kind == "text":
        out["widget"] = "string"
    elif kind == "long_text":
        out["widget"] = "text"
    elif kind == "markdown":
        out.update(widget="markdown", modes=["raw", "rich_text"])
    elif kind == "date":
        out.update(widget="datetime", type="date", format="YYYY-MM-DD")
    elif kind == "boolean":
        out["widget"] = "boolean"
    elif kind == "integer":
        out.update(widget="number", value_type="int")
        if field.minimum is not None:
            out["min"] = field.minimum
        if field.maximum is not None:
            out["max"] = field.maximum
    elif kind == "choice":
        out.update(widget="select", options=lists[field.choices], multiple=field.multiple)
        if field.multiple:
            out["dropdown_threshold"] = 0
    elif kind in ("bilingual", "bilingual_long"):
        sub = "string" if kind == "bilingual" else "text"
        out.update(widget="object", fields=[
            {"name": code, "label": label(LANGUAGE_LABELS[code]), "widget": sub, "required": field.required}
            for code in ("en", "cy")])
    elif kind == "object":
        out.update(widget="object", fields=[widget(f, key, lists) for f in field.fields])
    elif kind == "list":
        out.update(widget="list", label_singular=label(f"{key}.one"),
                   fields=[widget(f, key, lists) for f in field.fields])
        if field.required:
            out["min"] = 1
    elif kind == "record":
        # Written by our own tools: kept as it is, not shown.
        out["widget"] = "hidden"
    if field.pattern:
        out["pattern"] = [field.pattern, _help(f"{key}.pattern")]
    if i18n is not None and field.name in i18n:
        out["i18n"] = i18n[field.name]
    return out


# Page fields that are the same in both languages: edited once, in English, and copied.
SHARED_PAGE_FIELDS = ("last_reviewed", "review_due", "topics", "search_exclude")


def page_fields(lists: dict, bilingual: bool) -> list[dict[str, Any]]:
    i18n = None
    if bilingual:
        i18n = {f.name: ("duplicate" if f.name in SHARED_PAGE_FIELDS else True)
                for f in schemas.FRONT_MATTER.fields}
        i18n["body"] = True
    fields = [widget(f, "admin.page", lists, i18n) for f in schemas.FRONT_MATTER.fields]
    fields.append(widget(schemas.Field("body", "markdown", required=True), "admin.page", lists, i18n))
    return fields


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def make_config(settings, editor: dict[str, Any] | None = None) -> dict[str, Any]:
    """The editor's settings as plain data (written as ``admin/config.yml``)."""
    editor = editor or editor_settings(settings)
    if not editor.get("enabled"):
        raise ValueError("the editor is not switched on")
    lists = choice_lists(settings)
    languages = list(settings.languages)
    bilingual = len(languages) > 1
    docs = _relative(settings.docs_dir, settings.root)
    backend: dict[str, Any] = {"name": editor["host"], "repo": editor["repo"], "branch": editor["branch"]}
    if editor["api_url"] != DEFAULT_API[editor["host"]]:
        backend["api_root"] = editor["api_url"]
    if editor.get("auth_url"):
        backend.update(base_url=editor["auth_url"], auth_methods=["oauth", "token"])
        if editor["host"] == "github":
            # GitHub's "repo" permission opens every private repository the person can see;
            # a public repository needs only "public_repo".
            backend["auth_scope"] = "repo" if editor.get("private_repository") else "public_repo"
    else:
        backend["auth_methods"] = ["token"]
    if editor.get("open_authoring"):
        backend["open_authoring"] = True  # people without write access propose from their own copy
    config: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "app_title": label("admin.app_title", site=settings.site_names.get("en", "")),
        "media_folder": f"{docs}/{MEDIA_FOLDER}",
        "public_folder": f"/{MEDIA_FOLDER}",
        "show_preview_links": False,
        # Every text in quotes: the editor writes YAML 1.2, our tools read YAML 1.1, where an
        # unquoted no, on, 9:30 or 0123 would turn into something else.
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}},
        "collections": [],
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
    if bilingual:
        config["i18n"] = {
            "structure": "multiple_files",
            "locales": languages,
            "default_locale": settings.default_language,
            # page.md for English, page.cy.md for Welsh (mkdocs-static-i18n's suffix layout)
            "omit_default_locale_from_file_path": True,
        }
    pages: dict[str, Any] = {
        "name": "pages", "label": label("admin.pages"), "label_singular": label("admin.pages.one"),
        "description": _help("admin.pages.help"), "folder": docs, "extension": "md",
        "format": "yaml-frontmatter", "identifier_field": "title", "summary": "{{title}}",
        "slug": "{{title}}", "create": True, "delete": False,
        # images sit in docs/assets/images; pages link to them with a relative address
        "media_folder": MEDIA_FOLDER, "public_folder": MEDIA_FOLDER,
        "fields": page_fields(lists, bilingual),
    }
    if bilingual:
        pages["i18n"] = True
    config["collections"].append(pages)
    config["collections"].append({
        "name": "services", "label": label("admin.services"), "label_singular": label("admin.services.one"),
        "description": _help("admin.services.help"), "folder": services.SERVICES_DIR.as_posix(),
        "extension": "yml", "format": "yaml", "identifier_field": "id", "slug": "{{id}}",
        "summary": "{{name.en}}", "create": True, "delete": False,
        "fields": [widget(f, "admin.service", lists) for f in schemas.SERVICE.fields],
    })
    config["collections"].append({
        "name": "glossary", "label": label("admin.glossary"), "description": _help("admin.glossary.help"),
        "files": [{
            "name": "glossary", "label": label("admin.glossary"), "file": "data/glossary.yml", "format": "yaml",
            "fields": [widget(f, "admin.glossary", lists) for f in schemas.GLOSSARY.fields],
        }],
    })
    config["collections"].append({
        "name": "you_said_we_did", "label": label("admin.ysd"), "description": _help("admin.ysd.help"),
        "files": [{
            "name": "you_said_we_did", "label": label("admin.ysd"), "file": "data/you-said-we-did.yml",
            "format": "yaml",
            "fields": [widget(f, "admin.ysd", lists) for f in schemas.YOU_SAID_WE_DID.fields],
        }],
    })
    # Changes are published by merging the pull request in GitHub or GitLab, where the checks'
    # results are; the editor offers no "publish" button that could go round them.
    for item in config["collections"]:
        item["publish"] = False
    return config


def field_names(fields: list[dict[str, Any]], prefix: str = "") -> set[str]:
    """Every field's dotted name in an editor field list (``contacts.phone``)."""
    names = set()
    for f in fields:
        name = prefix + f["name"]
        names.add(name)
        names |= field_names(f.get("fields") or [], name + ".")
    return names


def schema_names(fields: tuple[schemas.Field, ...], prefix: str = "") -> set[str]:
    """The same for a schema, with the ``en``/``cy`` parts of bilingual fields."""
    names = set()
    for f in fields:
        name = prefix + f.name
        names.add(name)
        if f.kind in ("bilingual", "bilingual_long"):
            names |= {f"{name}.en", f"{name}.cy"}
        names |= schema_names(f.fields, name + ".")
    return names
