"""Cluster runs (``geomap run --scheduler``) keep the promises of a local run: a run that reads
no article leaves the previous outputs alone, the output and partitions folders are never read
as input, article ids (hence event ids) are made unique exactly as a local run makes them, and
a worker never holds a JSON Lines line over the per-line limit. Also: a missing input is a
usage error (exit 2) for ``geoparse`` and ``eval``.

Real CLI subprocesses and one real Dask LocalCluster on 127.0.0.1 (one worker) for the module.
Every run is bounded in time.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import (
    assert_clean_stderr,
    contents,
    error_lines,
    geomap,
    leftovers,
    plant_old_outputs,
)

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

CLUSTER_RUN_S = 240
"""Bound on one small cluster run (the worker builds its pipeline on the first)."""

OUTPUTS = ("events.geojson", "events.csv", "events.jsonl", "places.geojson", "map.html")
DATA_FILES = ("events.geojson", "events.csv", "events.jsonl", "places.geojson")

TEXT = ("A car bomb exploded in Kabul on Monday, killing 3 people, officials said. "
        "Two soldiers were killed in Kandahar on Tuesday.")


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as lc, Client(lc) as client:
        yield lc, client


def _run(cluster, *args: str, env: dict, input: bytes | None = None
         ) -> subprocess.CompletedProcess:
    return geomap("run", *args, "--scheduler", cluster[0].scheduler_address, env=env,
                  input=input, timeout=CLUSTER_RUN_S)


def _warnings(stderr: bytes) -> list[str]:
    return sorted(ln for ln in stderr.decode().splitlines() if ln.startswith("geomap: warning:"))


def test_cluster_run_of_no_article_leaves_outputs(cluster, tmp_path: Path, gaz_env: dict
                                                 ) -> None:
    """An empty folder (exit 0) or only unreadable inputs (exit 3): the previous outputs stay
    byte for byte, and the run says so; a missing input is exit 2 before anything is written."""
    out = tmp_path / "out"
    old = plant_old_outputs(out, OUTPUTS)
    empty = tmp_path / "empty"
    empty.mkdir()
    r = _run(cluster, str(empty), "-o", str(out), env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert (f"geomap: no articles were processed; the outputs in {out} were left as they were"
            in r.stderr.decode())
    assert contents(out) == old and leftovers(out) == []

    binary = tmp_path / "bad" / "x.bin"
    binary.parent.mkdir()
    binary.write_bytes(b"\x00\x01binary" * 100)
    bad_jsonl = tmp_path / "bad" / "y.jsonl"
    bad_jsonl.write_text("not json\n{\"no\": \"text\"}\n", encoding="utf-8")
    r = _run(cluster, str(binary.parent), "-o", str(out), env=gaz_env)
    assert r.returncode == 3, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert len(error_lines(r.stderr)) == 3
    assert "were left as they were" in r.stderr.decode()
    assert contents(out) == old and leftovers(out) == []

    r = _run(cluster, str(tmp_path / "mistyped"), "-o", str(tmp_path / "new"), env=gaz_env)
    assert r.returncode == 2, r.stderr.decode()
    assert error_lines(r.stderr) == [
        f"geomap: error: {tmp_path / 'mistyped'}: no such file or directory"]
    assert not (tmp_path / "new").exists()


def test_cluster_run_never_reads_its_output_or_partitions_folder(
        cluster, tmp_path: Path, gaz_env: dict) -> None:
    """-o and --partitions-dir inside the input folder: the second run reads the same one
    article as the first (not its own map, data files and partitions)."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    out, parts = folder / "out", folder / "parts"
    for _ in range(2):
        r = _run(cluster, str(folder), "-o", str(out), "--partitions-dir", str(parts),
                 env=gaz_env)
        assert r.returncode == 0, r.stderr.decode()
        assert_clean_stderr(r.stderr)
        events = [json.loads(ln) for ln in (out / "events.jsonl").read_text().splitlines()]
        assert events and {e["article_id"] for e in events} == {"a"}
        assert "geomap: 1 articles" in r.stderr.decode()


def _records() -> list[str]:
    """Repeated, null, empty and blank ids, and an id that a renaming would also produce."""
    ids = ["X", "X", None, "", " ", "X-2", "X", "Y", 7, "7", "X", None]
    return [json.dumps({"id": i, "text": TEXT, "published": "2021-03-03"}) for i in ids]


def test_cluster_ids_and_event_ids_match_a_local_run(cluster, tmp_path: Path, gaz_env: dict
                                                     ) -> None:
    """Inputs with duplicate and missing ids across partitions (two per partition, two files,
    stdin): every data file of the cluster run is byte-identical to the local run's, event ids
    are unique, and the same duplicate-id warnings are given."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text("\n".join(_records()) + "\n", encoding="utf-8")
    (src / "b.jsonl").write_text("\n".join(_records()[:3]) + "\n", encoding="utf-8")
    (src / "c.txt").write_text(TEXT, encoding="utf-8")
    (src / "d.jsonl").write_text(json.dumps({"id": "c", "text": TEXT}) + "\n", encoding="utf-8")
    stdin = "\n".join(_records()[:4]).encode()
    args = (str(src), "-", "--no-map", "-q")
    local = geomap("run", *args, "-o", str(tmp_path / "local"), "-j", "1", env=gaz_env,
                   input=stdin, timeout=CLUSTER_RUN_S)
    assert local.returncode == 0, local.stderr.decode()
    r = _run(cluster, *args, "-o", str(tmp_path / "dask"), "--partition-size", "2",
             env=gaz_env, input=stdin)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    for name in DATA_FILES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    events = [json.loads(ln) for ln in (tmp_path / "dask" / "events.jsonl").read_text().splitlines()]
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) and len({e["article_id"] for e in events}) == 21
    assert len(_warnings(local.stderr)) == 10
    assert _warnings(r.stderr) == _warnings(local.stderr)


WORKER_GROWTH_LIMIT = 100 << 20
"""A worker skipping an over-long line holds about a megabyte of it; reading it whole, the old
way, holds it (twice): 120 MB or more."""


def test_cluster_worker_skips_an_over_long_line_without_holding_it(
        cluster, tmp_path: Path, gaz_env: dict) -> None:
    """A 120 MB line in a JSON Lines file: reported as FILE:LINE and skipped, the other lines
    kept, and the worker's peak memory does not grow by the line's size."""
    from geomap.ingest import MAX_RECORD_BYTES

    warm = tmp_path / "warm.jsonl"
    warm.write_text(json.dumps({"id": "w", "text": TEXT}) + "\n", encoding="utf-8")
    r = _run(cluster, str(warm), "-o", str(tmp_path / "warm"), "--no-map", env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    client = cluster[1]

    def peak() -> int:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    before = max(client.run(peak).values())
    src = tmp_path / "big.jsonl"
    size = 120 << 20
    assert size > MAX_RECORD_BYTES
    with open(src, "wb") as fh:
        fh.write(json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
        fh.write(b'{"id": "big", "text": "')
        block = b"Kabul " * (1 << 17)
        for _ in range(size // len(block)):
            fh.write(block)
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "b", "text": TEXT}).encode() + b"\n")
    r = _run(cluster, str(src), "-o", str(tmp_path / "out"), "--no-map", env=gaz_env)
    src.unlink()
    assert r.returncode == 3, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert error_lines(r.stderr) == [
        f"geomap: error: {src}:2: record is over the {MAX_RECORD_BYTES:,}-byte limit for one "
        "line; skipped"]
    events = [json.loads(ln) for ln in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert {e["article_id"] for e in events} == {"a", "b"}
    growth = max(client.run(peak).values()) - before
    assert growth < WORKER_GROWTH_LIMIT, f"worker peak memory grew by {growth >> 20} MB"


def test_geoparse_and_eval_missing_input_is_a_usage_error(tmp_path: Path, gaz_env: dict
                                                         ) -> None:
    """A mistyped input path: exit 2, one ``geomap: error:`` line, no output file written."""
    missing = tmp_path / "mistyped.jsonl"
    out = tmp_path / "places.jsonl"
    r = geomap("geoparse", str(missing), "-o", str(out), env=gaz_env, timeout=120)
    assert r.returncode == 2, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert error_lines(r.stderr) == [f"geomap: error: {missing}: no such file or directory"]
    assert not out.exists()
    r = geomap("eval", str(tmp_path / "gold.xml"), "--format", "lgl", env=gaz_env, timeout=120)
    assert r.returncode == 2, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert error_lines(r.stderr) == [
        f"geomap: error: {tmp_path / 'gold.xml'}: no such file or directory"]

