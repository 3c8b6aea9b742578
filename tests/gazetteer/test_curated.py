"""The curated name classes of the default gazetteer: non-US state abbreviations, regional
adjectives, oceans and seas, regions made of first-level areas, composite counties."""

from __future__ import annotations

import json

import pytest
from shapely import STRtree
from shapely.geometry import Point, shape

from geomap.gazetteer import curated
from geomap.geo import distance_km


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


def test_arab_is_the_arab_league_region(gazetteer) -> None:
    regions = _cands(gazetteer, "Arab", "region")
    assert len(regions) == 1 and regions[0].name_type == "demonym"
    place = regions[0].place
    assert set(place.members) == {c for c in curated.ARAB_LEAGUE_MEMBERS
                                  if gazetteer.country(c) is not None}
    assert place.population > 300_000_000
    # the mean of the members' points: nearer to Cairo than to any non-member capital region
    cairo = max((c.place for c in gazetteer.lookup("Cairo") if c.place.kind == "city"),
                key=lambda p: p.population)
    assert distance_km(place.lat, place.lon, cairo.lat, cairo.lon) < 1500


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


def test_regions_of_admin_areas_sit_among_their_areas(gazetteer) -> None:
    for slug, codes in curated.REGION_AREAS.items():
        region = gazetteer.get(f"geomap:{slug}")
        assert region is not None and region.kind == "region"
        areas = [p for code in codes
                 for p in gazetteer.places_in(code.split(".")[0], "admin1")
                 if p.admin1_code == code.split(".")[1]]
        assert len(areas) == len(codes), slug
        nearest = min(distance_km(region.lat, region.lon, a.lat, a.lon) for a in areas)
        farthest = max(distance_km(region.lat, region.lon, a.lat, a.lon) for a in areas)
        assert nearest < 400 and farthest < 1500, (slug, nearest, farthest)
        assert region.population == sum(a.population for a in areas)
    kurdish = _cands(gazetteer, "Kurdish", "region")
    assert kurdish and kurdish[0].place.id == "geomap:kurdistan"


@pytest.mark.parametrize("key", sorted(curated.COMPOSITE_ADMIN2))
def test_composite_counties(gazetteer, key: str) -> None:
    names, members = curated.COMPOSITE_ADMIN2[key]
    hits = [c.place for c in _cands(gazetteer, names[0], "admin2")
            if c.place.id == f"geomap:{key}"]
    assert hits, names[0]
    county = hits[0]
    cc, a1, _ = key.split(".")
    parts = [p for p in gazetteer.places_in(cc, "admin2")
             if p.admin1_code == a1 and f"{cc}.{a1}.{p.admin2_code}" in members]
    assert len(parts) == len(members)
    assert county.population == sum(p.population for p in parts)
    for part in parts:  # the union's point lies among its parts
        assert distance_km(county.lat, county.lon, part.lat, part.lon) < 80, part.name


def _ne_admin1(shared_data) -> list[tuple[dict, object]]:
    path = shared_data / "boundaries" / "ne_50m_admin_1_states_provinces_AU_BR_CA_US.geojson"
    return [(f["properties"], shape(f["geometry"]))
            for f in json.loads(path.read_text(encoding="utf-8"))["features"]]


def test_admin1_points_lie_in_their_areas(gazetteer, shared_data) -> None:
    """Every AU/BR/CA/US first-level area's point is in (or within 25 km of) its Natural Earth
    polygon: large areas use a member place, never the bare centre of their extent (which
    would put Florida in the Gulf of Mexico)."""
    from shapely.ops import nearest_points

    checked = 0
    for props, geom in _ne_admin1(shared_data):
        place = gazetteer.get(f"gn:{props['gn_id']}")
        if place is None:
            continue
        checked += 1
        point = Point(place.lon, place.lat)
        if not geom.contains(point):
            edge = nearest_points(geom, point)[0]
            assert distance_km(place.lat, place.lon, edge.y, edge.x) < 25, props["name"]
    assert checked >= 90


def test_large_admin1_points_near_the_middle(gazetteer, shared_data) -> None:
    """Large areas are not placed in their populated edge: at most two AU/BR/CA/US areas lie
    more than 500 km from their polygon's centre (the plain mean of places left nine there:
    Ontario, Quebec, Queensland, Western Australia, ...)."""
    far = []
    for props, geom in _ne_admin1(shared_data):
        place = gazetteer.get(f"gn:{props['gn_id']}")
        if place is None:
            continue
        centre = geom.centroid if geom.contains(geom.centroid) else geom.representative_point()
        if distance_km(place.lat, place.lon, centre.y, centre.x) > 500:
            far.append(props["name"])
    assert len(far) <= 2, far


@pytest.mark.parametrize(("name", "kind", "country"), [
    ("Darfur", "region", "SD"), ("Donbas", "region", "UA"), ("Sinai", "region", "EG"),
    ("Siberian", "region", "RU"), ("Nagorno-Karabakh", "region", "AZ"),
    ("New England", "region", "US"), ("Midwestern", "region", "US"), ("Sinhalese", "country", "LK"), ("Abkhaz", "admin1", "GE"),
])
def test_subnational_regions_and_peoples(gazetteer, name: str, kind: str, country: str) -> None:
    """Names news uses for parts of countries and their peoples find the right place."""
    hits = _cands(gazetteer, name, kind)
    assert hits, name
    place = hits[0].place
    assert country in (place.members or (place.country_code,))
    own = gazetteer.country(country)
    assert distance_km(place.lat, place.lon, own.lat, own.lon) < 3500


def test_cyrillic_names_get_otherromanisations() -> None:
    from geomap.gazetteer.sources.names import romanisations

    names = [("Zaporizhzhia", "name"), ("Novotroyitske", "alternate"), ("Popilnia", "alternate")]
    got = {n for n, _ in romanisations(names, "UA")}
    assert {"Zaporizhia", "Novotroitske", "Popilnya"} <= got
    assert romanisations(names, "US") == []  # Latin-script countries keep their spellings
    assert romanisations([("Ilya", "name")], "RU") == []  # too short to vary safely
