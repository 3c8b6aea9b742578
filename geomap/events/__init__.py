"""Events: the incidents an article reports, typed, dated, counted, located and measured.

The stage's one entry point is :func:`extract_events`; its parts are small modules that can be
used alone: :mod:`.sentences`, :mod:`.numbers`, :mod:`.dates`, :mod:`.classify`,
:mod:`.actors` and :mod:`.extract` (the rules that tie them together).
"""

from geomap.events.extract import extract_events

__all__ = ["extract_events"]
