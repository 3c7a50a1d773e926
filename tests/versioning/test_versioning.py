"""Law versioning (semantics R8): results only for obligations in force on the result's
date, a successor catalogue registered beside QĐ 213, the report's list of regulations applied.

The successor is fictional and lives only here (``fictional_successor``): from 2026-07-01 it ends
D4.K4d and adds D4.K7. Every test runs on both matching backends.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from qd213_rules import evaluate, load_facts
from qd213_rules.cli import main
from qd213_rules.engine import compiled_rules, ruled_obligations
from qd213_rules.errors import ErrorCode, UsageError
from qd213_rules.facts import FactSet
from qd213_rules.regulations import QD213, Regulation, RegulationRegistry, default_registry
from qd213_rules.report import Report

from .fictional_successor import IN_FORCE_FROM, REPORT_TO_COMMUNE, SUCCESSOR, SUCCESSOR_ID

REPO = Path(__file__).resolve().parents[2]
CI_FACTS = REPO / "docs" / "examples" / "ci" / "facts.jsonl"
BACKENDS = ("durable", "python")
AS_OF = dt.date(2026, 7, 31)

MISCONDUCT = [
    # the day before the successor takes effect: QĐ 213's D4.K4d
    {"id": "M-1", "kind": "misconduct_observed", "date": "2026-06-30", "member_id": "DV-1", "org_id": "KP1", "nature": "law_violation"},
    # the day it takes effect: the successor's D4.K7, no D4.K4d
    {"id": "M-2", "kind": "misconduct_observed", "date": "2026-07-01", "member_id": "DV-1", "org_id": "KP1", "nature": "law_violation"},
    {"id": "M-2R", "kind": "misconduct_reported", "date": "2026-07-03", "member_id": "DV-1", "from_org_id": "KP1", "to_org_id": "P1", "about_event_id": "M-2"},
    # a request after QĐ 213 ends whole (used by the replacement test only)
    {"id": "R-1", "kind": "inspection_requested", "date": "2026-07-10", "from_org_id": "DU-A", "to_org_id": "P1", "member_ids": ["DV-1"]},
]  # fmt: skip


def _facts(tmp_path: Path) -> FactSet:
    path = tmp_path / "facts.jsonl"
    lines = CI_FACTS.read_text(encoding="utf-8") + "".join(json.dumps({"type": "event", **e}) + "\n" for e in MISCONDUCT)
    path.write_text(lines, encoding="utf-8")
    return load_facts(path)


def _by_trigger(report: Report, obligation_id: str) -> dict[str | None, Any]:
    return {r.trigger_event_id: r for r in report.results if r.obligation_id == obligation_id}


@pytest.fixture
def registry() -> RegulationRegistry:
    return RegulationRegistry([QD213, SUCCESSOR])


@pytest.mark.parametrize("backend", BACKENDS)
def test_results_switch_to_the_successor_on_its_date(tmp_path: Path, registry: RegulationRegistry, backend: str) -> None:
    facts = _facts(tmp_path)
    alone = evaluate(facts, as_of=AS_OF, backend=backend)  # type: ignore[arg-type]
    assert set(_by_trigger(alone, "D4.K4d")) == {"M-1", "M-2"} and not _by_trigger(alone, "D4.K7")
    both = evaluate(facts, as_of=AS_OF, backend=backend, regulations=registry)  # type: ignore[arg-type]
    assert set(_by_trigger(both, "D4.K4d")) == {"M-1"}  # in force on 2026-06-30, ended the day after
    (new,) = _by_trigger(both, "D4.K7").values()
    assert new.trigger_event_id == "M-2" and new.bearer_id == "KP1"
    assert new.status.value == "fulfilled" and new.evidence == ("M-2", "M-2R")
    assert new.citation.endswith(SUCCESSOR_ID) and new.due_date == IN_FORCE_FROM + dt.timedelta(days=5)
    # everything else reads as under QĐ 213 alone
    others = lambda report: {r.result_id: r.status for r in report.results if r.obligation_id not in ("D4.K4d", "D4.K7")}  # noqa: E731
    assert others(both) == others(alone)
    assert [r["id"] for r in both.to_dict()["regulation"]] == ["213-QĐ/TW", SUCCESSOR_ID]
    assert [r["id"] for r in alone.to_dict()["regulation"]] == ["213-QĐ/TW"]
    assert both.to_records()[0]  # titles of both catalogues resolve
    text = str(both.explain(new, "en"))
    assert "Report misconduct to the commune committee (fictional)" in text and SUCCESSOR_ID in text


def test_backends_workers_and_registries_agree(tmp_path: Path, registry: RegulationRegistry) -> None:
    facts = _facts(tmp_path)
    reports = [
        evaluate(facts, as_of=AS_OF, backend=backend, workers=workers, regulations=registry).to_dict()  # type: ignore[arg-type]
        for backend in BACKENDS
        for workers in (1, 2)
    ]
    for report in reports:
        report.pop("engine")
    assert all(report == reports[0] for report in reports[1:])


def test_the_durable_ruleset_compiles_the_successors_declarations(registry: RegulationRegistry) -> None:
    ruled = {ob.id: ob for ob in ruled_obligations(registry)}
    assert ruled["D4.K7"].rule == REPORT_TO_COMMUNE.rule and ruled["D4.K7"].in_force_from == IN_FORCE_FROM
    assert ruled["D4.K4d"].in_force_to == IN_FORCE_FROM - dt.timedelta(days=1)
    names = compiled_rules(registry).refs
    assert any(ref.obligation_id == "D4.K7" for ref in names.values())
    assert not any(ref.obligation_id == "D4.K7" for ref in compiled_rules().refs.values())


def test_streaming_applies_the_default_registry_like_check(tmp_path: Path) -> None:
    """A successor registered in the default registry reaches the CLI and ``check --stream``;
    both give the results of a plain check."""
    import io

    from qd213_rules.regulations import register_regulation, unregister_regulation
    from qd213_rules.stream import check_stream

    facts = _facts(tmp_path)
    register_regulation(SUCCESSOR)
    try:
        plain = evaluate(facts, as_of=AS_OF)
        out = io.StringIO()
        summary = check_stream(tmp_path / "facts.jsonl", out, as_of=AS_OF)
        streamed = [json.loads(line) for line in out.getvalue().splitlines()[:-1]]
    finally:
        unregister_regulation(SUCCESSOR_ID)
    assert {r["result_id"]: r["status"] for r in streamed} == {r.result_id: r.status.value for r in plain.results}
    assert "D4.K7|DV-1|M-2|KP1" in {r["result_id"] for r in streamed}
    assert [r["id"] for r in summary["regulation"]] == ["213-QĐ/TW", SUCCESSOR_ID]
    assert [r.id for r in default_registry()] == ["213-QĐ/TW"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_trigger_after_in_force_is_unused(tmp_path: Path, backend: str) -> None:
    """A successor that replaces QĐ 213 whole: QĐ 213 ends the day before, names its
    successor, and a request for D4.K6 after that is unused with reason after_in_force."""
    replacing = SUCCESSOR.model_copy(update={"repeals": (), "replaces": ("213-QĐ/TW",)})
    registry = RegulationRegistry([QD213, replacing])
    report = evaluate(_facts(tmp_path), as_of=AS_OF, backend=backend, regulations=registry)  # type: ignore[arg-type]
    unused = {u.id: u.reason for u in report.unused_facts}
    assert unused["R-1"] == "after_in_force"
    assert not [r for r in report.results if r.trigger_event_id == "R-1"]
    qd213 = report.to_dict()["regulation"][0]
    assert qd213["in_force_to"] == "2026-06-30" and qd213["replaced_by"] == SUCCESSOR_ID
    # standing duties are judged as of as_of: QĐ 213's conduct duties are no longer reported
    assert not [r for r in report.results if r.obligation_id == "D2.K1"]
    assert _by_trigger(report, "D4.K4d").keys() == {"M-1"}


def test_the_unused_reason_has_a_message_in_both_languages() -> None:
    from qd213_rules.messages import t

    vi, en = t("unused.after_in_force", "vi"), t("unused.after_in_force", "en")
    assert "hiệu lực" in vi and "in force" in en


@pytest.mark.parametrize("as_of", ["2019-12-31", "2020-01-01"])
def test_as_of_before_every_regulation_is_a_usage_error(as_of: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = _facts(tmp_path)
    with pytest.raises(UsageError) as info:
        evaluate(facts, as_of=as_of)
    assert info.value.codes == (ErrorCode.NO_REGULATION_IN_FORCE,)
    for lang, words in (("en", "No regulation in force on"), ("vi", "Không có quy định nào có hiệu lực")):
        assert main(["check", str(CI_FACTS), "--as-of", as_of, "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert words in err and as_of in err
    assert main(["check", str(CI_FACTS), "--as-of", as_of, "--stream"]) == 2
    assert "no_regulation_in_force" in capsys.readouterr().err
    evaluate(facts, as_of="2020-01-02")  # the day QĐ 213 took effect is fine


def test_as_of_before_observation_is_a_data_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = evaluate(_facts(tmp_path), as_of="2024-12-31", lang="en")  # observation.from is 2025-01-01
    (warning,) = [w for w in report.data_warnings if w.code == "as_of_before_observation"]
    assert warning.params == {"as_of": "2024-12-31", "observation_from": "2025-01-01"}
    assert "2025-01-01" in warning.message("en") and "2025-01-01" in warning.message("vi")
    main(["check", str(CI_FACTS), "--as-of", "2024-12-31", "--stream", "--lang", "en"])
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert [w["code"] for w in summary["data_warnings"]][:1] == ["as_of_before_observation"]


def test_the_registry_refuses_what_would_make_results_ambiguous() -> None:
    registry = RegulationRegistry([QD213])
    with pytest.raises(ValueError, match="already registered"):
        registry.register(QD213)
    clash = SUCCESSOR.model_copy(update={"id": "98-QĐ/TW", "repeals": (), "obligations": (QD213.obligations[0],)})
    with pytest.raises(ValueError, match="already used"):
        registry.register(clash)
    with pytest.raises(ValueError, match="repeals"):
        registry.register(SUCCESSOR.model_copy(update={"repeals": ("D9.K9",)}))
    with pytest.raises(ValueError):
        Regulation(id="x", title="x", signed=dt.date(2026, 1, 1), in_force_from=dt.date(2026, 1, 1),
                   in_force_to=dt.date(2025, 1, 1), catalogue_version="1", obligations=(REPORT_TO_COMMUNE,))  # fmt: skip
    assert [r.id for r in default_registry()] == ["213-QĐ/TW"]  # nothing here touched the default


def test_docs_claim_of_versioning_holds(tmp_path: Path, registry: RegulationRegistry) -> None:
    """docs/faq.md and docs/index.md say an evaluation uses the rules in force on the date;
    the fictional successor shows it, on both sides of its date."""
    faq = (REPO / "docs" / "faq.md").read_text(encoding="utf-8")
    index = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    assert "in force on" in faq and "register_regulation" in faq and "in force on" in index
    facts = _facts(tmp_path)
    before = evaluate(facts, as_of=IN_FORCE_FROM - dt.timedelta(days=1), regulations=registry)
    after = evaluate(facts, as_of=AS_OF, regulations=registry)
    assert "D4.K7" not in {r.obligation_id for r in before.results}
    assert [r["id"] for r in before.to_dict()["regulation"]] == ["213-QĐ/TW"]
    assert "D4.K7" in {r.obligation_id for r in after.results}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_html_report_names_each_regulation_applied(tmp_path: Path, registry: RegulationRegistry, lang: str) -> None:
    """The HTML report's header lists the report's regulations (id, date signed, catalogue
    version), the successor beside QĐ 213, not QĐ 213 alone."""
    from html import unescape

    from qd213_rules.render.html import render_html

    facts = _facts(tmp_path)
    report = evaluate(facts, as_of=AS_OF, regulations=registry)
    assert [r.id for r in report.regulations] == ["213-QĐ/TW", SUCCESSOR_ID]
    page = unescape(render_html(report, lang, facts=facts))  # type: ignore[arg-type]
    rules = page[page.index('class="rules"'):]
    rules = rules[:rules.index("</dd>")]
    for regulation, signed in (("213-QĐ/TW", "02/01/2020"), (SUCCESSOR_ID, "15/06/2026")):
        assert regulation in rules and signed in rules, (regulation, signed, rules)
    assert SUCCESSOR.catalogue_version in rules and QD213.catalogue_version in rules


def test_the_html_report_explains_a_successors_duty(tmp_path: Path, registry: RegulationRegistry) -> None:
    """A finding on a successor's duty gets its member page like any other: the duty comes from
    the evaluation's regulations, not from QĐ 213's catalogue alone."""
    from html import unescape

    from qd213_rules.render.html import render_html

    path = tmp_path / "facts.jsonl"
    unreported = {**MISCONDUCT[1], "id": "M-3"}  # after the successor's date, never reported
    path.write_text(CI_FACTS.read_text(encoding="utf-8") + json.dumps({"type": "event", **unreported}) + "\n",
                    encoding="utf-8")
    facts = load_facts(path)
    report = evaluate(facts, as_of=AS_OF, regulations=registry)
    assert _by_trigger(report, REPORT_TO_COMMUNE.id)["M-3"].status.value == "overdue"
    page = unescape(render_html(report, "en", facts=facts))
    assert "Report misconduct to the commune committee (fictional)" in page
    assert REPORT_TO_COMMUNE.summary_en in page
