"""The map's JavaScript and CSS, inlined so the HTML file draws with no network at all.

Leaflet (``xstatic-leaflet``) and jQuery (``xstatic-jquery``) come from registry packages; their
images become data: URIs. The point clustering is supercluster 8.0.1 (ISC, vendored as
``static/supercluster.min.js`` with its licence in ``static/supercluster.LICENSE.txt``): it
clusters 100,000 points in well under a second, where Leaflet.markercluster needs a Leaflet
layer per point up front. Fullscreen, measure, legend, filters, table and timeline are
dependency-free scripts of our own in ``static/`` (the folium plugins for them only link CDNs).
"""

from __future__ import annotations

import base64
import functools
import importlib
import re
from pathlib import Path

from geomap.errors import DataError
from geomap.render.style import fill_drawn_colours

_STATIC = Path(__file__).resolve().parent / "static"
SUPERCLUSTER_JS = "supercluster.min.js"
"""supercluster 8.0.1 (ISC), the npm package's dist file, unchanged."""
_CSS_URL = re.compile(r"url\((['\"]?)images/([A-Za-z0-9_.-]+)\1\)")


def _xstatic_dir(module: str, package: str) -> Path:
    try:
        mod = importlib.import_module(f"xstatic.pkg.{module}")
    except ModuleNotFoundError as exc:
        raise DataError(f"package {package!r} is not installed (pip install {package})") from exc
    return Path(mod.BASE_DIR)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read map asset {path}: {exc}") from exc


def _data_uri(path: Path) -> str:
    mime = "image/png" if path.suffix == ".png" else "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_images(css: str, images: Path) -> str:
    """Replace ``url(images/x.png)`` in a stylesheet with data: URIs."""

    def repl(match: re.Match[str]) -> str:
        return f'url("{_data_uri(images / match.group(2))}")'

    return _CSS_URL.sub(repl, css)


def _no_end_tag(text: str, tag: str) -> str:
    """Guard: inlined code must not contain its own closing tag."""
    if f"</{tag}" in text.lower():
        raise DataError(f"an inlined asset contains '</{tag}'; cannot inline it safely")
    return text


@functools.cache
def leaflet_icon_uris() -> dict[str, str]:
    """Data URIs of Leaflet's default marker images (for ``L.Icon.Default``)."""
    images = _xstatic_dir("leaflet", "xstatic-leaflet") / "images"
    return {
        "iconUrl": _data_uri(images / "marker-icon.png"),
        "iconRetinaUrl": _data_uri(images / "marker-icon-2x.png"),
        "shadowUrl": _data_uri(images / "marker-shadow.png"),
    }


@functools.cache
def inline_css() -> str:
    """All stylesheets the map needs, concatenated (Leaflet, ours)."""
    leaflet = _xstatic_dir("leaflet", "xstatic-leaflet")
    parts = [_inline_images(_read(leaflet / "leaflet.css"), leaflet / "images")]
    parts.append(_read(_STATIC / "geomap.css"))
    return _no_end_tag("\n".join(parts), "style")


@functools.cache
def inline_js_libraries() -> str:
    """Leaflet, jQuery and supercluster, in load order."""
    leaflet = _xstatic_dir("leaflet", "xstatic-leaflet")
    jquery = _xstatic_dir("jquery", "xstatic-jquery")
    parts = [_read(leaflet / "leaflet.js"), _read(jquery / "jquery.min.js"),
             _read(_STATIC / SUPERCLUSTER_JS)]
    return _no_end_tag("\n;\n".join(parts), "script")


@functools.cache
def inline_js_app() -> str:
    """Our client code (layers from the data payload, controls), its colours filled in from
    :mod:`geomap.render.style`."""
    return _no_end_tag(fill_drawn_colours(_read(_STATIC / "geomap.js")), "script")
