"""A candidate's score: the prior (what the name and the place say alone) plus the context the
document adds, and the calibrated confidence of the winner."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from geomap.resolve.candidates import FEATURE_KINDS, feature_names_area
from geomap.resolve.config import (
    ADMIN_SEAT_BONUS,
    BIG_CITY_OVER_AREA,
    CALIBRATION,
    CAPITAL_BONUS,
    CITY_AREA_POPULATION_RATIO,
    CITY_OVER_AREA_MARGIN,
    CODE_PENALTY,
    DEMONYM_MATCH_BONUS,
    FAMOUS_CITY_BONUS,
    FAMOUS_POPULATION,
    FEATURE_KIND_BONUS,
    KIND_PRIOR,
    MARGIN_CAP,
    NAME_TYPE_PRIOR,
    POPULATION_WEIGHT,
    SUPPORT_CAP,
    UNKNOWN_KIND_PRIOR,
    WATER_BONUS,
)
from geomap.types import Mention, Place

# Names that say "a body of water": "X Sea", "X Ocean", "Gulf of X", "Strait of X", ...
_WATER_NAME = re.compile(
    r"\b(?:sea|ocean|gulf|straits?|channel|bay|lake)$|^(?:the\s+)?(?:gulf|sea|straits?|bay|lake)"
    r"\s+of\b",
    re.IGNORECASE,
)


@dataclass
class Scored:
    """One candidate of a mention while the context passes run."""

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


def sort_by_score(scored: list[Scored]) -> None:
    """Best candidate first (stable: equal scores keep their order)."""
    scored.sort(key=lambda x: x.score, reverse=True)


def prior(place: Place, name_type: str, m: Mention) -> float:
    """What the place and the way its name matched say before any context."""
    score = KIND_PRIOR.get(place.kind, UNKNOWN_KIND_PRIOR)
    score += POPULATION_WEIGHT * math.log10(1 + max(place.population, 0))
    score += NAME_TYPE_PRIOR.get(name_type, 0.0)
    if m.kind in ("demonym", "border") and name_type == "demonym":
        score += DEMONYM_MATCH_BONUS
    if m.feature and m.feature in FEATURE_KINDS and place.kind in FEATURE_KINDS[m.feature]:
        score += FEATURE_KIND_BONUS
    if (
        place.feature_class == "H" and _WATER_NAME.search(m.name.strip())
        and not feature_names_area(m.feature)
    ):
        score += WATER_BONUS  # "the Red Sea" is the sea, "Red Sea state" the Sudanese state
    if name_type == "code" and place.kind != "admin1":
        score -= CODE_PENALTY
    fcode = place.feature_code or ""
    if fcode == "PPLC" and name_type != "alternate":
        # national capitals are what news means ("Washington", "Paris"), by their own names:
        # not by an old or foreign one ("Philadelphia" for Amman)
        score += CAPITAL_BONUS
    elif fcode in ("PPLA", "PPLG"):
        score += ADMIN_SEAT_BONUS
    if place.kind == "city" and place.population >= FAMOUS_POPULATION:
        score += FAMOUS_CITY_BONUS
    return score


def prefer_city_over_same_named_area(scored: list[Scored]) -> None:
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
                and city.place.population * CITY_AREA_POPULATION_RATIO >= area.place.population
            ):
                city.prior = max(city.prior, area.prior + CITY_OVER_AREA_MARGIN)
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
                and city.place.population >= BIG_CITY_OVER_AREA
                and city.place.population >= area.place.population
            ):
                city.prior = max(city.prior, area.prior + CITY_OVER_AREA_MARGIN)


def confidence(margin: float, support: float, n: int, part: bool = False) -> float:
    """P(the winner is within 161 km of the truth), see ``config.CALIBRATION``."""
    a, b, c, d, e = CALIBRATION
    z = (a + b * min(margin, MARGIN_CAP) + c * min(support, SUPPORT_CAP)
         + d * math.log(max(n, 1)) + e * part)
    return 1.0 / (1.0 + math.exp(-z))


def softmax(scored: list[Scored]) -> list[float]:
    """The candidates' scores as probabilities."""
    if not scored:
        return []
    top = max(x.score for x in scored)
    ws = [math.exp(min(0.0, x.score - top)) for x in scored]
    total = sum(ws)
    return [w / total for w in ws]
