"""ACLED-style event classification from keywords.

The rules run in order; the first that matches decides. Specific weapons come first (a suicide
bomb at a protest is an explosion), then riots and protests, abductions, territorial change,
armed clashes, attacks on civilians, arrests. Choices worth knowing:

- a prison riot, a mob or a lynching is Riots / Mob violence (ACLED codes violent crowds with no
  political demand as mob violence); a riot of protesters is Riots / Violent demonstration;
- an attack on a military or police target (border post, checkpoint, base, soldiers), or any
  text with "clash", "gunfight", "exchange of fire", is Battles / Armed clash, unless it is a
  crime story with no organised armed side (a gunman's "shootout" with police: an attack);
- an attack with civilian victims (tourists, cyclists, villagers, worshippers) or with no
  armed target named is Violence against civilians / Attack;
- arrests with no violence are Strategic developments / Arrests.
- direct fire at armed positions ("small arms", "unspecified weapons", "fired at the
  positions") and offensives are Battles / Armed clash; forces firing at a place with no
  victim named are Shelling; a missile or drone shot down is Disrupted weapons use;
- a crowd fighting without guns or knives ("two groups of people clashed", stones thrown)
  is Riots: Violent demonstration when a protest is named, else Mob violence;
- looting and property destruction with no one hurt are Strategic developments.

The words live in the language modules (:mod:`geomap.lang.en`, ``fr``, ``ru``: ``TYPE_RULES``);
the article's language (:func:`geomap.lang.current`) decides which are read.
"""

from __future__ import annotations

from geomap.events.types import (  # ACLED's vocabulary: the same in every language
    BATTLES,
    CLASH_IF_ORGANISED,
    CROWD_VIOLENCE,
    PROTESTS,
    RIOTS,
    STRATEGIC,
)
from geomap.lang import current


def classify(text: str) -> tuple[str, str]:
    """(event_type, sub_event_type) for the text of an incident's sentences.

    >>> classify("an attack on foreign cycling tourists claimed by IS left four dead")
    ('Violence against civilians', 'Attack')
    """
    lang = current()
    for pattern, event_type, sub_event_type in lang.TYPE_RULES:
        if pattern.search(text):
            if sub_event_type == CLASH_IF_ORGANISED:
                if lang.ORGANISED_ARMED.search(text) is None and lang.CRIME_STORY.search(text):
                    continue
                return BATTLES, "Armed clash"
            if sub_event_type == CROWD_VIOLENCE:
                if lang.UNLESS_GUNS.search(text):
                    continue
                sub = "Violent demonstration" if lang.PROTEST_WORDS.search(text) else "Mob violence"
                return RIOTS, sub
            if sub_event_type == "Peaceful protest" and lang.INTERVENTION_WORDS.search(text):
                return PROTESTS, "Protest with intervention"
            return event_type, sub_event_type
    return STRATEGIC, "Other"
