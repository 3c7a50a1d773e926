"""A :class:`~qd213_rules.compare.Comparison` as text, JSON, Markdown or HTML.

For analysts and committee staff: members and organisations by name, duties by title, statuses
in words, dates as dd/mm/yyyy, and the differing policy values by their labels; the JSON keeps
the ids for programs. The HTML is one self-contained page in the look of the HTML report (its
stylesheet and status colours inline, no script, no request) that opens in any browser or mail
client; it needs no Jinja2.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from ..compare import ABSENT, Change, Comparison, ReadingInfo
from ..messages import Lang, t
from .common import subject_names
from .markdown import escape_cell
from ..words import format_date

if TYPE_CHECKING:
    from ..facts import FactSet

__all__ = ["CompareFormat", "COMPARE_FORMATS", "render_comparison", "show_value"]

CompareFormat = Literal["text", "json", "markdown", "html"]
COMPARE_FORMATS: tuple[CompareFormat, ...] = ("text", "json", "markdown", "html")



def render_comparison(
    comparison: Comparison,
    fmt: CompareFormat,
    *,
    lang: Lang,
    facts: FactSet | None = None,
    source: str | None = None,
    policies: tuple[str | None, str | None] = (None, None),
) -> str:
    """The comparison in ``fmt``. ``facts`` gives names and occasion dates; ``source`` is the
    facts file as the user named it; ``policies`` the two policy files (``None``: defaults)."""
    if fmt == "json":
        return comparison.to_json()
    view = _View(comparison, lang, facts, source, policies)
    if fmt == "text":
        return view.text()
    if fmt == "markdown":
        return view.markdown()
    if fmt == "html":
        return view.html()
    raise ValueError(f"unknown comparison format {fmt!r}")


def show_value(value: Any, lang: Lang, *, days: bool = False) -> str:
    """A policy value in words: ``30 ngày``, ``có``/``không``, ``tắt`` (off), ``12-20``."""
    if value is None:
        return t("compare.value.none", lang)
    if isinstance(value, bool):
        return t("compare.value.on" if value else "compare.value.off_switch", lang)
    if isinstance(value, int) and days:
        return t("compare.value.days", lang, days=value)
    return str(value)


def parameter_label(name: str, lang: Lang) -> str:
    """``timely_days.D2.K7b`` → the policy label and the duty's title."""
    field, _, duty = name.partition(".")
    text = t(f"policy.{field}.label", lang)
    return f"{text}: {t(f'obligation.{duty}.title', lang)}" if duty else text


class _View:
    def __init__(self, comparison: Comparison, lang: Lang, facts: FactSet | None, source: str | None,
                 policies: tuple[str | None, str | None]) -> None:  # fmt: skip
        self.c = comparison
        self.lang: Lang = lang
        self.facts = facts
        self.source = source
        self.policies = policies
        self.names = subject_names(facts)

    # -- words shared by every format ------------------------------------------------------

    def status(self, state: str) -> str:
        return t("compare.absent", self.lang) if state == ABSENT else t(f"status.{state}", self.lang)

    def who(self, entity_id: str) -> str:
        return self.names.get(entity_id, entity_id)

    def duty(self, change: Change) -> str:
        """The duty's title, the occasion (date or period) and, when someone else carries it
        out, who."""
        lang = self.lang
        parts = [t(f"obligation.{change.obligation_id}.title", lang)]
        result = change.after or change.before
        assert result is not None
        if result.period:
            parts.append(t("compare.period", lang, period=result.period))
        elif result.trigger_event_id and self.facts is not None and result.trigger_event_id in self.facts.events:
            day = self.facts.events[result.trigger_event_id].date
            parts.append(t("compare.occasion", lang, date=format_date(day, lang)))
        if result.bearer_id != result.subject_id:
            parts.append(t("compare.bearer", lang, name=self.who(result.bearer_id)))
        return " — ".join(parts)

    def side(self, change: Change, which: str) -> tuple[str, str]:
        """(status with due date, reason) of one side."""
        result = change.before if which == "before" else change.after
        if result is None:
            return self.status(ABSENT), ""
        status = self.status(result.status.value)
        if result.due_date is not None:
            status += f" ({t('compare.due', self.lang, date=format_date(result.due_date, self.lang))})"
        return status, result.message

    def reading(self, which: int) -> str:
        info = self.c.before if which == 0 else self.c.after
        policy = self.policies[which] or t("compare.default_policy", self.lang)
        return t("compare.reading", self.lang, as_of=format_date(info.as_of, self.lang), policy=policy)

    def differences(self) -> list[str]:
        lang = self.lang
        out = []
        if self.c.before.as_of != self.c.after.as_of:
            out.append(t("compare.as_of_difference", lang, before=format_date(self.c.before.as_of, lang),
                         after=format_date(self.c.after.as_of, lang)))  # fmt: skip
        before, after = _rules(self.c.before), _rules(self.c.after)
        if before != after:
            out.append(t("compare.regulation_difference", lang, before=before, after=after))
        for name, old, new in self.c.policy_changes():
            days = name.endswith("_days") or name.startswith("timely_days")
            out.append(f"{parameter_label(name, lang)}: {show_value(old, lang, days=days)} → "
                       f"{show_value(new, lang, days=days)}")  # fmt: skip
        if not self.c.policy_changes() and len(out) == 0:
            out.append(t("compare.no_policy_difference", lang))
        return out

    def counts(self) -> str:
        return t("compare.counts", self.lang, **{k: f"{v:,}" for k, v in self.c.counts().items()})

    def matrix(self) -> tuple[list[str], list[str]]:
        return self.c.matrix_rows(compact=True)

    def grouped(self) -> list[tuple[str, list[Change]]]:
        """Changes by the subject's name (then id), in the comparison's order within each."""
        groups: dict[str, list[Change]] = {}
        for change in self.c.changes:
            groups.setdefault(change.subject_id, []).append(change)
        return sorted(groups.items(), key=lambda item: (self.who(item[0]), item[0]))

    # -- formats ---------------------------------------------------------------------------

    def text(self) -> str:
        lang = self.lang
        lines = [t("compare.title", lang) + (f" — {self.source}" if self.source else "")]
        lines.append(f"  {t('compare.before', lang)}: {self.reading(0)}")
        lines.append(f"  {t('compare.after', lang)}: {self.reading(1)}")
        lines.append(f"  {t('compare.differences', lang)}:")
        lines += [f"    {d}" for d in self.differences()]
        lines.append("  " + self.counts())
        if not self.c.changed:
            return "\n".join([*lines, "", t("compare.nothing_changed", lang)]) + "\n"
        rows, cols = self.matrix()
        heads = [self.status(s) for s in cols]
        first = max(len(self.status(r)) for r in rows)
        widths = [max(len(h), 5) for h in heads]
        lines += ["", t("compare.matrix", lang)]
        lines.append("  " + " " * first + "".join(f"  {h:>{w}}" for h, w in zip(heads, widths, strict=True)))
        for r in rows:
            cells = "".join(f"  {self.c.matrix[r][s]:>{w},}" for s, w in zip(cols, widths, strict=True))
            lines.append(f"  {self.status(r):<{first}}{cells}")
        lines += ["", t("compare.changes", lang)]
        for subject, changes in self.grouped():
            lines.append("")
            lines.append(self.who(subject))
            for change in changes:
                lines.append(f"  {self.duty(change)} [{t(f'compare.kind.{change.kind}', lang)}]")
                for which in ("before", "after"):
                    status, reason = self.side(change, which)
                    label = t(f"compare.{which}", lang)
                    lines.append(f"    {label}: {status}" + (f" — {reason}" if reason else ""))
        return "\n".join(lines) + "\n"

    def markdown(self) -> str:
        lang = self.lang
        out = [f"## {t('compare.title', lang)}", ""]
        if self.source:
            out += [t("compare.source", lang, source=f"`{self.source}`"), ""]
        out.append(f"- **{t('compare.before', lang)}:** {escape_cell(self.reading(0))}")
        out.append(f"- **{t('compare.after', lang)}:** {escape_cell(self.reading(1))}")
        out.append(f"- **{t('compare.differences', lang)}:** " + "; ".join(escape_cell(d) for d in self.differences()))
        out += ["", self.counts(), ""]
        if not self.c.changed:
            return "\n".join([*out, t("compare.nothing_changed", lang), ""])
        rows, cols = self.matrix()
        out += [f"### {t('compare.matrix', lang)}", ""]
        out.append("| | " + " | ".join(self.status(s) for s in cols) + " |")
        out.append("|---|" + "---:|" * len(cols))
        for r in rows:
            out.append(f"| **{self.status(r)}** | " + " | ".join(f"{self.c.matrix[r][s]:,}" for s in cols) + " |")
        out += ["", f"### {t('compare.changes', lang)}", ""]
        heads = ("who", "duty", "before", "after", "why_before", "why_after")
        out.append("| " + " | ".join(t(f"compare.col.{h}", lang) for h in heads) + " |")
        out.append("|" + "---|" * len(heads))
        for subject, changes in self.grouped():
            for change in changes:
                before, why_before = self.side(change, "before")
                after, why_after = self.side(change, "after")
                cells = (self.who(subject), self.duty(change), before, after, why_before, why_after)
                out.append("| " + " | ".join(escape_cell(c) for c in cells) + " |")
        return "\n".join(out) + "\n"

    def html(self) -> str:
        """One self-contained page in the HTML report's look (its stylesheet and status colours,
        inline; no script, and a Content-Security-Policy that forbids any request)."""
        lang = self.lang
        e: Callable[[str], str] = html.escape
        title = t("compare.title", lang)
        colours = "".join(f".s-{status} {{ --c: {colour}; }}\n" for status, colour in _status_colours().items())
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\';'
            ' base-uri \'none\'; form-action \'none\'">',
            f"<title>{e(title)}</title>",
            f"<style>\n{_report_css()}{colours}{_CSS}</style>",
            "</head>",
            "<body>",
            '<header class="top"><div class="wrap">',
            f'<p class="kicker">{e(self.source or "")}</p>' if self.source else "",
            f"<h1>{e(title)}</h1>",
            f'<p class="asof">{e(self.reading(0))} → {e(self.reading(1))}</p>',
            "</div></header>",
            '<main class="wrap">',
            f'<div class="verdict {"fail" if self.c.changed else "pass"}">{e(self.counts())}</div>',
            '<dl class="meta">',
            f"<dt>{e(t('compare.before', lang))}</dt><dd>{e(self.reading(0))}</dd>",
            f"<dt>{e(t('compare.after', lang))}</dt><dd>{e(self.reading(1))}</dd>",
            f"<dt>{e(t('compare.differences', lang))}</dt><dd>"
            + "<br>".join(e(d) for d in self.differences()) + "</dd>",
            "</dl>",
        ]
        if not self.c.changed:
            parts.append(f"<p>{e(t('compare.nothing_changed', lang))}</p>")
        else:
            rows, cols = self.matrix()
            parts.append(f"<h2>{e(t('compare.matrix', lang))}</h2>")
            parts.append('<div class="scroll"><table class="matrix"><thead><tr><th></th>'
                         + "".join(f'<th class="num">{self._badge(s)}</th>' for s in cols) + "</tr></thead><tbody>")  # fmt: skip
            for r in rows:
                cells = "".join(
                    f'<td class="num {"same" if r == s else "moved" if self.c.matrix[r][s] else "zero"}">'
                    f"{self.c.matrix[r][s]:,}</td>"
                    for s in cols
                )
                parts.append(f"<tr><th>{self._badge(r)}</th>{cells}</tr>")
            parts.append("</tbody></table></div>")
            parts.append(f"<h2>{e(t('compare.changes', lang))}</h2>")
            heads = ("who", "duty", "before", "after", "why_before", "why_after")
            parts.append('<div class="scroll"><table><thead><tr>'
                         + "".join(f"<th>{e(t(f'compare.col.{h}', lang))}</th>" for h in heads)
                         + "</tr></thead><tbody>")  # fmt: skip
            for subject, changes in self.grouped():
                for change in changes:
                    before, why_before = self.side(change, "before")
                    after, why_after = self.side(change, "after")
                    parts.append(
                        f"<tr><td>{e(self.who(subject))}</td><td>{e(self.duty(change))}</td>"
                        f"<td>{self._badge(change.before_status, before)}</td>"
                        f"<td>{self._badge(change.after_status, after)}</td>"
                        f'<td class="muted">{e(why_before)}</td><td>{e(why_after)}</td></tr>'
                    )
            parts.append("</tbody></table></div>")
        parts += ["</main>", "</body>", "</html>"]
        return "\n".join(p for p in parts if p) + "\n"

    def _badge(self, state: str, text: str | None = None) -> str:
        return f'<span class="badge s-{state}">{html.escape(text or self.status(state))}</span>'


def _status_colours() -> dict[str, str]:
    from .html import STATUS_COLOURS

    return {**STATUS_COLOURS, ABSENT: "#8a8a8a"}


def _report_css() -> str:
    """The HTML report's stylesheet (``templates/report.css``), so both pages look alike."""
    from importlib import resources

    return resources.files("qd213_rules").joinpath("render/templates/report.css").read_text(encoding="utf-8")


def _rules(info: ReadingInfo) -> str:
    """The regulations (id, date signed) and the catalogue version a reading applied."""
    regulations = "; ".join(f"{r['id']} {r['signed']}" for r in info.regulation)
    return f"{regulations} ({info.catalogue_version})"


_CSS = (
    "table.matrix td.same { background: var(--soft); }\n"
    "table.matrix td.moved { background: #fff3cd; font-weight: 700; }\n"
    "table.matrix td.zero { color: #aab2ba; }\n"
    ".verdict { margin-top: 1.2rem; }\n"
)
