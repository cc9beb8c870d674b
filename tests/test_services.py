"""Services directory: validation with lines, pages in both languages, ORUK export and import."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from localoffer import datafile, services
from localoffer.commands import import_oruk
from localoffer.generate import services as generate_services
from sitekit import ROOT, build, make_project

FIXTURES = Path(__file__).parent / "fixtures" / "oruk"
SCHEMA = json.loads((ROOT / "scripts/localoffer/data/oruk/service-schema.json").read_text(encoding="utf-8"))
EXAMPLE = ROOT / "data" / "services"


def validate(value, schema, path="service") -> list[str]:
    """Check ``value`` against our schema subset: types, required fields, enums."""
    errors = []
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "number": (int, float)}
    if kind and not isinstance(value, types[kind]) or (kind == "number" and isinstance(value, bool)):
        return [f"{path}: expected {kind}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if schema.get("format") == "uuid":
        import uuid

        try:
            uuid.UUID(value)
        except ValueError:
            errors.append(f"{path}: not a uuid")
    if kind == "object":
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}.{key}: required")
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors.extend(validate(value[key], sub, f"{path}.{key}"))
    if kind == "array":
        for index, item in enumerate(value):
            errors.extend(validate(item, schema["items"], f"{path}[{index}]"))
    return errors


def test_example_services_are_valid():
    directory = services.load_all(ROOT)
    assert directory.problems == []
    assert len(directory.services) == 8


def test_problems_name_the_file_line_and_expected_form(tmp_path):
    folder = tmp_path / "data" / "services"
    folder.mkdir(parents=True)
    text = (EXAMPLE / "aln-advice-line.yml").read_text(encoding="utf-8")
    text = text.replace("status: active", "status: open").replace("minimum_age: 0", "minimum_age: baby")
    text = text.replace("needs: [", "needs: [telepathy, ")
    text = text.replace('phone: "01632 960 123"', "phone: call us")
    (folder / "aln-advice-line.yml").write_text(text, encoding="utf-8")
    (folder / "broken.yml").write_text("id: broken\nname: {en: x\n", encoding="utf-8")
    directory = services.load_all(tmp_path)
    assert directory.services == []
    lines = text.splitlines()
    found = {(p.file, p.key, p.fill().get("field")): p for p in directory.problems}
    status = found[("data/services/aln-advice-line.yml", "meta.service.bad_value", "status")]
    assert lines[status.line - 1].startswith("status:") and "temporarily closed" in status.fill()["form"]
    age = found[("data/services/aln-advice-line.yml", "meta.service.bad_value", "minimum_age")]
    assert lines[age.line - 1].startswith("minimum_age:")
    need = found[("data/services/aln-advice-line.yml", "meta.service.unknown_need", "needs")]
    assert need.fill()["value"] == "telepathy"
    phone = next(p for p in directory.problems if p.fill().get("field") == "contacts[1].phone")
    assert "call us" in lines[phone.line - 1]
    assert any(p.file == "data/services/broken.yml" and p.key == "meta.service.bad_yaml" for p in directory.problems)


def test_a_service_cannot_take_the_address_of_a_list_page(tmp_path):
    """services/page-2/ is page 2 of the directory: a service with that id would hide it."""
    folder = tmp_path / "data" / "services"
    folder.mkdir(parents=True)
    text = (EXAMPLE / "aln-advice-line.yml").read_text(encoding="utf-8")
    (folder / "page-2.yml").write_text(text.replace("id: aln-advice-line", "id: page-2"), encoding="utf-8")
    (folder / "page-one.yml").write_text(text.replace("id: aln-advice-line", "id: page-one"), encoding="utf-8")
    directory = services.load_all(tmp_path)
    assert [s["id"] for s in directory.services] == ["page-one"]
    problem = next(p for p in directory.problems if p.key == "meta.service.reserved_id")
    assert problem.file == "data/services/page-2.yml" and problem.line == text.splitlines().index("id: aln-advice-line") + 1


def test_meta_service_rule_gives_plain_findings(tmp_path):
    from localoffer.rules import REGISTRY, Context, load_rules

    load_rules()
    folder = tmp_path / "data" / "services"
    folder.mkdir(parents=True)
    (folder / "x.yml").write_text("id: x\nname: {en: X, cy: X}\n", encoding="utf-8")
    ctx = Context.create(today=dt.date(2026, 11, 23))
    ctx.cache["lok.services"] = services.load_all(tmp_path)
    found = REGISTRY["meta/service"].function([], ctx)
    assert found and all(f.rule == "meta/service" and f.file == "data/services/x.yml" for f in found)
    assert any('The service has no "description". Expected: description: {en: ..., cy: ...}.' == f.message
               for f in found)


class FakeSettings:
    def __init__(self, root: Path):
        self.root = root
        self.site_url = "https://www.glanafon.example/local-offer/"
        self.default_language = "en"
        self.council = {"name": {"en": "Glanafon County Council", "cy": "Cyngor Sir Glanafon"}}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_pages_for_each_language(lang):
    pages = generate_services.services_pages(FakeSettings(ROOT), lang)
    assert "services/index.md" in pages and "services/free.md" in pages and "services/age-0-5.md" in pages
    assert "services/need-autism.md" in pages and "services/area-north.md" in pages
    for path, text in pages.items():
        assert text.startswith("---\ntitle: "), path
        front, body = text.split("\n---\n", 1)
        for key in ("description:", "last_reviewed:", "review_due:", "owner:"):
            assert key in front, (path, key)
        assert sum(1 for line in body.splitlines() if line.startswith("# ")) == 1, path
    page = pages["services/aln-advice-line.md"]
    assert 'class="lok-contact-card"' in page and "(tel:+441632960123)" in page
    if lang == "cy":
        assert "# Llinell gyngor ADY" in page and "Swyddog dyletswydd ADY" in page and "Ffôn:" in page
    else:
        assert "# ALN advice line" in page and "Phone:" in page
    index = pages["services/index.md"]
    assert index.count('class="lok-service"') == 8 and "(age-0-5.md)" in index


def test_export_validates_against_the_oruk_schema(tmp_path):
    directory = services.load_all(ROOT)
    written = services.export(directory.services, tmp_path, "https://www.glanafon.example/local-offer/")
    everything = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    assert len(everything) == 8
    for record in everything:
        assert validate(record, SCHEMA) == [], record["name"]
    one = json.loads((tmp_path / "services" / "aln-advice-line.json").read_text(encoding="utf-8"))
    assert one["name"] == "ALN advice line" and one["contacts"][0]["phones"][0]["number"] == "01632 960 123"
    welsh = json.loads((tmp_path / "cy" / "services" / "aln-advice-line.json").read_text(encoding="utf-8"))
    assert welsh["name"] == "Llinell gyngor ADY" and welsh["id"] == one["id"]
    assert len(written) == 2 * (1 + 8)


def test_import_round_trips(tmp_path):
    out = tmp_path / "data" / "services"
    results = import_oruk.import_file(FIXTURES / "sample.json", out)
    [(name, unmapped, written)] = results
    assert written and name == "family-link-sensory-group.yml"
    assert "alert" in unmapped and "languages=Klingon" in unmapped
    directory = services.load_all(tmp_path)
    assert directory.problems == [], directory.problems
    [service] = directory.services
    record = services.to_oruk(service, "https://www.glanafon.example/local-offer/")
    original = json.loads((FIXTURES / "sample.json").read_text(encoding="utf-8"))[0]
    assert validate(record, SCHEMA) == []
    for key in ("id", "name", "description", "url", "email", "status", "minimum_age", "maximum_age",
                "eligibility_description", "assured_date"):
        assert record[key] == original[key], key
    assert record["contacts"][0]["phones"][0]["number"] == "01632 960 290"
    assert record["service_areas"][0]["name"] == "North Glanafon"
    assert record["attributes"][0]["taxonomy_term"]["term"] == "Hearing"
    address = record["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"] == "GF3 2AA" and address["city"] == "Aberafon"
    # a second import keeps the edited file
    assert import_oruk.import_file(FIXTURES / "sample.json", out)[0][2] is False


def test_reviews_lists_overdue_first(tmp_path):
    from localoffer.commands import reviews

    class S:
        root = tmp_path
        docs_dir = tmp_path / "docs"

    S.docs_dir.mkdir()
    for name, due in (("a.md", "2027-01-10"), ("b.md", "2026-10-01"), ("c.md", "2028-01-01")):
        (S.docs_dir / name).write_text(f"---\ntitle: {name}\nowner: Team\nreview_due: {due}\n---\n# T\n",
                                       encoding="utf-8")
    items = reviews.due_items(S, 60, today=dt.date(2026, 11, 23))
    assert [i["file"] for i in items] == ["docs/b.md", "docs/a.md"]
    assert items[0]["overdue"] and not items[1]["overdue"]
    assert reviews.render(items, "csv", "en", 60).splitlines()[0].startswith("file,lang,title")
    assert json.loads(reviews.render(items, "json", "en", 60))["pages"][0]["days"] == -53


def test_fixture_site_builds_directory_pages_in_both_languages(tmp_path):
    meta = "description: D.\nlast_reviewed: 2026-11-01\nreview_due: 2027-05-01\nowner: Team\n"
    pages = {
        "index.md": f"---\ntitle: Home\n{meta}---\n# Home\n\nSee the [services](services/index.md).\n",
        # a Welsh page must link to the Welsh generated file by its cy/ path (see the report)
        "index.cy.md": f"---\ntitle: Hafan\n{meta}---\n# Hafan\n\nGweler y [gwasanaethau](services/index.md).\n",
    }
    config = make_project(tmp_path / "project", pages)
    shutil.copytree(EXAMPLE, tmp_path / "project" / "data" / "services")
    site = tmp_path / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    for prefix in ("", "cy/"):
        for page in ("services/index.html", "services/aln-advice-line/index.html", "services/free/index.html",
                     "services/age-0-5/index.html", "services/need-autism/index.html"):
            assert (site / prefix / page).is_file(), prefix + page
    welsh = (site / "cy/services/aln-advice-line/index.html").read_text(encoding="utf-8")
    assert 'lang="cy"' in welsh and "Llinell gyngor ADY" in welsh
    from localoffer import settings as settings_module

    services.export_site(settings_module.load(config), site)
    records = json.loads((site / "services.json").read_text(encoding="utf-8"))
    assert [validate(r, SCHEMA) for r in records] == [[]] * 8
