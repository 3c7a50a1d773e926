"""The JUnit report is written as text (qd213_rules.render.junit), byte for byte what
ElementTree writes for the same elements indented by ``ET.indent``, for any text a result, a
subject's name or an explanation can hold."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from xml.etree import ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from qd213_rules.evaluation.results import Reason, Result, Status
from qd213_rules.messages import Lang, t
from qd213_rules.render.common import at_or_above
from qd213_rules.render.junit import _clean, render_junit_results
from qd213_rules.words import extension_mark


def _with_element_tree(
    results: Sequence[Result], lang: Lang, *, as_of: str, fail_on: str, names: dict[str, str],
    explain: Callable[[Result], str] | None, message: Callable[[Result], str],
) -> str:
    """The writer as it was: an ElementTree of the suites, indented and serialised."""
    by_subject: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_subject[r.subject_id].append(r)
    root = ET.Element("testsuites", {"name": "qd213", "tests": "0", "failures": "0", "errors": "0", "skipped": "0", "time": "0"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for subject in sorted(by_subject):
        label = f"{subject} — {names[subject]}" if subject in names else subject
        suite = ET.SubElement(root, "testsuite", {"name": _clean(label), "tests": "0", "failures": "0", "errors": "0",
                                                  "skipped": "0", "time": "0"})
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "as_of", "value": as_of})
        ET.SubElement(props, "property", {"name": "fail_on", "value": fail_on})
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for r in by_subject[subject]:
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", {"classname": r.obligation_id, "name": _clean(r.result_id), "time": "0"})
            title = t(f"obligation.{r.obligation_id}.title", lang)
            if r.extension:
                title += f" ({extension_mark(lang)})"
            status = t(f"status.{r.status.value}", lang)
            if at_or_above(r, fail_on):
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", {"message": _clean(f"{status}: {message(r)}"), "type": r.status.value})
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


_TEXT = st.text(max_size=8) | st.sampled_from(["", "a & b", "<x>", '"q"', "\r\n\t", "\x01\x0b", "\ufffe", "Quá hạn", "  "])


@st.composite
def _results(draw: st.DrawFn) -> Result:
    return Result(
        result_id=draw(_TEXT), obligation_id=draw(st.sampled_from(["D2.K7b", "D4.K3b", "D1.K2a"])), kind="periodic",
        citation="Khoản 7b, Điều 2", subject_type="member", subject_id=draw(st.sampled_from(["DV-1", "DV-2", "A&<"])),
        bearer_id="C-1", period=None, trigger_event_id=None, status=draw(st.sampled_from(Status)),
        due_date=dt.date(2025, 3, 31), fulfilled_on=None, evidence=(), reason=Reason("no_evidence"),
        extension=draw(st.booleans()), message=draw(_TEXT),
    )


@given(
    st.lists(_results(), max_size=6), st.sampled_from(["vi", "en"]), st.sampled_from(["due", "overdue", "violated"]),
    st.dictionaries(st.sampled_from(["DV-1", "A&<"]), _TEXT, max_size=2), st.sampled_from([None, "words", "bare"]), _TEXT,
)
def test_the_junit_text_is_what_element_tree_writes(
    results: list[Result], lang: Lang, fail_on: str, names: dict[str, str], explained: str | None, as_of: str
) -> None:
    # "bare": an explanation that may be empty (an empty failure element is written "<failure … />")
    explain = None if explained is None else (lambda r: r.message) if explained == "bare" else (lambda r: f"{r.message}\n<{r.result_id}> & more")
    kwargs = dict(as_of=as_of, fail_on=fail_on, names=names, explain=explain, message=lambda r: r.message)
    assert render_junit_results(results, lang, **kwargs) == _with_element_tree(results, lang, **kwargs)  # type: ignore[arg-type]
