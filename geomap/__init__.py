"""geomap: news articles in, located and measured events out."""

__version__ = "0.1.0"
