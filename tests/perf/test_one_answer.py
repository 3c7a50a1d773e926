"""One answer wherever it is computed (issue 11): streaming against a plain check, and both
backends × one or two workers × streaming, on generated fact sets (with quiet organisations and
members: cells and communes with no event of their own, members with no event at all), on every
example and documentation fact file, on every case file, and in any line order.

A plain check and a stream must give the same results (every field), the same status counts,
the same data warnings, the same digest — hence the same exit code — or refuse the input with
the same problems.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qd213_rules.engine import evaluate
from qd213_rules.errors import Qd213Error
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.policy import Policy
from qd213_rules.stream import check_stream
from strategies import fact_document_and_as_of, fact_documents

from .helpers import document_lines, report_json, write_lines
from .test_parallel import _one_subject_per_task

Doc = dict[str, Any]
REPO = Path(__file__).resolve().parents[2]
DOCS_FACT_FILES = sorted((REPO / "docs").rglob("*.jsonl"))


def _canonical(result: dict[str, Any]) -> str:
    return json.dumps(result, sort_keys=True, ensure_ascii=False)


def _outcome_of_check(path: Path, as_of: dt.date, policy: Policy, backend: str = "python", workers: int = 1) -> Any:
    """What a plain check says: the report's results (as a multiset), counts, warnings, digest — or its problems."""
    try:
        report = evaluate(load_facts(path), as_of=as_of, policy=policy, lang="en", backend=backend, workers=workers)  # type: ignore[arg-type]
    except Qd213Error as exc:
        return ("error", type(exc).__name__, sorted({(p.code.value, p.fact_id) for p in exc.problems}, key=str))
    doc = report.to_dict()
    return ("ok", sorted(_canonical(r) for r in doc["results"]), doc["summary"], doc["data_warnings"], doc["input_sha256"],
            doc["observation"])  # fmt: skip


def _outcome_of_stream(path: Path, as_of: dt.date, policy: Policy, backend: str = "python", workers: int = 1) -> Any:
    out = io.StringIO()
    try:
        summary = check_stream(path, out, as_of=as_of, policy=policy, lang="en", backend=backend, workers=workers)
    except Qd213Error as exc:
        return ("error", type(exc).__name__, sorted({(p.code.value, p.fact_id) for p in exc.problems}, key=str))
    lines = out.getvalue().splitlines()
    assert json.loads(lines[-1]) == summary
    results = [json.loads(line) for line in lines[:-1]]
    assert summary["results"] == len(results)
    assert sum(summary["summary"].values()) == len(results)
    assert Counter(r["status"] for r in results) == Counter({s: n for s, n in summary["summary"].items() if n})
    return ("ok", sorted(_canonical(r) for r in results), summary["summary"], summary["data_warnings"], summary["input_sha256"],
            summary["observation"])  # fmt: skip


def _assert_stream_is_check(path: Path, as_of: dt.date, policy: Policy | None = None, backend: str = "python") -> None:
    policy = policy or Policy()
    want = _outcome_of_check(path, as_of, policy, backend)
    got = _outcome_of_stream(path, as_of, policy, backend)
    if want[0] == "ok" and got[0] == "ok":
        missing = sorted(set(want[1]) - set(got[1]))
        extra = sorted(set(got[1]) - set(want[1]))
        assert not missing and not extra, f"stream lost {len(missing)} results, added {len(extra)}:\n" + "\n".join(
            [f"- {m}" for m in missing[:5]] + [f"+ {e}" for e in extra[:5]]
        )
    assert got == want


# -- generated fact sets ------------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pair=fact_document_and_as_of(), rnd=st.randoms(use_true_random=False))
def test_stream_is_check_on_generated_documents_in_any_line_order(tmp_path: Path, pair: tuple[Doc, dt.date], rnd: random.Random) -> None:
    doc, as_of = pair
    path = write_lines(tmp_path / "doc.jsonl", document_lines(doc, rnd))
    _assert_stream_is_check(path, as_of)


def test_generated_documents_have_quiet_organisations_and_members() -> None:
    """The strategies make what the streaming bug hid in: cells and communes with no event of
    their own, and members with no event at all."""
    quiet_cells = quiet_communes = quiet_members = 0

    @settings(max_examples=40, derandomize=True, database=None)
    @given(fact_documents())
    def count(doc: Doc) -> None:
        nonlocal quiet_cells, quiet_communes, quiet_members
        named = {org for e in doc["events"] if e["kind"] in ("meeting_held", "meeting_directed")
                 for org in (e["org_id"], *e.get("to_org_ids", ()))}  # fmt: skip
        kinds = {o["id"]: o["kind"] for o in doc["organizations"]}
        quiet_cells += sum(1 for o, k in kinds.items() if k == "residence_cell" and o not in named)
        quiet_communes += sum(1 for o, k in kinds.items() if k == "commune_committee" and o not in named)
        about = {e.get("member_id") for e in doc["events"]}
        quiet_members += sum(1 for m in doc["members"] if m["id"] not in about)

    count()
    assert quiet_cells and quiet_communes and quiet_members


@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pair=fact_document_and_as_of(min_members=2, max_members=5))
def test_backends_workers_and_streaming_give_one_answer(tmp_path: Path, pair: tuple[Doc, dt.date]) -> None:
    """durable and python, one and two workers: byte-identical reports (but for the backend's
    name); streaming: the same results, counts and warnings in its own format."""
    doc, as_of = pair
    path = write_lines(tmp_path / "doc.jsonl", document_lines(doc))
    facts = FactSet.from_document(doc)
    outcomes: dict[tuple[str, int], Any] = {}
    for backend in ("durable", "python"):
        for workers in (1, 2):
            try:
                with _one_subject_per_task():  # small documents would fit one task: no fork
                    outcomes[(backend, workers)] = report_json(
                        evaluate(facts, as_of=as_of, lang="en", backend=backend, workers=workers)  # type: ignore[arg-type]
                    )
            except Qd213Error as exc:
                outcomes[(backend, workers)] = sorted({(p.code.value, p.fact_id) for p in exc.problems}, key=str)
    first = outcomes[("durable", 1)]
    assert all(found == first for found in outcomes.values()), sorted(k for k, v in outcomes.items() if v != first)
    for backend in ("durable", "python"):
        for workers in (1, 2):
            assert _outcome_of_stream(path, as_of, Policy(), backend, workers) == _outcome_of_check(path, as_of, Policy(), backend)


# -- the example and documentation fact files, the case files ------------------------------------


@pytest.mark.parametrize("path", DOCS_FACT_FILES, ids=lambda p: str(p.relative_to(REPO)))
@pytest.mark.parametrize("as_of", ["2025-07-15", "2025-12-31", "2026-03-31"])
def test_stream_is_check_on_every_documentation_file(path: Path, as_of: str, tmp_path: Path) -> None:
    _assert_stream_is_check(path, dt.date.fromisoformat(as_of))
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if '"header"' not in line]
    random.Random(5).shuffle(body)
    shuffled = write_lines(tmp_path / "shuffled.jsonl", [*(line for line in lines if '"header"' in line), *body])
    _assert_stream_is_check(shuffled, dt.date.fromisoformat(as_of))


def test_stream_is_check_on_the_example_ward(tmp_path: Path) -> None:
    doc = example_ward_document()
    for seed in (None, 1):
        path = write_lines(tmp_path / "ward.jsonl", document_lines(doc, random.Random(seed) if seed is not None else None))
        _assert_stream_is_check(path, EXAMPLE_AS_OF, backend="durable")


def _case_params() -> list[Any]:
    import test_cases

    return [pytest.param(p, id=test_cases.coverage.case_name(p, test_cases.CASES_DIR)) for p in test_cases.CASE_PATHS
            if not json.loads(p.read_text(encoding="utf-8")).get("xfail")]  # fmt: skip


@pytest.mark.parametrize("path", _case_params())
def test_stream_is_check_on_every_case_file(path: Path, tmp_path: Path) -> None:
    import test_cases

    case = test_cases.load_case(path)
    lines = document_lines(case.document, random.Random(len(case.name)))
    _assert_stream_is_check(write_lines(tmp_path / "case.jsonl", lines), case.as_of, case.policy)
