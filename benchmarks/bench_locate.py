"""Figures for the locate stage: border data load, border accuracy, lookups, parser speed.

Usage: GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/bench_locate.py

Border accuracy compares the shared borders this package derives from the NE 1:10m country
polygons (registry package) with NE's own 1:10m land boundary lines (shared data): for points
every ~2 km along our line, the geodesic distance to NE's line (and the reverse direction).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyproj
import shapely
from shapely.geometry import shape


def _timed(fn, *args, repeat: int = 1, **kwargs):
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn(*args, **kwargs)
    return result, (time.perf_counter() - start) / repeat


def _sample(line, step_km: float = 2.0) -> list[tuple[float, float]]:
    """Points (lat, lon) about every ``step_km`` along a lon/lat line (approximate spacing)."""
    points = []
    for part in getattr(line, "geoms", [line]):
        n = max(2, int(part.length * 111.0 / step_km))
        for k in range(n + 1):
            p = part.interpolate(k / n, normalized=True)
            points.append((p.y, p.x))
    return points


def main() -> int:
    from geomap.locate import borders
    from geomap.locate.relative import parse_relative

    print(f"python {sys.version.split()[0]}, shapely {shapely.__version__}")
    borders.load_countries.cache_clear()
    countries, secs = _timed(borders.load_countries)
    print(f"load_countries: {len(countries)} areas in {secs:.2f} s")

    shared = os.environ.get("GEOMAP_SHARED_DATA")
    if shared:
        path = Path(shared) / "boundaries" / "ne_10m_admin_0_boundary_lines_land.geojson"
        data = json.loads(path.read_text())
        by_pair: dict[tuple[str, str], list] = {}
        for feature in data["features"]:
            props = feature["properties"]
            key = tuple(sorted((props["adm0_a3_l"], props["adm0_a3_r"])))
            by_pair.setdefault(key, []).append(shape(feature["geometry"]))
        iso3 = {c.iso3: c.code for c in countries.values()}
        pairs = [("AFG", "TJK"), ("TJK", "UZB"), ("KGZ", "TJK"), ("AFG", "PAK"), ("DEU", "FRA"),
                 ("CAN", "USA"), ("MEX", "USA"), ("SYR", "TUR"), ("KEN", "SOM"), ("IND", "PAK")]
        print("shared border (from polygons) vs NE 1:10m boundary lines, geodesic km:")
        print("pair      ours_km  points  median  p95    max    | reverse max")
        all_d: list[float] = []
        for a3, b3 in pairs:
            key = tuple(sorted((a3, b3)))
            a, b = iso3.get(a3), iso3.get(b3)
            if key not in by_pair or a is None or b is None:
                print(f"{a3}/{b3}: missing")
                continue
            ours = borders.shared_border(a, b)
            theirs = shapely.union_all(by_pair[key])
            d_ours = [borders._nearest_on(lat, lon, theirs)[0] for lat, lon in _sample(ours)]
            d_theirs = [borders._nearest_on(lat, lon, ours)[0] for lat, lon in _sample(theirs)]
            all_d.extend(d_ours)
            q = statistics.quantiles(d_ours, n=20)
            length = pyproj.Geod(ellps="WGS84").geometry_length(ours) / 1000
            print(f"{a3}/{b3}  {length:8.0f}  {len(d_ours):6d}  {statistics.median(d_ours):.3f}"
                  f"  {q[-1]:.3f}  {max(d_ours):.3f}  | {max(d_theirs):.3f}")
        q = statistics.quantiles(all_d, n=20)
        print(f"all pairs: {len(all_d)} points, median {statistics.median(all_d):.3f} km, "
              f"p95 {q[-1]:.3f} km, max {max(all_d):.3f} km")

        gb_path = Path(shared) / "boundaries" / "geoboundaries_TJK" / (
            "geoBoundaries-TJK-ADM0_simplified.geojson")
        gb = json.loads(gb_path.read_text())
        outline = shapely.union_all([shape(f["geometry"]) for f in gb["features"]]).boundary
        print("NE 1:10m Tajik borders vs geoBoundaries TJK ADM0 (OpenStreetMap, simplified), "
              "geodesic km from NE points to the OSM outline:")
        for other in ("AF", "UZ", "KG", "CN"):
            d = [borders._nearest_on(lat, lon, outline)[0]
                 for lat, lon in _sample(borders.shared_border("TJ", other))]
            q = statistics.quantiles(d, n=20)
            print(f"TJ/{other}: {len(d)} points, median {statistics.median(d):.3f}, "
                  f"p95 {q[-1]:.3f}, max {max(d):.3f}")

    lat, lon = 38.53434570870088, 68.20559475301542
    borders.country_at(lat, lon)
    rng = random.Random(1)
    pts = [(rng.uniform(-55, 70), rng.uniform(-180, 180)) for _ in range(20000)]
    _, secs = _timed(lambda: [borders.country_at(p, q) for p, q in pts])
    print(f"country_at: {len(pts) / secs:,.0f} points/s (random points, 1 core)")
    borders.nearest_borders(lat, lon)
    result, secs = _timed(borders.nearest_borders, lat, lon, repeat=20)
    print(f"nearest_borders (point 50 km W of Dushanbe, warm cache): {secs * 1000:.1f} ms/call; "
          + ", ".join(f"{r.country_code} {r.distance_km:.1f} km" for r in result))
    land = [(p, q) for p, q in pts[:3000] if borders.country_at(p, q)][:300]
    _, secs = _timed(lambda: [borders.nearest_borders(p, q) for p, q in land])
    print(f"nearest_borders (300 random land points, cold pair cache): "
          f"{secs / len(land) * 1000:.1f} ms/call")

    if shared:
        tree = ET.parse(Path(shared) / "corpora" / "GWN.xml")
        texts = [a.findtext("text") or "" for a in tree.getroot().iter("article")]
        chars = sum(len(t) for t in texts)
        found, secs = _timed(lambda: [parse_relative(t) for t in texts])
        n = sum(len(f) for f in found)
        print(f"parse_relative on GWN ({len(texts)} articles, {chars:,} chars): "
              f"{chars / secs / 1e6:.2f} M chars/s, {n} expressions")
    for label, text in [
        ("digits", "9" * 100_000), ("spaces", " " * 100_000),
        ("capitalised words", "Aaa " * 25_000), ("'near Aaa '", "near Aaa " * 11_111),
        ("'50 km west of '", "50 km west of " * 7_142), ("'the the '", "the " * 25_000),
    ]:
        _, secs = _timed(parse_relative, text)
        print(f"parse_relative on 100k chars of {label}: {secs * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
