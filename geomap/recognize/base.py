"""The recognizer interface."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from geomap.types import Mention


@runtime_checkable
class Recognizer(Protocol):
    """Finds place mentions; offsets index into the text given."""

    name: str

    def recognize(self, text: str) -> list[Mention]:
        """Mentions sorted by start offset, non-overlapping."""
        ...
