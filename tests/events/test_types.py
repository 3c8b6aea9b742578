"""The one list of ACLED's event and sub-event types (geomap.events.types)."""

import pytest

from geomap.events import types
from geomap.events.classify import classify
from geomap.lang import en, fr, ru, using


@pytest.mark.parametrize("module", [en, fr, ru])
def test_every_type_rule_names_a_registered_type(module) -> None:
    for _pattern, event_type, sub_event_type in module.TYPE_RULES:
        if sub_event_type in types.PLACEHOLDERS:
            assert event_type in types.EVENT_TYPES
        else:
            assert types.SUB_EVENT_TYPES[sub_event_type] == event_type


def test_every_registered_type_is_an_acled_event_type() -> None:
    assert set(types.SUB_EVENT_TYPES.values()) <= set(types.EVENT_TYPES)
    assert set(types.CROWD_ACTORS) <= set(types.EVENT_TYPES)


@pytest.mark.parametrize(("code", "text"), [
    ("en", "Protesters clashed with police and threw stones"),
    ("en", "Riot police fired tear gas to disperse the protest"),
    ("en", "Gunmen and soldiers clashed near the base"),
    ("en", "The mayor visited the town"),
    ("fr", "Des manifestants ont affronté la police"),
])
def test_classify_answers_registered_types(code: str, text: str) -> None:
    with using(code):
        event_type, sub_event_type = classify(text)
    assert types.SUB_EVENT_TYPES[sub_event_type] == event_type


def test_every_registered_type_has_an_acled_disorder_type() -> None:
    """A type added to the one list gets its disorder type there too (events.csv's
    ``disorder_type`` column is never blank for a type geomap codes)."""
    from geomap.acled import disorder_type

    for sub_event_type, event_type in types.SUB_EVENT_TYPES.items():
        assert disorder_type(event_type, sub_event_type), (event_type, sub_event_type)
    assert disorder_type("Riots", "Mob violence") == types.POLITICAL_VIOLENCE
    assert disorder_type("Battles", "Armed clash") == types.POLITICAL_VIOLENCE
