"""Event confidence: the estimated probability that an event is where and what the text says.

``Event.confidence`` estimates P(the event's point is within 25 km of where the incident
happened **and** its event type is the one a human coder would give), the two things a map
reader takes from a marker. 25 km is ACLED's "near a town" radius; where coders give no type
(accidental and police shootings in the GVA set) only the place counts.

It is a logistic function of what the extractor knows about its own answer:

- how the place was found (``Location.method`` and precision): a town named in the incident's
  own sentences; a point measured from an anchor ("20 km west of X"); an area (district,
  province, border); the article's own town when the incident names none; a country centre;
- the resolver's confidence in that place (or in the anchor of a relative location), itself
  calibrated (README, "Confidence");
- how many distinct places the article names (up to four): each one more is one more the
  event could have taken by mistake (ACLED notes naming one place were right 83 % of the time,
  those naming two or three 58 %; GVA articles naming up to three 83 %, four or more 71 %);
- whether the type came from a rule that matched incident language, or is the fallback
  (Strategic developments / Other) that nothing matched (right 38 % of the time against 80 %).

Whether the date was stated was tried and left out: it carried no information on either set.

The coefficients (``_CALIBRATION``) were fitted on the main events of both development sets
(ACLED notes and GVA news: 2,272 events from 2,330 records) with
``benchmarks/calibrate_events.py``, which also prints the reliability table recorded in
``benchmarks/RESULTS.md``. Only main events have gold; an article's other events get the same
formula. Refit when the extractor changes what it finds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from geomap.lang import is_english
from geomap.types import Event, Toponym

LOCATION_GROUPS = ("town", "relative", "area", "article_place", "country")
"""How an event's place was found, coarse enough to calibrate on a few thousand events."""

_JUDGED_GROUPS = ("town", "relative", "area")

PLACES_CAP = 4
"""Distinct places counted at most: beyond four the share of right events stops falling
(fits with caps of 4, 6, 10 and none: 4 gave the lowest Brier score on both dev sets, and
the smallest loss when fitted on one set and tested on the other)."""

FALLBACK_SUB_TYPE = "Other"
"""The sub-event type :func:`geomap.events.classify.classify` gives when no rule matched."""

_CALIBRATION: dict[str, float] = {
    # intercepts by location group (logit scale)
    "town": 1.26, "relative": 0.02, "area": -0.23, "article_place": 2.20, "country": -1.14,
    # slope on the logit of the resolver's confidence in the place or anchor (town, relative
    # and area only: an article place or a country centre has no mention of its own to judge)
    "place_logit": 0.80,
    # slope on ln(distinct resolved places in the article)
    "places_ln": -1.14,
    "fallback_type": -1.66,
}
"""Logistic coefficients fitted by ``benchmarks/calibrate_events.py --fit`` on the main events
of the ACLED and GVA dev sets pooled (2,272 events; ridge 1.0), rounded to two decimals; refitted
after the issue-11 segmentation, location and date/count branches were merged (the first fit,
on 2,266 events, had town 1.50, relative 0.37, area -0.45, article place 2.59, place logit
0.88, places -1.81). Fitted on one set and tested on the other they lose little (Brier 0.164 on
ACLED from the GVA fit, against 0.159 pooled; 0.129 on GVA from the ACLED fit, against 0.112),
so the features carry over between report styles."""

PLACE_CONFIDENCE_CLIP = (0.05, 0.99)
"""The resolver's confidence is clipped before its logit: beyond these it says nothing more."""


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """What the confidence is computed from (exposed for calibration and tests)."""

    group: str
    place_confidence: float
    places: int
    """Distinct resolved places the article names, 1 to :data:`PLACES_CAP`."""
    fallback_type: bool


def location_group(event: Event) -> str:
    """One of :data:`LOCATION_GROUPS` for the event's location."""
    loc = event.location
    if loc.method == "article_place":
        return "article_place"
    if loc.precision >= 4:
        return "country"
    if loc.method == "relative":
        return "relative"
    if loc.precision == 1:
        return "town"
    return "area"


def _place_confidence(event: Event, toponyms: Sequence[Toponym]) -> float:
    """The resolver's confidence in the place behind the location: the toponym resolved to
    the location's place, or to the anchor of a relative location (best mention)."""
    loc = event.location
    ids = {pid for pid in (loc.place_id, loc.anchor.place_id if loc.anchor else None) if pid}
    best = 0.0
    for t in toponyms:
        if t.place is not None and t.place.id in ids:
            best = max(best, t.confidence)
    if best == 0.0 and ids and not is_english():
        # French and Russian distances are measured from the town a region is named after
        # (geomap.locate._measured_from): the mention resolved to the region judges it
        for t in toponyms:
            if t.place is not None and any(alt.id in ids for alt in t.alternatives):
                best = max(best, t.confidence)
    return best


def event_features(event: Event, toponyms: Sequence[Toponym]) -> EventFeatures:
    group = location_group(event)
    conf = _place_confidence(event, toponyms) if group in _JUDGED_GROUPS else 0.0
    places = len({t.place.id for t in toponyms if t.place is not None})
    return EventFeatures(group, conf, min(max(places, 1), PLACES_CAP),
                         event.sub_event_type == FALLBACK_SUB_TYPE)


def place_logit(features: EventFeatures) -> float:
    """The clipped logit of the place confidence; 0 where the group has no mention to judge."""
    if features.group not in _JUDGED_GROUPS:
        return 0.0
    lo, hi = PLACE_CONFIDENCE_CLIP
    p = min(max(features.place_confidence, lo), hi)
    return math.log(p / (1.0 - p))


def confidence_from(features: EventFeatures, coefficients: dict[str, float] | None = None) -> float:
    """The calibrated probability for ``features`` (``coefficients`` default to the fitted ones)."""
    c = _CALIBRATION if coefficients is None else coefficients
    z = (c[features.group] + c["place_logit"] * place_logit(features)
         + c["places_ln"] * math.log(features.places) + c["fallback_type"] * features.fallback_type)
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def with_confidence(events: Sequence[Event], toponyms: Sequence[Toponym]) -> tuple[Event, ...]:
    """``events`` with their confidence set (called once, at the end of event extraction)."""
    return tuple(replace(e, confidence=confidence_from(event_features(e, toponyms)))
                 for e in events)
