"""The curated name classes of the default gazetteer: non-US state abbreviations, regional
adjectives, oceans and seas, regions made of first-level areas, composite counties."""

from __future__ import annotations

import json

import pytest
from shapely import STRtree
from shapely.geometry import Point, shape

from geomap.gazetteer import curated


def _cands(gazetteer, name: str, kind: str) -> list:
    return [c for c in gazetteer.lookup(name) if c.place.kind == kind]


@pytest.mark.parametrize(
    ("abbrev", "country", "full"),
    [("NSW", "AU", "New South Wales"), ("Qld", "AU", "Queensland"),
     ("Tas.", "AU", "Tasmania"), ("B.C.", "CA", "British Columbia"), ("Ont.", "CA", "Ontario"),
     ("Nfld.", "CA", "Newfoundland and Labrador"), ("Sask.", "CA", "Saskatchewan")],
)
def test_state_and_province_abbreviations(gazetteer, abbrev: str, country: str, full: str) -> None:
    hits = [c for c in _cands(gazetteer, abbrev, "admin1") if c.place.country_code == country]
    assert hits, f"{abbrev} offers no {country} admin1"
    assert hits[0].name_type == "abbreviation"
    assert full.lower() in hits[0].place.name.lower()


@pytest.mark.parametrize("name", ["Atlantic", "Pacific", "Mediterranean", "Indian Ocean",
                                  "Red Sea", "South China Sea", "Persian Gulf", "Caspian Sea"])
def test_oceans_and_seas(gazetteer, name: str) -> None:
    feats = _cands(gazetteer, name, "feature")
    assert feats, f"{name}: no water body"
    place = feats[0].place
    assert place.feature_class == "H"
    assert place.members and place.population > 0  # littoral countries, summed
    for cc in place.members:
        assert gazetteer.country(cc) is not None


def test_every_water_body_is_built_with_its_point(gazetteer) -> None:
    for slug, (names, lat, lon, fcode) in curated.WATER_BODIES.items():
        place = gazetteer.get(f"geomap:{slug}")
        assert place is not None, slug
        assert (place.lat, place.lon, place.feature_code) == (lat, lon, fcode)
        assert place.name == names[0]
        assert slug in curated.WATER_LITTORAL


def test_water_points_lie_in_water(shared_data) -> None:
    """No curated ocean or sea point falls on land (Natural Earth 1:50m countries)."""
    path = shared_data / "boundaries" / "ne_50m_admin_0_countries.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    geoms = [shape(f["geometry"]) for f in features]
    tree = STRtree(geoms)
    for slug, (_names, lat, lon, _code) in curated.WATER_BODIES.items():
        on = tree.query(Point(lon, lat), predicate="intersects")
        assert len(on) == 0, (slug, [features[i]["properties"]["NAME"] for i in on])
