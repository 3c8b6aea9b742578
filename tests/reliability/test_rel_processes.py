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
from conftest import assert_clean_stderr, error_lines, geomap, leftovers

from geomap.resume import LOCK_NAME

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


def _wait_for(path: Path, proc: subprocess.Popen, limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while not path.exists():
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, f"{path} did not appear in {limit_s} s"
        time.sleep(0.05)


def _old_outputs(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        (out / name).write_bytes(f"OLD {name}".encode())
    return _contents(out)


def _contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()
            and not p.name.startswith(".")}


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
    old = _old_outputs(out)
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
    assert _contents(out) == old and leftovers(out) == []
