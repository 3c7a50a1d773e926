"""The durable matcher asserts every session of a call into one C-core session (issue 13): no
rule may join two sessions' facts, whatever they share.

Each fact carries the position of its session in the call (``s``) and every fact a multi-fact
rule joins must have its trigger's; the C core identifies facts by their position in the call,
so one event in several subjects' sessions (a meeting, with each member's own attendance) is
asserted once per session. These tests match sessions together and one by one, and against the
Python backend, on the sessions the engine builds for a synthetic province and on sessions made
to tempt a join across subjects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from qd213_rules.engine import Run, compiled_rules, ruled_obligations
from qd213_rules.evaluation.context import Context
from qd213_rules.facts import load_facts
from qd213_rules.matching.durable import DurableMatcher
from qd213_rules.matching.python import PythonMatcher
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth

_AS_OF = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def durable() -> Iterator[DurableMatcher]:
    """As the engine makes it: a call of one session runs the rules compiled without the joins
    on ``s`` (``single``), a call of several the batched rules."""
    made = DurableMatcher(compiled_rules(), single=compiled_rules(batched=False))
    yield made
    made.close()


@pytest.fixture(scope="module")
def province_sessions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The members' sessions of a 60-member synthetic province, as the engine builds them (the
    members of a cell share its meetings, with different attendance)."""
    path = tmp_path_factory.mktemp("batches") / "province.jsonl"
    write_synth(path, 60, 7)
    facts = load_facts(path)
    run = Run(Context(facts, _AS_OF, Policy()), PythonMatcher(ruled_obligations()), "en")
    return {m: run._session("member", m, run.member_obligations)[0] for m in run.ctx.active_members()}


def test_sessions_matched_together_give_what_each_gives_alone(
    durable: DurableMatcher, province_sessions: dict[str, list[dict[str, Any]]]
) -> None:
    shared = set.intersection(*({f["id"] for f in facts} for facts in list(province_sessions.values())[:2]))
    assert shared, "the sessions share facts (a cell's meetings): the test would prove nothing"
    alone: dict[str, Any] = {}
    for sid, facts in province_sessions.items():
        alone.update(durable.match({sid: facts}))
    assert sum(map(len, alone.values())) > 100
    together = durable.match(province_sessions)
    assert together == alone
    assert together == PythonMatcher(ruled_obligations()).match(province_sessions)


def test_no_rule_joins_two_sessions(durable: DurableMatcher) -> None:
    """One session holds D3.K3b's occasion (a commendation of the member is its evidence),
    the other a commendation of another member: each would join the other's fact if a rule
    could cross sessions — and the same facts in one session do join."""
    occasion = {"t": "$occasion", "id": "$occ|D3.K3b|-|A", "ob": "D3.K3b", "day": 738886, "since": 0,
                "subject": "A", "member": "A", "bearer": "A"}  # fmt: skip
    praise = {"t": "commendation_granted", "id": "E1", "event": "E1", "day": 738900, "since": 738900,
              "member": "A", "by_org_id_kind": "workplace_cell"}  # fmt: skip
    found = durable.match({"a": [occasion], "b": [praise]})
    assert found == {"a": [], "b": []}
    assert [name for name, _ in durable.match({"ab": [occasion, praise]})["ab"]] == ["D3.K3b/t0/e0"]


def test_a_join_after_alternatives_holds(durable: DurableMatcher) -> None:
    """D3.K3b's evidence is a commendation by the member's workplace cell *or* committee (a
    ``$or``) of the same member: durable-rules 2.0.28 drops the joins that follow a ``$or`` in a
    condition, so the compiler puts the alternatives last. A commendation of another member in
    the same session must not be evidence (it was, before)."""
    occasion = {"t": "$occasion", "id": "$occ|D3.K3b|-|A", "ob": "D3.K3b", "day": 738886, "since": 0,
                "subject": "A", "member": "A", "bearer": "A"}  # fmt: skip
    other = {"t": "commendation_granted", "id": "E2", "event": "E2", "day": 738900, "since": 738900,
             "member": "B", "by_org_id_kind": "workplace_committee"}  # fmt: skip
    session = {"s": [occasion, other]}
    assert durable.match(session) == PythonMatcher(ruled_obligations()).match(session) == {"s": []}


def test_frames_beyond_a_rules_cap_come_in_more_firings(
    durable: DurableMatcher, province_sessions: dict[str, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rule has a cap (one firing hands out all its frames); a rule with more frames than
    its cap fires again, and the frames read are the same."""
    import qd213_rules.matching.durable as module

    monkeypatch.setattr(module, "_CAP", 2)
    small = DurableMatcher(compiled_rules())
    try:
        assert small.match(province_sessions) == durable.match(province_sessions)
    finally:
        small.close()


def test_a_firing_is_read_frame_by_frame() -> None:
    """A firing's message lists its frames; each is as many facts as its rule has aliases, each
    alias once, each fact's text as long as it was asserted; any other message is refused (the
    matcher raises after draining)."""
    from qd213_rules.matching.durable import _read_firing, _Tags

    flat = [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]
    texts = ['{"id":10,"s":0}', '{"id":11,"s":0,"x":"\\"e\\":{\\"id\\":13,"}', '{"id":12,"s":1}', '{"id":13,"s":1}']
    first: list[Any] = []
    second: list[Any] = []
    owners = [first, first, second, second]  # the matches of each fact's session
    tags = _Tags.of(10)

    def found() -> dict[str, Any]:
        return tags.table("[" + ",".join(texts) + "]", flat, owners)

    both = '{"r":[{"o":%s,"e":%s},{"o":%s,"e":%s}]}' % tuple(texts)
    assert _read_firing(both, found(), tags.width, {"r": 2})
    assert first == [("r", {"o": flat[0], "e": flat[1]})] and second == [("r", {"o": flat[2], "e": flat[3]})]
    refused = [
        '{"r":[{"o":%s,"o":%s}]}' % (texts[0], texts[1]),  # an alias twice
        '{"r":[{"o":%s}]}' % texts[0],  # too few facts in a frame
        '{"r":[{"o":%s,"e":%s,"n":%s}]}' % tuple(texts[:3]),  # too many
        '{"r":[]}',
        '{"r":[{"o":%s,"e":%s}]}' % (texts[0], texts[1][:-1]),  # a text not as asserted
        '{"r":[{"o":%s,"e":%s}]}' % (texts[0], '{"id":14,"s":0}'),  # a fact not asserted
        '{"r":[{"o":%s,"e":%s}],"x":1}' % (texts[0], texts[1]),  # more after the frames
        '{"q":[{"o":%s,"e":%s}]}' % (texts[0], texts[1]),  # a rule not known
    ]
    for bad in refused:
        assert not _read_firing(bad, found(), tags.width, {"r": 2}), bad
    # rules of one fact and of three (read apart from those of two)
    first.clear()
    second.clear()
    alone = '{"r":[{"o":%s},{"b":%s}]}' % (texts[1], texts[2])
    assert _read_firing(alone, found(), tags.width, {"r": 1})
    assert first == [("r", {"o": flat[1]})] and second == [("r", {"b": flat[2]})]
    for bad in (both, '{"r":[{"o":%s,"o":%s}]}' % (texts[0], texts[1]), '{"r":[{"o":%s}],"x":1}' % texts[0], '{"r":[]}'):
        assert not _read_firing(bad, found(), tags.width, {"r": 1}), bad
    first.clear()
    second.clear()
    three = '{"r":[{"o":%s,"e":%s,"n":%s},{"n":%s,"e":%s,"o":%s}]}' % (texts[0], texts[1], texts[0], texts[3], texts[2], texts[3])
    assert _read_firing(three, found(), tags.width, {"r": 3})
    assert first == [("r", {"o": flat[0], "e": flat[1], "n": flat[0]})]
    assert second == [("r", {"n": flat[3], "e": flat[2], "o": flat[3]})]
    for bad in (both, '{"r":[{"o":%s,"e":%s,"o":%s}]}' % (texts[0], texts[1], texts[0])):
        assert not _read_firing(bad, found(), tags.width, {"r": 3}), bad


def test_rules_for_one_session_refuse_several() -> None:
    """Rules compiled without the joins on ``s`` would join two sessions' facts: a matcher of
    them refuses a call of several sessions (the engine's matcher sends it only calls of one)."""
    from qd213_rules.matching.durable import DurableRulesError

    single = DurableMatcher(compiled_rules(batched=False))
    occasion = {"t": "$occasion", "id": "o1", "ob": "D2.K1", "day": 1, "since": 0, "member": "M"}
    try:
        assert single.match({"a": [occasion], "b": []}) == {"a": [], "b": []}
        with pytest.raises(DurableRulesError, match="one session"):
            single.match({"a": [occasion], "b": [dict(occasion, id="o2")]})
    finally:
        single.close()


def test_occasion_records_match_as_their_dicts(durable: DurableMatcher, tmp_path: Any) -> None:
    """An ``$occasion`` fact handed over as the occasion itself (an occasion record, as a
    one-member evaluation hands them) is asserted with what its dict would be: the same matches,
    the record in the frames where the dict would be; alone, in a batch and in the canonical
    order; a record and a dict of one id are refused as duplicates."""
    from qd213_rules.evaluation.occasions import Occasion
    from qd213_rules.matching.durable import DurableRulesError

    path = tmp_path / "province.jsonl"
    write_synth(path, 40, 11)
    facts = load_facts(path)
    run = Run(Context(facts, _AS_OF, Policy()), PythonMatcher(ruled_obligations()), "en")
    as_dicts: dict[str, list[Any]] = {}
    as_records: dict[str, list[Any]] = {}
    for m in run.ctx.active_members():
        as_records[m] = run._session("member", m, run.member_obligations, records=True)[0]
        as_dicts[m] = [fact.as_fact() if type(fact) is Occasion else fact for fact in as_records[m]]
    assert sum(type(fact) is Occasion for session in as_records.values() for fact in session) > 200

    def plain(matches: dict[str, list[Any]]) -> dict[str, list[Any]]:
        return {sid: [(name, {alias: fact.as_fact() if type(fact) is Occasion else fact for alias, fact in frame.items()})
                      for name, frame in found] for sid, found in matches.items()}  # fmt: skip

    for canonical in (True, False):
        together = durable.match(as_records, canonical=canonical)
        assert plain(together) == durable.match(as_dicts, canonical=canonical)
        assert any(type(fact) is Occasion for found in together.values() for _, frame in found for fact in frame.values())
        for m in as_records:
            assert plain(durable.match({m: as_records[m]}, canonical=canonical)) == durable.match({m: as_dicts[m]}, canonical=canonical)
    m, session = next((m, s) for m, s in as_records.items() if any(type(f) is Occasion for f in s))
    record = next(fact for fact in session if type(fact) is Occasion)
    with pytest.raises(DurableRulesError, match="duplicate"):
        durable.match({m: [*session, record.as_fact()]})


def test_a_session_of_occasion_records_holds_its_halves(tmp_path: Any) -> None:
    """A session whose occasions stand as records (a one-member evaluation's) is handed over
    with its dicts and its records apart too (``SplitFacts``), which durable-rules reads instead
    of sorting the list again: each half is exactly the list's facts of its sort, in the list's
    order, the ``$need`` dicts of its occasions among the dicts."""
    from qd213_rules.matching.backend import SplitFacts

    path = tmp_path / "province.jsonl"
    write_synth(path, 40, 11)
    run = Run(Context(load_facts(path), _AS_OF, Policy()), PythonMatcher(ruled_obligations()), "en")
    needs_of_records = 0
    subjects: list[tuple[str, str, Any]] = [("member", m, run.member_obligations) for m in run.ctx.active_members()]
    for kind, subject, obligations in [*subjects, *run.org_subjects(None)]:
        facts, _ = run._session(kind, subject, obligations, records=True)
        assert type(facts) is SplitFacts, subject
        assert facts.dicts == [fact for fact in facts if type(fact) is dict], subject
        assert [id(fact) for fact in facts.records] == [id(fact) for fact in facts if type(fact) is not dict], subject
        assert facts.record_ids == [record.fact_id for record in facts.records], subject
        needs_of_records += sum(fact["t"] == "$need" and fact["occ"].startswith("$occ|") for fact in facts.dicts)
    assert needs_of_records, "no occasion with recipients: the test would prove little"
