"""Messages of the ``qd213`` command line."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.description": (
        "Kiểm tra việc thực hiện Quy định 213-QĐ/TW (đảng viên đang công tác giữ mối liên hệ với "
        "tổ chức đảng và nhân dân nơi cư trú).",
        "Check compliance with Regulation 213-QĐ/TW (working Party members keeping in touch with "
        "the Party organisation and the people where they live).",
    ),
    "cli.usage_error": ("lỗi cú pháp lệnh", "usage error"),
    "cli.help.facts": ("tệp dữ kiện (.json hoặc .jsonl; '-' là đầu vào chuẩn)", "facts file (.json or .jsonl; '-' for stdin)"),
    "cli.help.lang": ("ngôn ngữ thông báo (mặc định: tiếng Việt)", "language of messages (default: Vietnamese)"),
    "cli.help.as_of": (
        "ngày đánh giá YYYY-MM-DD (mặc định: hôm nay theo giờ Việt Nam)",
        "evaluation date YYYY-MM-DD (default: today in Vietnam)",
    ),
    "cli.help.policy": ("tệp tham số diễn giải (JSON hoặc TOML)", "interpretation policy file (JSON or TOML)"),
    "cli.help.check": ("đánh giá và báo cáo các nghĩa vụ", "evaluate and report the duties"),
    "cli.help.member": ("chỉ in kết quả về đảng viên này", "print only results about this member"),
    "cli.help.org": ("chỉ in kết quả của tổ chức này", "print only results of this organisation"),
    "cli.help.format": ("định dạng đầu ra", "output format"),
    "cli.help.fail_on": (
        "mã thoát 1 khi có kết quả từ mức này trở lên (mặc định: overdue)",
        "exit with code 1 on results at or above this status (default: overdue)",
    ),
    "cli.help.exit_zero": ("luôn thoát với mã 0 khi dữ kiện hợp lệ", "always exit 0 when the facts are valid"),
    "cli.help.all": ("in mọi kết quả, không chỉ các phát hiện", "print every result, not only the findings"),
    "cli.help.validate": ("chỉ đọc và kiểm tra dữ kiện", "load and check the facts only"),
    "cli.help.explain": ("giải thích một kết quả", "explain a result"),
    "cli.help.obligations": ("danh mục nghĩa vụ và căn cứ", "the catalogue of duties and their citations"),
    "cli.help.schema": ("JSON Schema của định dạng dữ kiện", "JSON Schema of the facts format"),
    "cli.help.demo": ("báo cáo của phường mẫu kèm theo gói", "the report of the bundled example ward"),
    "cli.validate.ok": (
        "{source}: hợp lệ — {organizations} tổ chức, {members} đảng viên, {events} sự kiện, {warnings} cảnh báo dữ liệu.",
        "{source}: valid — {organizations} organisations, {members} members, {events} events, {warnings} data warnings.",
    ),
    "cli.report.header": (
        "Quy định 213-QĐ/TW — báo cáo tính đến ngày {as_of} ({source}): {results} kết quả",
        "Regulation 213-QĐ/TW — report as of {as_of} ({source}): {results} results",
    ),
    "cli.report.due": ("hạn", "due"),
    "cli.report.no_findings": ("Không có nghĩa vụ đến hạn, quá hạn hay vi phạm.", "No duty is due, overdue or violated."),
    "cli.report.warnings": ("Cảnh báo dữ liệu ({count}):", "Data warnings ({count}):"),
    "cli.report.unused": (
        "{count} dữ kiện không được kết quả nào sử dụng (xem unused_facts trong --format json).",
        "{count} facts are used by no result (see unused_facts in --format json).",
    ),
    "cli.explain.not_found": (
        "Không có kết quả nào của nghĩa vụ {obligation} về đối tượng {subject}.",
        "No result of obligation {obligation} about subject {subject}.",
    ),
}
