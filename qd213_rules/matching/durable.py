"""The durable-rules matcher (the default backend).

Follows the measured pattern of docs/durable-rules.md: ``durable.lang`` only builds the
ruleset JSON; the C core (``durable_rules_engine``) runs it, with no ``Host``, no background
threads and no Python actions. The sessions of one call (one subject's facts each) go into one
C-core session, in one ``assert_facts``: each fact carries the position of its session in the
call (``s``, :data:`~.compiler.SUBJECT_KEY`), which every multi-fact rule requires to be its
trigger's, so no rule joins two subjects' facts. Every pending action is drained with
``start_action``/``complete_and_start_action``, and the call's C-core session is deleted
before it returns (the next call opens a new one). Keeping one session for every call and
retracting each call's facts (``retract_facts``) was faster — creating and deleting a session
allocates and clears index tables for every join of the ruleset (about 1.4 MB): a one-member
evaluation p50 1.61 -> 1.39 ms — but durable-rules 2.0.28 reads uninitialised memory while
retracting facts (``deleteMessageFromFrame``, found with valgrind) and now and then crashes
the process there (about one 10,000-member check in eight). Each fact goes in with its position in
the call (plus a power of ten: every id of a call has one width) as its C-core ``id`` (one event is in several subjects' sessions; the rules read a
fact's own id as ``fid``), and a firing's frames are read from those ids (see ``_TAG``): the
frames hold the asserted dicts themselves, not parsed copies; only the properties some rule
reads are asserted, each under a short name of its own (see ``_short_names``).
Every error the engine reports reaches the caller: a return code of ``assert_facts`` other than
0 and 1 (1 = some fact reached no rule, which a fact its rules' filters refuse does: normal;
2 = a duplicate fact), an exception stored in a session's state, or any exception of the C
calls.

The C core never releases the GIL and has no locks, so one lock guards each ruleset handle;
parallelism comes from processes. The compiled ruleset is created once per process, lazily.

Pitfall found here (durable-rules 2.0.28): a batch holding two facts with the same ``id`` in one
session returns code 2 and leaves the session corrupted — deleting it afterwards aborts the
process (``double free``). So duplicate ids in a subject's session are refused in Python (and
the C-core ids, positions, are unique by construction),
and on any error the pending actions are drained before the session is deleted. Deleting
a session that was never asserted fails with error 309 and can crash later calls, so only
a session that received facts is deleted. Deleting a session in which no rule fired can abort
the process too (it frees an action context only an action sets: ``free(): invalid pointer``),
so every new session also gets one ``$session`` fact (asserted after the call's facts, in the
same ``assert_facts``), which the ``$open`` rule fires on once (that firing is drained and not
returned), and which stays until the session is deleted.
"""

from __future__ import annotations

import itertools
import json
import operator
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, cast

from pydantic_core import to_json

from ..errors import EngineError
from .backend import Backend, Fact, Match, OccasionRecord, SplitFacts
from .compiler import (
    FACT_ID, NEED_KIND, OCCASION_KIND, OPEN_RULE, SESSION_KIND, SUBJECT_KEY, CompiledRules, _condition_kind, is_speed_key, occasion_leaf,
    property_reads, speed_keys,
)  # fmt: skip
from .python import judged_order_of, judged_order_of_rules, sort_matches

__all__ = ["DurableMatcher", "DurableRulesError", "Match"]

_sequence = itertools.count()


class DurableRulesError(EngineError):
    """durable-rules reported a problem (return code, stored exception, C error)."""


def _engine() -> Any:
    try:
        import durable_rules_engine
    except ImportError as exc:  # never fall back silently to another matcher
        raise DurableRulesError(
            "durable-rules is not importable (it needs Python 3.11 or 3.12 and a C compiler to build): " f"{exc}"
        ) from exc
    return durable_rules_engine


class DurableMatcher:
    """One compiled ruleset in the C core and the C-core session each call asserts into (opened
    by the call and deleted before it returns); thread-safe."""

    backend: Backend = "durable"

    def __init__(
        self, compiled: CompiledRules, *, single: CompiledRules | None = None, parts: Mapping[str, CompiledRules] | None = None,
        named: _Named | None = None,
    ) -> None:
        """``single``: the same rules compiled for calls of one session (``compile_rules(…,
        batched=False)``), which then run in a matcher of their own: no join keeps sessions
        apart there (about a tenth of the C core's work of a one-member call). ``parts``: by
        name, the rules of some of the obligations compiled the same way, for calls of one
        session whose caller reads the matches of those obligations only (:meth:`match`'s
        ``part``)."""
        self.compiled = compiled
        self._engine = _engine()
        self.name = f"qd213_{os.getpid()}_{next(_sequence)}"
        ruleset = compiled.ruleset
        self._merged: dict[str, dict[Any, str]] = {}
        """Each rule that stands for a family of rules (:func:`_families`) -> the obligation of
        its frame's occasion (of a family of kinds: the kind of its frame's fact) -> the rule of
        the family the frame is a match of."""
        self._family_leaves: dict[Any, tuple[str, ...]] = {}
        """Obligation -> the leaves of the families its ``$occasion`` facts are in, and
        ``(_KIND_FAMILY, kind)`` -> that of the family of kinds its facts are in (each fact is
        asserted with their speed keys too)."""
        ruleset_json: str | None = None
        if named is None:
            reads = property_reads(ruleset)
            if not any(SUBJECT_KEY in names for names in reads.values()):  # rules for calls of one session
                ruleset, self._merged, self._family_leaves = _families(ruleset)
                if self._merged:
                    reads = property_reads(ruleset)
            short = _short_names(reads)
        else:  # some of a matcher's rules (_Fits): as that matcher runs them, their reads and text, its short names
            ruleset, reads, short, ruleset_json, self._merged, self._family_leaves = named
        reserved = sorted({name for names in reads.values() for name in names if name in ("id", "sid")})
        if reserved:  # the matcher writes these itself (a rule reads a fact's own id as FACT_ID)
            raise DurableRulesError(f"rules read properties the matcher reserves: {reserved}")
        self._reads = reads
        self._short = short
        """Each property some rule reads -> the name the C core knows it by (see _short_names)."""
        try:
            if ruleset_json is None:
                ruleset_json = json.dumps(_ruleset_texts(ruleset, short), sort_keys=True, ensure_ascii=False)
            self._handle = self._engine.create_ruleset(self.name, ruleset_json)
        except Exception as exc:
            raise DurableRulesError(f"durable-rules refused the compiled ruleset: {exc}") from exc
        self._session_text = to_json({**dict.fromkeys(map(self._short.__getitem__, speed_keys(SESSION_KIND)), 1), "id": "|session"}).decode()
        """The text of the ``$session`` fact the ``$open`` rule fires on, asserted last in each
        call's one ``assert_facts`` (the other facts' ids are numbers: see _Tags; its text starts
        with no tag, so no firing's reader takes it for a fact of the call)."""
        self._aliases = {name: len(rule["all"]) for name, rule in ruleset.items() if name != OPEN_RULE}
        """Facts per frame of each rule (a firing names exactly that many); not of ``$open``,
        whose one firing per call :meth:`match` skips (so :func:`_read_firing` refuses it at
        once, without looking for a fact of the call)."""
        self._wide = frozenset(
            name for name, rule in ruleset.items() if len(rule["all"]) > 2 or not any("o" in part for part in rule["all"])
        )
        """The rules whose frames may tie for the judge even when no two of a session's events
        are one (:func:`~.python.judged_order_of`: a frame of three facts, or a breach's)."""
        unreadable = [
            name
            for name, rule in ruleset.items()
            if '"' in name or "\\" in name or any(len(alias) != 1 for part in rule["all"] for alias in part)
        ]
        if unreadable:  # a firing is read as its rule name between quotes and one-letter aliases
            raise DurableRulesError(f"rules whose firings _read_firing cannot read: {unreadable}")
        self._batched = any(SUBJECT_KEY in names for names in reads.values())
        """Whether the rules keep a call's sessions apart by ``s`` (else a call has one session,
        and its facts go in without ``s``)."""
        self._kinds = {
            kind: self._spec(kind, self._family_leaves.get((_KIND_FAMILY, kind), ()))
            for kind in compiled.kinds
            if kind != OCCASION_KIND
        }
        """Kind -> the two properties every condition on it tests (``compiler._kind``), the
        fact's properties asserted (only those some rule reads: ``compiler.property_reads``)
        and whether some rule reads its own id (``FACT_ID``); ``None`` if no rule reads it."""
        self._occasions: dict[Any, _Spec | None] = {}
        """The same for an ``$occasion``, by obligation id: each obligation's rules read a few
        of an occasion's properties (often one of about six)."""
        self._record_specs: dict[tuple[type[OccasionRecord], Any], _RecordSpec | None] = {}
        """The same for an occasion record, by its type and obligation (:meth:`_record_spec`)."""
        self._ob_readers: dict[type[OccasionRecord], Callable[[Any], Any]] = {}
        """Occasion record type -> the reader of its obligation (:meth:`_ob_reader`)."""
        self._cited_rules: tuple[Mapping[str, str], dict[str, _CitedRule]] | None = None
        """The last ``cites`` :meth:`match` was given and how it reads their firings
        (:meth:`_cited_rules_of`; the engine gives one mapping per list of duties)."""
        self._lock = threading.Lock()
        self._closed = False
        self._single_rules = single
        self._part_rules: Mapping[str, CompiledRules] = parts or {}
        self._singles: dict[tuple[str | None, bool], DurableMatcher] = {}
        """The matchers of calls of one session — of ``single`` (part ``None``) or of a part, with
        or without its breach rules (see :meth:`_single_matcher`) — each made at its first call
        (a check seldom has a call of one session: a ruleset and session would be memory for
        nothing)."""
        self._breach_free: dict[str | None, tuple[frozenset[str], CompiledRules] | None] = {}
        """Per part: the kinds its breach rules read and its rules without them (``None``: it
        has none, or they read an ``$occasion``)."""
        self._fits: dict[str | None, _Fits] = {}
        """Per part: the rules that can fire for each set of kinds and obligations a session
        holds, and the matchers of those rules alone (see :meth:`_single_matcher`)."""

    def close(self) -> None:
        with self._lock:
            for made in self._singles.values():
                made.close()
            for fits in self._fits.values():
                fits.close()
            if not self._closed:  # no session is left: each call deletes its own (see match)
                self._engine.delete_ruleset(self._handle)
                self._closed = True

    def match(
        self, sessions: Mapping[str, Sequence[Fact | OccasionRecord]], *, canonical: bool = True, part: str | None = None,
        cites: Mapping[str, str] | None = None, cited: Mapping[str, defaultdict[str, list[Any]]] | None = None,
        _split_of: tuple[Sequence[Fact], list[OccasionRecord]] | None = None,
    ) -> dict[str, list[Match]]:
        """Assert every session's facts into one C-core session and collect every match.

        A session's ``$occasion`` facts may be given as :class:`~.backend.OccasionRecord`
        objects: each is asserted with the properties of its dict
        (:meth:`~.backend.OccasionRecord.as_fact`) that some rule reads, read off the record,
        and stands in its frames where the dict would (performance: a one-member evaluation's
        some twenty occasions were each made into a dict only to be read again here).

        Matches are returned per session, sorted, so the result does not depend on the
        engine's agenda order. With ``canonical`` false, in the order the judge needs and no
        more (:func:`~.python.judged_order_of`: the engine's own calls). ``part``: the name of
        one of the matcher's ``parts`` whose obligations are the only ones the caller reads the
        matches of (a member's, in a one-member evaluation): a call of one session then runs
        in those rules alone and gives only their matches (performance: the C core makes every
        new session's tables for every join of its ruleset, and a session of fewer rules is
        less memory to clear, fill and free — a member's session in the rules of the members'
        duties alone, without the organisations', about 6 % less time per call). ``_split_of``:
        the one session's dicts and occasion records (:func:`_split`), when the caller has them.

        ``cites`` and ``cited`` (both or neither: the engine's): the rules whose frames of two
        facts, ``o`` and ``e``, the caller only cites — each with the start of the key of an
        ``o`` that is an event fact — and, per session, where their frames
        go instead of into its matches (a ``defaultdict(list)`` each): ``(e's day, e's event as
        text)`` appended to the list of ``o``'s key (an occasion record's ``fact_id``, an ``$occasion``'s ``id``, or that
        start and an event fact's ``id``), in no particular order (performance: about twenty
        of a member's some fifty matches, each read once instead of made into a frame the
        engine reads again).
        """
        if self._single_rules is not None:
            alone = [facts for facts in sessions.values() if facts]
            if len(alone) == 1:
                lone = alone[0]
                # its halves as the engine made them, else sorted here
                split = (lone.dicts, lone.records) if type(lone) is SplitFacts else _split(lone)
                return self._single_matcher(part, alone[0], split).match(
                    sessions, canonical=canonical, cites=cites, cited=cited, _split_of=split
                )
        out: dict[str, list[Match]] = {sid: [] for sid in sessions}
        # every fact goes in with its position in ``flat`` (plus ``base``) as its C-core id ("id", written first:
        # a firing names its facts by these and hands out the asserted dicts), the position of
        # its session (SUBJECT_KEY) and only the properties some rule reads; no "sid": the C
        # core puts a fact without one in its session "0" (_CORE_SID)
        flat: list[Fact | OccasionRecord] = []
        owners: list[list[Match]] = []  # the matches of the session of each fact of ``flat``
        tagged: list[dict[str, Any]] = []
        kinds = self._kinds
        occasions = self._occasions
        ob_readers = self._ob_readers
        record_specs = self._record_specs
        batched = self._batched
        fid = self._short.get(FACT_ID, FACT_ID)  # (no rule of a few may read it)
        # C-core ids of one width (see _Tags): the position in ``flat`` plus a power of ten
        base = _Tags.base_of(sum(map(len, sessions.values())))
        # the events of the facts of a call of one session that can be evidence or an event
        # trigger (not its occasions nor its $need facts), for its judged order (see below)
        events: list[Any] | None = None if canonical or batched else []
        need = NEED_KIND
        for session, (sid, facts) in enumerate(sessions.items()):
            if not facts:
                continue
            if not batched and flat:
                raise DurableRulesError("rules compiled for one session were given several")
            halves = _split_of
            if halves is None:  # a batch's session: dicts alone
                try:
                    ids = set(map(_id_of, facts))  # type: ignore[arg-type]  # a set made in C: no Python step per fact
                except TypeError:  # occasion records among them
                    halves = _split(facts)
            if halves is not None:  # a set of the dicts' ids made in C, and of the records' (each its property's)
                ids = set(map(_id_of, halves[0]))
                # (the records' ids as the engine made them: each property is a call from C)
                ids.update(facts.record_ids if type(facts) is SplitFacts else map(_record_id_of, halves[1]))
            if len(ids) != len(facts):
                every = [_fact_id(fact) for fact in facts]
                duplicates = sorted({i for i in every if every.count(i) > 1})
                raise DurableRulesError(f"duplicate fact ids in session {sid}: {duplicates}")
            first = position = len(flat)
            for fact in facts:
                if type(fact) is not dict:  # an occasion record: its $occasion's properties read off it
                    record: OccasionRecord = fact  # type: ignore[assignment]
                    # _record_spec, without its two calls when the record's type and obligation
                    # were met before (performance: some twenty records per one-member call)
                    # (one look-up: a spec may be None)
                    record_type = type(record)
                    ob_reader = ob_readers.get(record_type)
                    record_spec = record_specs.get((record_type, ob_reader(record)), _MISSING) if ob_reader is not None else _MISSING
                    if record_spec is _MISSING:
                        record_spec = self._record_spec(record)
                    if record_spec is None:
                        continue
                    # its entry copied from the spec's, whose keys are in the order a literal
                    # would write them (performance: a dict built key by key per record)
                    template, readers, with_id = record_spec
                    entry: dict[str, Any] = template.copy()
                    entry["id"] = base + position
                    if batched:
                        entry[SUBJECT_KEY] = session
                    for short, reader in readers:
                        value = reader(record)
                        if value is not _MISSING:
                            entry[short] = value
                    if with_id:
                        entry[fid] = record.fact_id
                    tagged.append(entry)
                    flat.append(fact)
                    position += 1
                    continue
                kind = fact.get("t")
                if kind == OCCASION_KIND:  # about half the facts: their obligation's spec, kept
                    ob = fact.get("ob")
                    spec = occasions[ob] if ob in occasions else self._occasion(ob)
                elif type(kind) is str:
                    spec = kinds.get(kind)
                    if events is not None and kind != need:
                        events.append(fact.get("event"))
                else:
                    raise DurableRulesError(f"fact {fact['id']!r} has no kind (t)")
                if spec is None:  # a kind (or obligation) no rule reads: no condition can hold for it
                    continue
                group, key, read, with_id, more_keys = spec
                core_id = base + position
                entry = {"id": core_id, SUBJECT_KEY: session, group: 1, key: 1} if batched else {"id": core_id, group: 1, key: 1}
                for more in more_keys:  # the speed keys of its families (self._family_leaves)
                    entry[more] = 1
                for name, short in read:  # the few names some rule reads, not the fact's many (3 of 10)
                    if name in fact:
                        entry[short] = fact[name]
                if with_id:
                    entry[fid] = fact["id"]
                tagged.append(entry)
                flat.append(fact)
                position += 1
            owners += [out[sid]] * (position - first)
        if not flat:
            return out
        payload = _payload(tagged)
        del tagged
        tags = _Tags.of(base)
        width = tags.width
        found = tags.table(payload, flat, owners)
        engine = self._engine
        handle = self._handle
        aliases = self._aliases
        merged = self._merged  # (none in rules for several sessions: their calls' matches go to one list)
        matches_of_call = owners[0]
        # each session's table of cited pairs, by the identity of its matches (which a fact's
        # entry in ``found`` names)
        cited_of: dict[int, defaultdict[str, list[Any]]] | None = None
        reads: dict[str, _CitedRule] | None = None
        if cites and cited is not None:
            cited_of = {id(out[sid]): cited[sid] for sid in sessions}
            kept = self._cited_rules
            if kept is None or kept[0] is not cites:
                kept = self._cited_rules = (cites, self._cited_rules_of(cites))
            reads = kept[1]
        # the rule of each firing, and the rules that gave more than one frame in one (of a call
        # of one session: every frame is in matches_of_call), for the judged order (below): those
        # whose frames may tie however the session's events are (self._wide), and the others
        fired: list[str] = []
        wide: list[str] = []
        narrow: list[str] = []
        wide_rules = self._wide
        with self._lock:
            if self._closed:
                raise DurableRulesError("the matcher was closed")
            failure: str | None = None
            try:  # from here on, the session is deleted (below)
                # the call's facts and, after them, the new session's $session fact in one
                # assert_facts, its $open firing skipped in the one drain below (performance: a
                # second assert_facts and drain per call)
                result = engine.assert_facts(handle, f"{payload[:-1]},{self._session_text}]")
                code = result[0] if isinstance(result, tuple) else result
                if code > 1:  # 1: some fact reached no rule (a meeting the member did not attend): normal
                    failure = {2: "duplicate fact in a session"}.get(code, f"assert_facts returned {result!r}")
                while (action := engine.start_action(handle)) is not None:
                    state_json, message, action_handle = action
                    # the state is parsed only when its text names an exception (once per call)
                    if '"exception"' in state_json and "exception" in (state := json.loads(state_json)):
                        failure = f"an exception is stored in session state: {state['exception']}"
                    while message:
                        read_from = len(matches_of_call)
                        rule_name = _read_firing(message, found, width, aliases, reads, cited_of)
                        if rule_name is None:
                            if not message.startswith(_OPENED):  # never: raised after the drain
                                failure = f"a firing this matcher cannot read: {message[:200]}"
                        elif rule_name is _FOREIGN:  # never: raised after the drain
                            failure = f"a family's firing names an occasion of none of its rules: {message[:200]}"
                        else:
                            fired.append(rule_name)
                            if rule_name in merged and len(matches_of_call) > read_from:  # (a family read as cited adds none)
                                if not self._unmerge(matches_of_call, read_from):  # never: raised after the drain
                                    failure = f"a family's firing names an occasion of none of its rules: {message[:200]}"
                                elif len(matches_of_call) > read_from + 1:  # its rules that may have several frames
                                    (wide if rule_name in wide_rules else narrow).extend(
                                        map(_rule_of, itertools.islice(matches_of_call, read_from, None))
                                    )
                            elif len(matches_of_call) > read_from + 1:
                                (wide if rule_name in wide_rules else narrow).append(rule_name)
                        message = engine.complete_and_start_action(handle, action_handle)
            finally:
                # every call ends by deleting its session (it exists: deleting a session that
                # does not fails with 309 and leaves the C core unstable); not by retracting
                # its facts, which crashes the process now and then (module docstring)
                engine.delete_state(handle, _CORE_SID)
            if failure is not None:
                raise DurableRulesError(f"durable-rules: {failure}")
        if canonical:
            for matches in out.values():
                sort_matches(matches)  # by (rule name, canonical JSON of the frame)
            return out
        # whether each of those facts names its event and no two name one: then no two frames
        # of a trigger, or of a trigger and one piece of evidence, can tie (judged_order_of;
        # a call of several sessions is not looked at: their sessions share events)
        apart = events is not None and None not in events and len(set(events)) == len(events)
        if not batched and len(set(fired)) == len(fired):
            # a call of one session whose rules each fired once: only the rules that gave
            # several frames can have frames that tie (performance: judged_order_of reads each
            # match in Python to find them, about a thirtieth of a one-member call's bytecodes)
            judged_order_of_rules(matches_of_call, wide if apart else wide + narrow, apart)
            return out
        for matches in out.values():
            judged_order_of(matches, apart)  # as the judge needs
        return out

    def _single_matcher(
        self, part: str | None = None, facts: Sequence[Fact | OccasionRecord] | None = None,
        split: tuple[Sequence[Fact], list[OccasionRecord]] | None = None,
    ) -> DurableMatcher:
        """The matcher of the rules for calls of one session, or of those of ``part`` if the
        matcher has such a part (each made at its first call). Given the session's ``facts``,
        fewer rules that give the same matches: every condition tests its fact's kind (or its
        occasion's obligation) first, so a rule with a condition on a kind the session does not
        hold cannot fire. The matcher of exactly the rules that can fire, once made
        (:class:`_Fits`: made once sessions holding those kinds would have been spared a fifth
        of what making it costs); until then the made matcher of the fewest rules that include
        them, or the rules without the breach rules when the session holds no kind a breach
        rule reads (performance: the C core makes each new session's tables for every rule,
        and a member's session almost never holds a breach — 80 rules instead of 96, one call's
        matching about 6 % less time — and holds the kinds of about half the others)."""
        with self._lock:
            if self._closed:
                raise DurableRulesError("the matcher was closed")
            name = part if part is not None and part in self._part_rules else None
            rules = self._part_rules[name] if name is not None else self._single_rules
            assert rules is not None
            lean = False
            choice: _Choice | None = None
            fits: _Fits | None = None
            if facts is not None:
                fits = self._fits.get(name)
                if fits is None:
                    fits = self._fits[name] = _Fits(rules)
                # the kinds and the obligations (of its $occasion facts) the session holds, read in C
                dicts, records = split if split is not None else _split(facts)
                if records:  # occasion records: what their dicts would hold
                    obs = set(map(dict.get, dicts, _OB))
                    record_types = set(map(type, records))
                    if len(record_types) == 1:  # the engine's alone (nearly always): no filter by type
                        obs.update(map(self._ob_reader(record_types.pop()), records))
                    for record_type in record_types:  # several types: each read by its own reader
                        obs.update(map(self._ob_reader(record_type), [r for r in records if type(r) is record_type]))
                    held = (frozenset(map(dict.get, dicts, _T)) | {OCCASION_KIND}, frozenset(obs))
                else:
                    held = (frozenset(map(dict.get, dicts, _T)), frozenset(map(dict.get, dicts, _OB)))
                choice = fits.choices.get(held)
                if choice is None:
                    choice = fits.choice(held)
                if choice.matcher is not None:
                    return choice.matcher
                if choice.seen != fits.made:
                    fits.find_nearest(choice)
                if name not in self._breach_free:
                    self._breach_free[name] = _without_breaches(rules)
                found = self._breach_free[name]
                if found is not None and not (found[0] & held[0]):
                    rules, lean = found[1], True
            made = self._singles.get((name, lean))
            if made is None:
                made = self._singles[(name, lean)] = DurableMatcher(rules)
            if choice is not None and fits is not None:
                nearest = choice.nearest
                if nearest is not None and len(nearest.compiled.ruleset) < len(made.compiled.ruleset):
                    made = nearest
                fits.use(choice, len(made.compiled.ruleset))
            return made

    def _cited_rules_of(self, cites: Mapping[str, str]) -> dict[str, _CitedRule]:
        """How :func:`_read_cited` reads the firings of the rules of ``cites`` (see :meth:`match`)
        as this matcher runs them: each rule of ``cites`` with its event key's start, and each
        family (:func:`_families`) whose every rule is of ``cites`` with the rule of each
        obligation (its frames' occasions are checked to be of one of them, as
        :meth:`_unmerge` checks) and the matcher's reader of an occasion record's obligation."""
        out: dict[str, _CitedRule] = {name: (start, None, self._ob_reader) for name, start in cites.items()}
        for family, by_ob in self._merged.items():
            if all(name in cites for name in by_ob.values()):
                out[family] = ("", by_ob, self._ob_reader)  # (its occasions are never event facts)
        return out

    def _unmerge(self, matches: list[Match], start: int) -> bool:
        """Give each frame of ``matches[start:]`` (one firing of a family's rule) the name of the
        rule of the family it is a match of: that of its occasion's obligation (each rule of a
        family is the others' but for the obligation of its occasion: see :func:`_families`), or
        of a family of kinds, that of its fact's kind; ``False`` if an occasion is of none of them."""
        by_ob = self._merged[matches[start][0]]
        try:
            for index in range(start, len(matches)):
                frame = matches[index][1]
                occasion = frame["o"]
                if type(occasion) is not dict:
                    ob = self._ob_reader(type(occasion))(occasion)
                else:  # an $occasion dict by its obligation; an event fact (a family of kinds) by its kind
                    ob = occasion["ob"] if (kind := occasion["t"]) == OCCASION_KIND else kind
                matches[index] = (by_ob[ob], frame)
        except (KeyError, TypeError):
            return False
        return True

    def _spec(self, leaf: str, families: tuple[str, ...] = ()) -> _Spec | None:
        """What the matcher asserts of a fact whose leaf (``compiler.speed_keys``) is ``leaf``
        and which is in ``families`` (their leaves, :func:`_families`): the two properties
        every condition on it tests, the properties some rule reads of it (not those the
        matcher writes itself: its ids, session and speed keys, which stand for its kind: no
        rule reads ``t`` or ``ob``), whether some rule reads its own id, and the speed keys of
        the other leaves some rule reads; ``None`` if no rule reads it."""
        leaves = [each for each in (leaf, *families) if each in self._reads]
        if not leaves:
            return None
        reads = frozenset().union(*map(self._reads.__getitem__, leaves))
        written = ("id", "sid", SUBJECT_KEY, FACT_ID)
        short = self._short
        asserted = tuple((name, short[name]) for name in sorted(reads) if name not in written and not is_speed_key(name))
        keys = [short[key] for each in leaves for key in speed_keys(each)]
        return (keys[0], keys[1], asserted, FACT_ID in reads, tuple(keys[2:]))

    def _occasion(self, ob_id: Any) -> _Spec | None:
        """:meth:`_spec` of an ``$occasion`` of obligation ``ob_id`` (``compiler._occasion``)."""
        try:
            return self._occasions[ob_id]
        except KeyError:
            found = self._occasions[ob_id] = self._spec(occasion_leaf(str(ob_id)), self._family_leaves.get(ob_id, ()))
            return found

    def _ob_reader(self, record_type: type[OccasionRecord]) -> Callable[[Any], Any]:
        """The reader of the obligation (``ob``) of occasion records of ``record_type``."""
        found = self._ob_readers.get(record_type)
        if found is None:
            found = self._ob_readers[record_type] = record_type.fact_reader("ob", _MISSING)
        return found

    def _record_spec(self, record: OccasionRecord) -> _RecordSpec | None:
        """:meth:`_occasion` of an occasion record, each property asserted read off the record
        (:meth:`~.backend.OccasionRecord.fact_reader`; kept per record type and obligation)."""
        record_type = type(record)
        ob = self._ob_reader(record_type)(record)
        try:
            return self._record_specs[(record_type, ob)]
        except KeyError:
            spec = self._occasion(ob)
            found: _RecordSpec | None = None
            if spec is not None:
                group, key, asserted, with_id, more_keys = spec
                # what match writes first: its C-core id (and session), the two speed keys and
                # those of its families (self._family_leaves), the id and session set per record
                template: dict[str, Any] = {"id": 0, SUBJECT_KEY: 0} if self._batched else {"id": 0}
                template[group] = 1
                template[key] = 1
                for more in more_keys:
                    template[more] = 1
                found = (template, tuple((short, record_type.fact_reader(name, _MISSING)) for name, short in asserted), with_id)
            self._record_specs[(record_type, ob)] = found
            return found


def _families(ruleset: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, dict[Any, str]], dict[Any, tuple[str, ...]]]:
    """The rules of ``ruleset`` (for calls of one session) with each family of rules as one rule;
    that rule's name -> the obligation of a frame's occasion -> the rule of the family the frame
    is a match of; and each obligation -> the leaves of the families its occasions are in.

    A family: rules whose first condition is an ``$occasion`` of their obligation and nothing
    else (alias ``o``: ``compiler._occasion``) and whose other conditions are the same (an
    evidence rule of a state-derived occasion: the member's comment form joined on ``o.member``
    is the evidence of eight duties), each of another obligation. Their rule tests instead an
    ``$occasion`` of the family's own leaf, whose speed keys the matcher asserts with each
    occasion of those obligations too (:meth:`DurableMatcher._spec`): its frames are exactly
    the frames of the family's rules, each of the rule of its occasion's obligation.

    A family of kinds: the rules whose one condition is an event kind alone (a duty's trigger),
    each the only such rule of its kind. Their rule tests the family's own leaf, whose speed keys
    the matcher asserts with each fact of those kinds too (``(_KIND_FAMILY, kind)`` in the
    leaves): its frames are theirs, each of the rule of its fact's kind.

    Performance: the C core makes each new session's tables for every condition of every rule
    and hands each rule's frames out in a firing of its own (a round trip and a message read);
    a member's session runs in about 46 rules, of which about 7 merge into the others
    (2,000-member province): about 14 of 83 conditions and 6 of 31 firings fewer per call; the
    family of kinds, about 5 more of the 26 firings left (26.1 -> 20.8 a call) and about 6 more
    conditions' tables (the C library's clearing 622,600 -> 571,800 instructions a call,
    ``callgrind`` of 300 one-member calls)."""
    prefix = OCCASION_KIND + "/"
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, rule in ruleset.items():
        conditions = rule["all"]
        if len(conditions) < 2 or list(conditions[0]) != ["o"]:
            continue
        leaf = _condition_kind(conditions[0]["o"])
        if leaf.startswith(prefix) and conditions[0]["o"] == _leaf_condition(leaf):
            groups.setdefault(json.dumps(conditions[1:], sort_keys=True), []).append((name, leaf))
    out = dict(ruleset)
    merged: dict[str, dict[Any, str]] = {}
    leaves: dict[Any, tuple[str, ...]] = {}
    for text, members in sorted(groups.items()):
        obs = [leaf[len(prefix) :] for _, leaf in members]
        if len(members) < 2 or len(set(obs)) < len(obs):  # one rule, or two of one obligation: kept as they are
            continue
        family = f"$family{len(merged)}"
        for name, _ in members:
            del out[name]
        out[family] = {"all": [{"o": _leaf_condition(occasion_leaf(family))}, *json.loads(text)]}
        merged[family] = {ob: name for ob, (name, _) in zip(obs, members)}
        for ob in obs:
            leaves[ob] = (*leaves.get(ob, ()), occasion_leaf(family))
    # the rules of one condition that is only an event kind's (a duty's trigger alone: its frames
    # are the session's facts of that kind), each the one such rule of its kind: one rule for
    # them all, its frames told apart by their fact's kind (performance: about six of a member's
    # some twenty-six firings, each a round trip and a message read, and a condition's tables each)
    alone: dict[str, list[str]] = {}
    for name, rule in ruleset.items():
        conditions = rule["all"]
        if name == OPEN_RULE or len(conditions) != 1 or list(conditions[0]) != ["o"]:
            continue
        leaf = _condition_kind(conditions[0]["o"])
        if leaf and not leaf.startswith(prefix) and leaf != SESSION_KIND and conditions[0]["o"] == _leaf_condition(leaf):
            alone.setdefault(leaf, []).append(name)
    by_kind = {kind: names[0] for kind, names in sorted(alone.items()) if len(names) == 1}
    if len(by_kind) > 1:
        family = f"$family{len(merged)}"
        for name in by_kind.values():
            del out[name]
        out[family] = {"all": [{"o": _leaf_condition(family)}]}
        merged[family] = by_kind
        for kind in by_kind:
            leaves[(_KIND_FAMILY, kind)] = (family,)
    return out, merged, leaves


_KIND_FAMILY = "t"
"""The key of :func:`_families`' leaves of an event kind, ``(_KIND_FAMILY, kind)`` (those of an
obligation's ``$occasion`` facts are by the obligation's id)."""


def _leaf_condition(leaf: str) -> dict[str, Any]:
    """The condition of ``compiler._kind``/``compiler._occasion`` on a fact of ``leaf``: its two speed keys."""
    group, key = speed_keys(leaf)
    return {"$and": [{"$ex": {group: 1}}, {"$ex": {key: 1}}]}


def _ruleset_texts(ruleset: Mapping[str, Any], short: Mapping[str, str]) -> dict[str, Any]:
    """The rules as the C core is given them: each property by its short name (see
    :func:`_short_names`) and each rule with a cap (one firing hands out all its frames of the
    session at once). Their JSON text goes in as raw UTF-8 like the facts (see _payload): the C
    core compares a rule's constants and the facts' values as the bytes of their JSON texts."""
    return {name: {**_renamed_rule(rule, short), "cap": _CAP} for name, rule in ruleset.items()}


def _without_breaches(rules: CompiledRules) -> tuple[frozenset[str], CompiledRules] | None:
    """The kinds the breach rules of ``rules`` read (each an event kind, a fact's ``t``) and the
    rules without them; ``None`` if there is none, or one reads an ``$occasion``."""
    breaches = {name for name, ref in rules.refs.items() if ref.role == "breach"}
    if not breaches:
        return None
    # the leaf each of their conditions tests first (compiler._kind); "" for a condition on no
    # kind, which any fact could meet
    kinds = frozenset(_condition_kind(condition) for name in breaches for part in rules.ruleset[name]["all"] for condition in part.values())
    if any(not kind or kind.startswith(OCCASION_KIND) for kind in kinds):
        return None
    kept = CompiledRules(
        {name: rule for name, rule in rules.ruleset.items() if name not in breaches},
        {name: ref for name, ref in rules.refs.items() if name not in breaches},
        rules.kinds,
    )
    return kinds, kept


_T = itertools.repeat("t")
_OB = itertools.repeat("ob")


class _Choice:
    """The rules that can fire for one set of kinds and obligations a session holds, and how
    often a session held it (see :class:`_Fits`)."""

    __slots__ = ("kept", "matcher", "saved", "nearest", "seen")

    def __init__(self, kept: frozenset[str]) -> None:
        self.kept = kept
        self.matcher: DurableMatcher | None = None
        """The matcher of ``kept`` alone, once made."""
        self.nearest: DurableMatcher | None = None
        """Until then, the made matcher of the fewest rules that include ``kept``, if any."""
        self.seen = 0
        """How many matchers had been made when ``nearest`` was looked for."""
        self.saved = 0
        """Rules a matcher of ``kept`` alone would have spared the calls so far (see _Fits.use)."""


class _Fits:
    """For the rules of calls of one session (a part of a matcher), the rules that can fire in
    a session, given the kinds of its facts and the obligations of its ``$occasion`` facts:
    each condition of a rule tests its fact's kind (or occasion's obligation) first
    (``compiler._kind``), so a rule one of whose conditions is on a kind the session does not
    hold cannot fire, and a matcher of the other rules alone gives the same matches.

    Performance: the C core allocates and clears each new session's tables for every
    condition of every rule of its ruleset (``createStateNode``: about 1.4 µs per rule, a
    tenth of a one-member call with the members' 80 rules), and a member's session holds the
    kinds of about half of them. A matcher of some rules costs about 2 ms to make, so the
    matcher of a set of rules is made only once the calls that held it would have been spared
    a fifth of that (:data:`_MAKE_AFTER`; until then they run in the part's rules, or those
    without the breach rules), and at most :data:`_MATCHERS_PER_PART` are kept per process."""

    def __init__(self, rules: CompiledRules) -> None:
        self.rules = rules
        self.texts: dict[str, str] = {}
        """Each rule of ``rules`` as the matcher of them all runs it (each family as one,
        :func:`_families`): its text, reads and the short names of them all, worked out once, when
        the first matcher of some rules is made (performance: about 2 ms to make each)."""
        self.ruleset: dict[str, Any] = {}
        self.reads: dict[str, dict[str, frozenset[str]]] = {}
        self.short: dict[str, str] = {}
        self.merged: dict[str, dict[Any, str]] = {}
        self.family_leaves: dict[Any, tuple[str, ...]] = {}
        self.family_of: dict[str, str] = {}
        needs: list[tuple[str, frozenset[str], frozenset[str]]] = []
        for name, rule in rules.ruleset.items():
            leaves = {_condition_kind(condition) for part in rule["all"] for condition in part.values()}
            if "" in leaves:  # a condition on no kind: any fact may meet it
                continue
            kinds = frozenset(leaf for leaf in leaves if not leaf.startswith(OCCASION_KIND + "/"))
            obs = frozenset(leaf[len(OCCASION_KIND) + 1 :] for leaf in leaves if leaf.startswith(OCCASION_KIND + "/"))
            needs.append((name, kinds - {SESSION_KIND}, obs))  # every session holds its $session fact
        self.needs = needs
        self.always = frozenset(rules.ruleset) - {name for name, _, _ in needs}
        """The rules kept whatever the session holds."""
        self.choices: dict[tuple[frozenset[Any], frozenset[Any]], _Choice] = {}
        self.by_rules: dict[frozenset[str], _Choice] = {}
        self.made_choices: list[_Choice] = []
        """The choices whose matcher was made, in the order they were made."""

    @property
    def made(self) -> int:
        """How many matchers were made (a choice's ``seen`` is this count when it last looked)."""
        return len(self.made_choices)

    def choice(self, held: tuple[frozenset[Any], frozenset[Any]]) -> _Choice:
        """The rules that can fire in a session holding ``held`` (its kinds, the obligations of its
        ``$occasion`` facts)."""
        kinds, obs = held
        kept = self.always | {name for name, k, o in self.needs if k <= kinds and o <= obs}
        if len(self.choices) >= _CHOICES_KEPT:  # a memo: forgotten, it is worked out again
            self.choices.clear()
            self.by_rules = {rules: made for rules, made in self.by_rules.items() if made.matcher is not None}
        found = self.by_rules.get(kept)
        if found is None:
            found = self.by_rules[kept] = _Choice(kept)
        self.choices[held] = found
        return found

    def find_nearest(self, choice: _Choice) -> None:
        """Set ``choice.nearest``: of the matchers made, that of the fewest rules among those that
        include every rule of ``choice`` (its session's matches are theirs: the others cannot fire).
        Only the matchers made since ``choice.nearest`` was last looked for are read: a matcher
        stays until the part is closed, so the nearest found then is still the nearest among the
        older ones (performance: reading every set of rules seen — hundreds, each a set compared
        — on about a quarter of a province's one-member calls, each time a matcher was made)."""
        kept = choice.kept
        nearest = choice.nearest
        for other in self.made_choices[choice.seen :]:
            made = other.matcher
            if made is not None and kept <= other.kept and (nearest is None or len(other.kept) < len(nearest.compiled.ruleset)):
                nearest = made
        choice.nearest = nearest
        choice.seen = self.made

    def use(self, choice: _Choice, ran: int) -> None:
        """Count a call whose session held ``choice``'s kinds and ran in ``ran`` rules; make the
        matcher of its rules alone once they would have spared :data:`_MAKE_AFTER` rules."""
        choice.saved += ran - len(choice.kept)
        if choice.saved >= _MAKE_AFTER and self.made < _MATCHERS_PER_PART:
            kept = choice.kept
            rules = self.rules
            some = CompiledRules(
                {name: rule for name, rule in rules.ruleset.items() if name in kept},
                {name: ref for name, ref in rules.refs.items() if name in kept},
                rules.kinds,
            )
            if not self.texts:
                self.ruleset, self.merged, self.family_leaves = _families(rules.ruleset)
                self.family_of = {name: family for family, by_ob in self.merged.items() for name in by_ob.values()}
                self.short = _short_names(property_reads(self.ruleset))
                capped = _ruleset_texts(self.ruleset, self.short)
                self.texts = {name: json.dumps(name) + ": " + json.dumps(rule, sort_keys=True, ensure_ascii=False)
                              for name, rule in capped.items()}  # fmt: skip
                self.reads = {name: property_reads({name: rule}) for name, rule in self.ruleset.items()}
            # its rules as the part's matcher runs them: each family as one rule (see _families)
            running = sorted({self.family_of.get(name, name) for name in kept})
            ruleset = {name: self.ruleset[name] for name in running}
            if self.always:  # a condition on no kind: its reads count for every kind of the rules
                reads = property_reads(ruleset)
            else:  # the union of each rule's
                union: dict[str, set[str]] = {}
                for name in running:
                    for kind, names in self.reads[name].items():
                        union.setdefault(kind, set()).update(names)
                reads = {kind: frozenset(names) for kind, names in union.items()}
            text = "{" + ", ".join(self.texts[name] for name in running) + "}"
            merged = {family: self.merged[family] for family in running if family in self.merged}
            # (an obligation's occasions carry the speed keys of the families that run: _spec)
            named = (ruleset, reads, self.short, text, merged, self.family_leaves)
            choice.matcher = DurableMatcher(some, named=named)
            self.made_choices.append(choice)

    def close(self) -> None:
        for choice in self.by_rules.values():
            if choice.matcher is not None:
                choice.matcher.close()


_MAKE_AFTER = 200
"""Rules spared (calls times rules fewer) after which the matcher of a set of rules is made:
about a fifth of what making it costs (about 2 ms, against about 1.4 µs per rule and call).
Performance: a set of kinds seen that often is likely to be met again (a few dozen sets are
most members'), and making its matcher earlier moves the typical call, not only the total, to
the fewer rules; the calls that make one are among the slowest few in a hundred either way.
At 1,000 (making paid back by the calls so far), 2,000 one-member calls of a 10,000-member
province ran in 55.6 rules on average (8 matchers made); at 200, in 46.9 (23 made)."""

_MATCHERS_PER_PART = 32
"""Matchers of some rules kept per part and process."""

_CHOICES_KEPT = 4096
"""Sets of kinds held remembered per part (a memo)."""


_Named = tuple[dict[str, Any], dict[str, frozenset[str]], dict[str, str], str, dict[str, dict[Any, str]], dict[Any, tuple[str, ...]]]
"""The rules a matcher of some rules of a part runs (:class:`_Fits`), worked out from the part's:
the rules (each family as one), their reads, the part's short names, the ruleset's text, its
families and the families of each obligation (see :class:`DurableMatcher`'s attributes)."""

_Spec = tuple[str, str, tuple[tuple[str, str], ...], bool, tuple[str, ...]]
"""What the matcher asserts of a fact of one kind (:meth:`DurableMatcher._spec`): the short names
of its two speed keys, (property, short name) of each property asserted, whether its own id
is (as ``FACT_ID``), and the short names of the speed keys of its families (mostly none)."""

_RecordSpec = tuple[dict[str, Any], tuple[tuple[str, Callable[[Any], Any]], ...], bool]
""":data:`_Spec` for an occasion record: the start of its entry (its C-core id and session, to
be set per record, and its speed keys, in the order :meth:`DurableMatcher.match` writes them),
each property asserted as (short name, its reader), and whether its own id is."""


def _short_names(reads: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Every property some rule reads (``compiler.property_reads``) -> the name the C core knows
    it by: one or two letters, the names more kinds read first (the speed keys, ``member``,
    ``day``…). Not ``id``, ``sid`` nor :data:`SUBJECT_KEY`, which the C core and the matcher
    read as they are.

    Performance: the C core parses and hashes every property name of every fact it is given
    (``"t=$occasion/D2.K1"``, ``"attendance_recorded"``), and copies every fact's text into each
    firing that names it: one member's matching 2,991,826 -> 2,872,352 instructions (callgrind)."""
    kept = ("id", "sid", SUBJECT_KEY)
    counts: dict[str, int] = {}
    for names in reads.values():
        for name in names:
            if name not in kept:
                counts[name] = counts.get(name, 0) + 1
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    codes = [a for a in letters if a not in kept] + [a + b for a in letters for b in letters if a + b not in kept]
    ordered = sorted(counts, key=lambda name: (-counts[name], name))
    if len(ordered) > len(codes):
        raise DurableRulesError(f"{len(ordered)} properties: more than the matcher's {len(codes)} short names")
    return dict(zip(ordered, codes))


def _renamed_rule(rule: Mapping[str, Any], short: Mapping[str, str]) -> dict[str, Any]:
    """A compiled rule with every property named by its short name (:func:`_short_names`): in
    its tests (``{name: value}``, ``{"$ex": {name: 1}}``, ``{"$gte": {name: …}}``…) and in the
    joins that read another fact (``{alias: name}``). Anything else is refused, not passed on."""
    if set(rule) != {"all"}:
        raise DurableRulesError(f"a rule the matcher cannot rename: {sorted(rule)}")
    return {"all": [{alias: _renamed(condition, short) for alias, condition in part.items()} for part in rule["all"]]}


def _renamed(condition: Any, short: Mapping[str, str]) -> dict[str, Any]:
    if not isinstance(condition, dict):
        raise DurableRulesError(f"a condition the matcher cannot rename: {condition!r}")
    out: dict[str, Any] = {}
    for key, value in condition.items():
        if key in ("$and", "$or"):
            out[key] = [_renamed(part, short) for part in value]
        elif key.startswith("$"):  # {"$op": {name: value}}
            out[key] = _renamed(value, short)
        else:
            name = short.get(key, key)  # "s" and a fact's "id" keep theirs
            out[name] = {alias: short.get(other, other) for alias, other in value.items()} if isinstance(value, dict) else value
    return out


def _payload(tagged: list[dict[str, Any]]) -> str:
    """The batch's JSON text: compact (the C core copies each fact's text into every firing that
    names it) and written by pydantic-core's serialiser, three times faster than the standard
    library's encoder on a member's facts (0.037 instead of 0.111 ms per member). Its text
    differs from ``json.dumps`` only in leaving non-ASCII characters (and DEL) unescaped, so the
    ruleset goes in unescaped too (see :class:`DurableMatcher`)."""
    return to_json(tagged).decode()

_id_of = operator.itemgetter("id")
_rule_of = operator.itemgetter(0)
_record_id_of = operator.attrgetter("fact_id")


def _fact_id(fact: Fact | OccasionRecord) -> Any:
    return fact["id"] if isinstance(fact, dict) else fact.fact_id


def _split(facts: Sequence[Fact | OccasionRecord]) -> tuple[Sequence[Fact], list[OccasionRecord]]:
    """A session's dicts and its occasion records (none, mostly: ``facts`` itself is then its dicts)."""
    records: list[OccasionRecord] = [fact for fact in facts if type(fact) is not dict]  # type: ignore[misc]
    if not records:
        return cast(Sequence[Fact], facts), records
    return [fact for fact in facts if type(fact) is dict], records


_MISSING: Any = object()
"""What an occasion record's reader gives for a property its dict would not hold."""

_CORE_SID = "0"
"""The C-core session every call asserts into: the C core's own for a fact without a ``sid``
(the matcher's facts have none: shorter texts)."""


class _Tags:
    """The C-core ids of a call's facts, all of one width: ``base + position`` (``base`` a power
    of ten above the call's number of facts), so that a fact's tag — the start of its asserted
    text, ``{"id":<id>,`` — has one length, and a firing's reader takes it with one slice and
    finds the fact, its text's length and its session's matches with one look-up (see
    :func:`_read_firing`). Per width, once per process: the tags, grown as calls need."""

    __slots__ = ("base", "width", "tags")

    _by_base: ClassVar[dict[int, _Tags]] = {}
    """One per base, for every matcher of the process."""

    @staticmethod
    def base_of(facts: int) -> int:
        """The base of a call of ``facts`` facts (at most): its ids ``base`` … ``base + facts - 1``
        have the digits of ``2 * base - 1``."""
        base: int = 10 ** len(str(facts))
        return base

    @classmethod
    def of(cls, base: int) -> _Tags:
        found = cls._by_base.get(base)
        if found is None:
            found = cls._by_base[base] = cls(base)
        return found

    def __init__(self, base: int) -> None:
        self.base = base
        self.width = len(_tag(base))
        """The length of every tag."""
        self.tags: list[str] = []

    def table(self, payload: str, flat: Sequence[Any], owners: Sequence[list[Match]]) -> dict[str, tuple[Any, int, list[Match]]]:
        """Tag -> (the fact given, its step, its session's matches), of the ``len(flat)`` facts
        of ``payload`` (their JSON array: ``[<text>,<text>,…]``, the ``i``-th fact's id ``base +
        i``). A fact's step is how far it moves a firing's reader (:func:`_read_firing`): past
        the ``"<alias>":`` before its text (4), the text and the ``,`` or ``}`` after it (1). A
        text ends where the next tag starts: no tag occurs inside one (see :data:`_TAG`)."""
        n = len(flat)
        tags = self.tags  # grown into a new list: a thread reading the old one still reads right
        if len(tags) < n:
            tags = self.tags = tags + [_tag(i) for i in range(self.base + len(tags), self.base + n)]
        pieces = payload.split("," + _TAG)
        # each piece lost its tag's start (and a ","): its text is len(_TAG) longer (summed in C:
        # a comprehension's step per fact cost more)
        steps = list(map(operator.add, map(len, pieces), itertools.repeat(len(_TAG) + 5)))
        steps[0] -= 1 + len(_TAG)  # the first kept its own, and has the array's "["
        steps[-1] -= 1  # the last has the array's "]"
        if len(steps) != n:
            raise DurableRulesError(f"asserted {n} facts as {len(steps)} texts")
        return dict(zip(tags[:n], zip(flat, steps, owners)))


def _tag(core_id: int) -> str:
    return f'{{"id":{core_id},'


_CitedRule = tuple[str, Mapping[Any, str] | None, Callable[[type[OccasionRecord]], Callable[[Any], Any]]]
"""How :func:`_read_cited` reads a rule's firings (:meth:`DurableMatcher._cited_rules_of`): the
start of the key of an occasion that is an event fact; of a family, its rule of each
obligation (else ``None``); the matcher's reader of an occasion record's obligation."""

_FOREIGN = "\x00foreign"
"""What :func:`_read_firing` gives for a family's firing that names an occasion of none of its
rules (never a rule's name)."""

_OPENED = '{"' + OPEN_RULE + '":'
"""How the message of a session's ``$open`` firing starts."""

_CAP = 0xFFFF
"""The ``cap`` of every rule: a rule fires once per call, handing out every frame it matched
(``{"<rule>":[<frame>,…]}``, up to this many: durable-rules keeps a cap in 16 bits; a rule with
more frames fires again), instead of once per frame: about 31 firings per member instead of 52,
each a round trip into the C core."""

_TAG = '{"id":'
"""How every asserted fact's text starts: ``{"id":<base + position>,…}`` (see :class:`_Tags`).

A firing's message is ``{"<rule>":[{"<alias>":<fact>,…},…]}`` (every rule has a cap), each
``<fact>`` the text the fact was asserted with, byte for byte. Facts are flat (no value is an
object) and every quote inside a JSON string is escaped, so ``{"id":`` occurs nowhere but where
an alias (one letter, between quotes) opens a fact (the ``$session`` fact's text does not start
with its id). Reading a firing from the tags instead of parsing the message (``json.loads`` per
firing was the largest Python cost of the matching; a regular expression is slower) gives the
same frames: each frame is the next facts, as many as its rule has aliases, and each must name
every alias (:func:`_read_firing`)."""


def _read_firing(message: str, found: Mapping[str, tuple[dict[str, Any], int, list[Match]]], width: int,
                 aliases: Mapping[str, int], cites: Mapping[str, _CitedRule] | None = None,
                 cited_of: Mapping[int, defaultdict[str, list[Any]]] | None = None) -> str | None:  # fmt: skip
    """Add the frames ``{alias: asserted fact}`` of one firing's message to the matches of their
    sessions, and give the name of its rule; ``None`` if the message is not one this matcher
    can read. A rule of ``cites`` has its frames read as cited pairs into the table of their
    session (``cited_of``, by the identity of its matches: :func:`_read_cited`), which may give
    :data:`_FOREIGN` instead of its name.

    ``found``: tag -> (the fact, its step, its session's matches) of every fact of the call
    (:meth:`_Tags.table`; every tag is ``width`` long). The message is walked, not searched:
    each fact's text is where the frame says (after ``"<alias>":``) and as long as it was
    asserted, so the next alias and the next frame are found by counting, and each fact by one
    slice and one look-up (performance: a ``str.find`` and an ``int`` per fact were a quarter
    of the matching). A tag not found, a frame that does not name each alias of its rule once,
    or a message that does not end where its last frame does, refuse it. Frames of one and of
    two facts (a trigger or breach alone; an occasion or trigger and one piece of evidence:
    nearly all) are read without a loop over their facts (performance: about a fifth of
    reading a member's some thirty firings)."""
    name_end = message.find('":[{"', 2)
    size = aliases.get(message[2:name_end], 0) if name_end > 2 else 0
    if not size:
        return None
    rule_name = message[2:name_end]
    at = name_end + 4  # the first frame's first '"<alias>":'
    end = width + 4
    try:
        if size == 2:
            if cites is not None and rule_name in cites:
                assert cited_of is not None
                return _read_cited(message, found, at, end, cites[rule_name], cited_of, rule_name)
            while True:
                first, step, matches = found[message[at + 4 : at + end]]
                alias = message[at + 1]
                at += step
                second, step, matches = found[message[at + 4 : at + end]]
                other = message[at + 1]
                at += step
                if alias == other or message[at - 1] != "}":
                    return None
                matches.append((rule_name, {alias: first, other: second}))  # every fact of a frame is of one session
                if message[at] != ",":
                    return rule_name if message[at:] == "]}" else None
                at += 2  # past ",{"
        if size == 1:
            while True:
                fact, step, matches = found[message[at + 4 : at + end]]
                alias = message[at + 1]
                at += step
                if message[at - 1] != "}":
                    return None
                matches.append((rule_name, {alias: fact}))
                if message[at] != ",":
                    return rule_name if message[at:] == "]}" else None
                at += 2
        while True:
            frame: dict[str, Any] = {}
            for _ in range(size):
                fact, step, matches = found[message[at + 4 : at + end]]
                frame[message[at + 1]] = fact
                at += step
            if len(frame) != size or message[at - 1] != "}":
                return None
            matches.append((rule_name, frame))
            if message[at] != ",":
                return rule_name if message[at:] == "]}" else None
            at += 2
    except (KeyError, IndexError):
        return None


def _read_cited(message: str, found: Mapping[str, tuple[Any, int, list[Match]]], at: int, end: int, how: _CitedRule,
                cited_of: Mapping[int, defaultdict[str, list[Any]]], rule_name: str) -> str | None:  # fmt: skip
    """:func:`_read_firing` of a rule whose frames (``o`` and ``e``) go to the cited pairs of
    their session (see :meth:`DurableMatcher.match`'s ``cites``): each frame's ``(e["day"],
    e["event"])``, the event as text, appended to the list of ``o``'s key (the event key's
    start and its id, for an event fact); frames of one occasion in a row find its key and
    list once. A frame whose aliases are not ``o`` and ``e`` refuses the message; of a
    family's firing, an occasion of none of its obligations gives :data:`_FOREIGN`."""
    event_key, by_ob, ob_reader = how
    last_o: Any = None
    into: list[Any] = []
    while True:
        first, step, matches = found[message[at + 4 : at + end]]
        alias = message[at + 1]
        at += step
        second, step, _ = found[message[at + 4 : at + end]]
        other = message[at + 1]
        at += step
        if message[at - 1] != "}":
            return None
        if alias == "o" and other == "e":
            o, e = first, second
        elif alias == "e" and other == "o":
            o, e = second, first
        else:
            return None
        if o is not last_o:
            last_o = o
            if by_ob is not None:  # a family's frame: of one of its rules (as _unmerge checks)
                ob = o["ob"] if type(o) is dict else ob_reader(type(o))(o)
                if ob not in by_ob:
                    return _FOREIGN
            if type(o) is not dict:  # an occasion record
                key = o.fact_id
            elif o["t"] == OCCASION_KIND:
                key = o["id"]
            else:  # an event trigger's fact: the engine's key of the occasion it opens
                key = f"{event_key}{o['id']}"
            into = cited_of[id(matches)][key]
        event = e["event"]
        into.append((e["day"], event if type(event) is str else str(event)))
        if message[at] != ",":
            return rule_name if message[at:] == "]}" else None
        at += 2
