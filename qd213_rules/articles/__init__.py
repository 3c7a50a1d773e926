"""The obligation catalogue of Quy định 213-QĐ/TW: 55 atomic duties, one module per article.

``dieu_1`` … ``dieu_5`` declare the duties of Điều 1 … Điều 5 as :class:`Obligation` data;
this module gathers them in order (article, clause, letter) and looks them up by id. Ids are
those of ``docs/obligations.md`` and are permanent: an id is never reused for another duty.

How ``text_vi`` is cut from the canonical text (``_text.canonical_text()``): each duty carries
its own span of the clause (``docs/regulation.md`` §2, sub-id tables). Where a span begins with
the sentence's subject, the subject is kept so the bearer can be read off the text; where the
words a span needs belong to a sibling duty, the span is split into fragments (D2.K6a
"Tham gia … các cuộc vận động, …"; D3.K4c and D3.K5b repeat only the shared action), so that
sibling duties never repeat the whole clause. Every fragment is verbatim, in order, inside the
cited clause (and paragraph).

The catalogue has its own version, ``CATALOGUE_VERSION``: it changes when a duty, a kind or a
reason code changes. A successor regulation gets its own articles package beside this one.

>>> len(OBLIGATIONS), CATALOGUE_VERSION
(55, '2020.2')
>>> get("D2.K7b").citation.text("en")
'Regulation 213-QĐ/TW, Article 2(7)'
>>> [obligation.id for obligation in by_article(5)]
['D5.K1a', 'D5.K1b', 'D5.K2a', 'D5.K2b', 'D5.K2c', 'D5.K3c']
>>> get("D2.K7")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
KeyError: 'unknown obligation id D2.K7 (...); did you mean D2.K7a, D2.K7b?'
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterable
from types import ModuleType

from . import dieu_1, dieu_2, dieu_3, dieu_4, dieu_5
from ._model import (
    REGULATION_ID,
    REGULATION_SIGNED,
    Citation,
    Kind,
    Obligation,
    Role,
    SubjectType,
)

__all__ = [
    "OBLIGATIONS",
    "CATALOGUE_VERSION",
    "ARTICLE_MODULES",
    "get",
    "by_article",
    "obligation",
    "select_ids",
    "closest_ids",
    "Obligation",
    "Citation",
    "Role",
    "SubjectType",
    "Kind",
    "REGULATION_ID",
    "REGULATION_SIGNED",
]

CATALOGUE_VERSION = "2020.2"
"""Version of this catalogue (regulation year, then a revision number)."""

ARTICLE_MODULES: tuple[ModuleType, ...] = (dieu_1, dieu_2, dieu_3, dieu_4, dieu_5)
"""The article modules, Điều 1 first."""

_ID = re.compile(r"^D(\d+)\.K(\d+)([a-z]?)$")


def _order(obligation: Obligation) -> tuple[int, int, str]:
    match = _ID.match(obligation.id)
    assert match is not None  # the model's id pattern guarantees it
    return int(match.group(1)), int(match.group(2)), match.group(3)


def _with_overlay(obligation: Obligation) -> Obligation:
    """The duty with the member categories it applies to, from the HD33 overlay (kept as
    separate data that cites HD33: ``qd213_rules.overlays.hd33``)."""
    from ..overlays import hd33

    return obligation.model_copy(update={"categories": hd33.HD33.categories(obligation.id)})


OBLIGATIONS: tuple[Obligation, ...] = tuple(
    _with_overlay(o)
    for o in sorted(
        (
            *dieu_1.OBLIGATIONS,
            *dieu_2.OBLIGATIONS,
            *dieu_3.OBLIGATIONS,
            *dieu_4.OBLIGATIONS,
            *dieu_5.OBLIGATIONS,
        ),
        key=_order,
    )
)
"""Every duty of the regulation, in order (article, clause, letter), with its categories."""


def _index(obligations: tuple[Obligation, ...]) -> dict[str, Obligation]:
    index: dict[str, Obligation] = {}
    for obligation in obligations:
        if obligation.id in index:
            # Ids are the public key of every result: a duplicate is a catalogue bug.
            raise RuntimeError(f"obligation id {obligation.id} is declared twice")
        index[obligation.id] = obligation
    return index


_BY_ID = _index(OBLIGATIONS)


def get(obligation_id: str) -> Obligation:
    """The obligation with this id; :class:`KeyError` names the closest ids when unknown."""
    try:
        return _BY_ID[obligation_id]
    except KeyError:
        pass
    wanted = obligation_id.strip().upper()
    close = [i for i in _BY_ID if i.upper().startswith(wanted)][:10] if wanted else []
    if not close:
        upper = {i.upper(): i for i in _BY_ID}
        close = [upper[i] for i in difflib.get_close_matches(wanted, upper, n=5, cutoff=0.6)]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(
        f"unknown obligation id {obligation_id} (Quy định {REGULATION_ID}, "
        f"catalogue {CATALOGUE_VERSION}){hint}"
    ) from None


def by_article(article: int) -> tuple[Obligation, ...]:
    """The duties of Điều ``article``, in order."""
    found = tuple(o for o in OBLIGATIONS if o.citation.article == article)
    if not found:
        raise KeyError(f"Quy định {REGULATION_ID} has no Điều {article} (it has Điều 1–5)")
    return found


# -- public lookups with clear errors (qd213_rules.obligation, Report.filter) ------------------

_GLOB = re.compile(r"[*?\[]")


def closest_ids(text: str) -> list[str]:
    """The ids a mistyped obligation id most likely meant (its completions, else the closest)."""
    wanted = str(text).strip().upper()
    close = [i for i in _BY_ID if i.upper().startswith(wanted)][:10] if wanted else []
    if not close:
        upper = {i.upper(): i for i in _BY_ID}
        close = [upper[i] for i in difflib.get_close_matches(wanted.rstrip("*?"), upper, n=5, cutoff=0.6)]
    return close


def _unknown(found: object, where: str, *, patterns: bool = False) -> Exception:
    from ..errors import ErrorCode, Problem, UsageError

    close = closest_ids(str(found))
    hints = list(close)
    if patterns:  # where a pattern is accepted, offer the one that selects the whole clause
        prefixes = sorted({i.rstrip("abcdefghijklmnopqrstuvwxyz") + "*" for i in close if len(close) > 1})
        hints += [p for p in prefixes if p.startswith(str(found).strip())]
    return UsageError([Problem(ErrorCode.UNKNOWN_OBLIGATION, json_path=where, found=found,
                               params={"did_you_mean": hints})])


def obligation(obligation_id: str) -> Obligation:
    """The duty with this id: its text, citation, bearer, subject, kind and deadline parameter.

    An unknown id raises :class:`~qd213_rules.errors.UsageError` (code ``unknown_obligation``)
    naming the closest ids, in the language of ``QD213_LANG``.

    >>> obligation("D2.K7b").bearer.value
    'member'
    >>> try:
    ...     obligation("D2.K7")
    ... except ValueError as exc:
    ...     print(exc.problems[0].message("en"))
    No obligation "D2.K7" in the catalogue (see qd213 obligations). Did you mean: D2.K7a, D2.K7b?
    """
    found = _BY_ID.get(obligation_id) if isinstance(obligation_id, str) else None
    if found is None:
        raise _unknown(obligation_id, "obligation") from None
    return found


def select_ids(
    patterns: str | Iterable[str] | None = None, *, article: int | None = None, clause: int | None = None
) -> set[str] | None:
    """The obligation ids that ``patterns`` (ids or globs such as ``D2.K7*``) and
    ``article``/``clause`` designate together; ``None`` when nothing restricts them. Every id,
    pattern, article and clause must name at least one duty, else
    :class:`~qd213_rules.errors.UsageError` with the closest values.

    >>> sorted(select_ids(article=2, clause=7))
    ['D2.K7a', 'D2.K7b']
    >>> sorted(select_ids("D2.K7*")) == sorted(select_ids(article=2, clause=7))
    True
    """
    from ..errors import ErrorCode, Problem, UsageError

    chosen: set[str] | None = None
    if patterns is not None:
        chosen = set()
        for pattern in [patterns] if isinstance(patterns, str) else list(patterns):
            text = str(pattern)
            if _GLOB.search(text):
                matched = set(fnmatch.filter(_BY_ID, text))
                if not matched:
                    raise _unknown(text, "obligation", patterns=True)
                chosen |= matched
            elif text in _BY_ID:
                chosen.add(text)
            else:
                raise _unknown(text, "obligation", patterns=True)
    if article is None and clause is None:
        return chosen
    if article is None or article not in {o.citation.article for o in OBLIGATIONS}:
        raise UsageError([Problem(ErrorCode.USAGE, json_path="article", found=article,
                                  params={"expected_msg": "usage.expected.article"})])
    in_article = [o for o in OBLIGATIONS if o.citation.article == article]
    if clause is not None:
        clauses = sorted({o.citation.clause for o in in_article})
        if clause not in clauses:
            raise UsageError([Problem(ErrorCode.USAGE, json_path="clause", found=clause, params={
                "expected_msg": "usage.expected.clause", "article": article,
                "options": ", ".join(map(str, clauses))})])
        in_article = [o for o in in_article if o.citation.clause == clause]
    cited = {o.id for o in in_article}
    return cited if chosen is None else chosen & cited
