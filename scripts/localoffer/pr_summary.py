"""A short, plain summary of the checks for a pull request's job summary page.

``markdown(document, link_base)`` turns the JSON report of ``localoffer check
--format json`` (version 1, see report.py) into Markdown, in English then Welsh:
whether anything stops the pull request, what to fix first (errors, then the
commonest warnings), how to fix it in the browser, and where to ask for help.
Pure: a dict in, text out.
"""

from __future__ import annotations

from collections import Counter

from localoffer.messages import t

MAX_LISTED = 10


def _link(help_path: str | None, link_base: str) -> str:
    if not help_path:
        return ""
    return link_base + help_path if link_base and not help_path.startswith("http") else help_path


def _language_section(document: dict | None, lang: str, link_base: str, build_failed: bool,
                      build_pending: bool = False) -> list[str]:
    lines = [f"## {t('pr.title', lang)}", ""]
    if build_failed:
        lines += [t("pr.build_failed", lang), ""]
    if not isinstance(document, dict) or "findings" not in document:
        # No report: never say "nothing stops this change" when the checks did not run.
        return lines + [t("pr.no_report", lang), "", t("pr.help", lang), ""]
    findings = document.get("findings") or []
    errors = [f for f in findings if f.get("severity") == "error"]
    warnings = [f for f in findings if f.get("severity") == "warning"]
    suggestions = [f for f in findings if f.get("severity") == "suggestion"]
    if errors:
        lines.append(t("pr.errors", lang, count=len(errors)))
    elif not build_failed:
        # the pull request's first job: the build and browser tests are still to come
        lines.append(t("pr.no_errors_yet" if build_pending else "pr.no_errors", lang))
    lines.append("")
    if errors:
        lines += [f"### {t('pr.fix_first', lang)}", ""]
        for finding in errors[:MAX_LISTED]:
            lines.append(_item(finding, lang, link_base))
        if len(errors) > MAX_LISTED:
            lines.append(t("pr.more", lang, count=len(errors) - MAX_LISTED))
        lines.append("")
    if warnings or suggestions:
        lines += [f"### {t('pr.advice', lang)}", ""]
        lines.append(t("pr.advice_counts", lang, warnings=len(warnings), suggestions=len(suggestions)))
        common = Counter(f.get("rule") for f in warnings).most_common(3)
        for rule, count in common:
            example = next(f for f in warnings if f.get("rule") == rule)
            link = _link(example.get("help"), link_base)
            name = f"[{rule}]({link})" if link else f"`{rule}`"
            lines.append(f"- {name}: {t('pr.times', lang, count=count)}")
        lines.append("")
    if any(f.get("rule") == "i18n/outdated-translation" for f in findings):
        lines += [t("pr.translated_hint", lang), ""]  # no terminal needed: see CONTRIBUTING.md
    lines += [f"### {t('pr.how_title', lang)}", ""]
    for number in range(1, 5):
        lines.append(f"{number}. {t(f'pr.how_{number}', lang)}")
    lines += ["", t("pr.help", lang), ""]
    return lines


def _item(finding: dict, lang: str, link_base: str) -> str:
    where = t("pr.where", lang, file=finding.get("file", "?"), line=finding.get("line", "?"))
    text = f"- **{where}**: {finding.get('message', '').strip()}"
    if finding.get("suggestion"):
        text += f" {t('pr.suggestion', lang, suggestion=finding['suggestion'].strip())}"
    link = _link(finding.get("help"), link_base)
    if link:
        text += f" ([{t('pr.rule_link', lang)}]({link}))"
    return text


def markdown(document: dict | None, link_base: str = "", build_failed: bool = False,
             build_pending: bool = False) -> str:
    """The summary in English, then in Welsh. ``document`` None: the checks did not run."""
    lines = _language_section(document, "en", link_base, build_failed, build_pending)
    lines += ["---", ""]
    lines += _language_section(document, "cy", link_base, build_failed, build_pending)
    return "\n".join(lines).rstrip() + "\n"


