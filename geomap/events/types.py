"""ACLED's event types and sub-event types: the one list of the types geomap codes.

Adding a sub-event type: register it in :data:`SUB_EVENT_TYPES` (with its event type), then
give it trigger words in the language modules' ``TYPE_RULES`` (:mod:`geomap.lang.en`, and
``fr``, ``ru`` where their news says it), in the order the rules are tried; its words must
also make a sentence an incident sentence (``STRONG_TRIGGER`` / ``WEAK_TRIGGER``).
A new event type also gets its ACLED disorder type in :data:`DISORDER_TYPES` (or, when its
sub-event types differ, in :data:`SUB_EVENT_DISORDER_TYPES`).
``tests/events/test_types.py`` checks that every rule names a registered type and that every
registered sub-event type has a disorder type.
This module imports nothing, so the language modules can read it.
"""

from __future__ import annotations

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
RIOTS = "Riots"
PROTESTS = "Protests"
STRATEGIC = "Strategic developments"

EVENT_TYPES: tuple[str, ...] = (BATTLES, EXPLOSIONS, VAC, RIOTS, PROTESTS, STRATEGIC)
"""ACLED's six event types."""

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": BATTLES,
    "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Air/drone strike": EXPLOSIONS,
    "Grenade": EXPLOSIONS,
    "Remote explosive/landmine/IED": EXPLOSIONS,
    "Shelling/artillery/missile attack": EXPLOSIONS,
    "Suicide bomb": EXPLOSIONS,
    "Abduction/forced disappearance": VAC,
    "Attack": VAC,
    "Sexual violence": VAC,
    "Mob violence": RIOTS,
    "Violent demonstration": RIOTS,
    "Peaceful protest": PROTESTS,
    "Protest with intervention": PROTESTS,
    "Arrests": STRATEGIC,
    "Disrupted weapons use": STRATEGIC,
    "Looting/property destruction": STRATEGIC,
    "Other": STRATEGIC,
}
"""Every sub-event type geomap codes -> its ACLED event type."""

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"

DISORDER_TYPES: dict[str, str] = {
    BATTLES: POLITICAL_VIOLENCE, EXPLOSIONS: POLITICAL_VIOLENCE, VAC: POLITICAL_VIOLENCE,
    PROTESTS: DEMONSTRATIONS, STRATEGIC: STRATEGIC,
}
"""ACLED's disorder type of each event type (Riots: by sub-event type, below)."""

SUB_EVENT_DISORDER_TYPES: dict[str, str] = {
    "Violent demonstration": DEMONSTRATIONS, "Mob violence": POLITICAL_VIOLENCE,
    "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    "Protest with intervention": DEMONSTRATIONS,
}
"""Sub-event types whose disorder type is not their event type's (ACLED decides it there)."""

CLASH_IF_ORGANISED = "clash if organised"
"""Placeholder sub-type of a ``TYPE_RULES`` rule: fighting words are Battles / Armed clash when
an organised armed side is named (``ORGANISED_ARMED``) or when nothing marks the text as a
crime story (``CRIME_STORY``); a "shootout" between a gunman and police in a crime story is a
one-sided attack in ACLED's terms and falls through to the next rules
(:func:`geomap.events.classify.classify`)."""

CROWD_VIOLENCE = "crowd violence"
"""Placeholder sub-type: a violent crowd is Riots / Violent demonstration when the text names a
protest (``PROTEST_WORDS``), else Riots / Mob violence (ACLED's rule: no political demand)."""

PLACEHOLDERS: frozenset[str] = frozenset({CLASH_IF_ORGANISED, CROWD_VIOLENCE})
"""Sub-types ``TYPE_RULES`` may name that :func:`geomap.events.classify.classify` decides."""

CROWD_ACTORS: dict[str, str] = {RIOTS: "Rioters", PROTESTS: "Protesters"}
"""Event types whose crowd is always one of the actors (ACLED's actor label)."""
