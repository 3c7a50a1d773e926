"""``qd213``: the command line (entry point ``qd213 = qd213_rules.cli:main``).

This module stays light to import so that ``qd213 --version`` starts as fast as a bare
interpreter; the commands live in :mod:`qd213_rules.commands` and are imported only when one
runs. Every public name of that module is available here too.
"""

from __future__ import annotations

import sys

from ._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: "Sequence[str] | None" = None) -> int:
    """Run ``qd213`` with ``argv`` (default: ``sys.argv[1:]``); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        print(f"qd213-rules {__version__}")
        return 0
    from .commands import main as run

    return run(args)


def __getattr__(name: str) -> object:
    if name.startswith("__"):  # import machinery probes (``__path__``…) must not load the commands
        raise AttributeError(name)
    from . import commands

    return getattr(commands, name)
