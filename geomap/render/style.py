"""The map's look: every colour the map draws with, and marker sizes.

Two places make the look, and only two: this module (the colours of event types and of
everything Leaflet draws: land, borders, distance lines, markers, clusters, timeline lines)
and ``static/geomap.css`` (the page, popups, legend, table and timeline boxes). The page's
script (``static/geomap.js``) names the colours it draws with (``'@anchor@'``), and
:func:`fill_drawn_colours` puts in the values of :data:`DRAWN_COLOURS` when the script is
inlined into the map (:func:`geomap.render.assets.inline_js_app`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from geomap.errors import DataError

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



DRAWN_COLOURS: dict[str, str] = {
    "land": "#f4f1e8",  # the offline base layer: land polygons
    "land_edge": "#9a9482",  # ... and their coasts and frontiers
    "country_outline": "#555",  # the outline of the event countries (borders overlay)
    "border": "#444",  # a land border no event measured
    "border_measured": "#e31a1c",  # a border an event was measured from (and its line)
    "border_named": "#b10026",  # a border the article named (and its line)
    "anchor": "#08519c",  # the line from an event to its anchor, and the anchor's ring
    "anchor_fill": "#fff",
    "city": "#333",  # reference cities (a capital is a ring, a town a dot)
    "capital_fill": "#fff",
    "event_edge": "#1a1a1a",  # an event marker's outline (its fill is its type's colour)
    "unknown_type": "#666",  # an event whose type has no colour
    "mention_edge": "#4d4d4d",  # a place mentioned
    "mention_fill": "#ffffff",
    "cluster_edge": "rgba(0,0,0,0.6)",  # a cluster's pie of types
    "cluster_hole": "#fff",  # ... and its middle, where the count goes
    "spider_leg": "#222",  # the lines to a cluster's events spread out
    "measure": "#000",  # the measuring tool's line and points
    "icon": "#222",  # the control icons (fullscreen, measure)
    "icon_fill": "#fff",
    "timeline_killed": "#111",  # the timeline's line of the dead
    "timeline_axis": "#777",
}
"""The colours of what Leaflet draws, by the name ``geomap.js`` gives each (``'@name@'``)."""

_NAMED_COLOUR = re.compile(r"'@([a-z_]+)@'")


def fill_drawn_colours(script: str) -> str:
    """``script`` with each named colour (``'@anchor@'``) replaced by its value, quoted.

    A name not in :data:`DRAWN_COLOURS` is a :class:`DataError`: a map drawn in a colour
    nobody chose would go unnoticed.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in DRAWN_COLOURS:
            raise DataError(f"geomap.js names a colour not in DRAWN_COLOURS: {name!r}")
        return f"'{DRAWN_COLOURS[name]}'"

    return _NAMED_COLOUR.sub(value, script)
