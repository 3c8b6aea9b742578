"""Events: the incidents an article reports, typed, dated, counted, located and measured.

The stage's one entry point is :func:`extract_events`; its parts are small modules that can be
used alone: :mod:`.sentences`, :mod:`.numbers`, :mod:`.dates`, :mod:`.classify`,
:mod:`.actors`, :mod:`.incidents` (incident sentences and their own dates), :mod:`.drafts`
(sentences grouped into incidents), :mod:`.dating` (an event's day when its sentences do not
give it) and :mod:`.extract` (the rules that tie them together, one event per draft).
:mod:`.types` is the one list of ACLED's event and sub-event types.

``extract_events`` is imported on first use, so the language modules can read
:mod:`.types` without loading the stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geomap.events.extract import extract_events

__all__ = ["extract_events"]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - module attribute hook (PEP 562)
    if name == "extract_events":
        from geomap.events.extract import extract_events

        return extract_events
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
