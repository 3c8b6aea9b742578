"""The event's place among the places its clause names (geomap.locate.event_place)."""

from __future__ import annotations

from datetime import datetime

from geomap.events import extract_events
from geomap.locate import locate
from geomap.resolve import geoparse
from geomap.types import Article


def _main_location(gazetteer, text):
    tops = geoparse(text, gazetteer)
    article = Article("a", text, published=datetime(2015, 6, 2))
    events = extract_events(article, tops, locate(text, tops))
    return next(e for e in events if e.main).location


def test_a_facility_name_is_not_the_town(gazetteer):
    loc = _main_location(gazetteer, "A Palm Beach State College student was killed in a "
                         "shooting at an Ocala bar on Sunday.")
    assert loc.name == "Ocala"


def test_the_reporting_police_town_is_the_event_town(gazetteer):
    loc = _main_location(gazetteer, "The Toledo police are investigating a shooting death in the "
                         "1900 block of Dover on Monday.")
    assert loc.name == "Toledo"


def test_a_street_corner_is_no_anchor(gazetteer):
    from geomap.locate import locate as locate_relatives

    text = "Four people were wounded near West End and Kilbourn Avenues in Garfield Park."
    tops = geoparse(text, gazetteer)
    assert not [loc for loc in locate_relatives(text, tops) if "West End" in loc.name]


def test_the_town_before_a_relative_location_that_only_says_an_area(gazetteer):
    loc = _main_location(gazetteer, "On 29 January, activists held a demonstration in Dnipro. "
                         "The protesters also condemned the buildup of Russian forces near the "
                         "Ukrainian border.")
    assert loc.name == "Dnipro"
    assert loc.precision == 1


def test_a_news_outlet_is_not_the_event_town(gazetteer):
    loc = _main_location(gazetteer, "A man was shot and killed in Tustin on Tuesday, the Los "
                         "Angeles Times reports.")
    assert loc.name == "Tustin"
    loc = _main_location(gazetteer, "A man was shot and killed in Tustin on Tuesday, "
                         "KTLA 5 Los Angeles reported.")
    assert loc.name == "Tustin"


def test_an_outlet_town_is_the_last_resort(gazetteer):
    loc = _main_location(gazetteer, "A man was shot and killed on Tuesday, the Houston "
                         "Chronicle reported.")
    assert loc.name == "Houston"


def test_a_block_of_street_is_not_a_town(gazetteer):
    loc = _main_location(gazetteer, "Toledo police said a man was shot and killed in the 3000 "
                         "block of Miami on Monday.")
    assert loc.name == "Toledo"


def test_a_surname_with_an_age_is_not_a_town(gazetteer):
    loc = _main_location(gazetteer, "Toledo police said Montrell Jackson, 32, was shot and "
                         "killed on Monday.")
    assert loc.name == "Toledo"


def test_the_reporting_police_town_beats_a_far_same_named_place(gazetteer):
    loc = _main_location(gazetteer, "A man was shot and killed in Fernwood on Monday, Chicago "
                         "police said.")
    assert loc.name == "Chicago"


def test_the_reporting_police_town_in_the_named_state(gazetteer):
    loc = _main_location(gazetteer, "Ocala police responded on Sunday. A man was shot and killed "
                         "in Florida.")
    assert loc.name == "Ocala"
