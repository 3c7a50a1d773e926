"""The packaged canonical text (qd213_rules/data/qd213_vi.md) and its clause index."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from qd213_rules.articles._text import article_heading, canonical_text, clause_ids, clause_text


def test_text_is_nfc_and_keeps_the_signed_spelling() -> None:
    text = canonical_text()
    assert unicodedata.is_normalized("NFC", text)
    assert text.endswith("\n") and "\r" not in text
    for old_style in ("uỷ", "khoá", "hoá", "xoá"):
        assert old_style in text
    for new_style in ("ủy", "khóa", "hóa", "xóa"):
        assert new_style not in text


def test_text_has_letterhead_preamble_articles_and_closing() -> None:
    text = canonical_text()
    assert text.startswith("BAN CHẤP HÀNH TRUNG ƯƠNG")
    assert "Số 213-QĐ/TW — Hà Nội, ngày 02 tháng 01 năm 2020" in text
    assert "– Căn cứ Điều lệ Đảng;" in text
    assert "Nơi nhận:" in text and text.rstrip().endswith("Trần Quốc Vượng")
    assert [article_heading(n)[:7] for n in range(1, 6)] == [f"Điều {n}." for n in range(1, 6)]


def test_clause_index() -> None:
    assert len(clause_ids()) == 23
    assert clause_text(2, 7).startswith("7. Báo cáo kết quả")
    assert clause_text(3, 1).count("\n\n") == 1 and clause_text(5, 2).count("\n\n") == 1
    assert clause_text(5, 2, paragraph=2).startswith("Ban Tổ chức Trung ương chủ trì")
    # The closing block is not part of the last clause.
    assert clause_text(5, 3).endswith("được phổ biến đến chi bộ để thực hiện.")
    with pytest.raises(KeyError):
        clause_text(2, 8)
    with pytest.raises(KeyError):
        clause_text(2, 7, paragraph=2)
    with pytest.raises(KeyError):
        article_heading(6)


def test_text_matches_the_shared_canonical_text(shared_dir: Path) -> None:
    path = shared_dir / "domain" / "qd213.md"
    if not path.is_file():
        pytest.skip("../shared/domain/qd213.md is not present")
    lines = set(path.read_text(encoding="utf-8").splitlines())
    for article, clause in clause_ids():
        for paragraph in clause_text(article, clause).split("\n\n"):
            assert f"> {paragraph}" in lines, (article, clause)
    for article in range(1, 6):
        assert f"### {article_heading(article)}" in lines
