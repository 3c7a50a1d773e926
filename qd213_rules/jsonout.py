"""The JSON report written in pieces, byte for byte what ``json.dumps(doc, ensure_ascii=False,
indent=2)`` gives for the whole document.

With an ``indent``, the standard library encodes in Python, one small string per token, and joins
them at the end: for a province's millions of results that is most of a check's writing time
and, with the list of pieces and the document's dicts alive at once, most of its peak memory.
Here each result is written by one format string whose values go through the C string encoder,
and the document comes out as a sequence of chunks a caller writes as they come.

>>> import json
>>> doc = {"a": 1, "b": [], "c": {"d": ["é", None]}}
>>> "".join(document_chunks(doc, [], {})) == json.dumps({**doc, "results": []}, ensure_ascii=False, indent=2)
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from json.encoder import encode_basestring
from typing import Any

from .evaluation.results import Result, Status, jsonable

__all__ = ["document_chunks", "result_json", "results_text", "result_batches", "indented", "RESULTS_PER_CHUNK"]

RESULTS_PER_CHUNK = 512
"""Results joined into one chunk before it is handed to the writer."""


def indented(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(…, ensure_ascii=False, indent=2)`` writes it nested ``level``
    deep.

    Written here rather than by the standard library: with an ``indent``, its encoder builds
    a fresh set of nested functions per call that refer to each other — a reference cycle
    that only the garbage collector frees. The CLI pauses the collector for the whole command,
    so every result with a parameter that is not a string kept about 1 KB until the process
    ended (100 MB at 10,000 members). Anything but JSON's own types (and string keys) is left
    to the standard library.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (_INFINITY, -_INFINITY):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join([indented(item, level + 1) for item in value]) + "\n" + "  " * level + "]"
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        return (
            "{" + inner
            + ("," + inner).join([f"{encode_basestring(key)}: {indented(item, level + 1)}" for key, item in value.items()])
            + "\n" + "  " * level + "}"
        )  # fmt: skip
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level) if level else text


_INFINITY = float("inf")


def _str_or_null(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _date_or_null(value: dt.date | None) -> str:
    return f'"{value.isoformat()}"' if value else "null"


def _strings(values: tuple[str, ...]) -> str:
    """A list of strings at the results' nesting (3 levels deep)."""
    if not values:
        return "[]"
    return "[\n        " + ",\n        ".join(map(encode_basestring, values)) + "\n      ]"


def _params(params: Mapping[str, Any]) -> str:
    """``reason.params`` (4 levels deep), keys sorted as :meth:`Result.to_dict` sorts them."""
    if not params:
        return "{}"
    if all(type(v) is str for v in params.values()):  # nearly always
        return "{\n          " + ",\n          ".join(
            f"{encode_basestring(str(k))}: {encode_basestring(v)}" for k, v in sorted(params.items())
        ) + "\n        }"
    return indented(jsonable(dict(params)), 4)


def _duty_lines(r: Result) -> str:
    """The lines every result of one duty shares, encoded once."""
    key = (r.obligation_id, r.kind, r.citation, r.subject_type)
    found = _DUTY_LINES.get(key)
    if found is None:
        found = _DUTY_LINES[key] = (
            f'      "obligation_id": {encode_basestring(r.obligation_id)},\n'
            f'      "kind": {encode_basestring(r.kind)},\n'
            f'      "citation": {encode_basestring(r.citation)},\n'
            f'      "subject_type": {encode_basestring(r.subject_type)},\n'
        )
    return found


_DUTY_LINES: dict[tuple[str, str, str, str], str] = {}

_STATUS_LINES = {
    status: f'      "status": {encode_basestring(status.value)},\n      "severity": {encode_basestring(status.severity)},\n'
    for status in Status
}
# a derived result (D1.K2a/b) has severity none: it restates its sources' findings (semantics R6)
_DERIVED_STATUS_LINES = {
    status: f'      "status": {encode_basestring(status.value)},\n      "severity": "none",\n' for status in Status
}


def result_json(r: Result) -> str:
    """One result as it stands in the report's ``results`` list (2 levels deep)."""
    return (
        "{\n"
        f'      "result_id": {encode_basestring(r.result_id)},\n'
        f"{_duty_lines(r)}"
        f'      "subject_id": {encode_basestring(r.subject_id)},\n'
        f'      "bearer_id": {encode_basestring(r.bearer_id)},\n'
        f'      "period": {_str_or_null(r.period)},\n'
        f'      "trigger_event_id": {_str_or_null(r.trigger_event_id)},\n'
        f"{(_DERIVED_STATUS_LINES if r.kind == 'derived' else _STATUS_LINES)[r.status]}"
        f'      "due_date": {_date_or_null(r.due_date)},\n'
        f'      "fulfilled_on": {_date_or_null(r.fulfilled_on)},\n'
        f'      "evidence": {_strings(r.evidence)},\n'
        '      "reason": {\n'
        f'        "code": {encode_basestring(r.reason.code)},\n'
        f'        "params": {_params(r.reason.params)}\n'
        "      },\n"
        f'      "extension": {"true" if r.extension else "false"},\n'
        f'      "derived_from": {_strings(r.derived_from)},\n'
        f'      "message": {encode_basestring(r.message)}\n'
        "    }"
    )


def results_text(results: Iterable[Result]) -> str:
    """Consecutive results of the ``results`` list, as they stand in it between their first
    opening brace and their last closing one."""
    return ",\n    ".join(map(result_json, results))


def result_batches(results: Iterable[Result]) -> Iterator[str]:
    """:func:`results_text` of each run of :data:`RESULTS_PER_CHUNK` results, in order."""
    batch: list[Result] = []
    for result in results:
        batch.append(result)
        if len(batch) == RESULTS_PER_CHUNK:
            yield results_text(batch)
            batch = []
    if batch:
        yield results_text(batch)


def document_chunks(
    head: Mapping[str, Any], results: Iterable[Result], tail: Mapping[str, Any], *, batches: Iterable[str] | None = None
) -> Iterator[str]:
    """The report document — ``head``'s keys, ``"results"``, then ``tail``'s keys — in chunks,
    without the final newline. ``batches``: the :func:`result_batches` of ``results``, when the
    caller has them made elsewhere (in worker processes, :mod:`qd213_rules.parallel`)."""
    yield "{"
    for key, value in head.items():
        yield f"\n  {encode_basestring(key)}: {indented(value, 1)},"
    yield '\n  "results": ['
    written = False
    for text in result_batches(results) if batches is None else batches:
        yield ("," if written else "") + "\n    " + text
        written = True
    yield "\n  ]" if written else "]"
    for key, value in tail.items():
        yield f",\n  {encode_basestring(key)}: {indented(value, 1)}"
    yield "\n}"
