"""The incident's own day in news about it: of several dates in a sentence, the one the text
ties to the incident (incident words or a clock time right before it, "Friday's shooting"); a
vague night or a later step narrowed to the day the report names; follow-ups dated by the
incident they report, however old."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from geomap.events.dates import find_date_expressions
from geomap.events.extract import extract_events
from geomap.events.incidents import incident_day_first
from geomap.events.sentences import Sentence
from geomap.types import Article, Mention, Place, Toponym

TULSA = Place("gn:4553433", "Tulsa", 36.15398, -95.99277, "city", 4553433, country_code="US",
              population=400000)


def _own(sentence: str) -> list[str]:
    sent = Sentence(0, len(sentence), sentence)
    return [e.text for e in incident_day_first(sent, find_date_expressions(sentence))]


def _main(text: str, published: date) -> tuple[date, str | None]:
    pub = datetime(published.year, published.month, published.day, 12, tzinfo=UTC)
    article = Article(id="t", text=text, title="Made up", published=pub, url="http://x/y")
    toponyms = [Toponym(Mention(m.start(), m.end(), "Tulsa", "Tulsa"), TULSA, 0.9, "test")
                for m in re.finditer("Tulsa", text)]
    events = extract_events(article, toponyms, [])
    (main,) = [e for e in events if e.main]
    return main.date, main.date_text


def test_the_day_tied_to_the_incident_wins_within_a_sentence() -> None:
    assert _own("Neighbors held a vigil Saturday evening for three victims who were shot and "
                "killed Friday in their home.") == ["Friday"]
    assert _own("Friends held a vigil Thursday night to honor a boy who was shot and killed "
                "while he sat in a car Monday night.") == ["Monday night"]
    # a clock time right before a date: the time of the incident
    assert _own("A warrant released Tuesday showed the call came in at 3:21 a.m. Sunday.") == [
        "Sunday"]
    # "the Aug. 3 drive-by shooting": the incident's own day, with its modifiers
    assert _own("A suspect was arrested Monday in the Aug. 3 drive-by shooting.") == ["Aug. 3"]
    # a weekday and its date are one date, tied as a whole
    assert _own("He was arrested Tuesday over a shooting that killed a man on Saturday, "
                "May 17.") == ["on Saturday", "May 17"]
    # with no tie either way, every date stays a candidate
    assert _own("The family on Monday struggled to understand how she found the gun "
                "Sunday.") == ["on Monday", "Sunday"]


def test_a_holiday_party_is_no_date() -> None:
    assert [e.text for e in find_date_expressions("a shooting at a Christmas party")] == []
    # a party on the day itself is dated by it; "New Year's Eve" is not "New Year's"
    assert [e.text for e in find_date_expressions("at a New Year's Eve party")] == [
        "New Year's Eve"]
    assert [e.text for e in find_date_expressions("a Christmas Eve party")] == ["Christmas Eve"]


def test_a_vigil_lede_is_dated_by_the_shooting() -> None:
    text = ("Neighbors held a vigil Saturday evening in Tulsa for three victims who were shot "
            "and killed Friday in their home.")
    assert _main(text, date(2015, 9, 19)) == (date(2015, 9, 18), "Friday")


def test_a_follow_up_is_dated_by_the_incident_it_reports() -> None:
    # the lede dates the charges; the incident's day is the one tied to the shooting
    text = ("A Tulsa man was charged Tuesday with manslaughter after his son shot himself.\n"
            "The boy found the gun and shot himself about 9 a.m. Monday, prosecutors say.")
    assert _main(text, date(2016, 7, 12)) == (date(2016, 7, 11), "Monday")
    # an incident older than a month and a half: "the March 4 shooting death"
    text = ("Two teenagers accused of gunning down a man in Tulsa last month will be tried as "
            "adults.\nPolice arrested the pair in the March 4 shooting death of Shane Moore.")
    assert _main(text, date(2013, 4, 3)) == (date(2013, 3, 4), "March 4")


def test_a_follow_up_keeps_a_lede_that_dates_the_incident() -> None:
    text = ("A teen shot at a Tulsa party was remembered Monday following his death early "
            "Sunday.\n"
            "Another teen was killed in a shooting on March 4 in Tulsa.")
    assert _main(text, date(2016, 3, 28))[0] == date(2016, 3, 27)
    # a day tied to nothing about the incident is no incident day
    text = ("A man was arrested Tuesday in Tulsa in the shooting of his neighbor.\n"
            "Court records show he was released on bond on Jan. 5 in an unrelated case.")
    assert _main(text, date(2016, 3, 30))[0] == date(2016, 3, 30)  # undated: publication


def test_a_vague_night_takes_the_named_day_of_the_report() -> None:
    text = ("A man was seriously hurt in an overnight shooting at a Tulsa motel.\n"
            "The incident happened around 11:30 p.m. Monday at the Regency Inn.")
    assert _main(text, date(2017, 1, 3)) == (date(2017, 1, 2), "Monday")
    # with no named day, "overnight" stays the publication day
    text = "A man was seriously hurt in an overnight shooting at a Tulsa motel."
    assert _main(text, date(2017, 1, 3)) == (date(2017, 1, 3), "overnight")
    # "yesterday" names its day exactly: a later named day is another step's
    text = ("A man was shot and killed yesterday in Tulsa.\n"
            "Friends were shot at again on Tuesday night at a vigil.")
    assert _main(text, date(2016, 5, 3)) == (date(2016, 5, 2), "yesterday")


def test_a_clock_time_ties_a_reported_day_to_the_incident() -> None:
    text = ("A teen was hurt in an accidental shooting in Tulsa over the weekend.\n"
            "The sheriff's office says around 2 p.m. on Sunday, deputies were dispatched to a "
            "home.")
    assert _main(text, date(2016, 10, 17)) == (date(2016, 10, 16), "on Sunday")
    # "investigating a Thursday evening homicide": the incident's own day after a step word
    text = ("Police are searching for a man wanted in the death of a boy in Tulsa.\n"
            "Authorities are investigating a Thursday evening homicide.")
    assert _main(text, date(2015, 7, 3)) == (date(2015, 7, 2), "Thursday evening")
    # a gun that discharged is the incident
    text = ("Tulsa police say a fatal shooting appears to be accidental.\n"
            "A captain says the handgun discharged Sunday while he was showing it to friends.")
    assert _main(text, date(2016, 4, 27)) == (date(2016, 4, 24), "Sunday")


def test_a_follow_up_lede_stays_the_news_and_a_coming_hearing_is_no_incident_day() -> None:
    text = ("Two teenagers accused of gunning down a man in Tulsa last month will be tried as "
            "adults on murder charges.\n"
            "A prosecutor said the decision was made because someone was killed.\n"
            "The shooting was reported around 9 p.m. March 4.")
    assert _main(text, date(2013, 4, 3)) == (date(2013, 3, 4), "March 4")
    text = ("A Tulsa teenager charged with manslaughter in the shooting death of his friend "
            "appeared in court Friday.\n"
            "A judge ordered him held until an August 13th hearing in the shooting case.")
    assert _main(text, date(2015, 7, 31))[0] != date(2014, 8, 13)


def test_a_relative_week_is_narrowed_within_the_days_it_can_mean() -> None:
    # "earlier this week" in a Wednesday report: the Monday it names
    text = ("A man is dead after an accidental shooting in Tulsa earlier this week.\n"
            "The coroner says he died after being shot by a child on Monday.")
    assert _main(text, date(2015, 5, 27)) == (date(2015, 5, 25), "on Monday")
    # "last week" in a Friday report: the calendar week before, not only the last seven days
    text = ("The father of a boy who shot and killed his brother in Tulsa last week is facing "
            "charges.\nThe boy was shot and killed by his younger brother on March 11.")
    assert _main(text, date(2014, 3, 21)) == (date(2014, 3, 11), "March 11")


def test_week_window() -> None:
    from geomap.events.dates import week_window

    (last,) = find_date_expressions("last week")
    assert week_window(last, date(2014, 3, 21)) == (date(2014, 3, 10), date(2014, 3, 20))
    (this,) = find_date_expressions("earlier this week")
    assert week_window(this, date(2015, 5, 27)) == (date(2015, 5, 21), date(2015, 5, 27))
    (day,) = find_date_expressions("on Monday")
    assert week_window(day, date(2015, 5, 27)) is None


def test_a_charge_or_a_later_death_does_not_date_the_incident() -> None:
    from geomap.events.extract import incident_dates

    def _texts(sentence: str) -> list[str]:
        return [e.text for e in incident_dates(Sentence(0, len(sentence), sentence))]

    # "charged with murder Thursday": a charge, not the incident, so Thursday is the charge's
    assert _texts("Police charged a man with murder Thursday in connection with the fatal "
                  "shooting of John Doe.") == []
    # "in connection with a shooting Thursday" names the incident: Thursday is its day
    assert _texts("A man has been charged in connection with a shooting Thursday.") == [
        "Thursday"]
    # a death days after the wounding dates the death
    assert _texts("A woman died Saturday, a week after she was critically wounded in a "
                  "drive-by shooting.") == []


def test_the_time_of_an_arrest_is_not_the_incident_s() -> None:
    sentence = ("Ray Patterson was arrested about 2:30 p.m. Monday in the area of Bullis Road, "
                "deputies said.")
    sent = Sentence(0, len(sentence), sentence)
    from geomap.events.incidents import anchored

    (monday,) = find_date_expressions(sentence)
    assert not anchored(sent, monday)
    # a street named Court is no court
    sentence = "Police were called to a Pershing Court residence at 12:31 a.m. Wednesday."
    (wednesday,) = find_date_expressions(sentence)
    assert anchored(Sentence(0, len(sentence), sentence), wednesday)


def test_a_follow_up_lede_after_incident_words_still_dates_a_later_step() -> None:
    # "who police say shot and killed a girl, appeared in court today": today is the court's
    text = ("The father of a boy who police say shot and killed a girl in Tulsa appeared in "
            "court today for a hearing.\n"
            "Investigators say the boy took the gun from a closet.\n"
            "It happened on Aug. 3 at the father's house.")
    assert _main(text, date(2015, 8, 31)) == (date(2015, 8, 3), "Aug. 3")
    # a memorial: "to remember the life of a teenager who was killed earlier this month"
    text = ("Friends were on hand on Friday night in Tulsa to remember the life of a teenager "
            "who was killed earlier this month.\n"
            "Police said a man shot and killed him inside a home on Aug. 5.")
    assert _main(text, date(2014, 8, 15)) == (date(2014, 8, 5), "Aug. 5")


def test_a_month_is_narrowed_to_the_day_tied_to_the_incident_first() -> None:
    text = ("Deputies say a boy shot his brother in Tulsa earlier this month.\n"
            "On Tuesday, deputies booked the adult who was supervising the child.\n"
            "Deputies say the May 15 shooting shattered the teen's spine.")
    assert _main(text, date(2015, 5, 27)) == (date(2015, 5, 15), "May 15")
