"""Messages of results: reason codes, statuses and severities.

``reason.<code>`` is one sentence a person can check against the facts; ``reason.<code>.label``
a short label; ``status.<status>`` the eight statuses of semantics, statuses; ``severity.<severity>``
the four severities. :data:`REASON_CODES` is the closed list of semantics §12, in order (add to
it only with a catalogue version bump).

Placeholders the engine fills, already formatted for the report's language: ``{due_date}`` and
``{fulfilled_on}`` as dd/mm/yyyy; ``{missing}`` and ``{evidence}`` as comma-separated ids;
``{policy}`` as the cited parameter (``timely_days.D2.K7b=30``, see ``Policy.cite``);
``{overridden_status}`` as the ``status.<status>`` label of the status that lost;
``{period}`` as ``YYYY`` or ``YYYY-H1``/``YYYY-H2``; ``{recorded_by}`` and ``{recorded_on}``
as the organisation that recorded a breach and the date it did. The engine must supply every placeholder of
a code (:data:`REASON_PARAMS`); extra params are ignored by the message and kept in the result.

======================================  ==========================================
reason code                             params the engine must supply
======================================  ==========================================
fulfilled                               fulfilled_on, evidence
fulfilled_late                          due_date, fulfilled_on, evidence
no_evidence                             due_date
recipients_missing                      missing, due_date
overdue_beyond_limit                    due_date, policy
completed_before_in_force               fulfilled_on, evidence
completed_before_start                  fulfilled_on, evidence
not_yet_registered                      —
insufficient_residence_time             period, policy
front_committee_absent                  evidence, due_date
form_received_by_review                 fulfilled_on, evidence
no_comment_received                     period
review_not_recorded                     period, due_date
review_held_without_report              period, due_date
review_held_without_communication       period, due_date
attended                                fulfilled_on, evidence
excused_absence                         due_date, evidence
attendance_unknown                      evidence
absent_without_excuse                   due_date, evidence
decided_without_consultation            due_date, evidence
action_cancelled                        evidence
not_written                             evidence, due_date
cells_not_directed                      period, missing, due_date
conduct_ongoing                         —
breach_recorded                         evidence, recorded_by, recorded_on
subject_ended                           evidence
waived                                  evidence, overridden_status, granted_by, granted_on, waiver_reason
category_exempt_from_activities         —
category_exempt_from_introduction       —
before_in_force                         evidence
outside_observation                     —
discretionary                           —
derived                                 sources
one_off_pending                         —
======================================  ==========================================

For the review codes ``due_date`` is the review date R; for ``excused_absence``,
``absent_without_excuse`` and ``decided_without_consultation`` the date of the meeting or decision (the gate's occasion);
``evidence`` is the fact the sentence names (the form, meeting, notice, waiver or status change);
for ``derived``, ``sources`` names the source duties whose status the derived result restates
(``—`` when it has none); for ``waived``, ``granted_by``, ``granted_on`` and ``waiver_reason`` are
who granted the waiver, when and why.

>>> from qd213_rules.messages import t
>>> t("reason.recipients_missing", "en", missing="CB-KP3", due_date="14/04/2025")
'Not yet sent to: CB-KP3 (due 14/04/2025).'
>>> t("status.overdue"), t("severity.warning", "en")
('Quá hạn', 'Warning')
"""

from __future__ import annotations

__all__ = ["MESSAGES", "REASON_CODES", "REASON_PARAMS", "STATUSES", "SEVERITIES"]

REASON_PARAMS: dict[str, tuple[str, ...]] = {
    "fulfilled": ("fulfilled_on", "evidence"),
    "fulfilled_late": ("due_date", "fulfilled_on", "evidence"),
    "no_evidence": ("due_date",),
    "recipients_missing": ("missing", "due_date"),
    "overdue_beyond_limit": ("due_date", "policy"),
    "completed_before_in_force": ("fulfilled_on", "evidence"),
    "completed_before_start": ("fulfilled_on", "evidence"),
    "not_yet_registered": (),
    "insufficient_residence_time": ("period", "policy"),
    "front_committee_absent": ("evidence", "due_date"),
    "form_received_by_review": ("fulfilled_on", "evidence"),
    "no_comment_received": ("period",),
    "review_not_recorded": ("period", "due_date"),
    "review_held_without_report": ("period", "due_date"),
    "review_held_without_communication": ("period", "due_date"),
    "attended": ("fulfilled_on", "evidence"),
    "excused_absence": ("due_date", "evidence"),
    "attendance_unknown": ("evidence",),
    "absent_without_excuse": ("due_date", "evidence"),
    "decided_without_consultation": ("due_date", "evidence"),
    "action_cancelled": ("evidence",),
    "not_written": ("evidence", "due_date"),
    "cells_not_directed": ("period", "missing", "due_date"),
    "conduct_ongoing": (),
    "breach_recorded": ("evidence", "recorded_by", "recorded_on"),
    "subject_ended": ("evidence",),
    "waived": ("evidence", "overridden_status", "granted_by", "granted_on", "waiver_reason"),
    "category_exempt_from_activities": (),
    "category_exempt_from_introduction": (),
    "before_in_force": ("evidence",),
    "outside_observation": (),
    "discretionary": (),
    "derived": ("sources",),
    "one_off_pending": (),
}
"""For each reason code, the placeholders its message uses (the engine must supply them)."""

REASON_CODES: tuple[str, ...] = tuple(REASON_PARAMS)
"""The closed list of reason codes (semantics §12), in its order."""

STATUSES: tuple[str, ...] = (
    "not_applicable", "ongoing", "due", "overdue", "violated", "fulfilled", "fulfilled_late", "waived",
)  # fmt: skip
"""The statuses of semantics, statuses."""

SEVERITIES: tuple[str, ...] = ("error", "warning", "notice", "none")
"""The severities of semantics, statuses."""

_REASONS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    # code: ((vi sentence, en sentence), (vi label, en label))
    "fulfilled": (
        ("Đã thực hiện ngày {fulfilled_on} (căn cứ: {evidence}).",
         "Done on {fulfilled_on} (evidence: {evidence})."),
        ("Đã thực hiện", "Done"),
    ),
    "fulfilled_late": (
        ("Đã thực hiện ngày {fulfilled_on}, sau hạn {due_date} (căn cứ: {evidence}).",
         "Done on {fulfilled_on}, after the due date {due_date} (evidence: {evidence})."),
        ("Thực hiện muộn", "Done late"),
    ),
    "no_evidence": (
        ("Chưa có căn cứ cho thấy đã thực hiện; hạn {due_date}.",
         "No evidence yet that this was done; due {due_date}."),
        ("Chưa có căn cứ", "No evidence"),
    ),
    "recipients_missing": (
        ("Chưa gửi đến: {missing} (hạn {due_date}).",
         "Not yet sent to: {missing} (due {due_date})."),
        ("Thiếu nơi nhận", "Recipients missing"),
    ),
    "overdue_beyond_limit": (
        ("Quá hạn từ {due_date}, vượt quá số ngày mà tham số diễn giải cho phép ({policy}), nên"
         " được ghi là không thực hiện.",
         "Overdue since {due_date}, beyond the days an interpretation parameter allows ({policy}),"
         " so it is read as not performed."),
        ("Quá hạn vượt mức", "Overdue beyond the limit"),
    ),
    "completed_before_in_force": (
        ("Đã hoàn thành ngày {fulfilled_on}, trước khi Quy định 213-QĐ/TW có hiệu lực"
         " (căn cứ: {evidence}).",
         "Completed on {fulfilled_on}, before Regulation 213-QĐ/TW took effect"
         " (evidence: {evidence})."),
        ("Hoàn thành trước khi Quy định có hiệu lực", "Completed before the regulation"),
    ),
    "completed_before_start": (
        ("Đã hoàn thành ngày {fulfilled_on}, trước ngày bắt đầu theo dõi nhiệm vụ của đảng viên"
         " (căn cứ: {evidence}).",
         "Completed on {fulfilled_on}, before the member's record starts (evidence: {evidence})."),
        ("Hoàn thành trước kỳ theo dõi", "Completed before the record starts"),
    ),
    "not_yet_registered": (
        ("Đảng viên chưa được tiếp nhận và thông báo tại chi bộ nơi cư trú, nên nhiệm vụ này chưa"
         " áp dụng.",
         "The member is not yet registered and notified at the residence cell, so this duty does"
         " not apply yet."),
        ("Chưa được tiếp nhận ở nơi cư trú", "Not yet registered"),
    ),
    "insufficient_residence_time": (
        ("Năm {period}, đảng viên không được tiếp nhận ở chi bộ nơi cư trú nào đủ thời gian tối"
         " thiểu ({policy}), nên không phải nhận xét.",
         "In {period} the member was not registered at any residence cell long enough"
         " ({policy}), so no comment is owed."),
        ("Chưa đủ thời gian ở nơi cư trú", "Too short a stay"),
    ),
    "front_committee_absent": (
        ("Phiếu nhận xét ({evidence}) lập không có ban công tác mặt trận nên chưa đạt yêu cầu;"
         " hạn {due_date}.",
         "The comment form ({evidence}) was issued without the Front work committee, so it does"
         " not count; due {due_date}."),
        ("Thiếu ban công tác mặt trận", "Front committee absent"),
    ),
    "form_received_by_review": (
        ("Phiếu nhận xét đã đến ngày {fulfilled_on}, trước kỳ kiểm điểm (căn cứ: {evidence}).",
         "The comment form arrived on {fulfilled_on}, before the review (evidence: {evidence})."),
        ("Phiếu đến trước kỳ kiểm điểm", "Form received by the review"),
    ),
    "no_comment_received": (
        ("Năm {period} không có phiếu nhận xét nào gửi đến, nên không có gì để thông báo; việc"
         " còn thiếu thuộc về phía nơi cư trú.",
         "No comment form arrived for {period}, so there was nothing to communicate; what is"
         " missing lies on the residence side."),
        ("Không nhận được phiếu nhận xét", "No comment received"),
    ),
    "review_not_recorded": (
        ("Chưa ghi nhận cuộc kiểm điểm năm {period} (ngày kiểm điểm {due_date}).",
         "No {period} annual review is recorded (review date {due_date})."),
        ("Chưa ghi nhận kiểm điểm", "Review not recorded"),
    ),
    "review_held_without_report": (
        ("Cuộc kiểm điểm năm {period} đã họp ngày {due_date} mà đảng viên chưa báo cáo kết quả"
         " thực hiện nhiệm vụ nơi cư trú.",
         "The {period} review was held on {due_date} without the member's report on their"
         " duties at the residence."),
        ("Kiểm điểm khi chưa có báo cáo", "Review held without the report"),
    ),
    "review_held_without_communication": (
        ("Cuộc kiểm điểm năm {period} đã họp ngày {due_date} mà chưa thông báo nhận xét của nơi"
         " cư trú cho đảng viên.",
         "The {period} review was held on {due_date} without telling the member the residence"
         " comments."),
        ("Kiểm điểm khi chưa thông báo nhận xét", "Review held without the comments"),
    ),
    "attended": (
        ("Đảng viên đã dự cuộc họp ngày {fulfilled_on} ({evidence}).",
         "The member attended the meeting of {fulfilled_on} ({evidence})."),
        ("Có mặt", "Attended"),
    ),
    "excused_absence": (
        ("Đảng viên vắng mặt có lý do ở cuộc họp ngày {due_date} ({evidence}).",
         "The member was excused from the meeting of {due_date} ({evidence})."),
        ("Vắng có lý do", "Excused absence"),
    ),
    "attendance_unknown": (
        ("Cuộc họp {evidence} không ghi điểm danh, nên không xác định được đảng viên có mặt hay"
         " không.",
         "Meeting {evidence} has no attendance record, so whether the member attended is"
         " unknown."),
        ("Không rõ có mặt", "Attendance unknown"),
    ),
    "absent_without_excuse": (
        ("Đảng viên vắng mặt không có lý do ở cuộc họp ngày {due_date} ({evidence}).",
         "The member was absent without excuse from the meeting of {due_date} ({evidence})."),
        ("Vắng không có lý do", "Absent without excuse"),
    ),
    "decided_without_consultation": (
        ("Đã quyết định bổ nhiệm hoặc giới thiệu ứng cử ngày {due_date} ({evidence}) mà trước đó"
         " chưa gặp gỡ, lấy ý kiến nơi cư trú.",
         "The appointment or nomination was decided on {due_date} ({evidence}) without"
         " consulting the residence beforehand."),
        ("Quyết định khi chưa lấy ý kiến", "Decided without consultation"),
    ),
    "action_cancelled": (
        ("Việc bổ nhiệm hoặc giới thiệu ứng cử đã bị hủy ({evidence}), nên không cần lấy ý kiến"
         " nơi cư trú.",
         "The appointment or nomination was cancelled ({evidence}), so no residence"
         " consultation is needed."),
        ("Đã hủy", "Cancelled"),
    ),
    "not_written": (
        ("Thông báo ({evidence}) không bằng văn bản nên chưa đạt yêu cầu; hạn {due_date}.",
         "The notice ({evidence}) was not in writing, so it does not count; due {due_date}."),
        ("Không bằng văn bản", "Not in writing"),
    ),
    "cells_not_directed": (
        ("Trong {period}, chưa chỉ đạo các chi bộ: {missing} (hạn {due_date}).",
         "In {period} these cells were not directed: {missing} (due {due_date})."),
        ("Chưa chỉ đạo đủ chi bộ", "Cells not directed"),
    ),
    "conduct_ongoing": (
        ("Nhiệm vụ thường xuyên, không có thời hạn; chỉ ghi là không thực hiện khi cấp có thẩm"
         " quyền đã ghi nhận.",
         "A continuing duty with no due date; it is read as not performed only when a competent"
         " body records a breach."),
        ("Nhiệm vụ thường xuyên", "Continuing duty"),
    ),
    "breach_recorded": (
        ("Vi phạm do {recorded_by} ghi nhận ngày {recorded_on} ({evidence}).",
         "A breach recorded by {recorded_by} on {recorded_on} ({evidence})."),
        ("Đã ghi nhận vi phạm", "Breach recorded"),
    ),
    "subject_ended": (
        ("Nhiệm vụ của đảng viên đã chấm dứt ({evidence}), nên nhiệm vụ này không còn áp dụng.",
         "The member's duties ended ({evidence}), so this duty no longer applies."),
        ("Đã chấm dứt nhiệm vụ", "Duties ended"),
    ),
    "waived": (
        ("Được {granted_by} miễn ngày {granted_on} ({evidence}), lý do: «{waiver_reason}»; nếu không"
         " miễn, trạng thái là: {overridden_status}.",
         "Waived by {granted_by} on {granted_on} ({evidence}), reason: «{waiver_reason}»; without the"
         " waiver the status would be: {overridden_status}."),
        ("Được miễn", "Waived"),
    ),
    "category_exempt_from_activities": (
        ("Đảng viên thuộc diện giới thiệu nhưng được miễn sinh hoạt nơi cư trú (Hướng dẫn"
         " 33-HD/BTCTW, mục 1.1), nên nhiệm vụ này không áp dụng.",
         "The member is introduced but exempt from residence activities (Guidance 33-HD/BTCTW,"
         " section 1.1), so this duty does not apply."),
        ("Miễn sinh hoạt nơi cư trú", "Exempt from residence activities"),
    ),
    "category_exempt_from_introduction": (
        ("Đảng viên thuộc diện được miễn giới thiệu về tổ chức đảng nơi cư trú (Hướng dẫn"
         " 33-HD/BTCTW, mục 1.2), nên nhiệm vụ này không áp dụng.",
         "The member is exempt from introduction to the residence Party organisation (Guidance"
         " 33-HD/BTCTW, section 1.2), so this duty does not apply."),
        ("Miễn giới thiệu về nơi cư trú", "Exempt from introduction"),
    ),
    "before_in_force": (
        ("Sự việc ({evidence}) xảy ra trước ngày Quy định 213-QĐ/TW có hiệu lực (02/01/2020), nên"
         " không phát sinh nhiệm vụ.",
         "The event ({evidence}) happened before Regulation 213-QĐ/TW took effect"
         " (2 January 2020), so it creates no duty."),
        ("Trước khi Quy định có hiệu lực", "Before the regulation"),
    ),
    "outside_observation": (
        ("Nằm ngoài khoảng thời gian dữ liệu được ghi nhận đầy đủ, nên không đánh giá.",
         "Outside the period the record fully covers, so it is not evaluated."),
        ("Ngoài thời gian theo dõi", "Outside the record"),
    ),
    "discretionary": (
        ("Việc làm khi cần thiết, không có thời hạn và không bao giờ quá hạn.",
         "A discretionary duty, done when needed: no due date, never overdue."),
        ("Làm khi cần thiết", "Discretionary"),
    ),
    "derived": (
        ("Nhắc lại trạng thái nặng nhất của các nhiệm vụ cụ thể thực hiện nhiệm vụ này: {sources}.",
         "Restates the worst status of the concrete duties that carry this one out: {sources}."),
        ("Tổng hợp", "Derived"),
    ),
    "one_off_pending": (
        ("Việc làm một lần, không có thời hạn; chưa ghi nhận việc hoàn thành.",
         "A one-off task with no due date; its completion is not yet recorded."),
        ("Việc một lần chưa làm", "One-off pending"),
    ),
}  # fmt: skip

_STATUSES: dict[str, tuple[str, str]] = {
    "not_applicable": ("Không áp dụng", "Not applicable"),
    "ongoing": ("Đang theo dõi", "Ongoing"),
    "due": ("Đến hạn", "Due"),
    "overdue": ("Quá hạn", "Overdue"),
    "violated": ("Không thực hiện", "Not performed"),
    "fulfilled": ("Đã thực hiện", "Fulfilled"),
    "fulfilled_late": ("Thực hiện muộn", "Fulfilled late"),
    "waived": ("Được miễn", "Waived"),
}

_SEVERITIES: dict[str, tuple[str, str]] = {
    "error": ("Lỗi", "Error"),
    "warning": ("Cảnh báo", "Warning"),
    "notice": ("Lưu ý", "Notice"),
    "none": ("Không", "None"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"reason.{code}": sentence for code, (sentence, _) in _REASONS.items()},
    **{f"reason.{code}.label": label for code, (_, label) in _REASONS.items()},
    **{f"status.{status}": text for status, text in _STATUSES.items()},
    **{f"severity.{severity}": text for severity, text in _SEVERITIES.items()},
}
