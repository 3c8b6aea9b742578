"""The map's look in one place (geomap.render.style): the script's named colours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geomap.errors import DataError
from geomap.render import assets
from geomap.render.style import DRAWN_COLOURS, fill_drawn_colours

SCRIPT = Path(assets.__file__).parent / "static" / "geomap.js"


def test_named_colours_are_filled_in_quoted() -> None:
    script = "L.polyline(p, { color: '@anchor@', fillColor: '@anchor_fill@' });"
    assert fill_drawn_colours(script) == (
        f"L.polyline(p, {{ color: '{DRAWN_COLOURS['anchor']}', "
        f"fillColor: '{DRAWN_COLOURS['anchor_fill']}' }});")


def test_a_colour_nobody_chose_is_an_error() -> None:
    with pytest.raises(DataError, match="not_a_colour"):
        fill_drawn_colours("{ color: '@not_a_colour@' }")


def test_the_script_draws_only_with_named_colours() -> None:
    """Every colour geomap.js draws with is a name of DRAWN_COLOURS (none written in the
    script), and every name there is used: the palette is the one place to change."""
    script = SCRIPT.read_text(encoding="utf-8")
    assert re.findall(r"'#[0-9a-fA-F]{3,8}'|'rgba?\(", script) == []
    assert set(re.findall(r"'@([a-z_]+)@'", script)) == set(DRAWN_COLOURS)
    inlined = assets.inline_js_app()
    assert "'@" not in inlined and f"'{DRAWN_COLOURS['land']}'" in inlined
