"""The message catalogue: every user-facing sentence, keyed by a stable message id, in
Vietnamese (default) and English.

Each sub-module holds one family of messages as a plain dict ``{msg_id: (vi, en)}``;
:func:`t` looks a message up and fills its ``{placeholders}``. Both languages of a message
must use the same placeholders (tests check this, and that every text is NFC).

>>> t("lang.name", "en")
'English'
>>> t("lang.name")
'Tiếng Việt'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal, cast

__all__ = ["Lang", "LANGS", "t", "catalogue", "default_lang", "extend"]

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

_FAMILIES = ("common", "errors", "warnings", "reasons", "obligations", "policy", "engine", "words", "cli", "usage",
             "html", "compare")
_catalogue: dict[str, tuple[str, str]] | None = None


def catalogue() -> Mapping[str, tuple[str, str]]:
    """Every message, ``{msg_id: (vi, en)}``, assembled once from the family modules."""
    global _catalogue
    if _catalogue is None:
        import importlib

        merged: dict[str, tuple[str, str]] = {}
        for family in _FAMILIES:
            try:
                module = importlib.import_module(f"{__name__}.{family}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{__name__}.{family}":
                    raise
                continue
            for key, value in module.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"message id {key!r} is defined twice")
                merged[key] = value
        _catalogue = merged
    return _catalogue


def extend(entries: Mapping[str, tuple[str, str]]) -> None:
    """Add the entries a registered regulation brings (its duties' titles and summaries, in
    both languages). An id already in the catalogue with another text is an error: a message
    id names one sentence."""
    merged = cast(dict[str, tuple[str, str]], catalogue())
    for key, value in entries.items():
        vi, en = value
        if merged.get(key, (vi, en)) != (vi, en):
            raise ValueError(f"message id {key!r} is already defined with another text")
    merged.update({key: (vi, en) for key, (vi, en) in entries.items()})


def default_lang() -> Lang:
    """``QD213_LANG`` when it names a supported language, else Vietnamese."""
    env = os.environ.get("QD213_LANG", "vi").strip().lower()
    return "en" if env == "en" else "vi"


def t(msg_id: str, lang: Lang | None = None, /, **params: Any) -> str:
    """The message ``msg_id`` in ``lang`` with ``params`` filled in.

    An unknown id raises :class:`KeyError`: a missing message is a bug, never silent.
    """
    vi, en = catalogue()[msg_id]
    text = en if (lang or default_lang()) == "en" else vi
    return text.format(**params) if params else text
