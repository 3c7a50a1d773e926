"""Messages of input problems, keyed ``errors.<ErrorCode>`` (docs/facts.md, docs/cli.md).

Every message may use ``{found}`` (the offending value, already quoted) and ``{expected}``
(what was expected: a wire name, a formula such as ``change = transferred ⇒ … ≠ null``, a
limit); a few use a documented extra parameter (``{ref}``: the id a reference points to).
``where`` (file, line, JSON path, fact id) is printed before the message, so messages do not
repeat it. docs/errors.md lists every code with an example.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "errors.where.fact": ("(dữ kiện {id})", "(fact {id})"),
    # reading
    "errors.file_not_found": (
        "Không tìm thấy tệp.",
        "File not found.",
    ),
    "errors.file_unreadable": (
        "Không đọc được tệp ({found}).",
        "Cannot read the file ({found}).",
    ),
    "errors.not_utf8": (
        "Văn bản không phải UTF-8 hợp lệ (tại {found}); hãy lưu tệp với mã {expected}.",
        "The text is not valid UTF-8 (at {found}); save the file as {expected}.",
    ),
    "errors.json_malformed": (
        "JSON sai cú pháp: {found}.",
        "Malformed JSON: {found}.",
    ),
    "errors.input_too_large": (
        "Đầu vào quá lớn (đã đọc {found} byte); giới hạn: {expected}. Hãy chia nhỏ tệp hoặc nâng giới hạn.",
        "The input is too large ({found} bytes read); limit: {expected}. Split the file or raise the limit.",
    ),
    "errors.too_many_facts": (
        "Quá nhiều dữ kiện (đã đọc {found}); giới hạn: {expected}.",
        "Too many facts ({found} read); limit: {expected}.",
    ),
    "errors.line_too_long": (
        "Dòng quá dài ({found} byte); giới hạn: {expected}.",
        "The line is too long ({found} bytes); limit: {expected}.",
    ),
    "errors.too_many_errors": (
        "Đã dừng sau {expected} lỗi; hãy sửa các lỗi trên rồi kiểm tra lại để thấy các lỗi còn lại.",
        "Stopped after {expected} problems; fix those above and check again to see the rest.",
    ),
    # shape
    "errors.not_an_object": (
        "Cần một đối tượng JSON, nhưng gặp {found}.",
        "A JSON object is expected, found {found}.",
    ),
    "errors.unknown_type": (
        "Giá trị \"type\" {found} không hợp lệ; cần một trong: {expected}.",
        "Unknown line type {found}; expected one of: {expected}.",
    ),
    "errors.unknown_kind": (
        "Loại sự kiện {found} không tồn tại; cần: {expected}.",
        "Unknown event kind {found}; expected: {expected}.",
    ),
    "errors.unknown_field": (
        "Trường {found} không có trong định dạng (trường lạ là lỗi); các trường được phép: {expected}.",
        "Unknown field {found} (unknown fields are errors); allowed fields: {expected}.",
    ),
    "errors.missing_field": (
        "Thiếu trường bắt buộc {expected}.",
        "Required field {expected} is missing.",
    ),
    "errors.wrong_type": (
        "Sai kiểu giá trị: gặp {found}, cần kiểu JSON {expected}.",
        "Wrong type: found {found}, expected a JSON {expected}.",
    ),
    "errors.invalid_value": (
        "Giá trị {found} không hợp lệ; cần: {expected}.",
        "Invalid value {found}; expected: {expected}.",
    ),
    "errors.invalid_date": (
        "Ngày {found} không hợp lệ; cần một ngày có thật, dạng {expected}, không kèm giờ.",
        "Invalid date {found}; expected a real calendar date {expected}, without a time.",
    ),
    "errors.invalid_id": (
        "Id {found} không hợp lệ: id có từ 1 đến 200 ký tự, có ít nhất một ký tự nhìn thấy được, không chứa '|' "
        "hay ký tự điều khiển, ký tự định dạng ẩn (như U+FEFF, U+200B), và không có khoảng trắng ở đầu hay cuối.",
        "Invalid id {found}: an id has 1 to 200 characters, at least one of them visible, no '|', no control or "
        "hidden format character (such as U+FEFF, U+200B), and no white space at either end.",
    ),
    "errors.schema_version": (
        "Phiên bản định dạng {found} không được hỗ trợ; cần schema_version {expected}.",
        "Unsupported schema_version {found}; expected {expected}.",
    ),
    "errors.header_misplaced": (
        "Dòng header chỉ được là dòng không trống đầu tiên của tệp JSON Lines.",
        "The header may only be the first non-blank line of a JSON Lines file.",
    ),
    # references and consistency
    "errors.duplicate_id": (
        "Id {found} đã dùng cho dữ kiện khác (tại {expected}); tổ chức và đảng viên dùng chung một "
        "không gian id, sự kiện dùng một không gian riêng, so sánh sau khi chuẩn hoá NFC.",
        "Id {found} is already used by another fact (at {expected}); organisations and members share one "
        "namespace, events have their own, compared after NFC normalisation.",
    ),
    "errors.unknown_reference": (
        "Không có dữ kiện loại {expected} nào mang id {found}.",
        "No {expected} has the id {found}.",
    ),
    "errors.wrong_org_kind": (
        "Tổ chức {ref} thuộc loại {found}; trường này cần loại {expected}.",
        "Organisation {ref} is of kind {found}; this field needs {expected}.",
    ),
    "errors.org_cycle": (
        "Các liên kết parent_id tạo thành vòng lặp: {found}.",
        "The parent_id links form a cycle: {found}.",
    ),
    "errors.wrong_event_kind": (
        "Sự kiện {ref} thuộc loại {found}; trường này cần loại {expected}.",
        "Event {ref} is of kind {found}; this field needs {expected}.",
    ),
    "errors.event_other_member": (
        "Sự kiện {ref} nói về đảng viên {found}, không phải đảng viên {expected} của sự kiện này.",
        "Event {ref} is about member {found}, not member {expected} of this event.",
    ),
    "errors.event_cites_later": (
        "Sự kiện được dẫn chiếu {ref} có ngày {found}, muộn hơn sự kiện dẫn chiếu nó (cần {expected}).",
        "The cited event {ref} is dated {found}, later than the event citing it (expected {expected}).",
    ),
    "errors.history_mismatch": (
        "Giá trị {found} mâu thuẫn với lịch sử tái hiện, theo đó vào ngày này giá trị là {expected}. "
        "Hồ sơ đảng viên là trạng thái tại working_since; mỗi thay đổi sau đó phải là một sự kiện.",
        "Value {found} contradicts the replayed history, which gives {expected} on this date. "
        "The member record is the state at working_since; each later change must be an event.",
    ),
    "errors.conditional_field": (
        "Trường có điều kiện sai quy tắc {expected} (gặp {found}).",
        "A conditional field breaks the rule {expected} (found {found}).",
    ),
    "errors.attendee_and_excused": (
        "Đảng viên {found} vừa có tên trong danh sách có mặt vừa trong danh sách vắng có lý do của cùng cuộc họp.",
        "Member {found} is both an attendee and excused at the same meeting.",
    ),
    "errors.conflicting_assessment": (
        "Phiếu nhận xét này xếp loại {found}, khác phiếu {ref} ({expected}) về cùng đảng viên {member}, cùng năm {year}.",
        "This comment form rates {found}, unlike form {ref} ({expected}) about the same member {member} for the same year {year}.",
    ),
    "errors.breach_of_non_conduct": (
        "Chỉ được ghi nhận vi phạm cho nghĩa vụ ứng xử (conduct) của chính đảng viên; {found} không phải (cần: {expected}).",
        "A breach may only be recorded for a member's own conduct duty; {found} is not one (expected: {expected}).",
    ),
    "errors.unknown_obligation": (
        "Không có nghĩa vụ {found} trong danh mục (xem lệnh qd213 obligations).",
        "No obligation {found} in the catalogue (see qd213 obligations).",
    ),
    "errors.no_authority": (
        "Tổ chức {found} không có thẩm quyền ghi nhận vi phạm hay miễn nghĩa vụ của {bearer} (cần: {expected}).",
        "Organisation {found} has no authority to record a breach of, or waive, a duty of {bearer} (expected: {expected}).",
    ),
    "errors.waiver_ambiguous": (
        "Quyết định miễn khớp với nhiều kết quả ({found}); hãy chỉ rõ một kết quả (cần: {expected}).",
        "The waiver matches more than one result ({found}); name a single one (expected: {expected}).",
    ),
    "errors.empty_input": (
        "Dữ liệu không có tổ chức đảng nào và không có đảng viên nào ({found} sự kiện; cần: {expected}); bản xuất có thể đã mất dữ liệu.",
        "The input has no organisation and no member ({found} events; expected: {expected}); the export may have lost its data.",
    ),
    # policy and usage
    "errors.policy_invalid": (
        "Chính sách không hợp lệ: gặp {found}, cần {expected}.",
        "Invalid policy: found {found}, expected {expected}.",
    ),
    "errors.no_regulation_in_force": (
        "Không có quy định nào có hiệu lực vào ngày {found} (sớm nhất: {expected}); hãy chọn ngày tính (--as-of) từ ngày đó trở đi.",
        "No regulation in force on {found} (the earliest: {expected}); choose an evaluation date (--as-of) on or after it.",
    ),
    "errors.usage": (
        "Cách dùng không đúng: gặp {found}, cần {expected}.",
        "Wrong usage: found {found}, expected {expected}.",
    ),
    # comparing readings (qd213 compare, qd213 sensitivity)
    "errors.different_facts": (
        "Hai báo cáo được lập từ hai bộ dữ liệu khác nhau (mã {found}, cần {expected}): chỉ so sánh"
        " được hai cách đọc của cùng một bộ dữ liệu.",
        "The two reports come from different fact sets (digest {found}, expected {expected}): only"
        " two readings of the same facts can be compared.",
    ),
    "errors.unknown_parameter": (
        "Không có tham số chính sách {found}; có phải là: {expected}?",
        "No policy parameter {found}; did you mean: {expected}?",
    ),
}
