"""A relative distance no report could mean ("1,000,000,000 km north of Kabul") is not a
location: the event is placed at the place the distance is measured from, with a note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, geomap


def _events(tmp_path: Path, gaz_env: dict, text: str) -> list[dict]:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": text, "published": "2021-03-03"}) + "\n",
                   encoding="utf-8")
    r = geomap("export", str(src), "-f", "jsonl", "-q", env=gaz_env, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    return [json.loads(ln) for ln in r.stdout.decode().splitlines()]


@pytest.mark.parametrize("distance", ["1,000,000,000 km", "40,000 kilometres", "9,000 miles"])
def test_absurd_distance_is_not_a_location(distance: str, tmp_path: Path, gaz_env: dict) -> None:
    (ev,) = _events(tmp_path, gaz_env,
                    f"A rocket landed {distance} north of Kabul on Monday, killing two people.")
    assert ev["location_name"] == "Kabul" and ev["location_method"] == "toponym"
    assert ev["place_id"] == "gn:1138958" and ev["anchor"] is None
    assert ev["uncertainty_km"] < 100
    assert "2,000 km" in ev["location_notes"]
    assert ev["relative"]["text"] == f"{distance} north of Kabul"


def test_plausible_distance_is_still_located(tmp_path: Path, gaz_env: dict) -> None:
    (ev,) = _events(tmp_path, gaz_env,
                    "A rocket landed 50 km north of Kabul on Monday, killing two people.")
    assert ev["location_method"] == "relative" and ev["anchor"]["name"] == "Kabul"
    assert ev["anchor"]["distance_km"] == 50
