"""Focus: the countries and first-level areas of the article's confident places (explicitly
named countries and states count most) boost the candidates inside them."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from geomap.gazetteer.normalize import name_key
from geomap.resolve.config import (
    ADMIN1_FOCUS,
    ALTERNATE_FOCUS_DAMP,
    AREA_VOTE,
    COUNTRY_FOCUS,
    DEMONYM_VOTE,
    FAMOUS_DAMP,
    FAMOUS_POPULATION,
    FAMOUS_RATIO,
)
from geomap.resolve.scoring import Scored, softmax
from geomap.types import Mention

_Area = tuple[str, str]
"""(country code, admin1 code)."""
_K = TypeVar("_K", str, _Area)


def _votes(
    scored: list[Scored], weight: float
) -> tuple[dict[str, float], dict[_Area, float]]:
    """One name's votes for the countries and first-level areas of its candidates, weighted by
    their current probability."""
    vc: dict[str, float] = defaultdict(float)
    va: dict[_Area, float] = defaultdict(float)
    for s, p in zip(scored, softmax(scored), strict=True):
        cc = s.place.country_code
        if not cc:
            continue
        # a named country or state says more about the article's focus than a town
        w = weight * (AREA_VOTE if s.place.kind in ("country", "admin1") else 1.0)
        vc[cc] += p * w
        if s.place.admin1_code and s.place.kind != "country":
            va[(cc, s.place.admin1_code)] += p * w
    return vc, va


def _capped_total(votes: Sequence[dict[_K, float]], start: dict[_K, float]) -> dict[_K, float]:
    """Votes summed over names, each name's capped at ``AREA_VOTE``."""
    total: dict[_K, float] = defaultdict(float, start)
    for v in votes:
        for k, x in v.items():
            total[k] += min(x, AREA_VOTE)
    return total


def _famous_namesake(scored: list[Scored]) -> int:
    """Population of the biggest country, state or city the name names by its own name."""
    return max((x.place.population for x in scored if x.name_type in ("name", "ascii")
                and x.place.kind in ("country", "admin1", "city")), default=0)


def _set_context(
    s: Scored, big: int, tot_cc: dict[str, float], tot_a1: dict[_Area, float],
    own_c: dict[str, float], own_a: dict[_Area, float],
) -> None:
    s.context = 0.0
    cc = s.place.country_code
    if not cc:
        return
    damp = ALTERNATE_FOCUS_DAMP if s.name_type == "alternate" else 1.0
    sc = tot_cc.get(cc, 0.0) - min(own_c.get(cc, 0.0), AREA_VOTE)
    s.context += damp * COUNTRY_FOCUS * math.log1p(max(sc, 0.0))
    if s.place.admin1_code and s.place.kind != "country":
        a1 = (cc, s.place.admin1_code)
        sa = tot_a1.get(a1, 0.0) - min(own_a.get(a1, 0.0), AREA_VOTE)
        s.context += damp * ADMIN1_FOCUS * math.log1p(max(sa, 0.0))
    if (
        s.place.kind == "city" and big >= FAMOUS_POPULATION
        and big >= FAMOUS_RATIO * max(s.place.population, 1)
    ):
        # 'Florida' the state, not a hamlet of 2,900 in the article's state
        s.context *= FAMOUS_DAMP


def apply_focus(
    mentions: Sequence[Mention], per: list[list[Scored]], style: dict[str, float] | None = None
) -> None:
    """Country and admin1 focus: every distinct name votes for the countries and first-level
    areas of its candidates, weighted by their current probability; a candidate gains from
    the votes of the *other* names (so one name cannot support itself). ``style`` holds
    votes the text's conventions give a country."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if per[i]:
            groups[name_key(m.name)].append(i)
    votes_cc: dict[str, dict[str, float]] = {}
    votes_a1: dict[str, dict[_Area, float]] = {}
    for key, idxs in groups.items():
        weight = 1.0 if mentions[idxs[0]].kind != "demonym" else DEMONYM_VOTE
        votes_cc[key], votes_a1[key] = _votes(per[idxs[0]], weight)
    tot_cc = _capped_total(list(votes_cc.values()), style or {})
    tot_a1 = _capped_total(list(votes_a1.values()), {})
    for key, idxs in groups.items():
        for i in idxs:
            big = _famous_namesake(per[i])
            for s in per[i]:
                _set_context(s, big, tot_cc, tot_a1, votes_cc[key], votes_a1[key])
