"""``geomap run``: the whole pipeline on files, folders or stdin, into an output folder."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from geomap.cli.options import (
    FailureReport,
    error,
    gazetteer_option,
    input_options,
    note_language,
    progress_bar,
    quiet_option,
    recognizer_option,
    unhandled_summary,
    warn,
)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "out_dir", default="outputs", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the outputs.")
@click.option("--map/--no-map", "with_map", default=True, show_default=True,
              help="Draw the interactive HTML map (map.html).")
@click.option("--title", "map_title", default=None, metavar="TEXT",
              help="The map's title [default: the article's title, or 'N articles, M events'].")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (0 = all cores). Short inputs (under 100 articles per "
                   "worker) run in one process, which is faster there.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", envvar="GEOMAP_SCHEDULER",
              show_envvar=True, default=None,
              help="Run on this Dask cluster instead of local processes. Inputs must be paths "
                   "or URLs (fsspec) that the workers can read; so must --gazetteer.")
@click.option("--partitions-dir", type=click.Path(file_okay=False), default=None,
              help="With --scheduler: folder (shared with the workers) for the per-partition "
                   "files part-NNNNNN.* [default: OUTPUT/partitions].")
@click.option("--merge/--no-merge", default=True, show_default=True,
              help="With --scheduler: merge the partitions into the outputs above.")
@click.option("--partition-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="With --scheduler: articles (or files) per partition, i.e. per task.")
@click.option("--resume", is_flag=True,
              help="Continue an interrupted run into the same -o folder: articles it finished "
                   "(journal OUTPUT/.geomap-run.jsonl) are not redone; every output is rebuilt.")
@click.option("--incidents/--no-incidents", default=True, show_default=True,
              help="Merge events from different articles that report one incident: events get "
                   "incident_id and incident_sources, and incidents.geojson / incidents.csv "
                   "hold one merged record per incident.")
@click.option("--store", "store", metavar="FILE.gpkg", default=None,
              help="Also append the events to this GeoPackage store and merge them with the "
                   "incidents already there (created if missing; re-running the same articles "
                   "adds nothing twice). Draw it with: geomap map FILE.gpkg -o map.html")
@gazetteer_option
@recognizer_option
@input_options
@quiet_option
def run(inputs: tuple[str, ...], out_dir: str, with_map: bool, jobs: int,
        scheduler: str | None, partitions_dir: str | None, merge: bool, partition_size: int,
        gazetteer_path: str | None, recognizer: str, quiet: bool, resume: bool = False,
        incidents: bool = True, store: str | None = None,
        map_title: str | None = None, read_options=None) -> int:
    """Run the whole pipeline on INPUT files, folders, or '-' (stdin).

    \b
    Inputs may be seed-format articles ('# Title', 'Published at: **date**', ...),
    plain text (one article per file), JSON Lines ({"id", "text", "published", "url"}) or
    CSV/TSV tables of articles (.csv, .tsv: one per row; columns found by common names or
    given with --text-col, --id-col, --date-col, --title-col, --url-col).
    Writes into the output folder:
      events.geojson   located events (RFC 7946), one feature per event
      events.csv       the same events, ACLED-style columns
      events.jsonl     the same events, one JSON object per line
      places.geojson   every place mention, resolved or not, with confidence
      incidents.geojson, incidents.csv
                       one record per incident, merged from every article reporting it
      map.html         self-contained interactive map (works offline)
    Each file is written to a temporary file and renamed, so it is complete or absent;
    map.html is renamed last. A run that processes no article leaves the outputs as they were.
    Bad records, unreadable files and folders, broken links are reported on stderr
    (file:line: reason) and skipped; the exit code is then 3. A missing INPUT is a usage
    error (exit 2). The output folder is never read as input, even inside an INPUT folder.
    Example:  geomap run seeds/ -o outputs/ --title "Seed articles"

    \b
    On a Dask cluster (see README, "Running on a cluster"):
      geomap run /shared/news/ -o /shared/out --scheduler tcp://scheduler-host:8786
    Each task writes OUTPUT/partitions/part-NNNNNN.{events,places}.geojsonl (GeoJSON Lines)
    and is merged, in input order, into the files above.
    """
    if scheduler and resume:
        raise click.UsageError("--resume works for local runs only (not with --scheduler)")
    from geomap.cli.options import require_inputs

    require_inputs(inputs)  # a mistyped path: exit 2, before anything is built or written
    if scheduler:
        return _run_on_cluster(inputs, out_dir, with_map, scheduler, partitions_dir, merge,
                               partition_size, gazetteer_path, recognizer, quiet,
                               incidents or bool(store), store)
    from geomap.batch import iter_results
    from geomap.export import RunOutputs
    from geomap.ingest import iter_articles

    report = FailureReport()

    from geomap.cli.options import check_gazetteer
    from geomap.resume import OutputLock, RunJournal, prepare_for_run, resumable_results

    check_gazetteer(gazetteer_path, quiet=quiet)  # a bad gazetteer: exit 1, outputs untouched
    _note_output_inside_inputs(inputs, out_dir)
    unhandled: Counter[str] = Counter()
    with OutputLock(out_dir):  # a second run into this folder fails with one line
        journal = RunJournal(out_dir, resume=resume)
        if resume and not quiet:
            click.echo(f"geomap: resuming: {len(journal.done)} articles already done", err=True)
        elif journal.replaced and not quiet:
            click.echo("geomap: an interrupted run's journal was found and discarded; "
                       "use --resume to continue a run instead of starting again", err=True)
        try:
            outputs = RunOutputs(out_dir, with_map=with_map, incidents=incidents or bool(store),
                                 store=store)
            try:
                # the output folder is never read as input (-o inside an input folder)
                articles = iter_articles(inputs, report.problem, exclude=(out_dir,),
                                         options=read_options)
                with progress_bar("geomap run", quiet=quiet) as bar:
                    for result, _ in resumable_results(
                        articles, journal,
                        lambda todo: iter_results(todo, gazetteer_path=gazetteer_path,
                                                  recognizer=recognizer, jobs=jobs,
                                                  on_error=report.article_failed,
                                                  prepare=prepare_for_run)):
                        outputs.add(result)
                        note_language(result, unhandled)
                        bar.advance()
                if outputs.n_articles == 0:
                    # nothing read (an empty folder, only bad inputs): the previous outputs
                    # are worth more than empty ones
                    outputs.abort()
                    written = []
                else:
                    written = outputs.close(title=map_title)
            except BaseException:
                outputs.abort()
                raise
        except BaseException:
            journal.close()  # kept for --resume
            raise
        journal.discard()
    if not written:
        warn(f"no articles were processed; the outputs in {out_dir} were left as they were")
    elif not quiet:
        warn(f"{outputs.n_articles} articles, {outputs.n_events} events, "
             f"{outputs.n_places} place mentions" + unhandled_summary(unhandled)
             + " -> " + ", ".join(str(p) for p in written))
        if outputs.store_summary is not None:
            st = outputs.store_summary
            warn(f"store {store}: {st.events_added} events added ({st.articles_skipped} "
                 f"articles already stored, {st.articles_replaced} replaced); "
                 f"{st.events_total} events, {st.incidents_total} incidents")
    return report.exit_code


def _note_output_inside_inputs(inputs: tuple[str, ...], out_dir: str) -> None:
    """Say so when the output folder lies inside an input folder: it is skipped when walking
    the inputs (else the next run would read its own map and data as articles)."""
    out = Path(out_dir).resolve()
    for item in inputs:
        if item == "-" or "://" in item:
            continue
        folder = Path(item).resolve()
        if folder.is_dir() and out.is_relative_to(folder):
            warn(f"the output folder {out_dir} is inside the input folder {item}; "
                 "it is not read as input")
            return


def _run_on_cluster(inputs: tuple[str, ...], out_dir: str, with_map: bool, scheduler: str,
                    partitions_dir: str | None, merge: bool, partition_size: int,
                    gazetteer_path: str | None, recognizer: str, quiet: bool,
                    incidents: bool = True, store: str | None = None) -> int:
    """``geomap run --scheduler``: partitions on the cluster, merged here in input order.

    Takes the same lock as a local run on the output folder (and on a separate partitions
    folder): a second run into either fails at once with one line.
    """
    from contextlib import ExitStack

    from geomap.distributed import check_partitions_dir
    from geomap.resume import OutputLock

    parts = partitions_dir or str(Path(out_dir) / "partitions")
    _note_output_inside_inputs(inputs, out_dir)
    with ExitStack() as locks:
        locks.enter_context(OutputLock(out_dir))
        check_partitions_dir(parts)
        if Path(parts).resolve() != Path(out_dir).resolve():
            locks.enter_context(OutputLock(parts))
        return _run_on_cluster_locked(inputs, out_dir, with_map, scheduler, parts, merge,
                                      partition_size, gazetteer_path, recognizer, quiet,
                                      incidents, store)


def _run_on_cluster_locked(inputs: tuple[str, ...], out_dir: str, with_map: bool,
                           scheduler: str, parts: str, merge: bool, partition_size: int,
                           gazetteer_path: str | None, recognizer: str, quiet: bool,
                           incidents: bool = True, store: str | None = None) -> int:
    from geomap.distributed import run_on_cluster
    from geomap.export import RunOutputs

    failures = 0

    def on_problem(problem) -> None:
        if getattr(problem, "warning", False):  # read after all (a repeated id renamed)
            warn(f"warning: {problem}")
            return
        nonlocal failures
        failures += 1
        error(str(problem))

    def on_article_error(article_id: str, source_path: str | None, message: str) -> None:
        nonlocal failures
        failures += 1
        error(f"{source_path or '-'}: article {article_id!r} failed: {message}")

    outputs = (RunOutputs(out_dir, with_map=with_map, incidents=incidents, store=store)
               if merge else None)
    try:
        with progress_bar("geomap run (dask)", quiet=quiet) as bar:
            summary = run_on_cluster(
                inputs, scheduler=scheduler, partitions_dir=parts, outputs=outputs,
                gazetteer_path=gazetteer_path, recognizer=recognizer,
                partition_size=partition_size, on_problem=on_problem,
                on_error=on_article_error,
                on_partition=lambda m: bar.advance(m["n_articles"]),
                exclude=(out_dir,))  # never read as input, as in a local run
        if outputs is not None and outputs.n_articles == 0:
            # nothing read (an empty folder, only bad inputs): as a local run, the previous
            # outputs are worth more than empty ones
            outputs.abort()
            outputs = None
            written = None
        else:
            written = outputs.close() if outputs is not None else []
    except BaseException:
        if outputs is not None:
            outputs.abort()
        raise
    for message in summary.failed_partitions:
        failures += 1
        error(f"partition failed: {message}")
    if written is None:
        warn(f"no articles were processed; the outputs in {out_dir} were left as they were")
    elif not quiet:
        click.echo(f"geomap: {summary.n_articles} articles in {summary.n_partitions} partitions "
                   f"-> {parts}" + ("" if outputs is None else
                                    f"; merged {outputs.n_events} events, {outputs.n_places} "
                                    "place mentions -> " + ", ".join(str(p) for p in written)),
                   err=True)
    return 3 if failures else 0
