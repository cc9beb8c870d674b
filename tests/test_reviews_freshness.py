"""Freshness for families (issue 18 item 5): each service page says when its details were last
checked, in both languages; a service not checked for a year is marked on its page, and the
build reports it (``meta/service-review-overdue``: a warning, then an error after the grace
period, as ``meta/review-overdue`` does for pages)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from localoffer import freshness, services
from localoffer import settings as settings_module
from localoffer.rules import Context
from localoffer.rules.meta.review_overdue import service_review_overdue
from sitekit import ROOT, build, make_project

SERVICE = (ROOT / "data" / "services" / "aln-advice-line.yml").read_text(encoding="utf-8")


def with_dates(text: str, assured: str, review_due: str | None = None, sid: str = "aln-advice-line") -> str:
    text = re.sub(r"^assured_date: .*$", f"assured_date: {assured}", text, flags=re.M)
    text = text.replace("id: aln-advice-line", f"id: {sid}")
    return text + (f"review_due: {review_due}\n" if review_due else "")


def project(tmp_path, files: dict[str, str], grace=None):
    pages = {"index.md": "---\ntitle: Home\n---\n# Home\n\nHello.\n",
             "index.cy.md": "---\ntitle: Hafan\n---\n# Hafan\n\nHelo.\n"}
    council = {"checks": {"review_grace_days": grace}} if grace is not None else {}
    config = make_project(tmp_path, pages, council=council)
    folder = tmp_path / "data" / "services"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return config


def service(assured: dt.date, review_due: dt.date | None = None) -> dict:
    return {"assured_date": assured, "review_due": review_due or freshness.one_year_after(assured),
            "name": {"en": "S", "cy": "S"}}


def test_the_date_reads_as_people_write_it_in_both_languages():
    item = service(dt.date(2026, 3, 3))
    assert freshness.checked_line(item, "en") == "Details last checked: 3 March 2026"
    assert freshness.checked_line(item, "cy") == "Manylion wedi'u gwirio ddiwethaf: 3 Mawrth 2026"


def test_a_service_is_marked_only_after_a_whole_year():
    item = service(dt.date(2025, 12, 7))
    assert freshness.stale_notice(item, dt.date(2026, 12, 7), "en") == ""
    notice = freshness.stale_notice(item, dt.date(2026, 12, 8), "en")
    assert "These details may be out of date." in notice and "7 December 2025" in notice
    assert 'role="note"' in notice
    welsh = freshness.stale_notice(item, dt.date(2026, 12, 8), "cy")
    assert "Gall y manylion hyn fod wedi dyddio." in welsh and "7 Rhagfyr 2025" in welsh
    leap = service(dt.date(2024, 2, 29))
    assert freshness.one_year_after(leap["assured_date"]) == dt.date(2025, 2, 28)
    # review_due earlier than a year on is when it is due; never later than a year
    assert freshness.due(service(dt.date(2026, 1, 1), dt.date(2026, 6, 1))) == dt.date(2026, 6, 1)
    assert freshness.due(service(dt.date(2026, 1, 1), dt.date(2028, 1, 1))) == dt.date(2027, 1, 1)


def run_rule(config, today: str):
    settings = settings_module.load(config)
    return service_review_overdue([], Context.from_settings(settings, today=dt.date.fromisoformat(today)))


def test_the_build_warns_then_fails_after_the_grace_period_naming_the_file_and_line(tmp_path):
    config = project(tmp_path, {
        "aln-advice-line": with_dates(SERVICE, "2025-06-01"),
        "fresh": with_dates(SERVICE, "2026-11-01", sid="fresh"),
        "early": with_dates(SERVICE, "2026-09-01", "2026-11-01", sid="early"),
    })
    lines = (tmp_path / "data" / "services" / "aln-advice-line.yml").read_text().splitlines()
    assured_line = next(n for n, text in enumerate(lines, 1) if text.startswith("assured_date:"))
    # 2025-06-01 + 1 year = 2026-06-01; 2026-08-01 is 61 days later (grace 90): a warning
    found = {f.file: f for f in run_rule(config, "2026-08-01")}
    assert set(found) == {"data/services/aln-advice-line.yml"}
    warning = found["data/services/aln-advice-line.yml"]
    assert (warning.severity, warning.line, warning.rule) == ("warning", assured_line, "meta/service-review-overdue")
    assert "last checked on 1 June 2025" in warning.message and "61 days ago" in warning.message
    assert "assured_date" in warning.suggestion and "90 days" in warning.suggestion
    # after the grace period: an error; the service with an early review_due is due too
    found = {f.file: f for f in run_rule(config, "2026-12-07")}
    assert found["data/services/aln-advice-line.yml"].severity == "error"
    assert found["data/services/early.yml"].severity == "warning"
    assert "data/services/fresh.yml" not in found


def test_the_grace_period_is_the_pages_setting(tmp_path):
    config = project(tmp_path, {"aln-advice-line": with_dates(SERVICE, "2025-06-01")}, grace=365)
    [finding] = run_rule(config, "2026-12-07")
    assert finding.severity == "warning" and "365 days" in finding.suggestion


@pytest.mark.slow
def test_service_pages_say_when_they_were_checked_and_mark_old_ones_in_both_languages(tmp_path):
    old = (dt.date.today() - dt.timedelta(days=400)).replace(day=1)
    config = project(tmp_path, {
        "aln-advice-line": with_dates(SERVICE, old.isoformat()),
        "fresh": with_dates(SERVICE, (dt.date.today() - dt.timedelta(days=10)).isoformat(), sid="fresh"),
    }, grace=10_000)
    site = tmp_path / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "meta/service-review-overdue" in result.stderr and "aln-advice-line.yml" in result.stderr
    from localoffer.site import format_date

    for lang, prefix, checked, stale in (
        ("en", "", "Details last checked: ", "These details may be out of date."),
        ("cy", "cy/", "Manylion wedi'u gwirio ddiwethaf: ", "Gall y manylion hyn fod wedi dyddio."),
    ):
        old_page = html.unescape((site / prefix / "services" / "aln-advice-line" / "index.html").read_text())
        fresh_page = html.unescape((site / prefix / "services" / "fresh" / "index.html").read_text())
        assert checked + format_date(old, lang) in old_page
        assert stale in old_page and stale not in fresh_page
        assert checked in fresh_page
        notice = re.search(r'<div class="lok-notice lok-notice--stale" role="note">(.*?)</div>', old_page, re.S)
        assert notice and format_date(old, lang) in notice.group(1)
        # the notice comes before the service's description, where families see it first
        assert old_page.index(stale) < old_page.index(checked)
    assert services.load_all(tmp_path).problems == []
