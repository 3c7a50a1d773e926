"""The judge fills each reason template by position (``_Template.positional``): for every reason
of the catalogue, in both languages, that gives what ``str.format_map`` gives with the
placeholders by name, the text the catalogue's readers see."""

from __future__ import annotations

import pytest

from qd213_rules.evaluation.judge import _Template, _template
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
