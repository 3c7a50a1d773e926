"""One exception family with stable error codes.

Every problem with the input is a :class:`Problem`: a stable :class:`ErrorCode`, where it was
found (file, line for JSON Lines, JSON path), the fact id when known, the value found and what
was expected, and a message in Vietnamese and English taken from the message catalogue
(``errors.<code>``; a ``did_you_mean`` parameter adds the closest valid values). ``str()`` of an
error is in the language of ``QD213_LANG`` (Vietnamese by default). Loading collects problems (up to a limit) and raises them together as a
:class:`FactsError`; the CLI prints them and exits with code 2.

>>> p = Problem(ErrorCode.UNKNOWN_FIELD, file="ward.json", json_path="$.members[0].nam",
...             fact_id="DV-1", found="nam")
>>> p.code.value
'unknown_field'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .messages import Lang, t

__all__ = [
    "ErrorCode",
    "Problem",
    "Qd213Error",
    "FactsError",
    "PolicyError",
    "UsageError",
    "EngineError",
    "WorkerError",
    "printable",
]


class ErrorCode(StrEnum):
    """Stable codes of input problems (documented in docs/errors.md; never renamed)."""

    # reading
    FILE_NOT_FOUND = "file_not_found"
    FILE_UNREADABLE = "file_unreadable"
    NOT_UTF8 = "not_utf8"
    JSON_MALFORMED = "json_malformed"
    INPUT_TOO_LARGE = "input_too_large"
    TOO_MANY_FACTS = "too_many_facts"
    LINE_TOO_LONG = "line_too_long"
    TOO_MANY_ERRORS = "too_many_errors"
    # shape
    NOT_AN_OBJECT = "not_an_object"
    UNKNOWN_TYPE = "unknown_type"
    UNKNOWN_KIND = "unknown_kind"
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    INVALID_VALUE = "invalid_value"
    INVALID_DATE = "invalid_date"
    INVALID_ID = "invalid_id"
    SCHEMA_VERSION = "schema_version"
    HEADER_MISPLACED = "header_misplaced"
    # references and consistency
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_REFERENCE = "unknown_reference"
    WRONG_ORG_KIND = "wrong_org_kind"
    ORG_CYCLE = "org_cycle"
    WRONG_EVENT_KIND = "wrong_event_kind"
    EVENT_OTHER_MEMBER = "event_other_member"
    EVENT_CITES_LATER = "event_cites_later"
    HISTORY_MISMATCH = "history_mismatch"
    CONDITIONAL_FIELD = "conditional_field"
    ATTENDEE_AND_EXCUSED = "attendee_and_excused"
    CONFLICTING_ASSESSMENT = "conflicting_assessment"
    BREACH_OF_NON_CONDUCT = "breach_of_non_conduct"
    UNKNOWN_OBLIGATION = "unknown_obligation"
    NO_AUTHORITY = "no_authority"
    WAIVER_AMBIGUOUS = "waiver_ambiguous"
    EMPTY_INPUT = "empty_input"
    # policy and usage
    POLICY_INVALID = "policy_invalid"
    USAGE = "usage"
    # comparing readings
    DIFFERENT_FACTS = "different_facts"
    UNKNOWN_PARAMETER = "unknown_parameter"
    NO_REGULATION_IN_FORCE = "no_regulation_in_force"


_NAMED_DEFAULTS: Mapping[str, Any] = {"bearer": "?"}
"""Names some messages take that a hand-built :class:`Problem` may not give (``no_authority``
names the bearer of the duty)."""


@dataclass(frozen=True)
class Problem:
    """One problem found in the input, with everything needed to find and fix it."""

    code: ErrorCode
    file: str | None = None
    line: int | None = None
    json_path: str | None = None
    fact_id: str | None = None
    found: Any = None
    expected: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang | None = None) -> str:
        """The problem in words (catalogue entry ``errors.<code>``)."""
        params = {**_NAMED_DEFAULTS, **self.params, "found": _show(self.found), "expected": self.expected_text(lang)}
        text = t(f"errors.{self.code.value}", lang, **params)
        options = self.params.get("did_you_mean")
        if options:  # the closest valid values, for a mistyped id or status
            text += " " + t("errors.did_you_mean", lang, options=", ".join(str(o) for o in options))
        return text

    def expected_text(self, lang: Lang | None = None) -> str:
        """What was expected, in ``lang`` when the problem gives it as a message id
        (``params["expected_msg"]``, filled with the other params), else as given."""
        msg_id = self.params.get("expected_msg")
        if msg_id:
            return t(msg_id, lang, **{k: v for k, v in self.params.items() if k != "expected_msg"},
                     found=self.found)
        return self.expected or ""

    def where(self, lang: Lang | None = None) -> str:
        """``file:line`` / JSON path / fact id, whichever are known."""
        parts = []
        if self.file is not None:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        if self.json_path:
            parts.append(self.json_path)
        if self.fact_id is not None:
            parts.append(t("errors.where.fact", lang, id=printable(self.fact_id)))
        return " ".join(parts)

    def format(self, lang: Lang | None = None) -> str:
        """One line a person can act on: ``where: [code] message``."""
        where = self.where(lang)
        return f"{where}: [{self.code.value}] {self.message(lang)}" if where else f"[{self.code.value}] {self.message(lang)}"

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        return {
            "code": self.code.value,
            "file": self.file,
            "line": self.line,
            "json_path": self.json_path,
            "fact_id": _utf8_safe(self.fact_id),
            "found": _utf8_safe(self.found) if _jsonable(self.found) else repr(self.found),
            "expected": self.expected_text(lang) if self.params.get("expected_msg") else self.expected,
            "message": self.message(lang),
        }


def _utf8_safe(value: Any) -> Any:
    """``value``, a string holding a lone surrogate (which no UTF-8 output can carry) with it
    written as ``\\udXXX``; anything else as it is."""
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _show(value: Any) -> str:
    """The value as JSON (``null``, ``"text"``), on one line, shortened, hidden characters shown."""
    import json

    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    text = printable(text)
    return text if len(text) <= 80 else text[:77] + "..."


def printable(text: str) -> str:
    """``text`` with every character Python deems unprintable (control, format, private-use,
    unassigned, separators other than the space) written as ``\\uXXXX``: a message must show a
    byte-order mark or a zero-width space, not hide it.

    >>> printable("P\\u200b1")
    'P\\\\u200b1'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def _jsonable(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


class Qd213Error(Exception):
    """Base of every error this library raises on purpose."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.format("en"))

    @property
    def codes(self) -> tuple[ErrorCode, ...]:
        return tuple(p.code for p in self.problems)

    def format(self, lang: Lang | None = None) -> str:
        return "\n".join(p.format(lang) for p in self.problems)

    def __str__(self) -> str:
        # in the language of QD213_LANG (Vietnamese by default), as every other message
        return self.format()


    def __reduce__(self) -> tuple[Any, ...]:
        # pickled with its problems (a worker process sends it back as it was raised)
        return (type(self), (self.problems,), dict(self.__dict__))


class EngineError(Qd213Error, RuntimeError):
    """The engine itself failed — a matching backend, a worker process — not the input.

    A :class:`RuntimeError` too (what the backends raised before they joined the family); it
    carries no :class:`Problem`, only a message for whoever reports the bug.
    """

    def __init__(self, message: str) -> None:
        self.message = message
        self.problems = ()
        RuntimeError.__init__(self, message)

    def format(self, lang: Lang | None = None) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message,), dict(self.__dict__))


class WorkerError(EngineError):
    """A worker process died, or failed with an exception that could not be sent back as it
    was (its type, message and the worker's traceback are in the message)."""


class FactsError(Qd213Error, ValueError):
    """The facts could not be loaded or are inconsistent."""


class PolicyError(Qd213Error, ValueError):
    """A policy file or value is not valid."""


class UsageError(Qd213Error, ValueError):
    """The library or the CLI was called with arguments that do not fit."""
