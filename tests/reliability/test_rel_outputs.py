"""Outputs: what ``-o`` may point at, runs that read nothing, inputs that cannot be walked, and
the order in which one run's files are committed.

The CLI tests run the real ``geomap`` in a subprocess on real files, FIFOs, device nodes,
symbolic links and folders. Expected: a regular file is replaced atomically; a FIFO or a
character device is written in place and stays what it was; a symbolic link is written through
(its target replaced, the link kept); a folder is one clear error; a run that reads no article
leaves the previous outputs alone and says so; every input that cannot be read is one
``geomap: error: PATH: reason`` line and exit 3.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, error_lines, geomap, leftovers

TEXT = "Two soldiers were killed in Kabul on Monday, officials said."
OUTPUTS = ["events.csv", "events.geojson", "events.jsonl", "map.html", "places.geojson"]
FIFO_TIMEOUT_S = 300
"""The FIFO reader waits for the whole export (gazetteer load included) on a busy machine."""


@pytest.fixture
def small_input(tmp_path: Path) -> Path:
    p = tmp_path / "in" / "a.jsonl"
    p.parent.mkdir()
    p.write_text(json.dumps({"id": "a", "text": TEXT, "published": "2021-03-03"}) + "\n",
                 encoding="utf-8")
    return p


def _old_outputs(out: Path) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        (out / name).write_text(f"OLD {name}", encoding="utf-8")
    return _contents(out)


def _contents(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())
            if not p.name.startswith(".") and p.is_file()}


def _features(text: str) -> list[dict]:
    fc = json.loads(text)
    assert fc["type"] == "FeatureCollection"
    return fc["features"]


# --- item 3: what -o may point at -----------------------------------------------------------

def test_export_into_a_fifo_streams_to_its_reader(tmp_path: Path, small_input: Path,
                                                  gaz_env: dict) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader end, open before the writer
    env = dict(os.environ, **gaz_env)
    env.pop("GEOMAP_DEBUG", None)
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "export", str(small_input),
                             "-o", str(fifo)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    got = bytearray()
    deadline = time.monotonic() + FIFO_TIMEOUT_S
    try:
        while True:
            try:
                chunk: bytes | None = os.read(fd, 1 << 16)
            except BlockingIOError:  # the writer has the FIFO open, nothing to read yet
                chunk = None
            if chunk:
                got += chunk
            elif chunk == b"" and proc.poll() is not None:  # writer gone, pipe drained
                break
            else:
                assert time.monotonic() < deadline, "export never finished writing the FIFO"
                time.sleep(0.05)
        _, err = proc.communicate(timeout=FIFO_TIMEOUT_S)
    finally:
        os.close(fd)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()
    assert_clean_stderr(err)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert [f["properties"]["location_name"] for f in _features(got.decode())] == ["Kabul"]
    assert leftovers(tmp_path) == []


def _char_device(tmp_path: Path) -> Path:
    """A character device to write onto: a private copy of /dev/null when root may make one,
    else /dev/null itself (which a non-root user cannot replace, so the test is safe)."""
    if os.geteuid() == 0:
        dev = tmp_path / "null"
        try:
            os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
            with open(dev, "wb") as fh:
                fh.write(b"x")
            return dev
        except OSError as exc:
            pytest.skip(f"cannot make a device node here: {exc}")
    return Path(os.devnull)


def test_export_onto_a_character_device_keeps_it(tmp_path: Path, small_input: Path,
                                                 gaz_env: dict) -> None:
    dev = _char_device(tmp_path)
    before = os.lstat(dev)
    assert stat.S_ISCHR(before.st_mode)
    r = geomap("export", str(small_input), "-o", str(dev), env=gaz_env)
    after = os.lstat(dev)
    assert stat.S_ISCHR(after.st_mode), "the device was replaced by a regular file"
    assert (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    if dev.parent == tmp_path:
        assert leftovers(tmp_path) == []


def test_export_to_dev_stdout_appends_to_the_redirected_file(tmp_path: Path,
                                                            small_input: Path,
                                                            gaz_env: dict) -> None:
    """``-o /dev/stdout >> FILE`` writes into the file the shell opened, not a new one."""
    dest = tmp_path / "log.csv"
    dest.write_text("EARLIER\n", encoding="utf-8")
    with dest.open("ab") as fh:
        r = subprocess.run([sys.executable, "-m", "geomap", "export", str(small_input), "-f",
                            "csv", "-o", "/dev/stdout"], stdout=fh, stderr=subprocess.PIPE,
                           env=dict(os.environ, **gaz_env), timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    lines = dest.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "EARLIER" and lines[1].startswith("event_id_cnty,") and len(lines) == 3
    assert leftovers(tmp_path) == []


def test_export_through_a_symlink_replaces_its_target_and_keeps_the_link(
        tmp_path: Path, small_input: Path, gaz_env: dict) -> None:
    target = tmp_path / "data" / "events.geojson"
    target.parent.mkdir()
    target.write_text("OLD", encoding="utf-8")
    link = tmp_path / "latest.geojson"
    link.symlink_to(target)
    r = geomap("export", str(small_input), "-o", str(link), env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert [f["properties"]["location_name"]
            for f in _features(target.read_text(encoding="utf-8"))] == ["Kabul"]
    assert leftovers(tmp_path) == []


def test_run_through_symlinked_outputs_keeps_the_links(tmp_path: Path, small_input: Path,
                                                      gaz_env: dict) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    out.mkdir()
    store.mkdir()
    (store / "events.csv").write_text("OLD", encoding="utf-8")
    (out / "events.csv").symlink_to(store / "events.csv")
    (out / "map.html").symlink_to(store / "map.html")  # dangling: the target is created
    r = geomap("run", str(small_input), "-o", str(out), "-q", env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert (out / "events.csv").is_symlink() and (out / "map.html").is_symlink()
    assert "Kabul" in (store / "events.csv").read_text(encoding="utf-8")
    assert (store / "map.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert leftovers(tmp_path) == []


def test_export_onto_a_folder_is_one_clear_error(tmp_path: Path, small_input: Path,
                                                 gaz_env: dict) -> None:
    folder = tmp_path / "somewhere"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    r = geomap("export", str(small_input), "-o", str(folder), env=gaz_env)
    assert r.returncode == 1, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    (line,) = error_lines(r.stderr)
    assert str(folder) in line and "folder" in line, line
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


# --- item 6: runs that read no article --------------------------------------------------------

def test_missing_input_is_a_usage_error_before_anything_is_written(
        tmp_path: Path, small_input: Path, gaz_env: dict) -> None:
    out = tmp_path / "out"
    old = _old_outputs(out)
    new_out = tmp_path / "new"
    missing = tmp_path / "typo"
    for args in (["run", str(missing), str(small_input), "-o", str(out)],
                 ["run", str(missing), "-o", str(new_out)],
                 ["export", str(missing), "-o", str(out / "events.geojson")]):
        r = geomap(*args, env=gaz_env)
        assert r.returncode == 2, (args, r.stderr.decode())
        assert_clean_stderr(r.stderr)
        (line,) = error_lines(r.stderr)
        assert str(missing) in line and "no such file" in line, line
        assert _contents(out) == old and leftovers(out) == []
        assert not new_out.exists()


def test_run_on_an_empty_folder_keeps_outputs_and_says_so(tmp_path: Path,
                                                          gaz_env: dict) -> None:
    empty, out = tmp_path / "empty", tmp_path / "out"
    empty.mkdir()
    old = _old_outputs(out)
    r = geomap("run", str(empty), "-o", str(out), env=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    err = r.stderr.decode()
    assert "no articles" in err and "left as they were" in err, err
    assert _contents(out) == old and leftovers(out) == []


def test_run_and_export_with_only_unreadable_inputs_keep_outputs(tmp_path: Path,
                                                                 gaz_env: dict) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    old = _old_outputs(out)
    for args in (["run", str(src), "-o", str(out)],
                 ["export", str(src), "-o", str(out / "events.geojson")]):
        r = geomap(*args, env=gaz_env)
        assert r.returncode == 3, (args, r.stderr.decode())
        assert_clean_stderr(r.stderr)
        assert len(error_lines(r.stderr)) == 2
        assert "no articles" in r.stderr.decode()
        assert _contents(out) == old and leftovers(out) == []


# --- item 10: walking input folders -----------------------------------------------------------

def _without_root_powers() -> list[str]:
    """A command prefix under which root obeys file permissions (as any user would)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root, and no setpriv to drop the capability to read any folder")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_unreadable_subfolder_and_dangling_symlink_are_reported(
        tmp_path: Path, small_input: Path, gaz_env: dict) -> None:
    src, out = small_input.parent, tmp_path / "out"
    locked = src / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    dangling = src / "gone.txt"
    dangling.symlink_to(tmp_path / "deleted.txt")
    locked.chmod(0)
    try:
        env = dict(os.environ, **gaz_env)
        env.pop("GEOMAP_DEBUG", None)
        r = subprocess.run([*_without_root_powers(), sys.executable, "-m", "geomap", "run",
                            str(src), "-o", str(out), "--no-map", "-q"],
                           capture_output=True, env=env, timeout=300)
    finally:
        locked.chmod(0o755)
    assert r.returncode == 3, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    lines = error_lines(r.stderr)
    assert len(lines) == 2, lines
    assert any(f"{locked}: " in ln and "ermission denied" in ln for ln in lines), lines
    assert any(f"{dangling}: " in ln and "link" in ln for ln in lines), lines
    ids = [json.loads(ln)["article_id"]
           for ln in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == ["a"]


def test_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path, small_input: Path,
                                                           gaz_env: dict) -> None:
    src = small_input.parent
    out = src / "out"
    for _ in range(2):
        r = geomap("run", str(src), "-o", str(out), env=gaz_env)
        assert r.returncode == 0, r.stderr.decode()
        assert_clean_stderr(r.stderr)
        err = r.stderr.decode()
        assert "1 articles" in err and "not read as input" in err, err
    events = [json.loads(ln) for ln in
              (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["article_id"] for e in events] == ["a"]
    # export's own output file inside the input folder is not read either
    src2 = tmp_path / "in2"
    src2.mkdir()
    shutil.copy(small_input, src2 / "a.jsonl")
    target = src2 / "export.geojson"
    for _ in range(2):
        r = geomap("export", str(src2), "-o", str(target), env=gaz_env)
        assert r.returncode == 0, r.stderr.decode()
        assert [f["properties"]["article_id"]
                for f in _features(target.read_text(encoding="utf-8"))] == ["a"]


# --- item 11: one run's outputs are committed together, the map last --------------------------

def test_nothing_is_committed_when_one_output_cannot_be(tmp_path: Path) -> None:
    """A data file that can no longer be renamed into place (its name became a folder while the
    run went on) stops the commit before anything is renamed: old data and old map stay."""
    from geomap.errors import OutputError
    from geomap.export import RunOutputs

    out = tmp_path / "out"
    old = _old_outputs(out)
    outputs = RunOutputs(out, with_map=True)
    (out / "events.jsonl").unlink()
    (out / "events.jsonl").mkdir()
    (out / "events.jsonl" / "x").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="events.jsonl"):
        outputs.close()
    del old["events.jsonl"]
    assert _contents(out) == old
    assert leftovers(out) == []


def test_a_map_that_cannot_be_written_leaves_old_data_and_map(tmp_path: Path) -> None:
    from geomap.errors import OutputError
    from geomap.export import RunOutputs

    out = tmp_path / "out"
    old = _old_outputs(out)
    outputs = RunOutputs(out, with_map=True)
    (out / "map.html").unlink()
    (out / "map.html").mkdir()
    with pytest.raises(OutputError, match="map.html"):
        outputs.close()
    del old["map.html"]
    assert _contents(out) == old
    assert leftovers(out) == []


def test_folder_walk_order_and_what_it_reports(tmp_path: Path) -> None:
    """Same order as before (``sorted(rglob)``: depth first, by name); special files and broken
    links are reported; links to folders are not followed; excluded paths are skipped."""
    from geomap.ingest import IngestProblem, expand_inputs

    src = tmp_path / "src"
    for rel in ("a/b.txt", "a.txt", "a/c/d.txt", "b.txt", ".hidden/x.txt", "out/map.html"):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(TEXT, encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    (src / "elsewhere").symlink_to(tmp_path)  # a loop if it were followed
    (src / "gone.txt").symlink_to(tmp_path / "nothing")
    (src / "same.txt").symlink_to(src / "b.txt")
    problems: list[IngestProblem] = []
    got = list(expand_inputs([str(src)], problems.append, exclude=[src / "out"]))
    assert got == [str(src / r) for r in ("a/b.txt", "a/c/d.txt", "a.txt", "b.txt", "same.txt")]
    assert {(Path(p.path).name, p.message.split(" (")[0]) for p in problems} == {
        ("gone.txt", "broken symbolic link"), ("pipe.txt", "not a regular file")}
