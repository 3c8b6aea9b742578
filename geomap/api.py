"""geomap's Python API: one call from text to located events, tables, GeoJSON and maps.

>>> import geomap
>>> r = geomap.parse("Gunmen killed 3 people in Kunduz on Monday.", "2024-05-06")
>>> r.events[0].location.name, r.events[0].fatalities
('Kunduz', 3)
>>> df = r.to_dataframe()          # pandas: ACLED's 31 columns, then geomap's
>>> fc = r.to_geojson()            # an RFC 7946 FeatureCollection (a dict)
>>> m = r.map()                    # a folium.Map; shows inline in Jupyter, needs no network

``parse_many`` runs many articles (dicts like the JSON Lines input) in input order, in worker
processes with ``jobs > 1``; :func:`to_dataframe`, :func:`to_geojson`, :func:`map` and
:func:`to_geodataframe` take a list of results. Every output reuses the serialisation of the
CLI (:mod:`geomap.export`), so a DataFrame row is a CSV row and a GeoJSON feature is a feature
of ``events.geojson``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from geomap.types import Article, ArticleResult, Event, Toponym

if TYPE_CHECKING:
    import folium
    import pandas

__all__ = ["Result", "map", "parse", "parse_many", "to_dataframe", "to_geodataframe",
           "to_geojson"]

_ID_DIGEST_CHARS = 16
"""Hex digits of the text's SHA-1 in a default article id: unique in any realistic corpus."""


@dataclass(frozen=True, slots=True)
class Result:
    """What geomap found in one article: its events and its place mentions."""

    article: Article
    events: tuple[Event, ...]
    """Located, dated, counted incidents (the first with ``main=True`` is the headline's)."""
    places: tuple[Toponym, ...]
    """Every place mention, resolved (``.place``) or not, with the resolver's confidence."""

    @property
    def id(self) -> str:
        """The article id (given, or derived from the text)."""
        return self.article.id

    @classmethod
    def from_article_result(cls, result: ArticleResult) -> Result:
        return cls(article=result.article, events=result.events, places=result.toponyms)

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per event: ACLED's 31 columns in ACLED's order, then geomap's."""
        return to_dataframe([self])

    def to_geojson(self) -> dict[str, Any]:
        """The events as an RFC 7946 FeatureCollection (lon/lat WGS 84)."""
        return to_geojson([self])

    def to_geodataframe(self) -> Any:
        """The events as a geopandas GeoDataFrame (needs ``pip install geopandas``)."""
        return to_geodataframe([self])

    def map(self, *, title: str | None = None) -> folium.Map:
        """The events and resolved places on an offline folium map."""
        return map([self], title=title or (f"geomap: {self.article.title}"
                                           if self.article.title else None))

    def _repr_html_(self) -> str:
        """Jupyter's display protocol: a bare ``result`` in a notebook shows its map.

        The protocol method is handed on to the folium map's own implementation of the same
        protocol (its page in an iframe), the one public way folium offers for notebooks.
        """
        return self.map()._repr_html_()  # the display protocol, not a private attribute


def _published(value: str | date | datetime | None) -> datetime | None:
    from geomap.ingest import parse_published

    if value is None or isinstance(value, datetime):
        return parse_published(value.isoformat()) if isinstance(value, datetime) else None
    if isinstance(value, date):
        return parse_published(value.isoformat())
    return parse_published(value)


def _default_id(text: str) -> str:
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[
        :_ID_DIGEST_CHARS]


def parse(text: str, published: str | date | datetime | None = None, *,
          title: str | None = None, url: str | None = None, id: str | None = None,
          gazetteer: str | None = None) -> Result:
    """Find the places and events of one article.

    ``published`` (an ISO date or a ``date``/``datetime``) anchors relative dates ("on
    Monday"); without it events are dated only from absolute dates in the text. ``id`` names
    the article in event ids (default: from a hash of the text); ``gazetteer`` is a SQLite
    gazetteer path (default: the built-in one). Raises :class:`geomap.errors.InputError` for
    text that is not a string or an unusable date.
    """
    from geomap.errors import InputError
    from geomap.ingest import safe_id, valid_text
    from geomap.pipeline import get_pipeline

    if not isinstance(text, str):
        raise InputError(f"text must be a string, got {type(text).__name__}")
    text = valid_text(text)
    article = Article(id=safe_id(id) if id else _default_id(text), text=text, title=title,
                      published=_published(published), url=url)
    return Result.from_article_result(get_pipeline(gazetteer).process(article))


def _articles(records: Iterable[Mapping[str, Any] | str]) -> Iterator[Article]:
    from geomap.errors import InputError
    from geomap.ingest import parse_json_record, safe_id

    for i, rec in enumerate(records, 1):
        if isinstance(rec, str):
            rec = {"text": rec}
        if not isinstance(rec, Mapping):
            raise InputError(f"record {i}: expected a dict with 'text' or a string, got "
                             f"{type(rec).__name__}")
        text = rec.get("text")
        obj = dict(rec)
        published = obj.get("published")
        if isinstance(published, date):
            obj["published"] = published.isoformat()
        article = parse_json_record(obj, path="<records>", line=i,
                                    default_id=_default_id(text) if isinstance(text, str) else "")
        yield article if article.id == safe_id(article.id) else _with_id(article)


def _with_id(article: Article) -> Article:
    import dataclasses

    from geomap.ingest import safe_id

    return dataclasses.replace(article, id=safe_id(article.id))


def parse_many(records: Iterable[Mapping[str, Any] | str], *, jobs: int = 1,
               gazetteer: str | None = None) -> Iterator[Result]:
    """Results for many articles, in input order, lazily.

    Each record is a dict like a JSON Lines input line (``text`` required; ``id``, ``title``,
    ``published``, ``url`` optional) or a bare string. ``jobs > 1`` spreads the work over that
    many processes (0 = every core); a short input runs in this process, which is faster
    there. A bad record raises :class:`geomap.errors.InputError` naming it.
    """
    from geomap.batch import iter_results

    for result in iter_results(_articles(records), gazetteer_path=gazetteer, jobs=jobs):
        yield Result.from_article_result(result)


def _events(results: Iterable[Result]) -> Iterator[Event]:
    for r in results:
        yield from r.events


def to_dataframe(results: Iterable[Result]) -> pandas.DataFrame:
    """One row per event of all ``results``: ACLED's 31 columns, then geomap's (the CSV's
    columns; missing values are ``None``/``NaN``)."""
    import pandas as pd

    from geomap.export import TABLE_COLUMNS, column_type, event_table_row

    rows = [event_table_row(e) for e in _events(results)]
    df = pd.DataFrame.from_records(rows, columns=list(TABLE_COLUMNS))
    dtypes = {"int": "Int64", "float": "Float64", "bool": "boolean", "str": "string"}
    return df.astype({c: dtypes[column_type(c)] for c in TABLE_COLUMNS})


def to_geojson(results: Iterable[Result]) -> dict[str, Any]:
    """All events of ``results`` as one RFC 7946 FeatureCollection."""
    from geomap.export import event_feature

    return {"type": "FeatureCollection",
            "features": [event_feature(e) for e in _events(results)]}


def to_geodataframe(results: Iterable[Result]) -> Any:
    """All events as a geopandas GeoDataFrame (EPSG:4326 points); needs geopandas.

    Raises :class:`geomap.errors.ConfigurationError` when geopandas is not installed.
    """
    try:
        import geopandas as gpd
    except ImportError:
        from geomap.errors import ConfigurationError

        raise ConfigurationError("to_geodataframe needs geopandas: pip install geopandas") \
            from None
    from shapely.geometry import Point

    results = list(results)
    df = to_dataframe(results)
    geometry = [Point(e.location.lon, e.location.lat) for e in _events(results)]
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def map(results: Iterable[Result], *, title: str | None = None) -> folium.Map:  # noqa: A001
    """Events and resolved place mentions of ``results`` on one offline folium map: Leaflet
    and every plugin inlined, a Natural Earth base layer, no tiles fetched."""
    from geomap.render import build_map

    results = list(results)
    events = list(_events(results))
    toponyms = [t for r in results for t in r.places if t.place is not None]
    if title is None:
        title = f"geomap: {len(results):,} articles, {len(events):,} events"
    return build_map(events, toponyms, title=title)
