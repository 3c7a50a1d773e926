"""Reading facts: one JSON document, or JSON Lines with one fact per line (docs/facts.md).

:func:`load_facts` accepts a path, ``"-"`` for standard input, a binary or text file object, the
content itself (``bytes``, or a ``str`` starting with ``{`` or ``[``), or a parsed document
(a ``dict``). The format is JSON
Lines when the name ends in ``.jsonl`` or ``.ndjson``; otherwise the content decides: JSON Lines
when the first non-blank line is, on its own, an object whose ``"type"`` is ``organization``,
``member``, ``event`` or ``header``; a JSON document (one object with ``schema_version``)
otherwise.

JSON Lines is read line by line, never as one string (:func:`iter_fact_lines` is the reusable
reader); the optional header ``{"type": "header", "schema_version": 1, "observation": {...}}``
may only be the first non-blank line. The ``type`` key is removed before an object is validated
against its model.

Abusive input is refused before it exhausts memory (:class:`Limits`): a JSON document is read
up to ``max_bytes + 1`` bytes, a line up to ``max_line_bytes + 1``. Problems are collected across
the file, up to ``max_errors`` (then one ``too_many_errors``), and raised together as
:class:`~qd213_rules.errors.FactsError`; each names the file, the line (JSON Lines) and the JSON
path (``$.events[3].date`` in a document, ``$.date`` inside a line), the fact id, the value found
and what was expected.

>>> facts = load_facts(b'{"type": "organization", "id": "DU-P1", "kind": "commune_committee"}')
>>> list(facts.organizations)
['DU-P1']
>>> try:
...     load_facts('{"schema_version": 1, "organizations": [{"id": "X", "kind": "ward"}]}')
... except FactsError as exc:
...     print(exc.problems[0].code.value, exc.problems[0].json_path, exc.problems[0].fact_id)
invalid_value $.organizations[0].kind X
"""

from __future__ import annotations

import heapq
import io
import json
import os
import sys
from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import chain, islice, repeat
from operator import itemgetter
from typing import IO, Any, Literal, NamedTuple, Protocol, Union

from pydantic import ValidationError

from ..errors import ErrorCode, FactsError, Problem
from ..limits import Limits
from ._base import FactModel
from ._fast import _EVENT_LINE, day_number, fast_events, fast_fact
from .checks import (
    DEFAULT_MAX_ERRORS,
    SURROGATE_EXPECTED,
    Collector,
    FactType,
    json_kind,
    json_path,
    lone_surrogate,
    raw_fact_id,
    validate_fact,
    validation_problems,
)
from .document import Observation
from .document_object import read_document_object, with_references
from .events import Event
from .factset import FactSet
from .members import Member
from .organizations import Organization

__all__ = ["Limits", "load_facts", "iter_fact_lines", "facts_from_object", "JsonLinesHeader", "FactLine", "Source"]


class JsonLinesHeader(FactModel):
    """The optional first line of a JSON Lines file (its ``"type": "header"`` removed)."""

    schema_version: Literal[1] = 1
    observation: Observation | None = None


class FactLine(NamedTuple):
    """One fact (or the header) read from JSON Lines, with its 1-based line number."""

    line_no: int
    type: str
    model: Organization | Member | Event | JsonLinesHeader


Source = Union[str, "os.PathLike[str]", bytes, bytearray, IO[bytes], IO[str], Mapping[str, Any]]
"""What :func:`load_facts` reads."""

LINE_TYPES = ("organization", "member", "event", "header")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
class _Readable(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...

    def read(self, size: int = -1, /) -> bytes: ...


# -- public API -----------------------------------------------------------------------------


def load_facts(source: Source, *, limits: Limits = Limits(), name: str | None = None) -> FactSet:
    """Read, validate and check facts; see the module documentation.

    ``name`` is the file name used in problems (default: the path as given, ``<stdin>``, or the
    file object's ``name``). A ``dict`` is taken as a parsed fact document (``schema_version``,
    ``observation``, the three lists). Raises :class:`~qd213_rules.errors.FactsError`.
    """
    if isinstance(source, Mapping):
        return facts_from_object(source, name=name, limits=limits)
    with _open(source, name) as (reader, display, by_suffix):
        try:
            is_lines, prefix = (True, b"") if by_suffix else _sniff(reader, limits)
            reader = _Prefixed(reader, prefix)
            if is_lines:
                return _load_lines(reader, limits, display)
            return _load_document(reader, limits, display)
        except UnicodeDecodeError as exc:  # from a text stream that could not decode its file
            raise FactsError([Problem(ErrorCode.NOT_UTF8, file=display, found=f"byte {exc.start}", expected="UTF-8")]) from None
        except OSError as exc:
            raise FactsError([Problem(ErrorCode.FILE_UNREADABLE, file=display, found=exc.strerror or str(exc))]) from None


def iter_fact_lines(
    stream: IO[bytes] | IO[str], limits: Limits = Limits(), *, name: str | None = None
) -> Iterator[FactLine]:
    """Yield ``(line_no, type, model)`` for each valid line of a JSON Lines stream.

    Lines are read a few at a time (at most ``max_line_bytes + 1`` bytes each, and at most
    16 MB of them at once), so memory stays bounded by the limits. Problems are collected; when the stream ends (or ``max_errors`` is
    reached) they are raised together as :class:`~qd213_rules.errors.FactsError`, after the
    valid lines were yielded — a caller that needs all-or-nothing keeps what it got until then.

    >>> lines = io.BytesIO(b'{"type": "header", "schema_version": 1}\\n\\n'
    ...                    b'{"type": "organization", "id": "DU-P1", "kind": "commune_committee"}\\n')
    >>> [(n, kind) for n, kind, _ in iter_fact_lines(lines)]
    [(1, 'header'), (3, 'organization')]
    """
    for line_no, line_type, model in _read_lines(_binary(stream), limits, name):
        yield FactLine(line_no, line_type, model)


def _read_lines(reader: _Readable, limits: Limits, name: str | None) -> Iterator[tuple[int, str, Any]]:
    """:func:`iter_fact_lines` as plain tuples, in line order."""
    for models, numbers, _, _, others in _read_batches(reader, limits, name):
        events = zip(numbers, repeat("event"), models)
        # line numbers never repeat: the merge never compares two models
        yield from heapq.merge(events, others) if others else events


_BATCH = 1024
"""Lines read at a time at most."""
_BATCH_BYTES = 16 << 20
"""What a batch may hold at most: its lines are read as many at a time as the room left
allows at ``max_line_bytes + 1`` bytes each (15 lines at first under the default limits), so
that memory stays bounded by the limits, not by what the lines hold, and a batch of short
lines still holds up to :data:`_BATCH` of them."""

Batch = tuple[list[Any], list[int], list[str], list[int], list[tuple[int, str, Any]]]
"""A batch of lines read: the events read by the fast path (:func:`~._fast.fast_events`),
their line numbers, ids and days (:func:`~._fast.day_number`), and every other valid line as
``(line_no, type, model)``; each in line order."""


def _read_batches(reader: _Readable, limits: Limits, name: str | None) -> Iterator[Batch]:
    """The valid lines of a JSON Lines stream, a batch of lines at a time (problems collected
    and raised at the end, as :func:`iter_fact_lines` says).

    The lines are read as ``readline(max_line_bytes + 1)`` reads them, from an iterator that
    calls it in C. A batch none of whose lines can break a limit (too long, too many facts,
    too many bytes) has those checks made once for the batch, its event lines read in one loop
    (:func:`~._fast.fast_events`), and only its other lines read one by one; any other batch is
    read line by line, as every line was before (the per-line checks, a too-long line skipped
    piece by piece). Either way the same problems are found, in the same order, and reading
    stops at the same line."""
    collector = Collector(limits.max_errors, file=name)
    total = facts = line_no = 0
    max_line, max_bytes, max_facts = limits.max_line_bytes, limits.max_bytes, limits.max_facts
    pieces = _pieces(reader, max_line + 1)
    pending: deque[bytes] = deque()  # lines of a batch read line by line, and what a stop left unread

    def take() -> bytes:
        return pending.popleft() if pending else next(pieces, b"")

    seen_content = False
    problems, max_errors = collector.problem_count, collector.max_errors
    stopped = False
    longest = max_line + 1  # what readline may return
    count = max(1, min(_BATCH, _BATCH_BYTES // longest))
    while not stopped and problems() < max_errors:
        batch = list(islice(pieces, count))
        if not batch:
            break
        size = sum(map(len, batch))
        # more lines, as many as the bound still has room for at the longest a line may be:
        # lines are far shorter than the limit, and batches of 15 lines (the default limits)
        # spent about 2 % of the load in the steps made once per batch
        room = min(_BATCH - len(batch), (_BATCH_BYTES - size) // longest)
        while room > 0:
            more = list(islice(pieces, room))
            if not more:
                break
            batch += more
            size += sum(map(len, more))
            room = min(_BATCH - len(batch), (_BATCH_BYTES - size) // longest)
        models: list[Any] = []
        numbers: list[int] = []
        ids: list[str] = []
        days: list[int] = []
        others: list[tuple[int, str, Any]] = []
        if total + size <= max_bytes and facts + len(batch) <= max_facts and max(map(len, batch)) <= max_line:
            total += size
            first = line_no + 1
            line_no += len(batch)
            left = fast_events(batch, first, models, numbers, ids, days)
            facts += len(models)
            first_fast = numbers[0] if numbers else line_no + 1
            for at in left:
                raw = batch[at]
                here = first + at
                first_content = not seen_content and here < first_fast
                if first_content:
                    seen_content = bool(raw.strip())
                # an event line fast_events handed back is one fast_fact would hand back too
                fast = None if raw.startswith(_EVENT_LINE) else fast_fact(raw)
                if fast is not None:
                    facts += 1
                    others.append((here, fast[0], fast[1]))
                    continue
                parsed = _parse_line(raw, here, name, collector)
                if parsed is not None:
                    line_type, obj = parsed
                    if line_type == "header":
                        header, stopped = _header(obj, here, name, collector, misplaced=not first_content)
                        if header is not None:
                            others.append((here, "header", header))
                    else:
                        facts += 1
                        model = validate_fact(line_type, obj, base="$", collector=collector, file=name, line=here)
                        if model is not None:
                            others.append((here, line_type, model))
                if stopped or problems() >= max_errors:
                    # reading stops at this line, as it does line by line: the events read
                    # after it are dropped and the lines after it left unread
                    cut = bisect_right(numbers, here)
                    del models[cut:], numbers[cut:], ids[cut:], days[cut:]
                    pending.extend(batch[at + 1 :])
                    stopped = True
                    break
            if numbers:
                seen_content = True
        else:
            pending.extend(batch)
            while pending:
                if problems() >= max_errors:
                    stopped = True
                    break
                raw = pending.popleft()
                line_no += 1
                length = len(raw)
                too_long = length > max_line and not raw.endswith(b"\n")
                if too_long:
                    length += _skip_line(take, limits)
                total += length
                if total > max_bytes:
                    collector.add(Problem(ErrorCode.INPUT_TOO_LARGE, file=name, line=line_no, found=total, expected=f"≤ {max_bytes} bytes"))
                    stopped = True
                    break
                first_content = not seen_content
                if first_content:
                    seen_content = bool(raw.strip())
                if too_long:
                    collector.add(Problem(ErrorCode.LINE_TOO_LONG, file=name, line=line_no, found=length, expected=f"≤ {max_line} bytes"))
                    continue
                fast = fast_fact(raw)  # most lines; any other is read by the precise path below
                if fast is not None:
                    facts += 1
                    if facts > max_facts:
                        collector.add(Problem(ErrorCode.TOO_MANY_FACTS, file=name, line=line_no, found=facts, expected=f"≤ {max_facts}"))
                        stopped = True
                        break
                    others.append((line_no, fast[0], fast[1]))
                    continue
                parsed = _parse_line(raw, line_no, name, collector)
                if parsed is None:
                    continue
                line_type, obj = parsed
                if line_type == "header":
                    header, stopped = _header(obj, line_no, name, collector, misplaced=not first_content)
                    if header is not None:
                        others.append((line_no, "header", header))
                    if stopped:
                        break
                    continue
                facts += 1
                if facts > max_facts:
                    collector.add(Problem(ErrorCode.TOO_MANY_FACTS, file=name, line=line_no, found=facts, expected=f"≤ {max_facts}"))
                    stopped = True
                    break
                model = validate_fact(line_type, obj, base="$", collector=collector, file=name, line=line_no)
                if model is not None:
                    others.append((line_no, line_type, model))
        if models or others:
            yield models, numbers, ids, days, others
    if collector.full and (pending or next(pieces, b"")):
        collector.stop()  # input left unread: say so
    collector.raise_if_any()


def _pieces(reader: _Readable, size: int) -> Iterator[bytes]:
    """``reader.readline(size)`` until the end of the stream, from an iterator made in C (no
    call of ours per line); the bytes a sniffing put back are read first."""
    if isinstance(reader, _Prefixed):
        head: list[bytes] = []
        while reader.has_prefix:
            head.append(reader.readline(size))
        return chain(head, iter(partial(reader.stream.readline, size), b""))
    return iter(partial(reader.readline, size), b"")


def facts_from_object(doc: Any, *, name: str | None = None, limits: Limits = Limits()) -> FactSet:
    """A parsed JSON fact document (``schema_version``, ``observation``, the three lists)."""
    return read_document_object(doc, FactSet.from_located, name=name, limits=limits)


# -- formats --------------------------------------------------------------------------------


def _load_document(reader: _Readable, limits: Limits, name: str | None) -> FactSet:
    data = _read_at_most(reader, limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise FactsError([Problem(ErrorCode.INPUT_TOO_LARGE, file=name, found=len(data), expected=f"≤ {limits.max_bytes} bytes")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactsError([Problem(ErrorCode.NOT_UTF8, file=name, found=f"byte {exc.start}", expected="UTF-8")]) from None
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise FactsError([Problem(ErrorCode.JSON_MALFORMED, file=name, line=exc.lineno, found=f"{exc.msg} (column {exc.colno})")]) from None
    except (ValueError, RecursionError) as exc:
        raise FactsError([Problem(ErrorCode.JSON_MALFORMED, file=name, found=_json_failure(exc))]) from None
    bad = lone_surrogate(doc) if "\\u" in text else None  # only an escape makes one
    if bad is not None:
        from .locate import json_path_lines

        raise FactsError([Problem(ErrorCode.NOT_UTF8, file=name, line=json_path_lines(text, {bad[0]}).get(bad[0]),
                                  json_path=bad[0], found=bad[1], expected=SURROGATE_EXPECTED)]) from None  # fmt: skip
    try:
        return facts_from_object(doc, name=name, limits=limits)
    except FactsError as exc:  # name the line of each problem too, as JSON Lines does
        from .locate import ancestors, json_path_lines

        wanted = {p.json_path: ancestors(p.json_path) for p in exc.problems if p.json_path and p.line is None}
        lines = json_path_lines(text, {path for chain in wanted.values() for path in chain})

        def line_of(problem: Problem) -> Problem:
            # a missing field is at the line of the object that lacks it
            found = [lines[path] for path in wanted.get(problem.json_path or "", ()) if path in lines]
            return replace(problem, line=found[0]) if found and problem.line is None else problem

        located = [line_of(p) for p in exc.problems]
        raise FactsError(sorted(located, key=lambda p: (p.line is None, p.line or 0))) from None


def _load_lines(reader: _Readable, limits: Limits, name: str | None) -> FactSet:
    # each type's models and their line numbers (the location is made when asked for), in a
    # list and an array rather than a pair per fact: a province's pairs were as many objects
    # again for the garbage collector to traverse while the file is read, and 64 bytes each at
    # the peak (a line number in a list is an int object too: 36 bytes, 8 in the array; 4 when
    # no line number can pass 2**32 - 1, the input's bytes being fewer: the fact set keeps them)
    typecode = "I" if limits.max_bytes < _UINT32_LINES else "L"
    sections: dict[str, tuple[list[Any], array[int]]] = {kind: ([], array(typecode)) for kind in ("organization", "member", "event")}
    observed = None
    structural: list[Problem] = []
    add_events, add_event_lines = sections["event"][0].extend, sections["event"][1].extend  # most lines
    # each event's id and day, in line order, as the fast path read them (the fact set sorts
    # the events by both: it need not read every event again from the heap)
    event_ids: list[str] = []
    event_days: list[int] = []
    add_ids, add_days = event_ids.extend, event_days.extend
    try:
        for models, numbers, ids, days, others in _read_batches(reader, limits, name):
            late = [(line_no, model) for line_no, line_type, model in others if line_type == "event"]
            if late:  # events the precise path read: each type's lines are kept in line order
                merged = sorted(chain(zip(numbers, models), late), key=itemgetter(0))
                numbers, models = [line_no for line_no, _ in merged], [model for _, model in merged]
                ids, days = [model.id for model in models], [day_number(model.date) for model in models]
            add_events(models)
            add_event_lines(numbers)
            add_ids(ids)
            add_days(days)
            for line_no, line_type, model in others:
                if line_type == "header":
                    observed = model.observation.from_ if model.observation is not None else None
                elif line_type != "event":
                    kept, lines = sections[line_type]
                    kept.append(model)
                    lines.append(line_no)
    except FactsError as exc:
        structural = list(exc.problems)

    def build(collector: Collector) -> FactSet:
        return FactSet._from_lines(
            sections,
            observation_from=observed,
            source_name=name,
            collector=collector,
            event_keys=(event_ids, event_days),
        )

    if structural:
        raise FactsError(with_references(structural, limits, build))
    return build(Collector(limits.max_errors, file=name))


_UINT32_LINES = 2**32 - 1 if array("I").itemsize >= 4 else 0
"""Inputs of fewer bytes than this keep their line numbers in 32 bits (a line has a byte at
least); 0 where a C ``unsigned int`` is narrower."""


def _parse_line(raw: bytes, line_no: int, name: str | None, collector: Collector) -> tuple[FactType | Literal["header"], dict[str, Any]] | None:
    """The line's type and object (``type`` removed), or None for a blank or bad line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        collector.add(Problem(ErrorCode.NOT_UTF8, file=name, line=line_no, found=f"byte {exc.start}", expected="UTF-8"))
        return None
    if line_no == 1:
        text = text.lstrip("\ufeff")
    if not text.strip():
        return None
    try:
        obj = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        collector.add(Problem(ErrorCode.JSON_MALFORMED, file=name, line=line_no, found=f"{exc.msg} (column {exc.colno})"))
        return None
    except (ValueError, RecursionError) as exc:
        collector.add(Problem(ErrorCode.JSON_MALFORMED, file=name, line=line_no, found=_json_failure(exc)))
        return None
    if not isinstance(obj, dict):
        collector.add(Problem(ErrorCode.NOT_AN_OBJECT, file=name, line=line_no, json_path="$", found=json_kind(obj), expected="object"))
        return None
    fact_id = raw_fact_id(obj)
    if "\\u" in text:  # only an escape puts a lone surrogate into a decoded string
        bad = lone_surrogate(obj)
        if bad is not None:
            collector.add(Problem(ErrorCode.NOT_UTF8, file=name, line=line_no, json_path=bad[0],
                                  fact_id=fact_id, found=bad[1], expected=SURROGATE_EXPECTED))  # fmt: skip
            return None
    if "type" not in obj:
        collector.add(Problem(ErrorCode.MISSING_FIELD, file=name, line=line_no, json_path="$.type", fact_id=fact_id, expected="type"))
        return None
    line_type = obj.pop("type")
    if line_type not in LINE_TYPES:
        collector.add(
            Problem(ErrorCode.UNKNOWN_TYPE, file=name, line=line_no, json_path="$.type", fact_id=fact_id, found=line_type, expected=" | ".join(LINE_TYPES))
        )
        return None
    return line_type, obj


def _header(
    obj: dict[str, Any], line_no: int, name: str | None, collector: Collector, *, misplaced: bool
) -> tuple[JsonLinesHeader | None, bool]:
    """The header, and whether to stop reading (another format version would only give noise)."""
    if misplaced:
        collector.add(Problem(ErrorCode.HEADER_MISPLACED, file=name, line=line_no, json_path="$.type", found="header"))
        return None, False
    try:
        return JsonLinesHeader.model_validate(obj), False
    except ValidationError as exc:
        problems = validation_problems(exc, JsonLinesHeader, obj, base="$", file=name, line=line_no)
        for problem in problems:
            collector.add(problem)
        return None, any(p.code == ErrorCode.SCHEMA_VERSION for p in problems)


# -- streams --------------------------------------------------------------------------------


@contextmanager
def _open(source: Source, name: str | None) -> Iterator[tuple[_Readable, str | None, bool]]:
    """(binary reader, display name, JSON Lines by file-name suffix)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        yield io.BytesIO(bytes(source)), name, _lines_suffix(name)
        return
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        yield io.BytesIO(source.encode("utf-8")), name, _lines_suffix(name)
        return
    if isinstance(source, str) and source == "-":
        display = name or "<stdin>"
        # the binary buffer, so that UTF-8 is decoded (and checked) here, not by the locale
        yield sys.stdin.buffer, display, _lines_suffix(display)
        return
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        display = name or path
        try:
            handle = open(path, "rb")
        except FileNotFoundError:
            raise FactsError([Problem(ErrorCode.FILE_NOT_FOUND, file=display, found=path)]) from None
        except OSError as exc:
            raise FactsError([Problem(ErrorCode.FILE_UNREADABLE, file=display, found=exc.strerror or str(exc))]) from None
        with handle:
            yield handle, display, _lines_suffix(display)
        return
    if hasattr(source, "read"):
        file_name = getattr(source, "name", None)
        shown = name or (file_name if isinstance(file_name, str) else None)
        yield _binary(source), shown, _lines_suffix(shown)
        return
    raise TypeError(f"cannot read facts from {type(source).__name__}")


def _lines_suffix(name: str | None) -> bool:
    return name is not None and name.lower().endswith(_JSONL_SUFFIXES)


def _binary(stream: Any) -> _Readable:
    """A binary view of a stream (text streams are encoded back to UTF-8 as they are read)."""
    if isinstance(stream, io.TextIOBase) or isinstance(stream.read(0), str):
        return _TextAsBytes(stream)
    return stream  # type: ignore[no-any-return]


class _TextAsBytes:
    """Reads a text stream as UTF-8 bytes (sizes are counted in characters, a close bound)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def readline(self, size: int = -1, /) -> bytes:
        return self._stream.readline(size).encode("utf-8")

    def read(self, size: int = -1, /) -> bytes:
        return self._stream.read(size).encode("utf-8")


class _Prefixed:
    """A stream with bytes already consumed (by format sniffing) put back in front of it."""

    def __init__(self, stream: _Readable, prefix: bytes) -> None:
        self._stream = stream
        self._prefix = prefix

    @property
    def stream(self) -> _Readable:
        return self._stream

    @property
    def has_prefix(self) -> bool:
        """Whether bytes put back are still to be read."""
        return bool(self._prefix)

    def readline(self, size: int = -1, /) -> bytes:
        if not self._prefix:
            return self._stream.readline(size)
        limit = len(self._prefix) if size < 0 else size
        end = self._prefix.find(b"\n", 0, limit)
        if end >= 0 or len(self._prefix) >= limit:
            cut = end + 1 if end >= 0 else limit
            out, self._prefix = self._prefix[:cut], self._prefix[cut:]
            return out
        out, self._prefix = self._prefix, b""
        return out + self._stream.readline(size - len(out) if size >= 0 else -1)

    def read(self, size: int = -1, /) -> bytes:
        out, self._prefix = (self._prefix, b"") if size < 0 else (self._prefix[:size], self._prefix[size:])
        rest = -1 if size < 0 else size - len(out)
        return out + (self._stream.read(rest) if rest != 0 else b"")


def _sniff(reader: _Readable, limits: Limits) -> tuple[bool, bytes]:
    """Read up to the first non-blank line: (is JSON Lines, the bytes consumed)."""
    consumed: list[bytes] = []
    total = 0
    while total <= limits.max_bytes:
        line = reader.readline(limits.max_line_bytes + 1)
        consumed.append(line)
        total += len(line)
        if not line or (len(line) > limits.max_line_bytes and not line.endswith(b"\n")):
            break  # end of input, or a first line too long for JSON Lines
        text = line.strip().decode("utf-8", "replace").lstrip("\ufeff")
        if not text:
            continue
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):
            break
        return isinstance(obj, dict) and obj.get("type") in LINE_TYPES, b"".join(consumed)
    return False, b"".join(consumed)


def _read_at_most(reader: _Readable, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = reader.read(min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _skip_line(take: Callable[[], bytes], limits: Limits) -> int:
    """Consume the rest of an over-long line without keeping it (``take`` gives the next
    ``readline(max_line_bytes + 1)``); the bytes skipped."""
    skipped = 0
    while True:
        chunk = take()
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n") or skipped > limits.max_bytes:
            return skipped


def _no_constant(value: str) -> Any:
    raise ValueError(f"{value} is not JSON")


def _json_failure(exc: BaseException) -> str:
    return "nesting too deep" if isinstance(exc, RecursionError) else str(exc)


