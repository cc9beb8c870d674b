"""The services directory pages, made from ``data/services/*.yml`` (see ``localoffer.services``).

For each language: ``services/index.md`` (the directory, with links to filter pages that
work without JavaScript), ``services/<id>.md`` (one page per service, with contact cards)
and the filter pages ``services/age-0-5.md``, ``services/need-<id>.md``,
``services/area-<id>.md`` and ``services/free.md``. ``lok-services.js`` may filter the
directory's list in the browser too; the list carries what it needs in ``data-`` attributes.

A list of more than ``pagination.SERVICES_PER_PAGE`` services goes on over more pages, with
page links (see ``localoffer.generate.pagination``): ``services/page-2.md`` for the
directory, ``services/age-0-5/page-2.md`` for a filter page. The browser filter is only
offered when the whole directory is on one page; on a long directory the filter pages do
that job, with or without JavaScript.

Contact cards are a plain Markdown block editors can use on any page too::

    <div class="lok-contact-card" markdown>

    **ALN Duty Officer**  
    Family support worker  
    Phone: [01632 960 201](tel:+441632960201)  
    Email: [aln@glanafon.example](mailto:aln@glanafon.example)

    </div>
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import quote

from pathlib import Path

from localoffer import datafile, freshness
from localoffer import services as services_module
from localoffer.errors import UserError
from localoffer.generate import page_maker, pagination
from localoffer.mdtext import attribute, escape
from localoffer.messages import t, tn
from localoffer.site import format_date

FOLDER = "services"
AREAS_FILE = Path("data") / "areas.yml"
# Area ids that mean "the whole council" when data/areas.yml does not say (whole_area: true).
WHOLE_AREA_IDS = ("county-wide", "all")


def load_areas(root) -> dict[str, dict]:
    """``data/areas.yml``: each area's id -> ``{"in": {en, cy}, "whole_area": bool}``.

    A missing file gives ``{}`` (every page then uses the forms that need no mutation).
    A broken file is an error naming the file, the line and the form to use."""
    path = Path(root) / AREAS_FILE
    if not path.is_file():
        return {}
    data, broken = datafile.load_file(path)
    form = "areas: [{id: north, in: {en: in North Glanafon, cy: yng Ngogledd Glanafon}}]"
    if broken:
        raise UserError(t("meta.areas.bad", "en", problem=broken.problem, form=form),
                        f"{AREAS_FILE.as_posix()}:{broken.line}", t("meta.service.fix", "en"))
    items = data.get("areas") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UserError(t("meta.areas.bad", "en", problem="areas:", form=form), f"{AREAS_FILE.as_posix()}:1",
                        t("meta.service.fix", "en"))
    areas = {}
    for index, item in enumerate(items):
        phrase = item.get("in") if isinstance(item, dict) else None
        if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(phrase, dict)
                and all(isinstance(phrase.get(lang), str) and phrase[lang].strip() for lang in ("en", "cy"))):
            line = items.item_line(index) if isinstance(items, datafile.LineList) else 1
            raise UserError(t("meta.areas.bad", "en", problem=str(item)[:60], form=form),
                            f"{AREAS_FILE.as_posix()}:{line}", t("meta.service.fix", "en"))
        areas[item["id"]] = {"in": {lang: " ".join(phrase[lang].split()) for lang in ("en", "cy")},
                             "whole_area": item.get("whole_area") is True}
    return areas


def is_whole_area(area_id: str, areas: dict[str, dict]) -> bool:
    if area_id in areas:
        return areas[area_id]["whole_area"]
    return area_id in WHOLE_AREA_IDS


def with_whole_area(filters: list[dict], areas: dict[str, dict]) -> list[dict]:
    """Each area's filter also lists the services for the whole council ("All of Glanafon"):
    a family in North Glanafon can use them too."""
    everywhere = [s for f in filters if f["kind"] == "area" and is_whole_area(f["value"], areas)
                  for s in f["services"]]
    if not everywhere:
        return filters
    out = []
    for item in filters:
        if item["kind"] == "area" and not is_whole_area(item["value"], areas):
            ids = {s["id"] for s in item["services"]}
            listed = item["services"] + [s for s in everywhere if s["id"] not in ids]
            listed.sort(key=lambda s: s["name"]["en"].lower())
            item = dict(item, services=listed, with_everywhere=True)
        out.append(item)
    return out


def mid_phrase(name: str) -> str:
    """A name as it reads inside a phrase: "Speech, language and communication" ->
    "speech, language and communication". A first word with more than one capital letter
    (an acronym: "ADHD", "BSL") is kept as it is."""
    first = name.split(" ", 1)[0]
    if not name or sum(ch.isupper() for ch in first) > 1:
        return name
    return name[0].lower() + name[1:]


def _yaml_text(text: str) -> str:
    """A one-line YAML string (JSON strings are valid YAML)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


def front_matter(title: str, description: str, reviewed, due, owner: str, **extra) -> str:
    lines = ["---", f"title: {_yaml_text(title)}", f"description: {_yaml_text(description)}",
             f"last_reviewed: {reviewed.isoformat()}", f"review_due: {due.isoformat()}",
             f"owner: {_yaml_text(owner)}"]
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def href(address: str, scheme: str = "") -> str:
    """A checked address (services.valid_web_address, valid_email) as a Markdown link target:
    anything that could end the link or its attribute is percent-encoded, a second wall
    behind the check (issue 14)."""
    return scheme + quote(str(address), safe=":/?#@!$&*+,;=%-._~")


def tel_href(phone: str) -> str:
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("0"):
        digits = "+44" + digits[1:]
    return "tel:" + digits


def contact_card(contact: dict, lang: str) -> str:
    """A contact card block for ``contact`` ({name, title {en, cy}, phone, email})."""
    lines = [f"**{escape(services_module.text_in(contact['name'], lang))}**"]
    title = contact.get("title")
    if title and " ".join(title[lang].split()).casefold() != " ".join(
            services_module.text_in(contact["name"], lang).split()).casefold():
        lines.append(escape(title[lang]))
    if contact.get("phone"):
        lines.append(f"{t('data.contact.phone', lang)} [{escape(contact['phone'])}]({tel_href(contact['phone'])})")
    if contact.get("email"):
        lines.append(f"{t('data.contact.email', lang)} [{escape(contact['email'])}]({href(contact['email'], 'mailto:')})")
    body = "  \n".join(lines)
    return f'<div class="lok-contact-card" markdown>\n\n{body}\n\n</div>\n'


def _council(settings, lang: str) -> str:
    return settings.council["name"].get(lang) or settings.council["name"]["en"]


def _first_sentence(text: str) -> str:
    text = " ".join(str(text).split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def _newest(services: list[dict]):
    reviewed = max(s["assured_date"] for s in services)
    due = min(s["review_due"] for s in services)
    if due <= reviewed:
        due = reviewed.replace(year=reviewed.year + 1) if not (reviewed.month == 2 and reviewed.day == 29) \
            else reviewed.replace(year=reviewed.year + 1, day=28)
    return reviewed, due


def service_page(service: dict, lang: str) -> str:
    name = service["name"][lang]
    out = [front_matter(name, _first_sentence(service["description"][lang]), service["assured_date"],
                        service["review_due"], service["organisation"][lang]),
           f"# {escape(name)}\n"]
    if service["status"] != "active":
        out.append(f"**{t('data.services.status.' + service['status'], lang)}**\n")
    out.append(freshness.stale_notice(service, dt.date.today(), lang))  # not checked for a year
    out.append(escape(service["description"][lang]) + "\n")
    run_by = escape(service["organisation"][lang])
    if service["organisation"].get("url"):
        run_by = f"[{run_by}]({href(service['organisation']['url'])})"
    out.append(f"{t('data.services.run_by', lang)} {run_by}\n")
    # who it is for
    names = services_module.need_names()
    out.append(f"## {t('data.services.who', lang)}\n")
    out.append(escape(service["eligibility"][lang]) + "\n")
    need_links = ", ".join(f"[{escape(names[n][lang])}](need-{n}.md)" for n in service["needs"])
    area = service["area"]
    out.append(
        f"- {t('data.services.ages', lang, min=service['minimum_age'], max=service['maximum_age'])}\n"
        f"- {t('data.services.needs', lang)} {need_links}\n"
        f"- {t('data.services.area', lang)} [{escape(area[lang])}](area-{area['id']}.md)\n"
    )
    out.append(f"## {t('data.services.cost', lang)}\n")
    cost = escape(service["cost"][lang])
    out.append((f"{cost} [{t('data.services.free_page', lang)}](free.md)" if service["cost"]["free"] else cost) + "\n")
    out.append(f"## {t('data.services.how_to_access', lang)}\n")
    out.append(escape(service["how_to_access"][lang]) + "\n")
    if service.get("url"):
        out.append(f"{t('data.services.website', lang)}: [{escape(service['url'])}]({href(service['url'])})\n")
    if service.get("schedules"):
        out.append(f"## {t('data.services.when', lang)}\n")
        out.append(escape(service["schedules"][lang]) + "\n")
    if service.get("locations"):
        out.append(f"## {t('data.services.where', lang)}\n")
        for location in service["locations"]:
            out.append(f"{escape(location['address'][lang])}, {escape(location['postcode'])}\n")
            if location.get("accessibility"):
                out.append(escape(location["accessibility"][lang]) + "\n")
    contacts = list(service.get("contacts") or [])
    if service.get("email") and not any(c.get("email") == service["email"] for c in contacts):
        contacts.append({"name": service["name"], "email": service["email"]})
    if contacts:
        out.append(f"## {t('data.services.contact', lang)}\n")
        out.extend(contact_card(contact, lang) for contact in contacts)
    languages = service.get("languages") or []
    if languages:
        out.append(f"## {t('data.services.languages', lang)}\n")
        names_ = [services_module.LANGUAGE_NAMES.get(code, {}).get(lang, code) for code in languages]
        out.append(f"{t('data.services.languages_intro', lang)} {', '.join(names_)}.\n")
    out.append(freshness.checked_line(service, lang) + "\n")
    out.append(f"[{t('data.services.back', lang)}](index.md)\n")
    return "\n".join(out)


def _summary_item(service: dict, lang: str, here: str = f"{FOLDER}/index.md", areas: dict | None = None) -> str:
    """One service in a list: its name (a link) and first sentence, in a filterable block.
    ``here`` is the source path of the list's page (links are relative to it)."""
    data = {
        "data-min-age": service["minimum_age"],
        "data-max-age": service["maximum_age"],
        "data-needs": " ".join(service["needs"]),
        "data-area": service["area"]["id"],
        "data-free": "true" if service["cost"]["free"] else "false",
    }
    if is_whole_area(service["area"]["id"], areas or {}):
        data["data-area-all"] = "true"
    attrs = " ".join(f'{key}="{attribute(value)}"' for key, value in data.items())
    link = pagination.relative(f"{FOLDER}/{service['id']}.md", here)
    return (
        f'<div class="lok-service" {attrs} markdown>\n\n'
        f"### [{escape(service['name'][lang])}]({link})\n\n"
        f"{escape(pagination.short(_first_sentence(service['description'][lang])))}\n\n"
        f"{t('data.services.ages', lang, min=service['minimum_age'], max=service['maximum_age'])}. "
        f"{escape(pagination.short(service['cost'][lang]))}\n\n"
        "</div>\n"
    )


def _filter_title(item: dict, lang: str, areas: dict | None = None) -> str:
    if item["kind"] == "age":
        return t("data.services.age_page", lang, band=item["names"][lang])
    if item["kind"] == "need":
        return t("data.services.need_page", lang, name=mid_phrase(item["names"][lang]))
    if item["kind"] == "area":
        area = (areas or {}).get(item["value"])
        if area:
            return t("data.services.area_page", lang, in_area=area["in"][lang])
        return t("data.services.area_page_plain", lang, name=item["names"][lang])
    return t("data.services.free_page", lang)


def _filter_links(filters: list[dict], lang: str, areas: dict | None = None) -> str:
    out = [f"## {t('data.services.find', lang)} {{: #lok-find }}\n"]
    for kind, label in (("age", "by_age"), ("need", "by_need"), ("area", "by_area"), ("cost", "by_cost")):
        items = [f for f in filters if f["kind"] == kind]
        if not items:
            continue
        out.append(f"### {t('data.services.' + label, lang)}\n")
        out.append("\n".join(
            f"- [{escape(_filter_title(f, lang, areas))}]({f['slug']}.md) ({tn('data.services.count', lang, len(f['services']))})"
            for f in items) + "\n")
    return "\n".join(out)


def _js_strings(filters: list[dict], lang: str, areas: dict | None = None, total: int = 0) -> str:
    """The labels the optional script needs, as a data- attribute (JSON). ``shown`` is the
    whole status message for each number of services from 0 to ``total`` (so the script
    needs no plural rules of its own)."""
    options = {kind: [{"value": f["slug"], "label": _filter_title(f, lang, areas)} for f in filters
                      if f["kind"] == kind]
               for kind in ("age", "need", "area")}
    strings = {
        "label": t("data.services.filter_label", lang),
        "any": t("data.services.filter_any", lang),
        "free": t("data.services.filter_free", lang),
        "shown": [tn("data.services.filter_shown", lang, count) for count in range(total + 1)],
        "age": t("data.services.by_age", lang), "need": t("data.services.by_need", lang),
        "area": t("data.services.by_area", lang),
        "options": options,
    }
    return attribute(json.dumps(strings, ensure_ascii=False))


def _list_pages(first: str, services: list[dict]) -> tuple[list[str], list[list[dict]]]:
    """The pages of a list of services: their source paths and the services on each."""
    count = pagination.page_count([len(services)], pagination.SERVICES_PER_PAGE)
    return pagination.page_paths(first, count), pagination.split(services, count, pagination.SERVICES_PER_PAGE)


def _list_block(total: int, chunk: list[dict], first: int, paths: list[str], number: int, lang: str,
                js: str = "", areas: dict | None = None) -> list[str]:
    """One page of a list of ``total`` services: "Showing services 21 to 40 of 95" (``first``
    is 21), the services, the page links. ``js`` (the filter script's labels) is used only
    when the whole list is on this page: the script filters the services on the page."""
    here = paths[number - 1]
    out = []
    status = pagination.showing("services", lang, number, len(paths), first, len(chunk), total)
    if status:
        out.append(status + "\n")
    data = f' data-lok-services="{js}"' if js and len(paths) == 1 else ""
    # each service has its own page in the search index: the lists stay out of it
    out.append(f'<div class="lok-service-list" data-pagefind-ignore="all"{data} markdown>\n')
    out.extend(_summary_item(s, lang, here, areas) for s in chunk)
    out.append("</div>\n")
    links = pagination.nav(paths, number, lang)
    if links:
        out.append(links)
    return out


def index_pages(settings, services: list[dict], filters: list[dict], lang: str,
                areas: dict | None = None) -> dict[str, str]:
    """The directory: its first page (``services/index.md``) has the ways to find a service
    and the first services; long directories go on in ``services/page-2.md`` and so on."""
    council = _council(settings, lang)
    title = t("data.services.title", lang)
    description = t("data.services.description", lang, council=council)
    reviewed, due = _newest(services)
    base = settings.site_url or ""
    href = base + ("services.json" if lang == settings.default_language else f"{lang}/services.json")
    paths, chunks = _list_pages(f"{FOLDER}/index.md", services)
    js = _js_strings(filters, lang, areas, len(services)) if len(paths) == 1 else ""
    pages = {}
    first = 1
    for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
        page_title = pagination.numbered_title(title, number, len(paths), lang)
        extra = {} if number == 1 else {"search_exclude": True}
        out = [front_matter(page_title, description, reviewed, due, t("data.services.owner", lang), **extra),
               f"# {page_title}\n"]
        if number == 1:
            out += [t("data.services.intro", lang) + "\n", _filter_links(filters, lang, areas)]
        else:
            find = pagination.relative(f"{FOLDER}/index.md", path) + "#lok-find"
            out.append(f"[{t('pages.services_find', lang)}]({find})\n")
        out.append(f"## {t('data.services.all', lang)}\n")
        out += _list_block(len(services), chunk, first, paths, number, lang, js, areas)
        out.append(t("data.services.data", lang, href=href) + "\n")
        pages[path] = "\n".join(out)
        first += len(chunk)
    return pages


def index_page(settings, services: list[dict], filters: list[dict], lang: str) -> str:
    """The directory's first page (see ``index_pages``)."""
    return index_pages(settings, services, filters, lang)[f"{FOLDER}/index.md"]


def filter_pages(settings, item: dict, lang: str, areas: dict | None = None) -> dict[str, str]:
    """A filter page (``services/age-0-5.md``) and, for a long list, the pages after it
    (``services/age-0-5/page-2.md`` ...). They are lists of the services' own pages, so
    they stay out of the search index (``search_exclude``): a search finds the service."""
    title = _filter_title(item, lang, areas)
    council = _council(settings, lang)
    reviewed, due = _newest(item["services"])
    paths, chunks = _list_pages(f"{FOLDER}/{item['slug']}.md", item["services"])
    pages = {}
    first = 1
    for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
        page_title = pagination.numbered_title(title, number, len(paths), lang)
        out = [front_matter(page_title, t("data.services.filter_description", lang, title=title, council=council),
                            reviewed, due, t("data.services.owner", lang), search_exclude=True),
               f"# {escape(page_title)}\n"]
        if number == 1 and item.get("with_everywhere"):
            out.append(t("data.services.area_everywhere", lang) + "\n")
        out += _list_block(len(item["services"]), chunk, first, paths, number, lang, areas=areas)
        out.append(f"[{t('data.services.back', lang)}]({pagination.relative(f'{FOLDER}/index.md', path)})\n")
        pages[path] = "\n".join(out)
        first += len(chunk)
    return pages


def filter_page(settings, item: dict, lang: str) -> str:
    """A filter page's first page (see ``filter_pages``)."""
    return filter_pages(settings, item, lang)[f"{FOLDER}/{item['slug']}.md"]


def make_pages(settings, lang: str, directory) -> dict[str, str]:
    services = [s for s in directory.services if s["status"] != "defunct"]
    if not services:
        return {}
    areas = load_areas(settings.root)
    filters = with_whole_area(services_module.filters(services), areas)
    pages = index_pages(settings, services, filters, lang, areas)
    for service in services:
        pages[f"{FOLDER}/{service['id']}.md"] = service_page(service, lang)
    for item in filters:
        pages.update(filter_pages(settings, item, lang, areas))
    return pages


@page_maker("services")
def services_pages(settings, lang: str) -> dict[str, str]:
    """The directory, a page per service and the filter pages, for ``lang``."""
    directory = services_module.load_all(settings.root)
    return make_pages(settings, lang, directory)
