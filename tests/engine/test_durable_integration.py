"""durable-rules really does the matching: errors surface, threads are safe, no fallback."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from typing import Any

import pytest

from qd213_rules import engine
from qd213_rules.articles import OBLIGATIONS
from qd213_rules.engine import evaluate, matcher
from qd213_rules.facts import FactSet
from qd213_rules.matching.compiler import compile_rules
from qd213_rules.matching import durable as durable_module
from qd213_rules.matching.durable import DurableMatcher, DurableRulesError
from qd213_rules.policy import Policy

from .scenario import small_ward


def _statuses(report: Any) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    return {r.result_id: (r.status.value, r.reason.code, r.evidence) for r in report.results}


def test_deleting_one_generated_rule_changes_that_obligation() -> None:
    """Remove the evidence rule of D2.K7b: its results lose their evidence, others stay."""
    facts = FactSet.from_document(small_ward())
    full = compile_rules(OBLIGATIONS)
    ruleset = {k: v for k, v in full.ruleset.items() if k != "D2.K7b/t0/e0"}
    crippled = type(full)(ruleset=ruleset, refs={k: v for k, v in full.refs.items() if k in ruleset}, kinds=full.kinds)
    matcher = DurableMatcher(crippled)
    try:
        import qd213_rules.engine as engine

        original = engine.matcher
        engine.matcher = lambda backend="durable", regulations=None: matcher  # type: ignore[assignment]
        try:
            broken = evaluate(facts, as_of=dt.date(2025, 6, 1))
        finally:
            engine.matcher = original  # type: ignore[assignment]
    finally:
        matcher.close()
    normal = evaluate(facts, as_of=dt.date(2025, 6, 1))
    before, after = _statuses(normal), _statuses(broken)
    changed = {rid for rid in before if before[rid] != after.get(rid)}
    assert changed, "deleting the rule must change a result"
    assert after["D2.K7b|DV-1|E13|DV-1"][1] == "no_evidence"
    assert before["D2.K7b|DV-1|E13|DV-1"][1] == "recipients_missing"
    assert all(rid.startswith("D2.K7b|") for rid in changed)


def test_errors_reach_the_caller() -> None:
    """Duplicates are refused before the C core sees them (they corrupt its session), and so is
    a fact without a kind; a fact of a kind no rule reads is not asserted (no condition can
    hold for it) and changes no match."""
    full = compile_rules(OBLIGATIONS)
    fact = {"t": "residence_changed", "id": "E1", "event": "E1", "day": 1, "since": 1, "member": "M"}
    matcher = DurableMatcher(full)
    try:
        with pytest.raises(DurableRulesError, match="duplicate"):
            matcher.match({"s1": [fact, dict(fact)]})
        found = matcher.match({"s1": [fact]})["s1"]
        assert found
        with pytest.raises(DurableRulesError, match="no kind"):
            matcher.match({"s1": [fact, {"id": "X", "day": 1}]})
        assert matcher.match({"s1": [fact, {"t": "unheard_of", "id": "X", "day": 1}]})["s1"] == found
        # every session was deleted: the same facts can be asserted again
        assert matcher.match({"s1": [fact]})["s1"] == found
    finally:
        matcher.close()


def test_sessions_leave_no_state_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """After an evaluation, the C core holds no fact of any subject: every call asserts into a
    C-core session of its own and deletes it before it returns, so no session exists (asking for
    one answers "no such state", error 309). A long-lived process evaluating province after
    province must not accumulate sessions or facts."""
    import durable_rules_engine

    facts = FactSet.from_document(small_ward())
    durable = matcher("durable")
    assert isinstance(durable, DurableMatcher) and durable._single_rules is not None  # calls of one session
    # the rulesets of the kinds a lone session holds start afresh: earlier tests of this process
    # may have made some, which the calls below would run in unrecorded (and which would answer
    # the calls with no facts below instead of the matchers without the breach rules)
    fresh: dict[str | None, Any] = {}
    monkeypatch.setattr(durable, "_fits", fresh)
    assert durable._single_matcher() is durable._single_matcher()
    assert durable._single_matcher("member") is durable._single_matcher("member") is not durable._single_matcher()
    # a member alone: its duties' rules; a session without a breach: without the breach rules
    made_all: tuple[DurableMatcher, ...] = (durable, durable._single_matcher(), durable._single_matcher("member"), durable._single_matcher(None, []),
                durable._single_matcher("member", []))
    real = durable._engine
    asserted: list[dict[str, Any]] = []

    class Recording:
        """The C module, recording every asserted fact."""

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def assert_facts(self, handle: Any, payload: str) -> Any:
            asserted.extend(json.loads(payload))
            return real.assert_facts(handle, payload)

    for made in made_all:
        monkeypatch.setattr(made, "_engine", Recording())
    monkeypatch.setattr(durable_module, "_engine", Recording)  # and those of some rules made meanwhile
    monkeypatch.setattr(engine, "BATCH_SIZE", 2)  # many calls, of two sessions and of one
    first = evaluate(facts, as_of=dt.date(2025, 6, 1)).to_json()
    made_all += tuple(choice.matcher for fits in fresh.values() for choice in fits.by_rules.values() if choice.matcher)
    monkeypatch.undo()
    assert len({fact["id"] for fact in asserted}) > 3, asserted
    assert all("sid" not in fact for fact in asserted)  # all in the C core's session "0"
    assert {"s" in fact for fact in asserted if fact["id"] != "|session"} == {True, False}  # both matchers ran
    for made in made_all:
        for sid in ("0", "1", "e0|member|DV-1"):
            with pytest.raises(durable_rules_engine.error, match="309"):
                real.get_state(made._handle, sid)
    for fits in fresh.values():
        fits.close()
    assert evaluate(facts, as_of=dt.date(2025, 6, 1)).to_json() == first  # and the matcher still works


def test_a_failed_call_leaves_a_new_session_to_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    """When durable-rules reports a problem, the call raises and deletes its C-core session
    (as every call does): the next call asserts into a new one and matches as a new matcher
    does."""
    import durable_rules_engine

    full = compile_rules(OBLIGATIONS)
    occasion = {"t": "$occasion", "id": "o1", "ob": "D2.K1", "day": 1, "since": 0, "member": "M"}
    form = {"t": "comment_form_issued", "id": "F", "event": "F", "day": 5, "since": 5, "member": "M"}
    change = {"t": "residence_changed", "id": "E1", "event": "E1", "day": 1, "since": 1, "member": "M"}
    fresh = DurableMatcher(full)
    kept = DurableMatcher(full)
    try:
        expected = fresh.match({"a": [occasion, form], "b": [change]})
        assert kept.match({"a": [change]}) == {"a": fresh.match({"a": [change]})["a"]}
        real = kept._engine

        class Failing:
            def __getattr__(self, name: str) -> Any:
                return getattr(real, name)

            def assert_facts(self, handle: Any, payload: str) -> Any:
                real.assert_facts(handle, payload)  # the session made, and its firings pending
                # the call's facts (the session's own fact asserted with them) fail as a
                # duplicate fact does
                assert '"|session"' in payload
                return 2

        monkeypatch.setattr(kept, "_engine", Failing())
        with pytest.raises(DurableRulesError, match="duplicate"):
            kept.match({"a": [occasion, form]})
        monkeypatch.undo()
        with pytest.raises(durable_rules_engine.error, match="309"):
            real.get_state(kept._handle, "0")  # deleted with the facts it held
        assert kept.match({"a": [occasion, form], "b": [change]}) == expected
        assert expected["a"] and expected["b"]
    finally:
        fresh.close()
        kept.close()


def test_concurrent_evaluations_match_sequential_ones() -> None:
    facts = FactSet.from_document(small_ward())
    jobs = [
        (dt.date(2024, 3, 1) + dt.timedelta(days=61 * i), Policy(timely_days={"D2.K7b": 10 + i}))
        for i in range(8)
    ]
    expected = [evaluate(facts, as_of=a, policy=p).to_json() for a, p in jobs]
    got: list[str | None] = [None] * len(jobs)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(3):
                got[i] = evaluate(facts, as_of=jobs[i][0], policy=jobs[i][1]).to_json()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(jobs))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert got == expected


def test_no_silent_fallback_without_durable_rules(tmp_path: Any) -> None:
    """With durable-rules blocked from import, evaluation fails loudly."""
    doc = tmp_path / "ward.json"
    doc.write_text(json.dumps(small_ward()), encoding="utf-8")
    code = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('durable', 'durable_rules_engine'):
            raise ImportError('blocked for the test')
sys.meta_path.insert(0, Block())
from qd213_rules import load_facts, evaluate
try:
    evaluate(load_facts({str(doc)!r}), as_of='2025-06-01')
except Exception as exc:
    print(type(exc).__name__, exc)
    sys.exit(3)
sys.exit(0)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "durable" in proc.stdout.lower()


def test_a_lone_session_runs_without_the_breach_rules_unless_it_holds_a_breach(monkeypatch: pytest.MonkeyPatch) -> None:
    """A call of one session whose facts include no kind a breach rule reads runs in the rules
    without the breach rules (they could not fire); one with a breach runs in all of them and
    matches it. Both give what the rules of every obligation give."""
    durable = matcher("durable")
    assert isinstance(durable, DurableMatcher)
    monkeypatch.setattr(durable, "_fits", {})  # no ruleset of some rules made by earlier tests of this process
    breach = {"t": "conduct_breach_recorded", "id": "B1", "event": "B1", "day": 5, "since": 5, "member": "M",
              "obligation_id": "D2.K1"}
    change = {"t": "residence_changed", "id": "E1", "event": "E1", "day": 1, "since": 1, "member": "M"}
    lean, full = durable._single_matcher("member", [change]), durable._single_matcher("member", [change, breach])
    assert full is durable._single_matcher("member") and lean is not full
    assert set(lean.compiled.ruleset) == {name for name, ref in full.compiled.refs.items() if ref.role != "breach"} | {
        name for name in full.compiled.ruleset if name not in full.compiled.refs}
    every = DurableMatcher(compile_rules(OBLIGATIONS, batched=False))
    try:
        for facts in ([change], [change, breach]):
            assert durable.match({"s": facts}, part="member") == every.match({"s": facts})
        assert ("D2.K1/breach", {"b": breach}) in durable.match({"s": [change, breach]}, part="member")["s"]
    finally:
        every.close()


def test_a_lone_session_runs_in_the_rules_that_can_fire(monkeypatch: pytest.MonkeyPatch) -> None:
    """A call of one session runs, once the matcher of those rules is made, in the rules whose
    every condition is on a kind (or an occasion's obligation) the session holds; before, in the
    made matcher of the fewest rules that include them. Every session of a ward's members, one
    member at a time, gets the matches of the rules of every obligation, and the same report."""
    from qd213_rules.matching import durable

    facts = FactSet.from_document(small_ward())
    every = DurableMatcher(compile_rules(OBLIGATIONS, batched=False))
    made = DurableMatcher(compile_rules(OBLIGATIONS), single=compile_rules(OBLIGATIONS, batched=False),
                          parts={"member": engine.compiled_rules(batched=False, members=True)})  # fmt: skip
    sessions: list[dict[str, Any]] = []
    real = made.match

    def recording(given: Any, **kwargs: Any) -> Any:
        if kwargs.get("part") is not None:
            # a one-member call hands its occasions over as themselves (occasion records)
            sessions.append({sid: [dict(fact) if type(fact) is dict else fact for fact in session] for sid, session in given.items()})
        return real(given, **kwargs)

    try:
        monkeypatch.setattr(made, "match", recording)
        members = sorted(facts.members)
        expected = {m: evaluate(facts, as_of=dt.date(2025, 6, 1), subjects=[m]).to_json() for m in members}
        monkeypatch.setattr(engine, "matcher", lambda backend="durable", regulations=None: made)
        monkeypatch.setattr(durable, "_MAKE_AFTER", 0)  # each set of rules' matcher made at its first call
        for m in members:
            assert evaluate(facts, as_of=dt.date(2025, 6, 1), subjects=[m]).to_json() == expected[m]
        assert len(sessions) == len(members)
        fits = made._fits["member"]
        assert fits.made == len({choice.kept for choice in fits.choices.values()}) > 1
        for session in sessions:
            (facts_of,) = session.values()
            assert any(type(fact) is not dict for fact in facts_of)  # its occasions as records
            alone = made._single_matcher("member", facts_of)
            assert len(alone.compiled.ruleset) < len(fits.rules.ruleset)
            assert alone.match(session) == every.match(session) == real(session, part="member")
        # not yet made: the made matcher of the fewest rules that include them
        monkeypatch.setattr(durable, "_MAKE_AFTER", 10**9)
        biggest = max(sessions, key=lambda session: len(made._single_matcher("member", next(iter(session.values()))).compiled.ruleset))
        (kinds_of,) = biggest.values()
        fewer = [fact for fact in kinds_of if type(fact) is dict and fact.get("t") != "$occasion"]
        nearest = made._single_matcher("member", fewer)
        choice = fits.choices[(frozenset(fact.get("t") for fact in fewer), frozenset(fact.get("ob") for fact in fewer))]
        assert choice.nearest is nearest
        assert choice.matcher is None and nearest in {other.matcher for other in fits.by_rules.values()}
        assert choice.kept < set(nearest.compiled.ruleset) and len(nearest.compiled.ruleset) < len(fits.rules.ruleset) - 16
        assert nearest.match({"s": fewer}) == every.match({"s": fewer})
    finally:
        every.close()
        monkeypatch.undo()
        made.close()
