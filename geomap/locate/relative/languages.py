"""Relative locations of other languages (French, Russian), read by each language module's
``RELATIVE_PATTERNS`` and stored in the English form the rest of the stage reads."""

from __future__ import annotations

from geomap.lang import LanguageData
from geomap.locate.relative.words import UNITS_KM
from geomap.types import RelativeExpression

_COMPASS_NAMES = {0.0: "north", 45.0: "north-east", 90.0: "east", 135.0: "south-east",
                  180.0: "south", 225.0: "south-west", 270.0: "west", 315.0: "north-west"}
"""English compass names stored as ``bearing_text`` (so that :func:`bearing_resolution` reads
them) for the directions of other languages."""

_LANGUAGE_HEDGES = {
    "environ": "about", "quelque": "about", "près de": "nearly", "pres de": "nearly",
    "une": "about", "un": "about", "примерно": "about", "около": "about",
    "приблизительно": "about", "почти": "nearly", "более чем": "more than", "tout": "just",
}
"""Hedges of other languages -> the English hedge whose factor (:data:`HEDGE_FACTORS`) applies
("à une cinquantaine de kilomètres": about fifty)."""


def language_relatives(text: str, start: int, end: int, limit: int | None,
                        lang: LanguageData) -> list[RelativeExpression]:
    """Relative expressions by a language's ``RELATIVE_PATTERNS`` (French, Russian), as
    :func:`parse_relative` gives them for English: a distance in km or metres, a compass
    direction, a border ("à la frontière avec le Mali", "на таджикско-афганской границе"), the
    outskirts or nearness ("près de", "под Душанбе")."""
    found: list[RelativeExpression] = []
    for pattern, relation in lang.RELATIVE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            groups = m.groupdict()
            a0, a1 = m.span("anchor")
            fields: dict[str, object] = {}
            if groups.get("num"):
                value = lang.parse_number(groups["num"])
                word = groups["unit"].lower()
                unit = "km" if word.startswith(("km", "kilom", "км", "килом")) else "m"
                if value is None:
                    continue
                fields.update(distance=float(value), unit=unit,
                              distance_km=float(value) * UNITS_KM[unit])
            direction = (groups.get("dir") or "").lower()
            if direction:
                angle = next((a for w, a in lang.DIRECTIONS.items()
                              if direction == w or direction.startswith(w)), None)
                if angle is not None:
                    fields.update(bearing_deg=angle, bearing_text=_COMPASS_NAMES[angle])
            hedge = (groups.get("hedge") or "").strip().lower()
            if hedge:
                fields["hedge"] = _LANGUAGE_HEDGES.get(hedge)
            kind = {"on_border_adj": "on_border", "direction": "offset"}.get(relation, relation)
            if relation == "offset" and "distance_km" not in fields and "bearing_deg" not in fields:
                kind = "near"
            found.append(RelativeExpression(
                start=m.start(), end=a1, text=text[m.start():a1], relation=kind,  # type: ignore[arg-type]
                anchor_text=text[a0:a1], anchor_start=a0, anchor_end=a1,
                **fields,  # type: ignore[arg-type]
            ))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[RelativeExpression] = []
    for expr in found:
        if out and expr.start < out[-1].end:
            continue  # inside an expression already taken (patterns are tried most specific first)
        out.append(expr)
        if limit is not None and len(out) >= limit:
            break
    return out
