"""Recognition: find the spans of an article that name (or point at) places.

Recognizers implement :class:`Recognizer`; :class:`GazetteerRecognizer` is the default (no
model download); :class:`SpacyRecognizer` (extra ``ner``) adds spaCy's entities, checked
against the gazetteer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geomap.recognize.base import Recognizer
from geomap.recognize.gazetteer import GazetteerRecognizer

if TYPE_CHECKING:
    from geomap.recognize.spacy import SpacyRecognizer

__all__ = ["GazetteerRecognizer", "Recognizer", "SpacyRecognizer"]


def __getattr__(name: str) -> Any:
    if name == "SpacyRecognizer":  # imported lazily: spaCy is an optional extra
        from geomap.recognize.spacy import SpacyRecognizer

        return SpacyRecognizer
    raise AttributeError(name)
