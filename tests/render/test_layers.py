"""The map's data payload: borders, distances, events, mentions (no browser needed)."""

from __future__ import annotations

import json
import math
from dataclasses import replace

from map_fixtures import DUSHANBE

from geomap.geo import distance_km, point
from geomap.locate import borders
from geomap.render.geography import countries_collection
from geomap.render.layers import build_payload, km_label
from geomap.render.style import marker_radius_px, type_colours
from geomap.types import Event, Location


def _border(payload: dict, a: str, b: str) -> dict:
    rows = [r for r in payload["borders"] if {r["a"], r["b"]} == {a, b}]
    assert len(rows) == 1, (a, b, [(r["a"], r["b"]) for r in payload["borders"]])
    return rows[0]


def test_seed_borders_highlighted_named_and_labelled(seed_events: list[Event]) -> None:
    payload = build_payload(seed_events)
    af, uz = _border(payload, "AF", "TJ"), _border(payload, "TJ", "UZ")
    assert af["v"] == 2  # named in the article
    assert uz["v"] == 1  # measured to, not named
    assert af["l"] == "Tajikistan \u2013 Afghanistan"
    assert uz["l"] == "Tajikistan \u2013 Uzbekistan"
    for row in (af, uz):
        lat, lon = row["at"]
        line = borders.shared_border(row["a"], row["b"])
        # the label sits on the border line (within the display simplification)
        assert line.distance(point(lat, lon)) < 0.05  # degrees, display only
    # Tajikistan's other land borders are drawn as plain outlines, unlabelled
    others = {(r["a"], r["b"]) for r in payload["borders"] if r["v"] == 0}
    assert {("KG", "TJ"), ("CN", "TJ")} <= others
    assert all(r["at"] is None for r in payload["borders"] if r["v"] == 0)


def test_seed_distance_lines(seed_events: list[Event]) -> None:
    main = seed_events[0]
    payload = build_payload(seed_events)
    lines = [ln for ln in payload["lines"] if ln["e"] == 0]
    anchor = [ln for ln in lines if ln["k"] == "a"]
    assert len(anchor) == 1
    assert anchor[0]["l"] == "50 km"
    assert anchor[0]["to"] == [round(DUSHANBE[0], 5), round(DUSHANBE[1], 5)]
    to_borders = {ln["k"]: ln for ln in lines if ln["k"] in ("b", "n")}
    assert set(to_borders) == {"b", "n"}  # UZ measured, AF named
    for bd in main.borders:
        ln = to_borders["n" if bd.named_in_text else "b"]
        assert ln["l"] == km_label(bd.distance_km)
        assert ln["to"] == [round(bd.nearest_lat, 5), round(bd.nearest_lon, 5)]
    # the Uzbek border is about 11 km away and the Afghan one about 145 km (DESIGN.md)
    km = {bd.country_code: bd.distance_km for bd in main.borders}
    assert 5 < km["UZ"] < 20 and 130 < km["AF"] < 160


def test_event_records(seed_events: list[Event]) -> None:
    payload = build_payload(seed_events)
    main, riot = payload["events"][0], payload["events"][1]
    assert main["u"] == 10_000  # metres, precision 2
    assert riot["p"] == 4 and riot["u"] == 250_000
    assert main["m"] == 1 and riot["m"] == 0
    assert main["f"] == 17 and main["c"] == "4 detained"
    assert main["r"] == marker_radius_px(17)
    assert payload["types"][main["t"]]["n"] == "Violence against civilians"
    assert payload["types"][riot["t"]]["n"] == "Riots"
    rows = dict(main["x"])
    assert list(rows) == ["Actors", "Stated", "Anchor", "Borders"]  # the popup's row order
    assert rows["Actors"] == "Islamic State"
    assert rows["Stated"] == "\u201csome 50 kilometres (30 miles) west of Dushanbe\u201d"
    assert rows["Anchor"] == "50 km from Dushanbe (38.5358, 68.7790), bearing 270\u00b0 from it"
    # borders: one [text, named] line each, the named one flagged (the browser bolds a note)
    lines = {text.split(" border:")[0]: named for text, named in rows["Borders"]}
    assert lines == {"Uzbekistan": 0, "Afghanistan": 1}
    assert main["n"] == "Ishkobod border post (Tajikistan)"
    assert main["v"] == seed_events[0].evidence and main["i"] == "seed-1"
    art = payload["articles"][main["a"]]
    assert art == {"t": seed_events[0].title, "l": seed_events[0].source_url}
    # bounds cover the event, its anchor and both border points
    (s, w), (n, e) = payload["bounds"]
    for bd in seed_events[0].borders:
        assert s <= bd.nearest_lat <= n and w <= bd.nearest_lon <= e
    assert s <= DUSHANBE[0] <= n and w <= DUSHANBE[1] <= e


def test_mentions_grouped_by_place_and_unresolved_counted(
    seed_events: list[Event], seed_toponyms: list
) -> None:
    payload = build_payload(seed_events, seed_toponyms)
    names = sorted(m["n"] for m in payload["mentions"])
    assert names == ["Afghanistan", "Dushanbe", "Tajikistan"]
    dushanbe = next(m for m in payload["mentions"] if m["n"] == "Dushanbe")
    assert dushanbe["c"] == 2 and dushanbe["q"] == 0.97
    assert payload["unresolved"] == 1


def test_zero_events_is_an_empty_valid_payload() -> None:
    payload = build_payload([])
    assert payload["events"] == [] and payload["lines"] == [] and payload["borders"] == []
    assert payload["bounds"] is None
    assert len(payload["countries"]["features"]) > 200  # the offline base map still draws
    json.dumps(payload, allow_nan=False)


def test_events_with_unusable_coordinates_are_skipped(seed_events: list[Event]) -> None:
    bad = replace(seed_events[1], location=Location("?", math.nan, 10.0, 4, 100.0))
    main = seed_events[0]
    broken_border = replace(main.borders[0], nearest_lat=math.nan)
    half = replace(
        main, event_id="half", borders=(broken_border, main.borders[1]),
        location=replace(main.location, uncertainty_km=math.inf),
    )
    payload = build_payload([main, bad, half])
    assert [e["i"] for e in payload["events"]] == ["seed-1", "half"]
    assert len([ln for ln in payload["lines"] if ln["e"] == 1]) == 2  # anchor + AF only
    json.dumps(payload, allow_nan=False)


def test_countries_detail_only_where_asked() -> None:
    fc = countries_collection({"TJ", "AF"})
    detail = {f["properties"]["c"] for f in fc["features"] if f["properties"]["d"] == 1}
    assert detail == {"TJ", "AF"}
    for f in fc["features"]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
    # the detailed outline is finer than the world one
    coarse = countries_collection(set())
    count = lambda fc, c: len(json.dumps(next(f for f in fc["features"] if f["properties"]["c"] == c)))  # noqa: E731
    assert count(fc, "TJ") > 2 * count(coarse, "TJ")


def test_type_colours_and_sizes() -> None:
    colours = type_colours(["Battles", "Protests", "Riots", "Something new", "Another new"])
    assert len(set(colours.values())) == 5
    assert colours == type_colours(["Another new", "Something new", "Riots", "Protests", "Battles"])
    sizes = [marker_radius_px(f) for f in (None, 0, 1, 10, 100, 10_000)]
    assert sizes == sorted(sizes) and sizes[0] == sizes[1] < sizes[2] and sizes[-1] <= 26


def test_article_text_is_plain_text_data(
    hostile_events: list[Event], hostile_toponyms: list
) -> None:
    """The payload carries article text exactly as written (the browser shows it with
    textContent); no HTML is made in Python, and only web URLs are offered as links."""
    payload = build_payload(hostile_events, hostile_toponyms, title="<b>x</b>")
    assert payload["title"] == "<b>x</b>"
    ev = hostile_events[0]
    first = payload["events"][0]
    assert first["v"] == ev.evidence and first["i"] == ev.event_id
    assert first["n"] == f"{ev.location.name} (Tajikistan)"
    assert payload["types"][first["t"]]["n"] == ev.event_type
    rows = dict(first["x"])
    assert rows["Actors"] == "; ".join(ev.actors) and rows["Notes"] == ev.notes
    assert rows["Anchor"].startswith(f"50 km from {ev.location.anchor.name} (")
    assert payload["mentions"][0]["n"] == hostile_toponyms[0].place.name
    assert payload["anchors"][0]["nm"] == ev.location.anchor.name
    # javascript: URLs are plain text ("u"), never a link ("l")
    assert payload["articles"][0] == {"t": ev.title, "u": "javascript:alert(1)"}
    assert payload["articles"][1] == {"t": hostile_events[1].title,
                                      "u": " JaVaScRiPt:window.__pwned=5"}
    # no markup is produced in Python: no entity or tag appears that the input did not have
    text = json.dumps(payload, ensure_ascii=False)
    for made in ("&lt;", "&gt;", "&amp;", "&quot;", "&ldquo;", "&middot;", "&ndash;", "<br",
                 "<b>(", "<a ", "href="):
        assert made not in text, made
    # the anchor line keeps the real geodesic length, whatever the names say
    km = distance_km(ev.location.lat, ev.location.lon, *DUSHANBE)
    assert any(ln["l"] == km_label(km) for ln in payload["lines"] if ln["k"] == "a")


def test_reference_cities_around_the_events(seed_events: list[Event]) -> None:
    payload = build_payload(seed_events)
    names = {c["n"]: c["c"] for c in payload["cities"]}
    assert names.get("Tashkent") == 1 and names.get("Kabul") == 1  # neighbours' capitals
    assert names.get("Dushanbe") == 1  # anchors are labelled only when their event is selected
    counts: dict[str, int] = {}
    for city in payload["cities"]:
        found = borders.country_at(city["lat"], city["lon"]) or "?"
        counts[found] = counts.get(found, 0) + 1
    assert max(counts.values()) <= 6
    assert build_payload([])["cities"] == []
    # many countries: every country with events keeps its capital (three towns at most)
    many = [replace(seed_events[1], event_id=f"c-{cc}", location=Location(
        cc, lat, lon, 4, 100.0, cc, "country")) for cc, lat, lon in
        [("US", 39.0, -98.0), ("BR", -10.0, -52.0), ("NG", 9.0, 8.0), ("IN", 22.0, 79.0),
         ("AU", -25.0, 134.0), ("RU", 60.0, 90.0), ("CN", 35.0, 103.0), ("ZA", -29.0, 24.0),
         ("AR", -35.0, -65.0), ("MX", 23.0, -102.0), ("FR", 46.5, 2.5), ("EG", 26.0, 30.0),
         ("JP", 36.0, 138.0)]]
    cities = build_payload(many)["cities"]
    capitals = {borders.country_at(c["lat"], c["lon"]) for c in cities if c["c"]}
    assert capitals >= {e.location.country_code for e in many}
    names = {c["n"] for c in cities}
    assert {"Washington", "Brasília", "Moscow", "Paris", "Tokyo", "Cairo", "Canberra"} <= names
    assert len(cities) <= 13 * 3


def test_contract_matches_reads_the_geojson_properties() -> None:
    from geomap.render.contract import matches

    props = {"event_type": "Battles", "sub_event_type": "Armed clash", "country_code": "af",
             "main": True, "precision": 2, "date": "2021-03-01", "actors": ["Taliban"],
             "location_name": "Kabul", "evidence": "Two soldiers were killed."}
    assert matches(props, {})
    assert matches(props, {"types": ["Battles"], "countries": ["AF"], "actors": ["tali"],
                           "text": "SOLDIERS", "from": "2021-03-01", "to": "2021-03-01",
                           "main": True, "precision": 2, "subtypes": ["Armed clash"]})
    for spec in ({"types": ["Riots"]}, {"countries": ["US"]}, {"actors": ["police"]},
                 {"text": "Herat"}, {"from": "2021-03-02"}, {"to": "2021-02-28"},
                 {"main": False}, {"precision": 1}, {"subtypes": ["Attack"]}):
        assert not matches(props, spec), spec
    assert not matches({**props, "date": None}, {"from": "2000-01-01"})
    assert matches(props, {"types": [], "actors": [" "], "text": " "})  # empty: no filter


def test_the_map_opens_on_the_bulk_of_many_events(seed_events: list[Event]) -> None:
    """100 events in the US and 2 in Jordan: the bounds hold all, the opening view the US."""
    base = seed_events[1]
    us = [replace(base, event_id=f"us-{i}", location=Location(
        "Town", 30.0 + (i % 10), -100.0 + i // 10, 1, 2.0, "US", "gazetteer"))
        for i in range(100)]
    jo = [replace(base, event_id=f"jo-{i}", location=Location(
        "Amman", 31.95, 35.93, 1, 2.0, "JO", "gazetteer")) for i in range(2)]
    payload = build_payload(us + jo)
    (s, w), (n, e) = payload["view"]
    assert (s, w, n, e) == (30.0, -100.0, 39.0, -91.0)
    assert payload["bounds"][1][1] >= 35.93  # the bounds still hold Jordan
    assert build_payload(seed_events)["view"] is None  # few events: the bounds it is
