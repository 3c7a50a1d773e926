"""The Python backend matches occasions as they are (``OccasionRecord``), without building their
``$occasion`` dicts (issue 13): each field it reads off an occasion must be the one
``Occasion.as_fact`` writes, and matching the records must give what matching the dicts gives.

Checked on every occasion and session the engine makes for a synthetic province (members and
organisations, with their standing, yearly, meeting, introduction and half-year occasions) and
for the example ward, with occasions made to hold the unusual values (no bearer, a period, an
occasion before any day).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qd213_rules.articles import OBLIGATIONS
from qd213_rules.articles._model import SubjectType
from qd213_rules.engine import Run, ruled_obligations
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.occasions import ANY_DAY, Occasion, org_subjects
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.matching.backend import Match
from qd213_rules.matching.python import PythonMatcher, PythonMatcherError
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth

_MISSING = object()
_OWN = ("t", "id", "ob", "day", "since", "subject", "member", "bearer", "start", "end", "year")


def _runs(tmp_path_factory: pytest.TempPathFactory) -> list[Run]:
    path = tmp_path_factory.mktemp("records") / "province.jsonl"
    write_synth(path, 60, 11)
    province = Context(load_facts(path), dt.date(2025, 12, 31), Policy())
    ward = Context(FactSet.from_document(example_ward_document()), EXAMPLE_AS_OF, Policy())
    return [Run(ctx, PythonMatcher(ruled_obligations()), "en") for ctx in (province, ward)]


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, list[Any], list[Any], list[Occasion]]]:
    """Every subject's session as dicts and with records, and its occasions."""
    out = []
    for run in _runs(tmp_path_factory):
        subjects: list[tuple[str, str, Any]] = [("member", m, run.member_obligations) for m in run.ctx.active_members()]
        by_org: dict[str, list[Any]] = {}
        for ob in run.org_obligations:
            for org in org_subjects(run.ctx, ob):
                by_org.setdefault(org, []).append(ob)
        subjects += [("org", org, obs) for org, obs in sorted(by_org.items())]
        for kind, subject, obligations in subjects:
            dicts, occasions = run._session(kind, subject, obligations)
            records, _ = run._session(kind, subject, obligations, records=True)
            out.append((f"{kind}|{subject}", dicts, records, list(occasions.values())))
    return out


def _readers_agree(occ: Occasion) -> None:
    fact = occ.as_fact()
    assert not set(occ.fields) & set(_OWN), occ  # as_fact writes the extra fields last: none may hide its own
    for name in (*fact, *_OWN, "meeting_id", "workplace_cell", "comment_cell", "absent"):
        assert Occasion.fact_reader(name, _MISSING)(occ) == fact.get(name, _MISSING), (occ, name)


def test_every_reader_reads_what_as_fact_writes(sessions: list[tuple[str, list[Any], list[Any], list[Occasion]]]) -> None:
    seen = 0
    for _, _, _, occasions in sessions:
        for occ in occasions:
            _readers_agree(occ)
            seen += 1
    assert seen > 1000


def test_readers_of_unusual_occasions() -> None:
    member_ob = next(ob for ob in OBLIGATIONS if ob.subject is SubjectType.MEMBER)
    org_ob = next(ob for ob in OBLIGATIONS if ob.subject is not SubjectType.MEMBER)
    day = dt.date(2024, 3, 1)
    for occ in (
        Occasion(member_ob, "DV-1", None, day),  # no bearer: the fact has none
        Occasion(member_ob, "DV-1", "CB-1", day, since=ANY_DAY, year=2024),  # since any day: 0
        Occasion(org_ob, "CB-1", "CB-1", day, start=day, end=dt.date(2024, 6, 30), since=day),  # no member
        Occasion(org_ob, "CB-1", "CB-1", day, start=day),  # a start without an end: neither is written
        Occasion(member_ob, "DV-1", "CB-1", day, fields={"meeting_id": "H-1", "workplace_cell": None}),
    ):
        _readers_agree(occ)


def _as_dicts(matches: list[Match]) -> list[Match]:
    return [(name, {alias: f if isinstance(f, dict) else f.as_fact() for alias, f in frame.items()}) for name, frame in matches]


def test_records_match_as_their_dicts(sessions: list[tuple[str, list[Any], list[Any], list[Occasion]]]) -> None:
    matcher = PythonMatcher(ruled_obligations())
    joined = 0
    for sid, dicts, records, _ in sessions:
        assert sum(not isinstance(f, dict) for f in records) == sum(f["t"] == "$occasion" for f in dicts), sid
        by_dicts = matcher.match({sid: dicts})[sid]
        by_records = matcher.match({sid: records})[sid]
        assert _as_dicts(by_records) == by_dicts, sid
        joined += sum(not isinstance(frame.get("o", {}), dict) for _, frame in by_records)
    assert joined > 500  # the records were joined to evidence, not only left alone


def test_a_record_shares_its_id_with_no_fact(sessions: list[tuple[str, list[Any], list[Any], list[Occasion]]]) -> None:
    sid, _, records, _ = next(s for s in sessions if any(not isinstance(f, dict) for f in s[2]))
    record = next(f for f in records if not isinstance(f, dict))
    with pytest.raises(PythonMatcherError, match="duplicate fact id"):
        PythonMatcher(ruled_obligations()).match({sid: [*records, record.as_fact()]})
