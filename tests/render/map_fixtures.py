"""Events for the map tests, built directly from geomap.types (independent of other stages).

Imported by ``conftest.py`` and the test modules (a plain module: conftest is not importable).

Border distances are measured with the real geomap.locate.borders (no stand-ins).
"""

from __future__ import annotations

from datetime import date

from geomap.geo import destination
from geomap.locate import borders
from geomap.types import (
    Anchor,
    BorderDistance,
    Event,
    Location,
    Mention,
    Place,
    RelativeExpression,
    Toponym,
)

DUSHANBE = (38.53575, 68.77905)
EVIDENCE = (
    "Fifteen attackers, a soldier and a policeman were killed in the overnight attack on the "
    "Ishkobod border post, some 50 kilometres (30 miles) west of Dushanbe."
)
HOSTILE = '<script>window.__pwned=1</script>"onerror="window.__pwned=2" <img src=x onerror=window.__pwned=3>'


def seed_main_event(**changes: object) -> Event:
    """The seed's main event: 50 km west of Dushanbe, with distances to the UZ and AF borders."""
    lat, lon = destination(*DUSHANBE, 50.0, 270.0)
    anchor = Anchor("Dushanbe", *DUSHANBE, distance_km=50.0, bearing_deg=270.0,
                    place_id="gn:1221874")
    rel = RelativeExpression(
        start=0, end=46, text="some 50 kilometres (30 miles) west of Dushanbe", relation="offset",
        anchor_text="Dushanbe", anchor_start=38, anchor_end=46, distance=50, unit="km",
        distance_km=50.0, bearing_deg=270.0, bearing_text="west", hedge="some",
    )
    bds = []
    for code in ("UZ", "AF"):
        km, nlat, nlon = borders.distance_to_border_km(lat, lon, "TJ", code)
        bds.append(BorderDistance(code, borders.country_name(code), km, nlat, nlon, "TJ",
                                  named_in_text=code == "AF"))
    fields: dict[str, object] = dict(
        event_id="seed-1", article_id="seed", event_type="Violence against civilians",
        sub_event_type="Attack", date=date(2019, 11, 6),
        location=Location("Ishkobod border post", lat, lon, 2, 10.0, "TJ", "relative",
                          anchor=anchor, relative=rel),
        evidence=EVIDENCE, evidence_start=0, evidence_end=len(EVIDENCE), main=True,
        fatalities=17, detained=4, actors=("Islamic State",),
        source_url="https://www.rferl.org/a/tajikistan-attack/30257633.html",
        title="Tajikistan: 17 killed in attack on border post", borders=tuple(bds),
    )
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def country_event(event_id: str, event_type: str, day: date, fatalities: int) -> Event:
    """A background event the article only locates at country level (precision 4)."""
    return Event(
        event_id=event_id, article_id="seed", event_type=event_type, sub_event_type=event_type,
        date=day, location=Location("Tajikistan", 38.5, 71.0, 4, 250.0, "TJ", "country"),
        evidence=f"{fatalities} were killed.", evidence_start=0, evidence_end=10, main=False,
        fatalities=fatalities, title="Tajikistan: 17 killed in attack on border post",
    )


def place_toponym(name: str, lat: float, lon: float, kind: str = "city", cc: str = "TJ",
                  confidence: float = 0.9, start: int = 0) -> Toponym:
    place = Place(f"test:{name}", name, lat, lon, kind, country_code=cc)  # type: ignore[arg-type]
    return Toponym(Mention(start, start + len(name), name, name), place, confidence, "test")
