"""Messages of the policy parameters: ``policy.<field>.label`` and ``policy.<field>.rationale``.

One label and one rationale per field of :class:`qd213_rules.policy.Policy` (same order). The
English rationale is the one kept as the field's metadata (a test checks they agree); no
placeholders.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "policy.timely_days.label": (
        "Số ngày cho việc phải làm kịp thời, theo từng nhiệm vụ",
        "Days allowed for a prompt duty, per obligation id",
    ),
    "policy.timely_days.rationale": (
        "Quy định chỉ ghi “kịp thời”, không nêu số ngày; 30 ngày theo lịch, tính từ sự việc phát"
        " sinh hoặc từ khi có yêu cầu, tương đương thời hạn chuyển sinh hoạt đảng và có thể đặt"
        " riêng cho từng nhiệm vụ.",
        "The text says only 'kịp thời' (promptly); 30 calendar days, counted from the trigger or"
        " the request, matches the party-transfer window and can be set per duty.",
    ),
    "policy.annual_review_fallback.label": (
        "Ngày kiểm điểm cuối năm mặc định",
        "Assumed annual review date",
    ),
    "policy.annual_review_fallback.rationale": (
        "Quy định 213 không ấn định ngày kiểm điểm hằng năm; khi chi bộ và đảng ủy đều không ghi"
        " nhận hay lên lịch kiểm điểm thì lấy ngày 15 tháng 12.",
        "QĐ 213 fixes no date for the annual review; when no review of the cell or committee"
        " is recorded or scheduled, 15 December is assumed.",
    ),
    "policy.comment_lead_days.label": (
        "Số ngày phiếu nhận xét phải đến trước kỳ kiểm điểm",
        "Days between the forms reaching the workplace committee and the review",
    ),
    "policy.comment_lead_days.rationale": (
        "Phiếu nhận xét đã xác nhận phải đến cấp ủy nơi công tác trước kỳ kiểm điểm: chậm nhất"
        " 15 ngày trước ngày kiểm điểm (ngày 30 tháng 11 nếu dùng ngày mặc định).",
        "Certified comment forms must reach the workplace committee before the review: by the"
        " review date minus 15 days (30 November with the fallback date).",
    ),
    "policy.chain_step_days.label": (
        "Số ngày giữa các bước của quy trình nhận xét hằng năm",
        "Days between steps of the yearly comment chain",
    ),
    "policy.chain_step_days.rationale": (
        "Mỗi bước trước của quy trình hằng năm (lập, gửi, xác nhận phiếu) có hạn sớm hơn bước"
        " sau 5 ngày, tính ngược từ hạn chuyển phiếu.",
        "Each earlier step of the yearly chain (issue, send, certify the form) is due 5 days"
        " before the next, counting back from the forwarding deadline.",
    ),
    "policy.min_days_for_comment.label": (
        "Số ngày tối thiểu ở chi bộ nơi cư trú để phải nhận xét",
        "Days at a residence cell before it owes a comment",
    ),
    "policy.min_days_for_comment.rationale": (
        "Chi bộ nơi cư trú chỉ nhận xét đảng viên đã sinh hoạt ở đó đủ 90 ngày; nếu chưa đủ thì"
        " chi bộ nơi cư trú trước nhận xét, nếu không có thì năm đó không phải nhận xét.",
        "A residence cell comments only on a member it has known for 90 days; otherwise the"
        " previous cell does, else no comment is owed that year.",
    ),
    "policy.min_notice_days.label": (
        "Số ngày tối thiểu đã đăng ký trước khi hết 6 tháng",
        "Days a regular member must be registered before a half-year ends",
    ),
    "policy.min_notice_days.rationale": (
        "Chi bộ nơi cư trú chỉ phải họp đảng viên đang công tác trong 6 tháng khi có đảng viên"
        " diện thông thường đăng ký ít nhất 30 ngày trước khi hết 6 tháng đó.",
        "A residence cell owes its half-yearly meeting of working members only when a regular"
        " member was registered at least 30 days before the half-year ends.",
    ),
    "policy.provincial_report_due.label": (
        "Hạn báo cáo hằng năm của tỉnh ủy, thành ủy",
        "Due date of the provincial committees' annual report",
    ),
    "policy.provincial_report_due.rationale": (
        "Tỉnh ủy, thành ủy báo cáo Ban Bí thư hằng năm nhưng không có ngày cụ thể; lấy ngày"
        " 31 tháng 12.",
        "Provincial committees report to the Secretariat every year with no date given;"
        " 31 December is assumed.",
    ),
    "policy.violation_after_days.label": (
        "Số ngày quá hạn thì coi là vi phạm",
        "Days past the due date after which an overdue duty counts as violated",
    ),
    "policy.violation_after_days.rationale": (
        "Mặc định tắt: chậm trễ chỉ là quá hạn, không phải vi phạm; nơi áp dụng có thể coi việc"
        " quá hạn là vi phạm sau số ngày này kể từ hạn.",
        "Off by default: lateness alone is overdue, never violated; a deployer may turn an"
        " overdue duty into violated this many days after its due date.",
    ),
    "policy.consultation_max_age_days.label": (
        "Thời gian tối đa từ khi lấy ý kiến nơi cư trú đến khi bổ nhiệm",
        "Maximum age of the residence consultation before an appointment or nomination",
    ),
    "policy.consultation_max_age_days.rationale": (
        "Mặc định tắt: mọi lần gặp gỡ, lấy ý kiến nơi cư trú vào hoặc trước ngày quyết định đều"
        " được tính; nơi áp dụng có thể đòi hỏi không quá số ngày này.",
        "Off by default: any consultation dated on or before the decision counts; a deployer"
        " may require it to be at most this many days old.",
    ),
    "policy.reintroduce_on_transfer.label": (
        "Giới thiệu lại khi chuyển sang cấp ủy nơi công tác khác",
        "Introduce the member again after a transfer to another workplace committee",
    ),
    "policy.reintroduce_on_transfer.rationale": (
        "Cấp ủy nơi công tác mới là nơi phải giữ mối liên hệ với nơi cư trú, nên phải giới thiệu"
        " đảng viên lại.",
        "The new workplace committee is the one that must keep in touch with the residence,"
        " so it introduces the member again.",
    ),
    "policy.reintroduce_within_commune.label": (
        "Giới thiệu lại khi chuyển nơi cư trú trong cùng xã, phường",
        "Introduce the member again after a move within the same commune",
    ),
    "policy.reintroduce_within_commune.rationale": (
        "Chuyển sang chi bộ nơi cư trú khác thì chi bộ phải nắm đảng viên cũng thay đổi, kể cả"
        " trong cùng một xã, phường, nên cần giới thiệu lại.",
        "A move to another residence cell changes the cell that must know the member, even"
        " inside one commune, so the introduction is needed again.",
    ),
    "policy.hd33_retroactive.label": (
        "Áp dụng các diện đảng viên của Hướng dẫn 33 trước ngày 30/10/2020",
        "Apply the HD33 member categories before 30 October 2020",
    ),
    "policy.hd33_retroactive.rationale": (
        "Hướng dẫn 33 giải thích cách áp dụng Quy định 213 với đảng viên ở điều kiện đặc thù vốn"
        " đã có từ đầu, nên các diện của hướng dẫn cũng áp dụng từ ngày 02/01/2020.",
        "HD33 explains how QĐ 213 applies to members in special conditions that existed from"
        " the start, so its categories also apply from 2 January 2020.",
    ),
}
