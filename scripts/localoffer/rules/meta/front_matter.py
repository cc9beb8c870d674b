"""``meta/front-matter``: every content page has the settings the site and the law need.

Source: SEND Code of Practice 2015, 4.9 to 4.11 (the Local Offer is kept up to date and says
who is responsible); Local Offer Kit README, "Add a page in both languages".

Required: ``title``, ``description``, ``last_reviewed`` and ``review_due`` (dates as
YYYY-MM-DD, the review due after the last review) and ``owner`` (the team or group).
Optional: ``topics`` (topic ids of the jurisdiction's checklist), ``co_produced_with``
(text or a list), ``generate``, ``search_exclude``, ``translated_from``, ``checks``.
Keys that change how the page is built (Material's ``template``, ``icon``, ``hide``,
``location``...: ``pagemeta.BUILD_KEYS``) are errors unless ``extra.council.checks.
allowed_front_matter`` allows them, and then their value must be usable (a template
that exists, a web address...); the build drops them either way. Any other key is a
warning, with the nearest known key as a suggestion. Broken YAML (and YAML we refuse
to load: aliases, too deep) is reported by the parser (``source.py``).

``meta/file-name``: a page's file name has only letters, numbers, ``-``, ``_`` and dots
(no ``..``): a name is printed in menus and on the translation-status page, and is part
of the page's address.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from localoffer import coverage, pagemeta, schemas
from localoffer.datafile import as_date  # also imported from here by other modules
from localoffer.rules import finding, page_rule

RULE = "meta/front-matter"
# The fields are listed once, in localoffer/schemas.py (the web editor is made from it too).
REQUIRED = schemas.FRONT_MATTER.required()
OPTIONAL = schemas.FRONT_MATTER.optional()
KNOWN = REQUIRED + OPTIONAL
FILE_NAME_RULE = "meta/file-name"
DATE_KEYS = ("last_reviewed", "review_due")


def key_line(page, key: str) -> int:
    """The line of ``key:`` in the page's front matter (the first line when not found)."""
    if page.front_matter_span is None:
        return 1
    first, last = page.front_matter_span
    pattern = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:")
    for number in range(first, min(last, len(page.lines)) + 1):
        if pattern.match(page.lines[number - 1]):
            return number
    return first


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _known_sections() -> list[str]:
    from localoffer import generate

    generate.load()
    # "glossary" is made by the MkDocs adapter itself (localoffer.glossary)
    return sorted(set(generate.SECTION_MAKERS) | {"glossary"})


@page_rule(RULE)
def front_matter(page, ctx):
    """Check the page's front matter against the schema."""
    if any(p.rule == RULE for p in page.problems):  # broken YAML: the parser has said so; nothing more to check
        return []
    fm = page.front_matter
    out = []
    if page.front_matter_span is None:
        return [finding(page, RULE, "error", 1, 1, "meta.fm.none",
                        suggestion_key="meta.fm.none_fix", keys=", ".join(REQUIRED))]
    end = page.front_matter_span[1]
    for key in REQUIRED:
        value = fm.get(key)
        if key not in fm or value is None or (isinstance(value, str) and not value.strip()):
            out.append(finding(page, RULE, "error", key_line(page, key) if key in fm else end, 1,
                               "meta.fm.missing", suggestion_key=f"meta.fm.form.{key}", key=key))
            continue
        if key in DATE_KEYS:
            if as_date(value) is None:
                out.append(finding(page, RULE, "error", key_line(page, key), 1, "meta.fm.bad_date",
                                   suggestion_key="meta.fm.form.date", key=key, value=value))
        elif not _text(value):
            out.append(finding(page, RULE, "error", key_line(page, key), 1, "meta.fm.not_text",
                               suggestion_key=f"meta.fm.form.{key}", key=key))
    reviewed, due = as_date(fm.get("last_reviewed")), as_date(fm.get("review_due"))
    if reviewed and due and due <= reviewed:
        out.append(finding(page, RULE, "error", key_line(page, "review_due"), 1, "meta.fm.due_before_reviewed",
                           suggestion_key="meta.fm.form.review_due",
                           due=due.isoformat(), reviewed=reviewed.isoformat()))
    if reviewed and reviewed > ctx.today:
        out.append(finding(page, RULE, "warning", key_line(page, "last_reviewed"), 1, "meta.fm.reviewed_future",
                           suggestion_key="meta.fm.form.date", key="last_reviewed", value=reviewed.isoformat()))
    out.extend(_optional(page, ctx, fm))
    out.extend(_build_keys(page, ctx, fm))
    for key in fm:
        if key in KNOWN or key in pagemeta.BUILD_KEYS:
            continue
        close = difflib.get_close_matches(key.lower(), KNOWN, n=1, cutoff=0.6)
        if close:
            out.append(finding(page, RULE, "warning", key_line(page, key), 1, "meta.fm.unknown_key",
                               suggestion_key="meta.fm.did_you_mean", key=key, known=close[0]))
        else:
            out.append(finding(page, RULE, "warning", key_line(page, key), 1, "meta.fm.unknown_key",
                               suggestion_key="meta.fm.known_keys", key=key, known=", ".join(KNOWN)))
    return out


def _optional(page, ctx, fm) -> list:
    out = []
    if "topics" in fm:
        topics = fm["topics"]
        line = key_line(page, "topics")
        if isinstance(topics, str):
            topics = [topics]
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            out.append(finding(page, RULE, "error", line, 1, "meta.fm.topics_form",
                               suggestion_key="meta.fm.form.topics"))
        else:
            known = coverage.topic_ids(ctx.jurisdiction)
            for topic in topics:
                if topic in known:
                    continue
                close = difflib.get_close_matches(topic, known, n=1, cutoff=0.6)
                out.append(finding(page, RULE, "error", line, 1, "meta.fm.unknown_topic",
                                   suggestion_key="meta.fm.did_you_mean" if close else "meta.fm.known_topics",
                                   topic=topic, key=topic, known=close[0] if close else ", ".join(known),
                                   jurisdiction=ctx.jurisdiction))
    if "co_produced_with" in fm:
        value = fm["co_produced_with"]
        ok = _text(value) or (isinstance(value, list) and value and all(_text(v) for v in value))
        if not ok:
            out.append(finding(page, RULE, "error", key_line(page, "co_produced_with"), 1, "meta.fm.not_text",
                               suggestion_key="meta.fm.form.co_produced_with", key="co_produced_with"))
    if "generate" in fm:
        known = _known_sections()
        if fm["generate"] not in known:
            out.append(finding(page, RULE, "error", key_line(page, "generate"), 1, "meta.fm.unknown_generate",
                               suggestion_key="meta.fm.known_keys", value=fm["generate"],
                               key="generate", known=", ".join(known)))
    if "search_exclude" in fm and not isinstance(fm["search_exclude"], bool):
        out.append(finding(page, RULE, "error", key_line(page, "search_exclude"), 1, "meta.fm.not_bool",
                           suggestion_key="meta.fm.form.bool", key="search_exclude"))
    # translated_from is written by `localoffer translated` and read by
    # i18n/outdated-translation, which reports a record it cannot use.
    if "checks" in fm and not isinstance(fm["checks"], (dict, list)):
        out.append(finding(page, RULE, "error", key_line(page, "checks"), 1, "meta.fm.checks_form",
                           suggestion_key="meta.fm.form.checks"))
    return out


def _build_keys(page, ctx, fm) -> list:
    settings = getattr(ctx, "settings", None)
    dirs = pagemeta.site_theme_dirs(settings) if getattr(settings, "root", None) is not None else []
    return [
        finding(page, RULE, "error", key_line(page, key), 1, message, suggestion_key=message + ".fix", **values)
        for key, message, values in pagemeta.build_key_problems(fm, pagemeta.allowed_keys(settings), dirs)
    ]


@page_rule(FILE_NAME_RULE)
def file_name(page, ctx):
    """A page file name the website cannot safely print or use in an address."""
    import os

    docs = getattr(ctx, "docs_dir", None)
    relative = os.path.basename(page.path)
    if docs is not None:
        root = getattr(getattr(ctx, "settings", None), "root", None)
        where = os.path.abspath(os.path.join(os.fspath(root), page.path) if root is not None else page.path)
        inside = os.path.relpath(where, os.path.abspath(os.fspath(docs))).replace(os.sep, "/")
        if not inside.startswith("../"):
            relative = inside
    if not pagemeta.unsafe_file_name(relative):
        return []
    return [finding(page, FILE_NAME_RULE, "error", 1, 1, "meta.file_name", suggestion_key="meta.file_name.fix",
                    name=relative, suggested=pagemeta.suggested_name(relative))]
