"""Coherence: a story stays in a region, so candidates near the other mentions' picks gain."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from geomap.gazetteer.normalize import name_key
from geomap.geo import within_km
from geomap.resolve.config import (
    COHERENCE_CANDIDATES,
    COHERENCE_CELL_LAT,
    COHERENCE_CELL_LON,
    COHERENCE_KM,
    COHERENCE_MAX_BONUS,
    COHERENCE_MAX_GROUPS,
    COHERENCE_WEIGHT,
)
from geomap.resolve.scoring import Scored
from geomap.types import Mention, Place


def _cell(place: Place) -> tuple[int, int]:
    return (math.floor(place.lat / COHERENCE_CELL_LAT), math.floor(place.lon / COHERENCE_CELL_LON))


class _Picks:
    """The other mentions' picks, grouped by (name key, place) with a count and bucketed in a
    grid of ``COHERENCE_CELL_LAT`` x ``COHERENCE_CELL_LON`` degrees, so a candidate only looks
    at the groups in its own and the 8 neighbouring cells; the geodesic test is memoised per
    pair of places (see :func:`within_km`)."""

    def __init__(self, groups: dict[tuple[str, str], list]) -> None:
        self.grid: dict[tuple[int, int], list[list]] = defaultdict(list)
        for g in groups.values():
            self.grid[_cell(g[1])].append(g)
        self.near_cache: dict[tuple[str, str], bool] = {}

    def near(self, key: str, place: Place) -> int:
        """Picks within ``COHERENCE_KM`` of ``place``, not counting those of name ``key``."""
        near = 0
        ci, cj = _cell(place)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for key_j, ap, count in self.grid.get((ci + di, cj + dj), ()):
                    if key_j != key and self._close(ap, place):  # also skips its own pick
                        near += count
        return near

    def _close(self, ap: Place, place: Place) -> bool:
        if abs(ap.lat - place.lat) > COHERENCE_CELL_LAT or (
                abs(ap.lon - place.lon) > COHERENCE_CELL_LON):
            return False
        pair = (ap.id, place.id)
        close = self.near_cache.get(pair)
        if close is None:
            close = self.near_cache[pair] = within_km(
                ap.lat, ap.lon, place.lat, place.lon, COHERENCE_KM)
        return close


def _boost(s: Scored, near: int) -> None:
    if near:
        s.context += min(COHERENCE_MAX_BONUS, COHERENCE_WEIGHT * near)
        s.notes.append(f"near {near} other place(s)")


def apply_coherence(
    mentions: Sequence[Mention], per: list[list[Scored]], picks: list[Scored | None]
) -> None:
    """Candidates within ``COHERENCE_KM`` of other mentions' picks (cities only) gain score.

    Near-linear in the number of mentions (a 5,000-place text must not take minutes): see
    :class:`_Picks`; the count is memoised per (name, place), so repeats of a name cost once.
    Same result as comparing every pair; skipped past ``COHERENCE_MAX_GROUPS`` picks.
    """
    keys = [name_key(m.name) for m in mentions]
    groups: dict[tuple[str, str], list] = {}
    for j, p in enumerate(picks):
        if p is not None and p.place.kind in ("city", "admin2"):
            g = groups.setdefault((keys[j], p.place.id), [keys[j], p.place, 0])
            g[2] += 1
    if not groups or len(groups) > COHERENCE_MAX_GROUPS:
        return
    others = _Picks(groups)
    counted: dict[tuple[str, str], int] = {}
    for i, scored in enumerate(per):
        if len(scored) < 2:
            continue
        for s in scored[:COHERENCE_CANDIDATES]:
            if s.place.kind not in ("city", "admin2", "admin1"):
                continue
            memo = (keys[i], s.place.id)
            if memo not in counted:
                counted[memo] = others.near(keys[i], s.place)
            _boost(s, counted[memo])
