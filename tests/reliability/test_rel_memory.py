"""Issue 10, item 7: a huge pathological article costs bounded time and memory.

1 MB of "Kabul " used to take over 30 s and 2.5 GB (every one of its 166,667 mentions was
resolved, encoded into places.geojson and journalled). Repeated mentions of one place are now
kept up to a cap with a count of the rest, so the outputs and the memory stay small.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import assert_clean_stderr

MB = 1_000_000
TIME_LIMIT_S = 120
"""Generous: the fixed code needs a few seconds on a busy 2-core machine; the old one 30-70 s."""
RSS_LIMIT_KB = 1_500_000
"""1.5 GB peak RSS for the whole CLI process (the old code peaked at 2.5 GB)."""
MAX_FEATURES = 2_000
"""Far more than the per-place cap keeps, far fewer than the 166,667 mentions in the text."""


def _run_measured(args: list[str], env: dict, timeout: float) -> tuple[int, int, float, bytes]:
    """Run ``python -m geomap ARGS``; (exit code, peak RSS in KiB, seconds, stderr)."""
    full_env = dict(os.environ)
    full_env.update(env)
    with open(os.devnull, "wb") as out, subprocess.Popen(
        [sys.executable, "-m", "geomap", *args], stdout=out, stderr=subprocess.PIPE,
        env=full_env,
    ) as proc:
        t0 = time.monotonic()
        # wait4 gives this child's own rusage (RUSAGE_CHILDREN would mix in earlier tests)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                pytest.fail(f"geomap {' '.join(args[:2])} took over {timeout} s")
            time.sleep(0.1)
        seconds = time.monotonic() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read() if proc.stderr else b""
    return proc.returncode, usage.ru_maxrss, seconds, err


def _article(tmp_path: Path, unit: str, size: int = MB) -> Path:
    text = (unit * (size // len(unit) + 1))[:size]
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": text, "published": "2019-11-06"}) + "\n",
                    encoding="utf-8")
    return path


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def test_one_mb_of_one_place_is_bounded(tmp_path: Path, gaz_env: dict) -> None:
    src = _article(tmp_path, "Kabul ")
    out = tmp_path / "out"
    code, rss_kb, seconds, err = _run_measured(
        ["run", str(src), "-o", str(out), "-q", "--no-map"], gaz_env, TIME_LIMIT_S)
    assert code == 0, err
    assert_clean_stderr(err)
    feats = _features(out / "places.geojson")
    assert 0 < len(feats) <= MAX_FEATURES, len(feats)
    assert rss_kb < RSS_LIMIT_KB, f"peak RSS {rss_kb / 1024:.0f} MiB in {seconds:.0f} s"
    # nothing is silently lost: the kept mentions plus the counted rest are every mention
    kabul = [f["properties"] for f in feats if f["properties"]["name"] == "Kabul"]
    assert kabul
    total = len(kabul) + sum(p.get("omitted_mentions", 0) for p in kabul)
    assert total == src.read_text(encoding="utf-8").count("Kabul"), total


@pytest.mark.parametrize("unit", [
    "Clashes killed 5 people in Kabul. ",  # an event in every sentence
    "50 km north of Kabul ",  # a relative expression, again and again
])
def test_one_mb_of_repeated_sentences_is_bounded(tmp_path: Path, gaz_env: dict,
                                                  unit: str) -> None:
    src = _article(tmp_path, unit)
    out = tmp_path / "out"
    code, rss_kb, seconds, err = _run_measured(
        ["run", str(src), "-o", str(out), "-q", "--no-map"], gaz_env, TIME_LIMIT_S)
    assert code == 0, err
    assert_clean_stderr(err)
    assert len(_features(out / "places.geojson")) <= MAX_FEATURES
    assert len(_features(out / "events.geojson")) <= MAX_FEATURES
    assert rss_kb < RSS_LIMIT_KB, f"peak RSS {rss_kb / 1024:.0f} MiB in {seconds:.0f} s"
