"""An event's kind by its model, read without pydantic's attribute hook.

Each event model has one ``kind`` (a literal), so ``EVENT_KIND[type(event)]`` is ``event.kind``.
Performance: pydantic's ``BaseModel`` defines ``__getattr__``, so CPython cannot specialise a read
of an event's field, and the evaluation reads each event's kind many times (a session filters a
member's events by kind several times); a lookup by the event's type is a few times cheaper.
"""

from __future__ import annotations

from ..facts.events import EVENT_KINDS, EVENT_MODELS

__all__ = ["EVENT_KIND"]


class _KindOfModel(dict[type, str]):
    """Event model -> its kind (a model outside :data:`EVENT_MODELS` is added when first asked)."""

    def __missing__(self, model: type) -> str:
        found = self[model] = str(model.model_fields["kind"].default)  # type: ignore[attr-defined]
        return found


EVENT_KIND = _KindOfModel(zip(EVENT_MODELS, EVENT_KINDS))
