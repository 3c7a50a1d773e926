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
from collections.abc import Iterable, Iterator, Mapping
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


def _duty_text(r: Result, cache: dict[tuple[str, str, str, str], bytes], separator: str) -> bytes:
    """The fields every result of ``r``'s duty shares (from the end of ``result_id`` to the key
    of ``subject_id``), each after ``separator``, encoded once and kept in ``cache`` by duty: one
    builder for the report's indented layout and the stream's one-line layout."""
    key = (r.obligation_id, r.kind, r.citation, r.subject_type)
    found = cache.get(key)
    if found is None:
        fields = [f'"{name}": {encode_basestring(value)}' for name, value in zip(_DUTY_NAMES, key)]
        found = cache[key] = (separator + separator.join([*fields, '"subject_id": '])).encode()
    return found


def _duty_lines(r: Result) -> bytes:
    """:func:`_duty_text` as the report's lines (3 levels deep)."""
    return _duty_text(r, _DUTY_LINES, ",\n      ")


_DUTY_LINES: dict[tuple[str, str, str, str], bytes] = {}


def _status_text(before: str, separator: str, after: str, *, derived: bool) -> dict[Status, str]:
    """A result's status and severity in one layout, by status. A derived result (D1.K2a/b)
    has severity none: it restates its sources' findings (semantics R6; :attr:`Result.severity`)."""
    return {
        status: f'{before}"status": {encode_basestring(status.value)}{separator}'
        f'"severity": {encode_basestring("none" if derived else status.severity)}{after}'
        for status in Status
    }


_STATUS_LINES = _status_text("      ", ",\n      ", ",\n", derived=False)
_DERIVED_STATUS_LINES = _status_text("      ", ",\n      ", ",\n", derived=True)

_FIRST = b'{\n      "result_id": '
_NEXT = b'\n    },\n    {\n      "result_id": '
_LAST = b"\n    }"


def results_json(results: Iterable[Result]) -> bytes:
    """Consecutive results of the ``results`` list as they stand in it between their first
    opening brace and their last closing one, in UTF-8.

    Written as bytes, not text: a result's message and citation are Vietnamese, and a text
    holding them takes two bytes per character, so every other field would be widened into it
    and the whole encoded again for the file. Here the fields that are nearly always ASCII are
    formatted into one text per result, which encodes to UTF-8 by a copy, and the duty's
    lines and the message, encoded once each (:func:`_duty_lines`, :func:`_message`), are
    joined to it as bytes (a quarter less time than one text per result, at 2,000 members)."""
    parts: list[bytes] = []
    add = parts.extend
    opening = _FIRST
    # the caches' lookups are written out in the loop, and only a miss calls their function:
    # this loop runs once per result of a province (a sixth less time than a call per field)
    duty_lines, dates, messages, enc = _DUTY_LINES, _DATES, _MESSAGES, encode_basestring
    made_messages, no_params, codes = _MADE_MESSAGES, NO_PARAMS, _CODES
    shared_params, rests, plans = SharedParams, _RESTS, _OWN_PLANS
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
        lines = duty_lines.get((obligation, kind, r.citation, r.subject_type))
        if lines is None:
            lines = _duty_lines(r)
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
                rest = _rest_text(r, reason, stored, kind, period, trigger, status, due, done, evidence, extension)
            else:
                found = rests.get((id(reason), id(stored), kind, period, trigger, status, due, done, evidence, extension))
                if found is not None and found[0] is reason and found[1] is stored:
                    rest = found[2]
                else:
                    rest = _rest(r, reason, stored, kind, period, trigger, status, due, done, evidence, extension)
            if subject is not who_subject or bearer is not who_bearer:  # the subject and bearer, kept as they are
                who_subject, who_bearer = subject, bearer
                who = f'{subject_text},\n      "bearer_id": {this_bearer},\n'.encode()
            add((opening, enc(rid).encode(), lines, who, rest))
            opening = _NEXT
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
            f"{subject_text},\n"
            f'      "bearer_id": {this_bearer},\n'
            f'      "period": {period_text},\n'
            f'      "trigger_event_id": {trigger_text},\n'
            f"{(_DERIVED_STATUS_LINES if kind == 'derived' else _STATUS_LINES)[r.status]}"
            f'      "due_date": {due_text},\n'
            f'      "fulfilled_on": {done_text},\n'
            f'      "evidence": {f"{_LIST_OPEN}{_LIST_NEXT.join(map(enc, evidence))}{_LIST_CLOSE}" if evidence else "[]"},\n'
        )  # fmt: skip
        derived = r.derived_from
        if derived and isinstance(stored, MessageMaker):
            # a derived result (D1.K2a/b): its reason names the source duties it restates, never a
            # fact, so its text from "reason" to "derived_from" and its message are those of the
            # other results that restate the same sources (_derived_pieces); only its evidence and
            # sources' ids are its own
            pieces = _derived_pieces(r, reason, params, stored)
            if pieces is not None:
                add((
                    opening,
                    enc(rid).encode(),
                    lines,
                    head.encode(),
                    pieces[0],
                    f"{_LIST_OPEN}{_LIST_NEXT.join(map(enc, derived))}{_LIST_CLOSE}".encode(),
                    pieces[1],
                ))  # fmt: skip
                opening = _NEXT
                continue
        if params and not derived and not isinstance(stored, str) and type(params) is dict:
            # a reason with params of its own (most name a fact: their text is written anew) and a
            # message its maker writes: the text around the params' values and the message's
            # values is the same for every result with this maker, code, params' names and
            # extension, and is written once (_own_plan); each value is encoded once, for the
            # params and the message alike
            plan = plans.get((id(stored), reason.code, tuple(params), r.extension))
            if plan is None or plan.maker is not stored:
                plan = _own_plan(stored, reason.code, tuple(params), r.extension)
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
                    opening = _NEXT
                    continue
        if type(stored) is str:
            message = messages.get(stored)
            if message is None:
                message = _message(stored)
        elif params is no_params and isinstance(stored, MessageMaker):
            made = made_messages.get((id(stored), reason.code, due, done, period))
            message = made[1] if made is not None and made[0] is stored else _made_message(r, stored)
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
                '      "reason": {\n'
                f'        "code": {codes.get(reason.code) or _code(reason.code)},\n'
                f'        "params": {_params(params) if params else "{}"}\n'
                "      },\n"
                f'      "extension": {"true" if r.extension else "false"},\n'
                f'      "derived_from": {f"{_LIST_OPEN}{_LIST_NEXT.join(map(enc, derived))}{_LIST_CLOSE}" if derived else "[]"},\n'
                '      "message": '
            ).encode(),
            message,
        ))  # fmt: skip
        opening = _NEXT
    if not parts:
        return b""
    parts.append(_LAST)
    return b"".join(parts)


def _own_plan(maker: MessageMaker, code: str, names: tuple[str, ...], extension: bool) -> _OwnPlan:
    """How :func:`results_json` writes a result whose reason has ``code`` and params of its own
    named ``names`` (in that order), every one a string, whose message ``maker`` writes, with
    ``extension`` and without ``derived_from``: the text from ``"reason"`` to the message around
    each param's JSON text (in ``names``' sorted order, as :meth:`Result.to_dict` sorts them),
    where each goes in ``names``' order, and the maker's
    :meth:`~qd213_rules.evaluation.results.MessageMaker.json_filler` (None: written as any other
    result). Kept in :data:`_OWN_PLANS` by the maker (by identity: the plan keeps it alive),
    code, names and extension; at 2,000 members 27,360 results with params of their own write
    through 35 plans."""
    filler = maker.json_filler(code, names) if all(type(name) is str for name in names) else None
    plan = _OwnPlan(maker, filler)
    if filler is not None:
        order = sorted(range(len(names)), key=names.__getitem__)
        keys = [f"{encode_basestring(names[i])}: " for i in order]
        plan.literals = (
            '      "reason": {\n'
            f'        "code": {encode_basestring(code)},\n'
            f'        "params": {_PARAMS_OPEN}{keys[0]}',
            *[f"{_PARAMS_NEXT}{key}" for key in keys[1:]],
            f"{_PARAMS_CLOSE}\n"
            "      },\n"
            f'      "extension": {"true" if extension else "false"},\n'
            '      "derived_from": [],\n'
            '      "message": ',
        )
        plan.order = tuple(order)
    if len(_OWN_PLANS) >= _CACHE_SIZE:
        _OWN_PLANS.clear()
    _OWN_PLANS[(id(maker), code, names, extension)] = plan
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
        (more than two: the one- and two-param texts are written in :func:`results_json`)."""
        literals, order = self.literals, self.order
        out = [literals[0]]
        for literal, index in zip(literals[1:], order):
            out += (encoded[index], literal)
        return "".join(out)


_OWN_PLANS: dict[tuple[int, str, tuple[str, ...], bool], _OwnPlan] = {}


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
    r: Result, reason: Reason, params: Mapping[str, Any], maker: MessageMaker
) -> tuple[bytes, bytes] | None:
    """The text of a result with ``derived_from`` whose message ``maker`` writes, from
    ``"reason"`` to the key of ``derived_from``, and from after its value to the end of the
    message, in UTF-8: kept in :data:`_DERIVED_PIECES` by what they hold (the maker, by identity,
    the entry keeping it alive; the reason's code and params, the dates, period and extension),
    or None when its params hold values of other types than strings and lists of strings. At
    500 members 1,904 derived results restate a few dozen lists of sources: their params and
    message (a Vietnamese text, written and encoded) were written anew for each."""
    params_key = _params_key(params)
    if params_key is None:
        return None
    code = reason.code
    due, done, period, extension = r.due_date, r.fulfilled_on, r.period, r.extension
    key = (id(maker), code, params_key, due, done, period, extension)
    found = _DERIVED_PIECES.get(key)
    if found is not None and found[0] is maker:
        return found[1]
    pieces = (
        (
            '      "reason": {\n'
            f'        "code": {_CODES.get(code) or _code(code)},\n'
            f'        "params": {_params(params) if params else "{}"}\n'
            "      },\n"
            f'      "extension": {"true" if extension else "false"},\n'
            '      "derived_from": '
        ).encode(),
        b',\n      "message": ' + maker.message_json(r),
    )
    if len(_DERIVED_PIECES) >= _CACHE_SIZE:
        _DERIVED_PIECES.clear()
    _DERIVED_PIECES[key] = (maker, pieces)
    return pieces


_DERIVED_PIECES: dict[tuple[Any, ...], tuple[MessageMaker, tuple[bytes, bytes]]] = {}


def _tail_text(r: Result, reason: Reason, params: Mapping[str, Any], stored: str | MessageMaker) -> bytes:
    """A result's lines from ``"reason"`` to the end of its message (3 levels deep), in UTF-8."""
    if type(stored) is str:
        message = _MESSAGES.get(stored) or _message(stored)
    elif params is NO_PARAMS and isinstance(stored, MessageMaker):
        made = _MADE_MESSAGES.get((id(stored), reason.code, r.due_date, r.fulfilled_on, r.period))
        message = made[1] if made is not None and made[0] is stored else _made_message(r, stored)
    elif isinstance(stored, MessageMaker):
        message = stored.message_json(r)
    else:
        text = r.message
        message = _MESSAGES.get(text) or _message(text)
    derived = r.derived_from
    code = reason.code
    return (
        '      "reason": {\n'
        f'        "code": {_CODES.get(code) or _code(code)},\n'
        f'        "params": {_params(params) if params else "{}"}\n'
        "      },\n"
        f'      "extension": {"true" if r.extension else "false"},\n'
        f'      "derived_from": {f"{_LIST_OPEN}{_LIST_NEXT.join(map(encode_basestring, derived))}{_LIST_CLOSE}" if derived else "[]"},\n'
        '      "message": '
    ).encode() + message


def _rest(
    r: Result, reason: Reason, maker: MessageMaker, kind: str, period: str | None, trigger: str | None, status: Status,
    due: dt.date | None, done: dt.date | None, evidence: tuple[str, ...], extension: bool,
) -> bytes:
    """``r``'s lines after its bearer, in UTF-8, for a result whose reason is a shared one
    (:func:`~qd213_rules.evaluation.results.bare_reason`,
    :func:`~qd213_rules.evaluation.results.shared_reason`: its params read-only, so one object
    says one thing), whose message ``maker`` writes from the reason, dates and period alone
    (:class:`~qd213_rules.evaluation.results.MessageMaker`) and without ``derived_from``: every
    field they hold is in the key they are kept by in :data:`_RESTS` (the reason and maker by
    identity: the entry keeps them alive, so that their ``id`` in the key stays theirs). Of the
    2,000-member reference's 94,166 results, 59,019 have such a reason, and 42,271 of them
    find their text kept."""
    found = _rest_text(r, reason, maker, kind, period, trigger, status, due, done, evidence, extension)
    if len(_RESTS) >= _CACHE_SIZE:
        _RESTS.clear()
    _RESTS[(id(reason), id(maker), kind, period, trigger, status, due, done, evidence, extension)] = (reason, maker, found)
    return found


def _rest_text(
    r: Result, reason: Reason, maker: MessageMaker, kind: str, period: str | None, trigger: str | None, status: Status,
    due: dt.date | None, done: dt.date | None, evidence: tuple[str, ...], extension: bool,
) -> bytes:
    """:func:`_rest` without keeping it."""
    tail = _TAILS.get((id(reason), id(maker), due, done, period, extension))
    if tail is None or tail[0] is not reason or tail[1] is not maker:
        tail = _shared_tail(r, reason, maker, due, done, period, extension)
    found = (
        f'      "period": {"null" if period is None else encode_basestring(period)},\n'
        f'      "trigger_event_id": {"null" if trigger is None else encode_basestring(trigger)},\n'
        f"{(_DERIVED_STATUS_LINES if kind == 'derived' else _STATUS_LINES)[status]}"
        f'      "due_date": {_DATES.get(due) or _date(due)},\n'
        f'      "fulfilled_on": {_DATES.get(done) or _date(done)},\n'
        f'      "evidence": {f"{_LIST_OPEN}{_LIST_NEXT.join(map(encode_basestring, evidence))}{_LIST_CLOSE}" if evidence else "[]"},\n'
    ).encode() + tail[2]
    return found


_RESTS: dict[
    tuple[int, int, str, str | None, str | None, Status, dt.date | None, dt.date | None, tuple[str, ...], bool],
    tuple[Reason, MessageMaker, bytes],
] = {}


def _shared_tail(
    r: Result, reason: Reason, maker: MessageMaker, due: dt.date | None, done: dt.date | None, period: str | None,
    extension: bool,
) -> tuple[Reason, MessageMaker, bytes]:
    """:func:`_tail_text` of a result :func:`_rest` writes, kept in :data:`_TAILS` by what it
    holds: the shared reason and its maker (by identity, the entry keeping them alive), and the
    dates, period and extension the maker writes the message from. Most results whose text
    :data:`_RESTS` does not hold differ from one kept only by their own trigger or evidence (the
    conduct duties a member's events support, each member's triggered duties), and their
    reason, parameters and message (the costly part: a Vietnamese text, written and encoded)
    are those of results written before (at 500 members 6,225 of the 16,858 such results miss
    :data:`_RESTS`)."""
    found = _TAILS[(id(reason), id(maker), due, done, period, extension)] = (
        reason, maker, _tail_text(r, reason, reason.params, maker))
    if len(_TAILS) > _CACHE_SIZE:
        _TAILS.clear()
        _TAILS[(id(reason), id(maker), due, done, period, extension)] = found
    return found


_TAILS: dict[tuple[int, int, dt.date | None, dt.date | None, str | None, bool], tuple[Reason, MessageMaker, bytes]] = {}


def _message_json(r: Result) -> bytes:
    """``r``'s message as JSON in UTF-8, through the caches :func:`results_json` reads (its loop
    has the same lookups written out)."""
    stored = message_slot(r, Result)
    if type(stored) is str:
        return _MESSAGES.get(stored) or _message(stored)
    if r.reason.params is NO_PARAMS and isinstance(stored, MessageMaker):
        made = _MADE_MESSAGES.get((id(stored), r.reason.code, r.due_date, r.fulfilled_on, r.period))
        return made[1] if made is not None and made[0] is stored else _made_message(r, stored)
    if isinstance(stored, MessageMaker):
        return stored.message_json(r)
    text = r.message
    return _MESSAGES.get(text) or _message(text)


def _duty_fields(r: Result) -> bytes:
    """:func:`_duty_text` as a result line's fields."""
    return _duty_text(r, _DUTY_FIELDS, ", ")


_DUTY_FIELDS: dict[tuple[str, str, str, str], bytes] = {}

_STATUS_FIELDS = _status_text("", ", ", ", ", derived=False)
_DERIVED_STATUS_FIELDS = _status_text("", ", ", ", ", derived=True)


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


_OPEN_LINE = b'{"result_id": '
_CLOSE_LINE = b"}\n"


def result_lines(results: Iterable[Result]) -> bytes:
    """Each result as one line of JSON Lines — ``json.dumps(r.to_dict(), ensure_ascii=False)``
    and a newline, byte for byte — in UTF-8: the lines ``check --stream`` writes.

    Written as :func:`results_json` writes the report, for the same reasons: no dict per
    result, values through the C string encoder, the mostly-ASCII fields formatted into one
    text that encodes by a copy, and the duty's fields and the message (Vietnamese) encoded
    once each and joined as bytes (a text line holding the message took two bytes per
    character and was encoded again for the output)."""
    parts: list[bytes] = []
    add = parts.extend
    enc, codes = encode_basestring, _CODES
    last_subject = last_bearer = None  # as in results_json: the subject's and last bearer's JSON kept
    subject_text = bearer_text = ""
    for r in results:
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
        rid = id_slot(r, Result)
        if rid is None:
            rid = f"{obligation}|{subject}|{period or trigger or '-'}|{bearer}"
        fields = _DUTY_FIELDS.get((obligation, r.kind, r.citation, r.subject_type)) or _duty_fields(r)
        due = r.due_date
        done = r.fulfilled_on
        reason = r.reason
        params = reason.params
        evidence = r.evidence
        derived = r.derived_from
        params_text = _line_params(params) if params else "{}"
        add((
            _OPEN_LINE,
            enc(rid).encode(),
            fields,
            (
                f'{subject_text}, "bearer_id": {this_bearer}, '
                f'"period": {"null" if period is None else enc(period)}, '
                f'"trigger_event_id": {"null" if trigger is None else enc(trigger)}, '
                f"{(_DERIVED_STATUS_FIELDS if r.kind == 'derived' else _STATUS_FIELDS)[r.status]}"
                f'"due_date": {_DATES.get(due) or _date(due)}, "fulfilled_on": {_DATES.get(done) or _date(done)}, '
                f'"evidence": {_line_strings(evidence) if evidence else "[]"}, '
                f'"reason": {{"code": {codes.get(reason.code) or _code(reason.code)}, "params": {params_text}}}, '
                f'"extension": {"true" if r.extension else "false"}, '
                f'"derived_from": {_line_strings(derived) if derived else "[]"}, '
                '"message": '
            ).encode(),
            _message_json(r),
            _CLOSE_LINE,
        ))  # fmt: skip
    return b"".join(parts)


def result_json(r: Result) -> str:
    """One result as it stands in the report's ``results`` list (2 levels deep)."""
    return results_json((r,)).decode()


def result_batches(results: Iterable[Result]) -> Iterator[bytes]:
    """:func:`results_json` of each run of :data:`RESULTS_PER_CHUNK` results, in order."""
    batch: list[Result] = []
    for result in results:
        batch.append(result)
        if len(batch) == RESULTS_PER_CHUNK:
            yield results_json(batch)
            batch = []
    if batch:
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
