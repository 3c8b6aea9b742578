"""Resolution: choose the gazetteer place each mention names, with a confidence, the top
alternatives and a reason; plus :func:`geoparse`, recognition and resolution in one call.
The tuned numbers are in :mod:`geomap.resolve.config`."""

from geomap.resolve.resolver import OUTSIDE_NOTE, Resolver, cap_per_place, geoparse, resolve

__all__ = ["OUTSIDE_NOTE", "Resolver", "cap_per_place", "geoparse", "resolve"]
