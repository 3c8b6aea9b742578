"""Several incidents in one article: one event per incident clause, each at its own place, date
and count (issue 11). Articles written here in wire style; places built by hand (GeoNames-like
points), so only the events stage is tested."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from geomap.events import extract_events
from geomap.events.sentences import Sentence, strip_dateline
from geomap.types import Article, Mention, Place, Toponym


def _city(name: str, lat: float, lon: float, cc: str, admin1: str) -> Place:
    return Place(f"test:{name}", name, lat, lon, "city", country_code=cc, admin1_code=admin1)


PLACES: dict[str, Place] = {
    "Mogadishu": _city("Mogadishu", 2.0371, 45.3438, "SO", "13"),
    "Bulo Burde": _city("Bulo Burde", 3.8525, 45.5667, "SO", "07"),
    "Hiiraan": Place("test:Hiiraan", "Hiiraan", 4.3, 45.3, "admin1", country_code="SO",
                     admin1_code="07"),
    "Baidoa": _city("Baidoa", 3.1138, 43.6498, "SO", "02"),
    "Kismayo": _city("Kismayo", -0.3582, 42.5454, "SO", "06"),
    "Somalia": Place("test:Somalia", "Somalia", 6.0, 48.0, "country", country_code="SO"),
    "Nigeria": Place("test:Nigeria", "Nigeria", 10.0, 8.0, "country", country_code="NG"),
    "Zamfara": Place("test:Zamfara", "Zamfara", 12.17, 6.25, "admin1", country_code="NG",
                     admin1_code="57"),
    "Kaura Namoda": _city("Kaura Namoda", 12.5939, 6.5864, "NG", "57"),
    "Gusau": _city("Gusau", 12.1628, 6.6614, "NG", "57"),
    "Tulsa": _city("Tulsa", 36.154, -95.9928, "US", "OK"),
    "Oklahoma City": _city("Oklahoma City", 35.4676, -97.5164, "US", "OK"),
}


def _events(text: str, published: date, title: str | None = None):
    toponyms = [
        Toponym(Mention(m.start(), m.end(), name, name), place, 0.9, "test")
        for name, place in PLACES.items() for m in re.finditer(rf"\b{name}\b", text)
    ]
    toponyms.sort(key=lambda t: t.mention.start)
    when = datetime(published.year, published.month, published.day, 12, tzinfo=UTC)
    return extract_events(Article("a", text, title=title, published=when), toponyms, [])


def test_three_incidents_three_places_and_counts():
    text = (
        "MOGADISHU (Reuters) - Al Shabaab fighters stormed a military base in Bulo Burde in the "
        "Hiiraan region on Wednesday, killing seven soldiers, a commander said.\n"
        "In a separate attack, a car bomb exploded at a checkpoint in Baidoa on Tuesday, "
        "killing three people.\n"
        "Al Shabaab claimed the bombing in a statement.\n"
        "A suicide bomber also wounded four people at a restaurant in Kismayo, police said.\n"
    )
    events = _events(text, date(2021, 6, 10))
    got = [(e.location.name, e.date, e.fatalities, e.injured) for e in events]
    assert got == [
        ("Bulo Burde", date(2021, 6, 9), 7, None),  # not the dateline's Mogadishu
        ("Baidoa", date(2021, 6, 8), 3, None),
        ("Kismayo", date(2021, 6, 8), None, 4),  # another town: another event, no sum
    ]
    assert [e.main for e in events] == [True, False, False]
    assert "Al-Shabaab" in events[1].actors  # the claim refers to the Baidoa bombing
    assert "Al-Shabaab" not in events[2].actors


def test_no_claim_names_no_perpetrator():
    text = ("Gunmen killed four villagers in Gusau on Monday, police said.\n"
            "No group has claimed the attack, but Boko Haram operates in the area.\n")
    (event,) = _events(text, date(2022, 3, 8))
    assert not any("Boko" in a for a in event.actors)


def test_summary_told_one_by_one_is_not_summed():
    text = (
        "Gunmen killed 11 people in two attacks in Nigeria's Zamfara state on Sunday, police "
        "said.\n"
        "In the first attack, bandits raided the village of Kaura Namoda, killing eight "
        "villagers.\n"
        "Later, gunmen opened fire on worshippers at a mosque in Gusau, killing three.\n"
    )
    events = _events(text, date(2022, 3, 8), title="Gunmen kill 11 in twin attacks in Nigeria")
    got = [(e.location.name, e.date, e.fatalities) for e in events]
    assert got == [("Kaura Namoda", date(2022, 3, 6), 8), ("Gusau", date(2022, 3, 6), 3)]


def test_one_incident_with_a_hospital_elsewhere_stays_one_event():
    text = (
        "A man was shot and killed in Tulsa on Monday night, police said.\n"
        "The victim was taken to a hospital in Oklahoma City, where he died.\n"
        "Officers arrested a suspect in the shooting on Tuesday.\n"
    )
    events = _events(text, date(2020, 2, 5))
    assert len(events) == 1
    assert events[0].location.name == "Tulsa" and events[0].fatalities == 1


def test_strip_dateline():
    s = Sentence(0, 45, "KABUL (Reuters) - Gunmen attacked a checkpoint")
    assert strip_dateline(s).text == "Gunmen attacked a checkpoint"
    assert strip_dateline(s).start == 18
    plain = Sentence(0, 22, "A man was shot Monday.")
    assert strip_dateline(plain) is plain


def test_main_event_borrows_no_toll_from_another_place_on_its_day():
    """The main event's missing toll may come from sentences that name no incident, never from
    another town's incident of the same day (told after one of another day)."""
    text = (
        "Al Shabaab fighters attacked an army base in Bulo Burde on Wednesday, killing seven "
        "soldiers.\n"
        "In a separate incident, a car bomb exploded in Baidoa on Tuesday, killing three people.\n"
        "In Kismayo, a suicide bomber killed two people and wounded 20 others on Wednesday.\n"
    )
    events = _events(text, date(2021, 6, 10))
    got = [(e.location.name, e.date, e.fatalities, e.injured) for e in events]
    assert got == [
        ("Bulo Burde", date(2021, 6, 9), 7, None),
        ("Baidoa", date(2021, 6, 8), 3, None),
        ("Kismayo", date(2021, 6, 9), 2, 20),
    ]
