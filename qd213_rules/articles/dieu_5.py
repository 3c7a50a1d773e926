"""Điều 5 — Tổ chức thực hiện.

Article 5. Implementation (Quy định 213-QĐ/TW).

    Điều 5. Tổ chức thực hiện

    1. Các tỉnh uỷ, thành uỷ và đảng uỷ trực thuộc Trung ương tổ chức quán triệt, triển khai thực
    hiện tốt Quy định này và hằng năm báo cáo Ban Bí thư.

    2. Ban Tổ chức Trung ương chủ trì, phối hợp với Ban Dân vận Trung ương và các ban đảng liên
    quan theo dõi, kiểm tra, sơ kết, tổng kết việc thực hiện Quy định và báo cáo Ban Bí thư.

    Ban Tổ chức Trung ương chủ trì, phối hợp với Ban Dân vận Trung ương, Quân uỷ Trung ương, Đảng
    uỷ Công an Trung ương hướng dẫn việc thực hiện đối với đảng viên đang công tác trong Quân đội
    nhân dân và Công an nhân dân.

    3. Quy định này thay thế Quy định số 76-QĐ/TW, ngày 15/6/2000 của Bộ Chính trị khoá VIII về
    việc đảng viên đang công tác ở các cơ quan, doanh nghiệp, đơn vị sự nghiệp thường xuyên giữ mối
    liên hệ với chi uỷ, đảng uỷ cơ sở và gương mẫu thực hiện nghĩa vụ công dân nơi cư trú; có hiệu
    lực thi hành kể từ ngày ký và được phổ biến đến chi bộ để thực hiện.

English gloss: provincial-level Party committees disseminate and implement the Regulation and
report to the Secretariat every year; the Central Organisation Commission monitors, inspects and
reviews implementation and reports to the Secretariat, and guides implementation for members in the
People's Army and the People's Public Security. The Regulation replaces Quy định 76-QĐ/TW of 15
June 2000, takes effect on signature (2 January 2020) and is disseminated down to every Party cell.

Khoản 2 has two paragraphs: D5.K2a and D5.K2b cite paragraph 1, D5.K2c paragraph 2. The rest of
khoản 3 before "và được phổ biến" is not a duty: the repeal of Quy định 76-QĐ/TW and the entry into
force on signature are the catalogue's ``in_force_from`` (2020-01-02).

>>> [obligation.id for obligation in OBLIGATIONS]
['D5.K1a', 'D5.K1b', 'D5.K2a', 'D5.K2b', 'D5.K2c', 'D5.K3c']
"""

from __future__ import annotations

from ._common import about_trigger, P, TIMELY
from ._model import Citation, Kind, Obligation, Role, SubjectType
from ._rule import Deadline, Evidence, Rule, Trigger

__all__ = ["OBLIGATIONS"]

OBLIGATIONS: tuple[Obligation, ...] = (
    # Disseminate and implement the Regulation.
    Obligation(
        id="D5.K1a",
        citation=Citation(article=5, clause=1),
        text_vi=(
            "Các tỉnh uỷ, thành uỷ và đảng uỷ trực thuộc Trung ương tổ chức quán triệt, triển "
            "khai thực hiện tốt Quy định này",
        ),
        summary_en=(
            "Provincial-level Party committees organise the thorough dissemination and proper "
            "implementation of the Regulation."
        ),
        bearer=Role.PROVINCIAL_COMMITTEE,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.ONE_OFF,
        violation_grounds=(),
        interpretation=(
            "Once after the Regulation took effect: pending until the committee records a "
            "dissemination, which also fulfils D5.K3c (semantics §13, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="org_once"),),
            bearer="provincial_committee",
            evidence=(Evidence(pattern=P(kind="dissemination_held"), same={"org_id": "subject"}, timing="any"),),
        ),
    ),
    # Report to the Secretariat every year.
    Obligation(
        id="D5.K1b",
        citation=Citation(article=5, clause=1),
        text_vi=(
            "và hằng năm báo cáo Ban Bí thư.",
        ),
        summary_en="Provincial-level Party committees report to the Secretariat every year.",
        bearer=Role.PROVINCIAL_COMMITTEE,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.PERIODIC,
        deadline_param="provincial_report_due",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "The text fixes no date: due by provincial_report_due (default 31 December) of each "
            "calendar year (interpretation Q3)."
        ),
        rule=Rule(
            triggers=(Trigger(source="org_year"),),
            bearer="provincial_committee",
            evidence=(
                Evidence(pattern=P(kind="implementation_report_sent"), same={"org_id": "subject", "year": "year"}, timing="any"),
            ),
            deadline=Deadline(anchor="month_day", month_day="provincial_report_due"),
        ),
    ),
    # Monitor and review implementation.
    Obligation(
        id="D5.K2a",
        citation=Citation(article=5, clause=2, paragraph=1),
        text_vi=(
            "Ban Tổ chức Trung ương chủ trì, phối hợp với Ban Dân vận Trung ương và các ban đảng "
            "liên quan theo dõi, kiểm tra, sơ kết, tổng kết việc thực hiện Quy định",
        ),
        summary_en=(
            "The Central Organisation Commission leads, with the Central Mass Mobilisation "
            "Commission and the other commissions concerned, the monitoring, inspection and "
            "interim and final reviews of implementation."
        ),
        bearer=Role.CENTRAL_ORGANIZATION_COMMISSION,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.CONDUCT,
        violation_grounds=(),
        interpretation=(
            "The text sets no dates: organisation-level conduct, always ongoing, with reviews "
            "listed as evidence (semantics §13, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="org_once"),),
            bearer="central_organization_commission",
            evidence=(
                Evidence(pattern=P(kind="implementation_review_held"), same={"org_id": "subject"}, timing="any", effect="supports"),
            ),
        ),
    ),
    # Report the reviews to the Secretariat.
    Obligation(
        id="D5.K2b",
        citation=Citation(article=5, clause=2, paragraph=1),
        text_vi=(
            "và báo cáo Ban Bí thư.",
        ),
        summary_en=(
            "The Central Organisation Commission reports to the Secretariat on its monitoring "
            "and reviews."
        ),
        bearer=Role.CENTRAL_ORGANIZATION_COMMISSION,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.TRIGGERED,
        deadline_param="timely_days",
        violation_grounds=("overdue_beyond_limit",),
        interpretation=(
            "Triggered by each recorded implementation review and fulfilled by a monitoring "
            "report about it, within timely_days (semantics §13, §18)."
        ),
        rule=Rule(
            triggers=(
                Trigger(pattern=P(kind="implementation_review_held"), bearer_field="org_id", subject_field="org_id"),
            ),
            bearer="central_organization_commission",
            evidence=(about_trigger("monitoring_report_sent"),),
            deadline=TIMELY,
        ),
    ),
    # Guide implementation in the Army and the Police.
    Obligation(
        id="D5.K2c",
        citation=Citation(article=5, clause=2, paragraph=2),
        text_vi=(
            "Ban Tổ chức Trung ương chủ trì, phối hợp với Ban Dân vận Trung ương, Quân uỷ Trung "
            "ương, Đảng uỷ Công an Trung ương hướng dẫn việc thực hiện đối với đảng viên đang "
            "công tác trong Quân đội nhân dân và Công an nhân dân.",
        ),
        summary_en=(
            "The Central Organisation Commission, with the Mass Mobilisation Commission, the "
            "Central Military Commission and the Central Public Security Party Committee, guides "
            "implementation for working members in the People's Army and the People's Public "
            "Security."
        ),
        bearer=Role.CENTRAL_ORGANIZATION_COMMISSION,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.ONE_OFF,
        violation_grounds=(),
        interpretation=(
            "Once: any guidance issued by the Commission fulfils it (semantics §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="org_once"),),
            bearer="central_organization_commission",
            evidence=(Evidence(pattern=P(kind="guidance_issued"), same={"org_id": "subject"}, timing="any"),),
        ),
    ),
    # Disseminate the Regulation to every Party cell.
    Obligation(
        id="D5.K3c",
        citation=Citation(article=5, clause=3),
        text_vi=(
            "và được phổ biến đến chi bộ để thực hiện.",
        ),
        summary_en="The Regulation is disseminated down to every Party cell for implementation.",
        bearer=Role.PROVINCIAL_COMMITTEE,
        subject=SubjectType.ORGANIZATION,
        kind=Kind.ONE_OFF,
        violation_grounds=(),
        interpretation=(
            "The text is in the passive voice; the product assigns the duty to provincial-level "
            "committees, and one recorded dissemination fulfils it together with D5.K1a "
            "(semantics §13, §18)."
        ),
        rule=Rule(
            triggers=(Trigger(source="org_once"),),
            bearer="provincial_committee",
            evidence=(Evidence(pattern=P(kind="dissemination_held"), same={"org_id": "subject"}, timing="any"),),
        ),
    ),
)
