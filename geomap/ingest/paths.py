"""Input arguments -> file paths: folders walked, this run's own outputs never read."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest.common import IngestProblem, display_path


def expand_inputs(inputs: Iterable[str],
                  on_error: Callable[[IngestProblem], None] | None = None, *,
                  exclude: Iterable[str | Path] = ()) -> Iterator[str]:
    """Input arguments -> file paths (folders walked in sorted order, hidden files skipped).

    Nothing is skipped silently: a missing input, a subfolder that cannot be listed, a broken
    symbolic link or a special file (FIFO, socket, device) inside a folder goes to
    ``on_error`` (or, without it, raises :class:`InputError`). Symbolic links to folders are
    not followed (no loops). ``exclude`` names this run's own outputs (its output folder or
    file): they, and everything below them, are never read as input.
    """
    skip = _identities(exclude)

    def report(path: str, message: str) -> None:
        if on_error is None:
            raise InputError(message, path=display_path(path))
        on_error(IngestProblem(display_path(path), None, message))

    for item in inputs:
        if item == "-":
            yield "-"
            continue
        p = Path(item)
        try:
            if skip and _identity(os.stat(p)) in skip:
                continue
        except OSError:
            pass
        if p.is_dir():
            yield from _walk(str(p), skip, report)
        elif p.exists():
            yield str(p)
        else:
            report(item, "no such file or directory")


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _identities(paths: Iterable[str | Path]) -> set[tuple[int, int]]:
    """The (device, inode) of each path that exists: the same file under any name."""
    out = set()
    for path in paths:
        try:
            out.add(_identity(os.stat(path)))
        except OSError:
            pass
    return out


def _walk(folder: str, skip: set[tuple[int, int]], report: Callable[[str, str], None]
          ) -> Iterator[str]:
    """The files below ``folder``, depth first in name order (as ``sorted(rglob("*"))``)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        report(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                if not (skip and _identity(entry.stat(follow_symlinks=False)) in skip):
                    yield from _walk(path, skip, report)
            elif entry.is_file():
                if not (skip and _identity(entry.stat()) in skip):
                    yield path
            elif entry.is_symlink():
                if not os.path.exists(path):
                    report(path, f"broken symbolic link (to {os.readlink(path)})")
                elif not os.path.isdir(path):  # links to folders are not followed
                    report(path, "not a regular file (FIFO, socket or device); skipped")
            else:
                report(path, "not a regular file (FIFO, socket or device); skipped")
        except OSError as exc:
            report(path, exc.strerror or str(exc))
