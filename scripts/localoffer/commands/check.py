"""``localoffer check``: placeholder until the plain-language checker lands (issue 3)."""

HELP = "Check Markdown pages for plain language, accessibility and Welsh problems."


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*")


def run(args) -> int:
    return 0
