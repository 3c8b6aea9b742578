"""Coherence: the fast distance test and the boost of candidates near the other picks."""

from __future__ import annotations

import random

from geomap.geo import distance_km, within_km
from geomap.resolve.coherence import apply_coherence
from geomap.resolve.config import COHERENCE_KM
from geomap.resolve.scoring import Scored
from geomap.types import Mention, Place


def test_within_km_agrees_with_the_geodesic_near_the_limit():
    rng = random.Random(7)
    for _ in range(2000):
        lat, lon = rng.uniform(-80, 80), rng.uniform(-179, 179)
        lat2, lon2 = lat + rng.uniform(-2.5, 2.5), lon + rng.uniform(-3, 3)
        limit = rng.choice([50.0, 100.0, COHERENCE_KM])
        assert within_km(lat, lon, lat2, lon2, limit) == (
            distance_km(lat, lon, lat2, lon2) <= limit)


def _city(pid: str, lat: float, lon: float) -> Place:
    return Place(pid, pid, lat, lon, "city", country_code="US")


def test_candidates_near_other_picks_gain_and_a_name_never_supports_itself():
    mentions = [Mention(0, 6, "Dayton", "Dayton"), Mention(10, 16, "Xenia", "Xenia"),
                Mention(20, 26, "Dayton", "Dayton")]
    near_ohio = Scored(_city("dayton-oh", 39.76, -84.19), "name", 1.0)
    far_texas = Scored(_city("dayton-tx", 30.05, -94.89), "name", 1.2)
    xenia = Scored(_city("xenia-oh", 39.68, -83.93), "name", 1.0)
    xenia_far = Scored(_city("xenia-il", 38.63, -88.63), "name", 0.5)
    again = [Scored(far_texas.place, "name", 1.2), Scored(near_ohio.place, "name", 1.0)]
    per = [[far_texas, near_ohio], [xenia, xenia_far], again]
    apply_coherence(mentions, per, [far_texas, xenia, again[0]])
    assert near_ohio.context > 0 and far_texas.context == 0
    assert again[1].context == near_ohio.context  # the repeat counts the same neighbours
    # Xenia's only neighbour is Dayton's pick (Texas, far away): the Dayton picks don't help
    assert xenia.context == 0 and xenia_far.context == 0
