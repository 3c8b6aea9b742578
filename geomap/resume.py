"""Crash safety for ``geomap run``: an exclusive lock on the output folder, and a journal that
lets ``--resume`` finish an interrupted run without redoing (or duplicating) finished articles.

* :class:`OutputLock` takes ``fcntl.flock`` on ``OUT/.geomap.lock`` (removed when the run
  ends). A second run into the same folder fails at once with one clear line (it does not
  wait: a long run would block it for hours, silently). The kernel drops the lock when the
  process dies, so a left-over lock file never blocks anyone.
* :class:`RunJournal` appends one JSON line per finished article to ``OUT/.geomap-run.jsonl``
  (flushed per article, fsynced at least once a second) with its full result. A run that completes deletes it; an
  interrupted or killed run leaves it. ``--resume`` reads it, skips the articles it holds and
  rebuilds every output, in input order, from the journal plus the new results. A torn last
  line (killed mid-write) is ignored: that article is simply done again.

Results are stored in :mod:`geomap.serialize`'s JSON form and rebuilt as
:class:`~geomap.types.ArticleResult` (the type is given by the reader, not by the data), never
pickled: the journal lives in a folder other people may write to. A journal in another
format (another geomap version's) is refused with one line, not half-read.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from geomap import serialize
from geomap.errors import OutputError
from geomap.types import Article, ArticleResult

LOCK_NAME = ".geomap.lock"
JOURNAL_NAME = ".geomap-run.jsonl"
JOURNAL_VERSION = 2
"""1: tagged JSON (until session 4); 2: :mod:`geomap.serialize`'s form."""
FSYNC_INTERVAL_S = 1.0
"""Each journal line is flushed to the OS at once (a killed run loses nothing) and fsynced at
most this often (a power cut loses at most this much work, which --resume redoes): an fsync
per article would cost more than a short article takes."""

# --- signals ------------------------------------------------------------------------------

def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def install_signal_handlers() -> None:
    """SIGTERM (and SIGHUP) raise KeyboardInterrupt like Ctrl-C does, so every atomic writer
    aborts (temporary files removed, targets untouched) and the CLI exits 130."""
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            if signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, _raise_interrupt)
        except ValueError:  # not the main thread (embedded use): leave signals alone
            return


# --- lock ---------------------------------------------------------------------------------

class OutputLock:
    """Exclusive, non-blocking lock on an output folder (``OUT/.geomap.lock``)."""

    def __init__(self, out_dir: str | Path):
        self.path = Path(out_dir) / LOCK_NAME
        self._fh: IO[str] | None = None

    def acquire(self) -> OutputLock:
        """Lock, or raise :class:`OutputError` at once if another run holds the folder.

        The lock file is removed on release. Taking a lock therefore checks that the file
        locked is still the one at ``path`` (a releasing run may just have unlinked it), and
        retries if not: the usual protocol for deletable lock files.
        """
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create output folder {self.path.parent}: "
                              f"{exc.strerror or exc}") from None
        for _ in range(100):
            try:
                fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept until release
            except OSError as exc:
                raise OutputError(f"cannot write in output folder {self.path.parent}: "
                                  f"{exc.strerror or exc}") from None
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip()
                fh.close()
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise OutputError(f"output folder {self.path.parent} is in use by another "
                                  f"geomap run{who}; wait for it to finish or choose another "
                                  "-o") from None
            except OSError as exc:
                fh.close()
                raise OutputError(f"cannot lock {self.path}: {exc.strerror or exc}") from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fh.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            fh.close()  # unlinked by the run that just released it: lock the new file
        else:
            raise OutputError(f"cannot lock {self.path}: it keeps being replaced")
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        remove_stale_temporaries(self.path.parent)
        return self

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is not None:
            try:
                self.path.unlink()  # while still holding the lock (see acquire)
            except OSError:
                pass
            fh.close()  # closing drops the flock

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


OUTPUT_NAMES = ("events.geojson", "events.csv", "events.jsonl", "places.geojson", "map.html")


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Delete ``.NAME.*.tmp`` files of our outputs left by a run that was killed (SIGKILL,
    power cut: no chance to clean up). Called with the folder's lock held, so no live run
    owns them."""
    removed = []
    for name in OUTPUT_NAMES:
        for tmp in out_dir.glob(f".{name}.*.tmp"):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def article_key(article: Article, seen: Counter) -> str:
    """Identity of an article within a run: source file, id, and occurrence (ids may repeat)."""
    base = f"{article.source_path or '-'}\x1f{article.id}"
    seen[base] += 1
    return f"{base}\x1f{seen[base]}"


# --- journal ------------------------------------------------------------------------------

class RunJournal:
    """Append-only record of finished articles (see module docstring)."""

    def __init__(self, out_dir: str | Path, *, resume: bool):
        self.path = Path(out_dir) / JOURNAL_NAME
        self.done: dict[str, int] = {}
        """key -> byte offset of its line, for the articles finished by earlier attempts."""
        self.n_torn = 0
        self._synced = 0.0
        self.replaced = not resume and self.path.is_file()
        """An interrupted run's journal was there and is now discarded (no --resume)."""
        if resume and self.path.is_file():
            self._scan()
        mode = "ab" if resume else "wb"
        try:
            self._fh = open(self.path, mode)  # noqa: SIM115 - closed in close()/discard()
            if self._fh.tell() == 0:
                self._write_line({"geomap_journal": JOURNAL_VERSION})
            elif self.n_torn:
                self._fh.write(b"\n")  # never glue a new line onto a torn one
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._reader: IO[bytes] | None = None

    def _scan(self) -> None:
        offset = 0
        with open(self.path, "rb") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                    if not line.endswith(b"\n"):
                        raise ValueError("torn line")
                except ValueError:
                    self.n_torn += 1
                else:
                    if offset == 0:
                        self._check_header(rec)
                    if isinstance(rec, dict) and "key" in rec:
                        self.done[rec["key"]] = offset
                offset += len(line)

    def _check_header(self, rec: Any) -> None:
        """The first line names the format; any other journal is refused, not half-read."""
        version = rec.get("geomap_journal") if isinstance(rec, dict) else None
        if version != JOURNAL_VERSION:
            what = (f"format {version}" if isinstance(version, int)
                    else "not a geomap journal")
            raise OutputError(f"cannot resume from {self.path} ({what}; this geomap reads "
                              f"format {JOURNAL_VERSION}): run without --resume to start afresh")

    def _write_line(self, rec: dict) -> None:
        self._write_raw((json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8"))

    def _write_raw(self, data: bytes) -> None:
        self._fh.write(data)
        self._fh.flush()  # in the OS now: survives the process being killed
        now = time.monotonic()
        if now - self._synced >= FSYNC_INTERVAL_S:  # and on disk: survives a power cut
            os.fsync(self._fh.fileno())
            self._synced = now

    def record(self, key: str, result: ArticleResult) -> None:
        """Append one finished article, durably (fsync).

        When a worker already encoded the result (``result.extra["prepared"]``, made by
        :func:`journal_payload` through ``iter_results(prepare=...)``), that text is written as
        it is, so the parent process does not spend its time encoding.
        """
        prepared = result.extra.get("prepared") if result.extra else None
        payload = prepared.get("journal") if isinstance(prepared, dict) else None
        if not isinstance(payload, str):
            payload = journal_payload(result)
        line = '{"key": ' + json.dumps(key, ensure_ascii=False) + ', "result": ' + payload + "}\n"
        try:
            self._write_raw(line.encode("utf-8"))
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def load(self, key: str) -> ArticleResult:
        """The stored result of a finished article."""
        if self._reader is None:
            self._reader = open(self.path, "rb")  # noqa: SIM115 - closed in close()
        self._reader.seek(self.done[key])
        return serialize.from_data(json.loads(self._reader.readline())["result"], ArticleResult)

    def close(self) -> None:
        try:
            os.fsync(self._fh.fileno())
        except (OSError, ValueError):
            pass
        for fh in (self._fh, self._reader):
            if fh is not None:
                fh.close()
        self._reader = None

    def discard(self) -> None:
        """The run completed: the journal is no longer needed."""
        self.close()
        try:
            self.path.unlink()
        except OSError:
            pass


def journal_payload(result: ArticleResult) -> str:
    """One result as journal JSON, without the article text (the outputs never need it, and it
    is often most of the bytes) beyond its head, which merging reads for names (so a resumed
    run merges as an uninterrupted one). Module-level, so worker processes can run it."""
    from geomap.merge.keys import MAX_TEXT_CHARS

    head = result.article.text[:MAX_TEXT_CHARS] if result.events else ""
    return serialize.dumps(dataclasses.replace(
        result, article=dataclasses.replace(result.article, text=head)))


def prepare_for_run(result: ArticleResult) -> dict[str, Any]:
    """Everything ``geomap run`` writes for one result, encoded in the worker that made it:
    the journal line and the output text (:func:`geomap.export.encode_outputs`)."""
    from geomap.export import encode_outputs

    return {"journal": journal_payload(result), "outputs": encode_outputs(result)}


def _same(a: Article, b: Article | None) -> bool:
    return b is a or (b is not None and b.id == a.id and b.source_path == a.source_path)


def resumable_results(
    articles: Iterable[Article], journal: RunJournal,
    run: Callable[[Iterable[Article]], Iterable[ArticleResult]],
) -> Iterator[tuple[ArticleResult, bool]]:
    """Every article's result in input order: from the journal when finished before, else from
    ``run`` (which may drop failed articles and read ahead). Yields ``(result, was_done)``;
    new results are journaled as they are yielded."""
    pending: deque[tuple[str, Article | None]] = deque()
    seen: Counter = Counter()

    def todo() -> Iterator[Article]:
        for art in articles:
            key = article_key(art, seen)
            if key in journal.done:
                pending.append((key, None))
            else:
                pending.append((key, art))
                yield art

    for result in run(todo()):
        while pending:
            key, art = pending.popleft()
            if art is None:
                yield journal.load(key), True
            elif _same(art, result.article):
                journal.record(key, result)
                yield result, False
                break
            # else: that article failed (reported by ``run``); nothing to write
    while pending:
        key, art = pending.popleft()
        if art is None:
            yield journal.load(key), True
