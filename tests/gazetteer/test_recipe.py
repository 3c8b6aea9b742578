"""A default gazetteer built from an older recipe is rebuilt, or flagged when it holds imports."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from geomap.gazetteer import _stored_recipe, open_gazetteer, recipe_version


def test_build_stores_the_current_recipe(gazetteer_path: Path) -> None:
    stored, imported = _stored_recipe(gazetteer_path)  # type: ignore[misc]
    assert stored == recipe_version() and len(stored) == 16
    assert imported is False


def test_stale_gazetteer_with_imports_is_kept_and_flagged(
        gazetteer_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    copy = tmp_path / "old.sqlite"
    shutil.copyfile(gazetteer_path, copy)
    con = sqlite3.connect(copy)
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [("recipe_version", "0000000000000000"),
                     ("imports", '[{"file": "TJ.txt", "format": "dump", "rows": 1}]')])
    con.commit()
    con.close()
    before = copy.stat().st_mtime_ns
    gaz = open_gazetteer(copy, build_if_missing=True, progress=False)
    try:
        assert gaz.lookup("Dushanbe")
    finally:
        gaz.close()
    assert copy.stat().st_mtime_ns == before  # not rebuilt: that would drop the imports
    err = capsys.readouterr().err
    assert "built by another geomap version" in err and len(err.strip().splitlines()) == 1


def test_corrupt_file_is_not_taken_for_a_stale_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 100)
    assert _stored_recipe(bad) is None
