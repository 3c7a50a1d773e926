"""The JSON report written in pieces, byte for byte what ``json.dumps(doc, ensure_ascii=False,
indent=2)`` gives for the whole document.

With an ``indent``, the standard library encodes in Python, one small string per token, and joins
them at the end: for a province's millions of results that is most of a check's writing time
and, with the list of pieces and the document's dicts alive at once, most of its peak memory.
Here each result is written by one format string whose values go through the C string encoder,
and the document comes out as a sequence of UTF-8 chunks a caller writes as they come.

>>> import json
>>> doc = {"a": 1, "b": [], "c": {"d": ["é", None]}}
>>> b"".join(document_chunks(doc, [], {})).decode() == json.dumps({**doc, "results": []}, ensure_ascii=False, indent=2)
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from json.encoder import encode_basestring
from typing import Any

from .evaluation.results import (NO_PARAMS, JsonFiller, MessageMaker, Reason, Result, SharedParams, Status, id_slot, jsonable,
                                 message_slot)

__all__ = ["document_chunks", "document_head", "document_tail", "FIRST_SEPARATOR", "SEPARATOR", "result_json", "results_json", "result_batches", "result_lines", "indented", "RESULTS_PER_CHUNK"]

RESULTS_PER_CHUNK = 512
"""Results joined into one chunk before it is handed to the writer."""


def indented(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(…, ensure_ascii=False, indent=2)`` writes it nested ``level``
    deep.

    Written here rather than by the standard library: with an ``indent``, its encoder builds
    a fresh set of nested functions per call that refer to each other — a reference cycle
    that only the garbage collector frees. The CLI pauses the collector for the whole command,
    so every result with a parameter that is not a string kept about 1 KB until the process
    ended (100 MB at 10,000 members). Anything but JSON's own types (and string keys) is left
    to the standard library.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (_INFINITY, -_INFINITY):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join([indented(item, level + 1) for item in value]) + "\n" + "  " * level + "]"
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        return (
            "{" + inner
            + ("," + inner).join([f"{encode_basestring(key)}: {indented(item, level + 1)}" for key, item in value.items()])
            + "\n" + "  " * level + "}"
        )  # fmt: skip
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level) if level else text


_INFINITY = float("inf")


def _date(value: dt.date | None) -> str:
    """A due date or fulfilment date as JSON, encoded once per distinct date (a province's
    millions of results name a few hundred days)."""
    found = _DATES.get(value)
    if found is None:
        if len(_DATES) >= _CACHE_SIZE:
            _DATES.clear()
        found = _DATES[value] = f'"{value.isoformat()}"' if value else "null"
    return found


def _message(message: str) -> bytes:
    """A result's message as JSON, in UTF-8. Results share their message strings (a province
    has a few hundred frequent ones among millions of results), so the encoding is kept for
    the last :data:`_CACHE_SIZE` distinct messages: the cache stays small however many
    results there are."""
    found = _MESSAGES.get(message)
    if found is None:
        if len(_MESSAGES) >= _CACHE_SIZE:
            _MESSAGES.clear()
        found = _MESSAGES[message] = encode_basestring(message).encode()
    return found


def _code(code: str) -> str:
    """A reason's code as JSON, kept in :data:`_CODES` (a catalogue has a few dozen codes)."""
    found = _CODES[code] = encode_basestring(code)
    return found


_CODES: dict[str, str] = {}


def _made_message(r: Result, maker: MessageMaker) -> bytes:
    """The message ``maker`` (the :class:`~qd213_rules.evaluation.results.MessageMaker` in
    ``r``'s message slot) writes for ``r``, whose reason is a shared one without parameters
    (:func:`~qd213_rules.evaluation.results.bare_reason`), as JSON in UTF-8. A maker writes a
    message from the result's reason, dates and period alone, and nearly half of a province's
    results have such a reason (43,246 of the 2,000-member reference's 95,177, with 123 distinct
    messages), so its encoding is kept per maker, reason, dates and period. The entry keeps
    its maker alive, so that the maker's ``id`` in the key stays its own."""
    key = (id(maker), r.reason.code, r.due_date, r.fulfilled_on, r.period)
    if len(_MADE_MESSAGES) >= _CACHE_SIZE:
        _MADE_MESSAGES.clear()
    found = _MADE_MESSAGES[key] = (maker, maker.message_json(r))
    return found[1]


_CACHE_SIZE = 4096
_DATES: dict[dt.date | None, str] = {None: "null"}
_MESSAGES: dict[str, bytes] = {}
_MADE_MESSAGES: dict[tuple[int, str, dt.date | None, dt.date | None, str | None], tuple[MessageMaker, bytes]] = {}

_LIST_OPEN = "[\n        "
_LIST_NEXT = ",\n        "
_LIST_CLOSE = "\n      ]"
"""A list of strings at the results' nesting (3 levels deep)."""

_PARAMS_OPEN = "{\n          "
_PARAMS_NEXT = ",\n          "
_PARAMS_CLOSE = "\n        }"
"""``reason.params`` (4 levels deep)."""


class _Keys(dict[str, str]):
    """The text before a parameter's value, by its name (a catalogue's reasons name a few
    dozen): ``before`` then the name as JSON and its colon, made on the first ``[]`` of each."""

    __slots__ = ("before",)

    def __init__(self, before: str) -> None:
        super().__init__()
        self.before = before

    def __missing__(self, key: str) -> str:
        if len(self) >= _CACHE_SIZE:
            self.clear()
        found = self[key] = f"{self.before}{encode_basestring(key)}: "
        return found


_FIRST_KEYS = _Keys(_PARAMS_OPEN)
_NEXT_KEYS = _Keys(_PARAMS_NEXT)


def _params(params: Mapping[str, Any]) -> str:
    """``reason.params`` (4 levels deep), keys sorted as :meth:`Result.to_dict` sorts them."""
    if not params:
        return "{}"
    if len(params) == 1:  # one or two strings: nearly always, written without a sort
        ((key, value),) = params.items()
        if type(key) is str and type(value) is str:
            return f"{_FIRST_KEYS[key]}{encode_basestring(value)}{_PARAMS_CLOSE}"
    elif len(params) == 2:  # also a string and a date, or the sources a derived result restates
        (key, value), (key2, value2) = params.items()
        if type(key) is str and type(key2) is str:
            if key2 < key:
                key, value, key2, value2 = key2, value2, key, value
            if type(value) is str and type(value2) is str:
                return f"{_FIRST_KEYS[key]}{encode_basestring(value)}{_NEXT_KEYS[key2]}{encode_basestring(value2)}{_PARAMS_CLOSE}"
            return (
                f"{_PARAMS_OPEN}{encode_basestring(key)}: {_param_value(value)}"
                f"{_PARAMS_NEXT}{encode_basestring(key2)}: {_param_value(value2)}{_PARAMS_CLOSE}"
            )
    if all(type(k) is str for k in params):
        return _PARAMS_OPEN + _PARAMS_NEXT.join(
            f"{encode_basestring(k)}: {_param_value(v)}" for k, v in sorted(params.items())
        ) + _PARAMS_CLOSE
    return indented(jsonable(dict(params)), 4)


_VALUES_OPEN = "[\n            "
_VALUES_NEXT = ",\n            "
_VALUES_CLOSE = "\n          ]"
"""A list of strings as a parameter's value (5 levels deep)."""


def _param_value(value: Any) -> str:
    """One value of ``reason.params`` (5 levels deep): a string, a list of strings (the
    sources a derived result restates) and a date written directly, anything else through
    :func:`indented`."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dt.date:
        return f'"{value.isoformat()}"'
    if (kind is list or kind is tuple) and all(type(item) is str for item in value):
        return _VALUES_OPEN + _VALUES_NEXT.join(map(encode_basestring, value)) + _VALUES_CLOSE if value else "[]"
    return indented(jsonable(value), 5)


_DUTY_NAMES = ("obligation_id", "kind", "citation", "subject_type")
"""The fields every result of one duty shares, in report order; ``subject_id`` follows them."""

_FIRST = b'{\n      "result_id": '
_NEXT = b'\n    },\n    {\n      "result_id": '
_LAST = b"\n    }"


class _Layout:
    """How a result's text is laid out: the report's (each field on a line of its own, 3 levels
    deep, the results between the first opening brace and the last closing one of the
    ``results`` list) or a result line's (``check --stream``: one line of JSON Lines per result,
    ``json.dumps``' default separators). Both are written by one loop (:func:`_write`) through
    the same shortcuts — the text kept per duty, the text after the bearer kept per shared
    reason, the per-maker plans of params of their own, the derived results' pieces — and a
    layout holds what differs: the text between the fields and around the lists, the reason and
    its params, how params are written, and its own caches of text written in it (each kept by
    what it holds, as :func:`_rest` says)."""

    __slots__ = (
        "first", "next", "last", "sep", "bearer", "trigger", "statuses", "derived_statuses", "fulfilled", "evidence",
        "reason_open", "reason_next", "reason_close", "list_open", "list_next", "list_close", "params_open",
        "params_next", "params_close", "params", "duties", "rests", "tails", "plans", "derived",
    )  # fmt: skip

    def __init__(
        self, *, first: bytes, following: bytes, last: bytes, sep: str, reason: tuple[str, str, str],
        lists: tuple[str, str, str], params_brackets: tuple[str, str, str], params: Callable[[Mapping[str, Any]], str],
        duties: dict[tuple[str, str, str, str], bytes], rests: dict[Any, tuple[Reason, MessageMaker, bytes]],
        tails: dict[Any, tuple[Reason, MessageMaker, bytes]], plans: dict[Any, _OwnPlan],
        derived: dict[Any, tuple[MessageMaker, tuple[bytes, bytes]]],
    ) -> None:  # fmt: skip
        self.first, self.next, self.last = first, following, last
        """A result's opening, between two results, after the last one."""
        self.sep = sep
        """Between two fields (after a value, before the next key)."""
        self.bearer = f'{sep}"bearer_id": '
        self.trigger = f'{sep}"trigger_event_id": '
        self.statuses = _status_text(sep, derived=False)
        self.derived_statuses = _status_text(sep, derived=True)
        self.fulfilled = f'{sep}"fulfilled_on": '
        self.evidence = f'{sep}"evidence": '
        self.reason_open, self.reason_next, self.reason_close = reason
        self.list_open, self.list_next, self.list_close = lists
        self.params_open, self.params_next, self.params_close = params_brackets
        self.params = params
        """``reason.params`` (not empty), keys sorted as :meth:`Result.to_dict` sorts them."""
        self.duties, self.rests, self.tails, self.plans, self.derived = duties, rests, tails, plans, derived

    def strings(self, values: Iterable[str]) -> str:
        """A list of strings (evidence, ``derived_from``), empty or not."""
        return f"{self.list_open}{self.list_next.join(map(encode_basestring, values))}{self.list_close}" if values else "[]"


def _status_text(sep: str, *, derived: bool) -> dict[Status, str]:
    """A result's status and severity, from the separator after its trigger to the key of its
    due date, by status. A derived result (D1.K2a/b) has severity none: it restates its sources'
    findings (semantics R6; :attr:`Result.severity`)."""
    return {
        status: f'{sep}"status": {encode_basestring(status.value)}{sep}'
        f'"severity": {encode_basestring("none" if derived else status.severity)}{sep}"due_date": '
        for status in Status
    }


def _duty_text(r: Result, lay: _Layout) -> bytes:
    """The fields every result of ``r``'s duty shares (from the end of ``result_id`` to the key
    of ``subject_id``), encoded once and kept in the layout by duty."""
    key = (r.obligation_id, r.kind, r.citation, r.subject_type)
    found = lay.duties.get(key)
    if found is None:
        sep = lay.sep
        fields = [f'"{name}": {encode_basestring(value)}' for name, value in zip(_DUTY_NAMES, key)]
        found = lay.duties[key] = (sep + sep.join([*fields, '"subject_id": '])).encode()
    return found


def results_json(results: Iterable[Result]) -> bytes:
    """Consecutive results of the ``results`` list as they stand in it between their first
    opening brace and their last closing one, in UTF-8 (:func:`_write` in the report's layout)."""
    return _write(results, _REPORT)


def result_lines(results: Iterable[Result]) -> bytes:
    """Each result as one line of JSON Lines — ``json.dumps(r.to_dict(), ensure_ascii=False)``
    and a newline, byte for byte — in UTF-8: the lines ``check --stream`` writes (:func:`_write`
    in the line layout, through the report's shortcuts: a sixth less time than a line written
    field by field, 2,000 members' results)."""
    return _write(results, _LINE)


def _write(results: Iterable[Result], lay: _Layout) -> bytes:
    """``results`` in layout ``lay``, in UTF-8.

    Written as bytes, not text: a result's message and citation are Vietnamese, and a text
    holding them takes two bytes per character, so every other field would be widened into it
    and the whole encoded again for the file. Here the fields that are nearly always ASCII are
    formatted into one text per result, which encodes to UTF-8 by a copy, and the duty's
    fields and the message, encoded once each (:func:`_duty_text`, :func:`_message`), are
    joined to it as bytes (a quarter less time than one text per result, at 2,000 members)."""
    parts: list[bytes] = []
    add = parts.extend
    opening, following = lay.first, lay.next
    # the caches' lookups are written out in the loop, and only a miss calls their function:
    # this loop runs once per result of a province (a sixth less time than a call per field)
    duties, dates, messages, enc = lay.duties, _DATES, _MESSAGES, encode_basestring
    made_messages, no_params, codes = _MADE_MESSAGES, NO_PARAMS, _CODES
    shared_params, rests, plans = SharedParams, lay.rests, lay.plans
    sep, bearer_key, trigger_key, fulfilled_key, evidence_key = lay.sep, lay.bearer, lay.trigger, lay.fulfilled, lay.evidence
    statuses, derived_statuses = lay.statuses, lay.derived_statuses
    list_open, list_next, list_close = lay.list_open, lay.list_next, lay.list_close
    reason_open, reason_next, reason_close = lay.reason_open, lay.reason_next, lay.reason_close
    # results come subject by subject (the report's order), and most are borne by their subject
    # or by one of its few organisations: the subject's JSON and the last other bearer's are
    # kept from one result to the next (two of a result's eight string encodings, 3.5 % of
    # writing the 2,000-member province's results)
    last_subject = last_bearer = who_subject = who_bearer = None
    subject_text = bearer_text = ""
    who = b""
    for r in results:
        kind = r.kind
        obligation = r.obligation_id
        subject = r.subject_id
        bearer = r.bearer_id
        period = r.period
        trigger = r.trigger_event_id
        if subject is not last_subject:
            last_subject = subject
            subject_text = enc(subject)
        if bearer is subject:
            this_bearer = subject_text
        else:
            if bearer is not last_bearer:
                last_bearer = bearer
                bearer_text = enc(bearer)
            this_bearer = bearer_text
        # the result id and message read from their slots, each written here when the result
        # does not keep one (Result.result_id and Result.message, without their property's call)
        rid = id_slot(r, Result)
        if rid is None:
            rid = f"{obligation}|{subject}|{period or trigger or '-'}|{bearer}"
        lines = duties.get((obligation, kind, r.citation, r.subject_type))
        if lines is None:
            lines = _duty_text(r, lay)
        reason = r.reason
        params = reason.params
        stored = message_slot(r, Result)
        if (params is no_params or type(params) is shared_params) and not isinstance(stored, str) and not r.derived_from:
            # a shared reason (one object, its params read-only) and a message its maker writes
            # from the reason, dates and period: the text after the bearer is the same for every
            # result with these and the same key, status, dates, evidence and extension (the
            # members of a cell who attended one meeting, a member's standing duties), and is
            # written once (_rest)
            status, due, done, evidence, extension = r.status, r.due_date, r.fulfilled_on, r.evidence, r.extension
            if len(evidence) > 2 or (len(evidence) == 2 and trigger is not None):
                # evidence of its own (at 500 members 3,479 of 3,483 such results find no text
                # kept): written without looking for it, and not kept, so that the texts kept
                # are those other results find
                rest = _rest_text(r, lay, reason, stored, kind, period, trigger, status, due, done, evidence, extension)
            else:
                found = rests.get((id(reason), id(stored), kind, period, trigger, status, due, done, evidence, extension))
                # an entry found is this reason's and maker's: it keeps both alive, so no other
                # object can have their ids while it is kept (so for every cache keyed by an id)
                if found is not None:
                    rest = found[2]
                else:
                    rest = _rest(r, lay, reason, stored, kind, period, trigger, status, due, done, evidence, extension)
            if subject is not who_subject or bearer is not who_bearer:  # the subject and bearer, kept as they are
                who_subject, who_bearer = subject, bearer
                who = f"{subject_text}{bearer_key}{this_bearer}{sep}".encode()
            add((opening, enc(rid).encode(), lines, who, rest))
            opening = following
            continue
        trigger_text = "null" if trigger is None else enc(trigger)
        period_text = "null" if period is None else enc(period)
        due = r.due_date
        due_text = dates.get(due)
        if due_text is None:
            due_text = _date(due)
        done = r.fulfilled_on
        done_text = dates.get(done)
        if done_text is None:
            done_text = _date(done)
        evidence = r.evidence
        # the text from the subject to the evidence: every result below writes it alike
        head = (
            f"{subject_text}{bearer_key}{this_bearer}"
            f'{sep}"period": {period_text}{trigger_key}{trigger_text}'
            f"{(derived_statuses if kind == 'derived' else statuses)[r.status]}{due_text}{fulfilled_key}{done_text}"
            f"{evidence_key}{f'{list_open}{list_next.join(map(enc, evidence))}{list_close}' if evidence else '[]'}{sep}"
        )  # fmt: skip
        derived = r.derived_from
        if derived and isinstance(stored, MessageMaker):
            # a derived result (D1.K2a/b): its reason names the source duties it restates, never a
            # fact, so its text from "reason" to "derived_from" and its message are those of the
            # other results that restate the same sources (_derived_pieces); only its evidence and
            # sources' ids are its own
            pieces = _derived_pieces(r, lay, reason, params, stored)
            if pieces is not None:
                add((
                    opening,
                    enc(rid).encode(),
                    lines,
                    head.encode(),
                    pieces[0],
                    f"{list_open}{list_next.join(map(enc, derived))}{list_close}".encode(),
                    pieces[1],
                ))  # fmt: skip
                opening = following
                continue
        if params and not derived and not isinstance(stored, str) and type(params) is dict:
            # a reason with params of its own (most name a fact: their text is written anew) and a
            # message its maker writes: the text around the params' values and the message's
            # values is the same for every result with this maker, code, params' names and
            # extension, and is written once (_own_plan); each value is encoded once, for the
            # params and the message alike
            plan = plans.get((id(stored), reason.code, tuple(params), r.extension))
            if plan is None:
                plan = _own_plan(lay, stored, reason.code, tuple(params), r.extension)
            filler = plan.filler
            if filler is not None:
                try:
                    encoded = list(map(enc, params.values()))
                except TypeError:  # a value that is not a string: written below
                    pass
                else:
                    literals = plan.literals
                    if len(encoded) == 1:
                        text = f"{head}{literals[0]}{encoded[0]}{literals[1]}"
                    elif len(encoded) == 2:
                        first, second = plan.order
                        text = f"{head}{literals[0]}{encoded[first]}{literals[1]}{encoded[second]}{literals[2]}"
                    else:
                        text = head + plan.text(encoded)
                    add((opening, enc(rid).encode(), lines, text.encode(), filler(encoded, due, done, period)))
                    opening = following
                    continue
        if type(stored) is str:
            message = messages.get(stored)
            if message is None:
                message = _message(stored)
        elif params is no_params and isinstance(stored, MessageMaker):
            made = made_messages.get((id(stored), reason.code, due, done, period))
            message = made[1] if made is not None else _made_message(r, stored)
        elif isinstance(stored, MessageMaker):
            # most name a fact of their own: written from the maker's encoded parts, not kept
            message = stored.message_json(r)
        else:
            text = r.message
            message = messages.get(text)
            if message is None:
                message = _message(text)
        add((
            opening,
            enc(rid).encode(),
            lines,
            (
                f"{head}"
                f'"reason": {{{reason_open}"code": {codes.get(reason.code) or _code(reason.code)}{reason_next}'
                f'"params": {lay.params(params) if params else "{}"}{reason_close}}}{sep}'
                f'"extension": {"true" if r.extension else "false"}{sep}'
                f'"derived_from": {f"{list_open}{list_next.join(map(enc, derived))}{list_close}" if derived else "[]"}{sep}'
                '"message": '
            ).encode(),
            message,
        ))  # fmt: skip
        opening = following
    if not parts:
        return b""
    parts.append(lay.last)
    return b"".join(parts)


def _own_plan(lay: _Layout, maker: MessageMaker, code: str, names: tuple[str, ...], extension: bool) -> _OwnPlan:
    """How :func:`_write` writes in layout ``lay`` a result whose reason has ``code`` and params of
    its own named ``names`` (in that order), every one a string, whose message ``maker`` writes,
    with ``extension`` and without ``derived_from``: the text from ``"reason"`` to the message
    around each param's JSON text (in ``names``' sorted order, as :meth:`Result.to_dict` sorts
    them), where each goes in ``names``' order, and the maker's
    :meth:`~qd213_rules.evaluation.results.MessageMaker.json_filler` (None: written as any other
    result). Kept in the layout's plans by the maker (by identity: the plan keeps it alive),
    code, names and extension; at 2,000 members 27,360 results with params of their own write
    through 35 plans."""
    filler = maker.json_filler(code, names) if all(type(name) is str for name in names) else None
    plan = _OwnPlan(maker, filler)
    if filler is not None:
        order = sorted(range(len(names)), key=names.__getitem__)
        keys = [f"{encode_basestring(names[i])}: " for i in order]
        plan.literals = (
            f'"reason": {{{lay.reason_open}"code": {encode_basestring(code)}{lay.reason_next}"params": {lay.params_open}{keys[0]}',
            *[f"{lay.params_next}{key}" for key in keys[1:]],
            f"{lay.params_close}{lay.reason_close}}}{lay.sep}"
            f'"extension": {"true" if extension else "false"}{lay.sep}"derived_from": []{lay.sep}"message": ',
        )
        plan.order = tuple(order)
    plans = lay.plans
    if len(plans) >= _CACHE_SIZE:
        plans.clear()
    plans[(id(maker), code, names, extension)] = plan
    return plan


class _OwnPlan:
    """What :func:`_own_plan` keeps: the maker, its filler, and the text's literals and order."""

    __slots__ = ("maker", "filler", "literals", "order")

    def __init__(self, maker: MessageMaker, filler: JsonFiller | None) -> None:
        self.maker = maker
        self.filler = filler
        self.literals: tuple[str, ...] = ()
        self.order: tuple[int, ...] = ()

    def text(self, encoded: list[str]) -> str:
        """The text from ``"reason"`` to the message, given the params' JSON texts in their order
        (more than two: the one- and two-param texts are written in :func:`_write`)."""
        literals, order = self.literals, self.order
        out = [literals[0]]
        for literal, index in zip(literals[1:], order):
            out += (encoded[index], literal)
        return "".join(out)


def _params_key(params: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """``params`` as a key that is equal for two params written alike (names, then values: strings,
    or lists or tuples of strings, which are written alike), or None when some value is of
    another type (not kept)."""
    key: list[Any] = []
    for name, value in params.items():
        kind = type(value)
        if kind is list or kind is tuple:
            value = tuple(value)
            for item in value:
                if type(item) is not str:
                    return None
        elif kind is not str:
            return None
        if type(name) is not str:
            return None
        key += (name, value)
    return tuple(key)


def _derived_pieces(
    r: Result, lay: _Layout, reason: Reason, params: Mapping[str, Any], maker: MessageMaker
) -> tuple[bytes, bytes] | None:
    """The text of a result with ``derived_from`` whose message ``maker`` writes, from
    ``"reason"`` to the key of ``derived_from``, and from after its value to the end of the
    message, in UTF-8 and layout ``lay``: kept in the layout by what they hold (the maker, by
    identity, the entry keeping it alive; the reason's code and params, the dates, period and
    extension), or None when its params hold values of other types than strings and lists of
    strings. At 500 members 1,904 derived results restate a few dozen lists of sources: their
    params and message (a Vietnamese text, written and encoded) were written anew for each."""
    params_key = _params_key(params)
    if params_key is None:
        return None
    code = reason.code
    due, done, period, extension = r.due_date, r.fulfilled_on, r.period, r.extension
    key = (id(maker), code, params_key, due, done, period, extension)
    kept = lay.derived
    found = kept.get(key)
    if found is not None:
        return found[1]
    sep = lay.sep
    pieces = (
        (
            f'"reason": {{{lay.reason_open}"code": {_CODES.get(code) or _code(code)}{lay.reason_next}'
            f'"params": {lay.params(params) if params else "{}"}{lay.reason_close}}}{sep}'
            f'"extension": {"true" if extension else "false"}{sep}'
            '"derived_from": '
        ).encode(),
        f'{sep}"message": '.encode() + maker.message_json(r),
    )
    if len(kept) >= _CACHE_SIZE:
        kept.clear()
    kept[key] = (maker, pieces)
    return pieces


def _tail_text(r: Result, lay: _Layout, reason: Reason, params: Mapping[str, Any], stored: str | MessageMaker) -> bytes:
    """A result's text from ``"reason"`` to the end of its message, in UTF-8 and layout ``lay``."""
    if type(stored) is str:
        message = _MESSAGES.get(stored) or _message(stored)
    elif params is NO_PARAMS and isinstance(stored, MessageMaker):
        made = _MADE_MESSAGES.get((id(stored), reason.code, r.due_date, r.fulfilled_on, r.period))
        message = made[1] if made is not None else _made_message(r, stored)
    elif isinstance(stored, MessageMaker):
        message = stored.message_json(r)
    else:
        text = r.message
        message = _MESSAGES.get(text) or _message(text)
    code = reason.code
    sep = lay.sep
    return (
        f'"reason": {{{lay.reason_open}"code": {_CODES.get(code) or _code(code)}{lay.reason_next}'
        f'"params": {lay.params(params) if params else "{}"}{lay.reason_close}}}{sep}'
        f'"extension": {"true" if r.extension else "false"}{sep}'
        f'"derived_from": {lay.strings(r.derived_from)}{sep}'
        '"message": '
    ).encode() + message


def _rest(
    r: Result, lay: _Layout, reason: Reason, maker: MessageMaker, kind: str, period: str | None, trigger: str | None,
    status: Status, due: dt.date | None, done: dt.date | None, evidence: tuple[str, ...], extension: bool,
) -> bytes:
    """``r``'s text after its bearer, in UTF-8 and layout ``lay``, for a result whose reason is a
    shared one (:func:`~qd213_rules.evaluation.results.bare_reason`,
    :func:`~qd213_rules.evaluation.results.shared_reason`: its params read-only, so one object
    says one thing), whose message ``maker`` writes from the reason, dates and period alone
    (:class:`~qd213_rules.evaluation.results.MessageMaker`) and without ``derived_from``: every
    field they hold is in the key they are kept by in the layout's ``rests`` (the reason and maker by
    identity: the entry keeps them alive, so that their ``id`` in the key stays theirs). Of the
    2,000-member reference's 94,166 results, 59,019 have such a reason, and 42,271 of them
    find their text kept."""
    found = _rest_text(r, lay, reason, maker, kind, period, trigger, status, due, done, evidence, extension)
    rests = lay.rests
    if len(rests) >= _CACHE_SIZE:
        rests.clear()
    rests[(id(reason), id(maker), kind, period, trigger, status, due, done, evidence, extension)] = (reason, maker, found)
    return found


def _rest_text(
    r: Result, lay: _Layout, reason: Reason, maker: MessageMaker, kind: str, period: str | None, trigger: str | None,
    status: Status, due: dt.date | None, done: dt.date | None, evidence: tuple[str, ...], extension: bool,
) -> bytes:
    """:func:`_rest` without keeping it."""
    tail = lay.tails.get((id(reason), id(maker), due, done, period, extension))
    if tail is None:
        tail = _shared_tail(r, lay, reason, maker, due, done, period, extension)
    found = (
        f'"period": {"null" if period is None else encode_basestring(period)}'
        f'{lay.trigger}{"null" if trigger is None else encode_basestring(trigger)}'
        f"{(lay.derived_statuses if kind == 'derived' else lay.statuses)[status]}{_DATES.get(due) or _date(due)}"
        f"{lay.fulfilled}{_DATES.get(done) or _date(done)}{lay.evidence}"
        f"{f'{lay.list_open}{lay.list_next.join(map(encode_basestring, evidence))}{lay.list_close}' if evidence else '[]'}"
        f"{lay.sep}"  # the evidence as lay.strings writes it, without its call (most results here have their own)
    ).encode() + tail[2]
    return found


def _shared_tail(
    r: Result, lay: _Layout, reason: Reason, maker: MessageMaker, due: dt.date | None, done: dt.date | None,
    period: str | None, extension: bool,
) -> tuple[Reason, MessageMaker, bytes]:
    """:func:`_tail_text` of a result :func:`_rest` writes, kept in the layout's ``tails`` by what
    it holds: the shared reason and its maker (by identity, the entry keeping them alive), and the
    dates, period and extension the maker writes the message from. Most results whose text
    ``rests`` does not hold differ from one kept only by their own trigger or evidence (the
    conduct duties a member's events support, each member's triggered duties), and their
    reason, parameters and message (the costly part: a Vietnamese text, written and encoded)
    are those of results written before (at 500 members 6,225 of the 16,858 such results miss
    ``rests``)."""
    tails = lay.tails
    found = tails[(id(reason), id(maker), due, done, period, extension)] = (
        reason, maker, _tail_text(r, lay, reason, reason.params, maker))
    if len(tails) > _CACHE_SIZE:
        tails.clear()
        tails[(id(reason), id(maker), due, done, period, extension)] = found
    return found


def _line_strings(values: Iterable[str]) -> str:
    return "[" + ", ".join(map(encode_basestring, values)) + "]" if values else "[]"


def _line_param(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dt.date:
        return f'"{value.isoformat()}"'
    if (kind is list or kind is tuple) and all(type(v) is str for v in value):
        return _line_strings(value)
    return json.dumps(jsonable(value), ensure_ascii=False)


def _line_params(params: Mapping[str, Any]) -> str:
    """``reason.params`` of a result line, keys sorted as :meth:`Result.to_dict` sorts them."""
    if len(params) == 1:  # one string: nearly always, written without a sort
        ((key, value),) = params.items()
        if type(key) is str and type(value) is str:
            return f"{{{encode_basestring(key)}: {encode_basestring(value)}}}"
    return "{" + ", ".join([f"{encode_basestring(str(k))}: {_line_param(v)}" for k, v in sorted(params.items())]) + "}"


_DUTY_LINES: dict[tuple[str, str, str, str], bytes] = {}
_RESTS: dict[
    tuple[int, int, str, str | None, str | None, Status, dt.date | None, dt.date | None, tuple[str, ...], bool],
    tuple[Reason, MessageMaker, bytes],
] = {}
_TAILS: dict[tuple[int, int, dt.date | None, dt.date | None, str | None, bool], tuple[Reason, MessageMaker, bytes]] = {}
_OWN_PLANS: dict[tuple[int, str, tuple[str, ...], bool], _OwnPlan] = {}
_DERIVED_PIECES: dict[tuple[Any, ...], tuple[MessageMaker, tuple[bytes, bytes]]] = {}
"""The report layout's caches (:class:`_Layout`)."""

_REPORT = _Layout(
    first=_FIRST, following=_NEXT, last=_LAST, sep=",\n      ", reason=("\n        ", ",\n        ", "\n      "),
    lists=(_LIST_OPEN, _LIST_NEXT, _LIST_CLOSE), params_brackets=(_PARAMS_OPEN, _PARAMS_NEXT, _PARAMS_CLOSE),
    params=_params, duties=_DUTY_LINES, rests=_RESTS, tails=_TAILS, plans=_OWN_PLANS, derived=_DERIVED_PIECES,
)  # fmt: skip
"""The report's layout: ``json.dumps(…, indent=2)`` of a result 2 levels deep."""

_LINE = _Layout(
    first=b'{"result_id": ', following=b'}\n{"result_id": ', last=b"}\n", sep=", ", reason=("", ", ", ""),
    lists=("[", ", ", "]"), params_brackets=("{", ", ", "}"), params=_line_params,
    duties={}, rests={}, tails={}, plans={}, derived={},
)  # fmt: skip
"""A result line's layout: ``json.dumps(…)`` with its default separators, and a newline."""


def result_json(r: Result) -> str:
    """One result as it stands in the report's ``results`` list (2 levels deep)."""
    return results_json((r,)).decode()


def result_batches(results: Iterable[Result]) -> Iterator[bytes]:
    """:func:`results_json` of each run of :data:`RESULTS_PER_CHUNK` results, in order."""
    # each run taken in C, not filled by a Python step per result of a province
    them = iter(results)
    while batch := list(islice(them, RESULTS_PER_CHUNK)):
        yield results_json(batch)


FIRST_SEPARATOR = b"\n    "
"""What comes before the first chunk of results (after :func:`document_head`)."""

SEPARATOR = b",\n    "
"""What comes before every other chunk of results."""


def document_head(head: Mapping[str, Any]) -> bytes:
    """The report document up to its results: ``{``, ``head``'s keys and ``"results": [``."""
    keys = [f"\n  {encode_basestring(key)}: {indented(value, 1)},".encode() for key, value in head.items()]
    return b"".join((b"{", *keys, b'\n  "results": ['))


def document_tail(tail: Mapping[str, Any], *, empty: bool) -> bytes:
    """The report document after its results (``empty``: there are none), without the final newline."""
    keys = [f",\n  {encode_basestring(key)}: {indented(value, 1)}".encode() for key, value in tail.items()]
    return b"".join((b"]" if empty else b"\n  ]", *keys, b"\n}"))


def document_chunks(
    head: Mapping[str, Any], results: Iterable[Result], tail: Mapping[str, Any], *, batches: Iterable[bytes] | None = None
) -> Iterator[bytes]:
    """The report document — ``head``'s keys, ``"results"``, then ``tail``'s keys — in chunks of
    UTF-8, without the final newline. ``batches``: the :func:`result_batches` of ``results``,
    when the caller has them made elsewhere (in worker processes, :mod:`qd213_rules.parallel`)."""
    yield document_head(head)
    written = False
    for text in result_batches(results) if batches is None else batches:
        # the separator apart: joined, each chunk of results (about 450 kB) was copied once more
        yield SEPARATOR if written else FIRST_SEPARATOR
        yield text
        written = True
    yield document_tail(tail, empty=not written)
