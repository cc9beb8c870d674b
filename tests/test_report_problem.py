""""Report a problem with this page" (issue 18 item 2): a plain link on every page and service
page, in both languages, to the council's feedback form (with the page's title and address
when the form reads them), else the GitHub issue form, else an email; every value URL-encoded.
The issue form is valid GitHub issue-form syntax with the usual choices."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from localoffer import editing
from localoffer import settings as settings_module
from localoffer.errors import UserError
from sitekit import ROOT, build, html_pages, make_project

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import example_project  # noqa: E402  (a copy of the example site, paths made absolute)

LINK = re.compile(r'<p class="lok-report" lang="([a-z]+)" data-pagefind-ignore="all">\s*'
                  r'<a class="lok-report__link" href="([^"]*)"[^>]*>([^<]*)</a>')
TEXT = {"en": "Report a problem with this page", "cy": "Rhoi gwybod am broblem gyda'r dudalen hon"}


def page_facts(text: str, site_names: tuple[str, ...]) -> dict:
    """What the page itself says its title, address and language are."""
    title = html.unescape(re.search(r"<title>([^<]*)</title>", text).group(1))
    for name in site_names:
        title = title.removesuffix(f" - {name}")
    return {
        "title": title,
        "url": html.unescape(re.search(r'<link rel="canonical" href="([^"]*)"', text).group(1)),
        "lang": re.search(r'<html[^>]* lang="([a-z]+)"', text).group(1),
    }


def links(text: str) -> list[tuple[str, str, str]]:
    return [(lang, html.unescape(href), label.strip()) for lang, href, label in LINK.findall(text)]


@pytest.mark.slow
def test_every_page_of_the_example_site_links_to_the_form_with_its_title_and_address(tmp_path):
    project = example_project(tmp_path / "project")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    form = config["extra"]["council"]["feedback_form"]
    assert form["title_param"] and form["page_param"]
    site = tmp_path / "site"
    result = build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-3000:]
    names = ("Glanafon Local Offer", "Cynnig Lleol Glanafon")
    seen = {"en": 0, "cy": 0, "services": 0}
    for page in html_pages(site):
        if page.name == "404.html":
            continue
        text = page.read_text(encoding="utf-8")
        facts = page_facts(text, names)
        found = links(text)
        assert len(found) == 1, page
        lang, href, label = found[0]
        assert lang == facts["lang"] and label == TEXT[lang], page
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == form["url"]
        query = parse_qs(parts.query, strict_parsing=True)
        assert query == {form["title_param"]: [facts["title"]], form["page_param"]: [facts["url"]]}, page
        assert " " not in href and '"' not in href
        seen[lang] += 1
        seen["services"] += "/services/" in facts["url"]
    assert seen["en"] > 20 and seen["cy"] > 20 and seen["services"] > 10


TRICKY = 'Help & "support" for 100% of #families? Yes/No + ŵyr'


def test_without_a_form_it_opens_the_github_issue_form_filled_in_and_encoded(tmp_path):
    pages = {
        "index.md": "---\ntitle: Home\n---\n# Home\n\nHello.\n",
        "index.cy.md": "---\ntitle: Hafan\n---\n# Hafan\n\nHelo.\n",
        "help.md": f"---\ntitle: '{TRICKY}'\n---\n# Help\n\nText.\n",
        "help.cy.md": "---\ntitle: 'Cymorth & \"help\" #1'\n---\n# Cymorth\n\nTestun.\n",
    }
    config = make_project(tmp_path, pages, council={
        "repository": {"url": "https://github.com/glanafon/local-offer", "host": "github"},
        "contact": {"email": "aln@glanafon.example"},
    })
    site = tmp_path / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr[-3000:]
    for path, lang, title, prefix in (
        (site / "help" / "index.html", "en", TRICKY, "Problem with the page: "),
        (site / "cy" / "help" / "index.html", "cy", 'Cymorth & "help" #1', "Problem gyda'r dudalen: "),
    ):
        text = path.read_text(encoding="utf-8")
        [(link_lang, href, label)] = links(text)
        assert link_lang == lang and label == TEXT[lang]
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/glanafon/local-offer/issues/new")
        # every value is percent-encoded: nothing in the query is left for the browser to guess
        assert all(re.fullmatch(r"[A-Za-z0-9._~%-]+=[A-Za-z0-9._~%-]*", pair) for pair in parts.query.split("&"))
        query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
        canonical = page_facts(text, ("Test Local Offer", "Cynnig Lleol Prawf"))["url"]
        assert query == {"template": "report-a-problem.yml", "title": prefix + title, "page": canonical,
                         "page-title": title}
        hint = "You need a free GitHub account" if lang == "en" else "Mae angen cyfrif GitHub am ddim"
        assert hint in text


def test_the_choice_of_form_github_or_email():
    council = {"feedback_form": "https://council.example/form?src=lo",
               "repository": {"url": "https://github.com/o/r"}, "contact": {"email": "a@council.example"}}
    assert editing.report_problem_link(council, "T", "https://s/p/", "en") == {
        "url": "https://council.example/form?src=lo", "kind": "form"}  # the form's own parameters stay
    council["feedback_form"] = {"url": "https://council.example/form?src=lo", "page_param": "ref"}
    assert editing.report_problem_link(council, "T", "https://s/p/?a=1&b=2", "en")["url"] == \
        "https://council.example/form?src=lo&ref=https%3A%2F%2Fs%2Fp%2F%3Fa%3D1%26b%3D2"
    del council["feedback_form"]
    assert editing.report_problem_link(council, "T", "u", "cy")["kind"] == "github"
    council["repository"] = {"url": "https://gitlab.com/o/r"}  # GitLab has no issue forms: email
    found = editing.report_problem_link(council, "Ysgolion & mwy", "https://s/cy/", "cy")
    assert found["kind"] == "email"
    assert found["url"] == ("mailto:a@council.example?subject=Problem%20gyda%27r%20dudalen%3A%20Ysgolion"
                            "%20%26%20mwy&body=https%3A%2F%2Fs%2Fcy%2F")
    assert unquote(found["url"].split("subject=")[1].split("&")[0]) == "Problem gyda'r dudalen: Ysgolion & mwy"
    assert editing.report_problem_link({}, "T", "u", "en") is None
    assert editing.report_problem_link({"feedback_form": "javascript:alert(1)"}, "T", "u", "en") is None


@pytest.mark.parametrize("form, key", [
    ("http://council.example/form", "feedback_form"),
    ("javascript:alert(1)", "feedback_form"),
    ({"url": "https://council.example/form", "title_param": "a b"}, "feedback_form"),
    ({"url": "https://council.example/form", "page_parm": "x"}, "page_parm"),
])
def test_a_wrong_feedback_form_setting_names_the_line(tmp_path, form, key):
    config = make_project(tmp_path, {"index.md": "# Home\n"}, council={"feedback_form": form})
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:"))
    with pytest.raises(UserError) as caught:
        settings_module.load(config)
    assert caught.value.where == f"{config.resolve()}:{line}"


# --- the GitHub issue form ---------------------------------------------------------------------

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "report-a-problem.yml"
TOP_KEYS = {"name", "description", "body", "title", "labels", "assignees", "projects", "type"}
ELEMENTS = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
CHOICES = ("out of date", "service has closed", "contact details are wrong", "hard to understand",
           "accessibility problem", "something else")


def test_the_issue_form_is_valid_github_issue_form_syntax():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert set(form) <= TOP_KEYS and {"name", "description", "body"} <= set(form)
    assert all(isinstance(form[k], str) and form[k].strip() for k in ("name", "description", "title"))
    assert isinstance(form["labels"], list) and all(isinstance(l, str) for l in form["labels"])
    body = form["body"]
    assert isinstance(body, list) and body
    assert any(element["type"] != "markdown" for element in body)
    ids, labels = [], []
    for element in body:
        assert set(element) <= {"type", "id", "attributes", "validations"}, element
        assert element["type"] in ELEMENTS
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert isinstance(attributes["value"], str) and "id" not in element
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        ids.append(element["id"])
        labels.append(attributes["label"])
        assert isinstance(attributes["label"], str) and attributes["label"].strip()
        if "validations" in element:
            assert set(element["validations"]) == {"required"}
            assert isinstance(element["validations"]["required"], bool)
        if element["type"] == "dropdown":
            options = attributes["options"]
            assert options and len(set(options)) == len(options)
            assert all(isinstance(o, str) and o.strip() and o.strip().lower() != "none" for o in options)
        if element["type"] == "checkboxes":
            assert all(set(o) <= {"label", "required"} and o["label"].strip() for o in attributes["options"])
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)


def test_the_issue_form_has_the_usual_choices_the_linked_fields_and_asks_for_no_personal_data():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    by_id = {element.get("id"): element for element in form["body"]}
    options = [o.lower() for o in by_id["problem"]["attributes"]["options"]]
    assert len(options) == len(CHOICES) and all(choice in option for choice, option in zip(CHOICES, options))
    assert all(" / " in o for o in by_id["problem"]["attributes"]["options"])  # English / Welsh
    # the link fills in these fields by their ids
    assert by_id[editing.ISSUE_FORM_PAGE_FIELD]["type"] == "input"
    assert by_id[editing.ISSUE_FORM_TITLE_FIELD]["type"] == "input"
    assert FORM.name == editing.ISSUE_FORM
    # only what the report needs: no name, email, phone, date of birth or address fields
    for element in form["body"]:
        label = str(element.get("attributes", {}).get("label", "")).lower()
        assert not any(word in label for word in ("name", "email", "phone", "birth", "your address"))
    intro = form["body"][0]["attributes"]["value"]
    assert "personal details about a child" in intro and "manylion personol am blentyn" in intro
    assert "public" in intro and "gyhoeddus" in intro
