"""locate(): relative and border expressions of a text, anchored on resolved toponyms.

The toponyms are built here from real coordinates (GeoNames), so these tests do not depend on
the gazetteer or the resolver.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geomap import geo
from geomap.locate import borders, locate, place_phrase_before
from geomap.locate.relative import parse_relative
from geomap.types import Mention, Place, Toponym

DUSHANBE = Place(id="gn:1221874", name="Dushanbe", lat=38.53575, lon=68.77905, kind="city",
                 geonameid=1221874, country_code="TJ")
TAJIKISTAN = Place(id="gn:1220409", name="Tajikistan", lat=39.0, lon=71.0, kind="country",
                   geonameid=1220409, country_code="TJ")
AFGHANISTAN = Place(id="gn:1149361", name="Afghanistan", lat=33.0, lon=66.0, kind="country",
                    geonameid=1149361, country_code="AF")
KHOROG = Place(id="gn:1221194", name="Khorugh", lat=37.49022, lon=71.55303, kind="city",
               geonameid=1221194, country_code="TJ")


def toponyms_for(text: str, places: dict[str, Place]) -> list[Toponym]:
    out = []
    for name, place in places.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            out.append(Toponym(Mention(m.start(), m.end(), name, name), place, 0.9, "test"))
    return out


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def test_seed_ishkobod_is_located_by_the_expression(seed_text):
    tops = toponyms_for(seed_text, {"Dushanbe": DUSHANBE, "Tajikistan": TAJIKISTAN,
                                    "Afghanistan": AFGHANISTAN})
    found = {loc.name: loc for loc in locate(seed_text, tops)}
    ishkobod = found["Ishkobod border post"]
    assert geo.distance_km(ishkobod.lat, ishkobod.lon, 38.534, 68.206) < 1.0
    assert (ishkobod.precision, ishkobod.method, ishkobod.country_code) == (2, "relative", "TJ")
    assert ishkobod.place_id is None
    assert ishkobod.anchor is not None and ishkobod.anchor.place_id == "gn:1221874"
    assert ishkobod.anchor.distance_km == 50 and ishkobod.anchor.bearing_deg == 270
    assert "not in the gazetteer" in (ishkobod.notes or "")
    assert ishkobod.relative is not None
    assert ishkobod.relative.text == "some 50 kilometres (30 miles) west of Dushanbe"
    assert 5 < ishkobod.uncertainty_km < 50
    # The seed's distances from that point.
    near = {b.country_code: b.distance_km
            for b in borders.nearest_borders(ishkobod.lat, ishkobod.lon, limit=5)}
    assert near["UZ"] == pytest.approx(11, abs=3)
    assert near["AF"] == pytest.approx(145, abs=10)
    # "not far from the Tajik capital Dushanbe": near the anchor itself.
    near_dushanbe = found["not far from the Tajik capital Dushanbe"]
    assert (near_dushanbe.lat, near_dushanbe.lon) == (DUSHANBE.lat, DUSHANBE.lon)


def test_unresolved_anchor_is_skipped_and_resolution_counts():
    text = "Gunmen attacked a post 20 km north of Garm."
    assert parse_relative(text)
    assert locate(text, []) == []
    garm = Place(id="gn:1514891", name="Garm", lat=39.00618, lon=70.33535, kind="city",
                 country_code="TJ")
    unresolved = [Toponym(Mention(37, 41, "Garm", "Garm"), None, 0.0, "no candidate")]
    assert locate(text, unresolved) == []
    (loc,) = locate(text, toponyms_for(text, {"Garm": garm}))
    assert geo.distance_km(garm.lat, garm.lon, loc.lat, loc.lon) == pytest.approx(20, rel=1e-3)
    assert loc.name == "20 km north of Garm"  # no place phrase before it


def test_anchor_matched_by_name_when_spans_differ():
    text = "Troops moved to a village 8 km east of Dushanbe."
    elsewhere = Toponym(Mention(0, 6, "Dushanbe", "Dushanbe"), DUSHANBE, 0.8, "same name")
    (loc,) = locate(text, [elsewhere])
    assert loc.anchor is not None and loc.anchor.name == "Dushanbe"


def test_border_with_a_reference_place_is_the_nearest_border_point():
    text = "Fighting broke out on the border with Afghanistan south of Khorugh."
    tops = toponyms_for(text, {"Afghanistan": AFGHANISTAN, "Khorugh": KHOROG})
    (loc,) = [x for x in locate(text, tops) if x.method == "border"]
    line = borders.shared_border("TJ", "AF")
    assert line.distance(geo.point(loc.lat, loc.lon)) < 1e-6
    expected, _, _ = borders.distance_to_border_km(KHOROG.lat, KHOROG.lon, "TJ", "AF")
    assert geo.distance_km(KHOROG.lat, KHOROG.lon, loc.lat, loc.lon) == pytest.approx(
        expected, abs=0.01)
    assert loc.country_code == "TJ"
    assert loc.precision == 2  # Khorugh is on the Panj, a few km from the border


def test_distance_from_named_border_moves_towards_the_reference():
    text = "The convoy was ambushed 10 km from the Afghan border near Dushanbe."
    tops = toponyms_for(text, {"Dushanbe": DUSHANBE})
    loc = next(x for x in locate(text, tops) if x.method == "border")
    km, _, _ = borders.distance_to_border_km(loc.lat, loc.lon, "TJ", "AF")
    assert km == pytest.approx(10, abs=0.5)
    assert loc.country_code == "TJ"
    assert loc.precision == 3  # Dushanbe is 124 km from that border: a rough guess


def test_border_without_reference_is_the_midpoint_with_a_large_uncertainty():
    text = "Tajikistan reported clashes on the Tajik-Afghan border."
    loc = next(x for x in locate(text, toponyms_for(text, {"Tajikistan": TAJIKISTAN}))
               if x.method == "border")
    assert loc.precision == 3
    assert loc.uncertainty_km > 300
    assert borders.shared_border("TJ", "AF").distance(geo.point(loc.lat, loc.lon)) < 1e-6


def test_border_with_unknown_countries_is_skipped():
    text = "Incidents on the border frequently include shootouts."
    assert parse_relative(text)
    assert locate(text, []) == []


def test_place_phrase_before_rules():
    text = ("Clashes on the Tajik-Afghan border. Police said a market in Vose, 30 km south of "
            "Kulob, burned. Officers caught up with Bakari near Kulob in June.")
    exprs = parse_relative(text)
    assert len(exprs) == 3
    assert place_phrase_before(text, exprs[0]) is None  # sentence-initial common word
    phrase = place_phrase_before(text, exprs[1])
    assert phrase is not None and phrase[0] == "Vose"
    assert text[phrase[1]:phrase[2]] == "Vose"
    vose = Toponym(Mention(phrase[1], phrase[2], "Vose", "Vose"), DUSHANBE, 0.5, "test")
    assert place_phrase_before(text, exprs[1], [vose]) is None  # a resolved place
    assert place_phrase_before(text, exprs[2]) is None  # a person: no place cue before it


def test_partial_anchor_overlap_is_not_an_anchor():
    text = "The fire started near Griffith Park and spread 3 km north of New York City."
    griffith = Place(id="gn:4919820", name="Griffith", lat=41.52837, lon=-87.42365, kind="city",
                     country_code="US")
    new_york = Place(id="gn:5128581", name="New York", lat=40.71427, lon=-74.00597,
                     kind="city", country_code="US")
    tops = toponyms_for(text, {"Griffith": griffith, "New York": new_york})
    (loc,) = locate(text, tops)  # "Griffith" does not stand for "Griffith Park"
    assert loc.anchor is not None and loc.anchor.name == "New York"  # "City" is generic


def test_county_boundary_and_state_border_are_not_international():
    text = "A crash near the New York border and near the Greenbrier County boundary."
    new_york = Place(id="gn:5128638", name="New York", lat=43.0, lon=-75.5, kind="admin1",
                     country_code="US")
    assert locate(text, toponyms_for(text, {"New York": new_york})) == []


def test_distance_beyond_the_limit_falls_back_to_the_anchor_without_renaming():
    text = "Rebels shelled the Ishkobod border post 1,000,000,000 km west of Dushanbe."
    (loc,) = locate(text, toponyms_for(text, {"Dushanbe": DUSHANBE}))
    assert loc.name == "Dushanbe" and loc.method == "toponym"  # not "Ishkobod border post"
    assert (loc.lat, loc.lon) == (DUSHANBE.lat, DUSHANBE.lon)


def test_distance_from_a_border_beyond_the_limit_is_skipped():
    text = "The convoy was ambushed 10,000 km from the Afghan border near Dushanbe."
    tops = toponyms_for(text, {"Dushanbe": DUSHANBE})
    assert [x for x in locate(text, tops) if x.method == "border"] == []
