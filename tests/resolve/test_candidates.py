"""Name variants, sub-phrases and the lookup memo."""

from __future__ import annotations

from geomap.resolve.candidates import WEAK, LookupCache, candidates, sub_phrases, variants
from geomap.types import Mention


def _m(name: str, **kw) -> Mention:
    return Mention(0, len(name), name, name, **kw)


def test_variants_drop_possessives_articles_and_feature_words():
    assert variants(_m("Afghanistan's")) == ["Afghanistan's", "Afghanistan"]
    assert variants(_m("the Hague")) == ["the Hague", "Hague"]
    assert "Kunduz" in variants(_m("Kunduz province"))
    assert variants(_m("Kunduz", feature="province", kind="feature_phrase"))[1] == "Kunduz province"


def test_sub_phrases_longest_first_and_ordinary_words_weak():
    parts = sub_phrases("South Los Angeles")
    assert parts.index("Los Angeles") < parts.index("Angeles")
    assert all(p.startswith(WEAK) or p != "Royal" for p in sub_phrases("Royal Street"))
    assert sub_phrases("Paris") == []


def test_lookup_memo_and_candidates(gazetteer):
    lookup = LookupCache(gazetteer, size=2)
    first = lookup("Dushanbe")
    assert first and lookup("dushanbe") is first  # one normalised key
    lookup("Paris")
    lookup("Kunduz")  # past the size: the memo starts again
    assert len(lookup.data) == 1
    assert lookup("") == []
    found = candidates(_m("Dushanbe's"), lookup)
    assert any(p.geonameid == 1221874 and nt == "name" for p, nt in found)
    parts = candidates(_m("Dushanbe Zzqx Stadium"), LookupCache(gazetteer))
    assert parts and {nt for _p, nt in parts} == {"part"}
