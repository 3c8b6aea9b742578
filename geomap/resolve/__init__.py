"""Resolution: choose the gazetteer place each mention names, with a confidence, the top
alternatives and a reason; plus :func:`geoparse`, recognition and resolution in one call."""

from geomap.resolve.resolver import geoparse, resolve

__all__ = ["geoparse", "resolve"]
