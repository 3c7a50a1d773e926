"""Điều 3 — Nhiệm vụ của cấp uỷ cơ sở nơi đảng viên đang công tác.

Article 3. Tasks of the grassroots Party committee at the member's workplace (Quy định 213-QĐ/TW).

    Điều 3. Nhiệm vụ của cấp uỷ cơ sở nơi đảng viên đang công tác

    1. Chỉ đạo chi uỷ, chi bộ trực thuộc lập danh sách đảng viên theo nơi cư trú và chủ động liên
    hệ với đảng uỷ cơ sở và chi uỷ, chi bộ nơi đảng viên cư trú để giới thiệu đảng viên về sinh
    hoạt, thường xuyên giữ mối liên hệ với chi uỷ và nhân dân nơi cư trú theo đúng quy định.

    Thông báo bằng văn bản với cấp uỷ cơ sở nơi đảng viên cư trú được biết về những đảng viên của
    đơn vị mình thường xuyên đi công tác xa nơi cư trú, lưu động hoặc có công tác đặc biệt để phối
    hợp tạo điều kiện cho đảng viên thực hiện nhiệm vụ nơi cư trú khi đảng viên đó có điều kiện.

    2. Kịp thời thông báo cho chi uỷ, chi bộ, đảng uỷ cơ sở nơi đảng viên cư trú biết về số đảng
    viên đã được giới thiệu về sinh hoạt nơi cư trú có sự thay đổi vị trí, chuyển công tác hoặc bị
    khai trừ, xoá tên khỏi danh sách đảng viên hoặc đã xin ra khỏi Đảng.

    3. Chủ trì, phối hợp với cấp uỷ cơ sở nơi đảng viên cư trú kiểm tra, giám sát đảng viên thực
    hiện nhiệm vụ nơi cư trú; biểu dương những đảng viên thực hiện tốt và nhắc nhở, phê bình hoặc
    xem xét xử lý theo quy định đối với những đảng viên chưa thực hiện nghiêm túc Quy định này.

    4. Định kỳ hằng năm tổ chức lấy ý kiến nhận xét của chi uỷ, chi bộ đối với đảng viên của mình
    thực hiện nhiệm vụ nơi cư trú. Cử đại diện cấp uỷ gặp gỡ, trao đổi với cấp uỷ nơi đảng viên cư
    trú để nắm tình hình và lấy ý kiến nhận xét trước khi bổ nhiệm, giới thiệu ứng cử hoặc khi đảng
    viên cho rằng việc nhận xét của nơi cư trú chưa khách quan.

    5. Thông báo cho đảng viên biết về ý kiến nhận xét, đánh giá của cấp uỷ nơi cư trú tại cuộc họp
    kiểm điểm, đánh giá cuối năm hoặc khi cần thiết.

English gloss: the tasks of the grassroots Party committee at the member's workplace: have its
cells list members by residence and introduce them to the residence Party organisation, and notify
it in writing of members who often work away, on the move or on special assignments; promptly
notify the residence when an introduced member changes position, is transferred, expelled or struck
off, or leaves the Party; lead, with the residence committee, the inspection and supervision of
members, commend those who do well and follow up on those who do not; collect the residence
comments every year, and consult the residence before an appointment or nomination or when a member
disputes a comment; and tell members the residence comments at the year-end review, or when
necessary.

Khoản 1 has two paragraphs: D3.K1a and D3.K1b cite paragraph 1, D3.K1c paragraph 2.

>>> [obligation.id for obligation in OBLIGATIONS]  # doctest: +NORMALIZE_WHITESPACE
['D3.K1a', 'D3.K1b', 'D3.K1c', 'D3.K2', 'D3.K3a', 'D3.K3b', 'D3.K3c', 'D3.K4a', 'D3.K4b',
 'D3.K4c', 'D3.K5a', 'D3.K5b']
"""

from __future__ import annotations

from ._common import about_trigger, P, TIMELY, TIMELY_AFTER_WORKPLACE_LEARNED, WORK_KINDS
from ._model import Citation, Kind, Obligation, Role, SubjectType
from ._rule import Deadline, Evidence, Rule, Trigger

__all__ = ["OBLIGATIONS"]

OBLIGATIONS: tuple[Obligation, ...] = (
    # List members by place of residence.
    Obligation(
        id="D3.K1a",
        citation=Citation(article=3, clause=1, paragraph=1),
        text_vi=(
            "Chỉ đạo chi uỷ, chi bộ trực thuộc lập danh sách đảng viên theo nơi cư trú",
        ),
        summary_en=(
            "The workplace Party committee directs its subordinate cells to list their members "
            "by place of residence."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Kept per member: triggered like the introduction (at the start of the member's "
            "record, on each residence change, on a transfer to another committee) and fulfilled "
            "by a listing that names the member (semantics §13, §18). After a move, the deadline "
            "runs from the day the workplace learned of it: the member's report of the move to "
            "the workplace cell or committee, else the member's own D2.K7b due date (semantics "
            "R4)."
        ),
        rule=Rule(
            triggers=(Trigger(source="introduction_needed"),),
            bearer="workplace_committee",
            evidence=(
                Evidence(
                    pattern=P(kind="members_listed_by_residence", equals={"in_member_ids": True}),
                    same={"member": "member", "org_id_committee": "bearer"},
                    timing="on_or_after",
                ),
            ),
            deadline=TIMELY_AFTER_WORKPLACE_LEARNED,
        ),
    ),
    # Introduce the member to the residence.
    Obligation(
        id="D3.K1b",
        citation=Citation(article=3, clause=1, paragraph=1),
        text_vi=(
            "và chủ động liên hệ với đảng uỷ cơ sở và chi uỷ, chi bộ nơi đảng viên cư trú để "
            "giới thiệu đảng viên về sinh hoạt, thường xuyên giữ mối liên hệ với chi uỷ và nhân "
            "dân nơi cư trú theo đúng quy định.",
        ),
        summary_en=(
            "The workplace Party committee proactively contacts the residence grassroots "
            "committee and Party cell to introduce the member for activities and contact at the "
            "place of residence."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "The workplace committee bears it; a workplace cell may perform it. Triggered when "
            "the record starts without a completed introduction, on a move (to another commune "
            "unless reintroduce_within_commune), and on a transfer; the letter goes to the "
            "commune of the member's residence cell. After a move, the deadline runs from the day "
            "the workplace learned of it: the member's report of the move to the workplace cell "
            "or committee, else the member's own D2.K7b due date (interpretation Q1, Q4; "
            "semantics §2, §6, R4, "
            "§11)."
        ),
        rule=Rule(
            triggers=(Trigger(source="introduction_needed"),),
            bearer="workplace_committee",
            recipients=("residence_commune",),
            evidence=(
                Evidence(
                    pattern=P(kind="introduction_sent"),
                    same={"member": "member", "from_org_id_committee": "bearer"},
                    recipient_field="to_org_id",
                    timing="on_or_after",
                ),
            ),
            deadline=TIMELY_AFTER_WORKPLACE_LEARNED,
        ),
    ),
    # Give written notice of members often away.
    Obligation(
        id="D3.K1c",
        citation=Citation(article=3, clause=1, paragraph=2),
        text_vi=(
            "Thông báo bằng văn bản với cấp uỷ cơ sở nơi đảng viên cư trú được biết về những "
            "đảng viên của đơn vị mình thường xuyên đi công tác xa nơi cư trú, lưu động hoặc có "
            "công tác đặc biệt để phối hợp tạo điều kiện cho đảng viên thực hiện nhiệm vụ nơi cư "
            "trú khi đảng viên đó có điều kiện.",
        ),
        summary_en=(
            "The workplace Party committee notifies the residence grassroots committee in "
            "writing of its members who often work away, work on the move or have special "
            "assignments."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Only a written notice fulfils it. Triggered when the member's away status is other "
            "than none at the start of the record, and again on each change to another such "
            "status (semantics §11)."
        ),
        rule=Rule(
            triggers=(Trigger(source="away_status_set"),),
            bearer="workplace_committee",
            recipients=("residence_commune",),
            evidence=(
                Evidence(
                    pattern=P(kind="away_notice_sent", equals={"written": True}),
                    same={"member": "member"},
                    recipient_field="to_org_id",
                ),
                Evidence(
                    pattern=P(kind="away_notice_sent", equals={"written": False}),
                    same={"member": "member"},
                    effect="defective",
                    reason="not_written",
                ),
            ),
            deadline=TIMELY,
        ),
    ),
    # Notify the residence of a change in the member's status.
    Obligation(
        id="D3.K2",
        citation=Citation(article=3, clause=2),
        text_vi=(
            "Kịp thời thông báo cho chi uỷ, chi bộ, đảng uỷ cơ sở nơi đảng viên cư trú biết về "
            "số đảng viên đã được giới thiệu về sinh hoạt nơi cư trú có sự thay đổi vị trí, "
            "chuyển công tác hoặc bị khai trừ, xoá tên khỏi danh sách đảng viên hoặc đã xin ra "
            "khỏi Đảng.",
        ),
        summary_en=(
            "The workplace Party committee promptly notifies the residence cell and commune "
            "committees when an introduced member changes position, is transferred, expelled or "
            "struck off, or leaves the Party."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Only for members already introduced; both the residence cell and its commune must "
            "be reached within timely_days. Retirement, leaving employment, death and party "
            "activity moved abroad also trigger it, as a flagged extension beyond the text. A transfer is notified by the "
            "committee being left, whose introduction it updates; the new committee introduces "
            "the member again under D3.K1b (interpretation Q1, Q7; semantics §6, §7)."
        ),
        rule=Rule(
            triggers=(
                Trigger(
                    pattern=P(
                        kind="status_changed",
                        one_of={"change": ("position_changed", "expelled", "struck_off", "withdrew_from_party")},
                    ),
                    requires=("introduced",),
                ),
                # a transfer is notified by the committee being left, which introduced the member
                Trigger(
                    pattern=P(kind="status_changed", equals={"change": "transferred"}),
                    requires=("introduced",),
                    bearer_field="from_workplace_cell_id_committee",
                ),
                Trigger(
                    pattern=P(
                        kind="status_changed",
                        one_of={"change": ("retired", "left_employment", "died", "moved_abroad")},
                    ),
                    requires=("introduced",),
                    extension=True,
                ),
            ),
            bearer="workplace_committee",
            recipients=("residence_cell", "residence_commune"),
            evidence=(
                about_trigger("status_change_notified", recipient_field="to_org_id"),
            ),
            deadline=TIMELY,
            survives_end=True,
        ),
    ),
    # Lead the inspection and supervision of the member.
    Obligation(
        id="D3.K3a",
        citation=Citation(article=3, clause=3),
        text_vi=(
            "Chủ trì, phối hợp với cấp uỷ cơ sở nơi đảng viên cư trú kiểm tra, giám sát đảng "
            "viên thực hiện nhiệm vụ nơi cư trú;",
        ),
        summary_en=(
            "The workplace Party committee leads, with the residence grassroots committee, the "
            "inspection and supervision of the member's performance of the residence duties."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=(),
        interpretation=(
            "The text sets no period: conduct, ongoing, with joint inspections listed as "
            "evidence. A breach record names a member's own duty, so this committee duty is "
            "never violated by one (semantics §13, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_once"),),
            bearer="workplace_committee",
            evidence=(
                Evidence(
                    pattern=P(kind="joint_inspection_held", equals={"in_member_ids": True}),
                    same={"member": "member"},
                    timing="any",
                    effect="supports",
                ),
            ),
        ),
    ),
    # Commend members who perform well.
    Obligation(
        id="D3.K3b",
        citation=Citation(article=3, clause=3),
        text_vi=(
            "biểu dương những đảng viên thực hiện tốt",
        ),
        summary_en=(
            "The workplace Party committee commends the members who perform their residence "
            "duties well."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.DISCRETIONARY,
        violation_grounds=(),
        interpretation=(
            "Discretionary: always ongoing and never overdue; commendations granted by the "
            "workplace side are listed (semantics, obligations, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_once"),),
            bearer="workplace_committee",
            evidence=(
                Evidence(
                    pattern=P(kind="commendation_granted", one_of={"by_org_id_kind": WORK_KINDS}),
                    same={"member": "member"},
                    timing="any",
                    effect="supports",
                ),
                Evidence(
                    pattern=P(kind="follow_up_recorded", equals={"action": "commended"}),
                    same={"member": "member"},
                    timing="any",
                    effect="supports",
                ),
            ),
        ),
    ),
    # Follow up on a member who falls short.
    Obligation(
        id="D3.K3c",
        citation=Citation(article=3, clause=3),
        text_vi=(
            "và nhắc nhở, phê bình hoặc xem xét xử lý theo quy định đối với những đảng viên chưa "
            "thực hiện nghiêm túc Quy định này.",
        ),
        summary_en=(
            "The workplace Party committee reminds, criticises or considers handling, under the "
            "applicable rules, the members who have not seriously implemented the Regulation."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Triggered by a misconduct report to the workplace side, a handling proposal, or a "
            "forwarded comment form assessed not fulfilled; fulfilled by a recorded follow-up. "
            "Whether to discipline stays the committee's decision: the engine only checks that "
            "it followed up (interpretation Q2; semantics §13)."
        ),
        rule=Rule(
            triggers=(
                Trigger(pattern=P(kind="misconduct_reported", one_of={"to_org_id_kind": WORK_KINDS})),
                Trigger(pattern=P(kind="handling_proposed")),
                Trigger(pattern=P(kind="comment_form_forwarded", equals={"form_assessment": "not_fulfilled"})),
            ),
            bearer="workplace_committee",
            evidence=(about_trigger("follow_up_recorded"),),
            deadline=TIMELY,
        ),
    ),
    # Collect the residence comments every year.
    Obligation(
        id="D3.K4a",
        citation=Citation(article=3, clause=4),
        text_vi=(
            "Định kỳ hằng năm tổ chức lấy ý kiến nhận xét của chi uỷ, chi bộ đối với đảng viên "
            "của mình thực hiện nhiệm vụ nơi cư trú.",
        ),
        summary_en=(
            "Every year the workplace Party committee organises the collection of the residence "
            "Party cells' comments on its members."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.PERIODIC,
        deadline_param="chain_step_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Yearly, in calendar years. Due on the D4.K4a deadline, counted back from the review "
            "date R; a request naming the member by then, or the form arriving by R, fulfils it "
            "(interpretation Q3; semantics §4, §11)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_year"),),
            bearer="workplace_committee",
            evidence=(
                Evidence(
                    pattern=P(kind="comments_requested", equals={"in_member_ids": True}),
                    same={"member": "member", "year": "year", "from_org_id_committee": "bearer"},
                    timing="any",
                ),
                Evidence(
                    pattern=P(kind="comment_form_forwarded"),
                    same={"member": "member", "form_year": "year", "to_org_id_committee": "bearer"},
                    timing="any",
                    by="review",
                    reason="form_received_by_review",
                ),
            ),
            deadline=Deadline(
                anchor="review_date", minus=("comment_lead_days", "chain_step_days", "chain_step_days", "chain_step_days")
            ),
            requires_registration=True,
        ),
    ),
    # Consult the residence before an appointment or nomination.
    Obligation(
        id="D3.K4b",
        citation=Citation(article=3, clause=4),
        text_vi=(
            "Cử đại diện cấp uỷ gặp gỡ, trao đổi với cấp uỷ nơi đảng viên cư trú để nắm tình "
            "hình và lấy ý kiến nhận xét trước khi bổ nhiệm, giới thiệu ứng cử",
        ),
        summary_en=(
            "Before appointing or nominating a member, the workplace Party committee sends "
            "representatives to meet the residence Party committee to learn the situation and "
            "collect comments."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.GATE,
        violation_grounds=("decided_without_consultation",),
        interpretation=(
            "A gate on the decision date: a consultation on or before it fulfils it, a decision "
            "without one is violated; a cancellation after the decision is ignored; optional "
            "consultation_max_age_days (interpretation Q2, Q14; semantics §11)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="personnel_action_planned")),),
            bearer="workplace_committee",
            evidence=(
                Evidence(
                    pattern=P(kind="residence_consultation_held"),
                    same={"about_event_id": "id"},
                    timing="any",
                ),
                Evidence(
                    pattern=P(kind="personnel_action_cancelled"),
                    same={"about_event_id": "id"},
                    timing="any",
                    effect="cancels",
                    reason="action_cancelled",
                ),
            ),
            deadline=Deadline(anchor="decision_date"),
            gate="decision",
            violated_reason="decided_without_consultation",
        ),
    ),
    # Consult the residence on a disputed comment.
    Obligation(
        id="D3.K4c",
        citation=Citation(article=3, clause=4),
        text_vi=(
            "Cử đại diện cấp uỷ gặp gỡ, trao đổi với cấp uỷ nơi đảng viên cư trú để nắm tình "
            "hình và lấy ý kiến nhận xét",
            "hoặc khi đảng viên cho rằng việc nhận xét của nơi cư trú chưa khách quan.",
        ),
        summary_en=(
            "When the member considers the residence comments not objective, the workplace Party "
            "committee sends representatives to meet the residence Party committee."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.ON_REQUEST,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "The member's dispute of a comment form is the request; timely_days bounds the "
            "response (docs/policy.md)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="comment_disputed")),),
            bearer="workplace_committee",
            evidence=(about_trigger("residence_consultation_held"),),
            deadline=TIMELY,
        ),
    ),
    # Tell the member the residence comments at the year-end review.
    Obligation(
        id="D3.K5a",
        citation=Citation(article=3, clause=5),
        text_vi=(
            "Thông báo cho đảng viên biết về ý kiến nhận xét, đánh giá của cấp uỷ nơi cư trú tại "
            "cuộc họp kiểm điểm, đánh giá cuối năm",
        ),
        summary_en=(
            "The workplace Party committee tells the member the residence Party committee's "
            "comments and evaluation at the year-end review meeting."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.GATE,
        deadline_param="annual_review_fallback",
        violation_grounds=("review_held_without_communication", "overdue_beyond_limit"),
        interpretation=(
            "A gate on the review actually held. When no comment form arrived it is not "
            "applicable (the finding stays on the residence side); a review held without "
            "communicating a form that arrived is violated; no review recorded by R makes it "
            "overdue (interpretation Q2; semantics §4, §11)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_year"),),
            bearer="workplace_committee",
            evidence=(
                Evidence(
                    pattern=P(kind="comment_form_forwarded"),
                    same={"member": "member", "form_year": "year", "to_org_id_committee": "bearer"},
                    timing="any",
                    by="review",
                    effect="precondition",
                    reason="no_comment_received",
                ),
                Evidence(
                    pattern=P(kind="comments_communicated"),
                    same={"member": "member", "year": "year"},
                    timing="any",
                ),
            ),
            deadline=Deadline(anchor="review_date"),
            gate="review",
            violated_reason="review_held_without_communication",
        ),
    ),
    # Tell the member the residence comments when necessary.
    Obligation(
        id="D3.K5b",
        citation=Citation(article=3, clause=5),
        text_vi=(
            "Thông báo cho đảng viên biết về ý kiến nhận xét, đánh giá của cấp uỷ nơi cư trú",
            "hoặc khi cần thiết.",
        ),
        summary_en=(
            "The workplace Party committee tells the member the residence comments whenever it "
            "is necessary."
        ),
        bearer=Role.WORKPLACE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.DISCRETIONARY,
        violation_grounds=(),
        interpretation=(
            '"Khi cần thiết" is left to the committee: discretionary, with no evidence event '
            "(semantics §18)."
        ),
        rule=Rule(triggers=(Trigger(source="member_once"),), bearer="workplace_committee"),
    ),
)
