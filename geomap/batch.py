"""Batch execution: map the pipeline over a stream of articles, in order, with bounded memory.

``jobs=1`` runs in this process. ``jobs=N`` (or 0 = all cores) spreads chunks of articles over N
worker processes started with ``forkserver`` (never ``fork``: forking a process that has an open
SQLite connection is unsafe). Each worker builds its pipeline once, in its initializer (the
gazetteer opened read-only once per worker, never per document). At most a few chunks per
worker are in flight, so the input iterator never runs ahead of the output: memory stays flat
however long the input. Results come back in input order. An article that raises is reported
through ``on_error`` (from a worker: :class:`~geomap.errors.ArticleFailed` with the worker's
error text); it never stops the run. An error of the set-up (``GeomapError.fatal``: gazetteer
unreadable, reference data missing, ...) comes back as itself and is raised: every other
article would fail the same way. A worker that dies (killed, out of memory) is replaced and
its in-flight articles retried one at a time, alone in flight, so that a death is charged to
the article that caused it and never to those running on other workers; an article that keeps
killing workers is reported and skipped. Workers end when this process dies, even by SIGKILL (see :func:`_lifeline`).

Dask execution lives in :mod:`geomap.distributed`; the CLI picks one of the two.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from itertools import chain, islice
from multiprocessing.connection import Connection
from typing import Any

from geomap.errors import ArticleFailed, GeomapError, WorkerError
from geomap.pipeline import get_pipeline
from geomap.types import Article, ArticleResult

DEFAULT_CHUNKSIZE = 16
"""Articles per task sent to a worker: large enough to amortise pickling and IPC, small enough
to keep the in-flight window (and its memory) small."""

IN_FLIGHT_PER_WORKER = 4
"""Chunks queued per worker. Keeps every worker busy while the parent writes results."""

MIN_ARTICLES_PER_WORKER = 100
"""Below ``jobs * MIN_ARTICLES_PER_WORKER`` articles (counted up front) one process is faster:
starting a worker (imports, gazetteer, name automaton) costs about as much as that many articles."""

MAX_POOL_RESTARTS = 5
"""Worker deaths tolerated in one run before giving up (each one restarts the pool)."""

KILLS_BEFORE_SKIP = 3
"""Deaths of a worker running one article alone before that article is reported and skipped:
more than one, since a worker may also die of something else (the out-of-memory killer picking
it while another program grows)."""

EXIT_PARENT_GONE = 70
"""Exit status of a worker that ended because the process that started it died."""

OnError = Callable[[Article, Exception], None]

__all__ = ["ArticleFailed", "describe_error", "iter_results", "resolve_jobs"]


def describe_error(exc: BaseException) -> str:
    """``"Type: message"`` for an error, whether raised here or in a worker."""
    if isinstance(exc, ArticleFailed):
        return exc.error
    return f"{type(exc).__name__}: {exc}"


def is_fatal(exc: BaseException) -> bool:
    """Whether ``exc`` is an error of the set-up, which stops the run (``GeomapError.fatal``)."""
    return isinstance(exc, GeomapError) and exc.fatal


def _stop_on_fatal(on_error: OnError | None) -> OnError | None:
    """``on_error`` for per-article errors only: set-up errors are raised."""
    if on_error is None:
        return None

    def handle(article: Article, exc: Exception) -> None:
        if is_fatal(exc):
            raise exc
        on_error(article, exc)

    return handle


def resolve_jobs(jobs: int | None) -> int:
    """Number of worker processes for ``jobs`` (0 or None = every core this process may use)."""
    if jobs is None or jobs <= 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    return jobs


def iter_results(articles: Iterable[Article], *, gazetteer_path: str | None = None,
                 recognizer: str = "gazetteer", with_events: bool = True, jobs: int | None = 1,
                 on_error: OnError | None = None, chunksize: int = DEFAULT_CHUNKSIZE,
                 min_parallel: int | None = None,
                 prepare: Callable[[ArticleResult], Any] | None = None
                 ) -> Iterator[ArticleResult]:
    """Results for ``articles`` in input order; failures go to ``on_error``.

    ``jobs``: worker processes (1 = this process, 0/None = all cores). With more than one, up to
    ``min_parallel`` articles (default ``jobs * MIN_ARTICLES_PER_WORKER``) are read first; a
    shorter input runs in this process, where it is faster than starting workers. Without
    ``on_error`` a failing article raises (in a worker: :class:`ArticleFailed`). A fatal
    error (:func:`is_fatal`) is raised as itself, from this process or a worker, with or
    without ``on_error``.

    ``prepare`` (a module-level function, so workers can import it) runs on each result where
    the result is made, in the worker, and its return value comes back in
    ``result.extra["prepared"]``: per-article encoding (a journal line, say) then costs the
    workers, not this process, which is the bottleneck when workers fill every core.
    """
    settings = (str(gazetteer_path) if gazetteer_path else None, recognizer, with_events)
    on_error = _stop_on_fatal(on_error)
    n_jobs = resolve_jobs(jobs)
    it: Iterator[Article] = iter(articles)
    if n_jobs > 1:
        threshold = n_jobs * MIN_ARTICLES_PER_WORKER if min_parallel is None else min_parallel
        head = list(islice(it, threshold))
        if len(head) < threshold:
            n_jobs = 1
        it = chain(head, it)
    if n_jobs == 1:
        pipeline = get_pipeline(*settings)
        for article in it:
            try:
                result = _process(pipeline, article, prepare)
            except Exception as exc:  # one bad article never costs the others
                if on_error is None:
                    raise
                on_error(article, exc)
                continue
            yield result
        return
    yield from _iter_pool(it, n_jobs, settings, on_error, max(1, chunksize), prepare)


def _process(pipeline: Any, article: Article,
             prepare: Callable[[ArticleResult], Any] | None) -> ArticleResult:
    """One article, and its ``prepare`` step: the same in this process and in a worker."""
    result = pipeline.process(article)
    if prepare is not None:
        result.extra["prepared"] = prepare(result)
    return result


# --- worker side ----------------------------------------------------------------------------

_worker_init_error: GeomapError | None = None


def _init_worker(lifeline: Connection, gazetteer_path: str | None, recognizer: str,
                 with_events: bool) -> None:
    """Watch the parent, then build this worker's pipeline once (gazetteer and recognizer)."""
    global _worker_init_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    threading.Thread(target=_exit_when_closed, args=(lifeline,), name="geomap-lifeline",
                     daemon=True).start()
    try:
        pipeline = get_pipeline(gazetteer_path, recognizer, with_events)
        pipeline.recognizer  # noqa: B018 -- opens the gazetteer and builds the automaton now
    except Exception as exc:  # reported by every task, then raised in the parent
        _worker_init_error = (_portable(exc) if is_fatal(exc) else WorkerError(
            f"worker process could not start the pipeline: {describe_error(exc)}"))


def _exit_when_closed(lifeline: Connection) -> None:
    """Block until the parent's end of the lifeline closes (the parent died), then exit.

    Nothing is ever sent on it: end of file (or any error) means the parent is gone, and this
    worker's results have nowhere to go.
    """
    try:
        lifeline.recv_bytes()
    except (EOFError, OSError):  # the parent is gone
        pass
    os._exit(EXIT_PARENT_GONE)


def _portable(exc: GeomapError) -> GeomapError:
    """``exc`` itself if it pickles (attributes included), else the same class with its text."""
    try:
        pickle.dumps(exc)
    except Exception:  # an attribute holding a connection, say
        return type(exc).__new__(type(exc), str(exc))
    return exc


def _process_chunk(articles: list[Article], settings: tuple[str | None, str, bool],
                   prepare: Callable[[ArticleResult], Any] | None = None
                   ) -> list[ArticleResult | GeomapError] | GeomapError:
    """Run one chunk; a failing article becomes :class:`ArticleFailed`, or, if the error is
    fatal (the set-up), the error itself.

    Results travel back without the article (the parent still has it): less to pickle.
    Returns a fatal error alone when the worker could not start its pipeline.
    """
    if _worker_init_error is not None:
        return _worker_init_error
    pipeline = get_pipeline(*settings)
    out: list[ArticleResult | GeomapError] = []
    for article in articles:
        try:
            result = _process(pipeline, article, prepare)
        except Exception as exc:  # one bad article never costs the others
            out.append(_portable(exc) if is_fatal(exc)
                       else ArticleFailed(article.id, describe_error(exc)))
            continue
        out.append(dataclasses.replace(result, article=None))
    return out


# --- parent side ----------------------------------------------------------------------------

@dataclasses.dataclass
class _Chunk:
    articles: list[Article]
    future: Future | None = None
    kills: int = 0
    """Worker deaths while this chunk (then one article) was the only one in flight: each of
    them is this article's own doing."""
    suspect: bool = False
    """In flight when a worker died: retried alone (nothing else in flight), so that a death
    is charged to the article that caused it, never to those on the other workers."""


def _chunks(it: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


@cache
def _lifeline() -> tuple[Connection, Connection]:
    """A pipe whose read end every worker watches (:func:`_exit_when_closed`); only this
    process holds the write end, so the kernel closes it when this process dies, however it
    dies. Workers then exit, and with them the forkserver and the resource tracker (which
    live as long as any worker holds their pipes). A parent-death signal would not do: a
    worker's parent is the forkserver, not this process. Never written to; kept for this
    process's lifetime (both ends are close-on-exec, so no other child inherits them)."""
    return multiprocessing.Pipe(duplex=False)


def _make_pool(n_jobs: int, settings: tuple[str | None, str, bool]) -> ProcessPoolExecutor:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["geomap.batch"])
    reader, _ = _lifeline()
    return ProcessPoolExecutor(max_workers=n_jobs, mp_context=ctx, initializer=_init_worker,
                               initargs=(reader, *settings))


def _iter_pool(it: Iterator[Article], n_jobs: int, settings: tuple[str | None, str, bool],
               on_error: OnError | None, chunksize: int,
               prepare: Callable[[ArticleResult], Any] | None = None
               ) -> Iterator[ArticleResult]:
    """Chunks over the pool, a bounded window in flight, results in input order.

    After a worker died, the chunks that were in flight run again one article at a time with
    nothing else in flight (:func:`_isolating`), until each has succeeded or been reported:
    only then is a death attributable to one article.
    """
    pool = _make_pool(n_jobs, settings)
    window: deque[_Chunk] = deque()
    max_in_flight = n_jobs * IN_FLIGHT_PER_WORKER
    restarts = 0
    source = _chunks(it, chunksize)
    try:
        while True:
            while not _isolating(window) and len(window) < max_in_flight:
                articles = next(source, None)
                if articles is None:
                    break
                window.append(_Chunk(articles, pool.submit(_process_chunk, articles, settings,
                                                           prepare)))
            _submit_next_suspect(window, pool, settings, prepare)
            if not window:
                return
            head = window[0]
            assert head.future is not None  # (the first suspect not yet run was just submitted)
            try:
                outcome = head.future.result()
            except BrokenProcessPool:
                restarts += 1
                if restarts > MAX_POOL_RESTARTS:
                    raise WorkerError(f"worker processes died {restarts} times; giving up") from None
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _make_pool(n_jobs, settings)
                window = _after_break(window, on_error)
                continue
            window.popleft()
            if isinstance(outcome, GeomapError):  # the worker could not start its pipeline
                raise outcome
            yield from _deliver(head.articles, outcome, on_error)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _deliver(articles: list[Article], outcome: list[ArticleResult | GeomapError],
             on_error: OnError | None) -> Iterator[ArticleResult]:
    for article, item in zip(articles, outcome, strict=True):
        if isinstance(item, GeomapError):
            if on_error is None or is_fatal(item):
                raise item
            on_error(article, item)
        else:
            yield dataclasses.replace(item, article=article)


def _succeeded(chunk: _Chunk) -> bool:
    fut = chunk.future
    return fut is not None and fut.done() and not fut.cancelled() and fut.exception() is None


def _running(chunk: _Chunk) -> bool:
    return chunk.future is not None and not chunk.future.done()


def _isolating(window: deque[_Chunk]) -> bool:
    """Whether articles suspected of a worker's death are still to run alone (no new chunk
    is submitted meanwhile)."""
    return any(c.suspect and (c.future is None or _running(c)) for c in window)


def _submit_next_suspect(window: deque[_Chunk], pool: ProcessPoolExecutor,
                         settings: tuple[str | None, str, bool],
                         prepare: Callable[[ArticleResult], Any] | None) -> None:
    """Submit the first suspect not yet run, unless one is running: one at a time, in order."""
    if any(c.suspect and _running(c) for c in window):
        return
    for chunk in window:
        if chunk.suspect and chunk.future is None:
            chunk.future = pool.submit(_process_chunk, chunk.articles, settings, prepare)
            return


def _after_break(window: deque[_Chunk], on_error: OnError | None) -> deque[_Chunk]:
    """After a worker died: keep finished chunks, make the others suspects, one article each.

    The death is charged to an article only when it was alone in flight (then it certainly
    killed the worker); the articles that were running on the other workers are innocent
    and run again. An article that killed :data:`KILLS_BEFORE_SKIP` workers is reported
    (``on_error``) and skipped.
    """
    in_flight = [c for c in window if c.future is not None and not _succeeded(c)]
    culprit = in_flight[0] if len(in_flight) == 1 and len(in_flight[0].articles) == 1 else None
    new: deque[_Chunk] = deque()
    for chunk in window:
        if _succeeded(chunk):
            new.append(chunk)
            continue
        kills = chunk.kills + (chunk is culprit)
        for article in chunk.articles:
            if kills >= KILLS_BEFORE_SKIP:
                exc = ArticleFailed(article.id, "WorkerDied: a worker process died on this "
                                    "article three times (killed or out of memory?)")
                if on_error is None:
                    raise exc
                on_error(article, exc)
                continue
            new.append(_Chunk([article], kills=kills, suspect=True))
    return new
