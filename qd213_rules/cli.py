"""``qd213``: a thin command line over the public API.

Exit codes: 0 nothing at or above the ``--fail-on`` threshold (or the command succeeded),
1 findings at or above it, 2 bad input or usage. Bad input is reported on stderr, one line per
problem naming the file, the line or JSON path, the fact id, the value found and what was
expected, in the chosen language (``--lang``, default ``QD213_LANG`` or Vietnamese); never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ._version import __version__
from .messages import Lang, default_lang, t

__all__ = ["main", "build_parser"]

FAIL_ON = {"due": 1, "overdue": 2, "violated": 3}
FORMATS = ("text", "json")


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors in the chosen language and exit code 2."""

    lang: Lang = "vi"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {t('cli.usage_error', self.lang)}: {message}\n")


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(prog="qd213", description=t("cli.description", lang))
    parser.add_argument("--version", action="version", version=f"qd213-rules {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser, *, facts: bool = True) -> None:
        if facts:
            p.add_argument("facts", metavar="FACTS", help=t("cli.help.facts", lang))
        p.add_argument("--lang", choices=("vi", "en"), default=None, help=t("cli.help.lang", lang))

    def evaluation(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", metavar="DATE", help=t("cli.help.as_of", lang))
        p.add_argument("--policy", metavar="FILE", help=t("cli.help.policy", lang))

    p = sub.add_parser("check", help=t("cli.help.check", lang))
    common(p)
    evaluation(p)
    who = p.add_mutually_exclusive_group()
    who.add_argument("--member", metavar="ID", help=t("cli.help.member", lang))
    who.add_argument("--org", metavar="ID", help=t("cli.help.org", lang))
    p.add_argument("--format", choices=FORMATS, default="text", help=t("cli.help.format", lang))
    p.add_argument("--fail-on", choices=tuple(FAIL_ON), default="overdue", help=t("cli.help.fail_on", lang))
    p.add_argument("--exit-zero", action="store_true", help=t("cli.help.exit_zero", lang))
    p.add_argument("--all", action="store_true", dest="show_all", help=t("cli.help.all", lang))

    p = sub.add_parser("validate", help=t("cli.help.validate", lang))
    common(p)

    p = sub.add_parser("explain", help=t("cli.help.explain", lang))
    common(p)
    evaluation(p)
    p.add_argument("--obligation", required=True, metavar="ID")
    p.add_argument("--subject", required=True, metavar="ID")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("obligations", help=t("cli.help.obligations", lang))
    common(p, facts=False)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    p = sub.add_parser("schema", help=t("cli.help.schema", lang))

    p = sub.add_parser("demo", help=t("cli.help.demo", lang))
    common(p, facts=False)
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--all", action="store_true", dest="show_all", help=t("cli.help.all", lang))
    return parser


def _lang_from(argv: Sequence[str]) -> Lang:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("vi", "en"):
            return "en" if argv[i + 1] == "en" else "vi"
        if arg in ("--lang=en", "--lang=vi"):
            return "en" if arg.endswith("en") else "vi"
    return default_lang()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(args_list)
    parser = build_parser(lang)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    from .errors import Qd213Error

    try:
        result: int = _COMMANDS[args.command](args, lang)
        return result
    except Qd213Error as exc:
        print(exc.format(lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def _load(args: Any, lang: Lang) -> Any:
    from .facts import load_facts

    return load_facts(args.facts)


def _as_of(args: Any) -> Any:
    import datetime as dt

    from .errors import ErrorCode, Problem, UsageError

    if not getattr(args, "as_of", None):
        return None
    try:
        return dt.date.fromisoformat(args.as_of)
    except ValueError:
        raise UsageError([Problem(ErrorCode.USAGE, json_path="--as-of", found=args.as_of, expected="YYYY-MM-DD")]) from None


def _policy(args: Any) -> Any:
    from .policy import Policy, load_policy

    return load_policy(args.policy) if getattr(args, "policy", None) else Policy()


def _print(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _cmd_validate(args: Any, lang: Lang) -> int:
    facts = _load(args, lang)
    for warning in facts.warnings:
        print(f"[{warning.code}] {warning.fact_id or '-'}: {warning.message(lang)}", file=sys.stderr)
    _print(t("cli.validate.ok", lang, source=args.facts, organizations=len(facts.organizations),
             members=len(facts.members), events=len(facts.events), warnings=len(facts.warnings)) + "\n")
    return 0


def _emit_report(report: Any, args: Any, lang: Lang, source: str) -> None:
    if args.format == "json":
        _print(report.to_json())
        return
    from .render.text import render_text

    colour = sys.stdout.isatty() and "NO_COLOR" not in __import__("os").environ
    results = None
    if getattr(args, "member", None):
        results = [r for r in report.results if r.subject_id == args.member]
    elif getattr(args, "org", None):
        results = report.for_org(args.org)
    _print(render_text(report, lang, colour=colour, show_all=args.show_all, results=results, source=source))


def _exit_code(report: Any, args: Any) -> int:
    from .evaluation.results import SEVERITY_RANK

    if getattr(args, "exit_zero", False):
        return 0
    threshold = FAIL_ON[getattr(args, "fail_on", "overdue")]
    return 1 if any(SEVERITY_RANK[r.severity] >= threshold for r in report.results) else 0


def _cmd_check(args: Any, lang: Lang) -> int:
    from .engine import evaluate

    facts = _load(args, lang)
    report = evaluate(facts, as_of=_as_of(args), policy=_policy(args), lang=lang)
    _emit_report(report, args, lang, args.facts)
    return _exit_code(report, args)


def _cmd_demo(args: Any, lang: Lang) -> int:
    from .engine import evaluate
    from .examples import EXAMPLE_AS_OF, example_ward_path
    from .facts import load_facts

    path = example_ward_path()
    report = evaluate(load_facts(str(path)), as_of=EXAMPLE_AS_OF, lang=lang)
    args.fail_on, args.exit_zero = "overdue", True
    _emit_report(report, args, lang, "example_ward.json")
    return 0


def _cmd_explain(args: Any, lang: Lang) -> int:
    import json

    from .engine import evaluate

    facts = _load(args, lang)
    report = evaluate(facts, as_of=_as_of(args), policy=_policy(args), lang=lang)
    found = [r for r in report.results if r.obligation_id == args.obligation and r.subject_id == args.subject]
    if not found:
        print(t("cli.explain.not_found", lang, obligation=args.obligation, subject=args.subject), file=sys.stderr)
        return 2
    for result in found:
        explanation = report.explain(result, lang)
        if args.format == "json":
            _print(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            _print(str(explanation) + "\n\n")
    return 0


def _cmd_obligations(args: Any, lang: Lang) -> int:
    from .render.obligations import render_obligations

    _print(render_obligations(args.format, lang))
    return 0


def _cmd_schema(args: Any, lang: Lang) -> int:
    import json

    from .facts.schema import facts_json_schema

    _print(json.dumps(facts_json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


_COMMANDS = {
    "check": _cmd_check,
    "validate": _cmd_validate,
    "explain": _cmd_explain,
    "obligations": _cmd_obligations,
    "schema": _cmd_schema,
    "demo": _cmd_demo,
}
