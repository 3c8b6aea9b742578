"""The recognizer interface."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from geomap.types import Mention


@runtime_checkable
class Recognizer(Protocol):
    """Finds place mentions; offsets index into the text given."""

    name: str

    def recognize(self, text: str, language: str = "en") -> list[Mention]:
        """Mentions sorted by start offset, non-overlapping; ``language`` is the text's ISO
        639-1 code (a recognizer reads the languages it can, and English rules elsewhere)."""
        ...
