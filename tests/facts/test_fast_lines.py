"""The fast reading of JSON Lines (qd213_rules.facts._fast) only ever accepts what the precise
path accepts, with the same model; everything else is read, and reported, precisely."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import pickle
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from qd213_rules.facts import Event, Member, Organization, load_facts
from qd213_rules.facts import _fast, loader
from qd213_rules.facts._fast import fast_fact
from qd213_rules.synth import write_synth
from strategies import any_event_dicts, member_dicts, organization_dicts

_PRECISE = {"organization": TypeAdapter(Organization), "member": TypeAdapter(Member), "event": TypeAdapter(Event)}
BAD = Path(__file__).parent / "bad"


def precise(raw: bytes) -> tuple[str, Any] | None:
    """What the precise path makes of a fact line (None: not a valid fact)."""
    try:
        obj = json.loads(raw.decode("utf-8").lstrip("\ufeff"), parse_constant=loader._no_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, dict) or obj.get("type") not in _PRECISE:
        return None
    fact_type = obj.pop("type")
    try:
        return fact_type, _PRECISE[fact_type].validate_python(obj)
    except ValidationError:
        return None


def assert_sound(raw: bytes) -> bool:
    """The fast path accepts ``raw`` only with the precise path's model, and the batch reader
    (:func:`~qd213_rules.facts._fast.fast_events`) as the line reader does; whether it accepted."""
    fast = fast_fact(raw)
    models: list[Any] = []
    if _fast.fast_events([raw], 1, models, [], [], []) == []:
        assert fast is not None and models == [fast[1]], raw
        assert models[0].model_fields_set == fast[1].model_fields_set
    if fast is None:
        return False
    slow = precise(raw)
    assert slow is not None, raw
    assert fast[0] == slow[0]
    assert type(fast[1]) is type(slow[1])
    assert fast[1] == slow[1]
    assert fast[1].model_fields_set == slow[1].model_fields_set
    assert [type(getattr(fast[1], n)) for n in type(fast[1]).model_fields] == [type(getattr(slow[1], n)) for n in type(slow[1]).model_fields]
    return True


def test_synthetic_lines_are_all_read_fast_and_as_precisely() -> None:
    out = io.StringIO()
    write_synth(out, members=40, seed=3)
    lines = out.getvalue().encode("utf-8").splitlines()
    facts = [line for line in lines if b'"type":"header"' not in line]
    assert facts and all(assert_sound(line) for line in facts)


def test_bad_inputs_agree() -> None:
    """Every line of the damaged inputs: read fast only when the precise path reads it the same."""
    lines = [line for path in sorted(BAD.glob("*.jsonl")) for line in path.read_bytes().splitlines()]
    assert len(lines) > 20
    for line in lines:
        assert_sound(line)


@pytest.mark.parametrize(
    "line",
    [
        b'{"type":"organization","id":" DU-P1","kind":"commune_committee"}',  # white space at an edge
        b'{"type":"organization","id":"DU|P1","kind":"commune_committee"}',
        b'{"type":"organization","id":"DU-P\xc3\xa1","kind":"commune_committee"}',  # not ASCII: precise
        b'{"type":"organization","id":"DU-P1","kind":"commune_committee","name":"Pha\xcc\x81"}',  # NFD text
        b'{"type":"organization","id":"DU-P1","kind":"commune_committee","name":"Pha\\u0301"}',  # NFD by escape
        b'{"type":"organization","id":"DU-P1","kind":"commune_committee","name":"\\ud800"}',  # lone surrogate
        b'{"type":"organization","id":"DU-P1","kind":"commune_committee","type":"member"}',  # type twice
        b'{"kind":"commune_committee","type":"organization","id":"DU-P1"}',  # type not first: precise
        b'{"type":"organization","id":"DU-P1","id":"DU P1 ","kind":"commune_committee"}',  # last key wins
        b'{"type":"member","id":"DV-1","workplace_cell_id":"CB","category":"regular","working_since":"2024-02-30"}',
        b'{"type":"member","id":"DV-1","workplace_cell_id":"CB","category":"regular","working_since":"2024-2-3"}',
        b'{"type":"member","id":"DV-1","workplace_cell_id":"CB","category":"regular","working_since":"\xd9\xa2024-01-01"}',
        b'{"type":"event","id":"E","kind":"annual_self_report","date":"2024-01-01","member_id":"M","year":2024.0,"to_org_id":"O"}',
        b'{"type":"event","id":"E","kind":"annual_self_report","date":"2024-01-01","member_id":"M","year":2024,"to_org_id":"O"}',
        b'{"type":"event","id":"E","kind":"campaign_participation","date":"2024-01-01","member_id":"M","org_id":"O","family_mobilised":1}',
        b'{"type":"event","id":"E","kind":"campaign_participation","date":"2024-01-01","member_id":"M","org_id":"O","family_mobilised":NaN}',
        b'{"type":"event","id":"' + b"X" * 201 + b'","kind":"member_notified","date":"2024-01-01","member_id":"M","org_id":"O"}',
        b'{"type":"event","id":"E","kind":"opinion_conveyed","date":"2024-01-01","member_id":"M","authority":""}',
        b'{"type":"event","id":"E","kind":"opinion_conveyed","date":"2024-01-01","member_id":"M","authority":"a\\tb"}',
        b'{"type":"event","id":"E","kind":"opinion_conveyed","date":"2024-01-01","member_id":"M","authority":"a\tb"}',
        b'{"type":"event","id":"E","kind":"meeting_held","date":"2024-01-01","org_id":"O","meeting_type":"people","attendee_ids":["A","A "]}',
        b'\xef\xbb\xbf{"type":"organization","id":"DU-P1","kind":"commune_committee"}',
        b'{"type":"organization","id":"DU-P1","kind":"commune_committee"} x',
        b'{"type":"organization","id":"DU-P1","kind":"commune_committee","name":"\xed\xa0\x80"}',
        b'{"type":"organization","id":"DU-P1\x7f","kind":"commune_committee"}',
    ],
)
def test_edge_lines(line: bytes) -> None:
    assert_sound(line)


def test_plain_lines_are_read_fast() -> None:
    """Spaced JSON (``json.dumps``'s default), escaped non-ASCII text that is NFC: still fast."""
    doc = {"type": "organization", "id": "DU-P1", "kind": "commune_committee", "name": "Phường Bến Thành"}
    for text in (json.dumps(doc), json.dumps(doc, ensure_ascii=False), json.dumps(doc, separators=(",", ":"))):
        assert assert_sound(text.encode("utf-8"))


_TRICKY = st.sampled_from(
    [" A", "A ", "A|B", "A\u200bB", "\u200b", "\ufeffA", "A\tB", "Phường", unicodedata.normalize("NFD", "Phường"),
     "\u212b", "A\u0301", "\u0301A", "\x7f", "A\x85", "\u00a0A", "", "X" * 201, "2024-02-30", "2024-13-01",
     "١٢٣٤-٠١-٠١", "2024-01-01T00:00:00", "D2.K7b", "D2.\u212a7b", "2024-H1", "regular", "none"]
)  # fmt: skip


@st.composite
def mutated_lines(draw: st.DrawFn) -> bytes:
    fact_type, obj = draw(
        st.one_of(
            organization_dicts().map(lambda d: ("organization", d)),
            member_dicts().map(lambda d: ("member", d)),
            any_event_dicts().map(lambda d: ("event", d)),
        )
    )
    obj = dict(obj)
    if draw(st.booleans()) and obj:
        key = draw(st.sampled_from(sorted(obj)))
        value = obj[key]
        obj[key] = [draw(_TRICKY)] if isinstance(value, list) else draw(st.one_of(_TRICKY, st.integers(), st.none()))
    items = [("type", fact_type), *obj.items()]
    if draw(st.booleans()):
        items = draw(st.permutations(items))
    # compact or spaced: a compact event line with "type" first is read by the batch reader too
    comma, colon = (",", ":") if draw(st.booleans()) else (", ", ": ")
    text = "{" + comma.join(f"{json.dumps(k)}{colon}{json.dumps(v, ensure_ascii=draw(st.booleans()))}" for k, v in items) + "}"
    return text.encode("utf-8")


@given(mutated_lines())
def test_fast_path_is_sound(line: bytes) -> None:
    assert_sound(line)


@pytest.mark.parametrize("name", ["Nguyễn Văn A", unicodedata.normalize("NFD", "Nguyễn Văn A"), "\u212b", "", "Plain"])
@pytest.mark.parametrize("escaped", [False, True])
def test_compact_member_and_event_lines_agree(name: str, escaped: bool) -> None:
    """Compact lines (``"type"`` first, no spaces: how most member and event lines start) are
    recognised without the pattern; their free text is read fast only when it is NFC (an empty
    text too), raw or ``\\u``-escaped, by the line reader and by the batch reader alike."""
    text = json.dumps(name, ensure_ascii=escaped)
    member = ('{"type":"member","id":"DV-1","name":%s,"workplace_cell_id":"CB","category":"regular",'
              '"working_since":"2024-01-02"}' % text).encode()  # fmt: skip
    event = ('{"type":"event","id":"E","kind":"opinion_conveyed","date":"2024-01-01","member_id":"M","authority":%s}' % text).encode()
    nfc = unicodedata.is_normalized("NFC", name)
    read = nfc and name != ""  # an authority is at least one character
    assert assert_sound(member) == nfc and assert_sound(event) == read
    fast = fast_fact(member)
    assert fast is None or (fast[0] == "member" and fast[1].name == name)
    models: list[Any] = []
    assert _fast.fast_events([event, member], 1, models, [], [], []) == ([1] if read else [0, 1])
    assert [model.authority for model in models] == ([name] if read else [])


@pytest.mark.parametrize(
    "member_id", ["M-1", "M 1", " M", "M ", "M|1", "M\x7f", "M\u0001", "M\u200b", "", "M\"1", "M\\1", "M~{}!", "\u00c5"]
)
def test_event_lines_without_id_matching_agree(member_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch reader reads an event line of printable ASCII with no space, escape, "|" or
    DEL without matching its ids (no such id can break the id rule), and every other event line
    with them matched: either way it accepts a line only with the precise path's model."""
    used: list[str] = []
    _fast._validators()
    plain, matching = _fast._PLAIN_EVENTS[0], _fast._READERS[b"event"]

    def count(name: str, validate: Any) -> Any:
        def counted(body: bytes) -> Any:
            used.append(name)
            return validate(body)

        return counted

    monkeypatch.setattr(_fast, "_PLAIN_EVENTS", [count("plain", plain)])
    monkeypatch.setitem(_fast._READERS, b"event", (matching[0], count("matching", matching[1])))
    for escaped in (False, True):
        used.clear()
        text = json.dumps(member_id, ensure_ascii=escaped)
        line = ('{"type":"event","id":"E-1","kind":"member_notified","date":"2024-01-01","member_id":%s,"org_id":"O"}' % text).encode()
        slow = precise(line)
        models: list[Any] = []
        left = _fast.fast_events([line], 1, models, [], [], [])
        is_plain = line.isascii() and not any(byte in line for byte in b" |\x7f\\")
        assert used == ["plain" if is_plain else "matching"], (line, used)
        if left:  # handed back to be read precisely: a plain line only when it is not valid
            assert left == [0] and (slow is None or not is_plain)
        else:
            assert slow is not None and models[0] == slow[1] and models[0].model_fields_set == slow[1].model_fields_set


@pytest.mark.parametrize(
    "day", ["2024-02-29", "2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-01-01T00:00:00", "1704067200", "\uff12024-01-01", ""]
)
def test_event_days_read_as_text_agree(day: str) -> None:
    """An event's day is read as text and made a date by the model's own validator: only a
    calendar date in the form YYYY-MM-DD is read fast, by the line reader and by the batch reader,
    as the same date object for the same day."""
    line = ('{"type":"event","id":"E","kind":"member_notified","date":%s,"member_id":"M","org_id":"O"}' % json.dumps(day)).encode()
    accepted = assert_sound(line)
    assert accepted == (day == "2024-02-29")
    models: list[Any] = []
    numbers: list[int] = []
    ids: list[str] = []
    days: list[int] = []
    assert _fast.fast_events([line, line], 7, models, numbers, ids, days) == ([] if accepted else [0, 1])
    if accepted:
        assert numbers == [7, 8] and days == [dt.date(2024, 2, 29).toordinal()] * 2
        assert models[0].date == dt.date(2024, 2, 29) and models[0].date is models[1].date


def test_fast_schema_is_native() -> None:
    """No Python validator is left in the fast schemas (each would cost a call per field)."""
    validators = _fast._validators()
    assert set(validators) == {b"organization", b"member", b"event"}
    for model in (Organization, Member, *_fast.EVENT_MODELS):
        schema = _fast.fast_schema(model.__pydantic_core_schema__)
        assert "function-" not in repr(_types_of(schema)), model


def _types_of(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["type"]] if isinstance(node.get("type"), str) else []
        return found + [t for key, value in node.items() if key not in ("cls", "metadata") for t in _types_of(value)]
    if isinstance(node, list):
        return [t for item in node for t in _types_of(item)]
    return []


def test_fast_validators_are_the_fast_schemas() -> None:
    """pydantic-core would reuse a model's own (precise) validator: the fast one reports the
    native pattern, which the precise one never does."""
    _, validate = _fast._validators()[b"organization"]
    with pytest.raises(ValidationError) as caught:
        validate(b'{"id":" DU-P1","kind":"commune_committee"}')
    assert [e["type"] for e in caught.value.errors()] == ["string_pattern_mismatch"]
    assert Organization.__pydantic_complete__


def test_load_facts_reads_synthetic_lines_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A synthetic file is read by the fast path (its event lines a batch at a time, the other
    lines one by one) and gives the same fact set as the precise path alone."""
    path = tmp_path / "ward.jsonl"
    write_synth(str(path), members=30, seed=1)
    calls = {"fast": 0, "precise": 0, "events": 0}
    real_fast, real_events, real_parse = loader.fast_fact, loader.fast_events, loader._parse_line

    def counting_fast(raw: bytes) -> Any:
        out = real_fast(raw)
        calls["fast"] += out is not None
        return out

    def counting_events(batch: Any, first: int, models: list[Any], numbers: list[int], ids: list[str], days: list[int]) -> list[int]:
        before = len(models)
        left = real_events(batch, first, models, numbers, ids, days)
        calls["events"] += len(models) - before
        assert len(left) + len(models) - before == len(batch)
        # the ids and days read with the models are the models' own
        assert ids == [model.id for model in models] and days == [model.date.toordinal() for model in models]
        return left

    def counting_parse(*args: Any) -> Any:
        calls["precise"] += 1
        return real_parse(*args)

    monkeypatch.setattr(loader, "fast_fact", counting_fast)
    monkeypatch.setattr(loader, "fast_events", counting_events)
    monkeypatch.setattr(loader, "_parse_line", counting_parse)
    fast = load_facts(path)
    assert calls["precise"] == 1  # the header
    assert calls["events"] == len(fast.events)
    assert calls["fast"] == len(fast.organizations) + len(fast.members)
    monkeypatch.setattr(loader, "fast_fact", lambda raw: None)
    monkeypatch.setattr(loader, "fast_events", lambda batch, first, models, numbers, ids, days: list(range(len(batch))))
    slow = load_facts(path)
    assert fast.digest() == slow.digest()
    assert fast.warnings == slow.warnings
    assert dict(fast.locations) == dict(slow.locations)


def test_models_with_the_same_fields_share_one_fields_set() -> None:
    """A set of five or more names is about 700 bytes, more than the rest of an event: the
    loaded facts share one per distinct set of fields. Serialising with ``exclude_unset`` and
    copying still work as with a set of their own, and a shared set cannot be changed."""
    out = io.StringIO()
    write_synth(out, members=40, seed=3)
    facts = load_facts(out.getvalue().encode("utf-8"))
    events = list(facts.events.values())
    shared = {id(e.model_fields_set) for e in events}
    assert len(shared) == len({frozenset(e.model_fields_set) for e in events}) < len(events) // 10
    for event in events:
        slow = precise(json.dumps({"type": "event", **event.model_dump(mode="json", exclude_unset=True)}).encode())
        assert slow is not None and slow[1].model_fields_set == event.model_fields_set
        assert event.model_dump(exclude_unset=True) == slow[1].model_dump(exclude_unset=True)
        assert event.model_dump_json(exclude_unset=True) == slow[1].model_dump_json(exclude_unset=True)
    event = events[0]
    with pytest.raises(TypeError):
        event.model_fields_set.add("note")
    with pytest.raises(TypeError):
        event.model_fields_set.clear()
    changed = event.model_copy(update={"note": "ghi chú"})
    assert changed.note == "ghi chú" and "note" in changed.model_fields_set
    assert "note" not in event.model_fields_set and event.note is None
    assert type(copy.deepcopy(event).model_fields_set) is set
    again = pickle.loads(pickle.dumps(event))
    assert again == event and again.model_fields_set == event.model_fields_set


def test_events_of_one_day_share_one_date_and_loading_stays_within_its_memory_budget() -> None:
    """A province's events fall on a few thousand days: one date object per day. And the
    whole of ``load_facts`` (models, indexes, what is alive while the file is read) stays
    under 850 bytes per fact at its peak (about 1,400 before the fields sets were shared)."""
    import tracemalloc

    out = io.StringIO()
    write_synth(out, members=150, seed=5)
    data = out.getvalue().encode("utf-8")
    load_facts(data)  # the validators and caches are built before measuring
    tracemalloc.start()
    try:
        facts = load_facts(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    count = len(facts.organizations) + len(facts.members) + len(facts.events)
    assert peak / count < 850, peak / count
    days = {e.date for e in facts.events.values()}
    assert len({id(e.date) for e in facts.events.values()}) == len(days) < len(facts.events) // 2
