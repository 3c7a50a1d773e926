"""Member categories of Hướng dẫn 33-HD/BTCTW §1: which duties of the regulation bind a member.

A vocabulary shared by the fact model (a member's ``category``), the obligation catalogue (the
categories a duty applies to) and the category overlays. It lives apart from all three so that
each can import it without importing the others (the fact checks read the catalogue).

>>> Category("regular") is Category.REGULAR
True
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Category"]


class Category(StrEnum):
    """Member categories of Hướng dẫn 33-HD/BTCTW §1 (which duties apply)."""

    REGULAR = "regular"
    """Introduced to the residence and bound by every member duty."""
    INTRODUCED_EXEMPT_FROM_ACTIVITIES = "introduced_exempt_from_activities"
    """HD33 §1.1: introduced, but exempt from residence activities."""
    EXEMPT_FROM_INTRODUCTION = "exempt_from_introduction"
    """HD33 §1.2: not introduced to the residence Party organisation."""
