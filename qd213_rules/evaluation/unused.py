"""Unused facts: every input event no result cites, with the reason it was not used.

A report lists them (``unused_facts``) so that a reader can check that nothing was silently
ignored: an event after the as-of date, one read as a member's state (a move, a registration,
a review that fixed a date), one a waiver or the matcher left unused (with the reason the
evaluation noted), one of a kind no obligation reads, one before the observation window, or
one that opened no occasion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, filterfalse
from operator import attrgetter
from typing import cast

from .context import Context
from .needs import REVIEW_KINDS, STATE_KINDS
from .results import Result, UnusedFact

__all__ = ["unused_facts", "REGISTRATION_KINDS"]

_TRIGGER = attrgetter("trigger_event_id")
_EVIDENCE = attrgetter("evidence")

REGISTRATION_KINDS = frozenset({"member_registered", "member_notified"})
"""Registrations are read as state (where a member is registered), never cited as evidence."""


def unused_facts(
    ctx: Context,
    results: Iterable[Result],
    waiver_citations: Mapping[str, str],
    notes: Mapping[str, str],
    used_kinds: frozenset[str],
    *,
    cited: Iterable[str] = (),
    uncited: set[str] | None = None,
) -> list[UnusedFact]:
    """The events of ``ctx.facts`` that no result cites (as trigger or evidence), in id order,
    each with its reason: ``waiver_citations`` and ``notes`` are the reasons the waivers and the
    matching noted per event id; ``used_kinds`` are the event kinds some obligation reads.
    ``cited``: events cited by results not given (written by worker processes, which send
    what their results cite instead of the results); a set given here is taken over and
    added to, not copied (it holds almost every event id of a province, and this runs after
    the workers have ended). ``uncited``: instead, the events those results do not cite, when
    the caller took each one's citations out of every event id as they came (taken over: the
    ids ``cited`` and ``results`` cite are taken out of it here), which spares reading every
    event of a province once every result is in."""
    # gathered by C iterators rather than a Python loop: this reads every result of a province
    if not isinstance(results, (list, tuple)):
        results = list(results)
    out = []
    events = ctx.facts.events
    if uncited is not None:
        left = cast("set[str | None]", uncited)
        left.difference_update(cited)
        left.difference_update(map(_TRIGGER, results))
        left.difference_update(chain.from_iterable(map(_EVIDENCE, results)))
        picked = sorted(cast("set[str]", left))
    else:
        cited_ids = cast("set[str | None]", cited) if type(cited) is set else set(cited)
        cited_ids.update(map(_TRIGGER, results))
        cited_ids.update(chain.from_iterable(map(_EVIDENCE, results)))
        # the ids no result cites, picked in C (nearly every event of a province is cited: 59
        # of the 2,000-member reference's 38,000 are not), then sorted; not a set difference,
        # which would copy every id of the province into a new set at the peak of a check
        picked = sorted(filterfalse(cited_ids.__contains__, events))
    for event_id in picked:
        event = events[event_id]
        if event.date > ctx.as_of:
            reason = "after_as_of"
        elif event_id in waiver_citations:
            reason = waiver_citations[event_id]
        elif event_id in ctx.state_used or event.kind in REGISTRATION_KINDS:
            reason = "read_as_state"  # a review that fixed a date R, a registration
        elif event.kind in STATE_KINDS:
            member = ctx.facts.member_of(event)
            if member is not None and event.date <= ctx.facts.members[member].working_since:
                reason = "not_replayed"  # dated on or before working_since (a data warning says so)
            else:
                reason = "read_as_state"  # replayed into the member's state; no result cites it
        elif event.kind in REVIEW_KINDS:
            reason = "superseded"  # a held review, or a later schedule, fixes the date R (semantics §11)
        elif event_id in notes:
            reason = notes[event_id]
        elif event.kind not in used_kinds:
            reason = "no_obligation_uses_it"
        elif event.date < ctx.observation_from:
            reason = "before_observation"
        else:
            reason = "no_matching_occasion"
        out.append(UnusedFact(event_id, reason))
    return out
