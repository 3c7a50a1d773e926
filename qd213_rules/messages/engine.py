"""Labels used by ``explain`` and the engine's own messages."""

MESSAGES: dict[str, tuple[str, str]] = {
    "explain.citation": ("Căn cứ", "Citation"),
    "explain.subject": ("Đối tượng", "Subject"),
    "explain.bearer": ("Chủ thể thực hiện", "Bearer"),
    "explain.status": ("Trạng thái", "Status"),
    "explain.reason": ("Lý do", "Reason"),
    "explain.period": ("Kỳ", "Period"),
    "explain.trigger": ("Sự kiện phát sinh", "Trigger"),
    "explain.occasion": ("Dịp phát sinh", "Occasion"),
    "explain.deadline": ("Thời hạn", "Deadline"),
    "explain.recipient": ("Nơi nhận", "Recipient"),
    "explain.reached": ("đã nhận", "reached"),
    "explain.missing": ("chưa nhận", "missing"),
    "explain.evidence": ("Chứng cứ", "Evidence"),
    "explain.none": ("không có", "none"),
    "explain.not_counted": ("không tính", "not counted"),
    "explain.decided_by": ("Quy tắc quyết định", "Decided by"),
    "explain.as_of": ("tính đến ngày", "as of"),
    "explain.derived_from": ("Tổng hợp từ", "Derived from"),
}
