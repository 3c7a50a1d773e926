"""Messages of ``qd213 compare`` and ``qd213 sensitivity`` (two readings of the same facts, and
how the results depend on one policy parameter): command help, headings and table labels."""

MESSAGES: dict[str, tuple[str, str]] = {
    # command help
    "cli.help.compare": (
        "so sánh hai cách đọc cùng một bộ dữ liệu (chính sách khác, ngày xét khác): kết quả nào đổi"
        " trạng thái; mã thoát 0 nếu không có gì đổi, 1 nếu có",
        "compare two readings of the same facts (another policy, another as-of date): which results"
        " change status; exit 0 when nothing changed, 1 when something did",
    ),
    "cli.help.sensitivity": (
        "đếm kết quả theo trạng thái với từng giá trị của một tham số chính sách",
        "count the results by status for each value of one policy parameter",
    ),
    "cli.help.against_policy": (
        "tệp chính sách của cách đọc thứ hai (mặc định: như --policy)",
        "policy file of the second reading (default: as --policy)",
    ),
    "cli.help.against_as_of": (
        "ngày xét của cách đọc thứ hai, YYYY-MM-DD (mặc định: như --as-of)",
        "as-of date of the second reading, YYYY-MM-DD (default: as --as-of)",
    ),
    "cli.help.compare_format": ("định dạng kết quả", "output format"),
    "cli.help.compare_output": (
        "ghi thêm kết quả ra tệp theo định dạng, ví dụ html=so-sanh.html (dùng được nhiều lần)",
        "also write the output to a file in a format, e.g. html=compare.html (repeatable)",
    ),
    "cli.help.param": (
        "tham số chính sách, ví dụ timely_days.D2.K7b, timely_days (mọi việc kịp thời), violation_after_days,"
        " hd33_retroactive",
        "policy parameter, e.g. timely_days.D2.K7b, timely_days (every prompt duty), violation_after_days,"
        " hd33_retroactive",
    ),
    "cli.help.values": (
        "các giá trị cách nhau bằng dấu phẩy, ví dụ 7,15,30,45,60; true,false; off (tắt)"
        " (mặc định với tham số bật/tắt: true,false)",
        "comma-separated values, e.g. 7,15,30,45,60; true,false; off (default for a switch: true,false)",
    ),
    "cli.help.sensitivity_obligation": (
        "chỉ đếm kết quả của nhiệm vụ này (dùng được nhiều lần; mặc định: mọi nhiệm vụ)",
        "count only the results of this duty (repeatable; default: every duty)",
    ),
    "cli.help.plot": (
        "vẽ biểu đồ đường ra tệp .svg hoặc .png (cần matplotlib: pip install 'qd213-rules[notebook]')",
        "draw a line chart to a .svg or .png file (needs matplotlib: pip install 'qd213-rules[notebook]')",
    ),
    "cli.error.compare_needs_other": (
        "cần --against-policy hoặc --against-as-of: cách đọc thứ hai khác cách đọc thứ nhất ở đâu?",
        "give --against-policy or --against-as-of: how does the second reading differ from the first?",
    ),
    "cli.error.plot_suffix": (
        "không vẽ được {file}: tên tệp biểu đồ phải kết thúc bằng .svg hoặc .png",
        "cannot draw {file}: the chart's file name must end in .svg or .png",
    ),
    "cli.error.no_matplotlib": (
        "vẽ biểu đồ cần matplotlib: pip install 'qd213-rules[notebook]'",
        "drawing the chart needs matplotlib: pip install 'qd213-rules[notebook]'",
    ),
    # compare: headings
    "compare.title": ("So sánh hai cách đọc", "Two readings compared"),
    "compare.source": ("Dữ liệu: {source}", "Facts: {source}"),
    "compare.before": ("Trước", "Before"),
    "compare.after": ("Sau", "After"),
    "compare.reading": ("ngày xét {as_of}; chính sách: {policy}", "as of {as_of}; policy: {policy}"),
    "compare.default_policy": ("mặc định", "the defaults"),
    "compare.differences": ("Khác nhau ở", "What differs"),
    "compare.no_policy_difference": ("chính sách như nhau", "the same policy"),
    "compare.as_of_difference": ("Ngày xét: {before} → {after}", "As-of date: {before} → {after}"),
    "compare.regulation_difference": (
        "Phiên bản quy định: {before} → {after}",
        "Regulation version: {before} → {after}",
    ),
    "compare.counts": (
        "Đổi trạng thái: {changed} · mới xuất hiện: {appeared} · không còn: {disappeared} · giữ nguyên:"
        " {unchanged}",
        "Changed status: {changed} · appeared: {appeared} · disappeared: {disappeared} · unchanged:"
        " {unchanged}",
    ),
    "compare.nothing_changed": (
        "Không kết quả nào đổi trạng thái.",
        "No result changed status.",
    ),
    "compare.matrix": (
        "Chuyển trạng thái (hàng: trước, cột: sau)",
        "Status transitions (rows: before, columns: after)",
    ),
    "compare.absent": ("(không có)", "(none)"),
    "compare.changes": ("Các kết quả thay đổi", "The results that changed"),
    "compare.kind.changed": ("đổi trạng thái", "changed"),
    "compare.kind.appeared": ("mới xuất hiện", "appeared"),
    "compare.kind.disappeared": ("không còn", "disappeared"),
    "compare.col.who": ("Đảng viên / tổ chức", "Member / organisation"),
    "compare.col.duty": ("Nhiệm vụ", "Duty"),
    "compare.col.before": ("Trước", "Before"),
    "compare.col.after": ("Sau", "After"),
    "compare.col.why_before": ("Lý do (trước)", "Why (before)"),
    "compare.col.why_after": ("Lý do (sau)", "Why (after)"),
    "compare.bearer": ("người/đơn vị thực hiện: {name}", "carried out by: {name}"),
    "compare.occasion": ("sự việc ngày {date}", "occasion of {date}"),
    "compare.period": ("kỳ {period}", "period {period}"),
    "compare.due": ("hạn {date}", "due {date}"),
    "compare.value.on": ("có", "yes"),
    "compare.value.off_switch": ("không", "no"),
    "compare.value.none": ("tắt", "off"),
    "compare.value.days": ("{days} ngày", "{days} days"),
    # sensitivity
    "sensitivity.title": ("Kết quả theo giá trị của tham số", "Results by value of the parameter"),
    "sensitivity.parameter": ("Tham số: {label} ({name})", "Parameter: {label} ({name})"),
    "sensitivity.baseline": (
        "Giá trị hiện hành: {value}; ngày xét {as_of}",
        "Current value: {value}; as of {as_of}",
    ),
    "sensitivity.scope": ("Chỉ đếm các nhiệm vụ: {duties}", "Counting only the duties: {duties}"),
    "sensitivity.col.value": ("Giá trị", "Value"),
    "sensitivity.col.changed": ("Khác giá trị hiện hành", "Differ from current"),
    "sensitivity.chart.y": ("Số kết quả", "Results"),
}
