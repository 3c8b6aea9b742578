"""The name-automaton cache beside the gazetteer is data, never code, and never trusted.

Anyone who can write the gazetteer's folder (the README's cluster set-up shares it) can plant
files there. A planted pickle must never be loaded; a cache that is garbage, truncated, of the
wrong type, or made for another gazetteer is rebuilt; a FIFO or symlink in its place neither
hangs a run nor is followed. Every test runs the real CLI on a small copy of the default
gazetteer (Afghanistan plus every country), so building its automaton takes well under a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import assert_clean_stderr, geomap

from geomap.gazetteer.sqlite import INDEXES, PLACE_COLUMNS, SCHEMA

TEXT = "Two soldiers were killed in Kabul on Monday, officials said."
RUN_TIMEOUT = 120
"""Seconds a run on the small gazetteer may take (it takes about 2 s): a hang fails the test."""


@pytest.fixture(scope="module")
def small_gazetteer(gazetteer_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Afghanistan's places plus every country, continent and region, copied from the default
    gazetteer (about 1 MB)."""
    dst = tmp_path_factory.mktemp("small-gaz") / "small.sqlite"
    cols = ", ".join(PLACE_COLUMNS)
    con = sqlite3.connect(dst)
    try:
        con.executescript(SCHEMA)
        con.execute("ATTACH ? AS src", (f"file:{gazetteer_path}?mode=ro",))
        con.execute(f"INSERT INTO places (rowid, {cols}) SELECT rowid, {cols} FROM src.places "
                    "WHERE country_code = 'AF' OR kind IN ('country', 'continent', 'region')")
        con.execute("INSERT INTO names SELECT n.* FROM src.names n "
                    "WHERE n.place_rowid IN (SELECT rowid FROM places)")
        con.execute("INSERT INTO meta SELECT * FROM src.meta")
        con.executescript(INDEXES)
        con.commit()
    finally:
        con.close()
    return dst


@pytest.fixture
def gaz(small_gazetteer: Path, tmp_path: Path) -> Path:
    """A private copy of the small gazetteer in its own folder (the "shared folder")."""
    folder = tmp_path / "shared"
    folder.mkdir()
    copy = folder / "gz.sqlite"
    shutil.copyfile(small_gazetteer, copy)
    return copy


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "a", "text": TEXT, "published": "2021-03-03"}) + "\n",
                 encoding="utf-8")
    return p


def _run(article: Path, gaz: Path, out: Path) -> list[dict]:
    """``geomap run`` on the article with this gazetteer; its events (checked: exit 0)."""
    r = geomap("run", str(article), "-o", str(out), "--no-map", "-q", "-j", "1",
               "--gazetteer", str(gaz), timeout=RUN_TIMEOUT)
    assert r.returncode == 0, r.stderr.decode()
    assert_clean_stderr(r.stderr)
    return [json.loads(ln) for ln in
            (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def _assert_kabul(events: list[dict]) -> None:
    assert events and events[0]["location_name"] == "Kabul", events
    assert events[0]["place_id"] == "gn:1138958"


def _legacy_pickle_name(gaz: Path) -> Path:
    """Where geomap up to this fix looked for its pickled automaton (the name it computed from
    the gazetteer's path, size, mtime and build date)."""
    con = sqlite3.connect(f"file:{gaz}?mode=ro", uri=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
        n_names = con.execute("SELECT count(*) FROM names").fetchone()[0]
    finally:
        con.close()
    st = gaz.stat()
    parts = ["v4", "SQLiteGazetteer", str(gaz.resolve()), str(st.st_size), str(st.st_mtime_ns),
             str(meta.get("build_date")), str(meta.get("updated")), str(n_names)]
    digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]
    return gaz.with_name(f"{gaz.name}-names-{digest}.pickle")


class _Planted:
    """Unpickling this creates ``marker`` (stands for any code an attacker would run)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _cache_files(gaz: Path) -> list[Path]:
    return sorted(p for p in gaz.parent.iterdir() if p.name.startswith(gaz.name + "-names"))


def _cache_file(gaz: Path) -> Path:
    from geomap.recognize._automaton import cache_path

    return cache_path(gaz)


def test_planted_pickle_is_never_loaded(gaz: Path, article: Path, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    payload = pickle.dumps(_Planted(marker), protocol=4)
    planted = [_legacy_pickle_name(gaz), gaz.with_name(gaz.name + "-names.pickle")]
    for p in planted:
        p.write_bytes(payload)
    for _ in range(2):  # first run (no cache of ours yet) and a run with our cache present
        _assert_kabul(_run(article, gaz, tmp_path / "out"))
        assert not marker.exists(), "a planted pickle was unpickled"
    for p in planted:  # left alone, merely ignored
        assert p.read_bytes() == payload


def test_pickle_planted_as_the_cache_itself_is_not_loaded(gaz: Path, article: Path,
                                                          tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    cache = _cache_file(gaz)
    cache.write_bytes(pickle.dumps(_Planted(marker), protocol=4))
    _assert_kabul(_run(article, gaz, tmp_path / "out"))
    assert not marker.exists()
    assert cache.read_bytes().startswith(b"{"), "the bad cache was not replaced"


def _good_cache(gaz: Path, article: Path, tmp_path: Path) -> bytes:
    _assert_kabul(_run(article, gaz, tmp_path / "first"))
    cache = _cache_file(gaz)
    assert _cache_files(gaz) == [cache] and cache.is_file()
    return cache.read_bytes()


def _header_and_body(data: bytes) -> tuple[dict, bytes]:
    head, _, body = data.partition(b"\n")
    return json.loads(head), body


def _reseal(header: dict, body: bytes) -> bytes:
    """A cache whose checksum matches its (altered) body: only the identity can catch it."""
    header = dict(header, sha256=hashlib.sha256(body).hexdigest())
    return json.dumps(header).encode() + b"\n" + body


def _bad_caches(good: bytes) -> dict[str, bytes]:
    header, body = _header_and_body(good)
    names = json.loads(body)
    without_kabul = json.dumps({k: v for k, v in names.items() if k != "kabul"}).encode()
    return {
        "empty": b"",
        "garbage": os.urandom(4096),
        "truncated": good[: len(good) // 2],
        "not-utf8": b"\xff\xfe" + good,
        "wrong-type": b"[1, 2, 3]\n[]",
        "header-only": json.dumps(header).encode() + b"\n",
        "nested": b"[" * 100_000 + b"\n" + body,
        "altered-body": json.dumps(header).encode() + b"\n" + without_kabul,
        "wrong-identity": _reseal(dict(header, identity="0" * 16), without_kabul),
        "wrong-version": _reseal(dict(header, version=-1), without_kabul),
        "wrong-count": _reseal(dict(header, count=header["count"] + 1), body),
        "bad-values": _reseal(header, json.dumps(dict.fromkeys(names, "x")).encode()),
        "bad-keys": _reseal(dict(header, count=2),
                           json.dumps({"": 1, "k" * 10: 1 << 80}).encode()),
    }


@pytest.mark.parametrize("kind", ["empty", "garbage", "truncated", "not-utf8", "wrong-type",
                                  "header-only", "nested", "altered-body", "wrong-identity",
                                  "wrong-version", "wrong-count", "bad-values", "bad-keys"])
def test_bad_or_mismatched_cache_is_rebuilt(kind: str, gaz: Path, article: Path,
                                            tmp_path: Path) -> None:
    good = _good_cache(gaz, article, tmp_path)
    cache = _cache_file(gaz)
    cache.write_bytes(_bad_caches(good)[kind])
    _assert_kabul(_run(article, gaz, tmp_path / "out"))
    assert cache.read_bytes() == good  # rebuilt and written again


def test_cache_of_another_gazetteer_is_not_used(gaz: Path, article: Path,
                                                tmp_path: Path) -> None:
    """A gazetteer replaced in place (an import, a rebuild) makes its old cache stale."""
    stale = _good_cache(gaz, article, tmp_path)
    con = sqlite3.connect(gaz)
    con.execute("DELETE FROM names WHERE key = 'kabul'")
    con.execute("UPDATE meta SET value = 'changed' WHERE key = 'build_date'")
    con.commit()
    con.close()
    events = _run(article, gaz, tmp_path / "out")
    assert not any(e["location_name"] == "Kabul" for e in events), events
    assert _cache_file(gaz).read_bytes() != stale


def test_fifo_in_place_of_the_cache_does_not_hang(gaz: Path, article: Path,
                                                 tmp_path: Path) -> None:
    cache = _cache_file(gaz)
    os.mkfifo(cache)
    _assert_kabul(_run(article, gaz, tmp_path / "out"))  # bounded by RUN_TIMEOUT


@pytest.mark.parametrize("target", ["valid-elsewhere", "device", "victim"])
def test_symlink_in_place_of_the_cache_is_not_followed(target: str, gaz: Path, article: Path,
                                                       tmp_path: Path) -> None:
    cache = _cache_file(gaz)
    victim = tmp_path / "victim.txt"
    if target == "valid-elsewhere":
        # a cache that would pass every check, made for this gazetteer but without "kabul"
        header, body = _header_and_body(_good_cache(gaz, article, tmp_path))
        names = {k: v for k, v in json.loads(body).items() if k != "kabul"}
        header["count"] = len(names)
        dest = tmp_path / "elsewhere.json"
        dest.write_bytes(_reseal(header, json.dumps(names).encode()))
        cache.unlink()
    elif target == "device":
        dest = Path("/dev/zero")
    else:
        victim.write_text("analyst's notes", encoding="utf-8")
        dest = victim
    cache.symlink_to(dest)
    _assert_kabul(_run(article, gaz, tmp_path / "out"))
    if target == "victim":
        assert victim.read_text(encoding="utf-8") == "analyst's notes"


def test_cache_is_small_readable_data(gaz: Path, article: Path, tmp_path: Path) -> None:
    good = _good_cache(gaz, article, tmp_path)
    header, body = _header_and_body(good)
    assert header["format"] == "geomap-automaton-names"
    assert hashlib.sha256(body).hexdigest() == header["sha256"]
    names = json.loads(body)
    assert names["kabul"] & 1 and len(names) == header["count"]
    assert _cache_file(gaz).stat().st_mode & 0o044 == 0o044  # other workers may read it
