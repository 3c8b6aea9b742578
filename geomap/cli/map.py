"""``geomap map``: draw the interactive map from an event store (``geomap run --store``)."""

from __future__ import annotations

import click

from geomap.cli.options import quiet_option, warn


@click.command("map")
@click.argument("store", metavar="STORE.gpkg", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="map.html", show_default=True,
              help="The HTML map to write (replaced atomically).")
@click.option("--title", default=None, help="The map's title [default: a count of the store].")
@quiet_option
def map_command(store: str, output: str, title: str | None, quiet: bool) -> int:
    """Draw the self-contained HTML map of every event in a GeoPackage STORE.

    Events of one incident carry how many articles report it, and their popups list those
    articles. The store is only read.
    Example:  geomap run today/ -o out/ --store events.gpkg && geomap map events.gpkg -o map.html
    """
    from pathlib import Path

    from geomap.errors import InputError
    from geomap.merge.store import read_store
    from geomap.render import render_map

    if not Path(store).is_file():
        raise InputError(f"{store}: no such store")
    events = read_store(store)
    n_incidents = len({e.incident_id or e.event_id for e in events})
    n_articles = len({e.article_id for e in events})
    render_map(events, title=title or f"geomap: {n_articles:,} articles, {len(events):,} "
                                      f"events, {n_incidents:,} incidents", path=output)
    if not quiet:
        warn(f"{len(events)} events of {n_incidents} incidents -> {output}")
    return 0
