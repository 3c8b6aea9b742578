"""The recognizer's text normalisation must agree with the gazetteer's name keys."""

from __future__ import annotations

import pytest

from geomap.gazetteer.normalize import name_key
from geomap.recognize._text import normalize_with_offsets


@pytest.mark.parametrize("name", ["दिल्ली", "Душанбе", "São Paulo", "Gorno-Badakhshan",
                                  "Zürich", "القاهرة", "W.Va."])
def test_normalised_text_contains_the_name_key(name: str) -> None:
    normalised, offsets = normalize_with_offsets(f"News from {name} today.")
    assert f" {name_key(name)} " in f" {' '.join(normalised.split())} "
    assert len(offsets) >= len(normalised)
