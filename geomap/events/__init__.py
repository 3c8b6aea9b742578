"""Events: the incidents an article reports, typed, dated, counted, located and measured.

The stage's one entry point is :func:`extract_events`; its parts are small modules that can be
used alone: :mod:`.sentences`, :mod:`.numbers`, :mod:`.dates`, :mod:`.classify`,
:mod:`.actors`, :mod:`.incidents` (incident sentences and their own dates), :mod:`.drafts`
(sentences grouped into incidents), :mod:`.dating` (an event's day when its sentences do not
give it) and :mod:`.extract` (the rules that tie them together, one event per draft).
"""

from geomap.events.extract import extract_events

__all__ = ["extract_events"]
