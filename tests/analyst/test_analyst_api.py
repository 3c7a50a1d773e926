"""What an analyst types in a notebook (issue 14 items 4–6): filters that refuse a typo with a
did-you-mean and accept an article, a clause or a pattern; a DataFrame with article, clause, the
subject's cells and an ordered status; one duty looked up by id."""

from __future__ import annotations

import pytest

import qd213_rules
from qd213_rules import Report, UsageError, evaluate, load_facts
from qd213_rules.cli import main
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(load_facts(example_ward_path()), as_of=EXAMPLE_AS_OF, lang="en")


@pytest.mark.parametrize(("criteria", "message", "hint"), [
    ({"status": "overdu"}, 'found "overdu", expected a status: violated | overdue', "Did you mean: overdue"),
    ({"obligation": "D2.K7"}, 'No obligation "D2.K7" in the catalogue', "Did you mean: D2.K7a, D2.K7b, D2.K7*?"),
    ({"obligation": "D9.*"}, 'No obligation "D9.*"', ""),
    ({"kind": "trigered"}, 'expected a kind of duty', "Did you mean: triggered"),
    ({"article": 2, "clause": 9}, "expected a clause of Article 2: 1, 2, 3, 4, 5, 6, 7", ""),
    ({"article": 7}, "expected an article from 1 to 5", ""),
])
def test_a_filter_that_can_match_nothing_is_an_error(report: Report, criteria: dict[str, object], message: str,
                                                     hint: str) -> None:
    with pytest.raises(UsageError) as caught:
        report.filter(**criteria)  # type: ignore[arg-type]
    text = caught.value.problems[0].message("en")
    assert message in text and hint in text
    assert "Có phải ý bạn là" in caught.value.problems[0].message("vi") or not hint


def test_filters_take_article_clause_and_patterns(report: Report) -> None:
    by_clause = report.filter(article=2, clause=7)
    assert by_clause and {r.obligation_id for r in by_clause} == {"D2.K7a", "D2.K7b"}
    assert report.filter(obligation="D2.K7*") == by_clause
    assert report.filter(obligation=["D2.K7a", "D2.K7b"]) == by_clause
    assert {r.obligation_id[:2] for r in report.filter(article=3)} == {"D3"}
    assert report.filter(obligation="D2.K7*", status="overdue") == [
        r for r in by_clause if r.status.value == "overdue"]


def test_dataframe_answers_which_cells_in_one_line(report: Report) -> None:
    pytest.importorskip("pandas")
    df = report.to_dataframe()
    for column in ("article", "clause", "residence_cell_id", "workplace_cell_id"):
        assert column in df
    assert df.status.cat.ordered and list(df.status.cat.categories)[-3:] == ["due", "overdue", "violated"]
    assert set(df[df.status >= "overdue"].status) == {"overdue", "violated"}
    # the one line of docs/notebooks.md
    cells = df[(df.article == 2) & (df.clause == 7) & (df.status == "overdue")].residence_cell_id.unique()
    facts = load_facts(example_ward_path())
    expected = {facts.state_on(r.subject_id, r.due_date or EXAMPLE_AS_OF).residence_cell_id
                for r in report.filter(article=2, clause=7, status="overdue")}
    assert set(cells) == expected and expected
    assert df.citation.str.startswith("Regulation 213-QĐ/TW, Article ").all()
    vi = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="vi").to_dataframe()
    assert vi.citation.str.match(r"^(Đoạn \d+ )?Khoản \d+ Điều \d ").all()


def test_obligation_lookup(capsys: pytest.CaptureFixture[str]) -> None:
    duty = qd213_rules.obligation("D2.K7b")
    assert duty.id == "D2.K7b" and duty.citation.article == 2 and duty.deadline_param == "timely_days"
    with pytest.raises(UsageError) as caught:
        qd213_rules.obligation("D2.K7")
    assert "Did you mean: D2.K7a, D2.K7b?" in caught.value.problems[0].message("en")
    assert "obligation" in qd213_rules.__all__


def test_obligations_command_prints_one_duty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["obligations", "D2.K7b", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("D2.K7b  ")
    assert "Kịp thời báo cáo với chi uỷ nơi công tác và nơi cư trú" in out
    assert "Working Party member" in out and "timely_days.D2.K7b = 30" in out
    assert "Reported violated when:" in out and "overdue_beyond_limit" in out
    assert "D3.K1a" not in out  # one duty, not the catalogue
    assert main(["obligations", "D2.K7", "--lang", "en"]) == 2
    assert "Did you mean: D2.K7a, D2.K7b?" in capsys.readouterr().err


def test_explain_names_an_unknown_subject(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["explain", str(example_ward_path()), "--obligation", "D2.K7b", "--subject", "DV-NOPE",
                 "--lang", "en"])
    assert code == 2
    err = capsys.readouterr().err
    assert 'found "DV-NOPE", expected the id of a member or organisation in the facts' in err
