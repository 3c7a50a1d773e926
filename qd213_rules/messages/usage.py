"""Messages of input problems written as report output (``--format json|junit|github|markdown``
on exit code 2) and of the argument checks of the public API (``evaluate``, ``Report.filter``,
``obligation``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # problems as report output
    "cli.problems.count": (
        "qd213: {count} lỗi dữ liệu vào; chưa đánh giá nghĩa vụ nào (mã thoát 2).",
        "qd213: {count} input problems; no duty was evaluated (exit code 2).",
    ),
    "cli.problems.title": ("Lỗi dữ liệu vào ({count})", "Input problems ({count})"),
    "cli.problems.source": ("Dữ liệu vào: {source}", "Input: {source}"),
    "cli.problems.where": ("Vị trí", "Where"),
    "cli.problems.code": ("Mã lỗi", "Code"),
    # calendar
    "cli.calendar.overdue_since": (
        "Quá hạn: hạn là ngày {date}; sự kiện đặt vào ngày tính báo cáo.",
        "Overdue: it was due on {date}; the event is placed on the report date.",
    ),
    # text report: groups and the closing verdict against --fail-on
    "cli.report.other_results": ("Các kết quả khác", "Other results"),
    "cli.report.verdict_ok": (
        "ĐẠT: không có kết quả nào từ mức {threshold} trở lên (--fail-on {fail_on}).",
        "OK: nothing at or above {threshold} (--fail-on {fail_on}).",
    ),
    "cli.report.verdict_fail": (
        "KHÔNG ĐẠT: {counts} (từ mức --fail-on {fail_on} trở lên).",
        "FAIL: {counts} ≥ --fail-on {fail_on}.",
    ),
    "cli.help.only_findings": (
        "chỉ in các kết quả từ ngưỡng --fail-on trở lên",
        "print only the results at or above --fail-on",
    ),
}
