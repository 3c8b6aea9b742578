"""Assemble the self-contained folium map and write it atomically."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geomap.render import assets
from geomap.render.layers import build_payload
from geomap.render.safe import esc, script_json
from geomap.types import Event, Toponym

DATA_ELEMENT_ID = "geomap-data"

# Optional online base layers: they only draw with a network; the default base needs none.
_ONLINE_TILES = (
    ("OpenStreetMap", "OpenStreetMap (online)"),
    ("Esri.WorldImagery", "Satellite, Esri (online)"),
)

OVERLAYS = (
    ("borders", "Borders"),
    ("uncertainty", "Location uncertainty"),
    ("distances", "Distances (anchor, borders)"),
    ("mentions", "Places mentioned"),
    ("events", "Events"),
)
"""Overlay keys (``window.geomap.layers.<key>`` in the page) and their layer-control labels."""
BASE_LAYER_NAME = "Land and countries (offline)"
OFF_UNTIL_ASKED = frozenset({"uncertainty", "distances"})
"""Overlays that start switched off: drawn for every event they bury the map (continent-wide
country-level discs, overlapping km labels); the selected event always shows its own."""
MENTIONS_SHOWN_UP_TO = 1000
"""With more mentioned places than this, the mentions layer starts switched off (still listed)."""


class _Literal(Element):
    """Text that goes into the page exactly as given.

    branca's ``Element(text)`` compiles ``text`` as Jinja2 template source, so article text in
    it would run as template code (``{{ ... }}``) or break the page (``{#``); this element is
    never compiled: :meth:`render` returns the text itself.
    """

    def __init__(self, text: str):
        super().__init__()
        self._name = "Literal"
        self._text = text

    def render(self, **kwargs: object) -> str:
        return self._text


class _RenderCall(MacroElement):
    """Calls ``geomapRender`` with the map, the JSON payload and the folium layer groups.

    Its template sees only element names, the data element's id and the bundled icons:
    never article text (branca compiles a macro's output once more as a template).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geomapRender(
            {{ this._parent.get_name() }},
            JSON.parse(document.getElementById({{ this.data_id|tojson }}).textContent),
            {
            {%- for key, group in this.groups.items() %}
                {{ key|tojson }}: {{ group.get_name() }},
            {%- endfor %}
            },
            {icons: {{ this.icons|tojson }}}
        );
        {% endmacro %}
        """
    )

    def __init__(self, groups: dict[str, Element], data_id: str, icons: dict[str, str]):
        super().__init__()
        self._name = "GeomapRender"
        self.groups = groups
        self.data_id = data_id
        self.icons = icons


def _offline_map(title: str) -> folium.Map:
    """A folium map with no CDN links: Leaflet and friends are inlined in the header."""
    fmap = folium.Map(location=(25, 15), zoom_start=2, tiles=None, control_scale=True,
                      world_copy_jump=True)
    # Instance attributes shadow folium's class-level CDN lists (never mutate those).
    fmap.default_js = []
    fmap.default_css = []
    figure = fmap.get_root()
    figure.title = esc(title)
    figure.header.add_child(_Literal(f"<style>{assets.inline_css()}</style>"), name="geomap_css")
    figure.header.add_child(
        _Literal(f"<script>{assets.inline_js_libraries()}</script>"), name="geomap_libs"
    )
    figure.header.add_child(
        _Literal(f"<script>{assets.inline_js_app()}</script>"), name="geomap_app"
    )
    return fmap


def element_ids(fmap: folium.Map) -> list[str]:
    """The branca ids of every element of the page, depth first in insertion order: the
    Figure first, its header, html and script sections (not among its children), then its
    children. Read through branca's public ``to_dict``."""

    def walk(tree: dict) -> Iterator[str]:
        yield tree["id"]
        for child in tree.get("children", {}).values():
            yield from walk(child)

    root = fmap.get_root()
    ids = [root.to_dict(depth=0)["id"]]
    for part in ("header", "html", "script"):
        section = getattr(root, part, None)
        if isinstance(section, Element):
            ids.extend(walk(section.to_dict()))
    for child in root.to_dict()["children"].values():
        ids.extend(walk(child))
    return ids


def page_html(fmap: folium.Map) -> str:
    """The page's HTML with every element id numbered from a counter instead of branca's random
    one (``map_0003``, not ``map_4f1c...``).

    The ids become JavaScript variable and element names, so random ones made two runs on the
    same articles write different maps. branca (0.8) offers no public way to choose an id, so
    the rendered text is renumbered: each id is 32 random hex digits drawn for this page, which
    no article text can know in advance.
    """
    numbers = {old: f"{n:04d}" for n, old in enumerate(element_ids(fmap), 1)}
    html_text = fmap.get_root().render()
    if not numbers:
        return html_text
    pattern = re.compile("|".join(map(re.escape, numbers)))
    return pattern.sub(lambda m: numbers[m.group(0)], html_text)


def build_map(
    events: Sequence[Event], toponyms: Sequence[Toponym] = (), *, title: str = "geomap"
) -> folium.Map:
    """The folium map object (not yet rendered), for callers who want to add to it."""
    payload = build_payload(events, toponyms, title=title)
    fmap = _offline_map(title)
    base = folium.FeatureGroup(name=BASE_LAYER_NAME, overlay=False, show=True)
    base.add_to(fmap)
    for tiles, name in _ONLINE_TILES:
        folium.TileLayer(tiles, name=name, overlay=False, show=False).add_to(fmap)
    groups: dict[str, Element] = {"base": base}
    for key, label in OVERLAYS:
        if key in OFF_UNTIL_ASKED:
            show = False
        else:
            show = key != "mentions" or len(payload["mentions"]) <= MENTIONS_SHOWN_UP_TO
        group = folium.FeatureGroup(name=label, overlay=True, show=show)
        group.add_to(fmap)
        groups[key] = group
    data = _Literal(
        f'<script type="application/json" id="{DATA_ELEMENT_ID}">{script_json(payload)}</script>'
    )
    fmap.get_root().html.add_child(data, name="geomap_data")
    fmap.add_child(_RenderCall(groups, DATA_ELEMENT_ID, assets.leaflet_icon_uris()))
    folium.LayerControl(position="topright", collapsed=True).add_to(fmap)
    return fmap


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to ``path`` with :class:`geomap.export.AtomicWriter`: a
    regular file is replaced atomically (a reader sees the old file or the complete new one),
    a symbolic link is written through, a FIFO or device is written in place, a folder is an
    :class:`OutputError`, and so is a missing folder.
    """
    from geomap.export import AtomicWriter

    with AtomicWriter(path, binary=isinstance(data, bytes), make_parents=False) as out:
        out.write(data)


def render_map(
    events: Sequence[Event],
    toponyms: Sequence[Toponym] = (),
    *,
    title: str = "geomap",
    path: str | Path | None = None,
) -> str:
    """Render events (and resolved place mentions) as one self-contained HTML map.

    Returns the HTML text; when ``path`` is given, also writes it atomically. The file needs
    no network: Leaflet and every plugin are inlined, and the default base layer is drawn from
    Natural Earth country polygons. Article text is data: it sits in a JSON element and the
    page shows it with ``textContent`` (never parsed as HTML or compiled as a template).
    """
    html_text = page_html(build_map(events, toponyms, title=title))
    if path is not None:
        write_atomic(path, html_text)
    return html_text
