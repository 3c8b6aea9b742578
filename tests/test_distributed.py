"""Dask runs (geomap.distributed) on a real LocalCluster on 127.0.0.1: same outputs as one
process, and a worker killed mid-run loses or duplicates no article."""

from __future__ import annotations

import html
import json
import os
import signal
from collections import Counter
from pathlib import Path

import pytest

from geomap.batch import iter_results
from geomap.distributed import plan_partitions, run_on_cluster
from geomap.evaluate.corpora import read_gwn
from geomap.export import RunOutputs
from geomap.ingest import iter_articles, read_file

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

OUTPUT_FILES = ("events.geojson", "events.csv", "events.jsonl", "places.geojson")


@pytest.fixture(scope="module")
def inputs(shared_data: Path, seed_path: Path, tmp_path_factory) -> list[str]:
    """A JSON Lines file of 24 GeoWebNews texts (two without an id) and the seed article."""
    folder = tmp_path_factory.mktemp("dist-in")
    lines = []
    for i, d in enumerate(read_gwn(shared_data / "corpora" / "GWN.xml", limit=24)):
        rec = {"text": d.text, "title": d.title, "published": "2019-11-07T08:00:00+00:00"}
        if i not in (3, 17):  # these take their id from the file name and line number
            rec["id"] = f"gwn-{d.id}"
        lines.append(json.dumps(rec))
    lines.insert(10, "")  # a blank line is skipped, as in a one-process run
    (folder / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")  # no final newline
    return [str(folder / "news.jsonl"), str(seed_path)]


@pytest.fixture(scope="module")
def single_outputs(inputs: list[str], gazetteer_path: Path, tmp_path_factory) -> RunOutputs:
    """The one-process outputs for the same inputs (closed; map not drawn)."""
    outputs = RunOutputs(tmp_path_factory.mktemp("single"), with_map=True)
    for r in iter_results(iter_articles(inputs, lambda p: None), gazetteer_path=str(gazetteer_path),
                          jobs=1):
        outputs.add(r)
    outputs.with_map = False  # keep what the map would show, skip drawing it
    outputs.close()
    return outputs


@pytest.fixture(scope="module")
def single(single_outputs: RunOutputs) -> Path:
    return single_outputs.dir


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as lc, Client(lc) as client:
        yield lc, client


def _article_ids(out: Path) -> list[str]:
    return [a for r in _jsonl(out / "events.jsonl") for a in [r["article_id"]]]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_plan_splits_json_lines_by_line_number(inputs: list[str]) -> None:
    specs = list(plan_partitions(inputs, on_problem=print, partition_size=7))
    assert [s.index for s in specs] == list(range(len(specs)))
    jsonl = [s for s in specs if s.kind == "jsonl"]
    assert [(s.first_line, s.n_lines) for s in jsonl] == [(1, 7), (8, 7), (15, 7), (22, 4)]
    assert specs[-1].kind == "files" and specs[-1].files == (inputs[1],)


def test_cluster_run_equals_one_process_run(inputs, single, single_outputs, cluster,
                                            gazetteer_path, tmp_path: Path) -> None:
    _, client = cluster
    outputs = RunOutputs(tmp_path / "out", with_map=True)
    run = run_on_cluster(inputs, scheduler=client.scheduler.address, partitions_dir=tmp_path / "parts",
                         outputs=outputs, gazetteer_path=str(gazetteer_path), partition_size=7)
    assert outputs.map_events == single_outputs.map_events  # what the map shows, in order
    assert outputs.map_toponyms == single_outputs.map_toponyms and outputs.map_toponyms
    assert (outputs.n_articles, outputs.n_events, outputs.n_places) == (
        single_outputs.n_articles, single_outputs.n_events, single_outputs.n_places)
    assert outputs.map_title() == single_outputs.map_title()
    outputs.with_map = False
    outputs.close()
    assert run.failed_partitions == [] and run.n_partitions == 5 and run.n_articles == 25
    for name in OUTPUT_FILES:
        assert (tmp_path / "out" / name).read_bytes() == (single / name).read_bytes(), name
    # the partitions themselves: GeoJSON Lines, one Feature per line, and a manifest each
    parts = tmp_path / "parts"
    features = [f for p in sorted(parts.glob("part-*.places.geojsonl")) for f in _jsonl(p)]
    assert features and all(f["type"] == "Feature" for f in features)
    assert len(features) == len(json.loads((single / "places.geojson").read_text())["features"])
    assert sorted(p.name for p in parts.glob("part-*.json")) == [f"part-{i:06d}.json"
                                                                for i in range(5)]
    assert not list(parts.glob(".*"))  # no temporary files left


def test_killed_worker_loses_and_duplicates_nothing(inputs, single, cluster, gazetteer_path,
                                                    tmp_path: Path) -> None:
    _, client = cluster
    killed: list[int] = []
    done_before_kill: list[int] = []

    def kill_one_worker(manifest: dict) -> None:
        if killed:
            return
        busy = {addr for addr, tasks in client.processing().items() if tasks}
        pids = client.run(os.getpid)
        victim = sorted(busy or pids)[0]
        done_before_kill.append(manifest["index"])
        os.kill(pids[victim], signal.SIGKILL)
        killed.append(pids[victim])

    outputs = RunOutputs(tmp_path / "out", with_map=False)
    run = run_on_cluster(inputs, scheduler=client, partitions_dir=tmp_path / "parts",
                         outputs=outputs, gazetteer_path=str(gazetteer_path), partition_size=3,
                         on_partition=kill_one_worker)
    outputs.close()
    assert killed, "no worker was killed"
    assert run.failed_partitions == [] and run.n_partitions == 10
    manifests = [json.loads((tmp_path / "parts" / f"part-{i:06d}.json").read_text())
                 for i in range(run.n_partitions)]
    ids = Counter(a for m in manifests for a in m["article_ids"])
    expected = [a.id for a in iter_articles(inputs, lambda p: None)]
    assert sorted(ids) == sorted(expected) and set(ids.values()) == {1}
    for name in OUTPUT_FILES:  # merged outputs: every article's events exactly once, in order
        assert (tmp_path / "out" / name).read_bytes() == (single / name).read_bytes(), name
    assert Counter(_article_ids(tmp_path / "out")) == Counter(_article_ids(single))


def test_cli_run_with_scheduler_reads_relative_paths(cluster, seed_path: Path, gazetteer_path,
                                                     tmp_path: Path) -> None:
    import subprocess
    import sys

    lc, _ = cluster
    env = {**os.environ, "GEOMAP_GAZETTEER": str(gazetteer_path)}
    rel = seed_path.relative_to(seed_path.parent.parent)  # seeds/<name>, from the repository
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "geomap", "run", str(rel), "-o", str(out), "-q",
                        "--scheduler", lc.scheduler_address],
                       cwd=seed_path.parent.parent, env=env, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(p.name for p in (out / "partitions").iterdir()) == [
        f"part-000000.{x}" for x in ("events.csv", "events.geojsonl", "events.jsonl", "json",
                                     "places.geojsonl", "results.jsonl")]
    events = _jsonl(out / "events.jsonl")
    assert [e["fatalities"] for e in events if e["main"]] == [17]
    title = next(read_file(seed_path, print)).title  # one article: the map is titled after it
    page = (out / "map.html").read_text(encoding="utf-8")
    assert f"<title>geomap: {html.escape(title, quote=False)}</title>" in page


def test_cluster_run_merges_incidents_as_one_process_does(inputs, cluster, gazetteer_path,
                                                          tmp_path: Path) -> None:
    """Merging after gathering: the workers' merge keys give the incidents of a local run."""
    _, client = cluster
    local = RunOutputs(tmp_path / "local", with_map=False, incidents=True)
    for r in iter_results(iter_articles(inputs, lambda p: None), gazetteer_path=str(gazetteer_path),
                          jobs=1):
        local.add(r)
    local.close()
    outputs = RunOutputs(tmp_path / "out", with_map=False, incidents=True)
    run_on_cluster(inputs, scheduler=client.scheduler.address, partitions_dir=tmp_path / "parts",
                   outputs=outputs, gazetteer_path=str(gazetteer_path), partition_size=7)
    outputs.close()
    for name in (*OUTPUT_FILES, "incidents.geojson", "incidents.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    events = _jsonl(tmp_path / "out" / "events.jsonl")
    assert events and all(e["incident_id"] and e["incident_sources"] >= 1 for e in events)
