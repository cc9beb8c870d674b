"""``localoffer translated PAGE``: record that a Welsh page is a translation of its English page as it is now.

Writes ``translated_from`` (a hash of the English page, and of each of its sections) into
the Welsh page's front matter, changing no other line. Run it when the Welsh page says
the same as the English page; ``i18n/outdated-translation`` then stays quiet until the
English page changes again.

Without a terminal (see CONTRIBUTING.md): ``--suggest --changed-since REF`` works out, for each
Welsh page changed since ``REF`` whose record is missing or old, the exact lines to put in its
front matter (``--format json`` for the workflow); ``--post-suggestions FILE`` posts them on the
pull request as suggested changes the volunteer commits in the browser (``localoffer.suggestions``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from localoffer import suggestions, translation
from localoffer.errors import UserError
from localoffer.messages import cli_language, t
from localoffer.source import read_page

HELP = "Record that a Welsh page is up to date with its English page (give either file)."


def add_arguments(parser) -> None:
    parser.add_argument("pages", nargs="*", metavar="PAGE",
                        help="the English or Welsh page, for example docs/schools.md")
    parser.add_argument("--suggest", action="store_true",
                        help="change nothing: say which lines to change in each Welsh page changed since "
                             "--changed-since whose record is missing or old")
    parser.add_argument("--changed-since", metavar="REF", default=None,
                        help="with --suggest: the branch the changes are compared with (for example origin/main)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="with --suggest: output format")
    parser.add_argument("--pull-request", default=None, help="with --suggest: the pull request's number")
    parser.add_argument("--head-sha", default=None, help="the pull request's head commit")
    parser.add_argument("--post-suggestions", metavar="FILE", default=None,
                        help="post the suggestions in FILE (made by --suggest --format json) on the pull request "
                             "(needs GITHUB_TOKEN and GITHUB_REPOSITORY)")


def mark_translated(page_path: str | Path) -> tuple[Path, Path]:
    """Write the record into the Welsh page of ``page_path``; return (English, Welsh) paths."""
    lang = cli_language()
    en_path = Path(translation.english_name(page_path))
    cy_path = Path(translation.welsh_name(page_path))
    if not en_path.is_file():
        raise UserError(t("i18n.cli.no_english", lang, path=en_path))
    if not cy_path.is_file():
        raise UserError(t("i18n.cli.no_welsh", lang, path=cy_path))
    print_ = translation.fingerprint(read_page(en_path))
    raw = cy_path.read_bytes().decode("utf-8")
    try:
        new = translation.record_text(raw, print_)
    except ValueError as error:
        raise UserError(t("i18n.cli.bad_front_matter", lang, path=cy_path, problem=error)) from None
    check = translation.recorded(translation.parse_text(new, str(cy_path)))
    if check is None or check["hash"] != print_["hash"]:
        raise UserError(t("i18n.cli.bad_front_matter", lang, path=cy_path, problem="YAML"))
    if new != raw:
        cy_path.write_bytes(new.encode("utf-8"))
    return en_path, cy_path


def run(args) -> int:
    lang = cli_language()
    if getattr(args, "post_suggestions", None):
        return _post(args, lang)
    if getattr(args, "suggest", False):
        return _suggest(args, lang)
    if not args.pages:
        raise UserError(t("tr.need_pages", lang))
    for page in args.pages:
        en_path, cy_path = mark_translated(page)
        print(t("i18n.cli.translated_done", lang, cy_path=cy_path, en_path=en_path), file=sys.stdout)
    return 0


def _suggest(args, lang: str) -> int:
    from localoffer import settings as settings_module

    settings = settings_module.load(args.config)
    number = args.pull_request
    if number is not None:
        if not str(number).isdigit():
            raise UserError(t("gh.bad_setting", lang, name="--pull-request", value=number))
        number = int(number)
    items = suggestions.collect(settings, args.changed_since or "origin/main")
    if args.format == "json":
        document = suggestions.document(items, number, args.head_sha)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(suggestions.render_text(items, lang))
    return 0


def _post(args, lang: str) -> int:
    from localoffer.github_api import GitHub

    checked = suggestions.read_document(args.post_suggestions)  # untrusted: checked before any request
    github = GitHub.from_env()
    server = os.environ.get("GITHUB_SERVER_URL") or "https://github.com"
    done = suggestions.post(github, checked, args.head_sha or "", server)
    if done.get("stale"):
        print(t("tr.cli.stale", lang, number=done["number"]))
    else:
        print(t("tr.cli.posted", lang, **done))
    return 0
