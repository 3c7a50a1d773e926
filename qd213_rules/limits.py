"""Input limits: abusive input is refused with a clear error before it exhausts memory.

Kept free of heavy imports so that the command line can build its options (``--max-bytes``…)
without loading pydantic.

>>> Limits().max_facts
5000000
>>> Limits(max_bytes=1024).max_bytes
1024
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "DEFAULT_MAX_ERRORS"]

DEFAULT_MAX_ERRORS = 50
"""Problems reported before the rest are summarised as ``too_many_errors``."""


@dataclass(frozen=True)
class Limits:
    """Bounds on input size: abusive input is refused before it exhausts memory."""

    max_bytes: int = 512 * 1024 * 1024
    """Largest input read, in bytes (``input_too_large``)."""
    max_facts: int = 5_000_000
    """Most facts (organisations, members, events) in one input (``too_many_facts``)."""
    max_line_bytes: int = 1024 * 1024
    """Longest JSON Lines line, in bytes, without its line break (``line_too_long``)."""
    max_errors: int = DEFAULT_MAX_ERRORS
    """Problems reported before the rest are summarised (``too_many_errors``)."""
