"""Faults: bad gazetteers, unwritable or full disks, signals, --resume, two runs in one folder.

Every test runs the real CLI in a subprocess. Expected: one error line, the documented exit
code (1 error, 130 interrupted), every output complete or absent (previous outputs untouched),
no temporary files left.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    assert_clean_stderr,
    error_lines,
    geomap,
    leftovers,
    make_unwritable,
    make_writable,
)

TEXT = "Two soldiers were killed in Kabul on Monday, officials said."
OUTPUTS = ["events.csv", "events.geojson", "events.jsonl", "places.geojson"]


@pytest.fixture
def small_input(tmp_path: Path) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "a", "text": TEXT, "published": "2021-03-03"}) + "\n",
                 encoding="utf-8")
    return p


def _old_outputs(out: Path) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    old = {}
    for name in OUTPUTS:
        (out / name).write_text(f"OLD {name}", encoding="utf-8")
        old[name] = f"OLD {name}"
    return old


def _contents(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())
            if not p.name.startswith(".")}


def _check_complete(out: Path) -> None:
    """Every output present parses completely."""
    for p in out.iterdir():
        if p.suffix == ".geojson":
            assert json.loads(p.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
        elif p.suffix == ".jsonl":
            for ln in p.read_text(encoding="utf-8").splitlines():
                json.loads(ln)
        elif p.name == "map.html":
            assert p.read_text(encoding="utf-8").rstrip().endswith("</html>")


# --- gazetteer ----------------------------------------------------------------------------

def _bad_gazetteer(kind: str, tmp_path: Path, good: Path) -> Path:
    p = tmp_path / "gaz" / "geomap.sqlite"
    p.parent.mkdir()
    if kind == "empty":
        p.write_bytes(b"")
    elif kind == "corrupt":
        p.write_bytes(os.urandom(64 * 1024))
    elif kind == "truncated":
        with good.open("rb") as src:
            p.write_bytes(src.read(1 << 20))
    elif kind == "missing-unbuildable":
        (tmp_path / "gaz" / "afile").write_text("not a folder", encoding="utf-8")
        p = tmp_path / "gaz" / "afile" / "geomap.sqlite"
    return p


@pytest.mark.parametrize("kind", ["empty", "corrupt", "truncated", "missing-unbuildable"])
def test_bad_gazetteer_is_one_line_and_outputs_untouched(kind: str, tmp_path: Path,
                                                        gazetteer_path: Path,
                                                        small_input: Path) -> None:
    gaz = _bad_gazetteer(kind, tmp_path, gazetteer_path)
    env = {"GEOMAP_GAZETTEER": str(gaz)}
    out = tmp_path / "out"
    old = _old_outputs(out)
    expected = 2 if kind.startswith("missing") else 1  # a path given must exist: usage error
    for args in (["run", str(small_input), "-o", str(out), "--no-map"],
                 ["export", str(small_input), "-o", str(out / "events.geojson")],
                 ["geoparse", str(small_input), "-o", str(out / "events.jsonl")]):
        r = geomap(*args, env=env)
        assert r.returncode == expected, (args, r.stderr.decode())
        assert_clean_stderr(r.stderr)
        (line,) = error_lines(r.stderr)
        assert str(gaz) in line and "gazetteer" in line.replace(str(gaz), ""), line
        assert _contents(out) == old and leftovers(out) == []


@pytest.mark.parametrize("kind", ["corrupt", "missing-unbuildable"])
def test_gazetteer_commands_on_a_bad_gazetteer(kind: str, tmp_path: Path,
                                               gazetteer_path: Path) -> None:
    gaz = _bad_gazetteer(kind, tmp_path, gazetteer_path)
    for args in (["gazetteer", "info"], ["gazetteer", "search", "Paris"]):
        r = geomap(*args, env={"GEOMAP_GAZETTEER": str(gaz)})
        assert r.returncode == (2 if kind.startswith("missing") else 1), r.stderr.decode()
        assert_clean_stderr(r.stderr)
        (line,) = error_lines(r.stderr)
        assert str(gaz) in line and "gazetteer" in line.replace(str(gaz), ""), line


def test_read_only_gazetteer_works(tmp_path: Path, gazetteer_path: Path,
                                   small_input: Path) -> None:
    """A gazetteer in a folder nobody may write to (read-only file system, shared install)."""
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copy(gazetteer_path, ro / "geomap.sqlite")
    (ro / "geomap.sqlite").chmod(0o444)
    make_unwritable(ro)
    try:
        env = {"GEOMAP_GAZETTEER": str(ro / "geomap.sqlite")}
        r = geomap("run", str(small_input), "-o", str(tmp_path / "out"), "--no-map", "-q",
                   env=env)
        assert r.returncode == 0, r.stderr.decode()
        ev = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
        assert json.loads(ev[0])["location_name"] == "Kabul"
        r = geomap("geoparse", str(small_input), env=env)
        assert r.returncode == 0 and b'"Kabul"' in r.stdout
        assert sorted(p.name for p in ro.iterdir()) == ["geomap.sqlite"]
    finally:
        make_writable(ro)


# --- output -------------------------------------------------------------------------------

def test_unwritable_output_folder(tmp_path: Path, gaz_env: dict, small_input: Path) -> None:
    out = tmp_path / "out"
    old = _old_outputs(out)
    make_unwritable(out)
    try:
        for args in (["run", str(small_input), "-o", str(out)],
                     ["export", str(small_input), "-o", str(out / "events.geojson")],
                     ["geoparse", str(small_input), "-o", str(out / "events.jsonl")]):
            r = geomap(*args, env=gaz_env)
            assert r.returncode == 1, (args, r.stderr.decode())
            assert_clean_stderr(r.stderr)
            (line,) = error_lines(r.stderr)
            assert str(out) in line
        assert _contents(out) == old and leftovers(out) == []
    finally:
        make_writable(out)


def _limit_file_size(limit: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 64 KiB tmpfs: a real full disk (ENOSPC). Needs root (CAP_SYS_ADMIN); else skipped."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                       capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_disk_full_during_run(tiny_disk: Path, gaz_env: dict, corpus: Path) -> None:
    """The disk fills up while the outputs are written: one line, exit 1, the previous
    outputs untouched (nothing is renamed until every file is written), no temporaries."""
    out = tiny_disk / "out"
    old = _old_outputs(out)
    r = geomap("run", str(corpus), "-o", str(out), "-q", "-j", "1", env=gaz_env)
    assert r.returncode == 1, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    (line,) = error_lines(r.stderr)
    assert "No space left on device" in line
    assert _contents(out) == old and leftovers(out) == []


def test_file_size_limit_during_run_keeps_outputs(tmp_path: Path, gaz_env: dict,
                                                  seed_path: Path) -> None:
    """With writes failing (RLIMIT_FSIZE -> EFBIG) even the reference data cannot be
    unpacked: a set-up error, so the run stops (exit 1) instead of writing empty outputs."""
    out = tmp_path / "out"
    old = _old_outputs(out)
    r = geomap("run", str(seed_path), "-o", str(out), "-q",
               env=gaz_env, preexec_fn=_limit_file_size(8_000))
    assert r.returncode == 1, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    (line,) = error_lines(r.stderr)
    assert "File too large" in line
    assert _contents(out) == old and leftovers(out) == []


def test_disk_full_export_and_geoparse(tmp_path: Path, gaz_env: dict, seed_path: Path) -> None:
    target = tmp_path / "events.geojson"
    target.write_text("OLD", encoding="utf-8")
    r = geomap("export", str(seed_path), "-o", str(target), "-q", env=gaz_env,
               preexec_fn=_limit_file_size(2_000))
    assert r.returncode == 1 and len(error_lines(r.stderr)) == 1
    assert_clean_stderr(r.stderr)
    assert target.read_text(encoding="utf-8") == "OLD" and leftovers(tmp_path) == []
    # stdout on a full device
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "geomap", "export", str(seed_path), "-q"],
                           stdout=full, stderr=subprocess.PIPE, env={**os.environ, **gaz_env},
                           timeout=300)
    assert r.returncode == 1
    assert_clean_stderr(r.stderr)
    assert "No space left on device" in r.stderr.decode()


# --- signals, resume, locking -------------------------------------------------------------

CORPUS_COPIES = 4
"""Each article four times: 60 alone could finish between "5 done" and the signal."""


@pytest.fixture(scope="module")
def corpus(shared_data: Path, tmp_path_factory) -> Path:
    """60 GeoWebNews articles, each four times under its own id, as JSON Lines (real news
    text; 240 records so a run lasts long enough to be interrupted part-way)."""
    from geomap.evaluate.corpora import read_gwn

    docs = list(read_gwn(shared_data / "corpora" / "GWN.xml", limit=60))
    p = tmp_path_factory.mktemp("corpus") / "gwn60.jsonl"
    with p.open("w", encoding="utf-8") as fh:
        for copy in range(CORPUS_COPIES):
            for d in docs:
                fh.write(json.dumps({"id": f"gwn-{d.id}-{copy}", "text": d.text,
                                     "published": "2019-11-07T08:00:00Z"}) + "\n")
    return p


@pytest.fixture(scope="module")
def reference(corpus: Path, gaz_env: dict, tmp_path_factory) -> Path:
    """The same corpus run without interruption."""
    out = tmp_path_factory.mktemp("ref") / "out"
    r = geomap("run", str(corpus), "-o", str(out), "--no-map", "-q", "-j", "1", env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    return out


def _default_sigint() -> None:
    """A shell starts background jobs with SIGINT ignored, and Python keeps it ignored (as
    geomap should: that is nohup's contract); a user's Ctrl-C reaches a foreground run."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geomap", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, **env},
                            preexec_fn=_default_sigint)


def _journal_lines(out: Path) -> int:
    try:
        return (out / ".geomap-run.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _wait_for_journal(proc: subprocess.Popen, out: Path, n: int) -> None:
    while _journal_lines(out) < n + 1:  # + the header line
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.02)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_interrupt_leaves_outputs_complete_or_absent_then_resume(
        sig: int, corpus: Path, reference: Path, gaz_env: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = _old_outputs(out) if sig == signal.SIGINT else {}
    proc = _start(["run", str(corpus), "-o", str(out), "--no-map", "-q", "-j", "1"], gaz_env)
    _wait_for_journal(proc, out, 5)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    assert_clean_stderr(err)
    assert error_lines(err) == ["geomap: error: interrupted"]
    assert _contents(out) == old  # untouched (SIGINT case) or absent (SIGTERM case)
    assert leftovers(out) == []
    done = _journal_lines(out) - 1
    assert 5 <= done < 60 * CORPUS_COPIES

    r = geomap("run", str(corpus), "-o", str(out), "--no-map", "-j", "1", "--resume",
               env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert f"resuming: {done} articles already done" in r.stderr.decode()
    _check_complete(out)
    ref = (reference / "events.jsonl").read_text(encoding="utf-8")
    got = (out / "events.jsonl").read_text(encoding="utf-8")
    assert got == ref  # same events, same order, none twice
    assert (out / "places.geojson").read_text(encoding="utf-8") == \
        (reference / "places.geojson").read_text(encoding="utf-8")
    assert not (out / ".geomap-run.jsonl").exists() and leftovers(out) == []


def test_killed_run_resumes_and_cleans_its_temporaries(corpus: Path, reference: Path,
                                                        gaz_env: dict, tmp_path: Path) -> None:
    """SIGKILL gives no chance to clean up: the journal (possibly with a torn last line) and
    the temporary files stay; --resume removes the temporaries and finishes the run."""
    out = tmp_path / "out"
    proc = _start(["run", str(corpus), "-o", str(out), "--no-map", "-q", "-j", "1"], gaz_env)
    _wait_for_journal(proc, out, 3)
    proc.kill()
    proc.wait(timeout=60)
    with (out / ".geomap-run.jsonl").open("ab") as fh:
        fh.write(b'{"key": "torn')  # as if killed mid-line
    assert any(p.name.endswith(".tmp") for p in out.iterdir())
    r = geomap("run", str(corpus), "-o", str(out), "--no-map", "-j", "1", "--resume",
               env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert (out / "events.jsonl").read_text(encoding="utf-8") == \
        (reference / "events.jsonl").read_text(encoding="utf-8")
    assert leftovers(out) == [] and not (out / ".geomap-run.jsonl").exists()


def test_resume_with_parallel_workers(corpus: Path, reference: Path, gaz_env: dict,
                                      tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _start(["run", str(corpus), "-o", str(out), "--no-map", "-q", "-j", "1"], gaz_env)
    _wait_for_journal(proc, out, 4)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=120)
    r = geomap("run", str(corpus), "-o", str(out), "--no-map", "-q", "-j", "2", "--resume",
               env={**gaz_env})
    assert r.returncode == 0, r.stderr.decode()
    assert (out / "events.jsonl").read_text(encoding="utf-8") == \
        (reference / "events.jsonl").read_text(encoding="utf-8")


def test_second_run_into_the_same_folder_fails_cleanly(corpus: Path, reference: Path,
                                                       gaz_env: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _start(["run", str(corpus), "-o", str(out), "--no-map", "-q", "-j", "1"], gaz_env)
    _wait_for_journal(first, out, 1)
    second = geomap("run", str(corpus), "-o", str(out), "--no-map", "-q", env=gaz_env)
    assert second.returncode == 1
    assert_clean_stderr(second.stderr)
    (line,) = error_lines(second.stderr)
    assert f"in use by another geomap run (pid {first.pid})" in line
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err.decode()
    assert (out / "events.jsonl").read_text(encoding="utf-8") == \
        (reference / "events.jsonl").read_text(encoding="utf-8")
    assert leftovers(out) == []
    # the folder is free again
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "one", "text": TEXT}) + "\n", encoding="utf-8")
    again = geomap("run", str(one), "-o", str(out), "--no-map", "-q", env=gaz_env)
    assert again.returncode == 0, again.stderr.decode()
