"""Words of human-readable explanations: event kinds, recipients, periods, deadline arithmetic.

``event.<kind>`` names an event kind as a noun phrase ("chuyển nơi cư trú" / "move of
residence") so that an explanation says "chuyển nơi cư trú ngày 12/04/2025" instead of the
kind's code; ``recipient.<role>`` names who must be reached; ``policy.<field>.short`` is the
short name of a deadline parameter inside the arithmetic ("+ 30 ngày (kịp thời, …)");
``words.*`` are the commune level by date, the extension mark, periods and the sentences of an
explanation (``qd213_rules.explain``).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # the commune level, as the regulation's wording of the date names it (words.commune_level)
    "words.commune_level.before": ("xã, phường, thị trấn", "commune, ward or township"),
    "words.commune_level.after": ("xã, phường, đặc khu", "commune, ward or special zone"),
    "words.commune_level.both": (
        "xã, phường, thị trấn (từ 01/07/2025: xã, phường, đặc khu)",
        "commune, ward or township (from 2025-07-01: commune, ward or special zone)",
    ),
    # a result the product adds beyond the regulation's text (extension: true)
    "words.extension": ("mở rộng ngoài văn bản", "extension beyond the text"),
    # periods
    "words.period.year": ("năm {year}", "{year}"),
    "words.period.H1": ("6 tháng đầu năm {year}", "the first half of {year}"),
    "words.period.H2": ("6 tháng cuối năm {year}", "the second half of {year}"),
    # lists
    "words.either_of": ("một trong: {items}", "either of {items}"),
    "words.or": ("hoặc", "or"),
    # event kinds, as noun phrases
    "event.members_listed_by_residence": ("lập danh sách đảng viên theo nơi cư trú", "list of members by residence"),
    "event.introduction_sent": ("giấy giới thiệu về nơi cư trú", "introduction to the residence"),
    "event.away_notice_sent": ("thông báo đảng viên thường xuyên đi vắng", "notice of a member often away"),
    "event.introduction_received": ("tiếp nhận giấy giới thiệu", "receipt of the introduction"),
    "event.introduction_forwarded": ("giới thiệu về chi bộ nơi cư trú", "introduction passed on to the residence cell"),
    "event.member_registered": ("đăng ký sinh hoạt nơi cư trú", "registration at the residence cell"),
    "event.member_notified": ("thông báo danh sách đảng viên", "notice of the member to the residence cell"),
    "event.meeting_directed": ("chỉ đạo họp đảng viên đang công tác", "direction to meet the working members"),
    "event.meeting_held": ("cuộc họp", "meeting"),
    "event.opinion_contributed": ("góp ý kiến", "opinion contributed"),
    "event.opinion_conveyed": ("phản ánh ý kiến nhân dân", "people's opinion conveyed"),
    "event.residence_changed": ("chuyển nơi cư trú", "move of residence"),
    "event.residence_change_reported": ("báo cáo chuyển nơi cư trú", "report of the move"),
    "event.status_changed": ("thay đổi công tác", "change of position or status"),
    "event.status_change_notified": ("thông báo thay đổi công tác", "notice of the change"),
    "event.category_changed": ("thay đổi diện đảng viên", "change of member category"),
    "event.away_status_changed": ("thay đổi diện thường xuyên đi vắng", "change of the away status"),
    "event.annual_self_report": ("báo cáo kết quả thực hiện nhiệm vụ nơi cư trú", "annual report on residence duties"),
    "event.annual_review_scheduled": ("lịch kiểm điểm cuối năm", "scheduled annual review"),
    "event.annual_review_held": ("kiểm điểm cuối năm", "annual review"),
    "event.comments_requested": ("đề nghị nhận xét", "request for comments"),
    "event.comment_form_issued": ("phiếu nhận xét", "comment form"),
    "event.comment_form_sent": ("gửi phiếu nhận xét", "comment form sent"),
    "event.comment_form_certified": ("xác nhận phiếu nhận xét", "comment form certified"),
    "event.comment_form_forwarded": ("chuyển phiếu nhận xét", "comment form forwarded"),
    "event.comments_communicated": ("thông báo ý kiến nhận xét", "comments communicated"),
    "event.personnel_action_planned": ("dự kiến bổ nhiệm, giới thiệu ứng cử", "planned appointment or nomination"),
    "event.personnel_action_cancelled": ("hủy bổ nhiệm, giới thiệu ứng cử", "cancelled appointment or nomination"),
    "event.comment_disputed": ("ý kiến khác nhau về nhận xét", "disputed comment"),
    "event.residence_consultation_held": ("gặp gỡ, lấy ý kiến nơi cư trú", "consultation of the residence"),
    "event.misconduct_observed": ("phát hiện đảng viên có hành vi sai phạm", "misconduct observed"),
    "event.misconduct_reported": ("phản ánh sai phạm của đảng viên", "misconduct reported"),
    "event.commendation_proposed": ("đề xuất biểu dương, khen thưởng", "commendation proposed"),
    "event.commendation_granted": ("biểu dương, khen thưởng", "commendation granted"),
    "event.handling_proposed": ("đề nghị xem xét xử lý", "proposal to handle the member"),
    "event.follow_up_recorded": ("kết quả xem xét, xử lý", "follow-up recorded"),
    "event.inspection_requested": ("yêu cầu phối hợp kiểm tra, giám sát", "request for a joint inspection"),
    "event.joint_inspection_held": ("phối hợp kiểm tra, giám sát", "joint inspection"),
    "event.campaign_participation": ("tham gia cuộc vận động", "campaign participation"),
    "event.conduct_breach_recorded": ("ghi nhận vi phạm", "recorded breach"),
    "event.dissemination_held": ("quán triệt, phổ biến Quy định", "dissemination of the Regulation"),
    "event.implementation_report_sent": ("báo cáo thực hiện Quy định", "implementation report"),
    "event.implementation_review_held": ("sơ kết, tổng kết, kiểm tra thực hiện", "implementation review"),
    "event.monitoring_report_sent": ("báo cáo Ban Bí thư về sơ kết, tổng kết", "report of the review"),
    "event.guidance_issued": ("văn bản hướng dẫn", "guidance issued"),
    "event.waiver_granted": ("miễn thực hiện nghĩa vụ", "waiver"),
    # who must be reached (the recipient roles of a duty)
    "recipient.member": ("đảng viên", "the member"),
    "recipient.workplace_cell": ("chi ủy nơi công tác", "the workplace cell committee"),
    "recipient.workplace_committee": ("cấp ủy nơi công tác", "the workplace Party committee"),
    "recipient.workplace_side": ("chi ủy hoặc cấp ủy nơi công tác", "the workplace cell or committee"),
    "recipient.residence_cell": ("chi ủy nơi cư trú", "the residence cell committee"),
    "recipient.residence_commune": ("đảng ủy {level} nơi cư trú", "the Party committee of the {level} of residence"),
    "recipient.residence_cell_left": ("nơi cư trú cũ", "the residence left"),
    "recipient.comment_cell": ("chi bộ nơi cư trú nhận xét", "the residence cell that comments"),
    "recipient.owing_cells": ("các chi bộ phải họp", "each cell that owes a meeting"),
    "recipient.provincial_committee": ("tỉnh ủy, thành ủy", "the provincial committee"),
    "recipient.central_organization_commission": ("Ban Tổ chức Trung ương", "the Central Organisation Commission"),
    "recipient.residence_cell_of_trigger": ("chi ủy nơi cư trú", "the residence cell committee"),
    # short names of the deadline parameters, inside the arithmetic
    "policy.timely_days.short": ("kịp thời", "promptly"),
    "policy.annual_review_fallback.short": ("ngày kiểm điểm mặc định", "assumed review date"),
    "policy.comment_lead_days.short": ("phiếu đến trước kỳ kiểm điểm", "forms before the review"),
    "policy.chain_step_days.short": ("một bước của quy trình nhận xét", "one step of the comment chain"),
    "policy.provincial_report_due.short": ("hạn báo cáo hằng năm", "annual report date"),
    # deadline arithmetic
    "words.deadline.days": ("{sign} {days} ngày ({short}, có thể thay đổi: {param})", "{sign} {days} days ({short}, adjustable: {param})"),
    "words.deadline.due": ("= hạn {date}", "= due {date}"),
    "words.deadline.event": ("{event} ngày {date}", "{event} on {date}"),
    "words.deadline.workplace_learned.report": (
        "ngày nơi công tác được báo việc chuyển nơi cư trú {date} ({evidence}): hạn của nơi công tác"
        " tính từ ngày này",
        "the day the workplace was told of the move, {date} ({evidence}): the workplace's deadline"
        " runs from then",
    ),
    "words.deadline.workplace_learned.member_due_date": (
        "= hạn đảng viên báo cáo nơi công tác {date} (nơi công tác chưa được báo việc chuyển nơi cư"
        " trú, nên hạn của nơi công tác tính từ ngày này)",
        "= the member's own due date to tell the workplace, {date} (the workplace was not told of"
        " the move, so its deadline runs from then)",
    ),
    "words.deadline.start": ("ngày bắt đầu theo dõi {date}", "start of the member's record {date}"),
    "words.deadline.period_end": ("hết {period} ({date})", "end of {period} ({date})"),
    "words.deadline.decision": ("ngày quyết định {date}", "decision date {date}"),
    "words.deadline.review.cell_held": ("kiểm điểm cuối năm của chi bộ ngày {date}", "the cell's annual review held on {date}"),
    "words.deadline.review.cell_scheduled": ("kiểm điểm cuối năm của chi bộ dự kiến ngày {date}", "the cell's annual review scheduled for {date}"),
    "words.deadline.review.committee_held": ("kiểm điểm cuối năm của đảng ủy ngày {date}", "the committee's annual review held on {date}"),
    "words.deadline.review.committee_scheduled": ("kiểm điểm cuối năm của đảng ủy dự kiến ngày {date}", "the committee's annual review scheduled for {date}"),
    "words.deadline.review.fallback": (
        "chưa có lịch kiểm điểm, lấy ngày {date} (ngày kiểm điểm mặc định, có thể thay đổi: annual_review_fallback)",
        "no review recorded, so {date} (assumed review date, adjustable: annual_review_fallback)",
    ),
    "words.deadline.month_day": ("ngày {date} (có thể thay đổi: {param})", "{date} (adjustable: {param})"),
    # evidence, as an explanation lists it
    "words.evidence.counted": ("được tính", "counts"),
    "words.evidence.counted_late": ("sau hạn, được tính là thực hiện muộn", "after the due date, counts as late"),
    "words.evidence.after_gate": ("sau hạn, không được tính", "after the deadline, not counted"),
    "words.evidence.after_due_incomplete": ("sau hạn, chưa đủ để hoàn thành", "after the due date, not yet complete"),
    "words.evidence.not_counted": ("không được tính thêm (đã có căn cứ sớm hơn)", "not counted again (an earlier record counts)"),
    "words.evidence.defective": ("không đạt yêu cầu", "does not count as done"),
    "words.evidence.excuses": ("lý do vắng mặt", "excuses the absence"),
    "words.evidence.cancels": ("hủy việc phải làm", "cancels the task"),
    "words.evidence.precondition": ("điều kiện để phát sinh nghĩa vụ", "condition for the duty"),
    "words.evidence.breach": ("ghi nhận vi phạm", "recorded breach"),
    "words.evidence.to": ("gửi {org}", "to {org}"),
}
