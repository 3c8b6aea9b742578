"""Atomic output files (:class:`AtomicWriter`): written to a temporary sibling and renamed into
place, so a reader sees the old file or the complete new one; streams (stdout, FIFOs,
devices) are written in place."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from geomap.errors import OutputError


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
"""Read once at import (single-threaded then); ``os.umask`` is process-wide, not thread-safe."""


def _umask() -> int:
    return _UMASK


_PROC = Path("/proc")
_MAX_LINKS = 40
"""As the kernel's limit on symbolic links followed in one path (ELOOP)."""


def _names_an_open_file(path: str) -> bool:
    """True for a name that reaches a file through ``/proc`` (``/dev/stdout``, ``/dev/fd/N``,
    ``/proc/self/fd/N``): an open file of this process, written in place and never replaced
    (replacing the file a shell redirection opened would drop ``>>``'s earlier content)."""
    p = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        parent = os.path.realpath(os.path.dirname(p))
        if Path(parent).is_relative_to(_PROC):
            return True
        p = os.path.join(parent, os.path.basename(p))
        if not os.path.islink(p):
            return False
        p = os.path.join(parent, os.readlink(p))  # an absolute link replaces the parent
    return False


class AtomicWriter:
    """A text (or, with ``binary=True``, bytes) output file, complete or absent.

    What ``path`` names decides how it is written:

    * a regular file, or nothing yet: a temporary sibling, renamed into place on ``close()``
      (a reader sees the old file or the complete new one, never a partial one);
    * a symbolic link: written through, as a shell redirection would: its final target is
      replaced atomically as above and the link is kept;
    * a FIFO or a character device (``/dev/null``, a pipe someone reads), or an open file named
      through ``/proc`` (``/dev/stdout``, ``/dev/fd/N``): streamed into in place, never
      replaced by a regular file (as root that would replace ``/dev/null`` for the whole
      system); ``abort()`` cannot take back what was written;
    * ``-``: stdout, in place;
    * a folder or anything else (block device, socket): :class:`OutputError`, nothing written.

    Missing parent folders are created unless ``make_parents`` is false.
    """

    def __init__(self, path: str | Path, *, newline: str | None = None, binary: bool = False,
                 make_parents: bool = True):
        self.path = str(path)
        self._tmp: str | None = None
        self._in_place = self.path == "-"
        self._target = ""
        if self._in_place:
            self.fh: IO[Any] = sys.stdout.buffer if binary else sys.stdout
            return
        try:
            # the final target of a chain of links (created if dangling, as `>` would)
            target = Path(os.path.realpath(self.path))
            try:
                mode: int | None = os.stat(self.path).st_mode
            except FileNotFoundError:
                mode = None
            if mode is not None and stat.S_ISDIR(mode):
                raise OutputError(f"cannot write {self.path}: it is a folder; give a file name")
            if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)
                                     or _names_an_open_file(self.path)):
                self.fh = self._open_in_place(newline=newline, binary=binary)
                self._in_place = True
                return
            if mode is not None and not stat.S_ISREG(mode):
                raise OutputError(f"cannot write {self.path}: not a regular file, FIFO or "
                                  "character device")
            if make_parents:
                target.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
            self._target = str(target)
            os.chmod(self._tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared files
            if binary:
                self.fh = open(fd, "wb")  # noqa: SIM115
            else:
                self.fh = open(fd, "w", encoding="utf-8", newline=newline)  # noqa: SIM115
        except OutputError:
            raise
        except OSError as exc:
            if self._tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self._tmp)
                self._tmp = None
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def _open_in_place(self, *, newline: str | None, binary: bool) -> IO[Any]:
        """Open a FIFO, a character device or a file named through ``/proc`` (``/dev/stdout``,
        ``/dev/fd/N``) for writing as it is: no O_CREAT, no O_TRUNC (a name swapped for a
        regular file meanwhile is neither created nor truncated); O_APPEND so a file behind
        ``/dev/stdout`` is added to where its shell redirection left it."""
        fd = os.open(self.path, os.O_WRONLY | os.O_NOCTTY | os.O_APPEND)  # a FIFO waits here
        mode = os.fstat(fd).st_mode                                       # for its reader
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or _names_an_open_file(self.path)):
            os.close(fd)
            raise OutputError(f"cannot write {self.path}: it changed while being opened")
        if binary:
            return open(fd, "wb")  # noqa: SIM115
        return open(fd, "w", encoding="utf-8", newline=newline)  # noqa: SIM115

    @property
    def in_place(self) -> bool:
        """True when writes go straight to the target (stdout, a FIFO, a device): nothing to
        commit, and nothing written can be taken back."""
        return self._in_place

    @property
    def temp_path(self) -> str | None:
        """The temporary file renamed into place on commit (None when written in place), for
        writers that must open the file themselves (GDAL writing a GeoPackage)."""
        return self._tmp

    def write(self, s: str | bytes) -> None:
        try:
            self.fh.write(s)
        except BrokenPipeError:
            if self.path == "-":
                raise  # the reader went away (`| head`): not an error, the CLI exits quietly
            self.abort()
            raise OutputError(f"cannot write {self.path}: broken pipe") from None
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def close(self) -> None:
        """Flush, fsync and rename into place."""
        self.finish()
        self.commit()

    def finish(self) -> None:
        """Flush and fsync the temporary file (a full disk shows here), without renaming."""
        if self.fh.closed:
            return
        try:
            self.fh.flush()
            if self._tmp is not None:
                os.fsync(self.fh.fileno())
                self.fh.close()
        except BrokenPipeError:
            if self.path == "-":
                raise
            self.abort()
            raise OutputError(f"cannot write {self.path}: broken pipe") from None
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def check(self) -> None:
        """Raise :class:`OutputError` (dropping the temporary file) if the finished file could
        no longer be renamed into place: its name became a folder, a FIFO, ... meanwhile.
        Lets a group of files be checked before any of them is committed."""
        if self._tmp is None:
            return
        try:
            mode = os.lstat(self._target).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        if not stat.S_ISREG(mode):
            self.abort()
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise OutputError(f"cannot write {self.path}: it is now {what}")

    def commit(self) -> None:
        """Rename the finished temporary file into place (see :meth:`finish`); an in-place
        target (not stdout) is closed."""
        if self._tmp is None:
            if self._in_place and self.path != "-" and not self.fh.closed:
                try:
                    self.fh.close()
                except BrokenPipeError:
                    raise OutputError(f"cannot write {self.path}: broken pipe") from None
                except OSError as exc:
                    raise OutputError(f"cannot write {self.path}: "
                                      f"{exc.strerror or exc}") from None
            return
        try:
            os.replace(self._tmp, self._target)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._tmp = None

    def abort(self) -> None:
        """Drop the temporary file; the target is left as it was. An in-place target is only
        closed (what was streamed into it is gone already)."""
        if self._tmp is None:
            if self._in_place and self.path != "-":
                try:
                    self.fh.close()
                except OSError:
                    pass
            return
        try:
            self.fh.close()
        except OSError:
            pass
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
        self._tmp = None

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
