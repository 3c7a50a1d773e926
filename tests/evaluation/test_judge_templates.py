"""The judge fills each reason template by position (``_Template.positional``): for every reason
of the catalogue, in both languages, that gives what ``str.format_map`` gives with the
placeholders by name, the text the catalogue's readers see."""

from __future__ import annotations

import datetime as dt
from json.encoder import encode_basestring

import pytest

from qd213_rules.evaluation.judge import _json_filler, _message, _message_json, _Template, _template
from qd213_rules.evaluation.results import Reason
from qd213_rules.messages import catalogue

REASONS = sorted(key.removeprefix("reason.") for key in catalogue() if key.startswith("reason."))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("code", REASONS)
def test_a_template_filled_by_position_reads_as_filled_by_name(code: str, lang: str) -> None:
    template = _template(code, lang)  # type: ignore[arg-type]
    vi, en = catalogue()[f"reason.{code}"]
    assert template.text == (en if lang == "en" else vi)
    values = [f"<{name} {{x}} value>" for name in template.names]
    assert template.positional.format(*values) == template.text.format_map(dict(zip(template.names, values)))


def test_braces_repeated_names_and_field_parts_keep_their_meaning() -> None:
    text = "{{literal}} {a} and {b!r:>6} then {a} again, {c.real} and {d[0]}"
    template = _Template(text)
    assert template.names == ("a", "b", "c", "d")
    by_name = {"a": "x", "b": "y", "c": 3, "d": ["first"]}
    assert template.positional.format(*by_name.values()) == text.format_map(by_name)


_DAYS = {"due_date": dt.date(2025, 3, 4), "fulfilled_on": dt.date(2025, 5, 6)}
_DAY_TEXTS = {"due_date": "04/03/2025", "fulfilled_on": "06/05/2025", "period": "2025"}


def _filled(text: str) -> tuple[str, str]:
    """(the message ``_message`` writes from ``text``, what ``format_map`` writes), every
    placeholder given a value of its own that holds braces."""
    template = _Template(text)
    params = {name: f"<{name} {{x}}>" for name in template.names if name not in _DAY_TEXTS}
    made = _message(Reason("code", params), {"code": template}, _DAYS["due_date"], _DAYS["fulfilled_on"], "2025")  # type: ignore[arg-type]
    return made, text.format_map({**params, **_DAY_TEXTS})


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("code", REASONS)
def test_a_message_is_the_template_filled_by_name(code: str, lang: str) -> None:
    """The judge joins a plain template's text with the values (``_Template.literals``) rather
    than calling ``str.format``: the same text for every reason of the catalogue."""
    text = _template(code, lang).text  # type: ignore[arg-type]
    made, expected = _filled(text)
    assert made == expected


@pytest.mark.parametrize("text", [
    "{{literal}} {evidence} then {{", "{evidence}{policy}", "{evidence}", "start {due_date}, {period}, {evidence} and {policy}.",
    "{evidence} twice {evidence}", "{evidence!r} {policy:>12}", "{period}", "{period} and {{}}",
])
def test_a_message_of_any_template_shape_is_the_template_filled_by_name(text: str) -> None:
    made, expected = _filled(text)
    assert made == expected


_AWKWARD = 'q"uote\\back\nline\ttab\x01 Đảng viên {x}'
"""A value with every kind of character the JSON escape changes, and Vietnamese."""


def _json_pair(text: str) -> tuple[bytes, bytes]:
    """(what ``_message_json`` writes from ``text``, ``_message``'s text escaped and encoded),
    every placeholder given a value with characters the escape changes."""
    template = _Template(text)
    params = {name: f"<{name} {_AWKWARD}>" for name in template.names if name not in _DAY_TEXTS}
    args = (Reason("code", params), {"code": template}, _DAYS["due_date"], _DAYS["fulfilled_on"], "2025")
    return _message_json(*args), encode_basestring(_message(*args)).encode()  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("code", REASONS)
def test_a_message_as_json_is_the_message_escaped_and_encoded(code: str, lang: str) -> None:
    """The writers write a message from its template's escaped and encoded parts
    (``_Template.json_parts``): the bytes ``json.dumps(message, ensure_ascii=False)`` gives, for
    every reason of the catalogue."""
    made, expected = _json_pair(_template(code, lang).text)  # type: ignore[arg-type]
    assert made == expected


@pytest.mark.parametrize("text", [
    "{{literal}} {evidence} then {{", "{evidence}{policy}", "{evidence}", "start {due_date}, {period}, {evidence} and {policy}.",
    "{evidence} twice {evidence}", "{evidence!r} {policy:>12}", "{period}", "{period} and {{}}", 'no "placeholder" \\ here',
    '"{evidence}"', "Đã {evidence}\n{policy}\t{due_date}",
])
def test_a_message_of_any_template_shape_as_json_is_the_message_escaped_and_encoded(text: str) -> None:
    made, expected = _json_pair(text)
    assert made == expected


def _filler_pair(text: str, order: int) -> tuple[bytes | None, bytes]:
    """(what the judge's filler for ``text`` writes, what ``_message_json`` writes), the params
    every placeholder but the dates and period names (and one it does not), given in an order
    of ``order``'s choosing, with characters the escape changes; the result's dates and period
    present or not."""
    template = _Template(text)
    names = [name for name in template.names if name not in _DAY_TEXTS] + ["unnamed"]
    names = names[order % len(names):] + names[:order % len(names)]
    params = {name: f"<{name} {_AWKWARD}>" for name in names}
    due, fulfilled_on, period = (_DAYS["due_date"], _DAYS["fulfilled_on"], 'H"1') if order % 2 else (None, None, None)
    filler = _json_filler(template, tuple(params))
    made = None if filler is None else filler([encode_basestring(value) for value in params.values()], due, fulfilled_on, period)
    return made, _message_json(Reason("code", params), {"code": template}, due, fulfilled_on, period)  # type: ignore[arg-type]


@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("code", REASONS)
def test_a_filler_writes_the_message_as_json(code: str, lang: str, order: int) -> None:
    """The JSON writer writes a result with params of its own through the filler of its code
    and params' names (``_Templates.json_filler``), from the params' JSON texts: the bytes
    ``_message_json`` gives, for every reason of the catalogue, with and without the result's
    dates and period."""
    made, expected = _filler_pair(_template(code, lang).text, order)  # type: ignore[arg-type]
    assert made == expected


@pytest.mark.parametrize("text", [
    "{{literal}} {evidence} then {{", "{evidence}{policy}", "{evidence}", "start {due_date}, {period}, {evidence} and {policy}.",
    "{period}", 'no "placeholder" \\ here', "Đã {evidence}\n{policy}\t{due_date}", "{missing} {overridden_status}",
])
def test_a_filler_of_any_template_shape_writes_the_message_as_json(text: str) -> None:
    for order in range(3):
        made, expected = _filler_pair(text, order)
        assert made == expected
    assert _json_filler(_Template("{unknown}"), ()) is None
    assert _json_filler(_Template("{evidence!r}"), ("evidence",)) is None
