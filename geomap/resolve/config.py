"""The resolver's tuned numbers, each named with the reason it has its value.

They were set by hand on the LGL and GeoWebNews development articles and the seed stories and
checked against ``benchmarks/bench_geoparse.py`` (see benchmarks/RESULTS.md); a change here
moves the benchmark figures, so re-run it. Scores are in log-odds-like points: a candidate's
score is its prior (kind, population, how the name matched) plus the context the document gives.
"""

from __future__ import annotations

# -- candidates --------------------------------------------------------------------------------

MAX_CANDIDATES = 30
"""Candidates kept per mention after the prior (the rest never win a context pass)."""
LOOKUP_CACHE_SIZE = 50_000
"""Name lookups memoised per gazetteer before the memo is cleared (names repeat across texts)."""

# -- prior -------------------------------------------------------------------------------------

KIND_PRIOR = {
    "continent": 4.0,
    "country": 4.0,
    "region": 2.5,
    "admin1": 2.0,
    "admin2": 0.6,
    "city": 1.0,
    "feature": 0.5,
    "user": 3.0,
}
"""Prior by place kind: news names countries and states more often than same-named towns."""
UNKNOWN_KIND_PRIOR = 0.5
"""Prior of a kind missing from ``KIND_PRIOR`` (as a feature)."""
NAME_TYPE_PRIOR = {
    "name": 1.0,
    "ascii": 1.0,
    "abbreviation": 0.8,
    "demonym": 0.8,
    "code": 0.4,
    "alternate": 0.0,
    "part": -0.5,
}
"""Prior by how the name matched: a place's own name over an alternate or a part of the name."""
POPULATION_WEIGHT = 0.6
"""Prior per decade of population: bigger places are named more often."""
DEMONYM_MATCH_BONUS = 2.0
"""A demonym mention ("Afghan") matched through a demonym: the country it belongs to."""
FEATURE_KIND_BONUS = 2.0
"""A feature word after the name ("Kunduz province") that names the candidate's kind."""
WATER_BONUS = 2.0
"""A water name ("the Red Sea", "Gulf of Aden") for a body of water (GeoNames class H)."""
CODE_PENALTY = 2.0
"""A code match ("CA", "PA") of anything but a first-level area is rarely meant."""
CAPITAL_BONUS = 1.8
"""National capitals are what news means ("Washington", "Paris"), by their own names."""
ADMIN_SEAT_BONUS = 0.3
"""Seats of first-level areas and of government (PPLA, PPLG) over same-named villages."""
FAMOUS_POPULATION = 1_000_000
"""A city of this size is famous: it gains ``FAMOUS_CITY_BONUS`` and can damp a small
same-named city's focus boost (``FAMOUS_RATIO``)."""
FAMOUS_CITY_BONUS = 0.7
"""Prior of a famous city (see ``FAMOUS_POPULATION``)."""
CITY_OVER_AREA_MARGIN = 0.3
"""How far a big city's prior is lifted above a same-named admin area it beats."""
CITY_AREA_POPULATION_RATIO = 10
"""A city beats the same-named area around it when it has at least 1/this of its people."""
BIG_CITY_OVER_AREA = 250_000
"""A city this big beats a same-named, no more populous area elsewhere ("Manchester")."""

# -- one-off context passes --------------------------------------------------------------------

INSIDE_BONUS = 5.0
"""A candidate inside the container the text gives ("Bangor, Maine"): nearly decisive."""
CONTAINER_BONUS = 1.0
"""A container candidate that holds a candidate of the name before it ("Bangor, Maine")."""
AREA_CONTAINER_BONUS = 2.0
"""An admin area named as a place's container ("X, Donetsk", "X (Ampara, Eastern)"): the text
uses it as an area, so it beats the same-named city (Donetsk the oblast, not the city)."""
CONTAINER_GAP_CHARS = 30
"""Longest gap between a name and its container ("X, in the province of Y")."""
CONTAINER_CHAIN_MAX = 3
"""Containers read after a name ("X (District, Y, Z)")."""
OUTSIDE_MAX_POPULATION = 100_000
"""A name with no candidate inside the container the text gives is taken for a place the
gazetteer lacks only when none of its candidates is this big: "Kyiv, Kharkiv" is a list."""
OUTSIDE_NEAR_KM = 100.0
"""A candidate this close to the named area's point may lie in it under other admin codes (the
gazetteer's codes lag boundary changes), so the name is not taken for a missing place."""
DATELINE_MENTIONS = 3
"""Mentions at the start of a text that may be its dateline."""
DATELINE_BONUS = 2.0
"""A dateline city named alone ("DENVER (CBS4) -", "LAS VEGAS -") is the well-known city of that
name: news style names the state or country after any other ("Shelby, N.Y."). Its biggest
same-named city of ``DATELINE_MIN_POPULATION`` gains this, for every mention of the name."""
DATELINE_MIN_POPULATION = 500_000
"""See ``DATELINE_BONUS``."""
AGENCY_BONUS = 1.5
"""A name before "police" ("Savannah-Chatham Metropolitan Police", "Dayton police said") is a
town: police forces are a town's (a county's is named "County"); its towns gain this over a
same-named region or state."""
DEMONYM_REACH_CHARS = 30
"""A demonym at most this far before a name modifies it ("the Tajik capital Dushanbe")."""
DEMONYM_MODIFIER_BONUS = 2.0
"""Candidates of a demonym-modified name in the demonym's country."""

# -- focus -------------------------------------------------------------------------------------

FOCUS_ROUNDS = 3
"""Focus passes: each re-weights the votes by the previous round's probabilities."""
COUNTRY_FOCUS = 1.0
"""Gain per log(1 + votes) of the other names for the candidate's country."""
ADMIN1_FOCUS = 2.5
"""Gain per log(1 + votes) for the candidate's first-level area (more specific than country)."""
AREA_VOTE = 2.0
"""Vote of a named country or first-level area (a town votes 1), and the cap of one name's
vote: a named country or state says more about the article's focus than a town."""
STYLE_VOTE = 2.0
"""A country's local-news conventions (``COUNTRY_STYLE_CUES``) vote like a named country."""
DEMONYM_VOTE = 0.5
"""A demonym's focus vote relative to a place name ("Russian" is often about another country)."""
ALTERNATE_FOCUS_DAMP = 0.5
"""Share of the focus boost a candidate matched by an alternate name gets."""
FAMOUS_RATIO = 1000
"""A same-named place this many times bigger (and of 1M+) halves a small city's focus boost."""
FAMOUS_DAMP = 0.5
"""Factor on the focus boost of a small city overshadowed by a famous namesake."""

# -- coherence ---------------------------------------------------------------------------------

COHERENCE_KM = 200.0
"""Candidates this close to other mentions' picks are boosted (stories stay in a region)."""
COHERENCE_WEIGHT = 0.8
"""Gain per nearby pick."""
COHERENCE_MAX_BONUS = 2.0
"""Cap of the coherence gain (a list of neighbouring towns must not outvote a container)."""
COHERENCE_CANDIDATES = 10
"""Candidates per mention tested for coherence (the top ones by score)."""
COHERENCE_MAX_GROUPS = 1_000
"""Distinct (name, place) picks past which the coherence pass is skipped: such a text is a list,
not a story, and in a dense region the pass grows with the square of the picks."""
COHERENCE_CELL_LAT = 3
"""Grid cell height in degrees of latitude (more than ``COHERENCE_KM``)."""
COHERENCE_CELL_LON = 4
"""Grid cell width in degrees of longitude."""

# -- decision and confidence -------------------------------------------------------------------

PART_MIN_SUPPORT = 1.0
"""Context a part-of-name candidate ("Robinson" of "Robinson Township") needs to be kept."""
PART_KEEP_POPULATION = 100_000
"""A part-of-name city this big (or a country, first-level area) is kept without support."""
FOCUS_NOTE_MIN = 1.0
"""Focus gain from which the reason names the article focus."""
ALTERNATIVES_SHOWN = 3
"""Other candidates listed with a toponym (and named in an outside-the-area reason)."""
MARGIN_CAP = 6.0
"""Winning margin past which confidence stops rising (also the margin of a sole candidate)."""
SUPPORT_CAP = 3.0
"""Context support past which confidence stops rising."""
CALIBRATION = (-0.249, 0.392, 0.545, -0.119, -0.425)
"""Logistic calibration of P(within 161 km):
``z = a + b * min(margin, 6) + c * min(support, 3) + d * ln(candidates) + e * part_of_name``,
fitted on the resolved gold spans of LGL and GeoWebNews (8,669 mentions) by
``benchmarks/bench_geoparse.py --fit`` (in-sample; see benchmarks/RESULTS.md)."""

# -- text windows ------------------------------------------------------------------------------

FEATURE_AFTER_CHARS = 40
"""Text after a gold span searched for a feature word ("Kunduz province")."""
CONTAINED_LOOKBACK_CHARS = 80
"""Text before an area name searched for a skipped place it contains ("Izium, Kharkiv")."""
PLACE_CUE_CHARS = 30
"""Text before a skipped name searched for a place word ("shelled", "near")."""
LOCATIVE_CUE_CHARS = 20
"""Text before a capitalised word searched for a locative ("in", "near")."""
