"""The gazetteer places a mention may name: its name and variants of it (possessives, a leading
"the", a trailing feature word), else the parts of a longer name the gazetteer lacks."""

from __future__ import annotations

from geomap.gazetteer.base import Gazetteer
from geomap.gazetteer.normalize import name_key
from geomap.lang.en import ADJECTIVAL_AREA_SUFFIX, LOCAL_AREA_WORDS
from geomap.resolve.config import LOOKUP_CACHE_SIZE, NAME_TYPE_PRIOR
from geomap.types import Candidate, Mention, Place

FEATURE_KINDS = {
    "province": ("admin1",),
    "region": ("admin1", "region"),
    "oblast": ("admin1",),
    "governorate": ("admin1",),
    "prefecture": ("admin1",),
    "state": ("admin1",),
    "district": ("admin2",),
    "county": ("admin2",),
    "parish": ("admin2",),
    "municipality": ("admin2", "city"),
    "borough": ("admin2", "city"),
    "city": ("city",),
    "town": ("city",),
    "village": ("city",),
    "township": ("city",),
    **{w.lower(): kinds for w, kinds in LOCAL_AREA_WORDS.items()},
}
"""Place kinds a feature word after a name says ("Kunduz province": a first-level area)."""


def feature_names_area(feature: str | None) -> bool:
    """Whether a mention's feature word names an admin area ("province", "district")."""
    return bool(feature and {"admin1", "admin2"} & set(FEATURE_KINDS.get(feature, ())))


class LookupCache:
    """Memo of one gazetteer's lookups (names repeat within and across documents)."""

    def __init__(self, gazetteer: Gazetteer, size: int = LOOKUP_CACHE_SIZE) -> None:
        self.gazetteer = gazetteer
        self.size = size
        self.data: dict[str, list[Candidate]] = {}

    def __call__(self, name: str) -> list[Candidate]:
        key = name_key(name)
        if not key:
            return []
        hit = self.data.get(key)
        if hit is None:
            if len(self.data) >= self.size:
                self.data.clear()
            hit = self.data[key] = self.gazetteer.lookup(key)
        return hit


def variants(m: Mention) -> list[str]:
    """Names to try, best first, for a mention that may carry extra words."""
    out = [m.name]
    name = m.name
    for suffix in ("'s", "’s", "s'", "’"):
        if name.endswith(suffix):
            out.append(name[: -len(suffix)])
    if name.lower().startswith("the "):
        out.append(name[4:])
    if m.feature and m.kind == "feature_phrase":
        out.append(f"{name} {m.feature}")
    words = name.split()
    for n in (1, 2):  # "Kaya commune", "Imaduwa Pradeshiya Sabha"
        if len(words) > n and " ".join(words[-n:]).lower() in FEATURE_KINDS:
            out.append(" ".join(words[:-n]))
            seat = ADJECTIVAL_AREA_SUFFIX.sub("", out[-1])
            if seat != out[-1]:
                out.append(seat)  # "Korostenska district": the district of Korosten
    if m.feature and m.feature.lower() in FEATURE_KINDS:
        seat = ADJECTIVAL_AREA_SUFFIX.sub("", name)
        if seat != name:
            out.append(seat)
    return out


WEAK = "\0"
"""Marks a sub-phrase made only of ordinary English words (see :func:`sub_phrases`)."""


def sub_phrases(name: str) -> list[str]:
    """Contiguous word sequences of a multi-word name, longest first, leftmost first
    ("Dubai World Cup" -> ..., "Dubai"; "South Los Angeles" -> "Los Angeles"), skipping
    those made only of ordinary English words ("Royal Street" -> nothing)."""
    from geomap.recognize.words import STOP_NAMES, common_words

    words = name.replace("-", " ").split()
    if len(words) < 2 or len(words) > 8:
        return []
    common = common_words()
    out = []
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i:i + n]
            lows = [w.lower().strip(".,'’") for w in part]
            if not part[0][:1].isupper() or all(w in STOP_NAMES for w in lows):
                continue
            if all(w in common or w in STOP_NAMES for w in lows):
                # an ordinary word counts only as a state's or country's own name
                # ("Colorado State University" -> Colorado, not "Royal Street" -> Royal)
                out.append(WEAK + " ".join(part))
                continue
            out.append(" ".join(part))
    return out


def candidates(m: Mention, lookup: LookupCache) -> list[tuple[Place, str]]:
    """(place, name type) for each place the mention may name; "part" for a place found by a
    part of the name only (parts of one length compete together: "Robinson", "Cambridge")."""
    best: dict[str, tuple[Place, str]] = {}
    own = variants(m)
    part_words = 0
    for variant in own + sub_phrases(m.name):
        if variant not in own:
            n_words = len(variant.split())
            if best and n_words != part_words:
                break
            part_words = n_words
        weak = variant.startswith(WEAK)
        for cand in lookup(variant.removeprefix(WEAK)):
            if weak and not (
                cand.place.kind in ("country", "admin1") and cand.name_type in ("name", "ascii")
            ):
                continue
            pid = cand.place.id
            old = best.get(pid)
            name_type = cand.name_type if variant in own else "part"
            if old is None or NAME_TYPE_PRIOR.get(name_type, 0) > NAME_TYPE_PRIOR.get(
                old[1], 0
            ):
                best[pid] = (cand.place, name_type)
        if best and variant in own:
            break
    return list(best.values())
