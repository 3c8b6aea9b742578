"""The map's payload carries an incident's source count and its articles, as data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from geomap.render.layers import build_payload
from geomap.types import Event, Location


def _event(aid: str, title: str, incident: str | None, n: int | None) -> Event:
    loc = Location(name="Tulsa", lat=36.15, lon=-95.99, precision=1, uncertainty_km=5.0,
                   country_code="US")
    return Event(event_id=f"{aid}-1", article_id=aid, event_type="Violence against civilians",
                 sub_event_type="Attack", date=date(2016, 3, 8), location=loc,
                 evidence="Two men were wounded.", evidence_start=0, evidence_end=21,
                 main=True, title=title, incident_id=incident, incident_sources=n)


def test_popup_rows_list_the_articles_of_the_incident() -> None:
    a = _event("a", "Two wounded in Tulsa", "inc-1", 2)
    b = _event("b", "<img src=x onerror=alert(1)>", "inc-1", 2)
    c = replace(_event("c", "Alone", None, None))
    payload = build_payload([a, b, c])
    rows = {e["i"]: dict((r[0], r[1]) for r in e.get("x", [])) for e in payload["events"]}
    assert rows["a-1"]["Sources (2)"] == [["Two wounded in Tulsa", 0],
                                          ["<img src=x onerror=alert(1)>", 0]]  # text, not HTML
    assert "Sources (2)" in rows["b-1"] and not any(k.startswith("Sources") for k in rows["c-1"])
    by_id = {e["i"]: e for e in payload["events"]}
    assert by_id["a-1"]["q"] == 2 and by_id["a-1"]["I"] == "inc-1" and "q" not in by_id["c-1"]
