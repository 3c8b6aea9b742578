"""From an article, its toponyms and its relative locations to located, dated, counted events.

How an article becomes events (each step is a rule a reader can check):

1. Sentences (:mod:`.sentences`) that contain a strong violent-incident trigger word (killed,
   clash, explosion, riot, protesters, arrested, ...), or a weak one (attack, shot, fighting,
   bombs, rockets, ...) next to a context word (soldiers, people, gunmen, weapons, ...), are
   *incident sentences*, unless they describe habits rather than an incident ("frequent
   clashes", "often include shootouts", "has been hit by"), threats and plans ("threatened
   to bomb"), accidents, disasters or sport with no violence ("injured in a crash", "the
   two teams will clash again"), or only a decade of history ("killed during a civil war in
   the 1990s": history, not an event — dropped, whatever its numbers).
2. Consecutive incident sentences form one event. A sentence starts a new event when its date
   expression disagrees with the current event's date (e.g. "In May ..." after "Wednesday";
   two named days differ, as ACLED codes one event per day, but "overnight" or "last night"
   may be the day either side of a named day), or
   when it is more than :data:`MAX_GAP` sentences after the current event's last sentence,
   or when the writer says it is another incident ("In a separate incident", "Separately,",
   "Elsewhere,"; ``SEPARATE_INCIDENT`` in :mod:`geomap.lang.en`).
   A sentence with no date joins the current event.
3. Date: the most specific date expression of the event's first dated sentence
   (:mod:`.dates`); with none, the publication date (``date_text`` None, ``date_precision``
   None, noted). "last week"-style dates get precision "day" and a note.
4. ``main``: events dated more than :data:`BACKGROUND_DAYS` days before publication (or by a
   month or year, like "In May", "July last year", "in 2015", that ends that long before) are
   background; of the others the first is the main event (news leads with its main
   incident; the old rule, most sentences, picked follow-ups told at length). If every event
   is background, the most-covered one (most sentences; ties: the first) is main.
5. Location, first that applies:
   a. a relative Location (from the locate stage) whose expression lies in the event's
      sentences; then a town or feature named in the event's sentences (rule b) before a
      relative Location in a sentence next to them; then, for the main event, a relative
      Location whose name the event names;
      it is used as given (precision 2); with several, one with a stated distance ("50 km west
      of X") wins over a vague one ("not far from X"), then the smaller uncertainty;
   b. the most specific resolved toponym in the event's sentences (demonyms excluded):
      city/feature -> precision 1, admin1/admin2, a named sea or other body of water (a
      ``feature`` of class H: "in the Red Sea") or a named border ("the Afghan border",
      placed at the nearest point of that border to the focus country) -> 3, country -> 4,
      multi-country region -> 4 (coarser than a country); ties prefer the focus country and
      the earliest mention;
   c. unless the event is background (history told in passing, often elsewhere), the article's
      own place: its most mentioned town in the focus country (dateline, "Dallas police said";
      ties: the first) -> precision 2, else its most mentioned county/district or
      state/province -> precision 3 (``location_method`` "article_place");
   d. the article's focus country (the country most resolved toponyms lie in) -> precision 4.
   An event with none of these (no resolved toponym, no relative location) is dropped: an event
   without a location cannot be mapped.
   uncertainty_km: city 5 km (8 km over 100,000 inhabitants, 15 km over 1,000,000), feature
   2 km, admin2 50 km, admin1 150 km, border area 50 km, country sqrt(area)/2 (countryinfo
   area; 250 km when unknown), region 1,000 km, body of water :data:`WATER_KM` by its
   GeoNames feature code (ocean 2,000 km, sea 500 km, gulf 300 km, ...).
6. Casualties over the event's sentences with :func:`.numbers.combine_casualties` (the title
   counts for the main event when it is itself an incident sentence); type from :func:`.classify.classify`; actors from
   :func:`.actors.find_actors`; time of day from :func:`.dates.find_time`.
7. Borders: for events located at precision 1-3, the three nearest international borders of
   the location's country (``geomap.locate.borders.nearest_borders``) plus, for each border the article names, the
   distance to it (``named_border``, ``named_in_text=True``), nearest first; one border (an
   unordered pair of countries) appears once; a border named only by the event's own country
   ("the Tajik border" for an event in Tajikistan) names no neighbour and is skipped. At country
   precision (4) distances from a country's centre point would mean nothing, so none are given.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from geomap.errors import GeomapError
from geomap.events._countries import country_facts
from geomap.events.actors import find_actors
from geomap.events.classify import classify
from geomap.events.dates import (
    DateExpression,
    DatePrecision,
    best_date,
    find_date_expressions,
    find_time,
    resolve_date,
)
from geomap.events.numbers import CasualtyClaim, combine_casualties, find_casualty_claims
from geomap.events.sentences import Sentence, split_sentences
from geomap.ingest import safe_id
from geomap.lang.en import (  # noqa: F401  (re-exported: the trigger words live in geomap.lang.en)
    ACCIDENT,
    CONTEXT,
    GENERIC,
    HAPPENED,
    HYPOTHETICAL,
    INCIDENT_NOUN,
    INCIDENT_POSSESSIVE,
    LATER_STEP,
    LATER_STEP_GAP,
    PAGE_DATE_CHAIN,
    PAGE_FURNITURE,
    PAGE_FURNITURE_SPAN,
    REFERS_TO_INCIDENT,
    SEPARATE_INCIDENT,
    SPORT,
    STATUS_WORDS,
    STEP_AFTER_DATE,
    STRONG_TRIGGER,
    VIOLENT,
    VIOLENT_CORE,
    WEAK_TRIGGER,
)
from geomap.types import Article, BorderDistance, Event, Location, Place, Precision, Toponym

MAX_GAP = 3
MAX_INCIDENT_SENTENCES = 1_000
"""Incident sentences read per article: a news report has tens; each costs date and casualty
parsing, so past this a text repeating "... killed ..." stops costing (later ones are ignored)."""
"""An undated incident sentence more than this many sentences after the current event's last
sentence starts a new event."""

NEIGHBOUR_DATE_SPAN = 8
"""Sentences either side of an undated event searched for its day (a lede's date usually comes
within the next few lines; further on, a report tells of later steps)."""

BACKGROUND_DAYS = 14
"""Events whose date range ends more than this many days before publication are background."""

_CITY_KM = ((1_000_000, 15.0), (100_000, 8.0), (0, 5.0))
WATER_KM: dict[str, float] = {
    "OCN": 2000.0, "SEA": 500.0, "GULF": 300.0, "BAY": 200.0, "CHN": 100.0, "STRT": 50.0,
}
"""Rough radius (km) of a named body of water by GeoNames feature code: its gazetteer point is
a convention for a basin hundreds of km across, not where on it something happened."""
_KIND_PRECISION: dict[str, Precision] = {
    "city": 1, "feature": 1, "user": 1, "admin2": 3, "admin1": 3, "country": 4, "region": 4,
    "continent": 4,
}


@dataclass
class _Draft:
    """An event being built: its sentences and its resolved date."""

    sentences: list[int] = field(default_factory=list)
    date: date | None = None
    precision: DatePrecision | None = None
    expr: DateExpression | None = None


def _as_date(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _date_range_end(d: date, precision: DatePrecision) -> date:
    if precision == "week":
        return d + timedelta(days=6)
    if precision == "month":
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    if precision in ("year", "decade"):
        return date(d.year + (9 if precision == "decade" else 0), 12, 31)
    return d


def _compatible(
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


def is_incident_sentence(text: str) -> bool:
    """Whether a sentence reports an incident: a strong trigger, or a weak one with context;
    not habitual wording; not an accident or disaster without violence."""
    if STRONG_TRIGGER.search(text) is None and (
        WEAK_TRIGGER.search(text) is None or CONTEXT.search(text) is None
    ):
        return False
    if GENERIC.search(text) is not None or HYPOTHETICAL.search(text) is not None:
        return False
    core = VIOLENT_CORE.search(text) is not None
    if SPORT.search(text) is not None and not core:
        return False
    return ACCIDENT.search(text) is None or core or VIOLENT.search(text) is not None


def _is_vague(expr: DateExpression) -> bool:
    """Night-time words that may fall either side of midnight."""
    return expr.kind == "overnight" or "night" in expr.text.lower()


def incident_dates(sent: Sentence) -> list[DateExpression]:
    """The date expressions of a sentence that can date its incident: not page furniture
    ("Updated: Jan 6, 2017"), not the date of a later step ("was arrested Thursday in
    connection with the shooting", "police said Monday")."""
    text = sent.text
    exprs = find_date_expressions(text, sent.start)
    if not exprs:
        return exprs
    page_dates = set()
    for m in PAGE_FURNITURE.finditer(text):
        # the first date after the furniture word, and any date chained to it by nothing but
        # numbers, times and punctuation ("Posted: Tuesday, January 20, 2015 10:49 AM EST")
        end = None
        for e in exprs:
            at = e.start - sent.start
            if end is None:
                if 0 <= at - m.start() <= PAGE_FURNITURE_SPAN:
                    page_dates.add(e.start)
                    end = e.end - sent.start
            elif at >= end and PAGE_DATE_CHAIN.fullmatch(text, end, at):
                page_dates.add(e.start)
                end = e.end - sent.start
            elif at >= end:
                break
    steps = [m for m in LATER_STEP.finditer(text)
             if m.group(0).lower() in STATUS_WORDS or INCIDENT_NOUN.search(text)]
    kept: list[DateExpression] = []
    own = [e for e in exprs if e.start not in page_dates
           and INCIDENT_POSSESSIVE.match(text, e.end - sent.start) is not None]
    if own:
        return own  # "in Friday's shooting": the incident's own day
    for e in exprs:
        at = e.start - sent.start
        if e.start in page_dates or STEP_AFTER_DATE.match(text, e.end - sent.start):
            continue
        if any(0 <= at - m.end() <= LATER_STEP_GAP
               and INCIDENT_NOUN.search(text, m.end(), at) is None
               and HAPPENED.search(text, m.end(), at) is None for m in steps):
            continue
        kept.append(e)
    return kept


def _group(sentences: list[Sentence], published: date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    incidents = 0
    for i, sent in enumerate(sentences):
        if not is_incident_sentence(sent.text):
            continue
        incidents += 1
        if incidents > MAX_INCIDENT_SENTENCES:
            break
        found = best_date(incident_dates(sent), published)
        if found is not None and found[2] == "decade":
            continue  # history ("in the 1990s"), not an incident
        new = current is None or SEPARATE_INCIDENT.search(sent.text) is not None
        if not new and current is not None:
            if found is not None and current.date is not None and current.precision is not None:
                vague = _is_vague(found[0]) or (
                    current.expr is not None and _is_vague(current.expr)
                )
                new = not _compatible(
                    current.date, current.precision, found[1], found[2], vague
                )
            elif found is None:
                new = i - current.sentences[-1] > MAX_GAP
        if new:
            current = _Draft()
            drafts.append(current)
        assert current is not None
        current.sentences.append(i)
        if found is not None and current.date is None:
            current.expr, current.date, current.precision = found
    return drafts


def _date_from_reference(draft: _Draft, sentences: list[Sentence], published: date | None) -> None:
    """An undated event takes the date of a sentence that refers to its incident ("The shooting
    happened about 10:30 p.m. Monday"), the nearest such sentence first."""
    first = draft.sentences[0]
    order = sorted(range(len(sentences)), key=lambda j: (abs(j - first), j))
    for j in order:
        sent = sentences[j]
        if REFERS_TO_INCIDENT.search(sent.text) is None:
            continue
        found = best_date(incident_dates(sent), published)
        if found is not None and found[2] != "decade":
            draft.expr, draft.date, draft.precision = found
            return


def _counts_from_article(
    counts: dict[str, int | None], claims: list[CasualtyClaim], draft: _Draft,
    drafts: list[_Draft], sentences: list[Sentence], published: date | None,
) -> dict[str, int | None]:
    """The main event's missing killed / injured figures from the rest of the article: news
    tells one incident's toll across sentences that name no incident ("He later died at the
    hospital", "Two others were wounded"). Sentences of other incidents (another date, "In a
    separate incident") and dated history are left out; figures the event has are kept."""
    others = {i for d in drafts if d is not draft and not _same_incident(d, draft)
              for i in d.sentences}
    mine = set(draft.sentences)
    extra: list[CasualtyClaim] = []
    for j, sent in enumerate(sentences):
        if j in mine or j in others or SEPARATE_INCIDENT.search(sent.text) is not None:
            continue
        claims_here = find_casualty_claims(sent.text, sent.start)
        if not claims_here:
            continue
        dated = best_date(incident_dates(sent), published)
        if dated is not None and draft.date is not None and draft.precision is not None and not (
            _compatible(draft.date, draft.precision, dated[1], dated[2], vague=True)
        ):
            continue  # another day's incident, or history
        extra.extend(claims_here)
    if not extra:
        return counts
    wider = combine_casualties([*claims, *extra])
    return {k: (v if v is not None else wider[k]) if k != "detained" else v
            for k, v in counts.items()}


def _same_incident(a: _Draft, b: _Draft) -> bool:
    """Two drafts that may tell one incident: neither date contradicts the other."""
    if a.date is None or b.date is None or a.precision is None or b.precision is None:
        return True
    return _compatible(a.date, a.precision, b.date, b.precision, vague=True)


def _date_from_neighbours(
    draft: _Draft, drafts: list[_Draft], sentences: list[Sentence], published: date | None
) -> None:
    """An event still undated takes the day named by a nearby sentence outside other incidents
    ("Officers were called to the home Sunday night", "He died Sunday"), the nearest first,
    following sentences before preceding ones: a report dates its lede in the next lines. The
    date must not follow any later-step word (arrest, court, a statement), and be a day."""
    # other incidents' sentences are not searched; other undated drafts may be this incident
    others = {i for d in drafts if d is not draft and d.date is not None for i in d.sentences}
    first = draft.sentences[0]
    order = [j for k in range(1, NEIGHBOUR_DATE_SPAN + 1) for j in (first + k, first - k)
             if 0 <= j < len(sentences) and j not in others]
    for j in [*draft.sentences, *order]:
        sent = sentences[j]
        exprs = [e for e in incident_dates(sent)
                 if e.rank <= 3 and not _after_any_step(sent, e)]
        found = best_date(exprs, published)
        if found is not None:
            draft.expr, draft.date, draft.precision = found
            return


def _narrow_date(
    draft: _Draft, drafts: list[_Draft], sentences: list[Sentence], published: date | None
) -> None:
    """A week or month ("last week", "earlier this month") narrowed to the day that the event's
    own sentences, or nearby ones outside other incidents, name within it ("on Tuesday")."""
    assert draft.date is not None and draft.precision is not None
    start, end = draft.date, _date_range_end(draft.date, draft.precision)
    others = {i for d in drafts if d is not draft for i in d.sentences}
    first = draft.sentences[0]
    order = [j for k in range(1, NEIGHBOUR_DATE_SPAN + 1) for j in (first + k, first - k)
             if 0 <= j < len(sentences) and j not in others]
    for j in [*draft.sentences, *order]:
        sent = sentences[j]
        for e in incident_dates(sent):
            if e.rank > 3 or _after_any_step(sent, e):
                continue
            found = resolve_date(e, published)
            if found is not None and found[1] == "day" and start <= found[0] <= end:
                draft.expr, draft.date, draft.precision = e, found[0], "day"
                return


def _after_any_step(sent: Sentence, expr: DateExpression) -> bool:
    """Whether a later-step word ("said", "arrested", "court") comes shortly before ``expr``."""
    at = expr.start - sent.start
    lo = max(0, at - LATER_STEP_GAP)
    return any(m.end() <= at and HAPPENED.search(sent.text, m.end(), at) is None
               for m in LATER_STEP.finditer(sent.text, lo, at))


def _is_background(draft: _Draft, published: date | None) -> bool:
    if draft.date is None or draft.precision is None:
        return False
    if published is None:
        return draft.precision in ("month", "year")
    end = _date_range_end(draft.date, draft.precision)
    return (published - end).days > BACKGROUND_DAYS


def focus_country(toponyms: Sequence[Toponym]) -> str | None:
    """The country most resolved toponyms lie in (ties: the first mentioned), or None."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for t in toponyms:
        code = t.place.country_code if t.place is not None else None
        if code:
            counts[code.upper()] += 1
            first.setdefault(code.upper(), t.mention.start)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], first[c]))


def _country_uncertainty_km(code: str | None) -> float:
    facts = country_facts(code)
    if facts is None or not facts.area_km2:
        return 250.0
    return round(math.sqrt(facts.area_km2) / 2.0, 1)


def _is_water(place: Place) -> bool:
    return place.kind == "feature" and place.feature_class == "H"


def _place_precision(place: Place) -> Precision:
    return 3 if _is_water(place) else _KIND_PRECISION.get(place.kind, 4)


def _place_uncertainty_km(place: Place) -> float:
    if _is_water(place):
        return WATER_KM.get(place.feature_code or "", 100.0)
    if place.kind in ("city", "user"):
        return next(km for pop, km in _CITY_KM if place.population >= pop)
    return {"feature": 2.0, "admin2": 50.0, "admin1": 150.0, "region": 1000.0,
            "continent": 3000.0}.get(place.kind, _country_uncertainty_km(place.country_code))


def _is_border(t: Toponym) -> bool:
    return t.mention.kind == "border" or t.mention.feature == "border"


def _country_location(code: str, toponyms: Sequence[Toponym], method: str) -> Location | None:
    for t in toponyms:
        p = t.place
        if p is not None and p.kind == "country" and (p.country_code or "").upper() == code:
            return Location(p.name, p.lat, p.lon, 4, _country_uncertainty_km(code), code, method,
                            p.id)
    facts = country_facts(code)
    if facts is None or facts.lat is None or facts.lon is None:
        return None
    return Location(facts.name, facts.lat, facts.lon, 4, _country_uncertainty_km(code), code,
                    method, None)


def _borders_module():
    try:
        from geomap.locate import borders
    except ImportError:  # the borders stage is optional for this stage
        return None
    return borders


def _border_location(t: Toponym, focus: str | None, toponyms: Sequence[Toponym]) -> Location | None:
    """A named border ("the Afghan border") as the nearest point of that border to the focus
    country's centre (precision 3); None without the borders module or a focus country."""
    borders = _borders_module()
    place = t.place
    if borders is None or place is None or not place.country_code or not focus:
        return None
    home = _country_location(focus, toponyms, "focus_country")
    if home is None or place.country_code.upper() == focus:
        return None
    try:
        found = borders.named_border(home.lat, home.lon, place.country_code, other=focus)
    except GeomapError:
        return None
    if found is None:
        return None
    name = f"{found.name}–{borders.country_name(focus)} border"
    return Location(name, found.nearest_lat, found.nearest_lon, 3, 50.0, focus, "border", place.id)


def _relative_rank(loc: Location) -> tuple[int, float, int]:
    """Most informative relative location first: one with a stated distance ("50 km west of
    X") before a vague one ("not far from X"), then the smaller uncertainty, then text order."""
    rel = loc.relative
    has_distance = rel is not None and rel.distance_km is not None
    return (0 if has_distance else 1, loc.uncertainty_km, rel.start if rel is not None else 0)


def _pick_location(
    spans: list[tuple[int, int]], near_spans: list[tuple[int, int]], event_text: str, main: bool,
    toponyms: Sequence[Toponym], relatives: Sequence[Location], focus: str | None,
    background: bool = False,
) -> Location | None:
    def inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
        """Whether ``pos`` lies in one of ``ranges`` (sorted, disjoint): a binary search."""
        i = bisect_right(ranges, (pos, math.inf)) - 1
        return i >= 0 and ranges[i][0] <= pos < ranges[i][1]

    ranked_relatives = sorted(relatives, key=_relative_rank)
    for loc in ranked_relatives:
        if loc.relative is not None and inside(loc.relative.start, spans):
            return loc
    own = _own_toponym_location([t for t in toponyms if inside(t.mention.start, spans)],
                                toponyms, focus)
    if own is not None and own.precision == 1:
        return own  # the event's own town before a relative location in a neighbouring sentence
    for loc in ranked_relatives:
        if loc.relative is not None and inside(loc.relative.start, near_spans):
            return loc
    if main:
        for loc in ranked_relatives:
            if loc.name and re.search(rf"\b{re.escape(loc.name)}\b", event_text):
                return loc
    if own is not None:
        return own
    if focus:
        own = None if background else _article_place(toponyms, focus)
        return own or _country_location(focus, toponyms, "focus_country")
    return None


def _own_toponym_location(
    mine: Sequence[Toponym], toponyms: Sequence[Toponym], focus: str | None
) -> Location | None:
    """The most specific resolved toponym among the event's own mentions (rule 5b)."""
    ranked: list[tuple[tuple, Toponym]] = []
    for t in mine:
        if t.place is None or t.mention.kind == "demonym":
            continue
        precision = 3 if _is_border(t) else _place_precision(t.place)
        order = 5 if t.place.kind in ("region", "continent") else precision
        in_focus = (t.place.country_code or "").upper() == focus
        ranked.append(((order, not in_focus, t.mention.start), t))
    for _, t in sorted(ranked, key=lambda pair: pair[0]):
        place = t.place
        assert place is not None
        if _is_border(t):
            loc = _border_location(t, focus, toponyms)
            if loc is not None:
                return loc
            continue
        if place.kind == "country":
            loc = _country_location((place.country_code or "").upper(), toponyms, "toponym")
            if loc is not None:
                return loc
        return Location(place.name, place.lat, place.lon, _place_precision(place),
                        _place_uncertainty_km(place), place.country_code, "toponym", place.id)
    return None


_ARTICLE_PLACE_KINDS = ("city", "admin2", "admin1")
"""Kinds an article's own place may have, most specific first (a town, then its county or
district, then its state or province)."""


def _article_place(toponyms: Sequence[Toponym], focus: str) -> Location | None:
    """The article's own most specific place in its focus country, for an event whose sentences
    name none: the most mentioned town (a dateline "DALLAS -" and "Dallas police said" both
    count; ties: the first), else county or district, else state or province. Precision 2 for a
    town (the event is in or near it, as far as the article says), 3 for an area."""
    for kind in _ARTICLE_PLACE_KINDS:
        counts: Counter[str] = Counter()
        first: dict[str, Toponym] = {}
        for t in toponyms:
            p = t.place
            if (p is None or p.kind != kind or t.mention.kind == "demonym"
                    or (p.country_code or "").upper() != focus):
                continue
            counts[p.id] += 1
            first.setdefault(p.id, t)
        if counts:
            best = min(counts, key=lambda pid: (-counts[pid], first[pid].mention.start))
            place = first[best].place
            assert place is not None
            precision: Precision = 2 if kind == "city" else 3
            return Location(place.name, place.lat, place.lon, precision,
                            _place_uncertainty_km(place), place.country_code, "article_place",
                            place.id)
    return None


@lru_cache(maxsize=4096)
def _nearest_borders(lat: float, lon: float, side: str | None) -> tuple[BorderDistance, ...]:
    """The three nearest borders of a point, cached: an article's events and a news stream's
    stories share a few places (a town's point), and each query projects border geometry."""
    borders = _borders_module()
    assert borders is not None
    return tuple(borders.nearest_borders(lat, lon, limit=3, country=side))


def event_borders(
    location: Location, toponyms: Sequence[Toponym]
) -> tuple[BorderDistance, ...]:
    """Nearest borders of an event's location, plus the borders the article names, nearest
    first (named ones carry ``named_in_text=True``). Empty at country precision."""
    borders = _borders_module()
    if borders is None or location.precision == 4:
        return ()
    try:
        home = (location.country_code or "").upper()
        # The location's own country, when the border data knows it: a border town's point
        # may fall in the neighbour's generalised polygon (Goma, CD, in Rwanda's).
        side = home if borders.country(home) is not None else None
        found = list(_nearest_borders(location.lat, location.lon, side))
        for code in dict.fromkeys(
            t.place.country_code.upper() for t in toponyms
            if _is_border(t) and t.place is not None and t.place.country_code
        ):
            if code == home:
                continue  # "the Tajik border" seen from Tajikistan names no neighbour
            named = borders.named_border(location.lat, location.lon, country=code)
            if named is not None:
                found.append(named)
    except GeomapError:
        return ()
    merged: dict[frozenset[str | None], BorderDistance] = {}
    for b in found:
        key = frozenset((b.country_code, b.other_country_code))
        old = merged.get(key)
        if old is None:
            merged[key] = b
        elif b.named_in_text and not old.named_in_text:
            merged[key] = b  # as the text names it ("the Afghan border": country_code AF)
    return tuple(sorted(merged.values(), key=lambda b: b.distance_km))


def extract_events(
    article: Article, toponyms: Sequence[Toponym], locations: Sequence[Location]
) -> tuple[Event, ...]:
    """The incidents ``article`` reports, located, dated and counted (rules in the module doc).

    ``toponyms`` are the resolved mentions (``place`` may be None); ``locations`` the relative
    locations of the locate stage. Events are in article order; ids are
    ``<sanitised article id>-<n>``, n from 1.
    """
    text = article.text
    sentences = split_sentences(text)
    published = _as_date(article.published)
    drafts = _group(sentences, published)
    if not drafts:
        return ()
    for draft in drafts:
        if draft.date is None:
            _date_from_reference(draft, sentences, published)
    for draft in drafts:
        if draft.date is None:
            _date_from_neighbours(draft, drafts, sentences, published)
        elif draft.precision in ("week", "month"):
            _narrow_date(draft, drafts, sentences, published)
    relatives = [loc for loc in locations if loc.relative is not None]
    focus = focus_country(toponyms)
    demonyms = {t.mention.text.lower(): t.place.country_code for t in toponyms
                if t.place is not None and t.place.country_code
                and (t.mention.kind == "demonym" or t.place.kind == "country")}

    current = [d for d in drafts if not _is_background(d, published)]
    if current:
        main_draft = current[0]  # news leads with its main incident (the inverted pyramid)
    else:
        main_draft = max(drafts, key=lambda d: (len(d.sentences), -d.sentences[0]))

    events: list[Event] = []
    safe = safe_id(article.id)  # the form ingest keeps unique within a run: unique event ids
    for draft in drafts:
        main = draft is main_draft
        sents = [sentences[i] for i in draft.sentences]
        spans = [(s.start, s.end) for s in sents]
        members = set(draft.sentences)
        near = sorted({
            (sentences[j].start, sentences[j].end)
            for i in draft.sentences for j in (i - 1, i + 1)
            if 0 <= j < len(sentences) and j not in members
        })
        body = " ".join(s.text for s in sents)
        with_title = main and article.title and is_incident_sentence(article.title)
        described = f"{article.title}. {body}" if with_title else body
        notes: list[str] = []

        location = _pick_location(spans, near, body, main, toponyms, relatives, focus,
                                  background=_is_background(draft, published))
        if location is None:
            continue
        if location.method == "focus_country":
            notes.append("location: the article's main country (no place named for this event)")
        elif location.method == "article_place":
            notes.append("location: the article's own place (no place named for this event)")

        claims: list[CasualtyClaim] = []
        if with_title:
            claims.extend(find_casualty_claims(article.title or ""))
        for s in sents:
            claims.extend(find_casualty_claims(s.text, s.start))
        counts = combine_casualties(claims)
        if main and (counts["fatalities"] is None or counts["injured"] is None):
            counts = _counts_from_article(counts, claims, draft, drafts, sentences, published)

        event_date = draft.date
        precision: DatePrecision | None = draft.precision
        date_text = draft.expr.text if draft.expr is not None else None
        if event_date is None:
            event_date = published
            notes.append("date: publication date (no date expression)")
        if precision == "week":
            precision = "day"
            notes.append(f"date approximate ({date_text})")

        event_type, sub_event_type = classify(described)
        actors = find_actors(described, location.country_code or focus, demonyms)
        crowd = {"Riots": "Rioters", "Protests": "Protesters"}.get(event_type)
        if crowd and not any(a.startswith(crowd) for a in actors):
            facts = country_facts(location.country_code or focus)
            actors = (*actors, f"{crowd} ({facts.name})" if facts else crowd)
        time = next((t for t in (find_time(s.text) for s in sents) if t), None)
        key = sents[0]
        events.append(
            Event(
                event_id=f"{safe}-{len(events) + 1}",
                article_id=article.id,
                event_type=event_type,
                sub_event_type=sub_event_type,
                date=event_date,
                location=location,
                evidence=key.text,
                evidence_start=key.start,
                evidence_end=key.end,
                main=main,
                fatalities=counts["fatalities"],
                injured=counts["injured"],
                detained=counts["detained"],
                time=time,
                actors=actors,
                date_text=date_text,
                date_precision=precision,  # type: ignore[arg-type]  # "decade" never reaches here
                source_url=article.url,
                title=article.title,
                borders=event_borders(location, toponyms),
                notes="; ".join(notes) or None,
            )
        )
    if events and not any(e.main for e in events):
        events[0] = replace(events[0], main=True)  # the main draft had no location
    return tuple(events)
