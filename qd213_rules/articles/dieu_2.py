"""Điều 2 — Nhiệm vụ của đảng viên đang công tác ở nơi cư trú.

Article 2. Tasks of working Party members at the place of residence (Quy định 213-QĐ/TW).

    Điều 2. Nhiệm vụ của đảng viên đang công tác ở nơi cư trú

    1. Nêu gương về phẩm chất chính trị, đạo đức, lối sống và vai trò tiền phong, gương mẫu của
    người cán bộ, đảng viên trước nhân dân nơi cư trú.

    2. Gương mẫu thực hiện nghĩa vụ công dân; tuyên truyền, vận động gia đình và nhân dân trên địa
    bàn dân cư thực hiện các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và
    các quy định của địa phương nơi cư trú.

    3. Tham gia đầy đủ, nghiêm túc các cuộc họp định kỳ và tích cực tham gia các cuộc họp khác do
    cấp uỷ nơi cư trú triệu tập. Tích cực tham gia góp ý kiến với chi uỷ, chi bộ, đảng uỷ cơ sở nơi
    cư trú về các công việc chung của địa phương, nhất là những vấn đề bức xúc ở thôn, bản, tổ dân
    phố.

    4. Tham gia các cuộc họp của nhân dân nơi cư trú; thường xuyên giữ mối liên hệ với chi uỷ,
    trưởng thôn, bản, tổ trưởng dân phố, ban công tác mặt trận nơi cư trú để nắm bắt tình hình nhân
    dân; phản ánh những ý kiến của nhân dân tới cơ quan có thẩm quyền.

    5. Tuyên truyền, vận động nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền ở cơ sở,
    giám sát cán bộ, đảng viên trong việc tu dưỡng, rèn luyện đạo đức, lối sống và thực hiện trách
    nhiệm nêu gương.

    6. Tham gia và vận động các thành viên trong gia đình tham gia các cuộc vận động, các phong
    trào thi đua do địa phương phát động. Vận động gia đình và nhân dân xây dựng mối quan hệ gắn bó
    đoàn kết, xây dựng đời sống văn hoá ở khu dân cư.

    7. Báo cáo kết quả thực hiện các nhiệm vụ tại Điều 2 Quy định này với chi uỷ nơi công tác vào
    dịp kiểm điểm, đánh giá đảng viên hằng năm. Kịp thời báo cáo với chi uỷ nơi công tác và nơi cư
    trú khi chuyển sang nơi cư trú khác.

English gloss: the seven tasks of a working member at the place of residence: set an example;
fulfil civic obligations and mobilise family and residents to follow the Party's lines, the law and
local rules; attend the periodic and other meetings convened by the residence Party committee and
contribute opinions; attend residents' meetings, keep in contact with local leaders and convey
residents' opinions; mobilise residents to help build the Party and the grassroots government and
to supervise cadres; take part, with the family, in local campaigns, solidarity and cultural life;
and report on all this to the workplace cell committee at the yearly review, and promptly to both
cell committees on moving house.

>>> [obligation.id for obligation in OBLIGATIONS]  # doctest: +NORMALIZE_WHITESPACE
['D2.K1', 'D2.K2a', 'D2.K2b', 'D2.K3a', 'D2.K3b', 'D2.K3c', 'D2.K4a', 'D2.K4b', 'D2.K4c',
 'D2.K5', 'D2.K6a', 'D2.K6b', 'D2.K6c', 'D2.K7a', 'D2.K7b']
"""

from __future__ import annotations

from ._common import about_trigger, attended, COMMENT_FORM, conduct, P, supports, TIMELY
from ._model import Citation, Kind, Obligation, Role, SubjectType
from ._rule import Deadline, Evidence, Rule, Trigger

__all__ = ["OBLIGATIONS"]

OBLIGATIONS: tuple[Obligation, ...] = (
    # Set an example to the residents.
    Obligation(
        id="D2.K1",
        citation=Citation(article=2, clause=1),
        text_vi=(
            "Nêu gương về phẩm chất chính trị, đạo đức, lối sống và vai trò tiền phong, gương "
            "mẫu của người cán bộ, đảng viên trước nhân dân nơi cư trú.",
        ),
        summary_en=(
            "The working member sets an example in political qualities, ethics and lifestyle, "
            "and in the vanguard role of a cadre and Party member, before the people of the "
            "residence."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(COMMENT_FORM),
    ),
    # Fulfil civic obligations.
    Obligation(
        id="D2.K2a",
        citation=Citation(article=2, clause=2),
        text_vi=(
            "Gương mẫu thực hiện nghĩa vụ công dân;",
        ),
        summary_en="The working member fulfils civic obligations in an exemplary way.",
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(COMMENT_FORM),
    ),
    # Mobilise family and residents to follow the law.
    Obligation(
        id="D2.K2b",
        citation=Citation(article=2, clause=2),
        text_vi=(
            "tuyên truyền, vận động gia đình và nhân dân trên địa bàn dân cư thực hiện các chủ "
            "trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và các quy định của "
            "địa phương nơi cư trú.",
        ),
        summary_en=(
            "The working member propagates to and mobilises the family and the residents to "
            "carry out the Party's lines, the State's policies and laws, and the rules of the "
            "locality."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(COMMENT_FORM),
    ),
    # Attend the periodic meetings.
    Obligation(
        id="D2.K3a",
        citation=Citation(article=2, clause=3),
        text_vi=(
            "Tham gia đầy đủ, nghiêm túc các cuộc họp định kỳ",
        ),
        summary_en=(
            "The working member attends, fully and seriously, the periodic meetings convened by "
            "the residence Party committee."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.GATE,
        violation_grounds=("absent_without_excuse",),
        interpretation=(
            "The periodic meetings are the periodic working-members meetings held by the "
            "member's residence cell, for members registered and notified there by the meeting "
            "date (and invited, when invitations are recorded). Ad-hoc meetings (periodic: "
            "false) and meetings convened by the commune are the other meetings of D2.K3b. "
            "Each periodic meeting is an occasion: attended is fulfilled, an excused absence is "
            "not applicable, an unexcused absence is violated (interpretation Q2; semantics §5, R1)."
        ),
        rule=Rule(
            triggers=(Trigger(source="working_members_meeting"),),
            evidence=(
                Evidence(
                    pattern=P(kind="meeting_held", equals={"in_attendee_ids": True}),
                    same={"event": "meeting_id", "member": "member"},
                    timing="any",
                    reason="attended",
                ),
                Evidence(
                    pattern=P(kind="meeting_held", equals={"in_excused_ids": True}),
                    same={"event": "meeting_id", "member": "member"},
                    timing="any",
                    effect="excuses",
                    reason="excused_absence",
                ),
                Evidence(
                    pattern=P(kind="meeting_held", equals={"attendance_recorded": False}),
                    same={"event": "meeting_id"},
                    timing="any",
                    effect="excuses",
                    reason="attendance_unknown",
                ),
            ),
            deadline=Deadline(anchor="occasion"),
            gate="meeting",
            violated_reason="absent_without_excuse",
            requires_registration=True,
        ),
    ),
    # Attend other residence meetings.
    Obligation(
        id="D2.K3b",
        citation=Citation(article=2, clause=3),
        text_vi=(
            "và tích cực tham gia các cuộc họp khác do cấp uỷ nơi cư trú triệu tập.",
        ),
        summary_en=(
            "The working member actively attends the other meetings convened by the residence "
            "Party committee."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        interpretation=(
            '"Tích cực" is a best-effort standard: conduct, not a duty per meeting; attendance '
            "at the other meetings — meetings of type other, ad-hoc working-members meetings "
            "(periodic: false) and meetings convened by the commune — is listed as evidence; an "
            "absence from them is never a finding (interpretation Q9; semantics R1)."
        ),
        rule=conduct(
            attended("other"),
            supports("meeting_held", meeting_type="working_members", periodic=False, in_attendee_ids=True),
            supports(
                "meeting_held", meeting_type="working_members", org_id_kind="commune_committee", in_attendee_ids=True
            ),
        ),
    ),
    # Contribute opinions on local affairs.
    Obligation(
        id="D2.K3c",
        citation=Citation(article=2, clause=3),
        text_vi=(
            "Tích cực tham gia góp ý kiến với chi uỷ, chi bộ, đảng uỷ cơ sở nơi cư trú về các "
            "công việc chung của địa phương, nhất là những vấn đề bức xúc ở thôn, bản, tổ dân "
            "phố.",
        ),
        summary_en=(
            "The working member actively contributes opinions to the residence cell committee, "
            "Party cell and grassroots committee on the locality's common affairs, especially "
            "pressing local issues."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(
            supports("opinion_contributed")
        ),
    ),
    # Attend residents' meetings.
    Obligation(
        id="D2.K4a",
        citation=Citation(article=2, clause=4),
        text_vi=(
            "Tham gia các cuộc họp của nhân dân nơi cư trú;",
        ),
        summary_en=(
            "The working member attends the meetings of the people at the place of residence."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        interpretation=(
            "A best-effort standard: conduct, not a duty per meeting; attendance at residents' "
            "meetings is listed as evidence (interpretation Q9; semantics, obligations)."
        ),
        rule=conduct(attended("people")),
    ),
    # Keep in contact with local leaders.
    Obligation(
        id="D2.K4b",
        citation=Citation(article=2, clause=4),
        text_vi=(
            "thường xuyên giữ mối liên hệ với chi uỷ, trưởng thôn, bản, tổ trưởng dân phố, ban "
            "công tác mặt trận nơi cư trú để nắm bắt tình hình nhân dân;",
        ),
        summary_en=(
            "The working member keeps regular contact with the cell committee, the village or "
            "residential-group head and the Front work committee of the residence to understand "
            "the people's situation."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(COMMENT_FORM),
    ),
    # Convey residents' opinions.
    Obligation(
        id="D2.K4c",
        citation=Citation(article=2, clause=4),
        text_vi=(
            "phản ánh những ý kiến của nhân dân tới cơ quan có thẩm quyền.",
        ),
        summary_en="The working member conveys the residents' opinions to the competent bodies.",
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(
            supports("opinion_conveyed")
        ),
    ),
    # Mobilise residents to help build the Party.
    Obligation(
        id="D2.K5",
        citation=Citation(article=2, clause=5),
        text_vi=(
            "Tuyên truyền, vận động nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền "
            "ở cơ sở, giám sát cán bộ, đảng viên trong việc tu dưỡng, rèn luyện đạo đức, lối "
            "sống và thực hiện trách nhiệm nêu gương.",
        ),
        summary_en=(
            "The working member mobilises the people to contribute to building the Party and the "
            "grassroots government and to supervise cadres' and members' ethics, lifestyle and "
            "example-setting."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(COMMENT_FORM),
    ),
    # Take part in local campaigns.
    Obligation(
        id="D2.K6a",
        citation=Citation(article=2, clause=6),
        text_vi=(
            "Tham gia",
            "các cuộc vận động, các phong trào thi đua do địa phương phát động.",
        ),
        summary_en=(
            "The working member personally takes part in the campaigns and emulation movements "
            "launched by the locality."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        interpretation=(
            "Conduct, not a duty per campaign: participation is listed as evidence (semantics "
            '§13 prevails over the obligation table\'s "triggered").'
        ),
        rule=conduct(
            supports("campaign_participation")
        ),
    ),
    # Mobilise the family for local campaigns.
    Obligation(
        id="D2.K6b",
        citation=Citation(article=2, clause=6),
        text_vi=(
            "và vận động các thành viên trong gia đình tham gia các cuộc vận động, các phong "
            "trào thi đua do địa phương phát động.",
        ),
        summary_en=(
            "The working member mobilises the members of the family to take part in the "
            "campaigns and emulation movements launched by the locality."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        interpretation=(
            "Conduct, not a duty per campaign: participation with the family mobilised is listed "
            'as evidence (semantics §13 prevails over obligations.md\'s "triggered").'
        ),
        rule=conduct(
            Evidence(
                pattern=P(kind="campaign_participation", equals={"family_mobilised": True}),
                same={"member": "member"},
                timing="any",
                effect="supports",
            )
        ),
    ),
    # Foster solidarity and cultural life.
    Obligation(
        id="D2.K6c",
        citation=Citation(article=2, clause=6),
        text_vi=(
            "Vận động gia đình và nhân dân xây dựng mối quan hệ gắn bó đoàn kết, xây dựng đời "
            "sống văn hoá ở khu dân cư.",
        ),
        summary_en=(
            "The working member mobilises the family and the people to build close, united "
            "relations and a cultural life in the residential area."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.CONDUCT,
        violation_grounds=("breach_recorded",),
        rule=conduct(COMMENT_FORM),
    ),
    # Report yearly on residence duties.
    Obligation(
        id="D2.K7a",
        citation=Citation(article=2, clause=7),
        text_vi=(
            "Báo cáo kết quả thực hiện các nhiệm vụ tại Điều 2 Quy định này với chi uỷ nơi công "
            "tác vào dịp kiểm điểm, đánh giá đảng viên hằng năm.",
        ),
        summary_en=(
            "The working member reports on performing the Article 2 tasks to the workplace cell "
            "committee at the annual review and evaluation of Party members."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.GATE,
        deadline_param="annual_review_fallback",
        violation_grounds=("review_held_without_report", "overdue_beyond_limit"),
        interpretation=(
            "A gate on the year's review date R: the workplace cell's review held or scheduled, "
            "else the committee's, else annual_review_fallback. A review held without the report "
            "is violated; no review recorded by R makes it overdue. Only a report sent to the "
            "member's workplace cell on the report date counts (interpretation Q2, Q3; "
            "semantics §4, §11, R10)."
        ),
        rule=Rule(
            triggers=(Trigger(source="member_year"),),
            evidence=(
                Evidence(
                    # sent to the member's own workplace cell on the report date (semantics R10)
                    pattern=P(kind="annual_self_report", equals={"to_own_workplace_cell": True}),
                    same={"member": "member", "year": "year"},
                    timing="any",
                ),
            ),
            deadline=Deadline(anchor="review_date"),
            gate="review",
            violated_reason="review_held_without_report",
        ),
    ),
    # Report a change of residence.
    Obligation(
        id="D2.K7b",
        citation=Citation(article=2, clause=7),
        text_vi=(
            "Kịp thời báo cáo với chi uỷ nơi công tác và nơi cư trú khi chuyển sang nơi cư trú "
            "khác.",
        ),
        summary_en=(
            "On moving to another place of residence, the working member promptly reports to the "
            "cell committees at the workplace and at the residence being left."
        ),
        bearer=Role.MEMBER,
        subject=SubjectType.MEMBER,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            '"Kịp thời" has no number: timely_days (default 30) from the move. A move is a '
            "change of residence cell; both the workplace cell and the cell being left must be "
            "reached (interpretation Q1, Q8; semantics §6, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(pattern=P(kind="residence_changed")),),
            recipients=("workplace_cell", "residence_cell_left"),
            evidence=(
                about_trigger("residence_change_reported", recipient_field="to_org_id"),
            ),
            deadline=TIMELY,
        ),
    ),
)
