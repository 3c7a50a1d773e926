"""Streaming check of large inputs: JSON Lines in, JSON Lines out, memory bounded by a shard (semantics §17).

:func:`check_stream` reads JSON Lines in any line order and stages every fact into an embedded
SQLite file (standard library ``sqlite3``, in a temporary directory) indexed by member and by
organisation. It then evaluates the province shard by shard and writes one result per line (the
dicts of :meth:`Result.to_dict`), then one summary line.

Shards:

1. **Members**, grouped by the residence cell they live in on ``as_of`` (members without one by
   workplace cell; at most :data:`MAX_SHARD_MEMBERS` per shard). A member shard holds the members,
   every event about them (including the comment-form steps that cite their forms), the
   working-members meetings of every cell and commune they lived in, the annual reviews of every
   workplace cell and committee they belonged to, the events those cite, the organisations all
   these name (with their ancestors), and — for the rare event citing another member's fact —
   that member's record and change events as context. Member lists of events (attendees,
   ``member_ids``…) are cut down to the shard's members: each member's results read only
   whether *they* are named. Consecutive member shards are evaluated together, in batches of
   at most :data:`MAX_SHARD_MEMBERS` members (one fact set for the facts neighbouring cells
   share), and written shard by shard as if evaluated alone.
2. **Communes**: each commune with its residence cells, as organisation subjects (D4.K2c,
   D4.K3a, D4.K3b) — with their meetings and directives. Which cells owe a meeting in a half-year
   depends on the members registered there, so every member shard reports its members' share of
   each commune's owing cells (a set union), and the commune shards run after the member shards.
3. **The top**: provincial committees and the Central Organization Commission (Điều 5), and the
   organisation-only events whose home is no commune (a workplace cell's annual review…): their
   number grows with the province, so past :data:`_MAX_HOME_EVENTS` they are spread over more
   top shards without subjects (for their fact checks and data warnings).

Each shard is loaded as a :class:`~qd213_rules.facts.FactSet` (every fact-level check runs on it,
with the file and line of each fact), evaluated, written and dropped. Before any shard, the
whole input is checked in SQL for what a shard cannot see: duplicate ids, references to facts
that do not exist, and the organisation tree. Errors raise :class:`~qd213_rules.errors.FactsError`
(located like :func:`~qd213_rules.facts.load_facts`'s); one found inside a shard is raised after
the shards before it were written, so a consumer must treat output without the final summary
line as incomplete.

Output order is deterministic and independent of the input's line order: member shards by
residence cell id (then by workplace cell), then communes by id, then the top; within a shard,
results in report order (subject, obligation, key, bearer). The summary line carries
``input_sha256`` (the same order-independent digest as the report's), the observation window,
the policy, the status counts and the data warnings. Each data warning comes from the shard that
sees everything it is about (the shard of the member it names, else of the member or
organisation its fact concerns). Unused facts are not listed in streaming mode.

>>> import io, json
>>> from qd213_rules.synth import generate_lines
>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "p.jsonl")
>>> with open(path, "w", encoding="utf-8") as handle:
...     _ = [handle.write(json.dumps(line, ensure_ascii=False) + "\\n") for line in generate_lines(60, seed=3)]
>>> out = io.StringIO()
>>> summary = check_stream(path, out, as_of="2025-12-31", lang="en", backend="python")
>>> lines = out.getvalue().splitlines()
>>> json.loads(lines[-1])["type"], len(lines) - 1 == summary["results"]
('summary', True)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import marshal
import multiprocessing
import operator
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .errors import ErrorCode, FactsError, Problem
from .evaluation.context import Context
from .evaluation.judge import Judge, JudgePlans
from .evaluation.needs import MEETING_KINDS, MEMBER_LISTS, REQUIRED_LISTS, REVIEW_KINDS, EventLinks, Needs, needed_facts, org_event_kinds, trimmed
from .evaluation.occasions import half_years
from .evaluation.results import Result
from .facts import DataWarning, FactSet, Limits, SourceLocation, iter_fact_lines
from .regulations import default_registry
from .facts.checks import Collector, WarningCode, empty_input, json_path, ref_fields, validate_fact
from .facts.events import EVENT_KINDS, WaiverGranted
from .facts.factset import REGULATION_START, canonical_line
from .facts.loader import JsonLinesHeader
from .facts._fast import fast_fact
from .facts.trusted import trusted_fact
from .facts._types import EventRef, MemberRef, OrgKind
from .jsonout import result_lines
from .matching.backend import Backend
from .messages import Lang, default_lang
from .policy import Policy

__all__ = ["check_stream", "MAX_SHARD_MEMBERS", "STREAM_LIMITS"]

MAX_SHARD_MEMBERS = 200
"""Members per shard at most (a residence cell larger than this is split)."""

STREAM_LIMITS = Limits(max_bytes=1 << 50, max_facts=1 << 40)
"""Streaming reads inputs of any size (memory is bounded by the shard); lines keep their limit."""

_BATCH = 10_000

_STAGE_CACHE_KIB = -16000
"""SQLite page cache while staging and indexing (negative: KiB)."""

_SHARD_CACHE_KIB = -2000
"""SQLite page cache of each connection while the shards run (negative: KiB)."""

_SHARD_STATEMENTS = 16
"""Prepared statements a reading connection keeps (``sqlite3``'s default: 128). A shard's
queries bind lists of ids of every length (:meth:`_StoreSource.rows`), so nearly every one is a
statement text of its own, prepared once and seldom met again, and its size grows with its
list: with 128 kept, SQLite's own count of its memory went from 2 to 6 MB over the
10,000-member province's member shards and from 5 to 8 MB over 50,000's, the more the longer
the stream; with 16, from 2 to 3 MB at 10,000."""


_marshal = marshal.dumps
_blob = bytearray
"""A staged row's BLOB values (a fact's canonical text, an event's links) as bound by
``sqlite3``: it binds ``int``, ``float``, ``str`` and ``bytearray`` values as they are, but looks
any other type (``bytes`` among them) up in its adapter registry first, for every value of every
row (about 0.4 µs a value: a third of inserting a fact row). A copy of the text into a
``bytearray`` costs less; SQLite stores the same BLOB, and reads it back as ``bytes``."""
_STATUS_OF = operator.attrgetter("status")
_FIRST = operator.itemgetter(0)
_unmarshal = marshal.loads
_new_tuple = tuple.__new__


# -- result lines ----------------------------------------------------------------------------------


def result_line(r: Result) -> str:
    """``json.dumps(r.to_dict(), ensure_ascii=False)``, byte for byte, without building the dict:
    one result's line as :func:`~qd213_rules.jsonout.result_lines` writes it for the stream."""
    return result_lines((r,))[:-1].decode()


# -- staging ----------------------------------------------------------------------------------------


_SCHEMA = """
CREATE TABLE facts (seq INTEGER PRIMARY KEY, ns TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
                    kind INTEGER, date TEXT NOT NULL, line INTEGER, canon BLOB NOT NULL, links BLOB);
CREATE TABLE refs (seq INTEGER NOT NULL, role INTEGER NOT NULL, target TEXT NOT NULL, field TEXT NOT NULL, idx INTEGER NOT NULL,
                   kind INTEGER);
CREATE TABLE members (id TEXT NOT NULL, residence TEXT, workplace TEXT NOT NULL, since TEXT NOT NULL);
CREATE TABLE moves (member TEXT NOT NULL, date TEXT NOT NULL, id TEXT NOT NULL, cell TEXT NOT NULL);
CREATE TABLE warnings (fact_id TEXT NOT NULL, code TEXT NOT NULL, params TEXT NOT NULL, message TEXT NOT NULL,
                       UNIQUE (fact_id, code, params));
CREATE TABLE org_only (seq INTEGER PRIMARY KEY, org TEXT NOT NULL);
CREATE TABLE chain (seq INTEGER NOT NULL, target TEXT NOT NULL, field TEXT NOT NULL, kind INTEGER);
CREATE TABLE owing (commune TEXT NOT NULL, first TEXT NOT NULL, last TEXT NOT NULL, cell TEXT NOT NULL,
                    UNIQUE (commune, first, last, cell));
-- the organisation tree in id order, with the type its look-ups ask (covering): a few thousand
-- rows, kept as they are inserted (built afterwards, it would read the whole table for them)
CREATE INDEX facts_orgs ON facts (id, type) WHERE type = 'organization';
"""

_TARGET_INDEX = "CREATE INDEX refs_target ON refs (role, target, kind, seq)"
"""Covering: a shard's lookups read no row. Built after the form-chain passes (which do not read
it), from every reference at once, rather than kept up to date as each pass inserts its rows."""

_INDEXES = """
CREATE INDEX facts_id ON facts (ns, id);
CREATE INDEX refs_seq ON refs (seq);
CREATE INDEX members_id ON members (id);
CREATE INDEX moves_member ON moves (member, date, id);
CREATE INDEX org_only_org ON org_only (org);
"""


def _connect(path: str, *, read_only: bool = False, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection to the staging file whose memory does not grow with the province: a fixed
    page cache (16 MB to stage and index, 2 MB to read shards) and sorts spilled to disk."""
    if read_only:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=check_same_thread,
                             cached_statements=_SHARD_STATEMENTS)  # fmt: skip
    else:
        db = sqlite3.connect(path, check_same_thread=check_same_thread)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA temp_store = FILE")  # big sorts spill to disk, not to memory
    db.execute(f"PRAGMA cache_size = {_SHARD_CACHE_KIB if read_only else _STAGE_CACHE_KIB}")
    return db


@dataclass
class _Staged:
    """What staging learned besides the rows: the header, the display name, the counts."""

    name: str
    observation_from: dt.date | None = None
    counts: Counter[str] = field(default_factory=Counter)


def _stage(db: sqlite3.Connection, source: str | os.PathLike[str], name: str | None) -> _Staged:
    """Validate every line (as :func:`load_facts` does) and store its canonical form and references."""
    display = name or os.fspath(source)
    staged = _Staged(display)
    db.executescript(_SCHEMA)
    facts: list[tuple[Any, ...]] = []
    refs: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    moves: list[tuple[Any, ...]] = []
    org_only: list[tuple[Any, ...]] = []
    chain: list[tuple[Any, ...]] = []
    seq = 0

    def flush() -> None:
        db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
        db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)", refs)
        db.executemany("INSERT INTO members VALUES (?, ?, ?, ?)", members)
        db.executemany("INSERT INTO moves VALUES (?, ?, ?, ?)", moves)
        db.executemany("INSERT INTO org_only VALUES (?, ?)", org_only)
        db.executemany("INSERT INTO chain VALUES (?, ?, ?, ?)", chain)
        for rows in (facts, refs, members, moves, org_only, chain):
            rows.clear()

    try:
        handle = open(source, "rb")
    except FileNotFoundError:
        raise FactsError([Problem(ErrorCode.FILE_NOT_FOUND, file=display, found=os.fspath(source))]) from None
    except OSError as exc:
        raise FactsError([Problem(ErrorCode.FILE_UNREADABLE, file=display, found=exc.strerror or str(exc))]) from None
    # this loop runs once per line of the province: an event's reference rows, its links (the
    # fields of EventLinks but the id and kind, as a shard reads them), its organisation-only
    # home and the citations to follow (chain rows) are made in one walk of its reference fields
    counts = staged.counts
    kinds = _KIND
    # an event's organisation references are staged only where a shard looks events up by
    # organisation (the kinds of _ORG_READ_KINDS) or where they may name a missing
    # organisation: one not read yet, checked by _global_problems (the organisations of a
    # province are a few thousand ids, and most files list them before their events)
    org_read = frozenset(kinds[k] for k in _ORG_READ_KINDS if k in kinds)
    seen_orgs: set[str] = set()
    with handle:
        for line_no, line_type, model in iter_fact_lines(handle, STREAM_LIMITS, name=display):
            if isinstance(model, JsonLinesHeader):
                staged.observation_from = model.observation.from_ if model.observation is not None else None
                continue
            seq += 1
            counts[line_type] += 1
            fields = model.__dict__
            fact_id = fields["id"]
            plan = _REF_ROLES.get(type(model))
            if plan is None:
                plan = _ref_roles(type(model), line_type)
            # the digest's own text (FactSet.digest), in UTF-8, written by pydantic-core
            canon = canonical_line(model, line_type)
            if line_type != "event":
                kind = None if line_type == "member" else fields["kind"].value
                code = None if kind is None else kinds[kind]
                for name, role, many in plan:  # a member's cells, an organisation's parent: only checked
                    value = fields[name]
                    if value is None or (many and not value):
                        continue
                    if many:
                        refs += [(seq, role, one, name, i, code) for i, one in enumerate(value) if one not in seen_orgs]
                    elif value not in seen_orgs:
                        refs.append((seq, role, value, name, -1, code))
                facts.append((seq, "om", line_type, fact_id, code, "", line_no, _blob(canon), None))
                if line_type == "member":
                    members.append((fact_id, fields["residence_cell_id"], fields["workplace_cell_id"], fields["working_since"].isoformat()))
                else:
                    seen_orgs.add(fact_id)
            else:
                kind = fields["kind"]
                code = kinds[kind]
                date = fields["date"].isoformat()
                first_org: str | None = None
                named: list[str] = []
                lists: list[tuple[str, tuple[str, ...]]] = []
                orgs: list[tuple[str, str]] = []
                cites: list[str] = []
                cited: list[tuple[str, str]] = []
                # performance: a single reference takes one branch for its role, the test of a
                # staged organisation made for organisations alone (staging and building every
                # shard of 2,000 members: 36 M instructions fewer, 0.5 %, callgrind)
                for name, role, many in plan:
                    value = fields[name]
                    if not value:  # None, or an empty list (an id is never empty)
                        continue
                    if many:
                        if role != _ORG or code in org_read:
                            refs += [(seq, role, one, name, i, code) for i, one in enumerate(value)]
                        else:
                            refs += [(seq, role, one, name, i, code) for i, one in enumerate(value) if one not in seen_orgs]
                        if role == _MEMBER:
                            lists.append((name, tuple(value)))
                        elif role == _ORG:
                            if first_org is None:
                                first_org = value[0]
                            orgs += [(name, one) for one in value]
                        else:
                            cites += value
                    elif role == _MEMBER:
                        refs.append((seq, role, value, name, -1, code))
                        named.append(value)
                    elif role == _ORG:
                        if code in org_read or value not in seen_orgs:
                            refs.append((seq, role, value, name, -1, code))
                        if first_org is None:
                            first_org = value
                        orgs.append((name, value))
                    else:
                        refs.append((seq, role, value, name, -1, code))
                        cites.append(value)
                        cited.append((name, value))
                about_member = bool(named or lists)
                subject = None
                if kind == "waiver_granted":
                    if fields["subject_id"] is not None:
                        subject = fields["subject_id"]
                        refs.append((seq, _SUBJECT, subject, "subject_id", -1, code))
                    elif fields["result_id"] is not None:
                        parts = fields["result_id"].split("|")
                        subject = parts[1] if len(parts) > 1 else fields["result_id"]
                        refs.append((seq, _SUBJECT, subject, "result_id", -1, code))
                    if fields["about_event_id"] is not None:
                        cites.append(fields["about_event_id"])
                        refs.append((seq, _CITES, fields["about_event_id"], "about_event_id", -1, code))
                if not about_member:
                    if first_org is not None and subject is None:
                        org_only.append((seq, first_org))  # unless it cites an event about a member (member_via, below)
                    # it may concern the member of an event it cites
                    chain += [(seq, target, name, code) for name, target in cited]
                links = _blob(_marshal((tuple(named), tuple(lists), tuple(orgs), tuple(cites), subject)))
                facts.append((seq, "e", "event", fact_id, code, date, line_no, _blob(canon), links))
                if kind == "residence_changed":
                    moves.append((fields["member_id"], date, fact_id, fields["to_residence_cell_id"]))
            if len(facts) >= _BATCH or len(refs) >= 4 * _BATCH:  # lists of members make many refs
                flush()
    flush()
    db.executescript(_INDEXES)
    # events with no member field concern the member of the event they cite (form-chain steps,
    # cancellations): link them to that member too, as FactSet.events_about_member does. Each
    # pass starts from the citations of those events alone (the chain rows, listed while
    # staging), not from every reference naming a member (CROSS JOIN: in this order); its rows
    # are added in the order of the members' index, then of the citing events, as when the
    # pass walked that index.
    for _ in range(4):
        linked = db.execute(
            f"""INSERT INTO refs SELECT c.seq, {_MEMBER_VIA}, m.target, c.field, -1, c.kind
               FROM chain c CROSS JOIN facts f CROSS JOIN refs m
               WHERE f.ns = 'e' AND f.id = c.target AND m.seq = f.seq AND m.role IN ({_MEMBER}, {_MEMBER_VIA})
               AND NOT EXISTS (SELECT 1 FROM refs x WHERE x.seq = c.seq AND x.role IN ({_MEMBER}, {_MEMBER_VIA}))
               ORDER BY m.role, m.target, m.kind, m.seq, c.kind, c.seq, c.rowid"""  # noqa: S608
        ).rowcount
        if not linked:  # nothing new to follow: a further pass would read it all again for nothing
            break
    db.execute("DROP TABLE chain")
    db.execute(_TARGET_INDEX)
    # organisation-only events (no member, cited or not, no waiver subject) by the first
    # organisation they name: their home is that organisation's shard (_Orgs.home_shard)
    db.execute(f"DELETE FROM org_only WHERE seq IN (SELECT seq FROM refs WHERE role = {_MEMBER_VIA})")  # one range of refs_target  # noqa: S608
    db.commit()
    return staged


_ROLES = ("cites", "event", "member", "member_via", "org", "record_org", "subject")
"""What a reference row's target is to its fact, stored as its position here: in the order of
the names, so that the index and every ``ORDER BY`` sort the rows as they did by name, in
smaller rows (staging the 10,000-member province: its 580,565 references inserted and indexed
in about a quarter less time)."""

_CITES, _EVENT, _MEMBER, _MEMBER_VIA, _ORG, _RECORD_ORG, _SUBJECT = range(len(_ROLES))

_KIND_NAMES = tuple(sorted({*EVENT_KINDS, *(k.value for k in OrgKind)}))
_KIND = {kind: code for code, kind in enumerate(_KIND_NAMES)}
"""The kind of a fact (event or organisation kind) as its fact row and its reference rows store
it: a number, in the order of the names for the same reason (a member has none)."""


_ORG_READ_KINDS = org_event_kinds() | MEETING_KINDS | REVIEW_KINDS
"""The event kinds a shard looks up by organisation (:meth:`_StoreSource.events_of`, as
:func:`needed_facts` asks): the only events whose organisation references are staged as rows
besides those that may name a missing organisation. At 2,000 members 522 of 47,565 such
references are of these kinds: the reference rows 114,882 -> 63,000 (a member's cells, an
organisation's parent and the events' other organisations are read from their fact's text)."""


def _ref_roles(model: type[Any], line_type: str) -> tuple[tuple[str, int, bool], ...]:
    """A fact model's reference fields as staging stores them — ``(field, role, is a list)``, in
    field order — worked out once per model rather than once per fact."""
    roles = []
    for rf in ref_fields(model):
        role = _MEMBER if isinstance(rf.marker, MemberRef) else _EVENT if isinstance(rf.marker, EventRef) else _ORG
        if line_type != "event":
            role = _RECORD_ORG  # a member's cells, an organisation's parent: checked, never a shard link
        roles.append((rf.name, role, rf.many))
    found = _REF_ROLES[model] = tuple(roles)
    return found


_REF_ROLES: dict[type[Any], tuple[tuple[str, int, bool], ...]] = {}


def _global_problems(db: sqlite3.Connection, staged: _Staged) -> list[Problem]:
    """Duplicate ids and references to missing facts (a shard cannot see either)."""
    out: list[tuple[int, Problem]] = []
    if db.execute("SELECT 1 FROM facts WHERE ns = 'om' LIMIT 1").fetchone() is None:
        events = db.execute("SELECT COUNT(*) FROM facts WHERE ns = 'e'").fetchone()[0]
        out.append((0, empty_input(staged.name, int(events))))  # as check_facts, first
    for ns, fact_id in db.execute("SELECT ns, id FROM facts GROUP BY ns, id HAVING COUNT(*) > 1").fetchall():
        rows = db.execute("SELECT type, line FROM facts WHERE ns = ? AND id = ? ORDER BY line", (ns, fact_id)).fetchall()
        first = rows[0][1]
        for fact_type, line in rows[1:]:
            out.append((line, Problem(ErrorCode.DUPLICATE_ID, file=staged.name, line=line, json_path="$.id", fact_id=fact_id,
                                      found=fact_id, expected=f"{staged.name}:{first}", params={"type": fact_type})))  # fmt: skip
    # where a target of each role must be, looked up in an index that holds what it asks (a
    # member's id in members_id, an organisation's in facts_orgs, an event's namespace and id in
    # facts_id): reading the fact's row to check its type read a table page per distinct member
    # (at 40,000 members about 40,000 reads)
    checks = (
        ("member", "members t WHERE t.id = {}", "member"),
        ("org", "facts t INDEXED BY facts_orgs WHERE t.type = 'organization' AND t.id = {}", "organization"),
        ("record_org", "facts t INDEXED BY facts_orgs WHERE t.type = 'organization' AND t.id = {}", "organization"),
        ("event", "facts t WHERE t.ns = 'e' AND t.id = {}", "event"),
        ("cites", "facts t WHERE t.ns = 'e' AND t.id = {}", "event"),
    )
    for role, where, expected in checks:
        # the distinct targets first (a member is named by dozens of references, most inputs
        # name nothing missing): the rows naming a missing one are read only when there is one
        if db.execute(
            f"""SELECT 1 FROM (SELECT DISTINCT target FROM refs WHERE role = ?) AS d
                WHERE NOT EXISTS (SELECT 1 FROM {where.format("d.target")}) LIMIT 1""",  # noqa: S608
            (_ROLES.index(role),),
        ).fetchone() is None:
            continue
        for target, field_name, idx, fact_id, line in db.execute(
            f"""SELECT r.target, r.field, r.idx, f.id, f.line FROM refs r JOIN facts f ON f.seq = r.seq
                WHERE r.role = ? AND NOT EXISTS (SELECT 1 FROM {where.format("r.target")})""",  # noqa: S608
            (_ROLES.index(role),),
        ):
            parts: tuple[str | int, ...] = (field_name, idx) if idx >= 0 else (field_name,)
            out.append((line, Problem(ErrorCode.UNKNOWN_REFERENCE, file=staged.name, line=line, json_path=json_path("$", *parts),
                                      fact_id=fact_id, found=target, expected=expected)))  # fmt: skip
    for target, fact_id, line in db.execute(
        f"""SELECT r.target, f.id, f.line FROM refs r JOIN facts f ON f.seq = r.seq
           WHERE r.role = {_SUBJECT} AND r.field = 'subject_id' AND NOT EXISTS (SELECT 1 FROM facts t WHERE t.ns = 'om' AND t.id = r.target)"""  # noqa: S608
    ):
        out.append((line, Problem(ErrorCode.UNKNOWN_REFERENCE, file=staged.name, line=line, json_path="$.subject_id",
                                  fact_id=fact_id, found=target, expected="member | organization")))  # fmt: skip
    out.sort(key=lambda item: item[0])
    return [p for _, p in out]


# -- shards -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Shard:
    kind: str
    """``members``, ``commune`` or ``top``."""
    key: str
    subjects: tuple[str, ...]
    home: tuple[int, ...] = ()
    """The top's organisation-only events whose home is no commune (staging numbers): a part
    of them per top shard, so that no shard grows with the province."""
    parts: tuple[int, ...] = ()
    """A batch of member shards evaluated together (:func:`_member_batches`): how many of
    ``subjects`` each of its shards holds, in shard order (empty: one shard)."""


@dataclass
class _Orgs:
    """The organisation tree (a few thousand rows even for a large province)."""

    kind: dict[str, str]
    parent: dict[str, str | None]

    def ancestors(self, org: str) -> list[str]:
        out: list[str] = []
        node = self.parent.get(org)
        while node is not None and node in self.kind and node not in out:
            out.append(node)
            node = self.parent.get(node)
        return out

    def commune_of(self, cell: str) -> str | None:
        parent = self.parent.get(cell)
        return parent if parent is not None and self.kind.get(parent) == "commune_committee" else None

    def home_shard(self, org: str) -> str:
        """The organisation shard an organisation-only fact naming ``org`` belongs to."""
        kind = self.kind.get(org)
        if kind == "commune_committee":
            return f"commune:{org}"
        if kind == "residence_cell":
            commune = self.commune_of(org)
            if commune is not None:
                return f"commune:{commune}"
        return "top:"


def _load_orgs(db: sqlite3.Connection) -> _Orgs:
    kinds: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    for (canon,) in db.execute("SELECT canon FROM facts INDEXED BY facts_orgs WHERE type = 'organization'"):
        org = json.loads(canon)
        kinds[org["id"]] = org["kind"]
        parents[org["id"]] = org.get("parent_id")
    return _Orgs(kinds, parents)


def _list_members(db: sqlite3.Connection, as_of: dt.date) -> None:
    """Each member's shard key — the residence cell they live in on ``as_of`` (else their
    workplace cell) — stored and indexed in listing order, so that listing the member shards
    reads the index instead of holding a sort of the whole province open while the shards run."""
    db.execute(
        """CREATE TABLE shard_members AS
           SELECT m.id AS id, COALESCE((SELECT v.cell FROM moves v WHERE v.member = m.id AND v.date > m.since AND v.date <= ?
                                        ORDER BY v.date DESC, v.id DESC LIMIT 1), m.residence) AS cell, m.workplace AS workplace
           FROM members m""",
        (as_of.isoformat(),),
    )
    db.execute("CREATE INDEX shard_members_order ON shard_members ((cell IS NULL), cell, workplace, id)")
    db.commit()


def _member_shards(db: sqlite3.Connection) -> Iterator[_Shard]:
    """Members grouped by the residence cell they live in on ``as_of`` (else their workplace
    cell), as :func:`_list_members` stored them."""
    rows = db.execute("SELECT id, cell, workplace FROM shard_members ORDER BY (cell IS NULL), cell, workplace, id")
    current: str | None = None
    group: list[str] = []
    part = 0
    for member, cell, workplace in rows:
        key = f"residence:{cell}" if cell is not None else f"workplace:{workplace}"
        if key != current or len(group) >= MAX_SHARD_MEMBERS:
            if group:
                yield _Shard("members", f"{current}#{part}", tuple(group))
            part = part + 1 if key == current else 0
            current, group = key, []
        group.append(member)
    if group:
        yield _Shard("members", f"{current}#{part}", tuple(group))


def _member_batches(shards: Iterable[_Shard]) -> Iterator[_Shard]:
    """Consecutive member shards evaluated together, :data:`_BATCH_MEMBERS` members at most.

    The shards of neighbouring cells read many of the same facts — the meetings of their
    commune, the committees above their members' workplaces and the reviews those cite — and a
    residence cell is small (about 30 members): evaluated one by one, each shard read, validated
    and indexed those facts again, with its own queries and fact set. A batch is one shard for
    the evaluation (one closure of needed facts, one fact set), and its results are handed back
    shard by shard, each in report order (:meth:`_Worker._run`), so the output is the same;
    memory stays bounded by :data:`MAX_SHARD_MEMBERS`, the bound of one shard."""
    batch: list[_Shard] = []
    size = 0
    for shard in shards:
        if batch and size + len(shard.subjects) > _BATCH_MEMBERS:
            yield _batch(batch)
            batch, size = [], 0
        batch.append(shard)
        size += len(shard.subjects)
    if batch:
        yield _batch(batch)


def _batch(shards: Sequence[_Shard]) -> _Shard:
    if len(shards) == 1:
        return shards[0]
    subjects = tuple(member for shard in shards for member in shard.subjects)
    return _Shard("members", shards[0].key, subjects, parts=tuple(len(shard.subjects) for shard in shards))


_BATCH_MEMBERS = MAX_SHARD_MEMBERS
"""Members of one batch of member shards at most (:func:`_member_batches`)."""


def _org_shards(db: sqlite3.Connection, orgs: _Orgs) -> list[_Shard]:
    """The commune shards by id, then the top: the provincial committees and the Commission,
    and the organisation-only events whose home is no commune (a workplace cell's review…).
    Those grow with the province: past :data:`_MAX_HOME_EVENTS` they are spread over more top
    shards without subjects (for their fact checks and data warnings), an organisation's events
    kept together."""
    cells: dict[str, list[str]] = defaultdict(list)
    for org, kind in orgs.kind.items():
        if kind == "residence_cell":
            commune = orgs.commune_of(org)
            if commune is not None:
                cells[commune].append(org)
    out = [
        _Shard("commune", f"commune:{commune}", (commune, *sorted(cells.get(commune, ()))))
        for commune in sorted(o for o, k in orgs.kind.items() if k == "commune_committee")
    ]
    top = sorted(o for o, k in orgs.kind.items() if k in ("provincial_committee", "central_organization_commission"))
    by_org: dict[str, list[int]] = defaultdict(list)
    for seq, org in db.execute("SELECT seq, org FROM org_only ORDER BY org, seq"):
        if orgs.home_shard(org) == "top:":
            by_org[org].append(seq)
    parts: list[list[int]] = [[]]
    for seqs in by_org.values():
        if parts[-1] and len(parts[-1]) + len(seqs) > _MAX_HOME_EVENTS:
            parts.append([])
        parts[-1] += seqs
    out.append(_Shard("top", "top:", tuple(top), tuple(parts[0])))
    out += [_Shard("top", "top:", (), tuple(part)) for part in parts[1:]]
    return out


_MAX_HOME_EVENTS = 1000
"""Organisation-only events of one top shard at most (about a member shard's facts)."""


class _StoreSource:
    """The store as a :class:`~qd213_rules.evaluation.needs.FactSource`: what the shared closure
    asks, answered in SQL (a shard's worth of rows at a time)."""

    def __init__(self, db: sqlite3.Connection, orgs: _Orgs) -> None:
        self.db = db
        self.orgs = orgs
        self.step = min(5000, db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        """Values bound per statement: a shard's few thousand events in a few statements rather
        than one per 500 (within the library's limit on bound parameters: 999 before SQLite 3.32)."""
        self.texts: dict[str, tuple[int, int, bytes]] = {}
        """Each event :meth:`links` read for the current shard: ``id -> (seq, line, canonical
        JSON)``, read with its references (the shard loads them without asking again)."""

    def rows(self, sql: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
        out: list[tuple[Any, ...]] = []
        step = self.step
        for i in range(0, len(values), step):
            chunk = values[i : i + step]
            out += self.db.execute(sql.replace("?*", ",".join("?" * len(chunk))), chunk).fetchall()
        return out

    def organization_tree(self) -> tuple[dict[str, str], dict[str, str | None]]:
        return self.orgs.kind, self.orgs.parent

    def member_homes(self, member_ids: Collection[str]) -> dict[str, tuple[str | None, str]]:
        rows = self.rows("SELECT id, residence, workplace FROM members WHERE id IN (?*)", sorted(member_ids))
        return {member: (residence, workplace) for member, residence, workplace in rows}

    def _naming(self, roles: Sequence[str], targets: Collection[str], kinds: Collection[str] | None = None) -> list[EventLinks]:
        """The events naming ``targets`` in one of ``roles`` (of ``kinds``), found and read in one
        statement (per chunk of targets): the kinds are filtered in the index, not after reading
        every event that names a committee — a committee is named by events in numbers that grow
        with the province."""
        role_list = ",".join(str(_ROLES.index(r)) for r in roles)
        naming = f"SELECT seq FROM refs WHERE role IN ({role_list}) AND target IN (?*)"  # noqa: S608
        if kinds is not None:
            codes = sorted(_KIND[k] for k in kinds if k in _KIND)  # the catalogue's kinds, as numbers
            if not codes:
                return []
            naming += f" AND kind IN ({','.join(map(str, codes))})"
        return self._read(f"SELECT seq, id, kind, line, canon, links FROM facts WHERE seq IN ({naming})", sorted(targets), kinds)  # noqa: S608

    def links(self, seqs: Collection[int], kinds: Collection[str] | None = None) -> list[EventLinks]:
        """The events with these staging numbers (of these kinds), as the closure reads them."""
        return self._read("SELECT seq, id, kind, line, canon, links FROM facts WHERE seq IN (?*)", sorted(set(seqs)), kinds)

    def _read(self, sql: str, values: Sequence[Any], kinds: Collection[str] | None) -> list[EventLinks]:
        """The events ``sql`` selects (``seq, id, kind, line, canon, links``), by staging number."""
        rows = self.rows(f"{sql} ORDER BY seq", values)
        if len(values) > self.step:  # two chunks of targets may name one event: each read once
            rows = sorted({row[0]: row for row in rows}.values())
        out = []
        texts = self.texts
        names = _KIND_NAMES
        for seq, fid, code, line, canon, links in rows:
            kind = names[code]
            if kinds is None or kind in kinds:
                texts[fid] = (seq, line, canon)
                # the links were made by this process while staging (_stage), never read from
                # input; the tuple is made in C (EventLinks' own constructor is a Python call)
                out.append(_new_tuple(EventLinks, (fid, kind, *_unmarshal(links))))
        return out

    def events_about(self, member_ids: Collection[str], kinds: Collection[str] | None = None) -> list[EventLinks]:
        return self._naming(("member", "member_via"), member_ids, kinds)

    def events_of(self, org_ids: Collection[str], kinds: Collection[str] | None) -> list[EventLinks]:
        if kinds is None or not _ORG_READ_KINDS.issuperset(kinds):
            # staging keeps organisation references only of these kinds (_ORG_READ_KINDS)
            raise ValueError(f"events by organisation of kinds not staged: {kinds}")
        return self._naming(("org",), org_ids, kinds)

    def waivers_of(self, subject_ids: Collection[str]) -> list[EventLinks]:
        return self._naming(("subject",), subject_ids)

    def events_with_ids(self, event_ids: Collection[str]) -> list[EventLinks]:
        return self._read("SELECT seq, id, kind, line, canon, links FROM facts WHERE ns = 'e' AND id IN (?*)", sorted(event_ids), None)


class _ShardBuilder:
    """Reads one shard's facts from the store — those :func:`needed_facts` names — and loads
    them as a FactSet."""

    def __init__(self, db: sqlite3.Connection, orgs: _Orgs, name: str, observation_from: dt.date) -> None:
        self.db = db
        self.orgs = orgs
        self.name = name
        self.observation_from = observation_from
        self.source = _StoreSource(db, orgs)

    def members_shard(self, members: Sequence[str]) -> FactSet:
        self.source.texts = {}
        return self._load(needed_facts(self.source, members=members))

    def org_shard(self, shard: _Shard) -> FactSet:
        self.source.texts = {}
        subjects = set(shard.subjects)
        if shard.kind == "commune":
            home = self._home_org_events(subjects)
        else:
            # organisation-only facts whose home is no commune (this shard's part of them), and
            # with the subjects, waivers naming no known subject
            home = set(shard.home)
            if shard.subjects:
                home |= {seq for (seq,) in self.db.execute(
                    f"""SELECT r.seq FROM refs r WHERE r.role = {_SUBJECT}
                       AND NOT EXISTS (SELECT 1 FROM facts t WHERE t.ns = 'om' AND t.id = r.target)""")}  # fmt: skip
        return self._load(needed_facts(self.source, orgs=subjects, extra=self.source.links(home)))

    def _home_org_events(self, orgs: set[str]) -> set[int]:
        return {seq for (seq,) in self.source.rows("SELECT seq FROM org_only WHERE org IN (?*)", sorted(orgs))}

    def _load(self, needs: Needs) -> FactSet:
        """The needed facts as a FactSet; member lists cut down to the members it holds."""
        rows = self.source.rows
        keep = needs.records
        # `+type`: not a term the planner may use an index for, so that it looks the ids up in
        # facts_id; through an index on the type it would read every member of the province per shard
        members = [(fid, line, canon) for fid, line, canon in rows(
            "SELECT id, line, canon FROM facts WHERE ns = 'om' AND +type = 'member' AND id IN (?*)", sorted(keep))]  # fmt: skip
        events: list[tuple[int, int, bytes, bool]] = []
        texts = self.source.texts
        for event_id, links in needs.events.items():  # every one was read by the closure, through links()
            seq, line, canon = texts[event_id]
            # an event whose member lists name only members the shard holds is read as stored;
            # the others (a meeting's attendees from other cells…) are cut down (_cut_event)
            whole = not links.lists or all(m in keep for _, listed in links.lists for m in listed)
            events.append((seq, line, canon, not whole))
        self.source.texts = {}
        events.sort(key=_FIRST)  # by staging number
        orgs = rows("SELECT id, line, canon FROM facts WHERE ns = 'om' AND +type = 'organization' AND id IN (?*)", sorted(needs.orgs))
        collector = Collector(file=self.name)
        # each fact with its line number: the fact set makes its SourceLocation (this file, that
        # line) only when one is asked for, as load_facts' fact sets do
        located: dict[str, list[tuple[Any, SourceLocation | int]]] = {"organization": [], "member": [], "event": []}
        for _, line, canon in orgs:
            self._validate("organization", canon, line, collector, located)
        for _, line, canon in sorted(members):
            self._validate("member", canon, line, collector, located)
        # the events, a shard's bulk, read without _validate's steps for any fact type
        add = located["event"].append
        for _, line, canon, cut in events:
            model = _cut_event(canon, keep) if cut else trusted_fact("event", canon)
            if model is None:  # read as an input line (cut as a parsed dict), which reports
                model = self._precise("event", trimmed(json.loads(canon), keep) if cut else canon, line, collector)
            if model is not None:
                add((model, line))
        collector.raise_if_any()
        return _ShardFacts.from_located(
            located["organization"], located["member"], located["event"],
            observation_from=self.observation_from, source_name=self.name, collector=collector, part=True,
        )  # fmt: skip

    def _validate(self, fact_type: str, fact: bytes, line: int, collector: Collector, located: dict[str, list[Any]]) -> None:
        """Read a staged organisation or member (its canonical text) into its model.

        The fact was validated while staging: its canonical text is read back without those
        checks (:func:`trusted_fact`, half the time of reading it as an input line), and by
        :meth:`_precise` only if handed back (it reports). :meth:`_load` reads the events so
        too, and cuts their member lists (:func:`_cut_event`)."""
        model: Any = trusted_fact(fact_type, fact)
        if model is None:
            model = self._precise(fact_type, fact, line, collector)
        if model is not None:
            located[fact_type].append((model, line))

    def _precise(self, fact_type: str, fact: bytes | dict[str, Any], line: int, collector: Collector) -> Any:
        """A staged fact :func:`trusted_fact` handed back, or a trimmed event, read as an input
        line: by load_facts' fast path, else by the precise path, which reports (None then)."""
        fast = fast_fact(_fast_line(fact_type, fact))
        if fast is not None:
            return fast[1]
        raw = json.loads(fact) if isinstance(fact, bytes) else dict(fact)
        raw.pop("type", None)
        return validate_fact(fact_type, raw, base="$", collector=collector, file=self.name, line=line)  # type: ignore[arg-type]


def _cut_event(canon: bytes, keep: Collection[str]) -> Any:
    """A staged event whose member lists name members the shard does not hold, read with those
    lists cut down to the members it holds (as :func:`trimmed` cuts its dict), or None to read
    it as a parsed input line (which reports what is wrong).

    The event was validated while staging and is read back by :func:`trusted_fact`; what the cut
    changes is only which of its validated ids each list keeps, and the one check a shorter list
    can fail — a required list (``member_ids``) must not be empty — is made here: such an event is
    handed back, to be checked and reported by the precise path. Parsing, cutting and validating
    it again as an input line cost about twice as much (9 against 20 µs an event; at 2,000
    members one event read by a shard in seventeen is cut: a meeting's attendees from other
    cells)."""
    model = trusted_fact("event", canon)
    if model is None:
        return None
    fields = model.__dict__  # the model was made just now, for this shard alone: cut in place
    for name in MEMBER_LISTS:
        listed = fields.get(name)
        if listed:
            kept = tuple(m for m in listed if m in keep)
            if not kept and name in REQUIRED_LISTS:
                return None
            fields[name] = kept
    return model


def _fast_line(fact_type: str, fact: bytes | dict[str, Any]) -> bytes:
    """The line load_facts' fast path reads (``"type"`` first) for a staged fact: its canonical
    text (UTF-8) with the ``"type"`` member moved to the front — the same bytes as encoding the
    parsed text again, without parsing it (the models have no free-form keys, so the member
    occurs once; otherwise the text is parsed)."""
    if isinstance(fact, bytes):
        tag = _TYPE_MEMBER[fact_type]
        at = fact.find(tag)
        end = at + len(tag)
        if at > 0 and fact.count(tag) == 1:
            if fact[at - 1 : at] == b",":
                return _TYPE_PREFIX[fact_type] + fact[1 : at - 1] + fact[end:]
            if fact[end : end + 1] == b",":
                return _TYPE_PREFIX[fact_type] + fact[end + 1 :]
    raw: dict[str, Any] = json.loads(fact) if isinstance(fact, bytes) else dict(fact)
    raw.pop("type", None)
    return _TYPE_PREFIX[fact_type] + _COMPACT(raw).encode()[1:]


class _ShardFacts(FactSet):
    """A shard's fact set, whose digest is never computed: the engine's report of a shard asks
    for it, but nothing reads it (the summary's ``input_sha256`` is the whole input's, read from
    the store by :func:`_digest`), and hashing every shard's facts again cost about 2.5 % of a
    streaming check."""

    def digest(self) -> str:
        return ""


class _MembersShareContext(Context):
    """A member shard's context that counts only the shard's own members as residents: their
    share of each commune's owing cells (semantics §5)."""

    def __init__(self, facts: FactSet, as_of: dt.date, policy: Policy, members: Iterable[str]) -> None:
        super().__init__(facts, as_of, policy)
        self._mine = frozenset(members)

    def residents_by_commune(self) -> dict[str, tuple[str, ...]]:
        full = super().residents_by_commune()
        return {commune: tuple(m for m in found if m in self._mine) for commune, found in full.items()}


class _GatheredOwingContext(Context):
    """An organisation shard's context: owing cells gathered from every member shard, read from
    the store when asked (a commune shard asks only of its commune: memory does not grow with
    the number of cells in the province)."""

    def __init__(self, facts: FactSet, as_of: dt.date, policy: Policy, db: sqlite3.Connection) -> None:
        super().__init__(facts, as_of, policy)
        self._db = db
        self._owing: dict[tuple[str, dt.date, dt.date], tuple[str, ...]] = {}

    def owing_cells(self, commune: str | None, first: dt.date, last: dt.date) -> tuple[str, ...]:
        key = (commune or "", first, last)
        found = self._owing.get(key)
        if found is None:
            rows = self._db.execute("SELECT cell FROM owing WHERE commune = ? AND first = ? AND last = ? ORDER BY cell",
                                    (key[0], first.isoformat(), last.isoformat()))  # fmt: skip
            found = self._owing[key] = tuple(cell for (cell,) in rows)
        return found


_TYPE_PREFIX = {fact_type: f'{{"type":"{fact_type}",'.encode() for fact_type in ("organization", "member", "event")}
"""How a fact line starts on load_facts' fast path (``"type"`` first, then the fields)."""

_TYPE_MEMBER = {fact_type: f'"type":"{fact_type}"'.encode() for fact_type in _TYPE_PREFIX}
"""The ``"type"`` member of a staged fact's canonical text."""

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


# -- evaluation of one shard (in this process or a worker) -------------------------------------------


@dataclass
class _Job:
    db_path: str
    name: str
    observation_from: dt.date
    as_of: dt.date
    policy: Policy
    lang: Lang
    backend: Backend


@dataclass
class _Done:
    lines: bytes
    """The shard's result lines in UTF-8 (:func:`~qd213_rules.jsonout.result_lines`)."""
    statuses: Counter[str]
    results: int
    warnings: list[tuple[str, str, str, str]]
    owing: dict[tuple[str, dt.date, dt.date], set[str]]
    shards: int = 1
    """The shards evaluated (a batch of member shards counts each of them)."""


class _Worker:
    """Evaluates shards from the store (one per process: its own connection and ruleset)."""

    def __init__(self, job: _Job, *, forked: bool = False) -> None:
        self.job = job
        self.forked = forked
        self.db = _connect(job.db_path, read_only=True)
        self.orgs = _load_orgs(self.db)
        self.builder = _ShardBuilder(self.db, self.orgs, job.name, job.observation_from)
        self.plans: JudgePlans = {}
        """The judge's plans, one per obligation, shared by the judges of every shard this worker
        evaluates (the policy is the job's): built once, and each obligation's sharing of
        reasons tried once, as in one evaluation of the whole province. Built per shard, every
        batch tried sharing again on each obligation's first 256 results (at 10,000 members
        146,465 reasons looked for and made, against 12,411 in memory)."""
        self.runs = 0
        """Shards run so far (every :data:`_FORGET_EVERY`-th starts by :func:`_forget_memos`)."""

    def run(self, shard: _Shard) -> _Done:
        from .parallel import paused_gc

        self.runs += 1
        if self.runs % _FORGET_EVERY == 0:
            _forget_memos()
        # the collector is paused in the processes we fork (freezing only what they hold), never
        # in the caller's: the host owns it (parallel.paused_gc)
        with paused_gc(freeze=True) if self.forked else contextlib.nullcontext():
            return self._run(shard)

    def _run(self, shard: _Shard) -> _Done:
        from .engine import evaluate_context

        job = self.job
        if shard.kind == "members":
            facts = self.builder.members_shard(shard.subjects)
            ctx: Context = Context(facts, job.as_of, job.policy)
        else:
            facts = self.builder.org_shard(shard)
            ctx = _GatheredOwingContext(facts, job.as_of, job.policy, self.db)
        judge = Judge(ctx, job.lang, plans=self.plans)
        report = evaluate_context(ctx, shard.subjects, lang=job.lang, backend=job.backend, judge=judge)
        results: Sequence[Result] = report.results
        if shard.parts:
            # a batch: each shard's results together, in shard order, each in report order
            # (a stable sort by shard, of results in report order)
            index: dict[str, int] = {}
            first = 0
            for number, count in enumerate(shard.parts):
                index.update(dict.fromkeys(shard.subjects[first : first + count], number))
                first += count
            # (a result is in a shard's output when its subject or its bearer is one of the
            # shard's members: evaluate_context)
            results = sorted(results, key=lambda r: index[r.subject_id] if r.subject_id in index else index[r.bearer_id])
        lines = result_lines(results)
        # counted by status member, then named: an enum's .value is a Python property, and this
        # runs once per result of the province
        statuses = Counter({status.value: n for status, n in Counter(map(_STATUS_OF, results)).items()})
        warnings = [self._keep(shard, w) for w in report.data_warnings]
        share = self._owing_share(facts, shard) if shard.kind == "members" else {}
        return _Done(lines, statuses, len(results), [w for w in warnings if w is not None], share, len(shard.parts) or 1)

    def _owing_share(self, facts: FactSet, shard: _Shard) -> dict[tuple[str, dt.date, dt.date], set[str]]:
        ctx = _MembersShareContext(facts, self.job.as_of, self.job.policy, shard.subjects)
        communes = {
            commune
            for member in shard.subjects
            for stay in facts.residence_stays(member)
            if (commune := facts.commune_of(stay.cell_id)) is not None
        }
        out: dict[tuple[str, dt.date, dt.date], set[str]] = {}
        halves = list(half_years(ctx))
        for commune in sorted(communes):
            for _, first, last in halves:
                cells = ctx.owing_cells(commune, first, last)
                if cells:
                    out[(commune, first, last)] = set(cells)
        return out

    def _keep(self, shard: _Shard, warning: DataWarning) -> tuple[str, str, str, str] | None:
        """The warning, if this shard is the one that sees everything it is about."""
        if warning.code == "observation_defaulted" or warning.fact_id is None:
            return None
        member = warning.params.get("member_id")
        if member is not None:
            owner = shard.kind == "members" and member in shard.subjects
        else:
            owner = self._home(warning.fact_id, shard)
        if not owner:
            return None
        params = json.dumps(dict(warning.params), sort_keys=True)
        return (warning.fact_id, warning.code, params, warning.message(self.job.lang))

    def _home(self, event_id: str, shard: _Shard) -> bool:
        # its first member or waiver subject, else the first organisation it names (its
        # organisation-only row: not every organisation reference is a row, _ORG_READ_KINDS)
        row = self.db.execute(
            f"""SELECT r.role, r.target FROM refs r JOIN facts f ON f.seq = r.seq
               WHERE f.ns = 'e' AND f.id = ? AND r.role IN ({_MEMBER}, {_MEMBER_VIA}, {_SUBJECT})
               ORDER BY r.rowid LIMIT 1""",  # noqa: S608
            (event_id,),
        ).fetchone() or self.db.execute(
            f"""SELECT {_ORG}, o.org FROM org_only o JOIN facts f ON f.seq = o.seq WHERE f.ns = 'e' AND f.id = ?""",  # noqa: S608
            (event_id,),
        ).fetchone()
        if row is None:
            return shard.kind == "top"
        role, target = row
        if role == _SUBJECT and target not in self.orgs.kind:
            known = self.db.execute("SELECT 1 FROM facts WHERE ns = 'om' AND id = ?", (target,)).fetchone()
            if known is None:  # a waiver naming no known subject: the top shard reports it
                return shard.kind == "top"
        if role != _ORG and not (role == _SUBJECT and target in self.orgs.kind):
            return shard.kind == "members" and target in shard.subjects
        return shard.kind != "members" and self.orgs.home_shard(target) == shard.key


def _forget_memos() -> None:
    """Empty the process's memos of values the data names — days, verdicts and reasons by
    day, the result lines' texts by reason and date, the fields of each pair of cells — as each
    does itself once full.

    Each memo is bounded (a few thousand to 65,536 entries), but a streaming check meets more
    of their keys the larger the province, so what they held at the peak grew with it: after
    the 10,000-member province's member shards they held about 12 MB, and they fill towards
    their bounds over 200,000 members. Emptied every :data:`_FORGET_EVERY` shards, they hold what
    that many shards name, whatever the province's size; the values are made again when next
    asked for (equal values: no output changes)."""
    from . import jsonout
    from .evaluation import judge, occasions, results
    from .facts import _fast

    for memo in (
        judge._FULFILLED, judge._DAYS, results.SHARED_REASONS,
        occasions._TRIGGER_DAYS, occasions._YEAR_FIELDS, _fast._TEXT_DAYS, _fast._DAY_KEYS, _fast._DAYS,
        jsonout._LINE.rests, jsonout._LINE.tails, jsonout._MADE_MESSAGES, jsonout._MESSAGES,
    ):  # fmt: skip
        memo.clear()
    judge.forget_date_texts()  # with its entry for no date, as when it is full
    jsonout._DATES.clear()  # it starts with an entry for no date
    jsonout._DATES[None] = "null"


_FORGET_EVERY = 16
"""Shards (batches of member shards) run between two :func:`_forget_memos` in a process."""


_FORKED: dict[str, Any] = {}


def _pool_init() -> None:
    _FORKED["worker"] = _Worker(_FORKED["job"], forked=True)


def _pool_run(shard: _Shard) -> _Done:
    worker: _Worker = _FORKED["worker"]
    return worker.run(shard)


# -- the public function ----------------------------------------------------------------------------


def check_stream(
    source_path: str | os.PathLike[str],
    out: TextIO,
    *,
    as_of: dt.date | str | None = None,
    policy: Policy | None = None,
    lang: Lang | None = None,
    backend: Backend = "durable",
    workers: int = 1,
    temp_dir: str | os.PathLike[str] | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """Check a JSON Lines file shard by shard; write one result per line, then a summary line.

    Returns the summary (also the last line written): ``{"type": "summary", "schema_version",
    "as_of", "lang", "input_sha256", "observation", "engine", "policy", "summary" (status
    counts), "results", "shards", "facts", "data_warnings"}``. ``workers`` > 1 evaluates shards in
    that many forked processes (output order unchanged). ``temp_dir`` is where the SQLite staging
    file goes (default: the system's temporary directory); it is deleted afterwards. Raises
    :class:`~qd213_rules.errors.FactsError` on bad input (see the module documentation).
    """
    from ._version import __version__
    from .engine import BACKENDS, today_in_vietnam
    from .errors import UsageError

    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    as_of = as_of or today_in_vietnam()
    policy = policy or Policy()
    lang = lang or default_lang()
    if backend not in BACKENDS:
        raise UsageError([Problem(ErrorCode.USAGE, found=backend, expected=" | ".join(BACKENDS))])
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise UsageError([Problem(ErrorCode.USAGE, found=workers, expected="workers: an integer ≥ 1")])
    registry = default_registry()  # the shards' contexts apply it (results only for duties in force)
    registry.require_in_force(as_of)
    with tempfile.TemporaryDirectory(prefix="qd213-stream-", dir=temp_dir) as folder:
        db_path = str(Path(folder) / "facts.sqlite")
        db = _connect(db_path)
        try:
            staged = _stage(db, source_path, name)
            problems = _global_problems(db, staged)
            if problems:
                raise FactsError(problems)
            observation_from = staged.observation_from
            defaulted = observation_from is None
            if observation_from is None:
                row = db.execute(
                    "SELECT MIN(d) FROM (SELECT MIN(date) AS d FROM facts WHERE ns = 'e' UNION ALL SELECT MIN(since) FROM members)"
                ).fetchone()
                observation_from = dt.date.fromisoformat(row[0]) if row and row[0] else REGULATION_START
            digest = _digest(db)
            orgs = _load_orgs(db)
            _check_organizations(db, staged.name, observation_from)
            job = _Job(db_path, staged.name, observation_from, as_of, policy, lang, backend)
            statuses: Counter[str] = Counter()
            total = shards = 0

            # the lines are UTF-8 bytes: written to the binary stream under `out` when it has
            # one, as the CLI writes the JSON report (commands._write_stdout)
            binary = getattr(out, "buffer", None)

            def consume(done: _Done) -> None:
                nonlocal total, shards
                if binary is not None:
                    out.flush()  # whatever `out` holds as text goes first
                    # a slice at a time (views: no copy): one write of a batch's several MB
                    # into a file cost the kernel about three times what the same bytes cost
                    # in slices (10,000 members: 1.2-1.6 s of system time, sliced 0.45-0.6 s)
                    lines = memoryview(done.lines)
                    for at in range(0, len(lines), _WRITE_SLICE):
                        binary.write(lines[at : at + _WRITE_SLICE])
                else:  # a text stream without bytes underneath (a caller's StringIO)
                    out.write(done.lines.decode())
                statuses.update(done.statuses)
                total += done.results
                shards += done.shards
                db.executemany("INSERT OR IGNORE INTO warnings VALUES (?, ?, ?, ?)", done.warnings)
                db.executemany("INSERT OR IGNORE INTO owing VALUES (?, ?, ?, ?)",
                               [(commune, first.isoformat(), last.isoformat(), cell)
                                for (commune, first, last), cells in done.owing.items() for cell in cells])  # fmt: skip

            # a connection of its own: a worker pool reads the shard list from another thread
            _list_members(db, as_of)
            # staging is done: this connection only records warnings and owing cells from here
            # on, so its page cache (full at any large province) goes back before the shards
            # run, instead of sitting under every shard's working set
            db.execute(f"PRAGMA cache_size = {_SHARD_CACHE_KIB}")
            db.execute("PRAGMA shrink_memory")
            listing = _connect(db_path, read_only=True, check_same_thread=False)
            try:
                for done in _run_shards(job, _member_batches(_member_shards(listing)), workers):
                    consume(done)
            finally:
                listing.close()
            org_shards = _org_shards(db, orgs)
            db.commit()  # the organisation shards read the owing cells from their own connections
            for done in _run_shards(job, org_shards, workers):
                consume(done)
            warnings = [
                {"code": code, "fact_id": fact_id, "message": message}
                for fact_id, code, _, message in db.execute("SELECT * FROM warnings ORDER BY fact_id, code, params")
            ]
            if defaulted:
                first = DataWarning("observation_defaulted", None, {"date": observation_from.isoformat()})
                warnings.insert(0, first.to_dict(lang))
            if as_of < observation_from:  # as a plain check's report, first
                early = DataWarning(WarningCode.AS_OF_BEFORE_OBSERVATION.value, None,
                                    {"as_of": as_of.isoformat(), "observation_from": observation_from.isoformat()})
                warnings.insert(0, early.to_dict(lang))
        finally:
            db.close()
    from .evaluation.results import STATUS_ORDER

    summary: dict[str, Any] = {
        "type": "summary",
        "schema_version": 1,
        "regulation": [r.ref() for r in registry.applied(max(REGULATION_START, observation_from), as_of) or registry.in_force_on(as_of)],
        "as_of": as_of.isoformat(),
        "lang": lang,
        "input_sha256": digest,
        "observation": {"from": observation_from.isoformat(), "defaulted": defaulted},
        "engine": {"version": __version__, "backend": backend, "mode": "stream"},
        "policy": policy.effective(),
        "summary": {s.value: statuses.get(s.value, 0) for s in reversed(STATUS_ORDER)},
        "results": total,
        "shards": shards,
        "facts": dict(sorted(staged.counts.items())),
        "data_warnings": warnings,
    }
    out.write(json.dumps(summary, ensure_ascii=False) + "\n")
    out.flush()
    return summary


def _run_shards(
    job: _Job, shards: Iterable[_Shard], workers: int
) -> Iterator[_Done]:
    """Each shard's result, in shard order (from a pool of forked workers when ``workers`` > 1)."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        worker = _Worker(job)
        try:
            for shard in shards:
                yield worker.run(shard)
        finally:
            worker.db.close()
        return
    from .parallel import forking

    with forking(_FORKED, job=job):  # the workers are forked: they read these, nothing is sent
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_pool_init)
    with pool:
        yield from pool.imap(_pool_run, shards, chunksize=1)


def _digest(db: sqlite3.Connection) -> str:
    """``input_sha256`` as :meth:`FactSet.digest` computes it: canonical facts in canonical order
    (organisations, members, events — the types in descending order — each by date, then id).

    One scan of the table through SQLite's sorter (a fixed memory of the page cache's size, runs
    spilled to sequential temporary files), not an index walk: the rows lie in line order, so
    reading them in date order through an index read a table page per fact (at 40,000 members
    628,000 reads of 2.6 GB from a 400 MB file, a second of kernel time; sorted: 96,000 reads,
    0.4 GB)."""
    h = hashlib.sha256()
    rows = db.execute("SELECT canon FROM facts NOT INDEXED ORDER BY type DESC, date, id")
    while block := rows.fetchmany(_DIGEST_ROWS):
        h.update(b"\n".join([canon for (canon,) in block]))
        h.update(b"\n")
    return h.hexdigest()


_WRITE_SLICE = 1 << 18
"""Bytes of result lines handed to one write at most (:func:`check_stream`): a batch's lines are
several MB, and on the benchmark's host writes of 2 MB into a file cost the kernel about three
times more per byte than writes of 64 KB to 1 MB (the in-memory report writes pieces of about
200 KB)."""


_DIGEST_ROWS = 4096
"""Canonical lines hashed at a time by :func:`_digest` (one ``update`` per block, not per line)."""


def _check_organizations(db: sqlite3.Connection, name: str, observation_from: dt.date) -> None:
    """Every organisation-level check (kinds of parents, cycles) on the tree alone."""
    collector = Collector(file=name)
    located: list[tuple[Any, SourceLocation]] = []
    for line, canon in db.execute("SELECT line, canon FROM facts INDEXED BY facts_orgs WHERE type = 'organization' ORDER BY id"):
        raw = json.loads(canon)
        raw.pop("type", None)
        model = validate_fact("organization", raw, base="$", collector=collector, file=name, line=line)
        if model is not None:
            located.append((model, SourceLocation(name, line, None)))
    collector.raise_if_any()
    FactSet.from_located(located, [], [], observation_from=observation_from, source_name=name, collector=collector, part=True)
