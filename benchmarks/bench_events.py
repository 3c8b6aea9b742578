"""Events-stage figures: the seed article through the whole pipeline, and extract_events over
every article of LGL and GeoWebNews with the corpora's gold places as input.

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/bench_events.py [--skip-pipeline]
        [--only-scaling] [--dev-sets [--jobs 2]]

Seed: the real pipeline (gazetteer, recognizer, resolver, locate, events) when the gazetteer is
built; prints the events it finds. Corpora: publication dates from LGL's ``dltime`` and from the
date in GWN's ``link`` (None when absent: relative dates then stay unresolved); gold toponyms
become places (LGL feature codes give the kind; country codes from the Natural Earth polygons).
Times are for ``extract_events`` alone. Last, the run time on a 0.1 MB and a 1 MB text of
repeated incident sentences (the regexes should scale linearly).

``--dev-sets`` instead scores the events dev sets (``$GEOMAP_SHARED_DATA/events/acled_dev.jsonl``
and ``gvc_dev.jsonl``) as ``geomap eval --format events`` does and prints the RESULTS.md rows.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from geomap.evaluate.corpora import (
    gold_toponyms,
    publication_dates,
    read_gwn,
    read_lgl,
)
from geomap.events import extract_events
from geomap.locate.borders import country_at
from geomap.types import Article, Mention, Place, Toponym

HERE = Path(__file__).resolve().parent


def seed_pipeline() -> None:
    from geomap.ingest import parse_seed
    from geomap.pipeline import get_pipeline
    from geomap.settings import default_gazetteer_path

    if not default_gazetteer_path().exists():
        print("seed: gazetteer not built; skipped")
        return
    path = HERE.parent / "seeds" / "000_70ed376d072bdc9b.txt"
    article = parse_seed(path.read_text(encoding="utf-8"), path=str(path))
    pipe = get_pipeline()
    result = pipe.process(article)
    toponyms = list(result.toponyms)
    locations = list(result.locations)
    runs = []
    for _ in range(20):
        t0 = time.perf_counter()
        extract_events(article, toponyms, locations)
        runs.append(time.perf_counter() - t0)
    print(f"seed: {len(result.events)} events; extract_events median "
          f"{statistics.median(runs) * 1000:.1f} ms over 20 runs (borders cached)")
    for e in result.events:
        loc = e.location
        anchor = ""
        if loc.anchor is not None:
            anchor = (f" anchor {loc.anchor.name} {loc.anchor.distance_km} km "
                      f"{loc.anchor.bearing_deg} deg")
        borders = ", ".join(f"{b.country_code} {b.distance_km:.1f} km"
                            f"{' (named)' if b.named_in_text else ''}" for b in e.borders)
        print(f"  {'MAIN' if e.main else 'background'} {e.date} ({e.date_precision}, "
              f"{e.date_text!r}) {e.event_type} / {e.sub_event_type}; fatalities {e.fatalities}, "
              f"injured {e.injured}, detained {e.detained}; actors {list(e.actors)}")
        print(f"    at {loc.name!r} {loc.lat:.3f} {loc.lon:.3f} precision {loc.precision} "
              f"+/- {loc.uncertainty_km:.0f} km{anchor}; borders: {borders or '-'}")


class _Timed:
    """Wraps ``geomap.events.extract.event_borders`` to add up the time spent in border
    distances (the borders stage's cost, inside extract_events)."""

    def __init__(self) -> None:
        import geomap.events.extract as extract

        self.seconds = 0.0
        self._inner = extract.event_borders
        extract.event_borders = self

    def __call__(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return self._inner(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t0


def corpora(shared: Path) -> None:
    timer = _Timed()
    for name, fname, reader in (("LGL", "lgl.xml", read_lgl), ("GWN", "GWN.xml", read_gwn)):
        path = shared / "corpora" / fname
        published = publication_dates(path)
        docs = list(reader(path))
        times: list[float] = []
        events_per: list[int] = []
        precision: Counter[int] = Counter()
        methods: Counter[str] = Counter()
        types: Counter[str] = Counter()
        no_date = with_date_text = with_fatalities = main = errors = 0
        chars = 0
        timer.seconds = 0.0
        for doc in docs:
            article = Article(id=doc.id, text=doc.text, title=doc.title,
                              published=published.get(doc.id))
            toponyms = gold_toponyms(doc)
            t0 = time.perf_counter()
            try:
                events = extract_events(article, toponyms, [])
            except Exception as exc:  # counted, not fatal: this is what the figure measures
                errors += 1
                print(f"  {name} {doc.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            times.append(time.perf_counter() - t0)
            chars += len(doc.text)
            events_per.append(len(events))
            for e in events:
                precision[e.location.precision] += 1
                methods[e.location.method] += 1
                types[e.event_type] += 1
                no_date += e.date is None
                with_date_text += e.date_text is not None
                with_fatalities += e.fatalities is not None
                main += e.main
        n_events = sum(events_per)
        dated = sum(1 for d in docs if d.id in published)
        print(f"{name}: {len(docs)} articles ({dated} with a publication date), {errors} errors, "
              f"{n_events} events in {sum(1 for k in events_per if k)} articles "
              f"({main} main), {n_events / max(1, len(docs)):.2f} events/article")
        print(f"  precision {dict(sorted(precision.items()))}; location method {dict(methods)}")
        print(f"  event types {dict(types.most_common())}")
        print(f"  events with a date expression {with_date_text}, with no date at all {no_date} "
              f"(undated articles), with fatalities {with_fatalities}")
        total = sum(times)
        print(f"  extract_events: {len(times) / total:.0f} articles/s, "
              f"{chars / total / 1e6:.2f} MB/s, median {statistics.median(times) * 1000:.1f} ms, "
              f"max {max(times) * 1000:.0f} ms per article; {timer.seconds / total:.0%} of it in "
              f"border distances; without them {len(times) / (total - timer.seconds):.0f} "
              "articles/s")


def scaling() -> None:
    sentence = ("Gunmen attacked a police post near the town on Monday, killing 3 soldiers and "
                "wounding 12 people, officials said. ")
    filler = "The weather was mild and the market opened as usual. "
    unit = sentence + filler * 3
    article_times = {}
    country_at(10.0, 10.0)  # load the border polygons first: this times the events stage
    for size in (100_000, 1_000_000):
        text = unit * (size // len(unit))
        article = Article(id="scale", text=text, published=datetime(2024, 3, 14, tzinfo=UTC))
        place = Place("gn:1", "Town", 10.0, 10.0, "city", 1, country_code="NG")
        toponyms = [Toponym(Mention(m.start(), m.end(), "town", "town"), place, 1.0, "test")
                    for m in re.finditer("town", text)]
        t0 = time.perf_counter()
        events = extract_events(article, toponyms, [])
        article_times[size] = time.perf_counter() - t0
        print(f"scaling: {len(text) / 1e6:.1f} MB text -> {len(events)} events in "
              f"{article_times[size]:.2f} s")
    print(f"scaling: 1 MB / 0.1 MB time ratio {article_times[1_000_000] / article_times[100_000]:.1f}"
          " (10 = linear)")


DEV_SETS = ("acled_dev", "gvc_dev")


def dev_sets(root: Path, jobs: int) -> None:
    """Both events dev sets through ``geomap eval --format events``: markdown rows (main pick)."""
    import json
    import subprocess

    head = ("| set | records | events | time | coverage | within 10 / 25 / 50 / 161 km | median km "
            "| country | date exact / +-1 | fatalities exact (> 0) | injured exact (> 0) "
            "| type / sub-type | actors primary / all |")
    print(head)
    print("|" + "---|" * head.count(" | ") + "---|")
    for name in DEV_SETS:
        cmd = [sys.executable, "-m", "geomap", "eval", str(root / "events" / f"{name}.jsonl"),
               "--format", "events", "--jobs", str(jobs), "--json", "-q"]
        out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        s = out["main"]["summary"]

        def f(key: str, s: dict = s) -> str:
            v = s.get(key)
            return "-" if v is None else f"{v:.3f}"

        print(f"| {name} | {s['records']} | {s['events_total']} | {out['seconds']:.1f} s "
              f"| {f('coverage')} | {f('within_10km')} / {f('within_25km')} / {f('within_50km')} / "
              f"{f('within_161km')} | {s['median_km_located']} | {f('country_acc')} "
              f"| {f('date_exact')} / {f('date_pm1')} | {f('fat_exact')} ({f('fat_exact_gold_gt0')}) "
              f"| {f('inj_exact')} ({f('inj_exact_gold_gt0')}) | {f('type_acc')} / {f('sub_type_acc')} "
              f"| {f('actor_recall_primary')} / {f('actor_recall')} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-pipeline", action="store_true")
    parser.add_argument("--only-scaling", action="store_true")
    parser.add_argument("--dev-sets", action="store_true",
                        help="score the events dev sets with geomap eval --format events")
    parser.add_argument("--jobs", type=int, default=2, help="--dev-sets: worker processes")
    args = parser.parse_args()
    env = os.environ.get("GEOMAP_SHARED_DATA")
    if not env:
        sys.exit("set GEOMAP_SHARED_DATA to the reference data folder")
    if args.dev_sets:
        dev_sets(Path(env), args.jobs)
        return
    if not args.only_scaling:
        if not args.skip_pipeline:
            seed_pipeline()
        corpora(Path(env))
    scaling()


if __name__ == "__main__":
    main()
