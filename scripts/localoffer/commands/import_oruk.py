"""``localoffer import-oruk FILE``: turn an Open Referral UK JSON export into service files.

Reads a list of services (or ``{"contents": [...]}`` / ``{"items": [...]}`` as an ORUK API
page gives them, or one service), writes ``data/services/<id>.yml`` beside mkdocs.yml, and
reports, for each service, the fields it could not map. Welsh text is copied from English:
translate it before you publish. Existing files are kept unless ``--overwrite``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from localoffer import services
from localoffer import settings as settings_module
from localoffer.errors import UserError
from localoffer.messages import cli_language, t

HELP = "Turn an Open Referral UK JSON export into service files in data/services/."


def add_arguments(parser) -> None:
    parser.add_argument("file", help="the Open Referral UK JSON file")
    parser.add_argument("--overwrite", action="store_true", help="replace service files that exist")
    parser.add_argument("--out", help="where to write (default: data/services beside mkdocs.yml)")


def records(data) -> list[dict]:
    if isinstance(data, dict):
        for key in ("contents", "items", "services", "content"):
            if isinstance(data.get(key), list):
                return [r for r in data[key] if isinstance(r, dict)]
        return [data]
    if isinstance(data, list):
        return [r for r in data if isinstance(r, dict)]
    return []


def import_file(path: Path, out_dir: Path, overwrite: bool = False) -> list[tuple[str, list[str], bool]]:
    """Write one YAML file per service; return ``(file name, unmapped fields, written)``."""
    lang = cli_language()
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UserError(t("cli.import_no_file", lang, path=path)) from None
    except json.JSONDecodeError as error:
        raise UserError(t("cli.import_bad_json", lang, problem=error.msg), where=f"{path}:{error.lineno}") from None
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    used: set[str] = set()
    for record in records(data):
        service, unmapped = services.from_oruk(record)
        base, n = service["id"], 2
        while service["id"] in used:
            service["id"] = f"{base}-{n}"
            n += 1
        used.add(service["id"])
        target = out_dir / f"{service['id']}.yml"
        written = overwrite or not target.exists()
        if written:
            target.write_text(services.to_yaml(service), encoding="utf-8")
        results.append((target.name, unmapped, written))
    return results


def run(args) -> int:
    lang = cli_language()
    if args.out:
        out_dir = Path(args.out)
    else:
        out_dir = settings_module.load(args.config).root / services.SERVICES_DIR
    results = import_file(Path(args.file), out_dir, args.overwrite)
    for name, unmapped, written in results:
        print(t("cli.import_written" if written else "cli.import_kept", lang, file=name))
        for field in unmapped:
            print("  " + t("cli.import_unmapped", lang, field=field))
    print(t("cli.import_done", lang, count=sum(1 for r in results if r[2]), folder=out_dir))
    return 0
