"""admin1/admin2 of located events, from the gazetteer's admin codes."""

from __future__ import annotations

from geomap.locate.admin import MAX_NEAREST_KM, AdminAreas
from geomap.types import Location


def test_place_located_event_takes_the_places_admin(gazetteer):
    kunduz = next(c.place for c in gazetteer.lookup("Kunduz") if c.place.kind == "city")
    loc = Location("Kunduz", kunduz.lat, kunduz.lon, 1, 5.0, "AF", "toponym", kunduz.id)
    assert AdminAreas(gazetteer).of_location(loc) == (kunduz.admin1_name, kunduz.admin2_name)
    assert kunduz.admin1_name


def test_estimated_point_takes_the_nearest_towns_admin(gazetteer):
    areas = AdminAreas(gazetteer)
    # 50 km west of Dushanbe (the seed's border post): a town of the same country nearby
    admin1, _ = areas.of_location(Location("Ishkobod", 38.5343, 68.2056, 2, 20.0, "TJ",
                                           "relative"))
    assert admin1
    # the middle of the Pacific: no town within MAX_NEAREST_KM of the same country
    assert areas.nearest(0.0, -150.0, "TJ") == (None, None)
    assert MAX_NEAREST_KM < 100


def test_country_level_event_has_no_admin(gazetteer):
    loc = Location("Tajikistan", 39.0, 71.0, 4, 189.0, "TJ", "toponym")
    assert AdminAreas(gazetteer).of_location(loc) == (None, None)
