"""Hypothesis strategies for realistic, consistent fact sets in the interchange format.

Everything here produces plain JSON-able dicts in the document form of docs/facts.md
(``{"schema_version": 1, "observation": {...}, "organizations": [...], "members": [...],
"events": [...]}``), with synthetic data only (invented names and places).

Generation has two layers:

* a **plan** — the organisation tree, the members and, per member, which parts of a working
  life happen (moves, a transfer, the end of duties, an introduction chain that stops at some
  step, a misconduct episode …) — is drawn with Hypothesis, so failing examples shrink towards
  small, quiet records;
* the **events** are then built deterministically from the plan and a drawn seed (dates,
  delays, attendance) by a small replay: each member's workplace cell, residence cell, category
  and away status are tracked over time, so every ``from_*`` field equals the replayed state,
  every ``about_event_id`` cites an earlier event of the right kind about the same member,
  nobody is listed at a meeting of a cell they are not registered at, and a member whose duties
  ended has no later events except ``status_change_notified``.

Steps of every chain (introduction, yearly comments, misconduct …) are sometimes late, sometimes
missing, so the engine reaches every status from these documents.

Public API:

* :func:`fact_documents`, :func:`org_trees`, :func:`as_of_dates`,
  :func:`fact_document_and_as_of` — Hypothesis strategies;
* :func:`random_fact_document` — the same builder driven by :class:`random.Random` (loops,
  benchmarks, determinism checks without Hypothesis);
* :func:`event_of_kind`, :data:`EVENT_KIND_STRATEGIES`, :func:`any_event_dicts`,
  :func:`organization_dicts`, :func:`member_dicts`, :func:`loose_fact_document_dicts` — single
  facts that are valid models but not a consistent record (round-trip tests);
* :func:`shuffled`, :func:`with_unrelated_member`, :func:`event_kinds_in`,
  :func:`categories_in`, :func:`window_of` — helpers for property tests;
* :data:`CONDUCT_DUTIES`, :data:`IN_FORCE`, :data:`DEFAULT_YEARS` — constants the strategies use.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import random
import unicodedata
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from hypothesis import strategies as st

from qd213_rules.facts.events import EVENT_KINDS, EVENT_MODELS, EventBase, StatusChange
from qd213_rules.facts.members import AwayStatus, Category
from qd213_rules.facts.organizations import OrgKind

__all__ = [
    "CONDUCT_DUTIES",
    "DEFAULT_YEARS",
    "EVENT_KIND_STRATEGIES",
    "IN_FORCE",
    "any_event_dicts",
    "as_of_dates",
    "categories_in",
    "event_kinds_in",
    "event_of_kind",
    "fact_document_and_as_of",
    "fact_documents",
    "loose_fact_document_dicts",
    "member_dicts",
    "org_trees",
    "organization_dicts",
    "random_fact_document",
    "shuffled",
    "window_of",
    "with_unrelated_member",
]

T = TypeVar("T")
Doc = dict[str, Any]

IN_FORCE = dt.date(2020, 1, 2)
"""QĐ 213 was signed and took effect on 2 January 2020."""

DEFAULT_YEARS = (2020, 2025)

CONDUCT_DUTIES: tuple[str, ...] = (
    "D1.K1a", "D1.K1b", "D1.K1c", "D1.K1d", "D2.K1", "D2.K2a", "D2.K2b", "D2.K3b", "D2.K3c",
    "D2.K4a", "D2.K4b", "D2.K4c", "D2.K5", "D2.K6a", "D2.K6b", "D2.K6c",
)  # fmt: skip
"""The member conduct duties a ``conduct_breach_recorded`` may name."""

_DAY = dt.timedelta(days=1)
_REGULAR = Category.REGULAR.value
_EXEMPT_ACTIVITIES = Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES.value
_EXEMPT_INTRODUCTION = Category.EXEMPT_FROM_INTRODUCTION.value
_INTRODUCED = frozenset({_REGULAR, _EXEMPT_ACTIVITIES})
_ENDINGS = ("retired", "left_employment", "died", "expelled", "struck_off", "withdrew_from_party", "moved_abroad")


def window_of(years: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """Dates events may carry for ``years``: from 1 June of the year before (QĐ 76 era) to 31 Dec."""
    return dt.date(years[0] - 1, 6, 1), dt.date(years[1], 12, 31)


# -- sources of choices --------------------------------------------------------------------


class _Dice(ABC):
    """Where choices come from: Hypothesis draws (shrinkable) or a seeded ``random.Random``."""

    @abstractmethod
    def integer(self, lo: int, hi: int) -> int:
        """An integer in ``lo..hi`` inclusive."""

    def chance(self, p: float) -> bool:
        # 0, the value Hypothesis shrinks towards, means "no": optional parts shrink away
        return self.integer(0, 99) >= 100 - round(p * 100)

    def pick(self, items: Sequence[T]) -> T:
        return items[self.integer(0, len(items) - 1)]

    def weighted(self, items: Sequence[tuple[T, int]]) -> T:
        """One of ``items`` by weight; the first item is the one Hypothesis shrinks towards."""
        roll = self.integer(0, sum(w for _, w in items) - 1)
        for item, weight in items:
            if roll < weight:
                return item
            roll -= weight
        raise AssertionError("unreachable")

    def date(self, lo: dt.date, hi: dt.date) -> dt.date | None:
        """A date in ``lo..hi``, or None when the range is empty."""
        if lo > hi:
            return None
        return lo + dt.timedelta(days=self.integer(0, (hi - lo).days))

    def day(self, lo: dt.date, hi: dt.date) -> dt.date:
        """A date in ``lo..hi``, a range known not to be empty."""
        found = self.date(lo, hi)
        assert found is not None, (lo, hi)
        return found

    def subset(self, items: Sequence[T], p: float) -> list[T]:
        return [item for item in items if self.chance(p)]


@functools.lru_cache(maxsize=None)
def _integers(lo: int, hi: int) -> st.SearchStrategy[int]:
    return st.integers(lo, hi)


class _DrawDice(_Dice):
    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self._draw = draw

    def integer(self, lo: int, hi: int) -> int:
        return lo if lo == hi else int(self._draw(_integers(lo, hi)))


class _RandomDice(_Dice):
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


# -- the organisation tree -----------------------------------------------------------------

_PROVINCE = "Tỉnh ủy Sơn Nguyên"
_WORKPLACES = (
    "Sở Y tế", "Sở Giáo dục và Đào tạo", "Công ty Cấp nước Sông Lam", "Bệnh viện Đa khoa Sơn Nguyên",
    "Ban Quản lý dự án Giao thông", "Trường Cao đẳng Kỹ thuật Hòa Lạc",
)  # fmt: skip
_UNITS = ("Văn phòng", "Phòng Kế hoạch - Tài chính", "Phòng Nghiệp vụ", "Phòng Tổ chức cán bộ", "Khoa Nội")
_COMMUNES = ("phường Đông Lâm", "xã Tân Mỹ Hạ", "phường Bình Khê", "xã Phú Nghĩa Thượng")
_QUARTERS = ("khu phố 1", "khu phố 2", "tổ dân phố 3", "thôn Đông Trại", "thôn Giữa", "khu dân cư số 6")


@dataclass
class _Tree:
    """An organisation tree with the lookups the builder needs."""

    organizations: list[dict[str, Any]]
    provincial: str | None
    commission: str | None
    cells_of: dict[str, list[str]]  # workplace committee -> its workplace cells (itself if it is a cell)
    res_cells_of: dict[str, list[str]]  # commune committee -> its residence cells
    parent: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parent = {o["id"]: o.get("parent_id") for o in self.organizations}

    @property
    def committees(self) -> list[str]:
        return list(self.cells_of)

    @property
    def communes(self) -> list[str]:
        return list(self.res_cells_of)

    @property
    def workplace_cells(self) -> list[str]:
        return [cell for cells in self.cells_of.values() for cell in cells]

    @property
    def residence_cells(self) -> list[str]:
        return [cell for cells in self.res_cells_of.values() for cell in cells]

    def committee_of(self, workplace_cell: str) -> str:
        parent = self.parent[workplace_cell]
        return workplace_cell if parent is None or workplace_cell in self.cells_of else parent

    def commune_of(self, residence_cell: str) -> str:
        parent = self.parent[residence_cell]
        assert parent is not None
        return parent

    def ancestors(self, org_id: str) -> list[str]:
        out: list[str] = []
        parent = self.parent.get(org_id)
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.parent.get(parent)
        return out


def _plan_tree(dice: _Dice) -> _Tree:
    """Draw the shape of a provincial tree: committees, cells, communes, residence cells."""
    orgs: list[dict[str, Any]] = []
    provincial = "TU-01"
    orgs.append({"id": provincial, "kind": OrgKind.PROVINCIAL_COMMITTEE.value, "name": _PROVINCE})
    commission = None
    if dice.chance(0.65):
        commission = "BTCTW"
        orgs.append(
            {"id": commission, "kind": OrgKind.CENTRAL_ORGANIZATION_COMMISSION.value, "name": "Ban Tổ chức Trung ương"}
        )
    linked = dice.chance(0.85)  # committees and communes name their provincial committee as parent
    top = {"parent_id": provincial} if linked else {}
    cells_of: dict[str, list[str]] = {}
    for c in range(1, dice.integer(1, 2) + 1):
        committee = f"DU-{c:02d}"
        unit = _WORKPLACES[(c - 1) * 2 + dice.integer(0, 1)]
        if dice.chance(0.25):  # a chi bộ cơ sở: members belong to the committee directly
            orgs.append({"id": committee, "kind": "workplace_committee", "name": f"Chi bộ {unit}", **top})
            cells_of[committee] = [committee]
            continue
        orgs.append({"id": committee, "kind": "workplace_committee", "name": f"Đảng ủy {unit}", **top})
        cells_of[committee] = []
        for k in range(1, dice.integer(1, 3) + 1):
            cell = f"CB-{c:02d}-{k}"
            orgs.append({"id": cell, "kind": "workplace_cell", "name": f"Chi bộ {_UNITS[k - 1]}", "parent_id": committee})
            cells_of[committee].append(cell)
    res_cells_of: dict[str, list[str]] = {}
    for p in range(1, dice.integer(1, 2) + 1):
        commune = f"DUP-{p:02d}"
        orgs.append({"id": commune, "kind": "commune_committee", "name": f"Đảng ủy {_COMMUNES[p - 1]}", **top})
        res_cells_of[commune] = []
        for k in range(1, dice.integer(1, 4) + 1):
            cell = f"CB-P{p:02d}-{k}"
            org: dict[str, Any] = {"id": cell, "kind": "residence_cell", "name": f"Chi bộ {_QUARTERS[k - 1]}", "parent_id": commune}
            if dice.chance(0.5):
                org["has_cell_committee"] = True
            orgs.append(org)
            res_cells_of[commune].append(cell)
    return _Tree(orgs, provincial, commission, cells_of, res_cells_of)


# -- plans ---------------------------------------------------------------------------------

_EXTRAS = {
    # optional episode -> chance per member
    "personnel": 0.3,
    "dispute": 0.2,
    "misconduct": 0.25,
    "commendation": 0.3,
    "breach": 0.15,
    "waiver": 0.2,
    "opinion": 0.35,
    "campaign": 0.4,
}


@dataclass(frozen=True)
class _MemberPlan:
    category: str
    workplace_cell: str
    residence_cell: str | None
    since_mode: int  # 0: long before the window, 1: around its start, 2: inside it
    away_status: str
    chain_steps: int  # how many of the 5 steps of the first introduction chain happen
    chain_before_2020: bool  # the first chain was done under QĐ 76 (2019)
    moves: int
    transfer: bool
    ending: str | None
    position_change: bool
    category_change: bool
    away_change: bool
    extras: frozenset[str]


@dataclass(frozen=True)
class _DocPlan:
    tree: _Tree
    members: tuple[_MemberPlan, ...]
    observation_mode: int
    years: tuple[int, int]
    seed: int
    quiet_orgs: frozenset[str] = frozenset()
    """Residence cells and communes with no event of their own (no meeting, no directive, no waiver)."""
    quiet_members: tuple[dict[str, Any], ...] = ()
    """Member records with no event at all."""


def _plan_member(dice: _Dice, tree: _Tree) -> _MemberPlan:
    category = dice.weighted([(_REGULAR, 70), (_EXEMPT_ACTIVITIES, 15), (_EXEMPT_INTRODUCTION, 15)])
    residence: str | None = dice.pick(tree.residence_cells)
    if category == _EXEMPT_INTRODUCTION and dice.chance(0.5):
        residence = None
    return _MemberPlan(
        category=category,
        workplace_cell=dice.pick(tree.workplace_cells),
        residence_cell=residence,
        since_mode=dice.weighted([(0, 50), (1, 25), (2, 25)]),
        away_status=dice.weighted([(AwayStatus.NONE.value, 80), ("often_away", 8), ("mobile", 7), ("special_duty", 5)]),
        chain_steps=dice.weighted([(5, 60), (0, 8), (1, 8), (2, 8), (3, 8), (4, 8)]),
        chain_before_2020=dice.chance(0.35),
        moves=dice.weighted([(0, 55), (1, 35), (2, 10)]),
        transfer=dice.chance(0.2),
        ending=dice.pick(_ENDINGS) if dice.chance(0.2) else None,
        position_change=dice.chance(0.2),
        category_change=dice.chance(0.15),
        away_change=dice.chance(0.2),
        extras=frozenset(name for name, p in _EXTRAS.items() if dice.chance(p)),
    )


def _plan_document(dice: _Dice, min_members: int, max_members: int, years: tuple[int, int]) -> _DocPlan:
    tree = _plan_tree(dice)
    n = dice.integer(min_members, max_members)
    members = tuple(_plan_member(dice, tree) for _ in range(n))
    observation_mode = dice.weighted([(0, 50), (1, 20), (2, 15), (3, 15)])
    seed = dice.integer(0, 2**32 - 1)
    # drawn last, so that the facts drawn before are those of a document without quiet parts
    quiet = frozenset(org for org in (*tree.communes, *tree.residence_cells) if dice.chance(0.25))
    quiet_members = _plan_quiet_members(dice, tree, years, min(2, max_members - n))
    return _DocPlan(tree, members, observation_mode, years, seed, quiet, quiet_members)


def _plan_quiet_members(dice: _Dice, tree: _Tree, years: tuple[int, int], most: int) -> tuple[dict[str, Any], ...]:
    """Up to ``most`` members with no event at all (never introduced, registered or reviewed)."""
    out = []
    for n in range(1, min(most, dice.weighted([(0, 60), (1, 30), (2, 10)])) + 1):
        since = dt.date(2000, 1, 1) + dt.timedelta(days=dice.integer(0, (dt.date(years[1], 6, 30) - dt.date(2000, 1, 1)).days))
        member: dict[str, Any] = {
            "id": f"DV-Q{n}", "name": f"Đảng viên lặng {n}",
            "workplace_cell_id": dice.pick(tree.workplace_cells),
            "category": dice.weighted([(_REGULAR, 70), (_EXEMPT_ACTIVITIES, 15), (_EXEMPT_INTRODUCTION, 15)]),
            "working_since": since.isoformat(),
        }  # fmt: skip
        if member["category"] != _EXEMPT_INTRODUCTION or dice.chance(0.5):
            member["residence_cell_id"] = dice.pick(tree.residence_cells)
        out.append(member)
    return tuple(out)


def _without_quiet(events: list[dict[str, Any]], quiet: frozenset[str]) -> list[dict[str, Any]]:
    """The events, less those of the quiet organisations: meetings they convene, directives they
    give or receive, commune-wide disseminations, waivers of their duties (none is ever cited)."""
    out = []
    for event in events:
        kind = event["kind"]
        if kind in ("meeting_held", "meeting_directed", "dissemination_held", "waiver_granted"):
            if event.get("org_id") in quiet or event.get("subject_id") in quiet:
                continue
            if kind in ("meeting_directed", "dissemination_held"):
                targets = [org for org in event.get("to_org_ids", ()) if org not in quiet]
                if not targets and kind == "meeting_directed":
                    continue
                event = {**event, "to_org_ids": targets}
        out.append(event)
    return out


# -- the builder ---------------------------------------------------------------------------


@dataclass
class _Stay:
    """One stay at a residence cell: [begin, end), and when the chain registered the member."""

    cell: str
    begin: dt.date
    end: dt.date
    entered_by: str | None = None  # the residence_changed event, if any
    registered: dt.date | None = None
    notified: dt.date | None = None


@dataclass
class _Life:
    """A member's replayed history: state timelines and the events the builder emitted."""

    id: str
    plan: _MemberPlan
    working_since: dt.date
    first: dt.date  # first date an ordinary event may be about the member
    last: dt.date  # last date an ordinary event may be about the member
    ended_on: dt.date | None
    workplace: list[tuple[dt.date, str]]
    residence: list[tuple[dt.date, str | None]]
    category: list[tuple[dt.date, str]]
    away: list[tuple[dt.date, str]]
    stays: list[_Stay] = field(default_factory=list)
    moves: list[tuple[dt.date, str, str]] = field(default_factory=list)  # (date, event, left cell)
    transfers: list[tuple[dt.date, str, str]] = field(default_factory=list)  # (date, old committee, new)
    forms: list[tuple[dt.date, str, str]] = field(default_factory=list)  # (date, event, cell)

    @staticmethod
    def _at(timeline: list[tuple[dt.date, T]], day: dt.date) -> T:
        value = timeline[0][1]
        for since, v in timeline:
            if since > day:
                break
            value = v
        return value

    def workplace_at(self, day: dt.date) -> str:
        return self._at(self.workplace, day)

    def residence_at(self, day: dt.date) -> str | None:
        return self._at(self.residence, day)

    def category_at(self, day: dt.date) -> str:
        return self._at(self.category, day)

    def active(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def registered_cell(self, day: dt.date) -> str | None:
        """The residence cell the member is registered at on ``day`` (within the current stay)."""
        for stay in self.stays:
            if stay.begin <= day < stay.end and stay.registered is not None and stay.registered <= day:
                return stay.cell
        return None


_AUTHORITIES = ("Ủy ban nhân dân phường", "Công an xã", "Hội đồng nhân dân huyện", "Ủy ban Mặt trận Tổ quốc phường")
_WAIVER_REASONS = (
    "Đảng viên điều trị dài ngày tại bệnh viện",
    "Chi bộ sáp nhập theo quyết định của cấp trên",
    "Thiên tai, không tổ chức được sinh hoạt",
)
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
_MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Bảo")
_GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Mai", "Nhung", "Phúc", "Quyên", "Sương", "Tùng")


class _Builder:
    """Builds the events of a plan; ``shared_level`` adds provincial, Commission and commune-wide facts."""

    def __init__(
        self,
        tree: _Tree,
        years: tuple[int, int],
        seed: int,
        *,
        member_prefix: str = "DV-",
        shared_level: bool = True,
    ) -> None:
        self.tree = tree
        self.years = years
        self.start, self.end = window_of(years)
        self.rng = random.Random(seed)
        self.d: _Dice = _RandomDice(self.rng)
        self.member_prefix = member_prefix
        self.shared_level = shared_level
        self.events: list[dict[str, Any]] = []
        self.members: list[dict[str, Any]] = []
        self.lives: list[_Life] = []

    # -- emitting -------------------------------------------------------------------------

    def emit(self, kind: str, day: dt.date, **fields: Any) -> str:
        """Add an event with a provisional id (renumbered chronologically at the end)."""
        assert self.start <= day <= self.end, (kind, day)
        eid = f"t{len(self.events)}"
        event = {"id": eid, "kind": kind, "date": day}
        event.update({k: v for k, v in fields.items() if v is not None})
        self.events.append(event)
        return eid

    def delay(self, late_p: float = 0.12) -> dt.timedelta:
        """A processing delay: usually days, sometimes weeks or months (late)."""
        days = self.d.integer(35, 120) if self.d.chance(late_p) else self.d.integer(1, 20)
        return dt.timedelta(days=days)

    def committee_at(self, life: _Life, day: dt.date) -> str:
        return self.tree.committee_of(life.workplace_at(day))

    # -- members --------------------------------------------------------------------------

    def add_member(self, plan: _MemberPlan) -> _Life:
        d = self.d
        index = len(self.lives) + 1
        mid = f"{self.member_prefix}{index:04d}"
        y0, y1 = self.years
        if plan.since_mode == 0:
            since = d.day(dt.date(2000, 1, 1), self.start - dt.timedelta(days=30))
        elif plan.since_mode == 1:
            since = d.day(self.start - dt.timedelta(days=120), dt.date(y0, 3, 31))
        else:
            since = d.day(dt.date(y0, 4, 1), max(dt.date(y0, 4, 1), dt.date(y1 - 1, 6, 30)))
        first = max(since, self.start)
        ended_on = None
        if plan.ending:
            ended_on = d.date(first + dt.timedelta(days=400), self.end - dt.timedelta(days=30))
        last = ended_on - _DAY if ended_on else self.end
        life = _Life(
            id=mid,
            plan=plan,
            working_since=since,
            first=first,
            last=last,
            ended_on=ended_on,
            workplace=[(since, plan.workplace_cell)],
            residence=[(since, plan.residence_cell)],
            category=[(since, plan.category)],
            away=[(since, plan.away_status)],
        )
        if plan.residence_cell:
            life.stays.append(_Stay(plan.residence_cell, since, dt.date.max))
        self.lives.append(life)
        record: dict[str, Any] = {
            "id": mid,
            "name": f"{d.pick(_FAMILY)} {d.pick(_MIDDLE)} {d.pick(_GIVEN)}",
            "workplace_cell_id": plan.workplace_cell,
            "category": plan.category,
            "working_since": since.isoformat(),
        }
        if plan.residence_cell:
            record["residence_cell_id"] = plan.residence_cell
        if plan.away_status != AwayStatus.NONE.value or d.chance(0.2):
            record["away_status"] = plan.away_status
        self.members.append(record)

        self._replay_changes(life)
        self._introduction_chains(life)
        self._move_reports(life)
        return life

    def _replay_changes(self, life: _Life) -> None:
        """Emit the change events in date order, keeping the replayed state (the from_* fields)."""
        d, plan = self.d, life.plan
        kinds = ["move"] * plan.moves
        kinds += [k for k, on in (("transfer", plan.transfer), ("position", plan.position_change),
                                  ("category", plan.category_change), ("away", plan.away_change)) if on]  # fmt: skip
        lo, hi = life.first + dt.timedelta(days=30), life.last - dt.timedelta(days=30)
        span = (hi - lo).days
        if span < len(kinds) * 20:
            kinds = kinds[: max(0, span // 20)]
        offsets = sorted(self.rng.sample(range(span), len(kinds))) if kinds else []
        self.rng.shuffle(kinds)
        statuses: list[tuple[dt.date, str, str]] = []  # (date, event, workplace committee notifying)
        away_triggers = [life.first] if plan.away_status != AwayStatus.NONE.value else []
        for offset, kind in zip(offsets, kinds):
            day = lo + dt.timedelta(days=offset)
            work, res = life.workplace_at(day), life.residence_at(day)
            category, away = life.category_at(day), life._at(life.away, day)
            if kind == "move" and res is not None:
                others = [c for c in self.tree.residence_cells if c != res]
                if not others:
                    continue
                same = [c for c in others if self.tree.commune_of(c) == self.tree.commune_of(res)]
                to = d.pick(same) if same and d.chance(0.4) else d.pick(others)
                eid = self.emit("residence_changed", day, member_id=life.id,
                                from_residence_cell_id=res, to_residence_cell_id=to)  # fmt: skip
                life.residence.append((day, to))
                life.moves.append((day, eid, res))
                life.stays[-1].end = day
                life.stays.append(_Stay(to, day, dt.date.max, entered_by=eid))
            elif kind == "transfer":
                others = [c for c in self.tree.workplace_cells if c != work]
                if not others:
                    continue
                to = d.pick(others)
                eid = self.emit("status_changed", day, member_id=life.id, change="transferred",
                                from_workplace_cell_id=work, new_workplace_cell_id=to)  # fmt: skip
                statuses.append((day, eid, self.tree.committee_of(work)))
                life.workplace.append((day, to))
                if self.tree.committee_of(to) != self.tree.committee_of(work):
                    life.transfers.append((day, self.tree.committee_of(work), self.tree.committee_of(to)))
            elif kind == "position":
                eid = self.emit("status_changed", day, member_id=life.id, change="position_changed")
                statuses.append((day, eid, self.tree.committee_of(work)))
            elif kind == "category":
                if category == _EXEMPT_INTRODUCTION:
                    if res is None:
                        continue  # nowhere to introduce them to
                    new = _REGULAR
                elif category == _EXEMPT_ACTIVITIES:
                    new = _REGULAR
                else:
                    new = _EXEMPT_INTRODUCTION if d.chance(0.15) else _EXEMPT_ACTIVITIES
                self.emit("category_changed", day, member_id=life.id, category=new,
                          decided_by_org_id=self.tree.committee_of(work))  # fmt: skip
                life.category.append((day, new))
            elif kind == "away":
                values = [a.value for a in AwayStatus if a.value != away]
                new = AwayStatus.NONE.value if away != AwayStatus.NONE.value and d.chance(0.5) else d.pick(values)
                self.emit("away_status_changed", day, member_id=life.id, away_status=new)
                life.away.append((day, new))
                if new != AwayStatus.NONE.value:
                    away_triggers.append(day)
        if life.ended_on is not None:
            change = life.plan.ending
            eid = self.emit("status_changed", life.ended_on, member_id=life.id, change=change)
            statuses.append((life.ended_on, eid, self.committee_at(life, life.ended_on)))
        # notices go out once the whole history is known: a later move changes the commune
        for day, eid, committee in statuses:
            self._status_notifications(life, day, eid, committee)
        for day in away_triggers:
            self._away_notice(life, day)

    def _status_notifications(self, life: _Life, day: dt.date, eid: str, committee: str) -> None:
        """D3.K2: the workplace committee tells the residence cell and its commune (each sometimes)."""
        res = life.residence_at(day)
        if res is None:
            return
        for recipient in (res, self.tree.commune_of(res)):
            if self.d.chance(0.75):
                when = day + self.delay()
                limit = self.end if life.ended_on == day else min(self.end, life.last)
                if when <= limit:
                    self.emit("status_change_notified", when, member_id=life.id, from_org_id=committee,
                              to_org_id=recipient, about_event_id=eid)  # fmt: skip

    def _away_notice(self, life: _Life, day: dt.date) -> None:
        """D3.K1c: the workplace tells the commune in writing (sometimes not written, or never)."""
        when = day + self.delay(0.15)
        res = life.residence_at(when)
        if res is None or not self.d.chance(0.85):
            return
        if when <= life.last:
            self.emit("away_notice_sent", when, member_id=life.id, from_org_id=self.committee_at(life, when),
                      to_org_id=self.tree.commune_of(res), written=self.d.chance(0.8))  # fmt: skip

    def _introduction_chains(self, life: _Life) -> None:
        d, plan = self.d, life.plan
        for i, stay in enumerate(life.stays):
            begin = self._chain_begin(life, stay)
            if begin is None:
                continue
            if i == 0:
                steps = plan.chain_steps
                from_the_start = begin == max(stay.begin, life.first)
                old_enough = life.working_since <= dt.date(2019, 9, 1) and self.start < IN_FORCE
                if plan.chain_before_2020 and old_enough and from_the_start:
                    begin = d.date(max(life.working_since, self.start), dt.date(2019, 9, 30)) or begin
                else:
                    begin = max(begin, IN_FORCE) + self.delay()
            else:
                steps = d.weighted([(5, 60), (0, 8), (1, 8), (2, 8), (3, 8), (4, 8)])
                begin += self.delay()
            self._chain(life, stay, begin, steps)
        # a transfer to another committee: the new committee introduces the member again, sometimes
        for day, _old, _new in life.transfers:
            current = next((s for s in life.stays if s.begin <= day < s.end), None)
            if current and life.category_at(day) in _INTRODUCED and d.chance(0.5):
                self._chain(life, current, day + self.delay(), d.weighted([(5, 60), (2, 20), (4, 20)]))

    def _chain_begin(self, life: _Life, stay: _Stay) -> dt.date | None:
        """The first day of the stay on which the member's category calls for an introduction."""
        begin = max(stay.begin, life.first)
        if life.category_at(begin) in _INTRODUCED:
            return begin
        for since, category in life.category:
            if begin < since < stay.end and category in _INTRODUCED:
                return since
        return None

    def _chain(self, life: _Life, stay: _Stay, day: dt.date, steps: int) -> None:
        """D3.K1b → D4.K1a → D4.K1b → D4.K2a → D4.K2b; stops after ``steps`` or at the stay's end."""
        commune = self.tree.commune_of(stay.cell)
        limit = min(stay.end - _DAY, life.last, self.end)
        sent = None
        for step in range(steps):
            if step:
                day += self.delay(0.1)
            if day > limit:
                return
            if step == 0:
                if life.category_at(day) not in _INTRODUCED:
                    return  # the category changed to exempt_from_introduction meanwhile
                work = life.workplace_at(day)
                sender = self.tree.committee_of(work) if self.d.chance(0.8) else work
                sent = self.emit("introduction_sent", day, member_id=life.id, from_org_id=sender, to_org_id=commune)
            elif step == 1:
                self.emit("introduction_received", day, member_id=life.id, org_id=commune, about_event_id=sent)
            elif step == 2:
                self.emit("introduction_forwarded", day, member_id=life.id, from_org_id=commune, to_org_id=stay.cell)
            elif step == 3:
                self.emit("member_registered", day, member_id=life.id, org_id=stay.cell)
                stay.registered = min(stay.registered or day, day)
            else:
                self.emit("member_notified", day, member_id=life.id, org_id=stay.cell)
                stay.notified = min(stay.notified or day, day)

    def _move_reports(self, life: _Life) -> None:
        """D2.K7b: report the move to the workplace cell and to the cell being left; D3.K1a listing."""
        for day, eid, left in life.moves:
            for recipient, p in ((life.workplace_at(day), 0.8), (left, 0.6)):
                if self.d.chance(p):
                    when = day + self.delay(0.15)
                    if when <= life.last:
                        self.emit("residence_change_reported", when, member_id=life.id, to_org_id=recipient,
                                  about_event_id=eid)  # fmt: skip
            if self.d.chance(0.5):
                when = day + self.delay()
                if when <= life.last:
                    self.emit("members_listed_by_residence", when, org_id=self.committee_at(life, when),
                              member_ids=[life.id])  # fmt: skip

    # -- the yearly chain -----------------------------------------------------------------

    def annual_reviews(self) -> dict[tuple[str, int], dt.date]:
        """Workplace reviews per cell and year; returns the review date R of each (cell, year)."""
        d = self.d
        review: dict[tuple[str, int], dt.date] = {}
        for committee, cells in self.tree.cells_of.items():
            for year in range(self.years[0], self.years[1] + 1):
                if cells != [committee] and d.chance(0.25):  # the committee schedules for all its cells
                    planned = d.day(dt.date(year, 12, 5), dt.date(year, 12, 28))
                    issued = d.day(dt.date(year, 10, 1), dt.date(year, 11, 30))
                    self.emit("annual_review_scheduled", issued, org_id=committee, year=year, planned_date=planned)
                    review[(committee, year)] = planned
                for cell in cells:
                    planned_or_none = None
                    for _ in range(2 if d.chance(0.1) else 1 if d.chance(0.75) else 0):  # rescheduled sometimes
                        planned_or_none = d.day(dt.date(year, 12, 5), dt.date(year, 12, 28))
                        issued = d.day(dt.date(year, 10, 1), dt.date(year, 11, 30))
                        self.emit("annual_review_scheduled", issued, org_id=cell, year=year,
                                  planned_date=planned_or_none)  # fmt: skip
                    if planned_or_none is not None:
                        review[(cell, year)] = planned_or_none
                    if d.chance(0.85):
                        base = planned_or_none or d.day(dt.date(year, 12, 5), dt.date(year, 12, 28))
                        held = min(max(base + dt.timedelta(days=d.integer(-3, 3)), dt.date(year, 12, 1)), dt.date(year, 12, 31))
                        present = [lf.id for lf in self.lives if lf.active(held) and lf.workplace_at(held) == cell]
                        self.emit("annual_review_held", held, org_id=cell, year=year,
                                  attendee_ids=d.subset(present, 0.9))  # fmt: skip
                        review[(cell, year)] = held
        return review

    def yearly_chain(self, life: _Life, reviews: dict[tuple[str, int], dt.date],
                     requests: dict[tuple[str, str, int], list[tuple[str, dt.date]]]) -> None:  # fmt: skip
        """Per year: self-report (D2.K7a) and the comment form chain (D4.K4a … D3.K5a)."""
        d = self.d
        for year in range(self.years[0], self.years[1] + 1):
            cell = life.workplace_at(min(dt.date(year, 12, 31), life.last))
            committee = self.tree.committee_of(cell)
            review = reviews.get((cell, year)) or reviews.get((committee, year)) or dt.date(year, 12, 15)
            if not (life.first + dt.timedelta(days=30) <= review <= life.last):
                continue
            category = life.category_at(review)
            if category == _EXEMPT_INTRODUCTION:
                continue
            cap = min(life.last, self.end, dt.date(year + 1, 3, 31))
            if d.chance(0.85):
                when = review + dt.timedelta(days=d.integer(1, 40)) if d.chance(0.1) else review - dt.timedelta(days=d.integer(1, 25))
                if life.first <= when <= cap:
                    self.emit("annual_self_report", when, member_id=life.id, year=year, to_org_id=life.workplace_at(when))
            if category != _REGULAR:
                continue
            deadline = review - dt.timedelta(days=30)  # the D4.K4a deadline with the default policy
            res_cell = life.registered_cell(deadline)
            if res_cell is None:
                continue
            requests[(self.committee_at(life, deadline), self.tree.commune_of(res_cell), year)].append((life.id, review))
            if d.chance(0.85):
                self._comment_form(life, year, res_cell, deadline, review, cap)

    def _comment_form(self, life: _Life, year: int, cell: str, deadline: dt.date, review: dt.date, cap: dt.date) -> None:
        d = self.d
        stay = next(s for s in life.stays if s.cell == cell and s.begin <= deadline < s.end)
        late = d.chance(0.12)
        issued = deadline + dt.timedelta(days=d.integer(1, 25)) if late else deadline - dt.timedelta(days=d.integer(0, 20))
        assert stay.registered is not None
        if issued < max(stay.registered, life.first, dt.date(year, 1, 1)) or issued >= stay.end or issued > cap:
            return
        assessment = d.weighted([("good", 40), ("excellent", 20), ("fulfilled", 30), ("not_fulfilled", 10)])
        form = self.emit("comment_form_issued", issued, member_id=life.id, org_id=cell, year=year,
                         with_front_committee=d.chance(0.9), assessment=assessment)  # fmt: skip
        life.forms.append((issued, form, cell))
        commune = self.tree.commune_of(cell)
        day = issued
        steps = ("comment_form_sent", "comment_form_certified", "comment_form_forwarded", "comments_communicated")
        for kind in steps:
            if not d.chance(0.88):
                return
            day = day + (dt.timedelta(days=d.integer(10, 30)) if d.chance(0.1) else dt.timedelta(days=d.integer(1, 5)))
            if kind == "comments_communicated":
                day = max(day, review - dt.timedelta(days=d.integer(0, 5)))
            if day > cap:
                return
            if kind == "comment_form_sent":
                self.emit(kind, day, about_event_id=form, from_org_id=cell, to_org_id=commune)
            elif kind == "comment_form_certified":
                self.emit(kind, day, about_event_id=form, org_id=commune)
                if assessment == "not_fulfilled" and d.chance(0.6):  # D4.K5d
                    when = day + self.delay()
                    if when <= cap:
                        self.emit("handling_proposed", when, member_id=life.id, from_org_id=commune,
                                  to_org_id=self.committee_at(life, when))  # fmt: skip
            elif kind == "comment_form_forwarded":
                committee = self.committee_at(life, day)
                channel = d.pick(("direct", "direct", "via_member", "online"))
                forwarded = self.emit(kind, day, about_event_id=form, from_org_id=commune, to_org_id=committee, channel=channel)
                if assessment == "not_fulfilled" and d.chance(0.6):  # D3.K3c
                    when = day + self.delay()
                    if when <= cap:
                        self.emit("follow_up_recorded", when, member_id=life.id, org_id=committee,
                                  action=d.pick(("reminded", "criticised", "disciplinary_review")),
                                  about_event_id=forwarded)  # fmt: skip
            else:
                work = life.workplace_at(day)
                org = self.tree.committee_of(work) if d.chance(0.2) else work
                self.emit(kind, day, member_id=life.id, org_id=org, year=year)

    def comment_requests(self, requests: dict[tuple[str, str, int], list[tuple[str, dt.date]]]) -> None:
        """D3.K4a: one request per (committee, commune, year) naming its members living there."""
        d = self.d
        lives = {lf.id: lf for lf in self.lives}
        for (committee, commune, year), named in sorted(requests.items()):
            if not d.chance(0.85):
                continue
            deadline = min(review for _, review in named) - dt.timedelta(days=30)
            if d.chance(0.15):
                day = deadline + dt.timedelta(days=d.integer(1, 20))
            else:
                day = deadline - dt.timedelta(days=d.integer(5, 40))
            ids = [
                mid for mid, _ in named
                if lives[mid].active(day) and self.committee_at(lives[mid], day) == committee and d.chance(0.92)
            ]  # fmt: skip
            if ids and self.start <= day:
                self.emit("comments_requested", day, from_org_id=committee, to_org_id=commune, year=year,
                          member_ids=sorted(ids))  # fmt: skip

    # -- residence-side meetings ----------------------------------------------------------

    def _halves(self) -> Iterable[tuple[int, int, dt.date, dt.date]]:
        for year in range(self.years[0], self.years[1] + 1):
            yield year, 1, dt.date(year, 1, 1), dt.date(year, 6, 30)
            yield year, 2, dt.date(year, 7, 1), dt.date(year, 12, 31)

    def _registered(self, cells: Iterable[str], day: dt.date) -> list[str]:
        cells = set(cells)
        return [lf.id for lf in self.lives if lf.active(day) and lf.registered_cell(day) in cells]

    def _meeting(self, org: str, cells: Sequence[str], meeting_type: str, day: dt.date) -> None:
        d = self.d
        fields: dict[str, Any] = {"org_id": org, "meeting_type": meeting_type}
        if meeting_type == "working_members" and d.chance(0.1):
            fields["periodic"] = False  # an ad-hoc meeting "khi cần thiết"
        if d.chance(0.08):
            fields["attendance_recorded"] = False  # minutes without a roll: lists stay empty
        else:
            present: list[str] = []
            excused: list[str] = []
            absent: list[str] = []
            for mid in self._registered(cells, day):
                roll = d.integer(0, 99)
                (present if roll < 75 else excused if roll < 85 else absent).append(mid)
            fields["attendee_ids"], fields["excused_ids"] = present, excused
            if d.chance(0.15):
                fields["invited_ids"] = sorted(present + excused + d.subset(absent, 0.5))
        self.emit("meeting_held", day, **fields)

    def meetings(self) -> None:
        d = self.d
        for year, half, lo, hi in self._halves():
            for commune, cells in self.tree.res_cells_of.items():
                if d.chance(0.8):  # D4.K3a: the commune directs its cells, sometimes not all of them
                    targets = cells if d.chance(0.8) else d.subset(cells, 0.5) or cells[:1]
                    day = d.day(lo, lo + dt.timedelta(days=60))
                    self.emit("meeting_directed", day, org_id=commune, to_org_ids=list(targets))
                    rest = [c for c in cells if c not in targets]
                    if rest and d.chance(0.3):
                        self.emit("meeting_directed", d.day(lo, hi), org_id=commune, to_org_ids=rest)
                if self.shared_level and d.chance(0.05):  # a commune-wide meeting of working members
                    self._meeting(commune, cells, "working_members", d.day(lo, hi))
                for cell in cells:
                    for _ in range(d.weighted([(1, 65), (0, 20), (2, 15)])):
                        self._meeting(cell, [cell], "working_members", d.day(lo, hi))
                    for meeting_type in ("other", "people"):
                        if d.chance(0.3):
                            self._meeting(cell, [cell], meeting_type, d.day(lo, hi))

    # -- occasional episodes --------------------------------------------------------------

    def _some_day(self, life: _Life, lo: dt.date | None = None, margin: int = 0) -> dt.date | None:
        lo = max(lo or life.first, life.first)
        return self.d.date(lo, life.last - dt.timedelta(days=margin))

    def episodes(self, life: _Life) -> None:
        d, extras = self.d, life.plan.extras
        day: dt.date | None
        if "personnel" in extras:
            self._personnel(life)
        if "dispute" in extras and life.forms:
            issued, form, cell = d.pick(life.forms)
            day = issued + dt.timedelta(days=d.integer(5, 40))
            if day <= life.last:
                dispute = self.emit("comment_disputed", day, member_id=life.id, about_event_id=form)
                if d.chance(0.7):
                    when = day + self.delay()
                    if when <= life.last:
                        self.emit("residence_consultation_held", when, member_id=life.id,
                                  from_org_id=self.committee_at(life, when),
                                  with_org_id=cell if d.chance(0.5) else self.tree.commune_of(cell),
                                  about_event_id=dispute)  # fmt: skip
        if "misconduct" in extras:
            self._misconduct(life)
        if "commendation" in extras:
            day = self._some_day(life, margin=60)
            res = life.registered_cell(day) if day else None
            if day and res:
                commune = self.tree.commune_of(res)
                sender, recipient = d.pick(((res, commune), (commune, self.committee_at(life, day))))
                self.emit("commendation_proposed", day, member_id=life.id, from_org_id=sender, to_org_id=recipient)
                if d.chance(0.7):
                    self.emit("commendation_granted", day + dt.timedelta(days=d.integer(10, 60)), member_id=life.id,
                              by_org_id=d.pick((commune, self.committee_at(life, day))))  # fmt: skip
            elif day:
                self.emit("commendation_granted", day, member_id=life.id, by_org_id=self.committee_at(life, day))
        if "breach" in extras and (day := self._some_day(life, lo=IN_FORCE)):
            # only the member's workplace committee or an ancestor records a breach (semantics
            # R2); the field's OrgRef admits only workplace- and residence-side kinds, so a
            # provincial recorder would be refused: the committee it is
            recorders = [self.committee_at(life, day)]
            self.emit("conduct_breach_recorded", day, member_id=life.id, obligation_id=d.pick(CONDUCT_DUTIES),
                      recorded_by_org_id=d.pick(recorders))  # fmt: skip
        if "opinion" in extras:
            for _ in range(d.integer(1, 2)):
                day = self._some_day(life)
                res = life.registered_cell(day) if day else None
                if day and res:
                    self.emit("opinion_contributed", day, member_id=life.id, org_id=res)
            if (day := self._some_day(life)) and d.chance(0.6):
                self.emit("opinion_conveyed", day, member_id=life.id, authority=d.pick(_AUTHORITIES))
        if "campaign" in extras:
            for _ in range(d.integer(1, 3)):
                day = self._some_day(life)
                res = life.residence_at(day) if day else None
                if day and res:
                    org = res if d.chance(0.6) else self.tree.commune_of(res)
                    self.emit("campaign_participation", day, member_id=life.id, org_id=org,
                              family_mobilised=d.chance(0.6))  # fmt: skip
        if "waiver" in extras:
            self._member_waiver(life)

    def _personnel(self, life: _Life) -> None:
        d = self.d
        day = self._some_day(life, lo=IN_FORCE, margin=120)
        if day is None:
            return
        decision = day + dt.timedelta(days=d.integer(20, 90))
        fields: dict[str, Any] = {"action": d.pick(("appointment", "nomination")), "decision_date": decision.isoformat()}
        if d.chance(0.5):
            fields["effective_date"] = (decision + dt.timedelta(days=d.integer(0, 45))).isoformat()
        planned = self.emit("personnel_action_planned", day, member_id=life.id, **fields)
        res = life.residence_at(day)
        if res and d.chance(0.65):  # D3.K4b: consult the residence before the decision (sometimes after)
            if d.chance(0.15):
                when = decision + dt.timedelta(days=d.integer(1, 20))
            else:
                when = d.day(day, decision - _DAY)
            if when <= life.last:
                self.emit("residence_consultation_held", when, member_id=life.id,
                          from_org_id=self.committee_at(life, when),
                          with_org_id=res if d.chance(0.6) else self.tree.commune_of(res),
                          about_event_id=planned)  # fmt: skip
        if d.chance(0.3):
            cancelled = d.day(day, decision + dt.timedelta(days=10))
            if cancelled <= life.last:
                self.emit("personnel_action_cancelled", cancelled, about_event_id=planned)

    def _misconduct(self, life: _Life) -> None:
        """D4.K4d → D3.K3c / D4.K5d: observed at the cell, reported both ways, handled, followed up."""
        d = self.d
        day = self._some_day(life, margin=90)
        cell = life.registered_cell(day) if day else None
        if day is None or cell is None:
            return
        commune = self.tree.commune_of(cell)
        nature = d.pick(("law_violation", "lacks_exemplary_conduct", "serious_local_rule_breach", "non_compliance"))
        observed = self.emit("misconduct_observed", day, member_id=life.id, org_id=cell, nature=nature)
        follow_ups: list[tuple[dt.date, str]] = []
        to_commune = None
        for recipient, p in ((commune, 0.8), (None, 0.7)):
            if not d.chance(p):
                continue
            when = day + self.delay(0.15)
            if when > life.last:
                continue
            if recipient is None:  # the workplace side: committee or cell
                work = life.workplace_at(when)
                recipient = self.tree.committee_of(work) if d.chance(0.6) else work
            reported = self.emit("misconduct_reported", when, member_id=life.id, from_org_id=cell,
                                 to_org_id=recipient, about_event_id=observed)  # fmt: skip
            if recipient == commune:
                to_commune = when
            else:
                follow_ups.append((when, reported))
        if to_commune and d.chance(0.6):
            when = to_commune + self.delay()
            if when <= life.last:
                handling = self.emit("handling_proposed", when, member_id=life.id, from_org_id=commune,
                                     to_org_id=self.committee_at(life, when))  # fmt: skip
                follow_ups.append((when, handling))
        if follow_ups and d.chance(0.7):
            since, about = d.pick(follow_ups)
            when = since + self.delay()
            if when <= life.last:
                self.emit("follow_up_recorded", when, member_id=life.id, org_id=self.committee_at(life, when),
                          action=d.pick(("reminded", "criticised", "disciplinary_review", "commended")),
                          about_event_id=about)  # fmt: skip

    def _member_waiver(self, life: _Life) -> None:
        """A waiver of the member's own yearly report (by period) or move report (by event)."""
        d = self.d
        if life.moves and d.chance(0.5):
            day, move, _left = d.pick(life.moves)
            when = day + dt.timedelta(days=d.integer(1, 30))
            key: dict[str, Any] = {"obligation_id": "D2.K7b", "about_event_id": move}
        else:
            year = d.integer(*self.years)
            when = d.day(dt.date(year, 10, 1), dt.date(year, 12, 31))
            key = {"obligation_id": "D2.K7a", "period": str(year)}
        if not life.active(when):
            return
        committee = self.committee_at(life, when)  # a member's own duty: the committee or above (semantics R3)
        self.emit("waiver_granted", when, subject_id=life.id,
                  granted_by_org_id=d.pick([committee, *self.tree.ancestors(committee)]),
                  reason=d.pick(_WAIVER_REASONS), **key)  # fmt: skip

    # -- organisation-level facts ---------------------------------------------------------

    def listings_and_inspections(self) -> None:
        d = self.d
        for committee, cells in self.tree.cells_of.items():
            for year in range(self.years[0], self.years[1] + 1):
                if not d.chance(0.4):
                    continue
                day = d.day(dt.date(year, 2, 1), dt.date(year, 4, 30))
                org = committee if d.chance(0.7) else d.pick(cells)
                ids = [lf.id for lf in self.lives if lf.active(day) and lf.residence_at(day)
                       and (lf.workplace_at(day) == org or self.committee_at(lf, day) == org)]  # fmt: skip
                if ids:
                    self.emit("members_listed_by_residence", day, org_id=org, member_ids=ids)
            for commune in self.tree.communes:
                if not d.chance(0.35):
                    continue
                year = d.integer(*self.years)
                day = d.day(dt.date(year, 3, 1), dt.date(year, 9, 30))
                ids = [lf.id for lf in self.lives if lf.active(day) and self.committee_at(lf, day) == committee
                       and (res := lf.residence_at(day)) and self.tree.commune_of(res) == commune]  # fmt: skip
                if not ids:
                    continue
                request = None
                if d.chance(0.8):
                    request = self.emit("inspection_requested", day, from_org_id=committee, to_org_id=commune,
                                        member_ids=ids)  # fmt: skip
                if d.chance(0.7):
                    when = day + dt.timedelta(days=d.integer(10, 60))
                    present = [m for m in ids if next(lf for lf in self.lives if lf.id == m).active(when)]
                    if present:
                        self.emit("joint_inspection_held", when, org_ids=[committee, commune], member_ids=present,
                                  about_event_id=request)  # fmt: skip

    def cell_waivers(self) -> None:
        """D4.K3b waived for one residence cell and half-year, granted by its commune or the
        province (a strict ancestor of the bearer: semantics R3)."""
        for cell in self.tree.residence_cells:
            if self.d.chance(0.1):
                year, half, lo, hi = self.d.pick(list(self._halves()))
                self.emit("waiver_granted", self.d.day(lo, hi), obligation_id="D4.K3b", subject_id=cell,
                          period=f"{year}-H{half}", granted_by_org_id=self.d.pick(self.tree.ancestors(cell)),
                          reason=self.d.pick(_WAIVER_REASONS))  # fmt: skip

    def provincial_and_central(self) -> None:
        d, tree = self.d, self.tree
        y0, y1 = self.years
        if tree.provincial:
            if d.chance(0.8):  # D5.K1a, D5.K3c
                targets = tree.committees + tree.communes
                self.emit("dissemination_held", d.day(dt.date(y0, 1, 10), dt.date(y0, 6, 30)),
                          org_id=tree.provincial, to_org_ids=d.subset(targets, 0.8) or targets)  # fmt: skip
            for year in range(y0, y1 + 1):
                if d.chance(0.7):  # D5.K1b
                    day = d.date(dt.date(year, 11, 1), dt.date(year + 1, 1, 31))
                    if day and day <= self.end:
                        self.emit("implementation_report_sent", day, org_id=tree.provincial, year=year)
        for commune in tree.communes:
            if self.shared_level and d.chance(0.2):
                self.emit("dissemination_held", d.day(dt.date(y0, 2, 1), dt.date(y0, 9, 30)), org_id=commune,
                          to_org_ids=tree.res_cells_of[commune])  # fmt: skip
        if tree.commission:
            for review_kind, lo, hi, p in (("interim", (y0 + y1) // 2, (y0 + y1) // 2, 0.7), ("final", y1, y1, 0.5),
                                           ("inspection", y0, y1, 0.4)):  # fmt: skip
                if not d.chance(p):
                    continue
                day = d.day(dt.date(lo, 3, 1), dt.date(hi, 11, 30))
                review = self.emit("implementation_review_held", day, org_id=tree.commission, review_kind=review_kind)
                if d.chance(0.7):
                    when = day + dt.timedelta(days=d.integer(10, 90))
                    if when <= self.end:
                        self.emit("monitoring_report_sent", when, org_id=tree.commission, about_event_id=review)
            if d.chance(0.85):  # D5.K2c
                self.emit("guidance_issued", d.day(dt.date(y0, 1, 15), min(self.end, dt.date(y0 + 1, 12, 31))),
                          org_id=tree.commission, document_ref="Hướng dẫn số 33-HD/BTCTW", scope="general")  # fmt: skip
            if d.chance(0.3):
                self.emit("guidance_issued", d.day(dt.date(y0, 6, 1), dt.date(y1, 6, 30)),
                          org_id=tree.commission, document_ref="Hướng dẫn số 07-HD/BTCTW-LLVT",
                          scope=d.pick(("army", "police")))  # fmt: skip

    # -- assembling -----------------------------------------------------------------------

    def build_events(self, plans: Sequence[_MemberPlan]) -> None:
        for plan in plans:
            self.add_member(plan)
        reviews = self.annual_reviews()
        requests: dict[tuple[str, str, int], list[tuple[str, dt.date]]] = defaultdict(list)
        for life in self.lives:
            self.yearly_chain(life, reviews, requests)
            self.episodes(life)
        self.comment_requests(requests)
        self.meetings()
        self.listings_and_inspections()
        self.cell_waivers()
        if self.shared_level:
            self.provincial_and_central()

    def finished_events(self, prefix: str = "E-") -> list[dict[str, Any]]:
        """The events in date order, with ids renumbered chronologically and dates as ISO text."""
        order = sorted(range(len(self.events)), key=lambda i: (self.events[i]["date"], i))
        width = max(4, len(str(len(order))))
        new_id = {self.events[i]["id"]: f"{prefix}{n:0{width}d}" for n, i in enumerate(order, 1)}
        out = []
        for i in order:
            event = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in self.events[i].items()}
            event["id"] = new_id[event["id"]]
            if "about_event_id" in event:
                event["about_event_id"] = new_id[event["about_event_id"]]
            out.append(event)
        return out


def _observation(mode: int, years: tuple[int, int]) -> dict[str, str] | None:
    start, _end = window_of(years)
    if mode == 0:
        return {"from": start.isoformat()}
    if mode == 1:
        return {"from": max(IN_FORCE, dt.date(years[0], 1, 1)).isoformat()}
    if mode == 3 and years[0] < years[1]:
        return {"from": dt.date(years[0] + 1, 1, 1).isoformat()}
    return None  # defaulted: the loader warns observation_defaulted


def _build(plan: _DocPlan) -> Doc:
    builder = _Builder(plan.tree, plan.years, plan.seed)
    builder.build_events(plan.members)
    doc: Doc = {"schema_version": 1}
    observation = _observation(plan.observation_mode, plan.years)
    if observation is not None:
        doc["observation"] = observation
    doc["organizations"] = copy.deepcopy(plan.tree.organizations)
    doc["members"] = builder.members + [dict(m) for m in plan.quiet_members]
    doc["events"] = _without_quiet(builder.finished_events(), plan.quiet_orgs)
    return doc


def _check_years(min_members: int, max_members: int, years: tuple[int, int]) -> None:
    if not 1 <= min_members <= max_members:
        raise ValueError("need 1 <= min_members <= max_members")
    if not 2020 <= years[0] <= years[1]:
        raise ValueError("years must be an increasing pair from 2020")


# -- public strategies ---------------------------------------------------------------------


def fact_documents(
    min_members: int = 1, max_members: int = 6, years: tuple[int, int] = DEFAULT_YEARS
) -> st.SearchStrategy[Doc]:
    """Consistent, realistic fact documents (docs/facts.md document form) as JSON-able dicts.

    Event dates lie in :func:`window_of` ``years``; every reference resolves and every change
    event agrees with the replayed history.
    """
    _check_years(min_members, max_members, years)

    @st.composite
    def documents(draw: st.DrawFn) -> Doc:
        return _build(_plan_document(_DrawDice(draw), min_members, max_members, years))

    return documents()


def random_fact_document(
    seed: int, min_members: int = 1, max_members: int = 6, years: tuple[int, int] = DEFAULT_YEARS
) -> Doc:
    """The document :func:`fact_documents` would build, with every choice from ``random.Random(seed)``."""
    _check_years(min_members, max_members, years)
    return _build(_plan_document(_RandomDice(random.Random(seed)), min_members, max_members, years))


def org_trees() -> st.SearchStrategy[list[dict[str, Any]]]:
    """Organisation lists: a provincial committee, maybe the Commission, committees, communes, cells."""

    @st.composite
    def trees(draw: st.DrawFn) -> list[dict[str, Any]]:
        return _plan_tree(_DrawDice(draw)).organizations

    return trees()


def _boundaries(start: dt.date, end: dt.date) -> list[dt.date]:
    days = []
    for year in range(start.year, end.year + 1):
        for month, day in ((1, 1), (1, 2), (3, 31), (6, 30), (7, 1), (12, 15), (12, 31)):
            candidate = dt.date(year, month, day)
            if start <= candidate <= end:
                days.append(candidate)
    return days


def as_of_dates(start: dt.date = IN_FORCE, end: dt.date = dt.date(2026, 3, 31)) -> st.SearchStrategy[dt.date]:
    """Evaluation dates in ``start..end``, often on a period boundary (half-year and year ends)."""
    boundaries = _boundaries(start, end)
    plain = st.dates(start, end)
    return st.one_of(st.sampled_from(boundaries), plain) if boundaries else plain


def fact_document_and_as_of(
    min_members: int = 1, max_members: int = 6, years: tuple[int, int] = DEFAULT_YEARS
) -> st.SearchStrategy[tuple[Doc, dt.date]]:
    """A document and an as-of date: often an event's date or the day after, else any date."""
    start, end = window_of(years)
    anywhere = as_of_dates(max(start, IN_FORCE), end + dt.timedelta(days=90))

    @st.composite
    def pairs(draw: st.DrawFn) -> tuple[Doc, dt.date]:
        doc = draw(fact_documents(min_members, max_members, years))
        events = doc["events"]
        how = draw(st.integers(0, 2))
        if how and events:
            day = dt.date.fromisoformat(events[draw(st.integers(0, len(events) - 1))]["date"])
            # never before QĐ 213 is in force: that date is a usage error (semantics R8)
            return doc, max(day + dt.timedelta(days=how - 1), IN_FORCE)
        return doc, draw(anywhere)

    return pairs()


# -- helpers for property tests ------------------------------------------------------------


def event_kinds_in(doc: Doc) -> frozenset[str]:
    """The event kinds a document uses."""
    return frozenset(e["kind"] for e in doc.get("events", ()))


def categories_in(doc: Doc) -> frozenset[str]:
    """The member categories a document's member records start in."""
    return frozenset(m["category"] for m in doc.get("members", ()))


def shuffled(doc: Doc, rnd: random.Random) -> Doc:
    """The same facts in another order: list order and key order within each fact change."""

    def reorder(fact: dict[str, Any]) -> dict[str, Any]:
        keys = list(fact)
        rnd.shuffle(keys)
        return {k: copy.deepcopy(fact[k]) for k in keys}

    out: Doc = {}
    keys = list(doc)
    rnd.shuffle(keys)
    for key in keys:
        value = doc[key]
        if isinstance(value, list):
            facts = [reorder(f) for f in value]
            rnd.shuffle(facts)
            out[key] = facts
        else:
            out[key] = copy.deepcopy(value)
    return out


def _fresh(template: str, taken: Iterable[str]) -> str:
    """The first ``template.format(n)`` that occurs in no taken id."""
    taken = tuple(taken)
    n = 1
    while any(template.format(n) in t for t in taken):
        n += 1
    return template.format(n)


def with_unrelated_member(doc: Doc, seed: int = 0) -> Doc:
    """``doc`` plus one member in a new workplace committee, cell and residence cell, with their events.

    The new member shares only the commune committee (and the provincial committee) with the
    others, so the results whose subject is another member must not change. Results of the
    shared commune (D4.K3a, D4.K6 …) may change: the commune now has one more cell to direct.
    """
    out = copy.deepcopy(doc)
    if "observation" not in out:
        # a defaulted observation.from is the earliest date of all facts: pin the document's own,
        # or the new member's earlier dates would move every other member's window
        dates = [e["date"] for e in out.get("events", ())] + [m["working_since"] for m in out.get("members", ())]
        out["observation"] = {"from": min(dates, default=IN_FORCE.isoformat())}
    organizations = out.setdefault("organizations", [])
    taken = {o["id"] for o in organizations} | {m["id"] for m in out.get("members", [])}
    communes = sorted(o["id"] for o in organizations if o["kind"] == OrgKind.COMMUNE_COMMITTEE.value)
    provincials = sorted(o["id"] for o in organizations if o["kind"] == OrgKind.PROVINCIAL_COMMITTEE.value)
    tag = _fresh("X{}", taken)
    new_orgs: list[dict[str, Any]] = []
    if communes:
        commune = communes[0]
    else:
        commune = f"DUP-{tag}"
        new_orgs.append({"id": commune, "kind": "commune_committee", "name": "Đảng ủy xã Hòa Bình Thượng"})
    top = {"parent_id": provincials[0]} if provincials else {}
    committee, cell, res_cell = f"DU-{tag}", f"CB-{tag}", f"CB-{tag}-KDC"
    new_orgs += [
        {"id": committee, "kind": "workplace_committee", "name": "Đảng ủy Trung tâm Kiểm soát bệnh tật", **top},
        {"id": cell, "kind": "workplace_cell", "name": "Chi bộ Phòng Xét nghiệm", "parent_id": committee},
        {"id": res_cell, "kind": "residence_cell", "name": "Chi bộ khu dân cư Rạch Cát", "parent_id": commune},
    ]
    parent_of = {o["id"]: o.get("parent_id") for o in organizations}
    context = [{"id": commune, "kind": "commune_committee", "parent_id": parent_of.get(commune)}]
    tree = _Tree(context + new_orgs, None, None, {committee: [cell]}, {commune: [res_cell]})

    # years whose window (from 1 June of the year before) starts no earlier than the document's events
    years_seen = [int(e["date"][:4]) for e in out.get("events", ())]
    y1 = max(years_seen, default=DEFAULT_YEARS[1])
    y0 = max(2020, min(min(years_seen, default=DEFAULT_YEARS[0] - 1) + 1, y1))
    plan = _MemberPlan(
        category=_REGULAR, workplace_cell=cell, residence_cell=res_cell, since_mode=0,
        away_status=AwayStatus.NONE.value, chain_steps=5, chain_before_2020=False, moves=0, transfer=False,
        ending=None, position_change=False, category_change=False, away_change=False,
        extras=frozenset({"opinion", "campaign", "commendation"}),
    )  # fmt: skip
    builder = _Builder(tree, (y0, y1), seed, member_prefix=f"DV-{tag}-", shared_level=False)
    builder.build_events([plan])
    prefix = _fresh("EX{}-", (e["id"] for e in out.get("events", ())))
    organizations.extend(new_orgs)
    out.setdefault("members", []).extend(builder.members)
    out.setdefault("events", []).extend(builder.finished_events(prefix))
    return out


# -- single facts for round-trip tests -----------------------------------------------------

_ID_CHARS = "ABCDEGHKLMNPQRSTUVXY0123456789-_.:/ ăâđêôơưĂÂĐÊÔƠƯáàảãạếềểễệ"


def _clean_id(text: str) -> str:
    return text.strip() or "X"


_plain_ids = st.text(_ID_CHARS, min_size=1, max_size=14).map(_clean_id)
ids: st.SearchStrategy[str] = st.one_of(
    _plain_ids, _plain_ids.map(lambda s: unicodedata.normalize("NFD", s))  # NFD input is accepted
)
"""Valid ids (no ``|``, no edge white space), sometimes in NFD."""

texts: st.SearchStrategy[str] = st.text(st.characters(codec="utf-8"), max_size=40)
"""Free text: any Unicode that UTF-8 can carry (no lone surrogates)."""

_nonempty_texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)

_iso_dates = st.dates(dt.date(1990, 1, 1), dt.date(2200, 12, 31)).map(dt.date.isoformat)
_years = st.integers(1990, 2200)
_obligation_ids = st.builds(lambda a, k, p: f"D{a}.K{k}{p}", st.integers(1, 9), st.integers(0, 99),
                            st.sampled_from(["", "a", "b", "c", "d"]))  # fmt: skip
_periods = st.builds(lambda y, h: f"{y}{h}", _years, st.sampled_from(["", "-H1", "-H2"]))
_DATE_FIELDS = frozenset({"date", "planned_date", "decision_date", "effective_date", "working_since"})
_NONEMPTY_TEXT = frozenset({"authority", "document_ref", "reason", "result_id"})
_TEXT_FIELDS = frozenset({"note", "name"}) | _NONEMPTY_TEXT


def _enum_in(annotation: Any) -> type[Enum] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, Enum) else None


def _field_strategy(model: type[Any], name: str) -> st.SearchStrategy[Any]:
    """A strategy for one field, chosen by type (enums, flags) or by the field's name."""
    info = model.model_fields[name]
    if (enum := _enum_in(info.annotation)) is not None:
        return st.sampled_from([e.value for e in enum])
    if info.annotation is bool:
        return st.booleans()
    if name == "obligation_id":
        return _obligation_ids
    if name == "period":
        return _periods
    if name in _DATE_FIELDS:
        return _iso_dates
    if name == "year":
        return _years
    if name in _NONEMPTY_TEXT:
        return _nonempty_texts
    if name in _TEXT_FIELDS:
        return texts
    if name.endswith("_ids"):
        return st.lists(ids, min_size=1 if info.is_required() else 0, max_size=4, unique=True)
    if name == "id" or name.endswith("_id"):
        return ids
    raise LookupError(f"no strategy for {model.__name__}.{name}: add one to tests/strategies.py")


def _fact_dicts(
    model: type[Any],
    fixed: dict[str, st.SearchStrategy[Any]] | None = None,
    skip: Iterable[str] = (),
) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts for ``model``: every required field, each optional field or not; ``fixed`` fields always, from their strategy."""
    fixed = fixed or {}
    required: dict[str, st.SearchStrategy[Any]] = dict(fixed)
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        if name in fixed or name in skip:
            continue
        (required if info.is_required() else optional)[name] = _field_strategy(model, name)
    return st.fixed_dictionaries(required, optional=optional)


def _event_strategy(model: type[EventBase]) -> st.SearchStrategy[dict[str, Any]]:
    kind = model.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
    fixed: dict[str, st.SearchStrategy[Any]] = {"kind": st.just(kind)}
    if kind == "status_changed":
        # the transfer fields appear exactly when the change is a transfer
        plain = _fact_dicts(model, fixed, skip=("change", "from_workplace_cell_id", "new_workplace_cell_id"))
        changes = [c.value for c in StatusChange if c is not StatusChange.TRANSFERRED]
        return st.one_of(
            st.builds(lambda d, c: {**d, "change": c}, plain, st.sampled_from(changes)),
            st.builds(lambda d, a, b: {**d, "change": "transferred", "from_workplace_cell_id": a, "new_workplace_cell_id": b},
                      plain, ids, ids),
        )  # fmt: skip
    if kind == "meeting_held":
        base = _fact_dicts(model, fixed, skip=("attendee_ids", "excused_ids", "attendance_recorded"))

        def attendance(d: dict[str, Any], people: list[str], split: int, recorded: bool) -> dict[str, Any]:
            if not recorded:
                return {**d, "attendance_recorded": False}
            return {**d, "attendee_ids": people[:split], "excused_ids": people[split:]}

        people = st.lists(ids.map(lambda s: unicodedata.normalize("NFC", s)), max_size=6, unique=True)
        return st.builds(attendance, base, people, st.integers(0, 6), st.booleans())
    if kind == "conduct_breach_recorded":
        return _fact_dicts(model, {**fixed, "obligation_id": st.sampled_from(CONDUCT_DUTIES)})
    if kind == "waiver_granted":
        base = _fact_dicts(model, fixed, skip=("result_id", "obligation_id", "subject_id", "period", "about_event_id"))
        keys = st.one_of(
            st.fixed_dictionaries({"result_id": _field_strategy(model, "result_id")}),
            st.fixed_dictionaries({"obligation_id": _obligation_ids, "subject_id": ids, "period": _periods}),
            st.fixed_dictionaries({"obligation_id": _obligation_ids, "subject_id": ids, "about_event_id": ids}),
        )
        return st.builds(lambda d, k: {**d, **k}, base, keys)
    return _fact_dicts(model, fixed)


EVENT_KIND_STRATEGIES: dict[str, st.SearchStrategy[dict[str, Any]]] = {}
"""One strategy per event kind: a single valid event dict (not referentially consistent)."""


def event_of_kind(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A valid single event dict of ``kind`` (every model-level rule holds; references are free)."""
    if kind not in EVENT_KIND_STRATEGIES:
        model = EVENT_MODELS[EVENT_KINDS.index(kind)]
        EVENT_KIND_STRATEGIES[kind] = _event_strategy(model)
    return EVENT_KIND_STRATEGIES[kind]


for _kind in EVENT_KINDS:
    event_of_kind(_kind)


def any_event_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """A valid single event dict of any kind."""
    return st.one_of(*(EVENT_KIND_STRATEGIES[k] for k in EVENT_KINDS))


def organization_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """A valid single organisation dict."""
    from qd213_rules.facts.organizations import Organization

    return _fact_dicts(Organization)


def member_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """A valid single member dict; ``residence_cell_id`` is present unless the member is exempt from introduction."""
    from qd213_rules.facts.members import Member

    base = _fact_dicts(Member, skip=("residence_cell_id",))

    def residence(d: dict[str, Any], cell: str, keep: bool) -> dict[str, Any]:
        if d["category"] != _EXEMPT_INTRODUCTION or keep:
            return {**d, "residence_cell_id": cell}
        return d

    return st.builds(residence, base, ids, st.booleans())


def loose_fact_document_dicts() -> st.SearchStrategy[Doc]:
    """Documents of valid single facts that need not refer to each other (model-level round trips)."""
    return st.fixed_dictionaries(
        {"schema_version": st.just(1)},
        optional={
            "observation": st.fixed_dictionaries({"from": _iso_dates}),
            "organizations": st.lists(organization_dicts(), max_size=3),
            "members": st.lists(member_dicts(), max_size=3),
            "events": st.lists(any_event_dicts(), max_size=6),
        },
    )
