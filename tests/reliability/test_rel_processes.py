"""Processes: worker processes end with their parent, cluster runs lock their output folder,
and set-up errors raised in workers stop the run with their own class and one line.

Real CLI subprocesses, real worker processes (found through /proc), a real Dask LocalCluster
on 127.0.0.1. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
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

from geomap.resume import LOCK_NAME, OutputLock

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

PLACES = ("Kabul", "Kandahar", "Herat", "Mosul", "Baghdad", "Aleppo", "Damascus", "Mogadishu",
          "Tripoli", "Sanaa", "Kharkiv", "Donetsk", "Khartoum", "Bamako")
OUTPUTS = ("events.csv", "events.geojson", "events.jsonl", "places.geojson")
WORKERS_UP_S = 180
"""Bound on starting the run's workers (imports, gazetteer, name automaton) on a busy machine."""
GONE_WITHIN_S = 10
"""Every process of a killed run must be gone this soon after its parent died."""


def _articles(n: int) -> str:
    lines = []
    for i in range(n):
        text = " ".join(f"Two soldiers were killed in {PLACES[(i + k) % len(PLACES)]} on "
                        "Monday, officials said." for k in range(20))
        lines.append(json.dumps({"id": f"a{i}", "text": text, "published": "2021-03-03"}))
    return "\n".join(lines) + "\n"


def _session(sid: int) -> dict[int, tuple[int, str]]:
    """Live (non-zombie) processes of session ``sid``: pid -> (parent pid, command line)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found[int(entry)] = (int(fields[1]), cmd.replace(b"\0", b" ").decode("utf-8", "replace"))
    return found


def _journal_lines(out: Path) -> int:
    try:
        return (out / ".geomap-run.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_sigkill_of_the_parent_ends_every_worker_process(tmp_path: Path, gaz_env: dict) -> None:
    """``kill -9`` of ``geomap run -j 2`` while its workers are busy: the forkserver, the
    workers and the resource tracker all end within GONE_WITHIN_S seconds."""
    src = tmp_path / "in.jsonl"
    src.write_text(_articles(600), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "run", str(src), "-o", str(out),
                             "--no-map", "-q", "-j", "2"], env={**os.environ, **gaz_env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)  # its own session: every descendant found
    try:
        deadline = time.monotonic() + WORKERS_UP_S
        while True:  # workers are the forkserver's children: grandchildren of the run
            procs = _session(proc.pid)
            workers = [p for p, (ppid, _) in procs.items() if p != proc.pid and ppid != proc.pid]
            if len(workers) >= 2 and _journal_lines(out) > 10:  # results coming back: busy
                break
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, f"no busy workers after {WORKERS_UP_S} s"
            time.sleep(0.1)
        assert any("forkserver" in cmd for _, cmd in procs.values()), procs
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + GONE_WITHIN_S
        while (left := _session(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert left == {}, f"still running {GONE_WITHIN_S} s after the parent died: {left}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        for pid in _session(proc.pid):  # our run's own descendants only
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _wait_for(path: Path, proc: subprocess.Popen, limit_s: float = 120,
              content: str | None = None) -> None:
    """Until ``path`` exists (and holds ``content``, when given), while ``proc`` runs."""
    deadline = time.monotonic() + limit_s

    def ready() -> bool:
        try:
            return content is None or path.read_text(encoding="utf-8").strip() == content
        except FileNotFoundError:
            return False

    while not (path.exists() and ready()):
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, f"{path} did not appear in {limit_s} s"
        time.sleep(0.05)


def test_gazetteer_broken_in_the_workers_is_one_line_with_its_own_class(
        tmp_path: Path, gazetteer_path: Path) -> None:
    """The gazetteer is fine when the run checks it and corrupt when its two workers open it:
    the run stops with the gazetteer's own error line (as a one-process run gives it, not a
    worker's "Type: message" text), exit 1, previous outputs untouched."""
    gaz = tmp_path / "gaz" / "geomap.sqlite"
    gaz.parent.mkdir()
    gaz.symlink_to(gazetteer_path)
    corrupt = tmp_path / "gaz" / "corrupt.sqlite"
    corrupt.write_bytes(b"\x00not a database" * 4096)
    one = tmp_path / "one.jsonl"
    one.write_text(_articles(1), encoding="utf-8")
    expected = geomap("run", str(one), "-o", str(tmp_path / "ref"), "-q", "-j", "1",
                      env={"GEOMAP_GAZETTEER": str(corrupt)})
    assert expected.returncode == 1 and len(error_lines(expected.stderr)) == 1
    expected_line = error_lines(expected.stderr)[0].replace(str(corrupt), str(gaz))

    out = tmp_path / "out"
    old = plant_old_outputs(out, OUTPUTS)
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "run", "-", "-o", str(out), "-q",
                             "--no-map", "-j", "2"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "GEOMAP_GAZETTEER": str(gaz)})
    try:
        _wait_for(out / LOCK_NAME, proc)  # the gazetteer was checked: the run has begun
        os.replace(corrupt, gaz)  # the workers, started next, find a corrupt gazetteer
        _, err = proc.communicate(_articles(300).encode(), timeout=WORKERS_UP_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == 1, err.decode()
    assert_clean_stderr(err)
    assert error_lines(err) == [expected_line]
    assert "GazetteerError" not in expected_line and str(gaz) in expected_line
    assert contents(out) == old and leftovers(out) == []


# --- Dask cluster runs (a real LocalCluster on 127.0.0.1) ---------------------------------

CLUSTER_RUN_S = 240
"""Bound on one small cluster run (the worker builds its pipeline first)."""


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=0, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as lc, Client(lc) as client:
        yield lc, client


def _cluster_run(scheduler: str, *args: str, env: dict, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geomap", "run", *args, "-q",
                             "--scheduler", scheduler], env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _scale(cluster, n: int) -> None:
    lc, client = cluster
    lc.scale(n)
    deadline = time.monotonic() + CLUSTER_RUN_S
    while len(client.scheduler_info()["workers"]) != n:
        assert time.monotonic() < deadline, f"the cluster did not reach {n} workers"
        time.sleep(0.1)


def test_cluster_run_refuses_a_folder_in_use(cluster, tmp_path: Path, gaz_env: dict) -> None:
    """A cluster run into a folder another run holds fails at once, one line, exit 1, with
    nothing touched; a second cluster run into the folder of a running one likewise."""
    _scale(cluster, 1)
    src = tmp_path / "in.jsonl"
    src.write_text(_articles(3), encoding="utf-8")
    out = tmp_path / "out"
    old = plant_old_outputs(out, OUTPUTS)
    address = cluster[0].scheduler_address
    with OutputLock(out):  # as a local run holding the folder
        r = subprocess.run([sys.executable, "-m", "geomap", "run", str(src), "-o", str(out),
                            "-q", "--scheduler", address], env={**os.environ, **gaz_env},
                           capture_output=True, timeout=CLUSTER_RUN_S)
    assert r.returncode == 1, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    assert error_lines(r.stderr) == [
        f"geomap: error: output folder {out} is in use by another geomap run (pid "
        f"{os.getpid()}); wait for it to finish or choose another -o"]
    assert contents(out) == old and not (out / "partitions").exists()

    first = _cluster_run(address, "-", "-o", str(out), env=gaz_env, stdin=subprocess.PIPE)
    try:  # the first run holds the folder while it reads its standard input
        # the lock file appears before its flock is taken; the pid is written after it
        _wait_for(out / LOCK_NAME, first, content=str(first.pid))
        second = _cluster_run(address, str(src), "-o", str(out), env=gaz_env)
        _, err = second.communicate(timeout=CLUSTER_RUN_S)
        assert second.returncode == 1, err.decode()
        (line,) = error_lines(err)
        assert f"is in use by another geomap run (pid {first.pid})" in line
        assert contents(out) == old
        _, err = first.communicate(src.read_bytes(), timeout=CLUSTER_RUN_S)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=30)
    assert first.returncode == 0, err.decode()
    events = [json.loads(ln) for ln in (out / "events.jsonl").read_text().splitlines()]
    assert {e["article_id"] for e in events} == {"a0", "a1", "a2"}
    assert leftovers(out) == []


def test_set_up_error_on_a_cluster_worker_stops_the_run(cluster, tmp_path: Path) -> None:
    """A worker that joins after the run began cannot read the gazetteer: the run stops with
    the gazetteer's own error (not every partition "failed" and empty outputs merged over the
    previous ones), exit 1, outputs and earlier partitions untouched."""
    lc, client = cluster
    _scale(cluster, 0)
    gaz = tmp_path / "corrupt.sqlite"
    gaz.write_bytes(b"\x00not a database" * 4096)
    src = tmp_path / "in.jsonl"
    src.write_text(_articles(4), encoding="utf-8")
    out = tmp_path / "out"
    old = plant_old_outputs(out, OUTPUTS)
    (out / "partitions").mkdir()
    (out / "partitions" / "part-000000.json").write_text("{}", encoding="utf-8")
    proc = _cluster_run(lc.scheduler_address, str(src), "-o", str(out), "--partition-size", "2",
                        env={"GEOMAP_GAZETTEER": str(gaz)})
    try:
        deadline = time.monotonic() + CLUSTER_RUN_S
        while "geomap-pipeline" not in client.run_on_scheduler(
                lambda dask_scheduler: list(dask_scheduler.worker_plugins)):
            assert proc.poll() is None, proc.communicate()[1].decode()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        _scale(cluster, 1)  # its plugin set-up fails; so does every task it runs
        _, err = proc.communicate(timeout=CLUSTER_RUN_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.worker_plugins.pop(
            "geomap-pipeline", None))
    assert proc.returncode == 1, err.decode()
    assert_clean_stderr(err)
    assert error_lines(err) == [f"geomap: error: {gaz}: not a geomap gazetteer (file is not a "
                                "database)"]
    assert contents(out) == old and leftovers(out) == []
