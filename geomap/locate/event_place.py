"""Where an event happened: the one place that decides an event's location, its precision and
its uncertainty (ACLED's geo-precision: 1 the town, 2 near a town, 3 an area, 4 the country).

:func:`pick_event_location` takes the event's text spans, the article's resolved toponyms and
the locate stage's relative locations and applies, first that applies (each a rule a reader can
check):

a. a relative location ("50 km west of X", "near X") whose expression lies in the event's
   sentences; then a town or feature named in the event's sentences (b) before a relative
   location in a sentence next to them; then, for the main event, a relative location whose
   name the event names (precision 2; a stated distance beats a vague one, then the smaller
   uncertainty);
b. the most specific resolved toponym in the event's sentences (demonyms and place names that
   name an armed group, "Donetsk rebel positions", excluded): a town the text puts inside a
   named area ("Horlivka, Donetsk") first; city/feature -> precision 1; admin1/admin2, a body
   of water or a named border -> 3; country or multi-country region -> 4. An area named alone
   ("in the Sumy region") is placed at its same-named capital (ACLED's convention); an area
   that stands for a named place the gazetteer lacks inside it ("Pisky, Donetsk") is noted so;
   an area that holds the article's own town ("a southern Indiana man" under "JEFFERSONVILLE,
   Ind. (AP)") gives way to that town (precision 2);
c. unless the event is background, the article's own place: its most mentioned town in the
   focus country (dateline, "Dallas police said") -> precision 2, else its county/district or
   state/province -> 3;
d. the article's focus country -> precision 4.

uncertainty_km: town 5 km (8 km over 100,000 inhabitants, 15 km over 1,000,000), feature 2 km,
admin2 50 km, admin1 150 km, border area 50 km, country sqrt(area)/2, region 1,000 km, body of
water :data:`WATER_KM`. :func:`event_borders` gives the nearest international borders of a
located event (none at country precision).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from geomap.countries import country_facts
from geomap.errors import GeomapError
from geomap.geo import distance_km
from geomap.lang import current
from geomap.resolve.resolver import OUTSIDE_NOTE
from geomap.types import BorderDistance, Location, Place, Precision, Toponym

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


def focus_country(toponyms: Sequence[Toponym], exclude: str | None = None) -> str | None:
    """The country most resolved toponyms lie in (ties: the first mentioned), other than
    ``exclude`` (the other side of a border), or None: the one rule for the article's country."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for t in toponyms:
        code = t.place.country_code if t.place is not None else None
        if code and code.upper() != exclude:
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


def is_border(t: Toponym) -> bool:
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


def relative_rank(loc: Location) -> tuple[int, float, int]:
    """Most informative relative location first: one with a stated distance ("50 km west of
    X") before a vague one ("not far from X"), then the smaller uncertainty, then text order."""
    rel = loc.relative
    has_distance = rel is not None and rel.distance_km is not None
    return (0 if has_distance else 1, loc.uncertainty_km, rel.start if rel is not None else 0)


_LAST_ARTICLE: tuple = ()
"""(toponyms, text, places, without outlets, agency counts) of the last article seen: every event
of an article filters the same toponyms, so doing it once keeps an article linear in its events
(1,000 events x 5,000 mentions took most of a minute). Holding the keys keeps their ids unique."""


def _article_toponyms(
    toponyms: Sequence[Toponym], text: str
) -> tuple[list[Toponym], list[Toponym]]:
    """The article's toponyms that can be places (no street or person) and, of those, the ones
    that are not a news outlet's city; computed once per article (see :data:`_LAST_ARTICLE`)."""
    global _LAST_ARTICLE
    last = _LAST_ARTICLE
    if last and last[0] is toponyms and last[1] is text:
        return last[2], last[3]
    everything = [t for t in toponyms if not _names_a_street_or_person(t, text)]
    places = [t for t in everything if not _names_an_outlet(t, text)]
    _LAST_ARTICLE = (toponyms, text, everything, places, {})
    return everything, places


def _agency_counts(toponyms: Sequence[Toponym], text: str) -> Counter:
    """How often each place is named as the reporting agency's town ("Chicago police"), once
    per article for the filtered toponyms of :func:`_article_toponyms`."""
    last = _LAST_ARTICLE
    memo = last[4] if last and last[3] is toponyms and last[1] is text else None
    if memo is not None and "agency" in memo:
        return memo["agency"]
    counts = Counter(t.place.id for t in toponyms
                     if t.place is not None and _names_an_agency(t, text))
    if memo is not None:
        memo["agency"] = counts
    return counts


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``ranges`` (sorted, disjoint): a binary search."""
    i = bisect_right(ranges, (pos, math.inf)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def pick_event_location(
    spans: list[tuple[int, int]], near_spans: list[tuple[int, int]], event_text: str, main: bool,
    toponyms: Sequence[Toponym], relatives: Sequence[Location], focus: str | None,
    background: bool = False, text: str = "",
) -> Location | None:
    """The event's location (rules in the module doc): a town-level relative location of its
    own sentences (``spans``), its own town, a vaguer relative location of its own, one of a
    neighbouring sentence (``near_spans``), for the main event one named in its text, its own
    area or country, else the article's place or focus country. None: nothing to map."""
    everything, toponyms = _article_toponyms(toponyms, text)
    ranked_relatives = sorted(relatives, key=relative_rank)
    vague: Location | None = None
    for loc in ranked_relatives:
        if loc.relative is not None and _inside(loc.relative.start, spans):
            if loc.precision <= 2:
                return loc
            vague = vague or loc
    own = own_toponym_location([t for t in toponyms if _inside(t.mention.start, spans)],
                                toponyms, focus, text)
    if own is not None and own.precision == 1 and focus:
        own = _agency_town_over_far_town(own, toponyms, text) or own
    if own is not None and own.precision == 1:
        # the event's own town before a relative location in a neighbouring sentence, and
        # before one of its own that only says an area ("near the Ukrainian border")
        return own
    if vague is not None:
        return vague
    for loc in ranked_relatives:
        if loc.relative is not None and _inside(loc.relative.start, near_spans):
            return loc
    if main:
        for loc in ranked_relatives:
            if loc.name and re.search(rf"\b{re.escape(loc.name)}\b", event_text):
                return loc
    if own is not None:
        return _town_for_area(own, toponyms, focus, text, background)
    if focus:
        return _article_location(everything, toponyms, focus, background)
    return None


def _town_for_area(
    own: Location, toponyms: Sequence[Toponym], focus: str | None, text: str, background: bool
) -> Location:
    """The event's own place; for an area of a current event, a town the article places in
    it (a named town, or a local agency's) when there is one."""
    if own.precision == 3 and not background and focus:
        town = _town_inside_area(own, toponyms, focus) or _agency_town_in_area(
            own, toponyms, text)
        if town is not None:
            return town
    return own


def _article_location(
    everything: Sequence[Toponym], toponyms: Sequence[Toponym], focus: str, background: bool
) -> Location | None:
    """An event naming no place of its own: the article's own place (a current event only),
    else its focus country."""
    own = None if background else _article_place(toponyms, focus)
    if not background and (own is None or own.precision == 3):
        # nothing but an outlet names a town ("Houston Chronicle", and "Texas"): a local
        # outlet's town inside the article's area is a better guess than the area
        area = next((t.place for t in toponyms if own is not None and t.place is not None
                     and t.place.id == own.place_id), None)
        town = _article_place(everything, focus, within=area, kinds=("city",))
        own = town or own
    return own or _country_location(focus, toponyms, "focus_country")


def own_toponym_location(
    mine: Sequence[Toponym], toponyms: Sequence[Toponym], focus: str | None, text: str = ""
) -> Location | None:
    """The most specific resolved toponym among the event's own mentions (rule 5b)."""
    ranked: list[tuple[tuple, Toponym]] = []
    for t in mine:
        if t.place is None or t.mention.kind == "demonym" or _names_a_group(t, text) or (
            _names_a_facility(t, text)
        ):
            continue
        precision = 3 if is_border(t) else _place_precision(t.place)
        order = 5 if t.place.kind in ("region", "continent") else precision
        in_focus = (t.place.country_code or "").upper() == focus
        # a place the text puts inside a named area ("Horlivka, Donetsk") is the one meant
        contained = "; inside " in t.reason or _names_an_agency(t, text)
        ranked.append(((order, not contained, not in_focus, t.mention.start), t))
    for _, t in sorted(ranked, key=lambda pair: pair[0]):
        place = t.place
        assert place is not None
        if is_border(t):
            loc = _border_location(t, focus, toponyms)
            if loc is not None:
                return loc
            continue
        if place.kind == "country":
            loc = _country_location((place.country_code or "").upper(), toponyms, "toponym")
            if loc is not None:
                return loc
        seat = _area_seat(t)
        if seat is not None:
            return Location(place.name, seat.lat, seat.lon, 3, _place_uncertainty_km(place),
                            place.country_code, "toponym", place.id,
                            notes=_missing_place_note(t, mine) or
                            f"at the area's capital {seat.name} (no place in it named)")
        return Location(place.name, place.lat, place.lon, _place_precision(place),
                        _place_uncertainty_km(place), place.country_code, "toponym", place.id,
                        notes=_missing_place_note(t, mine))
    return None


_SEAT_CODES = {"admin1": ("PPLA", "PPLC"), "admin2": ("PPLA2", "PPLA", "PPLC")}
"""GeoNames feature codes of an area's capital by the area's kind."""
_SEAT_MIN_POPULATION = 50_000
"""A same-named town this big inside an area is taken for its capital when GeoNames does not
mark one (a village sharing a province's name is not its capital)."""


def _area_seat(t: Toponym) -> Place | None:
    """The capital of an admin area named alone ("in the Sumy region", "Kharkiv oblast"): a
    same-named capital inside it among the toponym's alternatives. ACLED codes an area-level event at
    the area's capital, and a capital is a truer point for "somewhere in X" than a centroid
    (it is where the area's people and its news are)."""
    place = t.place
    if place is None or place.kind not in _SEAT_CODES:
        return None
    same = [alt for alt in t.alternatives
            if alt.kind == "city" and alt.country_code == place.country_code
            and alt.admin1_code == place.admin1_code
            and (place.kind == "admin1" or alt.admin2_code == place.admin2_code)]
    # the capital by its feature code; else the biggest same-named town inside the area
    # (GeoNames codes some capitals as plain PPL: Sumy, Kharkiv)
    seats = [a for a in same if a.feature_code in _SEAT_CODES[place.kind]] or [
        a for a in same if a.population >= _SEAT_MIN_POPULATION]
    return max(seats, key=lambda a: a.population) if seats else None


def _names_a_group(t: Toponym, text: str) -> bool:
    """ "Donetsk rebel positions": the place names an armed group, not the event's place."""
    return bool(text) and current().PLACE_AS_MODIFIER.match(text, t.mention.end) is not None


def _names_a_facility(t: Toponym, text: str) -> bool:
    """ "South Park Village Apartments", "a Palm Beach State College student": a building's or
    street's name, not the event's town (a country or state is kept: "Texas State University"
    still says the state)."""
    if not text or t.place is None or t.place.kind not in ("city", "feature"):
        return False
    if current().FACILITY_AFTER.match(text, t.mention.end) is not None:
        return True
    # "Palm Beach State College": a town's name ending a facility's name after another
    # capitalised word
    words = t.mention.text.split()
    return (len(words) > 1 and current().FACILITY_AFTER.fullmatch(" " + words[-1]) is not None
            and _capitalised_word_before(text, t.mention.start))


AGENCY_TOWN_KM = 150.0
"""A town this far from the town whose police report the event is a same-named place elsewhere
(a neighbourhood's name, "Fernwood", "Humboldt"), not where they work."""


def _agency_town_over_far_town(
    own: Location, toponyms: Sequence[Toponym], text: str
) -> Location | None:
    """The reporting police's town ("Chicago police said") instead of an event town that lies
    far from it, unless the text puts that town in a named area ("Shelby, N.C.")."""
    agency = _agency_counts(toponyms, text)
    if not agency or own.place_id in agency:
        return None
    chosen = next((t for t in toponyms if t.place is not None and t.place.id == own.place_id),
                  None)
    if chosen is None or "; inside " in chosen.reason:
        return None
    best = max(agency, key=lambda pid: agency[pid])
    town = next(t.place for t in toponyms if t.place is not None and t.place.id == best)
    if distance_km(town.lat, town.lon, own.lat, own.lon) <= AGENCY_TOWN_KM:
        return None
    return Location(town.name, town.lat, town.lon, 2, _place_uncertainty_km(town),
                    town.country_code, "article_place", town.id,
                    notes=f"its police; {own.name} is {AGENCY_TOWN_KM:.0f}+ km away")


def _agency_town_in_area(
    area: Location, toponyms: Sequence[Toponym], text: str
) -> Location | None:
    """The reporting police's town ("Jasper police responded") for an event whose clause names
    only its state or county: the town in that state says more."""
    if area.method != "toponym" or area.place_id is None:
        return None
    place = next((t.place for t in toponyms
                  if t.place is not None and t.place.id == area.place_id), None)
    if place is None or place.kind not in ("admin1", "admin2"):
        return None
    named = _agency_counts(toponyms, text)
    towns = {t.place.id: t.place for t in toponyms if t.place is not None and t.place.id in named}
    agency = Counter({pid: n for pid, n in named.items()
                      if towns[pid].country_code == place.country_code
                      and towns[pid].admin1_code == place.admin1_code})
    if not agency:
        return None
    best = max(agency, key=lambda pid: agency[pid])
    town = next(t.place for t in toponyms if t.place is not None and t.place.id == best)
    return Location(town.name, town.lat, town.lon, 2, _place_uncertainty_km(town),
                    town.country_code, "article_place", town.id, notes=f"its police, in {place.name}")


_BLOCK_LOOKBEHIND = 24
"""Characters before a place name searched for "block of" (and a "W." or "North")."""


def _names_a_street_or_person(t: Toponym, text: str) -> bool:
    """ "the 3000 block of Miami" is a street, "Montrell Jackson, 32," a person: not towns.
    A country or state keeps its say ("Kira Texas, 24" is rare; "Georgia, 3" is not)."""
    if not text or t.place is None or t.place.kind not in ("city", "admin2", "feature"):
        return False
    start = t.mention.start
    if current().BLOCK_OF_BEFORE.search(text[max(0, start - _BLOCK_LOOKBEHIND):start]) is not None:
        return True
    return (current().PERSON_AGE_AFTER.match(text, t.mention.end) is not None
            and _capitalised_word_before(text, start)
            and not text[max(0, start - 2):start].strip(" \t").endswith((",", ".")))


_OUTLET_LOOKBEHIND = 16
"""Characters before a place name searched for a broadcaster's call sign ("KPRC 2 ")."""


def _names_an_outlet(t: Toponym, text: str) -> bool:
    """ "the Los Angeles Times reports", "KPRC 2 Houston": a news outlet's city (see
    ``OUTLET_AFTER`` / ``OUTLET_BEFORE``) says where the outlet is, not the event."""
    if not text or t.place is None or t.place.kind not in ("city", "admin2"):
        return False
    start = t.mention.start
    return (current().OUTLET_AFTER.match(text, t.mention.end) is not None
            or current().OUTLET_BEFORE.search(text[max(0, start - _OUTLET_LOOKBEHIND):start]) is not None)


def _capitalised_word_before(text: str, pos: int) -> bool:
    word = text[max(0, pos - 30):pos].split()
    return bool(word) and word[-1][:1].isupper()


def _names_an_agency(t: Toponym, text: str) -> bool:
    """ "Sylvester Police now say": the town whose police report the event."""
    return (bool(text) and t.place is not None and t.place.kind == "city"
            and current().PLACE_AGENCY_AFTER.match(text, t.mention.end) is not None)


_MISSING_PLACE_CHARS = 80
"""How far before an area's mention a place the gazetteer lacks may stand ("Pisky, Donetsk")."""


def _missing_place_note(area: Toponym, mine: Sequence[Toponym]) -> str | None:
    """For an event located at an admin area because the place the text puts inside it is not
    in the gazetteer there ("Pisky, Donetsk"), a note saying so; else None."""
    place = area.place
    if place is None or place.kind not in ("admin1", "admin2"):
        return None
    for t in mine:
        if (t.place is None and t.reason.startswith(OUTSIDE_NOTE)
                and 0 <= area.mention.start - t.mention.end <= _MISSING_PLACE_CHARS):
            return (f"{t.mention.text!r} is not in the gazetteer inside {place.name}; located at "
                    "that area")
    return None


_ARTICLE_PLACE_KINDS = ("city", "admin2", "admin1")
"""Kinds an article's own place may have, most specific first (a town, then its county or
district, then its state or province)."""


def _town_inside_area(
    area: Location, toponyms: Sequence[Toponym], focus: str
) -> Location | None:
    """The article's own town when the event's clause names only an area that holds it
    ("a southern Indiana man ..." under "JEFFERSONVILLE, Ind. (AP)"): the town says more.
    Not when the area stands for a named place the gazetteer lacks ("Pisky, Donetsk")."""
    if area.method != "toponym" or area.place_id is None or (
        area.notes and "not in the gazetteer" in area.notes
    ):
        return None
    place = next((t.place for t in toponyms
                  if t.place is not None and t.place.id == area.place_id), None)
    if place is None or place.kind not in ("admin1", "admin2"):
        return None
    return _article_place(toponyms, focus, within=place, kinds=("city",))


def _article_place(
    toponyms: Sequence[Toponym], focus: str, within: Place | None = None,
    kinds: tuple[str, ...] = _ARTICLE_PLACE_KINDS,
) -> Location | None:
    """The article's own most specific place in its focus country, for an event whose sentences
    name none: the most mentioned town (a dateline "DALLAS -" and "Dallas police said" both
    count; ties: the first), else county or district, else state or province. Precision 2 for a
    town (the event is in or near it, as far as the article says), 3 for an area."""
    for kind in kinds:
        counts: Counter[str] = Counter()
        first: dict[str, Toponym] = {}
        for t in toponyms:
            p = t.place
            if (p is None or p.kind != kind or t.mention.kind == "demonym"
                    or (p.country_code or "").upper() != focus):
                continue
            if within is not None and not (
                p.country_code == within.country_code and p.admin1_code == within.admin1_code
                and (within.kind == "admin1" or p.admin2_code == within.admin2_code)
            ):
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
            if is_border(t) and t.place is not None and t.place.country_code
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
