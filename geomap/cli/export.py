"""``geomap export``: events from articles to GeoJSON, CSV or JSON Lines, on a file or stdout."""

from __future__ import annotations

from collections import Counter

import click

from geomap.cli.options import (
    FailureReport,
    gazetteer_option,
    input_options,
    note_language,
    quiet_option,
    recognizer_option,
    unhandled_summary,
    warn,
)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-f", "--format", "fmt",
              type=click.Choice(["geojson", "csv", "jsonl", "parquet", "gpkg"]), default=None,
              help="Output format [default: from the output's extension (.geojson/.json, .csv, "
                   ".jsonl, .parquet, .gpkg); geojson on stdout or a name without one].")
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file, or '-' for stdout. A file is replaced atomically (a symbolic "
                   "link is written through to its target); a FIFO or device is written into. "
                   "Left as it was when no article is processed.")
@click.option("--incidents/--no-incidents", default=True, show_default=True,
              help="Merge events from different articles that report one incident (fields "
                   "incident_id, incident_sources). Events are then written when all are read; "
                   "--no-incidents streams them as they come.")
@gazetteer_option
@recognizer_option
@input_options
@quiet_option
def export(inputs: tuple[str, ...], fmt: str, output: str, gazetteer_path: str | None,
           recognizer: str, quiet: bool, incidents: bool = True,
           read_options=None) -> int:
    """Extract events from INPUT files, folders or '-' and write them in one format.

    INPUTs are read as 'geomap run' reads them (seed files, plain text, JSON Lines, CSV/TSV
    tables of articles).

    \b
    geojson  a FeatureCollection (RFC 7946: lon/lat WGS 84), reads with GDAL/ogr2ogr
    csv      ACLED's 31 columns in ACLED's order, then geomap's (see README)
    jsonl    one event object per line, for jq and streaming tools
    parquet  GeoParquet (WKB points, 'geo' metadata): pandas, geopandas, DuckDB, QGIS
    gpkg     GeoPackage (layer 'events', EPSG:4326): QGIS, ArcGIS, ogr2ogr
    The format follows the output file's extension unless -f is given.
    Examples:
      geomap export seeds/ -o events.gpkg
      geomap export articles.jsonl -o events.parquet
      geomap export seeds/ -f csv > events.csv
    """
    from geomap.batch import iter_results
    from geomap.cli.options import check_gazetteer, require_inputs
    from geomap.export import write_events
    from geomap.formats import format_for

    require_inputs(inputs)  # a mistyped path: exit 2, before anything is written
    fmt = format_for(output, fmt)  # an unknown extension: one line, before any work
    check_gazetteer(gazetteer_path, quiet=quiet)  # a bad gazetteer: exit 1, output untouched
    from geomap.ingest import iter_articles

    report = FailureReport()
    n_articles = 0
    unhandled: Counter[str] = Counter()

    def events():
        nonlocal n_articles
        articles = iter_articles(inputs, report.problem,
                                 exclude=() if output == "-" else (output,),
                                 options=read_options)
        for result in iter_results(articles, gazetteer_path=gazetteer_path,
                                   recognizer=recognizer, on_error=report.article_failed):
            n_articles += 1
            note_language(result, unhandled)
            yield result

    def merged():
        from geomap.merge.incidents import Merger

        merger = Merger()
        for result in events():
            merger.add(result.events, result.article.text)
        yield from merger.merged()

    stream = merged() if incidents else (e for r in events() for e in r.events)
    n = write_events(stream, output, fmt, only_if=lambda: n_articles > 0)
    if n is None:  # nothing read: an earlier export in that file is worth more than an empty one
        warn(f"no articles were processed; {output} was left as it was")
    elif not n_articles:
        warn("no articles were processed")
    elif not quiet and output != "-":
        warn(f"{n} events" + unhandled_summary(unhandled) + f" -> {output}")
    return report.exit_code
