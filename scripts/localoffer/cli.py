"""The ``localoffer`` command.

Each sub-command lives in its own module under ``localoffer.commands`` and
provides ``HELP`` (a one-line description), ``add_arguments(parser)`` and
``run(args) -> int``.

Exit status: 0 when all is well, 1 when a check found a problem that reaches the
failing severity, 2 when the tool itself could not run (bad settings, unreadable
file). Problems the editor can fix are printed in plain words, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback

from localoffer import __version__
from localoffer.errors import UserError
from localoffer.messages import cli_language, t

# name -> module. Add a command by adding a module and a line here.
COMMANDS = {
    "build": "localoffer.commands.build",
    "check": "localoffer.commands.check",
    "a11y": "localoffer.commands.a11y",
    "reviews": "localoffer.commands.reviews",
    "import-oruk": "localoffer.commands.import_oruk",
    "translated": "localoffer.commands.translated",
    "translations": "localoffer.commands.translations",
    "new": "localoffer.commands.new",
    "pr-summary": "localoffer.commands.pr_summary",
}

EXIT_OK, EXIT_FINDINGS, EXIT_TOOL = 0, 1, 2


def _parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="localoffer",
        description="Build and check a bilingual Local Offer website.",
    )
    parser.add_argument("--version", action="version", version=f"localoffer {__version__}")
    parser.add_argument(
        "--config", default="mkdocs.yml", help="the site settings file (default: mkdocs.yml)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        modules[name] = module
        command_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command_parser)
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_TOOL
    try:
        return modules[args.command].run(args)
    except UserError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_TOOL
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug in the tool, not the editor's fault
        print(t("cli.internal_error", cli_language()), file=sys.stderr)
        if os.environ.get("LOCALOFFER_DEBUG"):
            traceback.print_exc()
        else:
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_TOOL


if __name__ == "__main__":
    raise SystemExit(main())
