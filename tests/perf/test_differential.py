"""The Python backend gives exactly what durable-rules gives (issue 7).

Two levels: the matchers return the same matches — rule names, frames, order — for the same
sessions; and the engine gives byte-identical reports (but for ``engine.backend``) on
Hypothesis-generated fact sets and on a 10,000-member synthetic province (which also runs the
Python backend on two workers, so the comparison covers the process pool too).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from hypothesis import given, settings

from qd213_rules.engine import BACKENDS, Run, compiled_rules, evaluate, ruled_obligations
from qd213_rules.errors import FactsError
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.occasions import org_subjects
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.matching.durable import DurableMatcher
from qd213_rules.matching.python import PythonMatcher, PythonMatcherError
from qd213_rules.policy import Policy
from strategies import fact_document_and_as_of

from .helpers import problems, report_json

Doc = dict[str, Any]


def _sessions(facts: FactSet, as_of: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Every subject's session as the engine builds it."""
    ctx = Context(facts, as_of, Policy())
    run = Run(ctx, PythonMatcher(ruled_obligations()), "en")
    out = {f"m|{m}": run._session("member", m, run.member_obligations)[0] for m in ctx.active_members()}
    by_org: dict[str, list[Any]] = {}
    for ob in run.org_obligations:
        for org in org_subjects(ctx, ob):
            by_org.setdefault(org, []).append(ob)
    out.update({f"o|{org}": run._session("org", org, obs)[0] for org, obs in sorted(by_org.items())})
    return out


def _same_matches(sessions: dict[str, list[dict[str, Any]]]) -> None:
    durable = DurableMatcher(compiled_rules())
    python = PythonMatcher(ruled_obligations())
    try:
        names = sorted(sessions)
        for i in range(0, len(names), 64):
            batch = {sid: sessions[sid] for sid in names[i : i + 64]}
            assert python.match(batch) == durable.match(batch)
    finally:
        durable.close()


@given(fact_document_and_as_of())
def test_backends_give_identical_reports(pair: tuple[Doc, dt.date]) -> None:
    doc, as_of = pair
    facts = FactSet.from_document(doc)
    outcomes: list[Any] = []
    for backend in BACKENDS:
        try:
            outcomes.append(report_json(evaluate(facts, as_of=as_of, lang="en", backend=backend)))  # type: ignore[arg-type]
        except FactsError as exc:  # e.g. an ambiguous waiver: the same error from both
            outcomes.append(problems(exc))
    assert outcomes[0] == outcomes[1]


@settings(max_examples=15)
@given(fact_document_and_as_of(max_members=4))
def test_matchers_return_identical_matches(pair: tuple[Doc, dt.date]) -> None:
    doc, as_of = pair
    _same_matches(_sessions(FactSet.from_document(doc), as_of))


def test_the_report_names_the_backend_that_ran() -> None:
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    durable = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en")
    python = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python")
    assert durable.to_dict()["engine"]["backend"] == "durable"
    assert python.to_dict()["engine"]["backend"] == "python"
    assert report_json(durable) == report_json(python)


def test_python_matcher_refuses_what_durable_refuses() -> None:
    fact = {"t": "residence_changed", "id": "E1", "event": "E1", "day": 1, "since": 1, "member": "M"}
    matcher = PythonMatcher(ruled_obligations())
    with pytest.raises(PythonMatcherError, match="duplicate"):
        matcher.match({"s": [fact, dict(fact)]})
    # an occasion without the date its evidence is timed against is a declaration bug, not a miss
    occasion = {"t": "$occasion", "id": "$occ|D4.K3b|2024-H1|C", "ob": "D4.K3b", "day": 1, "since": 1, "subject": "C"}
    meeting = {"t": "meeting_held", "id": "E2", "event": "E2", "day": 5, "since": 5, "org_id": "C",
               "meeting_type": "working_members"}  # fmt: skip
    with pytest.raises(PythonMatcherError, match="start"):
        matcher.match({"s": [occasion, meeting]})


def test_python_matcher_follows_a_reduced_ruleset() -> None:
    """Built from compiled rules, it runs exactly the rules those name (like durable)."""
    full = compiled_rules()
    kept = {name: ref for name, ref in full.refs.items() if name != "D2.K7b/t0/e0"}
    reduced = type(full)(ruleset={k: v for k, v in full.ruleset.items() if k in kept or k == "$open"}, refs=kept, kinds=full.kinds)
    facts: list[dict[str, Any]] = [
        {"t": "residence_changed", "id": "E1", "event": "E1", "day": 1, "since": 1, "member": "M"},
        {"t": "$need", "id": "n", "occ": "E1", "role": "workplace_cell", "org": "C"},
        {"t": "residence_change_reported", "id": "E2", "event": "E2", "day": 2, "since": 2, "member": "M",
         "about_event_id": "E1", "to_org_id": "C"},
    ]  # fmt: skip
    durable = DurableMatcher(reduced)
    try:
        assert PythonMatcher(reduced).match({"s": facts}) == durable.match({"s": facts})
        assert [name for name, _ in PythonMatcher(reduced).match({"s": facts})["s"]] == ["D2.K7b/t0"]
    finally:
        durable.close()


@pytest.mark.perf
def test_synth_sessions_match_identically(synth_file: Any) -> None:
    facts = load_facts(synth_file(1000))
    _same_matches(_sessions(facts, dt.date(2025, 12, 31)))


@pytest.mark.perf
def test_ten_thousand_members_identical(synth_file: Any, record_property: Any) -> None:
    """10,000 members: durable on one worker, Python on two — the same report."""
    facts = load_facts(synth_file(10_000, seed=42))
    as_of = dt.date(2025, 12, 31)
    started = time.perf_counter()
    durable = evaluate(facts, as_of=as_of, lang="vi", backend="durable")
    middle = time.perf_counter()
    python = evaluate(facts, as_of=as_of, lang="vi", backend="python", workers=2)
    done = time.perf_counter()
    record_property("durable_1_worker_s", round(middle - started, 1))
    record_property("python_2_workers_s", round(done - middle, 1))
    assert len(durable.results) > 40 * 10_000
    assert report_json(durable) == report_json(python)
