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
}
