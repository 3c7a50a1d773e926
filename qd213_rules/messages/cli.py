"""Messages of the ``qd213`` command line and of the report renderers (text, markdown, junit,
github, calendar)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.description": (
        "Kiểm tra việc thực hiện Quy định 213-QĐ/TW (đảng viên đang công tác giữ mối liên hệ với "
        "tổ chức đảng và nhân dân nơi cư trú).",
        "Check compliance with Regulation 213-QĐ/TW (working Party members keeping in touch with "
        "the Party organisation and the people where they live).",
    ),
    "cli.epilog": (
        "Mã thoát: 0 không có kết quả từ ngưỡng --fail-on trở lên; 1 có; 2 dữ liệu vào hoặc cú pháp lệnh sai.",
        "Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 bad input or usage.",
    ),
    # argparse, in the chosen language
    "cli.usage_prefix": ("cách dùng:", "usage:"),
    "cli.usage_error": ("lỗi cú pháp lệnh", "usage error"),
    "cli.section.positionals": ("đối số vị trí", "positional arguments"),
    "cli.section.options": ("tùy chọn", "options"),
    "cli.help.help": ("in hướng dẫn này rồi thoát", "show this help message and exit"),
    "cli.help.version": ("in số phiên bản rồi thoát", "show the version number and exit"),
    "cli.help.command": ("lệnh", "command"),
    "cli.argparse.argument": ("đối số {argument}: {message}", "argument {argument}: {message}"),
    "cli.argparse.required": ("thiếu các đối số bắt buộc: {names}", "the following arguments are required: {names}"),
    "cli.argparse.one_required": ("cần một trong các đối số {names}", "one of the arguments {names} is required"),
    "cli.argparse.unrecognized": ("đối số không nhận biết được: {names}", "unrecognized arguments: {names}"),
    "cli.argparse.not_allowed": ("không dùng cùng với đối số {other}", "not allowed with argument {other}"),
    "cli.argparse.invalid_choice": (
        "lựa chọn không hợp lệ: {value} (chọn một trong {choices})",
        "invalid choice: {value} (choose from {choices})",
    ),
    "cli.argparse.expected_one": ("cần đúng một giá trị", "expected one argument"),
    "cli.argparse.expected_at_most_one": ("cần nhiều nhất một giá trị", "expected at most one argument"),
    "cli.argparse.expected_at_least_one": ("cần ít nhất một giá trị", "expected at least one argument"),
    "cli.argparse.invalid_value": ("giá trị {type} không hợp lệ: {value}", "invalid {type} value: {value}"),
    "cli.argparse.ambiguous": (
        "tùy chọn {option} không rõ ràng, có thể là {matches}",
        "ambiguous option: {option} could match {matches}",
    ),
    "cli.argparse.ignored_explicit": ("giá trị bị bỏ qua: {value}", "ignored explicit argument {value}"),
    # option help
    "cli.help.facts": (
        "tệp dữ kiện (.json hoặc .jsonl; '-' là đầu vào chuẩn)",
        "facts file (.json or .jsonl; '-' for stdin)",
    ),
    "cli.help.html_member_pages": (
        "báo cáo HTML: số đảng viên có việc cần làm được trình bày trang riêng đầy đủ, những người còn lại "
        "được tóm tắt (mặc định: {default})",
        "HTML report: how many members with findings get a full page; the others are summarised (default: {default})",
    ),
    "cli.help.lang": ("ngôn ngữ thông báo (mặc định: tiếng Việt)", "language of messages (default: Vietnamese)"),
    "cli.help.as_of": (
        "ngày đánh giá YYYY-MM-DD (mặc định: hôm nay theo giờ Việt Nam)",
        "evaluation date YYYY-MM-DD (default: today in Vietnam)",
    ),
    "cli.help.policy": ("tệp tham số diễn giải (JSON hoặc TOML)", "interpretation policy file (JSON or TOML)"),
    "cli.help.check": ("đánh giá và báo cáo các nghĩa vụ", "evaluate and report the duties"),
    "cli.help.member": (
        "chỉ in kết quả về đảng viên này (việc đánh giá vẫn dùng cả tệp)",
        "print only results about this member (the evaluation still covers the whole file)",
    ),
    "cli.help.org": (
        "chỉ in kết quả về tổ chức này hoặc do tổ chức này thực hiện",
        "print only results about or borne by this organisation",
    ),
    "cli.help.format": ("định dạng đầu ra chuẩn (mặc định: text)", "format of standard output (default: text)"),
    "cli.help.output": (
        "ghi thêm một định dạng vào tệp, ví dụ junit=report.xml (dùng lặp lại được)",
        "also write a format to a file, e.g. junit=report.xml (may be repeated)",
    ),
    "cli.help.fail_on": (
        "mã thoát 1 khi có kết quả từ mức này trở lên (mặc định: overdue)",
        "exit with code 1 on results at or above this status (default: overdue)",
    ),
    "cli.help.exit_zero": ("luôn thoát với mã 0 khi dữ kiện hợp lệ", "always exit 0 when the facts are valid"),
    "cli.help.all": ("in mọi kết quả, không chỉ các phát hiện", "print every result, not only the findings"),
    "cli.help.validate": ("chỉ đọc và kiểm tra dữ kiện", "load and check the facts only"),
    "cli.help.explain": ("giải thích một kết quả", "explain a result"),
    "cli.help.obligation": ("mã nghĩa vụ, ví dụ D2.K7b", "obligation id, e.g. D2.K7b"),
    "cli.help.subject": ("mã đối tượng (đảng viên hoặc tổ chức)", "subject id (member or organisation)"),
    "cli.help.explain_format": ("định dạng đầu ra (mặc định: text)", "output format (default: text)"),
    "cli.help.obligations": ("danh mục nghĩa vụ và căn cứ", "the catalogue of duties and their citations"),
    "cli.help.schema": ("JSON Schema của định dạng dữ kiện", "JSON Schema of the facts format"),
    "cli.help.demo": (
        "báo cáo của phường mẫu kèm theo gói (ngày đánh giá cố định; luôn thoát với mã 0)",
        "the report of the bundled example ward (fixed as-of date; always exits 0)",
    ),
    "cli.help.calendar": (
        "lịch iCalendar (.ics) các nghĩa vụ đến hạn trong những ngày tới",
        "an iCalendar (.ics) file of the duties falling due in the coming days",
    ),
    "cli.help.max_bytes": ("đọc tối đa N byte đầu vào (mặc định: {default})", "read at most N bytes of input (default: {default})"),
    "cli.help.max_facts": ("nhận tối đa N dữ kiện (mặc định: {default})", "accept at most N facts (default: {default})"),
    "cli.help.max_line_bytes": (
        "độ dài tối đa một dòng JSON Lines, tính bằng byte (mặc định: {default})",
        "longest JSON Lines line, in bytes (default: {default})",
    ),
    "cli.help.max_errors": (
        "báo tối đa N lỗi rồi tóm tắt phần còn lại (mặc định: {default})",
        "report at most N problems, then summarise the rest (default: {default})",
    ),
    "cli.error.positive": ("'{value}' không phải số nguyên dương", "'{value}' is not a positive whole number"),
    "cli.help.backend": (
        "bộ so khớp: durable (durable-rules, mặc định) hoặc python (cùng kết quả)",
        "matcher: durable (durable-rules, the default) or python (same results)",
    ),
    "cli.help.workers": (
        "số tiến trình đánh giá song song (mặc định: 1)",
        "number of processes evaluating in parallel (default: 1)",
    ),
    "cli.help.stream": (
        "đọc JSON Lines theo từng phần, ghi mỗi kết quả một dòng JSON rồi một dòng tổng hợp (bộ nhớ giới hạn theo phần)",
        "read JSON Lines shard by shard; write one JSON result per line, then a summary line (memory bounded by the shard)",
    ),
    "cli.help.dask_scheduler": (
        "chạy trên cụm Dask có sẵn tại ADDRESS (cần gói tùy chọn dask)",
        "run on an existing Dask cluster at ADDRESS (needs the dask extra)",
    ),
    "cli.help.synth": ("tạo dữ liệu tổng hợp có tính quyết định (JSON Lines)", "write a deterministic synthetic workload (JSON Lines)"),
    "cli.help.members": ("số đảng viên", "number of members"),
    "cli.help.seed": ("hạt giống ngẫu nhiên (mặc định: 0)", "random seed (default: 0)"),
    "cli.help.years": ("các năm quan sát, ví dụ 2024-2025 (mặc định)", "observed years, e.g. 2024-2025 (the default)"),
    "cli.help.synth_output": ("tệp đầu ra (mặc định: đầu ra chuẩn)", "output file (default: standard output)"),
    "cli.synth.done": (
        "{lines} dòng: {members} đảng viên, {events} sự kiện ({per_member} dữ kiện mỗi đảng viên)",
        "{lines} lines: {members} members, {events} events ({per_member} facts per member)",
    ),
    "cli.error.stream_options": (
        "--stream đọc một tệp JSON Lines (không phải '-') và ghi JSON Lines ra đầu ra chuẩn; không dùng kèm --format, --output, --member, --org",
        "--stream reads a JSON Lines file (not '-') and writes JSON Lines to stdout; it takes no --format, --output, --member or --org",
    ),
    "cli.error.no_dask": (
        "--dask-scheduler cần gói tùy chọn dask: pip install 'qd213-rules[dask]'",
        "--dask-scheduler needs the dask extra: pip install 'qd213-rules[dask]'",
    ),
    "cli.error.years": ("'{value}' không phải khoảng năm YYYY-YYYY hợp lệ", "'{value}' is not a valid year range YYYY-YYYY"),
    "cli.help.days": ("số ngày của khoảng thời gian (mặc định: 30)", "length of the window in days (default: 30)"),
    "cli.help.calendar_output": ("tệp .ics cần ghi (mặc định: đầu ra chuẩn)", "the .ics file to write (default: stdout)"),
    # option values
    "cli.bad_output_spec": (
        "cần ĐỊNH_DẠNG=TỆP với định dạng là một trong {formats}, gặp {found}",
        "expected FORMAT=FILE with FORMAT one of {formats}, found {found}",
    ),
    "cli.bad_days": ("cần một số nguyên không âm, gặp {found}", "expected a non-negative integer, found {found}"),
    "cli.bad_date": ("ngày YYYY-MM-DD", "a date YYYY-MM-DD"),
    "cli.unknown_member": (
        "Không có đảng viên {found} trong tệp dữ kiện (dùng với --member).",
        "No member {found} in the facts file (used with --member).",
    ),
    "cli.unknown_org": (
        "Không có tổ chức {found} trong tệp dữ kiện (dùng với --org).",
        "No organisation {found} in the facts file (used with --org).",
    ),
    "cli.cannot_write": ("Không ghi được tệp {file}: {error}", "Cannot write file {file}: {error}"),
    "cli.cannot_write_output": (
        "Không ghi được đầu ra chuẩn: {error}. Kết quả đã ghi (nếu có) không đầy đủ.",
        "Cannot write to standard output: {error}. What was written, if anything, is incomplete.",
    ),
    "cli.worker_failed_output": (
        "Một tiến trình đánh giá song song (--workers) đã dừng trước khi gửi hết phần báo cáo của nó: {error}. "
        "Báo cáo đã ghi không đầy đủ.",
        "A worker process (--workers) stopped before sending all of its part of the report: {error}. "
        "The report written is incomplete.",
    ),
    "cli.interrupted": ("Đã dừng theo yêu cầu.", "Interrupted."),
    # progress (stderr, terminals only)
    "cli.progress.loading": ("Đang đọc {source}: {count} dòng, {size}…", "Reading {source}: {count} lines, {size}…"),
    "cli.progress.evaluating": (
        "Đang đánh giá {members} đảng viên, {organizations} tổ chức, {events} sự kiện…",
        "Evaluating {members} members, {organizations} organisations, {events} events…",
    ),
    # validate
    "cli.validate.ok": (
        "{source}: hợp lệ — {organizations} tổ chức, {members} đảng viên, {events} sự kiện, {warnings} cảnh báo dữ liệu.",
        "{source}: valid — {organizations} organisations, {members} members, {events} events, {warnings} data warnings.",
    ),
    # text report
    "cli.report.derived": (
        "Tổng hợp (nhắc lại các kết quả trên, không tính thêm): {count}",
        "Joint duties (restating the results above, not counted again): {count}",
    ),
    "cli.report.header": (
        "Quy định 213-QĐ/TW — báo cáo tính đến ngày {as_of} ({source}): {results} kết quả",
        "Regulation 213-QĐ/TW — report as of {as_of} ({source}): {results} results",
    ),
    "cli.report.selection": ("Chỉ gồm các kết quả về {id}.", "Only the results about {id}."),
    "cli.report.due": ("hạn", "due"),
    "cli.report.no_findings": (
        "Không có nghĩa vụ đến hạn, quá hạn hay không thực hiện.",
        "No duty is due, overdue or not performed.",
    ),
    "cli.report.warnings": ("Cảnh báo dữ liệu ({count}):", "Data warnings ({count}):"),
    "cli.report.more": ("… và {count} mục nữa", "… and {count} more"),
    "cli.report.unused": (
        "{count} dữ kiện không được kết quả nào sử dụng (xem unused_facts trong --format json).",
        "{count} facts are used by no result (see unused_facts in --format json).",
    ),
    "cli.report.explain_hint": (
        "Xem giải thích một kết quả: qd213 explain {source} --obligation MÃ --subject MÃ --as-of {as_of}",
        "To see why: qd213 explain {source} --obligation ID --subject ID --as-of {as_of}",
    ),
    # markdown report
    "cli.markdown.title": (
        "Quy định 213-QĐ/TW — báo cáo tính đến ngày {as_of}",
        "Regulation 213-QĐ/TW — report as of {as_of}",
    ),
    "cli.markdown.source": ("Dữ kiện: {source} · {results} kết quả", "Facts: {source} · {results} results"),
    "cli.markdown.status": ("Trạng thái", "Status"),
    "cli.markdown.count": ("Số kết quả", "Results"),
    "cli.markdown.total": ("Tổng", "Total"),
    "cli.markdown.findings": ("Phát hiện theo đối tượng", "Findings by subject"),
    "cli.markdown.results": ("Kết quả theo đối tượng", "Results by subject"),
    "cli.markdown.obligation": ("Nghĩa vụ", "Obligation"),
    "cli.markdown.key": ("Kỳ / sự kiện", "Period / event"),
    "cli.markdown.bearer": ("Chủ thể thực hiện", "Bearer"),
    "cli.markdown.due": ("Hạn", "Due"),
    "cli.markdown.message": ("Nội dung", "Message"),
    "cli.markdown.truncated": (
        "Báo cáo bị rút gọn: còn {count} đối tượng không hiển thị (xem --format json).",
        "Report truncated: {count} more subjects not shown (see --format json).",
    ),
    # github workflow commands
    "cli.github.summary": (
        "qd213: {violated} không thực hiện, {overdue} quá hạn, {due} đến hạn trong {results} kết quả (tính đến ngày"
        " {as_of}).",
        "qd213: {violated} not performed, {overdue} overdue, {due} due out of {results} results (as of {as_of}).",
    ),
    # calendar
    "cli.calendar.name": ("Quy định 213-QĐ/TW — hạn nghĩa vụ", "Regulation 213-QĐ/TW — deadlines"),
    "cli.calendar.subject": ("Đối tượng: {subject}", "Subject: {subject}"),
    "cli.calendar.bearer": ("Chủ thể thực hiện: {bearer}", "Bearer: {bearer}"),
    "cli.calendar.citation": ("Căn cứ: {citation}", "Citation: {citation}"),
    "cli.calendar.result": ("Mã kết quả: {result_id}", "Result id: {result_id}"),
    # explain
    "cli.explain.not_found": (
        "Không có kết quả nào của nghĩa vụ {obligation} về đối tượng {subject}.",
        "No result of obligation {obligation} about subject {subject}.",
    ),
}
