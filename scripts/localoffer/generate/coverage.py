"""The ``coverage`` section: for editors, which required topics which pages cover.

A hand-written page (for example ``docs/coverage.md``) says ``generate: coverage`` in its
front matter. The table lists every topic of the jurisdiction's checklist
(``data/coverage/<jurisdiction>.yml``), how much it is needed, its legal source and the
pages that declare it in their ``topics``, in the reader's language.
"""

from __future__ import annotations

from pathlib import Path

from localoffer import coverage, source
from localoffer.generate import section_maker
from localoffer.mdtext import escape
from localoffer.messages import t


def read_pages(docs_dir: Path) -> list:
    pages = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        try:
            pages.append(source.read_page(path, path.relative_to(docs_dir).as_posix()))
        except OSError:
            continue
    return pages


def _link(page, here: str) -> str:
    """A Markdown link to ``page`` from the page at ``here`` (both docs-relative paths)."""
    import posixpath

    target = source.base_name(page.path)
    rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
    title = page.front_matter.get("title") or target
    return f"[{escape(title)}]({rel})"


def render(pages: list, jurisdiction: str, lang: str, here: str = "coverage.md") -> str:
    covered = coverage.covering_pages(pages, jurisdiction)
    rows = []
    required = done = 0
    for topic in coverage.checklist(jurisdiction):
        level = topic.get("level", "should")
        in_lang = covered[topic["id"]].get(lang) or []
        anywhere = [p for ps in covered[topic["id"]].values() for p in ps]
        if level in ("must", "should"):
            required += 1
            done += bool(anywhere)
        # prefer the pages in the reader's language; else the English ones
        shown = in_lang or covered[topic["id"]].get("en") or []
        links = ", ".join(_link(p, here) for p in shown) or t("data.coverage.none", lang)
        rows.append(
            f"| {escape(topic.get(lang) or topic['id'])} (`{topic['id']}`) | {t('data.coverage.level.' + level, lang)} "
            f"| {escape(topic.get('source', ''))} | {links} |"
        )
    head = (f"| {t('data.coverage.topic', lang)} | {t('data.coverage.level', lang)} "
            f"| {t('data.coverage.source', lang)} | {t('data.coverage.pages', lang)} |\n| --- | --- | --- | --- |")
    return (
        t("data.coverage.intro", lang, jurisdiction=jurisdiction) + "\n\n"
        + t("data.coverage.summary", lang, covered=done, total=required) + "\n\n"
        + head + "\n" + "\n".join(rows) + "\n"
    )


@section_maker("coverage")
def coverage_section(settings, lang: str, meta: dict) -> str:
    return render(read_pages(settings.docs_dir), settings.jurisdiction, lang)
