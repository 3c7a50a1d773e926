"""A deterministic, realistic synthetic province for benchmarks and scale tests (issue 7).

``generate_lines(members, seed)`` yields the facts of an invented province as JSON Lines objects
of the interchange format (docs/facts.md): first a header line, then every organisation, then one
section per residence cell (its members, their events, the cell's meetings), each commune's own
events after its cells, and finally the workplace, provincial and central events. Streaming
(:mod:`qd213_rules.stream`) may therefore shard by cell, although any line order is accepted.

Shape (per the brief of issue 7): about 50 members per residence cell, about 10 residence cells
per commune, workplace committees with 3–6 cells (a fifth of them are *chi bộ cơ sở* whose members
belong to the committee itself) drawing their members from a few neighbouring communes. Every
event kind of docs/facts.md occurs, in plausible proportions: introduction chains (some late,
some stopping at a step), meetings every half-year with attendance lists, the yearly comment
chain with reviews, moves with consistent ``from_*`` fields and their reports, transfers, ends
of duties, category and away-status changes, personnel actions, disputes, misconduct episodes,
commendations, inspections, a few conduct breaches and waivers, and the provincial and central
duties. All three member categories occur. Names are assembled from common Vietnamese name
parts and invented place names: the data is synthetic.

Determinism: the output depends only on ``(members, seed, years)``. Each member, cell and
commune draws from its own :class:`random.Random` seeded with a string derived from the seed,
so one part of the province does not shift when another changes.

>>> lines = list(generate_lines(60, seed=1))
>>> lines[0]["type"], lines[0]["observation"]
('header', {'from': '2024-01-01'})
>>> sum(1 for line in lines if line["type"] == "member")
60
>>> lines == list(generate_lines(60, seed=1))
True
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

__all__ = ["generate_lines", "write_synth", "main", "MEMBERS_PER_CELL", "CELLS_PER_COMMUNE"]

MEMBERS_PER_CELL = 50
CELLS_PER_COMMUNE = 10
MEMBERS_PER_COMMITTEE = 250

_DAY = dt.timedelta(days=1)
_CHAIN = ("introduction_sent", "introduction_received", "introduction_forwarded", "member_registered", "member_notified")
_ENDINGS = (("retired", 50), ("left_employment", 25), ("died", 8), ("expelled", 7), ("struck_off", 5), ("withdrew_from_party", 5))
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân", "Hồng", "Kim")
_GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan", "Linh", "Long",
          "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tuấn", "Vinh", "Yến")  # fmt: skip
_AGENCIES = ("Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Bệnh viện Đa khoa", "Công ty Cấp nước", "Điện lực",
             "Trường Cao đẳng Kỹ thuật", "Ban Quản lý dự án", "Sở Xây dựng", "Công an", "Kho bạc Nhà nước", "Cục Thuế")  # fmt: skip
_UNITS = ("Văn phòng", "Phòng Kế hoạch", "Phòng Nghiệp vụ", "Phòng Tổ chức", "Phòng Kỹ thuật", "Phòng Hành chính")
_PLACES = ("Tân An", "Hòa Phong", "Phú Mỹ", "Đông Lâm", "Bình Khê", "Xuân Đài", "Thạnh Lộc", "An Nhơn", "Long Điền", "Mỹ Hòa")
_QUARTERS = ("khu phố", "tổ dân phố", "thôn")
_AUTHORITIES = ("UBND phường", "UBND xã", "Công an phường", "Hội đồng nhân dân xã")


# -- the organisation tree ---------------------------------------------------------------------


@dataclass
class _Tree:
    """Organisations and the lookups the generator needs."""

    provincial: str
    commission: str
    communes: list[str]
    res_cells: list[str]
    commune_of: dict[str, str]
    cells_of_commune: dict[str, list[str]]
    committees: list[str]
    wcells: list[str]
    committee_of: dict[str, str]
    wcells_of: dict[str, list[str]]
    serving: dict[str, list[str]]
    """commune -> workplace committees whose members mostly live there."""
    org_lines: list[dict[str, Any]]


def _plan_tree(members: int, seed: int) -> _Tree:
    rng = random.Random(f"qd213-synth/{seed}/tree")
    n_cells = max(1, math.ceil(members / MEMBERS_PER_CELL))
    n_communes = max(1, math.ceil(n_cells / CELLS_PER_COMMUNE))
    n_committees = max(1, round(members / MEMBERS_PER_COMMITTEE))
    provincial, commission = "TU-SN", "BTCTW"
    orgs: list[dict[str, Any]] = [
        {"type": "organization", "id": commission, "kind": "central_organization_commission", "name": "Ban Tổ chức Trung ương"},
        {"type": "organization", "id": provincial, "kind": "provincial_committee", "name": "Tỉnh ủy Sơn Nam"},
    ]
    communes = [f"DU-X{c:04d}" for c in range(n_communes)]
    commune_of: dict[str, str] = {}
    cells_of_commune: dict[str, list[str]] = defaultdict(list)
    res_cells: list[str] = []
    for c, commune in enumerate(communes):
        place = f"{_PLACES[c % len(_PLACES)]} {c // len(_PLACES) + 1}"
        kind_word = "phường" if c % 3 else "xã"
        orgs.append({"type": "organization", "id": commune, "kind": "commune_committee", "name": f"Đảng ủy {kind_word} {place}",
                     "parent_id": provincial})  # fmt: skip
    for i in range(n_cells):
        commune = communes[i // CELLS_PER_COMMUNE]
        cell = f"CB-X{i // CELLS_PER_COMMUNE:04d}-{i % CELLS_PER_COMMUNE + 1:02d}"
        org: dict[str, Any] = {
            "type": "organization", "id": cell, "kind": "residence_cell",
            "name": f"Chi bộ {_QUARTERS[i % len(_QUARTERS)]} {i % CELLS_PER_COMMUNE + 1}", "parent_id": commune,
        }  # fmt: skip
        if rng.random() < 0.7:
            org["has_cell_committee"] = True
        orgs.append(org)
        res_cells.append(cell)
        commune_of[cell] = commune
        cells_of_commune[commune].append(cell)
    committees: list[str] = []
    wcells: list[str] = []
    committee_of: dict[str, str] = {}
    wcells_of: dict[str, list[str]] = {}
    for k in range(n_committees):
        committee = f"DU-CQ{k:03d}"
        agency = f"{_AGENCIES[k % len(_AGENCIES)]} {k // len(_AGENCIES) + 1}"
        committees.append(committee)
        if rng.random() < 0.2:  # a chi bộ cơ sở: its members belong to the committee itself
            orgs.append({"type": "organization", "id": committee, "kind": "workplace_committee", "name": f"Chi bộ {agency}",
                         "parent_id": provincial})  # fmt: skip
            wcells_of[committee] = [committee]
            committee_of[committee] = committee
            wcells.append(committee)
            continue
        orgs.append({"type": "organization", "id": committee, "kind": "workplace_committee", "name": f"Đảng ủy {agency}",
                     "parent_id": provincial})  # fmt: skip
        wcells_of[committee] = []
        for j in range(rng.randint(3, 6)):
            cell = f"CB-CQ{k:03d}-{j + 1}"
            orgs.append({"type": "organization", "id": cell, "kind": "workplace_cell", "name": f"Chi bộ {_UNITS[j]}",
                         "parent_id": committee})  # fmt: skip
            wcells_of[committee].append(cell)
            committee_of[cell] = committee
            wcells.append(cell)
    serving: dict[str, list[str]] = defaultdict(list)
    span = min(n_communes, 5)
    for k, committee in enumerate(committees):
        first = (k * n_communes) // n_committees
        for d in range(span):
            serving[communes[(first + d) % n_communes]].append(committee)
    for commune in communes:  # every commune is served by some committee
        if not serving[commune]:
            serving[commune].append(committees[communes.index(commune) % n_committees])
    orgs.sort(key=lambda o: o["id"])
    return _Tree(provincial, commission, communes, res_cells, commune_of, dict(cells_of_commune), committees, wcells,
                 committee_of, wcells_of, dict(serving), orgs)  # fmt: skip


# -- member skeletons (pass 1: what other parts of the province need to know) ------------------


@dataclass
class _Stay:
    cell: str
    start: dt.date
    end: dt.date  # last day there (inclusive); the end of the record while still there
    moved_in: str | None  # the residence_changed event id that began it
    chain: list[dt.date]  # dates of the introduction chain steps that happened (0–5)
    trigger: dt.date  # what the chain answers: the start of duties or the move

    @property
    def registered(self) -> dt.date | None:
        return self.chain[4] if len(self.chain) == 5 else None


@dataclass
class _Skeleton:
    id: str
    index: int
    name: str
    category: str
    working_since: dt.date
    in_window: bool
    away: str
    stays: list[_Stay] = field(default_factory=list)
    work: list[tuple[dt.date, str]] = field(default_factory=list)  # (from, workplace cell)
    categories: list[tuple[dt.date, str]] = field(default_factory=list)
    ended: tuple[dt.date, str] | None = None
    away_change: tuple[dt.date, str] | None = None
    position_change: dt.date | None = None
    listed_late: bool = False

    def workplace_cell(self, day: dt.date) -> str:
        cell = self.work[0][1]
        for since, value in self.work:
            if since <= day:
                cell = value
        return cell

    def category_on(self, day: dt.date) -> str:
        category = self.categories[0][1]
        for since, value in self.categories:
            if since <= day:
                category = value
        return category

    def stay_on(self, day: dt.date) -> _Stay | None:
        for stay in self.stays:
            if stay.start <= day <= stay.end:
                return stay
        return None

    def active(self, day: dt.date) -> bool:
        return self.working_since <= day and (self.ended is None or day <= self.ended[0])

    def registered_at(self, cell: str, day: dt.date) -> bool:
        """Registered and notified at ``cell`` on ``day`` within the stay covering it."""
        stay = self.stay_on(day)
        return stay is not None and stay.cell == cell and len(stay.chain) == 5 and stay.chain[4] <= day

    @property
    def introduced(self) -> bool:
        return self.categories[0][1] != "exempt_from_introduction"


def _date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _weighted(rng: random.Random, items: Sequence[tuple[str, int]]) -> str:
    roll = rng.randint(0, sum(w for _, w in items) - 1)
    for item, weight in items:
        if roll < weight:
            return item
        roll -= weight
    raise AssertionError("unreachable")


def _chain_dates(rng: random.Random, trigger: dt.date, last: dt.date, *, may_stop: bool) -> list[dt.date]:
    """The dates of the chain steps that happened after ``trigger`` (none after ``last``)."""
    steps = 5
    if may_stop and rng.random() < 0.06:
        steps = rng.randint(0, 4)
    late = rng.random() < 0.1
    day = trigger + dt.timedelta(days=rng.randint(31, 70) if late else rng.randint(3, 25))
    out: list[dt.date] = []
    gaps = ((0, 0), (1, 7), (2, 8), (2, 10), (1, 5))
    for i in range(steps):
        if i:
            lo, hi = gaps[i]
            day += dt.timedelta(days=rng.randint(31, 45) if rng.random() < 0.04 else rng.randint(lo, hi))
        if day > last:
            break
        out.append(day)
    return out


class _Planner:
    """Pass 1: one skeleton per member, and who lives in each cell when."""

    def __init__(self, tree: _Tree, seed: int, years: tuple[int, int]) -> None:
        self.tree = tree
        self.seed = seed
        self.first = dt.date(years[0], 1, 1)
        self.last = dt.date(years[1], 12, 31)
        self.members: list[_Skeleton] = []
        self.residents: dict[str, list[_Skeleton]] = defaultdict(list)
        self._forced: dict[str, int] = {}

    def _force(self, episode: str) -> bool:
        """The first eligible members get every rare episode, so small provinces have them all."""
        if self._forced.get(episode, 0) < 1:
            self._forced[episode] = 1
            return True
        return False

    def plan(self, members: int) -> None:
        tree = self.tree
        for i in range(members):
            home = tree.res_cells[i // MEMBERS_PER_CELL] if i // MEMBERS_PER_CELL < len(tree.res_cells) else tree.res_cells[-1]
            self.members.append(self._member(i, home))
        for skeleton in self.members:
            for stay in skeleton.stays:
                self.residents[stay.cell].append(skeleton)

    def _member(self, i: int, home: str) -> _Skeleton:
        tree = self.tree
        rng = random.Random(f"qd213-synth/{self.seed}/skeleton/{i}")
        member_id = f"DV-{i:06d}"
        name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
        category = _weighted(rng, (("regular", 88), ("introduced_exempt_from_activities", 8), ("exempt_from_introduction", 4)))
        in_window = rng.random() < 0.15
        if in_window:
            since = _date(rng, self.first + 14 * _DAY, self.last - 60 * _DAY)
        else:
            since = _date(rng, dt.date(2005, 1, 1), self.first - 20 * _DAY)
        commune = tree.commune_of[home]
        if rng.random() < 0.85:
            committee = rng.choice(tree.serving[commune])
        else:
            committee = rng.choice(tree.committees)
        wcell = rng.choice(tree.wcells_of[committee])
        away = "none"
        if rng.random() < 0.05 or (category != "regular" and rng.random() < 0.5):
            away = rng.choice(("often_away", "mobile", "special_duty"))
        sk = _Skeleton(member_id, i, name, category, since, in_window, away)
        sk.work.append((since, wcell))
        sk.categories.append((since, category))
        if category == "exempt_from_introduction":
            if rng.random() < 0.5:
                sk.stays.append(_Stay(home, since, self.last, None, [], since))
            return sk  # no introduction, no moves: a fixed unit
        # the first chain: at the start of duties (QĐ 76 era for most), sometimes never recorded
        lost = not in_window and rng.random() < 0.05
        chain = [] if lost else _chain_dates(rng, since, self.last, may_stop=in_window)
        sk.stays.append(_Stay(home, since, self.last, None, chain, since))
        start = max(since, self.first)
        # a move to another cell (more often in the same commune)
        if rng.random() < 0.08 or (len(self.members) > 5 and self._force("move")):
            day = _date(rng, max(start, sk.stays[0].registered or start) + 30 * _DAY, self.last - 45 * _DAY)
            if day > start and day < self.last - 30 * _DAY:
                if rng.random() < 0.6:
                    dest = rng.choice(tree.cells_of_commune[commune])
                else:
                    dest = rng.choice(tree.res_cells)
                if dest != home:
                    sk.stays[0].end = day - _DAY
                    sk.stays.append(_Stay(dest, day, self.last, f"E-{member_id}-MV", _chain_dates(rng, day, self.last, may_stop=True), day))
        # a transfer to another workplace cell (half the time under another committee)
        if rng.random() < 0.03 or self._force("transfer"):
            day = _date(rng, start + 20 * _DAY, self.last - 40 * _DAY)
            if day > start + _DAY:
                if rng.random() < 0.5 and len(tree.wcells_of[committee]) > 1:
                    new = rng.choice([c for c in tree.wcells_of[committee] if c != wcell])
                else:
                    new = rng.choice(tree.wcells)
                if new != wcell:
                    sk.work.append((day, new))
        if rng.random() < 0.03:
            sk.position_change = _date(rng, start + 10 * _DAY, self.last - 20 * _DAY)
        if category == "regular" and (rng.random() < 0.01 or self._force("category")):
            sk.categories.append((_date(rng, start + 30 * _DAY, self.last - 30 * _DAY), "introduced_exempt_from_activities"))
        if away == "none" and (rng.random() < 0.02 or self._force("away")):
            sk.away_change = (_date(rng, start + 10 * _DAY, self.last - 20 * _DAY), rng.choice(("often_away", "mobile")))
        years = self.last.year - self.first.year + 1
        if rng.random() < 0.015 * years or self._force("ending"):
            day = _date(rng, start + 30 * _DAY, self.last - 15 * _DAY)
            changes = [day for day, _ in sk.work[1:]] + [day for day, _ in sk.categories[1:]] + [s.start for s in sk.stays[1:]]
            changes += [sk.position_change] if sk.position_change else []
            changes += [sk.away_change[0]] if sk.away_change else []
            if all(day > c for c in changes):
                sk.ended = (day, _weighted(rng, _ENDINGS))
                for stay in sk.stays:
                    stay.chain = [d for d in stay.chain if d <= day]
        sk.listed_late = rng.random() < 0.1
        return sk


# -- pass 2: the lines ---------------------------------------------------------------------------


class _Ids:
    """Event ids in one namespace per owner: ``E-<owner>-<n>``."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"E-{self.owner}-{self.n:02d}"


def _event(event_id: str, kind: str, day: dt.date, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "event", "id": event_id, "kind": kind, "date": day.isoformat()}
    for key, value in fields.items():
        out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


class _Writer:
    def __init__(self, tree: _Tree, planner: _Planner, seed: int, years: tuple[int, int], breach_duties: Sequence[str]) -> None:
        self.tree = tree
        self.planner = planner
        self.seed = seed
        self.years = list(range(years[0], years[1] + 1))
        self.first = planner.first
        self.last = planner.last
        self.breach_duties = tuple(breach_duties)
        self._forced: set[str] = set()

    def _force(self, episode: str) -> bool:
        if episode in self._forced:
            return False
        self._forced.add(episode)
        return True

    def review_date(self, wcell: str, year: int) -> dt.date:
        """The review the workplace cell plans for ``year`` (held on that day, if held)."""
        rng = random.Random(f"qd213-synth/{self.seed}/review/{wcell}/{year}")
        return dt.date(year, 12, rng.randint(8, 22))

    # -- whole file ------------------------------------------------------------------------------

    def lines(self) -> Iterator[dict[str, Any]]:
        tree = self.tree
        yield {"type": "header", "schema_version": 1, "observation": {"from": self.first.isoformat()}}
        yield from tree.org_lines
        final_cell: dict[str, list[_Skeleton]] = defaultdict(list)
        unhoused: list[_Skeleton] = []
        for sk in self.planner.members:
            if sk.stays:
                final_cell[sk.stays[-1].cell].append(sk)
            else:
                unhoused.append(sk)
        for commune in tree.communes:
            for cell in tree.cells_of_commune[commune]:
                for sk in final_cell.get(cell, ()):
                    yield from self.member_lines(sk)
                yield from self.cell_events(cell)
            yield from self.commune_events(commune)
        for sk in unhoused:
            yield from self.member_lines(sk)
        yield from self.workplace_events()
        yield from self.top_events()

    # -- one member --------------------------------------------------------------------------------

    def member_lines(self, sk: _Skeleton) -> Iterator[dict[str, Any]]:
        tree = self.tree
        rng = random.Random(f"qd213-synth/{self.seed}/member/{sk.index}")
        new_id = _Ids(sk.id.replace("-", ""))
        record: dict[str, Any] = {"type": "member", "id": sk.id, "name": sk.name, "workplace_cell_id": sk.work[0][1]}
        if sk.stays:
            record["residence_cell_id"] = sk.stays[0].cell
        record["category"] = sk.category
        record["working_since"] = sk.working_since.isoformat()
        if sk.away != "none":
            record["away_status"] = sk.away
        yield record
        events: list[dict[str, Any]] = []
        add = events.append
        end = sk.ended[0] if sk.ended else self.last
        start = max(sk.working_since, self.first)

        def committee_on(day: dt.date) -> str:
            return tree.committee_of[sk.workplace_cell(day)]

        # introduction chains (the first one and one per move)
        for n, stay in enumerate(sk.stays):
            if not sk.introduced:
                break
            if n:
                move_id = stay.moved_in
                assert move_id is not None
                left = sk.stays[n - 1]
                add(_event(move_id, "residence_changed", stay.start, member_id=sk.id, from_residence_cell_id=left.cell,
                           to_residence_cell_id=stay.cell))  # fmt: skip
                # D2.K7b: report to the workplace cell and to the cell left (usually within 30 days)
                for to in (sk.workplace_cell(stay.start), left.cell):
                    if rng.random() < 0.85:
                        late = rng.random() < 0.1
                        day = stay.start + dt.timedelta(days=rng.randint(31, 50) if late else rng.randint(1, 25))
                        if day <= end:
                            add(_event(new_id(), "residence_change_reported", day, member_id=sk.id, to_org_id=to,
                                       about_event_id=move_id))  # fmt: skip
            events.extend(self._chain(sk, stay, stay.chain, committee_on(stay.chain[0]) if stay.chain else "", new_id))
        # transfers: notify the residence (D3.K2); another committee re-introduces the member
        for (day, new_cell), (_, old_cell) in zip(sk.work[1:], sk.work):
            change_id = new_id()
            add(_event(change_id, "status_changed", day, member_id=sk.id, change="transferred",
                       from_workplace_cell_id=old_cell, new_workplace_cell_id=new_cell))  # fmt: skip
            events.extend(self._notify_change(sk, rng, change_id, day, tree.committee_of[old_cell], new_id))
            if tree.committee_of[old_cell] != tree.committee_of[new_cell] and sk.introduced:
                current = sk.stay_on(day)
                if current is not None and current.registered is not None and rng.random() < 0.9:
                    chain = _chain_dates(rng, day, end, may_stop=True)
                    events.extend(self._chain(sk, current, chain, tree.committee_of[new_cell], new_id))
        if sk.position_change is not None:
            change_id = new_id()
            add(_event(change_id, "status_changed", sk.position_change, member_id=sk.id, change="position_changed"))
            events.extend(self._notify_change(sk, rng, change_id, sk.position_change, committee_on(sk.position_change), new_id))
        for day, category in sk.categories[1:]:
            add(_event(new_id(), "category_changed", day, member_id=sk.id, category=category,
                       decided_by_org_id=committee_on(day)))  # fmt: skip
        # away status (D3.K1c): an initial status at S, or a later change, is notified in writing
        away_days = [(start, sk.away)] if sk.away != "none" else []
        if sk.away_change is not None:
            add(_event(new_id(), "away_status_changed", sk.away_change[0], member_id=sk.id, away_status=sk.away_change[1]))
            away_days.append(sk.away_change)
        for day, _status in away_days:
            living = sk.stay_on(day)
            if living is None or rng.random() < 0.08:
                continue
            notice = day + dt.timedelta(days=rng.randint(2, 40))
            if notice <= end:
                add(_event(new_id(), "away_notice_sent", notice, member_id=sk.id, from_org_id=committee_on(day),
                           to_org_id=tree.commune_of[living.cell], written=rng.random() < 0.9))  # fmt: skip
        for year in self.years:
            events.extend(self._year(sk, rng, year, end, new_id))
        events.extend(self._episodes(sk, rng, start, end, new_id))
        if sk.ended is not None:
            change_id = new_id()
            add(_event(change_id, "status_changed", sk.ended[0], member_id=sk.id, change=sk.ended[1]))
            if sk.introduced:
                events.extend(self._notify_change(sk, rng, change_id, sk.ended[0], committee_on(sk.ended[0]), new_id))
        events.sort(key=lambda e: (e["date"], e["id"]))
        yield from events

    def _chain(self, sk: _Skeleton, stay: _Stay, chain: list[dt.date], committee: str, new_id: _Ids) -> list[dict[str, Any]]:
        """The introduction chain for ``stay`` (from the workplace committee to the cell)."""
        commune = self.tree.commune_of[stay.cell]
        out: list[dict[str, Any]] = []
        sent_id = ""
        for step, day in zip(_CHAIN, chain):
            event_id = new_id()
            if step == "introduction_sent":
                sent_id = event_id
                out.append(_event(event_id, step, day, member_id=sk.id, from_org_id=committee, to_org_id=commune))
            elif step == "introduction_received":
                out.append(_event(event_id, step, day, member_id=sk.id, org_id=commune, about_event_id=sent_id))
            elif step == "introduction_forwarded":
                out.append(_event(event_id, step, day, member_id=sk.id, from_org_id=commune, to_org_id=stay.cell))
            else:
                out.append(_event(event_id, step, day, member_id=sk.id, org_id=stay.cell))
        return out

    def _notify_change(
        self, sk: _Skeleton, rng: random.Random, change_id: str, day: dt.date, committee: str, new_id: _Ids
    ) -> list[dict[str, Any]]:
        """D3.K2: the workplace committee notifies the residence cell and its commune."""
        stay = sk.stay_on(day)
        if stay is None or not sk.introduced:
            return []
        out = []
        for to in (stay.cell, self.tree.commune_of[stay.cell]):
            if rng.random() < 0.85:
                late = rng.random() < 0.1
                when = day + dt.timedelta(days=rng.randint(31, 60) if late else rng.randint(2, 25))
                if when <= self.last:
                    out.append(_event(new_id(), "status_change_notified", when, member_id=sk.id, from_org_id=committee,
                                      to_org_id=to, about_event_id=change_id))  # fmt: skip
        return out

    def _year(self, sk: _Skeleton, rng: random.Random, year: int, end: dt.date, new_id: _Ids) -> list[dict[str, Any]]:
        """The member's side of the yearly chain, and the year's campaigns and opinions."""
        tree = self.tree
        out: list[dict[str, Any]] = []
        first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), end)
        if last < first or not sk.active(last) or sk.working_since > dt.date(year, 10, 1):
            return out
        if sk.ended is not None and sk.ended[0] < dt.date(year, 12, 31):
            return self._residence_year(sk, rng, year, first, last, new_id)
        wcell = sk.workplace_cell(dt.date(year, 12, 1))
        committee = tree.committee_of[wcell]
        review = self.review_date(wcell, year)
        category = sk.category_on(dt.date(year, 11, 1))
        # the yearly self-report to the workplace cell (D2.K7a), usually before the review
        if rng.random() < 0.93:
            late = rng.random() < 0.06
            day = review + dt.timedelta(days=rng.randint(1, 12)) if late else review - dt.timedelta(days=rng.randint(2, 14))
            if day <= self.last:
                out.append(_event(new_id(), "annual_self_report", day, member_id=sk.id, year=year, to_org_id=wcell))
        elif sk.ended is None and len(sk.stays) == 1 and len(sk.work) == 1 and category == "regular":
            waiver_day = review + dt.timedelta(days=rng.randint(1, 6))
            if (rng.random() < 0.3 or self._force("waiver_report")) and waiver_day <= self.last:
                out.append(_event(new_id(), "waiver_granted", waiver_day, obligation_id="D2.K7a", subject_id=sk.id,
                                  period=str(year), granted_by_org_id=committee,
                                  reason="Đảng viên đi công tác dài ngày, được miễn báo cáo năm nay."))  # fmt: skip
        if rng.random() < 0.9:
            day = review + dt.timedelta(days=rng.randint(0, 10))
            if day <= self.last:
                out.append(_event(new_id(), "comments_communicated", day, member_id=sk.id, org_id=wcell, year=year))
        # the comment form from the residence cell (D4.K4a…D4.K5b), regular members only
        form_day = dt.date(year, 11, 1) + dt.timedelta(days=rng.randint(0, 10)) - dt.timedelta(days=rng.randint(0, 12))
        stay = sk.stay_on(form_day)
        if (
            category == "regular"
            and stay is not None
            and stay.registered is not None
            and (form_day - max(stay.chain[4], stay.start)).days >= 95
            and form_day <= end
            and rng.random() < 0.95
        ):
            form_id = new_id()
            assessment = _weighted(rng, (("good", 60), ("excellent", 15), ("fulfilled", 22), ("not_fulfilled", 3)))
            out.append(_event(form_id, "comment_form_issued", form_day, member_id=sk.id, org_id=stay.cell, year=year,
                              with_front_committee=rng.random() < 0.96, assessment=assessment))  # fmt: skip
            commune = tree.commune_of[stay.cell]
            day = form_day
            for step in ("comment_form_sent", "comment_form_certified", "comment_form_forwarded"):
                if rng.random() > 0.95:
                    break
                day += dt.timedelta(days=rng.randint(12, 20) if rng.random() < 0.05 else rng.randint(1, 5))
                if day > self.last:
                    break
                step_id = new_id()
                if step == "comment_form_sent":
                    out.append(_event(step_id, step, day, about_event_id=form_id, from_org_id=stay.cell, to_org_id=commune))
                elif step == "comment_form_certified":
                    out.append(_event(step_id, step, day, about_event_id=form_id, org_id=commune))
                    if assessment == "not_fulfilled" and rng.random() < 0.7:  # D4.K5d
                        when = day + dt.timedelta(days=rng.randint(3, 40))
                        if when <= self.last:
                            out.append(_event(new_id(), "handling_proposed", when, member_id=sk.id, from_org_id=commune,
                                              to_org_id=committee))  # fmt: skip
                else:
                    out.append(_event(step_id, step, day, about_event_id=form_id, from_org_id=commune, to_org_id=committee))
                    if assessment == "not_fulfilled" and rng.random() < 0.7:  # D3.K3c
                        when = day + dt.timedelta(days=rng.randint(3, 40))
                        if when <= self.last:
                            out.append(_event(new_id(), "follow_up_recorded", when, member_id=sk.id, org_id=committee,
                                              action="reminded", about_event_id=step_id))  # fmt: skip
            if (rng.random() < 0.005 or self._force("dispute")) and form_day + 20 * _DAY <= end:
                dispute = new_id()
                out.append(_event(dispute, "comment_disputed", form_day + dt.timedelta(days=rng.randint(5, 15)),
                                  member_id=sk.id, about_event_id=form_id))  # fmt: skip
                when = form_day + dt.timedelta(days=rng.randint(16, 40))
                if rng.random() < 0.8 and when <= self.last:
                    out.append(_event(new_id(), "residence_consultation_held", when, member_id=sk.id, from_org_id=committee,
                                      with_org_id=stay.cell, about_event_id=dispute))  # fmt: skip
        return out + self._residence_year(sk, rng, year, first, last, new_id)

    def _residence_year(
        self, sk: _Skeleton, rng: random.Random, year: int, first: dt.date, last: dt.date, new_id: _Ids
    ) -> list[dict[str, Any]]:
        """Campaigns (D2.K6a/b) and opinions (D2.K3c, D2.K4c) at the residence in ``year``."""
        tree = self.tree
        out: list[dict[str, Any]] = []
        here = sk.stay_on(dt.date(year, 6, 30))
        if here is not None and sk.introduced:
            for _ in range(int(_weighted(rng, (("0", 10), ("1", 30), ("2", 35), ("3", 25))))):
                day = _date(rng, max(first, sk.working_since), last)
                stay = sk.stay_on(day)
                if stay is not None:
                    org = stay.cell if rng.random() < 0.6 else tree.commune_of[stay.cell]
                    out.append(_event(new_id(), "campaign_participation", day, member_id=sk.id, org_id=org,
                                      family_mobilised=rng.random() < 0.5))  # fmt: skip
            for _ in range(int(_weighted(rng, (("0", 50), ("1", 30), ("2", 20))))):
                day = _date(rng, max(first, sk.working_since), last)
                stay = sk.stay_on(day)
                if stay is not None:
                    out.append(_event(new_id(), "opinion_contributed", day, member_id=sk.id, org_id=stay.cell))
            if rng.random() < 0.12:
                day = _date(rng, max(first, sk.working_since), last)
                authority = f"{rng.choice(_AUTHORITIES)} {_PLACES[sk.index % len(_PLACES)]}"
                out.append(_event(new_id(), "opinion_conveyed", day, member_id=sk.id, authority=authority))
        return out

    def _episodes(self, sk: _Skeleton, rng: random.Random, start: dt.date, end: dt.date, new_id: _Ids) -> list[dict[str, Any]]:
        """Rarer stories: personnel actions, misconduct, commendations, breaches, meeting waivers."""
        tree = self.tree
        out: list[dict[str, Any]] = []
        if end - start < dt.timedelta(days=90):
            return out
        stable = sk.introduced and len(sk.stays) == 1 and sk.stays[0].registered is not None

        def committee_on(day: dt.date) -> str:
            return tree.committee_of[sk.workplace_cell(day)]

        if stable and (rng.random() < 0.02 * len(self.years) or self._force("personnel")):
            day = _date(rng, start, end - 60 * _DAY)
            planned = new_id()
            decision = day + dt.timedelta(days=rng.randint(20, 40))
            out.append(_event(planned, "personnel_action_planned", day, member_id=sk.id,
                              action=rng.choice(("appointment", "nomination")), decision_date=decision))  # fmt: skip
            if rng.random() < 0.06 or self._force("cancelled"):
                out.append(_event(new_id(), "personnel_action_cancelled", day + dt.timedelta(days=rng.randint(1, 15)),
                                  about_event_id=planned))  # fmt: skip
            elif rng.random() < 0.85:
                stay = sk.stays[0]
                with_org = stay.cell if rng.random() < 0.7 else tree.commune_of[stay.cell]
                when = day + dt.timedelta(days=rng.randint(3, 30) if rng.random() < 0.9 else rng.randint(45, 55))
                out.append(_event(new_id(), "residence_consultation_held", when, member_id=sk.id,
                                  from_org_id=committee_on(day), with_org_id=with_org, about_event_id=planned))  # fmt: skip
        if stable and (rng.random() < 0.008 or self._force("misconduct")):
            day = _date(rng, max(start, sk.stays[0].registered or start), end - 60 * _DAY)
            stay = sk.stays[0]
            commune = tree.commune_of[stay.cell]
            observed = new_id()
            nature = rng.choice(("law_violation", "lacks_exemplary_conduct", "serious_local_rule_breach", "non_compliance"))
            out.append(_event(observed, "misconduct_observed", day, member_id=sk.id, org_id=stay.cell, nature=nature))
            reported_to_committee = None
            for to in (commune, committee_on(day)):
                if rng.random() < 0.8:
                    rid = new_id()
                    out.append(_event(rid, "misconduct_reported", day + dt.timedelta(days=rng.randint(2, 20)), member_id=sk.id,
                                      from_org_id=stay.cell, to_org_id=to, about_event_id=observed))  # fmt: skip
                    if to != commune:
                        reported_to_committee = rid
            if rng.random() < 0.6:
                out.append(_event(new_id(), "handling_proposed", day + dt.timedelta(days=rng.randint(21, 45)),
                                  member_id=sk.id, from_org_id=commune, to_org_id=committee_on(day)))  # fmt: skip
            if reported_to_committee is not None and rng.random() < 0.7:
                out.append(_event(new_id(), "follow_up_recorded", day + dt.timedelta(days=rng.randint(25, 50)),
                                  member_id=sk.id, org_id=committee_on(day), action=rng.choice(("reminded", "criticised")),
                                  about_event_id=reported_to_committee))  # fmt: skip
        if stable and (rng.random() < 0.03 or self._force("commendation")):
            day = _date(rng, max(start, sk.stays[0].registered or start), end - 30 * _DAY)
            stay = sk.stays[0]
            commune = tree.commune_of[stay.cell]
            out.append(_event(new_id(), "commendation_proposed", day, member_id=sk.id, from_org_id=stay.cell, to_org_id=commune))
            granter = commune if rng.random() < 0.5 else committee_on(day)
            out.append(_event(new_id(), "commendation_granted", day + dt.timedelta(days=rng.randint(5, 25)), member_id=sk.id,
                              by_org_id=granter))  # fmt: skip
        if sk.introduced and (rng.random() < 0.003 or self._force("breach")):
            day = _date(rng, start, end - 10 * _DAY)
            out.append(_event(new_id(), "conduct_breach_recorded", day, member_id=sk.id,
                              obligation_id=rng.choice(self.breach_duties), recorded_by_org_id=committee_on(day)))  # fmt: skip
        return out

    # -- cells, communes, workplaces, province -----------------------------------------------------

    def _halves(self) -> list[tuple[dt.date, dt.date]]:
        out = []
        for year in self.years:
            out += [(dt.date(year, 1, 1), dt.date(year, 6, 30)), (dt.date(year, 7, 1), dt.date(year, 12, 31))]
        return out

    def cell_events(self, cell: str) -> Iterator[dict[str, Any]]:
        """Meetings of one residence cell with their attendance lists (D4.K3b, D2.K3a…)."""
        rng = random.Random(f"qd213-synth/{self.seed}/cell/{cell}")
        new_id = _Ids(cell.replace("-", ""))
        residents = self.planner.residents.get(cell, [])
        out: list[dict[str, Any]] = []
        for first, last in self._halves():
            count = 0 if rng.random() < 0.03 else (2 if rng.random() < 0.1 else 1)
            for _ in range(count):
                day = _date(rng, first + 10 * _DAY, last - 5 * _DAY)
                meeting_id = new_id()
                if rng.random() < 0.02:
                    out.append(_event(meeting_id, "meeting_held", day, org_id=cell, meeting_type="working_members",
                                      attendee_ids=[], excused_ids=[], attendance_recorded=False))  # fmt: skip
                    continue
                attendees, excused = [], []
                for sk in residents:
                    if not (sk.active(day) and sk.registered_at(cell, day)):
                        continue
                    roll = rng.random()
                    if sk.category_on(day) != "regular":
                        if roll < 0.2:
                            attendees.append(sk.id)
                    elif roll < 0.85:
                        attendees.append(sk.id)
                    elif roll < 0.93:
                        excused.append(sk.id)
                    elif rng.random() < 0.02 or self._force("meeting_waiver"):
                        when = day + dt.timedelta(days=rng.randint(1, 10))
                        later = sk.stay_on(when)
                        if when <= self.last and later is not None and later.cell == cell:
                            # a member's own duty is waived by the workplace committee (or above)
                            committee = self.tree.committee_of[sk.workplace_cell(when)]
                            out.append(_event(new_id(), "waiver_granted", when, obligation_id="D2.K3a", subject_id=sk.id,
                                              about_event_id=meeting_id, granted_by_org_id=committee,
                                              reason="Vắng họp vì lý do sức khỏe, đảng ủy nơi công tác chấp thuận sau."))  # fmt: skip
                out.append(_event(meeting_id, "meeting_held", day, org_id=cell, meeting_type="working_members",
                                  attendee_ids=attendees, excused_ids=excused))  # fmt: skip
        for year in self.years:
            for meeting_type, p in (("other", 0.3), ("people", 0.5)):
                if rng.random() < p:
                    day = _date(rng, dt.date(year, 2, 1), dt.date(year, 11, 30))
                    present = [sk.id for sk in residents if sk.active(day) and sk.registered_at(cell, day) and rng.random() < 0.6]
                    out.append(_event(new_id(), "meeting_held", day, org_id=cell, meeting_type=meeting_type,
                                      attendee_ids=present, excused_ids=[]))  # fmt: skip
        out.sort(key=lambda e: (e["date"], e["id"]))
        yield from out

    def commune_events(self, commune: str) -> Iterator[dict[str, Any]]:
        """Directives for the half-year meetings (D4.K3a), commune meetings, inspections (D4.K6)."""
        tree = self.tree
        rng = random.Random(f"qd213-synth/{self.seed}/commune/{commune}")
        new_id = _Ids(commune.replace("-", ""))
        cells = tree.cells_of_commune[commune]
        out: list[dict[str, Any]] = []
        for first, _last in self._halves():
            if rng.random() < 0.02:
                continue
            directed = [c for c in cells if rng.random() > 0.03] or cells[:1]
            out.append(_event(new_id(), "meeting_directed", _date(rng, first + 5 * _DAY, first + 60 * _DAY), org_id=commune,
                              to_org_ids=directed))  # fmt: skip
        for year in self.years:
            if rng.random() < 0.1 or self._force("commune_meeting"):  # a commune-wide meeting for invited members
                day = _date(rng, dt.date(year, 3, 1), dt.date(year, 10, 31))
                cell = rng.choice(cells)
                invited = [sk.id for sk in self.planner.residents.get(cell, []) if sk.active(day) and sk.registered_at(cell, day)
                           and sk.category_on(day) == "regular"][:12]  # fmt: skip
                present = [m for m in invited if rng.random() < 0.8]
                excused = [m for m in invited if m not in present and rng.random() < 0.5]
                out.append(_event(new_id(), "meeting_held", day, org_id=commune, meeting_type="working_members",
                                  attendee_ids=present, excused_ids=excused, invited_ids=invited))  # fmt: skip
            if rng.random() < 0.2 or self._force("inspection"):
                day = _date(rng, dt.date(year, 2, 1), dt.date(year, 9, 30))
                committee = rng.choice(tree.serving[commune])
                named = [
                    sk.id for cell in cells for sk in self.planner.residents.get(cell, ())
                    if sk.active(day) and tree.committee_of[sk.workplace_cell(day)] == committee and _lives_in(sk, day, cell)
                ][:3]  # fmt: skip
                if named:
                    request = new_id()
                    out.append(_event(request, "inspection_requested", day, from_org_id=committee, to_org_id=commune,
                                      member_ids=named))  # fmt: skip
                    if rng.random() < 0.85:
                        out.append(_event(new_id(), "joint_inspection_held", day + dt.timedelta(days=rng.randint(7, 45)),
                                          org_ids=[committee, commune], member_ids=named, about_event_id=request))  # fmt: skip
        out.sort(key=lambda e: (e["date"], e["id"]))
        yield from out

    def workplace_events(self) -> Iterator[dict[str, Any]]:
        """Listings (D3.K1a), comment requests (D3.K4a), review schedules and reviews."""
        tree = self.tree
        members = self.planner.members
        by_committee: dict[str, list[_Skeleton]] = defaultdict(list)
        by_wcell: dict[str, list[_Skeleton]] = defaultdict(list)
        for sk in members:
            seen: set[str] = set()
            for _, wcell in sk.work:
                if wcell not in seen:
                    seen.add(wcell)
                    by_wcell[wcell].append(sk)
            for committee in {tree.committee_of[w] for w in seen}:
                by_committee[committee].append(sk)
        for committee in tree.committees:
            rng = random.Random(f"qd213-synth/{self.seed}/committee/{committee}")
            new_id = _Ids(committee.replace("-", ""))
            out: list[dict[str, Any]] = []
            staff = by_committee.get(committee, [])
            by_cell = rng.random() < 0.3 and tree.wcells_of[committee] != [committee]
            # listing at the start of the record, then monthly listings of newcomers and movers
            opening = self.first + dt.timedelta(days=rng.randint(5, 25))
            listed = [sk for sk in staff if sk.active(opening) and tree.committee_of[sk.workplace_cell(opening)] == committee]
            if by_cell:
                for wcell in tree.wcells_of[committee]:
                    ids = [sk.id for sk in listed if sk.workplace_cell(opening) == wcell]
                    if ids:
                        out.append(_event(new_id(), "members_listed_by_residence", opening, org_id=wcell, member_ids=ids))
            elif listed:
                out.append(_event(new_id(), "members_listed_by_residence", opening, org_id=committee,
                                  member_ids=[sk.id for sk in listed]))  # fmt: skip
            monthly: dict[dt.date, list[str]] = defaultdict(list)
            for sk in staff:
                triggers = [sk.working_since] if sk.in_window else []
                triggers += [s.start for s in sk.stays[1:]]
                triggers += [day for day, cell in sk.work[1:] if tree.committee_of[cell] == committee]
                for day in triggers:
                    if day < self.first or tree.committee_of[sk.workplace_cell(day)] != committee or not sk.active(day):
                        continue
                    if sk.listed_late and rng.random() < 0.5:
                        continue
                    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 5)
                    if nxt <= self.last:
                        monthly[nxt].append(sk.id)
            for day, ids in sorted(monthly.items()):
                out.append(_event(new_id(), "members_listed_by_residence", day, org_id=committee, member_ids=sorted(set(ids))))
            for year in self.years:
                # comment requests to each commune where the committee's members live (D3.K4a)
                asked = dt.date(year, 10, 1) + dt.timedelta(days=rng.randint(0, 20))
                per_commune: dict[str, list[str]] = defaultdict(list)
                for sk in staff:
                    stay = sk.stay_on(asked)
                    if stay is None or not sk.active(asked) or tree.committee_of[sk.workplace_cell(asked)] != committee:
                        continue
                    if sk.category_on(asked) == "regular" and stay.registered is not None:
                        per_commune[tree.commune_of[stay.cell]].append(sk.id)
                for commune, ids in sorted(per_commune.items()):
                    if rng.random() < 0.96:
                        day = asked + dt.timedelta(days=rng.randint(45, 60)) if rng.random() < 0.03 else asked
                        out.append(_event(new_id(), "comments_requested", day, from_org_id=committee, to_org_id=commune,
                                          year=year, member_ids=ids))  # fmt: skip
                for wcell in tree.wcells_of[committee]:
                    review = self.review_date(wcell, year)
                    crng = random.Random(f"qd213-synth/{self.seed}/review-held/{wcell}/{year}")
                    if crng.random() < 0.7:
                        out.append(_event(new_id(), "annual_review_scheduled", dt.date(year, 10, crng.randint(1, 20)),
                                          org_id=wcell, year=year, planned_date=review))  # fmt: skip
                    if crng.random() < 0.92 and review <= self.last:
                        present = [sk.id for sk in by_wcell.get(wcell, []) if sk.active(review)
                                   and sk.workplace_cell(review) == wcell and crng.random() < 0.95]  # fmt: skip
                        out.append(_event(new_id(), "annual_review_held", review, org_id=wcell, year=year,
                                          attendee_ids=present))  # fmt: skip
            out.sort(key=lambda e: (e["date"], e["id"]))
            yield from out

    def top_events(self) -> Iterator[dict[str, Any]]:
        """The provincial committee's and the Central Organization Commission's duties (Điều 5)."""
        tree = self.tree
        rng = random.Random(f"qd213-synth/{self.seed}/top")
        new_id = _Ids("TOP")
        out = [
            _event(new_id(), "dissemination_held", dt.date(2020, 3, 12), org_id=tree.provincial,
                   to_org_ids=sorted(tree.communes + tree.committees)[:40]),
            _event(new_id(), "guidance_issued", dt.date(2020, 10, 30), org_id=tree.commission,
                   document_ref="Hướng dẫn số 33-HD/BTCTW ngày 30/10/2020", scope="general"),
        ]  # fmt: skip
        for year in self.years:
            if rng.random() < 0.9:
                out.append(_event(new_id(), "implementation_report_sent", dt.date(year, 12, rng.randint(1, 28)),
                                  org_id=tree.provincial, year=year))  # fmt: skip
        review = new_id()
        day = dt.date(self.years[0], 6, 15)
        out.append(_event(review, "implementation_review_held", day, org_id=tree.commission, review_kind="interim"))
        out.append(_event(new_id(), "monitoring_report_sent", day + 20 * _DAY, org_id=tree.commission, about_event_id=review))
        yield from out


def _lives_in(sk: _Skeleton, day: dt.date, cell: str) -> bool:
    stay = sk.stay_on(day)
    return stay is not None and stay.cell == cell


def _breach_duties() -> list[str]:
    from .articles import OBLIGATIONS

    return sorted(ob.id for ob in OBLIGATIONS if ob.rule is not None and ob.rule.breach_recordable)


# -- public API ---------------------------------------------------------------------------------


def generate_lines(members: int, seed: int, years: tuple[int, int] = (2024, 2025)) -> Iterator[dict[str, Any]]:
    """The synthetic province as JSON Lines objects (header, organisations, then per cell).

    ``members`` working Party members, deterministic in ``(members, seed, years)``; the record
    is observed from 1 January of ``years[0]`` to 31 December of ``years[1]``.
    """
    if members < 1:
        raise ValueError("members must be at least 1")
    if not 2020 <= years[0] <= years[1]:
        raise ValueError("years must be (first, last) with 2020 <= first <= last")
    tree = _plan_tree(members, seed)
    planner = _Planner(tree, seed, years)
    planner.plan(members)
    yield from _Writer(tree, planner, seed, years, _breach_duties()).lines()


def write_synth(path: str | Path | TextIO, members: int, seed: int, years: tuple[int, int] = (2024, 2025)) -> dict[str, Any]:
    """Write the workload to ``path`` (or an open text stream); returns counts per line type and
    event kind: ``{"lines", "organization", "member", "event", "facts_per_member", "event_kinds"}``."""
    kinds: Counter[str] = Counter()
    types: Counter[str] = Counter()

    def write(out: TextIO) -> None:
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for line in generate_lines(members, seed, years):
            types[line["type"]] += 1
            if line["type"] == "event":
                kinds[line["kind"]] += 1
            out.write(dumps(line))
            out.write("\n")

    if isinstance(path, (str, Path)):
        with open(path, "w", encoding="utf-8") as handle:
            write(handle)
    else:
        write(path)
    facts = types["organization"] + types["member"] + types["event"]
    return {
        "lines": sum(types.values()),
        "organization": types["organization"],
        "member": types["member"],
        "event": types["event"],
        "facts": facts,
        "facts_per_member": round(facts / max(1, types["member"]), 2),
        "event_kinds": dict(sorted(kinds.items())),
    }


def _years(text: str) -> tuple[int, int]:
    try:
        first, _, last = text.partition("-")
        out = (int(first), int(last or first))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-YYYY, found {text!r}") from None
    if not 2020 <= out[0] <= out[1]:
        raise argparse.ArgumentTypeError(f"expected 2020 <= first year <= last year, found {text!r}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``qd213 synth --members N --seed S [--years 2024-2025] -o FILE.jsonl``; exit 0, or 2 on usage errors."""
    parser = argparse.ArgumentParser(prog="qd213 synth", description="Write a deterministic synthetic province (JSON Lines).")
    parser.add_argument("--members", type=int, default=1000, help="working Party members (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--years", type=_years, default=(2024, 2025), help="observed years, e.g. 2024-2025 (default)")
    parser.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    args = parser.parse_args(argv)
    if args.members < 1:
        parser.error("--members must be at least 1")
    target: str | TextIO = sys.stdout if args.output == "-" else args.output
    counts = write_synth(target, args.members, args.seed, args.years)
    print(
        f"{counts['lines']} lines: {counts['organization']} organizations, {counts['member']} members, "
        f"{counts['event']} events ({counts['facts_per_member']} facts per member)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
