"""The containment the text gives ("X, Y", "X (District, Region)") decides same-named places."""

from __future__ import annotations

from datetime import datetime

from geomap.events import extract_events
from geomap.locate import locate
from geomap.resolve import geoparse
from geomap.resolve.resolver import OUTSIDE_NOTE
from geomap.types import Article


def _by_text(toponyms, text):
    return [t for t in toponyms if t.mention.text == text]


def test_alternate_name_inside_named_area_is_found(gazetteer):
    # "Izium" is only an alternate spelling of a small town: found because the text puts it
    # inside Kharkiv oblast, which then counts as an area, not the city of Kharkiv
    tops = geoparse("Troops clashed near Izium, Kharkiv, on Monday.", gazetteer)
    (izium,) = _by_text(tops, "Izium")
    assert izium.place is not None and izium.place.admin1_name == "Kharkivska oblast"
    (area,) = _by_text(tops, "Kharkiv")
    assert area.place is not None and area.place.kind == "admin1"


def test_same_named_village_elsewhere_is_not_taken(gazetteer):
    # Tarasivka exists in other oblasts, not in Donetsk oblast
    text = "On 3 May, artillery shelled Tarasivka, Donetsk. Casualties unknown."
    tops = geoparse(text, gazetteer)
    (village,) = _by_text(tops, "Tarasivka")
    assert village.place is None and village.reason.startswith(OUTSIDE_NOTE)
    assert village.alternatives  # the same-named places elsewhere are kept for the reader
    article = Article("a", text, published=datetime(2022, 5, 4))
    (event,) = extract_events(article, tops, locate(text, tops))
    assert event.location.precision == 3
    assert "Tarasivka" in (event.notes or "")


def test_unknown_village_after_place_word_is_located_at_its_area(gazetteer):
    text = "On 3 May, troops shelled Khrustalnenke, Kherson. Casualties unknown."
    tops = geoparse(text, gazetteer)
    (village,) = _by_text(tops, "Khrustalnenke")
    assert village.place is None
    article = Article("a", text, published=datetime(2022, 5, 4))
    (event,) = extract_events(article, tops, locate(text, tops))
    assert event.location.precision == 3 and event.location.country_code == "UA"


def test_a_list_of_cities_is_not_containment(gazetteer):
    tops = geoparse("Missiles hit Kyiv, Kharkiv and Odesa on Monday.", gazetteer)
    for name in ("Kyiv", "Kharkiv", "Odesa"):
        (t,) = _by_text(tops, name)
        assert t.place is not None and t.place.kind in ("city", "admin1")
    (kyiv,) = _by_text(tops, "Kyiv")
    assert kyiv.place.country_code == "UA"


def test_parenthesised_district_and_region(gazetteer):
    tops = geoparse("People staged a protest in Jaffna (Jaffna, Northern) on Monday.", gazetteer)
    first = _by_text(tops, "Jaffna")[0]
    assert first.place is not None and first.place.kind == "city"
    assert first.place.country_code == "LK"


def test_region_named_alone_is_placed_at_its_capital(gazetteer):
    text = "On 3 May, air defence forces shot down a missile in the Sumy region."
    tops = geoparse(text, gazetteer)
    article = Article("a", text, published=datetime(2022, 5, 4))
    (event,) = extract_events(article, tops, locate(text, tops))
    assert event.location.precision == 3
    assert "capital Sumy" in (event.location.notes or "")


def test_dateline_city_alone_is_the_well_known_one(gazetteer):
    text = ("DENVER (KXX) - A man was shot at a bar early Sunday, police said.\n"
            "Relatives in Durham said he had moved to Denver last year.")
    tops = geoparse(text, gazetteer)
    for t in _by_text(tops, "Denver") + _by_text(tops, "DENVER"):
        assert t.place is not None and t.place.admin1_code == "CO"



def test_area_in_the_clause_yields_to_the_article_town_inside_it(gazetteer):
    text = ("JEFFERSONVILLE, Ind. (AP) - A southern Indiana man faces a charge after a boy "
            "was shot and killed on Monday in Indiana.\nJeffersonville police said the boy "
            "was 2.")
    tops = geoparse(text, gazetteer)
    article = Article("a", text, published=datetime(2015, 6, 2))
    events = extract_events(article, tops, locate(text, tops))
    main = next(e for e in events if e.main)
    assert main.location.name == "Jeffersonville" and main.location.precision == 2


def test_alternate_spelling_after_near_is_a_place(gazetteer):
    tops = geoparse("Observers counted 20 shots near Pervomaisk on Monday.", gazetteer)
    (t,) = _by_text(tops, "Pervomaisk")
    assert t.place is not None and t.place.country_code == "UA"


def test_a_name_outside_its_area_stays_outside_in_the_whole_article(gazetteer):
    text = ("On 3 May, forces shelled positions near Tarasivka, Donetsk. Observers counted "
            "six explosions near Tarasivka.")
    tops = geoparse(text, gazetteer)
    assert all(t.place is None for t in _by_text(tops, "Tarasivka"))


def test_a_place_naming_an_armed_group_is_not_the_event_place(gazetteer):
    text = ("On 3 May, artillery fired at the positions of the Luhansk People's Militia near "
            "Popasna, Luhansk. Casualties unknown.")
    tops = geoparse(text, gazetteer)
    article = Article("a", text, published=datetime(2022, 5, 4))
    (event,) = extract_events(article, tops, locate(text, tops))
    assert "Militia" not in event.location.name
    assert "Popasna" in event.location.name


def test_police_name_a_town_not_a_region(gazetteer):
    tops = geoparse("The Savannah-Chatham Metropolitan Police Department is investigating a "
                    "shooting on Abercorn Street.", gazetteer)
    (t,) = _by_text(tops, "Savannah")
    assert t.place is not None and t.place.kind == "city"


def test_a_capital_gets_no_bonus_for_an_old_name(gazetteer):
    tops = geoparse("A man was shot inside a Philadelphia tavern on Sunday.", gazetteer)
    (t,) = _by_text(tops, "Philadelphia")
    assert t.place is not None and t.place.country_code == "US"


def test_a_list_of_towns_is_not_a_missing_place(gazetteer):
    tops = geoparse("Crews from Harwinton, Bantam, Litchfield, Winsted and Torrington helped.",
                    gazetteer)
    assert not any(t.reason.startswith(OUTSIDE_NOTE) for t in tops)


def test_parenthesised_area_chain_with_ordinary_words(gazetteer):
    tops = geoparse("Sri Lankan fishers protested in Mullaitivu town (Mullaitivu, Northern) "
                    "on Monday.", gazetteer)
    places = [t.place for t in tops if t.place is not None and t.place.country_code == "LK"
              and t.place.kind == "city"]
    assert places, [(t.mention.text, t.place) for t in tops]


def test_ordinary_word_area_needs_the_country_in_the_text(gazetteer):
    tops = geoparse("People staged a protest in Xyzabad (Xyzabad, Western) on Monday.", gazetteer)
    assert not _by_text(tops, "Western")


def test_an_area_is_not_a_missing_place_inside_a_misread_container(gazetteer):
    # "North West" is read as another country's province; Puttalam, a district itself, is not
    # taken for a place the gazetteer lacks there
    tops = geoparse("On 17 February, villagers clashed with workers in Anamaduwa (Puttalam, "
                    "North West).", gazetteer)
    (district,) = _by_text(tops, "Puttalam")
    assert district.place is not None and district.place.country_code == "LK"


def test_local_area_words_of_conflict_reports(gazetteer):
    # "X district" named by an adjective of its seat; Africa's LGAs and communes
    tops = geoparse("Missiles hit a town in Korostenska district, Zhytomyr. Gunmen attacked a "
                    "village in Gwoza LGA, Borno.", gazetteer)
    (seat,) = _by_text(tops, "Korostenska")
    assert seat.place is not None and seat.place.name == "Korosten"
    (lga,) = _by_text(tops, "Gwoza")
    assert lga.place is not None and lga.place.country_code == "NG"
