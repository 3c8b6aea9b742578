"""Locate stage: relative location expressions and international borders.

:func:`locate` turns the relative expressions of a text into :class:`~geomap.types.Location`
objects, using the toponyms the resolver produced as anchors:

- offset / near / outside / outskirts expressions ("some 50 km west of Dushanbe") are located
  from their anchor place (method ``"relative"``, see :func:`locate_relative`);
- border expressions ("on the border with Uzbekistan", "near the Afghan border",
  "10 km from the border") need the country named in the phrase (Y) and the country on this
  side (X: a second country named in the phrase, else the country of the nearest resolved place
  in the same sentence, else the country the article's places are mostly in). With a reference
  place in the sentence, the point is the X-Y border point nearest to it (moved ``d`` km towards
  the reference for "d km from the border"); without one, the midpoint of the X-Y border line,
  precision 3, uncertainty half the border's length. When X stays unknown, or no country can
  be read from the phrase ("on the border" alone), nothing is returned for it. Method
  ``"border"``.
- A capitalised place phrase right before an expression that no resolved toponym covers ("the
  Ishkobod border post some 50 kilometres (30 miles) west of Dushanbe") is the place the
  expression locates: the Location takes that name, keeps method ``"relative"``, and its
  ``notes`` say the place is not in the gazetteer and was located from the text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from geomap import geo
from geomap.lang import current, is_english
from geomap.locate.borders import (
    Country,
    border_lines,
    country_at,
    country_geometries,
    country_name,
    country_near,
    distance_to_border_km,
    load_countries,
    named_border,
    nearest_borders,
    neighbours,
    shared_border,
)
from geomap.locate.event_place import focus_country
from geomap.locate.relative import (
    MAX_RELATIVE_DISTANCE_KM,
    bearing_resolution,
    beyond_reach,
    locate_relative,
    parse_bearing,
    parse_relative,
    uncertainty_km,
    with_name,
)
from geomap.resolve.resolver import OUTSIDE_NOTE
from geomap.types import Anchor, Location, Place, RelativeExpression, Toponym

__all__ = [
    "MAX_RELATIVE_DISTANCE_KM",
    "Country",
    "border_lines",
    "bearing_resolution",
    "beyond_reach",
    "country_at",
    "country_geometries",
    "country_name",
    "country_near",
    "distance_to_border_km",
    "load_countries",
    "locate",
    "locate_relative",
    "named_border",
    "nearest_borders",
    "neighbours",
    "parse_bearing",
    "parse_relative",
    "place_phrase_before",
    "shared_border",
    "uncertainty_km",
]

_AREA_KINDS = ("country", "region", "continent")


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


_GENERIC_SUFFIXES = {
    "city", "province", "district", "county", "region", "town", "governorate", "oblast",
    "state", "municipality", "prefecture", "village", "township", "'s", "’s",
}
"""Words an anchor may have beyond its toponym's mention ("New York City" for "New York")."""


def _covers(text: str, top: Toponym, expr: RelativeExpression) -> bool:
    """Whether the toponym's mention stands for the whole anchor phrase.

    Partial overlaps count only when the rest is a generic word: "Griffith" does not anchor
    "Griffith Park", nor "Dunes" "Wild Dunes".
    """
    m = top.mention
    if _overlap(m.start, m.end, expr.anchor_start, expr.anchor_end) <= 0:
        return False
    rest = text[expr.anchor_start : max(expr.anchor_start, m.start)] + " " + text[
        min(expr.anchor_end, m.end) : expr.anchor_end]
    return all(word.lower() in _GENERIC_SUFFIXES for word in rest.split())


def _anchor_toponym(
    text: str, expr: RelativeExpression, toponyms: Sequence[Toponym],
    named: dict[str, Toponym] | None = None,
) -> Toponym | None:
    """The resolved toponym whose mention is the anchor (see :func:`_covers`), else one with
    the anchor's name (``named``: :meth:`_Toponyms.named`, when the caller has it)."""
    best: tuple[int, float, Toponym] | None = None
    for top in toponyms:
        if top.place is None and top.reason.startswith(OUTSIDE_NOTE) and _covers(text, top, expr):
            return None  # "near Pisky, Donetsk" with no Pisky in Donetsk: not another Pisky
        if top.place is None or not _covers(text, top, expr):
            continue
        ov = _overlap(top.mention.start, top.mention.end, expr.anchor_start, expr.anchor_end)
        if best is None or (ov, top.confidence) > best[:2]:
            best = (ov, top.confidence, top)
    if best is not None:
        return best[2]
    key = expr.anchor_text.casefold()
    if named is not None:
        return named.get(key)
    same = [
        top for top in toponyms
        if top.place is not None
        and key in {top.mention.text.casefold(), top.mention.name.casefold(),
                    top.place.name.casefold()}
    ]
    return max(same, key=lambda t: t.confidence) if same else None


MAX_RELATIVES = 1_000
"""Relative expressions located per article. News articles have a handful; each costs a
geodesic and a border lookup, so a text repeating "50 km north of X" stops costing here."""
_NEAR_CHARS = 1_000
"""How far from an expression its toponyms are looked for (anchor, phrase before, nearest place
in the sentence): a long sentence, so per-expression work does not grow with the article."""


class _Toponyms:
    """The article's toponyms indexed by position and name, built once per :func:`locate`."""

    def __init__(self, toponyms: Sequence[Toponym]) -> None:
        self.all = list(toponyms)
        self.order = sorted(range(len(self.all)), key=lambda i: self.all[i].mention.start)
        self.starts = [self.all[i].mention.start for i in self.order]
        self.longest = max((t.mention.end - t.mention.start for t in self.all), default=0)
        self.named: dict[str, Toponym] = {}
        for top in self.all:
            if top.place is None:
                continue
            for key in {top.mention.text.casefold(), top.mention.name.casefold(),
                        top.place.name.casefold()}:
                had = self.named.get(key)
                if had is None or top.confidence > had.confidence:  # first of the best
                    self.named[key] = top

    def near(self, expr: RelativeExpression) -> list[Toponym]:
        """Toponyms within ``_NEAR_CHARS`` of ``expr`` (and all that overlap it), in order."""
        lo = bisect_left(self.starts, expr.start - _NEAR_CHARS - self.longest)
        hi = bisect_left(self.starts, expr.end + _NEAR_CHARS)
        return [self.all[i] for i in sorted(self.order[lo:hi])]


def place_phrase_before(
    text: str, expr: RelativeExpression, toponyms: Sequence[Toponym] = (), not_before: int = 0
) -> tuple[str, int, int] | None:
    """A capitalised place phrase ending right before ``expr`` that no resolved toponym covers.

    "the Ishkobod border post some 50 kilometres ..." -> ("Ishkobod border post", start, end).
    Looks back at most 120 characters and not before ``not_before`` (the end of the previous
    expression). Rejected: a single capitalised word opening a sentence with neither a feature
    word nor a comma after it ("Clashes on the border"), and phrases whose capitalised words
    are a resolved country or region ("Afghan border near X"). None when no such phrase.
    """
    from geomap.locate.relative.tokens import capitalised_run, is_capitalised, tokenize

    lang = current()
    toks = tokenize(text, max(0, not_before, expr.start - 120), expr.start)
    i = len(toks) - 1
    links = 0
    comma = False
    while i >= 0 and toks[i].low in lang.PLACE_LINKS and links < 3:
        comma = comma or toks[i].low == ","
        i, links = i - 1, links + 1
    end_i = i
    features = 0
    while i >= 0 and toks[i].low in lang.PLACE_FEATURES and features < 3:
        i, features = i - 1, features + 1
    caps = 0
    while i >= 0 and is_capitalised(toks[i]) and caps < 5:
        i, caps = i - 1, caps + 1
    if caps == 0:
        return None
    first = i + 1
    if capitalised_run(text, toks, first, limit=5) is None or end_i < first:
        return None
    cue = i
    if cue >= 0 and toks[cue].low == "the":
        cue -= 1
    has_cue = cue >= 0 and toks[cue].low in lang.PLACE_CUES
    # The phrase must not cross a line break.
    start, end = toks[first].start, toks[end_i].end
    if "\n" in text[start:end]:
        return None
    caps_end = toks[first + caps - 1].end
    sentence_start = text[: start].rstrip()[-1:] in ("", ".", "!", "?", "\n", '"')
    if sentence_start and caps == 1 and features == 0 and not comma:
        return None
    unresolved_mention = any(
        top.place is None and _overlap(top.mention.start, top.mention.end, start, end) > 0
        for top in toponyms
    )
    if not (has_cue or features or unresolved_mention):
        return None  # "caught up with Bakari near Atlanta": a person, not a place
    if current().PLACE_AS_MODIFIER.search(text, start, end + 1) is not None:
        return None  # "the Luhansk People's Militia near X": an armed group, not a place
    for top in toponyms:
        if top.place is None:
            continue
        if top.mention.start <= start and top.mention.end >= end:
            return None
        if top.place.kind in _AREA_KINDS and _overlap(
            top.mention.start, top.mention.end, start, caps_end
        ) > 0:
            return None
    return text[start:end], start, end


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [p for p in (text.find(c, end) for c in ".!?\n") if p >= 0]
    return left, (min(rights) if rights else len(text))


def _reference(
    text: str, expr: RelativeExpression, toponyms: Sequence[Toponym], located: Sequence[Location]
) -> tuple[float, float, str] | None:
    """The place nearest the expression in its sentence (not a country): (lat, lon, name)."""
    left, right = _sentence_bounds(text, expr.start, expr.end)
    best: tuple[int, float, float, str] | None = None
    for top in toponyms:
        place = top.place
        if place is None or place.kind in _AREA_KINDS:
            continue
        if not (left <= top.mention.start < right) or _overlap(
            top.mention.start, top.mention.end, expr.anchor_start, expr.anchor_end
        ) > 0:
            continue
        gap = abs(top.mention.start - expr.start)
        if best is None or gap < best[0]:
            best = (gap, place.lat, place.lon, place.name)
    for loc in located:
        rel = loc.relative
        if rel is None or not (left <= rel.start < right) or loc.method != "relative":
            continue
        gap = abs(rel.start - expr.start)
        if best is None or gap < best[0]:
            best = (gap, loc.lat, loc.lon, loc.name)
    return None if best is None else best[1:]


def _border_codes(expr: RelativeExpression, toponyms: Sequence[Toponym]) -> list[str]:
    from geomap.locate.names import border_country_codes

    codes: list[str] = []
    for top in sorted(toponyms, key=lambda t: t.mention.start):
        if top.place is None or top.place.country_code is None or top.place.kind != "country":
            continue
        if _overlap(top.mention.start, top.mention.end, expr.anchor_start, expr.anchor_end) > 0:
            code = top.place.country_code.upper()
            if code not in codes:
                codes.append(code)
    for code in border_country_codes(expr.anchor_text):
        if code not in codes:
            codes.append(code)
    return [c for c in codes if c in load_countries()]


def _border_length_km(line) -> float:  # noqa: ANN001 - shapely geometry
    import pyproj

    return pyproj.Geod(ellps="WGS84").geometry_length(line) / 1000.0


def _locate_border(
    text: str, expr: RelativeExpression, toponyms: Sequence[Toponym],
    located: Sequence[Location], article: Sequence[Toponym] | None = None,
) -> Location | None:
    codes = _border_codes(expr, toponyms)
    if not codes:
        return None
    ref = _reference(text, expr, toponyms, located)
    if len(codes) >= 2:
        home, other = codes[0], codes[1]
        if ref is not None and country_at(ref[0], ref[1]) == other:
            home, other = other, home
    else:
        other = codes[0]
        home = country_at(ref[0], ref[1]) if ref is not None else None
        if home is None or home == other:
            home = focus_country(article if article is not None else toponyms, exclude=other)
    if home is None or home == other or shared_border(home, other).is_empty:
        return None  # unknown side, or not neighbours ("the New York border" in the US)
    stated = expr.distance_km
    if ref is not None:
        found = named_border(ref[0], ref[1], other, home)
        if found is None:
            return None
        blat, blon = found.nearest_lat, found.nearest_lon
        lat, lon = blat, blon
        if stated and found.distance_km > 0:
            towards = geo.bearing_deg(blat, blon, ref[0], ref[1])
            lat, lon = geo.destination(blat, blon, stated, towards)
        spread = geo.distance_km(ref[0], ref[1], lat, lon)
        radius = max(uncertainty_km(expr), 10.0, spread)
        precision = 2 if radius <= 25.0 else 3
        how = (f"{country_name(home)}-{country_name(other)} border point nearest {ref[2]} "
               f"({found.distance_km:.0f} km away)")
    else:
        line = shared_border(home, other)
        if line.is_empty:
            return None
        parts = list(getattr(line, "geoms", [line]))
        longest = max(parts, key=lambda p: p.length)
        mid = longest.interpolate(0.5, normalized=True)
        blat, blon = geo.from_xy(mid.x, mid.y)
        lat, lon = blat, blon
        radius = _border_length_km(line) / 2.0 + (stated or 0.0)
        precision = 3
        how = (f"midpoint of the {country_name(home)}-{country_name(other)} border (no place "
               "in the sentence to say where along it)")
    return Location(
        name=expr.text,
        lat=lat,
        lon=lon,
        precision=precision,  # type: ignore[arg-type]
        uncertainty_km=radius,
        country_code=home if expr.relation == "on_border" else (country_at(lat, lon) or home),
        method="border",
        anchor=Anchor(name=f"{country_name(other)} border", lat=blat, lon=blon,
                      distance_km=stated, bearing_deg=None),
        relative=expr,
        notes=f"estimated from the text: {how}",
    )


def _measured_from(top: Toponym, expr: RelativeExpression) -> Place:
    """The place a distance is measured from: in French and Russian reports a stated distance
    from a name that is both a region and its capital ("à 50 km au nord-ouest de Tillabéri",
    "в 40 км к югу от Оша") is measured from the town (the region's seat), not the region's
    centre. (English keeps its own rule: its dev-set figures are unchanged by this stage.)"""
    place = top.place
    if place is None or is_english() or expr.distance_km is None or place.kind not in (
            "admin1", "admin2"):
        return place  # type: ignore[return-value]
    towns = [alt for alt in top.alternatives
             if alt.kind == "city" and alt.country_code == place.country_code
             and alt.admin1_code == place.admin1_code]
    return max(towns, key=lambda a: a.population) if towns else place
OWN_PLACE_KINDS = frozenset({"user", "feature"})
"""Places that name a site itself (an analyst's own place, a GeoNames site such as a border
post): a phrase built on one ("Ishkobod border post") is located there, not estimated from the
text. A town inside a phrase ("Kunduz airport") is not the site, so the estimate stands."""

OWN_PLACE_KM = 2.0
"""Uncertainty of a site the gazetteer has: its own extent, not a distance read from text."""


def _own_place_in(phrase: tuple[str, int, int], toponyms: Sequence[Toponym]) -> Place | None:
    """A resolved site (see :data:`OWN_PLACE_KINDS`) named inside a place phrase."""
    _, start, end = phrase
    for top in toponyms:
        p = top.place
        if p is not None and p.kind in OWN_PLACE_KINDS and start <= top.mention.start \
                and top.mention.end <= end:
            return p
    return None


def _at_own_place(loc: Location, name: str, place: Place, expr: RelativeExpression
                  ) -> Location:
    """The site the gazetteer has, with what the text's relative expression says of it."""
    from dataclasses import replace

    from geomap.geo import distance_km

    d = distance_km(loc.lat, loc.lon, place.lat, place.lon)
    where = "your own place" if place.kind == "user" else "a gazetteer site"
    return replace(
        loc, name=name, lat=place.lat, lon=place.lon, precision=1,
        uncertainty_km=OWN_PLACE_KM, country_code=place.country_code or loc.country_code,
        method="toponym", place_id=place.id,
        notes=(f"{name!r} located at {place.name} ({where}, {place.source}); the text's "
               f"{expr.text!r} puts it {d:.1f} km from there"),
    )


def locate(text: str, toponyms: Sequence[Toponym]) -> list[Location]:
    """Locations for the relative expressions of ``text``, in text order.

    ``toponyms`` are the resolver's results for the same text (offsets into ``text``). An
    expression whose anchor is unresolved, or a border phrase whose countries cannot be told, is
    skipped (it is still in :func:`parse_relative`'s output). A distance over
    :data:`MAX_RELATIVE_DISTANCE_KM` is not a location: the anchor place is used, with a note
    (a border phrase is skipped). See the module docstring.
    """
    out: list[Location] = []
    previous_end = 0
    index = _Toponyms(toponyms)
    for expr in parse_relative(text, limit=MAX_RELATIVES):
        near = index.near(expr)
        if expr.relation in ("on_border", "from_border"):
            # "10,000 km from the border" is no location, and has no place to fall back on
            loc = None if beyond_reach(expr) else _locate_border(text, expr, near, out, toponyms)
        else:
            top = _anchor_toponym(text, expr, near, index.named)
            if current().STREET_ANCHOR_AFTER.match(text, expr.anchor_end) is not None:
                top = None  # "near Dexter and Tuxedo": a street corner, not the town Dexter
            if top is not None and top.mention.kind == "demonym":
                top = None  # "around Russian 300 soldiers": a number, not a place
            loc = None if top is None or top.place is None else locate_relative(
                expr, _measured_from(top, expr))
        if loc is None:
            previous_end = expr.end
            continue
        phrase = place_phrase_before(text, expr, near, not_before=previous_end)
        previous_end = expr.end
        own = _own_place_in(phrase, near) if phrase is not None else None
        if own is not None and loc.method == "relative":
            loc = _at_own_place(loc, phrase[0], own, expr)
        elif phrase is not None and loc.method == "relative":  # not at an anchor (beyond reach)
            loc = with_name(
                loc, phrase[0],
                f"{phrase[0]!r} is not in the gazetteer; located from the text "
                f"{expr.text!r} ({loc.notes})",
            )
        out.append(loc)
    return out
