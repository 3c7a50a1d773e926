"""sensitivity(): results by status for each value of one parameter; the partial evaluation
gives exactly what separate full evaluations give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import fact_document_and_as_of

from qd213_rules import FactSet, Policy, PolicyError, UsageError, evaluate, load_facts
from qd213_rules.errors import ErrorCode
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path
from qd213_rules.policy import POLICY_FIELDS
from qd213_rules.sensitivity import STATUSES, parameter, parse_values, sensitivity

from .wards import move_reported_on_day_20

VALUES = [7, 15, 30, 45, 60]


@pytest.fixture(scope="module")
def ward() -> FactSet:
    return load_facts(example_ward_path().read_bytes(), name="example_ward.json")


def _rows(results: tuple[object, ...]) -> list[dict[str, object]]:
    return [r.to_dict() for r in results]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["timely_days.D2.K7b", "timely_days"])
def test_partial_evaluation_equals_separate_full_evaluations_for_every_value(ward: FactSet, name: str) -> None:
    table = sensitivity(ward, name, VALUES, as_of=EXAMPLE_AS_OF, lang="en")
    assert table.methods == ("partial", "partial", "baseline", "partial", "partial")
    param = parameter(name)
    for value, results, row in zip(VALUES, table.results, table.rows, strict=True):
        full = evaluate(ward, EXAMPLE_AS_OF, param.with_value(Policy(), value), lang="en")
        assert _rows(results) == _rows(full.results), value  # same results, same order
        assert dict(row.counts) == full.summary
    forced = sensitivity(ward, name, VALUES, as_of=EXAMPLE_AS_OF, lang="en", method="full")
    assert forced.methods == ("full", "full", "baseline", "full", "full")
    assert forced.rows == table.rows


def test_partial_evaluation_evaluates_only_the_subjects_the_duty_concerns(ward: FactSet, monkeypatch: pytest.MonkeyPatch) -> None:
    import qd213_rules.engine as engine

    calls: list[object] = []
    real = engine.evaluate

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(args[3] if len(args) > 3 else kwargs.get("subjects"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "evaluate", spy)
    sensitivity(ward, "timely_days.D2.K7b", [15], as_of=EXAMPLE_AS_OF)
    baseline, again = calls
    assert baseline is None
    assert sorted(again) == ["DV-003", "DV-005", "DV-022", "DV-023", "DV-030"]  # type: ignore[call-overload]


def test_the_example_ward_d2_k7b_findings_by_days(ward: FactSet) -> None:
    table = sensitivity(ward, "timely_days.D2.K7b", VALUES, as_of=EXAMPLE_AS_OF, obligations=["D2.K7b"])
    assert [(row.value, row.counts["overdue"], row.counts["due"], row.changed) for row in table.rows] == [
        (7, 2, 0, 1), (15, 2, 0, 1), (30, 1, 1, 0), (45, 1, 1, 0), (60, 1, 1, 0)
    ]
    assert table.baseline_value == 30 and table.obligations == ("D2.K7b",)
    assert table.statuses() == ["overdue", "due", "fulfilled", "not_applicable"]


def test_hand_made_move_reported_on_day_20() -> None:
    table = sensitivity(move_reported_on_day_20(), "timely_days.D2.K7b", "15,20,30", as_of="2025-06-30",
                        obligations=["D2.K7b"])
    assert [(row.value, row.counts["fulfilled"], row.counts["fulfilled_late"]) for row in table.rows] == [
        (15, 0, 1), (20, 1, 0), (30, 1, 0)
    ]


def test_switches_default_to_true_and_false_and_use_full_evaluations() -> None:
    facts = move_reported_on_day_20()
    table = sensitivity(facts, "reintroduce_within_commune", as_of="2025-06-30")
    assert table.values == [True, False] and table.methods == ("baseline", "full")
    for value, results in zip(table.values, table.results, strict=True):
        full = evaluate(facts, "2025-06-30", Policy(reintroduce_within_commune=value))
        assert _rows(results) == _rows(full.results)


def test_optional_parameter_takes_off() -> None:
    facts = move_reported_on_day_20()
    table = sensitivity(facts, "violation_after_days", "off,0", as_of="2025-06-30")
    assert table.values == [None, 0] and table.baseline_value is None


def test_unknown_parameter_suggests_the_closest_names() -> None:
    with pytest.raises(UsageError) as caught:
        parameter("timely_day.D2.K7b")
    assert caught.value.codes == (ErrorCode.UNKNOWN_PARAMETER,)
    assert "did you mean: timely_days.D2.K7b" in caught.value.format("en")
    assert "có phải là: timely_days.D2.K7b" in caught.value.format("vi")
    with pytest.raises(UsageError, match="hd33_retroactive"):
        parameter("hd33_retro")
    with pytest.raises(UsageError) as far:
        parameter("zzz")
    assert all(name in far.value.format("en") for name in POLICY_FIELDS)


def test_a_value_the_parameter_does_not_take_is_a_policy_error() -> None:
    with pytest.raises(PolicyError, match=r"timely_days\['D2.K7b'\]"):
        sensitivity(move_reported_on_day_20(), "timely_days.D2.K7b", "7,x", as_of="2025-06-30")
    with pytest.raises(UsageError, match="--values"):
        sensitivity(move_reported_on_day_20(), "timely_days.D2.K7b", [], as_of="2025-06-30")
    with pytest.raises(UsageError, match="D9.K9"):
        sensitivity(move_reported_on_day_20(), "timely_days.D2.K7b", [7], as_of="2025-06-30", obligations=["D9.K9"])


def test_parse_values() -> None:
    assert parse_values("7, 15,TRUE,false,null,12-20") == [7, 15, True, False, None, "12-20"]


def test_dataframe_and_plot(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    table = sensitivity(move_reported_on_day_20(), "timely_days.D2.K7b", [15, 30], as_of="2025-06-30",
                        obligations=["D2.K7b"])
    frame = table.to_dataframe()
    assert list(frame.columns) == [*STATUSES, "changed"]
    assert frame.loc[15, "fulfilled_late"] == 1 and frame.loc[30, "fulfilled"] == 1
    for name in ("chart.svg", "chart.png"):
        table.plot(str(tmp_path / name), lang="vi")
        assert (tmp_path / name).stat().st_size > 1000
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    table.plot(str(tmp_path / "again.svg"), lang="vi")
    assert (tmp_path / "again.svg").read_text(encoding="utf-8") == svg  # no date, no random ids
    with pytest.raises(ValueError, match=r"\.svg"):
        table.plot(str(tmp_path / "chart.pdf"), lang="en")


@settings(max_examples=15, deadline=None)
@given(fact_document_and_as_of(max_members=4), st.sampled_from(["timely_days", "timely_days.D2.K7b",
                                                               "timely_days.D4.K1a", "timely_days.D3.K2"]),
       st.lists(st.integers(0, 90), min_size=1, max_size=3, unique=True))
def test_partial_equals_full_on_generated_wards(case: tuple[dict[str, Any], dt.date], name: str,
                                                values: list[int]) -> None:
    """On any consistent record, re-evaluating only the subjects a timely_days value concerns
    gives what a full evaluation gives, result for result and in the same order."""
    doc, as_of = case
    facts = FactSet.from_document(doc)
    table = sensitivity(facts, name, values, as_of=as_of, backend="python")
    param = parameter(name)
    for value, results in zip(values, table.results, strict=True):
        full = evaluate(facts, as_of, param.with_value(Policy(), value), backend="python")
        assert _rows(results) == _rows(full.results), (name, value)
