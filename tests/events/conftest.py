"""Inputs for the events tests built by hand, without the gazetteer or the geoparser, so these
tests depend only on the events stage (and, where stated, the borders module)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geomap.ingest import parse_seed
from geomap.types import Anchor, Article, Location, Mention, Place, RelativeExpression, Toponym

# name -> Place; coordinates and ids as in GeoNames (DESIGN.md facts for Dushanbe).
SEED_PLACES: dict[str, Place] = {
    "Tajikistan": Place("gn:1220409", "Tajikistan", 38.0, 71.0, "country", 1220409,
                        country_code="TJ"),
    "Dushanbe": Place("gn:1221874", "Dushanbe", 38.53575, 68.77905, "city", 1221874,
                      country_code="TJ", population=543107),
    "Afghanistan": Place("gn:1149361", "Afghanistan", 33.0, 66.0, "country", 1149361,
                         country_code="AF"),
    "China": Place("gn:1814991", "China", 35.0, 105.0, "country", 1814991, country_code="CN"),
    "Kyrgyzstan": Place("gn:1527747", "Kyrgyzstan", 41.5, 75.0, "country", 1527747,
                        country_code="KG"),
    "Syria": Place("gn:163843", "Syria", 35.0, 38.0, "country", 163843, country_code="SY"),
    "Iraq": Place("gn:99237", "Iraq", 33.0, 44.0, "country", 99237, country_code="IQ"),
    "Switzerland": Place("gn:2658434", "Switzerland", 47.00016, 8.01427, "country", 2658434,
                         country_code="CH"),
    "Paris": Place("gn:2988507", "Paris", 48.85341, 2.3488, "city", 2988507, country_code="FR",
                   population=2138551),
}
DEMONYMS = {"Tajik": "Tajikistan", "Tajiks": "Tajikistan", "Afghan": "Afghanistan"}


@pytest.fixture(scope="session")
def seed_article(seed_path: Path) -> Article:
    return parse_seed(seed_path.read_text(encoding="utf-8"), path=str(seed_path))


def seed_mentions(text: str) -> list[Toponym]:
    out: list[Toponym] = []
    for name, place in SEED_PLACES.items():
        for m in re.finditer(rf"\b{name}\b", text):
            out.append(Toponym(Mention(m.start(), m.end(), name, name), place, 0.9, "test"))
    for word, country in DEMONYMS.items():
        for m in re.finditer(rf"\b{word}\b", text):
            out.append(Toponym(Mention(m.start(), m.end(), word, word, kind="demonym"),
                               SEED_PLACES[country], 0.8, "test"))
    for m in re.finditer(r"\bIshkobod\b", text):  # in no gazetteer: unresolved
        out.append(Toponym(Mention(m.start(), m.end(), "Ishkobod", "Ishkobod",
                                   feature="border post"), None, 0.0, "not in gazetteer"))
    m = re.search(r"border with (Afghanistan)", text)
    assert m is not None
    out.append(Toponym(Mention(m.start(), m.end(), m.group(0), "Afghanistan", kind="border",
                               feature="border"), SEED_PLACES["Afghanistan"], 0.9, "test"))
    # A border mention replaces the plain one it contains.
    out = [t for t in out if not (t.mention.kind == "name" and t.mention.start == m.start(1))]
    return sorted(out, key=lambda t: t.mention.start)


@pytest.fixture(scope="session")
def seed_toponyms(seed_article: Article) -> list[Toponym]:
    return seed_mentions(seed_article.text)


@pytest.fixture(scope="session")
def seed_relative(seed_article: Article) -> Location:
    return relative_location(seed_article.text)


def relative_location(text: str) -> Location:
    """The locate stage's answer for "some 50 kilometres (30 miles) west of Dushanbe"."""
    expr = "some 50 kilometres (30 miles) west of Dushanbe"
    start = text.index(expr)
    anchor_start = start + expr.index("Dushanbe")
    rel = RelativeExpression(
        start, start + len(expr), expr, "offset", "Dushanbe", anchor_start, anchor_start + 8,
        distance=50.0, unit="km", distance_km=50.0, bearing_deg=270.0, bearing_text="west",
        hedge="some",
    )
    anchor = Anchor("Dushanbe", 38.53575, 68.77905, 50.0, 270.0, "gn:1221874")
    return Location("Ishkobod", 38.534, 68.206, 2, 10.0, "TJ", "relative", None, anchor, rel)
