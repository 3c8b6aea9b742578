"""Borders from the registry-shipped Natural Earth 1:10m polygons, checked on the seed facts."""

from __future__ import annotations

import json

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from geomap import geo
from geomap.errors import BorderError, GeomapError
from geomap.locate import borders

DUSHANBE = (38.53575, 68.77905)
WEST_50 = geo.destination(*DUSHANBE, 50.0, 270.0)


def test_point_50_km_west_of_dushanbe_matches_the_seed_fact():
    lat, lon = WEST_50
    assert lat == pytest.approx(38.534, abs=0.002)
    assert lon == pytest.approx(68.206, abs=0.002)
    assert borders.country_at(lat, lon) == "TJ"


def test_seed_border_distances():
    near = {b.country_code: b for b in borders.nearest_borders(*WEST_50, limit=10)}
    assert near["UZ"].distance_km == pytest.approx(11, abs=3)
    assert near["AF"].distance_km == pytest.approx(145, abs=10)
    nearest = borders.nearest_borders(*WEST_50)[0]
    assert nearest.country_code == "UZ"
    assert nearest.other_country_code == "TJ"
    km, _, _ = borders.distance_to_border_km(*DUSHANBE, "TJ", "AF")
    assert km == pytest.approx(124, abs=10)


def test_nearest_borders_sorted_limited_and_bounded():
    result = borders.nearest_borders(*DUSHANBE, limit=4)
    assert len(result) == 4
    assert [r.distance_km for r in result] == sorted(r.distance_km for r in result)
    assert {r.country_code for r in result} == {"UZ", "KG", "AF", "CN"}
    close = borders.nearest_borders(*DUSHANBE, max_km=100)
    assert [r.country_code for r in close] == ["UZ"]
    assert borders.nearest_borders(0.0, -30.0) == []  # mid-Atlantic


def test_offshore_point_takes_the_nearest_country_within_reach():
    lat, lon = 43.2965, 5.3698  # Marseille (GeoNames)
    offshore = geo.destination(lat, lon, 3.0, 200.0)  # 3 km out in the bay
    assert borders.country_at(*offshore) is None
    assert borders.country_near(*offshore) == "FR"
    assert borders.country_near(*offshore, max_km=0.5) is None
    assert borders.country_near(0.0, -30.0) is None
    assert borders.nearest_borders(*offshore)[0].other_country_code == "FR"


def test_distance_is_geodesic_to_a_point_on_the_border():
    km, nlat, nlon = borders.distance_to_border_km(*WEST_50, "UZ", "TJ")
    assert km == pytest.approx(geo.distance_km(*WEST_50, nlat, nlon), rel=1e-12)
    line = borders.shared_border("TJ", "UZ")
    assert line.distance(geo.point(nlat, nlon)) < 1e-7  # degrees: the point is on the line
    # No vertex of the border is nearer than the nearest point found on its segments.
    vertices = shapely.get_coordinates(line)
    nearest_vertex = min(geo.distance_km(*WEST_50, y, x) for x, y in vertices)
    assert km <= nearest_vertex + 1e-6
    assert nearest_vertex - km < 2.0  # 1:10m vertices are at most a few km apart


def test_shared_border_is_a_symmetric_line_and_empty_for_non_neighbours():
    ab, ba = borders.shared_border("TJ", "AF"), borders.shared_border("af", "tj")
    assert ab.geom_type in ("LineString", "MultiLineString")
    assert ab.equals(ba)
    assert 1000 < geo_length_km(ab) < 1400  # Tajikistan-Afghanistan: 1,344 km (CIA)
    assert borders.shared_border("TJ", "FR").is_empty
    assert borders.shared_border("TJ", "XX").is_empty
    with pytest.raises(BorderError, match="TJ and FR share no land border") as info:
        borders.distance_to_border_km(0, 0, "TJ", "FR")
    assert isinstance(info.value, GeomapError) and isinstance(info.value, ValueError)
    assert not info.value.fatal  # costs one article, not the run


def geo_length_km(line) -> float:
    import pyproj

    return pyproj.Geod(ellps="WGS84").geometry_length(line) / 1000.0


def test_codes_fix_natural_earths_missing_iso_codes():
    countries = borders.load_countries()
    assert countries["FR"].iso3 == "FRA"
    assert countries["NO"].name == "Norway"
    assert countries["XK"].name == "Kosovo"
    assert "-99" not in countries
    assert borders.country_at(48.8566, 2.3522) == "FR"  # Paris
    assert borders.country_at(59.9139, 10.7522) == "NO"  # Oslo
    assert borders.country_at(42.6629, 21.1655) == "XK"  # Pristina
    assert "FR" in borders.neighbours("ES") and "ES" in borders.neighbours("FR")


def test_named_border_uses_the_country_the_point_is_in():
    named = borders.named_border(*WEST_50, "AF")
    assert named is not None and named.named_in_text
    assert named.country_code == "AF" and named.other_country_code == "TJ"
    assert named.distance_km == pytest.approx(145, abs=10)
    # Not neighbours (TJ point, Pakistani border): nearest part of any Pakistani land border.
    far = borders.named_border(*WEST_50, "PK")
    assert far is not None and far.other_country_code in borders.neighbours("PK")
    assert far.distance_km > named.distance_km
    assert borders.named_border(*WEST_50, "ZZ") is None


def test_border_lines_and_geometries_for_maps():
    lines = borders.border_lines(["TJ"], simplify_deg=0.01)
    pairs = {(a, b) for a, b, _ in lines}
    assert pairs == {("AF", "TJ"), ("CN", "TJ"), ("KG", "TJ"), ("TJ", "UZ")}
    assert all(not geom.is_empty for _, _, geom in lines)
    geoms = borders.country_geometries(["TJ", "AF", "nope"], simplify_tolerance=0.01)
    assert set(geoms) == {"TJ", "AF"}
    assert geoms["TJ"].contains(geo.point(*DUSHANBE))


@pytest.mark.shared_data
def test_shared_border_matches_natural_earth_border_lines(shared_data):
    """Our polygon-derived TJ/AF border lies on NE's own 1:10m TJK/AFG boundary line."""
    path = shared_data / "boundaries" / "ne_10m_admin_0_boundary_lines_land.geojson"
    features = json.loads(path.read_text())["features"]
    theirs = shapely.union_all([
        shape(f["geometry"]) for f in features
        if {f["properties"]["adm0_a3_l"], f["properties"]["adm0_a3_r"]} == {"TJK", "AFG"}
    ])
    ours = borders.shared_border("TJ", "AF")
    for k in range(0, 101, 5):
        p = ours.interpolate(k / 100, normalized=True)
        km, _, _ = borders._nearest_on(p.y, p.x, theirs)
        assert km < 0.1
    # And the seed figure holds with NE's lines too.
    km, _, _ = borders._nearest_on(*WEST_50, theirs)
    assert km == pytest.approx(145, abs=10)


def test_invalid_coordinates_are_no_country_not_a_crash():
    nan = float("nan")
    assert borders.country_at(nan, 0.0) is None
    assert borders.country_at(95.0, 0.0) is None
    assert borders.country_near(nan, nan) is None
    assert borders.nearest_borders(nan, 1.0) == []
    assert borders.named_border(float("inf"), 1.0, "AF") is None
    with pytest.raises(BorderError, match="invalid coordinates"):
        borders.distance_to_border_km(nan, 68.0, "TJ", "AF")
    # Longitudes outside [-180, 180) wrap.
    assert borders.country_at(DUSHANBE[0], DUSHANBE[1] + 360.0) == "TJ"


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-80, 80), st.floats(-180, 180), st.floats(-80, 80), st.floats(-180, 180),
)
def test_distances_are_symmetric_and_non_negative(lat1, lon1, lat2, lon2):
    d12 = geo.distance_km(lat1, lon1, lat2, lon2)
    assert d12 >= 0
    assert d12 == pytest.approx(geo.distance_km(lat2, lon2, lat1, lon1), rel=1e-9, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.floats(36.7, 41.0), st.floats(67.4, 75.1))
def test_border_distance_is_non_negative_and_geodesic(lat, lon):
    km, nlat, nlon = borders.distance_to_border_km(lat, lon, "TJ", "UZ")
    assert km >= 0
    assert km == pytest.approx(geo.distance_km(lat, lon, nlat, nlon), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("phrase", "codes"),
    [
        ("the Tajik-Afghan border", ["TJ", "AF"]),
        ("Uzbekistan", ["UZ"]),  # the anchor of "the border with Uzbekistan"
        ("Tajikistan and Kyrgyzstan", ["TJ", "KG"]),
        ("the Haitian-Dominican border", ["HT", "DO"]),  # Dominican Republic, not Dominica
        ("the U.S.-Mexican border", ["US", "MX"]),
        ("the Spanish frontier", ["ES"]),
    ],
)
def test_border_country_codes_from_names_and_demonyms(phrase, codes):
    from geomap.locate.names import border_country_codes

    assert border_country_codes(phrase) == codes
