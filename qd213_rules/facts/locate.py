"""Line numbers of JSON paths in a JSON document, so that a problem found after parsing
(``$.events[3].date``) also names its line, as a JSON Lines problem does.

The text is scanned once, after ``json.loads`` accepted it, and only when there are problems to
locate: values on the way to a wanted path are walked, every other value is skipped by json's
own C scanner, and the scan stops as soon as every wanted path was seen. A member of an object is located
at the line of its key, an array item at the line where it starts.

>>> text = '{\\n  "events": [\\n    {"id": "E-1",\\n     "date": "2025-02-30"}\\n  ]\\n}'
>>> json_path_lines(text, {"$.events[0].date", "$.events[0]", "$.nowhere"})
{'$.events[0]': 3, '$.events[0].date': 4}
"""

from __future__ import annotations

import json
import json.decoder
import re
from collections.abc import Callable, Iterable

from .checks import json_path

__all__ = ["json_path_lines", "ancestors"]

# json's own string scanner (not in its stubs): the same escapes and errors as json.loads
scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")
_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


_LAST_STEP = re.compile(r'(?:\.[^.\[]+|\[(?:\d+|"(?:[^"\\]|\\.)*")\])$')


def ancestors(path: str) -> list[str]:
    """``path`` and the paths that contain it, nearest first.

    >>> ancestors('$.events[3].date')
    ['$.events[3].date', '$.events[3]', '$.events', '$']
    """
    chain = [path]
    while (match := _LAST_STEP.search(chain[-1])) is not None and match.start() > 0:
        chain.append(chain[-1][: match.start()])
    return chain


def json_path_lines(text: str, paths: Iterable[str]) -> dict[str, int]:
    """``{path: line}`` (1-based) for each of ``paths`` found in the JSON ``text``."""
    wanted = set(paths)
    found: dict[str, int] = {}
    if not wanted:
        return found
    # values on no wanted path are skipped by json's C scanner, so a large document is cheap
    on_the_way = {step for path in wanted for step in ancestors(path)}
    decoder = json.JSONDecoder()

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    pos = 0
    # an explicit stack instead of recursion: deeply nested input must not overflow
    stack: list[tuple[str, str, int]] = []  # (container kind, path, next index)

    def skip(p: int) -> int:
        match = _SPACE.match(text, p)
        return match.end() if match else p

    def note(path: str, at: int) -> None:
        if path in wanted and path not in found:
            found[path] = line_of(at)

    def value_start(path: str, p: int) -> int:
        """Open a container or consume a scalar at ``p``; the position after it (or inside)."""
        note(path, p)
        if path not in on_the_way:
            return decoder.raw_decode(text, p)[1]
        c = text[p]
        if c == "{":
            stack.append(("object", path, 0))
            return p + 1
        if c == "[":
            stack.append(("array", path, 0))
            return p + 1
        if c == '"':
            return scanstring(text, p + 1)[1]
        match = _SCALAR.match(text, p)
        if not match:  # not JSON after all: give up quietly, the lines are a help
            raise ValueError
        return match.end()

    try:
        pos = value_start("$", skip(pos))
        while stack and len(found) < len(wanted):
            kind, path, index = stack[-1]
            pos = skip(pos)
            c = text[pos]
            if c in "}]":
                stack.pop()
                pos += 1
                continue
            if c == ",":
                pos += 1
                continue
            stack[-1] = (kind, path, index + 1)
            if kind == "object":
                key_at = pos
                key, pos = scanstring(text, pos + 1)
                pos = skip(pos)
                pos += 1  # the colon
                child = json_path(path, key)
                note(child, key_at)
                pos = value_start(child, skip(pos))
            else:
                pos = value_start(json_path(path, index), pos)
    except (ValueError, IndexError):
        pass
    return found
