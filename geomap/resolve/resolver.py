"""Toponym resolution.

Every candidate gets a *prior* (feature kind, population, how the name matched, feature words
such as "province"; "X Sea"/"Gulf of X" names prefer a body of water; a big city beats a
same-named admin area that is no more populous, "Manchester"), then document context is added
in a few passes:

1. **containment** — "Bangor, Maine", "Vahdat in Tajikistan", "Kunduz province of Afghanistan":
   the candidates inside the container win;
2. **focus** — countries and first-level areas of the article's confident places (explicitly
   named countries and states count most) boost candidates inside them; a demonym right before
   a name ("the Tajik capital Dushanbe") does the same;
3. **coherence** — candidates near other chosen places (within 200 km) are boosted.

A small city's focus boost is halved when a same-named place of 1M+ is 1,000 times bigger
("Florida" in a New York story stays the state). A name the gazetteer lacks is resolved by its
parts (all parts of the longest length that has entries compete), kept only near the article's
other places unless the part is a country, first-level area or city of 100,000+.

The confidence is a calibrated estimate of P(the chosen place is within 161 km of the truth):
a logistic function of the winning margin and the context support, fitted on the LGL and
GeoWebNews gold standards (see ``_CALIBRATION``; refit with ``benchmarks/bench_geoparse.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from geomap.errors import InputError
from geomap.gazetteer.normalize import name_key
from geomap.geo import distance_km
from geomap.lang.en import (
    ADJECTIVAL_AREA_SUFFIX,
    COUNTRY_STYLE_CUES,
    LOCAL_AREA_WORDS,
    LOCATIVE_CUE,
    PLACE_AGENCY_AFTER,
    PLACE_CUE,
    SETTLEMENT_WORDS,
)
from geomap.recognize.gazetteer import FEATURE_AFTER, MAX_MENTIONS_PER_NAME
from geomap.types import Candidate, Mention, Place, Toponym

MAX_CANDIDATES = 30
MAX_MENTIONS_PER_PLACE = MAX_MENTIONS_PER_NAME
"""Mentions of one resolved place kept per article (names that differ but resolve alike, such
as "Afghanistan" and "Afghan"); the rest are counted on the last kept one (``Mention.omitted``)."""
_FAMOUS_POPULATION = 1_000_000
_POPULATION_WEIGHT = 0.6
_COHERENCE_WEIGHT = 0.8
_COUNTRY_FOCUS = 1.0
_ADMIN1_FOCUS = 2.5
_AREA_VOTE = 2.0
_STYLE_VOTE = 2.0
"""A country's local-news conventions (``COUNTRY_STYLE_CUES``) vote like a named country."""
_PART_MIN_SUPPORT = 1.0
COHERENCE_KM = 200.0
_COHERENCE_MAX_GROUPS = 1_000
"""Distinct (name, place) picks past which the coherence pass is skipped: such a text is a list,
not a story, and in a dense region the pass grows with the square of the picks."""
_BIG_CITY_OVER_AREA = 250_000
_FAMOUS_RATIO = 1000
"""A same-named place this many times bigger (and of 1M+) halves a small city's focus boost."""
_FAMOUS_DAMP = 0.5

_KIND_PRIOR = {
    "continent": 4.0,
    "country": 4.0,
    "region": 2.5,
    "admin1": 2.0,
    "admin2": 0.6,
    "city": 1.0,
    "feature": 0.5,
    "user": 3.0,
}
_NAME_TYPE_PRIOR = {
    "name": 1.0,
    "ascii": 1.0,
    "abbreviation": 0.8,
    "demonym": 0.8,
    "code": 0.4,
    "alternate": 0.0,
    "part": -0.5,
}
_FEATURE_KINDS = {
    "province": ("admin1",),
    "region": ("admin1", "region"),
    "oblast": ("admin1",),
    "governorate": ("admin1",),
    "prefecture": ("admin1",),
    "state": ("admin1",),
    "district": ("admin2",),
    "county": ("admin2",),
    "parish": ("admin2",),
    "municipality": ("admin2", "city"),
    "borough": ("admin2", "city"),
    "city": ("city",),
    "town": ("city",),
    "village": ("city",),
    "township": ("city",),
    **{w.lower(): kinds for w, kinds in LOCAL_AREA_WORDS.items()},
}
_CONTAINER_KINDS = {"country", "admin1", "admin2", "continent", "region"}
_CONTAIN_SEP = re.compile(
    r"^\s*(?:(?:province|district|region|county|parish|state|oblast|governorate|city|town|"
    r"village|area|municipality)\s+)?(?:,|\(|in|of|near|outside|,\s*in)\s*(?:the\s+)?$",
    re.IGNORECASE,
)

# Names that say "a body of water": "X Sea", "X Ocean", "Gulf of X", "Strait of X", ...
_WATER_NAME = re.compile(
    r"\b(?:sea|ocean|gulf|straits?|channel|bay|lake)$|^(?:the\s+)?(?:gulf|sea|straits?|bay|lake)"
    r"\s+of\b",
    re.IGNORECASE,
)
_WATER_BONUS = 2.0
OUTSIDE_NOTE = "no place of this name in the gazetteer inside"
"""Reason of a toponym the text puts inside an area that has no such place in the gazetteer
(the events stage then locates it at that area)."""

# Logistic calibration of P(within 161 km):
#   z = a + b * min(margin, 6) + c * min(support, 3) + d * ln(candidates) + e * part_of_name
# fitted on the resolved gold spans of LGL and GeoWebNews (8,669 mentions) by
# ``benchmarks/bench_geoparse.py --fit`` (in-sample; see benchmarks/RESULTS.md).
_CALIBRATION = (-0.249, 0.392, 0.545, -0.119, -0.425)


@dataclass
class _Scored:
    place: Place
    name_type: str
    prior: float
    base: float = 0.0
    """Context from the one-off passes (containment, demonym modifiers)."""
    context: float = 0.0
    """Context from the focus passes (recomputed each round)."""
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.prior + self.base + self.context

    @property
    def support(self) -> float:
        return self.base + self.context


class _LookupCache:
    """Per-gazetteer memo of lookups (names repeat within and across documents)."""

    def __init__(self, gazetteer: Any, size: int = 50_000) -> None:
        self.gazetteer = gazetteer
        self.size = size
        self.data: dict[str, list[Candidate]] = {}

    def __call__(self, name: str) -> list[Candidate]:
        key = name_key(name)
        if not key:
            return []
        hit = self.data.get(key)
        if hit is None:
            if len(self.data) >= self.size:
                self.data.clear()
            hit = self.data[key] = self.gazetteer.lookup(key)
        return hit


_STATE_ATTR = "_geomap_geoparse_state"
_fallback_state: list[tuple[Any, dict[str, Any]]] = []


def _state_for(gazetteer: Any) -> dict[str, Any]:
    """Per-gazetteer memo (lookup cache, default recognizer), owned by the gazetteer object
    itself: it lives and dies with that object, so a closed and reopened gazetteer (a new
    object, possibly at the same address) always starts with fresh state. Objects that refuse
    new attributes (``__slots__``) share one module-level slot checked by identity."""
    state = getattr(gazetteer, _STATE_ATTR, None)
    if isinstance(state, dict):
        return state
    state = {}
    try:
        setattr(gazetteer, _STATE_ATTR, state)
    except (AttributeError, TypeError):
        if _fallback_state and _fallback_state[0][0] is gazetteer:
            return _fallback_state[0][1]
        _fallback_state[:] = [(gazetteer, state)]
    return state


def _lookup_for(gazetteer: Any) -> _LookupCache:
    state = _state_for(gazetteer)
    cache = state.get("lookup")
    if cache is None:
        cache = state["lookup"] = _LookupCache(gazetteer)
    return cache


def _variants(m: Mention) -> list[str]:
    """Names to try, best first, for a mention that may carry extra words."""
    out = [m.name]
    name = m.name
    for suffix in ("'s", "’s", "s'", "’"):
        if name.endswith(suffix):
            out.append(name[: -len(suffix)])
    if name.lower().startswith("the "):
        out.append(name[4:])
    if m.feature and m.kind == "feature_phrase":
        out.append(f"{name} {m.feature}")
    words = name.split()
    for n in (1, 2):  # "Kaya commune", "Imaduwa Pradeshiya Sabha"
        if len(words) > n and " ".join(words[-n:]).lower() in _FEATURE_KINDS:
            out.append(" ".join(words[:-n]))
            seat = ADJECTIVAL_AREA_SUFFIX.sub("", out[-1])
            if seat != out[-1]:
                out.append(seat)  # "Korostenska district": the district of Korosten
    if m.feature and m.feature.lower() in _FEATURE_KINDS:
        seat = ADJECTIVAL_AREA_SUFFIX.sub("", name)
        if seat != name:
            out.append(seat)
    return out


_WEAK = "\0"
"""Marks a sub-phrase made only of ordinary English words (see :func:`_sub_phrases`)."""


def _sub_phrases(name: str) -> list[str]:
    """Contiguous word sequences of a multi-word name, longest first, leftmost first
    ("Dubai World Cup" -> ..., "Dubai"; "South Los Angeles" -> "Los Angeles"), skipping
    those made only of ordinary English words ("Royal Street" -> nothing)."""
    from geomap.recognize._words import STOP_NAMES, common_words

    words = name.replace("-", " ").split()
    if len(words) < 2 or len(words) > 8:
        return []
    common = common_words()
    out = []
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i:i + n]
            lows = [w.lower().strip(".,'’") for w in part]
            if not part[0][:1].isupper() or all(w in STOP_NAMES for w in lows):
                continue
            if all(w in common or w in STOP_NAMES for w in lows):
                # an ordinary word counts only as a state's or country's own name
                # ("Colorado State University" -> Colorado, not "Royal Street" -> Royal)
                out.append(_WEAK + " ".join(part))
                continue
            out.append(" ".join(part))
    return out


def _candidates(m: Mention, lookup: _LookupCache) -> list[tuple[Place, str]]:
    best: dict[str, tuple[Place, str]] = {}
    variants = _variants(m)
    part_words = 0  # parts of one length compete together ("Robinson", "Cambridge")
    for variant in variants + _sub_phrases(m.name):
        if variant not in variants:
            n_words = len(variant.split())
            if best and n_words != part_words:
                break
            part_words = n_words
        weak = variant.startswith(_WEAK)
        for cand in lookup(variant.removeprefix(_WEAK)):
            if weak and not (
                cand.place.kind in ("country", "admin1") and cand.name_type in ("name", "ascii")
            ):
                continue
            pid = cand.place.id
            old = best.get(pid)
            name_type = cand.name_type if variant in variants else "part"
            if old is None or _NAME_TYPE_PRIOR.get(name_type, 0) > _NAME_TYPE_PRIOR.get(
                old[1], 0
            ):
                best[pid] = (cand.place, name_type)
        if best and variant in variants:
            break
    return list(best.values())


def _prior(place: Place, name_type: str, m: Mention) -> float:
    score = _KIND_PRIOR.get(place.kind, 0.5)
    score += _POPULATION_WEIGHT * math.log10(1 + max(place.population, 0))
    score += _NAME_TYPE_PRIOR.get(name_type, 0.0)
    if m.kind in ("demonym", "border") and name_type == "demonym":
        score += 2.0
    if m.feature and m.feature in _FEATURE_KINDS and place.kind in _FEATURE_KINDS[m.feature]:
        score += 2.0
    if (
        place.feature_class == "H" and _WATER_NAME.search(m.name.strip())
        and not (m.feature and {"admin1", "admin2"} & set(_FEATURE_KINDS.get(m.feature, ())))
    ):
        score += _WATER_BONUS  # "the Red Sea" is the sea, "Red Sea state" the Sudanese state
    if name_type == "code" and place.kind != "admin1":
        score -= 2.0
    fcode = place.feature_code or ""
    if fcode == "PPLC" and name_type != "alternate":
        # national capitals are what news means ("Washington", "Paris"), by their own names:
        # not by an old or foreign one ("Philadelphia" for Amman)
        score += 1.8
    elif fcode in ("PPLA", "PPLG"):
        score += 0.3
    if place.kind == "city" and place.population >= _FAMOUS_POPULATION:
        score += 0.7
    return score


def _prefer_city_over_same_named_area(scored: list[_Scored]) -> None:
    """'Dushanbe', 'Paris', 'Mexico City': a big city beats the admin area of the same name
    around it (news means the city far more often)."""
    cities = [s for s in scored if s.place.kind == "city" and s.name_type != "alternate"]
    for area in scored:
        if area.place.kind not in ("admin1", "admin2"):
            continue
        for city in cities:
            if (
                city.place.country_code == area.place.country_code
                and city.place.admin1_code == area.place.admin1_code
                and city.place.population * 10 >= area.place.population
            ):
                city.prior = max(city.prior, area.prior + 0.3)
                break
    # 'Manchester', 'Gaza': a big city beats a first- or second-level area of the same name
    # elsewhere that is no more populous (a Jamaican parish of 62,000, a Mozambican province);
    # the area's kind prior must not outweigh a city at least its size.
    for area in scored:
        if area.place.kind not in ("admin1", "admin2") or area.name_type == "alternate":
            continue
        for city in cities:
            if (
                city.name_type in ("name", "ascii")
                and city.place.population >= _BIG_CITY_OVER_AREA
                and city.place.population >= area.place.population
            ):
                city.prior = max(city.prior, area.prior + 0.3)


def _confidence(margin: float, support: float, n: int, part: bool = False) -> float:
    a, b, c, d, e = _CALIBRATION
    z = a + b * min(margin, 6.0) + c * min(support, 3.0) + d * math.log(max(n, 1)) + e * part
    return 1.0 / (1.0 + math.exp(-z))


def resolve(
    mentions: Sequence[Mention], gazetteer: Any, *, text: str, published: Any = None,
    language: str = "en",
) -> list[Toponym]:
    """One :class:`Toponym` per mention, in the same order; unresolved ones have
    ``place=None`` (never dropped). ``published`` is accepted for future temporal cues.
    In a language other than English, a place's alternate names count as its own names:
    they are the names that language gives it ("Tombouctou" is Timbuktu, the town, not only
    the region named after it; "Исфара" is Isfara)."""
    lookup = _lookup_for(gazetteer)
    local_names = language != "en"
    per: list[list[_Scored]] = []
    for m in mentions:
        cands = _candidates(m, lookup)
        if local_names:
            cands = [(p, "name" if nt == "alternate" else nt) for p, nt in cands]
        scored = [_Scored(p, nt, _prior(p, nt, m)) for p, nt in cands]
        if not (m.feature and set(_FEATURE_KINDS.get(m.feature, ())) & {"admin1", "admin2"}):
            _prefer_city_over_same_named_area(scored)
        scored.sort(key=lambda s: s.score, reverse=True)
        per.append(scored[:MAX_CANDIDATES])

    _apply_dateline(mentions, per, text)
    _apply_agency(mentions, per, text)
    outside = _apply_containment(mentions, per, text)
    _apply_demonym_modifiers(mentions, per, text, lookup)

    style = {cc: _STYLE_VOTE for cc, cue in COUNTRY_STYLE_CUES.items() if cue.search(text)}
    for _round in range(3):
        _apply_focus(mentions, per, style)
        for s in per:
            s.sort(key=lambda x: x.score, reverse=True)
    picks = [s[0] if s else None for s in per]
    _apply_coherence(mentions, per, picks)
    for s in per:
        s.sort(key=lambda x: x.score, reverse=True)

    # one name, one place in an article: a later bare "near Pisky" is the same Pisky
    outside_names = {name_key(mentions[i].name): where for i, where in outside.items()}
    out: list[Toponym] = []
    for i, (m, scored) in enumerate(zip(mentions, per, strict=True)):
        if i not in outside and outside_names and name_key(m.name) in outside_names and not any(
            "inside " in note for s in scored[:1] for note in s.notes
        ):
            outside[i] = outside_names[name_key(m.name)]
        if i in outside:
            out.append(Toponym(
                m, None, 0.0,
                f"{OUTSIDE_NOTE} {outside[i]}" + (
                    f"; same-named places elsewhere: {', '.join(s.place.name for s in scored[:3])}"
                    if scored else ""),
                tuple(s.place for s in scored[:3]),
            ))
            continue
        if not scored:
            out.append(Toponym(m, None, 0.0, "no gazetteer entry for this name"))
            continue
        top = scored[0]
        if top.name_type == "part" and top.support < _PART_MIN_SUPPORT and not (
            top.place.kind in ("country", "admin1") or top.place.population >= 100_000
        ):
            out.append(Toponym(
                m, None, 0.0,
                f"no gazetteer entry for this name; its part {top.place.name!r} is not near "
                "the article's other places",
                tuple(s.place for s in scored[:3]),
            ))
            continue
        margin = top.score - scored[1].score if len(scored) > 1 else 6.0
        conf = _confidence(margin, top.support, len(scored), top.name_type == "part")
        how = "part-of-name" if top.name_type == "part" else top.name_type
        reason = f"{top.place.kind}, pop {top.place.population:,}, {how} match"
        notes = list(top.notes)
        if top.context >= 1.0 and top.place.country_code:
            where = top.place.country_code
            if top.place.admin1_code and top.place.kind != "country":
                where += f"/{top.place.admin1_code}"
            notes.insert(0, f"article focus {where} (+{top.context:.1f})")
        if notes:
            reason += "; " + "; ".join(dict.fromkeys(notes))
        if len(scored) > 1:
            reason += f"; {len(scored)} candidates, margin {margin:.1f}"
        alts = tuple(s.place for s in scored[1:4])
        out.append(Toponym(m, top.place, round(conf, 3), reason, alts))
    return out


# -- context passes -------------------------------------------------------------------------


def _inside(place: Place, container: Place) -> bool:
    if container.kind == "country":
        return place.country_code == container.country_code and place.kind != "country"
    if container.kind == "admin1":
        return (
            place.country_code == container.country_code
            and place.admin1_code == container.admin1_code
            and place.kind in ("admin2", "city", "feature")
        )
    if container.kind == "admin2":
        return (
            place.country_code == container.country_code
            and place.admin1_code == container.admin1_code
            # a town without a district code may lie in any district of its province
            and place.admin2_code in (container.admin2_code, None)
            and place.kind in ("city", "feature")
        )
    if container.kind in ("continent", "region") and container.members:
        return place.country_code in container.members
    return False


_DATELINE_BONUS = 2.0
_DATELINE_MIN_POPULATION = 500_000
"""A dateline city named alone ("DENVER (CBS4) -", "LAS VEGAS -") is the well-known city of that
name: news style names the state or country after any other ("Shelby, N.Y."). Its biggest
same-named city of this size gains ``_DATELINE_BONUS``, for every mention of the name."""
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\(|—|–|--|-[ \t]|:)")


def _is_dateline(text: str, m: Mention) -> bool:
    """A name opening the text or a line, in capitals or followed by a dateline mark."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start:m.start].strip():
        return False
    caps = m.text.isupper() and len(m.text) > 2
    return caps or _DATELINE_AFTER.match(text, m.end) is not None


def _apply_dateline(mentions: Sequence[Mention], per: list[list[_Scored]], text: str) -> None:
    """See ``_DATELINE_BONUS``; a dateline with its state ("SHELBY, N.Y.") is left to the
    containment pass."""
    names: set[str] = set()
    for i, m in enumerate(mentions[:3]):
        if per[i] and _is_dateline(text, m) and not _container_chain(mentions, text, i)[0]:
            names.add(name_key(m.name))
    for i, m in enumerate(mentions):
        if not names or name_key(m.name) not in names:
            continue
        big = [s for s in per[i] if s.place.kind == "city" and s.name_type in ("name", "ascii")
               and s.place.population >= _DATELINE_MIN_POPULATION]
        if big:
            best = max(big, key=lambda s: s.place.population)
            best.base += _DATELINE_BONUS
            best.notes.append("dateline city")
            per[i].sort(key=lambda x: x.score, reverse=True)


_AGENCY_BONUS = 1.5
"""A name before "police" ("Savannah-Chatham Metropolitan Police", "Dayton police said") is a
town: police forces are a town's (a county's is named "County"); its towns gain this over a
same-named region or state."""


def _apply_agency(mentions: Sequence[Mention], per: list[list[_Scored]], text: str) -> None:
    """See ``_AGENCY_BONUS``."""
    for i, m in enumerate(mentions):
        if per[i] and PLACE_AGENCY_AFTER.match(text, m.end) is not None:
            for s in per[i]:
                if s.place.kind == "city":
                    s.base += _AGENCY_BONUS
                    s.notes.append("its police")
            per[i].sort(key=lambda x: x.score, reverse=True)


_CONTAINER_BONUS = 1.0
"""A container candidate that holds a candidate of the name before it ("Bangor, Maine")."""
_AREA_CONTAINER_BONUS = 2.0
"""An admin area named as a place's container ("X, Donetsk", "X (Ampara, Eastern)"): the text
uses it as an area, so it beats the same-named city (Donetsk the oblast, not the city)."""
_OUTSIDE_MAX_POPULATION = 100_000
"""A name with no candidate inside the container the text gives is taken for a place the
gazetteer lacks only when none of its candidates is this big: "Kyiv, Kharkiv" is a list."""
_OUTSIDE_NEAR_KM = 100.0
"""A candidate this close to the named area's point may lie in it under other admin codes (the
gazetteer's codes lag boundary changes), so the name is not taken for a missing place."""
_PAREN_GROUP = re.compile(r"\s*\([^()\n]{0,60}$")
_LIST_AFTER = re.compile(r"\s*(?:,\s+[A-Z]|(?:,\s*)?(?:and|or)\s)")
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)\s*$")
_OUTSIDE_SEP = re.compile(r"\s*(?:,|\(|,?\s*in|of)\s*(?:the\s+)?$", re.IGNORECASE)
"""Gaps that put a place inside the next name ("X, Y", "X (Y", "X in Y"); "near" and
"outside" only boost a candidate inside, they never make a name a missing place."""


def _container_chain(mentions: Sequence[Mention], text: str, i: int) -> tuple[list[int], bool]:
    """Indexes of the mentions the text gives as the container of mention ``i`` ("X, Y",
    "X in Y", "X (Y, Z)", "X (District, Y, Z)"), and whether they are in parentheses."""
    chain: list[int] = []
    a = mentions[i]
    paren = False
    j = i + 1
    while j < len(mentions) and len(chain) < 3:
        b = mentions[j]
        gap = text[mentions[j - 1].end:b.start] if chain else text[a.end:b.start]
        if not chain:
            if len(gap) <= 30 and _CONTAIN_SEP.match(gap):
                paren = "(" in gap
            elif _PAREN_GROUP.match(gap) and gap.rstrip().endswith(","):
                paren = True  # "Palali (Valikamam North, Jaffna, ...)": first part unknown
            else:
                break
        elif not (gap.strip() == "," and (paren or len(chain) < 2)):
            break
        chain.append(j)
        j += 1
    return chain, paren


def _is_list(
    mentions: Sequence[Mention], text: str, i: int, chain: list[int], paren: bool
) -> bool:
    """ "Kyiv, Kharkiv and Odesa", "Harwinton, Bantam, Litchfield": names in a row, not a place
    and its container."""
    if paren or not chain:
        return False
    if i > 0 and mentions[i].start - mentions[i - 1].end <= 6 and _LIST_BEFORE.search(
        text, mentions[i - 1].end, mentions[i].start
    ):
        return True
    return _LIST_AFTER.match(text, mentions[chain[-1]].end) is not None


def _apply_containment(
    mentions: Sequence[Mention], per: list[list[_Scored]], text: str
) -> dict[int, str]:
    """'X, Y' / 'X in Y' / 'X (Y, Z)': boost the X candidates inside some Y candidate, and the
    Y candidates that contain an X candidate. When the text names an admin area as X's
    container and no X candidate lies inside it ("Pisky, Donetsk" with no Pisky in Donetsk
    oblast), X is a place the gazetteer lacks: returned as {i: container name}, and the area
    is boosted so the event can fall back to it."""
    outside: dict[int, str] = {}
    for i in range(len(mentions) - 1):
        chain, paren = _container_chain(mentions, text, i)
        containers = [s for j in chain for s in per[j] if s.place.kind in _CONTAINER_KINDS]
        if not containers:
            continue
        boosted: set[int] = set()
        hit = False
        for s in per[i]:
            for c in containers:
                if _inside(s.place, c.place):
                    s.base += 5.0
                    s.notes.append(f"inside {c.place.name}")
                    if id(c) not in boosted:
                        boosted.add(id(c))
                        c.base += (_AREA_CONTAINER_BONUS if c.place.kind in ("admin1", "admin2")
                                   else _CONTAINER_BONUS)
                    hit = True
                    break
        areas = [c for c in containers if c.place.kind in ("admin1", "admin2")]
        if not hit and areas and not _is_list(mentions, text, i, chain, paren) and (
            paren or _OUTSIDE_SEP.match(text, mentions[i].end, mentions[chain[0]].start)
        ) and (
            paren or all(s.place.population < _OUTSIDE_MAX_POPULATION for s in per[i])
        ) and not any(
            # an area itself ("Anamaduwa (Puttalam, North West)": Puttalam is a district):
            # the container is the misread name, not this one
            s.place.kind in ("admin1", "admin2") for s in per[i]
        ) and not any(
            _within_km(s.place.lat, s.place.lon, c.place.lat, c.place.lon, _OUTSIDE_NEAR_KM)
            for s in per[i] for c in areas
        ):
            for c in areas:
                if id(c) not in boosted:
                    boosted.add(id(c))
                    c.base += _AREA_CONTAINER_BONUS
            outside[i] = mentions[chain[0]].text
        for j in (i, *chain):
            per[j].sort(key=lambda x: x.score, reverse=True)
    return outside


_BEFORE_CONTAINER = re.compile(
    r"([A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,3})(?:\s+(?:"
    + "|".join(SETTLEMENT_WORDS) + r"))?\s*(?:,|\()\s*$"
)


def contained_mentions(
    text: str, mentions: Sequence[Mention], gazetteer: Any
) -> list[Mention]:
    """Place names the recognizer skipped that the text puts inside a named area: "Izium,
    Kharkiv" (Izium is only an alternate name of a small town, so not matched alone), "shelled
    Pravdyne, Kherson" (not in the gazetteer at all). A name is added when a candidate of it lies
    inside the area, or when a place word introduces it ("near", "in", "shelled"); the resolver
    then places it inside the area, or leaves it unresolved with the area as its container."""
    lookup = _lookup_for(gazetteer)
    taken = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    parts = _paren_area_parts(text, taken, lookup)
    out.extend(parts)
    taken.extend((m.start, m.end) for m in parts)
    for y in sorted([*mentions, *parts], key=lambda m: m.start):
        areas = [c.place for c in lookup(y.name) if c.place.kind in ("admin1", "admin2")]
        if not areas or y.kind == "demonym":
            continue
        lo = max(0, y.start - 80)
        found = _BEFORE_CONTAINER.search(text, lo, y.start)
        if found is None:
            continue
        xs, xe = found.start(1), found.end(1)
        name = found.group(1)
        if any(s < xe and xs < e for s, e in taken) or name.lower() in _STOP_CONTAINED:
            continue
        cands = lookup(name)
        inside = any(_inside(c.place, a) for c in cands for a in areas)
        if not inside and (PLACE_CUE.search(text, max(0, xs - 30), xs) is None or "\n" in name):
            continue
        out.append(Mention(xs, xe, name, name, "name", recognizer="containment"))
        taken.append((xs, xe))
    return out


_CUED_NAME = re.compile(r"[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2}")


def cued_alternate_mentions(
    text: str, mentions: Sequence[Mention], gazetteer: Any
) -> list[Mention]:
    """Alternate spellings of small towns right after a locative word ("near Pervomaisk",
    "in Eravur"): the recognizer skips them alone (most are foreign words that collide with
    English), but after "in"/"near" a capitalised word that is no English word or person's
    name is a place. Only names whose gazetteer entries are towns under another main name."""
    from geomap.recognize._words import STREET_WORDS, common_words, first_names, last_names

    lookup = _lookup_for(gazetteer)
    common, first, last = common_words(), first_names(), last_names()
    taken = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    for found in _CUED_NAME.finditer(text):
        xs, xe = found.span()
        if LOCATIVE_CUE.search(text, max(0, xs - 20), xs) is None:
            continue
        if any(s < xe and xs < e for s, e in taken):
            continue
        name = found.group(0)
        low = name.lower()
        if low in common or low in first or low in last or low.split()[-1] in STREET_WORDS:
            continue
        cands = lookup(name)
        if cands and all(c.place.kind == "city" and c.name_type == "alternate" for c in cands):
            out.append(Mention(xs, xe, name, name, "name", recognizer="locative"))
            taken.append((xs, xe))
    return out


_PAREN_PARTS = re.compile(
    r"[A-Za-z'’]\s*\(([A-Z][\w'’ -]{1,30}(?:,\s*[A-Z][\w'’ -]{1,30}){0,3})\)"
)


def _paren_area_parts(text: str, taken: list[tuple[int, int]], lookup: Any) -> list[Mention]:
    """The admin areas of a parenthesised chain after a name ("Kantale (Kantale, Eastern)",
    "Oddamavadi (Batticaloa, Eastern)"): each part that names a first- or second-level area
    is a mention, even an ordinary word ("Eastern", "Northern") the recognizer leaves alone,
    since here it can only be the area."""
    from geomap.recognize._words import common_words

    common = common_words()
    out: list[Mention] = []
    countries: set[str] | None = None
    for found in _PAREN_PARTS.finditer(text):
        pos = found.start(1)
        if "," not in found.group(1):
            continue  # one part ("(Reuters)", "(Texas)") is no chain of areas
        for part in found.group(1).split(","):
            lead = len(part) - len(part.lstrip())
            name = part.strip()
            ps, pe = pos + lead, pos + lead + len(name)
            pos += len(part) + 1
            if not name or any(s < pe and ps < e for s, e in taken):
                continue
            areas = [c.place for c in lookup(name) if c.place.kind in ("admin1", "admin2")]
            if not areas:
                continue
            if name.lower() in common:
                # "Eastern", "Western": only an area of a country the text otherwise names
                if countries is None:
                    countries = {c.place.country_code for s, e in taken
                                 for c in lookup(text[s:e]) if c.place.country_code}
                if not any(a.country_code in countries for a in areas):
                    continue
            out.append(Mention(ps, pe, name, name, "name", recognizer="containment"))
    return out


_STOP_CONTAINED = {"the", "on", "in", "at", "near", "and", "but", "however", "meanwhile"}


def _apply_demonym_modifiers(
    mentions: Sequence[Mention], per: list[list[_Scored]], text: str, lookup: _LookupCache
) -> None:
    """'the Tajik capital Dushanbe', 'French city of Nice': a demonym shortly before a name
    boosts that name's candidates in the demonym's country."""
    for i in range(1, len(mentions)):
        prev, m = mentions[i - 1], mentions[i]
        if prev.kind != "demonym" or not per[i - 1] or m.start - prev.end > 30:
            continue
        if "." in text[prev.end:m.start]:
            continue
        cc = per[i - 1][0].place.country_code
        if not cc:  # "Mediterranean", "European": no country to prefer
            continue
        for s in per[i]:
            if s.place.country_code == cc and s.place.kind != "country":
                s.base += 2.0
                s.notes.append(f"after demonym {prev.text}")


def _softmax(scored: list[_Scored]) -> list[float]:
    if not scored:
        return []
    top = max(x.score for x in scored)
    ws = [math.exp(min(0.0, x.score - top)) for x in scored]
    total = sum(ws)
    return [w / total for w in ws]


def _apply_focus(
    mentions: Sequence[Mention], per: list[list[_Scored]], style: dict[str, float] | None = None
) -> None:
    """Country and admin1 focus: every distinct name votes for the countries and first-level
    areas of its candidates, weighted by their current probability; a candidate gains from
    the votes of the *other* names (so one name cannot support itself)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if per[i]:
            groups[name_key(m.name)].append(i)
    votes_cc: dict[str, dict[str, float]] = {}
    votes_a1: dict[str, dict[tuple[str, str], float]] = {}
    for key, idxs in groups.items():
        scored = per[idxs[0]]
        probs = _softmax(scored)
        vc: dict[str, float] = defaultdict(float)
        va: dict[tuple[str, str], float] = defaultdict(float)
        weight = 1.0 if mentions[idxs[0]].kind != "demonym" else 0.5
        for s, p in zip(scored, probs, strict=True):
            cc = s.place.country_code
            if not cc:
                continue
            # a named country or state says more about the article's focus than a town
            w = weight * (_AREA_VOTE if s.place.kind in ("country", "admin1") else 1.0)
            vc[cc] += p * w
            if s.place.admin1_code and s.place.kind != "country":
                va[(cc, s.place.admin1_code)] += p * w
        votes_cc[key] = vc
        votes_a1[key] = va
    tot_cc: dict[str, float] = defaultdict(float, style or {})
    tot_a1: dict[tuple[str, str], float] = defaultdict(float)
    for vc in votes_cc.values():
        for k, v in vc.items():
            tot_cc[k] += min(v, _AREA_VOTE)
    for va in votes_a1.values():
        for k, v in va.items():
            tot_a1[k] += min(v, _AREA_VOTE)
    for key, idxs in groups.items():
        own_c, own_a = votes_cc[key], votes_a1[key]
        for i in idxs:
            # 'Florida' the state, not a hamlet of 2,900 in the article's state
            big = max((x.place.population for x in per[i] if x.name_type in ("name", "ascii")
                       and x.place.kind in ("country", "admin1", "city")), default=0)
            for s in per[i]:
                s.context = 0.0
                cc = s.place.country_code
                if not cc:
                    continue
                damp = 0.5 if s.name_type == "alternate" else 1.0
                sc = tot_cc.get(cc, 0.0) - min(own_c.get(cc, 0.0), _AREA_VOTE)
                s.context += damp * _COUNTRY_FOCUS * math.log1p(max(sc, 0.0))
                if s.place.admin1_code and s.place.kind != "country":
                    a1 = (cc, s.place.admin1_code)
                    sa = tot_a1.get(a1, 0.0) - min(own_a.get(a1, 0.0), _AREA_VOTE)
                    s.context += damp * _ADMIN1_FOCUS * math.log1p(max(sa, 0.0))
                if (
                    s.place.kind == "city" and big >= _FAMOUS_POPULATION
                    and big >= _FAMOUS_RATIO * max(s.place.population, 1)
                ):
                    s.context *= _FAMOUS_DAMP


_SPHERE_KM = 6371.0088
"""Mean earth radius: great-circle distances are within 0.6 % of the WGS 84 geodesic ones."""


def _within_km(lat1: float, lon1: float, lat2: float, lon2: float, limit_km: float) -> bool:
    """``distance_km(...) <= limit_km``, computing the (slow) geodesic only near the limit."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    approx = 2 * _SPHERE_KM * math.asin(min(1.0, math.sqrt(h)))
    if approx < limit_km * 0.99:
        return True
    if approx > limit_km * 1.01:
        return False
    return distance_km(lat1, lon1, lat2, lon2) <= limit_km


def _apply_coherence(
    mentions: Sequence[Mention], per: list[list[_Scored]], picks: list[_Scored | None]
) -> None:
    """Candidates within COHERENCE_KM of other mentions' picks (cities only) gain score.

    Near-linear in the number of mentions (a 5,000-place text must not take minutes): picks
    are grouped by (name key, place) with a count and bucketed in a 3 x 4 degree grid, so a
    candidate only looks at the groups in its own and the 8 neighbouring cells; the geodesic
    test is memoised per pair of places (see :func:`_within_km`), the count per (name, place).
    Same result as comparing every pair; skipped past ``_COHERENCE_MAX_GROUPS`` picks.
    """
    keys = [name_key(m.name) for m in mentions]
    groups: dict[tuple[str, str], list] = {}
    for j, p in enumerate(picks):
        if p is not None and p.place.kind in ("city", "admin2"):
            g = groups.setdefault((keys[j], p.place.id), [keys[j], p.place, 0])
            g[2] += 1
    if not groups or len(groups) > _COHERENCE_MAX_GROUPS:
        return
    grid: dict[tuple[int, int], list[list]] = defaultdict(list)
    for g in groups.values():
        grid[(math.floor(g[1].lat / 3), math.floor(g[1].lon / 4))].append(g)
    near_cache: dict[tuple[str, str], bool] = {}
    counted: dict[tuple[str, str], int] = {}  # (name key, place): repeats of a name cost once
    for i, scored in enumerate(per):
        if len(scored) < 2:
            continue
        key_i = keys[i]
        for s in scored[:10]:
            if s.place.kind not in ("city", "admin2", "admin1"):
                continue
            memo = counted.get((key_i, s.place.id))
            if memo is not None:
                if memo:
                    s.context += min(2.0, _COHERENCE_WEIGHT * memo)
                    s.notes.append(f"near {memo} other place(s)")
                continue
            near = 0
            ci, cj = math.floor(s.place.lat / 3), math.floor(s.place.lon / 4)
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for key_j, ap, count in grid.get((ci + di, cj + dj), ()):
                        if key_j == key_i:  # also skips mention i's own pick
                            continue
                        if abs(ap.lat - s.place.lat) > 3 or abs(ap.lon - s.place.lon) > 4:
                            continue
                        pair = (ap.id, s.place.id)
                        close = near_cache.get(pair)
                        if close is None:
                            close = near_cache[pair] = _within_km(
                                ap.lat, ap.lon, s.place.lat, s.place.lon, COHERENCE_KM)
                        if close:
                            near += count
            counted[(key_i, s.place.id)] = near
            if near:
                s.context += min(2.0, _COHERENCE_WEIGHT * near)
                s.notes.append(f"near {near} other place(s)")


# -- geoparse -----------------------------------------------------------------------------------

def _default_recognizer(gazetteer: Any) -> Any:
    from geomap.recognize import GazetteerRecognizer

    state = _state_for(gazetteer)
    rec = state.get("recognizer")
    if rec is None:
        rec = state["recognizer"] = GazetteerRecognizer(gazetteer)
    return rec


def mentions_for_spans(
    text: str, spans: Sequence[Sequence[int]], gazetteer: Any
) -> list[Mention]:
    """Mentions for given (start, end) spans, one per span in order; demonyms recognised."""
    lookup = _lookup_for(gazetteer)
    out: list[Mention] = []
    for span in spans:
        start, end = int(span[0]), int(span[1])
        if not 0 <= start <= end <= len(text):
            raise InputError(f"span [{start}, {end}] is outside the text (length {len(text)})")
        surface = text[start:end]
        cands = lookup(surface)
        kind = "name"
        if any(c.name_type == "demonym" for c in cands) and surface[:1].isupper():
            kind = "demonym"
        # a feature word right after the span ("Kunduz province", "Red Sea state") says which
        # kind of place is meant, as for recognised mentions
        fm = FEATURE_AFTER.match(text, end, min(len(text), end + 40))
        feature = fm.group(1).lower() if fm else None
        out.append(Mention(start, end, surface, surface, kind, feature,  # type: ignore[arg-type]
                           recognizer="gold"))
    return out


def geoparse(
    text: str,
    gazetteer: Any,
    *,
    recognizer: Any = None,
    spans: Sequence[Sequence[int]] | None = None,
    published: Any = None,
    language: str = "en",
) -> list[Toponym]:
    """Recognise and resolve the places in ``text``, written in ``language`` (ISO 639-1; see
    :mod:`geomap.lang.identify`). With ``spans``, resolve exactly those spans (one Toponym per
    span, same order) instead of recognising."""
    if spans is not None:
        mentions = mentions_for_spans(text, spans, gazetteer)
    else:
        rec = recognizer if recognizer is not None else _default_recognizer(gazetteer)
        mentions = (rec.recognize(text, language=language) if language != "en"
                    else rec.recognize(text))
        extra = cued_alternate_mentions(text, mentions, gazetteer)
        extra += contained_mentions(text, [*mentions, *extra], gazetteer)
        if extra:
            mentions = sorted([*mentions, *extra], key=lambda m: m.start)
        return cap_per_place(resolve(mentions, gazetteer, text=text, published=published,
                                     language=language))
    return resolve(mentions, gazetteer, text=text, published=published, language=language)


def cap_per_place(toponyms: list[Toponym], limit: int = MAX_MENTIONS_PER_PLACE) -> list[Toponym]:
    """The first ``limit`` toponyms of each resolved place; the others (and what they had
    counted) are added to the last kept one's ``mention.omitted``. Unresolved ones all stay
    (the recognizer already caps each name)."""
    counts: Counter[str] = Counter()
    for t in toponyms:
        if t.place is not None:
            counts[t.place.id] += 1
    if not counts or max(counts.values()) <= limit:
        return toponyms
    kept: list[Toponym] = []
    last: dict[str, int] = {}
    extra: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for t in toponyms:
        if t.place is None:
            kept.append(t)
            continue
        pid = t.place.id
        seen[pid] += 1
        if seen[pid] > limit:
            extra[pid] += 1 + t.mention.omitted
            continue
        last[pid] = len(kept)
        kept.append(t)
    for pid, n in extra.items():
        t = kept[last[pid]]
        kept[last[pid]] = replace(t, mention=replace(t.mention, omitted=t.mention.omitted + n))
    return kept
