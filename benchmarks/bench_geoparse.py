"""Geoparsing benchmark: LGL and GeoWebNews, gold spans and end to end, plus the throughput of
``geomap geoparse`` on GeoWebNews texts and a calibration table for the confidence.

Usage (from the repository root):

    GEOMAP_SHARED_DATA=../shared/data python benchmarks/bench_geoparse.py [--fit] [--no-cli]

``--fit`` refits the logistic calibration of the confidence on both corpora (gold spans) and
prints the coefficients to paste into ``geomap/resolve/config.py`` (``CALIBRATION``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from geomap.evaluate import Scores, read_corpus
from geomap.gazetteer import open_gazetteer
from geomap.geo import distance_km
from geomap.resolve import geoparse
from geomap.resolve import resolver as resolver_mod

CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml"}


def run_eval(gaz, path: Path, fmt: str, gold_spans: bool, record: list | None = None) -> dict:
    scores = Scores()
    original = resolver_mod._confidence
    feats: list[tuple[float, float, int]] = []

    def spy(margin: float, support: float, n: int, part: bool = False) -> float:
        feats.append((margin, support, n))
        return original(margin, support, n, part)

    if record is not None:
        resolver_mod._confidence = spy  # type: ignore[assignment]
    try:
        for doc in read_corpus(path, fmt):  # type: ignore[arg-type]
            t0 = time.perf_counter()
            if gold_spans:
                golds = [g for g in doc.toponyms if g.is_toponym]
                feats.clear()
                tops = geoparse(doc.text, gaz, spans=[(g.start, g.end) for g in golds])
                if record is not None:
                    it = iter(list(feats))
                    for g, t in zip(golds, tops, strict=True):
                        if t.place is None:
                            continue
                        f = next(it)
                        ok = distance_km(g.lat, g.lon, t.place.lat, t.place.lon) <= 161
                        part = t.reason.split(",")[2].strip().startswith("part")
                        record.append((*f, part, t.confidence, ok))
            else:
                tops = geoparse(doc.text, gaz)
            scores.seconds += time.perf_counter() - t0
            scores.add(doc, tops, gold_spans=gold_spans)
    finally:
        resolver_mod._confidence = original  # type: ignore[assignment]
    return scores.as_dict()


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 5000, lr: float = 0.1) -> np.ndarray:
    """Plain gradient descent on the log loss (numpy only)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= lr * xb.T @ (p - y) / len(y)
    return w


def calibration_table(rows: list) -> list[tuple[str, int, float, float]]:
    bins = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]
    out = []
    for lo, hi in bins:
        sel = [r for r in rows if lo <= r[-2] < hi]
        if sel:
            out.append((f"[{lo:.2f}, {min(hi, 1.0):.2f})", len(sel),
                        sum(r[-2] for r in sel) / len(sel), sum(r[-1] for r in sel) / len(sel)))
    return out


def cli_throughput(path: Path, gazetteer: Path) -> tuple[int, float]:
    """Docs/s of `geomap geoparse` on the corpus texts, one process pinned to one core."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs.jsonl"
        n = 0
        with src.open("w", encoding="utf-8") as fh:
            for doc in read_corpus(path, "gwn"):
                fh.write(json.dumps({"id": doc.id, "text": doc.text}) + "\n")
                n += 1
        cmd = [sys.executable, "-m", "geomap", "geoparse", str(src), "-o",
               str(Path(tmp) / "out.jsonl"), "-q", "--gazetteer", str(gazetteer)]
        if hasattr(os, "sched_setaffinity"):
            cmd = ["taskset", "-c", "0", *cmd]
        # warm run: builds/loads the automaton cache; timed run afterwards
        subprocess.run(cmd, check=True)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        return n, time.perf_counter() - t0


def fmt(v: float) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    args = ap.parse_args()
    data = Path(os.environ.get("GEOMAP_SHARED_DATA", "../shared/data"))
    gaz = open_gazetteer(progress=False)
    geoparse("warm up in Paris", gaz)
    records: list = []
    print("| corpus | mode | P | R | F1 | acc@161 | mean km | median km | AUC | n | docs/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    kinds: dict[str, dict] = {}
    for name, fname in CORPORA.items():
        path = data / "corpora" / fname
        for gold in (True, False):
            r = run_eval(gaz, path, name, gold, records if gold else None)
            mode = "gold spans" if gold else "end to end"
            kinds[f"{name} {mode}"] = r["by_kind"]
            print(f"| {name} | {mode} | {fmt(r.get('precision'))} | {fmt(r.get('recall'))} | "
                  f"{fmt(r.get('f1'))} | {fmt(r['acc161'])} | {r['mean_error_km']:.0f} | "
                  f"{r['median_error_km']:.1f} | {fmt(r['auc'])} | {r['mentions_scored']} | "
                  f"{r['docs_per_s']:.0f} |")
    print("\nPer kind, acc@161 (n):")
    for key, by in kinds.items():
        print(f"- {key}: " + ", ".join(f"{k} {fmt(v['acc161'])} ({v['n']})" for k, v in by.items()))
    print("\nCalibration (gold spans, both corpora, resolved mentions):")
    print("| confidence | n | mean confidence | share within 161 km |")
    print("|---|---|---|---|")
    for label, n, conf, acc in calibration_table(records):
        print(f"| {label} | {n} | {conf:.3f} | {acc:.3f} |")
    if args.fit:
        x = np.array([[min(m, 6.0), min(s, 3.0), math.log(max(n, 1)), float(p)]
                      for m, s, n, p, _c, _ok in records])
        y = np.array([float(ok) for *_rest, ok in records])
        w = fit_logistic(x, y)
        print("\nfitted CALIBRATION (a, b margin, c support, d log n, e part):",
              tuple(round(float(v), 3) for v in w))
    if not args.no_cli:
        n, secs = cli_throughput(data / "corpora" / "GWN.xml", Path(gaz.path))
        print(f"\n`geomap geoparse` on {n} GWN texts, one core: {secs:.2f} s, "
              f"{n / secs:.1f} docs/s (process start and gazetteer/automaton load included)")
    gaz.close()


if __name__ == "__main__":
    main()
