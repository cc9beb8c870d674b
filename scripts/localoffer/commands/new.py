"""``localoffer new "Page title"``: start a page in English and Welsh.

Makes ``docs/<slug>.md`` and ``docs/<slug>.cy.md`` with the details the checks
need at the top (the front matter) and a plain-language outline, never
overwriting a file. If mkdocs.yml has a menu (``nav:``), adds the page at the end
of it, changing only that one line of the file so comments stay; otherwise it
says where to add it.

Without a terminal: the workflow "Add a page" (``.github/workflows/new-page.yml``, run from
the Actions tab) runs it with ``--pull-request``, which puts the new files on a new branch
``new-page/<name>``, pushes it and opens a pull request (``GITHUB_TOKEN``). The titles come
from a form, so they are checked here: plain letters, numbers and everyday punctuation only.
A run stopped by a failed request can be run again: it finds the branch it pushed and opens
the pull request, or says where the open one is.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from localoffer import settings as settings_module
from localoffer.errors import UserError
from localoffer.messages import cli_language, t

HELP = "Start a new page in English and Welsh, with the details at the top filled in."

WELSH_TITLE_NEEDED = "[Welsh title needed] / [Angen teitl Cymraeg]"
WELSH_DESCRIPTION_NEEDED = "[Welsh description needed] / [Angen disgrifiad Cymraeg]"
REVIEW_MONTHS = 6
# Shown (as a YAML comment) when --co-produced-with is not given: an empty value fails the checks.
CO_PRODUCED_HINT = {
    "en": "the group of families who helped write this page (remove the # to use it)",
    "cy": "y grŵp o deuluoedd a helpodd i ysgrifennu'r dudalen hon (tynnwch y # i'w ddefnyddio)",
}

# The outline of a new page: headings families look for, with a hint under each
# (an HTML comment: it does not show on the site). Welsh follows Cymraeg Clir.
OUTLINE = {
    "en": [
        ("What it is", "Say what the help or service is, in one or two short sentences."),
        ("Who can get it", "Say who it is for: ages, needs and where they live."),
        ("How to get it", "List the steps. Start each step with a verb, such as Call or Fill in."),
        ("Contact us", "Give a phone number, an email address and the hours someone answers."),
    ],
    "cy": [
        ("Beth yw hwn", "Dywedwch beth yw'r help neu'r gwasanaeth, mewn un neu ddwy frawddeg fer."),
        ("Pwy all ei gael", "Dywedwch i bwy mae e: oedran, anghenion a ble maen nhw'n byw."),
        ("Sut i'w gael", "Rhestrwch y camau. Dechreuwch bob cam â berf, fel Ffoniwch neu Llenwch."),
        ("Cysylltu â ni", "Rhowch rif ffôn, cyfeiriad e-bost a'r oriau mae rhywun yn ateb."),
    ],
}
INTRO_HINT = {
    "en": "Write for families. Use short sentences and say \"you\". Delete these hints when you finish.",
    "cy": "Ysgrifennwch ar gyfer teuluoedd. Defnyddiwch frawddegau byr a dweud \"chi\". "
          "Dilëwch y nodiadau hyn pan fyddwch chi'n gorffen.",
}


def add_arguments(parser) -> None:
    parser.add_argument("title", help='the English title, for example "Short breaks"')
    parser.add_argument("--title-cy", help="the Welsh title (otherwise it is marked as needed)")
    parser.add_argument("--description", help="one sentence that says what the page is about")
    parser.add_argument("--description-cy", help="the description in Welsh")
    parser.add_argument("--owner", help="the team that keeps the page up to date")
    parser.add_argument(
        "--co-produced-with", default="", help="the group of families who helped write the page"
    )
    parser.add_argument("--slug", help="the file name without .md (made from the title if not given)")
    parser.add_argument("--section", default="", help="a folder in docs/ to put the page in, for example health")
    parser.add_argument("--no-nav", action="store_true", help="do not add the page to the menu")
    parser.add_argument("--pull-request", action="store_true",
                        help="put the page on a new branch, push it and open a pull request "
                             "(needs GITHUB_TOKEN and GITHUB_REPOSITORY, as GitHub Actions gives them)")


MAX_TITLE = 120
# What a page title may contain: letters (with accents, any alphabet), numbers, spaces and
# everyday punctuation. Anything else (< > [ ] ` * # | { } \ and control characters) could
# turn into HTML or Markdown in the page, so it is refused with a message.
_TITLE_PUNCTUATION = set(" '’‘-–,.&()!?:;/")
_PART = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


def check_title(value: str | None, lang: str, required: bool = False) -> str | None:
    """The title, tidied (spaces), or None when empty and not required. Raises UserError."""
    text = " ".join(str(value or "").split())
    if not text:
        if required:
            raise UserError(t("cli.new_empty_title", lang), fix=t("cli.new_text_fix", lang))
        return None
    shown = text if len(text) <= 60 else text[:59] + "…"
    if len(text) > MAX_TITLE:
        raise UserError(t("cli.new_long_title", lang, count=len(text), max=MAX_TITLE, value=shown),
                        fix=t("cli.new_text_fix", lang))
    for char in text:
        if not (unicodedata.category(char)[0] in "LMN" or char in _TITLE_PUNCTUATION):
            raise UserError(t("cli.new_bad_char", lang, char=ascii(char)[1:-1] if not char.isprintable() else char,
                              value=shown), fix=t("cli.new_text_fix", lang))
    return text


def check_path_part(value: str, option: str, lang: str) -> str:
    """A --slug or --section: lower-case letters, numbers and -, folders split by /."""
    text = str(value or "").strip().strip("/")
    parts = text.split("/") if text else []
    if len(parts) > 3 or not all(_PART.fullmatch(part) for part in parts):
        raise UserError(t("cli.new_bad_path", lang, option=option, value=value), fix=t("cli.new_bad_path_fix", lang))
    return "/".join(parts)


def slugify(title: str) -> str:
    """``Short breaks & respite`` -> ``short-breaks-respite``; Welsh accents are dropped (ŵ -> w)."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _yaml_text(value: str) -> str:
    """A YAML scalar on one line, quoted only when it needs to be."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def page_text(lang: str, title: str, description: str, owner: str, co_produced_with: str,
              today: dt.date) -> str:
    """The text of a new page in ``lang``."""
    lines = [
        "---",
        f"title: {_yaml_text(title)}",
        f"description: {_yaml_text(description)}",
        f"last_reviewed: {today.isoformat()}",
        f"review_due: {add_months(today, REVIEW_MONTHS).isoformat()}",
        f"owner: {_yaml_text(owner)}",
        "topics: []",
        f"co_produced_with: {_yaml_text(co_produced_with)}" if co_produced_with
        else f"# co_produced_with: {CO_PRODUCED_HINT[lang]}",
        "---",
        "",
        f"# {title}",
        "",
        f"<!-- {INTRO_HINT[lang]} -->",
    ]
    for heading, hint in OUTLINE[lang]:
        lines += ["", f"## {heading}", "", f"<!-- {hint} -->"]
    return "\n".join(lines) + "\n"


_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def add_to_nav(config_text: str, entry: str) -> tuple[str, int] | None:
    """``config_text`` with ``- entry`` added at the end of the top-level ``nav:`` list,
    and the (1-based) line it is on. None when there is no block-style ``nav:``.
    Only one line is added: comments and layout stay as they are."""
    lines = config_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    last_item, indent = None, None
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _TOP_KEY.match(lines[i]):  # the next top-level setting: the list ended
            break
        if indent is None:
            if not stripped.startswith("-"):
                return None
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        last_item = i
    if last_item is None:
        return None
    newline = "\n" if lines[last_item].endswith("\n") else ""
    if not newline:
        lines[last_item] += "\n"
    lines.insert(last_item + 1, f"{indent}- {entry}\n")
    return "".join(lines), last_item + 2


def _nav_entries(nav) -> list[str]:
    found = []
    for item in nav or []:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found.extend(_nav_entries(value) if isinstance(value, list) else [value])
    return found


def run(args) -> int:
    lang = cli_language()
    settings = settings_module.load(args.config)
    args.title = check_title(args.title, lang, required=True)
    args.title_cy = check_title(args.title_cy, lang)
    section = check_path_part(getattr(args, "section", "") or "", "--section", lang)
    slug = check_path_part(args.slug, "--slug", lang) if args.slug else slugify(args.title)[:80].strip("-")
    if not slug or not re.fullmatch(r"[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*", slug):
        raise UserError(t("cli.new_bad_title", lang, title=args.title), fix=t("cli.new_bad_title_fix", lang))
    if section:
        slug = f"{section}/{slug}"
    if getattr(args, "pull_request", False):
        from localoffer import new_page_pr

        return new_page_pr.make(args, settings, slug, lambda: _make_files(args, settings, slug, lang), lang)
    _make_files(args, settings, slug, lang)
    return 0


def _make_files(args, settings, slug: str, lang: str) -> list[Path]:
    """Write both files (and the menu line); return the files changed."""
    docs = settings.docs_dir
    english, welsh = docs / f"{slug}.md", docs / f"{slug}.cy.md"
    for path in (english, welsh):
        if path.exists():
            raise UserError(
                t("cli.new_exists", lang, path=_shown(path, settings.root)),
                fix=t("cli.new_exists_fix", lang),
            )
    today = dt.date.today()
    council = settings.council_name
    owner = args.owner or council["en"]
    texts = {
        english: page_text(
            "en", args.title, args.description or f"{args.title}: who can get it and how.",
            owner, args.co_produced_with, today,
        ),
        welsh: page_text(
            "cy", args.title_cy or f"{args.title} {WELSH_TITLE_NEEDED}",
            args.description_cy or WELSH_DESCRIPTION_NEEDED,
            args.owner or council["cy"], args.co_produced_with, today,
        ),
    }
    english.parent.mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
        print(t("cli.new_created", lang, path=_shown(path, settings.root)))
    changed = [english, welsh]
    if not args.no_nav and _update_nav(settings, f"{slug}.md", lang):
        changed.append(settings.config_file)
    print(t("cli.new_next", lang))
    return changed


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _update_nav(settings, entry: str, lang: str) -> bool:
    """Add ``entry`` to the menu; True when mkdocs.yml was changed."""
    config = settings.config_file
    shown = _shown(config, settings.root)
    if "nav" not in settings.raw:
        print(t("cli.new_nav_missing", lang, config=shown))
        return False
    text = config.read_text(encoding="utf-8")
    changed = add_to_nav(text, entry)
    if changed is not None:
        new_text, line = changed
        try:
            data = yaml.load(new_text, Loader=settings_module._Loader)  # noqa: S506 - a SafeLoader
        except yaml.YAMLError:
            data = None
        if data and entry in _nav_entries(data.get("nav")) and _same_except_nav(settings.raw, data):
            config.write_text(new_text, encoding="utf-8")
            print(t("cli.new_nav_added", lang, config=shown, line=line))
            return True
    print(t("cli.new_nav_manual", lang, config=shown, entry=entry), file=sys.stderr)
    return False


def _same_except_nav(before: dict, after: dict) -> bool:
    return {k: v for k, v in before.items() if k != "nav"} == {k: v for k, v in after.items() if k != "nav"}
