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

__all__ = ["main", "run"]


def main(argv: "Sequence[str] | None" = None, *, exiting: bool = False) -> int:
    """Run ``qd213`` with ``argv`` (default: ``sys.argv[1:]``); the exit code. ``exiting``: the
    process ends right after (:func:`run`), so a check keeps its facts and report alive."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        print(f"qd213-rules {__version__}")
        return 0
    from .commands import main as run_command

    return run_command(args, exiting=exiting)


def run() -> None:
    """The ``qd213`` program: :func:`main`, then the process ends without freeing its objects.

    A check holds millions of objects when it has written its report (the facts, their indexes,
    every result); freeing them one by one — when the command returns, then when the interpreter
    exits — is serial work after the last byte is written, which reads every object back from
    memory and so grows faster than the province (about 1.5 s of a 10,000-member check), and the
    system takes back the memory of an ended process at once. So the check leaves its facts and
    report alive (``exiting=True``) and, once the output is flushed, the process ends with
    :func:`os._exit`. :func:`main` itself returns (tests and hosts call it in their own process);
    an exception leaves the normal way, with its traceback.
    """
    import os

    code = main(exiting=True)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`qd213 check … | head`), as main reports it
        code = 128 + 13
    except OSError as exc:  # the last of the output did not fit (a full disk), as main reports it
        from .commands import output_failed, report_output_failure

        if not output_failed(exc):
            raise
        code = report_output_failure(exc)
    os._exit(code)


def __getattr__(name: str) -> object:
    if name.startswith("__"):  # import machinery probes (``__path__``…) must not load the commands
        raise AttributeError(name)
    from . import commands

    return getattr(commands, name)
