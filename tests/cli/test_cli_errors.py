"""Bad input and bad usage: exit code 2, a message in the chosen language, never a traceback;
the CLI's own messages are complete in both languages."""

from __future__ import annotations

import string
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from cli.cli_support import AS_OF, Run, run_script

from qd213_rules.commands import _ARGPARSE_MESSAGES, translate_usage_error
from qd213_rules.messages import catalogue, t
from qd213_rules.messages.cli import MESSAGES as CLI_MESSAGES


@pytest.fixture
def malformed(tmp_path: Path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "organizations": [\n', encoding="utf-8")
    return path


# name → (arguments, text expected on stderr in vi, in en); "{ward}"/"{bad}" are replaced
BAD = {
    "malformed file": (["check", "{bad}"], "JSON sai cú pháp", "Malformed JSON"),
    "missing file": (["check", "{missing}"], "Không tìm thấy tệp", "not found"),
    "unknown obligation": (["explain", "{ward}", "--obligation", "D9.K9z", "--subject", "DV-005"],
                           "Không có nghĩa vụ", "No obligation"),
    "bad --as-of": (["check", "{ward}", "--as-of", "2025-02-30"], "2025-02-30 không tồn tại",
                    "expected a real calendar date: 2025-02-30 does not exist"),
    "--as-of not a date": (["check", "{ward}", "--as-of", "10/12/2025"], "cần một ngày dạng YYYY-MM-DD",
                           "expected a date as YYYY-MM-DD"),
    "unknown --subject": (["explain", "{ward}", "--obligation", "D2.K7b", "--subject", "DV-NOPE"],
                          "cần mã một đảng viên hoặc tổ chức có trong dữ kiện",
                          "expected the id of a member or organisation in the facts"),
    "unknown --format": (["check", "{ward}", "--format", "sarif"], "lựa chọn không hợp lệ: 'sarif'", "invalid choice: 'sarif'"),
    "bad --output": (["check", "{ward}", "--output", "pdf=report.pdf"], "cần ĐỊNH_DẠNG=TỆP", "expected FORMAT=FILE"),
    "bad --days": (["calendar", "{ward}", "--days", "soon"], "cần một số nguyên không âm", "expected a non-negative integer"),
    "unknown --fail-on": (["check", "{ward}", "--fail-on", "late"], "lựa chọn không hợp lệ", "invalid choice"),
    "missing FACTS": (["check"], "thiếu các đối số bắt buộc: FACTS", "the following arguments are required: FACTS"),
    "unknown option": (["check", "{ward}", "--colour"], "đối số không nhận biết được: --colour", "unrecognized arguments: --colour"),
    "member and org": (["check", "{ward}", "--member", "A", "--org", "B"], "không dùng cùng với đối số --member",
                       "not allowed with argument --member"),
    "unknown command": (["lint", "{ward}"], "lựa chọn không hợp lệ: 'lint'", "invalid choice: 'lint'"),
    "bad policy": (["check", "{ward}", "--policy", "{policy}"], "Chính sách không hợp lệ", "Invalid policy"),
    "unwritable output": (["check", "{ward}", "--output", "json={tmp}/no/such/dir/r.json"], "Không ghi được tệp",
                          "Cannot write file"),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_in_the_chosen_language(qd213: Callable[..., Run], ward_json: Path, malformed: Path,
                                                  tmp_path: Path, case: str, lang: str) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text('{"no_such_parameter": 1}', encoding="utf-8")
    args, vi, en = BAD[case]
    fill = {"{ward}": str(ward_json), "{bad}": str(malformed), "{missing}": str(tmp_path / "absent.json"),
            "{policy}": str(policy)}
    argv = [fill.get(a, a).replace("{tmp}", str(tmp_path)) for a in args]
    if argv[0] in ("check", "explain", "calendar") and len(argv) > 1 and "--as-of" not in argv:
        argv += ["--as-of", AS_OF]
    run = qd213(*argv, "--lang", lang)
    assert run.code == 2, run
    assert (vi if lang == "vi" else en) in run.err, run.err
    assert (en if lang == "vi" else vi) not in run.err
    assert "Traceback" not in run.err and run.out == ""


def test_language_from_the_environment(qd213: Callable[..., Run], malformed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QD213_LANG", "en")
    assert "Malformed JSON" in qd213("check", str(malformed)).err
    assert "JSON sai cú pháp" in qd213("check", str(malformed), "--lang", "vi").err


def test_no_traceback_from_the_real_script(malformed: Path) -> None:
    for lang, text in (("vi", "JSON sai cú pháp"), ("en", "Malformed JSON")):
        proc = run_script(["check", str(malformed), "--lang", lang])
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2 and text in err and "Traceback" not in err
    proc = run_script(["check", "--format", "xml", str(malformed)])
    assert proc.returncode == 2 and "lỗi cú pháp lệnh" in proc.stderr.decode("utf-8")


# -- the messages -----------------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("msg_id", sorted(CLI_MESSAGES))
def test_cli_messages_differ_are_non_empty_and_share_placeholders(msg_id: str) -> None:
    vi, en = CLI_MESSAGES[msg_id]
    assert vi.strip() and en.strip() and vi != en
    assert _placeholders(vi) == _placeholders(en)
    assert unicodedata.is_normalized("NFC", vi) and unicodedata.is_normalized("NFC", en)
    assert catalogue()[msg_id] == (vi, en)


def test_every_translated_argparse_message_exists() -> None:
    for _, msg_id in _ARGPARSE_MESSAGES:
        assert msg_id in CLI_MESSAGES
    assert translate_usage_error("argument --format: invalid choice: 'x' (choose from 'a', 'b')", "vi") == (
        "đối số --format: lựa chọn không hợp lệ: 'x' (chọn một trong 'a', 'b')")
    assert translate_usage_error("something new", "vi") == "something new"  # unknown: kept, never lost
    assert translate_usage_error("unrecognized arguments: --x", "en") == "unrecognized arguments: --x"
    assert t("cli.usage_error", "vi") != t("cli.usage_error", "en")


# -- what the light commands import ----------------------------------------------------------------

HEAVY = ("durable", "durable_rules_engine", "pandas", "matplotlib")


@pytest.mark.parametrize("args", [["--version"], ["schema"], ["obligations", "--format", "json"]])
def test_light_commands_do_not_import_the_engine_or_pandas(args: list[str]) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from qd213_rules.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main({args!r})\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in %r)\n"
        "print(rc, heavy)\n" % (HEAVY,)
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert proc.stdout.strip() == "0 []", proc.stdout + proc.stderr


def test_version_imports_measured_with_importtime() -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "qd213_rules", "--version"], capture_output=True,
                          text=True, check=True, timeout=120)
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines() if "|" in line}
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))
    assert "qd213_rules" in imported


def test_a_check_does_not_import_what_only_a_policy_file_or_a_notebook_needs() -> None:
    """The cold start of ``qd213 check`` (most of a ward's check): ``tomllib`` is imported only
    to read a TOML policy file and ``html`` only for a notebook's view of a report."""
    code = (
        "import sys, io, contextlib\n"
        "from qd213_rules.cli import main\n"
        "from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    rc = main(['check', '--as-of', EXAMPLE_AS_OF.isoformat(), '--format', 'json', '--exit-zero',\n"
        "               '--backend', 'python', str(example_ward_path())])\n"
        "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('tomllib', 'html')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert proc.stdout.strip() == "0 []", proc.stdout + proc.stderr
