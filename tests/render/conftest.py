"""Fixtures for the map tests (builders live in map_fixtures.py)."""

from __future__ import annotations

from datetime import date

import pytest
from map_fixtures import DUSHANBE, HOSTILE, country_event, place_toponym, seed_main_event

from geomap.types import Anchor, Event, Location, Mention, Toponym


@pytest.fixture(scope="session")
def seed_events() -> list[Event]:
    return [
        seed_main_event(),
        country_event("seed-2", "Riots", date(2019, 5, 19), 32),
        country_event("seed-3", "Violence against civilians", date(2018, 7, 29), 4),
    ]


@pytest.fixture(scope="session")
def seed_toponyms() -> list[Toponym]:
    return [
        place_toponym("Dushanbe", *DUSHANBE, confidence=0.97),
        place_toponym("Dushanbe", *DUSHANBE, confidence=0.80, start=200),
        place_toponym("Tajikistan", 39.0, 71.0, kind="country"),
        place_toponym("Afghanistan", 33.0, 66.0, kind="country", cc="AF", confidence=0.85),
        Toponym(Mention(5, 13, "Ishkobod", "Ishkobod"), None, 0.0, "no candidate"),
    ]


@pytest.fixture(scope="session")
def hostile_events() -> list[Event]:
    """The seed event with hostile text in every article-derived field."""
    return [
        seed_main_event(
            event_id=f"id-{HOSTILE}",
            title=f"Title {HOSTILE}",
            evidence=f"Evidence {HOSTILE}",
            actors=(f"Actor {HOSTILE}", "javascript:alert(1)"),
            source_url="javascript:alert(1)",
            event_type=f"Type {HOSTILE}",
            notes="</script><script>window.__pwned=4</script>\u2028\u2029",
            location=Location(f"Place {HOSTILE}", 38.534, 68.206, 2, 10.0, "TJ", "relative",
                              anchor=Anchor(f"Anchor {HOSTILE}", *DUSHANBE, 50.0, 270.0)),
        ),
        seed_main_event(event_id="second", source_url=" JaVaScRiPt:window.__pwned=5",
                        article_id="other", title="</title><script>window.__pwned=6</script>"),
    ]


@pytest.fixture(scope="session")
def hostile_toponyms() -> list[Toponym]:
    return [place_toponym(f"Town {HOSTILE}", 38.0, 69.0)]
