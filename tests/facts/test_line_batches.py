"""JSON Lines read a batch of lines at a time (loader._read_batches) give exactly what reading
them one line at a time gave: the same lines yielded, the same problems (code, line, JSON path,
fact id, found, expected) in the same order, reading stopped at the same line, and the same
fact set or problems from load_facts — for inputs with junk lines of every kind among good
ones, under limits that trip in the middle of a batch, and for any batch size."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator
from typing import Any

import pytest

from qd213_rules.errors import ErrorCode, FactsError, Problem
from qd213_rules.facts import Limits, iter_fact_lines, load_facts
from qd213_rules.facts import loader
from qd213_rules.facts._fast import fast_fact
from qd213_rules.facts.checks import Collector, validate_fact
from qd213_rules.synth import write_synth


def line_by_line(reader: Any, limits: Limits, name: str | None) -> Iterator[tuple[int, str, Any]]:
    """The reader as it was before batches (the reference): one ``readline`` per line."""
    collector = Collector(limits.max_errors, file=name)
    total = facts = line_no = 0
    max_line, max_bytes, max_facts = limits.max_line_bytes, limits.max_bytes, limits.max_facts
    seen_content = False
    while collector.problem_count() < collector.max_errors:
        raw = reader.readline(max_line + 1)
        if not raw:
            break
        line_no += 1
        length = len(raw)
        too_long = length > max_line and not raw.endswith(b"\n")
        if too_long:
            while True:
                chunk = reader.readline(max_line + 1)
                length += len(chunk)
                if not chunk or chunk.endswith(b"\n") or length - len(raw) > max_bytes:
                    break
        total += length
        if total > max_bytes:
            collector.add(Problem(ErrorCode.INPUT_TOO_LARGE, file=name, line=line_no, found=total, expected=f"≤ {max_bytes} bytes"))
            break
        first_content = not seen_content
        if first_content:
            seen_content = bool(raw.strip())
        if too_long:
            collector.add(Problem(ErrorCode.LINE_TOO_LONG, file=name, line=line_no, found=length, expected=f"≤ {max_line} bytes"))
            continue
        fast = fast_fact(raw)
        if fast is not None:
            facts += 1
            if facts > max_facts:
                collector.add(Problem(ErrorCode.TOO_MANY_FACTS, file=name, line=line_no, found=facts, expected=f"≤ {max_facts}"))
                break
            yield line_no, fast[0], fast[1]
            continue
        parsed = loader._parse_line(raw, line_no, name, collector)
        if parsed is None:
            continue
        line_type, obj = parsed
        if line_type == "header":
            header, stop = loader._header(obj, line_no, name, collector, misplaced=not first_content)
            if header is not None:
                yield line_no, "header", header
            if stop:
                break
            continue
        facts += 1
        if facts > max_facts:
            collector.add(Problem(ErrorCode.TOO_MANY_FACTS, file=name, line=line_no, found=facts, expected=f"≤ {max_facts}"))
            break
        model = validate_fact(line_type, obj, base="$", collector=collector, file=name, line=line_no)
        if model is not None:
            yield line_no, line_type, model
    if collector.full and reader.readline(max_line + 1):
        collector.stop()
    collector.raise_if_any()


def _outcome(lines: Iterator[tuple[int, str, Any]]) -> tuple[list[tuple[int, str, Any]], list[Problem] | None]:
    got: list[tuple[int, str, Any]] = []
    try:
        for line_no, line_type, model in lines:
            got.append((line_no, line_type, model))
    except FactsError as exc:
        return got, list(exc.problems)
    return got, None


def _loaded(data: bytes, limits: Limits) -> object:
    try:
        facts = load_facts(data, limits=limits, name="w.jsonl")
    except FactsError as exc:
        return list(exc.problems)
    return facts.digest(), dict(facts.locations), facts.observation_from


JUNK = [
    b"",
    b"   ",
    b"\xef\xbb\xbf",
    b"not json",
    b"[1, 2]",
    b'{"type": "event"}',
    b'{"type":"event","id":"E-BAD","kind":"member_notified","date":"2020-13-01","member_id":"DV-000001","org_id":"X"}',
    b'{"type":"event","id":"E-NFD","kind":"opinion_contributed","date":"2025-01-02","member_id":"DV-000001","org_id":"X","note":"Le\\u0302"}',
    b'{"type":"event","id":"E-\xc4\x90","kind":"opinion_contributed","date":"2025-01-02","member_id":"DV-000001","org_id":"X"}',
    b'{"id":"E-LATE-TYPE","type":"event","kind":"opinion_contributed","date":"2025-01-02","member_id":"DV-000001","org_id":"X"}',
    b'{"type": "event", "id": "E-SPACED", "kind": "opinion_contributed", "date": "2025-01-02", "member_id": "DV-000001", "org_id": "X"}',
    b'{"type":"thing","id":"T-1"}',
    b'{"type":"header","schema_version":1}',
    b'{"type":"header","schema_version":2}',
    b'{"type":"member","id":"DV-BAD","name":"X"}',
    b'{"type":"event","id":"E-LONG","kind":"opinion_contributed","date":"2025-01-02","member_id":"DV-000001","org_id":"X","note":"' + b"x" * 700 + b'"}',
    b"\xff\xfe bad bytes",
]


def _province() -> list[bytes]:
    out = io.StringIO()
    write_synth(out, members=12, seed=5)
    return out.getvalue().encode("utf-8").splitlines()


@pytest.mark.parametrize("seed", range(12))
def test_batches_read_as_line_by_line(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    lines = _province()
    if rng.random() < 0.3:  # no header first: a header among the events is misplaced
        del lines[0]
    good = len(lines)
    for _ in range(rng.randrange(0, 12)):
        junk = rng.choice(JUNK)
        if junk.startswith(b'{"type":"event","id":"E-') and rng.random() < 0.5:  # an id of the province: a duplicate
            junk = lines[rng.randrange(1, good)]
        lines.insert(rng.randrange(0, len(lines) + 1), junk)
    data = b"\n".join(lines) + (b"\n" if rng.random() < 0.5 else b"")
    whole = len(data)
    limits = rng.choice([
        Limits(),
        Limits(max_errors=rng.randrange(1, 4)),
        Limits(max_line_bytes=600),
        Limits(max_line_bytes=600, max_errors=2),
        Limits(max_facts=rng.randrange(1, good + 5)),
        Limits(max_bytes=rng.randrange(1, whole + 50)),
    ])  # fmt: skip
    reference = _outcome(line_by_line(io.BytesIO(data), limits, "w.jsonl"))
    loaded: list[object] = []
    # the count alone bounds a batch, or the bytes do: a batch read a few lines at a time
    longest = limits.max_line_bytes + 1
    for batch, bound in ((1, 1 << 40), (3, 1 << 40), (64, 1 << 40), (1024, 1 << 40), (64, 3 * longest + 4000)):
        monkeypatch.setattr(loader, "_BATCH", batch)
        monkeypatch.setattr(loader, "_BATCH_BYTES", bound)
        assert _outcome(iter_fact_lines(io.BytesIO(data), limits, name="w.jsonl")) == reference, (batch, bound, limits)
        loaded.append(_loaded(data, limits))
    assert all(one == loaded[0] for one in loaded)


def test_short_lines_fill_a_batch_within_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines are read as many at a time as the room left under the byte bound allows at the
    longest a line may be: a batch of short lines holds more lines than the bound allows at
    the longest, never more than the count, and never more bytes than the bound."""
    data = b"\n".join(_province()) + b"\n"
    seen: list[tuple[int, int]] = []
    fast_events = loader.fast_events

    def spy(batch: list[bytes], *rest: Any) -> list[int]:
        seen.append((len(batch), sum(map(len, batch))))
        return fast_events(batch, *rest)

    monkeypatch.setattr(loader, "fast_events", spy)
    limits = Limits(max_line_bytes=600)
    bound = 5 * 601 + 5000
    monkeypatch.setattr(loader, "_BATCH", 64)
    monkeypatch.setattr(loader, "_BATCH_BYTES", bound)
    got = _outcome(iter_fact_lines(io.BytesIO(data), limits, name="w.jsonl"))
    assert got == _outcome(line_by_line(io.BytesIO(data), limits, "w.jsonl"))
    assert max(count for count, _ in seen) > bound // 601
    assert all(count <= 64 and size <= bound for count, size in seen)


def test_a_batch_stops_where_the_errors_run_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The collector fills up in the middle of a batch: the events read fast after that line
    are not yielded, and the input is said to be left unread."""
    lines = _province()
    lines[5] = b"junk one"
    lines[9] = b"junk two"
    data = b"\n".join(lines) + b"\n"
    monkeypatch.setattr(loader, "_BATCH_BYTES", 1 << 40)
    monkeypatch.setattr(loader, "_BATCH", 1024)
    got, problems = _outcome(iter_fact_lines(io.BytesIO(data), Limits(max_errors=2), name="w.jsonl"))
    assert [n for n, _, _ in got] == [n for n in range(1, 10) if n not in (6,)]
    assert problems is not None
    assert [(p.code, p.line) for p in problems] == [
        (ErrorCode.JSON_MALFORMED, 6), (ErrorCode.JSON_MALFORMED, 10), (ErrorCode.TOO_MANY_ERRORS, None),
    ]  # fmt: skip


def test_events_read_precisely_keep_their_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """An event the fast path hands back (here: spaced) is read precisely and kept in line
    order among the events of its batch: a repeated id is reported at the later line."""
    lines = _province()
    event_at = next(i for i, line in enumerate(lines) if line.startswith(b'{"type":"event"'))
    spaced = json.dumps(json.loads(lines[event_at])).encode()
    lines.insert(event_at + 3, spaced)  # the same event again, later, read precisely
    data = b"\n".join(lines) + b"\n"
    with pytest.raises(FactsError) as info:
        load_facts(data, name="w.jsonl")
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.DUPLICATE_ID and problem.line == event_at + 4
    lines[event_at], lines[event_at + 3] = lines[event_at + 3], lines[event_at]
    with pytest.raises(FactsError) as info:
        load_facts(b"\n".join(lines) + b"\n", name="w.jsonl")
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.DUPLICATE_ID and problem.line == event_at + 4


def test_a_header_after_events_of_its_batch_is_misplaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Events read fast before a header in the same batch count as content before it."""
    lines = _province()
    header = lines.pop(0)
    event = lines.pop(next(i for i, line in enumerate(lines) if line.startswith(b'{"type":"event"')))
    lines[:0] = [b"", event, header]
    data = b"\n".join(lines) + b"\n"
    monkeypatch.setattr(loader, "_BATCH_BYTES", 1 << 40)
    monkeypatch.setattr(loader, "_BATCH", 1024)
    got, problems = _outcome(iter_fact_lines(io.BytesIO(data), name="w.jsonl"))
    assert (got, problems) == _outcome(line_by_line(io.BytesIO(data), Limits(), "w.jsonl"))
    assert problems is not None
    assert [(p.code, p.line) for p in problems] == [(ErrorCode.HEADER_MISPLACED, 3)]
