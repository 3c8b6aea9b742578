"""Containment: "Bangor, Maine", "Vahdat in Tajikistan", "Kunduz province of Afghanistan",
"X (Y, Z)": the candidates inside the container the text gives win, and a name with no
candidate inside a named area is a place the gazetteer lacks."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.geo import within_km
from geomap.resolve.config import (
    AREA_CONTAINER_BONUS,
    CONTAINER_BONUS,
    CONTAINER_CHAIN_MAX,
    CONTAINER_GAP_CHARS,
    INSIDE_BONUS,
    OUTSIDE_MAX_POPULATION,
    OUTSIDE_NEAR_KM,
)
from geomap.resolve.scoring import Scored, sort_by_score
from geomap.types import Mention, Place

CONTAINER_KINDS = {"country", "admin1", "admin2", "continent", "region"}
"""Kinds of place a text names as another's container."""
_CONTAIN_SEP = re.compile(
    r"^\s*(?:(?:province|district|region|county|parish|state|oblast|governorate|city|town|"
    r"village|area|municipality)\s+)?(?:,|\(|in|of|near|outside|,\s*in)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_PAREN_GROUP = re.compile(r"\s*\([^()\n]{0,60}$")
_LIST_AFTER = re.compile(r"\s*(?:,\s+[A-Z]|(?:,\s*)?(?:and|or)\s)")
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)\s*$")
_OUTSIDE_SEP = re.compile(r"\s*(?:,|\(|,?\s*in|of)\s*(?:the\s+)?$", re.IGNORECASE)
"""Gaps that put a place inside the next name ("X, Y", "X (Y", "X in Y"); "near" and
"outside" only boost a candidate inside, they never make a name a missing place."""
_AREA_KINDS = ("admin1", "admin2")


def inside(place: Place, container: Place) -> bool:
    """Whether the gazetteer's codes put ``place`` inside ``container``."""
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


def container_chain(mentions: Sequence[Mention], text: str, i: int) -> tuple[list[int], bool]:
    """Indexes of the mentions the text gives as the container of mention ``i`` ("X, Y",
    "X in Y", "X (Y, Z)", "X (District, Y, Z)"), and whether they are in parentheses."""
    chain: list[int] = []
    a = mentions[i]
    paren = False
    j = i + 1
    while j < len(mentions) and len(chain) < CONTAINER_CHAIN_MAX:
        b = mentions[j]
        gap = text[mentions[j - 1].end:b.start] if chain else text[a.end:b.start]
        if not chain:
            if len(gap) <= CONTAINER_GAP_CHARS and _CONTAIN_SEP.match(gap):
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


def _boost_inside(scored: list[Scored], containers: list[Scored], boosted: set[int]) -> bool:
    """Boost each candidate inside a container, and that container once; whether any was."""
    hit = False
    for s in scored:
        for c in containers:
            if inside(s.place, c.place):
                s.base += INSIDE_BONUS
                s.notes.append(f"inside {c.place.name}")
                if id(c) not in boosted:
                    boosted.add(id(c))
                    c.base += (AREA_CONTAINER_BONUS if c.place.kind in _AREA_KINDS
                               else CONTAINER_BONUS)
                hit = True
                break
    return hit


def _missing_place(
    mentions: Sequence[Mention], per: list[list[Scored]], text: str, i: int,
    chain: list[int], paren: bool, areas: list[Scored],
) -> bool:
    """Whether mention ``i``, with no candidate inside the admin ``areas`` the text names as
    its container, is a place the gazetteer lacks (not a list, a big place or an area)."""
    if _is_list(mentions, text, i, chain, paren):
        return False
    if not paren and not _OUTSIDE_SEP.match(text, mentions[i].end, mentions[chain[0]].start):
        return False
    if not paren and not all(s.place.population < OUTSIDE_MAX_POPULATION for s in per[i]):
        return False
    # an area itself ("Anamaduwa (Puttalam, North West)": Puttalam is a district): the
    # container is the misread name, not this one
    if any(s.place.kind in _AREA_KINDS for s in per[i]):
        return False
    return not any(
        within_km(s.place.lat, s.place.lon, c.place.lat, c.place.lon, OUTSIDE_NEAR_KM)
        for s in per[i] for c in areas
    )


def apply_containment(
    mentions: Sequence[Mention], per: list[list[Scored]], text: str
) -> dict[int, str]:
    """'X, Y' / 'X in Y' / 'X (Y, Z)': boost the X candidates inside some Y candidate, and the
    Y candidates that contain an X candidate. When the text names an admin area as X's
    container and no X candidate lies inside it ("Pisky, Donetsk" with no Pisky in Donetsk
    oblast), X is a place the gazetteer lacks: returned as {i: container name}, and the area
    is boosted so the event can fall back to it."""
    outside: dict[int, str] = {}
    for i in range(len(mentions) - 1):
        chain, paren = container_chain(mentions, text, i)
        containers = [s for j in chain for s in per[j] if s.place.kind in CONTAINER_KINDS]
        if not containers:
            continue
        boosted: set[int] = set()
        hit = _boost_inside(per[i], containers, boosted)
        areas = [c for c in containers if c.place.kind in _AREA_KINDS]
        if not hit and areas and _missing_place(mentions, per, text, i, chain, paren, areas):
            for c in areas:
                if id(c) not in boosted:
                    boosted.add(id(c))
                    c.base += AREA_CONTAINER_BONUS
            outside[i] = mentions[chain[0]].text
        for j in (i, *chain):
            sort_by_score(per[j])
    return outside
