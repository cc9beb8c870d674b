"""Every string an editor controls is text, never markup (issue 14, item 3).

Classic payloads (``</title><script>``, ``"><svg onload>``, ``javascript:`` links,
``](javascript:...)``, ``<img onerror>``, comment and CDATA tricks, line breaks that start new
Markdown) go into every front-matter key, every field of every data file (services, glossary,
"You said, we did") and the council's settings. The site is built with ``localoffer build
--no-a11y`` and with a plain ``mkdocs build``, and every built page is read with an HTML
parser: no element or attribute may come from a payload. Each payload carries a marker
(``XSS`` and a number) so anything live that came from one is found.

Also here: the checks on web addresses and email addresses (and why a real address parser),
the keys that change how a page is built, the Content-Security-Policy ``<meta>`` first in
``<head>`` on every page, and titles with ``&`` and ``'`` escaped exactly once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitekit import FIXTURE_IGNORES, ROOT, command_env, make_project

PYTHON = sys.executable

# Classic payloads, one marker each. Written for this test from the patterns of the OWASP XSS
# filter evasion cheat sheet and payloadbox/xss-payload-list (the classes, not their text).
PAYLOADS = [
    "</title><script src=//XSS1.example/x.js></script>",
    "\"><svg onload=alert('XSS2')>",
    "'><img src=x onerror=alert('XSS3')>",
    "javascript:alert('XSS4')",
    "[click me](javascript:alert('XSS5'))",
    "<a href=\"javascript:alert('XSS6')\">help</a>",
    "<!--><script>alert('XSS7')</script>-->",
    "{: onclick=\"alert('XSS8')\" }",
    "x\n\n<script>alert('XSS9')</script>\n",
    "<![><img src=x onerror=alert('XSS10')>",
    "<iframe srcdoc=\"<script>alert('XSS11')</script>\"></iframe>",
    "*[HELP]: <img src=x onerror=alert('XSS12')>",
    "<details open ontoggle=alert('XSS13')>",
    "</textarea><script>alert('XSS14')</script>",
    "<javascript:alert('XSS15')>",
]
# A payload for a place that must be one line (a title, a name): the same, line breaks kept.
MARK = "XSS"


def _payload(index: int) -> str:
    return PAYLOADS[index % len(PAYLOADS)]


# --- reading a built page -----------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc", "background"}
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "img", "video", "audio", "base", "form",
               "input", "details", "textarea", "style", "link", "frame", "frameset", "xmp", "noscript"}


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: (v or "") for k, v in attrs}))
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def live_markup(html: str) -> list[str]:
    """Each element or attribute in ``html`` that came from a payload: an event handler, a
    ``javascript:`` address, script text, or an active element carrying a marker."""
    found = []
    page = parse(html)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            plain = "".join(value.split()).lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            elif name in URL_ATTRIBUTES and plain.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"<{tag} {name}={value!r}>")
            elif MARK.lower() in name.lower():
                found.append(f"<{tag} {name}>")
            elif tag in ACTIVE_TAGS and MARK in value:
                found.append(f"<{tag} {name}={value!r}>")
            elif tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
                found.append(f"<meta refresh {value!r}>")
    found += [f"<script>{text[:60]!r}" for text in page.script_text if MARK in text]
    return found


def head_order(html: str) -> list[str]:
    """The start tags inside <head>, in order."""
    tags = parse(html).tags
    names = [tag for tag, _ in tags]
    start = names.index("head") + 1
    end = names.index("body") if "body" in names else len(names)
    return [f"{tag}:{'charset' if 'charset' in attrs else attrs.get('http-equiv', attrs.get('name', ''))}"
            for tag, attrs in tags[start:end]]


def policy_order(html: str) -> list[str]:
    """``head_order`` after the character set, which may come first (a browser looks for it
    in the first 1,024 bytes only, and the policy alone is longer than that)."""
    order = head_order(html)
    return order[1:] if order[:1] == ["meta:charset"] else order


def assert_no_live_markup(site: Path) -> int:
    pages = sorted(site.rglob("*.html"))
    assert pages
    problems = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = live_markup(html)
        if found:
            problems[page.relative_to(site).as_posix()] = found
        first = policy_order(html)[0]
        assert first == "meta:Content-Security-Policy", (page, head_order(html)[:3])
        assert html.find("<meta charset") < 1024, page  # the charset still in the first 1,024 bytes
    assert problems == {}
    return len(pages)


# --- a site with payloads everywhere ------------------------------------------------------------

def _front(index: int, lang: str, **extra) -> str:
    data = {
        "title": _payload(index).replace("\n", " ") + f" {lang}",
        "description": _payload(index + 1),
        "last_reviewed": "2026-11-01",
        "review_due": "2027-05-01",
        "owner": _payload(index + 2),
        "co_produced_with": [_payload(index + 3), _payload(index + 4)],
        "subtitle": _payload(index + 5),
        "summary": {"en": _payload(index + 6), "note": [_payload(index + 7)]},
        "author": _payload(index + 8),
        **extra,
    }
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def _pages() -> dict[str, str]:
    pages = {}
    generated = ("glossary", "you-said-we-did", "search", "translation-status", "coverage")
    for number, name in enumerate(["index", "schools", "health", *generated]):
        for lang in ("en", "cy"):
            extra = {"topics": ["schools"]} if name == "schools" else {}
            if name in generated:
                extra["generate"] = name
            suffix = ".cy.md" if lang == "cy" else ".md"
            pages[name + suffix] = _front(number * 3, lang, **extra) + f"# {name.title()}\n\nHelp for families.\n"
    tom = "---\ntitle: Tom & Jerry's\ndescription: Fish & chips' shop\nlast_reviewed: 2026-11-01\n" \
          "review_due: 2027-05-01\nowner: Team\n---\n# Tom\n\nHelp.\n"
    pages["tom.md"] = tom
    pages["tom.cy.md"] = tom.replace("# Tom", "# Twm")
    # a page named with markup: left out of the site, and never live in any list of pages
    pages["<img src=x onerror=alert('XSS50')>.md"] = _front(40, "en") + "# Odd\n\nHelp.\n"
    pages["a\"><svg onload=alert('XSS51')>.md"] = _front(41, "en", topics=["schools"]) + "# Odd\n\nHelp.\n"
    return pages


def _service() -> dict:
    def both(index: int) -> dict:
        return {"en": _payload(index), "cy": _payload(index + 1)}

    return {
        "id": "payload-service",
        "name": {"en": _payload(0).replace("\n", " "), "cy": _payload(1).replace("\n", " ")},
        "description": {"en": _payload(2) + ". Second sentence.", "cy": _payload(3) + ". Ail frawddeg."},
        "organisation": {**both(4), "url": "https://health.example/send"},
        "status": "active",
        "url": "https://www.council.example/send?a=1&b=2",
        "email": "o'brien@council.example",
        "minimum_age": 0,
        "maximum_age": 25,
        "needs": ["autism"],
        "area": {"id": "north", **both(6)},
        "cost": {"free": True, **both(8)},
        "how_to_access": both(10),
        "eligibility": both(12),
        "contacts": [{"name": _payload(13), "title": both(14), "phone": "01632 960 201",
                      "email": "team@council.example"}],
        "locations": [{"address": both(5), "postcode": "GF1 2AB", "accessibility": both(7)}],
        "schedules": both(9),
        "languages": ["en", "cy"],
        "assured_date": "2026-11-01",
    }


def _glossary() -> dict:
    terms = [{"term": {"en": "HELP", "cy": "HELP"},
              "expansion": {"en": _payload(index), "cy": _payload(index + 1)},
              "explanation": {"en": _payload(index + 2), "cy": _payload(index + 3)}, "jurisdiction": "both"}
             for index in (0,)]
    terms += [{"term": {"en": _payload(index).replace("\n", " "), "cy": _payload(index + 1).replace("\n", " ")},
               "expansion": None,
               "explanation": {"en": _payload(index + 2), "cy": _payload(index + 3)}, "jurisdiction": "both"}
              for index in range(1, len(PAYLOADS), 2)]
    return {"terms": terms}


def _you_said_we_did() -> dict:
    return {"entries": [{"date": f"2026-{month:02d}-01",
                         "you_said": {"en": _payload(month), "cy": _payload(month + 1)},
                         "we_did": {"en": _payload(month + 2), "cy": _payload(month + 3)}}
                        for month in range(1, 11)]}


IGNORES = {
    **FIXTURE_IGNORES,
    "meta/front-matter": "The payload pages have unknown keys on purpose.",
    "safety/raw-html": "This test is about what reaches the built site, not the Markdown check.",
    "meta/duplicate-page": "Payload titles repeat on purpose.",
    "i18n/mismatch": "The payloads differ between the languages on purpose.",
    "i18n/outdated-translation": "The fixture site records no translations.",
    "i18n/wrong-language": "Payloads are in no language.",
    "meta/unreadable-input": "Payloads carry a stray <![ on purpose.",
    "privacy/personal-data": "Payloads are not personal data.",
    "meta/glossary-duplicate": "Payload terms repeat.",
    "meta/empty-page": "Not under test here.",
    "meta/file-name": "Two pages are named with markup on purpose: they must be left out, not built.",
}


def payload_project(base: Path) -> Path:
    council = {
        "name": {"en": "Glanafon " + _payload(1).replace("\n", " "), "cy": "Glanafon " + _payload(2).replace("\n", " ")},
        "contact": {"phone": "01632 960 000", "address": _payload(3), "hours": _payload(5)},
        # a javascript: feedback_form is refused with its mkdocs.yml line (test_report_problem.py)
        "feedback_form": "https://council.example/form?from=\"><svg onload=alert('XSS99')>",
        "checks": {"ignore": IGNORES},
    }
    config = make_project(base, _pages(), council=council)
    data = base / "data"
    (data / "services").mkdir(parents=True)
    (data / "services" / "payload-service.yml").write_text(
        yaml.safe_dump(_service(), allow_unicode=True, sort_keys=False), "utf-8")
    (data / "glossary.yml").write_text(yaml.safe_dump(_glossary(), allow_unicode=True), "utf-8")
    (data / "you-said-we-did.yml").write_text(yaml.safe_dump(_you_said_we_did(), allow_unicode=True), "utf-8")
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["theme"]["features"].append("navigation.footer")
    # menu titles in mkdocs.yml are the maintainers', but text too
    settings["nav"] = [{"Home " + _payload(2).replace("\n", " "): "index.md"},
                       {"<b>Section</b> \"><svg onload=alert('XSS60')>": [
                           {"Tom & Jerry's": "tom.md"}, "schools.md", "health.md", "glossary.md", "you-said-we-did.md",
                           "search.md", "translation-status.md", "coverage.md"]}]
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    return config


@pytest.fixture(scope="module")
def built_both_ways(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("payloads")
    payload_project(base)
    result = subprocess.run([PYTHON, "-m", "localoffer", "build", "--no-a11y"], cwd=base, env=command_env(),
                            capture_output=True, text=True, timeout=600, check=False)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 0, output
    plain = tmp_path_factory.mktemp("plain") / "site"
    result = subprocess.run([PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(plain)], cwd=base,
                            env=command_env(), capture_output=True, text=True, timeout=600, check=False)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 0, output
    return {"localoffer": base / "site", "mkdocs": plain}


@pytest.mark.slow
@pytest.mark.parametrize("path", ["localoffer", "mkdocs"])
def test_no_payload_in_any_field_reaches_a_built_page_as_markup(built_both_ways, path):
    site = built_both_ways[path]
    count = assert_no_live_markup(site)
    assert count >= 20  # pages, services pages, glossary, 404s in both languages
    for page in ("services/payload-service/index.html", "cy/services/payload-service/index.html",
                 "glossary/index.html", "you-said-we-did/index.html", "404.html", "cy/404.html",
                 "search/index.html", "translation-status/index.html", "coverage/index.html"):
        assert (site / page).is_file(), page
    assert not [p for p in site.rglob("*") if "XSS" in p.name]  # pages named with markup are left out
    for page in ("translation-status", "search", "coverage"):  # lists of pages: the payload titles as text
        listing = (site / page / "index.html").read_text(encoding="utf-8")
        assert "&lt;img src=x onerror=alert(" in listing, page


@pytest.mark.slow
def test_payloads_show_as_the_text_the_editor_wrote(built_both_ways):
    site = built_both_ways["localoffer"]
    html = (site / "schools" / "index.html").read_text(encoding="utf-8")
    page = parse(html)
    title = _payload(3).replace("\n", " ") + " en"
    # the parser gives text back decoded: what a reader sees is exactly what the editor typed
    assert any(tag == "meta" and attrs.get("name") == "description" and attrs["content"] == _payload(4)
               for tag, attrs in page.tags)
    assert f"<title>{_escaped(title)} - Test Local Offer</title>" in html
    service = (site / "services" / "payload-service" / "index.html").read_text(encoding="utf-8")
    assert _escaped(_payload(0)) in service  # the name, in the heading
    assert 'href="mailto:o%27brien@council.example"' in service
    assert "&lt;b&gt;Section&lt;/b&gt; &#34;&gt;&lt;svg onload=alert(&#39;XSS60&#39;)&gt;" in html  # the menu
    assert 'href="https://www.council.example/send?a=1&amp;b=2"' in service


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


@pytest.mark.slow
def test_titles_with_ampersands_and_apostrophes_are_escaped_once(built_both_ways):
    for path in ("localoffer", "mkdocs"):
        site = built_both_ways[path]
        html = (site / "tom" / "index.html").read_text(encoding="utf-8")
        assert "<title>Tom &amp; Jerry&#39;s - Test Local Offer</title>" in html
        assert 'content="Fish &amp; chips&#39; shop"' in html
        assert "&amp;amp;" not in html and "&amp;#39;" not in html
        before = (site / "index.html").read_text(encoding="utf-8")  # in another page's menu and footer
        assert "Tom &amp; Jerry&#39;s" in before and "&amp;amp;" not in before and "&amp;#39;" not in before


# --- keys that change how a page is built ----------------------------------------------------------

REDIRECT = ("---\ntitle: Old page\ndescription: Moved.\nlast_reviewed: 2026-11-01\nreview_due: 2027-05-01\n"
            "owner: Team\ntemplate: redirect.html\nlocation: {location}\nicon: {icon}\nhide: [navigation]\n"
            "status: new\n---\n# Old page\n\nThis page has moved.\n")


def _redirect_project(base: Path, location: str, allowed: list[str] | None, icon: str = "material/school") -> Path:
    home = REDIRECT.split("template:")[0].replace("Old page", "Home") + "---\n# Home\n\nHelp.\n"
    pages = {"index.md": home, "old.md": REDIRECT.format(location=location, icon=icon)}
    council = {"checks": {"allowed_front_matter": allowed}} if allowed is not None else None
    config = make_project(base, pages, council=council)
    settings = yaml.safe_load(config.read_text("utf-8"))
    del settings["extra"]["council"]["checks"]["ignore"]["meta/front-matter"]  # the check under test
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    return config


def _plain_build(base: Path, strict: bool) -> tuple[subprocess.CompletedProcess, Path]:
    site = base / "out"
    command = [PYTHON, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    result = subprocess.run(command, cwd=base, env=command_env(), capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result, site


@pytest.mark.slow
def test_a_redirect_with_a_javascript_address_never_gives_a_page_without_the_policy(tmp_path):
    # not allowed: the keys are dropped, the page is an ordinary page, the build fails strict
    _redirect_project(tmp_path / "a", "\"javascript:alert('XSS20')\"", None)
    result, site = _plain_build(tmp_path / "a", strict=True)
    assert result.returncode == 1
    assert "meta/front-matter" in result.stderr and '"template"' in result.stderr
    _, site = _plain_build(tmp_path / "a", strict=False)
    html = (site / "old" / "index.html").read_text(encoding="utf-8")
    assert policy_order(html)[0] == "meta:Content-Security-Policy"
    assert live_markup(html) == [] and "md-content" in html
    # allowed, but the address is javascript: -> refused, still an ordinary page
    _redirect_project(tmp_path / "b", "\"javascript:alert('XSS21')\"", ["template", "location"])
    result, site = _plain_build(tmp_path / "b", strict=False)
    html = (site / "old" / "index.html").read_text(encoding="utf-8")
    assert policy_order(html)[0] == "meta:Content-Security-Policy" and live_markup(html) == []
    assert "meta/front-matter" in result.stderr and "location" in result.stderr
    # allowed with a real address: our redirect page, the policy first, no inline script
    _redirect_project(tmp_path / "c", "https://www.council.example/send?a=1&b=2",
                      ["template", "location", "icon", "hide", "status"])
    result, site = _plain_build(tmp_path / "c", strict=True)
    assert result.returncode == 0, result.stderr
    html = (site / "old" / "index.html").read_text(encoding="utf-8")
    order = policy_order(html)
    assert order[0] == "meta:Content-Security-Policy" and "meta:" in order[1]
    assert 'content="0;url=https://www.council.example/send?a=1&amp;b=2"' in html
    assert "<script" not in html


@pytest.mark.slow
def test_an_icon_or_template_that_does_not_exist_is_a_message_not_a_traceback(tmp_path):
    _redirect_project(tmp_path, "https://www.council.example/", ["template", "location", "icon"],
                      icon="material/no-such-icon")
    result, _ = _plain_build(tmp_path, strict=True)
    assert result.returncode == 1
    assert "docs/old.md:9:1: meta/front-matter" in result.stderr and "material/no-such-icon" in result.stderr


def test_every_build_key_is_refused_unless_allowed_and_checked_when_allowed():
    from localoffer import pagemeta

    dirs = pagemeta.theme_dirs(ROOT)
    good = {"template": "main.html", "icon": "material/school", "location": "https://x.example/",
            "hide": ["toc"], "search": {"exclude": True}, "status": "new", "comments": False, "tags": ["schools"]}
    bad = {"template": "../../etc/passwd.html", "icon": "material/../../main", "location": "javascript:alert(1)",
           "hide": ["<img src=x>"], "search": "yes", "status": "x\" onmouseover=\"alert(1)", "comments": "yes",
           "tags": ["<b>"], "social": {"cards": False}}
    assert set(bad) == set(pagemeta.BUILD_KEYS)
    refused = pagemeta.build_key_problems({**good, "social": {}}, frozenset(), dirs)
    assert sorted(key for key, _, _ in refused) == sorted(pagemeta.BUILD_KEYS)
    assert {message for _, message, _ in refused} == {"meta.fm.refused_key"}
    everything = frozenset(pagemeta.BUILD_KEYS)
    assert [key for key, _, _ in pagemeta.build_key_problems(good, everything, dirs)] == []
    assert sorted(key for key, _, _ in pagemeta.build_key_problems(bad, everything, dirs)) == sorted(bad)
    meta = pagemeta.build_meta({**bad, "title": "<b>T</b>"}, everything, dirs)
    assert meta == {"title": "&lt;b&gt;T&lt;/b&gt;"}


def test_the_allowed_keys_setting_is_checked(tmp_path):
    from localoffer import settings as settings_module
    from localoffer.errors import UserError

    config = make_project(tmp_path, {"index.md": "# Home\n"}, council={"checks": {"allowed_front_matter": ["scripts"]}})
    with pytest.raises(UserError) as caught:
        settings_module.load(config)
    assert "allowed_front_matter" in caught.value.render() and "template" in caught.value.render()


# --- web addresses and email addresses ------------------------------------------------------------

BAD_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "jav&#x09;ascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
            "https://x.example/\" onmouseover=\"alert(1)", "https://x.example/<script>", "https://", "//evil.example/",
            "https://x.example/a b", "ftp://x.example/", "https://x.example/\nJavascript:alert(1)", "", 42, None]
GOOD_URLS = ["https://www.council.gov.uk/send", "http://example.org/a?b=1&c=2#top", "https://llyw.cymru/ady"]


def test_web_addresses_are_checked_by_scheme():
    from localoffer import pagemeta, services

    assert [u for u in BAD_URLS if pagemeta.safe_url(u) or pagemeta.safe_url(u, relative=True)] == []
    assert all(pagemeta.safe_url(u) for u in GOOD_URLS)
    assert pagemeta.safe_url("services/", relative=True) and not pagemeta.safe_url("services/")
    assert services.valid_web_address("https://www.council.gov.uk/send")
    assert not services.valid_web_address("http://www.council.gov.uk/send")  # a service's address is secure


BAD_EMAILS = ["<img src=x onerror=alert(1)>@x.example", "\"<img src=x>\"@x.example", "a@b", "x@[127.0.0.1]",
              "Name <a@x.example>", "a b@x.example", "javascript:alert(1)//@x.example", "a@x.example\n<b>",
              "a@x.example\"onmouseover=alert(1)", "a..b@x.example", ".a@x.example", "a@-x.example", "@x.example",
              "a@x.example?subject=<b>", 7, None]
GOOD_EMAILS = ["aln@glanafon.example", "o'brien@council.gov.uk", "ffion.jones@cyngor.cymru", "a+send@x.example"]


def test_emails_are_checked_by_a_real_address_parser():
    from localoffer import services

    assert [e for e in BAD_EMAILS if services.valid_email(e)] == []
    assert [e for e in GOOD_EMAILS if not services.valid_email(e)] == []


def test_why_not_the_standard_library_parser():
    """The standard library accepts a quoted local part with markup in it (valid RFC 5322),
    which we would then print in a mailto: link. email-validator refuses it by default."""
    from email.headerregistry import Address

    from localoffer import services

    address = Address(addr_spec='"<img src=x onerror=alert(1)>"@x.example')
    assert address.username == "<img src=x onerror=alert(1)>"
    assert not services.valid_email('"<img src=x onerror=alert(1)>"@x.example')


def test_a_service_with_a_javascript_address_or_markup_email_is_refused_with_its_line(tmp_path):
    from localoffer import services

    service = _service()
    service["organisation"]["url"] = "javascript:alert(1)"
    service["email"] = "<img src=x onerror=alert(1)>@x.example"
    service["contacts"][0]["email"] = "\"<b>\"@x.example"
    service["url"] = "https://x.example/\" onclick=\"alert(1)"
    folder = tmp_path / "data" / "services"
    folder.mkdir(parents=True)
    (folder / "payload-service.yml").write_text(yaml.safe_dump(service, sort_keys=False), "utf-8")
    directory = services.load_all(tmp_path)
    assert directory.services == []
    fields = sorted(dict(p.values)["field"] for p in directory.problems)
    assert fields == ["contacts[1].email", "email", "organisation.url", "url"]
    text = (folder / "payload-service.yml").read_text("utf-8").split("\n")
    for problem in directory.problems:
        line = text[problem.line - 1]
        assert dict(problem.values)["field"].split(".")[-1].split("[")[0] in line, (problem, line)


# --- generated Markdown -------------------------------------------------------------------------------

def _render(markdown_text: str) -> str:
    import markdown

    return markdown.markdown(markdown_text, extensions=["abbr", "attr_list", "def_list", "tables", "md_in_html"])


def test_glossary_lines_are_text_in_markdown_and_html():
    from localoffer import glossary

    terms = glossary.normalise(_glossary())
    lines = glossary.abbreviation_lines(terms, "en", "wales")
    assert lines and all("\n" not in line for line in lines)
    html = _render("Ask HELP for help.\n\n" + "\n".join(lines))
    assert live_markup(html) == [] and "<abbr" in html
    html = _render(glossary.glossary_markdown(terms, "en", "wales"))
    assert live_markup(html) == []
    assert "&lt;img src=x onerror=alert(&#x27;XSS" in html or "&lt;img src=x onerror=alert('XSS" in html


def test_translation_status_rows_are_text(tmp_path):
    from localoffer import translation
    from localoffer.generate import translation_status

    item = translation.PageStatus(name="<img src=x onerror=alert('XSS30')>.md", en_path=None, cy_path=None,
                                  status=translation.MISSING, missing="cy", words=3,
                                  title={"en": _payload(1), "cy": _payload(2)}, changes=[])
    html = _render("\n".join(translation_status.table([item], "en", "translation-status.md")))
    assert live_markup(html) == [] and "<table>" in html


def test_every_front_matter_string_is_escaped_once_at_any_depth():
    from markupsafe import Markup

    from localoffer import pagemeta

    meta = pagemeta.build_meta({"title": "Tom & Jerry's", "list": [_payload(1), {"deep": _payload(2)}],
                                "date": __import__("datetime").date(2026, 1, 2), "n": 3}, frozenset(), [])
    assert meta["title"] == "Tom &amp; Jerry&#39;s" and isinstance(meta["title"], Markup)
    assert meta["list"][0] == str(pagemeta.escape(_payload(1))) and "<" not in meta["list"][1]["deep"]
    assert meta["n"] == 3 and meta["date"].year == 2026
    assert pagemeta.escape_text(meta) == meta  # escaping twice changes nothing


def test_page_file_names_with_markup_are_refused():
    from localoffer import pagemeta

    for name in ["<img src=x onerror=alert(1)>.md", "a\"b.md", "a'b.md", "..md", "x/../y.md", "a b.md",
                 "sch`ools.md", "a&b.md"]:
        assert pagemeta.unsafe_file_name(name), name
    for name in ["schools.md", "schools.cy.md", "services/age-0-5.md", "Short_Breaks.md"]:
        assert not pagemeta.unsafe_file_name(name), name
    assert pagemeta.suggested_name("<img src=x onerror=alert(1)>.md") == "img-src-x-onerror-alert-1.md"


@pytest.mark.slow
def test_a_page_named_with_markup_is_left_out_and_reported(tmp_path):
    pages = {"index.md": "---\ntitle: Home\n---\n# Home\n\nHelp.\n",
             "<img src=x onerror=alert('XSS40')>.md": "---\ntitle: Odd\n---\n# Odd\n\nHelp.\n"}
    make_project(tmp_path, pages, council={"checks": {"ignore": {"meta/file-name": "checked below"}}})
    result, site = _plain_build(tmp_path, strict=False)
    assert "meta/file-name" in result.stderr
    for page in site.rglob("*.html"):
        assert live_markup(page.read_text(encoding="utf-8")) == [], page


def test_csv_reports_never_hold_a_formula():
    """Titles and headings go into CSV files that officers open in a spreadsheet."""
    import csv
    import io

    from localoffer import translation
    from localoffer.commands import translations

    item = translation.PageStatus(name="schools.md", status=translation.MISSING, missing="cy", words=3,
                                  title={"en": "=HYPERLINK(\"https://evil.example\",\"Click\")", "cy": "@SUM(1+1)"})
    rows = list(csv.reader(io.StringIO(translations.render_csv([item], "en"))))
    assert rows[1][-2:] == ["'=HYPERLINK(\"https://evil.example\",\"Click\")", "'@SUM(1+1)"]
    from localoffer.pagemeta import spreadsheet_text

    assert [spreadsheet_text(v) for v in ("-1+2", "+x", "\tx", "Schools", 3)] == ["'-1+2", "'+x", "'\tx", "Schools", 3]


def test_a_refused_front_matter_never_reaches_mkdocs_and_the_page_keeps_its_lines():
    from mkdocs.utils import meta

    from localoffer import inputguard

    text = "---\ntitle: &a [x, x]\nowner: [*a, *a]\n---\n# Hi\n\nText.\n\n---\n\nMore.\n"
    safe = inputguard.safe_source(text)
    assert safe.count("\n") == text.count("\n")
    body, data = meta.get_data(safe)
    assert data == {} and body.startswith("# Hi") and "\n---\n" in body
    assert inputguard.safe_source("---\ntitle: Tom & Jerry's\n---\n# Hi\n") is None  # an & in text is fine


def test_a_long_glossary_adds_only_the_acronyms_a_page_has():
    """Markdown's time grows with the number of abbreviations (500 took a second a page)."""
    import markdown

    from localoffer import glossary

    terms = glossary.normalise({"terms": [{"term": {"en": f"AB{i}", "cy": f"AB{i}"},
                                           "expansion": {"en": f"a b {i}", "cy": f"a b {i}"},
                                           "explanation": {"en": "x", "cy": "x"}} for i in range(3000)]})
    page = "Ask AB7 or AB2999 for help.\n"
    lines = glossary.abbreviation_lines(terms, "en", "wales", only_in=page)
    assert {"*[AB7]: a b 7", "*[AB2999]: a b 2999"} <= set(lines) and len(lines) <= 5  # AB2, AB29... are in AB2999
    html = markdown.markdown(page + "\n" + "\n".join(lines), extensions=["abbr"])
    assert '<abbr title="a b 2999">AB2999</abbr>' in html and '<abbr title="a b 7">AB7</abbr>' in html


def test_the_check_finds_templates_in_the_sites_own_custom_dir(tmp_path):
    """The check (outside MkDocs) looks for a template where MkDocs will: theme.custom_dir."""
    from localoffer import pagemeta
    from localoffer import settings as settings_module

    config = make_project(tmp_path, {"index.md": "# Home\n"})  # custom_dir is this repository's overrides/
    dirs = pagemeta.site_theme_dirs(settings_module.load(config))
    assert pagemeta.template_exists("redirect.html", dirs) and pagemeta.template_exists("main.html", dirs)
    assert dirs[0] == ROOT / "overrides" and not pagemeta.template_exists("nothere.html", dirs)


@pytest.mark.slow
@pytest.mark.parametrize("snippet", ["Broken <![> here.\n", "".join("    " * i + "- x\n" for i in range(400))])
def test_text_a_snippet_copies_in_cannot_crash_the_build(tmp_path, snippet):
    """A snippet arrives while Markdown renders, after the page's own bounds: a crash there is
    still a plain message naming the page (in both build paths), never a traceback."""
    pages = {"index.md": "---\ntitle: Home\n---\n# Home\n\nHello.\n\n--8<-- \"snippets/bad.md\"\n",
             "snippets/bad.md": snippet}
    config = make_project(tmp_path, pages)
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["markdown_extensions"].append(
        {"pymdownx.snippets": {"base_path": ["docs"], "check_paths": True, "restrict_base_path": True}})
    settings["exclude_docs"] = "snippets/\n"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    result, _ = _plain_build(tmp_path, strict=True)
    assert result.returncode == 1
    assert "docs/index.md:1:1: meta/unreadable-input" in result.stderr, result.stderr
    assert "--8<--" in result.stderr
    result = subprocess.run([PYTHON, "-m", "localoffer", "build", "--no-a11y"], cwd=tmp_path, env=command_env(),
                            capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in result.stdout + result.stderr and result.returncode == 1
    assert "meta/unreadable-input" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
