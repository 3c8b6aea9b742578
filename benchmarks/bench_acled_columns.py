"""ACLED columns against ACLED's own coding: admin1, admin2 and geo_precision of geomap's main
event on the ACLED dev set, through the Python API (geomap.parse_many + to_dataframe).

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/bench_acled_columns.py [--jobs N]

For each record: geomap's main event (the first with main=True) and ACLED's gold. Prints how
often admin1/admin2 are filled, how often they equal ACLED's (names compared by the
gazetteer's name key: case, accents and punctuation ignored) and how often they name the same
area under another spelling (:func:`_same_area`), overall and among events within 25 km of
ACLED's point, and the geo_precision agreement.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import geomap
from geomap.gazetteer.normalize import name_key
from geomap.geo import distance_km

NEAR_KM = 25.0
"""The events benchmark's "within 25 km" radius: the same point, as ACLED's coders place it."""


GENERIC_WORDS = frozenset({
    "province", "provinces", "region", "oblast", "oblast'", "raion", "rayon", "district",
    "governorate", "state", "city", "miskrada", "mis'krada", "municipality", "county",
    "division", "prefecture", "department", "of", "the",
})
"""Words that say what kind of area a name is, not which ("Eastern Province", "Donetska
oblast"): dropped before names are compared by stem."""

STEM_CHARS = 5
"""Letters compared by :func:`_same_area` ("donetska"/"donetsk", "zaporizka"/"zaporizhia")."""


def _same(a: object, b: object) -> bool:
    return bool(a) and bool(b) and name_key(str(a)) == name_key(str(b))


def _stem(name: str) -> str:
    words = [w for w in name_key(name).replace("’", "'").split() if w not in GENERIC_WORDS]
    return " ".join(words)[:STEM_CHARS]


def _same_area(a: object, b: object) -> bool:
    """The same area under two spellings: generic words dropped, the first letters compared
    (a heuristic: ACLED writes "Donetsk" and "Eastern" where GeoNames-derived names say
    "Donetska oblast" and "Eastern Province")."""
    return bool(a) and bool(b) and bool(_stem(str(a))) and _stem(str(a)) == _stem(str(b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    shared = os.environ.get("GEOMAP_SHARED_DATA")
    if not shared:
        print("GEOMAP_SHARED_DATA is not set", file=sys.stderr)
        return 2
    path = Path(shared) / "events" / "acled_dev.jsonl"
    gold = [json.loads(line) for line in path.open(encoding="utf-8")]
    records = [{"id": g["id"], "text": g["text"], "published": g.get("published")} for g in gold]
    t0 = time.perf_counter()
    results = list(geomap.parse_many(records, jobs=args.jobs))
    elapsed = time.perf_counter() - t0
    c: Counter[str] = Counter()
    for g, r in zip(gold, results, strict=True):
        c["records"] += 1
        df = r.to_dataframe()
        main = df[df["main"]]
        if main.empty:
            continue
        row = main.iloc[0]
        gd = g["gold"]
        a1, a2 = gd.get("admin1"), g.get("meta", {}).get("admin2")
        c["events"] += 1
        near = distance_km(float(row["latitude"]), float(row["longitude"]),
                           gd["lat"], gd["lon"]) <= NEAR_KM
        filled1 = not _missing(row["admin1"])
        c["admin1 filled"] += filled1
        c["admin1 = ACLED"] += _same(None if not filled1 else row["admin1"], a1)
        c["admin2 filled"] += not _missing(row["admin2"])
        c["admin2 = ACLED"] += (not _missing(row["admin2"])) and _same(row["admin2"], a2)
        c["admin1 same area (stem)"] += filled1 and _same_area(row["admin1"], a1)
        c["admin2 same area (stem)"] += (not _missing(row["admin2"])) and _same_area(
            row["admin2"], a2)
        c["geo_precision = ACLED"] += int(row["geo_precision"]) == int(gd["geo_precision"])
        if near:
            c["near"] += 1
            c["near: admin1 = ACLED"] += filled1 and _same(row["admin1"], a1)
            c["near: admin1 same area"] += filled1 and _same_area(row["admin1"], a1)
    n, near = c["events"], c["near"]
    print(f"{path}: {c['records']} records, {n} main events, {elapsed:.1f} s "
          f"(jobs={args.jobs})")
    for key in ("admin1 filled", "admin1 = ACLED", "admin1 same area (stem)", "admin2 filled",
                "admin2 = ACLED", "admin2 same area (stem)", "geo_precision = ACLED"):
        print(f"  {key:28} {c[key] / n:.3f}  ({c[key]}/{n})")
    print(f"  {'within 25 km: admin1 = ACLED':28} {c['near: admin1 = ACLED'] / near:.3f}  "
          f"({c['near: admin1 = ACLED']}/{near})")
    print(f"  {'within 25 km: admin1 area':28} {c['near: admin1 same area'] / near:.3f}  "
          f"({c['near: admin1 same area']}/{near})")
    return 0


def _missing(value: object) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value) \
        or value == ""


if __name__ == "__main__":
    sys.exit(main())
