"""The engine takes the Python matcher's matches in the judged order (``judged_order``), not the
canonical one (``sort_matches``): the same matches, sorted by rule name, with the frames of a
rule sorted only where the judge could tell two of them apart by their order.

Checked on every session of a synthetic province and the example ward: the judged order holds
the canonical order's matches; and every subject's results — with their traces, which list the
evidence in the judge's order — and the reasons noted for unused events are the same from the
canonical order, the judged order, and the judged order with the frames of each rule the
matcher saw no tie in reversed (any order of those must do); also with each ``$need`` of a
session doubled under a second role, so that one piece of evidence reaches two recipients and
the order of the two (which the trace shows) is the matcher's to keep.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from qd213_rules.engine import Run, ruled_obligations
from qd213_rules.evaluation.context import Context
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.matching import python
from qd213_rules.matching.backend import Match
from qd213_rules.matching.python import PythonMatcher
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth


def _runs(tmp_path_factory: pytest.TempPathFactory) -> list[Run]:
    path = tmp_path_factory.mktemp("judged") / "province.jsonl"
    write_synth(path, 80, 5)
    province = Context(load_facts(path), dt.date(2025, 12, 31), Policy())
    ward = Context(FactSet.from_document(example_ward_document()), EXAMPLE_AS_OF, Policy())
    return [Run(ctx, PythonMatcher(ruled_obligations()), "en", tracing=True) for ctx in (province, ward)]


def _judged(run: Run, subject: str, obligations: Any, occasions: Any, matches: list[Match]) -> tuple[Any, ...]:
    run.unused_reasons = {}
    results = run._judge(subject, obligations, occasions, matches)
    return results, [r.trace for r in results], dict(run.unused_reasons)


def test_judged_order_judges_as_the_canonical_order(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    tied_seen: list[set[str]] = []
    real = python.judged_order

    def keep_tied(matches: list[Match], tied: Any) -> list[Match]:
        tied_seen.append(set(tied))
        return real(matches, tied)

    monkeypatch.setattr(python, "judged_order", keep_tied)
    sessions = with_ties = 0
    for run in _runs(tmp_path_factory):
        subjects: list[tuple[str, str, Any]] = [("member", m, run.member_obligations) for m in run.ctx.active_members()]
        subjects += run.org_subjects(None)
        matcher = run.matcher
        assert isinstance(matcher, PythonMatcher)
        for (kind, subject, obligations), doubled in itertools.product(subjects, (False, True)):
            facts, occasions = run._session(kind, subject, obligations, records=True)
            if doubled:  # ties the judge sees: each recipient reached twice, under two roles
                needs = [fact for fact in facts if type(fact) is dict and fact["t"] == "$need"]
                if not needs:
                    continue
                facts += [dict(need, id=f"{need['id']}~", role=f"{need['role']}~") for need in needs]
            canonical = matcher.match({"s": facts})["s"]
            judged = matcher.match({"s": facts}, canonical=False)["s"]
            tied = tied_seen.pop()
            with_ties += bool(tied)
            sessions += 1
            assert sorted(map(repr, judged)) == sorted(map(repr, canonical)), subject
            names = [name for name, _ in judged]
            assert names == sorted(names), subject
            reversed_untied: list[Match] = []
            for name, run_of_rule in itertools.groupby(judged, key=lambda match: match[0]):
                frames = list(run_of_rule)
                reversed_untied.extend(frames if name in tied else frames[::-1])
            expected = _judged(run, subject, obligations, occasions, canonical)
            assert _judged(run, subject, obligations, occasions, judged) == expected, subject
            assert _judged(run, subject, obligations, occasions, reversed_untied) == expected, subject
    assert sessions > 100 and with_ties > 0


def test_durable_matches_in_the_judged_order_judge_as_the_canonical_order(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The durable matcher's matches in the judged order (``judged_order_of``: it tells ties by
    reading every frame) judge as its canonical order does, and so do they with the frames of
    each rule without a tie reversed."""
    from qd213_rules.engine import matcher

    durable = matcher("durable")
    sessions = with_ties = 0
    for run in _runs(tmp_path_factory):
        subjects: list[tuple[str, str, Any]] = [("member", m, run.member_obligations) for m in run.ctx.active_members()]
        subjects += run.org_subjects(None)
        for (kind, subject, obligations), doubled in itertools.product(subjects, (False, True)):
            facts, occasions = run._session(kind, subject, obligations)
            if doubled:  # ties the judge sees: each recipient reached twice, under two roles
                needs = [fact for fact in facts if fact["t"] == "$need"]
                if not needs:
                    continue
                facts += [dict(need, id=f"{need['id']}~", role=f"{need['role']}~") for need in needs]
            canonical = durable.match({"s": facts})["s"]
            judged = durable.match({"s": facts}, canonical=False)["s"]
            sessions += 1
            assert sorted(map(repr, judged)) == sorted(map(repr, canonical)), subject
            # the rules the matcher found with several frames (judged_order_of_rules) hold every tie
            # that reading each frame finds: ordering again changes nothing
            assert python.judged_order_of(list(judged)) == judged, subject
            reversed_untied: list[Match] = []
            tied = False
            for _, run_of_rule in itertools.groupby(judged, key=lambda match: match[0]):
                frames = list(run_of_rule)
                if len(frames) > 1 and python._frames_tie(frames, 0, len(frames)):
                    tied = True
                    reversed_untied.extend(frames)
                else:
                    reversed_untied.extend(frames[::-1])
            with_ties += tied
            expected = _judged(run, subject, obligations, occasions, canonical)
            assert _judged(run, subject, obligations, occasions, judged) == expected, subject
            assert _judged(run, subject, obligations, occasions, reversed_untied) == expected, subject
    assert sessions > 100 and with_ties > 0
