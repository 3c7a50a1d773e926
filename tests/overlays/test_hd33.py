"""The HD33 category overlay: coverage, the §1.1 verified list, §1.2 as interpretation, dates, docs."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from qd213_rules.facts.members import Category
from qd213_rules.overlays import OVERLAYS, Basis, hd33
from qd213_rules.overlays.hd33 import (
    HD33,
    MEMBER_DUTIES,
    OBLIGATION_IDS,
    ORGANISATION_DUTIES,
    REGENERATE,
    applies,
    counts,
    not_applicable_reason,
    render_markdown,
)
from qd213_rules.policy import Policy

REPO = Path(__file__).resolve().parents[2]

REGULAR = Category.REGULAR
IEA = Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES
EFI = Category.EXEMPT_FROM_INTRODUCTION

# HD33 §1.1 effect sentence: Điều 1 khoản 1 and Điều 2 khoản 1, 2, 5, 6, 7
SECTION_1_1_DUTIES = {
    "D1.K1a", "D1.K1b", "D1.K1c", "D1.K1d", "D2.K1", "D2.K2a", "D2.K2b", "D2.K5",
    "D2.K6a", "D2.K6b", "D2.K6c", "D2.K7a", "D2.K7b",
}  # fmt: skip
IEA_NOT_APPLICABLE = {
    "D2.K3a", "D2.K3b", "D2.K3c", "D2.K4a", "D2.K4b", "D2.K4c", "D3.K4a", "D3.K5a",
    "D4.K4a", "D4.K4b", "D4.K5a", "D4.K5b",
}  # fmt: skip
IEA_STILL_APPLY = {
    "D3.K1a", "D3.K1b", "D4.K1a", "D4.K1b", "D4.K2a", "D4.K2b",  # the introduction chain
    "D3.K1c", "D3.K2", "D3.K3a", "D3.K3b", "D3.K3c", "D3.K4b", "D3.K4c", "D4.K4d", "D4.K5d", "D4.K6",
    "D1.K2a", "D1.K2b", "D3.K5b", "D4.K4c", "D4.K5c",  # every introduced category
}  # fmt: skip
EFI_MEMBER_DUTIES = {"D1.K1a", "D2.K1", "D2.K2a"}


def test_55_obligations_and_the_two_kinds_of_subject() -> None:
    assert len(OBLIGATION_IDS) == len(set(OBLIGATION_IDS)) == 55
    assert set(MEMBER_DUTIES) | set(ORGANISATION_DUTIES) == set(OBLIGATION_IDS)
    assert len(MEMBER_DUTIES) == 46 and len(ORGANISATION_DUTIES) == 9


@pytest.mark.parametrize("category", list(Category))
def test_every_obligation_appears_once_per_category(category: Category) -> None:
    seen = Counter(e.obligation_id for e in HD33.entries if e.category == category)
    assert set(seen) == set(OBLIGATION_IDS)
    assert set(seen.values()) == {1}


def test_identity() -> None:
    assert (HD33.id, HD33.version) == ("33-HD/BTCTW", "2020.1")
    assert HD33.signed == HD33.in_force_from == dt.date(2020, 10, 30) == hd33.IN_FORCE_FROM
    assert HD33.in_force_to is None
    assert HD33.citation == "Hướng dẫn 33-HD/BTCTW ngày 30/10/2020, mục 1.1 / 1.2"
    assert HD33.ref() == {"id": "33-HD/BTCTW", "version": "2020.1"}
    assert OVERLAYS == (HD33,)


def test_regular_is_bound_by_everything() -> None:
    for oid in OBLIGATION_IDS:
        entry = HD33.entry(oid, REGULAR)
        assert entry.applies and entry.counts and entry.basis is Basis.REGULATION
    assert HD33.categories("D2.K3a") == frozenset({REGULAR})


def test_section_1_1_verified_list() -> None:
    verified_apply = {e.obligation_id for e in HD33.entries if e.category == IEA and e.applies and e.basis is Basis.VERIFIED}
    assert verified_apply == SECTION_1_1_DUTIES
    for oid in SECTION_1_1_DUTIES:
        assert applies(oid, IEA)


def test_introduced_exempt_from_activities() -> None:
    member = {oid for oid in MEMBER_DUTIES if applies(oid, IEA)}
    assert member == SECTION_1_1_DUTIES | IEA_STILL_APPLY
    assert set(MEMBER_DUTIES) - member == IEA_NOT_APPLICABLE
    # D2.K3/K4 fall outside the effect sentence, the yearly comment is switched off by its words
    for oid in ("D2.K3a", "D2.K4c", "D3.K4a", "D4.K4a"):
        assert HD33.entry(oid, IEA).basis is Basis.VERIFIED
    # the rest of the mapping is the product's reading
    for oid in IEA_STILL_APPLY | {"D4.K4b", "D4.K5a", "D4.K5b", "D3.K5a"}:
        assert HD33.entry(oid, IEA).basis is Basis.INTERPRETATION, oid


def test_exempt_from_introduction_is_all_interpretation() -> None:
    assert {oid for oid in MEMBER_DUTIES if applies(oid, EFI)} == EFI_MEMBER_DUTIES
    for entry in (e for e in HD33.entries if e.category == EFI):
        assert entry.basis is not Basis.VERIFIED, entry.obligation_id
        if entry.obligation_id in MEMBER_DUTIES:
            assert entry.basis is Basis.INTERPRETATION
            assert "not retrieved" in entry.note
    assert hd33.EFFECT_1_2 is None


def test_organisation_duties_do_not_depend_on_the_category() -> None:
    for oid in ORGANISATION_DUTIES:
        assert all(applies(oid, category) for category in Category)
        assert HD33.categories(oid) == frozenset(Category)


def test_counting_for_organisation_duties() -> None:
    # only regular members make a residence cell owe its half-yearly meeting (semantics §5)
    for oid in ("D4.K3a", "D4.K3b"):
        assert [counts(oid, c) for c in Category] == [True, False, False]
    assert [counts("D4.K2c", c) for c in Category] == [True, True, False]
    for oid in MEMBER_DUTIES:
        assert all(counts(oid, c) == applies(oid, c) for c in Category)


def test_reasons() -> None:
    assert not_applicable_reason(IEA) == "category_exempt_from_activities"
    assert not_applicable_reason(EFI) == "category_exempt_from_introduction"
    with pytest.raises(ValueError):
        not_applicable_reason(REGULAR)


def test_unknown_obligation() -> None:
    with pytest.raises(KeyError, match="D9.K9"):
        applies("D9.K9", REGULAR)


def test_retroactivity() -> None:
    before, after = dt.date(2020, 6, 1), dt.date(2020, 10, 30)
    assert not applies("D2.K3a", IEA, on=before)  # default policy: retroactive
    assert not applies("D2.K3a", IEA, on=before, policy=Policy())
    assert applies("D2.K3a", IEA, on=before, policy=Policy(hd33_retroactive=False))
    assert not applies("D2.K3a", IEA, on=after, policy=Policy(hd33_retroactive=False))
    assert HD33.effective_category(EFI, on=before, policy=Policy(hd33_retroactive=False)) is REGULAR
    assert HD33.in_force_on(before) and not HD33.in_force_on(before, retroactive=False)
    assert HD33.in_force_on(after, retroactive=False)


def test_describe_is_the_matrix() -> None:
    rows = hd33.describe()
    assert [row.obligation_id for row in rows] == list(OBLIGATION_IDS)
    for row in rows:
        assert [e.category for e in row.entries] == list(Category)
        assert all(e.obligation_id == row.obligation_id for e in row.entries)


def test_quotations_are_nfc_and_hold_the_effect_sentence() -> None:
    quotes = [hd33.PREAMBLE, hd33.HEADING_1, hd33.HEADING_1_1, *hd33.GROUPS_1_1, hd33.EFFECT_1_1,
              hd33.HEADING_1_2, *hd33.GROUPS_1_2_RETRIEVED, hd33.CITATION]  # fmt: skip
    assert all(unicodedata.is_normalized("NFC", q) for q in quotes)
    assert hd33.EFFECT_1_1.startswith("Các đảng viên nêu trên thực hiện trách nhiệm tại Khoản 1, Điều 1")
    assert "Không lấy ý kiến nhận xét định kỳ hằng năm" in hd33.EFFECT_1_1
    assert len(hd33.GROUPS_1_1) == 3


def test_quotations_match_the_verified_text(shared_dir: Path) -> None:
    text = (shared_dir / "domain" / "hd33-verified.md").read_text(encoding="utf-8")
    block = text[text.index("### A.2") : text.index("### A.3")]
    quoted = " ".join(line[1:].strip() for line in block.splitlines() if line.startswith(">"))
    quoted = re.sub(r"\s+", " ", quoted)
    for quote in [hd33.PREAMBLE, hd33.HEADING_1, hd33.HEADING_1_1, *hd33.GROUPS_1_1, hd33.EFFECT_1_1,
                  hd33.HEADING_1_2, *hd33.GROUPS_1_2_RETRIEVED]:  # fmt: skip
        assert quote in quoted, quote[:60]
    for url in hd33.SOURCES:
        assert url in text


def test_obligation_ids_match_obligations_md(shared_dir: Path) -> None:
    text = (shared_dir / "domain" / "obligations.md").read_text(encoding="utf-8")
    ids = re.findall(r"^\| (D\d\.K\d+[a-z]?) \|", text, flags=re.MULTILINE)
    assert tuple(ids) == OBLIGATION_IDS


def test_cross_check_with_the_articles_registry() -> None:
    from qd213_rules.articles import OBLIGATIONS as obligations  # the package's own: never skipped

    assert tuple(o.id for o in obligations) == OBLIGATION_IDS
    assert {o.id for o in obligations if o.subject.value == "organization"} == set(ORGANISATION_DUTIES)
    for o in obligations:
        # the catalogue either leaves categories to the overlay (all) or copies the overlay
        assert o.categories in (frozenset(Category), HD33.categories(o.id)), o.id


def test_docs_categories_md_is_up_to_date() -> None:
    path = REPO / "docs" / "categories.md"
    assert path.is_file(), f"docs/categories.md is missing; regenerate it with `{REGENERATE}`"
    assert path.read_text(encoding="utf-8") == render_markdown(), (
        f"docs/categories.md is out of date; regenerate it with `{REGENERATE}`"
    )


def test_docs_say_what_is_not_verified() -> None:
    text = render_markdown()
    assert "never retrieved" in text and "`exempt_from_introduction` column is the" in text
    assert hd33.EFFECT_1_1 in text
    assert all(f"| {oid} |" in text for oid in OBLIGATION_IDS)
