"""The obligation catalogue as a legal analyst reads it, clause by clause.

For each duty: id, citation, title, the exact Vietnamese text, the English summary, bearer,
subject, kind, deadline parameter, violation grounds, member categories, period in force and
the product's interpretation note. Three formats: ``text`` (a terminal), ``json`` (a list of
objects with stable keys, for tools) and ``markdown`` (``docs/obligations.md``, grouped by
article with a heading per clause). The output depends only on the catalogue and the language:
the same catalogue always gives the same bytes.

``docs/obligations.md`` is this module's output; regenerate it with
``python -m qd213_rules.render.obligations > docs/obligations.md``.

>>> import json
>>> entries = json.loads(render_obligations("json", "en"))
>>> len(entries), entries[0]["id"], entries[0]["citation"]["text"]
(55, 'D1.K1a', 'Regulation 213-QĐ/TW, Article 1(1)')
>>> render_obligations("markdown", "vi").splitlines()[0]
'# Danh mục nghĩa vụ — Quy định 213-QĐ/TW'
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from ..articles import CATALOGUE_VERSION, OBLIGATIONS, REGULATION_ID, REGULATION_SIGNED
from ..articles._model import Obligation
from ..articles._text import article_heading, clause_text
from ..messages import Lang, t
from ..words import role_label

__all__ = ["Format", "FORMATS", "render_obligations", "deadline_params", "main"]

Format = Literal["text", "json", "markdown"]
FORMATS: tuple[Format, ...] = ("text", "json", "markdown")

REGENERATE = "python -m qd213_rules.render.obligations > docs/obligations.md"
"""The command that writes docs/obligations.md (the drift test prints it)."""

_WIDTH = 100
# Joins the fragments of a non-contiguous span (semantics §16).
_GAP = " … "


def render_obligations(
    fmt: Format = "text",
    lang: Lang = "vi",
    obligations: Sequence[Obligation] | None = None,
) -> str:
    """The catalogue (by default every duty of :data:`~qd213_rules.articles.OBLIGATIONS`)."""
    chosen = tuple(OBLIGATIONS if obligations is None else obligations)
    if fmt == "json":
        return json.dumps([_entry(o, lang) for o in chosen], ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(chosen, lang)
    if fmt == "text":
        return _text(chosen, lang)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def _label(name: str, lang: Lang, **params: Any) -> str:
    return t(f"obligations.label.{name}", lang, **params)


def _title(obligation: Obligation, lang: Lang) -> str:
    return t(f"obligation.{obligation.id}.title", lang)


def _quote(obligation: Obligation) -> str:
    return "“" + _GAP.join(obligation.text_vi) + "”"


def _in_force(obligation: Obligation, lang: Lang) -> str:
    start = obligation.in_force_from.isoformat()
    if obligation.in_force_to is None:
        return _label("in_force_open", lang, start=start)
    return _label("in_force_range", lang, start=start, end=obligation.in_force_to.isoformat())


def deadline_params(obligation: Obligation) -> tuple[str, ...]:
    """Every policy parameter the duty's deadline arithmetic can use, in order: the assumed
    review date for duties anchored at the annual review (used when no review is recorded), the
    days of the member's own duty for duties anchored when the workplace learned of a move (used
    when no report of the move reached it), a month-day anchor, the days added, the days
    subtracted (``deadline_param`` names one of them).

    >>> from qd213_rules.articles import get
    >>> deadline_params(get("D3.K4a"))
    ('annual_review_fallback', 'comment_lead_days', 'chain_step_days')
    >>> deadline_params(get("D3.K1a"))
    ('timely_days.D2.K7b', 'timely_days')
    """
    rule = obligation.rule
    if rule is None or rule.deadline is None:
        return (obligation.deadline_param,) if obligation.deadline_param else ()
    deadline = rule.deadline
    names = ["annual_review_fallback"] if deadline.anchor == "review_date" else []
    if deadline.anchor == "workplace_learned" and deadline.learned_by_duty:
        names.append(f"timely_days.{deadline.learned_by_duty}")
    if deadline.month_day:
        names.append(deadline.month_day)
    if deadline.plus:
        names.append(deadline.plus)
    names.extend(deadline.minus)
    return tuple(dict.fromkeys(names))


def _entry(obligation: Obligation, lang: Lang) -> dict[str, Any]:
    """One JSON object; the keys and their order are public (docs/cli.md)."""
    citation = obligation.citation
    return {
        "id": obligation.id,
        "citation": {
            "document": citation.document,
            "article": citation.article,
            "clause": citation.clause,
            "paragraph": citation.paragraph,
            "text": citation.text(lang),
        },
        "title": _title(obligation, lang),
        "text_vi": list(obligation.text_vi),
        "summary_en": obligation.summary_en,
        "bearer": obligation.bearer.value,
        "subject": obligation.subject.value,
        "kind": obligation.kind.value,
        "deadline_param": obligation.deadline_param,
        "deadline_params": list(deadline_params(obligation)),
        "violation_grounds": list(obligation.violation_grounds),
        "categories": sorted(c.value for c in obligation.categories),
        "in_force_from": obligation.in_force_from.isoformat(),
        "in_force_to": obligation.in_force_to.isoformat() if obligation.in_force_to else None,
        "interpretation": obligation.interpretation,
    }


def _fields(obligation: Obligation, lang: Lang, code: str) -> list[tuple[str, str]]:
    """(label, value) rows shared by the text and Markdown layouts; ``code`` marks codes."""

    def codes(values: Iterable[str]) -> str:
        listed = [f"{code}{v}{code}" for v in values]
        return ", ".join(listed) if listed else _label("none", lang)

    def labelled(family: str, value: str) -> str:
        label = role_label(value, lang) if family == "role" else t(f"{family}.{value}", lang)
        return f"{label} ({code}{value}{code})"

    other: Lang = "en" if lang == "vi" else "vi"
    rows = [
        (_label("citation", lang), obligation.citation.text(lang)),
        (_label("title_other", lang), t(f"obligation.{obligation.id}.title", other)),
        (_label("text_vi", lang), _quote(obligation)),
    ]
    if lang == "vi":
        rows.append((_label("summary", lang), t(f"obligation.{obligation.id}.summary", lang)))
    rows += [
        (_label("summary_en", lang), obligation.summary_en),
        (_label("bearer", lang), labelled("role", obligation.bearer.value)),
        (_label("subject", lang), labelled("subject", obligation.subject.value)),
        (_label("kind", lang), labelled("kind", obligation.kind.value)),
        (_label("deadline_param", lang), codes(deadline_params(obligation))),
        (_label("violation_grounds", lang), codes(obligation.violation_grounds)),
        (_label("categories", lang), codes(sorted(c.value for c in obligation.categories))),
        (_label("in_force", lang), _in_force(obligation, lang)),
    ]
    if obligation.interpretation:
        rows.append((_label("interpretation", lang), obligation.interpretation))
    return rows


def _article_title(article: int, lang: Lang) -> str:
    if lang == "vi":
        return article_heading(article)
    return f"Article {article}. {t(f'article.{article}.title', lang)}"


def _clauses(
    obligations: Sequence[Obligation],
) -> Iterable[tuple[int, Iterable[tuple[int, list[Obligation]]]]]:
    """Obligations grouped by article, then by clause, keeping the catalogue's order."""
    for article, in_article in itertools.groupby(obligations, lambda o: o.citation.article):
        grouped = itertools.groupby(in_article, lambda o: o.citation.clause)
        yield article, ((clause, list(group)) for clause, group in grouped)


def _clause_quote(obligation: Obligation) -> str | None:
    """The whole clause, when the duty cites this regulation (a successor has its own text)."""
    citation = obligation.citation
    if citation.document != REGULATION_ID:
        return None
    return clause_text(citation.article, citation.clause)


def _header(obligations: Sequence[Obligation], lang: Lang) -> tuple[str, str]:
    title = _label("catalogue_title", lang, document=REGULATION_ID)
    intro = _label(
        "catalogue_intro",
        lang,
        version=CATALOGUE_VERSION,
        count=len(obligations),
        signed=REGULATION_SIGNED.isoformat(),
    )
    return title, intro


def _markdown(obligations: Sequence[Obligation], lang: Lang) -> str:
    title, intro = _header(obligations, lang)
    out = [f"# {title}", "", intro, "", f"*{_label('generated', lang, command=f'`{REGENERATE}`')}*"]
    out += ["", _label("text_note", lang)]
    for article, clauses in _clauses(obligations):
        out += ["", f"## {_article_title(article, lang)}"]
        for clause, members in clauses:
            out += ["", f"### {_label('clause', lang, clause=clause)}"]
            quoted = _clause_quote(members[0])
            if quoted is not None:
                out.append("")
                out += [f"> {line}" if line else ">" for line in quoted.split("\n")]
            for obligation in members:
                out += ["", f"#### {obligation.id} — {_title(obligation, lang)}", ""]
                out += [f"- **{label}:** {value}" for label, value in _fields(obligation, lang, "`")]
    return "\n".join(out) + "\n"


def _text(obligations: Sequence[Obligation], lang: Lang) -> str:
    title, intro = _header(obligations, lang)
    out = [title, "=" * len(title), intro]
    for article, clauses in _clauses(obligations):
        out += ["", _article_title(article, lang)]
        for clause, members in clauses:
            out.append(f"  {_label('clause', lang, clause=clause)}")
            for obligation in members:
                out += ["", f"    {obligation.id}  {_title(obligation, lang)}"]
                rows = _fields(obligation, lang, "")
                width = max(len(label) for label, _ in rows) + 2
                for label, value in rows:
                    head = f"      {label + ':':<{width}}"
                    out.append(
                        textwrap.fill(
                            value,
                            width=_WIDTH,
                            initial_indent=head,
                            subsequent_indent=" " * len(head),
                            break_long_words=False,
                            break_on_hyphens=False,
                        )
                    )
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the catalogue; with no arguments, exactly docs/obligations.md."""
    parser = argparse.ArgumentParser(
        prog="python -m qd213_rules.render.obligations",
        description="Print the obligation catalogue of Quy định 213-QĐ/TW.",
    )
    parser.add_argument("--format", choices=FORMATS, default="markdown")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    args = parser.parse_args(argv)
    text = render_obligations(args.format, args.lang)
    # Write UTF-8 bytes whatever the console encoding, so a redirect gives the committed file.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
