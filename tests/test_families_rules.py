"""Issue 16: the parts behind the pages families see, tested on their own.

* ``meta/contact-consistency`` on the example's pages and service files as they were before
  issue 16 (tests/fixtures/families/contacts/: the Early Years ALN Team, the Transition Team
  and speech and language therapy each had two numbers), and on the example as it is now;
* Welsh and English number agreement (CLDR plural categories, whole messages);
* the area phrases (data/areas.yml), the services' filter pages with the whole-county services;
* ``meta/host-address`` and the path the 404 page uses;
* the accessibility statement's record of testing by hand;
* the glossary on a Welsh and on an English council's site.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from localoffer import datafile, messages, site, source
from localoffer.errors import UserError
from localoffer.generate import a11y_statement, glossary as glossary_page, services as services_pages
from localoffer.rules.meta import contact_consistency as cc
from localoffer.rules.meta import host_address

ROOT = Path(__file__).resolve().parent.parent
BEFORE = ROOT / "tests" / "fixtures" / "families" / "contacts"


def contacts_of(root: Path) -> list[tuple]:
    found = []
    for path in sorted((root / "docs").rglob("*.md")):
        found += cc.page_contacts(source.read_page(path, display=path.relative_to(root).as_posix()))
    for path in sorted((root / "data" / "services").glob("*.yml")):
        data, broken = datafile.load_file(path)
        assert broken is None
        found += cc.service_contacts(f"data/services/{path.name}", data)
    return found


# --- meta/contact-consistency ---------------------------------------------------------------------

def test_contact_disagreements_before_issue_16_are_warnings_naming_both_places():
    findings = cc.findings_for(contacts_of(BEFORE))
    places = {(f.file, f.line, f.lang) for f in findings}
    assert all(f.severity == "warning" and f.rule == "meta/contact-consistency" for f in findings)
    # Early Years ALN Team: contact page and topic page 960 145, service file 960 220
    assert ("docs/contact.md", 40, "en") in places and ("docs/early-years.md", 50, "en") in places
    assert ("data/services/early-years-aln-team.yml", 26, "en") in places
    assert ("data/services/early-years-aln-team.yml", 26, "cy") in places and ("docs/contact.cy.md", 50, "cy") in places
    early = next(f for f in findings if f.file == "docs/early-years.md" and "phone" in f.message)
    assert "01632 960 145" in early.message and "01632 960 220" in early.message
    assert "data/services/early-years-aln-team.yml:26" in early.message
    welsh = next(f for f in findings if f.file == "docs/contact.cy.md" and f.line == 50)
    assert "Tîm ADY Blynyddoedd Cynnar" in welsh.message and "Gallai teulu ffonio'r rhif anghywir" in welsh.message
    # the Transition Team (contact page, preparing for adulthood) and the post-16 service file
    assert ("docs/contact.md", 44, "en") in places and ("data/services/post-16-transition-team.yml", 26, "en") in places
    # speech and language therapy: the health page's heading names it
    assert ("docs/health.md", 21, "en") in places and ("docs/health.cy.md", 31, "cy") in places
    # the early years email too
    assert any("earlyyears@glanafon.example" in f.message and "early.years@" in f.message for f in findings)
    # sensory support had Children's Services' number: one number for two unrelated teams
    sensory = [f for f in findings if f.file == "data/services/sensory-support-service.yml"]
    assert {f.lang for f in sensory} == {"en", "cy"}
    english = next(f for f in sensory if f.lang == "en")
    assert "01632 960 250" in english.message and "Children's Services" in english.message
    assert "docs/contact.md:49" in english.message
    assert ("docs/contact.md", 49, "en") in places


def test_example_site_contacts_agree_now():
    assert cc.findings_for(contacts_of(ROOT)) == []


def test_names_are_found_in_lists_sentences_and_contact_headings():
    page = source.parse(
        "# Help\n\n- Early Years ALN Team: 01632 960 145\n\n"
        "If you are worried, call Children's Services on 01632 960 250.\n\n"
        "## Contact the Transition Team\n\nPhone 01632 960 195 or email [t@x.example](mailto:t@x.example).\n\n"
        "## Early years ALN team\n\nPhone 01632 960 146.\n",
        "docs/page.md")
    found = {(c[1], c[4]) for c in cc.page_contacts(page)}
    assert ("early years aln team", "01632960145") in found
    assert ("children's services", "01632960250") in found
    assert ("transition team", "01632960195") in found and ("transition team", "t@x.example") in found
    warned = cc.findings_for(cc.page_contacts(page))
    assert {(f.line, f.lang) for f in warned} == {(3, "en"), (13, "en")}


def test_teams_that_share_a_word_may_share_a_number():
    page = source.parse("# Help\n\n- ALN team: 01632 960 123\n- ALN advice line: 01632 960 123\n\n"
                        "## How to contact us\n\nPhone 01632 960 123.\n", "docs/page.md")
    other = source.parse("# Other\n\n- Emergency Duty Team: 01632 960 123\n", "docs/other.md")
    assert cc.findings_for(cc.page_contacts(page)) == []
    warned = cc.findings_for(cc.page_contacts(page) + cc.page_contacts(other))
    assert {(f.file, f.line) for f in warned} >= {("docs/other.md", 3)}
    assert all("A family could phone the wrong team" in f.message for f in warned)


def test_a_teams_duty_number_on_each_of_its_services_is_not_two_teams():
    """One team runs many services, each file with the team's duty officer and number. The
    contact's name is all common words ("Advice Team duty officer"), but it is the same name in
    every file: one team, not two (found on the 2,500-service benchmark site)."""
    import yaml

    def service(sid, name, contact):
        data = {"id": sid, "name": {"en": name, "cy": name},
                "contacts": [{"name": {"en": contact, "cy": contact}, "phone": "01632 960 605"}]}
        return cc.service_contacts(f"data/services/{sid}.yml", yaml.safe_load(yaml.safe_dump(data)))

    same_team = (service("appeals-aberdyfnant", "Appeals to the Tribunal in Aberdyfnant", "Advice Team duty officer")
                 + service("help-with-forms-llanfair", "Help with forms in Llanfair", "Advice Team duty officer"))
    assert cc.findings_for(same_team) == []
    # a different team's contact on the same number is still a warning
    other_team = service("speech-therapy-tregarth", "Speech therapy in Tregarth", "Sensory support office")
    warned = cc.findings_for(same_team + other_team)
    assert warned and {f.rule for f in warned} == {"meta/contact-consistency"}


def test_a_phone_label_or_a_heading_alone_is_not_a_team():
    page = source.parse("# Contact us\n\n- Phone: 01632 960 123\n\n## Opening times\n\nCall 01632 960 124.\n"
                        "\n## Opening times\n\nCall 01632 960 125.\n", "docs/page.md")
    # "Phone" is a label; "Opening times" is a heading that names no contact and nothing else
    # gives it a number in a stronger way, so two numbers under it are not a disagreement
    assert cc.findings_for(cc.page_contacts(page)) == []


# --- number agreement -------------------------------------------------------------------------------

@pytest.mark.parametrize("count, english, welsh", [
    (0, "No services match. Choose \"Any\" in one of the boxes to see more.",
     "Does dim gwasanaethau'n cyfateb. Dewiswch \"Unrhyw un\" yn un o'r blychau i weld mwy."),
    (1, "Showing 1 service", "Yn dangos 1 gwasanaeth"),
    (2, "Showing 2 services", "Yn dangos 2 wasanaeth"),
    (3, "Showing 3 services", "Yn dangos 3 gwasanaeth"),
    (6, "Showing 6 services", "Yn dangos 6 gwasanaeth"),
    (11, "Showing 11 services", "Yn dangos 11 gwasanaeth"),
])
def test_filter_status_agrees_with_the_number(count, english, welsh):
    assert messages.tn("data.services.filter_shown", "en", count) == english
    assert messages.tn("data.services.filter_shown", "cy", count) == welsh


def test_welsh_plural_categories_follow_cldr():
    assert [messages.plural_category("cy", n) for n in (0, 1, 2, 3, 4, 5, 6, 7, 10, 20)] == [
        "zero", "one", "two", "few", "other", "other", "many", "other", "other", "other"]
    assert [messages.plural_category("en", n) for n in (0, 1, 2)] == ["other", "one", "other"]
    # feminine "tudalen" (dwy dudalen, chwe thudalen) and masculine "canlyniad" (tri chanlyniad)
    assert [messages.tn("pages.count", "cy", n) for n in (1, 2, 3, 6, 7)] == [
        "1 dudalen", "2 dudalen", "3 tudalen", "6 thudalen", "7 tudalen"]
    assert messages.tn("pages.count", "en", 1) == "1 page"
    assert messages.tn("pages.search_results", "cy", 3) == "3 chanlyniad"
    assert messages.tn("data.services.count", "en", 1) == "1 service"


# --- areas -----------------------------------------------------------------------------------------

def test_area_phrases_come_whole_from_data_and_unknown_areas_need_no_mutation(tmp_path):
    areas = services_pages.load_areas(ROOT)
    north = {"kind": "area", "value": "north", "names": {"en": "North Glanafon", "cy": "Gogledd Glanafon"}}
    assert services_pages._filter_title(north, "cy", areas) == "Gwasanaethau yng Ngogledd Glanafon"
    assert services_pages._filter_title(north, "en", areas) == "Services in North Glanafon"
    east = {"kind": "area", "value": "east", "names": {"en": "East Glanafon", "cy": "Dwyrain Glanafon"}}
    assert services_pages._filter_title(east, "cy", areas) == "Gwasanaethau yn ardal Dwyrain Glanafon"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "areas.yml").write_text("areas:\n  - id: north\n    in: {en: in the north}\n", "utf-8")
    with pytest.raises(UserError) as error:
        services_pages.load_areas(tmp_path)
    assert error.value.where == "data/areas.yml:2" and "Expected" in error.value.what


def test_each_area_lists_the_services_for_the_whole_county():
    def service(sid, area):
        return {"id": sid, "name": {"en": sid}, "area": {"id": area}}

    whole, north, south = service("advice", "county-wide"), service("club", "north"), service("gym", "south")
    filters = [{"kind": "area", "value": "county-wide", "services": [whole]},
               {"kind": "area", "value": "north", "services": [north]},
               {"kind": "area", "value": "south", "services": [south]}]
    out = services_pages.with_whole_area(filters, {})  # no areas.yml: "county-wide" is the whole county
    assert [[s["id"] for s in f["services"]] for f in out] == [["advice"], ["advice", "club"], ["advice", "gym"]]


def test_names_inside_a_phrase_lose_their_capital_but_not_an_acronym():
    assert services_pages.mid_phrase("Speech, language and communication") == "speech, language and communication"
    assert services_pages.mid_phrase("ADHD and autism") == "ADHD and autism"


# --- host address and 404 ---------------------------------------------------------------------------

def test_host_address_mismatch_is_a_warning_on_the_site_url_line():
    env = {"NETLIFY": "true", "CONTEXT": "production", "URL": "https://glanafon.netlify.app"}
    config = "site_name: X\nsite_url: https://www.glanafon.example/local-offer/\n"
    found = host_address.findings("https://www.glanafon.example/local-offer/", env, "mkdocs.yml", config, "cy")
    assert [(f.file, f.line, f.severity, f.lang) for f in found] == [("mkdocs.yml", 2, "warning", "cy")]
    assert "https://glanafon.netlify.app/" in found[0].message and "(URL)" in found[0].message
    assert site.served_path("https://www.glanafon.example/local-offer/", env) == "/"
    # a preview has its own host name: only the path is compared
    preview = {"NETLIFY": "true", "CONTEXT": "deploy-preview", "DEPLOY_PRIME_URL": "https://deploy-preview-4--x.netlify.app"}
    assert site.host_mismatch("https://www.glanafon.example/", preview) is None
    assert site.host_mismatch("https://www.glanafon.example/local-offer/", preview)["variable"] == "DEPLOY_PRIME_URL"
    assert site.host_mismatch("https://www.glanafon.example/local-offer/",
                              {"LOCALOFFER_HOST_URL": "https://www.glanafon.example/local-offer/"}) is None
    assert site.served_path("https://www.glanafon.example/local-offer/", {}) == "/local-offer/"


# --- accessibility statement -------------------------------------------------------------------------

def test_statement_lists_testing_by_hand_only_when_the_council_records_it():
    none = a11y_statement.testing_markdown({}, "en")
    assert "We have not yet recorded any testing of this website by hand" in none
    council = {"accessibility": {"manual_tests": [
        {"date": dt.date(2027, 1, 20), "en": "Two parents <b>tried</b> it.", "cy": "Rhoddodd dau riant gynnig arni."},
        {"date": "not a date", "en": "ignored", "cy": "ignored"}]}}
    welsh = a11y_statement.testing_markdown(council, "cy")
    assert '<time datetime="2027-01-20">20 Ionawr 2027</time>: Rhoddodd dau riant gynnig arni.' in welsh
    english = a11y_statement.testing_markdown(council, "en")
    assert "Two parents &lt;b&gt;tried&lt;/b&gt; it." in english and "ignored" not in english
    assert "not yet recorded" not in english


# --- glossary ------------------------------------------------------------------------------------------

def test_glossary_on_english_and_welsh_councils_sites():
    terms = [{"term": {"en": "SEND", "cy": "SEND"}, "expansion": {"en": "special needs", "cy": "anghenion"},
              "explanation": {"en": "England's term.", "cy": "Term Lloegr."}, "jurisdiction": "england"},
             {"term": {"en": "ALN", "cy": "ADY"}, "expansion": None,
              "explanation": {"en": "Wales' term.", "cy": "Term Cymru."}, "jurisdiction": "wales"}]
    wales = glossary_page.glossary_markdown(terms, "en", "wales")
    assert "**Used in England, not in Wales.**" in wales and '<span lang="cy">ADY</span>' in wales
    england = glossary_page.glossary_markdown(terms, "en", "england", languages=("en",))
    assert "SEND (special needs)" in england and "Used in England" not in england
    assert "ALN" not in england and "lang=" not in england


def test_contact_card_never_shows_the_same_text_as_name_and_job_title():
    same = {"name": {"en": "Short breaks coordinator", "cy": "Cydlynydd seibiannau byr"},
            "title": {"en": "Short breaks  coordinator", "cy": "cydlynydd seibiannau byr"}, "phone": "01632 960 260"}
    for lang, name in (("en", "Short breaks coordinator"), ("cy", "Cydlynydd seibiannau byr")):
        card = services_pages.contact_card(same, lang)
        assert card.count("oordinator") + card.count("ydlynydd") == 1, card
        assert "tel:+441632960260" in card
    other = dict(same, title={"en": "Family support worker", "cy": "Gweithiwr cymorth i deuluoedd"})
    assert "Family support worker" in services_pages.contact_card(other, "en")


def test_the_directory_description_never_puts_yn_before_the_councils_name():
    text = messages.t("data.services.description", "cy", council="Cyngor Sir Glanafon")
    assert "yn Cyngor" not in text and "Cynnig Lleol Cyngor Sir Glanafon" in text
