"""The report as one self-contained HTML page, for a commune committee's staff and the
secretaries of the cells.

The page is built in two steps: :func:`build_page` turns the report and its fact set into plain
view objects (who, what, when, in the reader's language), and the Jinja2 templates under
``templates/`` lay them out. Jinja2 autoescapes every value, so names and notes from the facts
can never become markup; the templates use no ``|safe``.

The file stands alone (opened from a USB stick or an e-mail attachment): styles and the small
script are inline, the bars are inline SVG drawn here, no font or image is fetched, and a
Content-Security-Policy forbids any request. Everything is readable without JavaScript; the
script only sorts and filters tables.

Layout: the header (as-of date, rules applied, input digest, counts by status, the verdict
against ``--fail-on``); the organisations needing attention first; the organisation tree
(commune → residence cells, workplace committee → cells) with, per cell, a bar of its results
by status, its members with findings and what falls due in the next ``upcoming_days``; one page
per member with findings (each result with its citation, the clause's exact words, the
deadline arithmetic and the evidence); one printable A4 sheet per cell. Beyond
``member_pages`` members with findings, the members with the less serious findings are
summarised in a table rather than given a page, and the page says so.

Jinja2 is an optional dependency (``pip install 'qd213-rules[html]'``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..evaluation.results import SEVERITY_RANK, STATUS_ORDER, Result, Status
from ..explain import Explanation, result_message, warning_message
from ..messages import Lang, t
from ..overlays import hd33
from .common import FAIL_ON, HTML_MEMBER_PAGES, at_or_above, facts_of, status_counts

if TYPE_CHECKING:
    from ..facts import FactSet
    from ..report import Report

__all__ = [
    "render_html",
    "build_page",
    "bar_segments",
    "Detail",
    "DEFAULT_MEMBER_PAGES",
    "UPCOMING_DAYS",
    "STATUS_COLOURS",
    "jinja2_available",
]

DEFAULT_MEMBER_PAGES = HTML_MEMBER_PAGES
"""Members with findings given a full page; beyond it the rest are summarised (``--html-member-pages``)."""
UPCOMING_DAYS = 30
"""The window of "what falls due soon" in each cell's view."""

WORST_FIRST: tuple[Status, ...] = tuple(reversed(STATUS_ORDER))
"""violated, overdue, due, fulfilled_late, fulfilled, ongoing, waived, not_applicable."""

STATUS_COLOURS: Mapping[str, str] = {
    "violated": "#b3261e",
    "overdue": "#d4570f",
    "due": "#c28a00",
    "fulfilled_late": "#6f8f2a",
    "fulfilled": "#2e7d32",
    "ongoing": "#2f6db5",
    "waived": "#8a8a8a",
    "not_applicable": "#cfd3d6",
}
"""Colour of each status in the cards, badges and bars (readable on white, distinct in grey)."""

_OPEN = frozenset({Status.DUE, Status.ONGOING})
_RESIDENCE_SIDE = ("commune_committee", "residence_cell")
_WORKPLACE_SIDE = ("workplace_committee", "workplace_cell")


def jinja2_available() -> bool:
    """Whether the optional Jinja2 dependency can be imported."""
    try:
        import jinja2  # noqa: F401
    except ImportError:
        return False
    return True


# -- view objects -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One status's part of a bar: ``x`` and ``width`` in percent of the bar."""

    status: str
    label: str
    count: int
    x: float
    width: float
    colour: str


@dataclass
class Explained:
    """What a finding rests on, from the report's explanation of it."""

    citation: str
    clause: tuple[str, ...]
    summary: str
    details: list[Detail]


@dataclass(frozen=True)
class Detail:
    """One labelled line of an explanation (the deadline, a recipient, the evidence…)."""

    label: str
    text: str
    items: tuple[str, ...] = ()


@dataclass
class Row:
    """One result as a line people read."""

    result: Result
    status: str
    status_label: str
    title: str
    message: str
    due: str
    member_id: str | None
    member_name: str
    who: str
    who_is_member: bool
    extension: bool
    explained: Explained | None = None

    @property
    def severity(self) -> int:
        return _rank(self.result)


_STATUS_RANK = {status: SEVERITY_RANK[status.severity] for status in Status}


def _rank(result: Result) -> int:
    """``SEVERITY_RANK[result.severity]`` without its two properties: the report reads it for
    every result several times (a derived result restates its sources: rank 0, semantics R6)."""
    return 0 if result.kind == "derived" else _STATUS_RANK[result.status]


_ORDER = {status: position for position, status in enumerate(STATUS_ORDER)}
"""``Status.rank`` (a search of STATUS_ORDER) as a table, for the sorts of every finding."""


@dataclass
class DutyGroup:
    """One duty an organisation owes about several members, in one status: a line, not a row each."""

    status: str
    status_label: str
    title: str
    who: str
    members: list[tuple[str, str]]
    more: int
    count: int
    next_due: str


@dataclass
class MemberView:
    id: str
    name: str
    residence: str
    residence_id: str | None
    workplace: str
    category: str
    away: bool
    note: str | None
    findings: list[Row]
    others: list[tuple[str, int]]
    full: bool = True

    @property
    def worst(self) -> str:
        return self.findings[0].status if self.findings else "not_applicable"

    @property
    def others_text(self) -> str:
        return ", ".join(f"{label}: {count}" for label, count in self.others)

    @property
    def next_due(self) -> str:
        dates = sorted(r.result.due_date for r in self.findings if r.result.due_date)
        return _date(dates[0]) if dates else ""


@dataclass
class OrgView:
    id: str
    name: str
    kind: str
    kind_label: str
    parent_name: str
    own: list[Row] = field(default_factory=list)
    about_members: list[DutyGroup] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    bar: list[Segment] = field(default_factory=list)
    bar_label: str = ""
    members: list[MemberView] = field(default_factory=list)
    member_count: int = 0
    upcoming: list[Row] = field(default_factory=list)
    children: list[OrgView] = field(default_factory=list)
    sheet: SheetView | None = None

    @property
    def attention(self) -> tuple[int, int, int]:
        return (self.counts.get("violated", 0) + self.counts.get("overdue", 0), self.counts.get("due", 0),
                len(self.members))


@dataclass
class SheetMember:
    """One member on a cell sheet and what they owe, worst first."""

    id: str
    name: str
    rows: list[Row]


@dataclass
class SheetView:
    org_id: str
    title: str
    meta: str
    members: list[SheetMember]
    cell_rows: list[Row]
    others: list[DutyGroup]
    clear: list[str]


@dataclass
class Card:
    status: str
    label: str
    count: int
    colour: str
    finding: bool


@dataclass
class Page:
    lang: Lang
    title: str
    scope: str
    as_of: str
    source: str
    digest: str
    rules: list[str]
    engine: str
    version: str
    observation: str
    policy: list[tuple[str, str, str]]
    cards: list[Card]
    total: int
    derived: int
    verdict_failed: bool
    verdict: str
    attention: list[OrgView]
    groups: list[tuple[str, list[OrgView]]]
    members: list[MemberView]
    summarised: list[MemberView]
    summarised_note: str
    sheets: list[SheetView]
    warnings: list[tuple[str, str]]
    warnings_more: int
    waivers: list[Row]
    """Each waived result, with the sentence naming who granted the waiver, when and why."""
    upcoming_days: int
    statuses: list[tuple[str, str, str]]


# -- building the page ------------------------------------------------------------------------


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def bar_segments(counts: Mapping[str, int], lang: Lang) -> list[Segment]:
    """The parts of a status bar, worst first, each as wide as its share of the results.

    >>> [(s.status, s.x, s.width) for s in bar_segments({"overdue": 1, "fulfilled": 3}, "en")]
    [('overdue', 0.0, 25.0), ('fulfilled', 25.0, 75.0)]
    """
    total = sum(counts.values())
    out: list[Segment] = []
    x = 0.0
    for status in WORST_FIRST:
        n = counts.get(status.value, 0)
        if not n or not total:
            continue
        width = round(100.0 * n / total, 3)
        out.append(Segment(status.value, t(f"status.{status.value}", lang), n, round(x, 3), width,
                           STATUS_COLOURS[status.value]))
        x += width
    return out


@dataclass
class _Membership:
    """Where each member is on the as-of date, and each cell's members."""

    residence_of: dict[str, str | None]
    workplace_of: dict[str, str]
    members_of: dict[str, list[str]]


def _membership(facts: FactSet, as_of: dt.date) -> _Membership:
    residence_of: dict[str, str | None] = {}
    workplace_of: dict[str, str] = {}
    members_of: dict[str, list[str]] = defaultdict(list)
    for member in facts.members.values():
        state = facts.state_on(member.id, max(as_of, member.working_since))
        residence_of[member.id] = state.residence_cell_id
        workplace_of[member.id] = state.workplace_cell_id
        if state.residence_cell_id:
            members_of[state.residence_cell_id].append(member.id)
        members_of[state.workplace_cell_id].append(member.id)
    return _Membership(residence_of, workplace_of, members_of)


class _Builder:
    """Collects the view objects of one page (one pass over the results per index)."""

    def __init__(self, report: Report, facts: FactSet, lang: Lang, results: Sequence[Result],
                 upcoming_days: int, membership: _Membership) -> None:
        self.report = report
        self.facts = facts
        self.lang = lang
        self.upcoming_days = upcoming_days
        self.org_names = {o.id: o.name or o.id for o in facts.organizations.values()}
        self.member_names = {m.id: m.name or m.id for m in facts.members.values()}
        self.by_subject: dict[str, list[Result]] = defaultdict(list)
        self.by_bearer: dict[str, list[Result]] = defaultdict(list)
        for r in results:
            self.by_subject[r.subject_id].append(r)
            if r.bearer_id != r.subject_id:
                self.by_bearer[r.bearer_id].append(r)
        self.residence_of = membership.residence_of
        self.workplace_of = membership.workplace_of
        self.members_of = membership.members_of

    # rows

    def name(self, entity_id: str) -> str:
        return self.member_names.get(entity_id) or self.org_names.get(entity_id) or entity_id

    def row(self, r: Result, *, explain: bool = False) -> Row:
        lang = self.lang
        member_id = r.subject_id if r.subject_type == "member" else None
        return Row(
            result=r,
            status=r.status.value,
            status_label=t(f"status.{r.status.value}", lang),
            title=t(f"obligation.{r.obligation_id}.title", lang),
            message=result_message(r, lang, self.facts),
            due=_date(r.due_date),
            member_id=member_id,
            member_name=self.member_names.get(member_id, member_id) if member_id else "",
            who=self.name(r.bearer_id),
            who_is_member=r.bearer_id in self.facts.members,
            extension=r.extension,
            explained=self._explained(r) if explain else None,
        )

    def _explained(self, r: Result) -> Explained:
        lang = self.lang
        exp = self.report.explain(r, lang)
        # the explanation's duty (a registered successor's too), not QĐ 213's catalogue alone
        summary = exp.summary_en if lang == "en" else t(f"obligation.{r.obligation_id}.summary", lang)
        return Explained(citation=exp.citation, clause=tuple(exp.text_vi), summary=summary,
                         details=self._details(exp))

    def _details(self, exp: Explanation) -> list[Detail]:
        """The explanation's own labelled lines in words, less those the finding already shows
        (heading, citation, whom, who, status, the as-of date)."""
        shown = {_maybe(f"explain.{key}", self.lang) for key in
                 ("citation", "subject", "subject_member", "subject_org", "bearer", "status", "as_of")}
        return [Detail(line.label, line.text, tuple(line.items)) for line in exp.sections[1:]
                if line.label and line.label not in shown]

    # members

    def member(self, member_id: str, results: Sequence[Result], *, full: bool) -> MemberView:
        lang = self.lang
        m = self.facts.members[member_id]
        findings = sorted((r for r in results if _rank(r) > 0), key=_worst_first)
        others = Counter(r.status.value for r in results if _rank(r) == 0)
        residence = self.residence_of.get(member_id)
        return MemberView(
            id=member_id,
            name=m.name or member_id,
            residence=self.org_names.get(residence, residence) if residence else t("html.member.no_residence", lang),
            residence_id=residence,
            workplace=self.org_names.get(self.workplace_of[member_id], self.workplace_of[member_id]),
            category=t(f"html.category.{m.category.value}", lang),
            away=m.away_status.value != "none",
            note=m.note,
            findings=[self.row(r, explain=full) for r in findings],
            others=[(t(f"status.{s.value}", lang), others[s.value]) for s in WORST_FIRST if others.get(s.value)],
            full=full,
        )

    # organisations

    def org_results(self, org_id: str) -> list[Result]:
        """Results about or borne by the organisation, and about its members."""
        seen: dict[str, Result] = {}
        for r in self.by_subject.get(org_id, ()):
            seen[r.result_id] = r
        for r in self.by_bearer.get(org_id, ()):
            seen[r.result_id] = r
        for member_id in self.members_of.get(org_id, ()):
            for r in self.by_subject.get(member_id, ()):
                seen[r.result_id] = r
        return list(seen.values())

    def org(self, org_id: str, members: Mapping[str, MemberView]) -> OrgView:
        lang = self.lang
        org = self.facts.organizations[org_id]
        results = self.org_results(org_id)
        counts, _ = status_counts(results, (s.value for s in WORST_FIRST))  # each finding once
        own = sorted((r for r in results if (r.bearer_id == org_id or r.subject_id == org_id)
                      and _rank(r) > 0), key=_worst_first)
        about_members = [r for r in own if r.subject_type == "member"]
        own = [r for r in own if r.subject_type != "member"]
        horizon = self.report.as_of + dt.timedelta(days=self.upcoming_days)
        upcoming = sorted((r for r in results if r.status in _OPEN and r.due_date is not None
                           and self.report.as_of <= r.due_date <= horizon),
                          key=lambda r: (r.due_date or dt.date.min, r.result_id))
        member_ids = sorted(self.members_of.get(org_id, ()), key=lambda i: (self.member_names[i], i))
        # the members whose worst finding is worst first, then by name
        with_findings = sorted((members[i] for i in member_ids if i in members),
                               key=lambda m: (-m.findings[0].result.status.rank, m.name, m.id))
        parent = org.parent_id
        bar = bar_segments(counts, lang)
        view = OrgView(
            id=org_id,
            name=org.name or org_id,
            kind=org.kind.value,
            kind_label=t(f"html.org_kind.{org.kind.value}", lang),
            parent_name=self.org_names.get(parent, parent) if parent else "",
            own=[self.row(r) for r in own],
            about_members=self.groups(about_members),
            counts={s.value: counts.get(s.value, 0) for s in WORST_FIRST},
            bar=bar,
            bar_label=t("html.bar.label", lang, counts=", ".join(f"{s.label}: {s.count}" for s in bar)),
            members=with_findings,
            member_count=len(member_ids),
            upcoming=[self.row(r) for r in upcoming],
        )
        if member_ids:
            view.sheet = self.sheet(view, member_ids, results)
        return view

    def groups(self, results: Sequence[Result], shown: int = 8) -> list[DutyGroup]:
        """Results grouped by duty, bearer and status (worst first), naming up to ``shown`` members each."""
        grouped: dict[tuple[int, str, str, str], list[Result]] = defaultdict(list)
        for r in results:
            grouped[(-r.status.rank, r.obligation_id, r.bearer_id, r.status.value)].append(r)
        out = []
        for (_, obligation_id, bearer_id, status), found in sorted(grouped.items()):
            found.sort(key=lambda r: (r.due_date or dt.date.max, self.name(r.subject_id)))
            dates = [r.due_date for r in found if r.due_date]
            out.append(DutyGroup(
                status=status,
                status_label=t(f"status.{status}", self.lang),
                title=t(f"obligation.{obligation_id}.title", self.lang),
                who=self.name(bearer_id),
                members=[(r.subject_id, self.name(r.subject_id)) for r in found[:shown]],
                more=max(len(found) - shown, 0),
                count=len(found),
                next_due=_date(min(dates)) if dates else "",
            ))
        return out

    def sheet(self, view: OrgView, member_ids: Sequence[str], results: Sequence[Result]) -> SheetView:
        lang = self.lang
        members = set(member_ids)
        findings = sorted((r for r in results if _rank(r) > 0), key=_worst_first)
        owed: dict[str, list[Result]] = defaultdict(list)
        for r in findings:  # already worst first
            if r.bearer_id in members:
                owed[r.bearer_id].append(r)
        # members whose worst duty is worst come first, then by name
        order = sorted(owed, key=lambda m: (-owed[m][0].status.rank, self.member_names[m], m))
        cell_rows = [r for r in findings if r.bearer_id == view.id]
        other_rows = [r for r in findings if r.bearer_id not in members and r.bearer_id != view.id]
        owing = {r.subject_id for r in findings}
        clear = [self.member_names[i] for i in member_ids if i not in owing]
        return SheetView(
            org_id=view.id,
            title=t("html.sheet.title", lang, name=view.name),
            meta=t("html.sheet.meta", lang, parent=view.parent_name or view.kind_label, date=_date(self.report.as_of),
                   count=len(member_ids)),
            members=[SheetMember(m, self.member_names[m], [self.row(r) for r in owed[m]]) for m in order],
            cell_rows=[self.row(r) for r in cell_rows],
            others=self.groups(other_rows, shown=12),
            clear=clear,
        )


def _worst_first(r: Result) -> tuple[int, dt.date, str]:
    return (-_ORDER[r.status], r.due_date or dt.date.max, r.result_id)


def _maybe(msg_id: str, lang: Lang) -> str:
    """The message, or "" when the catalogue has no such id."""
    try:
        return t(msg_id, lang)
    except KeyError:
        return ""


@functools.lru_cache(maxsize=64)
def _policy_label(param: str, lang: Lang) -> str:
    """The policy parameter's label, or "" for a name the catalogue does not know."""
    return _maybe(f"policy.{param}.label", lang)


def _policy_rows(report: Report, lang: Lang) -> list[tuple[str, str, str]]:
    from ..policy import Policy

    defaults = Policy().effective()
    rows = []
    for name, value in report.policy.items():
        if isinstance(value, Mapping):
            shown = ", ".join(f"{k}: {v}" for k, v in value.items())
        else:
            shown = "—" if value is None else str(value)
        marker = t("html.meta.policy_default", lang) if defaults.get(name) == value else ""
        rows.append((_policy_label(name, lang) or name, f"{name} = {shown}", marker))
    return rows


def _scope(facts: FactSet, membership: _Membership, selection: str) -> tuple[list[str], list[str]]:
    """One organisation's page: the organisation, those under it, and their cells' members."""
    orgs: list[str] = []
    stack = [selection]
    while stack:
        org_id = stack.pop()
        if org_id in orgs:
            continue
        orgs.append(org_id)
        stack.extend(reversed(facts.children(org_id)))
    members = sorted({m for o in orgs for m in membership.members_of.get(o, ())})
    return orgs, members


def build_page(
    report: Report,
    lang: Lang,
    *,
    facts: FactSet,
    results: Sequence[Result] | None = None,
    source: str | None = None,
    fail_on: str = "overdue",
    selection: str | None = None,
    member_pages: int = DEFAULT_MEMBER_PAGES,
    upcoming_days: int = UPCOMING_DAYS,
) -> Page:
    """The view objects of the page (see the module documentation)."""
    all_results = list(report.results if results is None else results)
    membership = _membership(facts, report.as_of)
    scope_name = t("html.scope.all", lang)
    if selection is not None and selection in facts.organizations:
        org_ids, member_ids = _scope(facts, membership, selection)
        wanted_orgs, wanted_members = set(org_ids), set(member_ids)
        # a cell secretary's page: the organisation's subtree and every result about its members
        all_results = [r for r in report.results
                       if r.subject_id in wanted_orgs or r.bearer_id in wanted_orgs or r.subject_id in wanted_members]
        scope_name = t("html.scope.org", lang, name=facts.organizations[selection].name or selection)
    elif selection is not None:  # --member: the results given
        org_ids = sorted({r.bearer_id for r in all_results if r.bearer_id in facts.organizations})
        member_ids = [selection] if selection in facts.members else []
        named = facts.members[selection].name if selection in facts.members else None
        scope_name = t("html.scope.member", lang, name=named or selection)
    else:
        org_ids, member_ids = sorted(facts.organizations), sorted(facts.members)
    b = _Builder(report, facts, lang, all_results, upcoming_days, membership)

    # members with findings: the most serious ones get a full page, the rest a summary row
    owing = [m for m in member_ids if any(_rank(r) > 0 for r in b.by_subject.get(m, ()))]

    def gravity(member_id: str) -> tuple[int, int, str]:
        found = [r for r in b.by_subject[member_id] if _rank(r) > 0]
        return (-max(_ORDER[r.status] for r in found), -len(found), member_id)

    full_ids = set(sorted(owing, key=gravity)[:max(member_pages, 0)])
    members = {m: b.member(m, b.by_subject[m], full=m in full_ids) for m in owing}

    orgs = {o: b.org(o, members) for o in org_ids}
    groups = _groups(facts, orgs, lang)

    counts, derived = status_counts(all_results, (s.value for s in WORST_FIRST))  # each finding once
    cards = [Card(s.value, t(f"status.{s.value}", lang), counts.get(s.value, 0), STATUS_COLOURS[s.value],
                  s.severity != "none") for s in WORST_FIRST]
    failing = sum(1 for r in all_results if at_or_above(r, fail_on))
    threshold_status = {v: k for k, v in FAIL_ON.items()}  # rank → status word
    threshold = t(f"status.{threshold_status[FAIL_ON[fail_on]]}", lang)
    # the threshold in the page's words alone: the page is read by committee staff, who never
    # typed the command line that chose it
    verdict = t("html.verdict.fail" if failing else "html.verdict.pass", lang, count=failing, threshold=threshold)
    attention = sorted((o for o in orgs.values() if o.kind not in ("central_organization_commission",)
                        and any(o.counts.values())),
                       key=lambda o: (tuple(-n for n in o.attention), o.name))
    sheets = [o.sheet for o in _walk(groups) if o.sheet is not None]
    full = sorted((m for m in members.values() if m.full), key=lambda m: (m.residence, m.name, m.id))
    summarised = sorted((m for m in members.values() if not m.full), key=lambda m: (m.residence, m.name, m.id))
    warnings = [(w.fact_id or "-", warning_message(w, lang, facts)) for w in report.data_warnings]
    # a waived result needs no action, but the page says who waived it, when and why (semantics R3)
    waivers = [b.row(r) for r in sorted((r for r in all_results if r.status is Status.WAIVED),
                                        key=lambda r: (b.name(r.subject_id), r.result_id))]
    return Page(
        lang=lang,
        title=t("html.title", lang),
        scope=scope_name,
        as_of=_date(report.as_of),
        source=source or "-",
        digest=report.input_sha256,
        rules=_rules_applied(report, lang),
        engine=f"qd213-rules {__version__} ({report.backend})",
        version=__version__,
        observation=_date(report.observation_from),
        policy=_policy_rows(report, lang),
        cards=cards,
        total=len(all_results),
        derived=derived,
        verdict_failed=bool(failing),
        verdict=verdict,
        attention=attention,
        groups=groups,
        members=full,
        summarised=summarised,
        summarised_note=t("html.member.summarised", lang, total=len(members), shown=len(full), rest=len(summarised))
        if summarised else "",
        sheets=sheets,
        warnings=warnings[:200],
        warnings_more=max(len(warnings) - 200, 0),
        waivers=waivers,
        upcoming_days=upcoming_days,
        statuses=[(s.value, t(f"status.{s.value}", lang), STATUS_COLOURS[s.value]) for s in WORST_FIRST],
    )


def _rules_applied(report: Report, lang: Lang) -> list[str]:
    """One line per regulation the report applied (a successor beside QĐ 213 is named too),
    then the guidance overlay."""
    lines = [t("html.meta.regulation_item", lang, regulation=r.id, signed=_date(r.signed),
               catalogue=r.catalogue_version) for r in report.regulations]
    return [*lines, t("html.meta.overlay_item", lang, overlay=hd33.ID, overlay_version=hd33.VERSION)]


def _groups(facts: FactSet, orgs: Mapping[str, OrgView], lang: Lang) -> list[tuple[str, list[OrgView]]]:
    """The tree: commune committees with their residence cells, workplace committees with their
    cells, the levels above, then anything else in scope."""
    placed: set[str] = set()

    def with_children(org_id: str) -> OrgView:
        view = orgs[org_id]
        placed.add(org_id)
        view.children = [with_children(c) for c in facts.children(org_id) if c in orgs and c not in placed]
        return view

    residence: list[OrgView] = []
    workplace: list[OrgView] = []
    upper: list[OrgView] = []
    for kind, bucket in (("commune_committee", residence), ("workplace_committee", workplace)):
        for org_id in sorted(orgs, key=lambda o: orgs[o].name):
            if orgs[org_id].kind == kind and org_id not in placed:
                bucket.append(with_children(org_id))
    for org_id in sorted(orgs, key=lambda o: orgs[o].name):
        if org_id in placed:
            continue
        view = orgs[org_id]
        placed.add(org_id)
        if view.kind in _RESIDENCE_SIDE:
            residence.append(view)
        elif view.kind in _WORKPLACE_SIDE:
            workplace.append(view)
        else:
            upper.append(view)
    groups = [(t("html.tree.residence", lang), residence), (t("html.tree.workplace", lang), workplace),
              (t("html.tree.upper", lang), upper)]
    return [(title, views) for title, views in groups if views]


def _walk(groups: Sequence[tuple[str, Sequence[OrgView]]]) -> Iterable[OrgView]:
    def walk(view: OrgView) -> Iterable[OrgView]:
        yield view
        for child in view.children:
            yield from walk(child)

    for _, views in groups:
        for view in views:
            yield from walk(view)


# -- rendering --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("qd213_rules.render", "templates"),
        autoescape=True,  # every value is escaped: names and notes are user input
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_html(
    report: Report,
    lang: Lang,
    *,
    results: Sequence[Result] | None = None,
    facts: FactSet | None = None,
    source: str | None = None,
    fail_on: str = "overdue",
    selection: str | None = None,
    member_pages: int = DEFAULT_MEMBER_PAGES,
    upcoming_days: int = UPCOMING_DAYS,
) -> str:
    """The report as one self-contained HTML document.

    ``results``: the selection to show (``--member``); ``selection``: the ``--member`` or
    ``--org`` id (an organisation's page covers its subtree and its cells' members);
    ``member_pages``: how many members with findings get a full page before the rest are
    summarised. Needs the fact set the report was evaluated from (for names and the tree).
    Raises :class:`ImportError` with an installation hint when Jinja2 is missing.
    """
    try:
        env = _environment()
    except ImportError:
        raise ImportError(t("html.missing_jinja2", lang)) from None
    facts = facts if facts is not None else facts_of(report)
    if facts is None:
        raise ValueError("render_html needs the fact set the report was evaluated from")
    page = build_page(report, lang, facts=facts, results=results, source=source, fail_on=fail_on,
                      selection=selection, member_pages=member_pages, upcoming_days=upcoming_days)
    tr: Callable[..., str] = functools.partial(_translate, lang)
    html: str = env.get_template("report.html.j2").render(page=page, t=tr)
    return html


def _translate(lang: Lang, msg_id: str, **params: Any) -> str:
    return t(msg_id, lang, **params)
