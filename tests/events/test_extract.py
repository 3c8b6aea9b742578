"""extract_events on the seed article (inputs built by hand in conftest.py) and small texts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from geomap.events import extract_events
from geomap.events.extract import event_borders, focus_country, is_incident_sentence
from geomap.geo import distance_km
from geomap.types import Anchor, Article, Location, Mention, Place, RelativeExpression, Toponym


@pytest.fixture(scope="module")
def seed_events(seed_article, seed_toponyms, seed_relative):
    return extract_events(seed_article, seed_toponyms, [seed_relative])


def _main(events):
    mains = [e for e in events if e.main]
    assert len(mains) == 1
    return mains[0]


def test_seed_main_event(seed_events, seed_article):
    main = _main(seed_events)
    assert main is seed_events[0]
    assert main.date == date(2019, 11, 6) and main.date_precision == "day"
    assert main.date_text == "Wednesday"
    assert main.time == "03:23"
    assert main.fatalities == 17
    assert main.detained == 4
    assert "Islamic State" in main.actors
    assert "Military Forces of Tajikistan" in main.actors
    assert (main.event_type, main.sub_event_type) == ("Battles", "Armed clash")
    loc = main.location
    assert loc.precision == 2 and loc.method == "relative"
    assert distance_km(loc.lat, loc.lon, 38.534, 68.206) < 20
    assert loc.anchor is not None and loc.anchor.name == "Dushanbe"
    assert abs(distance_km(loc.anchor.lat, loc.anchor.lon, loc.lat, loc.lon) - 50) <= 5
    assert main.evidence == seed_article.text[main.evidence_start : main.evidence_end]
    assert main.evidence.startswith("Seventeen people were killed")
    assert main.source_url == seed_article.url and main.title == seed_article.title


def test_seed_background_events(seed_events):
    background = [e for e in seed_events if not e.main]
    riot = next(e for e in background if e.fatalities == 32)
    assert riot.date == date(2019, 5, 1) and riot.date_precision == "month"
    assert (riot.event_type, riot.sub_event_type) == ("Riots", "Mob violence")
    assert riot.location.precision == 4 and riot.location.country_code == "TJ"
    cyclists = next(e for e in background if e.fatalities == 4)
    assert cyclists.injured == 2
    assert cyclists.date == date(2018, 7, 1) and cyclists.date_precision == "month"
    assert cyclists.date_text == "In July last year"
    assert (cyclists.event_type, cyclists.sub_event_type) == ("Violence against civilians", "Attack")
    assert cyclists.location.precision == 4 and cyclists.location.country_code == "TJ"
    assert "Islamic State" in cyclists.actors
    for e in (riot, cyclists):
        assert e.location.uncertainty_km > 100  # country-size, not a point


def test_seed_has_no_spurious_events(seed_events):
    assert len(seed_events) == 3
    for e in seed_events:
        for text in ("Tens of thousands", "Halimov", "frequent", "Incidents on the border"):
            assert text not in e.evidence
    ids = [e.event_id for e in seed_events]
    assert len(set(ids)) == 3 and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


def test_seed_borders(seed_events):
    pytest.importorskip("geomap.locate.borders")
    main = _main(seed_events)
    codes = [b.country_code for b in main.borders]
    assert codes[0] == "UZ" and 5 < main.borders[0].distance_km < 20
    afghan = next(b for b in main.borders if b.country_code == "AF")
    assert afghan.named_in_text and 130 < afghan.distance_km < 160
    assert [b.distance_km for b in main.borders] == sorted(b.distance_km for b in main.borders)
    for e in seed_events:
        if e.location.precision == 4:
            assert e.borders == ()


def test_stated_distance_beats_vague_relative_and_own_border_is_skipped(
    seed_article, seed_toponyms, seed_relative
):
    text = seed_article.text
    expr = "not far from the Tajik capital Dushanbe"
    start = text.index(expr)
    anchor_start = text.index("Dushanbe", start)
    near = Location(
        expr, 38.53575, 68.77905, 2, 10.0, "TJ", "relative", None,
        Anchor("Dushanbe", 38.53575, 68.77905, None, None, "gn:1221874"),
        RelativeExpression(start, start + len(expr), expr, "near", "Dushanbe", anchor_start,
                           anchor_start + 8),
    )
    # "the contested frontier between Tajikistan and ...": a border named by the own country.
    own = text.index("Tajikistan and neighbouring Kyrgyzstan")
    own_border = Toponym(Mention(own, own + 10, "Tajikistan", "Tajikistan", kind="border",
                                 feature="border"), seed_toponyms[0].place, 0.9, "test")
    toponyms = sorted([*seed_toponyms, own_border], key=lambda t: t.mention.start)
    main = _main(extract_events(seed_article, toponyms, [near, seed_relative]))
    assert main.location is seed_relative
    if main.borders:  # borders module present
        pairs = [frozenset((b.country_code, b.other_country_code)) for b in main.borders]
        assert len(pairs) == len(set(pairs))
        assert not any(b.country_code == "TJ" for b in main.borders)


def test_seed_without_relative_location_falls_back_to_toponyms(seed_article, seed_toponyms):
    main = _main(extract_events(seed_article, seed_toponyms, []))
    assert main.location.name == "Dushanbe" and main.location.precision == 1
    countries_only = [t for t in seed_toponyms if t.place is not None and t.place.kind == "country"
                      and t.mention.kind == "name"]
    main = _main(extract_events(seed_article, countries_only, []))
    assert main.location.precision == 4 and main.location.country_code == "TJ"


def test_seed_without_any_place_has_no_events(seed_article):
    assert extract_events(seed_article, [], []) == ()


LAGOS = Place("gn:2332459", "Lagos", 6.45407, 3.39467, "city", 2332459, country_code="NG",
              population=9000000)
PUB = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)  # a Thursday


def _article(text: str, article_id: str = "made-up", published: datetime = PUB) -> Article:
    return Article(id=article_id, text=text, title="Made up", published=published,
                   url="http://x/y")


def _toponyms(text: str, name: str, place: Place) -> list[Toponym]:
    return [Toponym(Mention(m.start(), m.end(), name, name), place, 0.9, "test")
            for m in re.finditer(name, text)]


def test_protest_in_a_city_with_weekday():
    text = ("Police fired tear gas at hundreds of protesters in Lagos on Monday. "
            "Twelve demonstrators were arrested, officials said.")
    (event,) = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [])
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")
    assert event.date == date(2024, 3, 11) and event.detained == 12
    assert event.location.name == "Lagos" and event.location.precision == 1
    assert event.location.uncertainty_km == 15.0  # a city of over a million
    assert event.main and event.fatalities is None


def test_undated_event_takes_publication_date_and_id_is_safe():
    text = "Gunmen shot dead three villagers near the market in Lagos."
    (event,) = extract_events(_article(text, "../etc/pass wd"), _toponyms(text, "Lagos", LAGOS), [])
    assert event.date == PUB.date() and event.date_text is None and event.date_precision is None
    assert "publication date" in (event.notes or "")
    assert event.fatalities == 3
    assert "/" not in event.event_id and "." not in event.event_id


def test_two_incidents_with_different_dates_and_focus_country():
    text = ("A bomb exploded in Lagos on Tuesday, killing four people. "
            "Nobody claimed it. The city is large. Many people live there. It is humid. "
            "On 3 January 2021, gunmen killed 11 people in a raid.")
    events = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [])
    assert len(events) == 2
    recent, old = events
    assert recent.main and not old.main
    assert recent.date == date(2024, 3, 12) and recent.fatalities == 4
    assert recent.sub_event_type == "Remote explosive/landmine/IED"
    assert old.date == date(2021, 1, 3) and old.fatalities == 11
    # No place in the old event's sentence: the article's country, at country precision.
    assert old.location.precision == 4 and old.location.country_code == "NG"
    assert old.location.method == "focus_country"


def test_no_incident_no_events():
    text = "The festival in Lagos opened on Monday with music and food."
    assert extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), []) == ()


@pytest.mark.parametrize(
    ("sentence", "incident"),
    [
        ("Fifteen jihadists were killed in Tajikistan Wednesday", True),
        ("Border areas are the scene of frequent clashes", False),
        ("Incidents on the border frequently include shootouts and kidnappings", False),
        ("It was the latest bout of jihadist violence", False),
        ("The two teams will clash again in the second leg", False),
        ("Driver injured in Nokomis crash", False),
        ("Family, friends mourn four children killed in fire", False),
        ("Soldiers came under fire and two were killed", True),
        ("He threatened to bomb the dam", False),
        ('Imposing new tariffs is "an economic dead end," he said', False),
        ("More than 150 dead mullet washed up on the foreshore", False),
        ("Gunmen opened fire on the crowd", True),
    ],
)
def test_incident_sentences(sentence, incident):
    assert is_incident_sentence(sentence) is incident


def test_focus_country_is_most_mentioned(seed_toponyms):
    assert focus_country(seed_toponyms) == "TJ"
    assert focus_country([]) is None


def test_event_on_a_named_border_is_placed_on_that_border(seed_toponyms):
    pytest.importorskip("geomap.locate.borders")
    tajikistan = seed_toponyms[0].place
    afghanistan = next(t.place for t in seed_toponyms if t.place and t.place.country_code == "AF")
    text = ("Tajikistan reported a new incident. "
            "Two soldiers were killed in a clash on the border with Afghanistan on Monday.")
    start = text.index("border with Afghanistan")
    toponyms = [
        Toponym(Mention(0, 10, "Tajikistan", "Tajikistan"), tajikistan, 0.9, "test"),
        Toponym(Mention(start, start + 23, "border with Afghanistan", "Afghanistan", kind="border",
                        feature="border"), afghanistan, 0.9, "test"),
    ]
    article = Article(id="border", text=text, published=PUB)
    (event,) = extract_events(article, toponyms, [])
    loc = event.location
    assert loc.precision == 3 and loc.method == "border" and loc.country_code == "TJ"
    assert (event.event_type, event.fatalities) == ("Battles", 2)
    afghan = next(b for b in event.borders if b.country_code == "AF")
    assert afghan.named_in_text and afghan.distance_km < 1.0  # the point is on that border
    pairs = [frozenset((b.country_code, b.other_country_code)) for b in event.borders]
    assert len(pairs) == len(set(pairs))


NANGARHAR = Place("gn:1131256", "Nangarhar", 34.25, 70.5, "admin1", 1131256, country_code="AF")
AFGHANISTAN = Place("gn:1149361", "Afghanistan", 33.0, 66.0, "country", 1149361,
                    country_code="AF")


def test_two_named_days_are_two_events():
    text = ("Taliban fighters overran a district centre in Nangarhar province on Thursday after "
            "two days of heavy fighting, killing 14 soldiers and capturing 6 police officers. "
            "Afghan forces retook the area on Friday morning, a spokesman said.")
    toponyms = _toponyms(text, "Nangarhar", NANGARHAR)
    saturday = datetime(2024, 3, 16, 8, 0, tzinfo=UTC)
    first, second = extract_events(_article(text, published=saturday), toponyms, [])
    assert first.main and not second.main
    assert first.date == date(2024, 3, 14) and second.date == date(2024, 3, 15)
    assert first.sub_event_type == "Non-state actor overtakes territory"
    assert (first.fatalities, first.detained) == (14, 6)
    assert first.location.precision == 3 and first.location.uncertainty_km == 150.0
    assert "Taliban" in first.actors
    assert second.sub_event_type == "Government regains territory"
    assert second.actors == ("Military Forces of Afghanistan",)
    # "retook the area": no place in its sentence, so the article's own place (not Afghanistan)
    assert second.location.name == "Nangarhar" and second.location.precision == 3
    assert second.location.method == "article_place"


def test_overnight_joins_the_named_day():
    text = ("Militants attacked a checkpoint in Nangarhar province on Wednesday, killing two "
            "soldiers. The overnight fighting also left three militants dead.")
    (event,) = extract_events(_article(text), _toponyms(text, "Nangarhar", NANGARHAR), [])
    assert event.date == date(2024, 3, 13) and event.fatalities == 5


def test_years_ago_is_a_separate_background_event():
    text = ("Five years ago, gunmen killed 12 people in Paris. "
            "On Sunday, three more were killed in a similar attack there.")
    paris = re.search(r"Paris", text)
    assert paris is not None
    tops = [Toponym(Mention(paris.start(), paris.end(), "Paris", "Paris"),
                    Place("gn:2988507", "Paris", 48.85341, 2.3488, "city", 2988507,
                          country_code="FR", population=2138551), 0.9, "test")]
    article = Article("a", text, published=datetime(2024, 6, 12, tzinfo=UTC))
    events = extract_events(article, tops, [])
    assert [(e.date, e.date_precision, e.fatalities, e.main) for e in events] == [
        (date(2019, 1, 1), "year", 12, False),
        (date(2024, 6, 9), "day", 3, True),
    ]


def test_event_borders_are_those_of_the_locations_country():
    """Goma (CD) lies in Rwanda's generalised polygon; its borders are still DR Congo's."""
    goma = Location("Goma", -1.67409, 29.22845, 1, 5.0, "CD", "toponym")
    found = event_borders(goma, [])
    assert {b.other_country_code for b in found} == {"CD"}
    assert found[0].country_code == "RW" and found[0].distance_km < 5


def test_a_named_sea_is_an_area_not_an_exact_point():
    text = "Houthi rebels attacked a cargo ship in the Red Sea on Tuesday, killing three crew."
    m = re.search(r"Red Sea", text)
    assert m is not None
    sea = Place("geomap:red-sea", "Red Sea", 20.0, 38.5, "feature", feature_class="H",
                feature_code="SEA", source="geomap-curated")
    tops = [Toponym(Mention(m.start(), m.end(), "Red Sea", "Red Sea"), sea, 0.9, "test")]
    article = Article("a", text, published=datetime(2024, 6, 12, tzinfo=UTC))
    (event,) = extract_events(article, tops, [])
    assert (event.location.name, event.location.precision) == ("Red Sea", 3)
    assert event.location.uncertainty_km >= 100
    assert event.borders == ()


def test_event_without_a_place_takes_the_articles_town_before_the_country():
    dallas = Place("gn:4684888", "Dallas", 32.78306, -96.80667, "city", 4684888,
                   country_code="US", population=1300092)
    usa = Place("gn:6252001", "United States", 39.76, -98.5, "country", 6252001,
                country_code="US")
    text = ("DALLAS - Dallas police said the victim was walking along a street late Monday. "
            "A man was shot and killed Monday night, police said. The United States has many "
            "guns.")
    tops = _toponyms(text, "Dallas", dallas) + _toponyms(text, "DALLAS", dallas) + _toponyms(
        text, "United States", usa)
    events = extract_events(_article(text), sorted(tops, key=lambda t: t.mention.start), [])
    main = next(e for e in events if e.main)
    assert main.location.name == "Dallas" and main.location.method == "article_place"
    assert main.location.precision == 2


def test_the_events_own_town_beats_a_relative_location_in_the_next_sentence():
    text = ("A bomb exploded at a market in Lagos on Tuesday, killing four people. "
            "Separately, officials visited a camp some 60 km north of Ibadan.")
    expr = "some 60 km north of Ibadan"
    start = text.index(expr)
    anchor_start = text.index("Ibadan")
    near = Location(
        expr, 7.9, 3.9, 2, 10.0, "NG", "relative", None,
        Anchor("Ibadan", 7.37756, 3.90591, 60.0, 0.0, "gn:2339354"),
        RelativeExpression(start, start + len(expr), expr, "offset", "Ibadan", anchor_start,
                           anchor_start + 6, distance=60.0, unit="km", distance_km=60.0,
                           bearing_deg=0.0, bearing_text="north", hedge="some"),
    )
    (event,) = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [near])
    assert event.location.name == "Lagos" and event.location.method == "toponym"


def test_the_lede_incident_is_main_even_when_a_later_one_is_told_at_length():
    text = ("A bomb exploded in Lagos on Tuesday, killing four people. "
            "On Wednesday, gunmen attacked a bus in Lagos. The gunmen fired at the bus. "
            "The gunmen shot the driver. The gunmen then fled.")
    events = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [])
    main = next(e for e in events if e.main)
    assert main.date == date(2024, 3, 12) and main.fatalities == 4


def test_the_writers_separate_incident_cue_starts_a_new_event():
    text = ("Gunmen attacked a checkpoint in Lagos overnight, killing 12 policemen. "
            "In a separate incident, a roadside bomb struck a bus in Lagos on Thursday, killing "
            "34 passengers.")
    events = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [])
    assert [e.fatalities for e in events] == [12, 34]


@pytest.mark.parametrize(("sentence", "long_before"), [
    ("Two men were shot and wounded there in January.", True),  # recalls an earlier incident
    ("The shooting happened Jan. 5.", False),  # a named day dates a follow-up's incident
    ("Two men were shot there earlier this month.", False),  # within the fortnight
])
def test_borrowed_month_long_before_publication(sentence, long_before):
    from geomap.events.dates import best_date, find_date_expressions
    from geomap.events.drafts import long_before as is_long_before
    found = best_date(find_date_expressions(sentence), PUB)
    assert found is not None and is_long_before(found, PUB.date()) is long_before


def test_undated_lede_is_not_dated_by_a_recalled_month():
    text = ("Gunmen shot dead three villagers near the market in Lagos. "
            "Two traders were shot and wounded at the same market in January.")
    events = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [])
    assert len(events) == 2
    assert events[0].main and events[0].date == PUB.date() and events[0].fatalities == 3
    assert not events[1].main and events[1].date == date(2024, 1, 1)


def test_follow_up_main_event_is_the_incident_it_follows():
    text = ("A man was arrested in Lagos on Wednesday and charged with murder. "
            "Gunmen shot dead three villagers near the market in Lagos on March 1.")
    events = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [])
    main = [e for e in events if e.main]
    assert len(main) == 1 and main[0].date == date(2024, 3, 1) and main[0].fatalities == 3


def test_step_lede_takes_the_named_day_of_the_next_paragraph():
    text = ("A suspect appeared in court in Lagos on Wednesday. "
            "Gunmen shot dead three villagers near the market in Lagos on Monday.")
    events = extract_events(_article(text), _toponyms(text, "Lagos", LAGOS), [])
    main = [e for e in events if e.main]
    assert len(main) == 1 and main[0].date == date(2024, 3, 11)
