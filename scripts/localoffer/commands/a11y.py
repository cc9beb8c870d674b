"""``localoffer a11y``: placeholder until the pa11y-ci runner lands (issue 4)."""

HELP = "Test every built page in a real browser with pa11y-ci (WCAG 2.2 AA)."


def add_arguments(parser) -> None:
    parser.add_argument("site_dir", nargs="?")


def check_built_site(settings, site_dir, args) -> int:
    return 0


def run(args) -> int:
    return 0
