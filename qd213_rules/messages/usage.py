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
    # argument checks of the public API
    "errors.did_you_mean": ("Có phải ý bạn là: {options}?", "Did you mean: {options}?"),
    "usage.expected.status": ("một trạng thái: {options}", "a status: {options}"),
    "usage.expected.obligation": (
        "mã một nghĩa vụ (D2.K7b), một mẫu (D2.K7*) hoặc article=/clause=",
        "an obligation id (D2.K7b), a pattern (D2.K7*) or article=/clause=",
    ),
    "usage.expected.clause": ("một khoản có trong Điều {article}: {options}", "a clause of Article {article}: {options}"),
    "usage.expected.article": ("một điều từ 1 đến 5", "an article from 1 to 5"),
    "usage.expected.kind": ("một loại nghĩa vụ: {options}", "a kind of duty: {options}"),
    "usage.expected.facts": (
        "một FactSet (hãy đọc tệp bằng load_facts(\"{found}\"))",
        "a FactSet (read the file with load_facts(\"{found}\"))",
    ),
    "usage.expected.lang": ("\"vi\" hoặc \"en\"", "\"vi\" or \"en\""),
    "usage.expected.date": (
        "một ngày dạng YYYY-MM-DD (ví dụ 2025-12-10) hoặc datetime.date",
        "a date as YYYY-MM-DD (e.g. 2025-12-10) or a datetime.date",
    ),
    "usage.expected.real_date": (
        "một ngày có thật: {value} không tồn tại",
        "a real calendar date: {value} does not exist",
    ),
    "usage.expected.subject": ("mã một đảng viên hoặc tổ chức có trong dữ kiện", "the id of a member or organisation in the facts"),
    # one duty (qd213 obligations ID)
    "cli.duty.policy": ("Tham số chính sách (mặc định)", "Policy parameters (default)"),
    "cli.duty.cases": ("Trường hợp bị coi là vi phạm", "Reported violated when"),
    "cli.duty.no_cases": (
        "không có (chỉ đến hạn, quá hạn hoặc đã thực hiện)",
        "never (only due, overdue or fulfilled)",
    ),
    "cli.duty.off": ("tắt", "off"),
    "cli.help.obligation_id": (
        "mã một nghĩa vụ (ví dụ D2.K7b): chỉ in nghĩa vụ đó, kèm tham số chính sách và các trường hợp vi phạm",
        "an obligation id (e.g. D2.K7b): print that duty only, with its policy parameters and violation cases",
    ),
    "cli.help.schema_lines": (
        "in lược đồ của một dòng JSON Lines (tiêu đề, tổ chức, đảng viên hoặc sự kiện) thay cho lược đồ tài liệu",
        "print the schema of one JSON Lines line (header, organisation, member or event) instead of the document's",
    ),
}
