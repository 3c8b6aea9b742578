"""Resolution on the seed article and on general context cues."""

from __future__ import annotations

import pytest

from geomap.resolve import geoparse, resolve
from geomap.types import Mention


@pytest.fixture(scope="module")
def seed_toponyms(gazetteer, seed_path):
    return geoparse(seed_path.read_text(encoding="utf-8"), gazetteer)


def _by_text(toponyms, text):
    found = [t for t in toponyms if t.mention.text == text]
    assert found, (text, [t.mention.text for t in toponyms])
    return found


def test_seed_dushanbe(seed_toponyms):
    for t in _by_text(seed_toponyms, "Dushanbe"):
        assert t.place is not None and t.place.geonameid == 1221874


@pytest.mark.parametrize(
    ("name", "cc"),
    [("Tajikistan", "TJ"), ("Afghanistan", "AF"), ("China", "CN"), ("Kyrgyzstan", "KG"),
     ("Syria", "SY"), ("Iraq", "IQ"), ("Switzerland", "CH")],
)
def test_seed_countries(seed_toponyms, name, cc):
    for t in _by_text(seed_toponyms, name):
        assert t.place is not None
        assert t.place.kind == "country" and t.place.country_code == cc


def test_seed_paris_is_in_france(seed_toponyms):
    (t,) = _by_text(seed_toponyms, "Paris")
    assert t.place.country_code == "FR" and t.place.kind == "city"


def test_seed_ishkobod_reported_unresolved(seed_toponyms):
    (t,) = _by_text(seed_toponyms, "Ishkobod")
    assert t.place is None and t.confidence == 0.0 and t.reason


def test_afghan_border(gazetteer):
    text = "The attackers crossed the Afghan border at night."
    (t,) = [t for t in geoparse(text, gazetteer) if t.mention.text == "Afghan"]
    assert t.mention.kind == "border"
    assert t.place is not None and t.place.country_code == "AF" and t.place.kind == "country"


def test_confidence_alternatives_reason(seed_toponyms):
    for t in seed_toponyms:
        assert 0.0 <= t.confidence <= 1.0
        assert isinstance(t.reason, str) and t.reason
        assert len(t.alternatives) <= 3
        if t.place is not None:
            assert t.place not in t.alternatives


def test_one_toponym_per_mention_in_order(gazetteer):
    text = "From Dushanbe to Qwxzyville and back to Paris."
    mentions = [
        Mention(5, 13, "Dushanbe", "Dushanbe"),
        Mention(17, 28, "Qwxzyville", "Qwxzyville"),
        Mention(41, 46, "Paris", "Paris"),
    ]
    out = resolve(mentions, gazetteer, text=text)
    assert [t.mention for t in out] == mentions
    assert out[1].place is None
    assert out[0].place is not None and out[2].place is not None


@pytest.mark.parametrize(
    ("text", "name", "cc", "admin1"),
    [
        ("A storm hit Bangor, Maine on Tuesday.", "Bangor", "US", "ME"),
        ("Police in Vahdat in Tajikistan said so.", "Vahdat", "TJ", None),
        ("The fair in Paris, Texas drew crowds.", "Paris", "US", "TX"),
    ],
)
def test_containment(gazetteer, text, name, cc, admin1):
    (t,) = [t for t in geoparse(text, gazetteer) if t.mention.text == name]
    assert t.place is not None and t.place.country_code == cc
    if admin1:
        assert t.place.admin1_code == admin1


@pytest.mark.parametrize(
    ("text", "name", "kind", "cc"),
    [
        ("Officials in Texas said the roads were closed.", "Texas", "admin1", "US"),
        ("Aid reached Africa this week.", "Africa", "continent", None),
        ("Georgia and Armenia signed a deal in Tbilisi.", "Georgia", "country", "GE"),
        # a city of 570,000 over a same-named parish of 62,000 (Jamaica)
        ("Fans gathered in Manchester on Saturday.", "Manchester", "city", "GB"),
        # a city of 410,000 over a same-named province of 385,000 elsewhere (Mozambique)
        ("Aid trucks entered Gaza on Monday.", "Gaza", "city", "PS"),
        # the article's state focus must not hand a 16M state's name to a hamlet of 2,900
        ("Officials in Albany and Buffalo, New York, said Florida would send aid to Rochester.",
         "Florida", "admin1", "US"),
    ],
)
def test_big_places_beat_homonyms(gazetteer, text, name, kind, cc):
    (t,) = [t for t in geoparse(text, gazetteer) if t.mention.text == name]
    assert t.place is not None and t.place.kind == kind
    if cc:
        assert t.place.country_code == cc


def test_spans_mode(gazetteer):
    text = "Dushanbe is far from Paris, and Ishkobod is not in any gazetteer."
    spans = [(0, 8), (21, 26), (32, 40)]
    out = geoparse(text, gazetteer, spans=spans)
    assert [(t.mention.start, t.mention.end) for t in out] == spans
    assert out[0].place.geonameid == 1221874
    assert out[2].place is None


def test_spans_outside_text_rejected(gazetteer):
    with pytest.raises(ValueError):
        geoparse("short", gazetteer, spans=[(0, 50)])


def test_empty_span_is_unresolved_not_dropped(gazetteer):
    out = geoparse("Paris", gazetteer, spans=[(0, 0), (0, 5)])
    assert len(out) == 2
    assert out[0].place is None
    assert out[1].place is not None


def test_unknown_name_does_not_empty_the_document(gazetteer):
    text = "Xqzvbn and Dushanbe and Kabul."
    out = geoparse(text, gazetteer, spans=[(0, 6), (11, 19), (24, 29)])
    assert out[0].place is None
    assert out[1].place.country_code == "TJ" and out[2].place.country_code == "AF"


@pytest.mark.parametrize(
    ("text", "name", "kind", "cc"),
    [
        ("Fighting spread in Kunduz province of Afghanistan.", "Kunduz", "admin1", "AF"),
        ("Police in the Vahdat district of Tajikistan said so.", "Vahdat", None, "TJ"),
    ],
)
def test_feature_phrase_containment(gazetteer, text, name, kind, cc):
    (t,) = [t for t in geoparse(text, gazetteer) if t.mention.text == name]
    assert t.place is not None and t.place.country_code == cc
    if kind:
        assert t.place.kind == kind
    assert "inside" in t.reason


def test_lookup_state_belongs_to_the_gazetteer_object(gazetteer_path):
    """A closed and reopened gazetteer (a new object, maybe at the old address) gets its
    own fresh lookup memo, never the closed one's."""
    from geomap.gazetteer.sqlite import SQLiteGazetteer
    from geomap.resolve.resolver import resolver_for

    first = SQLiteGazetteer(gazetteer_path)
    old = resolver_for(first).lookup
    assert old("Dushanbe") and resolver_for(first).lookup is old
    first.close()
    del first
    second = SQLiteGazetteer(gazetteer_path)
    try:
        fresh = resolver_for(second).lookup
        assert fresh is not old and not fresh.data
        assert fresh.gazetteer is second
    finally:
        second.close()


def test_the_resolver_owns_its_cache_not_the_gazetteer(gazetteer):
    """The memo lives in the resolver: nothing is set on the gazetteer object, and a Resolver
    kept by the caller gives what the module function gives."""
    from geomap.resolve import Resolver

    before = set(vars(gazetteer))
    text = "Fighting near Kunduz, Afghanistan, and in Dushanbe."
    tops = geoparse(text, gazetteer)
    assert set(vars(gazetteer)) == before
    mine = Resolver(gazetteer)
    assert mine.geoparse(text) == tops
    assert mine.lookup.data and mine.lookup.gazetteer is gazetteer


@pytest.mark.parametrize(
    ("text", "span", "want_water"),
    [
        ("Ships in the Red Sea were attacked by drones.", "Red Sea", True),
        ("Floods hit the Red Sea state of Sudan, officials in Port Sudan said.", "Red Sea", False),
    ],
)
def test_sea_phrase_prefers_the_water_body(gazetteer, text, span, want_water):
    """'X Sea' means the sea unless a feature word says the admin area of that name."""
    if not any(c.place.feature_class == "H" for c in gazetteer.lookup(span)):
        pytest.skip("this gazetteer predates the oceans and seas")
    start = text.index(span)
    (t,) = geoparse(text, gazetteer, spans=[(start, start + len(span))])
    assert t.place is not None
    assert (t.place.feature_class == "H") is want_water, t.reason


def test_name_parts_of_one_length_compete(gazetteer):
    """A name the gazetteer lacks is resolved by its parts; parts of the same length all
    compete (the leftmost, 'Robinson', must not shut out 'Cambridge')."""
    text = "Students at Robinson College Cambridge met officials from Oxford and London."
    spans = [(text.index(w), text.index(w) + len(w))
             for w in ("Robinson College Cambridge", "Oxford", "London")]
    first = geoparse(text, gazetteer, spans=spans)[0]
    assert first.place is not None and first.place.name == "Cambridge"
    assert first.place.country_code == "GB"


@pytest.mark.parametrize(
    ("text", "name", "want"),
    [
        ("Fans of Colorado State University cheered.", "Colorado State University", "Colorado"),
        ("He walked down Royal Street in the rain.", "Royal Street", None),
    ],
)
def test_ordinary_word_parts_only_as_state_or_country(gazetteer, text, name, want):
    """A part made of ordinary English words ('colorado', 'royal') resolves a longer name only
    when it is a state's or country's own name."""
    start = text.index(name)
    (t,) = geoparse(text, gazetteer, spans=[(start, start + len(name))])
    assert (t.place.name if t.place else None) == want


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot in the 400 block of Main Street in Chester on Sunday.",
        "The man was shot in Chester, the Police Department said. Tips: 610-447-8431.",
    ],
)
def test_local_news_style_names_the_country(gazetteer, text):
    (t,) = [t for t in geoparse(text, gazetteer) if t.mention.text == "Chester"]
    assert t.place is not None and t.place.country_code == "US"


def test_no_style_cue_keeps_the_bigger_homonym(gazetteer):
    (t,) = [t for t in geoparse("A man was shot in Chester on Sunday.", gazetteer)
            if t.mention.text == "Chester"]
    assert t.place is not None and t.place.country_code == "GB"
