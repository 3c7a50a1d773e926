"""The report as JUnit XML, the test-report format GitLab, Jenkins, Azure DevOps and most CI
systems display.

One ``<testsuite>`` per subject (member or organisation), one ``<testcase>`` per result:
``classname`` is the obligation id, ``name`` the result id. A result at or above ``--fail-on``
is a ``<failure>`` whose ``message`` is the result's message and whose text is the full
explanation (trigger, evidence, deadline arithmetic, citation); a ``not_applicable`` result is
``<skipped>``; every other result passes. The counts of each suite and of ``<testsuites>`` are
the counts of its test cases. No timestamps or host names: the same report gives the same bytes.

>>> from xml.etree import ElementTree as ET
>>> ET.fromstring(render_junit_results([], "en", as_of="2025-12-10")).get("tests")
'0'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ..evaluation.results import Result, Status
from ..messages import Lang, t
from ..explain import result_message
from ..words import extension_mark
from .common import at_or_above, facts_of, subject_names

if TYPE_CHECKING:
    from ..facts import FactSet
    from ..report import Report

__all__ = ["render_junit", "render_junit_results"]

# characters XML 1.0 cannot carry at all, even escaped
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def render_junit(
    report: Report,
    lang: Lang,
    *,
    results: Sequence[Result] | None = None,
    fail_on: str = "overdue",
    facts: FactSet | None = None,
) -> str:
    """JUnit XML for ``results`` (default: every result of ``report``)."""
    chosen = list(report.results if results is None else results)
    facts = facts if facts is not None else facts_of(report)
    names = subject_names(facts)

    def explanation(result: Result) -> str:
        return str(report.explain(result, lang))

    return render_junit_results(chosen, lang, as_of=report.as_of.isoformat(), fail_on=fail_on, names=names,
                                explain=explanation, message=lambda r: result_message(r, lang, facts))


def render_junit_results(
    results: Sequence[Result],
    lang: Lang,
    *,
    as_of: str,
    fail_on: str = "overdue",
    names: dict[str, str] | None = None,
    explain: Callable[[Result], str] | None = None,
    message: Callable[[Result], str] | None = None,
) -> str:
    """JUnit XML for a list of results (the explanation of failures from ``explain``)."""
    names = names or {}
    message = message or (lambda r: r.message)
    by_subject: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_subject[r.subject_id].append(r)

    # written as ElementTree writes the tree of these elements indented by ET.indent (attributes
    # in the order given, "<x />" for an empty element, ElementTree's own escaping), without the
    # tree: building and serialising one element per result cost most of the rendering
    properties = (
        f'\n    <properties>\n      <property name="as_of" value="{_attrib(as_of)}" />'
        f'\n      <property name="fail_on" value="{_attrib(fail_on)}" />\n    </properties>'
    )
    suites: list[str] = []
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for subject in sorted(by_subject):
        label = f"{subject} — {names[subject]}" if subject in names else subject
        cases: list[str] = []
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for r in by_subject[subject]:
            counts["tests"] += 1
            title = t(f"obligation.{r.obligation_id}.title", lang)
            if r.extension:
                title += f" ({extension_mark(lang)})"
            status = t(f"status.{r.status.value}", lang)
            if at_or_above(r, fail_on):
                counts["failures"] += 1
                text = _clean(explain(r) if explain is not None else f"{title} ({r.obligation_id})\n{message(r)}")
                child = _element("failure", f' message="{_attrib(_clean(f"{status}: {message(r)}"))}" type="{_attrib(r.status.value)}"', text)
            elif r.status is Status.NOT_APPLICABLE:
                counts["skipped"] += 1
                child = _element("skipped", f' message="{_attrib(_clean(f"{status}: {message(r)}"))}"', "")
            else:
                child = _element("system-out", "", _clean(f"{status}: {title} — {message(r)}"))
            cases.append(
                f'\n    <testcase classname="{_attrib(r.obligation_id)}" name="{_attrib(_clean(r.result_id))}" time="0">'
                f"\n      {child}\n    </testcase>"
            )
        for key, value in counts.items():
            totals[key] += value
        suites.append(
            f'\n  <testsuite name="{_attrib(_clean(label))}" tests="{counts["tests"]}" failures="{counts["failures"]}"'
            f' errors="0" skipped="{counts["skipped"]}" time="0">{properties}{"".join(cases)}\n  </testsuite>'
        )
    root = (
        f'<testsuites name="qd213" tests="{totals["tests"]}" failures="{totals["failures"]}" errors="0"'
        f' skipped="{totals["skipped"]}" time="0"'
    )
    body = f'{root}>{"".join(suites)}\n</testsuites>' if suites else f"{root} />"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


# ElementTree's own escaping of attribute values and of text, so that the bytes stay what
# ElementTree writes on this Python
_attrib = ET._escape_attrib  # type: ignore[attr-defined]
_cdata = ET._escape_cdata  # type: ignore[attr-defined]


def _element(tag: str, attributes: str, text: str) -> str:
    """An element without children, as ElementTree writes it (" />" when it has no text)."""
    return f"<{tag}{attributes}>{_cdata(text)}</{tag}>" if text else f"<{tag}{attributes} />"
