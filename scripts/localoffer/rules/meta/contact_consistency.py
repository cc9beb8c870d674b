"""``meta/contact-consistency``: a team, service or organisation has the same phone number
and email address everywhere on the site.

Source: SEND Code of Practice 2015, 4.9 and 4.10 (the Local Offer must be accurate and up to
date), and issue 16: the example gave the Early Years ALN Team one number on its topic page
and the contact page and another in its service file, so a family could phone the wrong team.

Where a contact is named (both languages, each compared within its own language):

* a list item "Name: number" ("- Early Years ALN Team: 01632 960 145");
* a sentence "call / phone / contact [the] Name on number" ("ffoniwch y Tîm ... ar ...");
* a paragraph under a heading that names a contact ("## Contact the Transition Team",
  "## Cysylltu â'r Tîm Pontio") or is a name found elsewhere ("## Speech and language therapy");
* a service file: the service's name and each contact's name, with their phones and emails.

Names are compared without "the", "Glanafon", "children's" and capitals. A name with two
different phone numbers (or emails) in two places is a warning at each place, naming the
other place (file:line) and its number.

The other way round, one phone number given for two unrelated teams (names with no word in
common but "team", "service" and the like: "Children's Services" and "Sensory support
office") is a warning too: one of them is probably a copy-and-paste mistake. Teams that
share a word ("ALN team", "ALN advice line") may well share a number, and are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from localoffer import datafile
from localoffer.findings import Finding
from localoffer.rules import site_rule

RULE = "meta/contact-consistency"

PHONE = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}(?:[ -]?\d){6,8}(?![\d])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
LABELS = {"phone", "telephone", "tel", "email", "e-mail", "text", "write to", "mobile", "fax",
          "ffôn", "ffon", "e-bost", "ysgrifennwch at", "tecst", "symudol", "address", "cyfeiriad"}
LIST_NAME = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*)?(?P<name>[^:*\[\]()]{2,80}?)(?:\*\*)?\s*:\s")
SENTENCE_NAME = [
    re.compile(r"\b(?:call|phone|contact|ring|text|email)\s+(?:the\s+|our\s+)?(?P<name>[^.,;:()\[\]]{2,60}?)\s+(?:on|at)\s+\[?$",
               re.I),
    re.compile(r"\b(?:ffoniwch|ffonio|cysylltwch\s+â|cysylltu\s+â|anfonwch\s+e-bost\s+at)(?:'r|'n|\s+y|\s+yr|\s+ein|\s+â)?\s+"
               r"(?P<name>[^.,;:()\[\]]{2,60}?)\s+(?:ar|at)\s+\[?$", re.I),
]
HEADING_CONTACT = re.compile(r"^(?:contact|how to contact|cysylltu\s+â|sut\s+i\s+gysylltu\s+â)(?:'r|'n|\s+the|\s+our|\s+y|\s+yr|\s+ein)?\s+",
                             re.I)
PRONOUNS = {"us", "we", "me", "you", "them", "ni", "chi", "fi", "nhw"}
GENERIC = {"the", "our", "glanafon", "glanafon's", "children's", "childrens", "y", "yr", "ein", "i", "blant"}


def phone_key(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:].lstrip("0") if digits.startswith("44") and len(digits) > 10 else digits


def name_key(name: str) -> str:
    """Names compared without case, "the", "Glanafon", "children's", punctuation."""
    words = re.sub(r"[^\w\s'-]", " ", name.lower().replace("’", "'")).split()
    kept = [w for w in words if w not in GENERIC]
    return " ".join(kept if len(kept) >= 2 else words)


def _is_name(name: str) -> bool:
    name = name.strip()
    words = name.split()
    return (0 < len(words) <= 7 and name.lower() not in LABELS and not re.search(r"\d", name)
            and any(w[:1].isupper() for w in words))


def _values(line: str):
    for match in PHONE.finditer(line):
        yield "phone", phone_key(match.group(0)), match.group(0).strip(), match.start()
    for match in EMAIL.finditer(line):
        yield "email", match.group(0).lower(), match.group(0), match.start()


def page_contacts(page) -> list[tuple]:
    """``(lang, name key, name, kind, key, shown, file, line)`` for each contact on a page. Pure."""
    out = []
    heading = None
    in_code = False
    start, end = page.front_matter_span or (0, 0)
    for number, line in enumerate(page.lines, start=1):
        if start <= number <= end:
            continue
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        found = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if found:
            text = found.group(2)
            contact = HEADING_CONTACT.match(text)
            heading = (text[contact.end():], True) if contact else (text, False)
            if heading[0].strip().lower() in PRONOUNS:  # "Contact us": no team named
                heading = None
            continue
        values = list(_values(line))
        if not values:
            continue
        listed = LIST_NAME.match(line)
        for kind, key, shown, at in values:
            name = None
            if listed and _is_name(listed.group("name")):
                name = listed.group("name").strip()
            else:
                before = line[:at]
                for pattern in SENTENCE_NAME:
                    match = pattern.search(before)
                    if match and _is_name(match.group("name")):
                        name = match.group("name").strip()
                        break
            strong = True
            if name is None and heading is not None:
                name, strong = heading
            if name:
                out.append((page.lang, name_key(name), name, kind, key, shown, page.path, number, strong))
    return out


def service_contacts(path: str, data) -> list[tuple]:
    """The same for one service file (``data``: its YAML with line numbers). Pure."""
    out = []
    if not isinstance(data, dict):
        return out
    names = data.get("name") if isinstance(data.get("name"), dict) else {}
    contacts = data.get("contacts") if isinstance(data.get("contacts"), list) else []
    for index, contact in enumerate(contacts):
        if not isinstance(contact, dict):
            continue
        contact_name = contact.get("name")
        for kind in ("phone", "email"):
            value = contact.get(kind)
            if not isinstance(value, str) or not value.strip():
                continue
            line = contact.key_line(kind) if isinstance(contact, datafile.LineDict) else 1
            key = phone_key(value) if kind == "phone" else value.strip().lower()
            for lang in ("en", "cy"):
                for name in (names.get(lang), contact_name.get(lang) if isinstance(contact_name, dict) else contact_name):
                    if isinstance(name, str) and name.strip():
                        out.append((lang, name_key(name), name.strip(), kind, key, value.strip(), path, line, True))
    email = data.get("email")
    if isinstance(email, str) and email.strip():
        line = data.key_line("email") if isinstance(data, datafile.LineDict) else 1
        for lang in ("en", "cy"):
            if isinstance(names.get(lang), str):
                out.append((lang, name_key(names[lang]), names[lang], "email", email.strip().lower(), email.strip(),
                            path, line, True))
    return out


def conflicts(contacts: list[tuple]) -> list[tuple]:
    """``(place, other place)`` pairs: the same name with a different phone (or email).

    A name from a heading that does not say "Contact" only counts when the same name is
    given with a number elsewhere in a stronger way (a list, a sentence, a service file)."""
    groups: dict[tuple, list[tuple]] = {}
    for item in contacts:
        groups.setdefault((item[0], item[1], item[3]), []).append(item)
    out = []
    for items in groups.values():
        if not any(item[8] for item in items):
            continue
        keys = {item[4] for item in items}
        if len(keys) < 2:
            continue
        seen = set()
        for item in items:
            other = next(o for o in items if o[4] != item[4])
            marker = (item[6], item[7], item[4])
            if marker not in seen:
                seen.add(marker)
                out.append((item, other))
    return out


# Words that do not tell two teams apart.
COMMON = GENERIC | {"team", "service", "services", "line", "office", "officer", "duty", "and", "for", "of",
                    "tîm", "gwasanaeth", "gwasanaethau", "llinell", "swyddfa", "swyddog", "dyletswydd", "a", "ac",
                    "ar", "gyfer", "help", "helpline", "advice", "cyngor", "gyngor", "council", "county", "sir",
                    # little words: "Speech therapy in Tregarth" and "Appeals in Aberdyfnant" share nothing
                    "in", "to", "with", "at", "on", "by", "from", "yn", "ym", "yng", "gyda", "â", "o", "i", "am", "gan"}


def _words(key: str) -> set[str]:
    return {w for w in re.split(r"[\s'-]+", key) if w and w not in COMMON}


def shared_numbers(contacts: list[tuple]) -> list[tuple]:
    """``(place, other place)`` pairs: one phone number for two teams with nothing in common.

    A place (a file and line) may name more than one contact: a service file's line names the
    service and its contact. Two places are the same team when a name at one is a name at
    the other, or shares a word with it ("Advice Team duty officer" on every service the
    Advice Team runs; "ALN team" and "ALN advice line")."""
    by_number: dict[tuple, dict[tuple, list[tuple]]] = {}
    for item in contacts:
        if item[3] == "phone" and item[8]:
            by_number.setdefault((item[0], item[4]), {}).setdefault((item[6], item[7]), []).append(item)
    out = []
    for places in by_number.values():
        if len({path for path, _ in places}) < 2:
            continue
        known = {place: ({item[1] for item in items}, set().union(*(_words(item[1]) for item in items)))
                 for place, items in places.items()}
        for place, items in places.items():
            names, words = known[place]
            other = next((other_items[0] for other_place, other_items in places.items()
                          if other_place[0] != place[0]
                          and not (names & known[other_place][0]) and not (words & known[other_place][1])), None)
            if other is not None:
                out.append((items[0], other))
    return out


def _service_files(ctx) -> list[tuple[str, object]]:
    def make():
        root = getattr(ctx.settings, "root", None)
        if root is None:
            return []
        folder = Path(root) / "data" / "services"
        files = []
        for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            data, broken = datafile.load_file(path)
            if not broken:
                files.append((f"data/services/{path.name}", data))
        return files

    return ctx.memo("lok.contact_consistency.services", make)


def findings_for(contacts: list[tuple]) -> list[Finding]:
    from localoffer.messages import t

    out = []
    for item, other in conflicts(contacts):
        lang, _, name, kind, _, shown, path, line, _ = item
        values = {"name": name, "value": shown, "other_value": other[5], "other": f"{other[6]}:{other[7]}"}
        out.append(Finding(file=path, line=line, column=1, rule=RULE, severity="warning",
                           message=t(f"meta.contact_consistency.{kind}", lang, **values),
                           suggestion=t("meta.contact_consistency.fix", lang, **values), lang=lang))
    for item, other in shared_numbers(contacts):
        lang, _, name, _, _, shown, path, line, _ = item
        values = {"name": name, "value": shown, "other_name": other[2], "other": f"{other[6]}:{other[7]}"}
        out.append(Finding(file=path, line=line, column=1, rule=RULE, severity="warning",
                           message=t("meta.contact_consistency.shared", lang, **values),
                           suggestion=t("meta.contact_consistency.shared_fix", lang, **values), lang=lang))
    return out


@site_rule(RULE)
def contact_consistency(pages, ctx):
    """The same team, service or organisation with different phone numbers or emails."""
    contacts = [item for page in pages for item in page_contacts(page)]
    for path, data in _service_files(ctx):
        contacts.extend(service_contacts(path, data))
    return findings_for(contacts)
