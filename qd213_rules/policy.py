"""Interpretive parameters: every number and switch the text of QĐ 213 leaves open.

Spec (docs/policy.md, docs/interpretation.md Q1–Q20): :class:`Policy` is a frozen,
hashable model. Each parameter has a default, a one-line rationale and its source, kept as field
metadata (``Field(description=..., json_schema_extra={"source": ..., "rationale": ...})``); the
Vietnamese and English wording of label and rationale is in the message catalogue
(``policy.<field>.label`` / ``policy.<field>.rationale``).

- ``timely_days`` maps each triggered and on-request duty to the days allowed ("kịp thời" has no
  number: default 30). A partial mapping merges with the defaults; an id outside
  :data:`TIMELY_DUTIES` is an error; values are whole days, 0 or more.
- Month-days (``annual_review_fallback``, ``provincial_report_due``) are written ``"MM-DD"``
  (:class:`MonthDay`); ``02-29`` is allowed and falls on 28 February in a common year.
- ``violation_after_days`` and ``consultation_max_age_days`` are off when ``None`` (JSON
  ``null``; in TOML, leave the key out).
- :func:`load_policy` reads JSON or TOML (by extension, else by content) or a mapping; unknown
  keys and wrong values raise :class:`~qd213_rules.errors.PolicyError` naming the file, the JSON
  path, the value found and what was expected. :meth:`Policy.effective` is the JSON-able echo that
  every report carries, and ``load_policy(p.effective()) == p``.

>>> p = Policy(timely_days={"D2.K7b": 14})
>>> p.timely("D2.K7b"), p.timely("D3.K2")
(14, 30)
>>> p.annual_review_fallback.on(2025)
datetime.date(2025, 12, 15)
>>> p.effective()["annual_review_fallback"], p.effective()["violation_after_days"]
('12-15', None)
>>> p.cite("timely_days", "D2.K7b")
'timely_days.D2.K7b=14'
>>> load_policy(p.effective()) == p and hash(load_policy(p.effective())) == hash(p)
True
>>> MonthDay.parse("02-29").on(2025), MonthDay.parse("02-29").on(2024)
(datetime.date(2025, 2, 28), datetime.date(2024, 2, 29))

Regenerate docs/policy.md with ``python -m qd213_rules.policy > docs/policy.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import sys
from collections.abc import ItemsView, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    ValidationError,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .errors import ErrorCode, PolicyError, Problem
from .messages import Lang, t

__all__ = [
    "Policy",
    "MonthDay",
    "FrozenMap",
    "ParameterInfo",
    "POLICY_FIELDS",
    "TIMELY_DUTIES",
    "MAX_DAYS",
    "load_policy",
    "render_markdown",
    "REGENERATE",
]

TIMELY_DUTIES: tuple[str, ...] = (
    "D2.K7b", "D3.K1a", "D3.K1b", "D3.K1c", "D3.K2", "D3.K3c", "D3.K4c",
    "D4.K1a", "D4.K1b", "D4.K2a", "D4.K2b", "D4.K4d", "D4.K5d", "D4.K6", "D5.K2b",
)  # fmt: skip
"""The triggered and on-request duties whose deadline is ``timely_days`` (docs/policy.md, semantics §13)."""

MAX_DAYS = 3660
"""Upper bound of a day count: ten years is already "never" for any record, and a bound keeps
date arithmetic from overflowing."""

_MAX_POLICY_BYTES = 1_000_000


# --------------------------------------------------------------------------- value types


class MonthDay:
    """A day of the year written ``"MM-DD"`` (no year), e.g. the fallback review date.

    Immutable, hashable and ordered. ``02-29`` is accepted and resolves to 28 February in a
    common year; a day that no year has (``02-30``, ``04-31``) is refused.

    >>> MonthDay.parse("12-15")
    MonthDay('12-15')
    >>> str(MonthDay(2, 29)), MonthDay(2, 29).on(2023).isoformat()
    ('02-29', '2023-02-28')
    >>> MonthDay.parse("02-30")
    Traceback (most recent call last):
    ...
    ValueError: 02-30 is not a day of the year
    """

    __slots__ = ("month", "day")
    month: int
    day: int

    def __init__(self, month: int, day: int) -> None:
        # 2000 is a leap year: the most days any month can have
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]):
            raise ValueError(f"{month:02d}-{day:02d} is not a day of the year")
        object.__setattr__(self, "month", month)
        object.__setattr__(self, "day", day)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("MonthDay is immutable")

    def _key(self) -> tuple[int, int]:
        return (self.month, self.day)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MonthDay) and self._key() == other._key()

    def __lt__(self, other: MonthDay) -> bool:
        return self._key() < other._key()

    def __le__(self, other: MonthDay) -> bool:
        return self._key() <= other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[type[MonthDay], tuple[int, int]]:
        return (MonthDay, self._key())

    @classmethod
    def parse(cls, text: str) -> MonthDay:
        """Parse ``"MM-DD"`` (two digits each); raise :class:`ValueError` otherwise."""
        match = _MONTH_DAY.fullmatch(text)
        if match is None:
            raise ValueError(f"{text!r} is not of the form MM-DD")
        return cls(int(match[1]), int(match[2]))

    def on(self, year: int) -> dt.date:
        """This day in ``year`` (29 February → 28 February in a common year)."""
        if (self.month, self.day) == (2, 29) and not calendar.isleap(year):
            return dt.date(year, 2, 28)
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def __repr__(self) -> str:
        return f"MonthDay('{self}')"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_month_day,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="json"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": r"^\d{2}-\d{2}$", "examples": ["12-15"]}


_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


def _validate_month_day(value: Any) -> MonthDay:
    if isinstance(value, MonthDay):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("month_day_type", "a string MM-DD is expected")
    match = _MONTH_DAY.fullmatch(value)
    if match is None:
        raise PydanticCustomError("month_day_format", "a month-day MM-DD is expected")
    try:
        return MonthDay(int(match[1]), int(match[2]))
    except ValueError:
        raise PydanticCustomError("month_day_impossible", "no year has this day") from None


class FrozenMap(Mapping[str, int]):
    """An immutable, hashable ``{str: int}`` mapping (keeps :class:`Policy` hashable).

    >>> m = FrozenMap({"b": 2, "a": 1})
    >>> list(m), m == {"a": 1, "b": 2}, hash(m) == hash(FrozenMap({"a": 1, "b": 2}))
    (['a', 'b'], True, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, int]) -> None:
        # sorted once, so iteration, repr and JSON echo are deterministic
        self._data: dict[str, int] = dict(sorted(data.items()))
        self._hash: int | None = None

    def items(self) -> ItemsView[str, int]:
        # the dict's own view (read-only): Mapping's looks every key up in Python, and every
        # report echoes the policy (Policy.effective: 17 -> 2 µs)
        return self._data.items()

    def __getitem__(self, key: str) -> int:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        # kept: an evaluation of one member finds its context by the policy's hash
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMap], tuple[dict[str, int]]]:
        # rebuilt from its data: a hash kept by another process (another string hash seed) is not
        return (FrozenMap, (self._data,))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # used only to show a FrozenMap default in a JSON Schema
        return core_schema.no_info_after_validator_function(
            cls,
            core_schema.dict_schema(core_schema.str_schema(), core_schema.int_schema()),
            serialization=core_schema.plain_serializer_function_ser_schema(dict),
        )


_DEFAULT_TIMELY = FrozenMap({duty: 30 for duty in TIMELY_DUTIES})


def _check_timely_id(key: str) -> str:
    if key not in _DEFAULT_TIMELY:
        raise PydanticCustomError("unknown_timely_duty", "not a duty with a timely_days deadline")
    return key


def _merge_timely(given: Mapping[str, int]) -> FrozenMap:
    # a partial mapping overrides only the duties it names (semantics §16)
    return FrozenMap({**_DEFAULT_TIMELY, **given})


def _days(upper: int) -> Any:
    return Field(strict=True, ge=0, le=upper)


# tighter bounds where a larger value could never make a difference
_UPPER = {"comment_lead_days": 366, "chain_step_days": 366, "min_days_for_comment": 366, "min_notice_days": 184}
_OPTIONAL = ("violation_after_days", "consultation_max_age_days")


Days = Annotated[int, _days(MAX_DAYS)]
_TimelyId = Annotated[str, AfterValidator(_check_timely_id)]
TimelyDays = Annotated[
    Mapping[_TimelyId, Days],
    AfterValidator(_merge_timely),
    PlainSerializer(lambda m: dict(m), return_type=dict[str, int]),
]
"""``{obligation id: days}``: validated per key, merged with the defaults, frozen."""


def _param(description: str, source: str, rationale: str) -> dict[str, Any]:
    return {"description": description, "json_schema_extra": {"source": source, "rationale": rationale}}


# --------------------------------------------------------------------------- the model


class Policy(BaseModel):
    """The interpretive parameters of one evaluation (frozen; hashable; equal by value)."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False)

    timely_days: TimelyDays = Field(
        default=_DEFAULT_TIMELY,
        **_param(
            "Days allowed for a prompt duty, per obligation id",
            "interpretation Q1 (judgement: membership-transfer practice); docs/policy.md",
            "The text says only 'kịp thời' (promptly); 30 calendar days, counted from the trigger or"
            " the request, matches the party-transfer window and can be set per duty.",
        ),
    )
    annual_review_fallback: MonthDay = Field(
        default=MonthDay(12, 15),
        **_param(
            "Assumed annual review date",
            "interpretation Q3; semantics §4",
            "QĐ 213 fixes no date for the annual review; when no review of the cell or committee"
            " is recorded or scheduled, 15 December is assumed.",
        ),
    )
    comment_lead_days: int = Field(
        default=15,
        strict=True,
        ge=0,
        le=_UPPER["comment_lead_days"],
        **_param(
            "Days between the forms reaching the workplace committee and the review",
            "interpretation Q3; semantics §4",
            "Certified comment forms must reach the workplace committee before the review: by the"
            " review date minus 15 days (30 November with the fallback date).",
        ),
    )
    chain_step_days: int = Field(
        default=5,
        strict=True,
        ge=0,
        le=_UPPER["chain_step_days"],
        **_param(
            "Days between steps of the yearly comment chain",
            "interpretation Q3; semantics §4",
            "Each earlier step of the yearly chain (issue, send, certify the form) is due 5 days"
            " before the next, counting back from the forwarding deadline.",
        ),
    )
    min_days_for_comment: int = Field(
        default=90,
        strict=True,
        ge=0,
        le=_UPPER["min_days_for_comment"],
        **_param(
            "Days at a residence cell before it owes a comment",
            "interpretation Q19; semantics §4",
            "A residence cell comments only on a member it has known for 90 days; otherwise the"
            " previous cell does, else no comment is owed that year.",
        ),
    )
    min_notice_days: int = Field(
        default=30,
        strict=True,
        ge=0,
        le=_UPPER["min_notice_days"],
        **_param(
            "Days a regular member must be registered before a half-year ends",
            "judgement; semantics §5",
            "A residence cell owes its half-yearly meeting of working members only when a regular"
            " member was registered at least 30 days before the half-year ends.",
        ),
    )
    provincial_report_due: MonthDay = Field(
        default=MonthDay(12, 31),
        **_param(
            "Due date of the provincial committees' annual report",
            "interpretation Q3",
            "Provincial committees report to the Secretariat every year with no date given;"
            " 31 December is assumed.",
        ),
    )
    violation_after_days: Annotated[int, _days(MAX_DAYS)] | None = Field(
        default=None,
        **_param(
            "Days past the due date after which an overdue duty counts as violated",
            "interpretation Q2",
            "Off by default: lateness alone is overdue, never violated; a deployer may turn an"
            " overdue duty into violated this many days after its due date.",
        ),
    )
    consultation_max_age_days: Annotated[int, _days(MAX_DAYS)] | None = Field(
        default=None,
        **_param(
            "Maximum age of the residence consultation before an appointment or nomination",
            "interpretation Q14",
            "Off by default: any consultation dated on or before the decision counts; a deployer"
            " may require it to be at most this many days old.",
        ),
    )
    reintroduce_on_transfer: bool = Field(
        default=True,
        strict=True,
        **_param(
            "Introduce the member again after a transfer to another workplace committee",
            "judgement; semantics §2, §11",
            "The new workplace committee is the one that must keep in touch with the residence,"
            " so it introduces the member again.",
        ),
    )
    reintroduce_within_commune: bool = Field(
        default=True,
        strict=True,
        **_param(
            "Introduce the member again after a move within the same commune",
            "interpretation Q8; semantics §2",
            "A move to another residence cell changes the cell that must know the member, even"
            " inside one commune, so the introduction is needed again.",
        ),
    )
    hd33_retroactive: bool = Field(
        default=True,
        strict=True,
        **_param(
            "Apply the HD33 member categories before 30 October 2020",
            "judgement; interpretation Q6; semantics §9",
            "HD33 explains how QĐ 213 applies to members in special conditions that existed from"
            " the start, so its categories also apply from 2 January 2020.",
        ),
    )

    @model_validator(mode="after")
    def _chain_fits_in_a_year(self) -> Policy:
        # the yearly chain counts back from the review date: it must start within that year's reach
        if self.comment_lead_days + 3 * self.chain_step_days > 365:
            raise PydanticCustomError("chain_too_long", "the yearly comment chain must fit in one year")
        return self

    def timely(self, obligation_id: str) -> int:
        """Days allowed for the timely duty ``obligation_id`` (:class:`KeyError` if it has none)."""
        try:
            return self.timely_days[obligation_id]
        except KeyError:
            raise KeyError(f"{obligation_id} has no timely_days deadline") from None

    def effective(self) -> dict[str, Any]:
        """The effective values as JSON-able data, in field order (echoed in every report)."""
        global _last_effective
        last = _last_effective
        if last is None or last[0] is not self:
            # worked out once per policy object in a row (performance: a caller evaluating
            # members one by one has every report echo one policy; reading a model's twelve
            # fields and making them plain was about 0.7 % of a one-member evaluation)
            values = {name: _plain(getattr(self, name)) for name in POLICY_FIELDS}
            last = _last_effective = (self, values, tuple(name for name, value in values.items() if type(value) is dict))
        # each report its own copy, and of each dict in it: a caller may change the dict a report
        # holds (copied in C, then the few dicts: a comprehension's step per field was about 0.5 %
        # of a one-member evaluation's bytecodes)
        out = dict(last[1])
        for name in last[2]:
            out[name] = dict(out[name])
        return out

    def cite(self, parameter: str, obligation_id: str | None = None) -> str:
        """How a reason cites the parameter it used, e.g. ``timely_days.D2.K7b=30``."""
        if parameter == "timely_days":
            if obligation_id is None:
                raise ValueError("timely_days is cited per obligation id")
            return f"timely_days.{obligation_id}={self.timely(obligation_id)}"
        if parameter not in POLICY_FIELDS:
            raise KeyError(parameter)
        return f"{parameter}={_show(_plain(getattr(self, parameter)))}"

    def describe(self, lang: Lang | None = None) -> list[ParameterInfo]:
        """One row per parameter for docs: name, default, value, rationale (in ``lang``), source."""
        defaults = _DEFAULTS.effective()
        values = self.effective()
        return [
            ParameterInfo(
                name,
                defaults[name],
                values[name],
                t(f"policy.{name}.rationale", lang),
                str(_extra(name)["source"]),
            )
            for name in POLICY_FIELDS
        ]


class ParameterInfo(NamedTuple):
    """One row of :meth:`Policy.describe` (default and value as in :meth:`Policy.effective`)."""

    name: str
    default: Any
    value: Any
    rationale: str
    source: str


POLICY_FIELDS: tuple[str, ...] = tuple(Policy.model_fields)
"""The parameter names, in the order they are documented and echoed."""

_DEFAULTS = Policy()


def _extra(name: str) -> Mapping[str, Any]:
    extra = Policy.model_fields[name].json_schema_extra
    assert isinstance(extra, dict)
    return extra


def _plain(value: Any) -> Any:
    if value is None or type(value) in _AS_THEY_ARE:  # most parameters: no ABC check (every report echoes them)
        return value
    if isinstance(value, MonthDay):
        return str(value)
    if isinstance(value, Mapping):
        return dict(sorted(value.items()))
    return value


_last_effective: tuple[Policy, dict[str, Any], tuple[str, ...]] | None = None
"""The policy :meth:`Policy.effective` was last asked of, its values and the names of those that
are dicts (kept for the next call: one policy object, held alive until another is asked)."""

_AS_THEY_ARE = (int, bool, str, float)
"""The types of parameter values :func:`_plain` gives back unchanged."""


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


# --------------------------------------------------------------------------- loading


def load_policy(source: str | os.PathLike[str] | Mapping[str, Any] | Policy) -> Policy:
    """A :class:`Policy` from a JSON or TOML file, a mapping, or a policy (returned as is).

    Files ending ``.json`` are JSON, ``.toml`` TOML; otherwise a file whose first character is
    ``{`` is JSON, else TOML. Every problem raises :class:`PolicyError`.

    >>> load_policy({"timely_days": {"D3.K2": 10}, "hd33_retroactive": False}).timely("D3.K2")
    10
    >>> load_policy({"timely_day": 10})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    qd213_rules.errors.PolicyError: $.timely_day: [policy_invalid] ...
    """
    if isinstance(source, Policy):
        return source
    if isinstance(source, Mapping):
        return _validate(source, None)
    path = Path(source)
    return _validate(_read(path), str(source))


def _read(path: Path) -> Any:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > _MAX_POLICY_BYTES:
            raise PolicyError([Problem(ErrorCode.INPUT_TOO_LARGE, file=name, found=size,
                                       expected=f"≤ {_MAX_POLICY_BYTES} B")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError([Problem(ErrorCode.FILE_NOT_FOUND, file=name)]) from None
    except OSError as exc:
        raise PolicyError([Problem(ErrorCode.FILE_UNREADABLE, file=name, found=exc.strerror)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PolicyError([Problem(ErrorCode.NOT_UTF8, file=name, found=raw[exc.start : exc.end],
                                   expected="UTF-8")]) from None
    suffix = path.suffix.lower()
    as_json = suffix == ".json" or (suffix != ".toml" and text.lstrip().startswith("{"))
    if as_json:
        try:
            return json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise PolicyError([Problem(ErrorCode.POLICY_INVALID, file=name, line=exc.lineno,
                                       found=exc.msg, expected="JSON")]) from None
        except _DuplicateKey as exc:
            raise PolicyError([Problem(ErrorCode.POLICY_INVALID, file=name, json_path=_path([exc.key]),
                                       found=f"{exc.key} ×2", expected=f"{exc.key} ×1")]) from None
    import tomllib  # here, not at the top: only a TOML policy file needs it (every check imports this module)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError([Problem(ErrorCode.POLICY_INVALID, file=name, found=str(exc),
                                   expected="TOML")]) from None


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of duplicate keys silently; a policy must say one thing
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _validate(data: Any, file: str | None) -> Policy:
    if not isinstance(data, Mapping):
        raise PolicyError([Problem(ErrorCode.POLICY_INVALID, file=file, json_path="$",
                                   found=data, expected="{…}")])
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError([_problem(error, file) for error in exc.errors()]) from None


def _expected(error_type: str, loc: list[Any]) -> str:
    """What was expected, from the pydantic error type and location (never its message text).

    Written without words (values, alternatives with ``|``), so it reads the same in every
    language of the message it is put into.
    """
    if error_type == "extra_forbidden":
        return " | ".join(POLICY_FIELDS)
    if error_type == "unknown_timely_duty":
        return " | ".join(TIMELY_DUTIES)
    if error_type.startswith("month_day_"):
        return '"MM-DD" ("01-01" … "12-31", "02-29")'
    if error_type == "chain_too_long":
        return "comment_lead_days + 3 × chain_step_days ≤ 365"
    if error_type in ("dict_type", "mapping_type"):
        return f'{{"D2.K7b": {_range(MAX_DAYS)}, …}}'
    if error_type == "bool_type":
        return "true | false"
    # the remaining errors are about a day count: say which range the field takes
    field = str(loc[0]) if loc else ""
    text = _range(_UPPER.get(field, MAX_DAYS))
    return text + " | null" if field in _OPTIONAL else text


def _range(upper: int) -> str:
    return f"0, 1, …, {upper}"


def _problem(error: Any, file: str | None) -> Problem:
    loc = list(error["loc"])
    error_type = str(error["type"])
    expected = _expected(error_type, loc)
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]  # the key itself is wrong: point at it
    return Problem(
        ErrorCode.POLICY_INVALID,
        file=file,
        json_path=_path(loc),
        found=error.get("input"),
        expected=expected,
        params={"error_type": error_type},
    )


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _path(loc: list[Any]) -> str:
    """A JSON path; keys that are not identifiers in brackets: ``$.timely_days['D2.K7b']``.

    >>> _path(["timely_days", "D2.K7b"]), _path([]), _path(["a", 0, "it's"])
    ("$.timely_days['D2.K7b']", '$', "$.a[0]['it\\\\'s']")
    """
    out = "$"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENT.fullmatch(str(part)):
            out += f".{part}"
        else:
            escaped = str(part).replace("\\", "\\\\").replace("'", "\\'")
            out += f"['{escaped}']"
    return out


# --------------------------------------------------------------------------- docs

REGENERATE = "python -m qd213_rules.policy > docs/policy.md"
"""The command that regenerates the generated document."""

EXAMPLE_JSON = """\
{
  "timely_days": {"D2.K7b": 15, "D3.K2": 15},
  "annual_review_fallback": "12-20",
  "violation_after_days": 60
}
"""

EXAMPLE_TOML = """\
annual_review_fallback = "12-20"
violation_after_days = 60

[timely_days]
"D2.K7b" = 15
"D3.K2" = 15
"""


def _cell(value: Any) -> str:
    if value is None:
        return "off (`null`)"
    if isinstance(value, Mapping):
        return "see below"
    return f"`{_show(value)}`"


def render_markdown() -> str:
    """docs/policy.md, generated from :meth:`Policy.describe` (English, with Vietnamese labels)."""
    rows = Policy().describe("en")
    out = [
        "# Policy: the interpretive parameters",
        "",
        "<!-- Generated by `" + REGENERATE + "`; do not edit by hand. -->",
        "",
        "QĐ 213 leaves some numbers and choices open (\"kịp thời\" has no number, the annual review",
        "has no date, …). Each such choice is a parameter of `qd213_rules.Policy`, with a default, a",
        "one-line rationale and its source: `interpretation Qn` is a note of [the interpretation](interpretation.md),",
        "`semantics §n` and `semantics Rn` a rule and a revision of [the semantics](semantics.md), \"HD33\" is",
        "Hướng dẫn 33-HD/BTCTW, \"judgement\" marks a product choice with no text behind it. Every",
        "report echoes the effective values under `\"policy\"`.",
        "",
        "| parameter | default | source | rationale | nhãn (vi) |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        out.append(
            f"| `{row.name}` | {_cell(row.default)} | {row.source} | {row.rationale} "
            f"| {t(f'policy.{row.name}.label', 'vi')} |"
        )
    out += [
        "",
        "## `timely_days`",
        "",
        "The duties whose deadline is \"promptly\" (triggered duties, counted from the trigger;",
        "on-request duties D3.K4c and D4.K6, counted from the request), with their default days:",
        "",
        "| obligation | default days |",
        "|---|---|",
    ]
    out += [f"| {duty} | {days} |" for duty, days in _DEFAULT_TIMELY.items()]
    out += [
        "",
        "## Rules for values",
        "",
        f"- Day counts are whole days, 0 or more: at most {MAX_DAYS}, the yearly-chain parameters at",
        "  most 366, `min_notice_days` at most 184 (a half-year); and",
        "  `comment_lead_days + 3 × chain_step_days` may not exceed 365.",
        "- Month-days are strings `\"MM-DD\"`. `\"02-29\"` is allowed and falls on 28 February in a",
        "  common year; a day no year has (`\"02-30\"`) is an error.",
        "- `violation_after_days` and `consultation_max_age_days` are off when `null` (JSON) or",
        "  absent (TOML has no null: leave the key out).",
        "- A partial `timely_days` merges with the defaults: name only the duties you change. An",
        "  obligation id outside the table above is an error.",
        "- Any other key is an error: the message names the file, the JSON path of the key, the",
        "  value found and the keys expected. Booleans are `true`/`false`, not strings.",
        "",
        "## Overriding the defaults",
        "",
        "A policy file is JSON (`.json`) or TOML (`.toml`; any other extension: JSON if it starts",
        "with `{`, else TOML), and gives only the parameters it changes.",
        "",
        "`policy.json`:",
        "",
        "```json",
        EXAMPLE_JSON.rstrip("\n"),
        "```",
        "",
        "`policy.toml` (the same policy):",
        "",
        "```toml",
        EXAMPLE_TOML.rstrip("\n"),
        "```",
        "",
        "Use it with `qd213 check ward.json --policy policy.toml`, or from Python:",
        "",
        "```python",
        "from qd213_rules.policy import Policy, load_policy",
        "policy = load_policy(\"policy.toml\")          # PolicyError on any problem",
        "policy = Policy(timely_days={\"D2.K7b\": 15})   # the same merge rules",
        "policy.effective()                            # the values a report echoes",
        "```",
        "",
        "`load_policy(report[\"policy\"])` gives back the policy a report was made with.",
        "",
    ]
    return "\n".join(out)


def _main() -> int:
    # bytes, so the file is UTF-8 whatever the console encoding
    sys.stdout.buffer.write(render_markdown().encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
