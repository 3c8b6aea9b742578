"""Word lists the recognizer uses to keep false positives down.

General English knowledge only (no corpus-specific entries): calendar words, titles that
precede person names, feature words that follow place names, and lazily loaded vocabularies
from PyPI packages: ``english-words`` (Webster's 2nd, case preserved, so "mobile" and "reading"
are common words while "Texas" is not) and ``names`` (US census first names).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geomap.lang.en import LOCAL_AREA_WORDS, NEW_PLACE_AREA_WORDS

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}
# Capitalised words that are (also) place names somewhere but in news prose are almost never
# toponyms on their own.
STOP_NAMES = MONTHS | WEEKDAYS | {
    "god", "lord", "christmas", "easter", "ramadan", "eid", "today", "tonight", "tomorrow",
    "yesterday", "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "president", "minister", "police", "army", "government", "i", "a", "an", "the",
    "of", "in", "on", "at", "to", "by", "and", "or", "but", "mr", "mrs", "ms", "dr", "st", "am",
    "pm", "ad", "bc", "tv", "ok", "no", "yes", "we", "he", "she", "it", "is", "be", "so", "do",
    "go", "up", "as", "if", "my", "me", "us", "our", "his", "her", "its", "this", "that", "all",
    "one", "two", "new", "old", "man", "men", "day", "time", "year", "home", "house", "court",
    "university", "college", "school", "church", "hospital", "center", "centre", "street",
    "district", "county", "city", "state", "province", "region", "republic", "kingdom", "union",
    "federal", "national", "international", "world", "earth", "moon", "sun", "internet",
    "twitter", "facebook", "google", "apple", "amazon", "congress", "senate", "parliament",
    "central", "western", "eastern", "northern", "southern", "northeastern", "northwestern",
    "southeastern", "southwestern", "midwest", "inc", "ltd", "co", "corp", "llc", "plc",
    "gov", "sen", "rep", "sgt", "sr", "jr", "gen", "col", "capt", "lt", "cpl", "prof", "fm",
    "metro", "sister", "brother", "uncle", "aunt",
    # organisations and events whose names are also small towns somewhere
    "hamas", "hezbollah", "olympic", "olympics", "paralympic", "paralympics",
}
# Multi-word names that in news are institutions, not the places of the same name.
MULTI_STOP_NAMES = {
    "white house", "the city", "the state", "the capital", "capitol hill", "downing street",
    "wall street", "main street", "the valley", "the island", "the coast", "the hill",
    "el nino", "la nina",  # the Pacific climate patterns
}
TITLES = {
    "president", "presidents", "vice", "mr", "mrs", "ms", "miss", "dr", "prof", "professor",
    "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "sheikh", "emir",
    "sultan", "pope", "cardinal", "bishop", "rev", "reverend", "father", "saint", "gen",
    "general", "col", "colonel", "maj", "major", "capt", "captain", "lt", "lieutenant", "sgt",
    "sergeant", "cpl", "corporal", "pvt", "private", "adm", "admiral", "cmdr", "commander",
    "gov", "governor", "sen", "senator", "rep", "representative", "congressman",
    "congresswoman", "mayor", "judge", "justice", "chancellor", "minister", "premier",
    "ambassador", "secretary", "chairman", "chairwoman", "ceo", "coach", "officer", "deputy",
    "sheriff", "detective", "trooper", "agent", "spokesman", "spokeswoman", "leader", "chief",
    "director", "inspector", "superintendent", "principal", "councilman", "councilwoman",
    "commissioner", "attorney", "dean", "jr", "sr", "sister", "brother", "st",
}
# Lower-case words after a name that make it a place ("Kunduz province", "the Ishkobod
# border post"); the longest phrase first. Used both to label gazetteer matches and to
# accept names the gazetteer lacks.
FEATURE_WORDS = (
    "border post", "border crossing", "border checkpoint", "border outpost", "checkpoint",
    "province", "district", "region", "oblast", "governorate", "prefecture", "county",
    "municipality", "village", "town", "city", "valley", "gorge", "river", "mountains",
    "refugee camp", "camp", "airport", "air base", "airbase", "military base", "base",
    "neighbourhood", "neighborhood", "suburb", "township", "parish", "borough", "island",
    "islands", "region", "area", "state", *LOCAL_AREA_WORDS,
)
# Feature words strong enough to accept an unknown capitalised name as a place.
NEW_PLACE_FEATURES = {
    "border post", "border crossing", "border checkpoint", "border outpost", "checkpoint",
    "province", "district", "oblast", "governorate", "prefecture", "village", "refugee camp",
    "township", "valley", "gorge", *NEW_PLACE_AREA_WORDS,
}
BORDER_WORDS = {"border", "borders", "frontier", "frontiers", "border area", "border region"}
# Capitalised words after a gazetteer name that make the whole run a street or building name.
STREET_WORDS = {
    "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "ln", "drive",
    "dr", "highway", "hwy", "parkway", "pkwy", "way", "court", "ct", "place", "pl", "square",
    "terrace", "circle", "trail", "pike", "route",
}
# Words that continue a place name ("Rapides Parish", "Lake Charles" are in the gazetteer,
# but "Kunduz Province" may not be).
PLACE_CONTINUATIONS = {
    "county", "parish", "province", "district", "region", "city", "state", "oblast",
    "governorate", "prefecture", "valley", "river", "island", "islands", "mountains", "bay",
    "lake", "peninsula", "desert", "sea", "ocean", "gulf", "strait", "basin", "coast",
    "township", "borough", "village", "heights", "springs", "falls", "beach", "harbor",
    "harbour", "area", "metro", "territory",
    *(w.lower() for w in NEW_PLACE_AREA_WORDS if " " not in w),
}
# Sports clubs named after places: a word right after the place ("Manchester United",
# "Bolton Wanderers", "Paris Saint-Germain", "Liverpool FC") or right before it ("Real Madrid",
# "Bayern Munich", "Inter Milan"). The club plays everywhere, so its name is not an event
# location. Institutions (universities, banks, newspapers) are NOT listed: their place name
# usually says where they are, and both gold standards annotate it as a toponym.
CLUB_TAILS = (  # not "SC" ("Charleston SC" is South Carolina), not "Rangers" (the Texas police)
    "F.C.", "FC", "AFC", "A.F.C.", "CF", "United", "Utd", "Rovers", "Wanderers", "Hotspur",
    "Albion", "Saint-Germain", "Athletic",
)
CLUB_HEADS = {
    "real", "atletico", "atlético", "sporting", "inter", "ac", "bayern", "borussia",
    "olympique", "dynamo", "dinamo", "spartak", "lokomotiv", "deportivo", "racing", "fc",
    "united",  # parties: "United Russia" ("United States" is matched whole, never split)
}
CONNECTORS = {
    "of", "the", "de", "du", "des", "la", "le", "les", "el", "al", "and", "upon", "on", "in",
    "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "y", "sur", "en",
    "au", "aux", "am", "an", "bei", "im", "i", "e", "ad", "es", "ul", "ur", "bin", "ibn", "ben",
}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words (Webster's 2nd, as shipped by ``english-words``).

    A capitalised token whose lower-case form is here ("Mobile", "Reading", "Rise") is an
    ordinary word that may be capitalised only because it starts a sentence or a title.
    Empty when the package is not installed (the recognizer then relies on the other cues).
    """
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - optional safety net
        return frozenset()
    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return frozenset(w for w in words if w.islower())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case US census first names (PyPI ``names``), the commoner 60 % of each list."""
    try:
        import names
    except ImportError:  # pragma: no cover
        return frozenset()
    folder = Path(names.__file__).resolve().parent
    out: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        path = folder / fname
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                # columns: NAME freq cumulative_freq rank
                if len(parts) >= 3 and float(parts[2]) <= 85.0:
                    out.add(parts[0].lower())
    return frozenset(out)


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    """Lower-case US census surnames (PyPI ``names``) covering 80 % of people."""
    try:
        import names
    except ImportError:  # pragma: no cover
        return frozenset()
    path = Path(names.__file__).resolve().parent / "dist.all.last"
    out: set[str] = set()
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3 and float(parts[2]) <= 80.0:
                    out.add(parts[0].lower())
    return frozenset(out)
