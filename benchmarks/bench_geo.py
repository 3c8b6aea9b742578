"""Cost and agreement of geomap's geodesic distance (geopy's ``geodesic``, one reused instance)
against geographiclib called directly and against a new geopy ``geodesic`` per call.

    python benchmarks/bench_geo.py [--calls 20000] [--pairs 1000]

Prints microseconds per call (median of 5 runs) and the largest difference in metres over
random point pairs. Why: geomap routes distances through geopy (the client's library); this
checks that the reused instance costs no more than geographiclib and gives the same numbers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import timeit

from geographiclib.geodesic import Geodesic
from geopy.distance import geodesic

from geomap.geo import distance_km


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=20_000)
    ap.add_argument("--pairs", type=int, default=1_000)
    args = ap.parse_args()
    a, b = (38.5, 68.7), (39.9, 70.1)
    wgs = Geodesic.WGS84
    ways = {
        "geomap.geo.distance_km (reused geopy geodesic)": lambda: distance_km(*a, *b),
        "geographiclib Geodesic.WGS84.Inverse": lambda: wgs.Inverse(*a, *b, Geodesic.DISTANCE),
        "geopy geodesic(a, b).km, new instance per call": lambda: geodesic(a, b).km,
    }
    for name, fn in ways.items():
        runs = [timeit.timeit(fn, number=args.calls) / args.calls * 1e6 for _ in range(5)]
        print(f"{name:50s} {statistics.median(runs):8.1f} us per call")
    rng = random.Random(0)
    worst = 0.0
    for _ in range(args.pairs):
        p = (rng.uniform(-89, 89), rng.uniform(-180, 180))
        q = (rng.uniform(-89, 89), rng.uniform(-180, 180))
        ours = distance_km(*p, *q) * 1000.0
        ref = wgs.Inverse(*p, *q, Geodesic.DISTANCE)["s12"]
        worst = max(worst, abs(ours - ref))
    print(f"largest difference from geographiclib over {args.pairs} random pairs: {worst:.3e} m")


if __name__ == "__main__":
    main()
