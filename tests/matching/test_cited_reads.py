"""The matchers read the frames of the rules whose evidence the judge only cites straight into
the judge's cited pairs (``match``'s ``cites`` and ``cited``: the engine's calls), instead of
making frames the engine reads again.

Checked on the sessions of a synthetic province, as the engine builds and matches them: a lone
member's session (occasion records; for durable-rules, in the rules of the members' duties,
with their families) and a batch of members' sessions (``$occasion`` dicts), with both backends
where they run. The matches given with ``cites`` must be exactly the matches given without, in
the same order, less the frames read as pairs — those of the rules of ``cites``, two facts each
(for the Python backend, those on an occasion record) — and each session's pairs must be, per
occasion key, the day and event of those frames' evidence.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import defaultdict
from typing import Any

import pytest

from qd213_rules.engine import _MEMBER, Run, matcher
from qd213_rules.evaluation.context import Context
from qd213_rules.facts import load_facts
from qd213_rules.matching.backend import Backend, Match
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth

_BACKENDS: list[Backend] = ["python"]
if importlib.util.find_spec("durable_rules_engine") is not None:
    _BACKENDS.insert(0, "durable")


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Context:
    path = tmp_path_factory.mktemp("cited") / "province.jsonl"
    write_synth(path, 60, 3)
    return Context(load_facts(path), dt.date(2025, 12, 31), Policy())


def _key(o: Any, rule: str, cites: dict[str, str]) -> str:
    if type(o) is not dict:
        return str(o.fact_id)
    return str(o["id"]) if o["t"] == "$occasion" else f"{cites[rule]}{o['id']}"


def _check(run: Run, sessions: dict[str, Any], part: str | None, records_only: bool) -> int:
    """Compare the matches of ``sessions`` with and without ``cites``; the pairs read."""
    cites = run._cites(run.member_obligations)
    assert cites
    plain = run._match(sessions, part, None, None)
    cited: dict[str, defaultdict[str, list[Any]]] = {sid: defaultdict(list) for sid in sessions}
    read = run._match(sessions, part, cites, cited)
    pairs = 0
    for sid in sessions:

        def as_pair(match: Match) -> bool:
            name, frame = match
            return name in cites and sorted(frame) == ["e", "o"] and not (records_only and type(frame["o"]) is dict)

        assert read[sid] == [m for m in plain[sid] if not as_pair(m)], sid
        expected: dict[str, list[Any]] = defaultdict(list)
        for name, frame in filter(as_pair, plain[sid]):
            expected[_key(frame["o"], name, cites)].append((frame["e"]["day"], str(frame["e"]["event"])))
        got = {key: sorted(found) for key, found in cited[sid].items() if found}
        assert got == {key: sorted(found) for key, found in expected.items()}, sid
        pairs += sum(map(len, expected.values()))
    return pairs


@pytest.mark.parametrize("backend", _BACKENDS)
def test_lone_members_read_cited_pairs_from_the_frames(context: Context, backend: Backend) -> None:
    run = Run(context, matcher(backend), "en")
    pairs = 0
    for member in context.active_members()[:30]:
        session, _ = run._session("member", member, run.member_obligations, records=True, grouped=run.grouped)
        pairs += _check(run, {"s": session}, _MEMBER, backend == "python")
    assert pairs > 30  # conduct and discretionary duties' evidence: about twenty a member


@pytest.mark.parametrize("backend", _BACKENDS)
def test_batches_read_cited_pairs_from_the_frames(context: Context, backend: Backend) -> None:
    run = Run(context, matcher(backend), "en")
    members = context.active_members()[:24]
    pairs = 0
    for start in range(0, len(members), 8):
        sessions = {
            f"s{member}": run._session("member", member, run.member_obligations, records=run.records, grouped=run.grouped)[0]
            for member in members[start : start + 8]
        }
        pairs += _check(run, sessions, None, backend == "python")
    assert pairs > 30
