"""Incident sentences grouped into drafts of events (rule 2 of :mod:`geomap.events.extract`).

A :class:`Draft` is an event being built: its sentences, its date so far, its own place and
why it was split from the previous one. The rules here decide when two sentences, or two
drafts, can tell one incident (dates, places, the writer's cues).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from geomap.events.dates import DateExpression, DatePrecision, best_date
from geomap.events.incidents import (
    incident_dates,
    incident_day_first,
    is_incident_sentence,
    is_vague,
)
from geomap.events.sentences import Sentence
from geomap.geo import distance_km
from geomap.lang import current as _lang
from geomap.locate.event_place import own_toponym_location, relative_rank
from geomap.types import Location, Toponym

MAX_GAP = 3
"""An undated incident sentence more than this many sentences after the current event's last
sentence starts a new event."""

MAX_INCIDENT_SENTENCES = 1_000
"""Incident sentences read per article: a news report has tens; each costs date and casualty
parsing, so past this a text repeating "... killed ..." stops costing (later ones are ignored)."""

BACKGROUND_DAYS = 14
"""Events whose date range ends more than this many days before publication are background."""

MIN_COUNTRY_MENTIONS = 2
"""Toponyms an article must place in a country before a sentence's place there can split an
event off: a name resolved abroad once is more often a misreading than a second front."""

SAME_PLACE_KM = 25.0
"""Two town-level places (precision 1-2) further apart than this are different places: a
sentence reporting a new incident there starts a new event (ACLED codes one event per place;
25 km is the scorers' "within" radius, so a suburb or "near X" stays with X)."""


@dataclass
class Draft:
    """An event being built: its sentences, its resolved date, its own place so far and why it
    was split from the previous one ("first", "cue", "date", "gap", "place")."""

    sentences: list[int] = field(default_factory=list)
    date: date | None = None
    precision: DatePrecision | None = None
    expr: DateExpression | None = None
    place: Location | None = None
    split: str = "first"
    summary: bool = False


def date_range_end(d: date, precision: DatePrecision) -> date:
    if precision == "week":
        return d + timedelta(days=6)
    if precision == "month":
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    if precision in ("year", "decade"):
        return date(d.year + (9 if precision == "decade" else 0), 12, 31)
    return d


def compatible(
    a: date, pa: DatePrecision, b: date, pb: DatePrecision, vague: bool = False
) -> bool:
    """Whether two resolved dates can describe the same incident. Two named days must be the
    same day (ACLED codes one event per day); "overnight" or "last night" (``vague``) may be
    the day before or after; a week, month or year contains the other date."""
    if "year" in (pa, pb):
        return a.year == b.year
    if "month" in (pa, pb):
        return (a.year, a.month) == (b.year, b.month)
    slack = 7 if "week" in (pa, pb) else 1 if vague else 0
    return abs((a - b).days) <= slack


def different_place(a: Location, b: Location) -> bool:
    """Whether two places cannot be one incident's place: other countries, or two towns (or
    points near towns) more than :data:`SAME_PLACE_KM` apart, and further than their
    uncertainties reach ("not far from Dushanbe" may be the border post 50 km west of it). An area and a town in the same
    country may contain each other, so they are not told apart; a country named alone ("a man
    from Mexico", a misread "Dr.") is no incident place to split on."""
    if a.precision == 4 or b.precision == 4:
        return False
    if a.country_code and b.country_code and a.country_code.upper() != b.country_code.upper():
        return True
    return (a.precision <= 2 and b.precision <= 2
            and distance_km(a.lat, a.lon, b.lat, b.lon)
            > max(SAME_PLACE_KM, a.uncertainty_km + b.uncertainty_km))


def apart(a: Location, b: Location) -> bool:
    """Whether two places are clearly not one: :func:`different_place`, or an area and a place
    further apart than their uncertainties reach (the place cannot lie inside the area)."""
    if different_place(a, b):
        return True
    return (a.precision < 4 and b.precision < 4
            and distance_km(a.lat, a.lon, b.lat, b.lon)
            > max(SAME_PLACE_KM, a.uncertainty_km + b.uncertainty_km))


SPLIT_AS_ANOTHER_INCIDENT = frozenset({"place", "cue"})
"""Why a draft was split off that makes it another incident for sure: another place, or the
writer's own cue ("In a separate incident"); a draft split off by a gap may retell the first."""


def same_incident(a: Draft, b: Draft) -> bool:
    """Two drafts that may tell one incident: neither was split off as another place or by the
    writer's cue, their own places are not different places, and neither date contradicts the
    other."""
    if a.split in SPLIT_AS_ANOTHER_INCIDENT or b.split in SPLIT_AS_ANOTHER_INCIDENT:
        return False
    if a.place is not None and b.place is not None and apart(a.place, b.place):
        return False  # same day, another place: another incident (Kabul's wounded are not Kunduz's)
    if a.date is None or b.date is None or a.precision is None or b.precision is None:
        return True
    return compatible(a.date, a.precision, b.date, b.precision, vague=True)


def long_before(
    found: tuple[DateExpression, date, DatePrecision], published: date | None
) -> bool:
    """Whether a month or year borrowed from another sentence ends more than
    :data:`BACKGROUND_DAYS` before publication: such a sentence recalls an earlier incident
    ("This is the same area where two people were shot in January"); an undated lede is news,
    dated by publication. A named day is kept: "The shooting happened Sept. 5" dates a
    follow-up's incident."""
    if published is None or found[2] not in ("month", "year"):
        return False
    return (published - date_range_end(found[1], found[2])).days > BACKGROUND_DAYS


def group_incidents(
    sentences: list[Sentence], published: date | None,
    place_of: Callable[[int], Location | None] | None = None,
) -> list[Draft]:
    """Incident sentences grouped into incidents (rule 2 of the module doc). ``place_of(i)`` is
    the place sentence ``i`` itself names (None: none, or places are not compared)."""
    drafts: list[Draft] = []
    current: Draft | None = None
    incidents = 0
    for i, sent in enumerate(sentences):
        if not is_incident_sentence(sent.text):
            continue
        incidents += 1
        if incidents > MAX_INCIDENT_SENTENCES:
            break
        found = best_date(incident_day_first(sent, incident_dates(sent)), published)
        if found is not None and found[2] == "decade":
            continue  # history ("in the 1990s"), not an incident
        reason = "first" if current is None else (
            "cue" if _lang().SEPARATE_INCIDENT.search(sent.text) is not None else "")
        if not reason and current is not None:
            if found is not None and current.date is not None and current.precision is not None:
                vague = is_vague(found[0]) or (
                    current.expr is not None and is_vague(current.expr)
                )
                if not compatible(current.date, current.precision, found[1], found[2], vague):
                    reason = "date"
            elif found is None and i - current.sentences[-1] > MAX_GAP:
                reason = "gap"
            elif (found is not None and found[2] == "month" and current.date is None
                  and len(drafts) == 1 and long_before(found, published)):
                # an undated lede is news: "shot there in January" recalls another incident (a
                # year, "stabbed his first wife in 1991", is the history of this one's people)
                reason = "date"
        continues = reason != "cue" and _lang().ANAPHORIC.search(sent.text) is not None
        place = place_of(i) if place_of is not None else None
        if (not reason and not continues and place is not None and current is not None
                and current.place is not None and different_place(place, current.place)):
            reason = "place"  # a new incident clause at another place: another event
        if reason:
            previous = current
            current = Draft(split=reason, summary=(
                reason != "cue" and _lang().SUMMARY.search(sent.text) is not None))
            drafts.append(current)
            if (found is None and previous is not None and previous.date is not None
                    and (reason == "place" or previous.summary)):
                # "Hours later, attackers ambushed ..." / "In the first attack, ...": the day
                # of the incident told just before (or of the summary that announced it)
                current.expr, current.date, current.precision = (
                    previous.expr, previous.date, previous.precision)
        assert current is not None
        current.sentences.append(i)
        if found is not None and current.date is None:
            current.expr, current.date, current.precision = found
        if place is not None and (current.place is None or (
                not continues and place.precision < current.place.precision)):
            current.place = place
    # A summary ("killed 23 in two attacks") told one by one afterwards is no event itself.
    return [d for k, d in enumerate(drafts)
            if not (d.summary and k + 1 < len(drafts) and drafts[k + 1].split in ("cue", "place")
                    and all(_lang().SUMMARY.search(sentences[i].text) for i in d.sentences))]


def places_of(
    sentences: list[Sentence], toponyms: Sequence[Toponym], relatives: Sequence[Location],
    focus: str | None,
) -> Callable[[int], Location | None]:
    """The place a sentence itself names, for telling incidents apart: a relative location in
    it (the most informative), else its most specific resolved toponym (rule 5b) that stands
    after a locative preposition ("in Miami", not "Memphis Police said"; none in a sentence
    about a hospital, where the wounded are taken) in a country the
    article names more than once (a lone foreign place is more often a misread name:
    "Whitehaven" night club -> England)."""
    ranked = sorted(relatives, key=relative_rank)
    per_country = Counter((t.place.country_code or "").upper() for t in toponyms
                          if t.place is not None)
    usable = [t for t in toponyms if t.place is not None
              and per_country[(t.place.country_code or "").upper()] >= MIN_COUNTRY_MENTIONS]
    starts = [t.mention.start for t in usable]
    order = sorted(range(len(usable)), key=starts.__getitem__)
    by_start = [usable[k] for k in order]
    sorted_starts = [starts[k] for k in order]

    def place_of(i: int) -> Location | None:
        sent = sentences[i]
        if _lang().HOSPITAL.search(sent.text) is not None:
            return None
        for loc in ranked:
            assert loc.relative is not None
            if sent.start <= loc.relative.start < sent.end:
                return loc
        lo = bisect_right(sorted_starts, sent.start - 1)
        hi = bisect_right(sorted_starts, sent.end - 1)
        located = []
        for t in by_start[lo:hi]:
            at = t.mention.start - sent.start
            if _lang().LOCATIVE.search(sent.text, max(0, at - _lang().LOCATIVE_SPAN), at) is not None:
                located.append(t)
        return own_toponym_location(located, toponyms, focus)

    return place_of
