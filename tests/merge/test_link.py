"""The pairwise decision and the clustering (real keys from real events, no mocks)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from geomap.merge import IncidentIndex, MergeConfig, key_of
from geomap.merge.incidents import Merger, build_incidents
from geomap.merge.link import same_incident
from geomap.types import Event, Location
from tests.merge.synthetic import make_events

CFG = MergeConfig()


def _event(aid: str, lat: float, lon: float, *, unc: float = 5.0, precision: int = 1,
           day: date = date(2016, 3, 4), evidence: str = "A man was shot on Elm Street.",
           title: str | None = None) -> Event:
    loc = Location(name="X", lat=lat, lon=lon, precision=precision,  # type: ignore[arg-type]
                   uncertainty_km=unc, country_code="US")
    return Event(event_id=f"{aid}-1", article_id=aid, event_type="Violence against civilians",
                 sub_event_type="Attack", date=day, location=loc, evidence=evidence,
                 evidence_start=0, evidence_end=len(evidence), main=True, title=title,
                 date_precision="day")


STORY = ("Darnell Kinsey, 19, was shot outside the Lawndale Market on Pulaski Road late Friday, "
         "police said. Kinsey's cousin, Marquita Okafor, said he was walking home.")
OTHER = ("A woman was wounded in a drive-by on Cottage Grove Avenue; Desmond Whitcombe was "
         "arrested nearby by Sergeant Abernathy.")


def test_reports_of_one_story_link_and_other_stories_in_the_town_do_not() -> None:
    a = key_of(_event("a", 41.85, -87.72, title="Teen shot in Lawndale"), STORY)
    b = key_of(_event("b", 41.86, -87.70, title="Kinsey, 19, killed near market"), STORY)
    c = key_of(_event("c", 41.85, -87.71, title="Woman wounded in drive-by",
                      evidence="A woman was wounded in a drive-by on Cottage Grove Avenue."),
               OTHER)
    assert same_incident(a, b, CFG)
    assert not same_incident(a, c, CFG)


def test_a_country_level_event_does_not_swallow_precise_ones() -> None:
    precise = key_of(_event("p", 41.85, -87.72), STORY)
    vague = key_of(_event("v", 39.8, -98.6, unc=1500.0, precision=4,
                          evidence="Shootings were reported across the country."),
                   "Shootings were reported across the country on Friday.")
    assert not same_incident(precise, vague, CFG)
    # ... though a coarse report of the same story (its names) may still join it
    same_story = key_of(_event("s", 39.8, -98.6, unc=1500.0, precision=4), STORY)
    assert same_incident(precise, same_story, CFG)


def test_dates_too_far_apart_never_link() -> None:
    a = key_of(_event("a", 41.85, -87.72), STORY)
    b = key_of(_event("b", 41.85, -87.72, day=date(2016, 3, 20)), STORY)
    assert not same_incident(a, b, CFG)


def test_one_articles_events_stay_apart() -> None:
    e1 = _event("a", 41.85, -87.72)
    e2 = replace(e1, event_id="a-2")
    assert not same_incident(key_of(e1, STORY), key_of(e2, STORY), CFG)


def test_incidents_do_not_depend_on_order_or_batches() -> None:
    pairs = make_events(300, seed=7)
    keys = [key_of(e, t) for e, t in pairs]

    def partition(ks) -> set[frozenset[str]]:
        idx = IncidentIndex()
        idx.add_all(ks)
        return {frozenset(v) for v in idx.members().values()}

    whole = partition(keys)
    shuffled = keys[:]
    random.Random(3).shuffle(shuffled)
    assert partition(shuffled) == whole
    truth = {frozenset(e.event_id for e, _ in pairs if e.article_id.split("-")[0] == i)
             for i in {e.article_id.split("-")[0] for e, _ in pairs}}
    # reports of one incident share names and places: each incident is found whole
    assert all(any(t <= w for w in whole) for t in truth)


def test_merged_record_keeps_the_lowest_fatality_figure_and_notes_the_disagreement() -> None:
    m = Merger()
    a = replace(_event("a", 41.85, -87.72, unc=25.0, precision=2), fatalities=2,
                actors=("Civilians (United States)",))
    b = replace(_event("b", 41.851, -87.721), fatalities=1, actors=("Police Forces of US",))
    m.add([a], STORY)
    m.add([b], STORY)
    merged = m.merged()
    assert {e.incident_id for e in merged} == {merged[0].incident_id}
    assert [e.incident_sources for e in merged] == [2, 2]
    (inc,) = build_incidents(merged)
    assert inc.fatalities == 1 and inc.fatalities_reported == (1, 2)
    assert "disagree" in (inc.notes or "")
    assert inc.location.uncertainty_km == 5.0  # the most precise location
    assert set(inc.actors) == {"Civilians (United States)", "Police Forces of US"}
    assert [s.article_id for s in inc.sources] == ["a", "b"] and inc.n_sources == 2
