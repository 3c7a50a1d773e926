"""The JSON report is written in chunks by its own writer (qd213_rules.jsonout): byte for byte
what ``json.dumps(report.to_dict(), ensure_ascii=False, indent=2)`` gives, for every value a
result can hold."""

from __future__ import annotations

import datetime as dt
import gc
import json

from hypothesis import given
from hypothesis import strategies as st

from qd213_rules import evaluate
from qd213_rules.evaluation.results import Reason, Result, Status
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
from qd213_rules.jsonout import document_chunks, indented
from qd213_rules.render import report_json


def _standard(doc: dict[str, object]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def test_the_example_ward_report_is_what_the_standard_encoder_writes() -> None:
    report = evaluate(example_ward_facts(), EXAMPLE_AS_OF, lang="vi", backend="python")
    assert report.to_json() == _standard(report.to_dict()) + "\n"
    chosen = [r for r in report if r.status is Status.OVERDUE]
    doc = report.to_dict()
    doc["summary"] = {s: sum(r.status.value == s for r in chosen) for s in doc["summary"]}
    doc["results"] = [r.to_dict() for r in chosen]
    assert report_json(report, chosen) == _standard(doc) + "\n"


def _result(**changes: object) -> Result:
    fields: dict[str, object] = dict(
        result_id='D2.K7b|DV-"1"|2025|C\\1', obligation_id="D2.K7b", kind="periodic", citation="Khoản 7b, Điều 2",
        subject_type="member", subject_id='DV-"1"', bearer_id="C\\1", period="2025", trigger_event_id=None,
        status=Status.OVERDUE, due_date=dt.date(2025, 3, 31), fulfilled_on=None, evidence=(),
        reason=Reason("no_evidence"), message="Quá hạn\u2028\x01\ttab",
    )
    fields.update(changes)
    return Result(**fields)  # type: ignore[arg-type]


def test_every_kind_of_value_is_written_as_the_standard_encoder_writes_it() -> None:
    results = [
        _result(),
        _result(evidence=("E-1", "É-2"), derived_from=("X",), extension=True, fulfilled_on=dt.date(2025, 4, 1),
                trigger_event_id="E-9", period=None),
        _result(reason=Reason("mixed", {"b": "chữ", "a": dt.date(2024, 1, 2), "n": 3, "l": ["x", dt.date(2024, 5, 6)],
                                        "d": {"z": None, "y": True}, "f": 1.5, "e": []})),
        _result(reason=Reason("strings", {"z": "1", "a": "\"quoted\"\n"})),
    ]
    head = {"schema_version": 1, "summary": {"overdue": 4}, "empty": {}, "nested": [{"a": []}]}
    tail = {"unused_facts": [{"id": "E-3", "reason": "x"}], "data_warnings": []}
    expected = _standard({**head, "results": [r.to_dict() for r in results], **tail})
    assert "".join(document_chunks(head, results, tail)) == expected
    assert "".join(document_chunks(head, [], tail)) == _standard({**head, "results": [], **tail})
    assert "".join(document_chunks({}, results[:1], {})) == _standard({"results": [results[0].to_dict()]})
    many = results * 300  # more than one chunk of results
    assert "".join(document_chunks(head, many, tail)) == _standard({**head, "results": [r.to_dict() for r in many], **tail})


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=12,
)


@given(_JSON_VALUES, st.integers(min_value=0, max_value=4))
def test_nested_values_are_indented_as_the_standard_encoder_writes_them(value: object, level: int) -> None:
    expected = _standard(value)  # type: ignore[arg-type]
    assert indented(value, level) == (expected.replace("\n", "\n" + "  " * level) if level else expected)


def test_writing_a_report_leaves_no_reference_cycle() -> None:
    """The CLI pauses the garbage collector for the whole command: what writing the report
    leaves behind in reference cycles stays until the process ends (the standard library's
    indenting encoder left one per result with a parameter that is not a string)."""
    results = [_result(reason=Reason("mixed", {"n": i, "l": ["x", dt.date(2024, 5, 6)], "d": {"z": None}})) for i in range(200)]
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in document_chunks({"summary": {"overdue": 200}}, results, {"data_warnings": [{"code": 1}]}):
            pass
        left = gc.collect()
    finally:
        if was_enabled:
            gc.enable()
    assert left < 20, left
