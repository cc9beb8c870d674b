"""``localoffer translated PAGE``: record that a Welsh page is a translation of its English page as it is now.

Writes ``translated_from`` (a hash of the English page, and of each of its sections) into
the Welsh page's front matter, changing no other line. Run it when the Welsh page says
the same as the English page; ``i18n/outdated-translation`` then stays quiet until the
English page changes again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from localoffer import translation
from localoffer.errors import UserError
from localoffer.messages import cli_language, t
from localoffer.source import read_page

HELP = "Record that a Welsh page is up to date with its English page (give either file)."


def add_arguments(parser) -> None:
    parser.add_argument("pages", nargs="+", metavar="PAGE",
                        help="the English or Welsh page, for example docs/schools.md")


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
    for page in args.pages:
        en_path, cy_path = mark_translated(page)
        print(t("i18n.cli.translated_done", lang, cy_path=cy_path, en_path=en_path), file=sys.stdout)
    return 0
