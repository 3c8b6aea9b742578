"""The Aho-Corasick automaton over gazetteer name keys: built once per process, from a name
list cached on disk next to the gazetteer, so a new process does not query every name again.

The cache is data, never code: one JSON header line (format, version, the gazetteer's
identity, count, SHA-256 of the rest) and a JSON object ``{name_key: name_type_bits}``. It is
checked in full before use, and anything else found under its name (garbage, a truncated or
stale file, a FIFO, a symlink, a pickle from an older geomap) is ignored and replaced. The
gazetteer's folder may be shared (see the README's cluster set-up), so whoever can write
there must not be able to run code through it. Measured on the default gazetteer (285k keys,
a busy 2-core machine): 7.5 s without the cache, 1.9 s with its 4.5 MB; the 61 MB pickled
automaton it replaces loaded in 0.8 s, and pyahocorasick's own save()/load() format (75 MB,
1.6 s) is a binary structure that would have to be trusted."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import stat
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import ahocorasick

from geomap.gazetteer.base import Gazetteer

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
_VALID_BITS = frozenset(range(1, sum(NAME_TYPE_BITS.values()) + 1))
AUTOMATON_VERSION = 5
CACHE_FORMAT = "geomap-automaton-names"
CACHE_SUFFIX = "-names.json"
CACHE_MODE = 0o644
"""Every worker of a shared gazetteer folder may read the cache (mkstemp makes it 0600)."""
ALTERNATE_MIN_POPULATION = 100_000
"""Alternate names (other languages, old spellings) are matched only for places this big or
for countries, first-level areas, continents and regions: the alternates of small places are
mostly foreign-language words that collide with English ("For", "Rise") and cost precision
and memory (measured on LGL/GWN: +0.4 and +0.9 points of F1, a third of the keys)."""
IMPORTANT_KINDS = ("country", "admin1", "continent", "region")
"""Kinds whose alternate names are matched whatever their population."""

_lock = threading.Lock()
_memory: dict[str, ahocorasick.Automaton] = {}


def _usable_key(key: str) -> bool:
    """Keys an English text can contain: ASCII, at least two characters, some letter."""
    return len(key) >= 2 and key.isascii() and any(c.isalpha() for c in key)


def name_bits(names: Iterable[tuple[str, str]]) -> dict[str, int]:
    """``{key: name_type_bits}`` over the usable keys; ``names`` yields ``(name_key,
    name_type)`` pairs as :meth:`Gazetteer.iter_names` does."""
    bits: dict[str, int] = {}
    for key, name_type in names:
        if not key or not _usable_key(key):
            continue
        bits[key] = bits.get(key, 0) | NAME_TYPE_BITS.get(name_type, 4)
    return bits


def automaton_from_bits(bits: dict[str, int]) -> ahocorasick.Automaton:
    """Automaton whose values are ``(key_length, name_type_bits)``."""
    auto = ahocorasick.Automaton()
    for key, mask in bits.items():
        auto.add_word(" " + key + " ", (len(key), mask))
    auto.make_automaton()
    return auto


def build_automaton(names: Iterable[tuple[str, str]]) -> ahocorasick.Automaton:
    """Automaton over ``(name_key, name_type)`` pairs (see :func:`name_bits`)."""
    return automaton_from_bits(name_bits(names))


def important_alternates(gazetteer: Gazetteer) -> set[str]:
    """Keys of alternate names that belong to important places (see
    :data:`ALTERNATE_MIN_POPULATION`): the store's
    :meth:`~geomap.gazetteer.base.Gazetteer.important_alternates`."""
    return gazetteer.important_alternates(ALTERNATE_MIN_POPULATION, IMPORTANT_KINDS)


def names_for_automaton(gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """The (key, name_type) pairs worth matching in text (see ALTERNATE_MIN_POPULATION)."""
    alternates = important_alternates(gazetteer)
    return [
        (key, name_type) for key, name_type in gazetteer.iter_names()
        if name_type != "alternate" or key in alternates
    ]


@functools.cache
def _code_digest() -> str:
    """What the cached name list is derived by: this module and the key normalisation (a
    cache made by other code is stale even if AUTOMATON_VERSION was not bumped)."""
    from geomap.gazetteer import normalize

    h = hashlib.sha256()
    for module_file in (__file__, normalize.__file__):
        h.update(Path(module_file).read_bytes())
    return h.hexdigest()[:16]


def cache_identity(gazetteer: Gazetteer) -> tuple[str | None, Path | None, int]:
    """(a string that changes whenever the gazetteer's content may have changed, the
    gazetteer's file, its size). The string is None when the gazetteer cannot tell (no
    ``info()``); the path is None when it has no readable file (no disk cache then)."""
    path = gazetteer.path
    parts = [f"v{AUTOMATON_VERSION}", _code_digest(), type(gazetteer).__name__]
    size = 0
    if path is not None:
        path = Path(path)
        try:
            st = path.stat()
            size = st.st_size
            parts += [str(path.resolve()), str(st.st_size), str(st.st_mtime_ns)]
        except OSError:
            path = None
    try:
        info = gazetteer.info()
        parts += [str(info.get("build_date")), str(info.get("updated")), str(info.get("names"))]
    except Exception:  # noqa: BLE001 - a gazetteer without info() is still usable
        # nothing says when its content changes (an id() could be reused by another object):
        # build for this object only, never from or into a cache
        return None, path, size
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return digest, path, size


def cache_path(gazetteer_path: str | Path) -> Path:
    """The name-list cache of the gazetteer at this path (one per gazetteer, whatever its
    version: a stale one is replaced)."""
    path = Path(gazetteer_path)
    return path.with_name(path.name + CACHE_SUFFIX)


def automaton_for(gazetteer: Gazetteer, *, use_disk_cache: bool = True) -> ahocorasick.Automaton:
    """The automaton for this gazetteer: from memory, else built from the cached name list
    when that is valid for this gazetteer, else from the gazetteer (and the name list is
    then cached, atomically)."""
    ident, path, size = cache_identity(gazetteer)
    if ident is None:
        return build_automaton(names_for_automaton(gazetteer))
    with _lock:
        auto = _memory.get(ident)
        if auto is not None:
            return auto
        cache = cache_path(path) if use_disk_cache and path is not None else None
        bits = read_cache(cache, ident, max_bytes=size) if cache is not None else None
        if bits is None:
            bits = name_bits(names_for_automaton(gazetteer))
            if cache is not None:
                write_cache(cache, ident, bits)
        auto = automaton_from_bits(bits)
        _memory.clear()  # one gazetteer per process is the norm; do not hoard memory
        _memory[ident] = auto
        return auto


def read_cache(cache: Path, ident: str, *, max_bytes: int, fmt: str = CACHE_FORMAT,
                ascii_only: bool = True) -> dict[str, int] | None:
    """The cached ``{key: bits}`` if ``cache`` is a regular file (not followed if a symlink,
    never waited on if a FIFO) of at most ``max_bytes`` (a name list is smaller than the
    gazetteer it comes from) that passes every check of :func:`parse_cache`; else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(cache, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a symlink (ELOOP), unreadable, ...: rebuilt and replaced
        log.info("ignoring automaton cache %s: %s", cache, exc.strerror or exc)
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            log.info("ignoring automaton cache %s: not a regular file of its size", cache)
            return None
        data = fh.read(max_bytes + 1)
    bits = parse_cache(data, ident, fmt, ascii_only) if len(data) <= max_bytes else None
    if bits is None:
        log.info("ignoring an automaton cache that does not match its gazetteer: %s", cache)
    return bits


def parse_cache(data: bytes, ident: str, fmt: str = CACHE_FORMAT,
                 ascii_only: bool = True) -> dict[str, int] | None:
    """The name list in ``data`` if its header names this format (``fmt``), version and
    gazetteer, its checksum and count match, every key is of two characters or more (and
    ASCII when ``ascii_only``) and every value a union of NAME_TYPE_BITS."""
    head, sep, body = data.partition(b"\n")
    try:
        header = json.loads(head)
        if not (sep and isinstance(header, dict)
                and header.get("format") == fmt
                and header.get("version") == AUTOMATON_VERSION
                and header.get("identity") == ident
                and header.get("sha256") == hashlib.sha256(body).hexdigest()):
            return None
        bits = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested without end
        return None
    if not isinstance(bits, dict) or len(bits) != header.get("count"):
        return None
    # checked in bulk (C loops): a per-key check in Python costs more than the build
    if bits and not (set(map(type, bits.values())) == {int}
                     and set(bits.values()) <= _VALID_BITS
                     and min(map(len, bits)) >= 2
                     and (not ascii_only or "".join(bits).isascii())):
        return None
    return bits


def write_cache(cache: Path, ident: str, bits: dict[str, int],
                 fmt: str = CACHE_FORMAT) -> None:
    """Write the name list beside the gazetteer (temporary file, then rename: a symlink or
    FIFO found under its name is replaced, never written through)."""
    body = json.dumps(bits, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode()
    header = {"format": fmt, "version": AUTOMATON_VERSION, "identity": ident,
              "count": len(bits), "sha256": hashlib.sha256(body).hexdigest()}
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name + ".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(json.dumps(header, sort_keys=True).encode() + b"\n" + body)
            os.fchmod(fh.fileno(), CACHE_MODE)
        os.replace(tmp, cache)
    except OSError as exc:  # read-only folder: keep the in-memory copy only
        log.info("cannot cache automaton names at %s: %s", cache, exc)
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
