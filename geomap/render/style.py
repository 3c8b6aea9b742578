"""The map's look on the Python side: event-type colours and marker sizes.

Everything else the map draws with is in ``static/``: ``geomap.css`` styles the page, popups,
legend, table and timeline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

TYPE_COLOURS: tuple[tuple[str, str], ...] = (
    ("civilian", "#7b3294"),
    ("battle", "#d7191c"),
    ("clash", "#d7191c"),
    ("armed", "#d7191c"),
    ("attack", "#f46d43"),
    ("explosion", "#a6611a"),
    ("remote", "#a6611a"),
    ("bomb", "#a6611a"),
    ("riot", "#fdae61"),
    ("protest", "#1a9641"),
    ("strategic", "#2c7bb6"),
    ("arrest", "#2c7bb6"),
)
"""Colour by event type (ACLED-like families), matched on words of the lower-cased type."""
FALLBACK_COLOURS = ("#3288bd", "#66c2a5", "#e6ab02", "#e7298a", "#666666", "#1b9e77")
"""Colours of the other event types, in turn (sorted by name)."""

MARKER_MIN_PX = 6.0
"""Radius of an event marker with no one killed: big enough to click."""
MARKER_PX_PER_SQRT_DEATH = 2.5
"""Radius added per square root of the dead, so a marker's area grows with the toll."""
MARKER_MAX_PX = 26.0
"""Largest radius: a massacre's marker must not hide its neighbours."""


def type_colours(types: Iterable[str]) -> dict[str, str]:
    """A stable colour per event type: known families get fixed colours, others a palette."""
    out: dict[str, str] = {}
    unknown: list[str] = []
    for event_type in sorted(set(types)):
        low = event_type.lower()
        colour = next((c for word, c in TYPE_COLOURS if word in low), None)
        if colour is None:
            unknown.append(event_type)
        else:
            out[event_type] = colour
    for i, event_type in enumerate(unknown):
        out[event_type] = FALLBACK_COLOURS[i % len(FALLBACK_COLOURS)]
    return out


def marker_radius_px(fatalities: int | None) -> float:
    """Marker radius in pixels: area grows with fatalities (sqrt), capped so big ones stay usable."""
    if not fatalities or fatalities < 0:
        return MARKER_MIN_PX
    return round(min(MARKER_MIN_PX + MARKER_PX_PER_SQRT_DEATH * math.sqrt(fatalities),
                     MARKER_MAX_PX), 1)

