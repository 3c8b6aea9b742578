"""Incidents: union-find over the links of candidates blocked by date window and H3 cell.

Each event is indexed under (day, H3 cell) at three resolutions; an event looks for partners
only among events of lower rank (a no vaguer date and place), within its date window and in the
cells that can hold a point within reach (``far_km`` plus both uncertainties), at the finest
resolution where that is a small disk of cells. So the work grows with the events and how many share
a day and a neighbourhood, not with the square of their number.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from geomap.merge.config import DEFAULT_CONFIG, MergeConfig
from geomap.merge.keys import MergeKey
from geomap.merge.link import link_margin

LEVELS = (4, 2, 0)
"""H3 resolutions of the index: ~26 km, ~180 km and ~1,100 km cell edges."""
MAX_RING = 3
"""Largest disk (in rings of cells) searched at one resolution before using a coarser one."""


def _edge_km(res: int) -> float:
    import h3

    return float(h3.average_hexagon_edge_length(res, unit="km"))


class UnionFind:
    """Disjoint sets of strings, with path halving; the root of a set is its smallest member,
    so the sets' names do not depend on the order of the unions."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def incident_id_of(root_event_id: str) -> str:
    """A stable incident id named after the incident's smallest event id."""
    return "inc-" + hashlib.sha1(root_event_id.encode("utf-8")).hexdigest()[:16]


def _rank(k: MergeKey, cfg: MergeConfig) -> tuple[int, float, str]:
    """Of two keys, the one of higher rank searches for the other: the vaguer date, then the
    vaguer place, then the larger id. Its own window and reach then cover the pair's."""
    return (cfg.date_window(k.date_precision), k.uncertainty_km, k.event_id)


@dataclass
class IncidentIndex:
    """Merge keys indexed by (day, H3 cell), linked into incidents by :meth:`resolve`.

    Every pair that can link is tested exactly once, by its higher-ranked key (see
    :func:`_rank`), and links are taken in an order fixed by the set itself: the incidents of
    a set do not depend on the order or the batches its events came in.
    """

    config: MergeConfig = DEFAULT_CONFIG
    keys: dict[str, MergeKey] = field(default_factory=dict)
    uf: UnionFind = field(default_factory=UnionFind)
    _cells: dict[tuple[int, str], list[tuple[int, str]]] = field(
        default_factory=lambda: defaultdict(list))
    _names: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    _max_uncertainty: float = 0.0
    _dated: list[str] = field(default_factory=list)
    _dirty: bool = False
    n_compared: int = 0
    n_links: int = 0

    def add(self, k: MergeKey) -> None:
        """Index ``k`` (a repeated event id is ignored); :meth:`resolve` links it."""
        import h3

        if k.event_id in self.keys:
            return
        self.keys[k.event_id] = k
        self.uf.add(k.event_id)
        self._dirty = True
        if k.day is None or not (math.isfinite(k.lat) and math.isfinite(k.lon)):
            return  # undated or unplaced: its own incident
        self._max_uncertainty = max(self._max_uncertainty, k.uncertainty_km)
        for res in LEVELS:
            self._cells[(res, h3.latlng_to_cell(k.lat, k.lon, res))].append((k.day, k.event_id))
        for name in k.names:
            self._names[name].append((k.day, k.event_id))
        self._dated.append(k.event_id)

    def add_all(self, keys: Iterable[MergeKey]) -> None:
        for k in keys:
            self.add(k)

    def _candidates(self, k: MergeKey) -> Iterator[str]:
        """Ids of indexed keys of lower rank that may link with ``k`` (each cell's keys are
        sorted by day, so a date window is a slice)."""
        import h3

        cfg = self.config
        w = cfg.date_window(k.date_precision)
        # a day-precise key ranks above keys of no larger uncertainty only; a vaguer date may
        # meet a vaguer place
        other_unc = k.uncertainty_km if w == 0 else self._max_uncertainty
        reach = cfg.far_km + k.uncertainty_km + other_unc
        for res in LEVELS:
            ring = math.ceil(reach / (math.sqrt(3) * _edge_km(res))) + 1
            if ring <= MAX_RING:
                break
        if ring <= MAX_RING:
            cells = h3.grid_disk(h3.latlng_to_cell(k.lat, k.lon, res), ring)
        else:  # beyond the coarsest disk: every cell
            cells = [c for (r, c) in self._cells if r == res]
        rank = _rank(k, cfg)
        win = cfg.far_day_gap + 2 * w
        lo_key, hi_key = (k.day - win, ""), (k.day + win, "\uffff")
        for cell in cells:
            posting = self._cells.get((res, cell))
            if not posting:
                continue
            lo = bisect.bisect_left(posting, lo_key)
            hi = bisect.bisect_right(posting, hi_key)
            for _, other in posting[lo:hi]:
                if _rank(self.keys[other], cfg) < rank:
                    yield other

    def _story_candidates(self, k: MergeKey) -> Iterator[str]:
        """Ids of keys sharing a rare name with ``k`` within the story window, of lower
        (date window, id) than ``k``'s: the vaguer date searches, so its window covers both."""
        cfg = self.config
        w = cfg.date_window(k.date_precision)
        win = cfg.story_days + 2 * w
        mine = (w, k.event_id)
        seen: set[str] = set()
        for name in sorted(k.names):
            posting = self._names.get(name, ())
            if len(posting) > cfg.max_name_postings:
                continue
            lo = bisect.bisect_left(posting, (k.day - win, ""))
            hi = bisect.bisect_right(posting, (k.day + win, "\uffff"))
            for _, other in posting[lo:hi]:
                if other not in seen:
                    seen.add(other)
                    if (cfg.date_window(self.keys[other].date_precision), other) < mine:
                        yield other

    def resolve(self) -> None:
        """Link the indexed keys into incidents, from scratch.

        Every candidate pair is scored; links are then taken best first (links of two main
        events, then the others; each by margin, then ids, so the order is the set's own), and a link is refused when it would put two events of one
        article into one incident (an article's events are distinct incidents), or would join
        two incidents that hold main events through a side event (a chain through a report's
        background incident would otherwise join two stories).
        """
        if not self._dirty:
            return
        cfg = self.config
        for postings in (self._names, self._cells):
            for posting in postings.values():
                posting.sort()
        links: list[tuple[int, float, str, str]] = []
        for eid in sorted(self._dated):
            k = self.keys[eid]
            spatial = set(self._candidates(k))
            story = [o for o in self._story_candidates(k) if o not in spatial]
            for other_id in [*sorted(spatial), *story]:
                self.n_compared += 1
                other = self.keys[other_id]
                margin = link_margin(k, other, cfg)
                if margin is not None:
                    side = 2 - k.main - other.main  # main events' links first
                    links.append((side, -margin, min(eid, other_id), max(eid, other_id)))
        links.sort()
        uf = UnionFind()
        articles: dict[str, set[str]] = {}
        for e, k in self.keys.items():
            uf.add(e)
            articles[e] = {k.article_id}
        mains = {e for e, k in self.keys.items() if k.main}
        for side, _, a, b in links:
            ra, rb = uf.find(a), uf.find(b)
            if ra == rb or not articles[ra].isdisjoint(articles[rb]):
                continue
            if side and ra in mains and rb in mains:
                continue  # a side event joins a story; it never bridges two

            uf.union(a, b)
            root = uf.find(a)
            merged = articles.pop(rb if root == ra else ra)
            articles[root] |= merged
            if ra in mains or rb in mains:
                mains.add(root)
        self.uf = uf
        self.n_links = len(links)
        self._dirty = False

    def incidents(self) -> dict[str, str]:
        """event id -> incident id."""
        self.resolve()
        return {e: incident_id_of(self.uf.find(e)) for e in self.keys}

    def members(self) -> dict[str, list[str]]:
        """incident id -> its event ids (sorted)."""
        self.resolve()
        out: dict[str, list[str]] = defaultdict(list)
        for e in sorted(self.keys):
            out[incident_id_of(self.uf.find(e))].append(e)
        return dict(out)

    def source_counts(self) -> dict[str, int]:
        """event id -> how many distinct articles report its incident."""
        self.resolve()
        arts: dict[str, set[str]] = defaultdict(set)
        for e, k in self.keys.items():
            arts[self.uf.find(e)].add(k.article_id)
        return {e: len(arts[self.uf.find(e)]) for e in self.keys}


def assign_incidents(keys: Iterable[MergeKey], config: MergeConfig = DEFAULT_CONFIG
                     ) -> dict[str, tuple[str, int]]:
    """event id -> (incident id, number of articles reporting the incident)."""
    index = IncidentIndex(config)
    index.add_all(keys)
    inc = index.incidents()
    counts = index.source_counts()
    return {e: (inc[e], counts[e]) for e in inc}
