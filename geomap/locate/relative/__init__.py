"""Relative location expressions: "some 50 kilometres (30 miles) west of Dushanbe".

The parser tokenises the text once with a single regex that has no nested quantifiers (words,
numbers, single punctuation marks) and then tries a small hand-written grammar at each token
with a bounded look-ahead (at most a few dozen tokens), so it runs in linear time on any input,
including pathological runs of digits, spaces or capitalised words.

Grammar (case-insensitive except place names and compass abbreviations)::

    [hedge] quantity [(conversion)] [to the | due] bearing (of|from) ANCHOR   -> offset
    [hedge] quantity [(conversion)] [away] from ANCHOR                        -> offset, no bearing
    [hedge] quantity [(conversion)] outside [of] ANCHOR                       -> outside
    [hedge] quantity [(conversion)] off [the coast of] ANCHOR                 -> offset, no bearing
    [hedge] quantity ... (from|bearing of) BORDER                             -> from_border
    [just] (near [to] | close to | not far from | nearby | in the vicinity of | around) ANCHOR
                                                                              -> near
    (just | immediately | directly) bearing of ANCHOR                         -> offset, no distance
    [on|in|at] the outskirts of ANCHOR                                        -> outskirts
    [just] outside [of] ANCHOR                                                -> outside
    (on|at|along|across|astride) BORDER                                       -> on_border
    (near|close to|...) BORDER                                                -> from_border

``quantity`` is a figure (``50``, ``1,200``, ``2.5``) or number words (``ten``, ``twenty-five``,
``a``, ``half a``) or a vague amount (``a few`` = 3, ``several`` = 5, ``a couple of`` = 2,
``tens of`` = 30, ``dozens of`` = 36), followed by a unit: km/kms/kilometre(s)/kilometer(s),
mile(s)/mi, metre(s)/meter(s)/m, nautical mile(s)/nm/nmi, feet/ft, yard(s). A parenthesised
conversion right after the unit ("(30 miles)") is skipped: the first figure wins.

``bearing`` is any of the 16 compass points as words ("north", "north-east", "northeast",
"north east", "north-northeast", "east-north-east") or upper-case abbreviations (N, NNE, NE,
ENE, ...), optionally "due"/"to the".

``ANCHOR`` is a run of capitalised words (up to six, joined by "of", "de", "al", "el", ...),
optionally after "the <descriptor> [of]" ("the Tajik capital Dushanbe", "the town of X");
``BORDER`` is "the border [with Y | between X and Y]" or "the Afghan border" / "the
Tajik-Afghan frontier". For "the border with Y" the anchor is "Y"; for "the Afghan border"
it is the whole phrase.

Modules: :mod:`.words` (vocabulary, bearings), :mod:`.tokens`, :mod:`.quantity` (distances and
bearings), :mod:`.parse` (the grammar, :func:`parse_relative`), :mod:`.languages` (French and
Russian patterns) and :mod:`.compute` (uncertainty and the point, :func:`locate_relative`).
"""

from geomap.locate.relative.compute import (
    AREA_EXTENT_KM,
    BORDER_KM,
    JUST_OUTSIDE_KM,
    MAX_RELATIVE_DISTANCE_KM,
    NEAR_KM,
    OUTSIDE_KM,
    OUTSKIRTS_KM,
    bearing_resolution,
    beyond_reach,
    distance_error_km,
    locate_relative,
    uncertainty_km,
    with_name,
)
from geomap.locate.relative.parse import parse_relative
from geomap.locate.relative.words import HEDGE_FACTORS, UNITS_KM, parse_bearing

__all__ = [
    "AREA_EXTENT_KM",
    "BORDER_KM",
    "HEDGE_FACTORS",
    "JUST_OUTSIDE_KM",
    "MAX_RELATIVE_DISTANCE_KM",
    "NEAR_KM",
    "OUTSIDE_KM",
    "OUTSKIRTS_KM",
    "UNITS_KM",
    "bearing_resolution",
    "beyond_reach",
    "distance_error_km",
    "locate_relative",
    "parse_bearing",
    "parse_relative",
    "uncertainty_km",
    "with_name",
]
