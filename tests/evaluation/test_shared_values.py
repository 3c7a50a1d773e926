"""What a province's millions of results share instead of each holding a copy — the reason of a
result without parameters, the days of its due and fulfilment dates, its period — or do not
keep at all: the result id, made of the result's parts when read, and the message, written from
the result's fields when read. Neither may show: a shared
value is equal to the one a result would have had and cannot be changed through one result,
and an id made when read is the id the result would have kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from qd213_rules.engine import evaluate
from qd213_rules.evaluation import judge as judge_module
from qd213_rules.evaluation import results as results_module
from qd213_rules.evaluation.judge import day_of, format_params
from qd213_rules.evaluation.results import NO_PARAMS, Reason, Result, Status, bare_reason, given_id, given_message
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
from qd213_rules.facts import FactSet
from qd213_rules.jsonout import result_json
from qd213_rules.messages import t
from qd213_rules.parallel import Part, decode_part, encode_part
from test_cases import CASE_PATHS, CASES_DIR, load_case


@pytest.fixture(scope="module")
def results() -> tuple[Result, ...]:
    return evaluate(example_ward_facts(), EXAMPLE_AS_OF, backend="python").results


def test_a_bare_reason_is_one_object_per_code_and_equals_a_reason_of_its_own() -> None:
    reason = bare_reason("no_evidence")
    assert reason is bare_reason("no_evidence") and reason is not bare_reason("fulfilled")
    assert reason == Reason("no_evidence") == Reason("no_evidence", {})
    assert reason.params == {} and isinstance(reason.params, dict) and reason.params is NO_PARAMS


@pytest.mark.parametrize("change", [
    lambda p: p.__setitem__("evidence", "E-1"), lambda p: p.update(evidence="E-1"), lambda p: p.setdefault("a", 1),
    lambda p: p.pop("a", None), lambda p: p.popitem(), lambda p: p.clear(), lambda p: p.__delitem__("a"),
    lambda p: p.__ior__({"a": 1}),
])  # fmt: skip
def test_the_shared_empty_params_cannot_change(change: object) -> None:
    with pytest.raises(TypeError):
        change(bare_reason("no_evidence").params)  # type: ignore[operator]
    assert NO_PARAMS == {} and bare_reason("no_evidence").params == {}


def test_results_without_parameters_share_their_reason(results: tuple[Result, ...]) -> None:
    bare = [r for r in results if not r.reason.params]
    assert bare, "the example ward has results without reason parameters"
    assert all(r.reason is bare_reason(r.reason.code) for r in bare)
    assert all(r.to_dict()["reason"]["params"] == {} and '"params": {}' in result_json(r) for r in bare)


def _days(results: tuple[Result, ...]) -> Iterator[dt.date]:
    for r in results:
        yield from (day for day in (r.due_date, r.fulfilled_on) if day is not None)


def test_results_share_their_days_and_periods(results: tuple[Result, ...]) -> None:
    """Equal due and fulfilment dates are one object (of :func:`day_of`), equal periods one string."""
    days = list(_days(results))
    assert len(days) > len(set(days)), "the example ward repeats days"
    judged = [day for day in days if day_of(day.toordinal()) is day]
    assert len(judged) == len(days)
    periods = [r.period for r in results if r.period is not None]
    assert len({id(p) for p in periods}) == len(set(periods))


def test_day_of_gives_the_date_of_an_ordinal() -> None:
    for day in (dt.date(2020, 1, 2), dt.date(2024, 2, 29), dt.date.max, dt.date.min):
        assert day_of(day.toordinal()) == day and day_of(day.toordinal()) is day_of(day.toordinal())


def _sharing(results: tuple[Result, ...]) -> list[Result]:
    """The results whose reason, with params, another result holds too (results.shared_reason)."""
    holders: dict[int, int] = {}
    for r in results:
        holders[id(r.reason)] = holders.get(id(r.reason), 0) + 1
    return [r for r in results if r.reason.params and holders[id(r.reason)] > 1]


def test_results_that_say_the_same_share_their_reason_and_it_cannot_change(results: tuple[Result, ...]) -> None:
    """The members who attended one meeting: one reason, its params read-only, equal to a reason
    of its own, and copied as a plain dict when pickled or sent from a worker process."""
    sharing = _sharing(results)
    assert len(sharing) > 10, "the example ward has members who attended one meeting"
    for r in sharing[:20]:
        params = r.reason.params
        assert r.reason == Reason(r.reason.code, dict(params)) and list(params) in (["policy", "evidence"], ["evidence"],
                                                                                    ["policy"])  # fmt: skip
        with pytest.raises(TypeError):
            params["evidence"] = "E-1"
        with pytest.raises(TypeError):
            params.update(evidence="E-1")
        assert pickle.loads(pickle.dumps(r)) == r
    moved = decode_part(encode_part(Part([sharing], [], [], {}))).session[0]
    assert moved == sharing and [r.message for r in moved] == [r.message for r in sharing]


def test_a_result_is_the_same_whether_its_reason_is_shared_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sharing is tried on an obligation's first results and given up where they find nothing
    to share: the results, messages and report text are the same either way."""
    shared = evaluate(example_ward_facts(), EXAMPLE_AS_OF, backend="python").results
    monkeypatch.setattr(judge_module, "_SHARING_TRIAL", 0)  # sharing given up at the first miss
    kept: dict[object, Reason] = {}  # and none kept from the first evaluation
    monkeypatch.setattr(judge_module, "SHARED_REASONS", kept)
    monkeypatch.setattr(results_module, "SHARED_REASONS", kept)
    own = evaluate(example_ward_facts(), EXAMPLE_AS_OF, backend="python").results
    assert len(_sharing(own)) < len(_sharing(shared))
    assert own == shared and [r.message for r in own] == [r.message for r in shared]
    assert [repr(r.reason.params) for r in own] == [repr(r.reason.params) for r in shared]
    assert [result_json(r) for r in own] == [result_json(r) for r in shared]


# -- the result id, made of the result's parts when read -------------------------------------------


def test_an_engine_result_makes_its_id_from_its_parts_when_read(results: tuple[Result, ...]) -> None:
    for r in results:
        assert r.result_id == f"{r.obligation_id}|{r.subject_id}|{r.key}|{r.bearer_id}"
    # a waived result, and a derived one derived again after a waiver, is a copy
    # (dataclasses.replace), which is given the id it read
    kept = [r for r in results if given_id(r) is not None
            and r.status is not Status.WAIVED and r.kind != "derived"]  # fmt: skip
    assert not kept, f"{len(kept)} results keep their id (first: {kept[0].result_id})"


def test_a_result_with_an_id_of_its_own_keeps_it_through_replace_pickle_and_equality(
    results: tuple[Result, ...],
) -> None:
    made = next(r for r in results if r.period is not None)
    given = dataclasses.replace(made)  # the id is read, then given to the copy
    assert given_id(given) == made.result_id
    assert given == made and repr(given) == repr(made)
    assert given.to_dict() == made.to_dict() and result_json(given) == result_json(made)
    assert pickle.loads(pickle.dumps(made)) == made and pickle.loads(pickle.dumps(made)).result_id == made.result_id
    other = dataclasses.replace(made, result_id="X|Y|Z|W")
    assert other.result_id == "X|Y|Z|W" and other != made
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.result_id = "X|Y|Z|W"  # type: ignore[misc]
    assert made.result_id == f"{made.obligation_id}|{made.subject_id}|{made.period}|{made.bearer_id}"


@pytest.mark.parametrize("path", [p for p in CASE_PATHS if "expect_error" not in p.read_text(encoding="utf-8")],
                         ids=lambda p: p.relative_to(CASES_DIR).as_posix())  # fmt: skip
def test_every_result_id_is_given_once(path: Path) -> None:
    """Two occasions of one result id (two comment forms of one year) give one result: the
    engine keeps the first (semantics §10)."""
    case = load_case(path)
    report = evaluate(FactSet.from_document(case.document), as_of=case.as_of, policy=case.policy, backend="python")
    ids = [r.result_id for r in report.results]
    assert len(ids) == len(set(ids))


def test_results_from_worker_processes_make_their_ids_too(results: tuple[Result, ...]) -> None:
    """A result moved between processes (:mod:`qd213_rules.parallel`) keeps no id string either,
    and is equal to the one it was made from."""
    part = Part([list(results)], [], [], {})
    moved = decode_part(encode_part(part)).session[0]
    assert moved == list(results)
    assert [given_id(r) for r in moved] == [given_id(r) for r in results]
    assert sum(given_id(r) is None for r in moved) > len(moved) / 2


# -- the message, written from the result's fields when read ---------------------------------------


def _filled(r: Result, lang: str) -> str:
    """``reason.<code>`` filled by name from the reason's parameters, the result's own due date,
    fulfilment date and period prevailing (what the judge wrote into every result before)."""
    values = format_params(dict(r.reason.params))
    for name, value in (("due_date", r.due_date), ("fulfilled_on", r.fulfilled_on), ("period", r.period)):
        values[name] = format_params({name: value})[name] if value else ""
    return t(f"reason.{r.reason.code}", lang, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_engine_result_writes_its_message_when_read(lang: str) -> None:
    results = evaluate(example_ward_facts(), EXAMPLE_AS_OF, backend="python", lang=lang).results  # type: ignore[arg-type]
    made = [r for r in results if given_message(r) is None]
    assert len(made) > len(results) / 2, "the judge's results keep no message text of their own"
    assert any("{" not in _filled(r, lang) and r.reason.params for r in made)
    for r in made:
        assert r.message == _filled(r, lang), r.result_id
        assert r.message == r.message and r.to_dict()["message"] == r.message


def test_a_message_written_when_read_survives_replace_pickle_and_worker_processes(results: tuple[Result, ...]) -> None:
    made = next(r for r in results if given_message(r) is None and r.reason.params)
    copy = dataclasses.replace(made)  # the text is read, then given to the copy
    assert given_message(copy) == made.message and copy == made and repr(copy) == repr(made)
    assert result_json(copy) == result_json(made)
    unpickled = pickle.loads(pickle.dumps(made))
    assert unpickled == made and unpickled.message == made.message
    moved = decode_part(encode_part(Part([[made]], [], [], {}))).session[0][0]
    assert moved == made and moved.message == made.message
    assert dataclasses.replace(made, message="X").message == "X"
