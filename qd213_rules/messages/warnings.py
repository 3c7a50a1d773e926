"""Messages of data warnings, keyed ``warnings.<code>`` (docs/facts.md).

Each message gets ``{fact_id}`` (the event concerned, empty when none) and the warning's own
parameters, listed in docs/errors.md: plain strings, dates as ``YYYY-MM-DD``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "warnings.attendee_not_registered": (
        "Đảng viên {member_id} có tên trong danh sách dự cuộc họp {fact_id} do {org_id} triệu tập, "
        "nhưng chưa được chi bộ nơi cư trú tiếp nhận (member_registered) trong thời gian cư trú hiện tại.",
        "Member {member_id} attended meeting {fact_id} convened by {org_id} but is not registered "
        "(member_registered) at the residence cell during the current stay.",
    ),
    "warnings.move_to_same_cell": (
        "Sự kiện {fact_id} chuyển đảng viên {member_id} đến {cell_id}, là nơi đảng viên đang ở.",
        "Event {fact_id} moves member {member_id} to {cell_id}, where they already are.",
    ),
    "warnings.annual_fact_outside_year": (
        "Sự kiện {fact_id} của năm {year} có ngày {date}, nằm ngoài năm đó (kể cả 3 tháng đầu năm sau).",
        "Event {fact_id} for year {year} is dated {date}, outside that year (and the first 3 months of the next).",
    ),
    "warnings.event_before_working_since": (
        "Sự kiện {fact_id} về đảng viên {member_id} có ngày trước working_since ({working_since}).",
        "Event {fact_id} about member {member_id} is dated before working_since ({working_since}).",
    ),
    "warnings.event_after_duties_ended": (
        "Sự kiện {fact_id} về đảng viên {member_id} có ngày sau khi nhiệm vụ của đảng viên đã chấm dứt ({ended_on}).",
        "Event {fact_id} about member {member_id} is dated after their duties ended ({ended_on}).",
    ),
    "warnings.introduction_for_exempt_member": (
        "Sự kiện {fact_id} giới thiệu đảng viên {member_id}, người thuộc diện miễn giới thiệu (exempt_from_introduction).",
        "Event {fact_id} introduces member {member_id}, who is exempt from introduction (exempt_from_introduction).",
    ),
    "warnings.letter_to_other_commune": (
        "Sự kiện {fact_id} gửi văn bản về đảng viên {member_id} tới {to_org_id}, "
        "nhưng vào ngày đó đảng viên cư trú tại {commune_id}.",
        "Event {fact_id} sends a letter about member {member_id} to {to_org_id}, "
        "but on that date the member lived in {commune_id}.",
    ),
    "warnings.change_before_working_since": (
        "Thay đổi {fact_id} của đảng viên {member_id} có ngày không sau working_since ({working_since}) "
        "nên không được tái hiện: hồ sơ đảng viên đã là trạng thái tại ngày đó.",
        "Change {fact_id} of member {member_id} is dated on or before working_since ({working_since}) "
        "and is not replayed: the member record is already the state on that date.",
    ),
    "warnings.observation_defaulted": (
        "Không có observation.from: coi hồ sơ đầy đủ từ {date}, ngày sớm nhất của các sự kiện và working_since.",
        "No observation.from given: the record is taken as complete from {date}, the earliest event or working_since date.",
    ),
    "warnings.member_not_invited": (
        "Danh sách mời dự cuộc họp định kỳ {fact_id} của {org_id} không có đảng viên {member_id}, "
        "dù đảng viên đã được chi bộ tiếp nhận và thông báo trước ngày họp. Thiếu sót này thuộc về "
        "chi bộ, không phải đảng viên: cuộc họp không được tính khi xét việc đảng viên dự họp định kỳ.",
        "The invitation list of periodic meeting {fact_id} of {org_id} leaves out member {member_id}, "
        "who was registered and notified at the cell by the meeting date. The omission is the cell's, "
        "not the member's: the meeting does not count when the member's attendance is read.",
    ),
    "warnings.waiver_unmatched": (
        "Quyết định miễn {fact_id} không khớp với kết quả nào.",
        "Waiver {fact_id} matches no result.",
    ),
    "warnings.as_of_before_observation": (
        "Ngày tính ({as_of}) sớm hơn ngày bắt đầu ghi nhận dữ liệu (observation.from = {observation_from}): chưa có gì được ghi nhận để đánh giá.",
        "The evaluation date ({as_of}) is before the start of the record (observation.from = {observation_from}): nothing recorded can be assessed yet.",
    ),
}
