"""Synthetic events for merge tests and benchmarks: incidents reported by several articles."""

from __future__ import annotations

import random
from datetime import date, timedelta

from geomap.types import Event, Location

SURNAMES = ["Kinsey", "Okafor", "Lindqvist", "Baptiste", "Moreau", "Tanaka", "Haddad",
            "Novak", "Ferreira", "Quinlan", "Abernathy", "Vasquez", "Whitcombe", "Delacroix"]


def make_events(n_incidents: int, reports: int = 3, seed: int = 1,
                start: date = date(2024, 1, 1), days: int = 365) -> list[tuple[Event, str]]:
    """(event, article text) pairs: ``n_incidents`` shootings in the continental US, each
    reported by 1..``reports`` articles with the victim's name, jittered places and dates."""
    rnd = random.Random(seed)
    out: list[tuple[Event, str]] = []
    for i in range(n_incidents):
        lat, lon = rnd.uniform(30, 47), rnd.uniform(-120, -75)
        day = start + timedelta(days=rnd.randrange(days))
        name = f"{rnd.choice(SURNAMES)}{i}"
        street = f"Street{i}"
        dead = rnd.randrange(0, 4)
        for r in range(rnd.randint(1, reports)):
            aid = f"a{i:07d}-{r}"
            text = (f"Police said {name.title()} was shot near {street.title()} Avenue on "
                    f"Tuesday. {dead + r % 2} people died.")
            loc = Location(name=f"Town{i}", lat=lat + rnd.uniform(-0.05, 0.05),
                           lon=lon + rnd.uniform(-0.05, 0.05), precision=1,
                           uncertainty_km=5.0, country_code="US")
            ev = Event(event_id=f"{aid}-1", article_id=aid,
                       event_type="Violence against civilians", sub_event_type="Attack",
                       date=day + timedelta(days=rnd.choice((0, 0, 1))), location=loc,
                       evidence=text.split(".")[0] + ".", evidence_start=0, evidence_end=40,
                       main=True, fatalities=dead + r % 2, title=f"{name.title()} shot",
                       date_precision="day")
            out.append((ev, text))
    return out
