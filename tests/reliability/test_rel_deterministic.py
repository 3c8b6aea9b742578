"""Identical runs write identical files, the map included (issue 10, item 11): the README
promises byte-identical outputs, and folium's random element ids broke that for map.html."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, geomap

ARTICLES = [
    {"id": "a", "title": "Clash near Kabul", "published": "2021-03-03",
     "text": "Two soldiers were killed in Kabul on Monday. Police arrested five people in Herat "
             "on Tuesday, 20 km north of the city."},
    {"id": "b", "title": "Protest", "published": "2021-04-01", "url": "https://example.com/b",
     "text": "Hundreds protested in Dushanbe on Friday near the Afghan border."},
]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.timeout(600)
def test_two_identical_runs_write_identical_bytes(tmp_path: Path, gaz_env: dict,
                                                  seed_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(seed_path, inputs / seed_path.name)
    (inputs / "more.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES),
                                       encoding="utf-8")
    outputs = []
    for name in ("first", "second"):
        out = tmp_path / name
        r = geomap("run", str(inputs), "-o", str(out), "-q", env=gaz_env, timeout=600)
        assert r.returncode == 0, r.stderr.decode()
        assert_clean_stderr(r.stderr)
        outputs.append(_files(out))
    first, second = outputs
    assert "map.html" in first and "events.geojson" in first
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], f"{name} differs between identical runs"
