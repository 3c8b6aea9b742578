"""From a parsed relative expression to a point: its uncertainty and the geodesic destination
from the resolved anchor."""

from __future__ import annotations

import math
from dataclasses import replace

from geomap import geo
from geomap.locate.relative.words import HEDGE_FACTORS, parse_bearing
from geomap.types import Anchor, Location, Place, RelativeExpression

NEAR_KM = 10.0
"""Radius for "near X", "close to X", "not far from X" (the point is the anchor itself)."""

OUTSKIRTS_KM = 5.0
"""Radius for "on the outskirts of X"."""

OUTSIDE_KM = 10.0
"""Radius for "outside X"; "just outside X" uses :data:`JUST_OUTSIDE_KM`."""

JUST_OUTSIDE_KM = 5.0

BORDER_KM = 25.0
"""Across-border uncertainty of a vague border phrase ("near the border", "on the border")."""

MAX_RELATIVE_DISTANCE_KM = 2000.0
"""A stated distance beyond this is not a location: reports measure from a place named because
it is near ("300 km off the coast of", "1,500 km from Moscow" at most); a bigger figure is a
typo, a joke or an attack ("1,000,000,000 km north of Kabul" wrapped around the globe)."""

_HALF_WIDTH_DEG = {16: 11.25, 8: 22.5}


def bearing_resolution(expr: RelativeExpression) -> int | None:
    """16 for 16-point bearings (and "due west"), 8 for 8-point ones, None without bearing."""
    if expr.bearing_text is None:
        return None
    text = expr.bearing_text
    due = text.lower().startswith("due ")
    parsed = parse_bearing(text[4:] if due else text)
    if parsed is None:
        return None
    return 16 if due else parsed[1]


def distance_error_km(expr: RelativeExpression) -> float:
    """Error of the stated distance: max(1 km, 10 % of it) times the hedge factor."""
    if expr.distance_km is None:
        return 0.0
    factor = HEDGE_FACTORS.get(expr.hedge or "", 1.0)
    return max(1.0, 0.1 * expr.distance_km) * factor


def uncertainty_km(expr: RelativeExpression) -> float:
    """Radius (km) around the computed point within which the place very likely lies.

    Model (documented, deliberately simple):

    - distance error ``e = max(1 km, 10 % of the distance)``, times 1.5 for approximate hedges
      ("some", "about", "around", "roughly", "approximately") and 2 for one-sided or vague
      ones ("nearly", "up to", "more than", "a few", "several", ...);
    - bearing error: the place may lie anywhere within the compass sector, half-width 11.25 deg
      for 16-point bearings and "due X", 22.5 deg for 8-point ones (including cardinal words);
      across-track error ``d * sin(half-width)``;
    - offset with bearing: ``sqrt(e**2 + (d sin hw)**2)`` (50 km west, "some": 20.6 km);
    - stated distance without bearing ("200 metres from X", "10 miles outside X"): the point is
      the anchor and the radius ``d + e``;
    - no distance: fixed radii ``near`` and "just north of X" 10 km (the point is the
      anchor), ``outskirts`` 5 km, ``outside`` 10 km ("just
      outside" 5 km), border phrases 25 km across the border line (the position along the
      border is a separate matter, handled by :func:`geomap.locate.locate`).
    Never below 1 km.
    """
    d = expr.distance_km
    e = distance_error_km(expr)
    if d is not None:
        points = bearing_resolution(expr)
        if points is not None:
            across = d * math.sin(math.radians(_HALF_WIDTH_DEG[points]))
            return max(1.0, math.hypot(e, across))
        if expr.relation == "from_border":
            return max(1.0, e)
        return max(1.0, d + e)
    if expr.relation in ("near", "offset"):  # "offset" here: "just north of X"
        return NEAR_KM
    if expr.relation == "outskirts":
        return OUTSKIRTS_KM
    if expr.relation == "outside":
        return JUST_OUTSIDE_KM if expr.hedge == "just" else OUTSIDE_KM
    return BORDER_KM


AREA_EXTENT_KM: dict[str, float] = {
    "admin2": 25.0, "admin1": 100.0, "region": 1000.0, "country": 300.0, "continent": 2000.0,
}
"""Rough extra uncertainty when the anchor is an area, not a town (its centre is a poor anchor)."""


def _precision_for(anchor: Place) -> int:
    if anchor.kind in ("country", "region", "continent"):
        return 4
    if anchor.kind in ("admin1", "admin2"):
        return 3
    return 2


def beyond_reach(expr: RelativeExpression) -> bool:
    """Whether the expression states a distance over :data:`MAX_RELATIVE_DISTANCE_KM`."""
    return expr.distance_km is not None and not expr.distance_km <= MAX_RELATIVE_DISTANCE_KM


def _at_anchor(expr: RelativeExpression, anchor: Place) -> Location:
    """An expression whose distance is beyond reach is not a location: the place it measures
    from is, as if only that place were named (its point, the radius of "near X"), with a
    note. ``relative`` keeps the text but no usable distance, so an event prefers any
    plausible relative location in the same sentence."""
    return Location(
        name=anchor.name,
        lat=anchor.lat,
        lon=anchor.lon,
        precision=_precision_for(anchor),  # type: ignore[arg-type]
        uncertainty_km=NEAR_KM + AREA_EXTENT_KM.get(anchor.kind, 0.0),
        country_code=anchor.country_code,
        method="toponym",
        place_id=anchor.id,
        relative=replace(expr, distance_km=None),
        notes=(f"{expr.text!r} not used: a distance over {MAX_RELATIVE_DISTANCE_KM:,.0f} km is "
               f"not a location; located at {anchor.name}, the place it is measured from"),
    )


def locate_relative(expr: RelativeExpression, anchor: Place) -> Location:
    """The point an expression describes relative to a resolved anchor place.

    A distance over :data:`MAX_RELATIVE_DISTANCE_KM` is not used: the anchor place itself,
    with a note (see :func:`_at_anchor`).
    With a distance and a bearing: the geodesic destination from the anchor. Otherwise (near,
    outskirts, outside, a distance without bearing) the anchor's own coordinates, with the
    radius of :func:`uncertainty_km`. Precision 2 (3 for admin-area anchors, 4 for countries,
    whose centre points are poor anchors; their extent is added to the uncertainty).
    ``Anchor.distance_km`` is the distance the text states (None if none). ``country_code``:
    for a point moved from the anchor, the Natural Earth polygon at the point (else the
    anchor's); for the anchor's own point, the anchor's country (a border town such as Goma,
    CD, falls in Rwanda's 1:10m polygon).
    """
    from geomap.locate.borders import country_at

    if beyond_reach(expr):
        return _at_anchor(expr, anchor)
    if expr.distance_km is not None and expr.bearing_deg is not None:
        lat, lon = geo.destination(anchor.lat, anchor.lon, expr.distance_km, expr.bearing_deg)
        how = f"{expr.distance_km:g} km at {expr.bearing_deg:g} deg from {anchor.name}"
        country_code = country_at(lat, lon) or anchor.country_code
    else:
        lat, lon = anchor.lat, anchor.lon
        missing = "distance" if expr.distance_km is None else "bearing"
        how = f"{expr.relation} {anchor.name}; no {missing} given, so the anchor's coordinates"
        country_code = anchor.country_code or country_at(lat, lon)
    radius = uncertainty_km(expr) + AREA_EXTENT_KM.get(anchor.kind, 0.0)
    return Location(
        name=expr.text,
        lat=lat,
        lon=lon,
        precision=_precision_for(anchor),  # type: ignore[arg-type]
        uncertainty_km=radius,
        country_code=country_code,
        method="relative",
        place_id=None,
        anchor=Anchor(
            name=anchor.name, lat=anchor.lat, lon=anchor.lon, distance_km=expr.distance_km,
            bearing_deg=expr.bearing_deg, place_id=anchor.id,
        ),
        relative=expr,
        notes=f"estimated from the text: {how}",
    )


def with_name(location: Location, name: str, notes: str) -> Location:
    """The same location under another name (a place the gazetteer lacks), with a note."""
    return replace(location, name=name, notes=notes)
