"""Helpers for the reliability tests: run the real ``geomap`` CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def geomap(*args: str, env: dict | None = None, input: bytes | None = None,
           timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """``python -m geomap ARGS`` with captured bytes output."""
    full_env = dict(os.environ)
    full_env.pop("GEOMAP_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "geomap", *args], input=input,
                          capture_output=True, env=full_env, timeout=timeout, **kw)


def error_lines(stderr: bytes) -> list[str]:
    return [ln for ln in stderr.decode("utf-8", "replace").splitlines()
            if ln.startswith("geomap: error: ")]


def assert_clean_stderr(stderr: bytes) -> None:
    """Every stderr line is a one-line geomap message: no traceback, no stray output."""
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    for ln in text.splitlines():  # (click prints an empty line after Ctrl-C)
        assert ln.startswith("geomap: ") or not ln.strip(), ln


def leftovers(folder: Path) -> list[str]:
    """Temporary or lock files left in a folder (there must be none after a run ends)."""
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp")
                  or p.name == ".geomap.lock")


@pytest.fixture(scope="session")
def gaz_env(gazetteer_path: Path) -> dict:
    return {"GEOMAP_GAZETTEER": str(gazetteer_path)}


def make_unwritable(folder: Path) -> None:
    """Make ``folder`` refuse new files, even for root (chattr +i); skips if impossible."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return
    r = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot make a read-only folder as root: {r.stderr.decode().strip()}")


def make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def plant_old_outputs(out: Path, names: tuple[str, ...] | list[str]) -> dict[str, bytes]:
    """Fill ``out`` with recognisable "previous outputs"; returns them (see :func:`contents`)."""
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        (out / name).write_bytes(f"OLD {name}".encode())
    return contents(out)


def contents(out: Path) -> dict[str, bytes]:
    """The visible files of an output folder, by name (what a run must leave alone)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()
            and not p.name.startswith(".")}
