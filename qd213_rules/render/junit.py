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

    root = ET.Element("testsuites", {"name": "qd213", "tests": "0", "failures": "0", "errors": "0", "skipped": "0",
                                     "time": "0"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for subject in sorted(by_subject):
        label = f"{subject} — {names[subject]}" if subject in names else subject
        suite = ET.SubElement(root, "testsuite", {"name": _clean(label),
                                                  "tests": "0", "failures": "0", "errors": "0", "skipped": "0",
                                                  "time": "0"})
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "as_of", "value": as_of})
        ET.SubElement(props, "property", {"name": "fail_on", "value": fail_on})
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for r in by_subject[subject]:
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", {"classname": r.obligation_id, "name": _clean(r.result_id),
                                                     "time": "0"})
            title = t(f"obligation.{r.obligation_id}.title", lang)
            if r.extension:
                title += f" ({extension_mark(lang)})"
            status = t(f"status.{r.status.value}", lang)
            if at_or_above(r, fail_on):
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", {"message": _clean(f"{status}: {message(r)}"),
                                                          "type": r.status.value})
                failure.text = _clean(explain(r) if explain is not None else f"{title} ({r.obligation_id})\n{message(r)}")
            elif r.status is Status.NOT_APPLICABLE:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", {"message": _clean(f"{status}: {message(r)}")})
            else:
                out = ET.SubElement(case, "system-out")
                out.text = _clean(f"{status}: {title} — {message(r)}")
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
