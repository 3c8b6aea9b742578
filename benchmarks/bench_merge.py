"""Cross-article merging at scale: 1,000 vs 100,000 synthetic events.

    python benchmarks/bench_merge.py [--sizes 1000 100000] [--store-dir DIR]

Each size runs in its own process (so peak memory is its own): synthetic incidents over one
year in the continental US, each reported by 1-3 articles (a victim's name, a street,
jittered points and dates, several wordings), then

- keys: the merge keys of every event (``geomap.merge.key_of``),
- merge: candidate blocking (date window x H3 cell, name postings) and the links
  (``IncidentIndex.resolve``), with the number of pairs compared (grows with the events, not
  their square),
- store: one append of every event into a new GeoPackage (``geomap.merge.store.append``,
  one transaction), its size on disk, and a second append of the same articles (idempotent:
  nothing added),
- peak memory: the process's maximum resident set size (``ru_maxrss``),
- pairwise precision / recall / F1 of the incidents against the synthetic truth.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

FIRST = ["Darnell", "Maria", "Tyrone", "Ashley", "Jamal", "Brittany", "Luis", "Keisha", "Cody",
         "Tamika", "Andre", "Crystal", "Hector", "Latoya", "Dustin", "Monique"]
LAST = ["Kinsey", "Okafor", "Lindqvist", "Baptiste", "Moreau", "Tanaka", "Haddad", "Novak",
        "Ferreira", "Quinlan", "Abernathy", "Vasquez", "Whitcombe", "Delacroix", "Oyelaran",
        "Castellanos", "Pruitt", "Szymanski", "Mbeki", "Runyon"]
STREETS = ["Pulaski", "Cottage Grove", "Halsted", "Ashland", "Kedzie", "Cicero", "Western",
           "Damen", "Racine", "Harlem", "Laramie", "Central Park", "Stony Island", "Torrence"]
WORDINGS = [
    "{name}, {age}, was shot and killed near {street} Avenue on {day}, police said.",
    "Police are investigating after {name} died of gunshot wounds on {street} Avenue {day}.",
    "A {age}-year-old, identified as {name}, was fatally shot in the {street} neighborhood.",
    "{name} was wounded when gunfire erupted outside a store on {street} Avenue, officers said.",
]


def make(n_events: int, seed: int = 11):
    """(events, texts, truth) with about ``n_events`` events."""
    from geomap.types import Event, Location

    rnd = random.Random(seed)
    events, texts, truth = [], {}, {}
    i = 0
    start = date(2024, 1, 1)
    while len(events) < n_events:
        lat, lon = rnd.uniform(30, 47), rnd.uniform(-120, -75)
        day = start + timedelta(days=rnd.randrange(365))
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}"
        street, age, dead = rnd.choice(STREETS), rnd.randint(15, 60), rnd.randint(0, 3)
        for r in range(rnd.randint(1, 3)):
            aid = f"s{i:07d}-{r}"
            text = rnd.choice(WORDINGS).format(name=name, age=age, street=street,
                                               day=day.strftime("%A"))
            loc = Location(name=f"Town {i}", lat=lat + rnd.uniform(-0.05, 0.05),
                           lon=lon + rnd.uniform(-0.05, 0.05), precision=1,
                           uncertainty_km=5.0, country_code="US")
            events.append(Event(
                event_id=f"{aid}-1", article_id=aid, event_type="Violence against civilians",
                sub_event_type="Attack", date=day + timedelta(days=rnd.choice((0, 0, 0, 1))),
                location=loc, evidence=text, evidence_start=0, evidence_end=len(text),
                main=True, fatalities=dead + r % 2, title=f"Shooting on {street} Avenue",
                date_precision="day"))
            texts[aid] = text
            truth[f"{aid}-1"] = i
        i += 1
    return events[:n_events], texts, truth


def pairwise(pred: dict[str, str], gold: dict[str, int]) -> tuple[float, float, float]:
    def pairs(assign):
        groups = defaultdict(list)
        for k, c in assign.items():
            groups[c].append(k)
        return {(a, b) for ks in groups.values() for a in ks for b in ks if a < b}

    pp, gp = pairs(pred), pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def one(n: int, store_dir: str) -> dict:
    """Measure one size in this process."""
    from geomap.merge import IncidentIndex, key_of
    from geomap.merge.store import append

    events, texts, truth = make(n)
    t0 = time.perf_counter()
    keys = [key_of(e, texts[e.article_id]) for e in events]
    t_keys = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = IncidentIndex()
    index.add_all(keys)
    incidents = index.incidents()
    t_merge = time.perf_counter() - t0
    p, r, f = pairwise(incidents, truth)
    store = Path(store_dir) / f"bench-{n}.gpkg"
    store.unlink(missing_ok=True)
    by_key = {k.event_id: k for k in keys}
    arts = [(e.article_id, "h-" + e.article_id, [e]) for e in events]
    t0 = time.perf_counter()
    summary, _ = append(store, arts, by_key)
    t_store = time.perf_counter() - t0
    t0 = time.perf_counter()
    again, _ = append(store, arts, by_key)
    t_again = time.perf_counter() - t0
    out = {
        "events": n, "incidents_true": len(set(truth.values())),
        "incidents_found": len(set(incidents.values())), "pairs_compared": index.n_compared,
        "links": index.n_links, "keys_s": round(t_keys, 2), "merge_s": round(t_merge, 2),
        "store_append_s": round(t_store, 2), "store_reappend_s": round(t_again, 2),
        "reappend_added": again.events_added, "store_mb": round(store.stat().st_size / 1e6, 1),
        "pair_p": round(p, 4), "pair_r": round(r, 4), "pair_f1": round(f, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    store.unlink()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    ap.add_argument("--store-dir", default=None, help="folder for the stores (default: a temp)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    store_dir = args.store_dir or tempfile.mkdtemp(prefix="bench-merge-")
    if args.one:
        print(json.dumps(one(args.one, store_dir)))
        return
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    rows = []
    for n in args.sizes:
        r = subprocess.run([sys.executable, __file__, "--one", str(n), "--store-dir", store_dir],
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONPATH": str(HERE.parent)})
        rows.append(json.loads(r.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    cols = ["events", "keys_s", "merge_s", "pairs_compared", "store_append_s",
            "store_reappend_s", "store_mb", "peak_rss_mb", "pair_p", "pair_r", "pair_f1"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")


if __name__ == "__main__":
    main()
