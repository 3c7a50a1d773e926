"""A FICTIONAL successor of QĐ 213, for tests only (never shipped, never real law).

"Quy định 99-QĐ/TW (giả định)" takes effect on 2026-07-01. It ends one duty of QĐ 213 —
D4.K4d, the residence cell reporting a member's misconduct to both the commune and the
workplace within ``timely_days`` — and adds one duty of its own, D4.K7: the cell reports the
misconduct to the commune committee only, within ``chain_step_days``. Its declarations use the
same vocabulary as QĐ 213's articles, so the engine compiles them into its rules (durable-rules
and the Python matcher alike) without any change to the engine.
"""

from __future__ import annotations

import datetime as dt

from qd213_rules.articles import Citation, Kind, Obligation, Role, SubjectType
from qd213_rules.articles._rule import Deadline, Evidence, Pattern, Rule, Trigger
from qd213_rules.regulations import Regulation

SUCCESSOR_ID = "99-QĐ/TW"
IN_FORCE_FROM = dt.date(2026, 7, 1)

REPORT_TO_COMMUNE = Obligation(
    id="D4.K7",
    citation=Citation(document=SUCCESSOR_ID, article=4, clause=7),
    text_vi=(
        "Chi uỷ, chi bộ nơi cư trú kịp thời phản ánh với đảng uỷ xã, phường, đặc khu khi đảng viên "
        "có hành vi vi phạm (văn bản giả định, chỉ dùng để kiểm thử).",
    ),
    summary_en=(
        "(Fictional, for tests.) The residence cell promptly reports a member's misconduct to "
        "the commune committee."
    ),
    bearer=Role.RESIDENCE_CELL,
    subject=SubjectType.MEMBER,
    kind=Kind.TRIGGERED,
    deadline_param="chain_step_days",
    violation_grounds=("overdue_beyond_limit",),
    rule=Rule(
        triggers=(Trigger(pattern=Pattern(kind="misconduct_observed"), bearer_field="org_id"),),
        recipients=("residence_commune",),
        evidence=(
            Evidence(
                pattern=Pattern(kind="misconduct_reported"),
                same={"about_event_id": "id"},
                recipient_field="to_org_id",
            ),
        ),
        deadline=Deadline(anchor="trigger", plus="chain_step_days"),
    ),
)

SUCCESSOR = Regulation(
    id=SUCCESSOR_ID,
    title="Quy định 99-QĐ/TW (giả định, chỉ dùng trong kiểm thử) / fictional successor for tests",
    signed=dt.date(2026, 6, 15),
    in_force_from=IN_FORCE_FROM,
    catalogue_version="2026.0-test",
    obligations=(REPORT_TO_COMMUNE,),
    repeals=("D4.K4d",),
    messages={
        "obligation.D4.K7.title": (
            "Phản ánh vi phạm của đảng viên với đảng uỷ cấp xã (giả định)",
            "Report misconduct to the commune committee (fictional)",
        ),
        "obligation.D4.K7.summary": (
            "Chi bộ nơi cư trú phản ánh với đảng uỷ cấp xã khi đảng viên vi phạm (giả định).",
            "(Fictional, for tests.) The residence cell promptly reports a member's misconduct to the commune committee.",
        ),
    },
)
