"""Tuned numbers of the cross-article merge, each with the reason it has its value.

Tuned on the GVA news dev set (``$GEOMAP_SHARED_DATA/events/gvc_dev.jsonl``) with
``geomap eval --format merge`` (pairwise precision must stay >= 0.90), from the counts of
linked and unlinked report pairs by cue (dates, distance, type, shared names, wording), never
on single records.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MergeConfig:
    """When two events from different articles are one incident (see :mod:`geomap.merge.link`)."""

    near_km: float = 25.0
    """Points of one town's incident reported from different articles: the town's point, a
    suburb's or a street's lie within 25 km (the reference rule's figure)."""
    far_km: float = 50.0
    """Beyond this (plus both uncertainties) only the story tier links two reports. Wider
    (150 km) gained 0.004 pairwise F1 on the dev set but searched 6 times the area (the
    candidate cells) for every event."""
    coarse_uncertainty_km: float = 60.0
    """An event located only to a region or country (uncertainty above this) is never linked by
    place alone: it needs the wording of a precise pair, so it cannot swallow precise events."""
    day_gap: int = 1
    """Day-precise dates of one incident differ by up to a day across reports (a night shooting
    dated on either side of midnight, "yesterday" counted from the publication day)."""
    far_day_gap: int = 4
    """Up to this many days apart, reports link only on strong wording: follow-ups (a victim died,
    an arrest) are dated from the follow-up's own day by the extraction."""
    week_days: int = 7
    """A week-precise date ("last week") may mean any day of that week."""
    month_days: int = 31
    """A month-precise date ("in March") may mean any day of that month."""
    weak_text: float = 0.10
    """Wording needed when date, place and type agree: a little shared vocabulary keeps two
    shootings in one city on one day apart when their reports share nothing."""
    story_names: int = 3
    """Shared rare names that make two reports one story (a victim's first and last name and a
    street, say); fewer shared names are often just the town and the county."""
    mid_text: float = 0.20
    """Wording needed, with ``story_names`` shared, when one cue disagrees (a day more apart,
    points farther than ``near_km``, another type)."""
    coarse_text: float = 0.30
    """Wording needed, with ``story_names`` shared, when the place or date is coarse or two cues
    disagree."""
    text_alone: float = 0.45
    """Wording that links with one cue off (plus 0.05 per further one) on fewer shared names:
    reports that retell the same sentences."""

    story_days: int = 7
    """Reports that share a story's names and wording link up to this many days apart and at
    any distance: a follow-up dated by its own day, an outlet's dateline town taken for the
    incident's place, are the commonest extraction errors across reports of one incident."""
    story_text: float = 0.40
    """Wording (with ``story_names`` shared) for the story tier above."""
    max_name_postings: int = 400
    """A name carried by more events than this in the set (a big city, a county) is not used
    to find story candidates: it names places, not stories, and would cost a quadratic scan."""

    def date_window(self, precision: str | None) -> int:
        """Days either side a date of this precision may mean (a year: any day of it)."""
        if precision in (None, "day"):
            return 0
        return {"week": self.week_days, "month": self.month_days}.get(precision, 366)


DEFAULT_CONFIG = MergeConfig()
"""The configuration ``geomap run`` and ``geomap export`` use."""
