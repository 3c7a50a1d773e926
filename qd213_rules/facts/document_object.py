"""A parsed JSON fact document read into located, validated facts (docs/facts.md).

Shared by :mod:`.loader` (files, streams, ``load_facts(dict)``) and :mod:`.factset`
(:meth:`FactSet.from_document <qd213_rules.facts.FactSet.from_document>`): both import this
module, and it imports neither — the caller passes how to assemble the fact set — so that
imports in the fact layer run one way (docs/architecture.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from ..errors import ErrorCode, FactsError, Problem
from ..limits import Limits
from .checks import Collector, FactType, json_kind, json_path, validate_fact, validation_problems
from .document import Observation
from .events import Event
from .located import SourceLocation
from .members import Member
from .organizations import Organization

if TYPE_CHECKING:
    import datetime as dt

    from .factset import FactSet

__all__ = ["read_document_object", "with_references", "observation", "Assemble"]


class Assemble(Protocol):
    """How validated, located facts become a fact set (:meth:`FactSet.from_located`)."""

    def __call__(
        self,
        organizations: Sequence[tuple[Organization, SourceLocation | int]],
        members: Sequence[tuple[Member, SourceLocation | int]],
        events: Sequence[tuple[Event, SourceLocation | int]],
        *,
        observation_from: dt.date | None,
        source_name: str | None,
        collector: Collector,
    ) -> FactSet: ...


_DOCUMENT_KEYS = ("schema_version", "observation", "organizations", "members", "events")
_SECTIONS: tuple[tuple[str, FactType], ...] = (
    ("organizations", "organization"),
    ("members", "member"),
    ("events", "event"),
)


def read_document_object(doc: Any, assemble: Assemble, *, name: str | None = None, limits: Limits = Limits()) -> FactSet:
    """A parsed JSON fact document (``schema_version``, ``observation``, the three lists):
    every fact validated and located by its JSON path, then assembled into a fact set by
    ``assemble`` (:meth:`FactSet.from_located <qd213_rules.facts.FactSet.from_located>`, which
    the caller passes: this module does not import the fact set)."""
    collector = Collector(limits.max_errors, file=name)
    if not isinstance(doc, Mapping):
        raise FactsError([Problem(ErrorCode.NOT_AN_OBJECT, file=name, json_path="$", found=json_kind(doc), expected="object")])
    for key in doc:
        if key not in _DOCUMENT_KEYS:
            collector.add(Problem(ErrorCode.UNKNOWN_FIELD, file=name, json_path=json_path("$", str(key)), found=key, expected=" | ".join(_DOCUMENT_KEYS)))
    if "schema_version" not in doc:
        collector.add(Problem(ErrorCode.MISSING_FIELD, file=name, json_path="$.schema_version", expected="schema_version"))
    elif not (type(doc["schema_version"]) is int and doc["schema_version"] == 1):
        # another format version: validating its facts against version 1 would only give noise
        raise FactsError(
            [Problem(ErrorCode.SCHEMA_VERSION, file=name, json_path="$.schema_version", found=doc["schema_version"], expected="1")]
        )
    observed = None
    if doc.get("observation") is not None:
        observed = observation(doc["observation"], "$.observation", name, None, collector)
    located: dict[str, list[tuple[Any, SourceLocation]]] = {}
    count = 0
    for section, fact_type in _SECTIONS:
        located[section] = []
        items = doc.get(section, [])
        if not isinstance(items, list):
            collector.add(Problem(ErrorCode.WRONG_TYPE, file=name, json_path=f"$.{section}", found=json_kind(items), expected="array"))
            continue
        for i, raw in enumerate(items):
            path = f"$.{section}[{i}]"
            count += 1
            if count > limits.max_facts:
                collector.add(Problem(ErrorCode.TOO_MANY_FACTS, file=name, json_path=path, found=count, expected=f"≤ {limits.max_facts}"))
                collector.raise_if_any()
            if collector.full:
                collector.stop()  # facts left unchecked: say so
                collector.raise_if_any()
            model = validate_fact(fact_type, raw, base=path, collector=collector, file=name)
            if model is not None:
                located[section].append((model, SourceLocation(name, None, path)))

    def build(into: Collector) -> FactSet:
        return assemble(
            located["organizations"],
            located["members"],
            located["events"],
            observation_from=observed.from_ if observed is not None else None,
            source_name=name,
            collector=into,
        )

    if collector.problems():
        raise FactsError(with_references(collector.problems(), limits, build))
    return build(collector)


def with_references(problems: list[Problem], limits: Limits, build: Callable[[Collector], FactSet]) -> list[Problem]:
    """The structural ``problems`` of a file, then the problems among its valid facts
    (references, duplicates, consistency), so that one run shows them all. Problems caused by
    a fact that is itself invalid (a reference to it, a history it would change) are left out:
    they go away when that fact is fixed."""
    if not problems or problems[-1].code == ErrorCode.TOO_MANY_ERRORS:
        return problems
    # the ids of invalid facts, also as they were probably meant (an id with stray white space)
    invalid = {i for p in problems if p.fact_id is not None for i in (p.fact_id, p.fact_id.strip())}
    # a fact whose id is unknown was lost (an unreadable line, a section that is not a list):
    # a reference may point to it, so "no such id" cannot be told
    lost = any(p.fact_id is None and (p.json_path in (None, "$", "$.type") or _FACT_PATH.fullmatch(p.json_path))
               for p in problems)
    try:
        build(Collector(limits.max_errors, file=problems[0].file))
        return problems
    except FactsError as exc:
        more = [p for p in exc.problems if p.code not in _NOT_ALONE and p.fact_id not in invalid
                and not (isinstance(p.found, str) and p.found in invalid)
                and not (lost and p.code == ErrorCode.UNKNOWN_REFERENCE)]
    except (KeyError, ValueError, TypeError, AttributeError):  # the valid part does not hold together
        return problems
    room = limits.max_errors - len(problems)
    merged = sorted([*problems, *more[:room]], key=lambda p: (p.line is None, p.line or 0))  # stable: file order
    if len(more) > room:
        merged.append(Problem(ErrorCode.TOO_MANY_ERRORS, file=problems[0].file, found=len(problems) + len(more),
                              expected=str(limits.max_errors)))
    return merged


_FACT_PATH = re.compile(r"\$\.(?:organizations|members|events)(?:\[\d+\](?:\.id)?)?")
_NOT_ALONE = frozenset({ErrorCode.HISTORY_MISMATCH, ErrorCode.EMPTY_INPUT, ErrorCode.TOO_MANY_ERRORS})
"""Codes that may only reflect facts left out for being invalid (a missing move or transfer, a
file whose every organisation was invalid)."""


def observation(raw: Any, base: str, name: str | None, line: int | None, collector: Collector) -> Observation | None:
    """The observation window ``raw`` holds (at ``base``), or None with its problems collected."""
    if not isinstance(raw, Mapping):
        collector.add(Problem(ErrorCode.NOT_AN_OBJECT, file=name, line=line, json_path=base, found=json_kind(raw), expected="object"))
        return None
    try:
        return Observation.model_validate(raw)
    except ValidationError as exc:
        for problem in validation_problems(exc, Observation, raw, base=base, file=name, line=line):
            collector.add(problem)
        return None
