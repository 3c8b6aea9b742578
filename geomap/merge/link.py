"""Whether two events from different articles report one incident: a pairwise decision.

The decision looks at the two keys only (never at the rest of the batch), so the incidents,
the connected components of the links, are the same whatever order or batches the events
come in: two runs on two halves of a set give the incidents of one run on the whole set.

Each cue that disagrees (dates more than a day apart, points farther than ``near_km`` beyond
both uncertainties, different event types) raises the wording the reports must share; a place
known only to a region or country, or a date only to a week or month, never links on its own
(it would swallow every precise event around it), only on the wording of one story.
Beyond the date and distance windows, only one story's names and wording link two reports
(the story tier): extraction errors in date and place are what separate most such reports.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from geomap.geo import to_xy
from geomap.merge.config import MergeConfig
from geomap.merge.keys import MergeKey


def day_gap(a: MergeKey, b: MergeKey, cfg: MergeConfig) -> int | None:
    """Days between the two dates beyond what their precisions allow; None when undated."""
    if a.day is None or b.day is None:
        return None
    slack = cfg.date_window(a.date_precision) + cfg.date_window(b.date_precision)
    return max(0, abs(a.day - b.day) - slack)


@cache
def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def excess_km(a: MergeKey, b: MergeKey) -> float:
    """Geodesic distance (WGS 84; PROJ's C implementation of the algorithm of
    :func:`geomap.geo.distance_km`, which is too slow for a merge's many pairs) between the
    points beyond both events' uncertainty."""
    x1, y1 = to_xy(a.lat, a.lon)
    x2, y2 = to_xy(b.lat, b.lon)
    meters = _geod().inv(x1, y1, x2, y2)[2]
    return max(0.0, meters / 1000.0 - a.uncertainty_km - b.uncertainty_km)


def wording(a: MergeKey, b: MergeKey) -> tuple[float, int]:
    """(similarity in [0, 1], shared rare names) of two reports' wording.

    Half the Jaccard overlap of title and evidence words, half the share of the shorter
    report's rare names found in the other, plus a bonus when they give the same ages.
    """
    words = len(a.words & b.words) / len(a.words | b.words) if a.words and b.words else 0.0
    shared = len(a.names & b.names)
    names = shared / min(len(a.names), len(b.names)) if a.names and b.names else 0.0
    age = 0.1 if a.ages & b.ages else 0.0
    return min(1.0, 0.5 * words + 0.5 * names + age), shared


def same_incident(a: MergeKey, b: MergeKey, cfg: MergeConfig) -> bool:
    """The link decision (see the module docstring)."""
    return link_margin(a, b, cfg) is not None


def link_margin(a: MergeKey, b: MergeKey, cfg: MergeConfig) -> float | None:
    """How far the pair's wording clears what its cues require (>= 0), or None: no link."""
    if a.article_id == b.article_id:
        return None  # one article's events are its own distinct events
    gap = day_gap(a, b, cfg)
    if gap is None or gap > max(cfg.far_day_gap, cfg.story_days):
        return None
    text, shared = wording(a, b)
    if text < cfg.weak_text:
        return None  # the least any link needs: no distance to compute
    far = excess_km(a, b)
    if gap > cfg.far_day_gap or far > cfg.far_km:  # the story tier: one story's names
        if shared >= cfg.story_names and text >= cfg.story_text:
            return text - cfg.story_text
        return None
    coarse = (max(a.uncertainty_km, b.uncertainty_km) > cfg.coarse_uncertainty_km
              or cfg.date_window(a.date_precision) > 0 or cfg.date_window(b.date_precision) > 0)
    disagree = (gap > cfg.day_gap) + (far > cfg.near_km) + (a.event_type != b.event_type)
    if disagree == 0 and not coarse:
        need = cfg.weak_text
    elif shared >= cfg.story_names:
        need = (cfg.mid_text if disagree <= 1 and not coarse else
                cfg.coarse_text if disagree <= 2 else cfg.text_alone)
    elif shared >= 1:
        need = cfg.text_alone + 0.05 * max(0, disagree - 1 + coarse)
    else:
        return None
    return text - need if text >= need else None
