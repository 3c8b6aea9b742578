"""The date of an incident is not the page's date, nor the date of a later step (arrest,
court, a statement), and an undated incident takes the date of a sentence that refers to it."""

from datetime import date

from geomap.events.dating import date_from_reference, dated_references
from geomap.events.drafts import Draft
from geomap.events.incidents import incident_dates
from geomap.events.sentences import Sentence, split_sentences


def _texts(sentence: str) -> list[str]:
    return [e.text for e in incident_dates(Sentence(0, len(sentence), sentence))]


def test_page_furniture_is_not_a_date_of_the_incident() -> None:
    assert _texts("Updated: Jan 6, 2017 - 6:42 AM A man was shot Monday night.") == [
        "Monday night"]
    assert _texts("Posted 3:57 AM, May 26, 2015 A girl was shot Friday.") == ["Friday"]


def test_the_date_of_an_arrest_or_a_statement_is_not_the_incident_date() -> None:
    assert _texts("A man was arrested Thursday in connection with the shooting on Sept. 10.") == [
        "Sept. 10"]
    assert _texts("A man was shot and killed Sunday, police said Monday.") == ["Sunday"]
    # with no incident named as a thing, an arrest may be the event itself
    assert _texts("Police arrested ten protesters on Monday.") == ["on Monday"]


def test_undated_incident_takes_the_date_of_a_sentence_referring_to_it() -> None:
    text = ("A 4-year-old girl is in critical condition after she shot herself.\n"
            "The incident happened about 10:30 p.m. Monday on the second floor of a home.")
    sentences = split_sentences(text)
    draft = Draft(sentences=[0])
    date_from_reference(draft, dated_references(sentences, date(2015, 5, 26)))
    assert draft.date == date(2015, 5, 25)
    assert draft.expr is not None and draft.expr.text == "Monday"


def test_a_page_date_in_several_parts_is_all_furniture() -> None:
    line = ("School remembers teen who died from gunshot Posted: Tuesday, January 20, 2015 "
            "10:49 AM EST Updated: Tuesday, January 20, 2015 3:13 PM EST")
    assert _texts(line) == []


def test_a_state_after_the_incident_does_not_date_it() -> None:
    assert _texts("A 12-year-old was in critical condition Tuesday after he was shot.") == []
    assert _texts("A man accused of shooting two people was still on the run Thursday.") == []


def test_undated_incident_takes_the_day_of_a_nearby_sentence() -> None:
    from geomap.events.dating import date_from_neighbours

    text = ("Police are investigating a shooting that left a young man dead.\n"
            "Investigators spoke to reporters Monday.\n"
            "Sunday night, officers were dispatched to an apartment on Elm Street.")
    sentences = split_sentences(text)
    draft = Draft(sentences=[0])
    date_from_neighbours(draft, [draft], sentences, date(2014, 6, 23))  # a Monday
    assert draft.date == date(2014, 6, 22)
    assert draft.expr is not None and draft.expr.text == "Sunday night"


def test_a_step_after_its_date_and_the_incident_s_own_day() -> None:
    assert _texts("LONG BEACH - Authorities Saturday said two people were wounded.") == []
    assert _texts("Police on Tuesday announced an arrest in the case.") == []
    assert _texts("A fifth person died Sunday from injuries sustained in Friday's shooting.") == [
        "Friday"]
    assert _texts("Neighbours mourned Saturday for three victims who were shot.") == []


def test_statements_hearings_and_searches_are_later_steps() -> None:
    assert _texts("The complaint filed Thursday says he shot the man.") == []
    assert _texts("Police confirmed Tuesday that a girl died after the shooting.") == []
    assert _texts("A search continued Monday for three suspects following a shooting.") == []


def test_a_date_naming_the_incident_itself() -> None:
    assert _texts("He is charged in connection with the August 14 shooting death of a man.") == [
        "August 14"]
    assert _texts("Authorities are investigating a Thursday evening homicide.") == [
        "Thursday evening"]


def test_a_week_is_narrowed_to_the_day_named_nearby() -> None:
    from geomap.events.dating import narrow_date

    text = ("A man was shot and killed in Berlin last week.\n"
            "Officers were called to the home on Tuesday night.")
    sentences = split_sentences(text)
    published = date(2015, 8, 7)  # a Friday
    draft = Draft(sentences=[0], date=date(2015, 7, 31), precision="week")
    narrow_date(draft, [draft], sentences, published)
    assert (draft.date, draft.precision) == (date(2015, 8, 4), "day")


def test_a_statement_about_when_it_happened_dates_the_incident() -> None:
    assert _texts("The Sheriff's Office says it happened late Saturday night at a home.") == [
        "late Saturday night"]


def test_a_lede_dating_a_later_step_takes_the_incident_day_from_the_next_paragraph() -> None:
    from geomap.events.dates import DateExpression
    from geomap.events.dating import lede_incident_date

    text = ("The family of a 10-year-old boy was in disbelief Saturday as they mourned his death.\n"
            "The shooting happened Friday at about 9:45 p.m. at an apartment.\n"
            "Five people were shot early Thursday at a party.")

    def expr(word: str) -> DateExpression:
        at = text.index(word)
        return DateExpression(at, at + len(word), word, "weekday")

    lede = Draft(sentences=[0], date=date(2016, 6, 4), precision="day", expr=expr("Saturday"))
    later = Draft(sentences=[1], date=date(2016, 6, 3), precision="day", expr=expr("Friday"))
    lede_incident_date(lede, [lede, later], text, date(2016, 6, 4))
    assert lede.date == date(2016, 6, 3)  # "mourned Saturday" is a later step: not the day
    # a lede whose date is the incident's own keeps it
    first = Draft(sentences=[2], date=date(2016, 6, 2), precision="day", expr=expr("early Thursday"))
    before = Draft(sentences=[1], date=date(2016, 6, 1), precision="day", expr=expr("Friday"))
    lede_incident_date(first, [first, before], text, date(2016, 6, 4))
    assert first.date == date(2016, 6, 2)


def test_incident_language_between_a_state_and_a_date_dates_the_incident() -> None:
    assert _texts("Two teens are recovering after they were shot Saturday night near the fair.") == [
        "Saturday night"]
    assert _texts("A man who shot two was arrested Thursday after the shooting.") == []


def test_a_death_from_injuries_dates_the_death_not_the_wounding() -> None:
    assert _texts("The man injured in a shooting died from his injuries Sunday morning.") == []
    assert _texts("Fred Duhart, 38, died early Sunday at a hospital as a result of his injuries.") == []
    # a death from a wound the same sentence dates is the incident's day
    assert _texts("A girl died Saturday of a gunshot wound suffered on Friday.") == [
        "Saturday", "on Friday"]
