"""The analyst's page in a real browser: the page contract (window.geomap.ready, count, filter),
every control (search, actor, type from the legend, sub-type, country, dates, main/background,
precision, the table, the timeline, export, print), and readability (clusters, spiderfy, labels).

Maps come from the real ``geomap run`` on articles the tests write (and, when
``GEOMAP_SHARED_DATA`` is set, on GVA dev articles); every count the page shows is checked
against the run's own ``events.geojson``. Headless Chromium with all network blocked.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from map_fixtures import seed_main_event
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select, WebDriverWait

from geomap.render import render_map
from geomap.render.browser import chromedriver_binary, headless_chromium, open_map
from geomap.render.contract import matches
from geomap.types import Event, Location

pytestmark = pytest.mark.browser

ARTICLES = [
    ("kabul", "2021-03-03", "Two soldiers were killed in Kabul on Monday after a clash with "
     "Taliban fighters at a checkpoint."),
    ("colombo", "2022-04-12", "Police arrested 30 protesters in Colombo on Tuesday during a "
     "demonstration against fuel prices."),
    ("kandahar", "2021-03-08", "A roadside bomb killed four civilians near Kandahar on Friday. "
     "Separately, Taliban fighters attacked a police post in Herat on Saturday, killing "
     "three policemen."),
    ("maiduguri", "2020-06-20", "Gunmen shot dead three villagers in Maiduguri on Friday."),
    ("karachi", "2020-06-28", "Rioters burned shops in Karachi on Sunday; two people were "
     "killed."),
    ("kharkiv", "2022-03-04", "Russian forces shelled Kharkiv on Thursday, killing five "
     "civilians."),
    ("chicago", "2016-07-10", "A man was shot and killed in Chicago on Saturday night, police "
     "said."),
    ("mosul", "2017-01-15", "A suicide bomber killed seven people at a market in Mosul on "
     "Saturday. Islamic State fighters also shelled Tal Afar the same day, killing two."),
]

COUNT = "return window.geomap.count().visible"


def _geomap(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True,
                          env=dict(os.environ), timeout=timeout)


def _run(folder: Path, records: list[dict], gazetteer: Path, *extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = folder / "out"
    r = _geomap("run", str(src), "-o", str(out), "-q", "--jobs", "1", "--gazetteer",
                str(gazetteer), *extra)
    assert r.returncode == 0, r.stderr.decode()
    return out


def _features(out: Path) -> list[dict]:
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    return [f["properties"] for f in data["features"] if f.get("geometry")]


def expected(props: list[dict], spec: dict) -> list[str]:
    """The event ids of events.geojson that ``spec`` selects, as the page contract says."""
    return [p["event_id"] for p in props if matches(p, spec)]


@pytest.fixture(scope="module")
def driver(chromium: str) -> Iterator[Any]:
    if chromedriver_binary() is None:
        pytest.skip("chromedriver not installed (apt-get install chromium-driver)")
    with headless_chromium(1400, 900) as drv:
        yield drv


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> Path:
    """``geomap run --title`` on the test's eight articles (several countries, types, dates)."""
    records = [{"id": key, "title": f"Article {key}", "published": day, "text": text,
                "url": f"https://news.example/{key}"} for key, day, text in ARTICLES]
    return _run(tmp_path_factory.mktemp("page"), records, gazetteer_path,
                "--title", "Test <b>map</b> {{ x }}")


@pytest.fixture()
def page(driver: Any, run_out: Path) -> Any:
    driver.get_log("browser")
    open_map(driver, run_out / "map.html")
    return driver


def _visible_ids(driver: Any) -> list[str]:
    return sorted(driver.execute_script("return window.geomap.visibleIds()"))


def _wait_count(driver: Any, want: int) -> None:
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(COUNT) == want)


def _severe(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_contract_filters_match_events_geojson(page: Any, run_out: Path) -> None:
    props = _features(run_out)
    assert len(props) >= 6, [p["event_type"] for p in props]
    assert page.execute_script("return window.geomap.ready") is True
    assert page.execute_script("return window.geomap.count()") == {
        "events": len(props), "visible": len(props)}
    types = sorted({p["event_type"] for p in props})
    countries = sorted({p["country_code"] for p in props if p["country_code"]})
    assert len(types) >= 2 and len(countries) >= 4
    dates = sorted(p["date"] for p in props if p["date"])
    actors = sorted({a for p in props for a in p["actors"]})
    specs: list[dict] = [
        {}, {"types": [types[0]]}, {"types": types[:2]}, {"countries": [countries[0]]},
        {"countries": [c.lower() for c in countries[1:3]]}, {"text": "kabul"},
        {"text": "CIVILIANS"}, {"from": dates[len(dates) // 2]}, {"to": dates[len(dates) // 2]},
        {"from": dates[1], "to": dates[-2]}, {"types": [types[0]], "from": dates[0],
                                              "countries": countries},
        {"types": ["No such type"]}, {"precision": 1}, {"main": False},
    ]
    if actors:
        specs += [{"actors": [actors[0][:5]]}, {"actors": ["zzz-nobody", actors[-1].upper()]}]
    for spec in specs:
        want = expected(props, spec)
        assert page.execute_script("return window.geomap.filter(arguments[0])", spec) == len(
            want), spec
        assert _visible_ids(page) == sorted(want), spec
        rows = page.find_elements("css selector", "#geomap-table tbody tr")
        assert len(rows) == min(len(want), 100), spec
        assert page.execute_script(
            "return window.geomap.summary.events.reduce((a, b) => a + b, 0)") == len(want)
    assert page.execute_script("return window.geomap.filter({})") == len(props)
    assert _severe(page) == []


def test_text_actor_and_legend_controls(page: Any, run_out: Path) -> None:
    props = _features(run_out)
    box = page.find_element("css selector", ".gm-text")
    box.send_keys("killed")
    want = expected(props, {"text": "killed"})
    _wait_count(page, len(want))
    assert _visible_ids(page) == sorted(want)
    assert page.execute_script("return window.geomap.spec()") == {"text": "killed"}
    box.clear()
    box.send_keys(" ")  # an empty search does not filter
    _wait_count(page, len(props))
    actors = sorted({a for p in props for a in p["actors"]})
    if actors:
        page.find_element("css selector", ".gm-actors").send_keys(actors[0][:4] + ", zzz")
        want = expected(props, {"actors": [actors[0][:4], "zzz"]})
        _wait_count(page, len(want))
        assert _visible_ids(page) == sorted(want)
        page.find_element("css selector", ".gm-clear").click()
        _wait_count(page, len(props))
        assert page.find_element("css selector", ".gm-actors").get_attribute("value") == ""
    # a type ticked off in the legend: the panel follows, and the other way round
    types = page.execute_script(
        "return [...document.querySelectorAll('.gm-legend-type')].map(l => l.textContent)")
    if not page.execute_script("return document.querySelector('.gm-legend details').open"):
        page.find_element("css selector", ".gm-legend summary").click()  # closed when short
    first = page.find_elements("css selector", ".gm-legend-type input")[0]
    name = types[0].rsplit(" (", 1)[0]
    first.click()
    others = sorted({p["event_type"] for p in props} - {name})
    _wait_count(page, len(expected(props, {"types": others})))
    panel = page.find_elements("css selector", ".gm-types input")
    assert panel[0].is_selected() is False
    panel[0].click()
    _wait_count(page, len(props))
    assert page.find_elements("css selector", ".gm-legend-type input")[0].is_selected()
    assert _severe(page) == []


def test_select_and_date_controls(page: Any, run_out: Path) -> None:
    props = _features(run_out)
    sub, country = (Select(s) for s in page.find_elements("css selector", "select.gm-multi"))
    code = country.options[0].get_attribute("value")
    country.select_by_index(0)
    _wait_count(page, len(expected(props, {"countries": [code]})))
    country.deselect_all()  # WebDriver toggles options of a multiple select
    _wait_count(page, len(props))
    value = sub.options[-1].get_attribute("value")
    sub.select_by_index(len(sub.options) - 1)
    _wait_count(page, len(expected(props, {"subtypes": [value]})))
    sub.deselect_all()
    _wait_count(page, len(props))
    main, precision = (Select(s) for s in page.find_elements("css selector", "select.gm-select"))
    main.select_by_value("background")
    _wait_count(page, len(expected(props, {"main": False})))
    main.select_by_value("main")
    _wait_count(page, len(expected(props, {"main": True})))
    main.select_by_value("")
    precision.select_by_value("1")
    _wait_count(page, len(expected(props, {"precision": 1})))
    precision.select_by_value("")
    _wait_count(page, len(props))
    # the date boxes (a date input's typed format depends on the locale: set its value)
    dates = sorted(p["date"] for p in props if p["date"])
    page.execute_script(
        "const b = document.querySelector('.gm-from'); b.value = arguments[0];"
        "b.dispatchEvent(new Event('change'));", dates[2])
    _wait_count(page, len(expected(props, {"from": dates[2]})))
    assert page.execute_script("return window.geomap.spec()") == {"from": dates[2]}
    page.execute_script("window.geomap.filter({})")
    assert page.find_element("css selector", ".gm-from").get_attribute("value") == ""


def test_timeline_brush_sets_the_date_range(page: Any, run_out: Path) -> None:
    props = _features(run_out)
    svg = page.find_element("css selector", "#geomap-timeline svg")
    bars = page.find_elements("css selector", "#geomap-timeline rect.gm-bar")
    assert bars
    line = page.execute_script("return window.geomap.timeline")
    assert sum(line["totals"]) + line["earlier"] == sum(1 for p in props if p["date"])
    assert sum(line["killed"]) == sum(p["fatalities"] or 0 for p in props if p["date"])
    width = svg.size["width"]
    # drag over the right half of the plot: the dates become that stretch's first..last day
    # (offsets count from the element's centre)
    ActionChains(page).move_to_element_with_offset(svg, 10, 0).click_and_hold() \
        .move_by_offset(width // 2 - 70, 0).release().perform()
    spec = page.execute_script("return window.geomap.spec()")
    assert set(spec) == {"from", "to"} and spec["from"] <= spec["to"], spec
    want = expected(props, spec)
    assert page.execute_script(COUNT) == len(want)
    assert 0 < len(want) < len(props)
    assert page.find_elements("css selector", "#geomap-timeline rect.gm-brush")
    # a click without dragging clears the dates
    svg = page.find_element("css selector", "#geomap-timeline svg")  # drawn anew
    ActionChains(page).move_to_element(svg).click().perform()
    _wait_count(page, len(props))
    assert page.execute_script("return window.geomap.spec()") == {}


def test_table_sorts_pages_and_links_both_ways(page: Any, run_out: Path) -> None:
    props = _features(run_out)
    rows = page.find_elements("css selector", "#geomap-table tbody tr")
    assert len(rows) == len(props)
    dates = [r.find_element("css selector", ".gm-col-date").text for r in rows]
    assert dates == sorted(dates, reverse=True)  # newest first
    page.find_element("css selector", "#geomap-table th[data-key=fatalities]").click()
    killed = [int(t.text or -1) for t in page.find_elements(
        "css selector", "#geomap-table tbody .gm-col-fatalities")]
    assert killed == sorted(killed)
    page.find_element("css selector", "#geomap-table th[data-key=fatalities]").click()
    killed = [int(t.text or -1) for t in page.find_elements(
        "css selector", "#geomap-table tbody .gm-col-fatalities")]
    assert killed == sorted(killed, reverse=True)
    # a row click opens that event's popup on the map
    row = page.find_elements("css selector", "#geomap-table tbody tr")[2]
    index = int(row.get_attribute("data-i"))
    location = row.find_element("css selector", ".gm-col-location").text
    row.click()
    WebDriverWait(page, 10).until(lambda d: d.execute_script(
        "return window.geomap.selected()") == index)
    WebDriverWait(page, 10).until(lambda d: d.execute_script(  # (popups fade in)
        "return [...document.querySelectorAll('.leaflet-popup-content')]"
        ".some(p => p.textContent.includes(arguments[0]))", location))
    assert "gm-selected" in row.get_attribute("class")
    page.execute_script("window.geomap.map.closePopup()")
    # a marker's popup highlights its row
    other = int(page.find_elements("css selector", "#geomap-table tbody tr")[0]
                .get_attribute("data-i"))
    page.execute_script("window.geomap.markers[arguments[0]].openPopup()", other)
    selected = page.find_elements("css selector", "#geomap-table tbody tr.gm-selected")
    assert [int(r.get_attribute("data-i")) for r in selected] == [other]
    page.execute_script("window.geomap.map.closePopup()")


def test_export_is_the_filtered_events(page: Any, run_out: Path) -> None:
    props = _features(run_out)
    types = sorted({p["event_type"] for p in props})
    spec = {"types": [types[-1]]}
    want = expected(props, spec)
    page.execute_script("window.geomap.filter(arguments[0])", spec)
    rows = list(csv.DictReader(io.StringIO(page.execute_script(
        "return window.geomap.exportCSV()"))))
    assert sorted(r["event_id"] for r in rows) == sorted(want)
    by_id = {p["event_id"]: p for p in props}
    for r in rows:
        p = by_id[r["event_id"]]
        assert r["event_type"] == p["event_type"] and r["location"] == p["location_name"]
        assert r["evidence"] == p["evidence"] and r["date"] == (p["date"] or "")
    gj = json.loads(page.execute_script("return window.geomap.exportGeoJSON()"))
    assert gj["type"] == "FeatureCollection"
    assert sorted(f["properties"]["event_id"] for f in gj["features"]) == sorted(want)
    for f in gj["features"]:
        p = by_id[f["properties"]["event_id"]]
        assert f["properties"]["actors"] == p["actors"]
        assert f["properties"]["country_code"] == p["country_code"]
    # the buttons download through a Blob URL the page made
    page.find_element("css selector", ".gm-export-csv").click()
    got = page.execute_script("return window.geomap.lastDownload")
    assert got["name"] == "geomap-events.csv" and got["bytes"] > 100
    page.find_element("css selector", ".gm-export-geojson").click()
    assert page.execute_script("return window.geomap.lastDownload.name") == "geomap-events.geojson"
    assert page.find_elements("css selector", "a.gm-download") == []  # removed after use
    page.execute_script("window.geomap.filter({})")
    assert _severe(page) == []


def test_title_print_layout_and_map_only(page: Any) -> None:
    title = "Test <b>map</b> {{ x }}"
    assert page.title == title
    assert page.find_element("css selector", ".gm-map-title").text == title
    assert page.find_element("css selector", ".gm-side-title").text == title
    assert page.find_elements("css selector", ".gm-side-title b") == []
    assert page.find_element("css selector", ".gm-side").is_displayed()
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        got = page.execute_script(
            "const m = window.geomap.map.getContainer().getBoundingClientRect();"
            "return {map: m.width, page: document.documentElement.clientWidth,"
            " filters: getComputedStyle(document.querySelector('.gm-filters')).display,"
            " table: getComputedStyle(document.querySelector('#geomap-table')).display,"
            " dock: getComputedStyle(document.querySelector('.gm-dock')).position};")
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert got["filters"] == "none" and got["table"] == "table" and got["dock"] == "static"
    assert got["map"] >= got["page"] - 40  # the map spans the page, the table follows it
    page.find_element("css selector", ".gm-panel-toggle a").click()
    assert not page.find_element("css selector", ".gm-side").is_displayed()
    width = page.execute_script("return window.geomap.map.getSize().x")
    assert width == page.execute_script("return document.documentElement.clientWidth")
    page.find_element("css selector", ".gm-panel-toggle a").click()
    assert page.find_element("css selector", ".gm-side").is_displayed()


def _stack(n: int, lat: float = 40.7128, lon: float = -74.006) -> list[Event]:
    """n events at one point (a country- or city-level stack), alternating two types."""
    out = []
    for i in range(n):
        out.append(seed_main_event(
            event_id=f"stack-{i}", article_id=f"s-{i}", borders=(),
            event_type="Battles" if i % 3 else "Protests",
            date=date(2021, 1, 1) + timedelta(days=i),
            location=Location("New York", lat, lon, 1, 2.0, "US", "gazetteer")))
    return out


def test_stacked_events_cluster_with_type_mix_and_spiderfy(driver: Any, tmp_path: Path) -> None:
    path = tmp_path / "stack.html"
    render_map(_stack(34) + [seed_main_event()], title="Stack", path=path)
    open_map(driver, path)
    driver.execute_script("window.geomap.map.setView([40.7128, -74.006], 10, {animate: false})")
    counts = driver.execute_script("return window.geomap.counts")
    assert counts["clusters"] == 1 and counts["inClusters"] == 34
    ring = driver.execute_script(
        "const c = document.querySelector('.gm-cluster');"
        "return {text: c.textContent, colours: c.dataset.colours};")
    assert ring["text"] == "34"
    payload = json.loads(driver.execute_script(
        "return document.getElementById('geomap-data').textContent"))
    legend = {t["n"]: t["c"] for t in payload["types"]}
    assert ring["colours"] == f"{legend['Battles']} {legend['Protests']}"  # the legend's
    # the ring really is painted in them: sample the canvas at the top (first type, clockwise)
    pixel = driver.execute_script(
        "const cv = document.querySelector('.gm-cluster-ring'), r = cv.width / 2;"
        "return [...cv.getContext('2d').getImageData(r + 2, 3, 1, 1).data].slice(0, 3);")
    assert "#" + "".join(f"{v:02x}" for v in pixel) == legend["Battles"]
    # the stack never splits by zooming: a click spreads it out
    driver.find_element("css selector", ".gm-cluster").click()
    assert driver.execute_script("return window.geomap.counts.spiderfied") == 34
    spread = driver.execute_script(
        "const m = window.geomap.map; return window.geomap.layers.events.getLayers()[2]"
        ".getLayers().filter(l => l.gmIndex !== undefined).map(l => "
        "m.latLngToContainerPoint(l.getLatLng())).map(p => [Math.round(p.x), Math.round(p.y)])")
    assert len({tuple(p) for p in spread}) == 34  # 34 distinct screen positions
    driver.execute_script("window.geomap.markers[5].openPopup()")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(  # (popups fade in)
        "return [...document.querySelectorAll('.leaflet-popup-content')]"
        ".some(p => p.textContent.includes('New York'))"))
    driver.execute_script("window.geomap.map.closePopup(); window.geomap.unspiderfy()")
    assert driver.execute_script("return window.geomap.counts.spiderfied") == 0
    lat = driver.execute_script("return window.geomap.markers[5].getLatLng().lat")
    assert lat == pytest.approx(40.7128)  # put back where it belongs


def test_readable_defaults_on_many_countries(driver: Any, run_out: Path) -> None:
    """Country-level discs and distance labels are off at load; capitals are labelled in
    every country with events."""
    open_map(driver, run_out / "map.html")
    off = driver.execute_script(
        "const g = window.geomap; return [g.map.hasLayer(g.layers.uncertainty),"
        " g.map.hasLayer(g.layers.distances),"
        " document.querySelectorAll('.gm-distance-label').length]")
    assert off == [False, False, 0]
    payload = json.loads(driver.execute_script(
        "return document.getElementById('geomap-data').textContent"))
    capitals = {c["n"] for c in payload["cities"] if c["c"]}
    countries = {e["cc"] for e in payload["events"] if e.get("cc")}
    assert len(capitals) >= len(countries) >= 4
    driver.execute_script("window.geomap.map.setView([34.5, 69.2], 5, {animate: false})")
    labels = driver.execute_script(
        "return [...document.querySelectorAll('.gm-city-label')].map(t => t.textContent)")
    assert "Kabul" in labels
    # opted in: the distances layer draws once zoomed in close enough
    driver.execute_script("const g = window.geomap; g.map.addLayer(g.layers.distances)")
    assert driver.execute_script("return window.geomap.detailHidden") is True  # zoom 5
    driver.execute_script("window.geomap.map.setView([34.5, 69.2], 8, {animate: false})")
    assert driver.execute_script("return window.geomap.detailHidden") is False


@pytest.mark.timeout(900)
def test_gva_map_filters_match_events_geojson(driver: Any, tmp_path: Path,
                                              shared_data: Path, gazetteer_path: Path) -> None:
    """A few hundred GVA dev articles through ``geomap run``: each filter's count is what
    events.geojson says (test time bounded: 200 articles)."""
    src = shared_data / "events" / "gvc_dev.jsonl"
    if not src.is_file():
        pytest.skip(f"{src} not found")
    lines = src.read_text(encoding="utf-8").splitlines()[:200]
    records = [json.loads(line) for line in lines]
    out = _run(tmp_path / "gva", [{k: v for k, v in r.items() if k != "gold"} for r in records],
               gazetteer_path)
    props = _features(out)
    assert len(props) > 100
    open_map(driver, out / "map.html")
    assert driver.execute_script("return window.geomap.count()") == {
        "events": len(props), "visible": len(props)}
    types = sorted({p["event_type"] for p in props})
    dates = sorted(p["date"] for p in props if p["date"])
    states = ["US"]
    actors = sorted({a for p in props for a in p["actors"]})
    specs = [{"types": [t]} for t in types] + [
        {"countries": states}, {"text": "police"}, {"text": "Chicago"},
        {"from": dates[len(dates) // 3], "to": dates[2 * len(dates) // 3]},
        {"main": True}, {"precision": 2}, {"types": types[:1], "text": "shot"},
    ]
    if actors:
        specs.append({"actors": [actors[len(actors) // 2][:6]]})
    for spec in specs:
        want = expected(props, spec)
        assert driver.execute_script("return window.geomap.filter(arguments[0])", spec) == len(
            want), spec
        assert _visible_ids(driver) == sorted(want), spec
    assert len(driver.find_elements("css selector", "#geomap-table tbody tr")) == min(
        100, len(expected(props, specs[-1])))
