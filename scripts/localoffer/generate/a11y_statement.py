"""What the accessibility statement says about testing, as the GOV.UK model statement asks
("Preparation of this accessibility statement": when and how the site was tested):

* what our automatic tests check, and what no automatic test can check (from the
  messages catalogue; the share of barriers found is from the GOV.UK accessibility tool
  audit, alphagov/accessibility-tool-audit: our set-up found 44 of its 142 cases, measured
  2026-12-07 and written down in the project's findings);
* what testing people did by hand, and when: ``extra.council.accessibility.manual_tests`` in
  mkdocs.yml, a list the council fills in. With none, the statement says that no testing
  by hand is recorded: it never says more than was done;
* the box the build fills in after the browser tests (``localoffer.a11y.statement``).
"""

from __future__ import annotations

import html

from localoffer import datafile
from localoffer.a11y import statement
from localoffer.generate import section_maker
from localoffer.messages import t
from localoffer.site import format_date

AUTOMATIC = ("engines", "languages", "plain", "links")
CANNOT = ("meaning", "alt", "order", "assistive", "media", "outside")


def manual_tests(council: dict) -> list[dict]:
    """The council's record of testing by hand: ``[{date, en, cy}]``, newest first.
    Entries without a date or a description in both languages are left out."""
    found = ((council or {}).get("accessibility") or {}).get("manual_tests") or []
    out = []
    for entry in found if isinstance(found, list) else []:
        if not isinstance(entry, dict):
            continue
        date = datafile.as_date(entry.get("date"))
        if date is None or not all(isinstance(entry.get(lang), str) and entry[lang].strip() for lang in ("en", "cy")):
            continue
        out.append({"date": date, "en": " ".join(entry["en"].split()), "cy": " ".join(entry["cy"].split())})
    return sorted(out, key=lambda item: item["date"], reverse=True)


def testing_markdown(council: dict, lang: str) -> str:
    """The "How we test this website" part of the statement, in ``lang``."""
    def li(key: str) -> str:
        return f"<li>{html.escape(t(key, lang))}</li>"

    out = [f'<h2 id="lok-how-we-test">{html.escape(t("pages.a11y.how_we_test", lang))}</h2>',
           f"<p>{html.escape(t('pages.a11y.automatic_intro', lang))}</p>",
           "<ul>" + "".join(li(f"pages.a11y.automatic.{key}") for key in AUTOMATIC) + "</ul>",
           f"<p>{html.escape(t('pages.a11y.cannot_intro', lang))}</p>",
           "<ul>" + "".join(li(f"pages.a11y.cannot.{key}") for key in CANNOT) + "</ul>"]
    tests = manual_tests(council)
    if tests:
        out.append(f"<p>{html.escape(t('pages.a11y.manual_intro', lang))}</p>")
        out.append("<ul>" + "".join(
            f'<li><time datetime="{item["date"].isoformat()}">{html.escape(format_date(item["date"], lang))}</time>: '
            f"{html.escape(item[lang])}</li>" for item in tests) + "</ul>")
    else:
        out.append(f"<p>{html.escape(t('pages.a11y.manual_none', lang))}</p>")
    return '<div class="lok-a11y-testing">\n' + "\n".join(out) + "\n</div>\n"


@section_maker("accessibility-results")
def accessibility_results_section(settings, lang: str, meta: dict) -> str:
    return testing_markdown(settings.council, lang) + "\n" + statement.placeholder(lang)
