"""Relative locations and border phrases in French and Russian (geomap.lang.using)."""

from __future__ import annotations

import pytest

from geomap.lang import using
from geomap.locate.names import border_country_codes
from geomap.locate.relative import parse_relative, uncertainty_km


@pytest.mark.parametrize(("code", "text", "relation", "anchor", "km", "bearing", "hedge"), [
    ("fr", "tués à une cinquantaine de kilomètres au nord-ouest de Tillabéri.", "offset",
     "Tillabéri", 50.0, 315.0, "about"),
    ("fr", "à 12 km au sud d'Ayorou", "offset", "Ayorou", 12.0, 180.0, None),
    ("fr", "à 30 km de Gao", "offset", "Gao", 30.0, None, None),
    ("fr", "près de Ménaka", "near", "Ménaka", None, None, None),
    ("fr", "dans les environs de Tombouctou", "outskirts", "Tombouctou", None, None, None),
    ("fr", "à la frontière avec le Mali", "on_border", "Mali", None, None, None),
    ("ru", "в 40 км к югу от Оша", "offset", "Оша", 40.0, 180.0, None),
    ("ru", "в 5 км западнее Исфары", "offset", "Исфары", 5.0, 270.0, None),
    ("ru", "южнее Хорога", "offset", "Хорога", None, 180.0, None),
    ("ru", "под Душанбе", "near", "Душанбе", None, None, None),
    ("ru", "примерно в 15 километрах от границы с Кыргызстаном", "from_border", "Кыргызстаном",
     15.0, None, "about"),
    ("ru", "на границе с Афганистаном", "on_border", "Афганистаном", None, None, None),
    ("ru", "на таджикско-афганской границе", "on_border", "таджикско-афганской границе", None,
     None, None),
])
def test_parse(code, text, relation, anchor, km, bearing, hedge) -> None:
    with using(code):
        found = parse_relative(text)
    assert len(found) == 1, found
    expr = found[0]
    assert (expr.relation, expr.anchor_text, expr.distance_km, expr.bearing_deg, expr.hedge) == (
        relation, anchor, km, bearing, hedge)
    assert text[expr.anchor_start:expr.anchor_end] == anchor
    assert uncertainty_km(expr) > 0


def test_english_phrases_are_not_read_as_french() -> None:
    with using("fr"):
        assert parse_relative("50 km west of Dushanbe") == []
    assert parse_relative("50 km west of Dushanbe")[0].anchor_text == "Dushanbe"


@pytest.mark.parametrize(("code", "anchor", "codes"), [
    ("fr", "Mali", ["ML"]), ("fr", "nigérienne", ["NE"]), ("fr", "Niger et le Burkina", ["NE", "BF"]),
    ("ru", "Афганистаном", ["AF"]), ("ru", "таджикско-афганской границе", ["TJ", "AF"]),
    ("ru", "Кыргызстаном", ["KG"]),
])
def test_border_countries(code: str, anchor: str, codes: list[str]) -> None:
    with using(code):
        assert border_country_codes(anchor) == codes
