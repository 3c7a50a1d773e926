"""Điều 1 — Trách nhiệm của đảng viên đang công tác và của tổ chức cơ sở đảng.

Article 1. Responsibilities of working Party members and of grassroots Party organisations (Quy
định 213-QĐ/TW).

    Điều 1. Trách nhiệm của đảng viên đang công tác và của tổ chức cơ sở đảng

    1. Đảng viên đang công tác ở các cơ quan, doanh nghiệp, đơn vị sự nghiệp, lực lượng vũ trang
    (gọi tắt là đảng viên đang công tác) vừa thực hiện quy định của Điều lệ Đảng về sinh hoạt đảng
    tại nơi làm việc, vừa có trách nhiệm thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân
    nơi cư trú; gần gũi, gắn bó với nhân dân; khắc phục những biểu hiện sống xa dân, thiếu trách
    nhiệm trong các công việc của nhân dân nơi cư trú; củng cố mối quan hệ mật thiết giữa Đảng với
    nhân dân; nêu cao vai trò, trách nhiệm của người đảng viên trong xây dựng Đảng, xây dựng hệ
    thống chính trị cơ sở.

    2. Tổ chức cơ sở đảng nơi đảng viên đang công tác và nơi đảng viên cư trú có trách nhiệm tạo
    điều kiện cho đảng viên đang công tác thực hiện trách nhiệm, nhiệm vụ nơi cư trú, đồng thời
    kiểm tra, giám sát, nhận xét, đánh giá việc thực hiện của đảng viên.

English gloss: a working Party member (one who works in an agency, an enterprise, a public service
unit or the armed forces) takes part in Party activities at the workplace under the Party Charter
and, at the same time, keeps in regular contact with the Party organisation and the people where
they live, stays close to the people, overcomes aloofness and upholds the member's role in building
the Party and the grassroots political system. The grassroots Party organisations at the workplace
and at the residence create conditions for this and inspect, supervise, comment on and evaluate the
member's performance.

The opening words of khoản 1 ("Đảng viên đang công tác ở các cơ quan, … (gọi tắt là đảng viên đang
công tác)") define who is a working member; they are the scope of the catalogue, not a duty. Khoản
2 binds two organisations at once: D1.K2a and D1.K2b are derived, one result per organisation
(interpretation Q5).

>>> [obligation.id for obligation in OBLIGATIONS]
['D1.K1a', 'D1.K1b', 'D1.K1c', 'D1.K1d', 'D1.K2a', 'D1.K2b']
"""

from __future__ import annotations

from ._common import attended, COMMENT_FORM, conduct
from ._model import Citation, Kind, Obligation, Role, SubjectType
from ._rule import Rule

__all__ = ["OBLIGATIONS"]

OBLIGATIONS: tuple[Obligation, ...] = (
    # Take part in Party activities at the workplace.
    Obligation(
        id="D1.K1a",
        citation=Citation(article=1, clause=1),
        text_vi=(
            "vừa thực hiện quy định của Điều lệ Đảng về sinh hoạt đảng tại nơi làm việc,",
        ),
        summary_en=(
            "The working member complies with the Party Charter's rules on Party activities at "
            "the workplace."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        interpretation=(
            "The Charter, not this Regulation, sets what workplace activity requires; the "
            "catalogue keeps the duty as a conduct standard that only a recorded breach makes "
            "violated (interpretation Q2, Q15)."
        ),
        rule=conduct(),
    ),
    # Keep in contact with the residence.
    Obligation(
        id="D1.K1b",
        citation=Citation(article=1, clause=1),
        text_vi=(
            "vừa có trách nhiệm thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư "
            "trú;",
        ),
        summary_en=(
            "The working member regularly keeps in contact with the Party organisation and the "
            "people at the place of residence."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        interpretation=(
            '"Thường xuyên" sets no frequency and the product adds none: conduct, ongoing, with '
            "the concrete duties of Điều 2 as evidence (interpretation Q15)."
        ),
        rule=conduct(attended("working_members"), COMMENT_FORM),
    ),
    # Stay close to the people.
    Obligation(
        id="D1.K1c",
        citation=Citation(article=1, clause=1),
        text_vi=(
            "gần gũi, gắn bó với nhân dân; khắc phục những biểu hiện sống xa dân, thiếu trách "
            "nhiệm trong các công việc của nhân dân nơi cư trú;",
        ),
        summary_en=(
            "The working member stays close to the people and overcomes aloofness and "
            "irresponsibility in the affairs of the residents."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(COMMENT_FORM),
    ),
    # Strengthen the bond between the Party and the people.
    Obligation(
        id="D1.K1d",
        citation=Citation(article=1, clause=1),
        text_vi=(
            "củng cố mối quan hệ mật thiết giữa Đảng với nhân dân; nêu cao vai trò, trách nhiệm "
            "của người đảng viên trong xây dựng Đảng, xây dựng hệ thống chính trị cơ sở.",
        ),
        summary_en=(
            "The working member consolidates the close bond between the Party and the people and "
            "upholds the member's role in building the Party and the grassroots political "
            "system."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        interpretation=(
            "An aspirational purpose rather than an act: kept as conduct so that a recorded "
            "breach can be reported, with no evidence of its own (obligations.md, D1.K1d)."
        ),
        rule=conduct(),
    ),
    # Enable the member's residence duties.
    Obligation(
        id="D1.K2a",
        citation=Citation(article=1, clause=2),
        text_vi=(
            "Tổ chức cơ sở đảng nơi đảng viên đang công tác và nơi đảng viên cư trú có trách "
            "nhiệm tạo điều kiện cho đảng viên đang công tác thực hiện trách nhiệm, nhiệm vụ nơi "
            "cư trú,",
        ),
        summary_en=(
            "The grassroots Party organisations at the member's workplace and residence create "
            "conditions for the member to perform the residence duties."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.DERIVED,
        violation_grounds=(),
        interpretation=(
            "A joint duty of the workplace committee and the residence commune committee; the "
            "declared bearer stands for both. The engine emits one derived result per "
            "organisation that bears a source result for the member (the duties that realise it, "
            "e.g. D3.K1a–D3.K1c and the introduction chain D4.K1a–D4.K2b), with the worst status "
            "of its sources; no source gives ongoing (interpretation Q5; semantics, obligations, §18)."
        ),
        rule=Rule(
            bearer="workplace_committee",
            derived_from=("D3.K1a", "D3.K1b", "D3.K1c", "D4.K1a", "D4.K1b", "D4.K2a", "D4.K2b"),
        ),
    ),
    # Inspect, supervise and evaluate the member.
    Obligation(
        id="D1.K2b",
        citation=Citation(article=1, clause=2),
        text_vi=(
            "đồng thời kiểm tra, giám sát, nhận xét, đánh giá việc thực hiện của đảng viên.",
        ),
        summary_en=(
            "The same grassroots Party organisations inspect, supervise, comment on and evaluate "
            "the member's performance."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.DERIVED,
        violation_grounds=(),
        interpretation=(
            "A joint duty of the workplace committee and the residence commune committee; the "
            "declared bearer stands for both. The engine emits one derived result per "
            "organisation that bears a source result for the member (the duties that realise it, "
            "e.g. D3.K3a, D3.K4a, D4.K4a, D4.K5a), with the worst status of its sources; no "
            "source gives ongoing (interpretation Q5; semantics, obligations, §18)."
        ),
        rule=Rule(
            bearer="workplace_committee",
            derived_from=("D3.K3a", "D3.K4a", "D4.K4a", "D4.K5a"),
        ),
    ),
)
