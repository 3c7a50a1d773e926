"""The catalogue as a whole: ids, coverage of the text, verbatim fragments, messages.

The legal checks read the packaged canonical text, and also ../shared/domain/ when it is
present (obligations.md for the ids, qd213.md for the text).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from qd213_rules import articles
from qd213_rules.articles import (
    ARTICLE_MODULES,
    CATALOGUE_VERSION,
    OBLIGATIONS,
    Kind,
    Obligation,
    Role,
    SubjectType,
    by_article,
    get,
)
from qd213_rules.articles._text import canonical_text, clause_ids, clause_text
from qd213_rules.messages import catalogue

EXPECTED_IDS = (
    "D1.K1a D1.K1b D1.K1c D1.K1d D1.K2a D1.K2b "
    "D2.K1 D2.K2a D2.K2b D2.K3a D2.K3b D2.K3c D2.K4a D2.K4b D2.K4c D2.K5 D2.K6a D2.K6b D2.K6c "
    "D2.K7a D2.K7b "
    "D3.K1a D3.K1b D3.K1c D3.K2 D3.K3a D3.K3b D3.K3c D3.K4a D3.K4b D3.K4c D3.K5a D3.K5b "
    "D4.K1a D4.K1b D4.K2a D4.K2b D4.K2c D4.K3a D4.K3b D4.K4a D4.K4b D4.K4c D4.K4d "
    "D4.K5a D4.K5b D4.K5c D4.K5d D4.K6 "
    "D5.K1a D5.K1b D5.K2a D5.K2b D5.K2c D5.K3c"
).split()

# Điều 1 K1–2, Điều 2 K1–7, Điều 3 K1–5, Điều 4 K1–6, Điều 5 K1–3.
EXPECTED_CLAUSES = [(a, k) for a, n in ((1, 2), (2, 7), (3, 5), (4, 6), (5, 3)) for k in range(1, n + 1)]

# semantics §12: the closed list of reason codes.
REASON_CODES = frozenset(
    """fulfilled fulfilled_late no_evidence recipients_missing overdue_beyond_limit
    completed_before_in_force completed_before_start not_yet_registered insufficient_residence_time
    front_committee_absent form_received_by_review no_comment_received review_not_recorded
    review_held_without_report review_held_without_communication attended excused_absence
    attendance_unknown absent_without_excuse decided_without_consultation action_cancelled
    not_written cells_not_directed conduct_ongoing breach_recorded subject_ended waived
    category_exempt_from_activities category_exempt_from_introduction before_in_force
    outside_observation discretionary derived one_off_pending""".split()
)

ID_SHAPE = re.compile(r"^D([1-5])\.K([1-9])([a-d]?)$")


def _squash(text: str) -> str:
    return " ".join(text.split())


# -- ids ----------------------------------------------------------------------------------


def test_the_55_ids() -> None:
    assert len(EXPECTED_IDS) == 55
    assert [o.id for o in OBLIGATIONS] == EXPECTED_IDS
    assert CATALOGUE_VERSION == "2020.2"


def test_ids_match_obligations_md(shared_dir: Path) -> None:
    path = shared_dir / "domain" / "obligations.md"
    if not path.is_file():
        pytest.skip("../shared/domain/obligations.md is not present")
    # Table rows of duties; ".def" and ".meta" rows are scope and in-force rules, not duties.
    ids = re.findall(r"^\| (D\d\.K\d+[a-z]?) \|", path.read_text(encoding="utf-8"), re.M)
    assert len(ids) == 55
    assert set(ids) == {o.id for o in OBLIGATIONS}


def test_ids_unique_well_formed_and_matching_their_citation() -> None:
    assert not [i for i, n in Counter(o.id for o in OBLIGATIONS).items() if n > 1]
    for obligation in OBLIGATIONS:
        match = ID_SHAPE.match(obligation.id)
        assert match, obligation.id
        assert (int(match[1]), int(match[2])) == (
            obligation.citation.article,
            obligation.citation.clause,
        ), obligation.id
        assert obligation.citation.document == "213-QĐ/TW"


def test_registry_lookup_and_grouping() -> None:
    assert all(get(o.id) is o for o in OBLIGATIONS)
    assert [m.__name__.rsplit(".", 1)[1] for m in ARTICLE_MODULES] == [f"dieu_{n}" for n in range(1, 6)]
    for n, module in enumerate(ARTICLE_MODULES, start=1):
        assert [o.id for o in by_article(n)] == [o.id for o in module.OBLIGATIONS]
    assert sum(len(by_article(n)) for n in range(1, 6)) == 55
    with pytest.raises(KeyError, match="D2.K7a, D2.K7b"):
        get("D2.K7")
    with pytest.raises(KeyError):
        by_article(6)


def test_registry_reexports_the_model() -> None:
    for name in ("Obligation", "Citation", "Role", "SubjectType", "Kind"):
        assert name in articles.__all__ and hasattr(articles, name)


# -- the text -----------------------------------------------------------------------------


def test_every_clause_has_an_obligation() -> None:
    assert list(clause_ids()) == EXPECTED_CLAUSES
    cited = {(o.citation.article, o.citation.clause) for o in OBLIGATIONS}
    assert cited == set(EXPECTED_CLAUSES)


def test_paragraphs_are_cited_only_in_two_paragraph_clauses() -> None:
    with_paragraph = {o.id: o.citation.paragraph for o in OBLIGATIONS if o.citation.paragraph}
    assert with_paragraph == {
        "D3.K1a": 1,
        "D3.K1b": 1,
        "D3.K1c": 2,
        "D5.K2a": 1,
        "D5.K2b": 1,
        "D5.K2c": 2,
    }


@pytest.mark.parametrize("obligation", OBLIGATIONS, ids=lambda o: o.id)
def test_fragments_are_verbatim_and_in_order_in_the_cited_clause(obligation: Obligation) -> None:
    text = canonical_text()
    citation = obligation.citation
    clause = clause_text(citation.article, citation.clause, citation.paragraph)
    position = 0
    for fragment in obligation.text_vi:
        assert fragment == fragment.strip() and fragment, obligation.id
        assert unicodedata.is_normalized("NFC", fragment), obligation.id
        assert fragment in text, (obligation.id, fragment)
        found = clause.find(fragment, position)
        assert found >= 0, (obligation.id, fragment)
        position = found + len(fragment)


def test_fragments_are_in_the_shared_canonical_text(shared_dir: Path) -> None:
    path = shared_dir / "domain" / "qd213.md"
    if not path.is_file():
        pytest.skip("../shared/domain/qd213.md is not present")
    source = path.read_text(encoding="utf-8")
    missing = [(o.id, f) for o in OBLIGATIONS for f in o.text_vi if f not in source]
    assert not missing


def test_no_two_obligations_share_a_text() -> None:
    texts = Counter(o.text_vi for o in OBLIGATIONS)
    assert not [text for text, n in texts.items() if n > 1]


def test_siblings_do_not_repeat_the_whole_clause() -> None:
    for article, clause in EXPECTED_CLAUSES:
        siblings = [o for o in OBLIGATIONS if (o.citation.article, o.citation.clause) == (article, clause)]
        if len(siblings) < 2:
            continue
        body = clause_text(article, clause).split(". ", 1)[1]  # without the clause number
        for obligation in siblings:
            assert _squash(body) not in _squash(" ".join(obligation.text_vi)), obligation.id


@pytest.mark.parametrize("module", ARTICLE_MODULES, ids=lambda m: m.__name__)
def test_module_docstring_quotes_its_article(module: object) -> None:
    doc = _squash(getattr(module, "__doc__") or "")
    article = int(getattr(module, "__name__").rsplit("_", 1)[1])
    for a, clause in clause_ids():
        if a == article:
            assert _squash(clause_text(a, clause)) in doc, (article, clause)
    assert ">>> " in doc  # the doctest listing the ids


# -- legal classification (semantics, obligations) ---------------------------------------------


def test_subjects() -> None:
    organization = {o.id for o in OBLIGATIONS if o.subject is SubjectType.ORGANIZATION}
    expected = {"D4.K2c", "D4.K3a", "D4.K3b"} | {i for i in EXPECTED_IDS if i.startswith("D5.")}
    assert organization == expected


def test_member_duties_are_borne_by_the_member() -> None:
    member_borne = {o.id for o in OBLIGATIONS if o.bearer is Role.MEMBER}
    expected = {i for i in EXPECTED_IDS if i.startswith("D2.") or i.startswith("D1.K1")}
    assert member_borne == expected


def test_deadline_parameters_follow_the_kind() -> None:
    for o in OBLIGATIONS:
        if o.kind in (Kind.TRIGGERED, Kind.ON_REQUEST):
            assert o.deadline_param is not None, o.id
        if o.kind in (Kind.CONDUCT, Kind.DISCRETIONARY, Kind.ONE_OFF, Kind.DERIVED):
            assert o.deadline_param is None, o.id


def test_deadline_parameters_are_policy_fields() -> None:
    from qd213_rules import policy  # the package's own module: never skipped

    for o in OBLIGATIONS:
        if o.deadline_param is not None:
            assert o.deadline_param in policy.Policy.model_fields, o.id
    timely = {o.id for o in OBLIGATIONS if o.deadline_param == "timely_days"}
    assert timely == set(policy.TIMELY_DUTIES)


def test_violation_grounds() -> None:
    for o in OBLIGATIONS:
        assert set(o.violation_grounds) <= REASON_CODES, o.id
        assert len(set(o.violation_grounds)) == len(o.violation_grounds), o.id
        if o.kind in (Kind.DISCRETIONARY, Kind.ONE_OFF, Kind.DERIVED):
            assert o.violation_grounds == (), o.id
        if o.kind is Kind.CONDUCT:
            # A breach record names a member's own duty (semantics §18).
            expected = ("breach_recorded",) if o.bearer is Role.MEMBER else ()
            assert o.violation_grounds == expected, o.id
        if o.kind in (Kind.TRIGGERED, Kind.ON_REQUEST, Kind.PERIODIC):
            assert o.violation_grounds == ("overdue_beyond_limit",), o.id


def test_in_force_from_signature() -> None:
    assert {(o.in_force_from.isoformat(), o.in_force_to) for o in OBLIGATIONS} == {
        ("2020-01-02", None)
    }


def test_summaries_and_notes_are_single_clean_sentences() -> None:
    for o in OBLIGATIONS:
        assert o.summary_en.endswith(".") and "\n" not in o.summary_en, o.id
        assert o.summary_en == o.summary_en.strip(), o.id
        if o.interpretation is not None:
            assert o.interpretation.strip() and "\n" not in o.interpretation, o.id


# -- messages -----------------------------------------------------------------------------


@pytest.mark.parametrize("obligation", OBLIGATIONS, ids=lambda o: o.id)
def test_every_obligation_has_title_and_summary_messages(obligation: Obligation) -> None:
    messages = catalogue()
    title = messages[f"obligation.{obligation.id}.title"]
    summary = messages[f"obligation.{obligation.id}.summary"]
    for text in (*title, *summary):
        assert text and text == text.strip() and unicodedata.is_normalized("NFC", text)
    assert summary[1] == obligation.summary_en


def test_label_messages_for_every_role_kind_subject_and_article() -> None:
    messages = catalogue()
    keys = [f"role.{r.value}" for r in Role] + [f"kind.{k.value}" for k in Kind]
    keys += [f"subject.{s.value}" for s in SubjectType]
    keys += [f"article.{n}.title" for n in range(1, 6)]
    for key in keys:
        vi, en = messages[key]
        assert vi and en and unicodedata.is_normalized("NFC", vi + en), key


def test_obligation_messages_are_nfc_with_matching_placeholders() -> None:
    from qd213_rules.messages import obligations as family

    for key, (vi, en) in family.MESSAGES.items():
        assert unicodedata.is_normalized("NFC", vi) and unicodedata.is_normalized("NFC", en), key
        assert sorted(re.findall(r"{(\w+)}", vi)) == sorted(re.findall(r"{(\w+)}", en)), key
