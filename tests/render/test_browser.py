"""The map in a real browser: headless Chromium with every network request blocked.

One browser per module; each test loads its own freshly rendered file with file://.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from map_fixtures import EVIDENCE, country_event, seed_main_event
from selenium.webdriver.support.ui import WebDriverWait

from geomap.geo import distance_km
from geomap.render import render_map, screenshot
from geomap.render.browser import chromedriver_binary, headless_chromium, open_map
from geomap.render.map import OFF_UNTIL_ASKED, OVERLAYS
from geomap.types import Event, Location

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def driver(chromium: str) -> Iterator[Any]:
    if chromedriver_binary() is None:
        pytest.skip("chromedriver not installed (apt-get install chromium-driver)")
    with headless_chromium(1000, 700) as drv:
        yield drv


def _open(driver: Any, path: Path) -> dict:
    driver.get_log("browser")  # drop messages of earlier pages
    timing = open_map(driver, path)
    return timing


def _severe(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def _png_colours(png: bytes, step: int = 3) -> int:
    """Distinct colours in a PNG (8-bit RGB/RGBA, non-interlaced), sampling every step-th pixel."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour_type in (2, 6)
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % step == 0:
            for x in range(0, width, step):
                colours.add(bytes(line[x * channels:x * channels + 3]))
        prev = line
    return len(colours)


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory, seed_events: list[Event],
             seed_toponyms: list) -> Path:
    path = tmp_path_factory.mktemp("map") / "seed.html"
    render_map(seed_events, seed_toponyms, title="Seed article", path=path)
    return path


def test_seed_map_draws_offline_with_all_layers(driver: Any, seed_map: Path) -> None:
    _open(driver, seed_map)
    assert driver.execute_script("return typeof window.L") == "object"
    assert _severe(driver) == []
    layers = driver.execute_script(
        "const g = window.geomap, m = g.map;"
        "return Object.fromEntries(Object.entries(g.layers).map("
        "  ([k, l]) => [k, {onMap: m.hasLayer(l), n: l.getLayers().length}]));"
    )
    for key, _ in OVERLAYS:
        assert layers[key]["onMap"] == (key not in OFF_UNTIL_ASKED), key
    for key in ("borders", "mentions", "events"):
        assert layers[key]["n"] > 0, key
    assert layers["base"]["onMap"]
    counts = driver.execute_script("return window.geomap.counts")
    assert counts["events"] == 3 and counts["distances"] == 3 and counts["mentions"] == 3
    assert counts["uncertainty"] == 3  # precision 2 and 4 events all have a disc to show
    # the two country-level events on one point are one cluster of 2, the main event a point
    assert counts["clusters"] == 1 and counts["inClusters"] == 2 and counts["points"] == 1
    labels = driver.execute_script(
        "return [...document.querySelectorAll('.leaflet-control-layers-overlays label')]"
        ".map(l => l.textContent.trim())"
    )
    assert labels == [label for _, label in OVERLAYS]

    def tooltips() -> list[str]:
        return driver.execute_script(
            "return [...document.querySelectorAll('.leaflet-tooltip')].map(t => t.textContent)")

    shown = tooltips()
    assert "Tajikistan \u2013 Afghanistan" in shown
    assert "Tajikistan \u2013 Uzbekistan" in shown
    assert "50 km" not in shown  # distances only for the selected event (or when asked)
    # selecting the main event draws its anchor and border lines, labelled, and its disc
    driver.execute_script("window.geomap.markers[0].openPopup()")
    shown = tooltips()
    assert "50 km" in shown and "Dushanbe" in shown
    assert any(t in shown for t in ("11 km", "12 km", "10 km"))
    # its disc, the anchor line and place, two border lines with their km labels
    assert driver.execute_script("return window.geomap.counts.selectedDetail") == 7
    driver.execute_script("window.geomap.map.closePopup()")
    WebDriverWait(driver, 5).until(lambda d: "50 km" not in tooltips())  # labels fade out
    # three dated events: a timeline with bars, no old date sliders
    assert driver.execute_script("return window.geomap.timeline.bins") > 1
    assert driver.find_elements("css selector", "#geomap-timeline svg rect.gm-bar")


def test_clicking_an_event_opens_its_popup(driver: Any, seed_map: Path) -> None:
    _open(driver, seed_map)
    marker = driver.execute_script("return window.geomap.markers[0].getElement()")
    marker.click()
    # a real click; wait for the popup to open and fill (the machine may be loaded)
    popup = WebDriverWait(driver, 10).until(
        lambda d: next((p for p in d.find_elements("css selector", ".leaflet-popup-content")
                        if EVIDENCE in p.text), False))
    text = popup.text
    assert EVIDENCE in text
    assert "50 km from Dushanbe" in text
    assert "Islamic State" in text and "17 killed" in text
    link = popup.find_element("css selector", ".gm-source a")
    assert link.get_attribute("href").startswith("https://www.rferl.org/")
    assert _severe(driver) == []


_POPUP_ROWS = """
var box = arguments[0];
return {
  title: box.querySelector('.gm-popup > .gm-title').textContent,
  rows: [...box.querySelectorAll('.gm-table tr')].map(
    tr => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]),
  brs: [...box.querySelectorAll('.gm-table td')].map(td => td.querySelectorAll('br').length),
  bold: [...box.querySelectorAll('.gm-table td b')].map(b => b.textContent),
  evidence: (box.querySelector('.gm-evidence') || {}).textContent,
  source: (box.querySelector('.gm-source') || {}).textContent,
  href: (box.querySelector('.gm-source a') || {href: null}).href,
};
"""


def _popup_of(driver: Any, layer_js: str) -> Any:
    """Open the popup of the layer ``layer_js`` evaluates to; its .leaflet-popup-content."""
    js = (f"var m = {layer_js}; m.openPopup(); var e = m.getPopup().getElement();"
          " return e ? e.querySelector('.leaflet-popup-content') : null;")
    return WebDriverWait(driver, 10).until(lambda d: d.execute_script(js) or False)


def test_popups_tooltips_title_and_legend_show_the_payload_text(
    driver: Any, seed_map: Path, seed_events: list[Event]
) -> None:
    """The elements built from the plain-text payload: rows, order and classes as designed."""
    _open(driver, seed_map)
    main = seed_events[0]
    box = _popup_of(driver, "window.geomap.markers[0]")
    got = driver.execute_script(_POPUP_ROWS, box)
    assert got["title"] == main.title
    assert [r[0] for r in got["rows"]] == [
        "Date", "Type", "Fatalities", "Location", "Precision", "Actors", "Stated", "Anchor",
        "Borders", "Event"]
    rows = dict(got["rows"])
    assert rows["Date"] == "2019-11-06"
    assert rows["Type"] == "Violence against civilians / Attack"
    assert rows["Fatalities"] == "17 killed, 4 detained"
    assert rows["Location"].startswith("Ishkobod border post (Tajikistan)")
    assert rows["Precision"] == ("2 \u2013 near a town / estimated from a relative expression;"
                                 " \u00b1\u00a010\u00a0km (relative)")
    assert rows["Stated"] == "\u201csome 50 kilometres (30 miles) west of Dushanbe\u201d"
    assert rows["Event"] == "seed-1"
    assert "Uzbekistan border: " in rows["Borders"]
    assert "Afghanistan border: " in rows["Borders"]
    assert got["bold"] == ["(named in the article)"]
    assert got["brs"][3] == 1 and got["brs"][8] == 1  # location and borders: two lines each
    assert got["evidence"] == EVIDENCE
    assert got["source"] == f"Source: {main.source_url}" and got["href"] == main.source_url
    tip = driver.execute_script(
        "var m = window.geomap.markers[0]; m.openTooltip();"
        " return m.getTooltip().getElement().textContent;")
    assert tip == ("Violence against civilians \u00b7 2019-11-06 \u00b7 17 killed"
                   " \u00b7 Ishkobod border post (Tajikistan)")
    # a mentioned place: popup and tooltip
    layer = ("window.geomap.layers.mentions.getLayers().find("
             "l => l.getLatLng().lat.toFixed(2) === '38.54')")
    box = _popup_of(driver, layer)
    got = driver.execute_script(_POPUP_ROWS, box)
    assert got["title"] == "Dushanbe"
    assert got["rows"] == [
        ["Place", "city, TJ \u00b7 test:Dushanbe38.5358, 68.7790"],
        ["Mentions", "2: \u201cDushanbe\u201d"],
        ["Confidence", "0.97 (best); test"],
    ]
    tip = driver.execute_script(f"var m = {layer}; m.openTooltip();"
                                " return m.getTooltip().getElement().textContent;")
    assert tip == "Dushanbe \u00b7 2 mentions \u00b7 confidence 0.97"
    assert driver.execute_script(
        "return document.querySelector('.gm-map-title').textContent") == "Seed article"
    legend = driver.execute_script("return document.querySelector('.gm-legend').textContent")
    for text in ("Legend", "Events by type", "Riots (1)", "Violence against civilians (2)",
                 "size: fatalities (none, 10, 100)", "3 events, 3 places mentioned, "
                 "1 mention unresolved"):
        assert text in legend, text
    assert len(driver.find_elements("css selector", ".gm-legend .gm-dot")) == 3  # 2 types + bg
    # the control icons are SVG drawn through the DOM
    assert driver.execute_script(
        "return [...document.querySelectorAll('.gm-fullscreen svg path, .gm-measure svg rect')]"
        ".length") == 2
    assert _severe(driver) == []


def test_screenshot_is_not_blank(seed_map: Path, tmp_path: Path, chromium: str) -> None:
    png = screenshot(seed_map, tmp_path / "seed.png", width=800, height=500)
    data = png.read_bytes()
    assert _png_colours(data) > 100  # land, sea, borders, labels, markers, legend


def test_hostile_text_cannot_run_script(
    driver: Any, tmp_path: Path, hostile_events: list[Event], hostile_toponyms: list
) -> None:
    path = tmp_path / "hostile.html"
    render_map(hostile_events, hostile_toponyms, title="<script>window.__pwned=7</script>",
               path=path)
    _open(driver, path)
    assert _severe(driver) == []
    for i in range(2):
        # Read this marker's own popup (not whichever popup is fading out), waiting for it.
        js = (f"var m = window.geomap.markers[{i}]; m.openPopup(); var e = m.getPopup().getElement();"
              " return e ? e.querySelector('.leaflet-popup-content').innerText : '';")
        text = WebDriverWait(driver, 10).until(lambda d, js=js: d.execute_script(js) or False)
        assert "javascript:" in text.lower()  # shown as text...
        assert driver.find_elements(
            "css selector", "a[href^='javascript' i], a[href*='script:' i]"
        ) == []  # ...never as a link
        if i == 0:
            assert "<script>window.__pwned=1</script>" in text  # visible, literally
            assert "</script><script>window.__pwned=4</script>" in text  # the notes
    driver.execute_script("window.geomap.map.eachLayer(l => l.openTooltip && l.openTooltip())")
    for name in ("layers", "counts"):
        assert driver.execute_script(f"return typeof window.geomap.{name}") == "object"
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.find_elements("css selector", "img[src='x']") == []
    assert driver.title == "<script>window.__pwned=7</script>"
    assert driver.execute_script("return document.querySelector('.gm-map-title').textContent"
                                 ) == "<script>window.__pwned=7</script>"
    tips = driver.execute_script(
        "return [...document.querySelectorAll('.leaflet-tooltip')].map(t => t.textContent)")
    assert any("Town <script>window.__pwned=1</script>" in t for t in tips)  # mention, literal
    # no element came from the text: no script holds it except the JSON data, no <b> exists
    assert driver.execute_script(
        "return [...document.querySelectorAll('script')].filter(s =>"
        " s.type !== 'application/json' && s.textContent.includes('__pwned')).length") == 0
    assert driver.find_elements("css selector", "img, [onerror]") == []
    assert set(driver.execute_script(  # the only bold text is the map's own note
        "return [...document.querySelectorAll('b')].map(b => b.textContent)"
    )) == {"(named in the article)"}


def test_empty_map(driver: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    render_map([], path=path)
    _open(driver, path)
    assert _severe(driver) == []
    counts = driver.execute_script("return window.geomap.counts")
    assert counts["events"] == 0 and counts["distances"] == 0
    assert counts["countries"] > 200
    assert driver.execute_script("return window.geomap.count()") == {"events": 0, "visible": 0}
    assert driver.execute_script("return window.geomap.filter({types: ['Riots']})") == 0
    assert driver.find_elements("css selector", "#geomap-table tbody tr") == []
    assert "No dated events" in driver.find_element("css selector", "#geomap-timeline").text


def _many_events(n: int) -> list[Event]:
    """n events on a 0.1-degree grid across Central Asia, over 10 days, each seed-like."""
    base = seed_main_event()
    out = []
    for i in range(n):
        lat, lon = 37.0 + (i % 20) * 0.15, 66.0 + (i // 20) * 0.2
        out.append(seed_main_event(
            event_id=f"ev-{i}", article_id=f"a-{i % 50}", date=date(2020, 1, 1) + timedelta(i % 10),
            location=Location(f"Place {i}", lat, lon, 2, 5.0, None, "relative",
                              anchor=base.location.anchor),
            main=i % 2 == 0,
        ))
    return out + [country_event("undated", "Riots", None, 1)]  # type: ignore[arg-type]


def test_many_events_cluster_filter_and_measure(driver: Any, tmp_path: Path) -> None:
    events = _many_events(400)
    path = tmp_path / "many.html"
    render_map(events, path=path)
    _open(driver, path)
    assert _severe(driver) == []
    assert driver.execute_script("return window.geomap.clustered") is True
    assert driver.execute_script("return window.geomap.count()") == {"events": 401,
                                                                      "visible": 401}
    counts = driver.execute_script("return window.geomap.counts")
    assert counts["clusters"] > 0 and counts["inClusters"] + counts["points"] == 401
    # the date filter: first day only (the undated event drops out)
    first_day = sum(1 for e in events if e.date == date(2020, 1, 1))
    assert driver.execute_script(
        "return window.geomap.filter({from: '2020-01-01', to: '2020-01-01'})") == first_day
    assert driver.execute_script("return window.geomap.filter({})") == 401
    # opted in and zoomed in: distances and uncertainty discs of the events in view
    driver.execute_script("const g = window.geomap; g.map.addLayer(g.layers.distances);"
                          "g.map.addLayer(g.layers.uncertainty);")
    driver.execute_script("window.geomap.map.setView([37.5, 66.5], 11, {animate: false})")
    assert driver.execute_script("return window.geomap.counts.shownDetail") > 0
    assert driver.execute_script("return window.geomap.layers.uncertainty.getLayers()[0]"
                                 ".getLayers().length") > 0
    # the measure tool: two clicks, great-circle length within 0.5 % of the geodesic one
    a, b = (37.5, 66.5), (37.6, 66.7)
    km = driver.execute_script(
        "const m = window.geomap.measure, map = window.geomap.map; m.start();"
        "map.fire('click', {latlng: L.latLng(arguments[0])});"
        "map.fire('click', {latlng: L.latLng(arguments[1])});"
        "const km = m.lengthKm(); m.finish(); return km;", list(a), list(b))
    assert km == pytest.approx(distance_km(*a, *b), rel=0.005)
    assert _severe(driver) == []


def test_fullscreen_button(driver: Any, seed_map: Path) -> None:
    _open(driver, seed_map)
    driver.find_element("css selector", ".gm-fullscreen a").click()
    assert driver.execute_script(
        "return !!document.fullscreenElement ||"
        " window.geomap.map.getContainer().classList.contains('gm-pseudo-fullscreen')"
    )
