"""geomap: news articles in, located and measured events out.

The Python API (see README, "Python API"): :func:`parse`, :func:`parse_many`,
:class:`Result` (``.events``, ``.places``, ``.to_dataframe()``, ``.to_geojson()``,
``.map()``), and :func:`to_dataframe`, :func:`to_geojson`, :func:`map`,
:func:`to_geodataframe` on a list of results.
"""

__version__ = "0.1.0"

from geomap.api import (  # noqa: E402 -- after __version__, which the CLI imports alone
    Result,
    map,
    parse,
    parse_many,
    to_dataframe,
    to_geodataframe,
    to_geojson,
)

__all__ = ["Result", "__version__", "map", "parse", "parse_many", "to_dataframe",
           "to_geodataframe", "to_geojson"]
