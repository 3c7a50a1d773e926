"""The commands of ``qd213``, a thin command line over the public API (imported by
:mod:`qd213_rules.cli` only when a command runs).

Commands: ``check``, ``validate``, ``explain``, ``obligations``, ``schema``, ``demo``,
``calendar``, ``compare``, ``sensitivity`` (docs/cli.md describes every option). Exit codes: 0 nothing at or above the
``--fail-on`` threshold (or the command succeeded), 1 findings at or above it, 2 bad input or
usage. Bad input is reported on stderr, one line per problem naming the file, the line or JSON
path, the fact id, the value found and what was expected, in the chosen language (``--lang``,
default ``QD213_LANG`` or Vietnamese); never a traceback. argparse's own usage errors are
translated too.

Imports are deferred to the command that needs them, so ``qd213 --version``, ``schema``,
``validate`` and ``obligations`` never import the rules engine or pandas.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn, cast

from ._version import __version__
from .limits import Limits
from .messages import Lang, default_lang, t
from .render import FAIL_ON, HTML_MEMBER_PAGES, REPORT_FORMATS, FailOn, at_or_above

if TYPE_CHECKING:
    import datetime as dt

    from .facts import FactSet
    from .policy import Policy
    from .report import Report

__all__ = ["main", "build_parser", "output_failed", "report_output_failure", "load", "ProgressReader", "CliError", "translate_usage_error", "EXIT_OK", "EXIT_FINDINGS", "EXIT_USAGE"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
LANG_CHOICES = ("vi", "en")
EXPLAIN_FORMATS = ("text", "json")
OBLIGATION_FORMATS = ("text", "json", "markdown")
PROGRESS_MIN_BYTES = 1 << 20
"""Inputs at least this large (and stdin) show progress on stderr, when stderr is a terminal."""
PROGRESS_INTERVAL = 0.25
"""Seconds between two progress updates."""


_LEFT_TO_EXIT: list[object] = []
"""A check's fact set and report, kept alive when the process ends right after the command
(:func:`main` with ``exiting=True``, as ``qd213`` runs it: ``cli.run``), so that they are not
freed one object at a time when the command returns (performance: at 10,000 members freeing
them cost about 0.4 s of process time, reading every object back from memory)."""


class CliError(Exception):
    """A problem with the command line itself (an unknown --member, an unwritable --output):
    printed as its message, exit code 2. Problems with the input are :class:`Qd213Error`."""


# -- argparse in the chosen language ----------------------------------------------------------

_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), msg_id)
    for pattern, msg_id in (
        (r"the following arguments are required: (?P<names>.+)", "cli.argparse.required"),
        (r"one of the arguments (?P<names>.+) is required", "cli.argparse.one_required"),
        (r"unrecognized arguments: (?P<names>.+)", "cli.argparse.unrecognized"),
        (r"not allowed with argument (?P<other>.+)", "cli.argparse.not_allowed"),
        (r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)", "cli.argparse.invalid_choice"),
        (r"expected one argument", "cli.argparse.expected_one"),
        (r"expected at most one argument", "cli.argparse.expected_at_most_one"),
        (r"expected at least one argument", "cli.argparse.expected_at_least_one"),
        (r"invalid (?P<type>\S+) value: (?P<value>.+)", "cli.argparse.invalid_value"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli.argparse.ambiguous"),
        (r"ignored explicit argument (?P<value>.+)", "cli.argparse.ignored_explicit"),
    )
)


VALIDATE_FORMATS = tuple(fmt for fmt in REPORT_FORMATS if fmt != "html")
BACKEND_CHOICES = ("durable", "python")
"""Matching backends (``qd213_rules.engine.BACKENDS``, repeated here to keep start-up light)."""
COMPARE_FORMATS = ("text", "json", "markdown", "html")
"""``qd213 compare`` formats (``render.compare.COMPARE_FORMATS``, repeated to keep start-up light)."""
SENSITIVITY_FORMATS = ("text", "json", "markdown")
"""``qd213 sensitivity`` formats (``render.sensitivity.SENSITIVITY_FORMATS``)."""

def translate_usage_error(message: str, lang: Lang) -> str:
    """argparse's English error message in ``lang`` (unknown messages are kept as they are)."""
    if lang == "en":
        return message
    wrapped = re.fullmatch(r"argument (?P<argument>[^:]+): (?P<message>.+)", message, re.S)
    if wrapped:
        return t("cli.argparse.argument", lang, argument=wrapped["argument"],
                 message=translate_usage_error(wrapped["message"], lang))
    for pattern, msg_id in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return t(msg_id, lang, **match.groupdict())
    return message


def _formatter(lang: Lang) -> type[argparse.HelpFormatter]:
    class _Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, prefix if prefix is not None else t("cli.usage_prefix", lang) + " ")

    return _Formatter


class _Parser(argparse.ArgumentParser):
    """argparse with help and usage errors in the chosen language, exit code 2 on errors."""

    def __init__(self, *args: Any, lang: Lang = "vi", **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter(lang))
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.lang: Lang = lang
        self._positionals.title = t("cli.section.positionals", lang)
        self._optionals.title = t("cli.section.options", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help.help", lang))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {t('cli.usage_error', self.lang)}: {translate_usage_error(message, self.lang)}\n")


def _output_spec(lang: Lang, choices: Sequence[str] = REPORT_FORMATS) -> Callable[[str], tuple[str, str]]:
    def parse(value: str) -> tuple[str, str]:
        fmt, sep, path = value.partition("=")
        if not sep or fmt not in choices or not path:
            raise argparse.ArgumentTypeError(
                t("cli.bad_output_spec", lang, formats="|".join(choices), found=repr(value)))
        return fmt, path

    return parse


def _whole_number(lang: Lang, minimum: int, message_id: str) -> Callable[[str], int]:
    """An argparse type: a whole number ≥ ``minimum``, refused with ``message_id`` otherwise."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(t(message_id, lang, value=value, found=repr(value)))
        return number

    return parse


def _positive(lang: Lang) -> Callable[[str], int]:
    """A whole number ≥ 1 (an input limit, a count of workers or members)."""
    return _whole_number(lang, 1, "cli.error.positive")


def _days(lang: Lang) -> Callable[[str], int]:
    """A number of days ≥ 0 (the calendar window)."""
    return _whole_number(lang, 0, "cli.bad_days")


def build_parser(lang: Lang = "vi") -> argparse.ArgumentParser:
    """The ``qd213`` parser, its help in ``lang``."""
    parser = _Parser(prog="qd213", description=t("cli.description", lang), epilog=t("cli.epilog", lang), lang=lang)
    parser.add_argument("--version", action="version", version=f"qd213-rules {__version__}",
                        help=t("cli.help.version", lang))
    parser.add_argument("--lang", choices=LANG_CHOICES, default=argparse.SUPPRESS, help=t("cli.help.lang", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=t("cli.help.command", lang))

    def command(name: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, help=t(f"cli.help.{name}", lang),
                                                    description=t(f"cli.help.{name}", lang), lang=lang)
        p.add_argument("--lang", choices=LANG_CHOICES, default=argparse.SUPPRESS, help=t("cli.help.lang", lang))
        return p

    def facts(p: argparse.ArgumentParser) -> None:
        p.add_argument("facts", metavar="FACTS", help=t("cli.help.facts", lang))
        defaults = Limits()
        for name in ("max_bytes", "max_facts", "max_line_bytes", "max_errors"):
            p.add_argument(f"--{name.replace('_', '-')}", type=_positive(lang), metavar="N",
                           default=getattr(defaults, name),
                           help=t(f"cli.help.{name}", lang, default=f"{getattr(defaults, name):,}"))

    def evaluation(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", metavar="DATE", help=t("cli.help.as_of", lang))
        p.add_argument("--policy", metavar="FILE", help=t("cli.help.policy", lang))

    def selection(p: argparse.ArgumentParser) -> None:
        who = p.add_mutually_exclusive_group()
        who.add_argument("--member", metavar="ID", help=t("cli.help.member", lang))
        who.add_argument("--org", metavar="ID", help=t("cli.help.org", lang))

    def formats(p: argparse.ArgumentParser, choices: Sequence[str] = REPORT_FORMATS) -> None:
        p.add_argument("--format", choices=choices, default="text", help=t("cli.help.format", lang))
        p.add_argument("--output", metavar="FORMAT=FILE", type=_output_spec(lang, choices), action="append",
                       default=[], help=t("cli.help.output", lang))

    def outputs(p: argparse.ArgumentParser) -> None:
        formats(p)
        shown = p.add_mutually_exclusive_group()
        shown.add_argument("--all", action="store_true", dest="show_all", help=t("cli.help.all", lang))
        shown.add_argument("--only-findings", action="store_true", help=t("cli.help.only_findings", lang))
        p.add_argument("--html-member-pages", type=_positive(lang), default=None, metavar="N",
                       help=t("cli.help.html_member_pages", lang, default=HTML_MEMBER_PAGES))

    p = command("check")
    facts(p)
    evaluation(p)
    selection(p)
    outputs(p)
    p.add_argument("--fail-on", choices=tuple(FAIL_ON), default="overdue", help=t("cli.help.fail_on", lang))
    p.add_argument("--exit-zero", action="store_true", help=t("cli.help.exit_zero", lang))
    p.add_argument("--backend", choices=BACKEND_CHOICES, default="durable", help=t("cli.help.backend", lang))
    p.add_argument("--workers", type=_positive(lang), default=1, metavar="N", help=t("cli.help.workers", lang))
    scale = p.add_mutually_exclusive_group()
    scale.add_argument("--stream", action="store_true", help=t("cli.help.stream", lang))
    scale.add_argument("--dask-scheduler", metavar="ADDRESS", help=t("cli.help.dask_scheduler", lang))

    p = command("synth")
    p.add_argument("--members", type=_positive(lang), required=True, metavar="N", help=t("cli.help.members", lang))
    p.add_argument("--seed", type=int, default=0, metavar="S", help=t("cli.help.seed", lang))
    p.add_argument("--years", default="2024-2025", metavar="YYYY-YYYY", help=t("cli.help.years", lang))
    p.add_argument("-o", "--output", default="-", metavar="FILE", help=t("cli.help.synth_output", lang))

    p = command("validate")
    facts(p)
    formats(p, VALIDATE_FORMATS)  # no HTML page for "the input is valid"

    p = command("explain")
    facts(p)
    evaluation(p)
    p.add_argument("--obligation", required=True, metavar="ID", help=t("cli.help.obligation", lang))
    p.add_argument("--subject", required=True, metavar="ID", help=t("cli.help.subject", lang))
    p.add_argument("--format", choices=EXPLAIN_FORMATS, default="text", help=t("cli.help.explain_format", lang))

    p = command("obligations")
    p.add_argument("obligation", nargs="?", metavar="ID", help=t("cli.help.obligation_id", lang))
    p.add_argument("--format", choices=OBLIGATION_FORMATS, default="text", help=t("cli.help.explain_format", lang))

    p = command("schema")
    p.add_argument("--lines", action="store_true", help=t("cli.help.schema_lines", lang))

    p = command("demo")
    selection(p)
    outputs(p)

    p = command("calendar")
    facts(p)
    evaluation(p)
    selection(p)
    p.add_argument("--days", type=_days(lang), default=30, metavar="N", help=t("cli.help.days", lang))
    p.add_argument("-o", "--output", metavar="FILE", help=t("cli.help.calendar_output", lang))

    _add_reading_commands(command, facts, evaluation, lang)
    return parser


def _add_reading_commands(command: Callable[[str], argparse.ArgumentParser],
                          facts: Callable[[argparse.ArgumentParser], None],
                          evaluation: Callable[[argparse.ArgumentParser], None], lang: Lang) -> None:
    """``compare`` and ``sensitivity``: the same facts read with other policy values or dates."""
    p = command("compare")
    facts(p)
    evaluation(p)
    p.add_argument("--against-policy", metavar="FILE", help=t("cli.help.against_policy", lang))
    p.add_argument("--against-as-of", metavar="DATE", help=t("cli.help.against_as_of", lang))
    p.add_argument("--format", choices=COMPARE_FORMATS, default="text", help=t("cli.help.compare_format", lang))
    p.add_argument("--output", metavar="FORMAT=FILE", type=_output_spec(lang, COMPARE_FORMATS), action="append",
                   default=[], help=t("cli.help.compare_output", lang))
    p.add_argument("--backend", choices=BACKEND_CHOICES, default="durable", help=t("cli.help.backend", lang))

    p = command("sensitivity")
    facts(p)
    evaluation(p)
    p.add_argument("--param", required=True, metavar="NAME", help=t("cli.help.param", lang))
    p.add_argument("--values", metavar="V,V,...", help=t("cli.help.values", lang))
    p.add_argument("--obligation", action="append", dest="obligations", metavar="ID",
                   help=t("cli.help.sensitivity_obligation", lang))
    p.add_argument("--format", choices=SENSITIVITY_FORMATS, default="text", help=t("cli.help.compare_format", lang))
    p.add_argument("--plot", metavar="FILE.svg|png", help=t("cli.help.plot", lang))
    p.add_argument("--backend", choices=BACKEND_CHOICES, default="durable", help=t("cli.help.backend", lang))


def _lang_from(argv: Sequence[str]) -> Lang:
    """``--lang`` wherever it appears (it must shape the parser's own messages), else the default."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANG_CHOICES:
            return "en" if argv[i + 1] == "en" else "vi"
        if arg in ("--lang=en", "--lang=vi"):
            return "en" if arg.endswith("en") else "vi"
    return default_lang()


def main(argv: Sequence[str] | None = None, *, exiting: bool = False) -> int:
    """Run ``qd213`` with ``argv`` (default: ``sys.argv[1:]``); the exit code.

    ``exiting``: the process ends as soon as this returns, without freeing its objects (the
    ``qd213`` program, ``cli.run``), so a check keeps its fact set and report alive
    (:data:`_LEFT_TO_EXIT`) instead of freeing them here."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(args_list)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version, usage errors: keep argparse's code
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.exiting = exiting
    from .errors import EngineError, Qd213Error
    from .parallel import paused_gc

    try:
        # the process is the CLI's own: the collector may pause, and freeze what is left
        with paused_gc(freeze=True):
            return _COMMANDS[args.command](args, lang)
    except EngineError:
        raise  # the engine failed, not the input: a crash with its traceback, for a bug report
    except Qd213Error as exc:
        _clear_progress()
        print(exc.format(lang), file=sys.stderr)
        return _emit_problems(exc.problems, args, lang)
    except CliError as exc:
        _clear_progress()
        print(f"qd213: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        _clear_progress()
        print(t("cli.interrupted", lang), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`qd213 check … | head`): stop quietly, as SIGPIPE would
        _drop_stdout()
        return 128 + 13
    except OSError as exc:
        if not output_failed(exc):
            raise
        return report_output_failure(exc, lang)


def report_output_failure(exc: OSError, lang: Lang | None = None) -> int:
    """Say that standard output could not take the output (a full disk, a quota) and give the
    exit code of a file that cannot be written — never a traceback, whose code 1 a pipeline
    would read as "findings". ``lang``: by default the one the command line asks for."""
    _drop_stdout()
    _clear_progress()
    if lang is None:
        lang = _lang_from(sys.argv[1:])
    print(f"qd213: {t('cli.cannot_write_output', lang, error=exc.strerror or exc)}", file=sys.stderr, flush=True)
    return EXIT_USAGE


def output_failed(exc: OSError) -> bool:
    """Whether ``exc`` is a write that the output's device refused (disk full, quota, file too
    large, I/O error) rather than a file the command opened by name, which says its name."""
    import errno

    return exc.filename is None and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)


def _drop_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered in it is not
    written (and does not fail again) when the process ends."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout without a file descriptor
        pass


# -- input ------------------------------------------------------------------------------------

_progress_shown = False


def _clear_progress() -> None:
    global _progress_shown
    if _progress_shown:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
        _progress_shown = False


def _progress(text: str) -> None:
    global _progress_shown
    sys.stderr.write("\r\033[K" + text)
    sys.stderr.flush()
    _progress_shown = True


class ProgressReader:
    """A binary stream that reports lines and bytes read, at most every ``interval`` seconds.

    Wraps the facts input when stderr is a terminal, so that a large file or a pipe shows it is
    moving; the loader reads JSON Lines line by line, so the count is the facts read so far.
    """

    def __init__(self, raw: IO[bytes], report: Callable[[int, int], None], interval: float = 0.25) -> None:
        self._raw = raw
        self._report = report
        self._interval = interval
        self._next = time.monotonic() + interval
        self.lines = 0
        self.bytes = 0
        self.name = getattr(raw, "name", None)

    def _seen(self, data: bytes, lines: int) -> bytes:
        self.lines += lines
        self.bytes += len(data)
        now = time.monotonic()
        if now >= self._next:
            self._next = now + self._interval
            self._report(self.lines, self.bytes)
        return data

    def readline(self, size: int = -1, /) -> bytes:
        data = self._raw.readline(size)
        return self._seen(data, 1 if data.endswith(b"\n") else 0)

    def read(self, size: int = -1, /) -> bytes:
        data = self._raw.read(size)
        return self._seen(data, data.count(b"\n"))


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MiB" if n >= 1 << 20 else f"{n / 1024:.0f} KiB"


def load(path: str, lang: Lang, *, progress: bool | None = None, limits: Limits | None = None) -> FactSet:
    """The facts of ``path`` (``-`` for stdin), within ``limits``, with progress on stderr for
    large inputs when stderr is a terminal (``progress`` forces it on or off)."""
    from .facts import load_facts

    limits = limits or Limits()
    if progress is None:
        progress = sys.stderr.isatty() and (path == "-" or _file_size(path) >= PROGRESS_MIN_BYTES)
    if not progress:
        return load_facts(path, limits=limits)
    shown = "<stdin>" if path == "-" else path

    def report(lines: int, size: int) -> None:
        _progress(t("cli.progress.loading", lang, source=shown, count=f"{lines:,}", size=_size(size)))

    if path == "-":
        return load_facts(
            cast("IO[bytes]", ProgressReader(sys.stdin.buffer, report, PROGRESS_INTERVAL)), name=shown, limits=limits
        )
    try:
        handle = open(path, "rb")
    except OSError:
        return load_facts(path, limits=limits)  # the loader words the error
    try:
        return load_facts(cast("IO[bytes]", ProgressReader(handle, report, PROGRESS_INTERVAL)), name=shown, limits=limits)
    finally:
        handle.close()
        _clear_progress()


def _limits(args: Any) -> Limits:
    return Limits(max_bytes=args.max_bytes, max_facts=args.max_facts, max_line_bytes=args.max_line_bytes,
                  max_errors=args.max_errors)


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _as_of(args: Any) -> dt.date | None:
    from .arguments import as_of_date

    if not getattr(args, "as_of", None):
        return None
    return as_of_date(args.as_of, "--as-of")


def _policy(args: Any) -> Policy:
    from .policy import Policy, load_policy

    return load_policy(args.policy) if getattr(args, "policy", None) else Policy()


def _check_selection(args: Any, facts: FactSet, lang: Lang) -> str | None:
    """The ``--member``/``--org`` id, checked against the facts (an unknown id is bad input)."""
    member, org = getattr(args, "member", None), getattr(args, "org", None)
    if member is not None and member not in facts.members:
        raise CliError(t("cli.unknown_member", lang, found=member))
    if org is not None and org not in facts.organizations:
        raise CliError(t("cli.unknown_org", lang, found=org))
    selected: str | None = member or org
    return selected


def _evaluate(facts: FactSet, args: Any, lang: Lang, as_of: dt.date | None = None, *, trace: bool = False) -> Report:
    """``trace``: record every result's trace (JUnit and ``explain`` print them)."""
    from .engine import evaluate

    policy = _policy(args)
    as_of = as_of or _as_of(args)
    _show_evaluating(facts, lang)
    try:
        return evaluate(facts, as_of=as_of, policy=policy, lang=lang, backend=getattr(args, "backend", "durable"),
                        workers=getattr(args, "workers", 1), trace=trace)
    finally:
        _clear_progress()


def _show_evaluating(facts: FactSet, lang: Lang) -> None:
    """A progress line while a province is evaluated, on a terminal (cleared by the caller)."""
    if sys.stderr.isatty() and len(facts.events) >= 10_000:
        _progress(t("cli.progress.evaluating", lang, members=f"{len(facts.members):,}",
                    organizations=f"{len(facts.organizations):,}", events=f"{len(facts.events):,}"))


# -- output -----------------------------------------------------------------------------------


def _write_stdout(text: str | Iterable[bytes]) -> None:
    """``text``, or UTF-8 chunks as they come (a province's JSON report is never one string)."""
    if isinstance(text, str):
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        for chunk in text:
            if binary is not None:
                binary.write(chunk)
            else:  # a text stream without bytes underneath (a caller's StringIO)
                sys.stdout.write(chunk.decode())
        if binary is not None:
            binary.flush()
    sys.stdout.flush()


def _stdout_fd() -> int:
    """The file descriptor under ``sys.stdout``, flushed (-1 when it has none: a caller's StringIO)."""
    sys.stdout.flush()
    try:
        return sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return -1


def _write_file(path: str, data: str | bytes | Iterable[bytes], lang: Lang, *, append: bool = False) -> None:
    try:
        if isinstance(data, bytes):
            with open(path, "ab" if append else "wb") as handle:
                handle.write(data)
        elif isinstance(data, str):
            with open(path, "a" if append else "w", encoding="utf-8", newline="") as handle:
                handle.write(data)
        else:  # UTF-8 chunks, written as they come
            with open(path, "ab" if append else "wb") as handle:
                handle.writelines(data)
    except OSError as exc:
        raise CliError(t("cli.cannot_write", lang, file=path, error=exc.strerror or exc)) from None


def _terminal_width() -> int:
    """The width the text report wraps to on a terminal (``COLUMNS`` when set)."""
    import shutil

    return shutil.get_terminal_size().columns


def _colour() -> bool:
    # https://no-color.org: any non-empty NO_COLOR disables colour
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _emit(report: Report, facts: FactSet, args: Any, lang: Lang, source: str, *, explain_hint: bool = True) -> list[Any]:
    """Write stdout (``--format``) and each ``--output``; the results shown."""
    from .render import render_report, report_json_chunks, select_results

    selected = _check_selection(args, facts, lang)
    shown = select_results(report, member=args.member, org=args.org)
    fail_on: FailOn = getattr(args, "fail_on", "overdue")
    if args.only_findings:
        shown = [r for r in shown if at_or_above(r, fail_on)]
    chosen = shown if selected or args.only_findings else None

    def render(fmt: Any, terminal: bool) -> str | Iterable[bytes]:
        if fmt == "json":  # written in UTF-8 chunks as they come
            return report_json_chunks(report, chosen, workers=getattr(args, "workers", 1))
        return render_report(report, fmt, lang=lang, results=chosen, facts=facts,
                             source=source, show_all=args.show_all, colour=terminal and _colour(), fail_on=fail_on,
                             selection=selected, explain_hint=explain_hint,
                             width=_terminal_width() if terminal else None, member_pages=args.html_member_pages)

    # files first, so that they are written even when stdout breaks (a closed pipe)
    for fmt, path in args.output:
        _write_file(path, render(fmt, False), lang)
    _write_stdout(render(args.format, args.format == "text" and sys.stdout.isatty()))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path and "github" in {args.format, *(fmt for fmt, _ in args.output)}:
        from .render.github import step_summary

        _write_file(summary_path, step_summary(report, lang, results=shown, source=source, facts=facts,
                                               selection=selected), lang, append=True)
    return shown


def _formats(args: Any) -> set[str]:
    """Every report format asked for (``--format`` and each ``--output``)."""
    return {args.format, *(fmt for fmt, _ in args.output)}


def _check_html_available(args: Any, lang: Lang) -> None:
    """The HTML report needs the optional Jinja2: say so before the facts are read."""
    if "html" in _formats(args):
        from .render.html import jinja2_available

        if not jinja2_available():
            raise CliError(t("html.missing_jinja2", lang))


def _exit_code(results: Sequence[Any], args: Any) -> int:
    return _exit_for((r.severity for r in results), args)


def _exit_for(severities: Iterable[str], args: Any) -> int:
    """``EXIT_FINDINGS`` when a severity reaches ``--fail-on`` (never with ``--exit-zero``)."""
    from .evaluation.results import SEVERITY_RANK

    if getattr(args, "exit_zero", False):
        return EXIT_OK
    bar = FAIL_ON[getattr(args, "fail_on", "overdue")]
    return EXIT_FINDINGS if any(SEVERITY_RANK[severity] >= bar for severity in severities) else EXIT_OK


def _emit_problems(problems: Sequence[Any], args: Any, lang: Lang) -> int:
    """Input problems in ``--format`` on stdout (beside the lines on stderr) and in each
    ``--output`` file, so that a pipeline's annotations and test report show them; exit code 2."""
    from .render.problems import render_problems

    source = getattr(args, "facts", None)
    try:
        for fmt, path in getattr(args, "output", None) or ():
            _write_file(path, render_problems(problems, fmt, lang, source=source), lang)
        fmt = getattr(args, "format", "text")
        if fmt != "text":
            _write_stdout(render_problems(problems, fmt, lang, source=source))
    except CliError as exc:
        print(f"qd213: {exc}", file=sys.stderr)
    return EXIT_USAGE


# -- commands ---------------------------------------------------------------------------------


def _cmd_check(args: Any, lang: Lang) -> int:
    as_of = _as_of(args)  # a bad date is reported before the facts are read
    if args.stream:
        return _check_stream(args, lang, as_of)
    _check_html_available(args, lang)
    if args.dask_scheduler:
        return _check_on_dask(args, lang, as_of)
    facts = load(args.facts, lang, limits=_limits(args))
    if _json_from_workers(args):
        code = _check_json(facts, args, lang, as_of)
        if code is not None:
            return code
    # JUnit prints every trace; the HTML report explains each finding
    traced = bool({"junit", "html"} & _formats(args))
    report = _evaluate(facts, args, lang, as_of, trace=traced)
    shown = _emit(report, facts, args, lang, args.facts)
    if args.exiting:  # not freed: the process ends without freeing them (cli.run)
        _LEFT_TO_EXIT.extend((facts, report, shown))
    return _exit_code(shown, args)


def _json_from_workers(args: Any) -> bool:
    """Whether the check writes only the whole JSON report, with workers: then the workers write
    the results' text themselves (:func:`_check_json`)."""
    return (args.workers > 1 and _formats(args) == {"json"} and not args.member and not args.org
            and not args.only_findings)  # fmt: skip


def _check_json(facts: FactSet, args: Any, lang: Lang, as_of: dt.date | None) -> int | None:
    """``check --format json --workers N``: the report of :func:`_evaluate`, byte for byte, with
    the results' text written by the processes that evaluated them
    (:func:`~qd213_rules.engine.evaluate_to_json`); None when that cannot be done here, and the
    caller checks the ordinary way."""
    from .engine import evaluate_to_json, today_in_vietnam
    from .errors import WorkerError
    from .engine import json_summary
    from .evaluation.results import Status

    _show_evaluating(facts, lang)
    # stdout alone: with two workers into a regular file, the processes write their texts into it
    # as they evaluate (engine.evaluate_to_json's into)
    into = _stdout_fd() if not args.output else -1
    try:
        done = evaluate_to_json(facts, as_of or today_in_vietnam(), _policy(args), lang=lang,
                                backend=args.backend, workers=args.workers, into=into if into >= 0 else None)  # fmt: skip
    except WorkerError as exc:  # a worker that ended mid-way: what it wrote is cut from stdout
        if into < 0:
            raise
        _clear_progress()
        print(f"qd213: {t('cli.worker_failed_output', lang, error=exc.message)}", file=sys.stderr, flush=True)
        return EXIT_USAGE
    finally:
        _clear_progress()
    if done is None:
        return None
    report, written = done
    summary = json_summary(written.counts)
    def frame(empty: bool) -> tuple[bytes, bytes]:
        return report.document_frame(summary, empty=empty)

    # into a regular file, each process writes the text it holds at its place in the file, all
    # at once; elsewhere each worker sends the text it holds as the report reaches it
    try:
        for _, path in args.output:
            try:
                with open(path, "wb") as handle:
                    if not written.write_into(handle.fileno(), frame):
                        handle.writelines(report.document_bytes(summary, written.batches()))
            except OSError as exc:
                raise CliError(t("cli.cannot_write", lang, file=path, error=exc.strerror or exc)) from None
        if not written.write_into(_stdout_fd(), frame):
            _write_stdout(report.document_bytes(summary, written.batches()))
    except WorkerError as exc:  # a worker that ended mid-way: what was written is incomplete
        _clear_progress()
        print(f"qd213: {t('cli.worker_failed_output', lang, error=exc.message)}", file=sys.stderr, flush=True)
        return EXIT_USAGE
    finally:
        written.close()
    if args.exiting:  # not freed: the process ends without freeing them (cli.run)
        _LEFT_TO_EXIT.extend((facts, report, written))
    # a derived result's severity is none (semantics R6): as Result.severity reads it
    return _exit_for(("none" if derived else Status(status).severity for (status, derived), count in written.counts.items()
                      if count), args)  # fmt: skip


def _check_stream(args: Any, lang: Lang, as_of: dt.date | None) -> int:
    """``--stream``: JSON Lines in, one result per line out, then a summary line (semantics §17)."""
    from .stream import check_stream

    if args.facts == "-" or args.format != "text" or args.output or args.member or args.org:
        raise CliError(t("cli.error.stream_options", lang))
    summary = check_stream(args.facts, sys.stdout, as_of=as_of, policy=_policy(args), lang=lang,
                           backend=args.backend, workers=args.workers)
    if args.exit_zero:
        return EXIT_OK
    threshold = list(FAIL_ON).index(args.fail_on)
    worse = [s for s, n in summary["summary"].items() if n and s in FAIL_ON and list(FAIL_ON).index(s) >= threshold]
    return EXIT_FINDINGS if worse else EXIT_OK


def _check_on_dask(args: Any, lang: Lang, as_of: dt.date | None) -> int:
    """``--dask-scheduler``: the same shards on an existing Dask cluster (the ``dask`` extra)."""
    try:
        from distributed import Client
    except ImportError:
        raise CliError(t("cli.error.no_dask", lang)) from None
    from .cluster import evaluate_on_dask

    facts = load(args.facts, lang, limits=_limits(args))  # checks the input and gives line numbers
    connect: Any = Client  # distributed ships no type hints for it
    with connect(args.dask_scheduler) as client:
        report = evaluate_on_dask(args.facts, client, as_of=as_of, policy=_policy(args), lang=lang,
                                  backend=args.backend)
    shown = _emit(report, facts, args, lang, args.facts)
    return _exit_code(shown, args)


def _cmd_synth(args: Any, lang: Lang) -> int:
    from .synth import write_synth

    try:
        first, last = (int(part) for part in args.years.split("-"))
    except ValueError:
        raise CliError(t("cli.error.years", lang, value=args.years)) from None
    if not 2020 <= first <= last <= 2100:
        raise CliError(t("cli.error.years", lang, value=args.years))
    counts = write_synth(sys.stdout if args.output == "-" else args.output, args.members, args.seed, (first, last))
    print(t("cli.synth.done", lang, lines=f"{counts['lines']:,}", members=f"{counts['member']:,}",
            events=f"{counts['event']:,}", per_member=counts["facts_per_member"]), file=sys.stderr)
    return EXIT_OK


def _cmd_demo(args: Any, lang: Lang) -> int:
    from .examples import EXAMPLE_AS_OF, example_ward_path
    from .facts import load_facts

    _check_html_available(args, lang)
    facts = load_facts(example_ward_path().read_bytes(), name="example_ward.json")
    report = _evaluate(facts, args, lang, EXAMPLE_AS_OF, trace="html" in _formats(args))
    _emit(report, facts, args, lang, "example_ward.json", explain_hint=False)
    return EXIT_OK  # the demo shows a report; it is not a check (make demo must succeed)


def _cmd_validate(args: Any, lang: Lang) -> int:
    from .render.problems import render_problems

    facts = load(args.facts, lang, limits=_limits(args))
    for warning in facts.warnings:
        print(f"[{warning.code}] {warning.fact_id or '-'}: {warning.message(lang)}", file=sys.stderr)
    counts = {"organizations": len(facts.organizations), "members": len(facts.members), "events": len(facts.events),
              "warnings": len(facts.warnings)}
    ok = t("cli.validate.ok", lang, source=args.facts, **counts) + "\n"

    def render(fmt: str) -> str:
        if fmt in ("text", "github"):  # no annotation to make: the line says the input is valid
            return ok
        if fmt == "markdown":
            return render_problems([], fmt, lang, source=args.facts) + ok
        return render_problems([], fmt, lang, source=args.facts, summary={
            "counts": counts, "data_warnings": [w.to_dict(lang) for w in facts.warnings]})

    for fmt, path in args.output:
        _write_file(path, render(fmt), lang)
    _write_stdout(render(args.format))
    return EXIT_OK


def _cmd_explain(args: Any, lang: Lang) -> int:
    import json

    import dataclasses
    import difflib

    from .articles import obligation
    from .errors import ErrorCode, Problem, UsageError

    as_of = _as_of(args)
    try:
        obligation(args.obligation)
    except UsageError as exc:  # the same error, located at the option
        raise UsageError([dataclasses.replace(p, json_path="--obligation") for p in exc.problems]) from None
    facts = load(args.facts, lang, limits=_limits(args))
    if args.subject not in facts.members and args.subject not in facts.organizations:
        ids = [*facts.members, *facts.organizations]
        raise UsageError([Problem(ErrorCode.USAGE, file=args.facts, json_path="--subject", found=args.subject, params={
            "expected_msg": "usage.expected.subject",
            "did_you_mean": difflib.get_close_matches(args.subject, ids, n=3, cutoff=0.6)})])
    report = _evaluate(facts, args, lang, as_of, trace=True)
    found = [r for r in report.results if r.obligation_id == args.obligation and r.subject_id == args.subject]
    if not found:
        print(t("cli.explain.not_found", lang, obligation=args.obligation, subject=args.subject), file=sys.stderr)
        return EXIT_USAGE
    explanations = [report.explain(result, lang) for result in found]
    if args.format == "json":
        _write_stdout(json.dumps([e.to_dict() for e in explanations], ensure_ascii=False, indent=2) + "\n")
    else:
        _write_stdout("\n\n".join(str(e) for e in explanations) + "\n")
    return EXIT_OK


def _cmd_obligations(args: Any, lang: Lang) -> int:
    if args.obligation is not None:
        from .articles import obligation
        from .render.duty import render_duty

        _write_stdout(render_duty(obligation(args.obligation), args.format, lang))
        return EXIT_OK
    from .render.obligations import render_obligations

    _write_stdout(render_obligations(args.format, lang))
    return EXIT_OK


def _cmd_schema(args: Any, lang: Lang) -> int:
    import json

    from .facts.schema import facts_json_schema, lines_json_schema

    schema = lines_json_schema() if args.lines else facts_json_schema()
    _write_stdout(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_calendar(args: Any, lang: Lang) -> int:
    from .render import select_results
    from .render.ics import render_calendar

    as_of = _as_of(args)
    facts = load(args.facts, lang, limits=_limits(args))
    report = _evaluate(facts, args, lang, as_of)
    selected = _check_selection(args, facts, lang)
    shown = select_results(report, member=args.member, org=args.org)
    data = render_calendar(report, lang, days=args.days, results=shown if selected else None).encode("utf-8")
    if args.output and args.output != "-":
        _write_file(args.output, data, lang)
    else:
        # bytes, so that the CRLF line ends reach the file untranslated
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:  # pragma: no cover - a text-only stdout replacement
            _write_stdout(data.decode("utf-8"))
    return EXIT_OK


def _date_option(value: str | None, option: str) -> dt.date | None:
    import datetime as dt

    from .errors import ErrorCode, Problem, UsageError

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError([Problem(ErrorCode.USAGE, json_path=option, found=value, expected="YYYY-MM-DD")]) from None


def _cmd_compare(args: Any, lang: Lang) -> int:
    """Two readings of the same facts: exit 0 when no result changed status, 1 when one did."""
    from .engine import evaluate
    from .policy import load_policy
    from .render.compare import render_comparison

    as_of = _as_of(args)
    against_as_of = _date_option(args.against_as_of, "--against-as-of")
    if not args.against_policy and against_as_of is None:
        raise CliError(t("cli.error.compare_needs_other", lang))
    first = _policy(args)
    second = load_policy(args.against_policy) if args.against_policy else first
    facts = load(args.facts, lang, limits=_limits(args))
    before = evaluate(facts, as_of, first, lang=lang, backend=args.backend)
    after = evaluate(facts, against_as_of or before.as_of, second, lang=lang, backend=args.backend)
    comparison = before.compare(after)
    policies = (args.policy, args.against_policy or args.policy)
    for fmt, path in args.output:
        _write_file(path, render_comparison(comparison, fmt, lang=lang, facts=facts, source=args.facts,
                                            policies=policies), lang)  # fmt: skip
    _write_stdout(render_comparison(comparison, args.format, lang=lang, facts=facts, source=args.facts,
                                    policies=policies))  # fmt: skip
    return EXIT_FINDINGS if comparison.changed else EXIT_OK


def _cmd_sensitivity(args: Any, lang: Lang) -> int:
    """Results by status for each value of one policy parameter, optionally as a chart."""
    from .render.sensitivity import PLOT_SUFFIXES, render_sensitivity
    from .sensitivity import parameter, parse_values, sensitivity

    as_of = _as_of(args)
    param = parameter(args.param)  # an unknown name is reported before the facts are read
    if args.plot:
        if not args.plot.lower().endswith(PLOT_SUFFIXES):
            raise CliError(t("cli.error.plot_suffix", lang, file=args.plot))
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            raise CliError(t("cli.error.no_matplotlib", lang)) from None
    values = parse_values(args.values) if args.values else None
    facts = load(args.facts, lang, limits=_limits(args))
    table = sensitivity(facts, param, values, as_of=as_of, policy=_policy(args), obligations=args.obligations,
                        lang=lang, backend=args.backend)  # fmt: skip
    if args.plot:
        try:
            table.plot(args.plot, lang=lang)
        except OSError as exc:
            raise CliError(t("cli.cannot_write", lang, file=args.plot, error=exc.strerror or exc)) from None
    _write_stdout(render_sensitivity(table, args.format, lang=lang))
    return EXIT_OK


_COMMANDS: dict[str, Callable[[Any, Lang], int]] = {
    "check": _cmd_check,
    "validate": _cmd_validate,
    "explain": _cmd_explain,
    "obligations": _cmd_obligations,
    "schema": _cmd_schema,
    "demo": _cmd_demo,
    "calendar": _cmd_calendar,
    "synth": _cmd_synth,
    "compare": _cmd_compare,
    "sensitivity": _cmd_sensitivity,
}
