"""The obligation catalogue of Quy định 213-QĐ/TW: 55 atomic duties, one module per article.

``dieu_1`` … ``dieu_5`` declare the duties of Điều 1 … Điều 5 as :class:`Obligation` data;
this module gathers them in order (article, clause, letter) and looks them up by id. Ids are
those of ``domain/obligations.md`` and are permanent: an id is never reused for another duty.

How ``text_vi`` is cut from the canonical text (``_text.canonical_text()``): each duty carries
its own span of the clause (``domain/qd213.md`` §2, sub-id tables). Where a span begins with
the sentence's subject, the subject is kept so the bearer can be read off the text; where the
words a span needs belong to a sibling duty, the span is split into fragments (D2.K6a
"Tham gia … các cuộc vận động, …"; D3.K4c and D3.K5b repeat only the shared action), so that
sibling duties never repeat the whole clause. Every fragment is verbatim, in order, inside the
cited clause (and paragraph).

The catalogue has its own version, ``CATALOGUE_VERSION``: it changes when a duty, a kind or a
reason code changes. A successor regulation gets its own articles package beside this one.

>>> len(OBLIGATIONS), CATALOGUE_VERSION
(55, '2020.1')
>>> get("D2.K7b").citation.text("en")
'Article 2(7), Regulation 213-QĐ/TW'
>>> [obligation.id for obligation in by_article(5)]
['D5.K1a', 'D5.K1b', 'D5.K2a', 'D5.K2b', 'D5.K2c', 'D5.K3c']
>>> get("D2.K7")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
KeyError: 'unknown obligation id D2.K7 (...); did you mean D2.K7a, D2.K7b?'
"""

from __future__ import annotations

import difflib
import re
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
    "Obligation",
    "Citation",
    "Role",
    "SubjectType",
    "Kind",
    "REGULATION_ID",
    "REGULATION_SIGNED",
]

CATALOGUE_VERSION = "2020.1"
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
