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
from qd213_rules.evaluation.judge import _templates
from qd213_rules.evaluation.results import MessageMaker, Reason, Result, Status, bare_reason, new_result, shared_reason
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
from qd213_rules.jsonout import document_chunks, indented, result_lines
from qd213_rules.messages import catalogue
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
        # two parameters of other values, in either key order (a derived result's sources, a date)
        _result(reason=Reason("derived", {"sources": ["D3.K1a", "D3.K1b"], "derived_status": "fulfilled"})),
        _result(reason=Reason("ended", {"end": dt.date(2025, 6, 30), "evidence": "E-7"})),
        _result(reason=Reason("odd", {"z": 3, "a": {"n": None, "l": ["x", dt.date(2024, 5, 6)]}})),
    ]
    head = {"schema_version": 1, "summary": {"overdue": 4}, "empty": {}, "nested": [{"a": []}]}
    tail = {"unused_facts": [{"id": "E-3", "reason": "x"}], "data_warnings": []}
    expected = _standard({**head, "results": [r.to_dict() for r in results], **tail})
    assert b"".join(document_chunks(head, results, tail)).decode() == expected
    assert b"".join(document_chunks(head, [], tail)).decode() == _standard({**head, "results": [], **tail})
    assert b"".join(document_chunks({}, results[:1], {})).decode() == _standard({"results": [results[0].to_dict()]})
    many = results * 300  # more than one chunk of results
    assert b"".join(document_chunks(head, many, tail)).decode() == _standard({**head, "results": [r.to_dict() for r in many], **tail})


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


_TEXT = st.text(max_size=6) | st.sampled_from(["Quá hạn", 'a"b', "\\", "\u2028", "x"])
_PARAM_VALUE = (
    _TEXT | st.dates() | st.integers() | st.none() | st.lists(_TEXT | st.dates(), max_size=2) | st.lists(_TEXT).map(tuple)
    | st.dictionaries(_TEXT, _TEXT | st.dates(), max_size=2)
)


@st.composite
def _results(draw: st.DrawFn) -> Result:
    return _result(
        result_id=draw(_TEXT), subject_id=draw(_TEXT), bearer_id=draw(_TEXT), kind=draw(st.sampled_from(["periodic", "derived"])),
        citation=draw(st.sampled_from(["Khoản 7b, Điều 2", "Article 2(7b)"])),
        period=draw(st.none() | _TEXT), trigger_event_id=draw(st.none() | _TEXT), status=draw(st.sampled_from(Status)),
        due_date=draw(st.none() | st.dates()), fulfilled_on=draw(st.none() | st.dates()),
        evidence=tuple(draw(st.lists(_TEXT, max_size=3))), derived_from=tuple(draw(st.lists(_TEXT, max_size=2))),
        reason=Reason(draw(_TEXT), draw(st.dictionaries(_TEXT, _PARAM_VALUE, max_size=4))),
        extension=draw(st.booleans()), message=draw(_TEXT),
    )


@given(st.lists(_results(), max_size=8), st.integers(min_value=1, max_value=3))
def test_any_results_are_written_as_the_standard_encoder_writes_them(results: list[Result], cache_size: int) -> None:
    """Every shape of ``reason.params`` (none, one or two strings in either key order, more,
    other values), repeated and distinct messages and dates through caches smaller than the
    document (so that they are emptied while it is written), any text in any field."""
    from qd213_rules import jsonout

    saved = jsonout._CACHE_SIZE
    jsonout._CACHE_SIZE = cache_size
    jsonout._MESSAGES.clear()
    jsonout._DATES.clear()
    try:
        written = b"".join(document_chunks({}, results + results, {})).decode()
        assert len(jsonout._MESSAGES) <= cache_size and len(jsonout._DATES) <= cache_size  # the caches stay small
    finally:
        jsonout._CACHE_SIZE = saved
    assert written == _standard({"results": [r.to_dict() for r in results + results]})
    assert [jsonout.result_json(r) for r in results] == [_standard(r.to_dict()).replace("\n", "\n    ") for r in results]


class _PeriodMaker(MessageMaker):
    """A maker of the test's own that names every field a maker may read."""

    __slots__ = ()

    def message_of(self, result: Result) -> str:
        return f"{result.reason.code} {result.period} {result.due_date} {result.fulfilled_on} «{len(result.reason.params)}»"


_MAKERS: list[MessageMaker] = [_templates("vi"), _templates("en"), _PeriodMaker()]


@st.composite
def _made_results(draw: st.DrawFn) -> Result:
    """Results as the judge builds them: no id of their own (made of their parts when read) and
    a MessageMaker in place of the message, with a shared reason or one with parameters."""
    code = draw(st.sampled_from(["no_evidence", "conduct_ongoing", "attended"]))
    reason = bare_reason(code) if draw(st.booleans()) else Reason(code, {"evidence": draw(_TEXT)})
    return new_result(
        None, "D2.K7b", "periodic", "Khoản 7b, Điều 2", "member", draw(_TEXT), draw(_TEXT),
        draw(st.none() | st.sampled_from(["2024", "2025"])), draw(st.none() | _TEXT), draw(st.sampled_from(Status)),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2025, 4, 1)])),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2024, 12, 1)])),
        (), reason, False, (), draw(st.sampled_from(_MAKERS)), None,
    )  # fmt: skip


@given(st.lists(_made_results(), max_size=10), st.integers(min_value=1, max_value=3))
def test_results_whose_id_and_message_are_made_when_read_are_written_as_the_standard_encoder_writes_them(
    results: list[Result], cache_size: int
) -> None:
    """The writer makes a result's id from its parts and keeps the message a maker wrote for a
    shared reason (per maker, reason, dates and period): the same bytes as ``to_dict``, with
    makers of two languages and one of the test's own in one document, through caches smaller
    than the document."""
    from qd213_rules import jsonout

    saved = jsonout._CACHE_SIZE
    jsonout._CACHE_SIZE = cache_size
    jsonout._MADE_MESSAGES.clear()
    try:
        written = b"".join(document_chunks({}, results + results, {})).decode()
        assert len(jsonout._MADE_MESSAGES) <= cache_size
    finally:
        jsonout._CACHE_SIZE = saved
    assert written == _standard({"results": [r.to_dict() for r in results + results]})


_REASON_CODES = sorted(key.removeprefix("reason.") for key in catalogue() if key.startswith("reason."))
_PARAM_NAMES = ["evidence", "policy", "missing", "end", "period", "due_date", "fulfilled_on", "recorded_by", "x%s"]


@st.composite
def _own_params_results(draw: st.DrawFn) -> Result:
    """Results as the judge builds them with params of their own (a fact named, a policy label,
    in any order and number, mostly strings, sometimes a date or a list) and a message its maker
    writes from them: the writer writes such results through one plan per maker, code, params'
    names and extension, whatever template each code has."""
    names = draw(st.lists(st.sampled_from(_PARAM_NAMES), min_size=1, max_size=4, unique=True))
    value = _TEXT | st.sampled_from(["E-1", "É-2", 'E"3', "a%sb"]) | st.dates() | st.lists(_TEXT, max_size=2)
    params = {name: draw(_TEXT | st.sampled_from(["E-1", "É-2", 'E"3', "a%sb"]) if draw(st.integers(0, 4)) else value)
              for name in names}
    return new_result(
        None, "D2.K7b", draw(st.sampled_from(["periodic", "derived"])), "Khoản 7b, Điều 2", "member",
        draw(st.sampled_from(["DV-1", "DV-2"])), draw(st.sampled_from(["DV-1", "C-1"])),
        draw(st.none() | st.sampled_from(["2024", 'H"1'])), draw(st.none() | _TEXT), draw(st.sampled_from(Status)),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2025, 4, 1)])),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2024, 12, 1)])),
        tuple(draw(st.lists(_TEXT, max_size=3))), Reason(draw(st.sampled_from(_REASON_CODES)), params),
        draw(st.booleans()), tuple(draw(st.lists(_TEXT, max_size=1))) if draw(st.integers(0, 3)) == 0 else (),
        draw(st.sampled_from(_MAKERS)), None,
    )  # fmt: skip


@given(st.lists(_own_params_results(), max_size=10), st.integers(min_value=1, max_value=3))
def test_results_with_params_of_their_own_are_written_as_the_standard_encoder_writes_them(
    results: list[Result], cache_size: int
) -> None:
    """Through the writer's plans (kept smaller than the document, so that they are dropped while
    it is written) and the makers' fillers, or without them (a value that is not a string, a
    derived result, a maker without a filler): what ``to_dict`` gives, in both layouts."""
    from qd213_rules import jsonout

    saved = jsonout._CACHE_SIZE
    jsonout._CACHE_SIZE = cache_size
    jsonout._OWN_PLANS.clear()
    jsonout._LINE.plans.clear()
    try:
        written = b"".join(document_chunks({}, results + results, {})).decode()
        assert len(jsonout._OWN_PLANS) <= cache_size
        lines = result_lines(results + results).decode()
        assert len(jsonout._LINE.plans) <= cache_size
    finally:
        jsonout._CACHE_SIZE = saved
    assert written == _standard({"results": [r.to_dict() for r in results + results]})
    assert lines == "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results + results)


@st.composite
def _shared_results(draw: st.DrawFn) -> Result:
    """Results as the judge builds them with a shared reason (without parameters, or with a
    policy label and the fact named, read-only): alike in few ways or many, so that the writer
    finds the text after the bearer kept for some and not for others."""
    small = st.sampled_from(["E-1", "É-2", 'E"3'])
    code = draw(st.sampled_from(["no_evidence", "conduct_ongoing", "attended", "fulfilled"]))
    reason = draw(st.sampled_from([
        bare_reason(code),
        shared_reason(code, draw(st.none() | st.sampled_from(["timely_days.D2.K7b=30"])), draw(st.sampled_from(["", "E-1", "É-2"]))),
    ]))  # fmt: skip
    return new_result(
        None, "D2.K7b", draw(st.sampled_from(["periodic", "derived"])), "Khoản 7b, Điều 2", "member",
        draw(st.sampled_from(["DV-1", "DV-2"])), draw(st.sampled_from(["DV-1", "C-1"])),
        draw(st.none() | st.sampled_from(["2024", "2025"])), draw(st.none() | small), draw(st.sampled_from(Status)),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2025, 4, 1)])),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2024, 12, 1)])),
        tuple(draw(st.lists(small, max_size=3))), reason, draw(st.booleans()), (), draw(st.sampled_from(_MAKERS)), None,
    )  # fmt: skip


@given(st.lists(_shared_results(), max_size=12), st.integers(min_value=1, max_value=3))
def test_results_with_a_shared_reason_are_written_as_the_standard_encoder_writes_them(
    results: list[Result], cache_size: int
) -> None:
    """The writer keeps the text after the bearer of a result with a shared reason (by the
    reason, maker, kind, period, trigger, status, dates, evidence and extension; not for a result
    with evidence of its own: three pieces, or a trigger and two): the same bytes as ``to_dict``
    gives each result, through caches smaller than the document."""
    from qd213_rules import jsonout

    saved = jsonout._CACHE_SIZE
    jsonout._CACHE_SIZE = cache_size
    jsonout._RESTS.clear()
    jsonout._LINE.rests.clear()
    try:
        written = b"".join(document_chunks({}, results + results, {})).decode()
        assert len(jsonout._RESTS) <= cache_size
        lines = result_lines(results + results).decode()  # the stream's lines, through their own caches
        assert len(jsonout._LINE.rests) <= cache_size
    finally:
        jsonout._CACHE_SIZE = saved
    assert written == _standard({"results": [r.to_dict() for r in results + results]})
    assert lines == "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results + results)


@st.composite
def _derived_results(draw: st.DrawFn) -> Result:
    """Results as derived duties give them: ``derived_from`` and a maker's message, whose params
    name source duties (a few lists of strings, as lists or tuples, in either key order), or now
    and then hold another value (a date, a number: written, not kept)."""
    small = st.sampled_from(["D3.K1a", "D3.K1b", 'É"2'])
    sources = draw(st.lists(small, max_size=3))
    params: dict[str, object] = {"derived_status": draw(st.sampled_from(["fulfilled", "overdue"])),
                                 "sources": draw(st.sampled_from([list, tuple]))(sources)}
    if draw(st.booleans()):
        params = dict(reversed(params.items()))
    if draw(st.integers(0, 4)) == 0:
        params["other"] = draw(st.sampled_from([dt.date(2025, 3, 31), 7, ["x", 1], "—"]))
    return new_result(
        None, "D1.K2a", draw(st.sampled_from(["derived", "periodic"])), "Khoản 2, Điều 1", "member",
        draw(st.sampled_from(["DV-1", "DV-2"])), draw(st.sampled_from(["DV-1", "C-1"])),
        draw(st.none() | st.sampled_from(["2024", "2025"])), draw(st.none() | small), draw(st.sampled_from(Status)),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2025, 4, 1)])),
        draw(st.none() | st.sampled_from([dt.date(2025, 3, 31), dt.date(2024, 12, 1)])),
        tuple(draw(st.lists(small, max_size=3))), Reason(draw(st.sampled_from(["derived", "fulfilled"])), params),
        draw(st.booleans()), tuple(draw(st.lists(small, min_size=1, max_size=2))), draw(st.sampled_from(_MAKERS)), None,
    )  # fmt: skip


@given(st.lists(_derived_results(), max_size=12), st.integers(min_value=1, max_value=3))
def test_derived_results_are_written_as_the_standard_encoder_writes_them(results: list[Result], cache_size: int) -> None:
    """The writer keeps the text of a derived result from its reason to its sources' ids, and its
    message (by maker, reason code and params, dates, period and extension): the same bytes as
    ``to_dict`` gives each result, through caches smaller than the document."""
    from qd213_rules import jsonout

    saved = jsonout._CACHE_SIZE
    jsonout._CACHE_SIZE = cache_size
    jsonout._DERIVED_PIECES.clear()
    jsonout._LINE.derived.clear()
    try:
        written = b"".join(document_chunks({}, results + results, {})).decode()
        assert len(jsonout._DERIVED_PIECES) <= cache_size
        lines = result_lines(results + results).decode()  # the stream's lines, through their own caches
        assert len(jsonout._LINE.derived) <= cache_size
    finally:
        jsonout._CACHE_SIZE = saved
    assert written == _standard({"results": [r.to_dict() for r in results + results]})
    assert lines == "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results + results)


def test_a_shared_reasons_message_is_kept_per_maker_dates_and_period() -> None:
    """Results alike but for their maker, one date or their period each get their own message."""
    from qd213_rules import jsonout

    def made(maker: MessageMaker, period: str | None, due: dt.date | None, done: dt.date | None) -> Result:
        return new_result(None, "D2.K7b", "periodic", "Khoản 7b, Điều 2", "member", "DV-1", "DV-1", period, None,
                          Status.OVERDUE, due, done, (), bare_reason("no_evidence"), False, (), maker, None)  # fmt: skip

    day, other = dt.date(2025, 3, 31), dt.date(2025, 4, 1)
    results = [made(maker, period, due, done) for maker in _MAKERS for period in ("2024", "2025", None)
               for due in (day, other, None) for done in (day, None)]  # fmt: skip
    jsonout._MADE_MESSAGES.clear()
    written = b"".join(document_chunks({}, results, {})).decode()
    assert written == _standard({"results": [r.to_dict() for r in results]})
    assert len({r.message for r in results}) > 3 * 2  # the case tells the fields apart


def test_a_subjects_run_of_results_with_changing_bearers_is_written_as_the_standard_encoder_writes_it() -> None:
    """The writers keep the JSON of the last subject and of the last other bearer from one result
    to the next: a run of one subject's results borne by the subject, by two organisations in
    turn, by an equal string that is another object, then the next subject's."""
    subject, other = 'DV-"1"', "".join(['DV-"', '1"'])  # equal, not the same object
    bearers = [subject, "C\\1", "C2", "C\\1", other, "C2", subject]
    results = [_result(subject_id=subject, bearer_id=b, period=str(2020 + i)) for i, b in enumerate(bearers)]
    results += [_result(subject_id=other, bearer_id=b, period="2030") for b in (subject, other, "C2")]
    results += [_result(subject_id="DV\u20282", bearer_id=b, period=None, trigger_event_id="E\\9") for b in ("C2", "DV\u20282")]
    for r in results:
        object.__setattr__(r, "result_id", None)  # the id made of its parts when written, as the engine's are
    written = b"".join(document_chunks({}, results, {})).decode()
    assert written == _standard({"results": [r.to_dict() for r in results]})
    lines = result_lines(results).decode()  # the lines of check --stream keep them too
    assert lines == "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
