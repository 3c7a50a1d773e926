"""load_facts and iter_fact_lines: sources, format detection, JSON Lines line by line, limits,
NFC normalisation, and how problems are located."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from qd213_rules.errors import ErrorCode, FactsError
from qd213_rules.facts import FactSet, Limits, iter_fact_lines, load_facts
from qd213_rules.facts.loader import JsonLinesHeader

if TYPE_CHECKING:
    from conftest import Ward


def jsonl(ward: Ward, header: bool = True) -> str:
    lines = []
    if header:
        lines.append({"type": "header", "schema_version": 1, "observation": {"from": ward.observation_from}})
    lines += [{"type": "organization", **o} for o in ward.orgs]
    lines += [{"type": "member", **m} for m in ward.members]
    lines += [{"type": "event", **e} for e in ward.events]
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)


def problems(exc: FactsError) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(p.code.value, p.line, p.json_path, p.fact_id) for p in exc.problems]


@pytest.fixture
def busy(ward: Ward) -> Ward:
    ward.event("E-1", "introduction_sent", "2020-02-10", member_id="DV-1", from_org_id="DU-SYT", to_org_id="DU-P1")
    ward.event("E-2", "introduction_received", "2020-02-12", member_id="DV-1", org_id="DU-P1", about_event_id="E-1")
    ward.event("E-3", "meeting_held", "2020-06-01", org_id="CB-KP3", meeting_type="working_members", attendee_ids=[])
    return ward


# -- sources and formats --------------------------------------------------------------------


def test_every_kind_of_source_gives_the_same_facts(busy: Ward, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps(busy.document(), ensure_ascii=False, indent=1)
    path = tmp_path / "ward.json"
    path.write_text(text, encoding="utf-8")
    digests = {
        load_facts(str(path)).digest(),
        load_facts(path).digest(),
        load_facts(text).digest(),
        load_facts(text.encode()).digest(),
        load_facts(io.BytesIO(text.encode())).digest(),
        load_facts(io.StringIO(text)).digest(),
        FactSet.from_document(busy.document()).digest(),
        busy.build().digest(),
    }
    with path.open("rb") as binary:
        digests.add(load_facts(binary).digest())
    with path.open(encoding="utf-8") as textual:
        digests.add(load_facts(textual).digest())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    stdin = load_facts("-")
    digests.add(stdin.digest())
    assert len(digests) == 1
    assert stdin.source_name == "<stdin>"
    assert load_facts(path).source_name == str(path)
    assert load_facts(path, name="ward").source_name == "ward"


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".JSONL", ".json", ".txt", ""])
def test_json_lines_is_recognised_by_suffix_or_content(busy: Ward, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ward{suffix}"
    path.write_text(jsonl(busy), encoding="utf-8")
    facts = load_facts(path)
    assert facts.digest() == busy.build().digest()
    assert facts.locations["E-1"].line == 1 + len(busy.orgs) + len(busy.members) + 1
    assert facts.observation_defaulted is False


def test_content_sniffing_looks_at_the_first_non_blank_line(busy: Ward) -> None:
    one_line_document = json.dumps(busy.document())  # a document on a single line is still a document
    assert load_facts(one_line_document).locations["E-1"].json_path == "$.events[0]"
    lines = "\n\n  \n" + jsonl(busy, header=False)
    facts = load_facts(lines.encode())
    assert facts.locations["E-1"].json_path is None and facts.locations["E-1"].line is not None
    assert facts.observation_defaulted


def test_json_lines_without_header_defaults_the_observation(busy: Ward) -> None:
    facts = load_facts(jsonl(busy, header=False).encode(), name="ward.jsonl")
    assert facts.observation_defaulted
    assert facts.observation_from.isoformat() == "2019-03-01"
    assert [w.code for w in facts.warnings if w.fact_id is None] == ["observation_defaulted"]


def test_crlf_bom_and_blank_lines_are_accepted(busy: Ward) -> None:
    text = "\ufeff" + jsonl(busy).replace("\n", "\r\n\r\n")
    assert load_facts(text.encode("utf-8"), name="w.jsonl").digest() == busy.build().digest()
    document = "\ufeff" + json.dumps(busy.document())
    assert load_facts(document.encode("utf-8")).digest() == busy.build().digest()


def test_empty_json_lines_file_is_empty_input(tmp_path: Path) -> None:
    """An empty export is an error, not a fact set with nothing to report (contract semantics R9)."""
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    with pytest.raises(FactsError) as info:
        load_facts(path)
    assert info.value.codes == (ErrorCode.EMPTY_INPUT,) and info.value.problems[0].file == str(path)


def test_type_key_is_removed_before_validation(ward: Ward) -> None:
    line = json.dumps({"type": "member", **ward.members[0]})
    orgs = "".join(json.dumps({"type": "organization", **o}) + "\n" for o in ward.orgs)
    facts = load_facts((orgs + line + "\n").encode(), name="x.jsonl")
    assert facts.members["DV-1"].name == "Nguyễn Văn A"


# -- reading line by line -------------------------------------------------------------------


class Watched(io.BytesIO):
    """Records every read so a test can prove the reader never slurps the stream."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int] = []

    def readline(self, size: int | None = -1, /) -> bytes:
        assert size is not None and size > 0, "JSON Lines must be read with a bounded readline"
        self.sizes.append(size)
        return super().readline(size)

    def read(self, size: int | None = -1, /) -> bytes:
        assert size == 0, "JSON Lines must not be read in one piece"
        return super().read(size)


def test_iter_fact_lines_reads_one_bounded_line_at_a_time(busy: Ward) -> None:
    stream = Watched(jsonl(busy).encode())
    limits = Limits(max_line_bytes=4096)
    out = list(iter_fact_lines(stream, limits))
    assert [t for _, t, _ in out][:2] == ["header", "organization"]
    assert isinstance(out[0].model, JsonLinesHeader)
    assert [n for n, _, _ in out] == list(range(1, len(out) + 1))
    assert set(stream.sizes) == {limits.max_line_bytes + 1}


def test_load_facts_streams_json_lines_by_suffix(busy: Ward) -> None:
    stream = Watched(jsonl(busy).encode())
    stream.name = "ward.jsonl"  # type: ignore[attr-defined]
    assert load_facts(stream).digest() == busy.build().digest()


def test_iter_fact_lines_yields_good_lines_then_raises_for_bad_ones(busy: Ward) -> None:
    lines = jsonl(busy).splitlines()
    lines.insert(3, '{"type": "event", "id": "E-9", "kind": "member_notified", "date": "2020-13-01", "member_id": "DV-1", "org_id": "CB-KP3"}')
    got: list[int] = []
    with pytest.raises(FactsError) as info:
        for line_no, _, _ in iter_fact_lines(io.BytesIO("\n".join(lines).encode()), name="w.jsonl"):
            got.append(line_no)
    assert 4 not in got and len(got) == len(lines) - 1
    assert problems(info.value) == [("invalid_date", 4, "$.date", "E-9")]
    assert info.value.problems[0].file == "w.jsonl"


def test_text_streams_are_read_line_by_line_too(busy: Ward) -> None:
    out = list(iter_fact_lines(io.StringIO(jsonl(busy))))
    assert len(out) == 1 + len(busy.orgs) + len(busy.members) + len(busy.events)


# -- limits ---------------------------------------------------------------------------------


class Counting(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.total = 0

    def read(self, size: int | None = -1, /) -> bytes:
        chunk = super().read(size)
        self.total += len(chunk)
        return chunk

    def readline(self, size: int | None = -1, /) -> bytes:
        chunk = super().readline(size)
        self.total += len(chunk)
        return chunk


def test_a_large_document_is_refused_after_max_bytes_plus_one(busy: Ward) -> None:
    data = json.dumps(busy.document(), indent=2).encode() + b" " * 100_000
    stream = Counting(data)
    with pytest.raises(FactsError) as info:
        load_facts(stream, limits=Limits(max_bytes=1000))
    assert info.value.codes == (ErrorCode.INPUT_TOO_LARGE,)
    assert stream.total <= 1001


def test_json_lines_stop_at_max_bytes(busy: Ward) -> None:
    data = jsonl(busy).encode()
    with pytest.raises(FactsError) as info:
        load_facts(data, limits=Limits(max_bytes=len(data) // 2), name="w.jsonl")
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.INPUT_TOO_LARGE and problem.line is not None


def test_an_over_long_line_is_skipped_without_being_kept(busy: Ward) -> None:
    lines = jsonl(busy).splitlines()
    lines.insert(2, '{"type": "event", "note": "' + "x" * 50_000 + '"}')
    stream = Watched("\n".join(lines).encode())
    with pytest.raises(FactsError) as info:
        list(iter_fact_lines(stream, Limits(max_line_bytes=1000)))
    assert problems(info.value) == [("line_too_long", 3, None, None)]
    assert max(stream.sizes) == 1001


def test_too_many_facts_in_a_document(busy: Ward) -> None:
    with pytest.raises(FactsError) as info:
        load_facts(json.dumps(busy.document()), limits=Limits(max_facts=5))
    assert problems(info.value) == [("too_many_facts", 1, "$.organizations[5]", None)]  # a one-line document


def test_errors_are_capped_across_a_document(ward: Ward) -> None:
    for member in ward.members:
        member["category"] = "normal"
        member["working_since"] = "2019-02-30"
    with pytest.raises(FactsError) as info:
        load_facts(json.dumps(ward.document()), limits=Limits(max_errors=3))
    assert [p.code.value for p in info.value.problems] == ["invalid_value", "invalid_date", "invalid_value", "too_many_errors"]


def test_reference_problems_are_capped_too(ward: Ward) -> None:
    for i in range(60):
        ward.event(f"E-{i:02d}", "member_registered", "2020-03-01", member_id=f"DV-X{i}", org_id="CB-KP3")
    with pytest.raises(FactsError) as info:
        ward.build()
    assert len(info.value.problems) == 51
    assert info.value.problems[-1].code is ErrorCode.TOO_MANY_ERRORS
    assert info.value.problems[-1].found == 60
    assert [p.fact_id for p in info.value.problems[:3]] == ["E-00", "E-01", "E-02"]


# -- reading problems -----------------------------------------------------------------------


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FactsError) as info:
        load_facts(tmp_path / "nowhere.json")
    assert info.value.codes == (ErrorCode.FILE_NOT_FOUND,)
    assert info.value.problems[0].file == str(tmp_path / "nowhere.json")
    with pytest.raises(FactsError) as info:
        load_facts(tmp_path)
    assert info.value.codes == (ErrorCode.FILE_UNREADABLE,)


@pytest.mark.parametrize(
    "text",
    ['{"schema_version": 1, "organizations": [NaN]}', "[" * 100_000 + "]" * 100_000, "", "   \n"],
    ids=["nan", "deep", "empty", "blank"],
)
def test_not_json_is_malformed(text: str) -> None:
    with pytest.raises(FactsError) as info:
        load_facts(text.encode())
    assert info.value.codes == (ErrorCode.JSON_MALFORMED,)


def test_unsupported_source_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        load_facts(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"member_ids": "DV-1"}, ("wrong_type", "$.events[0].member_ids", "array")),
        ({"member_ids": []}, ("invalid_value", "$.events[0].member_ids", "len ≥ 1")),
        ({"member_ids": ["DV-1", 7]}, ("wrong_type", "$.events[0].member_ids[1]", "string")),
        ({"date": 20200120}, ("invalid_date", "$.events[0].date", "YYYY-MM-DD")),
        ({"org_id": None}, ("wrong_type", "$.events[0].org_id", "string")),
        ({"note": "x" * 10_001}, ("invalid_value", "$.events[0].note", "len ≤ 10000")),
    ],
)
def test_pydantic_errors_map_by_type(ward: Ward, change: dict[str, Any], expected: tuple[str, str, str]) -> None:
    event = ward.event("E-1", "members_listed_by_residence", "2020-01-20", org_id="DU-SYT", member_ids=["DV-1"])
    event.update(change)
    with pytest.raises(FactsError) as info:
        load_facts(json.dumps(ward.document()))
    (problem,) = info.value.problems
    assert (problem.code.value, problem.json_path, problem.expected) == expected
    assert problem.fact_id == "E-1"


def test_pattern_and_obligation_id(ward: Ward) -> None:
    ward.event("E-1", "conduct_breach_recorded", "2021-01-01", member_id="DV-1", obligation_id="D2K1", recorded_by_org_id="DU-SYT")
    with pytest.raises(FactsError) as info:
        ward.build()
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.INVALID_VALUE and problem.found == "D2K1" and "D[1-9]" in (problem.expected or "")


# -- Unicode --------------------------------------------------------------------------------


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_nfd_text_is_accepted_and_normalised(busy: Ward) -> None:
    busy.orgs.append({"id": nfd("CB-Bến-Thành"), "kind": "residence_cell", "parent_id": "DU-P1", "name": nfd("Chi bộ Bến Thành")})
    busy.member("DV-2")["residence_cell_id"] = "CB-Bến-Thành"  # NFC reference to an NFD id
    busy.member("DV-1")["name"] = nfd("Nguyễn Văn Ánh")
    busy.event("E-4", "member_registered", "2020-03-01", member_id="DV-2", org_id=nfd("CB-Bến-Thành"))
    assert nfd("CB-Bến-Thành") != "CB-Bến-Thành"
    facts = load_facts(json.dumps(busy.document(), ensure_ascii=False).encode())
    assert "CB-Bến-Thành" in facts.organizations
    assert facts.organizations["CB-Bến-Thành"].name == "Chi bộ Bến Thành"
    assert facts.members["DV-1"].name == "Nguyễn Văn Ánh"
    assert getattr(facts.events["E-4"], "org_id") == "CB-Bến-Thành"
    assert facts.events_of_org("CB-Bến-Thành") == (facts.events["E-4"],)
    assert all(unicodedata.is_normalized("NFC", line) for line in json.dumps(facts.canonical_facts(), ensure_ascii=False).splitlines())


def test_problem_names_the_nfc_id(ward: Ward) -> None:
    ward.event(nfd("E-Ánh"), "member_registered", "2020-03-01", member_id="DV-9", org_id="CB-KP3")
    with pytest.raises(FactsError) as info:
        load_facts(json.dumps(ward.document(), ensure_ascii=False))
    assert info.value.problems[0].fact_id == "E-Ánh"


def test_not_utf8_in_json_lines_names_the_line(busy: Ward) -> None:
    data = jsonl(busy).encode().replace("Nguyễn".encode(), b"Nguy\xea")
    with pytest.raises(FactsError) as info:
        load_facts(data, name="w.jsonl")
    assert problems(info.value) == [("not_utf8", 12, None, None)]  # header, 10 organisations, DV-1


# -- messages -------------------------------------------------------------------------------


def test_facts_error_format_is_one_line_per_problem(ward: Ward, monkeypatch: pytest.MonkeyPatch) -> None:
    ward.event("E-1", "introduction_sent", "2020-02-30", member_id="DV-1", from_org_id="DU-SYT", to_org_id="DU-P1")
    with pytest.raises(FactsError) as info:
        load_facts(jsonl(ward).encode(), name="ward.jsonl")
    vi, en = info.value.format("vi"), info.value.format("en")
    assert vi == (
        "ward.jsonl:14 $.date (dữ kiện E-1): [invalid_date] Ngày \"2020-02-30\" không hợp lệ; "
        "cần một ngày có thật, dạng YYYY-MM-DD, không kèm giờ."
    )
    assert en == (
        "ward.jsonl:14 $.date (fact E-1): [invalid_date] Invalid date \"2020-02-30\"; "
        "expected a real calendar date YYYY-MM-DD, without a time."
    )
    monkeypatch.delenv("QD213_LANG", raising=False)
    assert str(info.value) == vi  # str() follows QD213_LANG, Vietnamese by default
    monkeypatch.setenv("QD213_LANG", "en")
    assert str(info.value) == en


def test_exactly_max_errors_is_not_called_too_many(ward: Ward) -> None:
    ward.members[0]["category"] = "normal"
    ward.members[1]["category"] = "normal"
    for text, name in ((json.dumps(ward.document()), None), (jsonl(ward), "w.jsonl")):
        with pytest.raises(FactsError) as info:
            load_facts(text, name=name, limits=Limits(max_errors=2))
        assert [p.code.value for p in info.value.problems] == ["invalid_value", "invalid_value"]
