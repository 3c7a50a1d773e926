"""What a developer integrating the library meets (issue 14 items 9, 10, 12): every event model
exported with its kind preset and keyed by kind, dicts accepted, the facts-in-code example of
docs/facts.md runs, wrong arguments are clear UsageErrors in the chosen language, and a bad file
shows all its problems, with lines, in one run."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import qd213_rules
import qd213_rules.facts as facts_module
from qd213_rules import FactSet, FactsError, UsageError, evaluate, load_facts
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document, example_ward_path
from qd213_rules.facts import EVENT_KINDS, EVENT_MODEL_BY_KIND, EVENT_MODELS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_event_model_is_exported_keyed_by_kind_with_its_kind_preset() -> None:
    assert list(EVENT_MODEL_BY_KIND) == list(EVENT_KINDS)
    assert tuple(EVENT_MODEL_BY_KIND.values()) == EVENT_MODELS  # the tuple stays as it was
    for kind, model in EVENT_MODEL_BY_KIND.items():
        assert getattr(facts_module, model.__name__) is model and model.__name__ in facts_module.__all__
        assert model.model_fields["kind"].default == kind
    event = facts_module.IntroductionSent(id="E-1", date=dt.date(2020, 2, 10), member_id="DV-1",
                                          from_org_id="DU-A", to_org_id="P1")
    assert event.kind == "introduction_sent"


def test_load_facts_takes_a_parsed_document() -> None:
    document = example_ward_document()
    assert load_facts(document).digest() == load_facts(example_ward_path()).digest()
    with pytest.raises(FactsError):
        load_facts({"schema_version": 1, "members": [{"id": "DV-1"}]})


def test_facts_in_code_example_of_the_docs_runs(capsys: pytest.CaptureFixture[str]) -> None:
    text = (DOCS / "facts.md").read_text(encoding="utf-8")
    code = re.search(r"<!-- facts-in-code -->\n```python\n(.*?)```", text, re.S)
    assert code, "docs/facts.md marks its example with <!-- facts-in-code -->"
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "docs/facts.md", "exec"), namespace)  # our own documentation
    assert capsys.readouterr().out.strip() == "fulfilled"
    assert isinstance(namespace["facts"], FactSet)


@pytest.fixture(scope="module")
def ward() -> FactSet:
    return load_facts(example_ward_path())


@pytest.mark.parametrize(("kwargs", "en", "vi"), [
    ({"facts": "facts.json"}, 'expected a FactSet (read the file with load_facts("facts.json"))',
     'cần một FactSet (hãy đọc tệp bằng load_facts("facts.json"))'),
    ({"lang": "fr"}, 'found "fr", expected "vi" or "en"', 'gặp "fr", cần "vi" hoặc "en"'),
    ({"as_of": "10/12/2025"}, "expected a date as YYYY-MM-DD", "cần một ngày dạng YYYY-MM-DD"),
    ({"as_of": "2025-02-30"}, "2025-02-30 does not exist", "2025-02-30 không tồn tại"),
])
def test_evaluate_refuses_wrong_arguments_clearly(ward: FactSet, kwargs: dict[str, object], en: str, vi: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    arguments: dict[str, object] = {"facts": ward, "as_of": EXAMPLE_AS_OF, **kwargs}
    with pytest.raises(UsageError) as caught:
        evaluate(**arguments)  # type: ignore[arg-type]
    assert en in caught.value.problems[0].message("en")
    assert vi in caught.value.problems[0].message("vi")
    monkeypatch.setenv("QD213_LANG", "en")
    assert en in str(caught.value)
    monkeypatch.setenv("QD213_LANG", "vi")
    assert vi in str(caught.value)


def test_a_file_shows_structural_and_reference_problems_in_one_run(tmp_path: Path) -> None:
    document = example_ward_document()
    document["organizations"][-1]["kind"] = "cell"  # structural
    document["members"][0]["workplace_cell_id"] = "CB-NOPE"  # a reference among valid facts
    path = tmp_path / "ward.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    codes = [p.code.value for p in caught.value.problems]
    assert "invalid_value" in codes and "unknown_reference" in codes
    text = path.read_text(encoding="utf-8").splitlines()
    for problem in caught.value.problems:  # a JSON document gives the line too
        assert problem.line is not None
        if problem.code.value == "unknown_reference":
            assert '"CB-NOPE"' in text[problem.line - 1]


def test_obligation_is_public() -> None:
    assert "obligation" in dir(qd213_rules)
