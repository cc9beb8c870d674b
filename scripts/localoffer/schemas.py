"""The fields of our content files, in one place.

Four kinds of file carry structured data an editor fills in:

- a page's front matter (``docs/*.md``), checked by ``rules/meta/front_matter.py``;
- a service (``data/services/<id>.yml``), checked by ``services.py``;
- the glossary (``data/glossary.yml``), read by ``glossary.py``;
- "You said, we did" (``data/you-said-we-did.yml``), read by ``you_said_we_did.py``.

The checks read their lists of required and known keys from here, and the web editor's
settings (``admin/config.py``) are made from here, so a field cannot be known to one and
missing from the other (``tests/test_admin_config.py`` fails if it is).

A ``Field`` says what the value is (``kind``), not how a tool shows it:

- ``text`` one line; ``long_text`` a paragraph; ``markdown`` the page body;
- ``date`` YYYY-MM-DD; ``boolean``; ``integer``;
- ``choice`` one or more (``multiple``) values from a named list (``choices``);
- ``bilingual`` / ``bilingual_long``: ``{en: ..., cy: ...}`` (one line / a paragraph);
- ``object`` (sub-``fields``) and ``list`` (a list of objects with ``fields``);
- ``record``: data our own tools write (``translated_from``, ``checks``): kept as it is,
  never shown for editing.

``pattern`` is a regular expression the value must match (also given to the editor).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PHONE_PATTERN = r"^\+?[0-9][0-9 ]{8,16}[0-9]$"
EMAIL_PATTERN = r"^[^@\s]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$"
POSTCODE_PATTERN = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"
HTTPS_PATTERN = r"^https://\S+$"

KINDS = ("text", "long_text", "markdown", "date", "boolean", "integer", "choice",
         "bilingual", "bilingual_long", "object", "list", "record")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    choices: str | None = None  # the name of a list: see admin/config.py choice_lists()
    multiple: bool = False
    fields: tuple["Field", ...] = ()
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.name}")


@dataclass(frozen=True)
class Schema:
    name: str
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def optional(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if not f.required)

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def get(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _bilingual(name: str, required: bool = False, long: bool = False) -> Field:
    return Field(name, "bilingual_long" if long else "bilingual", required)


FRONT_MATTER = Schema("front_matter", (
    Field("title", "text", required=True),
    Field("description", "long_text", required=True),
    Field("last_reviewed", "date", required=True),
    Field("review_due", "date", required=True),
    Field("owner", "text", required=True),
    Field("topics", "choice", choices="topics", multiple=True),
    Field("co_produced_with", "text"),
    Field("generate", "record"),          # which list our build makes on the page
    Field("search_exclude", "boolean"),
    Field("translated_from", "record"),   # written by `localoffer translated`
    Field("checks", "record"),            # check opt-outs a maintainer agreed
))

SERVICE = Schema("service", (
    Field("id", "text", required=True, pattern=ID_PATTERN),
    _bilingual("name", required=True),
    _bilingual("description", required=True, long=True),
    Field("organisation", "object", required=True, fields=(
        Field("en", "text", required=True),
        Field("cy", "text", required=True),
        Field("url", "text", pattern=HTTPS_PATTERN),
    )),
    Field("status", "choice", required=True, choices="statuses"),
    Field("minimum_age", "integer", required=True, minimum=0, maximum=120),
    Field("maximum_age", "integer", required=True, minimum=0, maximum=120),
    Field("needs", "choice", required=True, choices="needs", multiple=True),
    Field("area", "object", required=True, fields=(
        Field("id", "choice", required=True, choices="areas"),
        Field("en", "text", required=True),
        Field("cy", "text", required=True),
    )),
    Field("cost", "object", required=True, fields=(
        Field("free", "boolean", required=True),
        Field("en", "text", required=True),
        Field("cy", "text", required=True),
    )),
    _bilingual("how_to_access", required=True, long=True),
    _bilingual("eligibility", required=True, long=True),
    Field("contacts", "list", required=True, fields=(
        _bilingual("name", required=True),
        _bilingual("title"),
        Field("phone", "text", pattern=PHONE_PATTERN),
        Field("email", "text", pattern=EMAIL_PATTERN),
    )),
    Field("assured_date", "date", required=True),
    Field("url", "text", pattern=HTTPS_PATTERN),
    Field("email", "text", pattern=EMAIL_PATTERN),
    Field("locations", "list", fields=(
        _bilingual("address", required=True),
        Field("postcode", "text", required=True, pattern=POSTCODE_PATTERN),
        _bilingual("accessibility", long=True),
    )),
    _bilingual("schedules"),
    Field("languages", "choice", choices="languages", multiple=True),
    Field("review_due", "date"),
    Field("oruk_id", "record"),  # kept from an Open Referral UK import
))

GLOSSARY_TERM = Schema("glossary_term", (
    _bilingual("term", required=True),
    _bilingual("expansion"),
    _bilingual("explanation", required=True, long=True),
    Field("jurisdiction", "choice", required=True, choices="jurisdictions"),
))
# The glossary file: where its words come from, and the terms.
GLOSSARY = Schema("glossary", (
    Field("source", "record"),
    Field("licence", "record"),
    Field("terms", "list", required=True, fields=GLOSSARY_TERM.fields),
))

YOU_SAID_WE_DID_ENTRY = Schema("you_said_we_did_entry", (
    Field("date", "date", required=True),
    _bilingual("you_said", required=True, long=True),
    _bilingual("we_did", required=True, long=True),
))
YOU_SAID_WE_DID = Schema("you_said_we_did", (
    Field("entries", "list", required=True, fields=YOU_SAID_WE_DID_ENTRY.fields),
))
