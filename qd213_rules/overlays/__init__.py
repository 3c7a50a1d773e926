"""Category overlays: which duties of the regulation bind a member of each category.

Spec (docs/facts.md "category", semantics §9, semantics §11, semantics §15): an overlay is data kept apart from the
regulation's own rules, versioned and cited on its own (it can be replaced without touching
QĐ 213). For each member :class:`~qd213_rules.facts.members.Category` it lists every obligation
id exactly once, applying or not, with its :class:`Basis` (the regulation itself, the overlay's
verified text, or the product's interpretation) and a short note. A duty that does not apply is
reported ``not_applicable`` with the category's reason code.

Organisation-subject duties (D4.K2c, D4.K3a, D4.K3b, D5.*) are owed whatever the members'
categories; :meth:`CategoryOverlay.counts` says whether a member of a category makes the
organisation owe them (a cell owes its half-yearly meeting only for ``regular`` members).

>>> from qd213_rules.facts.members import Category
>>> from qd213_rules.overlays import HD33, OVERLAYS
>>> HD33.applies("D2.K3a", Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES)
False
>>> HD33.not_applicable_reason(Category.EXEMPT_FROM_INTRODUCTION)
'category_exempt_from_introduction'
>>> [overlay.ref() for overlay in OVERLAYS]
[{'id': '33-HD/BTCTW', 'version': '2020.1'}]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._model import Applicability, Basis, CategoryOverlay, MatrixRow, build_entries

if TYPE_CHECKING:
    from .hd33 import HD33

    OVERLAYS: tuple[CategoryOverlay, ...]

__all__ = [
    "Basis",
    "Applicability",
    "MatrixRow",
    "CategoryOverlay",
    "build_entries",
    "HD33",
    "OVERLAYS",
]


def __getattr__(name: str) -> Any:
    # the overlays are loaded on first use: they build on the classes of ._model, and
    # ``python -m qd213_rules.overlays.hd33`` must not find its module already imported
    if name == "HD33":
        from .hd33 import HD33

        return HD33
    if name == "OVERLAYS":
        from .hd33 import HD33

        return (HD33,)  # every category overlay, oldest first
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
