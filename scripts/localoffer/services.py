"""The services directory: one YAML file per service, aligned to Open Referral UK.

Files live in ``data/services/<id>.yml`` beside mkdocs.yml. A service::

    id: speech-and-language-therapy        # the file name without .yml; a-z, 0-9 and -
    name: {en: ..., cy: ...}
    description: {en: ..., cy: ...}
    organisation: {en: ..., cy: ..., url: https://...}   # url optional
    status: active                         # active, inactive, defunct, temporarily closed
    url: https://...                       # optional
    email: team@glanafon.example           # optional
    minimum_age: 0
    maximum_age: 25
    needs: [autism, communication-and-interaction]   # ids from data/service_needs.yml
    area: {id: north, en: North Glanafon, cy: Gogledd Glanafon}
    cost: {free: true, en: Free, cy: Am ddim}
    how_to_access: {en: ..., cy: ...}
    eligibility: {en: ..., cy: ...}
    contacts:
      - name: ALN Duty Officer             # a role or a person who agreed to be named
        title: {en: ..., cy: ...}
        phone: 01632 960 201
        email: aln@glanafon.example
    locations:
      - address: {en: ..., cy: ...}
        postcode: GF1 2AB
        accessibility: {en: ..., cy: ...}
    schedules: {en: ..., cy: ...}
    languages: [en, cy, bsl]
    assured_date: 2026-10-01              # when someone last checked it with the service
    review_due: 2027-10-01                 # optional; a year after assured_date by default

``load_all(root)`` reads and checks every file (``Problem`` with file, line and the expected
form); the other functions are pure: filters, age bands, Open Referral UK export and import.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from localoffer import datafile, schemas

SERVICES_DIR = Path("data") / "services"
LANGUAGES = ("en", "cy")
STATUSES = ("active", "inactive", "defunct", "temporarily closed")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RESERVED_ID = re.compile(r"^page-\d+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{8,16}[0-9]$")
EMAIL_RE = re.compile(r"^[^@\s]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.I)
AGE_BANDS = ((0, 5), (5, 11), (11, 16), (16, 25))
LANGUAGE_NAMES = {
    "en": {"en": "English", "cy": "Saesneg"},
    "cy": {"en": "Welsh", "cy": "Cymraeg"},
    "bsl": {"en": "British Sign Language", "cy": "Iaith Arwyddion Prydain"},
    "pl": {"en": "Polish", "cy": "Pwyleg"},
    "ar": {"en": "Arabic", "cy": "Arabeg"},
    "ur": {"en": "Urdu", "cy": "Wrdw"},
}
BILINGUAL = ("name", "description", "how_to_access", "eligibility", "schedules")
# The fields are listed once, in localoffer/schemas.py (the web editor is made from it too).
REQUIRED = schemas.SERVICE.required()
OPTIONAL = schemas.SERVICE.optional()
KNOWN = REQUIRED + OPTIONAL


@dataclass(frozen=True)
class Problem:
    """Something wrong in a service file: ``key`` is a message key under ``meta.service``."""

    file: str
    line: int
    key: str
    values: tuple = ()

    def fill(self) -> dict:
        return dict(self.values)


@dataclass
class Directory:
    services: list[dict[str, Any]] = field(default_factory=list)  # valid services, sorted by name
    problems: list[Problem] = field(default_factory=list)


@lru_cache(maxsize=1)
def needs_vocabulary() -> tuple[dict, ...]:
    text = resources.files("localoffer").joinpath("data/service_needs.yml").read_text("utf-8")
    return tuple(datafile.safe_load(text)["needs"])


def need_names() -> dict[str, dict[str, str]]:
    return {n["id"]: {"en": n["en"], "cy": n["cy"]} for n in needs_vocabulary()}


# --- reading and checking -----------------------------------------------------------------

_LOADED: dict[Path, tuple[tuple, Directory]] = {}


def load_all(root: str | Path) -> Directory:
    """Every service file under ``<root>/data/services/``, checked.

    A build asks for the directory several times (each language's pages, the checks, the
    export); the files are read again only when one of them has changed."""
    folder = Path(root).resolve() / SERVICES_DIR
    if not folder.is_dir():
        return Directory()
    paths = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    try:
        key = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except OSError:
        key = None
    cached = _LOADED.get(folder)
    if key is not None and cached is not None and cached[0] == key:
        return copy.deepcopy(cached[1])
    result = _load_all(paths)
    if key is not None:
        _LOADED[folder] = (key, copy.deepcopy(result))
    return result


def _load_all(paths: list[Path]) -> Directory:
    result = Directory()
    seen: dict[str, str] = {}
    for path in paths:
        shown = (SERVICES_DIR / path.name).as_posix()
        data, broken = datafile.load_file(path)
        if broken:
            result.problems.append(Problem(shown, broken.line, "meta.service.bad_yaml", (("problem", broken.problem),)))
            continue
        service, problems = check(data, shown, path.stem)
        result.problems.extend(problems)
        if service is None:
            continue
        if service["id"] in seen:
            result.problems.append(Problem(shown, 1, "meta.service.duplicate_id",
                                           (("id", service["id"]), ("other", seen[service["id"]]))))
            continue
        seen[service["id"]] = shown
        result.services.append(service)
    result.services.sort(key=lambda s: s["name"]["en"].lower())
    return result


def valid_email(value) -> bool:
    """An address as a person would type it (``name@council.gov.uk``), checked by a real
    address parser (email-validator: RFC 5322 and 6531, no quoted or bracketed parts, no
    display name; no network look-up). The standard library's ``email.headerregistry``
    accepts quoted parts such as ``"<img src=x>"@x.com``, which we would have to print."""
    from email_validator import EmailNotValidError, validate_email

    if not isinstance(value, str) or not EMAIL_RE.match(value) or len(value) > 254:
        return False
    try:
        validate_email(value, check_deliverability=False, allow_quoted_local=False, allow_domain_literal=False,
                       allow_display_name=False, globally_deliverable=False)
    except EmailNotValidError:
        return False
    return True


def valid_web_address(value) -> bool:
    """A secure web address (https://, with a host) with nothing that could break out of a
    link: no spaces, quotes or angle brackets (``pagemeta.safe_url``)."""
    from localoffer.pagemeta import safe_url

    return safe_url(value) and value.lower().startswith("https://")


def _bilingual_ok(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(l), str) and value[l].strip() for l in LANGUAGES)


def check(data: Any, shown: str, stem: str | None = None) -> tuple[dict | None, list[Problem]]:
    """``(service, problems)``: the service is None when it cannot be published."""
    problems: list[Problem] = []

    def problem(line, key, form, **values):
        problems.append(Problem(shown, line, key, tuple(values.items()) + (("form", form),)))

    if not isinstance(data, dict):
        problem(1, "meta.service.not_mapping", "id: ..., name: {en: ..., cy: ...}")
        return None, problems
    line = data.key_line if isinstance(data, datafile.LineDict) else (lambda k, d=1: d)
    for key in REQUIRED:
        if key not in data or data[key] in (None, "", [], {}):
            if key == "contacts" and data.get("email"):
                continue
            problem(line(key, 1), "meta.service.missing", FORMS[key], field=key)
    for key in data:
        if key not in KNOWN:
            import difflib

            close = difflib.get_close_matches(key, KNOWN, n=1)
            problem(line(key), "meta.service.unknown_key", close[0] if close else ", ".join(KNOWN), field=key)
    sid = data.get("id")
    if sid is not None and (not isinstance(sid, str) or not ID_RE.match(sid)):
        problem(line("id"), "meta.service.bad_value", FORMS["id"], field="id", value=sid)
    elif isinstance(sid, str) and _RESERVED_ID.match(sid):  # services/page-2/ is page 2 of the list
        problem(line("id"), "meta.service.reserved_id", FORMS["id"], field="id", value=sid)
    elif isinstance(sid, str) and stem and sid != stem:
        problem(line("id"), "meta.service.id_not_file", FORMS["id"], field="id", value=sid, file=stem)
    for key in BILINGUAL + ("organisation",):
        if key in data and data[key] is not None and not _bilingual_ok(data[key]):
            problem(line(key), "meta.service.bad_value", FORMS[key], field=key, value=_short(data[key]))
    org = data.get("organisation")
    if isinstance(org, dict) and "url" in org and not valid_web_address(org["url"]):
        at = org.key_line("url") if isinstance(org, datafile.LineDict) else line("organisation")
        problem(at, "meta.service.bad_value", FORMS["url"], field="organisation.url", value=_short(org["url"]))
    if "status" in data and data["status"] not in STATUSES:
        problem(line("status"), "meta.service.bad_value", FORMS["status"], field="status", value=_short(data["status"]))
    ages = {}
    for key in ("minimum_age", "maximum_age"):
        value = data.get(key)
        if key in data and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 120):
            problem(line(key), "meta.service.bad_value", FORMS[key], field=key, value=_short(value))
        elif isinstance(value, int):
            ages[key] = value
    if len(ages) == 2 and ages["minimum_age"] > ages["maximum_age"]:
        problem(line("maximum_age"), "meta.service.bad_value", FORMS["maximum_age"], field="maximum_age",
                value=ages["maximum_age"])
    needs = data.get("needs")
    if "needs" in data:
        known = need_names()
        if not isinstance(needs, list) or not needs:
            problem(line("needs"), "meta.service.bad_value", FORMS["needs"], field="needs", value=_short(needs))
        else:
            for index, need in enumerate(needs):
                if not isinstance(need, str) or need not in known:
                    at = needs.item_line(index) if isinstance(needs, datafile.LineList) else line("needs")
                    problem(at, "meta.service.unknown_need", ", ".join(known), field="needs", value=_short(need))
    area = data.get("area")
    if "area" in data and not (isinstance(area, dict) and isinstance(area.get("id"), str)
                               and ID_RE.match(area["id"]) and _bilingual_ok(area)):
        problem(line("area"), "meta.service.bad_value", FORMS["area"], field="area", value=_short(area))
    cost = data.get("cost")
    if "cost" in data and not (isinstance(cost, dict) and isinstance(cost.get("free"), bool) and _bilingual_ok(cost)):
        problem(line("cost"), "meta.service.bad_value", FORMS["cost"], field="cost", value=_short(cost))
    for key in ("email",):
        if key in data and not valid_email(data[key]):
            problem(line(key), "meta.service.bad_value", FORMS["email"], field=key, value=_short(data[key]))
    if "url" in data and not valid_web_address(data["url"]):
        problem(line("url"), "meta.service.bad_value", FORMS["url"], field="url", value=_short(data["url"]))
    problems.extend(_check_list(data, "contacts", _check_contact, shown, line))
    problems.extend(_check_list(data, "locations", _check_location, shown, line))
    languages = data.get("languages")
    if "languages" in data and not (isinstance(languages, list)
                                    and all(isinstance(l, str) and l in LANGUAGE_NAMES for l in languages)):
        problem(line("languages"), "meta.service.bad_value", FORMS["languages"], field="languages",
                value=_short(languages))
    for key in ("assured_date", "review_due"):
        if key in data and datafile.as_date(data[key]) is None:
            problem(line(key), "meta.service.bad_value", FORMS["date"], field=key, value=_short(data[key]))
    if problems:
        return None, problems
    return normalise(data), problems


def _check_list(data, key, check_item, shown, line) -> list[Problem]:
    items = data.get(key)
    if key not in data or items is None:
        return []
    if not isinstance(items, list):
        return [Problem(shown, line(key), "meta.service.bad_value",
                        (("field", key), ("value", _short(items)), ("form", FORMS[key])))]
    problems = []
    for index, item in enumerate(items):
        at = items.item_line(index) if isinstance(items, datafile.LineList) else line(key)
        for sub, form in check_item(item):
            sub_line = item.key_line(sub, at) if isinstance(item, datafile.LineDict) else at
            value = item.get(sub) if isinstance(item, dict) else item
            problems.append(Problem(shown, sub_line, "meta.service.bad_value",
                                    (("field", f"{key}[{index + 1}].{sub}"), ("value", _short(value)), ("form", form))))
    return problems


def _check_contact(item):
    if not isinstance(item, dict):
        yield "name", FORMS["contacts"]
        return
    name = item.get("name")
    if not ((isinstance(name, str) and name.strip()) or _bilingual_ok(name)):
        yield "name", "name: {en: ALN duty officer, cy: Swyddog dyletswydd ADY} (or a person's name they agreed to show)"
    if "title" in item and not _bilingual_ok(item["title"]):
        yield "title", "title: {en: Family support worker, cy: Gweithiwr cymorth i deuluoedd}"
    if not item.get("phone") and not item.get("email"):
        yield "phone", "phone: 01632 960 201 (or email: team@council.example)"
    if "phone" in item and not (isinstance(item["phone"], str) and PHONE_RE.match(item["phone"])):
        yield "phone", "phone: \"01632 960 201\" (digits and spaces, in quotes)"
    if "email" in item and not valid_email(item["email"]):
        yield "email", FORMS["email"]


def _check_location(item):
    if not isinstance(item, dict):
        yield "address", FORMS["locations"]
        return
    if not _bilingual_ok(item.get("address")):
        yield "address", "address: {en: County Hall, Glanafon, cy: Neuadd y Sir, Glanafon}"
    if not (isinstance(item.get("postcode"), str) and POSTCODE_RE.match(item["postcode"].strip())):
        yield "postcode", "postcode: GF1 2AB"
    if "accessibility" in item and not _bilingual_ok(item["accessibility"]):
        yield "accessibility", "accessibility: {en: Step-free entrance., cy: Mynedfa heb risiau.}"


FORMS = {
    "id": "id: speech-therapy (the file name; small letters, numbers and -)",
    "name": "name: {en: Speech therapy, cy: Therapi lleferydd}",
    "description": "description: {en: ..., cy: ...}",
    "organisation": "organisation: {en: Glanafon County Council, cy: Cyngor Sir Glanafon}",
    "status": "status: " + " | ".join(STATUSES),
    "minimum_age": "minimum_age: 0 (a whole number of years)",
    "maximum_age": "maximum_age: 25 (a whole number, not less than minimum_age)",
    "needs": "needs: [autism, hearing]",
    "area": "area: {id: north, en: North Glanafon, cy: Gogledd Glanafon}",
    "cost": "cost: {free: true, en: Free, cy: Am ddim}",
    "how_to_access": "how_to_access: {en: ..., cy: ...}",
    "eligibility": "eligibility: {en: ..., cy: ...}",
    "contacts": "contacts: a list of {name, title: {en, cy}, phone, email}",
    "locations": "locations: a list of {address: {en, cy}, postcode, accessibility: {en, cy}}",
    "schedules": "schedules: {en: Monday to Friday, 9am to 5pm, cy: Dydd Llun i ddydd Gwener, 9am tan 5pm}",
    "languages": "languages: [en, cy, bsl] (" + ", ".join(LANGUAGE_NAMES) + ")",
    "email": "email: team@council.example",
    "url": "url: https://... (a secure web address)",
    "assured_date": "assured_date: 2026-10-01",
    "date": "2026-10-01 (year-month-day)",
}


def _short(value) -> str:
    text = json.dumps(datafile.plain(value), ensure_ascii=False, default=str) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def normalise(data: dict) -> dict:
    """A checked service as plain data, with every optional field present."""
    service = datafile.plain(dict(data))
    service.setdefault("url", None)
    service.setdefault("email", None)
    service.setdefault("locations", [])
    service.setdefault("schedules", None)
    service.setdefault("languages", ["en", "cy"])
    service.setdefault("contacts", [])
    service["assured_date"] = datafile.as_date(service["assured_date"])
    due = datafile.as_date(service.get("review_due"))
    if due is None:
        assured = service["assured_date"]
        try:
            due = assured.replace(year=assured.year + 1)
        except ValueError:  # 29 February
            due = assured.replace(year=assured.year + 1, day=28)
    service["review_due"] = due
    return service


def text_in(value, lang: str) -> str:
    """``value`` in ``lang`` when it is bilingual ({en, cy}), else as it is."""
    return value[lang] if isinstance(value, dict) else str(value)


# --- filters (pure) -------------------------------------------------------------------------

def band_id(band: tuple[int, int]) -> str:
    return f"age-{band[0]}-{band[1]}"


def in_band(service: dict, band: tuple[int, int]) -> bool:
    return service["minimum_age"] <= band[1] and service["maximum_age"] >= band[0]


def filters(services: list[dict]) -> list[dict]:
    """Every filter page worth making: ``{slug, kind, value, names: {en, cy}, services}``."""
    out = []
    for band in AGE_BANDS:
        matching = [s for s in services if in_band(s, band)]
        if matching:
            out.append({"slug": band_id(band), "kind": "age", "value": band,
                        "names": {l: f"{band[0]}–{band[1]}" for l in LANGUAGES}, "services": matching})
    names = need_names()
    for need in names:
        matching = [s for s in services if need in s["needs"]]
        if matching:
            out.append({"slug": f"need-{need}", "kind": "need", "value": need, "names": names[need],
                        "services": matching})
    areas: dict[str, dict] = {}
    for s in services:
        areas.setdefault(s["area"]["id"], s["area"])
    for area_id in sorted(areas, key=lambda a: areas[a]["en"].lower()):
        matching = [s for s in services if s["area"]["id"] == area_id]
        out.append({"slug": f"area-{area_id}", "kind": "area", "value": area_id,
                    "names": {l: areas[area_id][l] for l in LANGUAGES}, "services": matching})
    free = [s for s in services if s["cost"]["free"]]
    if free:
        out.append({"slug": "free", "kind": "cost", "value": True, "names": None, "services": free})
    return out


# --- Open Referral UK --------------------------------------------------------------------------

def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def to_oruk(service: dict, site_url: str, lang: str = "en") -> dict:
    """One service in Open Referral UK (HSDS 3.0 UK profile) form, in ``lang``."""
    base = (site_url or "https://localoffer.invalid/").rstrip("/") + "/"
    sid = service.get("oruk_id") or _uuid(base, "services", service["id"])
    page = base + ("" if lang == "en" else f"{lang}/") + f"services/{service['id']}/"
    org = service["organisation"]
    result: dict[str, Any] = {
        "id": sid,
        "name": service["name"][lang],
        "description": service["description"][lang],
        "url": service.get("url") or page,
        "status": service["status"],
        "minimum_age": service["minimum_age"],
        "maximum_age": service["maximum_age"],
        "eligibility_description": service["eligibility"][lang],
        "assured_date": service["assured_date"].isoformat(),
        "organization": {"id": _uuid(base, "organisations", org["en"]), "name": org[lang]},
        "contacts": [],
        "cost_options": [{
            "id": _uuid(sid, "cost"),
            "option": service["cost"][lang],
            "amount_description": service["cost"][lang],
            **({"amount": 0} if service["cost"]["free"] else {}),
        }],
        "languages": [
            {"id": _uuid(sid, "language", code), "code": code,
             "name": LANGUAGE_NAMES.get(code, {}).get(lang, code)}
            for code in service.get("languages") or []
        ],
        "service_areas": [{"id": _uuid(base, "areas", service["area"]["id"]),
                           "name": service["area"][lang], "extent_type": "text"}],
        "service_at_locations": [],
        "attributes": [
            {"id": _uuid(sid, "need", need),
             "taxonomy_term": {"id": _uuid(base, "needs", need), "taxonomy": "localoffer-needs",
                               "term": need_names().get(need, {}).get(lang, need)}}
            for need in service["needs"]
        ],
    }
    if org.get("url"):
        result["organization"]["url"] = org["url"]
    if service.get("email"):
        result["email"] = service["email"]
    if service.get("schedules"):
        result["schedules"] = [{"id": _uuid(sid, "schedule"), "description": service["schedules"][lang]}]
    for index, contact in enumerate(service.get("contacts") or []):
        item = {"id": _uuid(sid, "contact", str(index)), "name": text_in(contact["name"], lang)}
        if contact.get("title"):
            item["title"] = contact["title"][lang]
        if contact.get("email"):
            item["email"] = contact["email"]
        if contact.get("phone"):
            item["phones"] = [{"id": _uuid(sid, "phone", str(index)), "number": contact["phone"]}]
        result["contacts"].append(item)
    for index, location in enumerate(service.get("locations") or []):
        loc_id = _uuid(sid, "location", str(index))
        lines = [p.strip() for p in location["address"][lang].split(",") if p.strip()]
        city = lines[-1] if len(lines) > 1 else ""
        item = {"id": loc_id, "name": lines[0] if lines else "",
                "addresses": [{"id": _uuid(loc_id, "address"), "address_1": ", ".join(lines[:-1]) if city else location["address"][lang],
                               "city": city, "state_province": "", "postal_code": location["postcode"],
                               "country": "GB", "address_type": "physical"}]}
        if location.get("accessibility"):
            item["accessibility"] = [{"id": _uuid(loc_id, "accessibility"), "description": location["accessibility"][lang]}]
        result["service_at_locations"].append({"id": _uuid(sid, "service_at_location", str(index)), "location": item})
    return result


def export(services: list[dict], site_dir: str | Path, site_url: str, languages=LANGUAGES) -> list[Path]:
    """Write ``services.json`` (all) and ``services/<id>.json`` (one each) into the built site.

    English text (Open Referral UK has one language per record); the Welsh records are in
    ``cy/services.json`` and ``cy/services/<id>.json`` (not on a site in English only).
    Returns the files written.
    """
    site_dir = Path(site_dir)
    written = []
    for lang in (code for code in LANGUAGES if code in languages):
        folder = site_dir if lang == "en" else site_dir / lang
        records = [to_oruk(s, site_url, lang) for s in services]
        (folder / "services").mkdir(parents=True, exist_ok=True)
        everything = folder / "services.json"
        everything.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(everything)
        for service, record in zip(services, records):
            one = folder / "services" / f"{service['id']}.json"
            one.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
            written.append(one)
    return written


def export_site(settings, site_dir: str | Path) -> list[Path]:
    """The post-build step: export the site's services (nothing when it has none)."""
    directory = load_all(settings.root)
    if not directory.services:
        return []
    return export(directory.services, site_dir, settings.site_url, getattr(settings, "languages", LANGUAGES))


def slug(text: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return text[:60].strip("-") or "service"


def from_oruk(record: dict, today: dt.date | None = None) -> tuple[dict, list[str]]:
    """One ORUK service record as a service dict for a YAML file, and the fields it could
    not map (as dotted paths). Welsh text is copied from English and marked for translation."""
    unmapped: list[str] = []
    mapped_keys = {"id", "name", "description", "url", "email", "status", "minimum_age", "maximum_age",
                   "eligibility_description", "assured_date", "organization", "contacts", "cost_options",
                   "languages", "service_areas", "service_at_locations", "schedules", "attributes",
                   "last_modified", "organization_id"}
    for key in record:
        if key not in mapped_keys:
            unmapped.append(key)

    def both(text) -> dict:
        text = " ".join(str(text or "").split())
        return {"en": text, "cy": text}

    name = record.get("name") or "Service"
    service: dict[str, Any] = {"id": slug(name), "oruk_id": record.get("id")}
    service["name"] = both(name)
    service["description"] = both(record.get("description") or name)
    org = record.get("organization") or {}
    service["organisation"] = both(org.get("name") or "Unknown")
    if org.get("url"):
        service["organisation"]["url"] = org["url"]
    status = record.get("status") or "active"
    service["status"] = status if status in STATUSES else "active"
    if status not in STATUSES:
        unmapped.append(f"status={status}")
    for key in ("url", "email"):
        if record.get(key):
            service[key] = record[key]
    service["minimum_age"] = int(record.get("minimum_age") or 0)
    service["maximum_age"] = int(record.get("maximum_age") or 25)
    known_needs = need_names()
    needs = []
    for index, attribute in enumerate(record.get("attributes") or []):
        term = (attribute.get("taxonomy_term") or {})
        match = next((n for n, names in known_needs.items()
                      if term.get("term") in (n, names["en"], names["cy"])), None)
        if match:
            needs.append(match)
        else:
            unmapped.append(f"attributes[{index}].taxonomy_term={term.get('term')}")
    service["needs"] = needs or ["communication-and-interaction"]
    if not needs:
        unmapped.append("needs (none matched; set by hand)")
    areas = record.get("service_areas") or []
    area_name = (areas[0].get("name") or areas[0].get("service_area")) if areas else None
    service["area"] = {"id": slug(area_name or "all"), **both(area_name or "All areas")}
    if len(areas) > 1:
        unmapped.append("service_areas[1:]")
    costs = record.get("cost_options") or []
    free = not costs or all((c.get("amount") in (0, None)) for c in costs)
    cost_text = costs[0].get("amount_description") or costs[0].get("option") if costs else None
    service["cost"] = {"free": free, **both(cost_text or ("Free" if free else "There is a charge"))}
    service["how_to_access"] = both(record.get("how_to_access") or "Contact the service.")
    service["eligibility"] = both(record.get("eligibility_description") or "Ask the service.")
    contacts = []
    for index, contact in enumerate(record.get("contacts") or []):
        item: dict[str, Any] = {"name": contact.get("name") or (contact.get("title") or "Contact")}
        if contact.get("title"):
            item["title"] = both(contact["title"])
        phones = contact.get("phones") or []
        if phones:
            item["phone"] = phones[0].get("number")
            if len(phones) > 1:
                unmapped.append(f"contacts[{index}].phones[1:]")
        if contact.get("email"):
            item["email"] = contact["email"]
        contacts.append(item)
    service["contacts"] = contacts
    locations = []
    for index, sal in enumerate(record.get("service_at_locations") or []):
        location = sal.get("location") or {}
        addresses = location.get("addresses") or location.get("physical_addresses") or []
        if not addresses:
            unmapped.append(f"service_at_locations[{index}] (no address)")
            continue
        address = addresses[0]
        text = ", ".join(p for p in (address.get("address_1"), address.get("city")) if p)
        item = {"address": both(text), "postcode": address.get("postal_code") or ""}
        access = location.get("accessibility") or []
        if access:
            item["accessibility"] = both(access[0].get("description"))
        locations.append(item)
    if locations:
        service["locations"] = locations
    schedules = record.get("schedules") or []
    if schedules and schedules[0].get("description"):
        service["schedules"] = both(schedules[0]["description"])
    languages = []
    for language in record.get("languages") or []:
        code = str(language.get("code") or "").lower()
        if code in LANGUAGE_NAMES:
            languages.append(code)
        else:
            unmapped.append(f"languages={language.get('name') or code}")
    if languages:
        service["languages"] = languages
    assured = datafile.as_date(record.get("assured_date")) or today or dt.date.today()
    service["assured_date"] = assured
    return service, unmapped


def to_yaml(service: dict) -> str:
    """A service as YAML text for ``data/services/<id>.yml`` (keys in the documented order)."""
    order = [k for k in ("id",) + KNOWN if k in service and k != "id"]
    ordered = {"id": service["id"], **{k: service[k] for k in order}}
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)


def post_build_step(settings, site_dir, args=None) -> int:
    """For ``localoffer build``'s ``post_build_steps``: write the JSON export. Always 0."""
    export_site(settings, site_dir)
    return 0
