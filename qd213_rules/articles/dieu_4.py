"""Điều 4 — Nhiệm vụ của tổ chức đảng nơi đảng viên đang công tác cư trú.

Article 4. Tasks of the Party organisation where the working member resides (Quy định 213-QĐ/TW).

    Điều 4. Nhiệm vụ của tổ chức đảng nơi đảng viên đang công tác cư trú

    1. Đảng uỷ xã, phường, thị trấn tiếp nhận và lập danh sách đảng viên đang công tác được giới
    thiệu về sinh hoạt, giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú ở địa phương mình;
    giới thiệu về cho các chi uỷ, chi bộ thôn, bản, khối phố.

    2. Chi bộ thôn, bản, khu dân cư tiếp nhận và lập danh sách đảng viên đang công tác tham gia
    sinh hoạt, giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú ở đơn vị mình và thông báo
    cho từng đảng viên biết để liên hệ trong việc thực hiện nhiệm vụ đảng viên nơi cư trú; đồng
    thời, tạo điều kiện cho đảng viên thực hiện nhiệm vụ.

    3. Định kỳ 6 tháng hoặc khi cần thiết, đảng uỷ xã, phường, thị trấn chỉ đạo chi uỷ, chi bộ trực
    thuộc tổ chức họp đảng viên đang công tác cư trú trên địa bàn để thông báo tình hình, nhiệm vụ
    của địa phương hoặc chuyên đề cần tham khảo ý kiến đảng viên đang công tác để đảng viên nắm
    được thông tin, tham gia góp ý kiến.

    4. Định kỳ hằng năm, chi uỷ hoặc bí thư chi bộ (nơi không có chi uỷ) họp với ban công tác mặt
    trận thôn, bản, khu dân cư để nhận xét từng đảng viên đang công tác thực hiện nhiệm vụ nơi cư
    trú trên địa bàn mình theo phiếu nhận xét và gửi về đảng uỷ xã, phường, thị trấn. Đề xuất với
    đảng uỷ xã, phường, thị trấn biểu dương, khen thưởng những đảng viên đang công tác có thành
    tích xuất sắc trong thực hiện nhiệm vụ đảng viên nơi cư trú. Kịp thời phản ánh với đảng uỷ xã,
    phường, thị trấn và cấp uỷ nơi đảng viên đang công tác khi đảng viên có hành vi vi phạm pháp
    luật; thiếu trách nhiệm nêu gương; vi phạm nghiêm trọng nội quy, quy định của địa phương hoặc
    chưa chấp hành tốt Quy định này.

    5. Đảng uỷ xã, phường, thị trấn xác nhận phiếu nhận xét của chi uỷ, chi bộ nơi cư trú đối với
    đảng viên đang công tác và gửi cho đảng uỷ cơ sở nơi đảng viên công tác. Biểu dương, khen
    thưởng hoặc đề nghị cấp uỷ cơ sở nơi đảng viên công tác biểu dương, khen thưởng những đảng viên
    có thành tích xuất sắc trong thực hiện nhiệm vụ đảng viên nơi cư trú. Đề nghị cấp uỷ cơ sở nơi
    đảng viên công tác xem xét xử lý theo quy định đối với những đảng viên chưa thực hiện tốt.

    6. Khi có yêu cầu của cấp uỷ nơi đảng viên công tác, đảng uỷ xã, phường, thị trấn phối hợp kiểm
    tra, giám sát đối với đảng viên đang công tác thực hiện nhiệm vụ nơi cư trú.

English gloss: the tasks of the Party organisations where the working member resides. The commune
Party committee receives and lists introduced members and passes them on to the residence cells;
directs half-yearly meetings of working members; certifies the yearly comment forms and forwards
them to the workplace; commends, or proposes commendation of, outstanding members and proposes the
handling of those who fall short; and joins inspections on the workplace committee's request. The
residence cell registers and informs each member and supports them; holds the meetings; comments on
each member every year with the Front work committee and sends the forms to the commune; proposes
commendations; and promptly reports a member's misconduct to the commune and to the workplace.

"Đảng uỷ xã, phường, thị trấn" is read as today's commune level (xã, phường, đặc khu) (decisions.md
Q13).

>>> [obligation.id for obligation in OBLIGATIONS]  # doctest: +NORMALIZE_WHITESPACE
['D4.K1a', 'D4.K1b', 'D4.K2a', 'D4.K2b', 'D4.K2c', 'D4.K3a', 'D4.K3b', 'D4.K4a', 'D4.K4b',
 'D4.K4c', 'D4.K4d', 'D4.K5a', 'D4.K5b', 'D4.K5c', 'D4.K5d', 'D4.K6']
"""

from __future__ import annotations

from ._common import about_trigger, chain_step, P, TIMELY
from ._model import Citation, Kind, Obligation, Role, SubjectType
from ._rule import Deadline, Evidence, Rule, Trigger

__all__ = ["OBLIGATIONS"]

OBLIGATIONS: tuple[Obligation, ...] = (
    # Receive and list introduced members.
    Obligation(
        id="D4.K1a",
        citation=Citation(article=4, clause=1),
        text_vi=(
            "Đảng uỷ xã, phường, thị trấn tiếp nhận và lập danh sách đảng viên đang công tác "
            "được giới thiệu về sinh hoạt, giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư "
            "trú ở địa phương mình;",
        ),
        summary_en=(
            "The commune Party committee receives and lists the working members introduced to it "
            "for activities and contact at the place of residence."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "A step of the introduction chain, triggered by the introduction letter, within "
            "timely_days. The commune level now covers xã, phường and đặc khu (interpretation Q1, "
            "Q12, Q13; semantics §3)."
        ),
        rule=chain_step("introduction_sent", "to_org_id", "residence_commune", about_trigger("introduction_received")),
    ),
    # Pass introduced members on to the residence cells.
    Obligation(
        id="D4.K1b",
        citation=Citation(article=4, clause=1),
        text_vi=(
            "giới thiệu về cho các chi uỷ, chi bộ thôn, bản, khối phố.",
        ),
        summary_en=(
            "The commune Party committee introduces those members to the Party cells of the "
            "villages, hamlets and urban blocks."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "A step of the introduction chain, triggered by the commune's reception, within "
            "timely_days (interpretation Q1, Q12; semantics §3)."
        ),
        rule=chain_step(
            "introduction_received",
            "org_id",
            "residence_commune",
            Evidence(pattern=P(kind="introduction_forwarded"), same={"member": "member", "from_org_id": "bearer"}),
        ),
    ),
    # Register the introduced member at the cell.
    Obligation(
        id="D4.K2a",
        citation=Citation(article=4, clause=2),
        text_vi=(
            "Chi bộ thôn, bản, khu dân cư tiếp nhận và lập danh sách đảng viên đang công tác "
            "tham gia sinh hoạt, giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú ở đơn "
            "vị mình",
        ),
        summary_en=(
            "The residence Party cell receives and lists the working members who take part in "
            "activities and keep in contact in its unit."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "A step of the introduction chain, triggered by the commune's forwarding, within "
            "timely_days; registration starts the member's residence-side duties (decisions.md "
            "Q1, Q12; semantics §3)."
        ),
        rule=chain_step(
            "introduction_forwarded",
            "to_org_id",
            "residence_cell",
            Evidence(pattern=P(kind="member_registered"), same={"member": "member", "org_id": "bearer"}),
        ),
    ),
    # Inform each registered member.
    Obligation(
        id="D4.K2b",
        citation=Citation(article=4, clause=2),
        text_vi=(
            "và thông báo cho từng đảng viên biết để liên hệ trong việc thực hiện nhiệm vụ đảng "
            "viên nơi cư trú;",
        ),
        summary_en=(
            "The residence Party cell informs each member, so that they can make contact in "
            "performing their residence duties."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "The last step of the introduction chain, triggered by the registration, within "
            "timely_days (interpretation Q1, Q12; semantics §3)."
        ),
        rule=chain_step(
            "member_registered",
            "org_id",
            "residence_cell",
            Evidence(pattern=P(kind="member_notified"), same={"member": "member", "org_id": "bearer"}),
        ),
    ),
    # Support members in their residence duties.
    Obligation(
        id="D4.K2c",
        citation=Citation(article=4, clause=2),
        text_vi=(
            "đồng thời, tạo điều kiện cho đảng viên thực hiện nhiệm vụ.",
        ),
        summary_en=(
            "The residence Party cell creates conditions for the members to perform their tasks."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.CONDUCT,
        violation_grounds=(),
        interpretation=(
            "Organisation-level conduct, one result per residence cell: always ongoing, since a "
            "breach record names a member's own duty (semantics §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="org_once"),),
            bearer="residence_cell",
            evidence=(
                Evidence(
                    pattern=P(kind="meeting_held", equals={"meeting_type": "working_members"}),
                    same={"org_id": "subject"},
                    timing="any",
                    effect="supports",
                ),
            ),
        ),
    ),
    # Direct the half-yearly meetings of working members.
    Obligation(
        id="D4.K3a",
        citation=Citation(article=4, clause=3),
        text_vi=(
            "Định kỳ 6 tháng hoặc khi cần thiết, đảng uỷ xã, phường, thị trấn chỉ đạo chi uỷ, "
            "chi bộ trực thuộc",
        ),
        summary_en=(
            "Every six months, or when necessary, the commune Party committee directs its "
            "subordinate cells to hold meetings of the working members residing in the area."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.PERIODIC,
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Calendar half-years: one result per commune per half, fulfilled by the union of the "
            "half's directives covering every cell that owes D4.K3b; due until the half ends "
            "(interpretation Q10; semantics §5, §11)."
        ),
        rule=Rule(
            triggers=(Trigger(source="commune_half_year"),),
            bearer="residence_commune",
            recipients=("owing_cells",),
            partial_reason="cells_not_directed",
            evidence=(
                Evidence(
                    pattern=P(kind="meeting_directed"),
                    same={"org_id": "subject"},
                    timing="within_period",
                    recipient_field="to_org_ids_item",
                ),
            ),
            deadline=Deadline(anchor="period_end"),
        ),
    ),
    # Hold the half-yearly meeting of working members.
    Obligation(
        id="D4.K3b",
        citation=Citation(article=4, clause=3),
        text_vi=(
            "Định kỳ 6 tháng hoặc khi cần thiết,",
            "chi uỷ, chi bộ trực thuộc tổ chức họp đảng viên đang công tác cư trú trên địa bàn "
            "để thông báo tình hình, nhiệm vụ của địa phương hoặc chuyên đề cần tham khảo ý kiến "
            "đảng viên đang công tác để đảng viên nắm được thông tin, tham gia góp ý kiến.",
        ),
        summary_en=(
            "Every six months, or when necessary, the residence Party cell holds a meeting of "
            "the working members residing in its area to inform them of local matters and "
            "consult them."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.PERIODIC,
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Owed by each residence cell, as directed by its commune, for every half-year in "
            "which a regular member is registered there at least min_notice_days before the half "
            "ends; any working-members meeting of the cell in the half fulfils it, ad-hoc ones "
            "included; due until the half ends (interpretation Q10; semantics §5)."
        ),
        rule=Rule(
            triggers=(Trigger(source="residence_cell_half_year"),),
            bearer="residence_cell",
            evidence=(
                Evidence(
                    pattern=P(kind="meeting_held", equals={"meeting_type": "working_members"}),
                    same={"org_id": "subject"},
                    timing="within_period",
                ),
            ),
            deadline=Deadline(anchor="period_end"),
        ),
    ),
    # Comment on each member every year.
    Obligation(
        id="D4.K4a",
        citation=Citation(article=4, clause=4),
        text_vi=(
            "Định kỳ hằng năm, chi uỷ hoặc bí thư chi bộ (nơi không có chi uỷ) họp với ban công "
            "tác mặt trận thôn, bản, khu dân cư để nhận xét từng đảng viên đang công tác thực "
            "hiện nhiệm vụ nơi cư trú trên địa bàn mình theo phiếu nhận xét",
        ),
        summary_en=(
            "Every year the residence cell committee, or the cell secretary where there is none, "
            "meets the Front work committee to comment on each working member on the comment "
            "form."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.MEMBER,
        kind=Kind.PERIODIC,
        deadline_param="chain_step_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Owed by the cell where the member is registered on the deadline for at least "
            "min_days_for_comment days, else the previous cell, else by none that year; a form "
            "issued without the Front work committee does not fulfil it; the deadline counts "
            "back from the review date R (interpretation Q3, Q11, Q19; semantics §4)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_year"),),
            bearer="comment_cell",
            evidence=(
                Evidence(
                    pattern=P(kind="comment_form_issued", equals={"with_front_committee": True}),
                    same={"member": "member", "year": "year", "org_id": "bearer"},
                    timing="any",
                ),
                Evidence(
                    pattern=P(kind="comment_form_issued", equals={"with_front_committee": False}),
                    same={"member": "member", "year": "year", "org_id": "bearer"},
                    timing="any",
                    effect="defective",
                    reason="front_committee_absent",
                ),
            ),
            deadline=Deadline(
                anchor="review_date", minus=("comment_lead_days", "chain_step_days", "chain_step_days", "chain_step_days")
            ),
            requires_registration=True,
        ),
    ),
    # Send the comment forms to the commune.
    Obligation(
        id="D4.K4b",
        citation=Citation(article=4, clause=4),
        text_vi=(
            "và gửi về đảng uỷ xã, phường, thị trấn.",
        ),
        summary_en=(
            "The residence Party cell sends the comment forms to the commune Party committee."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="chain_step_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "A step of the yearly chain, triggered once a form is issued; due chain_step_days "
            "before the D4.K5a deadline (interpretation Q3; semantics §4, §11)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="comment_form_issued"), bearer_field="org_id", key="period"),),
            evidence=(about_trigger("comment_form_sent"),),
            deadline=Deadline(anchor="review_date", minus=("comment_lead_days", "chain_step_days", "chain_step_days")),
        ),
    ),
    # Propose commending an outstanding member.
    Obligation(
        id="D4.K4c",
        citation=Citation(article=4, clause=4),
        text_vi=(
            "Đề xuất với đảng uỷ xã, phường, thị trấn biểu dương, khen thưởng những đảng viên "
            "đang công tác có thành tích xuất sắc trong thực hiện nhiệm vụ đảng viên nơi cư trú.",
        ),
        summary_en=(
            "The residence Party cell proposes to the commune Party committee the commendation "
            "and reward of members with outstanding achievements."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.MEMBER,
        kind=Kind.DISCRETIONARY,
        violation_grounds=(),
        interpretation=(
            "Discretionary: always ongoing and never overdue; proposals by the cell are listed. "
            "It starts once the member is registered and notified at the cell (semantics, obligations, "
            "§3, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_once"),),
            bearer="residence_cell",
            requires_registration=True,
            evidence=(
                Evidence(
                    pattern=P(kind="commendation_proposed", equals={"from_org_id_kind": "residence_cell"}),
                    same={"member": "member"},
                    timing="any",
                    effect="supports",
                ),
            ),
        ),
    ),
    # Report a member's misconduct.
    Obligation(
        id="D4.K4d",
        citation=Citation(article=4, clause=4),
        text_vi=(
            "Kịp thời phản ánh với đảng uỷ xã, phường, thị trấn và cấp uỷ nơi đảng viên đang "
            "công tác khi đảng viên có hành vi vi phạm pháp luật; thiếu trách nhiệm nêu gương; "
            "vi phạm nghiêm trọng nội quy, quy định của địa phương hoặc chưa chấp hành tốt Quy "
            "định này.",
        ),
        summary_en=(
            "The residence Party cell promptly reports to the commune committee and the "
            "workplace Party committee when a member breaks the law, fails to set an example, "
            "seriously breaches local rules or has not complied well with this Regulation."
        ),
        bearer=Role.RESIDENCE_CELL,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Triggered by observed misconduct; both the commune and the workplace side must be "
            "reached within timely_days. The cell's duty is to report: the member's conduct is "
            "judged under D3.K3c (interpretation Q1; semantics §6)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="misconduct_observed"), bearer_field="org_id"),),
            recipients=("residence_commune", "workplace_side"),
            evidence=(
                about_trigger("misconduct_reported", recipient_field="to_org_id"),
            ),
            deadline=TIMELY,
        ),
    ),
    # Certify the comment forms.
    Obligation(
        id="D4.K5a",
        citation=Citation(article=4, clause=5),
        text_vi=(
            "Đảng uỷ xã, phường, thị trấn xác nhận phiếu nhận xét của chi uỷ, chi bộ nơi cư trú "
            "đối với đảng viên đang công tác",
        ),
        summary_en=(
            "The commune Party committee certifies the residence cells' comment forms on working "
            "members."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="chain_step_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "A step of the yearly chain, triggered once the form is sent; due chain_step_days "
            "before the D4.K5b deadline (interpretation Q3; semantics §4, §11)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="comment_form_sent"), bearer_field="to_org_id", key="period"),),
            evidence=(Evidence(pattern=P(kind="comment_form_certified"), same={"about_event_id": "about_event_id"}),),
            deadline=Deadline(anchor="review_date", minus=("comment_lead_days", "chain_step_days")),
        ),
    ),
    # Forward the forms to the workplace.
    Obligation(
        id="D4.K5b",
        citation=Citation(article=4, clause=5),
        text_vi=(
            "và gửi cho đảng uỷ cơ sở nơi đảng viên công tác.",
        ),
        summary_en=(
            "The commune Party committee sends the certified forms to the member's workplace "
            "grassroots committee."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="comment_lead_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "A step of the yearly chain, triggered once the form is certified; due "
            "comment_lead_days before the review date R (interpretation Q3; semantics §4, "
            "§11)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="comment_form_certified"), bearer_field="org_id", key="period"),),
            evidence=(Evidence(pattern=P(kind="comment_form_forwarded"), same={"about_event_id": "about_event_id"}),),
            deadline=Deadline(anchor="review_date", minus=("comment_lead_days",)),
        ),
    ),
    # Commend an outstanding member, or propose it.
    Obligation(
        id="D4.K5c",
        citation=Citation(article=4, clause=5),
        text_vi=(
            "Biểu dương, khen thưởng hoặc đề nghị cấp uỷ cơ sở nơi đảng viên công tác biểu "
            "dương, khen thưởng những đảng viên có thành tích xuất sắc trong thực hiện nhiệm vụ "
            "đảng viên nơi cư trú.",
        ),
        summary_en=(
            "The commune Party committee commends and rewards members with outstanding "
            "achievements, or proposes that their workplace committee do so."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.DISCRETIONARY,
        violation_grounds=(),
        interpretation=(
            "Discretionary: always ongoing and never overdue; commendations and proposals by the "
            "commune are listed. It starts once the member is registered and notified at a "
            "residence cell of the commune (semantics, obligations, §3, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_once"),),
            bearer="residence_commune",
            requires_registration=True,
            evidence=(
                Evidence(
                    pattern=P(kind="commendation_proposed", equals={"from_org_id_kind": "commune_committee"}),
                    same={"member": "member"},
                    timing="any",
                    effect="supports",
                ),
                Evidence(
                    pattern=P(kind="commendation_granted", equals={"by_org_id_kind": "commune_committee"}),
                    same={"member": "member"},
                    timing="any",
                    effect="supports",
                ),
            ),
        ),
    ),
    # Propose handling of a member who falls short.
    Obligation(
        id="D4.K5d",
        citation=Citation(article=4, clause=5),
        text_vi=(
            "Đề nghị cấp uỷ cơ sở nơi đảng viên công tác xem xét xử lý theo quy định đối với "
            "những đảng viên chưa thực hiện tốt.",
        ),
        summary_en=(
            "The commune Party committee proposes that the workplace Party committee consider "
            "handling the members who have not performed well."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Triggered by a certified form assessed not fulfilled or a misconduct report to the "
            "commune; fulfilled by a handling proposal from the commune within timely_days "
            "(semantics §13, §18)."
        ),
        rule=Rule(
            triggers=(
                Trigger(
                    pattern=P(kind="comment_form_certified", equals={"form_assessment": "not_fulfilled"}),
                    bearer_field="org_id",
                ),
                Trigger(
                    pattern=P(kind="misconduct_reported", equals={"to_org_id_kind": "commune_committee"}),
                    bearer_field="to_org_id",
                ),
            ),
            evidence=(
                Evidence(pattern=P(kind="handling_proposed"), same={"member": "member", "from_org_id": "bearer"}),
            ),
            deadline=TIMELY,
        ),
    ),
    # Join an inspection on request.
    Obligation(
        id="D4.K6",
        citation=Citation(article=4, clause=6),
        text_vi=(
            "Khi có yêu cầu của cấp uỷ nơi đảng viên công tác, đảng uỷ xã, phường, thị trấn phối "
            "hợp kiểm tra, giám sát đối với đảng viên đang công tác thực hiện nhiệm vụ nơi cư "
            "trú.",
        ),
        summary_en=(
            "At the request of the member's workplace Party committee, the commune Party "
            "committee coordinates in inspecting and supervising the member's residence duties."
        ),
        bearer=Role.COMMUNE_COMMITTEE,
        subject=SubjectType.MEMBER,
        kind=Kind.ON_REQUEST,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "One occasion per member named in the request; timely_days from the request bounds "
            "it. A joint inspection that names a request (about_event_id) answers that request "
            "only; one that names none answers any request for the member (semantics, obligations; docs/policy.md)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="inspection_requested", equals={"in_member_ids": True}), bearer_field="to_org_id"),),
            evidence=(
                # an inspection that names no request answers any request for the member …
                Evidence(
                    pattern=P(kind="joint_inspection_held", equals={"in_member_ids": True, "about_event_given": False}),
                    same={"member": "member", "org_ids_item": "bearer"},
                ),
                # … one that names a request answers that request only
                Evidence(
                    pattern=P(kind="joint_inspection_held", equals={"in_member_ids": True}),
                    same={"member": "member", "org_ids_item": "bearer", "about_event_id": "id"},
                ),
            ),
            deadline=TIMELY,
        ),
    ),
)
