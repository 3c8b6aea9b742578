"""Locate stage: relative location expressions and international borders."""

from geomap.locate.borders import (
    Country,
    border_lines,
    country_at,
    country_geometries,
    distance_to_border_km,
    load_countries,
    named_border,
    nearest_borders,
    neighbours,
    shared_border,
)

__all__ = [
    "Country",
    "border_lines",
    "country_at",
    "country_geometries",
    "distance_to_border_km",
    "load_countries",
    "named_border",
    "nearest_borders",
    "neighbours",
    "shared_border",
]
