"""``geomap run``: the whole pipeline on files, folders or stdin, into an output folder."""

from __future__ import annotations

import click

from geomap.cli.options import (
    error,
    gazetteer_option,
    progress_bar,
    quiet_option,
    recognizer_option,
)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "out_dir", default="outputs", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the outputs.")
@click.option("--map/--no-map", "with_map", default=True, show_default=True,
              help="Draw the interactive HTML map (map.html).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0 = all cores).")
@gazetteer_option
@recognizer_option
@quiet_option
def run(inputs: tuple[str, ...], out_dir: str, with_map: bool, jobs: int,
        gazetteer_path: str | None, recognizer: str, quiet: bool) -> int:
    """Run the whole pipeline on INPUT files, folders, or '-' (stdin).

    \b
    Inputs may be seed-format articles ('# Title', 'Published at: **date**', ...),
    plain text (one article per file) or JSON Lines ({"id", "text", "published", "url"}).
    Writes into the output folder:
      events.geojson   located events (RFC 7946), one feature per event
      events.csv       the same events, ACLED-style columns
      events.jsonl     the same events, one JSON object per line
      places.geojson   every place mention, resolved or not, with confidence
      map.html         self-contained interactive map (works offline)
    Each file is written to a temporary file and renamed, so it is complete or absent.
    Bad records are reported on stderr (file:line: reason) and skipped; the exit code is
    then 3. Example:  geomap run seeds/ -o outputs/
    """
    from geomap.batch import iter_results
    from geomap.export import RunOutputs
    from geomap.ingest import iter_articles

    failures = 0

    def on_problem(problem) -> None:
        nonlocal failures
        failures += 1
        error(str(problem))

    def on_article_error(article, exc: Exception) -> None:
        nonlocal failures
        failures += 1
        error(f"{article.source_path or '-'}: article {article.id!r} failed: "
              f"{type(exc).__name__}: {exc}")

    outputs = RunOutputs(out_dir, with_map=with_map)
    try:
        articles = iter_articles(inputs, on_problem)
        with progress_bar("geomap run", quiet=quiet) as bar:
            for result in iter_results(articles, gazetteer_path=gazetteer_path,
                                       recognizer=recognizer, jobs=jobs,
                                       on_error=on_article_error):
                outputs.add(result)
                bar.advance()
        written = outputs.close()
    except BaseException:
        outputs.abort()
        raise
    if not quiet:
        click.echo(f"geomap: {outputs.n_articles} articles, {outputs.n_events} events, "
                   f"{outputs.n_places} place mentions -> "
                   + ", ".join(str(p) for p in written), err=True)
    return 3 if failures else 0
