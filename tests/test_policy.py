"""Policy: defaults, merging, loading from JSON/TOML, errors with JSON paths, echo, hashing, docs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from qd213_rules.errors import ErrorCode, PolicyError, Problem
from qd213_rules.messages import t
from qd213_rules.policy import (
    EXAMPLE_JSON,
    EXAMPLE_TOML,
    MAX_DAYS,
    POLICY_FIELDS,
    REGENERATE,
    TIMELY_DUTIES,
    MonthDay,
    Policy,
    load_policy,
    render_markdown,
)

REPO = Path(__file__).resolve().parent.parent

EXPECTED_DEFAULTS: dict[str, Any] = {
    "timely_days": {duty: 30 for duty in TIMELY_DUTIES},
    "annual_review_fallback": "12-15",
    "comment_lead_days": 15,
    "chain_step_days": 5,
    "min_days_for_comment": 90,
    "min_notice_days": 30,
    "provincial_report_due": "12-31",
    "violation_after_days": None,
    "consultation_max_age_days": None,
    "reintroduce_on_transfer": True,
    "reintroduce_within_commune": True,
    "hd33_retroactive": True,
}

def problems(exc: pytest.ExceptionInfo[PolicyError]) -> list[Problem]:
    return list(exc.value.problems)


def only_problem(exc: pytest.ExceptionInfo[PolicyError]) -> Problem:
    found = problems(exc)
    assert len(found) == 1, [p.format("en") for p in found]
    return found[0]


# --------------------------------------------------------------------------- defaults


def test_defaults() -> None:
    policy = Policy()
    assert policy.effective() == EXPECTED_DEFAULTS
    assert list(policy.effective()) == list(POLICY_FIELDS) == list(EXPECTED_DEFAULTS)
    assert policy.annual_review_fallback == MonthDay(12, 15)
    assert policy.provincial_report_due.on(2025) == dt.date(2025, 12, 31)
    assert len(TIMELY_DUTIES) == len(set(TIMELY_DUTIES)) == 15
    assert all(policy.timely(duty) == 30 for duty in TIMELY_DUTIES)


def test_timely_of_unknown_duty_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="D2.K1 has no timely_days"):
        Policy().timely("D2.K1")


@pytest.mark.parametrize("name", POLICY_FIELDS)
def test_every_parameter_has_rationale_and_source(name: str) -> None:
    info = Policy.model_fields[name]
    extra = info.json_schema_extra
    assert isinstance(extra, dict)
    assert info.description and extra["source"] and extra["rationale"]
    assert "\n" not in str(extra["rationale"])  # one line
    # the catalogue's English rationale is the one kept as metadata
    assert t(f"policy.{name}.rationale", "en") == extra["rationale"]
    assert t(f"policy.{name}.label", "en") == info.description


def test_sources_cite_decisions_design_hd33_or_judgement() -> None:
    for name in POLICY_FIELDS:
        source = str(Policy.model_fields[name].json_schema_extra["source"])  # type: ignore[index]
        assert any(word in source for word in ("interpretation Q", "semantics §", "semantics R", "HD33 §", "judgement")), name


# --------------------------------------------------------------------------- merging


def test_partial_timely_days_merges_with_defaults() -> None:
    policy = Policy(timely_days={"D2.K7b": 14, "D4.K6": 0})
    assert policy.timely("D2.K7b") == 14
    assert policy.timely("D4.K6") == 0
    assert policy.timely("D3.K2") == 30
    assert set(policy.timely_days) == set(TIMELY_DUTIES)
    assert load_policy({"timely_days": {"D2.K7b": 14, "D4.K6": 0}}) == policy


def test_empty_mapping_is_the_default_policy() -> None:
    assert load_policy({}) == Policy()
    assert load_policy({"timely_days": {}}) == Policy()


def test_load_policy_passes_a_policy_through() -> None:
    policy = Policy(min_notice_days=10)
    assert load_policy(policy) is policy


def test_python_construction_validates_too() -> None:
    with pytest.raises(ValidationError):
        Policy(timely_days={"D9.K1": 3})
    with pytest.raises(ValidationError):
        Policy(annual_review_fallback="02-30")


# --------------------------------------------------------------------------- files


def test_json_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text(EXAMPLE_JSON, encoding="utf-8")
    policy = load_policy(path)
    assert policy.timely("D2.K7b") == 15 and policy.timely("D3.K2") == 15 and policy.timely("D3.K1b") == 30
    assert policy.annual_review_fallback == MonthDay(12, 20)
    assert policy.violation_after_days == 60
    assert load_policy(str(path)) == policy


def test_toml_file_equals_json_file(tmp_path: Path) -> None:
    (tmp_path / "policy.json").write_text(EXAMPLE_JSON, encoding="utf-8")
    (tmp_path / "policy.toml").write_text(EXAMPLE_TOML, encoding="utf-8")
    assert load_policy(tmp_path / "policy.toml") == load_policy(tmp_path / "policy.json")


def test_format_by_content_when_the_extension_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.cfg").write_text(EXAMPLE_JSON, encoding="utf-8")
    (tmp_path / "b.cfg").write_text(EXAMPLE_TOML, encoding="utf-8")
    (tmp_path / "c").write_text("min_notice_days = 7\n", encoding="utf-8")
    assert load_policy(tmp_path / "a.cfg") == load_policy(tmp_path / "b.cfg")
    assert load_policy(tmp_path / "c").min_notice_days == 7


def test_json_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"chain_step_days": 3}')
    assert load_policy(path).chain_step_days == 3


def test_toml_leaves_optional_parameters_off(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('consultation_max_age_days = 180\nhd33_retroactive = false\n', encoding="utf-8")
    policy = load_policy(path)
    assert policy.consultation_max_age_days == 180 and policy.violation_after_days is None
    assert policy.hd33_retroactive is False


# --------------------------------------------------------------------------- errors


def test_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text('{"timely_day": {"D2.K7b": 3}}', encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    problem = only_problem(exc)
    assert problem.code is ErrorCode.POLICY_INVALID
    assert problem.file == str(path)
    assert problem.json_path == "$.timely_day"
    assert problem.found == {"D2.K7b": 3}
    assert problem.expected == " | ".join(POLICY_FIELDS)


def test_unknown_key_in_toml(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text('[timely_days]\n"D2.K7b" = 3\n\n[extra]\nx = 1\n', encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    problem = only_problem(exc)
    assert (problem.file, problem.json_path, problem.found) == (str(path), "$.extra", {"x": 1})


@pytest.mark.parametrize("duty", ["D9.K1", "D2.K1", "d2.k7b", ""])
def test_unknown_obligation_id(duty: str) -> None:
    with pytest.raises(PolicyError) as exc:
        load_policy({"timely_days": {duty: 10}})
    problem = only_problem(exc)
    assert problem.json_path == f"$.timely_days['{duty}']"
    assert problem.found == duty
    assert problem.expected == " | ".join(TIMELY_DUTIES)


@pytest.mark.parametrize("value", ["02-30", "04-31", "13-01", "00-10", "12-00", "2-15", "12/15", "12-15-2020", 1215, None])
def test_bad_month_day(value: Any) -> None:
    with pytest.raises(PolicyError) as exc:
        load_policy({"annual_review_fallback": value})
    problem = only_problem(exc)
    assert problem.json_path == "$.annual_review_fallback"
    assert problem.found == value
    assert problem.expected is not None and "MM-DD" in problem.expected


def test_february_29_is_allowed() -> None:
    policy = load_policy({"provincial_report_due": "02-29"})
    assert policy.provincial_report_due.on(2024) == dt.date(2024, 2, 29)
    assert policy.provincial_report_due.on(2025) == dt.date(2025, 2, 28)
    assert policy.effective()["provincial_report_due"] == "02-29"


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"timely_days": {"D2.K7b": -1}}, "$.timely_days['D2.K7b']"),
        ({"comment_lead_days": -1}, "$.comment_lead_days"),
        ({"chain_step_days": -5}, "$.chain_step_days"),
        ({"min_days_for_comment": -90}, "$.min_days_for_comment"),
        ({"min_notice_days": -1}, "$.min_notice_days"),
        ({"violation_after_days": -1}, "$.violation_after_days"),
        ({"consultation_max_age_days": -1}, "$.consultation_max_age_days"),
    ],
)
def test_negative_days(data: dict[str, Any], path: str) -> None:
    with pytest.raises(PolicyError) as exc:
        load_policy(data)
    problem = only_problem(exc)
    assert problem.json_path == path
    assert problem.found < 0
    assert problem.expected is not None and problem.expected.startswith("0, 1, …, ")


@pytest.mark.parametrize(
    ("data", "path", "expected"),
    [
        ({"timely_days": {"D2.K7b": "30"}}, "$.timely_days['D2.K7b']", f"0, 1, …, {MAX_DAYS}"),
        ({"timely_days": {"D2.K7b": 30.0}}, "$.timely_days['D2.K7b']", f"0, 1, …, {MAX_DAYS}"),
        ({"timely_days": {"D2.K7b": True}}, "$.timely_days['D2.K7b']", f"0, 1, …, {MAX_DAYS}"),
        ({"timely_days": {"D2.K7b": MAX_DAYS + 1}}, "$.timely_days['D2.K7b']", f"0, 1, …, {MAX_DAYS}"),
        ({"timely_days": [30]}, "$.timely_days", '{"D2.K7b": 0, 1, …'),
        ({"timely_days": 30}, "$.timely_days", '{"D2.K7b": 0, 1, …'),
        ({"comment_lead_days": "15"}, "$.comment_lead_days", "0, 1, …, 366"),
        ({"min_notice_days": 200}, "$.min_notice_days", "0, 1, …, 184"),
        ({"violation_after_days": "off"}, "$.violation_after_days", "| null"),
        ({"hd33_retroactive": "true"}, "$.hd33_retroactive", "true | false"),
        ({"reintroduce_on_transfer": 1}, "$.reintroduce_on_transfer", "true | false"),
        ({"comment_lead_days": 300, "chain_step_days": 30}, "$", "comment_lead_days + 3 × chain_step_days"),
    ],
)
def test_wrong_values(data: dict[str, Any], path: str, expected: str) -> None:
    with pytest.raises(PolicyError) as exc:
        load_policy(data)
    problem = only_problem(exc)
    assert problem.json_path == path
    assert problem.expected is not None and expected in problem.expected


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(PolicyError) as exc:
        load_policy({"timely_days": {"D9.K1": 1, "D3.K2": -1}, "nope": 1, "annual_review_fallback": "02-30"})
    assert sorted(p.json_path or "" for p in problems(exc)) == [
        "$.annual_review_fallback", "$.nope", "$.timely_days['D3.K2']", "$.timely_days['D9.K1']",
    ]  # fmt: skip
    assert all(p.code is ErrorCode.POLICY_INVALID and p.file is None for p in problems(exc))


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    problem = only_problem(exc)
    assert (problem.json_path, problem.found, problem.expected) == ("$", [1, 2], "{…}")


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{\n  "min_notice_days": 3,\n}\n', encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    problem = only_problem(exc)
    assert (problem.code, problem.file, problem.line, problem.expected) == (
        ErrorCode.POLICY_INVALID, str(path), 3, "JSON",
    )  # fmt: skip


def test_malformed_toml(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("min_notice_days = \n", encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    problem = only_problem(exc)
    assert (problem.code, problem.file, problem.expected) == (ErrorCode.POLICY_INVALID, str(path), "TOML")


def test_duplicate_json_key(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"min_notice_days": 3, "min_notice_days": 4}', encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    problem = only_problem(exc)
    assert (problem.json_path, problem.found, problem.expected) == (
        "$.min_notice_days", "min_notice_days ×2", "min_notice_days ×1",
    )  # fmt: skip


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as exc:
        load_policy(tmp_path / "nowhere.toml")
    problem = only_problem(exc)
    assert problem.code is ErrorCode.FILE_NOT_FOUND and problem.file == str(tmp_path / "nowhere.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(b"min_notice_days = 3 # \xff\n")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    assert only_problem(exc).code is ErrorCode.NOT_UTF8


def test_policy_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        load_policy({"nope": 1})


def test_policy_errors_read_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text('{"timely_days": {"D9.K1": 3}}', encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(path)
    problem = only_problem(exc)
    vi, en = problem.format("vi"), problem.format("en")
    assert vi != en
    for text in (vi, en):
        assert str(path) in text and "$.timely_days['D9.K1']" in text and "D9.K1" in text


# --------------------------------------------------------------------------- echo and identity


def test_effective_round_trip() -> None:
    policy = Policy(
        timely_days={"D5.K2b": 90},
        annual_review_fallback=MonthDay(2, 29),
        violation_after_days=10,
        reintroduce_within_commune=False,
    )
    echoed = policy.effective()
    assert load_policy(echoed) == policy
    assert load_policy(json.loads(json.dumps(echoed))) == policy  # as a report carries it
    assert load_policy(Policy().effective()) == Policy()


def test_effective_is_json_with_sorted_timely_days() -> None:
    echoed = Policy(timely_days={"D5.K2b": 1, "D2.K7b": 2}).effective()
    assert list(echoed["timely_days"]) == sorted(TIMELY_DUTIES)
    assert json.loads(json.dumps(echoed)) == echoed


def test_effective_gives_each_caller_its_own_copy() -> None:
    # the values are kept per policy object: a caller changing its copy (or a dict in it) must
    # not change what the next caller is given
    policy = Policy(timely_days={"D3.K2": 7})
    first = policy.effective()
    first["timely_days"]["D3.K2"] = 999
    first["comment_lead_days"] = -1
    second = policy.effective()
    assert second["timely_days"]["D3.K2"] == 7
    assert second["comment_lead_days"] == Policy().comment_lead_days
    assert second is not first and second["timely_days"] is not first["timely_days"]


def test_model_dump_json_matches_effective() -> None:
    policy = Policy(timely_days={"D3.K2": 7})
    assert json.loads(policy.model_dump_json()) == policy.effective()


def test_hashable_and_immutable() -> None:
    a = Policy(timely_days={"D2.K7b": 14})
    b = load_policy({"timely_days": {"D2.K7b": 14}})
    assert a == b and hash(a) == hash(b)
    assert len({a, b, Policy()}) == 2
    cache = {a: "compiled"}
    assert cache[b] == "compiled"
    with pytest.raises(ValidationError):
        a.comment_lead_days = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.timely_days["D2.K7b"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        a.annual_review_fallback.month = 1


def test_different_policies_differ() -> None:
    assert Policy(timely_days={"D2.K7b": 14}) != Policy()
    assert Policy(hd33_retroactive=False) != Policy()


def test_cite() -> None:
    policy = Policy(timely_days={"D2.K7b": 14}, violation_after_days=5)
    assert policy.cite("timely_days", "D2.K7b") == "timely_days.D2.K7b=14"
    assert policy.cite("violation_after_days") == "violation_after_days=5"
    assert policy.cite("annual_review_fallback") == "annual_review_fallback=12-15"
    assert policy.cite("consultation_max_age_days") == "consultation_max_age_days=null"
    assert policy.cite("hd33_retroactive") == "hd33_retroactive=true"
    with pytest.raises(KeyError):
        policy.cite("nope")


def test_describe() -> None:
    policy = Policy(min_notice_days=7)
    rows = policy.describe("en")
    assert [row.name for row in rows] == list(POLICY_FIELDS)
    by_name = {row.name: row for row in rows}
    assert by_name["min_notice_days"].default == 30 and by_name["min_notice_days"].value == 7
    assert by_name["annual_review_fallback"].default == "12-15"
    assert by_name["timely_days"].default == EXPECTED_DEFAULTS["timely_days"]
    vi_rows = policy.describe("vi")
    assert all(v.rationale != e.rationale for v, e in zip(vi_rows, rows, strict=True))
    assert all(len(row) == 5 for row in rows)


def test_json_schema() -> None:
    schema = Policy.model_json_schema()
    assert schema["additionalProperties"] is False
    assert schema["properties"]["annual_review_fallback"]["default"] == "12-15"
    assert schema["properties"]["timely_days"]["default"] == EXPECTED_DEFAULTS["timely_days"]
    assert set(schema["properties"]) == set(POLICY_FIELDS)


# --------------------------------------------------------------------------- MonthDay


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2000, 12, 31)), st.integers(1990, 2200))
def test_month_day_round_trip(day: dt.date, year: int) -> None:
    md = MonthDay(day.month, day.day)
    assert MonthDay.parse(str(md)) == md
    resolved = md.on(year)
    assert resolved.year == year and resolved.month == day.month
    assert resolved.day == day.day or (day.month, day.day, resolved.day) == (2, 29, 28)


def test_month_day_order_and_hash() -> None:
    assert MonthDay(1, 31) < MonthDay(2, 1) <= MonthDay(2, 1)
    assert len({MonthDay(12, 15), MonthDay.parse("12-15")}) == 1
    assert MonthDay(12, 15) != "12-15"


# --------------------------------------------------------------------------- cross-checks and docs


def test_timely_duties_match_the_catalogue() -> None:
    from qd213_rules.articles import OBLIGATIONS as obligations  # the package's own: never skipped

    timely = {o.id for o in obligations if o.deadline_param == "timely_days"}
    assert timely == set(TIMELY_DUTIES)
    for obligation in obligations:
        assert obligation.deadline_param is None or obligation.deadline_param in POLICY_FIELDS, obligation.id


def test_docs_policy_md_is_up_to_date() -> None:
    path = REPO / "docs" / "policy.md"
    assert path.is_file(), f"docs/policy.md is missing; regenerate it with `{REGENERATE}`"
    assert path.read_text(encoding="utf-8") == render_markdown(), (
        f"docs/policy.md is out of date; regenerate it with `{REGENERATE}`"
    )


def test_docs_mention_every_parameter() -> None:
    text = render_markdown()
    assert all(f"`{name}`" in text for name in POLICY_FIELDS)
    assert all(f"| {duty} | 30 |" in text for duty in TIMELY_DUTIES)


def test_a_timely_days_map_keeps_its_hash_and_equality_through_pickling() -> None:
    """FrozenMap keeps its hash once computed (a one-member evaluation finds its context by the
    policy's hash) and hands out its dict's own items view; a pickled map is rebuilt from its
    data, so it never carries a hash made under another process's string hash seed."""
    import pickle

    from qd213_rules.policy import FrozenMap

    policy = Policy(timely_days={"D2.K7b": 10})
    first = hash(policy)
    assert hash(policy) == first == hash(Policy(timely_days={"D2.K7b": 10}))
    assert dict(policy.timely_days.items()) == dict(policy.timely_days) and policy.timely_days["D2.K7b"] == 10
    assert policy.timely_days == {**dict(policy.timely_days)} and policy.timely_days != FrozenMap({"D2.K7b": 10})
    reduced = policy.timely_days.__reduce__()
    assert reduced == (FrozenMap, (dict(policy.timely_days),))
    copy = pickle.loads(pickle.dumps(policy))
    assert copy == policy and hash(copy) == first
    assert policy.effective()["timely_days"]["D2.K7b"] == 10


def test_effective_values_are_each_callers_own() -> None:
    """:meth:`Policy.effective` asked again of one policy (a report per one-member evaluation)
    gives equal values in a dict of the caller's own: changing one report's echo of the policy
    changes no other's, and another policy gives its own values."""
    policy = Policy(comment_lead_days=20)
    first = policy.effective()
    first["comment_lead_days"] = 99
    first["timely_days"]["D2.K7b"] = 99
    second = policy.effective()
    assert second["comment_lead_days"] == 20 and second["timely_days"]["D2.K7b"] == 30
    assert Policy().effective()["comment_lead_days"] == 15
    assert policy.effective() == second and Policy(comment_lead_days=20).effective() == second
