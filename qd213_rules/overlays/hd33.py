"""Hướng dẫn 33-HD/BTCTW (30/10/2020): which duties bind each member category.

Spec (semantics §9, §11, §15; interpretation Q6; docs/categories.md):

- ``regular``: every duty of QĐ 213 (HD33 exempts nothing).
- ``introduced_exempt_from_activities`` (HD33 §1.1): the member duties of Khoản 1 Điều 1 and
  Khoản 1, 2, 5, 6, 7 Điều 2 (D1.K1a–d, D2.K1, D2.K2a–b, D2.K5, D2.K6a–c, D2.K7a–b); the
  introduction chain (D3.K1a, D3.K1b, D4.K1a, D4.K1b, D4.K2a, D4.K2b) and D3.K1c, D3.K2,
  D3.K3a–c, D3.K4b–c, D4.K4d, D4.K5d, D4.K6; D1.K2a–b, D3.K5b, D4.K4c, D4.K5c (every introduced
  category). Not: D2.K3a–c, D2.K4a–c, D3.K4a, D3.K5a, D4.K4a–b, D4.K5a–b; and such a member
  does not make a cell owe its half-yearly meeting (D4.K3a–b).
- ``exempt_from_introduction`` (HD33 §1.2): of the member-subject duties only D1.K1a, D2.K1 and
  D2.K2a; every other member-subject duty is ``not_applicable``
  (``category_exempt_from_introduction``).
- Organisation-subject duties (D4.K2c, D4.K3a, D4.K3b, D5.*) are owed whatever the category.

What is verified: §1.1's effect sentence (:data:`EFFECT_1_1`) was read word for word; the
entries that follow from it directly are marked ``verified``. HD33 §1.2's effect sentence was
**never retrieved** (every stored copy stops inside §1.2): the whole ``exempt_from_introduction``
column, and the rest of §1.1's mapping onto obligation ids, are the product's interpretation.

The overlay is in force from its signature (2020-10-30); with ``Policy.hd33_retroactive`` (the
default) it also applies from 2020-01-02, otherwise every member counts as ``regular`` before.

>>> from qd213_rules.facts.members import Category
>>> applies("D2.K7a", Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES)
True
>>> applies("D4.K4a", Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES)
False
>>> HD33.entry("D4.K4a", Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES).basis.value
'verified'
>>> applies("D2.K7b", Category.EXEMPT_FROM_INTRODUCTION)
False
>>> not_applicable_reason(Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES)
'category_exempt_from_activities'
>>> import datetime as dt
>>> from qd213_rules.policy import Policy
>>> applies("D2.K3a", Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES, on=dt.date(2020, 6, 1),
...         policy=Policy(hd33_retroactive=False))
True

Regenerate docs/categories.md with ``python -m qd213_rules.overlays.hd33 > docs/categories.md``.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from ..categories import Category
from ._model import Applicability, Basis, CategoryOverlay, MatrixRow, build_entries

if TYPE_CHECKING:
    from ..policy import Policy

__all__ = [
    "HD33",
    "ID",
    "VERSION",
    "SIGNED",
    "IN_FORCE_FROM",
    "CITATION",
    "OBLIGATION_IDS",
    "PREAMBLE",
    "HEADING_1",
    "HEADING_1_1",
    "GROUPS_1_1",
    "EFFECT_1_1",
    "HEADING_1_2",
    "GROUPS_1_2_RETRIEVED",
    "EFFECT_1_2",
    "SOURCES",
    "applies",
    "counts",
    "not_applicable_reason",
    "describe",
    "render_markdown",
    "REGENERATE",
]

ID = "33-HD/BTCTW"
VERSION = "2020.1"
SIGNED = dt.date(2020, 10, 30)
IN_FORCE_FROM = SIGNED
CITATION = "Hướng dẫn 33-HD/BTCTW ngày 30/10/2020, mục 1.1 / 1.2"
TITLE_VI = (
    "Hướng dẫn thực hiện một số nội dung trong Quy định số 213-QĐ/TW của Bộ Chính trị về trách"
    " nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng và nhân"
    " dân nơi cư trú"
)

# --------------------------------------------------------------------------- verbatim text
# Word for word from docs/categories.md (copies H1–H4 agree on every word).

PREAMBLE = (
    "Thực hiện Quy định số 213-QĐ/TW, ngày 02/01/2020 của Bộ Chính trị về trách nhiệm của đảng"
    " viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú"
    " (sau đây viết tắt là Quy định 213), Ban Tổ chức Trung ương hướng dẫn thực hiện một số nội"
    " dung trong Quy định 213 như sau:"
)
HEADING_1 = (
    "Đảng viên đang công tác, học tập trong điều kiện đặc thù giữ mối liên hệ với tổ chức đảng"
    " và nhân dân nơi cư trú"
)
HEADING_1_1 = "Đảng viên giới thiệu nhưng được miễn sinh hoạt nơi cư trú"
GROUPS_1_1: tuple[str, ...] = (
    "Đảng viên đang công tác trong Quân đội nhân dân và Công an nhân dân do điều kiện công tác xa"
    " nhà hoặc do yêu cầu, nhiệm vụ phải ở tập trung tại doanh trại, nhà công vụ ngoài giờ làm"
    " việc hằng ngày không thường xuyên về nơi cư trú.",
    "Đảng viên công tác tại một số cơ quan, đơn vị trong nước, các loại hình doanh nghiệp nhưng"
    " thường xuyên đi làm việc xa nơi cư trú, lưu động; đảng viên là cán bộ điều động, luân"
    " chuyển ở nhà công vụ, tập thể cơ quan không thường xuyên về nơi cư trú.",
    "Đảng viên là cán bộ, công chức, viên chức đi học tập trung 12 tháng trong năm; đảng viên là"
    " học sinh, sinh viên đi học xa nhà không thường xuyên về nơi cư trú.",
)
EFFECT_1_1 = (
    "Các đảng viên nêu trên thực hiện trách nhiệm tại Khoản 1, Điều 1 và nhiệm vụ tại Khoản 1, 2,"
    " 5, 6, 7, Điều 2 Quy định 213. Không lấy ý kiến nhận xét định kỳ hằng năm; chỉ lấy ý kiến"
    " nhận xét khi cần thiết (thực hiện quy trình công tác cán bộ, khen thưởng, kỷ luật...)."
)
HEADING_1_2 = "Đảng viên được miễn giới thiệu về tổ chức đảng nơi cư trú"
GROUPS_1_2_RETRIEVED: tuple[str, ...] = (
    "Đảng viên công tác trong Quân đội nhân dân và Công an nhân dân thực hiện nhiệm vụ đặc biệt,"
    " phải giữ bí mật về nhân thân; đảng viên ở các đơn vị thường trực sẵn sàng chiến đấu.",
)
"""The only bullet of §1.2 retrieved; at least one more exists (a press lead counts 4 groups)."""
EFFECT_1_2: str | None = None
"""HD33 §1.2's effect sentence: never retrieved (semantics §15)."""

SOURCES: tuple[str, ...] = (
    "https://danguy.huaf.edu.vn/2021/01/13/huong-dan-thuc-hien-mot-so-noi-dung-trong-quy-dinh-so-213"
    "-qd-tw-cua-bo-chinh-tri-ve-trach-nhiem-cua-dang-vien-dang-cong-tac-thuong-xuyen-giu-moi-lien-he"
    "-voi-to-chuc-dang-va-nhan-dan-noi-cu-tru/",
    "https://hethongphapluat.vn/huong-dan-33-hd-btctw-nam-2020-ve-thuc-hien-noi-dung-trong-quy-dinh"
    "-213-qd-tw-ve-trach-nhiem-cua-dang-vien-dang-cong-tac-thuong-xuyen-giu-moi-lien-he-voi-to-chuc"
    "-dang-va-nhan-dan-noi-cu-tru-do-ban-to-chuc-trung-uong-ban-hanh.html",
    "https://thuviennhadat.vn/phap-luat-doi-song/tai-ve-phieu-nhan-xet-dang-vien-noi-cu-tru-nam-2025"
    "-669247.html",
    "https://sotuphap.tayninh.gov.vn/tin-tuc/ban-t-ch-c-trung--ng-h-ng-d-n--ng-vi-n-ang-c-ng-t-c-h-c-t"
    "-p-trong-i-u-ki-n--c-th-gi-m-i-li-n-h-v-i-t-ch-c--ng-v-nh-n-d-n-n-i-c-tr--250.html",
)
"""Stored copies the verbatim text was read from (each cut off inside §1.2)."""

# --------------------------------------------------------------------------- obligation ids

OBLIGATION_IDS: tuple[str, ...] = (
    "D1.K1a", "D1.K1b", "D1.K1c", "D1.K1d", "D1.K2a", "D1.K2b",
    "D2.K1", "D2.K2a", "D2.K2b", "D2.K3a", "D2.K3b", "D2.K3c", "D2.K4a", "D2.K4b", "D2.K4c",
    "D2.K5", "D2.K6a", "D2.K6b", "D2.K6c", "D2.K7a", "D2.K7b",
    "D3.K1a", "D3.K1b", "D3.K1c", "D3.K2", "D3.K3a", "D3.K3b", "D3.K3c",
    "D3.K4a", "D3.K4b", "D3.K4c", "D3.K5a", "D3.K5b",
    "D4.K1a", "D4.K1b", "D4.K2a", "D4.K2b", "D4.K2c", "D4.K3a", "D4.K3b",
    "D4.K4a", "D4.K4b", "D4.K4c", "D4.K4d", "D4.K5a", "D4.K5b", "D4.K5c", "D4.K5d", "D4.K6",
    "D5.K1a", "D5.K1b", "D5.K2a", "D5.K2b", "D5.K2c", "D5.K3c",
)  # fmt: skip
"""The 55 obligation ids of docs/obligations.md (the overlay covers each one)."""

ORGANISATION_DUTIES: tuple[str, ...] = (
    "D4.K2c", "D4.K3a", "D4.K3b", "D5.K1a", "D5.K1b", "D5.K2a", "D5.K2b", "D5.K2c", "D5.K3c",
)  # fmt: skip
"""Duties whose subject is the bearer organisation (semantics, obligations): not category-dependent."""

MEMBER_DUTIES: tuple[str, ...] = tuple(oid for oid in OBLIGATION_IDS if oid not in ORGANISATION_DUTIES)

_MEETINGS = ("D4.K3a", "D4.K3b")
_D5 = tuple(oid for oid in ORGANISATION_DUTIES if oid.startswith("D5."))

# --------------------------------------------------------------------------- the matrix

_R, _V, _I = Basis.REGULATION, Basis.VERIFIED, Basis.INTERPRETATION

_NOTE_REGULAR = "QĐ 213 binds the member in full; HD33 exempts nothing (interpretation Q6)."
_NOTE_ORG = "An organisation's own duty: owed whatever its members' categories (semantics, obligations)."
_NOTE_ORG_INTRODUCED = (
    "An organisation's own duty, owed whatever the categories; it concerns every introduced"
    " member (semantics §11)."
)
_NOTE_MEETINGS_NOT_COUNTED = (
    "An organisation's own duty, owed whatever the categories; only regular members make a"
    " residence cell owe its half-yearly meeting (semantics §5, §9)."
)

# HD33 §1.1: introduced, but exempt from residence activities
_GROUPS_1_1 = (
    (
        ("D1.K1a", "D1.K1b", "D1.K1c", "D1.K1d", "D2.K1", "D2.K2a", "D2.K2b", "D2.K5",
         "D2.K6a", "D2.K6b", "D2.K6c", "D2.K7a", "D2.K7b"),
        True, _V,
        "§1.1: 'thực hiện trách nhiệm tại Khoản 1, Điều 1 và nhiệm vụ tại Khoản 1, 2, 5, 6, 7,"
        " Điều 2 Quy định 213'.",
        None,
    ),
    (
        ("D2.K3a", "D2.K3b", "D2.K3c", "D2.K4a", "D2.K4b", "D2.K4c"),
        False, _V,
        "§1.1: Khoản 3 and 4 of Điều 2 are not among the clauses the member performs (exempt from"
        " residence activities).",
        None,
    ),
    (
        ("D3.K4a", "D4.K4a"),
        False, _V,
        "§1.1: 'Không lấy ý kiến nhận xét định kỳ hằng năm' (no yearly comment).",
        None,
    ),
    (
        ("D4.K4b", "D4.K5a", "D4.K5b", "D3.K5a"),
        False, _I,
        "No yearly comment form, so the later steps of the yearly comment chain have nothing to"
        " act on (reading of §1.1; semantics §9).",
        None,
    ),
    (
        ("D3.K1a", "D3.K1b", "D4.K1a", "D4.K1b", "D4.K2a", "D4.K2b"),
        True, _I,
        "§1.1 'Đảng viên giới thiệu…': the member is still introduced, so the introduction chain"
        " applies (semantics §9).",
        None,
    ),
    (
        ("D3.K1c", "D3.K2", "D3.K3a", "D3.K3b", "D3.K3c", "D3.K4b", "D3.K4c", "D4.K4d", "D4.K5d",
         "D4.K6"),
        True, _I,
        "The two sides still keep in touch about an introduced member; comments are taken 'khi"
        " cần thiết (… công tác cán bộ, khen thưởng, kỷ luật…)' (§1.1; semantics §9).",
        None,
    ),
    (
        ("D1.K2a", "D1.K2b", "D3.K5b", "D4.K4c", "D4.K5c"),
        True, _I,
        "Applies to every category that is introduced (semantics §11).",
        None,
    ),
    (("D4.K2c",), True, _I, _NOTE_ORG_INTRODUCED, True),
    (_MEETINGS, True, _I, _NOTE_MEETINGS_NOT_COUNTED, False),
    (_D5, True, _R, _NOTE_ORG, None),
)  # fmt: skip

# HD33 §1.2: exempt from introduction. Its effect sentence was never retrieved.
_EFI_APPLY = ("D1.K1a", "D2.K1", "D2.K2a")
_GROUPS_1_2 = (
    (
        _EFI_APPLY,
        True, _I,
        "Binds a Party member wherever they live; HD33 §1.2's effect sentence was not retrieved,"
        " so this is the product's interpretation (semantics §9, §15).",
        None,
    ),
    (
        tuple(oid for oid in MEMBER_DUTIES if oid not in _EFI_APPLY),
        False, _I,
        "Not introduced, so no residence organisation knows the member; HD33 §1.2's effect"
        " sentence was not retrieved, so this is the product's interpretation (semantics §9,"
        " §15).",
        None,
    ),
    (
        ("D4.K2c",) + _MEETINGS,
        True, _I,
        "An organisation's own duty, owed whatever the categories; a member who is not"
        " introduced is not counted for it (semantics §9).",
        False,
    ),
    (_D5, True, _R, _NOTE_ORG, None),
)  # fmt: skip

HD33 = CategoryOverlay(
    id=ID,
    version=VERSION,
    signed=SIGNED,
    in_force_from=IN_FORCE_FROM,
    in_force_to=None,
    citation=CITATION,
    title_vi=TITLE_VI,
    obligation_ids=OBLIGATION_IDS,
    reasons=(
        (Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES, "category_exempt_from_activities"),
        (Category.EXEMPT_FROM_INTRODUCTION, "category_exempt_from_introduction"),
    ),
    entries=(
        build_entries(Category.REGULAR, [(OBLIGATION_IDS, True, _R, _NOTE_REGULAR, None)])
        + build_entries(Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES, _GROUPS_1_1)
        + build_entries(Category.EXEMPT_FROM_INTRODUCTION, _GROUPS_1_2)
    ),
)
"""The Hướng dẫn 33-HD/BTCTW overlay."""


def applies(
    obligation_id: str, category: Category, *, on: dt.date | None = None, policy: Policy | None = None
) -> bool:
    """Whether ``obligation_id`` binds a member of ``category`` (see :meth:`CategoryOverlay.applies`)."""
    return HD33.applies(obligation_id, category, on=on, policy=policy)


def counts(
    obligation_id: str, category: Category, *, on: dt.date | None = None, policy: Policy | None = None
) -> bool:
    """Whether a member of ``category`` makes the bearer owe ``obligation_id``."""
    return HD33.counts(obligation_id, category, on=on, policy=policy)


def not_applicable_reason(category: Category) -> str:
    """``category_exempt_from_activities`` or ``category_exempt_from_introduction``."""
    return HD33.not_applicable_reason(category)


def describe() -> list[MatrixRow]:
    """The matrix obligation × category (see :meth:`CategoryOverlay.describe`)."""
    return HD33.describe()


# --------------------------------------------------------------------------- docs

REGENERATE = "python -m qd213_rules.overlays.hd33 > docs/categories.md"
"""The command that regenerates the generated document."""

_MARK = {Basis.REGULATION: "Q", Basis.VERIFIED: "V", Basis.INTERPRETATION: "I"}


def _cell(entry: Applicability, note_number: int) -> str:
    if not entry.applies:
        sign = "—"
    elif not entry.counts:
        sign = "✓ (not counted)"
    else:
        sign = "✓"
    return f"{sign} {_MARK[entry.basis]}{note_number}"


def render_markdown() -> str:
    """docs/categories.md, generated from the overlay."""
    rows = describe()
    notes: dict[str, int] = {}
    for row in rows:
        for entry in row.entries:
            notes.setdefault(entry.note, len(notes) + 1)
    out = [
        "# Member categories: the Hướng dẫn 33-HD/BTCTW overlay",
        "",
        "<!-- Generated by `" + REGENERATE + "`; do not edit by hand. -->",
        "",
        "Which duties of QĐ 213 bind a member of each `category` (docs/facts.md, semantics §9, semantics §11, semantics §15).",
        "The overlay is data kept apart from the regulation's own rules and versioned on its own.",
        "",
        "| | |",
        "|---|---|",
        f"| id | `{HD33.id}` |",
        f"| version | `{HD33.version}` |",
        f"| signed | {HD33.signed.isoformat()} |",
        f"| in force from | {HD33.in_force_from.isoformat()}; also from 2020-01-02 when the policy"
        " parameter `hd33_retroactive` is true (the default), otherwise every member counts as"
        " `regular` before that date |",
        f"| citation | {HD33.citation} |",
        "",
        "## What is verified, and what is not",
        "",
        "Only the opening of HD33 could be read, word for word, in stored copies (all cut off inside",
        "§1.2). **§1.1 is complete, including its effect",
        "sentence. HD33 §1.2's effect sentence — which duties still bind a member exempt from",
        "introduction — was never retrieved: the whole `exempt_from_introduction` column is the",
        "product's interpretation** (semantics §15), as is every mapping of §1.1 onto obligation",
        "ids beyond the clauses its effect sentence names.",
        "",
        "Each cell is marked **V** (HD33's verified text), **I** (the product's interpretation) or",
        "**Q** (QĐ 213 itself: HD33 changes nothing), with the number of its note below.",
        "`—` = not applicable: reported `not_applicable` with reason",
        "`category_exempt_from_activities` or `category_exempt_from_introduction`.",
        "`✓ (not counted)` = an organisation's duty that is still owed, but a member of this",
        "category does not make the organisation owe it.",
        "",
        "## Matrix",
        "",
        "| obligation | " + " | ".join(f"`{c.value}`" for c in Category) + " |",
        "|---|" + "---|" * len(Category),
    ]
    for row in rows:
        out.append(f"| {row.obligation_id} | " + " | ".join(_cell(e, notes[e.note]) for e in row.entries) + " |")
    out += ["", "## Notes", ""]
    out += [f"{number}. {note}" for note, number in notes.items()]
    out += [
        "",
        "## HD33, word for word",
        "",
        "Preamble:",
        "",
        f"> {PREAMBLE}",
        "",
        f"§1. {HEADING_1}",
        "",
        f"§1.1. {HEADING_1_1} (`introduced_exempt_from_activities`)",
        "",
    ]
    out += [f"> - {group}" for group in GROUPS_1_1]
    out += [
        ">",
        f"> {EFFECT_1_1}",
        "",
        f"§1.2. {HEADING_1_2} (`exempt_from_introduction`)",
        "",
    ]
    out += [f"> - {group}" for group in GROUPS_1_2_RETRIEVED]
    out += [
        "> - Đảng vi[…]",
        "",
        "Every stored copy ends there. A dangcongsan.vn lead counts **4 groups** exempt from",
        "introduction, so two or three groups of §1.2 are unread, and so is its effect sentence.",
        "Cases not covered default to `regular` (interpretation Q6).",
        "",
        "Copies read:",
        "",
    ]
    out += [f"- <{url}>" for url in SOURCES]
    out.append("")
    return "\n".join(out)


def _main() -> int:
    # bytes, so the file is UTF-8 whatever the console encoding
    sys.stdout.buffer.write(render_markdown().encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
