"""What every matching backend is: its name, and the :class:`Matcher` protocol it implements.

The engine, streaming and Dask evaluation take a backend by the one :data:`Backend` name; each
backend (:class:`~qd213_rules.matching.durable.DurableMatcher`,
:class:`~qd213_rules.matching.python.PythonMatcher`) matches the same compiled declarations
and returns identical matches, so the judge never needs to know which one ran.

>>> from qd213_rules.matching.backend import BACKENDS, Matcher
>>> BACKENDS
('durable', 'python')
>>> from qd213_rules.engine import matcher
>>> m = matcher("python")
>>> isinstance(m, Matcher), m.backend
(True, 'python')
>>> m.match({"s1": []})
{'s1': []}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from .compiler import CompiledRules

__all__ = ["Backend", "BACKENDS", "Fact", "Match", "Matcher", "OccasionRecord", "SplitFacts"]

Backend = Literal["durable", "python"]
"""A matching backend's name: durable-rules' C core (the default) or plain Python."""

BACKENDS: tuple[Backend, ...] = ("durable", "python")
"""Every :data:`Backend`, the default first."""

Fact = dict[str, Any]
"""A flat fact of a session (see :mod:`qd213_rules.evaluation.payload`)."""

class OccasionRecord(Protocol):
    """An ``$occasion`` fact handed over as the engine's occasion itself rather than as the dict
    :meth:`as_fact` builds. The Python backend takes these among a session's facts and reads
    the fields its rules join on off the record (:meth:`fact_reader`); in its frames the
    record stands where the dict would (performance: most of a member's occasions are never
    joined to anything, and their dicts were built for nothing). durable-rules takes them too,
    asserting the properties of the dict its rules read, each read off the record (the engine
    hands them over in a call of one subject)."""

    @property
    def fact_id(self) -> str:
        """The fact's ``id``."""
        ...

    def as_fact(self) -> Fact:
        """The fact as a dict (what durable-rules would be given)."""
        ...

    @staticmethod
    def fact_reader(name: str, missing: Any) -> Callable[[Any], Any]:
        """A function reading the field ``name`` of :meth:`as_fact` off a record (``missing``
        where the fact has no such field)."""
        ...


class SplitFacts(list[Any]):
    """A session's facts in their order (a list), which also holds them apart: :attr:`dicts`, its
    :data:`Fact` dicts, and :attr:`records`, its :class:`OccasionRecord` objects (with their
    ids, :attr:`record_ids`), each half in the list's order. The engine makes a lone subject's session so when its occasions stand as
    records: it has both halves as it builds the list, and durable-rules reads them (the kinds,
    obligations and ids a session holds) instead of walking the list again to sort them
    (performance: two passes over some fifty facts per one-member call)."""

    __slots__ = ("dicts", "records", "record_ids")

    dicts: list[Fact]
    records: list[OccasionRecord]
    record_ids: list[str]
    """The :attr:`OccasionRecord.fact_id` of each record, in order."""


Match = tuple[str, dict[str, Any]]
"""A generated rule's name and the facts it joined, by alias (``o``, ``e``, ``n``, ``b``)."""


@runtime_checkable
class Matcher(Protocol):
    """A matching backend: one per process and backend (see :func:`qd213_rules.engine.matcher`)."""

    backend: Backend
    """Which backend it is."""

    @property
    def compiled(self) -> CompiledRules:
        """The rules it matches (their names lead back to the obligations)."""
        ...

    def match(self, sessions: Mapping[str, Sequence[Fact]]) -> dict[str, list[Match]]:
        """Every match of every session (one subject's facts each), by session id, in a
        deterministic order."""
        ...

    def close(self) -> None:
        """Release what the backend holds (a C ruleset); idempotent."""
        ...
