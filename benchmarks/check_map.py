"""Check a ``geomap run`` output folder's map against its own events.geojson in headless
Chromium (network blocked): the page contract, and every filter's count.

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/check_map.py OUT_DIR [OUT_DIR ...] \
        [--screenshot docs/map.png]

For each folder: time to ready, ``window.geomap.count()``, then ``window.geomap.filter(spec)``
for every event type, sub-type (up to 12), the 8 commonest countries, 4 actor substrings, 4
search words, 4 date windows, main/background, each precision and two combinations; each
count must equal the events of events.geojson that :mod:`geomap.render.contract` selects, and
the page's visible event ids must be exactly those. Prints one line per filter; exits 1 on
any difference.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from geomap.render import screenshot
from geomap.render.browser import headless_chromium, open_map
from geomap.render.contract import selected_ids


def _specs(props: list[dict]) -> list[dict]:
    types = sorted({p["event_type"] for p in props})
    subtypes = sorted({p["sub_event_type"] for p in props if p["sub_event_type"]})[:12]
    countries = [c for c, _ in Counter(
        (p["country_code"] or "").upper() for p in props if p["country_code"]).most_common(8)]
    actors = [a for a, _ in Counter(a for p in props for a in p["actors"]).most_common(4)]
    words = [w for w, _ in Counter(p["location_name"].split(",")[0] for p in props
                                   if p["location_name"]).most_common(2)] + ["police", "killed"]
    dates = sorted(p["date"] for p in props if p["date"])
    specs: list[dict[str, Any]] = [{}]
    specs += [{"types": [t]} for t in types]
    specs += [{"subtypes": [s]} for s in subtypes]
    specs += [{"countries": [c]} for c in countries]
    specs += [{"actors": [a[: max(4, len(a) // 2)].lower()]} for a in actors]
    specs += [{"text": w} for w in words]
    if dates:
        q = [dates[int(i * (len(dates) - 1) / 4)] for i in range(5)]
        specs += [{"from": q[i], "to": q[i + 1]} for i in range(4)]
    specs += [{"main": True}, {"main": False}, {"precision": 1}, {"precision": 2},
              {"precision": 3}]
    if types and countries:
        specs.append({"types": types[:2], "countries": countries[:2], "text": "police"})
    if dates and actors:
        specs.append({"from": dates[len(dates) // 2], "actors": [actors[0][:5]]})
    return specs


def check(out: Path, shot: Path | None) -> int:
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    features = [f for f in data["features"] if f.get("geometry")]
    props = [f["properties"] for f in features]
    failures = 0
    with headless_chromium(1400, 900) as driver:
        timing = open_map(driver, out / "map.html", timeout_s=300)
        count = driver.execute_script("return window.geomap.count()")
        print(f"{out}: {len(features):,} events in events.geojson; page ready "
              f"{timing['ready']:.0f} ms, count() {count}")
        if count != {"events": len(features), "visible": len(features)}:
            print("  MISMATCH: count()")
            failures += 1
        for spec in _specs(props):
            want = selected_ids(features, spec)
            t0 = time.perf_counter()
            got = driver.execute_script("return window.geomap.filter(arguments[0])", spec)
            ms = (time.perf_counter() - t0) * 1000
            ids = driver.execute_script("return window.geomap.visibleIds()")
            rows = driver.execute_script(
                "return document.querySelectorAll('#geomap-table tbody tr').length")
            ok = got == len(want) and sorted(ids) == sorted(want) and rows == min(len(want), 100)
            failures += not ok
            print(f"  {'ok' if ok else 'MISMATCH'}  {json.dumps(spec, ensure_ascii=False)}: "
                  f"page {got:,}, events.geojson {len(want):,}, table rows {rows} "
                  f"({ms:.0f} ms)")
        driver.execute_script("window.geomap.filter({})")
        severe = [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        if severe:
            print(f"  console errors: {severe[:3]}")
            failures += 1
    if shot is not None:
        screenshot(out / "map.html", shot, width=1400, height=900)
        print(f"  screenshot {shot} ({shot.stat().st_size:,} bytes)")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", nargs="+", type=Path, help="geomap run output folders")
    parser.add_argument("--screenshot", type=Path, action="append", default=[],
                        help="a PNG per folder, in the same order")
    args = parser.parse_args()
    shots = args.screenshot + [None] * (len(args.outputs) - len(args.screenshot))
    failures = sum(check(out, shot) for out, shot in zip(args.outputs, shots, strict=True))
    print(f"{failures} mismatch(es)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
