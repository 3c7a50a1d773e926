"""Input problems in every report format, so that a CI system reads bad input as it reads findings.

When the facts, the policy or the command line are wrong, ``qd213`` exits with code 2 and says
why on stderr, one line per problem. With ``--format``/``--output`` the same problems are also
written in the format the pipeline reads:

- ``json``: ``{"problems": [...]}``, each with ``code``, ``file``, ``line``, ``json_path``,
  ``fact_id``, ``found``, ``expected`` and ``message``;
- ``junit``: one ``<testsuite name="qd213 input">`` with one ``<testcase>`` in ``<error>`` per
  problem (the test report is there even though the run stopped);
- ``github``: one ``::error file=…,line=…::`` annotation per problem;
- ``markdown``: a table of the problems;
- ``html``: a small self-contained page listing them (so that a report file a pipeline
  publishes never shows an earlier run's findings);
- ``text``: the lines printed on stderr.

:func:`render_problems` with no problem gives the "input is valid" document of ``qd213 validate``.

>>> from qd213_rules.errors import ErrorCode, Problem
>>> p = Problem(ErrorCode.MISSING_FIELD, file="ward.jsonl", line=3, json_path="$.kind", expected="kind")
>>> print(render_problems([p], "github", "en"), end="")
::error file=ward.jsonl,line=3,title=missing_field $.kind::Required field kind is missing.
qd213: 1 input problems; no duty was evaluated (exit code 2).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from ..messages import Lang, t
from ..errors import printable

if TYPE_CHECKING:
    from ..errors import Problem

__all__ = ["render_problems", "PROBLEM_FORMATS"]

PROBLEM_FORMATS = ("text", "json", "junit", "github", "markdown")


def render_problems(
    problems: Sequence[Problem],
    fmt: str,
    lang: Lang,
    *,
    source: str | None = None,
    summary: Mapping[str, Any] | None = None,
) -> str:
    """``problems`` in ``fmt``; ``source`` is the input as the user named it (for a problem
    that names no file); ``summary`` adds what was read (``qd213 validate`` on valid input)."""
    if fmt == "json":
        doc: dict[str, Any] = {"problems": [p.to_dict(lang) for p in problems]}
        if summary is not None:
            doc.update(summary)
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "junit":
        return _junit(problems, lang, source)
    if fmt == "github":
        return _github(problems, lang, source)
    if fmt == "markdown":
        return _markdown(problems, lang, source)
    if fmt == "html":
        return _html(problems, lang, source)
    if fmt == "text":
        return "".join(p.format(lang) + "\n" for p in problems)
    raise ValueError(f"unknown format {fmt!r}")


def _file(problem: Problem, source: str | None) -> str | None:
    file = problem.file if problem.file is not None else source
    return None if file in (None, "-", "<stdin>") else file


def _title(problem: Problem) -> str:
    parts = [problem.code.value]
    if problem.json_path:
        parts.append(problem.json_path)
    if problem.fact_id is not None:
        parts.append(printable(problem.fact_id))  # as the text names it: hidden characters shown
    return " ".join(parts)


def _github(problems: Sequence[Problem], lang: Lang, source: str | None) -> str:
    from .github import escape_data, escape_property

    lines = []
    for p in problems:
        props = []
        file = _file(p, source)
        if file is not None:
            props.append(f"file={escape_property(file)}")
            if p.line is not None:
                props.append(f"line={p.line}")
        props.append(f"title={escape_property(_title(p))}")
        lines.append(f"::error {','.join(props)}::{escape_data(p.message(lang))}")
    lines.append(t("cli.problems.count", lang, count=len(problems)))
    return "\n".join(lines) + "\n"


def _junit(problems: Sequence[Problem], lang: Lang, source: str | None) -> str:
    from .junit import _clean

    count = str(len(problems))
    root = ET.Element("testsuites", {"name": "qd213", "tests": count, "failures": "0", "errors": count,
                                     "skipped": "0", "time": "0"})
    suite = ET.SubElement(root, "testsuite", {"name": "qd213 input", "tests": count, "failures": "0",
                                              "errors": count, "skipped": "0", "time": "0"})
    if source:
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "source", "value": _clean(source)})
    for i, p in enumerate(problems, 1):
        where = p.where(lang) or source or "-"
        case = ET.SubElement(suite, "testcase", {"classname": f"input.{p.code.value}",
                                                 "name": _clean(f"{i}. {where}"), "time": "0"})
        error = ET.SubElement(case, "error", {"message": _clean(p.message(lang)), "type": p.code.value})
        error.text = _clean(p.format(lang))
    if not problems:  # valid input: one passing test, so that the report says the input was read
        ET.SubElement(suite, "testcase", {"classname": "input", "name": _clean(source or "-"), "time": "0"})
        root.set("tests", "1")
        suite.set("tests", "1")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _markdown(problems: Sequence[Problem], lang: Lang, source: str | None) -> str:
    from .markdown import escape_cell

    out = [f"## {t('cli.problems.title', lang, count=len(problems))}", ""]
    if source:
        out += [t("cli.problems.source", lang, source=f"`{source}`"), ""]
    if problems:
        out.append(f"| {t('cli.problems.where', lang)} | {t('cli.problems.code', lang)} | "
                   f"{t('cli.markdown.message', lang)} |")
        out.append("|---|---|---|")
        for p in problems:
            where = p.where(lang) or source or "-"
            out.append(f"| {escape_cell(where)} | `{p.code.value}` | {escape_cell(p.message(lang))} |")
        out.append("")
    return "\n".join(out) + "\n"


def _html(problems: Sequence[Problem], lang: Lang, source: str | None) -> str:
    from html import escape

    title = escape(t("cli.problems.title", lang, count=len(problems)))
    items = "".join(f"<li>{escape(p.format(lang))}</li>\n" for p in problems)
    where = f"<p>{escape(t('cli.problems.source', lang, source=source))}</p>\n" if source else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n"
            f"<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n{where}<ul>\n{items}</ul>\n</body>\n</html>\n")
