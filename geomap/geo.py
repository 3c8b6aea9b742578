"""Geodesy helpers and the single place where (lat, lon) becomes (lon, lat).

Distances are geodesic on WGS 84, never in degrees: geopy's ``geodesic`` (Karney's algorithm,
from geographiclib) measures distances and walks bearings. One ``geodesic`` instance is kept,
because building one per call costs more than the measurement itself; reused, it costs the same
as calling geographiclib directly and gives the same bits. geopy has no initial-bearing call, so
:func:`bearing_deg` asks geographiclib, the library geopy delegates to.
"""

from __future__ import annotations

import math

from geographiclib.geodesic import Geodesic
from geopy.distance import geodesic
from shapely.geometry import Point

_WGS84 = Geodesic.WGS84
_GEODESIC = geodesic(ellipsoid="WGS-84")


def to_xy(lat: float, lon: float) -> tuple[float, float]:
    """(lat, lon) -> (lon, lat), the order GeoJSON and shapely use."""
    return (lon, lat)


def from_xy(x: float, y: float) -> tuple[float, float]:
    """(lon, lat) from GeoJSON/shapely -> (lat, lon)."""
    return (y, x)


def point(lat: float, lon: float) -> Point:
    """A shapely Point for a lat/lon (x = lon, y = lat)."""
    return Point(lon, lat)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in km between two WGS 84 points."""
    return _GEODESIC.measure((lat1, lon1), (lat2, lon2))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial geodesic bearing from point 1 to point 2, degrees clockwise from north, [0, 360)."""
    azi = _WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.AZIMUTH)["azi1"]
    return azi % 360.0


def destination(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) along initial bearing ``bearing_deg``.

    Returns (lat, lon).
    """
    p = _GEODESIC.destination((lat, lon), bearing_deg, distance=distance_km)
    lon2 = ((p.longitude + 180.0) % 360.0) - 180.0
    return (p.latitude, lon2)


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    """(x, y, z) of (lat, lon) on the unit sphere; sum these to average points (see
    :func:`vector_latlon`), which a plain mean of degrees gets wrong near the antimeridian."""
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def vector_latlon(x: float, y: float, z: float) -> tuple[float, float]:
    """(lat, lon) in degrees of the direction of a 3-D vector (e.g. a sum of unit vectors)."""
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


_SPHERE_KM = 6371.0088
"""Mean earth radius: great-circle distances are within 0.6 % of the WGS 84 geodesic ones."""


def within_km(lat1: float, lon1: float, lat2: float, lon2: float, limit_km: float) -> bool:
    """``distance_km(...) <= limit_km``, computing the (slow) geodesic only near the limit."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    approx = 2 * _SPHERE_KM * math.asin(min(1.0, math.sqrt(h)))
    if approx < limit_km * 0.99:
        return True
    if approx > limit_km * 1.01:
        return False
    return distance_km(lat1, lon1, lat2, lon2) <= limit_km
