"""Streaming (semantics §17): the results of the non-streaming report, shard by shard (issue 7)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qd213_rules.engine import evaluate
from qd213_rules.errors import ErrorCode, FactsError
from qd213_rules.facts import load_facts
from qd213_rules.stream import check_stream
from strategies import fact_document_and_as_of

from .helpers import document_lines, write_lines

Doc = dict[str, Any]


def _stream(path: Path, as_of: dt.date, **options: Any) -> tuple[list[dict[str, Any]], dict[str, Any], str]:
    out = io.StringIO()
    summary = check_stream(path, out, as_of=as_of, lang="en", **options)
    lines = out.getvalue().splitlines()
    assert json.loads(lines[-1]) == summary
    return [json.loads(line) for line in lines[:-1]], summary, out.getvalue()


def _same_as_report(path: Path, as_of: dt.date, **options: Any) -> str:
    """Stream and report agree on results, counts, digest, observation and warnings."""
    results, summary, text = _stream(path, as_of, **options)
    report = evaluate(load_facts(path), as_of=as_of, lang="en", backend=options.get("backend", "durable")).to_dict()
    assert sorted(results, key=lambda r: r["result_id"]) == sorted(report["results"], key=lambda r: r["result_id"])
    assert summary["results"] == len(report["results"])
    assert summary["summary"] == report["summary"]
    assert summary["input_sha256"] == report["input_sha256"]
    assert summary["observation"] == report["observation"]
    assert summary["policy"] == report["policy"]
    assert summary["data_warnings"] == report["data_warnings"]
    return text


@pytest.mark.perf
def test_stream_equals_the_report_on_a_shuffled_synth_province(synth_file: Any, tmp_path: Path) -> None:
    lines = synth_file(1200, seed=9).read_text(encoding="utf-8").splitlines()
    rnd = random.Random(4)
    body = lines[1:]
    rnd.shuffle(body)  # any line order (the header stays first)
    path = write_lines(tmp_path / "shuffled.jsonl", [lines[0], *body])
    text = _same_as_report(path, dt.date(2025, 12, 31), backend="python")
    # deterministic: the original order, and two workers, give the same bytes
    assert _stream(synth_file(1200, seed=9), dt.date(2025, 12, 31), backend="python")[2] == text
    assert _stream(path, dt.date(2025, 12, 31), backend="python", workers=2)[2] == text


@pytest.mark.perf
def test_stream_with_durable_mid_year(synth_file: Any) -> None:
    _same_as_report(synth_file(800, seed=2), dt.date(2024, 9, 30), backend="durable")


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pair=fact_document_and_as_of(), rnd=st.randoms(use_true_random=False))
def test_stream_equals_the_report_on_generated_documents(tmp_path: Path, pair: tuple[Doc, dt.date], rnd: random.Random) -> None:
    doc, as_of = pair
    path = write_lines(tmp_path / "doc.jsonl", document_lines(doc, rnd))
    try:
        report = evaluate(load_facts(path), as_of=as_of, lang="en", backend="python")
    except FactsError as exc:  # the same errors from the stream
        with pytest.raises(FactsError) as streamed:
            _stream(path, as_of, backend="python")
        assert {(p.code, p.fact_id) for p in streamed.value.problems} == {(p.code, p.fact_id) for p in exc.problems}
        return
    results, summary, _ = _stream(path, as_of, backend="python")
    want = report.to_dict()
    assert sorted(results, key=lambda r: r["result_id"]) == sorted(want["results"], key=lambda r: r["result_id"])
    assert summary["input_sha256"] == want["input_sha256"]
    assert summary["data_warnings"] == want["data_warnings"]


def test_bad_input_is_refused_with_lines(tmp_path: Path) -> None:
    lines = [
        '{"type": "organization", "id": "DU-P1", "kind": "commune_committee"}',
        '{"type": "organization", "id": "CB-1", "kind": "residence_cell", "parent_id": "DU-P1"}',
        '{"type": "organization", "id": "DU-P1", "kind": "commune_committee"}',
        '{"type": "event", "id": "E1", "kind": "member_registered", "date": "2024-02-01", "member_id": "DV-X", "org_id": "CB-1"}',
    ]
    path = write_lines(tmp_path / "bad.jsonl", lines)
    with pytest.raises(FactsError) as caught:
        _stream(path, dt.date(2025, 1, 1))
    found = {(p.code, p.line, p.fact_id) for p in caught.value.problems}
    assert (ErrorCode.DUPLICATE_ID, 3, "DU-P1") in found
    assert (ErrorCode.UNKNOWN_REFERENCE, 4, "E1") in found
    # a malformed line is reported with its number, as load_facts does
    path = write_lines(tmp_path / "broken.jsonl", [*lines[:2], "{not json"])
    with pytest.raises(FactsError) as caught:
        _stream(path, dt.date(2025, 1, 1))
    assert caught.value.problems[0].line == 3


@pytest.mark.perf
def test_missing_organisations_are_found_in_any_line_order(tmp_path: Path) -> None:
    """Staging keeps an organisation reference as a row only where a shard looks events up by
    organisation, or where it may name a missing one (not read yet): every missing
    organisation is still found, as load_facts finds it, whichever line comes first."""
    lines = [
        '{"type": "event", "id": "E0", "kind": "member_registered", "date": "2024-02-01", "member_id": "DV-1", "org_id": "CB-LATE"}',
        '{"type": "organization", "id": "DU-P1", "kind": "commune_committee", "parent_id": "DU-NONE"}',
        '{"type": "organization", "id": "CB-1", "kind": "residence_cell", "parent_id": "DU-P1"}',
        '{"type": "organization", "id": "CB-LATE", "kind": "residence_cell", "parent_id": "DU-P1"}',
        '{"type": "member", "id": "DV-1", "category": "regular", "working_since": "2020-01-05", "workplace_cell_id": "CB-GONE", "residence_cell_id": "CB-1"}',
        '{"type": "event", "id": "E1", "kind": "member_registered", "date": "2024-02-01", "member_id": "DV-1", "org_id": "CB-1"}',
        '{"type": "event", "id": "E2", "kind": "member_registered", "date": "2024-02-01", "member_id": "DV-1", "org_id": "CB-MISSING"}',
        '{"type": "event", "id": "E3", "kind": "meeting_held", "date": "2024-03-01", "org_id": "CB-NOWHERE", "meeting_type": "working_members"}',
    ]
    path = write_lines(tmp_path / "orgs.jsonl", lines)
    with pytest.raises(FactsError) as caught:
        _stream(path, dt.date(2025, 1, 1))
    found = {(p.code, p.line, p.fact_id, p.found) for p in caught.value.problems if p.code is ErrorCode.UNKNOWN_REFERENCE}
    with pytest.raises(FactsError) as loaded:
        load_facts(path)
    expected = {(p.code, p.line, p.fact_id, p.found) for p in loaded.value.problems if p.code is ErrorCode.UNKNOWN_REFERENCE}
    assert found == expected
    assert {f for _, _, _, f in found} == {"DU-NONE", "CB-GONE", "CB-MISSING", "CB-NOWHERE"}


def test_an_error_found_inside_a_shard_names_the_file_and_line_load_facts_names(tmp_path: Path) -> None:
    """A fact-level check that runs in a shard (an organisation of the wrong kind) reports the
    file, line, path and fact that load_facts reports (a shard's facts carry their line numbers)."""
    lines = [
        '{"type": "organization", "id": "DU-P1", "kind": "commune_committee"}',
        '{"type": "organization", "id": "CB-1", "kind": "residence_cell", "parent_id": "DU-P1"}',
        '{"type": "member", "id": "DV-1", "category": "regular", "working_since": "2020-01-05", '
        '"workplace_cell_id": "CB-1", "residence_cell_id": "CB-1"}',
        '{"type": "event", "id": "E1", "kind": "member_registered", "date": "2024-02-01", "member_id": "DV-1", "org_id": "DU-P1"}',
    ]
    path = write_lines(tmp_path / "wrong_kind.jsonl", lines)
    with pytest.raises(FactsError) as loaded:
        load_facts(path)
    with pytest.raises(FactsError) as streamed:
        _stream(path, dt.date(2025, 1, 1))
    where = [(p.code, p.file, p.line, p.json_path, p.fact_id) for p in loaded.value.problems]
    assert where == [(p.code, p.file, p.line, p.json_path, p.fact_id) for p in streamed.value.problems]
    assert (ErrorCode.WRONG_ORG_KIND, str(path), 4) in [w[:3] for w in where]


def test_empty_province_is_empty_input(tmp_path: Path) -> None:
    """An export with no organisation and no member is refused, as by a plain check (semantics R9)."""
    path = write_lines(tmp_path / "empty.jsonl", ['{"type": "header", "schema_version": 1, "observation": {"from": "2024-01-01"}}'])
    with pytest.raises(FactsError) as info:
        _stream(path, dt.date(2025, 1, 1))
    assert info.value.codes == (ErrorCode.EMPTY_INPUT,)


# -- quiet organisations (issue 11 item 1) -----------------------------------------------------------

_QUIET_LINES = [
    '{"type": "header", "schema_version": 1, "observation": {"from": "2025-01-01"}}',
    '{"type": "organization", "id": "DU-Q", "kind": "workplace_committee", "name": "Đảng ủy Mẫu Q"}',
    '{"type": "organization", "id": "CB-Q1", "kind": "workplace_cell", "parent_id": "DU-Q"}',
    '{"type": "organization", "id": "PQ", "kind": "commune_committee", "name": "Đảng ủy xã Q"}',
    '{"type": "organization", "id": "KQ1", "kind": "residence_cell", "parent_id": "PQ"}',
    '{"type": "organization", "id": "KQ2", "kind": "residence_cell", "parent_id": "PQ"}',
    '{"type": "member", "id": "DV-Q1", "workplace_cell_id": "CB-Q1", "residence_cell_id": "KQ1", "category": "regular", "working_since": "2018-03-01"}',
    '{"type": "member", "id": "DV-Q2", "workplace_cell_id": "CB-Q1", "residence_cell_id": "KQ2", "category": "regular", "working_since": "2019-03-01"}',
    '{"type": "event", "id": "Q-01", "kind": "member_registered", "date": "2019-04-15", "member_id": "DV-Q1", "org_id": "KQ1"}',
    '{"type": "event", "id": "Q-02", "kind": "member_notified", "date": "2019-04-16", "member_id": "DV-Q1", "org_id": "KQ1"}',
]


def test_stream_keeps_the_results_of_quiet_cells_and_communes(tmp_path: Path) -> None:
    """A residence cell with no meeting and nothing addressed to it, in a commune with no event
    of its own: streaming reports its D4.K2c/D4.K3b and the commune's D4.K3a as a check does."""
    path = write_lines(tmp_path / "quiet.jsonl", _QUIET_LINES)
    as_of = dt.date(2025, 7, 15)
    results, _, _ = _stream(path, as_of, backend="python")
    streamed = {r["result_id"]: r["status"] for r in results}
    assert streamed["D4.K3b|KQ1|2025-H1|KQ1"] == "overdue"
    assert streamed["D4.K3a|PQ|2025-H1|PQ"] == "overdue"
    assert any(key.startswith("D4.K2c|KQ1|") for key in streamed)
    _same_as_report(path, as_of, backend="python")


def test_stream_workers_fork_under_the_lock_parallel_evaluation_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One forking evaluation at a time: a streaming check's pool is forked under the same
    lock as evaluate(workers=N)'s children (issue 17 item 6)."""
    import threading

    from qd213_rules import parallel

    taken: list[bool] = []

    class Recording:
        def __init__(self) -> None:
            self.lock = threading.Lock()

        def __enter__(self) -> None:
            self.lock.acquire()
            taken.append(True)

        def __exit__(self, *_: object) -> None:
            self.lock.release()

    monkeypatch.setattr(parallel, "_fork_lock", Recording())
    path = write_lines(tmp_path / "quiet.jsonl", _QUIET_LINES)
    results, _, _ = _stream(path, dt.date(2025, 7, 15), backend="python", workers=2)
    assert results and taken


# -- facts of members of other shards (issue 17 item 1) ---------------------------------------------

_CROSS_SHARD_LINES = [
    '{"type": "header", "schema_version": 1, "observation": {"from": "2024-01-01"}}',
    '{"type": "organization", "id": "DU-X", "kind": "workplace_committee"}',
    '{"type": "organization", "id": "CB-X", "kind": "workplace_cell", "parent_id": "DU-X"}',
    '{"type": "organization", "id": "PX", "kind": "commune_committee"}',
    '{"type": "organization", "id": "KX1", "kind": "residence_cell", "parent_id": "PX"}',
    '{"type": "organization", "id": "KX2", "kind": "residence_cell", "parent_id": "PX"}',
    '{"type": "member", "id": "DV-A", "workplace_cell_id": "CB-X", "residence_cell_id": "KX1", "category": "regular", "working_since": "2015-01-01"}',
    '{"type": "member", "id": "DV-B", "workplace_cell_id": "CB-X", "residence_cell_id": "KX2", "category": "regular", "working_since": "2015-01-01"}',
    '{"type": "event", "id": "X-1", "kind": "inspection_requested", "date": "2024-03-01", "from_org_id": "DU-X", "to_org_id": "PX", "member_ids": ["DV-B"]}',
    '{"type": "event", "id": "X-2", "kind": "joint_inspection_held", "date": "2024-04-10", "org_ids": ["DU-X", "PX"], "member_ids": ["DV-A", "DV-B"], "about_event_id": "X-1"}',
]


@pytest.mark.parametrize("workers", [1, 2])
def test_stream_keeps_a_cross_shard_inspection(tmp_path: Path, workers: int) -> None:
    """DV-A and DV-B live in two residence cells (two shards). The committee asked for DV-B to
    be inspected; the joint inspection covered both. DV-A's shard reads the inspection, the
    request it cites (two links away from DV-A), and DV-B as the member that request names: a
    stream must not empty the request's member list, and gives the results of a check."""
    path = write_lines(tmp_path / "cross.jsonl", _CROSS_SHARD_LINES)
    as_of = dt.date(2024, 12, 31)
    results, summary, _ = _stream(path, as_of, backend="python", workers=workers)
    assert summary["shards"] >= 3 and any(r["subject_id"] == "DV-A" for r in results)
    _same_as_report(path, as_of, backend="python")


def test_staging_cache_is_given_back_before_the_shards_run(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 (flat memory): the staging connection's page cache (16 MB, full at any large
    province) is shrunk to a shard's before the first shard runs, not kept under every shard."""
    from qd213_rules import stream

    connections: list[Any] = []
    real_connect = stream._connect

    def connect(path: str, **options: Any) -> Any:
        db = real_connect(path, **options)
        connections.append(db)
        return db

    seen: list[int] = []
    real_run = stream._Worker.run

    def run(self: Any, shard: Any) -> Any:
        seen.append(connections[0].execute("PRAGMA cache_size").fetchone()[0])  # the staging connection
        return real_run(self, shard)

    monkeypatch.setattr(stream, "_connect", connect)
    monkeypatch.setattr(stream._Worker, "run", run)
    _stream(synth_file(60, seed=3), dt.date(2025, 12, 31), backend="python")
    assert seen and set(seen) == {stream._SHARD_CACHE_KIB}


def test_batches_of_member_shards_write_what_the_shards_write(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 (stream overhead): consecutive member shards are evaluated in batches (one fact
    set for the facts neighbouring cells share); the output — each shard's results together, in
    shard order and in report order within it, and the summary's count of shards — is byte for
    byte that of the shards evaluated one by one, with one worker or two."""
    from qd213_rules import stream

    path = synth_file(300, seed=5)
    as_of = dt.date(2025, 12, 31)
    batches: list[Any] = []
    original = stream._member_batches

    def seen(shards: Any) -> Any:
        for batch in original(shards):
            batches.append(batch)
            yield batch

    monkeypatch.setattr(stream, "_member_batches", seen)
    batched = _stream(path, as_of, backend="python")[2]
    assert sum(1 for batch in batches if len(batch.parts) > 1) >= 2  # several shards per batch
    assert _stream(path, as_of, backend="python", workers=2)[2] == batched
    monkeypatch.setattr(stream, "_BATCH_MEMBERS", 1)  # each shard alone, as before batches
    batches.clear()
    alone = _stream(path, as_of, backend="python")[2]
    assert batches and not any(batch.parts for batch in batches)
    assert alone == batched


def test_forgetting_the_memos_between_shards_changes_no_byte(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 (flat memory): the process's memos of days, verdicts, reasons and line texts are
    emptied every few shards, so that what they hold does not grow with the province; the
    output is the same byte for byte whether they are emptied before every shard or never, with
    one worker or two, and with every shard they are empty as it starts."""
    from qd213_rules import jsonout, stream
    from qd213_rules.evaluation import judge

    path = synth_file(300, seed=5)
    as_of = dt.date(2025, 12, 31)
    monkeypatch.setattr(stream, "_BATCH_MEMBERS", 40)  # several batches
    monkeypatch.setattr(stream, "_FORGET_EVERY", 1 << 30)
    kept = _stream(path, as_of, backend="python")[2]
    assert judge._FULFILLED and jsonout._LINE.tails  # the memos the stream fills
    held: list[int] = []
    real_run = stream._Worker._run

    def run(self: Any, shard: Any) -> Any:
        held.append(len(judge._FULFILLED) + len(judge._DATE_TEXTS) + len(jsonout._LINE.tails) + len(jsonout._LINE.rests))
        return real_run(self, shard)

    monkeypatch.setattr(stream._Worker, "_run", run)
    monkeypatch.setattr(stream, "_FORGET_EVERY", 1)
    assert _stream(path, as_of, backend="python")[2] == kept
    assert len(held) > 5 and set(held) == {1}  # each shard starts with nothing kept (but no date's text)
    assert _stream(path, as_of, backend="python", workers=2)[2] == kept


def test_a_batch_places_a_result_borne_by_its_member_about_another_subject(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A member shard's output holds the results whose subject or bearer is one of its members
    (evaluate_context); a batch places a result whose subject is none of its members by its
    bearer's shard, as that shard alone writes it (it used to fail on the subject's lookup)."""
    from qd213_rules import engine, stream

    original = engine.evaluate_context

    def borne(ctx: Any, subjects: Any, **options: Any) -> Any:
        report = original(ctx, subjects, **options)
        results = list(report.results)
        firsts = {r.subject_id: r for r in reversed(results) if r.subject_type == "member"}
        for member in sorted(firsts):  # each member also bears a duty about an organisation
            results.append(dataclasses.replace(firsts[member], subject_type="organization", subject_id="ORG-ELSEWHERE",
                                               bearer_id=member))  # fmt: skip
        report.results = tuple(results)
        return report

    monkeypatch.setattr(engine, "evaluate_context", borne)
    path = synth_file(300, seed=5)
    as_of = dt.date(2025, 12, 31)
    batched = _stream(path, as_of, backend="python")[2]
    monkeypatch.setattr(stream, "_BATCH_MEMBERS", 1)
    assert _stream(path, as_of, backend="python")[2] == batched


def test_result_lines_are_the_json_of_each_result(synth_file: Any) -> None:
    """Issue 13 (stream wall time): each result line is written without building its dict, and
    is byte for byte ``json.dumps(result.to_dict(), ensure_ascii=False)``."""
    from qd213_rules.stream import result_line

    report = evaluate(load_facts(synth_file(60, seed=3)), as_of=dt.date(2025, 12, 31), lang="vi", backend="python")
    assert report.results
    for result in report.results:
        assert result_line(result) == json.dumps(result.to_dict(), ensure_ascii=False)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60)
@given(
    params=st.dictionaries(st.text(max_size=8), _JSON_VALUES, max_size=4),
    texts=st.lists(st.text(), min_size=3, max_size=3),
    derived=st.booleans(),
    dates=st.lists(st.none() | st.dates(), min_size=2, max_size=2),
)
def test_result_lines_encode_any_values(params: dict[str, Any], texts: list[str], derived: bool, dates: list[Any]) -> None:

    from qd213_rules.evaluation.results import Reason, Result, Status
    from qd213_rules.stream import result_line

    result = Result(
        result_id=texts[0], obligation_id="D2.K1", kind="derived" if derived else "deadline", citation="Điều 2",
        subject_type="member", subject_id=texts[1], bearer_id=texts[2], period=None if derived else texts[0],
        trigger_event_id=texts[1] or None, status=Status.OVERDUE, due_date=dates[0], fulfilled_on=dates[1],
        evidence=tuple(texts), reason=Reason(texts[2], params), extension=derived, derived_from=(texts[1],) if derived else (),
        message=texts[0] + "\n\u00e9\u2028",
    )  # fmt: skip
    for one in (result, dataclasses.replace(result, status=Status.FULFILLED)):
        assert result_line(one) == json.dumps(one.to_dict(), ensure_ascii=False)


def test_top_shards_do_not_grow_with_the_province(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 (flat memory): the organisation-only events whose home is no commune (a
    workplace cell's annual review…) grow with the province; they are spread over top shards of
    a bounded size, an organisation's together, with the same results and warnings."""
    from qd213_rules import stream

    loaded: list[int] = []
    real_org_shard = stream._ShardBuilder.org_shard

    def org_shard(self: Any, shard: Any) -> Any:
        facts = real_org_shard(self, shard)
        if shard.kind == "top":
            loaded.append(len(facts.events))
        return facts

    monkeypatch.setattr(stream._ShardBuilder, "org_shard", org_shard)
    path = synth_file(60, seed=3)
    whole = _stream(path, dt.date(2025, 12, 31), backend="python")
    assert len(loaded) == 1  # a small province: one top shard
    (in_one,) = loaded
    loaded.clear()
    monkeypatch.setattr(stream, "_MAX_HOME_EVENTS", 2, raising=False)
    text = _same_as_report(path, dt.date(2025, 12, 31), backend="python")
    assert len(loaded) > 2 and max(loaded) < in_one
    parts = text.splitlines()
    summary = json.loads(parts[-1])
    assert parts[:-1] == whole[2].splitlines()[:-1]
    assert summary["shards"] == whole[1]["shards"] + len(loaded) - 1
    assert {**summary, "shards": 0} == {**whole[1], "shards": 0}


def test_shard_facts_are_read_as_the_precise_path_reads_them(synth_file: Any) -> None:
    """Issue 13 (stream wall time): a shard reads each staged fact by load_facts' fast path; the
    model is the one the precise path makes of the same canonical JSON (values and fields set)."""
    from qd213_rules.facts.checks import Collector, validate_fact
    from qd213_rules.facts.loader import iter_fact_lines
    from qd213_rules.facts.factset import canonical_json, canonical_line
    from qd213_rules.stream import _COMPACT, _TYPE_PREFIX, _fast_line
    from qd213_rules.facts._fast import fast_fact

    with synth_file(60, seed=3).open("rb") as handle:
        lines = [(t, m) for _, t, m in iter_fact_lines(handle) if t != "header"]
    assert {t for t, _ in lines} == {"organization", "member", "event"}
    for fact_type, model in lines:
        # what staging stores: the digest's canonical line, the canonical JSON of the dump in UTF-8
        canon = canonical_line(model, fact_type)
        assert canon == canonical_json({"type": fact_type, **model.model_dump(mode="json", by_alias=True, exclude_none=True)}).encode()
        raw = json.loads(canon)
        raw.pop("type")
        # the canonical text with "type" moved to the front, without parsing it: the bytes of
        # the parsed text encoded again (what a shard read before), and of a trimmed dict
        line = _TYPE_PREFIX[fact_type] + _COMPACT(raw).encode()[1:]
        assert _fast_line(fact_type, canon) == line == _fast_line(fact_type, json.loads(canon))
        fast = fast_fact(line)
        precise = validate_fact(fact_type, raw, base="$", collector=Collector(), file="f", line=1)  # type: ignore[arg-type]
        assert fast is not None and precise is not None
        assert fast == (fact_type, precise) and fast[1].model_fields_set == precise.model_fields_set


def test_a_cut_event_is_the_model_the_precise_path_makes_of_its_cut_dict(synth_file: Any) -> None:
    """Issue 13 (stream wall time): an event whose member lists a shard cuts is read back as
    stored and cut in place (stream._cut_event): the model (values and fields set) is the one
    the precise path makes of the cut dict; a required list cut to nothing is handed back
    (None), and the precise path reports it."""
    from qd213_rules.evaluation.needs import MEMBER_LISTS, REQUIRED_LISTS, trimmed
    from qd213_rules.facts.checks import Collector, validate_fact
    from qd213_rules.facts.factset import canonical_line
    from qd213_rules.facts.loader import iter_fact_lines
    from qd213_rules.stream import _cut_event

    with synth_file(60, seed=3).open("rb") as handle:
        events = [m for _, t, m in iter_fact_lines(handle) if t == "event"]
    cut = emptied = 0
    for event in events:
        listed = [m for name in MEMBER_LISTS for m in (getattr(event, name, None) or ())]
        if not listed:
            continue
        canon = canonical_line(event, "event")
        # keep every other member, one member, none of them
        for keep in ({*listed[::2]}, {listed[-1]}, set()):
            raw = trimmed(json.loads(canon), keep)
            raw.pop("type")
            collector = Collector()
            precise = validate_fact("event", raw, base="$", collector=collector, file="f", line=1)  # type: ignore[arg-type]
            model = _cut_event(canon, keep)
            if precise is None:  # only a required list cut to nothing fails the precise path
                assert model is None
                assert [p.json_path for p in collector.problems()] == [f"$.{name}" for name in REQUIRED_LISTS if raw.get(name) == []]
                emptied += 1
                continue
            assert model == precise and model.model_fields_set == precise.model_fields_set
            cut += model != event
    assert cut > 30 and emptied > 10, (cut, emptied)


def test_fast_line_moves_the_type_member_wherever_it_is() -> None:
    """The canonical text's ``"type"`` member, first, last, in the middle, or (were a text to
    hold it twice) found by parsing, is moved to the front as load_facts' fast path reads it."""
    from qd213_rules.stream import _fast_line

    assert _fast_line("event", b'{"a":1,"type":"event","z":2}') == b'{"type":"event","a":1,"z":2}'
    assert _fast_line("event", b'{"a":1,"type":"event"}') == b'{"type":"event","a":1}'
    assert _fast_line("event", b'{"type":"event","z":2}') == b'{"type":"event","z":2}'
    assert _fast_line("event", b'{"a":"\\"type\\":\\"event\\"","type":"event"}') == b'{"type":"event","a":"\\"type\\":\\"event\\""}'
    assert _fast_line("event", b'{"a":{"type":"event"},"type":"event"}') == b'{"type":"event","a":{"type":"event"}}'
    assert _fast_line("event", '{"a":"ệ","type":"event"}'.encode()) == '{"type":"event","a":"ệ"}'.encode()


def test_staged_links_are_the_links_of_the_loaded_events(synth_file: Any, tmp_path: Path) -> None:
    """Issue 13 (stream wall time): each event's links are stored with it while staging (a
    shard reads them with its text, not from the reference rows); they are the links the
    closure reads of the same event loaded by load_facts (lists that name nobody left out)."""
    from qd213_rules import stream
    from qd213_rules.evaluation.needs import event_links

    path = synth_file(200, seed=5)
    facts = load_facts(path)
    db = stream._connect(str(tmp_path / "s.sqlite"))
    stream._stage(db, path, None)
    source = stream._StoreSource(db, stream._load_orgs(db))
    seqs = [seq for (seq,) in db.execute("SELECT seq FROM facts WHERE ns = 'e'")]
    stored = {links.id: links for links in source.links(seqs)}
    assert len(stored) == len(facts.events) > 3000
    kinds = set()
    for event_id, event in facts.events.items():
        expected = event_links(event)
        expected = expected._replace(lists=tuple((n, v) for n, v in expected.lists if v))
        assert stored[event_id] == expected
        kinds.add(event.kind)
    assert {"waiver_granted", "meeting_held"} <= kinds
    db.close()


def test_shard_queries_keep_within_the_limit_on_bound_parameters(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shard's lookups are cut into statements of at most SQLite's number of bound
    parameters (999 before SQLite 3.32; here a limit of 40): the same output."""
    import sqlite3

    from qd213_rules import stream

    real_connect = stream._connect

    def connect(path: str, **options: Any) -> sqlite3.Connection:
        db = real_connect(path, **options)
        db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 40)
        return db

    path = synth_file(120, seed=3)
    whole = _stream(path, dt.date(2025, 12, 31), backend="python")[2]
    monkeypatch.setattr(stream, "_connect", connect)
    assert _stream(path, dt.date(2025, 12, 31), backend="python")[2] == whole


def test_shard_queries_look_facts_up_by_id_not_by_type(synth_file: Any, tmp_path: Path) -> None:
    """Issue 13 (stream wall time): every statement that builds a shard finds its rows through
    an index on what it asks for; none walks every fact of a type. Reading a shard's member
    records through the index on (type, date, id) read every member of the province for each
    shard: a cost that grows with the square of the province (0.29 s of 0.30 s for those statements at 10,000 members)."""
    import datetime as dt_

    from qd213_rules import stream

    path = synth_file(120, seed=3)
    db = stream._connect(str(tmp_path / "s.sqlite"))
    stream._stage(db, path, None)
    stream._list_members(db, dt_.date(2025, 12, 31))
    statements: list[tuple[str, int]] = []
    source_rows = stream._StoreSource.rows

    def rows(self: Any, sql: str, values: Any) -> list[tuple[Any, ...]]:
        statements.append((sql, len(values)))
        return source_rows(self, sql, values)

    builder = stream._ShardBuilder(db, stream._load_orgs(db), "p.jsonl", dt_.date(2024, 1, 1))
    shard = next(stream._member_shards(db))
    try:
        stream._StoreSource.rows = rows  # type: ignore[method-assign]
        facts = builder.members_shard(shard.subjects)
    finally:
        stream._StoreSource.rows = source_rows  # type: ignore[method-assign]
    assert set(shard.subjects) <= set(facts.members)
    asked = {(sql, count) for sql, count in statements if count}
    assert any("type = 'member'" in sql for sql, _ in asked)
    for sql, count in asked:  # planned for as many ids as the shard asked for
        plan = " ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql.replace("?*", ",".join("?" * count)), ("x",) * count))
        assert "facts_orgs" not in plan and "SCAN" not in plan, (sql, plan)
    db.close()
