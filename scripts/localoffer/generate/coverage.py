"""The ``coverage`` section: for editors, which required topics which pages cover.

A hand-written page (for example ``docs/coverage.md``) says ``generate: coverage`` in its
front matter. The table lists every topic of the jurisdiction's checklist
(``data/coverage/<jurisdiction>.yml``), how much it is needed, its legal source and the
pages that declare it in their ``topics``, in the reader's language. The topics no page
covers yet come first.

A topic covered by more than ``INLINE`` pages shows how many, with a link to a page of its
own (``coverage/<topic>.md``, over ``coverage/<topic>/page-2.md`` ... when it is long) that
lists them all, so the coverage page stays small however many pages the site has.
"""

from __future__ import annotations

from pathlib import Path

from localoffer import coverage, source
from localoffer.generate import page_maker, pagination, section_maker
from localoffer.mdtext import escape
from localoffer.messages import t, tn

GENERATE = "coverage"
# A topic with more pages than this links to a page of its own instead of naming them.
INLINE = 3
LEVEL_ORDER = {"must": 0, "should": 1, "may": 2}


def read_pages(docs_dir: Path) -> list:
    return list(pagination.docs_pages(docs_dir))


def _link(page, here: str) -> str:
    """A Markdown link to ``page`` from the page at ``here`` (both docs-relative paths)."""
    target = source.base_name(page.path)
    title = page.front_matter.get("title") or target
    return f"[{escape(title)}]({pagination.relative(target, here)})"


def _shown(covered: dict[str, list], lang: str) -> list:
    """The pages to show for a topic in ``lang``: those in ``lang``, else the English ones."""
    return covered.get(lang) or covered.get("en") or []


def topic_page_ids(pages: list, jurisdiction: str, languages=("en", "cy")) -> list[str]:
    """The topics that get a page of their own: more than ``INLINE`` pages in some language."""
    covered = coverage.covering_pages(pages, jurisdiction)
    return [topic["id"] for topic in coverage.checklist(jurisdiction)
            if any(len(_shown(covered[topic["id"]], lang)) > INLINE for lang in languages)]


def ordered_topics(pages: list, jurisdiction: str) -> list[dict]:
    """The checklist with the required topics no page covers first (must, then should)."""
    covered = coverage.covering_pages(pages, jurisdiction)

    def gap(topic) -> bool:
        return topic.get("level", "should") in ("must", "should") and not any(covered[topic["id"]].values())

    topics = list(coverage.checklist(jurisdiction))
    return sorted(topics, key=lambda topic: (not gap(topic), LEVEL_ORDER.get(topic.get("level", "should"), 3)
                                             if gap(topic) else 0))


def render(pages: list, jurisdiction: str, lang: str, here: str = "coverage.md",
           languages=("en", "cy")) -> str:
    covered = coverage.covering_pages(pages, jurisdiction)
    own_page = set(topic_page_ids(pages, jurisdiction, languages))
    folder = pagination.folder_of(here)
    rows = []
    required = done = 0
    for topic in ordered_topics(pages, jurisdiction):
        level = topic.get("level", "should")
        anywhere = [p for ps in covered[topic["id"]].values() for p in ps]
        if level in ("must", "should"):
            required += 1
            done += bool(anywhere)
        shown = _shown(covered[topic["id"]], lang)
        if topic["id"] in own_page and len(shown) > INLINE:
            target = pagination.relative(f"{folder}/{topic['id']}.md", here)
            links = f"[{tn('pages.count', lang, len(shown))}]({target})"
        else:
            links = ", ".join(_link(p, here) for p in shown) or t("data.coverage.none", lang)
        rows.append(
            f"| {escape(topic.get(lang) or topic['id'])} (`{topic['id']}`) | {t('data.coverage.level.' + level, lang)} "
            f"| {escape(topic.get('source', ''))} | {links} |"
        )
    head = (f"| {t('data.coverage.topic', lang)} | {t('data.coverage.level', lang)} "
            f"| {t('data.coverage.source', lang)} | {t('data.coverage.pages', lang)} |\n| --- | --- | --- | --- |")
    first = (" " + t("pages.coverage_first", lang)) if done < required else ""
    return (
        t("data.coverage.intro", lang, jurisdiction=jurisdiction) + "\n\n"
        + t("data.coverage.summary", lang, covered=done, total=required) + first + "\n\n"
        + head + "\n" + "\n".join(rows) + "\n"
    )


def topic_pages(pages: list, jurisdiction: str, page: pagination.HandWritten, lang: str,
                languages=("en", "cy")) -> dict[str, str]:
    """A page per topic with more than ``INLINE`` pages: every page that covers it."""
    covered = coverage.covering_pages(pages, jurisdiction)
    topics = {topic["id"]: topic for topic in coverage.checklist(jurisdiction)}
    folder = pagination.folder_of(page.path)
    per_page = pagination.PAGES_PER_PAGE
    out: dict[str, str] = {}
    for topic_id in topic_page_ids(pages, jurisdiction, languages):
        topic = topics[topic_id]
        lists = {code: sorted(_shown(covered[topic_id], code),
                              key=lambda p: str(p.front_matter.get("title") or p.path).lower())
                 for code in languages}
        count = pagination.page_count((len(items) for items in lists.values()), per_page)
        paths = pagination.page_paths(f"{folder}/{topic_id}.md", count)
        chunks = pagination.split(lists.get(lang, []), count, per_page)
        title = f"{page.title(lang)}: {topic.get(lang) or topic_id}"
        first = 1
        for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
            page_title = pagination.numbered_title(title, number, count, lang)
            lines = [pagination.front_matter_like(page.meta(lang), page_title, search_exclude=True)
                     + pagination.heading(page_title),
                     t("pages.coverage_topic_intro", lang, id=f"`{topic_id}`"), ""]
            status = pagination.showing("pages", lang, number, count, first, len(chunk), len(lists.get(lang, [])))
            if status:
                lines += [status, ""]
            lines += [f"- {_link(p, path)}" for p in chunk]
            links = pagination.nav(paths, number, lang)
            if links:
                lines += ["", links]
            lines += ["", f"[{t('pages.coverage_back', lang)}]({pagination.relative(page.path, path)})", ""]
            out[path] = "\n".join(lines)
            first += len(chunk)
    return out


@section_maker(GENERATE)
def coverage_section(settings, lang: str, meta: dict) -> str:
    page = pagination.the_page(settings.docs_dir, GENERATE, meta, lang, "coverage.md")
    return render(read_pages(settings.docs_dir), settings.jurisdiction, lang, page.path,
                  tuple(settings.languages))


@page_maker(GENERATE)
def coverage_topic_pages(settings, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for page in pagination.hand_written(settings.docs_dir, GENERATE):
        out.update(topic_pages(read_pages(settings.docs_dir), settings.jurisdiction, page, lang,
                               tuple(settings.languages)))
    return out
