#!/usr/bin/env python3
"""Generate the bundled example ward, ``qd213_rules/data/example_ward.json``.

Run from the repository root::

    python tools/make_example_ward.py            # rewrite the committed file
    python tools/make_example_ward.py --stdout   # print it instead

The data is synthetic (invented province, wards, people) but follows the fact format of
docs/facts.md (docs/semantics.md) and is meant to read like a real ward's records for 2024 and
2025. It is fully deterministic: no randomness, no clock. The demo evaluates it as of
``AS_OF`` (2025-12-10, also ``qd213_rules.examples.EXAMPLE_AS_OF``): before the default annual
review fallback of 15 December, so several 2025 yearly duties are still ``due``.

How it is built: a small builder (:class:`Ward`) records organisations, members and events and
replays each member's history (residence, registration, workplace cell, category, end of
duties), so the ``from_*`` fields of change events, meeting attendance lists and the cell that
owes each yearly comment form always agree with the data (docs/facts.md, semantics §4, semantics §5). Scenario
code comes first (one short block per member story), then the routine calendar (listings,
directives, meetings, reviews, the yearly comment chain), then the province and the centre.
Event ids are assigned at the end, in date order: ``E-0001``, ``E-0002``, …

This script uses only the standard library so it runs without the package installed; the tests
(``tests/test_example_ward.py``) check that the committed file equals its output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent.parent / "qd213_rules" / "data" / "example_ward.json"

OBSERVATION_FROM = date(2024, 1, 1)
AS_OF = date(2025, 12, 10)

# Policy defaults of docs/policy.md, used only to place the yearly comment chain correctly.
REVIEW_FALLBACK = (12, 15)
COMMENT_LEAD_DAYS = 15
CHAIN_STEP_DAYS = 5
MIN_DAYS_FOR_COMMENT = 90
FORM_DEADLINE_BEFORE_REVIEW = COMMENT_LEAD_DAYS + 3 * CHAIN_STEP_DAYS  # D4.K4a: R − 30 days

ENDING_CHANGES = frozenset({"expelled", "struck_off", "withdrew_from_party", "retired", "left_employment", "died"})
STATE_KINDS = frozenset(
    {"residence_changed", "member_registered", "member_notified", "status_changed", "category_changed",
     "away_status_changed"}
)


def day(text: str) -> date:
    """Parse an ISO date (keeps the scenario code short)."""
    return date.fromisoformat(text)


# -- facts -------------------------------------------------------------------------------------


@dataclass
class Org:
    id: str
    kind: str
    name: str
    parent_id: str | None = None
    has_cell_committee: bool | None = None
    note: str | None = None


@dataclass
class Member:
    id: str
    name: str
    workplace_cell_id: str
    residence_cell_id: str | None
    category: str
    working_since: date
    away_status: str = "none"
    note: str | None = None


@dataclass(eq=False)
class Event:
    """An event under construction; ``fields`` may hold other :class:`Event` objects (references)."""

    kind: str
    on: date
    fields: dict[str, Any]
    note: str | None
    seq: int
    id: str = ""

    @property
    def member_id(self) -> str | None:
        value = self.fields.get("member_id")
        return value if isinstance(value, str) else None


@dataclass
class Stay:
    """One stay of a member at a residence cell, with the date registration became complete."""

    cell: str
    start: date
    end: date | None = None
    registered_on: date | None = None
    notified_on: date | None = None

    @property
    def registered_since(self) -> date | None:
        # "registered" for D2.K3a and D4.K4a = the later of registration and notification (semantics §11)
        if self.registered_on is None or self.notified_on is None:
            return None
        return max(self.registered_on, self.notified_on)


@dataclass
class State:
    """A member's replayed state on a date."""

    workplace_cell_id: str
    category: str
    away_status: str
    ended_on: date | None
    stays: list[Stay] = field(default_factory=list)

    @property
    def residence_cell_id(self) -> str | None:
        return self.stays[-1].cell if self.stays else None

    @property
    def stay(self) -> Stay | None:
        return self.stays[-1] if self.stays else None


# -- the builder -------------------------------------------------------------------------------


class Ward:
    """Records facts and answers questions about the replayed state while scenarios are written."""

    def __init__(self) -> None:
        self.orgs: dict[str, Org] = {}
        self.members: dict[str, Member] = {}
        self.events: list[Event] = []
        self.forms: dict[tuple[str, int], dict[str, Event]] = {}
        self.reviews_held: dict[tuple[str, int], date] = {}
        self.reviews_scheduled: dict[tuple[str, int], list[tuple[date, date]]] = {}

    # basic records

    def org(self, id: str, kind: str, name: str, parent: str | None = None, *,
            cell_committee: bool | None = None, note: str | None = None) -> None:
        self.orgs[id] = Org(id, kind, name, parent, cell_committee, note)

    def member(self, id: str, name: str, work: str, residence: str | None, since: str, *,
               category: str = "regular", away: str = "none", note: str | None = None) -> None:
        self.members[id] = Member(id, name, work, residence, category, day(since), away, note)

    def add(self, kind: str, on: date | str, note: str | None = None, **fields: Any) -> Event:
        event = Event(kind, on if isinstance(on, date) else day(on), fields, note, len(self.events))
        self.events.append(event)
        return event

    # organisation helpers

    def committee_of(self, org_id: str) -> str:
        """The workplace committee of a workplace cell (a chi bộ cơ sở is its own committee)."""
        org = self.orgs[org_id]
        return org.id if org.kind == "workplace_committee" else str(org.parent_id)

    def commune_of(self, cell_id: str) -> str:
        return str(self.orgs[cell_id].parent_id)

    def cells_of(self, parent_id: str) -> list[str]:
        return [o.id for o in self.orgs.values() if o.parent_id == parent_id and o.kind == "residence_cell"]

    # replay

    def state(self, member_id: str, on: date, *, before: bool = False) -> State:
        """Replay the member's change events dated on or before ``on`` (strictly before if ``before``)."""
        m = self.members[member_id]
        st = State(m.workplace_cell_id, m.category, m.away_status, None)
        if m.residence_cell_id:
            st.stays.append(Stay(m.residence_cell_id, m.working_since))
        for e in sorted(self.events, key=lambda e: (e.on, e.seq)):
            if e.member_id != member_id or e.kind not in STATE_KINDS:
                continue
            if e.on > on or (before and e.on == on):
                break
            f = e.fields
            if e.kind == "residence_changed":
                st.stays[-1].end = e.on
                st.stays.append(Stay(f["to_residence_cell_id"], e.on))
            elif e.kind == "member_registered" and st.stay and st.stay.cell == f["org_id"]:
                st.stay.registered_on = st.stay.registered_on or e.on
            elif e.kind == "member_notified" and st.stay and st.stay.cell == f["org_id"]:
                st.stay.notified_on = st.stay.notified_on or e.on
            elif e.kind == "status_changed":
                if f["change"] == "transferred":
                    st.workplace_cell_id = f["new_workplace_cell_id"]
                elif f["change"] in ENDING_CHANGES:
                    st.ended_on = e.on
            elif e.kind == "category_changed":
                st.category = f["category"]
            elif e.kind == "away_status_changed":
                st.away_status = f["away_status"]
        return st

    def active(self, member_id: str, on: date) -> bool:
        st = self.state(member_id, on)
        return self.members[member_id].working_since <= on and (st.ended_on is None or on < st.ended_on)

    def registered_at(self, cell_id: str, on: date, *, category: str | None = "regular") -> list[str]:
        """Members registered and notified at the cell on the date, within their current stay."""
        found = []
        for mid in self.members:
            if not self.active(mid, on):
                continue
            st = self.state(mid, on)
            since = st.stay.registered_since if st.stay else None
            if st.stay and st.stay.cell == cell_id and since and since <= on:
                if category is None or st.category == category:
                    found.append(mid)
        return found

    def working_at(self, work_id: str, on: date, *, committee: bool = False) -> list[str]:
        """Active members of a workplace cell (or of every cell of a committee)."""
        found = []
        for mid in self.members:
            if not self.active(mid, on):
                continue
            cell = self.state(mid, on).workplace_cell_id
            if cell == work_id or (committee and self.committee_of(cell) == work_id):
                found.append(mid)
        return found

    # the yearly chain (semantics §4)

    def review_date(self, member_id: str, year: int) -> date:
        cell = self.state(member_id, min(date(year, 12, 31), AS_OF)).workplace_cell_id
        for org_id in (cell, self.committee_of(cell)):
            if (org_id, year) in self.reviews_held:
                return self.reviews_held[(org_id, year)]
            if (org_id, year) in self.reviews_scheduled:
                return max(self.reviews_scheduled[(org_id, year)])[1]  # the latest issued schedule
        return date(year, *REVIEW_FALLBACK)

    def comment_cell(self, member_id: str, year: int) -> str | None:
        """The residence cell that owes the member's yearly comment form, or None."""
        deadline = self.review_date(member_id, year) - timedelta(days=FORM_DEADLINE_BEFORE_REVIEW)
        st = self.state(member_id, deadline)
        if not self.active(member_id, deadline) or st.category != "regular":
            return None
        current = st.stay
        if current and current.registered_since and (deadline - current.registered_since).days >= MIN_DAYS_FOR_COMMENT:
            return current.cell
        if len(st.stays) >= 2:
            previous = st.stays[-2]
            if previous.registered_since and previous.end:
                start = max(previous.registered_since, date(year, 1, 1))
                if (previous.end - start).days >= MIN_DAYS_FOR_COMMENT:
                    return previous.cell
        return None

    # scenario helpers

    def introduce(self, member_id: str, sent: str, *, by: str | None = None,
                  gaps: tuple[int, int, int, int] = (3, 5, 7, 3), stop_after: str | None = None,
                  note: str | None = None) -> dict[str, Event]:
        """The introduction chain D3.K1b → D4.K1a → D4.K1b → D4.K2a → D4.K2b, step by step.

        ``gaps`` are the days between consecutive steps; ``stop_after`` leaves the chain stuck.
        """
        on = day(sent)
        st = self.state(member_id, on)
        cell = str(st.residence_cell_id)
        commune = self.commune_of(cell)
        sender = by or self.committee_of(st.workplace_cell_id)
        chain: dict[str, Event] = {}
        chain["introduction_sent"] = self.add("introduction_sent", on, note, member_id=member_id,
                                              from_org_id=sender, to_org_id=commune)
        steps: list[tuple[str, dict[str, Any]]] = [
            ("introduction_received", dict(org_id=commune, about_event_id=chain["introduction_sent"])),
            ("introduction_forwarded", dict(from_org_id=commune, to_org_id=cell)),
            ("member_registered", dict(org_id=cell)),
            ("member_notified", dict(org_id=cell)),
        ]
        for gap, (kind, fields) in zip(gaps, steps):
            if stop_after in chain:
                break
            on += timedelta(days=gap)
            chain[kind] = self.add(kind, on, member_id=member_id, **fields)
            if stop_after == kind:
                break
        return chain

    def move(self, member_id: str, on: str, to: str, *, report: Iterable[tuple[str, str]] = (),
             note: str | None = None) -> Event:
        """A residence change, and the member's reports of it: ``report`` = (date, recipient) pairs."""
        when = day(on)
        before = self.state(member_id, when, before=True)
        moved = self.add("residence_changed", when, note, member_id=member_id,
                         from_residence_cell_id=before.residence_cell_id, to_residence_cell_id=to)
        for reported_on, recipient in report:
            self.add("residence_change_reported", reported_on, member_id=member_id, to_org_id=recipient,
                     about_event_id=moved)
        return moved

    def change_status(self, member_id: str, on: str, change: str, *, to_cell: str | None = None,
                      notify: Iterable[tuple[str, str]] = (), by: str | None = None,
                      note: str | None = None) -> Event:
        """A status change and its notices (D3.K2): ``notify`` = (date, residence-side org) pairs."""
        when = day(on)
        before = self.state(member_id, when, before=True)
        fields: dict[str, Any] = dict(member_id=member_id, change=change)
        if change == "transferred":
            fields.update(from_workplace_cell_id=before.workplace_cell_id, new_workplace_cell_id=to_cell)
        changed = self.add("status_changed", when, note, **fields)
        sender = by or self.committee_of(before.workplace_cell_id)
        for notified_on, recipient in notify:
            self.add("status_change_notified", notified_on, member_id=member_id, from_org_id=sender,
                     to_org_id=recipient, about_event_id=changed)
        return changed

    def listing(self, org_id: str, on: str, members: Iterable[str] | None = None,
                note: str | None = None) -> Event:
        """D3.K1a: a list of members by residence; by default every introduced member of the org."""
        when = day(on)
        if members is None:
            is_committee = self.orgs[org_id].kind == "workplace_committee"
            members = [
                mid for mid in self.working_at(org_id, when, committee=is_committee)
                if self.state(mid, when).category != "exempt_from_introduction"
            ]
        return self.add("members_listed_by_residence", when, note, org_id=org_id, member_ids=sorted(members))

    def meeting(self, org_id: str, on: str, *, type: str = "working_members", absent: Iterable[str] = (),
                excused: Iterable[str] = (), invited: Iterable[str] | None = None,
                attendees: Iterable[str] | None = None, recorded: bool = True, periodic: bool = True,
                note: str | None = None) -> Event:
        """A meeting; for ``working_members`` the attendance list is every regular member registered
        at the cell (or at any cell of the commune, or every invited member) minus absent and excused."""
        when = day(on)
        absent, excused = set(absent), set(excused)
        fields: dict[str, Any] = dict(org_id=org_id, meeting_type=type)
        if not periodic:
            fields["periodic"] = False  # an ad-hoc meeting "khi cần thiết"
        if not recorded:
            fields.update(attendee_ids=[], excused_ids=[], attendance_recorded=False)
            return self.add("meeting_held", when, note, **fields)
        if attendees is None:
            if invited is not None:
                expected = set(invited)
                # D2.K3a binds only invited members who are registered regulars of the commune
                registered = {m for c in (self.cells_of(org_id) or [org_id]) for m in self.registered_at(c, when)}
                assert expected <= registered, (org_id, on, expected - registered)
            elif self.orgs[org_id].kind == "commune_committee":
                expected = {m for c in self.cells_of(org_id) for m in self.registered_at(c, when)}
            else:
                expected = set(self.registered_at(org_id, when))
            assert absent | excused <= expected, (org_id, on, (absent | excused) - expected)
            attendees = expected - absent - excused
        fields.update(attendee_ids=sorted(attendees), excused_ids=sorted(excused))
        if invited is not None:
            fields["invited_ids"] = sorted(invited)
        return self.add("meeting_held", when, note, **fields)

    def review(self, org_id: str, year: int, *, scheduled: Iterable[tuple[str, str]] = (),
               held: str | None = None) -> None:
        """Annual review: ``scheduled`` = (issued on, planned date) pairs; ``held`` = the meeting date."""
        for issued, planned in scheduled:
            self.add("annual_review_scheduled", issued, org_id=org_id, year=year, planned_date=day(planned))
            self.reviews_scheduled.setdefault((org_id, year), []).append((day(issued), day(planned)))
        if held:
            when = day(held)
            is_committee = self.orgs[org_id].kind == "workplace_committee"
            self.add("annual_review_held", when, org_id=org_id, year=year,
                     attendee_ids=sorted(self.working_at(org_id, when, committee=is_committee)))
            self.reviews_held[(org_id, year)] = when

    def residence_comments(self, cell: str, year: int, issued: str, sent: str, certified: str, forwarded: str, *,
                           assessment: dict[str, str] | None = None, without_front: Iterable[str] = (),
                           skip: Iterable[str] = (), late: dict[str, tuple[str, str, str]] | None = None,
                           notes: dict[str, str] | None = None) -> None:
        """The yearly chain on the residence side for every member whose form this cell owes:
        D4.K4a form issued → D4.K4b sent → D4.K5a certified → D4.K5b forwarded to the workplace.

        ``late`` overrides (sent, certified, forwarded) for one member; ``skip`` issues no form.
        """
        assessment, late, notes = assessment or {}, late or {}, notes or {}
        commune = self.commune_of(cell)
        owing = [m for m in self.members if self.comment_cell(m, year) == cell]
        for mid in sorted(set(owing) - set(skip)):
            form = self.add("comment_form_issued", issued, notes.get(mid), member_id=mid, org_id=cell, year=year,
                            with_front_committee=mid not in without_front,
                            assessment=assessment.get(mid, "good"))
            s, c, f = late.get(mid, (sent, certified, forwarded))
            chain = {"issued": form}
            chain["sent"] = self.add("comment_form_sent", s, about_event_id=form, from_org_id=cell, to_org_id=commune)
            chain["certified"] = self.add("comment_form_certified", c, about_event_id=form, org_id=commune)
            work = self.committee_of(self.state(mid, day(f)).workplace_cell_id)
            chain["forwarded"] = self.add("comment_form_forwarded", f, about_event_id=form, from_org_id=commune,
                                          to_org_id=work)
            self.forms[(mid, year)] = chain

    def request_comments(self, committee: str, commune: str, year: int, on: str, note: str | None = None) -> Event:
        """D3.K4a: the workplace committee asks the commune for the comments on its members living there."""
        when = day(on)
        cells = set(self.cells_of(commune))
        named = [
            m for m in self.members
            if self.comment_cell(m, year) in cells
            and self.committee_of(self.state(m, when).workplace_cell_id) == committee
        ]
        return self.add("comments_requested", when, note, from_org_id=committee, to_org_id=commune, year=year,
                        member_ids=sorted(named))

    def self_reports(self, year: int, work_cell: str, *, days_before: int = 7, missing: Iterable[str] = (),
                     dates: dict[str, str] | None = None, only: bool = False) -> None:
        """D2.K7a: members' annual reports to the workplace cell; by default a week before the review.

        ``dates`` sets a member's date; with ``only`` just those members report (the rest have not yet).
        """
        dates = dates or {}
        members = sorted(dates) if only else self.reporting_members(year, work_cell)
        for mid in members:
            if mid in missing:
                continue
            on = day(dates[mid]) if mid in dates else self.review_date(mid, year) - timedelta(days=days_before)
            self.add("annual_self_report", on, member_id=mid, year=year, to_org_id=work_cell)

    def reporting_members(self, year: int, work_cell: str) -> list[str]:
        """Members who owe D2.K7a to this cell for the year (introduced, active at the review)."""
        found = []
        for mid in self.members:
            on = self.review_date(mid, year)
            st = self.state(mid, on)
            if st.workplace_cell_id == work_cell and self.active(mid, on) and st.category != "exempt_from_introduction":
                found.append(mid)
        return sorted(found)

    def communicate(self, year: int, work_cell: str) -> None:
        """D3.K5a: at the review, tell each member whose form arrived what the residence said."""
        for mid in self.reporting_members(year, work_cell):
            chain = self.forms.get((mid, year))
            on = self.review_date(mid, year)
            if chain and chain["forwarded"].on <= on:
                self.add("comments_communicated", on, member_id=mid, org_id=work_cell, year=year)

    # output

    def finish(self) -> dict[str, Any]:
        """Assign event ids in date order, check the replay, and return the JSON document."""
        ordered = sorted(self.events, key=lambda e: (e.on, e.seq))
        for number, event in enumerate(ordered, start=1):
            event.id = f"E-{number:04d}"
        self._check(ordered)
        return {
            "schema_version": 1,
            "observation": {"from": OBSERVATION_FROM.isoformat()},
            "organizations": [_org_json(o) for o in sorted(self.orgs.values(), key=lambda o: o.id)],
            "members": [_member_json(m) for m in sorted(self.members.values(), key=lambda m: m.id)],
            "events": [_event_json(e) for e in ordered],
        }

    def _check(self, ordered: list[Event]) -> None:
        """Re-derive every ``from_*`` field from the full history (scenarios may be written out of order)."""
        for e in ordered:
            if e.kind == "residence_changed":
                expected = self.state(str(e.member_id), e.on, before=True).residence_cell_id
                assert e.fields["from_residence_cell_id"] == expected, (e.id, expected)
            if e.kind == "status_changed" and e.fields["change"] == "transferred":
                expected = self.state(str(e.member_id), e.on, before=True).workplace_cell_id
                assert e.fields["from_workplace_cell_id"] == expected, (e.id, expected)
            for value in e.fields.values():
                if isinstance(value, Event):
                    assert value.on <= e.on, (e.id, value.id)
        ids = list(self.orgs) + list(self.members)
        assert len(ids) == len(set(ids)), "organisation and member ids share one namespace"


def _org_json(o: Org) -> dict[str, Any]:
    out: dict[str, Any] = {"id": o.id, "kind": o.kind, "name": o.name}
    if o.parent_id:
        out["parent_id"] = o.parent_id
    if o.has_cell_committee is not None:
        out["has_cell_committee"] = o.has_cell_committee
    if o.note:
        out["note"] = o.note
    return out


def _member_json(m: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"id": m.id, "name": m.name, "workplace_cell_id": m.workplace_cell_id}
    if m.residence_cell_id:
        out["residence_cell_id"] = m.residence_cell_id
    out.update(category=m.category, working_since=m.working_since.isoformat())
    if m.away_status != "none":
        out["away_status"] = m.away_status
    if m.note:
        out["note"] = m.note
    return out


def _value_json(value: Any) -> Any:
    if isinstance(value, Event):
        return value.id
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_value_json(v) for v in value]
    return value


def _event_json(e: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "kind": e.kind, "date": e.on.isoformat()}
    out.update({k: _value_json(v) for k, v in e.fields.items()})
    if e.note:
        out["note"] = e.note
    return out


# -- the ward ----------------------------------------------------------------------------------


def organisations(w: Ward) -> None:
    w.org("BTCTW", "central_organization_commission", "Ban Tổ chức Trung ương")
    w.org("TU-AK", "provincial_committee", "Tỉnh ủy An Khánh", note="Tỉnh giả định, dùng cho dữ liệu mẫu.")
    # workplace side
    w.org("DU-SYT", "workplace_committee", "Đảng ủy Sở Y tế", "TU-AK")
    w.org("CB-VP", "workplace_cell", "Chi bộ Văn phòng Sở", "DU-SYT")
    w.org("CB-NVY", "workplace_cell", "Chi bộ Phòng Nghiệp vụ Y", "DU-SYT")
    w.org("CB-TTR", "workplace_cell", "Chi bộ Thanh tra Sở", "DU-SYT")
    w.org("CB-XLD", "workplace_committee", "Chi bộ Công ty Cổ phần Xây lắp điện An Khánh", "TU-AK",
          note="Chi bộ cơ sở: đảng viên sinh hoạt trực tiếp, không có chi bộ trực thuộc.")
    w.org("DU-CSCD", "workplace_committee", "Đảng ủy Phòng Cảnh sát cơ động, Công an tỉnh An Khánh", "TU-AK",
          note="Cấp trên thực tế là Đảng ủy Công an tỉnh; lược bớt trong dữ liệu mẫu.")
    w.org("CB-CD1", "workplace_cell", "Chi bộ Đại đội Cảnh sát cơ động số 1", "DU-CSCD")
    w.org("CB-DN", "workplace_cell", "Chi bộ Trung đội Cảnh sát đặc nhiệm", "DU-CSCD",
          note="Đơn vị thường trực sẵn sàng chiến đấu (HD 33 mục 1.2).")
    # residence side: the ward of the demo and a neighbouring commune
    w.org("DU-PTA", "commune_committee", "Đảng ủy phường Tân An", "TU-AK")
    w.org("CB-KP1", "residence_cell", "Chi bộ khu phố 1", "DU-PTA", cell_committee=True)
    w.org("CB-KP2", "residence_cell", "Chi bộ khu phố 2", "DU-PTA", cell_committee=True)
    w.org("CB-KP3", "residence_cell", "Chi bộ khu phố 3", "DU-PTA", cell_committee=False,
          note="Chưa có chi ủy; bí thư chi bộ thực hiện nhiệm vụ của chi ủy.")
    w.org("CB-KP4", "residence_cell", "Chi bộ khu phố 4", "DU-PTA", cell_committee=True)
    w.org("DU-XHP", "commune_committee", "Đảng ủy xã Hòa Phong", "TU-AK")
    w.org("CB-PT", "residence_cell", "Chi bộ thôn Phú Thạnh", "DU-XHP", cell_committee=False)
    w.org("CB-PH", "residence_cell", "Chi bộ thôn Phú Hòa", "DU-XHP", cell_committee=True)


def members(w: Ward) -> None:
    m = w.member
    barracks = "Cảnh sát cơ động ở tập trung tại doanh trại (HD 33 mục 1.1)."
    # Sở Y tế
    m("DV-001", "Trần Thị Minh Thư", "CB-VP", "CB-KP1", "2016-03-01")
    m("DV-002", "Lê Văn Khải", "CB-VP", "CB-KP2", "2012-08-15")
    m("DV-003", "Nguyễn Thị Hồng Nhung", "CB-VP", "CB-KP1", "2021-02-01")
    m("DV-004", "Phạm Quốc Bảo", "CB-VP", "CB-KP3", "2023-05-15")
    m("DV-030", "Đinh Thị Hải Yến", "CB-VP", "CB-KP2", "2013-01-02")
    m("DV-026", "Trương Thị Kim Liên", "CB-VP", "CB-PT", "2019-05-01")
    m("DV-005", "Võ Thị Thanh Tâm", "CB-NVY", "CB-KP2", "2019-09-01")
    m("DV-006", "Hoàng Minh Đức", "CB-NVY", "CB-KP1", "2018-01-10")
    m("DV-007", "Đặng Thị Lan Anh", "CB-NVY", "CB-KP4", "2024-03-01",
      note="Chuyển công tác từ tỉnh khác về Sở Y tế ngày 01/3/2024.")
    m("DV-008", "Bùi Văn Tuấn", "CB-NVY", "CB-KP4", "2020-07-01")
    m("DV-009", "Ngô Thị Kim Oanh", "CB-NVY", "CB-KP3", "2022-10-01")
    m("DV-025", "Huỳnh Thị Mỹ Duyên", "CB-NVY", "CB-KP3", "2017-02-01")
    m("DV-010", "Trịnh Văn Hải", "CB-TTR", "CB-KP2", "2015-04-01")
    m("DV-011", "Lý Thị Thu Hà", "CB-TTR", "CB-PH", "2020-03-01")
    m("DV-012", "Mai Xuân Trường", "CB-TTR", "CB-KP1", "2021-06-01")
    m("DV-024", "Nguyễn Hữu Phước", "CB-TTR", "CB-PH", "2025-02-01",
      note="Tuyển dụng vào Thanh tra Sở ngày 01/02/2025.")
    m("DV-028", "Cao Thị Thùy Dung", "CB-TTR", "CB-KP4", "2016-09-01")
    # Công ty Cổ phần Xây lắp điện An Khánh (chi bộ cơ sở)
    m("DV-013", "Đỗ Văn Thắng", "CB-XLD", "CB-KP3", "2014-05-01")
    m("DV-014", "Châu Thị Ngọc Hân", "CB-XLD", "CB-KP4", "2019-11-01")
    m("DV-015", "Tạ Quang Vinh", "CB-XLD", "CB-KP2", "2019-03-01", category="introduced_exempt_from_activities",
      away="mobile", note="Kỹ sư thi công lưu động theo công trình (HD 33 mục 1.1).")
    m("DV-016", "Dương Văn Lộc", "CB-XLD", "CB-PT", "2022-04-01", category="introduced_exempt_from_activities",
      away="mobile", note="Đội trưởng thi công đường dây, thường xuyên lưu động (HD 33 mục 1.1).")
    m("DV-017", "Lưu Thị Bích Ngọc", "CB-XLD", "CB-KP1", "2024-06-10", note="Tuyển dụng ngày 10/6/2024.")
    m("DV-018", "Kiều Văn Sơn", "CB-XLD", "CB-KP4", "2018-07-01")
    m("DV-019", "Phùng Đức Long", "CB-XLD", "CB-KP3", "2021-09-01")
    m("DV-027", "Lâm Văn Phúc", "CB-XLD", "CB-PH", "2022-01-10")
    # Phòng Cảnh sát cơ động
    m("DV-020", "Hà Minh Quân", "CB-CD1", "CB-KP2", "2017-10-01", category="introduced_exempt_from_activities",
      note=barracks)
    m("DV-021", "Tống Văn Nam", "CB-CD1", "CB-KP3", "2024-08-01", category="introduced_exempt_from_activities",
      away="special_duty", note=barracks)
    m("DV-029", "Quách Văn Hiếu", "CB-CD1", "CB-KP1", "2020-11-01",
      note="Sĩ quan ở cùng gia đình, sinh hoạt nơi cư trú bình thường.")
    m("DV-022", "Phan Thành Trung", "CB-DN", None, "2016-06-01", category="exempt_from_introduction",
      away="special_duty", note="Đơn vị thường trực sẵn sàng chiến đấu: miễn giới thiệu (HD 33 mục 1.2).")
    m("DV-023", "Vương Đình Khôi", "CB-DN", None, "2023-01-02", category="exempt_from_introduction",
      note="Đơn vị thường trực sẵn sàng chiến đấu: miễn giới thiệu (HD 33 mục 1.2).")


def introductions_before_2024(w: Ward) -> None:
    """Introduction chains completed before the record starts: state and evidence, never triggers (semantics §1).

    Some date from the QĐ 76 era (before 2020-01-02): they still count (completed_before_in_force).
    """
    qd76 = "Giới thiệu theo Quy định 76-QĐ/TW (trước ngày 02/01/2020)."
    w.introduce("DV-030", "2013-02-20", note=qd76)
    w.introduce("DV-010", "2016-05-09", note=qd76)
    w.introduce("DV-001", "2017-04-10", note=qd76)
    w.introduce("DV-020", "2018-01-15", note=qd76)
    w.introduce("DV-006", "2018-03-05", note=qd76)
    w.introduce("DV-002", "2018-06-11", note=qd76)
    w.introduce("DV-018", "2018-08-06", note=qd76)
    w.introduce("DV-013", "2019-05-13", note=qd76)
    w.introduce("DV-026", "2019-06-03", note=qd76)
    w.introduce("DV-005", "2019-10-07", note=qd76)
    w.introduce("DV-014", "2019-12-02", note=qd76)
    w.introduce("DV-011", "2020-04-06")
    w.introduce("DV-015", "2020-05-11")
    w.introduce("DV-025", "2020-06-08")
    w.introduce("DV-008", "2020-08-03")
    w.introduce("DV-028", "2020-09-07")
    w.introduce("DV-029", "2020-12-07")
    w.introduce("DV-003", "2021-03-01")
    w.introduce("DV-012", "2021-07-05")
    w.introduce("DV-019", "2021-10-04")
    w.introduce("DV-027", "2022-02-14")
    w.introduce("DV-016", "2022-05-09")
    w.introduce("DV-009", "2022-11-07")
    w.introduce("DV-004", "2023-06-12")


def member_stories(w: Ward) -> None:
    """One block per member story; the comment says what the report should show."""

    # DV-007 joined 2024-03-01; the introduction went out on 2024-05-06, after the 30-day limit
    # → D3.K1b fulfilled_late (bearer DU-SYT); the rest of the chain is on time.
    w.introduce("DV-007", "2024-05-06", gaps=(3, 5, 6, 3),
                note="Giới thiệu chậm: đảng viên về công tác từ 01/3/2024 (quá 30 ngày).")

    # DV-017 joined 2024-06-10; registered only on 2024-08-26, fewer than 90 days before the 2024
    # comment deadline → no 2024 comment form is owed (insufficient_residence_time).
    w.introduce("DV-017", "2024-06-28", gaps=(5, 7, 28, 19))

    # DV-021, police officer living in barracks (introduced, exempt from activities), special duty
    # from the start → D3.K1c: written notice to the ward, on time.
    w.introduce("DV-021", "2024-08-12", gaps=(4, 6, 8, 5))
    w.add("away_notice_sent", "2024-08-20", "Thông báo bằng văn bản: đảng viên làm nhiệm vụ đặc biệt.",
          member_id="DV-021", from_org_id="DU-CSCD", to_org_id="DU-PTA", written=True)

    # DV-015 and DV-016, mobile construction engineers: the away status they had when the record
    # starts triggers D3.K1c at 2024-01-01 → written notices in January 2024.
    for mid, commune in (("DV-015", "DU-PTA"), ("DV-016", "DU-XHP")):
        w.add("away_notice_sent", "2024-01-15", "Rà soát đầu năm: đảng viên thi công lưu động.",
              member_id=mid, from_org_id="CB-XLD", to_org_id=commune, written=True)

    # DV-011 transferred inside DU-SYT (Thanh tra → Văn phòng): no new introduction; the residence
    # side is told on time (D3.K2 fulfilled).
    w.change_status("DV-011", "2024-09-01", "transferred", to_cell="CB-VP",
                    notify=[("2024-09-12", "CB-PH"), ("2024-09-12", "DU-XHP")],
                    note="Điều động từ Thanh tra Sở sang Văn phòng Sở.")

    # DV-019 left the company on 2024-10-31; the notice to the residence came on 2024-12-05
    # → D3.K2 (extension) fulfilled_late; 2024 yearly duties due after that date → subject_ended.
    w.change_status("DV-019", "2024-10-31", "left_employment",
                    notify=[("2024-12-05", "CB-KP3"), ("2024-12-05", "DU-PTA")],
                    note="Nghỉ việc tại công ty (thôi việc).")

    # DV-006 is sent on a 12-month full-time course for 2025 → from 2024-12-20 the committee
    # counts him as introduced_exempt_from_activities (HD 33 §1.1 group 3): his 2024 duties stand,
    # in 2025 meetings and the yearly comment do not apply (category_exempt_from_activities).
    w.add("category_changed", "2024-12-20", "Cử đi học tập trung 12 tháng (năm 2025) tại Học viện Chính trị khu vực.",
          member_id="DV-006", category="introduced_exempt_from_activities", decided_by_org_id="DU-SYT")

    # DV-024 joined 2025-02-01; the commune of Hòa Phong received the introduction but never
    # forwarded it to the village cell → D4.K1b overdue on DU-XHP; no later step has a result.
    w.introduce("DV-024", "2025-02-20", gaps=(11, 0, 0, 0), stop_after="introduction_received",
                note="Giới thiệu về Đảng ủy xã Hòa Phong; xã đã nhận nhưng chưa chuyển về chi bộ thôn Phú Hòa.")

    # DV-014 transferred from the company to Sở Y tế (another committee): the company tells the
    # residence side (D3.K2) and the new committee introduces her again (reintroduce_on_transfer).
    w.change_status("DV-014", "2025-02-17", "transferred", to_cell="CB-VP",
                    notify=[("2025-02-26", "CB-KP4"), ("2025-02-26", "DU-PTA")],
                    note="Chuyển công tác từ Công ty Xây lắp điện về Văn phòng Sở Y tế.")
    w.introduce("DV-014", "2025-03-10", gaps=(3, 5, 7, 2), note="Giới thiệu lại do đổi nơi công tác.")

    # DV-008 starts a long rotation to a mountain district hospital; the committee only phoned
    # the ward → D3.K1c overdue (not_written).
    w.add("away_status_changed", "2025-03-01", "Tăng cường có thời hạn cho bệnh viện huyện miền núi.",
          member_id="DV-008", away_status="often_away")
    w.add("away_notice_sent", "2025-03-10", "Chỉ báo qua điện thoại, không có văn bản.",
          member_id="DV-008", from_org_id="DU-SYT", to_org_id="DU-PTA", written=False)

    # DV-005 moved to Hòa Phong in April 2025 and told only her workplace cell, not the ward cell
    # she left → D2.K7b overdue (recipients_missing: CB-KP2); the new introduction is on time.
    w.move("DV-005", "2025-04-12", "CB-PT", report=[("2025-04-20", "CB-NVY")],
           note="Chuyển nơi ở về thôn Phú Thạnh, xã Hòa Phong; chỉ báo cáo chi bộ nơi công tác.")
    w.introduce("DV-005", "2025-04-28", gaps=(7, 7, 7, 3))

    # DV-001: appointment prepared with a prior consultation of the residence cell (D3.K4b
    # fulfilled), then the position change is notified (D3.K2).
    planned = w.add("personnel_action_planned", "2025-04-22", "Dự kiến bổ nhiệm Phó Chánh Văn phòng Sở.",
                    member_id="DV-001", action="appointment", decision_date=day("2025-05-20"),
                    effective_date=day("2025-06-01"))
    w.add("residence_consultation_held", "2025-05-06", "Gặp chi ủy khu phố 1 lấy ý kiến trước khi bổ nhiệm.",
          member_id="DV-001", from_org_id="DU-SYT", with_org_id="CB-KP1", about_event_id=planned)
    w.change_status("DV-001", "2025-06-01", "position_changed",
                    notify=[("2025-06-10", "CB-KP1"), ("2025-06-10", "DU-PTA")])

    # DV-004 retired on 2025-06-30 (D3.K2 extension, notified on time); results due after that
    # date are not_applicable (subject_ended).
    w.change_status("DV-004", "2025-06-30", "retired", notify=[("2025-07-10", "CB-KP3"), ("2025-07-10", "DU-PTA")],
                    note="Nghỉ hưu theo chế độ.")

    # DV-030 moved inside the ward (khu phố 2 → 4), reported to both recipients (D2.K7b fulfilled)
    # and was introduced again (reintroduce_within_commune). Registered at the new cell fewer than
    # 90 days before the 2025 comment deadline → her 2025 form is owed by the cell she left.
    w.move("DV-030", "2025-07-15", "CB-KP4", report=[("2025-07-18", "CB-VP"), ("2025-07-21", "CB-KP2")],
           note="Chuyển nơi ở từ khu phố 2 sang khu phố 4 (cùng phường).")
    w.introduce("DV-030", "2025-07-28", gaps=(4, 4, 28, 6))

    # DV-017: appointment decided without consulting the residence → D3.K4b violated
    # (decided_without_consultation); the position change reached the cell but not the ward
    # → D3.K2 overdue (recipients_missing: DU-PTA).
    w.add("personnel_action_planned", "2025-08-01", "Dự kiến bổ nhiệm Phó phòng Tài chính – Kế toán.",
          member_id="DV-017", action="appointment", decision_date=day("2025-08-15"), effective_date=day("2025-09-01"))
    w.change_status("DV-017", "2025-09-01", "position_changed", notify=[("2025-09-12", "CB-KP1")],
                    note="Bổ nhiệm mà không gặp cấp ủy nơi cư trú trước khi quyết định.")

    # DV-027: a nomination withdrawn before its decision date → D3.K4b not_applicable (action_cancelled).
    nomination = w.add("personnel_action_planned", "2025-03-10", "Dự kiến giới thiệu ứng cử Ban Chấp hành Công đoàn công ty.",
                       member_id="DV-027", action="nomination", decision_date=day("2025-04-01"))
    w.add("personnel_action_cancelled", "2025-03-25", "Đảng viên xin không ứng cử; rút đề nghị.",
          about_event_id=nomination)

    # DV-003 moved to Hòa Phong on 2025-11-24 and has not reported yet → D2.K7b due; the new
    # introduction (D3.K1b) and listing (D3.K1a) are due too.
    w.move("DV-003", "2025-11-24", "CB-PH", note="Chuyển nơi ở về thôn Phú Hòa, xã Hòa Phong; chưa báo cáo.")

    # DV-010: appointment to be decided on 2025-12-22, no consultation yet → D3.K4b due.
    w.add("personnel_action_planned", "2025-11-28", "Dự kiến bổ nhiệm Phó Chánh Thanh tra Sở.",
          member_id="DV-010", action="appointment", decision_date=day("2025-12-22"))


def misconduct(w: Ward) -> None:
    """Reports from the residence and the workplace's follow-up (D4.K4d, D4.K5d, D3.K3c)."""

    # DV-013, 2025: unlicensed building on the pavement (law violation). The cell reports to both
    # the ward and the company (D4.K4d fulfilled); the ward proposes handling (D4.K5d); the company
    # follows up on both (D3.K3c) and records a breach of D2.K2a → violated (breach_recorded).
    seen = w.add("misconduct_observed", "2025-03-04", "Xây dựng lấn chiếm vỉa hè, đã bị UBND phường lập biên bản.",
                 member_id="DV-013", org_id="CB-KP3", nature="law_violation")
    w.add("misconduct_reported", "2025-03-12", member_id="DV-013", from_org_id="CB-KP3", to_org_id="DU-PTA",
          about_event_id=seen)
    to_work = w.add("misconduct_reported", "2025-03-12", member_id="DV-013", from_org_id="CB-KP3",
                    to_org_id="CB-XLD", about_event_id=seen)
    proposal = w.add("handling_proposed", "2025-03-26", "Đảng ủy phường đề nghị xem xét xử lý.",
                     member_id="DV-013", from_org_id="DU-PTA", to_org_id="CB-XLD")
    w.add("follow_up_recorded", "2025-04-08", member_id="DV-013", org_id="CB-XLD", action="criticised",
          about_event_id=to_work)
    w.add("follow_up_recorded", "2025-04-15", member_id="DV-013", org_id="CB-XLD", action="disciplinary_review",
          about_event_id=proposal)
    w.add("conduct_breach_recorded", "2025-04-15", "Chi bộ kết luận vi phạm nghĩa vụ công dân nơi cư trú.",
          member_id="DV-013", obligation_id="D2.K2a", recorded_by_org_id="CB-XLD")

    # DV-025, 2025: repeated late-night noise after warnings (lacks exemplary conduct). The
    # secretary of khu phố 3 reported only to the ward → D4.K4d overdue (recipients_missing:
    # workplace side); the ward proposed handling on 2025-11-20 (D4.K5d fulfilled), so Sở Y tế's
    # follow-up (D3.K3c) is still due.
    seen = w.add("misconduct_observed", "2025-10-15", "Gia đình nhiều lần gây ồn sau 22 giờ dù đã được tổ dân phố nhắc.",
                 member_id="DV-025", org_id="CB-KP3", nature="lacks_exemplary_conduct")
    w.add("misconduct_reported", "2025-10-25", "Chỉ báo cáo Đảng ủy phường, chưa báo cáo nơi công tác.",
          member_id="DV-025", from_org_id="CB-KP3", to_org_id="DU-PTA", about_event_id=seen)
    w.add("handling_proposed", "2025-11-20", member_id="DV-025", from_org_id="DU-PTA", to_org_id="DU-SYT")


def routine(w: Ward) -> None:
    """The ordinary calendar of 2024–2025 (and the listings it starts from)."""

    # D3.K1a: lists of members by residence — end of 2023 (counts at the start of the record),
    # after each new member, move or transfer, and a yearly refresh in January 2025.
    w.listing("DU-SYT", "2023-12-12")
    w.listing("CB-XLD", "2023-12-14")
    w.listing("DU-CSCD", "2023-12-15")
    w.listing("DU-SYT", "2024-03-15", ["DV-007"])
    w.listing("CB-XLD", "2024-06-20", ["DV-017"])
    w.listing("CB-CD1", "2024-08-10", ["DV-021"], note="Chi bộ lập danh sách theo chỉ đạo của Đảng ủy.")
    w.listing("DU-SYT", "2025-01-09")
    w.listing("CB-XLD", "2025-01-10")
    w.listing("DU-CSCD", "2025-01-13")
    w.listing("DU-SYT", "2025-02-10", ["DV-024"])
    w.listing("DU-SYT", "2025-03-05", ["DV-014"])
    w.listing("DU-SYT", "2025-05-05", ["DV-005"])
    w.listing("DU-SYT", "2025-07-25", ["DV-030"])

    # D4.K3a: the communes direct their cells every half-year. Hòa Phong's 2025-H2 directive
    # forgot thôn Phú Thạnh → D4.K3a 2025-H2 due (cells_not_directed).
    ward_cells = ["CB-KP1", "CB-KP2", "CB-KP3", "CB-KP4"]
    for on in ("2024-03-05", "2024-08-20", "2025-03-04", "2025-08-19"):
        w.add("meeting_directed", on, org_id="DU-PTA", to_org_ids=ward_cells)
    for on in ("2024-03-12", "2024-08-27", "2025-03-11"):
        w.add("meeting_directed", on, org_id="DU-XHP", to_org_ids=["CB-PH", "CB-PT"])
    w.add("meeting_directed", "2025-08-26", "Bỏ sót chi bộ thôn Phú Thạnh.", org_id="DU-XHP", to_org_ids=["CB-PH"])

    # D4.K3b / D2.K3a: working-members meetings.
    w.meeting("CB-KP1", "2024-06-15")
    w.meeting("CB-KP1", "2024-12-07")
    w.meeting("CB-KP1", "2025-06-14")
    w.meeting("CB-KP1", "2025-11-29")
    w.meeting("CB-KP2", "2024-06-16")
    w.meeting("CB-KP2", "2024-11-30")
    w.meeting("CB-KP2", "2025-06-21", absent=["DV-002"],
              note="Đồng chí Lê Văn Khải vắng không lý do (D2.K3a violated).")
    # CB-KP2 has not held its 2025-H2 meeting yet (planned for late December) → D4.K3b due.
    w.meeting("CB-KP3", "2024-06-22")
    w.meeting("CB-KP3", "2024-12-14", excused=["DV-004"], note="Đồng chí Phạm Quốc Bảo vắng có lý do (đi công tác).")
    # CB-KP3 held no working-members meeting in 2025-H1 → D4.K3b overdue.
    # Its only 2025-H2 meeting is an ad-hoc one on the storm season ("khi cần thiết"): it fulfils
    # D4.K3b 2025-H2, but it is not one of the periodic meetings of D2.K3a, so Đỗ Văn Thắng's
    # absence is no finding (his attendance elsewhere would be D2.K3b evidence).
    w.meeting("CB-KP3", "2025-10-18", absent=["DV-013"], periodic=False,
              note="Họp đột xuất bàn phương án phòng, chống bão.")
    w.meeting("CB-KP4", "2024-06-22", recorded=False,
              note="Biên bản không ghi danh sách dự họp (D2.K3a attendance_unknown).")
    # CB-KP4 held no meeting in 2024-H2 (flooding); waived below.
    w.meeting("CB-KP4", "2025-06-28", excused=["DV-008"], note="Đồng chí Bùi Văn Tuấn đang tăng cường ở huyện.")
    w.meeting("CB-KP4", "2025-11-22", excused=["DV-008"])
    w.meeting("CB-PH", "2024-06-29")
    w.meeting("CB-PH", "2024-12-21")
    w.meeting("CB-PH", "2025-06-28")
    # The 2025-H2 invitation list of chi bộ thôn Phước Hòa leaves out Lâm Văn Phúc: the data
    # warning member_not_invited; the cell's meeting still counts, he has no D2.K3a occasion.
    w.meeting("CB-PH", "2025-11-15", invited=["DV-011"],
              note="Giấy mời bỏ sót đồng chí Lâm Văn Phúc.")
    w.meeting("CB-PT", "2024-06-30")
    w.meeting("CB-PT", "2024-12-22")
    w.meeting("CB-PT", "2025-06-29")
    w.meeting("CB-PT", "2025-12-06")
    # A ward-level conference of the health workers living in the ward, convened by the commune: one
    # of the "other meetings" of D2.K3b (attendance listed as evidence), not a D2.K3a occasion.
    w.meeting("DU-PTA", "2024-09-20", invited=["DV-001", "DV-003", "DV-006", "DV-007", "DV-009", "DV-025"],
              excused=["DV-006"], periodic=False,
              note="Hội nghị đảng viên ngành y tế cư trú trên địa bàn phường về phòng, chống sốt xuất huyết.")
    # Other meetings (D2.K3b) and people's meetings (D2.K4a): best-effort evidence.
    w.meeting("DU-PTA", "2025-09-06", type="other", attendees=["DV-001", "DV-012", "DV-029", "DV-030"],
              note="Hội nghị học tập, quán triệt nghị quyết đại hội Đảng bộ phường.")
    w.meeting("CB-KP1", "2025-05-10", type="people", attendees=["DV-001", "DV-012", "DV-017", "DV-029"],
              note="Hội nghị nhân dân khu phố 1 bàn về chỉnh trang hẻm.")
    w.meeting("CB-PH", "2024-12-28", type="people", attendees=["DV-011", "DV-027"])

    # Contributions, campaigns (D2.K3c, D2.K4c, D2.K6a–b).
    w.add("opinion_contributed", "2024-06-16", member_id="DV-002", org_id="CB-KP2")
    w.add("opinion_contributed", "2025-04-10", "Góp ý dự thảo phương án chỉnh trang khu phố.",
          member_id="DV-012", org_id="DU-PTA")
    w.add("opinion_contributed", "2025-06-29", member_id="DV-026", org_id="CB-PT")
    w.add("opinion_conveyed", "2024-10-05", "Phản ánh tình trạng ngập úng đường nội bộ khu phố 1.",
          member_id="DV-029", authority="UBND phường Tân An")
    w.add("opinion_conveyed", "2025-05-14", member_id="DV-011", authority="UBND xã Hòa Phong")
    w.add("campaign_participation", "2024-03-24", "Ngày Chủ nhật xanh.", member_id="DV-001", org_id="DU-PTA",
          family_mobilised=True)
    w.add("campaign_participation", "2024-07-27", "Đền ơn đáp nghĩa.", member_id="DV-012", org_id="CB-KP1",
          family_mobilised=False)
    w.add("campaign_participation", "2024-11-17", "Ngày hội Đại đoàn kết toàn dân tộc.", member_id="DV-015",
          org_id="DU-PTA", family_mobilised=True)
    w.add("campaign_participation", "2025-03-26", member_id="DV-026", org_id="DU-XHP", family_mobilised=True)
    w.add("campaign_participation", "2025-09-28", member_id="DV-020", org_id="CB-KP2", family_mobilised=False)

    # Inspection: a joint inspection on the company's initiative (D3.K3a evidence), and one at the
    # request of Sở Y tế (D4.K6 for each member named, fulfilled).
    w.add("joint_inspection_held", "2024-10-22", org_ids=["CB-XLD", "DU-PTA"], member_ids=["DV-013"])
    request = w.add("inspection_requested", "2025-09-05", from_org_id="DU-SYT", to_org_id="DU-PTA",
                    member_ids=["DV-001", "DV-010"])
    w.add("joint_inspection_held", "2025-09-25", org_ids=["DU-SYT", "DU-PTA", "CB-KP1", "CB-KP2"],
          member_ids=["DV-001", "DV-010"], about_event_id=request)


def yearly_chain(w: Ward) -> None:
    """Annual reviews, the residence comment forms and the members' self reports (semantics §4)."""

    # Reviews. 2024: every cell held its review in December. 2025: the company held it early
    # (5 Dec); the others are scheduled after the as-of date (D2.K7a / D3.K5a still due); khoa
    # Nghiệp vụ Y moved its date once (the latest schedule counts); the special unit has none
    # (fallback 15 Dec).
    w.review("DU-SYT", 2024, scheduled=[("2024-10-02", "2024-12-18")])
    w.review("CB-VP", 2024, held="2024-12-18")
    w.review("CB-NVY", 2024, held="2024-12-19")
    w.review("CB-TTR", 2024, held="2024-12-17")
    w.review("CB-XLD", 2024, held="2024-12-20")
    w.review("CB-CD1", 2024, held="2024-12-23")
    w.review("CB-DN", 2024, held="2024-12-23")
    w.review("DU-SYT", 2025, scheduled=[("2025-10-01", "2025-12-18")])
    w.review("CB-VP", 2025, scheduled=[("2025-10-06", "2025-12-17")])
    w.review("CB-NVY", 2025, scheduled=[("2025-10-06", "2025-12-12"), ("2025-11-20", "2025-12-19")])
    w.review("CB-XLD", 2025, scheduled=[("2025-10-20", "2025-12-05")], held="2025-12-05")
    w.review("CB-CD1", 2025, scheduled=[("2025-11-03", "2025-12-22")])

    # D3.K4a: requests for comments (the company relied on the forms arriving in 2024).
    w.request_comments("DU-SYT", "DU-PTA", 2024, "2024-10-14")
    w.request_comments("DU-SYT", "DU-XHP", 2024, "2024-10-14")
    w.request_comments("DU-CSCD", "DU-PTA", 2024, "2024-10-16")
    w.request_comments("DU-SYT", "DU-PTA", 2025, "2025-10-10")
    w.request_comments("DU-SYT", "DU-XHP", 2025, "2025-10-10")
    w.request_comments("CB-XLD", "DU-PTA", 2025, "2025-10-08")
    w.request_comments("CB-XLD", "DU-XHP", 2025, "2025-10-08")
    w.request_comments("DU-CSCD", "DU-PTA", 2025, "2025-10-15")

    # 2024 forms. Khu phố 3's secretary filled Ngô Thị Kim Oanh's form alone → D4.K4a overdue
    # (front_committee_absent); Đỗ Văn Thắng was rated not_fulfilled (certification triggers
    # D4.K5d, the forwarded form D3.K3c). Cao Thị Thùy Dung was in hospital: no form, waived.
    w.residence_comments("CB-KP1", 2024, "2024-11-02", "2024-11-08", "2024-11-14", "2024-11-19",
                         assessment={"DV-001": "excellent"})
    w.residence_comments("CB-KP2", 2024, "2024-11-04", "2024-11-09", "2024-11-15", "2024-11-19")
    w.residence_comments("CB-KP3", 2024, "2024-11-05", "2024-11-11", "2024-11-15", "2024-11-19",
                         assessment={"DV-013": "not_fulfilled", "DV-025": "fulfilled"}, without_front=["DV-009"],
                         notes={"DV-009": "Bí thư chi bộ tự nhận xét, không có ban công tác mặt trận.",
                                "DV-013": "Ít liên hệ với chi bộ và tổ dân phố."})
    w.residence_comments("CB-KP4", 2024, "2024-11-06", "2024-11-11", "2024-11-15", "2024-11-19", skip=["DV-028"])
    w.residence_comments("CB-PH", 2024, "2024-11-01", "2024-11-06", "2024-11-12", "2024-11-18")
    w.residence_comments("CB-PT", 2024, "2024-11-01", "2024-11-06", "2024-11-12", "2024-11-18",
                         assessment={"DV-026": "excellent"})

    # 2025 forms. Kiều Văn Sơn's form left khu phố 4 three days late → D4.K4b fulfilled_late.
    w.residence_comments("CB-KP1", 2025, "2025-10-27", "2025-11-03", "2025-11-08", "2025-11-13",
                         assessment={"DV-001": "excellent", "DV-029": "excellent"})
    w.residence_comments("CB-KP2", 2025, "2025-10-28", "2025-11-04", "2025-11-08", "2025-11-13",
                         assessment={"DV-002": "fulfilled"},
                         notes={"DV-030": "Nhận xét tại chi bộ cũ: chuyển đi từ 15/7/2025, ở nơi mới chưa đủ 90 ngày."})
    w.residence_comments("CB-KP3", 2025, "2025-10-29", "2025-11-04", "2025-11-10", "2025-11-14",
                         assessment={"DV-013": "fulfilled", "DV-025": "fulfilled"})
    w.residence_comments("CB-KP4", 2025, "2025-10-29", "2025-11-05", "2025-11-10", "2025-11-14",
                         late={"DV-018": ("2025-11-13", "2025-11-14", "2025-11-17")},
                         notes={"DV-018": "Phiếu gửi chậm do thất lạc hồ sơ tại chi bộ."})
    w.residence_comments("CB-PH", 2025, "2025-10-25", "2025-10-31", "2025-11-06", "2025-11-12")
    w.residence_comments("CB-PT", 2025, "2025-10-25", "2025-10-31", "2025-11-06", "2025-11-12")

    # D2.K7a self reports. 2024: a week before each review, except Trịnh Văn Hải, whose review was
    # held without his report (violated: review_held_without_report) — he sent it ten days later.
    for cell in ("CB-VP", "CB-NVY", "CB-XLD", "CB-CD1"):
        w.self_reports(2024, cell)
    w.self_reports(2024, "CB-TTR", missing=["DV-010"])
    w.add("annual_self_report", "2024-12-27", "Nộp sau khi chi bộ đã họp kiểm điểm.",
          member_id="DV-010", year=2024, to_org_id="CB-TTR")
    # 2025: the company's members reported before its 5 December review; at the other workplaces
    # only some have reported so far (the rest are due).
    w.self_reports(2025, "CB-XLD", days_before=4)
    w.self_reports(2025, "CB-VP", only=True, dates={"DV-001": "2025-12-01", "DV-030": "2025-12-02",
                                                    "DV-011": "2025-12-04", "DV-026": "2025-12-05",
                                                    "DV-014": "2025-12-08"})
    w.self_reports(2025, "CB-NVY", only=True, dates={"DV-005": "2025-12-03", "DV-007": "2025-12-08",
                                                     "DV-009": "2025-12-09"})
    w.self_reports(2025, "CB-TTR", only=True, dates={"DV-012": "2025-12-05", "DV-028": "2025-12-08"})
    w.self_reports(2025, "CB-CD1", only=True, dates={"DV-029": "2025-12-09"})

    # D3.K5a: comments communicated at every review held.
    for cell in ("CB-VP", "CB-NVY", "CB-TTR", "CB-XLD", "CB-CD1"):
        w.communicate(2024, cell)
    w.communicate(2025, "CB-XLD")


def follow_ups_and_commendations(w: Ward) -> None:
    """Stories that cite the yearly forms, and the waivers."""

    # DV-013 disputes his 2024 "not fulfilled" comment → D3.K4c: the company meets the cell
    # (fulfilled). The ward proposes handling (D4.K5d) and the company follows up both the
    # forwarded form and the proposal (D3.K3c).
    form = w.forms[("DV-013", 2024)]
    disputed = w.add("comment_disputed", "2024-11-28", "Đảng viên cho rằng nhận xét chưa khách quan.",
                     member_id="DV-013", about_event_id=form["issued"])
    w.add("residence_consultation_held", "2024-12-10", member_id="DV-013", from_org_id="CB-XLD", with_org_id="CB-KP3",
          about_event_id=disputed)
    proposal = w.add("handling_proposed", "2024-12-02", "Đề nghị nhắc nhở đảng viên chưa hoàn thành nhiệm vụ nơi cư trú.",
                     member_id="DV-013", from_org_id="DU-PTA", to_org_id="CB-XLD")
    w.add("follow_up_recorded", "2024-12-16", "Chi bộ họp xem xét, nhắc nhở đảng viên.", member_id="DV-013",
          org_id="CB-XLD", action="reminded", about_event_id=form["forwarded"])
    w.add("follow_up_recorded", "2024-12-16", member_id="DV-013", org_id="CB-XLD", action="reminded",
          about_event_id=proposal)

    # DV-001, rated excellent: the cell proposes a commendation (D4.K4c), the ward proposes it to
    # Sở Y tế (D4.K5c), which commends her (D3.K3b). Hòa Phong commends DV-026 itself.
    w.add("commendation_proposed", "2024-11-25", member_id="DV-001", from_org_id="CB-KP1", to_org_id="DU-PTA")
    w.add("commendation_proposed", "2024-11-30", member_id="DV-001", from_org_id="DU-PTA", to_org_id="DU-SYT")
    w.add("follow_up_recorded", "2024-12-18", "Biểu dương tại hội nghị kiểm điểm.", member_id="DV-001",
          org_id="DU-SYT", action="commended", about_event_id=w.forms[("DV-001", 2024)]["forwarded"])
    w.add("commendation_granted", "2025-01-08", "Giấy khen của Đảng ủy Sở Y tế.", member_id="DV-001", by_org_id="DU-SYT")
    w.add("commendation_granted", "2025-01-20", "Giấy khen của Đảng ủy xã Hòa Phong.", member_id="DV-026",
          by_org_id="DU-XHP")

    # Waivers. By result id: khu phố 4 could not meet in 2024-H2 because of flooding. By
    # obligation + subject + period: no 2024 form for a member in hospital for months.
    w.add("waiver_granted", "2025-01-10", result_id="D4.K3b|CB-KP4|2024-H2|CB-KP4", granted_by_org_id="DU-PTA",
          reason="Khu phố 4 ngập sâu do mưa lũ tháng 11/2024; Đảng ủy phường đồng ý không tổ chức hội nghị 6 tháng cuối năm.")
    w.add("waiver_granted", "2024-11-12", obligation_id="D4.K4a", subject_id="DV-028", period="2024",
          granted_by_org_id="DU-PTA",
          reason="Đảng viên điều trị dài ngày tại bệnh viện từ tháng 9/2024; chi bộ không tổ chức lấy ý kiến nhận xét năm 2024.")


def province_and_centre(w: Ward) -> None:
    """Điều 5: the provincial committee and the Central Organization Commission."""
    workplaces_and_communes = ["CB-XLD", "DU-CSCD", "DU-PTA", "DU-SYT", "DU-XHP"]
    # D5.K1a / D5.K3c: dissemination when the regulation came out, and again after the 2025
    # reorganisation of communes; the ward passes it on to its cells.
    w.add("dissemination_held", "2020-02-20", "Hội nghị quán triệt Quy định 213-QĐ/TW.", org_id="TU-AK",
          to_org_ids=workplaces_and_communes)
    w.add("dissemination_held", "2025-08-12", "Quán triệt lại cho các đảng bộ xã, phường sau sắp xếp.",
          org_id="TU-AK", to_org_ids=["DU-PTA", "DU-XHP"])
    w.add("dissemination_held", "2025-08-25", org_id="DU-PTA", to_org_ids=["CB-KP1", "CB-KP2", "CB-KP3", "CB-KP4"])
    # D5.K1b: the 2024 report went out; the 2025 one is due by 31 December.
    w.add("implementation_report_sent", "2024-12-26", org_id="TU-AK", year=2024)
    # D5.K2c: Hướng dẫn 33 (real document, 30/10/2020). D5.K2b: the interim review was reported on;
    # the inspection of November 2025 is not reported yet (due).
    w.add("guidance_issued", "2020-10-30", org_id="BTCTW", document_ref="Hướng dẫn số 33-HD/BTCTW ngày 30/10/2020",
          scope="general")
    review = w.add("implementation_review_held", "2025-06-20", "Sơ kết 5 năm thực hiện Quy định 213-QĐ/TW.",
                   org_id="BTCTW", review_kind="interim")
    w.add("monitoring_report_sent", "2025-07-15", org_id="BTCTW", about_event_id=review)
    w.add("implementation_review_held", "2025-11-20", "Đoàn kiểm tra việc thực hiện tại một số tỉnh.",
          org_id="BTCTW", review_kind="inspection")


def build() -> dict[str, Any]:
    """The example ward as a JSON-ready document."""
    w = Ward()
    organisations(w)
    members(w)
    # every change of state first, so the routine below sees the final histories
    introductions_before_2024(w)
    member_stories(w)
    misconduct(w)
    routine(w)
    yearly_chain(w)
    follow_ups_and_commendations(w)
    province_and_centre(w)
    return w.finish()


def render(document: dict[str, Any]) -> str:
    """The committed text: pretty-printed UTF-8 JSON with a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def summary(document: dict[str, Any]) -> str:
    kinds = Counter(e["kind"] for e in document["events"])
    categories = Counter(m["category"] for m in document["members"])
    lines = [f"{len(document['organizations'])} organisations, {len(document['members'])} members, "
             f"{len(document['events'])} events"]
    lines += [f"  {k}: {n}" for k, n in sorted(categories.items())]
    lines += [f"  {k}: {n}" for k, n in sorted(kinds.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdout", action="store_true", help="print the document instead of writing it")
    parser.add_argument("--summary", action="store_true", help="print counts per category and event kind")
    args = parser.parse_args(argv)
    document = build()
    text = render(document)
    if args.stdout:
        sys.stdout.write(text)
    else:
        OUTPUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(OUTPUT.parents[2])}")
    if args.summary:
        print(summary(document), file=sys.stderr if args.stdout else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
