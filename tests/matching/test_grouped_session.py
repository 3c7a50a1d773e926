"""The engine hands the Python matcher its sessions grouped (``GroupedSession``: facts by kind,
``$need`` facts by the fact they serve, occasion records apart) as it builds them, instead of a
list the matcher groups itself: the same matches, in the same order, for every session of a
synthetic province and of the example ward, in the canonical and in the judged order; and a
session whose facts must be deduplicated still comes as a list. A member's grouped session
names its member, whom every fact of it names: its occasions join their evidence without
comparing that field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qd213_rules.engine import Run, ruled_obligations
from qd213_rules.evaluation.context import Context
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.matching.python import GroupedSession, PythonMatcher
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth


def test_grouped_sessions_match_as_their_lists(tmp_path: Any) -> None:
    path = tmp_path / "province.jsonl"
    write_synth(path, 120, 11)
    contexts = [
        Context(load_facts(path), dt.date(2025, 12, 31), Policy()),
        Context(FactSet.from_document(example_ward_document()), EXAMPLE_AS_OF, Policy()),
    ]
    grouped_seen = listed_seen = 0
    for ctx in contexts:
        run = Run(ctx, PythonMatcher(ruled_obligations()), "en")
        assert run.grouped
        matcher = run.matcher
        assert isinstance(matcher, PythonMatcher)
        subjects: list[tuple[str, str, Any]] = [("member", m, run.member_obligations) for m in ctx.active_members()]
        subjects += run.org_subjects(None)
        for kind, subject, obligations in subjects:
            facts, occasions = run._session(kind, subject, obligations, records=True)
            grouped, grouped_occasions = run._session(kind, subject, obligations, records=True, grouped=True)
            assert list(grouped_occasions) == list(occasions)
            if type(grouped) is GroupedSession:
                grouped_seen += 1
                ids = [f["id"] if type(f) is dict else f.fact_id for f in facts]
                assert len(set(ids)) == len(ids), subject  # what the matcher does not check
                # what the matcher relies on to join a member's occasions without their member field
                assert grouped.member == (subject if kind == "member" else None)
                if grouped.member is not None:
                    assert all(f["member"] == subject for group in grouped.by_kind.values() for f in group), subject
            else:
                listed_seen += 1
                assert [repr(f) for f in grouped] == [repr(f) for f in facts], subject
            for canonical in (True, False):
                expected = matcher.match({"s": facts}, canonical=canonical)["s"]
                found = matcher.match({"s": grouped}, canonical=canonical)["s"]
                assert found == expected, subject
    assert grouped_seen > 100
    assert listed_seen > 0

