"""The web editor's settings (admin/config.yml) are made from our schemas, and only from them.

Both sides of every comparison come from code: the schema module the checks read, the
checks themselves (front matter rule, service check, glossary and "You said, we did"
readers), the example files, and the generated editor settings.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from localoffer import coverage, datafile, glossary, hosting, messages, schemas, services, source
from localoffer import settings as settings_module
from localoffer import you_said_we_did
from localoffer.admin import config as admin_config
from localoffer.admin import site as admin_site
from localoffer.errors import UserError
from localoffer.rules.meta import front_matter
from sitekit import ROOT


@pytest.fixture()
def settings():
    loaded = settings_module.load(ROOT / "mkdocs.yml")
    loaded.council = copy.deepcopy(loaded.council)
    loaded.council["editor"] = {"enabled": True}
    return loaded


@pytest.fixture()
def config(settings):
    return admin_config.make_config(settings)


def collection(config, name):
    found = next(c for c in config["collections"] if c["name"] == name)
    return found["fields"] if "fields" in found else found["files"][0]["fields"]


def walk(fields, prefix=""):
    for f in fields:
        yield prefix + f["name"], f
        yield from walk(f.get("fields") or [], prefix + f["name"] + ".")


# --- every field, both ways ---------------------------------------------------------------

@pytest.mark.parametrize("name, schema, extra", [
    ("pages", schemas.FRONT_MATTER, {"body"}),
    ("services", schemas.SERVICE, set()),
    ("glossary", schemas.GLOSSARY, set()),
    ("you_said_we_did", schemas.YOU_SAID_WE_DID, set()),
])
def test_every_schema_field_is_in_the_editor_and_nothing_else(config, name, schema, extra):
    in_editor = admin_config.field_names(collection(config, name))
    in_schema = admin_config.schema_names(schema.fields) | extra
    assert in_editor - in_schema == set(), "in the editor, not in the schema"
    assert in_schema - in_editor == set(), "in the schema, not in the editor"


def test_the_checks_read_their_fields_from_the_schema():
    assert front_matter.REQUIRED == schemas.FRONT_MATTER.required()
    assert front_matter.KNOWN == schemas.FRONT_MATTER.names()
    assert services.KNOWN == schemas.SERVICE.names()
    # The service check knows each field by the schema: none of them is "unknown"...
    sample = {name: None for name in schemas.SERVICE.names()}
    _, problems = services.check(sample, "data/services/x.yml", "x")
    assert not [p for p in problems if p.key == "meta.service.unknown_key"]
    # ...and a field the schema does not have is.
    _, problems = services.check({**sample, "opening_hours": "9 to 5"}, "data/services/x.yml", "x")
    assert [p for p in problems if p.key == "meta.service.unknown_key"]


def test_every_key_in_the_example_files_has_a_field_in_the_editor(config):
    page_fields = admin_config.field_names(collection(config, "pages"))
    for path in sorted((ROOT / "docs").glob("*.md")):
        page = source.read_page(path)
        for key in page.front_matter:
            assert key in page_fields, (path.name, key)
    service_fields = admin_config.field_names(collection(config, "services"))

    def keys(value, prefix=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield prefix + k
                yield from keys(v, prefix + k + ".")
        elif isinstance(value, list):
            for item in value:
                yield from keys(item, prefix)

    for path in sorted((ROOT / "data" / "services").glob("*.yml")):
        data, broken = datafile.load_file(path)
        assert broken is None
        for key in keys(datafile.plain(data)):
            assert key in service_fields, (path.name, key)
    for name, file in (("glossary", "glossary.yml"), ("you_said_we_did", "you-said-we-did.yml")):
        fields = admin_config.field_names(collection(config, name))
        data, _ = datafile.load_file(ROOT / "data" / file)
        for key in keys(datafile.plain(data)):
            assert key in fields, (file, key)


def test_glossary_and_you_said_we_did_fields_are_what_their_readers_use():
    # glossary.normalise gives each term every field it knows
    term = glossary.normalise({"terms": [{"term": {"en": "ALN", "cy": "ADY"}}]})[0]
    assert set(term) == set(schemas.GLOSSARY_TERM.names())
    raw = {"entries": [{"date": "2026-01-02", "you_said": {"en": "a", "cy": "b"}, "we_did": {"en": "c", "cy": "d"}}]}
    entry = you_said_we_did.parse(raw).entries[0]
    assert {k for k in entry if k not in ("line", "lines", "text_lines")} == set(schemas.YOU_SAID_WE_DID_ENTRY.names())


def validate_with_editor_schema(config: dict) -> dict:
    """Sveltia CMS's own JSON schema (in the pinned npm package), checked with ajv."""
    done = subprocess.run(["node", str(ROOT / "tests" / "fixtures" / "admin" / "validate_config.mjs")],
                          input=json.dumps(config), capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_config_is_valid_for_the_editor_own_schema(settings, config):
    assert validate_with_editor_schema(config) == {"valid": True, "errors": []}
    settings.council["editor"] = {"enabled": True, "auth_url": "https://auth.example", "open_authoring": True,
                                  "api_url": "https://git.example/api/v3"}
    settings.languages = ("en",)
    assert validate_with_editor_schema(admin_config.make_config(settings)) == {"valid": True, "errors": []}
    # The control: a mistake in a field is caught.
    broken = copy.deepcopy(config)
    broken["collections"][0]["fields"][0]["colour"] = "red"
    assert validate_with_editor_schema(broken)["valid"] is False
    broken = copy.deepcopy(config)
    broken["i18n"]["structure"] = "one_file_per_language"
    assert validate_with_editor_schema(broken)["valid"] is False


# --- widgets, required, choices -------------------------------------------------------------

def test_required_fields_are_required_and_tool_records_are_kept_hidden(config):
    for name, schema in (("pages", schemas.FRONT_MATTER), ("services", schemas.SERVICE)):
        fields = dict(walk(collection(config, name)))
        for field in schema.fields:
            shown = fields[field.name]
            if field.kind == "record":
                assert shown["widget"] == "hidden" and "required" not in shown
            else:
                assert shown["required"] is field.required, field.name
    # Sveltia makes every field required unless told otherwise: no field may leave it unsaid.
    for c in config["collections"]:
        for files in c.get("files") or [c]:
            for path, field in walk(files["fields"]):
                assert field["widget"] == "hidden" or "required" in field, (c["name"], path)


def test_dates_are_date_pickers_that_write_year_month_day(config):
    dates = [(n, f) for c in ("pages", "services", "you_said_we_did") for n, f in walk(collection(config, c))
             if f["widget"] == "datetime"]
    names = {n for n, _ in dates}
    assert names == {"last_reviewed", "review_due", "assured_date", "entries.date"}
    for _, field in dates:
        assert field["type"] == "date" and field["format"] == "YYYY-MM-DD"


def test_choices_come_from_our_lists(settings, config):
    pages = dict(walk(collection(config, "pages")))
    assert [o["value"] for o in pages["topics"]["options"]] == coverage.topic_ids(settings.jurisdiction)
    assert pages["topics"]["multiple"] is True
    svc = dict(walk(collection(config, "services")))
    assert [o["value"] for o in svc["needs"]["options"]] == [n["id"] for n in services.needs_vocabulary()]
    areas = {s["area"]["id"] for s in services.load_all(ROOT).services}
    assert {o["value"] for o in svc["area.id"]["options"]} == areas
    assert [o["value"] for o in svc["status"]["options"]] == list(services.STATUSES)
    assert [o["value"] for o in svc["languages"]["options"]] == list(services.LANGUAGE_NAMES)
    # A pattern the editor checks is the one the service check uses.
    assert re.match(svc["id"]["pattern"][0], "speech-therapy") and not re.match(svc["id"]["pattern"][0], "Speech")
    assert svc["id"]["pattern"][0] == services.ID_RE.pattern
    assert svc["contacts.phone"]["pattern"][0] == services.PHONE_RE.pattern


def test_labels_and_help_are_in_english_and_welsh(config):
    catalogue = messages.catalogue()
    for c in config["collections"]:
        for files in c.get("files") or [c]:
            for path, field in walk(files["fields"]):
                english, _, welsh = field["label"].partition(" / ")
                if not welsh:  # the same word in both languages, said once
                    welsh = next(e["cy"] for k, e in catalogue.items() if k.startswith("admin.") and e["en"] == english)
                assert english and welsh and english != welsh or english == welsh == "Cost", (c["name"], path)
                if "hint" in field:
                    english, _, welsh = field["hint"].partition(" / ")
                    assert english.strip() and welsh.strip(), (c["name"], path)
    for key, entry in catalogue.items():
        if key.startswith("admin."):
            assert entry.get("en") and entry.get("cy"), key


# --- both languages, pull requests, settings ---------------------------------------------------

def test_pages_are_english_and_welsh_files_side_by_side(config):
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["en", "cy"], "default_locale": "en",
                              "omit_default_locale_from_file_path": True}
    pages = next(c for c in config["collections"] if c["name"] == "pages")
    assert pages["i18n"] is True and pages["folder"] == "docs" and pages["extension"] == "md"
    fields = dict(walk(pages["fields"]))
    assert fields["title"]["i18n"] is True and fields["body"]["i18n"] is True
    assert fields["last_reviewed"]["i18n"] == "duplicate"  # one date for both languages
    assert fields["translated_from"]["i18n"] is True  # the Welsh file keeps its own record


def test_changes_become_pull_requests_on_the_council_repository(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert all(c["publish"] is False for c in config["collections"])  # merged where the checks are
    assert config["backend"] == {"name": "github", "repo": "glanafon-council/local-offer", "branch": "main",
                                 "auth_methods": ["token"]}


def test_sign_in_helper_and_enterprise_api(settings):
    settings.council["editor"] = {"enabled": True, "auth_url": "https://auth.glanafon.example/",
                                  "api_url": "https://git.glanafon.example/api/v3"}
    config = admin_config.make_config(settings)
    assert config["backend"]["base_url"] == "https://auth.glanafon.example"
    assert config["backend"]["auth_methods"] == ["oauth", "token"]
    assert config["backend"]["api_root"] == "https://git.glanafon.example/api/v3"
    assert config["backend"]["auth_scope"] == "public_repo" and "open_authoring" not in config["backend"]
    settings.council["editor"].update(private_repository=True, open_authoring=True)
    config = admin_config.make_config(settings)
    assert config["backend"]["auth_scope"] == "repo" and config["backend"]["open_authoring"] is True
    policy = admin_site.content_security_policy(admin_config.editor_settings(settings), [])
    assert "connect-src 'self' data: blob: https://git.glanafon.example;" in policy


def test_english_only_site_has_no_welsh_files(tmp_path, settings):
    settings.languages = ("en",)
    config = admin_config.make_config(settings)
    assert "i18n" not in config
    assert all("i18n" not in f for f in collection(config, "pages"))


@pytest.mark.parametrize("editor, field", [
    ({"enabled": "yes"}, "extra.council.editor.enabled"),
    ({"enabled": True, "auth_url": "http://auth.example"}, "extra.council.editor.auth_url"),
    ({"enabled": True, "api_url": "javascript:alert(1)"}, "extra.council.editor.api_url"),
    ({"enabled": True, "open_authoring": "yes"}, "extra.council.editor.open_authoring"),
    ("on", "extra.council.editor"),
])
def test_bad_editor_settings_say_what_and_where(settings, editor, field):
    settings.council["editor"] = editor
    with pytest.raises(UserError) as caught:
        admin_config.editor_settings(settings)
    assert field in caught.value.what and caught.value.where.endswith("mkdocs.yml") and caught.value.fix


def test_editor_needs_the_repository_address(settings):
    settings.council.pop("repository")
    with pytest.raises(UserError) as caught:
        admin_config.editor_settings(settings)
    assert "repository" in caught.value.fix


def test_editor_setting_is_known_to_the_settings_check(tmp_path):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("enabled: false", "enabled: true")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    loaded = settings_module.load(tmp_path / "mkdocs.yml")
    assert admin_config.editor_settings(loaded)["enabled"] is True
    broken = text.replace("      enabled: true", "      enabled: true\n      colour: red")
    (tmp_path / "mkdocs.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(UserError, match="extra.council.editor.colour"):
        settings_module.load(tmp_path / "mkdocs.yml")


# --- the editor in the built site, and its policy -------------------------------------------------

def fake_site(folder: Path) -> Path:
    for name in ("index.html", "schools/index.html", "cy/index.html", "assets/stylesheets/main.css", "404.html"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("<html><head><link rel=\"stylesheet\" href=\"assets/stylesheets/main.css\">"
                                   "<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"></head><body></body></html>")
    return folder


def test_off_by_default_nothing_is_added(tmp_path):
    settings = settings_module.load(ROOT / "mkdocs.yml")
    site = fake_site(tmp_path / "site")
    assert admin_site.write_editor(settings, site) is None
    assert not (site / "admin").exists()
    hosting.write_host_files(settings, site)
    lines = (site / "_headers").read_text().splitlines()
    assert lines[1] == "/*" and any(l.strip().startswith("Content-Security-Policy:") for l in lines[2:])
    assert "routes" not in json.loads((site / "staticwebapp.config.json").read_text())


def policies_for(site: Path, path: str) -> list[str]:
    from adminkit import headers_for, parse_headers_file

    rules = parse_headers_file((site / "_headers").read_text())
    return [v for n, v in headers_for(rules, path) if n == "Content-Security-Policy"]


def test_admin_gets_its_own_policy_and_the_site_keeps_its_own(tmp_path, settings):
    settings.council["example_content"] = False  # (example content keeps the whole site out of search)
    site = fake_site(tmp_path / "site")
    hosting.write_host_files(settings, site)
    admin_site.write_editor(settings, site)
    site_policy = hosting.content_security_policy(settings)
    admin_policy = admin_site.admin_policy(settings)
    for path in ("/", "/index.html", "/schools/", "/cy/", "/assets/stylesheets/main.css", "/404.html"):
        assert policies_for(site, path) == [site_policy], path
    assert policies_for(site, "/admin/") == [admin_policy]
    assert policies_for(site, "/admin/sveltia/npm/index.js") == [admin_policy]
    other = dict(hosting.security_headers(settings))
    other.pop("Content-Security-Policy")
    other.pop("Cross-Origin-Opener-Policy")
    from adminkit import headers_for, parse_headers_file
    sent = dict(headers_for(parse_headers_file((site / "_headers").read_text()), "/admin/"))
    for name, value in other.items():
        assert sent[name] == value
    swa = json.loads((site / "staticwebapp.config.json").read_text())
    assert swa["globalHeaders"]["Content-Security-Policy"] == site_policy
    assert swa["routes"] == [{"route": "/admin/*", "headers": {
        "Content-Security-Policy": admin_policy, "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
        "Cache-Control": "no-cache"}}]
    # Each path gets one opener policy: the site's, or the editor's (its sign-in window).
    rules = parse_headers_file((site / "_headers").read_text())
    for path, expected in (("/schools/", "same-origin"), ("/admin/", "same-origin-allow-popups")):
        assert [v for n, v in headers_for(rules, path) if n == "Cross-Origin-Opener-Policy"] == [expected]
    assert "Disallow: /admin/" in (site / "robots.txt").read_text().splitlines()
    # The policy in the page is the same, less what a <meta> tag cannot carry.
    page = (site / "admin" / "index.html").read_text()
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert meta.replace("&#x27;", "'") == admin_policy.replace("; frame-ancestors 'none'", "")


def test_admin_policy_is_strict(settings):
    policy = admin_site.admin_policy(settings)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert "unsafe-eval" not in policy
    assert directives["script-src"].split() [0] == "'self'" and "'unsafe-inline'" not in directives["script-src"]
    assert directives["connect-src"] == "'self' data: blob: https://api.github.com"
    assert directives["default-src"] == "'none'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'" and directives["form-action"] == "'none'"
    hosts = re.findall(r"https?://[^\s;]+", policy)
    assert hosts == ["https://api.github.com"]


def test_copied_editor_is_self_contained(tmp_path, settings):
    site = fake_site(tmp_path / "site")
    admin = admin_site.write_editor(settings, site)
    code = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in admin.rglob("*.js"))
    assert "cdn.jsdelivr.net/fontsource" not in code  # fonts come from the site itself
    assert not list(admin.rglob("*.map"))
    for pattern in (r"\bnew Function\s*\(", r"(?<![\w.$])eval\s*\("):
        assert not re.search(pattern, code), pattern
    for font in re.findall(r"sveltia/npm/assets/[\w.-]+\.woff2", (admin / "sveltia/npm/index.js").read_text()):
        assert (admin / font).is_file()
    # Every name in the import map points at a file that is there.
    page = (admin / "index.html").read_text()
    imports = json.loads(re.search(r'<script type="importmap">(.*?)</script>', page, re.S).group(1))["imports"]
    for target in imports.values():
        assert (admin / target).is_file(), target
    assert (admin / "sveltia/locales/en-GB.js").read_text().startswith("export default {")
    # The preview uses the site's own stylesheets only.
    assert '["../assets/stylesheets/main.css"]' in (admin / "admin.js").read_text()
    written = yaml.safe_load((admin / "config.yml").read_text())
    assert written == json.loads(json.dumps(admin_config.make_config(settings)))


def test_missing_editor_files_say_how_to_install(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(admin_site, "KIT_ROOT", tmp_path)
    monkeypatch.setattr(settings, "root", tmp_path)
    with pytest.raises(UserError) as caught:
        admin_site.write_editor(settings, fake_site(tmp_path / "site"))
    assert "npm ci" in caught.value.fix


def test_cdn_fonts_left_in_a_new_version_stop_the_build():
    code = "src:url(https://cdn.jsdelivr.net/fontsource/fonts/brand-new:vf@1/latin-wght-normal.woff2)"
    with pytest.raises(UserError):
        admin_site.use_own_fonts(code, ["source-sans-3-latin-wght-normal-x.woff2"])
    ok = "src:url(https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2)"
    assert admin_site.use_own_fonts(ok, ["source-sans-3-latin-wght-normal-x.woff2"]) == \
        "src:url(sveltia/npm/assets/source-sans-3-latin-wght-normal-x.woff2)"


def test_a_page_at_admin_is_never_overwritten(tmp_path, settings):
    site = fake_site(tmp_path / "site")
    (site / "admin").mkdir()
    (site / "admin" / "index.html").write_text("a page an editor made")
    with pytest.raises(UserError) as caught:
        admin_site.write_editor(settings, site)
    assert "/admin/" in caught.value.what and caught.value.fix
    assert (site / "admin" / "index.html").read_text() == "a page an editor made"
