from datetime import UTC, date, datetime, timedelta

import pytest

from geomap.events.dates import best_date, find_date_expressions, find_time, resolve_date

PUB = datetime(2019, 11, 6, 10, 42, 15, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(
    ("expr", "expected", "precision"),
    [
        ("Wednesday", date(2019, 11, 6), "day"),
        ("on Sunday", date(2019, 11, 3), "day"),
        ("last Wednesday", date(2019, 10, 30), "day"),
        ("Thursday night", date(2019, 10, 31), "day"),
        ("overnight", date(2019, 11, 6), "day"),
        ("yesterday", date(2019, 11, 5), "day"),
        ("today", date(2019, 11, 6), "day"),
        ("last night", date(2019, 11, 5), "day"),
        ("three days ago", date(2019, 11, 3), "day"),
        ("two weeks ago", date(2019, 10, 23), "week"),
        ("eleven months ago", date(2018, 12, 1), "month"),
        ("Five years ago", date(2014, 1, 1), "year"),
        ("last week", date(2019, 10, 30), "week"),
        ("In May", date(2019, 5, 1), "month"),
        ("in December", date(2018, 12, 1), "month"),
        ("In July last year", date(2018, 7, 1), "month"),
        ("last November", date(2018, 11, 1), "month"),
        ("May 2017", date(2017, 5, 1), "month"),
        ("last month", date(2019, 10, 1), "month"),
        ("6 November 2019", date(2019, 11, 6), "day"),
        ("Nov. 6", date(2019, 11, 6), "day"),
        ("December 25", date(2018, 12, 25), "day"),
        ("March 3rd, 2018", date(2018, 3, 3), "day"),
        ("in 2015", date(2015, 1, 1), "year"),
        ("the 1990s", date(1990, 1, 1), "decade"),
    ],
)
def test_resolve_date(expr, expected, precision):
    assert resolve_date(expr, PUB) == (expected, precision)


def test_weekday_is_most_recent_on_or_before_publication():
    for offset in range(7):
        pub = PUB + timedelta(days=offset)
        name = pub.strftime("%A")
        got, _ = resolve_date(name, pub)
        assert got == pub.date()
        before = (pub - timedelta(days=1)).strftime("%A")
        assert resolve_date(before, pub)[0] == pub.date() - timedelta(days=1)


def test_relative_needs_publication_date_but_explicit_does_not():
    assert resolve_date("Wednesday", None) is None
    assert resolve_date("In May", None) is None
    assert resolve_date("6 November 2019", None) == (date(2019, 11, 6), "day")
    assert resolve_date("May 2019", None) == (date(2019, 5, 1), "month")


def test_the_verb_may_and_march_are_not_months():
    assert find_date_expressions("Police may march on the city; the march was long.") == []


def test_best_date_prefers_specific_expressions():
    sentence = "In July last year, on a Sunday, at 3:23 am local time"
    found = find_date_expressions(sentence)
    assert [e.text for e in found][:1] == ["In July last year"]
    expr, when, precision = best_date(found, PUB)
    assert expr.kind == "weekday" and when == date(2019, 11, 3) and precision == "day"


@pytest.mark.parametrize(
    ("sentence", "time"),
    [
        ("attacked the post at 3:23 am local time", "03:23"),
        ("shortly after 10 p.m. on Friday", "22:00"),
        ("at 12 a.m.", "00:00"),
        ("the blast at 14:30 shook the city", "14:30"),
        ("the score was 3:23 at half time", None),
        ("it was 2019", None),
    ],
)
def test_find_time(sentence, time):
    assert find_time(sentence) == time


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("shot on Christmas Eve", date(2015, 12, 26), date(2015, 12, 24)),
        ("at a Fourth of July party", date(2016, 7, 5), date(2016, 7, 4)),
        ("killed on Thanksgiving night", date(2015, 11, 27), date(2015, 11, 26)),
        ("shot on Easter morning", date(2016, 3, 28), date(2016, 3, 27)),
        ("found dead on Father's Day", date(2015, 6, 22), date(2015, 6, 21)),
        ("at a New Year\u2019s party", date(2013, 1, 5), date(2013, 1, 1)),
        ("on Labor Day", date(2015, 9, 8), date(2015, 9, 7)),
        ("on Christmas", date(2016, 3, 1), date(2015, 12, 25)),  # the latest one before
    ],
)
def test_holidays_resolve_to_the_latest_before_publication(text, published, expected):
    (expr,) = find_date_expressions(text)
    assert resolve_date(expr, published) == (expected, "day")


def test_a_holiday_weekend_is_not_the_holiday() -> None:
    assert find_date_expressions("shot over the Memorial Day weekend") == []
