"""The canonical Vietnamese text of Quy định 213-QĐ/TW, shipped as package data.

``qd213_rules/data/qd213_vi.md`` is the corrected text of ``docs/regulation.md`` §2:
letterhead, preamble, Điều 1–5 and the closing block, one paragraph per block, separated by
blank lines. It keeps the signed document's old-style tone marks (*uỷ, khoá, hoá, xoá*) and is
Unicode NFC. The letterhead layout is a reconstruction, and the signatory's title (not
confirmed by any retrieved source) is left out; neither affects a duty.

Every ``text_vi`` fragment of the obligation catalogue is a substring of this text (the tests
check it), so the catalogue can always be read against the regulation itself.

>>> clause_text(2, 7)[:52]
'7. Báo cáo kết quả thực hiện các nhiệm vụ tại Điều 2'
>>> clause_text(3, 1, paragraph=2)[:36]
'Thông báo bằng văn bản với cấp uỷ cơ'
>>> article_heading(5)
'Điều 5. Tổ chức thực hiện'
>>> len(clause_ids())
23
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["canonical_text", "clause_text", "article_heading", "clause_ids"]

_DATA_FILE = "qd213_vi.md"
_ARTICLE = re.compile(r"^Điều (\d+)\. ")
_CLAUSE = re.compile(r"^(\d+)\. ")
# The closing block ("Nơi nhận:" and the signature) ends the last article.
_CLOSING = "Nơi nhận:"


@cache
def canonical_text() -> str:
    """The whole canonical Vietnamese text (NFC, ``\\n`` line ends)."""
    data = resources.files("qd213_rules") / "data" / _DATA_FILE
    return data.read_text(encoding="utf-8")


@cache
def _structure() -> tuple[dict[int, str], dict[tuple[int, int], tuple[str, ...]]]:
    """Article headings and, per (article, clause), its paragraphs in order."""
    headings: dict[int, str] = {}
    clauses: dict[tuple[int, int], list[str]] = {}
    article: int | None = None
    current: tuple[int, int] | None = None
    for block in canonical_text().split("\n\n"):
        block = block.strip("\n")
        if block.startswith(_CLOSING):
            break
        if m := _ARTICLE.match(block):
            article = int(m.group(1))
            headings[article] = block
            current = None
        elif article is None:
            continue  # letterhead and preamble
        elif m := _CLAUSE.match(block):
            current = (article, int(m.group(1)))
            clauses[current] = [block]
        elif current is not None:
            clauses[current].append(block)  # a further paragraph of the same clause
    return headings, {key: tuple(paras) for key, paras in clauses.items()}


def article_heading(article: int) -> str:
    """The heading line of Điều ``article`` (``'Điều 5. Tổ chức thực hiện'``)."""
    try:
        return _structure()[0][article]
    except KeyError:
        raise KeyError(f"Quy định 213-QĐ/TW has no Điều {article} (it has Điều 1–5)") from None


def clause_ids() -> tuple[tuple[int, int], ...]:
    """Every (article, clause) of the regulation, in order."""
    return tuple(sorted(_structure()[1]))


def clause_text(article: int, clause: int, paragraph: int | None = None) -> str:
    """The text of Điều ``article`` khoản ``clause``, with its number, as printed.

    A clause of several paragraphs (Điều 3 khoản 1, Điều 5 khoản 2) is returned whole, its
    paragraphs separated by a blank line, unless ``paragraph`` (1-based) picks one.
    """
    try:
        paragraphs = _structure()[1][(article, clause)]
    except KeyError:
        raise KeyError(f"Quy định 213-QĐ/TW has no Điều {article} khoản {clause}") from None
    if paragraph is None:
        return "\n\n".join(paragraphs)
    if not 1 <= paragraph <= len(paragraphs):
        raise KeyError(
            f"Điều {article} khoản {clause} has {len(paragraphs)} paragraph(s), not {paragraph}"
        )
    return paragraphs[paragraph - 1]
