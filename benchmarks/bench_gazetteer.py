"""Gazetteer figures: build time and memory, import time and memory, lookup latency, coverage.

    GEOMAP_SHARED_DATA=/work/shared/data python benchmarks/bench_gazetteer.py [--only NAME ...]

Each heavy step runs in a child process so its peak RSS (``ru_maxrss``) is its own. Prints one
line per figure. Coverage: for each gold toponym with coordinates in LGL and GeoWebNews, does the
gazetteer offer *any* candidate for the gold phrase within 161 km of the gold point (an upper
bound for the resolver: the share it could get right at best).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from geomap.geo import distance_km

HERE = Path(__file__).resolve().parent


def shared() -> Path:
    env = os.environ.get("GEOMAP_SHARED_DATA")
    if not env:
        sys.exit("set GEOMAP_SHARED_DATA to the reference data folder")
    return Path(env)


def _child(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints a JSON dict; add its peak RSS."""
    wrapper = (
        "import json, resource, time\n"
        "t0 = time.perf_counter()\n"
        f"{code}\n"
        "out = dict(result) if 'result' in dir() else {}\n"
        "out['seconds'] = time.perf_counter() - t0\n"
        "out['peak_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_build(tmp: Path) -> Path:
    db = tmp / "default.sqlite"
    r = _child(
        "from geomap.gazetteer import build_default\n"
        f"build_default({str(db)!r}, progress=False)\n"
    )
    print(f"default build: {r['seconds']:.1f} s, peak RSS {r['peak_rss_mb']:.0f} MB, "
          f"file {db.stat().st_size / 1e6:.0f} MB")
    return db


def bench_import(db: Path, files: list[Path], label: str) -> None:
    r = _child(
        "from geomap.gazetteer.importer import import_files\n"
        f"result = import_files({str(db)!r}, {[str(f) for f in files]!r}, progress=False)\n"
    )
    rows = r.get("rows", 0)
    print(f"import {label}: {rows:,} rows in {r['seconds']:.1f} s, peak RSS {r['peak_rss_mb']:.0f} MB")


def synth_million(src: Path, out: Path, n: int = 1_000_000) -> None:
    """1M 19-column rows: cities500 rows repeated with fresh ids (30,000,000 + i)."""
    with open(src, encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            row = rows[i % len(rows)]
            fh.write("\t".join([str(30_000_000 + i), *row[1:]]) + "\n")


def bench_lookup(db: Path) -> None:
    from geomap.gazetteer import open_gazetteer
    from geomap.gazetteer.sqlite import connect_readonly

    gaz = open_gazetteer(db, build_if_missing=False)
    rng = random.Random(0)
    con = connect_readonly(db)  # every place's name, from the file (not the store's internals)
    names = [n for (n,) in con.execute("SELECT name FROM places ORDER BY rowid")]
    con.close()
    sample = rng.sample(names, 5000)
    for n in sample:
        gaz.lookup(n)
    times = []
    for n in sample:
        t = time.perf_counter()
        gaz.lookup(n)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"exact lookup (5,000 random place names, warm): median "
          f"{statistics.median(times) * 1e6:.0f} us, p95 {times[int(0.95 * len(times))] * 1e6:.0f} us")
    gaz.close()


def gold_toponyms(data: Path) -> dict[str, list[tuple[str, float, float]]]:
    """corpus -> [(phrase, lat, lon)] for gold toponyms with coordinates."""
    out: dict[str, list[tuple[str, float, float]]] = {
        "LGL": [], "GeoWebNews": [], "GeoWebNews, GeoNames-id subset": []}
    for t in ET.parse(data / "corpora" / "lgl.xml").getroot().iter("toponym"):
        g = t.find("gaztag")
        if g is None or g.find("lat") is None:
            continue
        out["LGL"].append((t.findtext("phrase") or "", float(g.findtext("lat")), float(g.findtext("lon"))))
    for art in ET.parse(data / "corpora" / "GWN.xml").getroot().iter("article"):
        text = art.findtext("text") or ""
        for t in art.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            phrase = text[start:end] or (t.findtext("extractedName") or "")
            out["GeoWebNews"].append((phrase, float(lat), float(lon)))
            if t.findtext("geonamesID"):
                out["GeoWebNews, GeoNames-id subset"].append((phrase, float(lat), float(lon)))
    return out


def coverage(db: Path, data: Path, label: str, show_misses: int = 0) -> dict[str, float]:
    from geomap.gazetteer import open_gazetteer

    gaz = open_gazetteer(db, build_if_missing=False)
    result = {}
    for corpus, tops in gold_toponyms(data).items():
        hit = 0
        misses: dict[str, int] = {}
        for phrase, lat, lon in tops:
            cands = gaz.lookup(phrase)
            if any(distance_km(lat, lon, c.place.lat, c.place.lon) <= 161 for c in cands):
                hit += 1
            else:
                misses[phrase] = misses.get(phrase, 0) + 1
        share = hit / len(tops)
        result[corpus] = share
        print(f"coverage@161km {corpus} ({label}): {share:.3f} ({hit:,}/{len(tops):,})")
        if show_misses:
            top = sorted(misses.items(), key=lambda kv: -kv[1])[:show_misses]
            print("  most frequent misses:", ", ".join(f"{k} x{v}" for k, v in top))
    gaz.close()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", default=None,
                    help="subset of: build lookup coverage import million")
    ap.add_argument("--misses", type=int, default=0, help="print the N most frequent misses")
    ap.add_argument("--db", type=Path, default=None, help="use this default gazetteer (no build)")
    args = ap.parse_args()
    steps = set(args.only or ["build", "lookup", "coverage", "import", "million"])
    data = shared()
    geonames = data / "geonames"
    print(f"# bench_gazetteer {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if args.db is not None:
            db = args.db
        elif "build" in steps or not args.db:
            db = bench_build(tmp)
        if "lookup" in steps:
            bench_lookup(db)
        if "coverage" in steps:
            coverage(db, data, "default", args.misses)
        if "import" in steps:
            full = tmp / "full.sqlite"
            full.write_bytes(db.read_bytes())
            bench_import(full, [geonames / "cities500.txt"], "cities500.txt")
            bench_import(full, [geonames / "admin1CodesASCII.txt", geonames / "admin2Codes.txt",
                                geonames / "countryInfo.txt"], "admin1/admin2/countryInfo")
            if "coverage" in steps:
                coverage(full, data, "default + cities500 + admin files", args.misses)
        if "million" in steps:
            big = tmp / "million.txt"
            synth_million(geonames / "cities500.txt", big)
            target = tmp / "million.sqlite"
            target.write_bytes(db.read_bytes())
            bench_import(target, [big], "1,000,000 synthetic rows")
    _ = resource  # peak RSS is measured in the children


if __name__ == "__main__":
    main()
