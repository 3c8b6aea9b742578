"""The Aho-Corasick automaton over gazetteer name keys: built once per process and cached on
disk next to the gazetteer (pickled, keyed by the gazetteer's path, size and build date), so
neither a new document nor a new process pays for rebuilding it."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import threading
from pathlib import Path
from typing import Any

import ahocorasick

from geomap.gazetteer.normalize import name_key

log = logging.getLogger(__name__)

NAME_TYPE_BITS = {
    "name": 1,
    "ascii": 2,
    "alternate": 4,
    "demonym": 8,
    "abbreviation": 16,
    "code": 32,
}
PLACE_NAME_BITS = 1 | 2 | 4
AUTOMATON_VERSION = 4
ALTERNATE_MIN_POPULATION = 100_000
"""Alternate names (other languages, old spellings) are matched only for places this big or
for countries, first-level areas, continents and regions: the alternates of small places are
mostly foreign-language words that collide with English ("For", "Rise") and cost precision
and memory (measured on LGL/GWN: +0.4 and +0.9 points of F1, a third of the keys)."""
_IMPORTANT_KINDS = ("country", "admin1", "continent", "region")

_lock = threading.Lock()
_memory: dict[str, Any] = {}


def _usable_key(key: str) -> bool:
    """Keys an English text can contain: ASCII, at least two characters, some letter."""
    return len(key) >= 2 and key.isascii() and any(c.isalpha() for c in key)


def build_automaton(names: Any) -> ahocorasick.Automaton:
    """Automaton whose values are ``(key_length, name_type_bits)``; ``names`` yields
    ``(name_key, name_type)`` pairs as :meth:`Gazetteer.iter_names` does."""
    bits: dict[str, int] = {}
    for key, name_type in names:
        if not key or not _usable_key(key):
            continue
        bits[key] = bits.get(key, 0) | NAME_TYPE_BITS.get(name_type, 4)
    auto = ahocorasick.Automaton()
    for key, mask in bits.items():
        auto.add_word(" " + key + " ", (len(key), mask))
    auto.make_automaton()
    return auto


_AREA_WORDS = {
    "district", "county", "parish", "agency", "borough", "raion", "region", "municipality",
    "canton", "prefecture", "department", "province", "division", "governorate",
}


def _area_short_name(key: str, name: str) -> bool:
    """A multi-word alternate that is the area's main name without its area word ("North
    Waziristan" for "North Wazīristān District", "Upper Dir" for "Upper Dir District"): news
    uses these short forms, and two or more words rarely collide with English prose."""
    if " " not in key:
        return False
    full = name_key(name)
    return full.startswith(key + " ") and full[len(key) + 1:] in _AREA_WORDS


def important_alternates(gazetteer: Any) -> set[str] | None:
    """Keys of alternate names that belong to important places, or None if every alternate
    may be used (a gazetteer that offers no way to tell)."""
    con = getattr(gazetteer, "_con", None)
    if con is not None:  # SQLite store: one query instead of a lookup per key
        try:
            rows = con.execute(
                "SELECT DISTINCT n.key FROM names n JOIN places p ON p.rowid = n.place_rowid "
                "WHERE n.name_type = 'alternate' AND (p.population >= ? OR p.kind IN "
                f"({','.join('?' * len(_IMPORTANT_KINDS))}))",
                (ALTERNATE_MIN_POPULATION, *_IMPORTANT_KINDS),
            )
            keep = {r[0] for r in rows}
            rows = con.execute(
                "SELECT n.key, p.name FROM names n JOIN places p ON p.rowid = n.place_rowid "
                "WHERE n.name_type = 'alternate' AND p.kind = 'admin2' AND n.key LIKE '% %'"
            )
            keep.update(key for key, name in rows if _area_short_name(key, name))
            return keep
        except Exception as exc:  # noqa: BLE001 - fall back to the protocol
            log.info("alternate-name query failed (%s); using lookups", exc)
    keep: set[str] = set()
    for key, name_type in gazetteer.iter_names():
        if name_type != "alternate" or not _usable_key(key):
            continue
        for cand in gazetteer.lookup(key):
            p = cand.place
            if cand.name_type == "alternate" and (
                p.population >= ALTERNATE_MIN_POPULATION or p.kind in _IMPORTANT_KINDS
                or (p.kind == "admin2" and _area_short_name(key, p.name))
            ):
                keep.add(key)
                break
    return keep


def names_for_automaton(gazetteer: Any) -> list[tuple[str, str]]:
    """The (key, name_type) pairs worth matching in text (see ALTERNATE_MIN_POPULATION)."""
    alternates = important_alternates(gazetteer)
    return [
        (key, name_type) for key, name_type in gazetteer.iter_names()
        if name_type != "alternate" or alternates is None or key in alternates
    ]


def _cache_identity(gazetteer: Any) -> tuple[str | None, Path | None]:
    """A string that changes whenever the gazetteer's content may have changed (None when
    the gazetteer cannot tell: no ``info()``)."""
    path = getattr(gazetteer, "path", None)
    parts = [f"v{AUTOMATON_VERSION}", type(gazetteer).__name__]
    if path is not None:
        path = Path(path)
        try:
            st = path.stat()
            parts += [str(path.resolve()), str(st.st_size), str(st.st_mtime_ns)]
        except OSError:
            path = None
    try:
        info = gazetteer.info()
        parts += [str(info.get("build_date")), str(info.get("updated")), str(info.get("names"))]
    except Exception:  # noqa: BLE001 - a gazetteer without info() is still usable
        # nothing says when its content changes (an id() could be reused by another object):
        # build for this object only, never from or into a cache
        return None, path
    digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]
    return digest, path


def automaton_for(gazetteer: Any, *, use_disk_cache: bool = True) -> ahocorasick.Automaton:
    """The automaton for this gazetteer: from memory, else from the disk cache, else built
    (and then written to the disk cache atomically)."""
    ident, path = _cache_identity(gazetteer)
    if ident is None:
        return build_automaton(names_for_automaton(gazetteer))
    with _lock:
        auto = _memory.get(ident)
        if auto is not None:
            return auto
        cache_file = None
        if use_disk_cache and path is not None:
            cache_file = path.with_name(f"{path.name}-names-{ident}.pickle")
            if cache_file.is_file():
                try:
                    with cache_file.open("rb") as fh:
                        auto = pickle.load(fh)
                except Exception as exc:  # noqa: BLE001 - a bad cache is rebuilt
                    log.warning("ignoring unreadable automaton cache %s: %s", cache_file, exc)
                    auto = None
        if auto is None:
            auto = build_automaton(names_for_automaton(gazetteer))
            if cache_file is not None:
                _write_cache(cache_file, auto)
        _memory.clear()  # one gazetteer per process is the norm; do not hoard memory
        _memory[ident] = auto
        return auto


def _write_cache(cache_file: Path, auto: ahocorasick.Automaton) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, prefix=cache_file.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(auto, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
        for old in cache_file.parent.glob(cache_file.name.split("-names-")[0] + "-names-*.pickle"):
            if old != cache_file:
                old.unlink(missing_ok=True)
    except OSError as exc:  # read-only folder: keep the in-memory copy only
        log.info("cannot cache automaton at %s: %s", cache_file, exc)
