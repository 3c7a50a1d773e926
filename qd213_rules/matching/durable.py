"""The durable-rules matcher (the default backend).

Follows the measured pattern of docs/durable-rules.md: ``durable.lang`` only builds the
ruleset JSON; the C core (``durable_rules_engine``) runs it, with no ``Host``, no background
threads and no Python actions. Each batch of sessions is asserted in one call, every pending
action of every session is drained with ``start_action``/``complete_and_start_action``, and
the sessions are deleted in ``finally``. Each fact goes in tagged with its position in the
batch, and a firing's frame is read from those tags (see ``_TAGGED_FACT``): the frames hold the
asserted dicts themselves, not parsed copies; only the properties some rule reads are asserted.
Every error the engine reports reaches the caller: a return code of ``assert_facts`` other than
0 and 1 (1 = some fact reached no rule, which a fact its rules' filters refuse does: normal;
2 = a duplicate fact), an exception stored in a session's state, or any exception of the C
calls.

The C core never releases the GIL and has no locks, so one lock guards each ruleset handle;
parallelism comes from processes. The compiled ruleset is created once per process, lazily.

Pitfall found here (durable-rules 2.0.28): a batch holding two facts with the same id in one
session returns code 2 and leaves the session corrupted — deleting it afterwards aborts the
process (``double free``). So duplicates are refused in Python before the C core sees them,
and on any error the pending actions are drained before the sessions are deleted. Deleting
a session that was never asserted fails with error 309 and can crash later calls, so only
sessions that received facts are deleted. Deleting a session in which no rule fired can abort
the process too (it frees an action context only an action sets: ``free(): invalid pointer``),
so every session gets one ``$session`` fact, which the ``$open`` rule fires on once; those
firings are drained and not returned.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic_core import to_json

from ..errors import EngineError
from .backend import Backend, Match
from .compiler import OCCASION_KIND, OPEN_RULE, SESSION_KIND, CompiledRules, occasion_leaf, property_reads, speed_keys
from .python import sort_matches

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
    """One compiled ruleset in the C core; thread-safe; one session per subject."""

    backend: Backend = "durable"

    def __init__(self, compiled: CompiledRules) -> None:
        self.compiled = compiled
        self._engine = _engine()
        self.name = f"qd213_{os.getpid()}_{next(_sequence)}"
        try:
            # raw UTF-8 like the facts (see _payload): the C core compares a rule's constants
            # and the facts' values as the bytes of their JSON texts
            ruleset_json = json.dumps(compiled.ruleset, sort_keys=True, ensure_ascii=False)
            self._handle = self._engine.create_ruleset(self.name, ruleset_json)
        except Exception as exc:
            raise DurableRulesError(f"durable-rules refused the compiled ruleset: {exc}") from exc
        self._aliases = {name: len(rule["all"]) for name, rule in compiled.ruleset.items()}
        """Facts per frame of each rule (a firing names exactly that many)."""
        unreadable = [
            name
            for name, rule in compiled.ruleset.items()
            if '"' in name or "\\" in name or any(len(alias) != 1 for part in rule["all"] for alias in part)
        ]
        if unreadable:  # a firing is read as its rule name between quotes and one-letter aliases
            raise DurableRulesError(f"rules whose firings _read_firing cannot read: {unreadable}")
        reads = property_reads(compiled.ruleset)
        reserved = sorted(name for names in reads.values() for name in names if name in ("#", "sid"))
        if reserved:  # the matcher writes these itself
            raise DurableRulesError(f"rules read properties the matcher reserves: {reserved}")
        self._kinds = {
            kind: (*speed_keys(kind), reads.get(kind, frozenset()) | {"id", "t"})
            for kind in compiled.kinds
            if kind != OCCASION_KIND
        }
        """Kind -> the two properties every condition on it tests for first (``compiler._kind``)
        and the properties asserted (only those some rule reads: ``compiler.property_reads``)."""
        self._occasion_reads = reads.get(OCCASION_KIND, frozenset()) | {"id", "t"}
        self._occasion_keys: dict[str, tuple[str, str]] = {}
        self._sids = itertools.count()
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._engine.delete_ruleset(self._handle)
                self._closed = True

    def match(self, sessions: Mapping[str, Sequence[dict[str, Any]]]) -> dict[str, list[Match]]:
        """Assert each session's facts (tagged with its sid) and collect every match.

        Matches are returned per session, sorted, so the result does not depend on the
        engine's agenda order.
        """
        out: dict[str, list[Match]] = {sid: [] for sid in sessions}
        # every fact goes in tagged with its position in ``flat`` ("#", written first) and a short
        # session id of the C core's (a firing names its facts by these tags and hands out the
        # asserted dicts), with only the properties some rule reads
        flat: list[dict[str, Any]] = []
        tagged: list[dict[str, Any]] = []
        kinds = self._kinds
        asserted: dict[str, str] = {}  # the C core's sid -> ours
        for sid, facts in sessions.items():
            if not facts:
                continue
            ids = [fact["id"] for fact in facts]
            distinct = set(ids)
            if len(ids) != len(distinct):
                duplicates = sorted({i for i in ids if ids.count(i) > 1})
                raise DurableRulesError(f"duplicate fact ids in session {sid}: {duplicates}")
            if _SESSION_ID in distinct:
                raise DurableRulesError(f"fact id {_SESSION_ID} is reserved by the matcher")
            core_sid = str(next(self._sids))
            asserted[core_sid] = sid
            # the session's $open fact (see the module docstring); no "#": it is never read
            tagged.append({"sid": core_sid, _SESSION_GROUP: 1, _SESSION_KEY: 1, "t": SESSION_KIND, "id": _SESSION_ID})
            for fact in facts:
                kind = fact.get("t")
                if type(kind) is not str:
                    raise DurableRulesError(f"fact {fact['id']!r} has no kind (t)")
                if kind == OCCASION_KIND:
                    group, key = self._occasion(fact.get("ob"))
                    read = self._occasion_reads
                else:
                    spec = kinds.get(kind)
                    if spec is None:  # a kind no rule reads: no condition can hold for it
                        continue
                    group, key, read = spec
                entry = {"#": len(flat), "sid": core_sid, group: 1, key: 1}
                for name, value in fact.items():
                    if name in read:
                        entry[name] = value
                tagged.append(entry)
                flat.append(fact)
        if not tagged:
            return out
        payload = _payload(tagged)
        del tagged
        engine = self._engine
        aliases = self._aliases
        with self._lock:
            if self._closed:
                raise DurableRulesError("the matcher was closed")
            failure: str | None = None
            try:
                result = engine.assert_facts(self._handle, payload)
                code = result[0] if isinstance(result, tuple) else result
                if code > 1:  # 1: some fact reached no rule (a meeting the member did not attend): normal
                    failure = {2: "duplicate fact in a session"}.get(code, f"assert_facts returned {result!r}")
                while (action := engine.start_action(self._handle)) is not None:
                    state_json, message, action_handle = action
                    state = json.loads(state_json)
                    if "exception" in state:
                        failure = f"an exception is stored in session state: {state['exception']}"
                    found = out.setdefault(asserted.get(state["sid"], state["sid"]), [])
                    while message:
                        if message.startswith(_OPENED):  # the session's own firing: nothing to read
                            message = engine.complete_and_start_action(self._handle, action_handle)
                            continue
                        rule_name, frame = _read_firing(message, flat)
                        if len(frame) != aliases.get(rule_name):  # never: raised after the drain
                            failure = f"a firing this matcher cannot read: {message[:200]}"
                        found.append((rule_name, frame))
                        message = engine.complete_and_start_action(self._handle, action_handle)
            finally:
                # only sessions that received facts exist: deleting another one fails (309)
                # and leaves the C core unstable
                for core_sid in asserted:
                    engine.delete_state(self._handle, core_sid)
            if failure is not None:
                raise DurableRulesError(f"durable-rules: {failure}")
        for matches in out.values():
            sort_matches(matches)  # by (rule name, canonical JSON of the frame)
        return out

    def _occasion(self, ob_id: Any) -> tuple[str, str]:
        """The two properties of an ``$occasion`` of obligation ``ob_id`` (``compiler._occasion``)."""
        found = self._occasion_keys.get(ob_id)
        if found is None:
            found = self._occasion_keys[ob_id] = speed_keys(occasion_leaf(str(ob_id)))
        return found


def _payload(tagged: list[dict[str, Any]]) -> str:
    """The batch's JSON text: compact (the C core copies each fact's text into every firing that
    names it) and written by pydantic-core's serialiser, three times faster than the standard
    library's encoder on a member's facts (0.037 instead of 0.111 ms per member). Its text
    differs from ``json.dumps`` only in leaving non-ASCII characters (and DEL) unescaped, so the
    ruleset goes in unescaped too (see :class:`DurableMatcher`)."""
    return to_json(tagged).decode()

_SESSION_GROUP, _SESSION_KEY = speed_keys(SESSION_KIND)

_SESSION_ID = "|session"
"""The id of each session's ``$session`` fact (a fact id never starts with ``|``)."""

_OPENED = '{"' + OPEN_RULE + '":'
"""How the message of a session's ``$open`` firing starts."""

_TAG = '{"#":'
"""How every asserted fact's text starts: ``{"#":<tag>,"sid":…}``.

A firing's message is ``{"<rule>":{"<alias>":<fact>,…}}``, each ``<fact>`` the text the fact was
asserted with, byte for byte. Facts are flat (no value is an object) and every quote inside a
JSON string is escaped, so ``{"#":`` occurs nowhere but where an alias (one letter, between
quotes) opens a fact. Reading the tags with ``str.find`` instead of parsing the message
(``json.loads`` per firing was the largest Python cost of the matching, and a regular
expression is no faster) gives the same frames; the alias count of every firing is checked
against its rule."""


def _read_firing(message: str, flat: Sequence[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The rule name and the frame ``{alias: asserted fact}`` of one firing's message (an empty
    frame for a list of frames, which only a rule with ``count`` or ``cap`` fires)."""
    name_end = message.index('"', 2)
    frame: dict[str, Any] = {}
    if message[name_end + 2] != "{":
        return message[2:name_end], frame
    at = message.find(_TAG, name_end)
    while at >= 0:
        tag_end = message.index(",", at + 5)
        frame[message[at - 3]] = flat[int(message[at + 5 : tag_end])]  # "<alias>":{"#":<tag>,
        at = message.find(_TAG, tag_end)
    return message[2:name_end], frame
