"""The analyst's map: a self-contained, offline, interactive HTML map of events and borders.

``render_map(events, toponyms, title=..., path=...)`` builds it; ``screenshot(html, png)``
photographs it in headless Chromium (see :mod:`geomap.render.browser`).
"""

from __future__ import annotations

from geomap.render.browser import screenshot
from geomap.render.map import build_map, render_map

__all__ = ["build_map", "render_map", "screenshot"]
