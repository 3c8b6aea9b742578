"""``geomap run`` / ``geomap export`` as a user calls them (a real subprocess, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _geomap(*args: str, input: bytes | None = None, env_extra: dict | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "geomap", *args], input=input,
                          capture_output=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def gaz_env(gazetteer_path: Path) -> dict:
    return {"GEOMAP_GAZETTEER": str(gazetteer_path)}


def test_run_seed_writes_all_outputs(tmp_path: Path, seed_path: Path, gaz_env: dict) -> None:
    out = tmp_path / "out"
    r = _geomap("run", str(seed_path), "-o", str(out), env_extra=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    names = sorted(p.name for p in out.iterdir())
    assert names == ["events.csv", "events.geojson", "events.jsonl", "incidents.csv",
                     "incidents.geojson", "map.html", "places.geojson"]
    fc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    mains = [f for f in fc["features"] if f["properties"]["main"]]
    assert len(mains) == 1 and mains[0]["properties"]["fatalities"] == 17
    assert b"Traceback" not in r.stderr


def test_export_to_stdout_pipes(seed_path: Path, gaz_env: dict) -> None:
    r = _geomap("export", "-", "-f", "jsonl", "-q", input=seed_path.read_bytes(), env_extra=gaz_env)
    assert r.returncode == 0, r.stderr.decode()
    recs = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert any(rec["main"] and rec["fatalities"] == 17 for rec in recs)


def test_bad_records_are_reported_and_the_rest_written(tmp_path: Path, gaz_env: dict) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(
        json.dumps({"id": "ok", "text": "Two soldiers were killed in Kabul on Monday.",
                    "published": "2021-03-03"}) + "\n{broken\n", encoding="utf-8")
    (src / "b.bin").write_bytes(b"\x00\xff" * 64)
    out = tmp_path / "out"
    r = _geomap("run", str(src), "-o", str(out), "--no-map", env_extra=gaz_env)
    err = r.stderr.decode()
    assert r.returncode == 3, err
    assert f"{src / 'a.jsonl'}:2:" in err and "b.bin" in err
    assert "Traceback" not in err
    fc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["article_id"] for f in fc["features"]} == {"ok"}


def test_unwritable_output_is_one_line_exit_1(tmp_path: Path, seed_path: Path, gaz_env: dict) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = _geomap("run", str(seed_path), "-o", str(blocker / "out"), env_extra=gaz_env)
    err = r.stderr.decode().strip()
    assert r.returncode == 1 and len(err.splitlines()) == 1 and "Traceback" not in err


def test_usage_error_exit_2() -> None:
    r = _geomap("run")
    assert r.returncode == 2


def test_help_explains() -> None:
    r = _geomap("run", "--help")
    assert r.returncode == 0 and b"events.geojson" in r.stdout


def test_reader_closing_the_pipe_early_is_not_an_error(tmp_path: Path, gaz_env: dict) -> None:
    src = tmp_path / "many.jsonl"
    text = "Two soldiers were killed in a clash near Kandahar on Monday. " * 20
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "published": "2021-03-03"})
                           + "\n" for i in range(150)), encoding="utf-8")
    env = dict(os.environ, **gaz_env)
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "export", str(src), "-f", "jsonl",
                             "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.read(20)  # like `| head -c 20`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, err
    assert err == ""
