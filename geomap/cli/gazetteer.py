"""``geomap gazetteer``: build, search, inspect and extend the SQLite gazetteer."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.cli.options import existing_gazetteer, gazetteer_path_option
from geomap.settings import default_gazetteer_path
from geomap.terminal import json_line, rich_text, visible

_DB_OPTION = gazetteer_path_option(
    "db_path", type=click.Path(), envvar="GEOMAP_GAZETTEER", show_envvar=True,
    callback=existing_gazetteer,
    help="Existing gazetteer file (default: the project's gazetteer/geomap.sqlite, built on "
         "first use).",
)
_NEW_DB_OPTION = gazetteer_path_option(
    "db_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Gazetteer file, created if missing (default: $GEOMAP_GAZETTEER or the project's "
         "gazetteer/geomap.sqlite).",
)


def _db(db_path: str | Path | None) -> Path:
    return Path(db_path) if db_path is not None else default_gazetteer_path()


def _say(message: str) -> None:
    """A progress message on stderr; file and place names in it shown inert (escaped)."""
    click.echo(visible(message), err=True)


def _out(line: str) -> None:
    """A line of the report on stdout, its names and notes shown inert (escaped)."""
    click.echo(visible(line))


@click.group("gazetteer")
def gazetteer() -> None:
    """Build, search and extend the embedded SQLite gazetteer.

    \b
    geomap gazetteer build                  default gazetteer from installed packages
    geomap gazetteer search Dushanbe        ranked candidates for a name
    geomap gazetteer info                   sources, counts by kind, build date, size
    geomap gazetteer import cities500.txt   add GeoNames exports (zipped or not)
    geomap gazetteer download TJ AF         fetch and import GeoNames country dumps
    geomap gazetteer add my_places.csv      your own places (kind 'user')
    geomap gazetteer list --user            the places you added
    geomap gazetteer remove Ishkobod        remove one of them
    """


@gazetteer.command("build")
@_NEW_DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def build_cmd(db_path: Path | None, quiet: bool) -> None:
    """Build the default gazetteer from registry-shipped data (replaces the file atomically)."""
    from geomap.gazetteer import build_default

    path = build_default(_db(db_path), progress=not quiet)
    _say(f"built {path}")


@gazetteer.command("search")
@click.argument("name")
@click.option("--country", "-c", default=None, help="ISO 3166-1 alpha-2 code to restrict to.")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_DB_OPTION
def search_cmd(name: str, country: str | None, limit: int, as_json: bool,
               db_path: str | None) -> None:
    """Ranked candidates for NAME (exact matches first, then prefix and close spellings)."""
    from geomap.gazetteer import open_gazetteer

    with open_gazetteer(_db(db_path)) as gaz:
        cands = gaz.search(name, country=country, limit=limit)
    if as_json:
        for c in cands:
            p = c.place
            click.echo(json_line({
                "id": p.id, "name": p.name, "kind": p.kind, "country_code": p.country_code,
                "admin1_name": p.admin1_name, "admin2_name": p.admin2_name, "lat": p.lat,
                "lon": p.lon, "population": p.population, "feature_code": p.feature_code,
                "source": p.source, "members": list(p.members), "matched_name": c.matched_name,
                "name_type": c.name_type,
            }))
        return
    if not cands:
        _say(f"no match for {name!r}")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for col in ("id", "name", "kind", "country", "admin1", "lat", "lon", "population",
                "matched", "source"):
        table.add_column(col, justify="right" if col in ("lat", "lon", "population") else "left")
    for c in cands:
        p = c.place
        matched = "" if c.matched_name == p.name else f"{c.matched_name} ({c.name_type})"
        table.add_row(*(rich_text(cell) for cell in (  # names are text, never markup
            p.id, p.name, p.kind, p.country_code or ",".join(p.members[:6]),
            p.admin1_name or "", f"{p.lat:.5f}", f"{p.lon:.5f}", f"{p.population:,}",
            matched, p.source,
        )))
    Console(width=200).print(table)


@gazetteer.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@_DB_OPTION
def info_cmd(as_json: bool, db_path: str | None) -> None:
    """Sources, counts by kind, build date and size on disk."""
    from geomap.gazetteer import open_gazetteer

    with open_gazetteer(_db(db_path)) as gaz:
        info = gaz.info()
    if as_json:
        click.echo(json_line(info, indent=2))
        return
    _out(f"path        {info['path']}")
    _out(f"size        {info['size_bytes'] / 1e6:.1f} MB")
    _out(f"built       {info['build_date']}")
    if info.get("updated"):
        _out(f"updated     {info['updated']}")
    _out(f"places      {info['places']:,}   names {info['names']:,}")
    _out("by kind     " + ", ".join(f"{k} {v:,}" for k, v in sorted(info["counts_by_kind"].items())))
    _out("by source   " + ", ".join(f"{k} {v:,}" for k, v in sorted(info["sources"].items())))
    for note in info["source_notes"]:
        _out(f"  {note['source']} {note.get('version', '')}: {note.get('what', '')}")
    for imp in info["imports"]:
        _out(f"  import {imp.get('file')}: {imp.get('rows', 0):,} rows ({imp.get('date', '')})")


@gazetteer.command("import", short_help="Import GeoNames export files (dumps, admin codes, ...).")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_NEW_DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def import_cmd(files: tuple[Path, ...], db_path: Path | None, quiet: bool) -> None:
    """Import GeoNames exports: 19-column dumps (cities500.txt, allCountries.txt, TJ.txt or
    their .zip), admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt, alternateNamesV2.txt.

    Streams each file; the gazetteer is replaced only if every file imports cleanly. Files go
    in by what they need, whatever the order given: countryInfo, dumps, admin codes (new
    areas at their places' mean), then alternate names.
    """
    from geomap.gazetteer import open_gazetteer
    from geomap.gazetteer.importer import import_files

    path = _db(db_path)
    open_gazetteer(path, progress=not quiet, create=True).close()  # build it first if missing
    result = import_files(path, list(files), progress=not quiet)
    for f in result["files"]:
        _say(f"imported {f['file']} ({f['format']}): {f['rows']:,} rows")


@gazetteer.command("download", short_help="Fetch GeoNames dumps for countries and import them.")
@click.argument("codes", nargs=-1, required=True)
@click.option("--base-url", default=None,
              help="Export server (default: the GeoNames dump server).")
@_NEW_DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def download_cmd(codes: tuple[str, ...], base_url: str | None, db_path: Path | None,
                 quiet: bool) -> None:
    """Download GeoNames country dumps (e.g. TJ AF, or cities500, allCountries) with the
    admin-code and country files, then import them. Needs a network connection."""
    import tempfile

    from geomap.gazetteer import open_gazetteer
    from geomap.gazetteer.importer import DEFAULT_BASE_URL, download, import_files

    path = _db(db_path)
    open_gazetteer(path, progress=not quiet, create=True).close()
    with tempfile.TemporaryDirectory(prefix="geomap-download-") as tmp:
        files = download(list(codes), Path(tmp), base_url=base_url or DEFAULT_BASE_URL)
        _say(f"downloaded {len(files)} files")
        result = import_files(path, list(files), progress=not quiet)
    for f in result["files"]:
        _say(f"imported {f['file']} ({f['format']}): {f['rows']:,} rows")


@gazetteer.command("add", short_help="Add your own places from a CSV/TSV or GeoJSON file.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_DB_OPTION
def add_cmd(file: Path, db_path: str | None) -> int:
    """Add your own places from a CSV/TSV (columns name, lat, lon; also latitude/longitude,
    lng, long, x/y, place/location, country or country_code, kind, alt_names or aliases
    separated by '|' or ';') or a GeoJSON of Points. They get kind 'user' and source
    'user:<file name>', and are used by the next run (recognition, resolution and relative
    locations). Adding a name again updates it. A bad row is reported (file:line) and
    skipped; the exit code is then 3.

    \b
    Example:  printf 'name,latitude,longitude,country\nIshkobod,38.55,68.29,TJ\n' > mine.csv
              geomap gazetteer add mine.csv
    """
    from geomap.cli.options import error
    from geomap.gazetteer import open_gazetteer
    from geomap.gazetteer.importer import add_user_places

    path = _db(db_path)
    open_gazetteer(path, progress=True).close()
    skipped = 0

    def skip(exc: Exception) -> None:
        nonlocal skipped
        skipped += 1
        error(f"{exc} (row skipped)")

    n = add_user_places(path, file, on_problem=skip)
    _say(f"added {n:,} places from {file.name}" + (f"; {skipped} rows skipped" if skipped else ""))
    return 3 if skipped else 0


@gazetteer.command("list", short_help="List your own places.")
@click.option("--user", "user_only", is_flag=True, default=True,
              help="Places added with 'gazetteer add' (the only listing for now).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_DB_OPTION
def list_cmd(user_only: bool, as_json: bool, db_path: str | None) -> None:
    """List the places you added with 'geomap gazetteer add' (id, name, lat, lon, country,
    source). Example:  geomap gazetteer list --user"""
    from geomap.gazetteer import open_gazetteer
    from geomap.gazetteer.importer import list_user_places

    path = _db(db_path)
    open_gazetteer(path, progress=True).close()
    places = list_user_places(path)
    for p in places:
        if as_json:
            click.echo(json_line({"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon,
                                  "country_code": p.country_code, "kind": p.feature_code,
                                  "source": p.source}))
        else:
            _out(f"{p.id:<28} {p.name:<28} {p.lat:>10.5f} {p.lon:>11.5f}  "
                 f"{p.country_code or '--'}  {p.source}")
    if not places and not as_json:
        _say("no places of your own; add some with 'geomap gazetteer add FILE'")


@gazetteer.command("remove", short_help="Remove places you added.")
@click.argument("names", nargs=-1, required=True, metavar="NAME_OR_ID...")
@_DB_OPTION
def remove_cmd(names: tuple[str, ...], db_path: str | None) -> None:
    """Remove places you added (by id, user:ishkobod, or by name). Only your own places can
    be removed; a name that matches none is an error and nothing is removed.
    Example:  geomap gazetteer remove Ishkobod"""
    from geomap.gazetteer import open_gazetteer
    from geomap.gazetteer.importer import remove_user_places

    path = _db(db_path)
    open_gazetteer(path, progress=True).close()
    removed = remove_user_places(path, names)
    _say(f"removed {len(removed)} places: {', '.join(removed)}")
