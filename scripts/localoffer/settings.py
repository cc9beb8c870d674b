"""The site's settings, read from mkdocs.yml without MkDocs.

Councils brand the site in one place: the ``extra: council:`` section of
mkdocs.yml. This module reads that section, fills in defaults and checks it,
so that a typo gives a plain message naming the setting and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from localoffer.errors import UserError
from localoffer.messages import cli_language, t

JURISDICTIONS = ("england", "wales")
SEVERITY_NAMES = ("error", "warning", "suggestion")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# One word or acronym in a word list setting: letters and digits, with & . ' - inside.
WORD = re.compile(r"[^\W_](?:[\w&.'’-]{0,38}[\w.])?")

DEFAULT_COLOURS = {
    "primary": "#1d4f91",
    "primary_text": "#ffffff",
    "accent": "#8a1538",
    "link": "#1d4f91",
}

# The settings we know, with nested known keys. Anything else is a typo.
KNOWN_COUNCIL_KEYS = {
    "name": {"en", "cy"},
    "jurisdiction": None,
    "logo": None,
    "colours": set(DEFAULT_COLOURS),
    "contact": {"phone", "email", "address", "hours", "textphone"},
    "feedback_form": {"url", "title_param", "page_param"},  # or just the form's address
    "owners": None,  # owner -> GitHub names, checked by localoffer.reminders
    "example_content": None,
    "accessibility": {"manual_tests"},  # the accessibility statement (generate/a11y_statement.py)
    "repository": {"url", "branch", "host"},
    "editor": {"enabled", "auth_url", "api_url", "open_authoring", "private_repository"},  # the web editor at /admin/ (localoffer.admin)
    "checks": {
        "fail_on", "missing_translation", "well_known_acronyms", "ignore",
        "review_grace_days", "allowed_email_domains", "rule_time_limit", "max_file_kb",
        "same_web_address",
        "allowed_front_matter",
    },
}


WORD_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


class _Loader(yaml.SafeLoader):  # read once: the pure-Python loader gives the clearer errors
    """A safe YAML loader that keeps line numbers and tolerates MkDocs' own tags."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _unknown_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


@dataclass
class Settings:
    """What the tool needs to know about a site."""

    root: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str
    languages: tuple[str, ...]
    default_language: str
    site_names: dict[str, str]
    council: dict[str, Any]
    jurisdiction: str
    colours: dict[str, str]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def council_name(self) -> dict[str, str]:
        return self.council["name"]

    @property
    def checks(self) -> dict[str, Any]:
        return self.council.get("checks") or {}


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML file; a syntax error becomes a plain UserError with its line."""
    lang = cli_language()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(
            t("cli.settings_no_file", lang, path=path), fix=t("cli.settings_no_file_fix", lang)
        ) from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        from localoffer.source import plain_yaml_problem

        problem = plain_yaml_problem(getattr(exc, "problem", None) or str(exc).splitlines()[0], lang)
        raise UserError(
            t("cli.settings_bad_yaml", lang, line=line, problem=problem),
            where=f"{path}:{line}",
            fix=t("cli.settings_bad_yaml_fix", lang),
        ) from None
    return data or {}


def _line_of(text: str, key: str) -> int | None:
    """The first line (1-based) where ``key:`` appears, for error messages."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _where(path: Path, key: str) -> str:
    try:
        line = _line_of(path.read_text(encoding="utf-8-sig"), key)
    except OSError:
        line = None
    return f"{path}:{line}" if line else str(path)


def _did_you_mean(key: str, known, lang: str) -> str:
    """'Did you mean "colours"? ' for a near miss, else ''."""
    import difflib

    close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
    return t("meta.fm.did_you_mean", lang, known=close[0]) + " " if close else ""


def validate_council(council: Any, path: Path) -> dict[str, Any]:
    """Check the ``extra.council`` section and fill in defaults. Raises UserError."""
    lang = cli_language()
    if not isinstance(council, dict):
        raise UserError(
            t("cli.settings_missing", lang, field="extra.council"),
            where=str(path),
            fix=t("cli.settings_missing_fix", lang),
        )
    for key, value in council.items():
        if key not in KNOWN_COUNCIL_KEYS:
            raise UserError(
                t("cli.settings_unknown", lang, field=f"extra.council.{key}"),
                where=_where(path, key),
                fix=_did_you_mean(key, KNOWN_COUNCIL_KEYS, lang)
                + t("cli.settings_unknown_fix", lang, known=", ".join(sorted(KNOWN_COUNCIL_KEYS))),
            )
        allowed = KNOWN_COUNCIL_KEYS[key]
        if allowed and isinstance(value, dict):
            for sub in value:
                if sub not in allowed:
                    raise UserError(
                        t("cli.settings_unknown", lang, field=f"extra.council.{key}.{sub}"),
                        where=_where(path, sub),
                        fix=_did_you_mean(str(sub), allowed, lang)
                        + t("cli.settings_unknown_fix", lang, known=", ".join(sorted(allowed))),
                    )
    name = council.get("name")
    for code in ("en", "cy"):
        if not isinstance(name, dict) or not str(name.get(code) or "").strip():
            raise UserError(
                t("cli.settings_missing", lang, field=f"extra.council.name.{code}"),
                where=_where(path, "council"),
                fix=t("cli.settings_missing_fix", lang),
            )
    jurisdiction = council.get("jurisdiction")
    if jurisdiction not in JURISDICTIONS:
        raise UserError(
            t("cli.settings_bad_value", lang, field="extra.council.jurisdiction", value=jurisdiction),
            where=_where(path, "jurisdiction"),
            fix=t("cli.settings_bad_value_fix", lang, allowed=", ".join(JURISDICTIONS)),
        )
    colours = dict(DEFAULT_COLOURS)
    colours.update(council.get("colours") or {})
    for key, value in colours.items():
        if not isinstance(value, str) or not HEX_COLOUR.match(value):
            raise UserError(
                t("cli.settings_bad_value", lang, field=f"extra.council.colours.{key}", value=value),
                where=_where(path, key),
                fix=t("cli.settings_bad_value_fix", lang, allowed="#1d4f91 (a # and six hex digits)"),
            )
    from localoffer.a11y.contrast import check_council_colours

    for problem in check_council_colours(colours):
        raise UserError(
            problem.message(lang),
            where=_where(path, problem.setting.rsplit(".", 1)[1]),
            fix=problem.fix(lang),
        )
    checks = council.get("checks") or {}
    fail_on = checks.get("fail_on", "error")
    if fail_on not in SEVERITY_NAMES:
        raise UserError(
            t("cli.settings_bad_value", lang, field="extra.council.checks.fail_on", value=fail_on),
            where=_where(path, "fail_on"),
            fix=t("cli.settings_bad_value_fix", lang, allowed=", ".join(SEVERITY_NAMES)),
        )
    words = checks.get("well_known_acronyms")
    if words is not None:
        entries = words if isinstance(words, list) else [words]
        for word in entries:
            if not isinstance(word, str) or not WORD.fullmatch(word.strip()):
                raise UserError(
                    t("cli.settings_bad_word", lang, field="extra.council.checks.well_known_acronyms",
                      value=repr(word) if not isinstance(word, str) else f'"{word}"'),
                    where=_where(path, "well_known_acronyms"),
                    fix=t("cli.settings_bad_word_fix", lang),
                )
    pairs = checks.get("same_web_address")
    if pairs is not None and not (isinstance(pairs, list) and all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(h, str) and WORD_HOST.fullmatch(h.strip())
                                                              for h in pair) for pair in pairs)):
        raise UserError(
            t("cli.settings_bad_value", lang, field="extra.council.checks.same_web_address", value=pairs),
            where=_where(path, "same_web_address"),
            fix=t("cli.settings_bad_value_fix", lang, allowed="[[wrexham.gov.uk, wrecsam.gov.uk]]"),
        )
    allowed = checks.get("allowed_front_matter")
    if allowed is not None:
        from localoffer.pagemeta import BUILD_KEYS

        entries = allowed if isinstance(allowed, list) else [allowed]
        for entry in entries:
            if entry not in BUILD_KEYS:
                raise UserError(
                    t("cli.settings_bad_value", lang, field="extra.council.checks.allowed_front_matter", value=entry),
                    where=_where(path, "allowed_front_matter"),
                    fix=t("cli.settings_bad_value_fix", lang, allowed=", ".join(BUILD_KEYS)),
                )
    for key in ("rule_time_limit", "max_file_kb"):
        value = checks.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise UserError(
                t("cli.settings_bad_value", lang, field=f"extra.council.checks.{key}", value=value),
                where=_where(path, key),
                fix=t("cli.settings_bad_value_fix", lang, allowed="a number above 0"),
            )
    form = council.get("feedback_form")  # an https address, or {url, title_param, page_param}
    if form is not None:
        from localoffer.editing import feedback_form_url

        names = [form.get(k) for k in ("title_param", "page_param") if form.get(k) is not None] \
            if isinstance(form, dict) else []
        if feedback_form_url(form) is None or not all(
                isinstance(n, str) and re.fullmatch(r"[A-Za-z0-9_.\-\[\]]{1,60}", n) for n in names):
            raise UserError(
                t("cli.settings_bad_value", lang, field="extra.council.feedback_form", value=form),
                where=_where(path, "feedback_form"),
                fix=t("cli.settings_bad_value_fix", lang,
                      allowed="https://... (or url: https://..., title_param: page_title, page_param: page_url)"),
            )
    from localoffer.reminders import check_owner_map

    check_owner_map(council.get("owners"), path)  # owner -> GitHub names, with file:line errors
    result = dict(council)
    result["colours"] = colours
    result.setdefault("contact", {})
    return result


def load(config_file: str | Path = "mkdocs.yml") -> Settings:
    """Read and check the site settings from ``config_file``."""
    path = Path(config_file).resolve()
    data = read_yaml(path)
    root = path.parent
    extra = data.get("extra") or {}
    council = validate_council(extra.get("council"), path)

    languages: list[str] = []
    default_language = "en"
    site_names: dict[str, str] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for entry in (plugin["i18n"] or {}).get("languages") or []:
                code = entry.get("locale")
                if not code:
                    continue
                languages.append(code)
                if entry.get("default"):
                    default_language = code
                if entry.get("site_name"):
                    site_names[code] = entry["site_name"]
    if not languages:
        languages = ["en", "cy"]
    for code in languages:
        site_names.setdefault(code, data.get("site_name") or "")

    site_url = data.get("site_url") or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return Settings(
        root=root,
        config_file=path,
        docs_dir=(root / (data.get("docs_dir") or "docs")).resolve(),
        site_dir=(root / (data.get("site_dir") or "site")).resolve(),
        site_url=site_url,
        languages=tuple(languages),
        default_language=default_language,
        site_names=site_names,
        council=council,
        jurisdiction=council["jurisdiction"],
        colours=council["colours"],
        raw=data,
    )
