"""``qd213 check --format json --workers N``: the workers write their subjects' report text
themselves (``engine.evaluate_to_json``), and the document is byte for byte one worker's — with
waivers (applied by the process that evaluated the subjects they name), quiet organisations,
members without events, input errors, every ``--fail-on`` — or, when a part cannot be written
where it was evaluated, the check falls back to the ordinary evaluation."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from qd213_rules import engine, parallel
from qd213_rules.cli import main
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.evaluation.waivers import apply_waivers_by_subject, waivers_by_subject
from qd213_rules.errors import EngineError
from qd213_rules.facts import FactSet
from strategies import fact_document_and_as_of

from .helpers import document_lines, write_lines
from .test_parallel import _one_subject_per_task, _parts

Doc = dict[str, Any]


def _check(capsys: pytest.CaptureFixture[str], path: Path, as_of: str, *extra: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``qd213 check --format json`` on ``path``."""
    code = main(["check", str(path), "--as-of", as_of, "--format", "json", "--lang", "en", *extra])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each check with workers wrote its results where they were evaluated (True) or
    fell back to the ordinary evaluation (False)."""
    seen: list[bool] = []
    original = engine.evaluate_to_json

    def spy(*args: Any, **kwargs: Any) -> Any:
        done = original(*args, **kwargs)
        seen.append(done is not None)
        return done

    monkeypatch.setattr(engine, "evaluate_to_json", spy)
    yield seen


@pytest.mark.perf
@pytest.mark.parametrize("backend", ["durable", "python"])
def test_workers_write_the_report_of_one_worker(
    synth_file: Any, backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], written: list[bool]
) -> None:
    """A synth province with waivers (some matched, some not): the same bytes on stdout and in
    ``--output`` files, and the same exit code for every ``--fail-on``, with 1, 2 and 3 workers."""
    path = synth_file(150, seed=3)
    assert '"waiver_granted"' in path.read_text(encoding="utf-8")
    one = _check(capsys, path, "2025-12-31", "--backend", backend, "--exit-zero")
    assert one[0] == 0 and one[1].startswith("{")
    for workers in ("2", "3"):
        copy = tmp_path / f"report-{workers}.json"
        found = _check(capsys, path, "2025-12-31", "--backend", backend, "--exit-zero", "--workers", workers,
                       "--output", f"json={copy}")  # fmt: skip
        assert found == one
        assert copy.read_text(encoding="utf-8") == one[1]
    for fail_on in ("due", "overdue", "violated"):
        for as_of in ("2024-03-31", "2025-12-31"):
            expected = _check(capsys, path, as_of, "--backend", backend, "--fail-on", fail_on)
            assert _check(capsys, path, as_of, "--backend", backend, "--fail-on", fail_on, "--workers", "2") == expected
    assert written and all(written)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pair=fact_document_and_as_of(min_members=2, max_members=5))
def test_generated_documents_give_one_report_with_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pair: tuple[Doc, dt.date]
) -> None:
    """Generated documents (quiet cells and communes, members without events, waivers that
    match, do not match or are refused): stdout, stderr and exit code of one worker, with two
    and three, one subject per task so that every document is shared between processes."""
    doc, as_of = pair
    path = write_lines(tmp_path / "doc.jsonl", document_lines(doc))
    with _one_subject_per_task():
        one = _check(capsys, path, as_of.isoformat())
        for workers in ("2", "3"):
            assert _check(capsys, path, as_of.isoformat(), "--workers", workers) == one


_WAIVER_CASES = sorted(p for p in (Path(__file__).resolve().parents[1] / "cases" / "waivers").glob("*.json")
                       if not p.name.startswith("_"))


@pytest.mark.parametrize("case_path", _WAIVER_CASES, ids=lambda p: p.stem)
def test_waivers_applied_where_their_subjects_were_evaluated(
    case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], written: list[bool]
) -> None:
    """Each process applies the waivers of the subjects it evaluated (``engine._waive_subject``)
    and the caller puts their warnings, unused-reasons and problems together
    (``engine._waivers_of_parts``): for every waiver case (matched, unmatched, future, ambiguous,
    without authority, derived again), one subject per task so that the subjects a waiver names
    are spread over the processes, the stdout, stderr and exit code of one worker."""
    from test_cases import load_case

    case = load_case(case_path)
    path = write_lines(tmp_path / "case.jsonl", document_lines(case.document))
    as_of = case.as_of.isoformat()
    with _one_subject_per_task():
        one = _check(capsys, path, as_of, "--backend", "python")
        for workers in ("2", "3"):
            assert _check(capsys, path, as_of, "--backend", "python", "--workers", workers) == one
    assert all(written)  # none fell back (a check the waivers refuse raises before it would say)


def test_a_part_written_nowhere_falls_back_to_the_ordinary_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, written: list[bool]
) -> None:
    """A part that cannot be written where it was evaluated (as when a result is about a subject
    its part did not evaluate), in a child or in the caller: the check evaluates again the
    ordinary way, and writes the same report."""
    path = write_lines(tmp_path / "ward.jsonl", document_lines(example_ward_document()))
    as_of = EXAMPLE_AS_OF.isoformat()
    with _one_subject_per_task():
        one = _check(capsys, path, as_of, "--workers", "1")
        assert _check(capsys, path, as_of, "--workers", "2") == one
        assert written == [True]
        original = parallel.json_part
        for refused in ("child", "caller"):
            parent = os.getpid()

            def refusing(*args: Any, refused: str = refused) -> Any:
                if (os.getpid() == parent) is (refused == "caller"):
                    return None
                return original(*args)

            monkeypatch.setattr(parallel, "json_part", refusing)
            assert _check(capsys, path, as_of, "--workers", "2") == one
        assert written == [True, False, False]


def test_a_subjects_runs_in_two_parts_are_not_assembled() -> None:
    """Each subject's results must come from one part to be put in report order by runs: a
    subject with runs in two parts, or a part sent as results, gives None (the check falls back)."""
    facts = FactSet.from_document(example_ward_document())
    run, subjects, parts = _parts(facts, EXAMPLE_AS_OF, 3)
    waived = frozenset(waivers_by_subject(facts))
    written: list[tuple[list[int], parallel.Part | parallel.JsonPart]] = []
    for positions, part in parts:
        parallel.sort_part(run, positions, subjects, part)
        text = parallel.json_part(positions, subjects, part, waived)
        assert text is not None
        written.append((positions, parallel.decode_json_part(parallel.encode_json_part(text))))
    assembled = parallel.assemble_json(run, subjects, written)
    assert assembled is not None and assembled.kept()  # the ward's waivers name some of its members
    kept, _, _ = apply_waivers_by_subject(run.ctx, assembled.kept(), "en")
    assembled.replace_kept(kept)
    expected = b",\n    ".join(parallel.result_batches(engine.evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python").results))
    assert b",\n    ".join(assembled.batches()) == expected
    (positions, first), (_, second) = written[0], written[1]
    assert isinstance(first, parallel.JsonPart) and isinstance(second, parallel.JsonPart)
    twice = parallel.JsonPart([*first.runs, second.runs[0]], [*first.texts, second.texts[0]], first.kept,
                              first.counts, first.cited, first.first_notes, first.state_used)  # fmt: skip
    assert parallel.assemble_json(run, subjects, [(positions, twice), *written[1:]]) is None
    assert parallel.assemble_json(run, subjects, [parts[0], *written[1:]]) is None


def test_a_worker_failure_while_writing_reaches_the_caller(
    synth_file: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An exception in a forked worker writing its part is raised in the caller, not lost, and
    no report is written."""
    parent = os.getpid()
    original = parallel.json_part

    def failing(*args: Any) -> Any:
        if os.getpid() == parent:  # a slow caller: the child has more than four tasks on any machine
            time.sleep(0.02)
        else:
            raise ValueError("boom while writing in a worker")
        return original(*args)

    monkeypatch.setattr(parallel, "json_part", failing)
    with pytest.raises(ValueError, match="boom while writing in a worker"):
        _check(capsys, synth_file(300, seed=3), "2025-12-31", "--backend", "python", "--workers", "2")
    assert capsys.readouterr().out == ""


def _example_ward_path(tmp_path: Path) -> Path:
    return write_lines(tmp_path / "ward.jsonl", document_lines(example_ward_document()))


def test_the_caller_holds_none_of_the_text_the_children_wrote(tmp_path: Path) -> None:
    """The memory of ``--workers N`` with a JSON report: each child keeps the text it wrote and
    sends it only as the report is written, one subject's run at a time; the caller never holds
    the children's part of the report (it held all of it: 2.57 GB per million facts at 100,000
    members). Read twice (an ``--output`` file and stdout), the same bytes; closed, no child is left."""
    import multiprocessing

    facts = FactSet.from_document(example_ward_document())
    expected = engine.evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python")
    holders: set[int] = set()
    # Which process claims which task depends on the scheduler: on a loaded machine a child can
    # start after the others have claimed every task of this small ward. Every run must keep the
    # children's text in the children; a few runs are allowed for both children to have claimed some.
    for _ in range(5):
        with _one_subject_per_task():
            done = engine.evaluate_to_json(facts, EXAMPLE_AS_OF, lang="en", backend="python", workers=3)
        assert done is not None
        report, written = done
        try:
            held = [piece for piece in written.pieces if type(piece) is tuple]
            here = [piece for piece in written.pieces if type(piece) is bytes]
            holders |= {child for child, _, _ in held}
            assert len(multiprocessing.active_children()) == 2
            first = b",\n    ".join(written.batches())
            assert first == b",\n    ".join(parallel.result_batches(expected.results))
            assert b",\n    ".join(written.batches()) == first
            assert len(here) + len(held) == len(written.pieces)
        finally:
            written.close()
        assert multiprocessing.active_children() == []
        with pytest.raises(EngineError, match="closed"):
            list(written.batches())
        if holders == {0, 1}:
            break
    assert holders == {0, 1}  # both children held some of the text, and the caller none of it


def test_a_with_block_ends_the_children_that_hold_text() -> None:
    """A host writes the report inside ``with``: the children holding its text end with the block,
    whether the block ends normally or by an exception."""
    import multiprocessing

    facts = FactSet.from_document(example_ward_document())
    for fails in (False, True):
        with _one_subject_per_task():
            done = engine.evaluate_to_json(facts, EXAMPLE_AS_OF, lang="en", backend="python", workers=2)
        assert done is not None
        _, written = done
        assert multiprocessing.active_children()  # a child holds text until the block ends
        with pytest.raises(KeyboardInterrupt) if fails else contextlib.nullcontext():
            with written as same:
                assert same is written
                next(iter(written.batches()))
                if fails:
                    raise KeyboardInterrupt
        assert multiprocessing.active_children() == []
        with pytest.raises(EngineError, match="closed"):
            list(written.batches())


def test_a_reading_given_up_midway_ends_the_children() -> None:
    """A reader that stops (a closed stdout) leaves the rest of the children's text in their
    pipes: they are ended at once, and the text cannot be read again as if whole."""
    import multiprocessing

    facts = FactSet.from_document(example_ward_document())
    with _one_subject_per_task():
        done = engine.evaluate_to_json(facts, EXAMPLE_AS_OF, lang="en", backend="python", workers=2)
    assert done is not None
    _, written = done
    chunks = written.batches()
    next(chunks)
    chunks.close()
    assert multiprocessing.active_children() == []
    with pytest.raises(EngineError, match="closed"):
        list(written.batches())
    written.close()


@pytest.mark.parametrize("output", ["stdout", "file"])
def test_a_worker_that_dies_while_sending_its_text_leaves_no_report_presented_as_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """A child that ends while the report is written (killed, out of memory): a clear message in
    the language asked for, exit code 2, and what was written is not a JSON document."""
    import json
    import multiprocessing

    path = _example_ward_path(tmp_path)

    def dying(fd: int, header: bytes, text: bytes) -> None:  # runs in the children only
        # at its first text, not a later one: on a loaded machine the caller may take all but
        # one or two tasks (the split follows the work done), and a child that had sent all it
        # held would never die
        os._exit(9)

    parent = os.getpid()
    original = parallel.json_part

    def slow_caller(*args: Any) -> Any:
        # a slow caller: on a loaded machine the caller could otherwise claim every task of this
        # small ward before the child starts, and a child that holds no text never dies
        if os.getpid() == parent:
            time.sleep(0.02)
        return original(*args)

    monkeypatch.setattr(parallel, "json_part", slow_caller)
    monkeypatch.setattr(parallel, "_write_all_parts", dying)
    monkeypatch.setattr(parallel, "_write_held", lambda *args: os._exit(9))  # an --output file: written at offsets
    copy = tmp_path / "report.json"
    extra = ("--output", f"json={copy}") if output == "file" else ()
    with _one_subject_per_task():
        code, out, err = _check(capsys, path, EXAMPLE_AS_OF.isoformat(), "--workers", "2", *extra)
    assert code == 2
    assert "A worker process (--workers) stopped before sending all of its part of the report" in err
    assert "exit code 9" in err and "incomplete" in err
    written_text = copy.read_text(encoding="utf-8") if output == "file" else out
    assert written_text.startswith("{")
    with pytest.raises(json.JSONDecodeError):
        json.loads(written_text)
    if output == "file":
        assert out == ""  # stdout is written after the files: not begun
    assert multiprocessing.active_children() == []
    with _one_subject_per_task():
        code = main(["check", str(path), "--as-of", EXAMPLE_AS_OF.isoformat(), "--format", "json", "--lang", "vi",
                     "--workers", "2"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "Báo cáo đã ghi không đầy đủ" in err


def test_a_worker_failure_while_sending_its_text_reaches_the_caller(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception in a child sending the text it holds is raised again in the caller."""
    import multiprocessing

    def failing(fd: int, header: bytes, text: bytes) -> None:
        raise ValueError("boom while sending held text")

    monkeypatch.setattr(parallel, "_write_all_parts", failing)
    with _one_subject_per_task(), pytest.raises(ValueError, match="boom while sending held text"):
        _check(capsys, _example_ward_path(tmp_path), EXAMPLE_AS_OF.isoformat(), "--workers", "2")
    assert multiprocessing.active_children() == []


def test_a_stdout_closed_midway_ends_the_children_at_once(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``qd213 check --format json --workers 2 … | head``: the reader goes away while children
    are still sending their text (blocked on a full pipe): the check ends at once with code 141,
    and no child is left waiting."""
    import io
    import multiprocessing
    import sys
    import time

    class Closing(io.BytesIO):
        def write(self, data: Any) -> int:
            if self.tell() > 2_000:
                raise BrokenPipeError(32, "Broken pipe")
            return super().write(data)

    class Stdout(io.TextIOWrapper):
        pass

    stdout = Stdout(Closing(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(parallel, "_HOLDER_EXIT_SECONDS", 60.0)
    path = synth_file(300, seed=3)  # a report of several MB: more than a pipe holds
    started = time.monotonic()
    code = main(["check", str(path), "--as-of", "2025-12-31", "--format", "json", "--backend", "python", "--workers", "2"])
    assert code == 141
    assert time.monotonic() - started < 50
    assert multiprocessing.active_children() == []


# -- a regular file: each process writes its texts at their offsets ---------------------------------


@pytest.fixture
def at_offsets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each output of a check with workers was written at offsets (True) or as a stream."""
    seen: list[bool] = []
    original = parallel.JsonResults.write_into

    def spy(self: parallel.JsonResults, fd: int, frame: Any) -> bool:
        done = original(self, fd, frame)
        seen.append(done)
        return done

    monkeypatch.setattr(parallel.JsonResults, "write_into", spy)
    yield seen


def _check_to_fd(fd: int, path: Path, *extra: str) -> int:
    """``qd213 check --format json`` on ``path`` with its stdout on the file descriptor ``fd``."""
    saved = sys.stdout
    with open(fd, "w", encoding="utf-8", closefd=False) as stdout:
        sys.stdout = stdout
        try:
            return main(["check", str(path), "--as-of", "2025-12-31", "--format", "json", "--lang", "en",
                         "--backend", "python", "--exit-zero", *extra])  # fmt: skip
        finally:
            sys.stdout = saved


def _check_to_pipe(path: Path, *extra: str) -> tuple[int, bytes]:
    """The same with its stdout on a pipe, read by a thread as it comes."""
    reader, writer = os.pipe()
    got = bytearray()

    def read() -> None:
        while chunk := os.read(reader, 1 << 16):
            got.extend(chunk)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        code = _check_to_fd(writer, path, *extra)
    finally:
        os.close(writer)
        thread.join()
        os.close(reader)
    return code, bytes(got)


@pytest.mark.perf
@pytest.mark.parametrize("workers", ["1", "2", "3"])
def test_a_report_written_at_offsets_is_one_workers_report(
    synth_file: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    workers: str, at_offsets: list[bool],
) -> None:
    """stdout on a regular file (new, longer before — then cut at the report's end —, after text
    of its own), ``--output`` files,
    a file opened to append and a pipe: the bytes of one worker's report (with waivers), each
    process writing its texts at their offsets into a regular file, and stdout's position at
    the end of the report (what is written next follows it)."""
    path = synth_file(150, seed=3)
    one = _check(capsys, path, "2025-12-31", "--backend", "python", "--exit-zero")[1].encode()
    many = ("--workers", workers)

    new = tmp_path / "new.json"
    fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        assert _check_to_fd(fd, path, *many) == 0
        os.write(fd, b"after")  # stdout's position: the report's end
    finally:
        os.close(fd)
    assert new.read_bytes() == one + b"after"

    longer = tmp_path / "longer.json"  # `1<>longer.json`: not truncated when opened
    longer.write_bytes(b"before\n" + b"x" * (len(one) + 5_000))
    fd = os.open(longer, os.O_RDWR)
    try:
        os.lseek(fd, len(b"before\n"), os.SEEK_SET)
        assert _check_to_fd(fd, path, *many, "--output", f"json={tmp_path / 'copy.json'}") == 0
        assert os.lseek(fd, 0, os.SEEK_CUR) == len(b"before\n") + len(one)
    finally:
        os.close(fd)
    # written at offsets, the file ends with the report (one process writing in order leaves the rest)
    assert longer.read_bytes() == b"before\n" + one + (b"x" * 5_000 if workers == "1" else b"")
    assert (tmp_path / "copy.json").read_bytes() == one

    appended = tmp_path / "appended.json"  # `>>appended.json`: the kernel writes at the end
    appended.write_bytes(b"before\n")
    fd = os.open(appended, os.O_WRONLY | os.O_APPEND)
    try:
        assert _check_to_fd(fd, path, *many) == 0
    finally:
        os.close(fd)
    assert appended.read_bytes() == b"before\n" + one

    assert _check_to_pipe(path, *many, "--output", f"json={tmp_path / 'piped.json'}") == (0, one)
    assert (tmp_path / "piped.json").read_bytes() == one
    if workers == "1":
        assert at_offsets == []  # one process writes it in order
    else:  # new file, longer file and its --output file, appended file, the --output beside a pipe, the pipe
        assert at_offsets == [True, True, True, False, True, False]


@pytest.mark.parametrize("output", ["stdout", "file"])
def test_a_worker_killed_before_writing_at_offsets_leaves_no_report_presented_as_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, output: str,
    at_offsets: list[bool],
) -> None:
    """A child that dies before it writes its texts into a regular file (stdout redirected to it,
    or an ``--output`` file): the message, exit code 2, and the file cut after the results'
    opening bracket (no JSON document, no gap of unwritten bytes); no child is left."""
    import json
    import multiprocessing

    path = _example_ward_path(tmp_path)
    monkeypatch.setattr(parallel, "_write_held", lambda *args: os._exit(9))  # runs in the children only
    # stdout alone: the child writes as it evaluates (parallel.json_into_file), or sends its texts
    # to the caller when the caller took nearly every task: it dies before anything, whatever the split
    monkeypatch.setattr(parallel, "_placing_child", lambda *args: os._exit(9))
    target = tmp_path / "report.json"
    extra = ("--output", f"json={target}") if output == "file" else ()
    fd = os.open(tmp_path / "stdout.json" if output == "file" else target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        with _one_subject_per_task():
            code = _check_to_fd(fd, path, "--workers", "2", *extra)
        assert os.lseek(fd, 0, os.SEEK_CUR) == target.stat().st_size or output == "file"
    finally:
        os.close(fd)
    err = capsys.readouterr().err
    assert code == 2 and at_offsets == []  # the writing raised
    assert "A worker process (--workers) stopped before sending all of its part of the report" in err
    assert "exit code 9" in err and "before writing" in err and "incomplete" in err
    text = target.read_text(encoding="utf-8")
    if output == "file":
        assert text.startswith("{") and text.endswith('"results": [')
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
        assert (tmp_path / "stdout.json").read_bytes() == b""  # stdout is written after the files: not begun
    else:  # two processes wrote into stdout as they evaluated (parallel.json_into_file): nothing is left of it
        assert text == ""
    assert multiprocessing.active_children() == []


def test_a_worker_failure_while_writing_at_offsets_reaches_the_caller(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception in a child writing into the file is raised again in the caller (a full disk
    is the caller's message about the file it could not write), and the file is cut as above."""
    import errno
    import multiprocessing

    path = _example_ward_path(tmp_path)
    target = tmp_path / "report.json"
    for error in (ValueError("boom while writing at offsets"), OSError(errno.ENOSPC, "No space left on device")):

        def failing(*args: Any, error: Exception = error) -> None:
            raise error

        monkeypatch.setattr(parallel, "_write_held", failing)
        with _one_subject_per_task():
            if isinstance(error, ValueError):
                with pytest.raises(ValueError, match="boom while writing at offsets"):
                    _check(capsys, path, EXAMPLE_AS_OF.isoformat(), "--workers", "2", "--output", f"json={target}")
            else:
                code, out, err = _check(capsys, path, EXAMPLE_AS_OF.isoformat(), "--workers", "2", "--output", f"json={target}")
                assert code == 2 and out == "" and "No space left on device" in err and str(target) in err
        assert target.read_text(encoding="utf-8").endswith('"results": [')
        assert multiprocessing.active_children() == []


@pytest.fixture
def placing(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[parallel.Placed]]:
    """Where each check that wrote its text into stdout as it evaluated left it; small tasks, and
    a guess made after two of them, so that a small province has both processes place text."""
    seen: list[parallel.Placed] = []
    original = parallel.json_into_file

    def spy(*args: Any) -> Any:
        done = original(*args)
        if done is not None:
            assert done.placed is not None
            seen.append(done.placed)
        return done

    monkeypatch.setattr(engine, "json_into_file", spy)
    monkeypatch.setattr(parallel, "TASK_SUBJECTS", 4)
    monkeypatch.setattr(parallel, "GUESS_TASKS", 2)
    yield seen


@pytest.mark.perf
@pytest.mark.parametrize(("margin", "head"), [(1.01, 0), (0.3, 0), (3.0, 0), (1.01, 9), (1.01, -9), (0.3, 40), (3.0, -40)])
def test_two_workers_write_into_stdout_as_they_evaluate(
    synth_file: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    placing: list[parallel.Placed], margin: float, head: int,
) -> None:
    """stdout on a regular file, two workers: each process writes its texts into it as it
    evaluates, from guessed places — the end of the head (``head``: guessed that many bytes too
    long or too short) and the end of the results' text (``margin``: guessed too short, the
    regions meet and the rest is written at the end; too long, the child's region is moved
    back) — and the file holds one worker's report, after what was before it, the rest cut."""
    path = synth_file(150, seed=3)
    one = _check(capsys, path, "2025-12-31", "--backend", "python", "--exit-zero")[1].encode()
    monkeypatch.setattr(parallel, "GUESS_MARGIN", margin)
    original = engine.json_into_file  # the placing fixture's spy (the name the engine calls)

    def shifted(run: Any, subjects: Any, waived: Any, waive: Any, fd: int, head_length: Any) -> Any:
        return original(run, subjects, waived, waive, fd, lambda counts: head_length(counts) + head)

    monkeypatch.setattr(engine, "json_into_file", shifted)
    target = tmp_path / "report.json"
    target.write_bytes(b"before\n" + b"x" * (2 * len(one)))
    fd = os.open(target, os.O_WRONLY)
    try:
        os.lseek(fd, len(b"before\n"), os.SEEK_SET)
        assert _check_to_fd(fd, path, "--workers", "2") == 0
        assert os.lseek(fd, 0, os.SEEK_CUR) == len(b"before\n") + len(one)
    finally:
        os.close(fd)
    assert target.read_bytes() == b"before\n" + one
    assert len(placing) == 1
    placed = placing[0]
    assert placed.caller_length > 0 and placed.child_length > 0
    if margin < 1:  # the regions met: some text was kept and written between them
        assert placed.held
    elif margin > 2:  # a gap between the regions: the child's moved back
        assert placed.child_at > placed.caller_at + placed.caller_length + 1000
        assert not placed.held


@pytest.mark.parametrize("dies", [False, True])
def test_a_child_failing_midway_while_writing_into_stdout(
    synth_file: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    placing: list[parallel.Placed], dies: bool,
) -> None:
    """A child that fails (an exception: raised in the caller) or dies (a message, exit code 2)
    after it has written some of its texts into stdout: the file is cut where the report began
    (what was before is left), no JSON document is left, and no child is left."""
    import multiprocessing

    path = synth_file(150, seed=3)
    parent = os.getpid()
    original = parallel.json_part
    calls = [0]

    def failing(*args: Any) -> Any:
        if os.getpid() == parent:  # a slow caller: the child has more than four tasks on any machine
            time.sleep(0.02)
        else:
            calls[0] += 1  # the child's copy
            if calls[0] > 4:  # after its first texts were written (a guess after two tasks)
                if dies:
                    os._exit(9)
                raise ValueError("boom midway in a worker")
        return original(*args)

    monkeypatch.setattr(parallel, "json_part", failing)
    target = tmp_path / "report.json"
    target.write_bytes(b"before\n")
    fd = os.open(target, os.O_WRONLY)
    try:
        os.lseek(fd, len(b"before\n"), os.SEEK_SET)
        if dies:
            assert _check_to_fd(fd, path, "--workers", "2") == 2
            err = capsys.readouterr().err
            assert "A worker process (--workers) stopped before sending all of its part of the report" in err
            assert "exit code 9" in err and "incomplete" in err
        else:
            with pytest.raises(ValueError, match="boom midway in a worker"):
                _check_to_fd(fd, path, "--workers", "2")
    finally:
        os.close(fd)
    assert calls[0] == 0  # the caller's count: it evaluated its own tasks
    assert target.read_bytes() == b"before\n"
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("head", [0, 9])
def test_the_child_moves_the_regions_while_the_caller_finishes_the_report(
    synth_file: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    placing: list[parallel.Placed], head: int,
) -> None:
    """The end of the results guessed too far (a gap): the child, asked once both processes
    met, moves its region back to where the final counts put it while the caller finishes the
    report, and the caller moves nothing — unless the head turns out another length than those
    counts gave (``head``), when the caller moves the regions again. The report is one worker's."""
    path = synth_file(150, seed=3)
    one = _check(capsys, path, "2025-12-31", "--backend", "python", "--exit-zero")[1].encode()
    monkeypatch.setattr(parallel, "GUESS_MARGIN", 3.0)
    original_json_into_file, original_move = engine.json_into_file, parallel._move  # the placing fixture's spy
    log = tmp_path / "moves.log"

    def shifted(run: Any, subjects: Any, waived: Any, waive: Any, fd: int, head_length: Any) -> Any:
        return original_json_into_file(run, subjects, waived, waive, fd, lambda counts: head_length(counts) + head)

    def logged(fd: int, source: int, target: int, length: int) -> None:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        original_move(fd, source, target, length)

    monkeypatch.setattr(engine, "json_into_file", shifted)
    monkeypatch.setattr(parallel, "_move", logged)
    target = tmp_path / "report.json"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        assert _check_to_fd(fd, path, "--workers", "2") == 0
    finally:
        os.close(fd)
    assert target.read_bytes() == one
    placed = placing[0]
    assert placed.moved_to is not None and placed.moved_to[1] < placed.child_at  # the child's region moved back
    movers = log.read_text(encoding="utf-8").split()
    assert movers and movers[0] != str(os.getpid())  # the child moved first
    assert (str(os.getpid()) in movers) == (head != 0)


@pytest.mark.parametrize("dies", [False, True])
def test_a_child_failing_while_moving_the_regions(
    synth_file: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    placing: list[parallel.Placed], dies: bool,
) -> None:
    """A child that fails (an exception: raised in the caller) or dies (a message, exit code 2)
    while it moves the regions: the file is cut where the report began, and no child is left."""
    import multiprocessing

    path = synth_file(150, seed=3)
    monkeypatch.setattr(parallel, "GUESS_MARGIN", 3.0)  # a gap: the child's region is moved
    parent = os.getpid()
    original = parallel._make_moves

    def failing(fd: int, moves: Any) -> None:
        if os.getpid() != parent:
            if dies:
                os._exit(9)
            raise ValueError("boom while moving the regions")
        original(fd, moves)

    monkeypatch.setattr(parallel, "_make_moves", failing)
    target = tmp_path / "report.json"
    target.write_bytes(b"before\n")
    fd = os.open(target, os.O_WRONLY)
    try:
        os.lseek(fd, len(b"before\n"), os.SEEK_SET)
        if dies:
            assert _check_to_fd(fd, path, "--workers", "2") == 2
            err = capsys.readouterr().err
            assert "A worker process (--workers) stopped before sending all of its part of the report" in err
            assert "before moving" in err
        else:
            with pytest.raises(ValueError, match="boom while moving the regions"):
                _check_to_fd(fd, path, "--workers", "2")
    finally:
        os.close(fd)
    assert len(placing) == 1 and placing[0].moved_to is not None
    assert target.read_bytes() == b"before\n"
    assert multiprocessing.active_children() == []


def test_the_child_writing_into_stdout_is_waited_for_when_the_report_is_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child of a check writing into stdout as it evaluates has sent everything when the
    evaluation returns: it ends while the caller finishes the report, and closing the report
    waits for it (no process left behind, its exit code read)."""
    monkeypatch.setattr(parallel, "TASK_SUBJECTS", 1)
    original = parallel._placing_child

    def slow_to_end(*args: Any) -> None:
        original(*args)
        time.sleep(0.5)  # everything sent: the child is still ending when the caller returns

    monkeypatch.setattr(parallel, "_placing_child", slow_to_end)
    facts = FactSet.from_document(example_ward_document())
    fd = os.open(tmp_path / "report.json", os.O_WRONLY | os.O_CREAT)
    try:
        done = engine.evaluate_to_json(facts, EXAMPLE_AS_OF, lang="en", backend="python", workers=2, into=fd)
        assert done is not None
        _, written = done
        child = written.ending
        assert written.placed is not None and child is not None and child.exitcode is None
        written.close()
        assert written.ending is None and child.exitcode == 0
    finally:
        os.close(fd)
