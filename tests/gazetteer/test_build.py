"""The default build's own arithmetic and name rules (geomap.gazetteer.sources.points/names).

The sources themselves, and builds from them, are tested in test_sources.py.
"""

from __future__ import annotations

import pytest

from geomap.gazetteer.sources.names import abbreviations, stems, with_plurals
from geomap.gazetteer.sources.points import LARGE_AREA_KM, AreaSums, sphere_mean
from geomap.geo import distance_km, unit_vector


def _extent(lat_lo: float, lat_hi: float, lon_lo: float, lon_hi: float) -> AreaSums:
    """An area's sums with two member places at opposite corners of the extent."""
    sums = AreaSums()
    for lat, lon in ((lat_lo, lon_lo), (lat_hi, lon_hi)):
        sums.add(lat, lon, unit_vector(lat, lon), 0)
    return sums


def test_sphere_mean_stays_right_across_180_degrees() -> None:
    lat, lon = sphere_mean([(65.0, 179.0), (65.0, -179.0)])
    assert abs(abs(lon) - 180.0) < 1e-6 and 65.0 < lat < 65.1  # not 0 degrees east
    assert sphere_mean([(38.0, 68.0)]) == (38.0, 68.0)
    lat, lon = sphere_mean([(10.0, 20.0), (12.0, 22.0)])  # small areas: the lat/lon mean
    assert distance_km(lat, lon, 11.0, 21.0) < 1.0


def test_extent_centre_only_for_large_areas_and_across_180_degrees() -> None:
    assert _extent(38.0, 39.0, 68.0, 69.0).extent_centre() is None  # ~140 km: plain mean kept
    centre = _extent(42.0, 57.0, -95.0, -74.0).extent_centre()  # Ontario-sized
    assert centre == pytest.approx((49.5, -84.5))
    # Chukotka: places at 170 E .. 170 W span 20 degrees across 180, not 340 the other way
    lat, lon = _extent(62.0, 70.0, -170.0, 170.0).extent_centre()
    assert lat == pytest.approx(66.0) and abs(abs(lon) - 180.0) < 1e-6
    assert distance_km(42.0, -95.0, 57.0, -74.0) > LARGE_AREA_KM


def test_admin_names_get_their_bare_stem() -> None:
    assert list(stems("Khatlon Province")) == ["Khatlon"]
    assert list(stems("Dagestan, Respublika")) == ["Dagestan", "Dagestan"]
    assert list(stems("Province of Khatlon")) == []
    assert list(stems("Al District")) == []  # a stem under three letters is no name


def test_demonym_plurals_and_abbreviation_spellings() -> None:
    assert with_plurals(("Texan", "Welsh", "Québécois", "Chinese")) == [
        "Texan", "Welsh", "Québécois", "Chinese", "Texans"]
    assert abbreviations(["W. Va.", "TX"]) == [
        ("W. Va.", "abbreviation"), ("W.Va.", "abbreviation"), ("W. Va.", "abbreviation"),
        ("TX", "abbreviation")]
