"""The default recognizer on the seed article and on general English patterns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.gazetteer.base import alternates_by_lookup
from geomap.recognize import GazetteerRecognizer, Recognizer
from geomap.recognize._text import normalize_with_offsets


@pytest.fixture(scope="module")
def recognizer(gazetteer) -> GazetteerRecognizer:
    return GazetteerRecognizer(gazetteer)


@pytest.fixture(scope="module")
def seed_body(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


def _texts(mentions) -> list[str]:
    return [m.text for m in mentions]


def test_is_a_recognizer(recognizer):
    assert isinstance(recognizer, Recognizer)
    assert recognizer.name == "gazetteer"


def test_offsets_point_into_text(recognizer, seed_body):
    mentions = recognizer.recognize(seed_body)
    assert mentions
    for m in mentions:
        assert seed_body[m.start:m.end] == m.text
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start


def test_seed_places_found(recognizer, seed_body):
    found = set(_texts(recognizer.recognize(seed_body)))
    for name in ("Dushanbe", "Tajikistan", "Afghanistan", "China", "Kyrgyzstan", "Syria",
                 "Iraq", "Switzerland", "Paris", "Ishkobod"):
        assert name in found, name


def test_seed_false_positives_absent(recognizer, seed_body):
    mentions = recognizer.recognize(seed_body)
    covered = " | ".join(_texts(mentions))
    for bad in ("Wednesday", "Rise", "Constitution", "Emomali", "Rakhmon", "Gulmurod",
                "Halimov", "Emmanuel", "Macron", "Sunday", "May", "July"):
        assert bad not in _texts(mentions), (bad, covered)


def test_ishkobod_is_a_feature_phrase(recognizer, seed_body):
    ishkobod = [m for m in recognizer.recognize(seed_body) if m.text == "Ishkobod"]
    assert ishkobod and ishkobod[0].kind == "feature_phrase"
    assert ishkobod[0].feature == "border post"


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Troops moved to the Afghan border overnight.", "Afghan", "border"),
        ("Clashes on the border with Kyrgyzstan went on.", "Kyrgyzstan", "border"),
        ("Fighting in Kunduz province killed ten.", "Kunduz", "name"),
        ("Officials in Gorno-Badakhshan said so.", "Gorno-Badakhshan", "name"),
        ("Floods hit New South Wales again.", "New South Wales", "name"),
        ("The U.S. embassy issued a warning.", "U.S.", "abbreviation"),
        ("He lives in Charleston, W.Va. with his wife.", "W.Va.", "abbreviation"),
        ("Several Tajik officials resigned.", "Tajik", "demonym"),
    ],
)
def test_patterns(recognizer, text, surface, kind):
    mentions = {m.text: m for m in recognizer.recognize(text)}
    assert surface in mentions, (surface, list(mentions))
    assert mentions[surface].kind == kind


def test_kunduz_province_feature(recognizer):
    m = [m for m in recognizer.recognize("Fighting in Kunduz province killed ten.")
         if m.text == "Kunduz"][0]
    assert m.feature == "province"


def test_longest_match_wins(recognizer):
    texts = _texts(recognizer.recognize("Protests spread across New South Wales on Friday."))
    assert "New South Wales" in texts
    assert "Wales" not in texts


@pytest.mark.parametrize(
    "text",
    [
        "Reading is good for you, teachers say.",
        "Mobile phones were banned in the exam.",
        "Rise in prices worried the central bank.",
        "President Jordan Smith spoke on Monday.",
        "the meeting in paris was cancelled",  # lower case is not a place name
    ],
)
def test_false_positive_cues(recognizer, text):
    assert recognizer.recognize(text) == [], text


def test_capitalised_mid_sentence_city_found(recognizer):
    assert "Mobile" in _texts(recognizer.recognize("The storm reached Mobile late on Sunday."))


def test_empty_and_plain_text(recognizer):
    assert recognizer.recognize("") == []
    assert recognizer.recognize("nothing here at all") == []


def test_normalized_offsets_map_back():
    text = "Afghanistan’s  São Tomé & U.S."
    norm, offs = normalize_with_offsets(text)
    assert len(norm) == len(offs)
    assert norm == " afghanistan s sao tome and us "
    i = norm.index("sao")
    assert text[offs[i]] == "S"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        " " * 100_000,
        "Paris " * 20_000,
        "Aaaa " * 20_000,
        "A" * 100_000,
        "Ab" * 50_000,
        ("Big Ishkobod Town " * 6000) + "border post",
        "." * 100_000,
    ],
    ids=["digits", "spaces", "paris", "capwords", "capitals", "mixed", "features", "dots"],
)
def test_pathological_inputs_are_linear(recognizer, text):
    mentions = recognizer.recognize(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAbBzZ .,'’-&\n\té") + ["ß", "Ø", "İ", "ﬁ"]),
               max_size=60))
def test_normalized_offsets_are_monotonic(text):
    norm, offs = normalize_with_offsets(text)
    assert len(norm) == len(offs)
    assert norm.startswith(" ") and norm.endswith(" ")
    assert "  " not in norm
    inner = list(offs[1:-1]) if len(offs) > 1 else []  # a list, or an array for ASCII text
    assert inner == sorted(inner)
    assert all(0 <= o < len(text) for o in inner)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Paris", "in", "the", "Afghan", "border", "U.S.", "said",
                                 "Dushanbe", ",", ".", "President", "Mobile", "New", "York",
                                 "province", "Kunduz", "\n", "MAY"]), max_size=25))
def test_mentions_are_valid_spans(recognizer, words):
    text = " ".join(words)
    prev_end = -1
    for m in recognizer.recognize(text):
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end
        assert m.kind in ("name", "demonym", "abbreviation", "feature_phrase", "border")


def test_border_between_two_countries(recognizer):
    text = "Clashes on the frontier between Tajikistan and neighbouring Kyrgyzstan."
    kinds = {m.text: m.kind for m in recognizer.recognize(text)}
    assert kinds == {"Tajikistan": "border", "Kyrgyzstan": "border"}


def test_automaton_built_once_and_cached_on_disk(gazetteer, recognizer):
    from geomap.recognize._automaton import automaton_for, cache_path

    again = GazetteerRecognizer(gazetteer)
    assert again._automaton is recognizer._automaton
    assert automaton_for(gazetteer) is recognizer._automaton
    assert cache_path(gazetteer.path).is_file()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Paris Saint-Germain beat Manchester United 2-1 in Lyon.", ["Lyon"]),
        ("Real Madrid and Bayern Munich drew, fans in Berlin said.", ["Berlin"]),
        ("Bolton Wanderers fans travelled from Leeds.", ["Leeds"]),
        ("United States officials met in Madrid.", ["United States", "Madrid"]),
        ("The storm reached Charleston SC on Monday.", ["Charleston", "SC"]),
        ("United Russia won, officials in the United Kingdom said.", ["United Kingdom"]),
        ("Rioters threw Molotov cocktails at police in Kherson.", ["Kherson"]),
    ],
)
def test_sports_club_names_are_not_places(recognizer, text, kept):
    assert _texts(recognizer.recognize(text)) == kept


def test_area_short_names_found(recognizer, gazetteer):
    """Multi-word alternates that are an admin-2 area's name minus its area word."""
    text = "Drone strikes hit North Waziristan on Sunday."
    found = [m for m in recognizer.recognize(text) if m.text == "North Waziristan"]
    assert found
    assert any(c.place.kind == "admin2" for c in gazetteer.lookup("North Waziristan"))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The horse was trained by Mike de Kock in Dubai.", "Kock"),
        ("Omar El Abdi praised the visit.", "Abdi"),
        ("Jordan Henderson scored twice for the visitors.", "Jordan"),
    ],
)
def test_person_name_cues_beat_place_names(recognizer, text, absent):
    """A first name and particle before a word, or a first-name place before a surname,
    make a person ('Mike de Kock', 'Jordan Henderson')."""
    assert absent not in _texts(recognizer.recognize(text))


def test_climate_patterns_are_not_places(recognizer):
    assert _texts(recognizer.recognize("El Niño brought rain to Lima.")) == ["Lima"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The Chamber of Commerce met in Atlanta.", ["Atlanta"]),
        ("Hamas fired rockets and the Olympic team left Tokyo.", ["Tokyo"]),
        ("Trucks reached the City of Commerce on Monday.", ["Commerce"]),
        ("James Tauber of Nelson was driving a Dodge.", ["Nelson"]),
    ],
)
def test_institution_names_are_not_places(recognizer, text, want):
    """'X of <ordinary word>' after an institution word is a name, not a place; after a
    place word or a surname it is still a place."""
    assert _texts(recognizer.recognize(text)) == want


def test_first_name_place_still_a_place(recognizer):
    assert "Jordan" in _texts(recognizer.recognize("Officials in Jordan and Georgia met."))


class _NoInfoGazetteer:
    """A user gazetteer with only lookups and a name list (no ``info()``, no file): a
    small fixed subset of the default one."""

    path = None

    def __init__(self, base, keys):
        self._base, self._keys = base, keys

    def lookup(self, name, *, country=None):
        return self._base.lookup(name, country=country)

    def iter_names(self):
        for key in self._keys:
            yield key, "name"

    def important_alternates(self, min_population, kinds):
        return alternates_by_lookup(self, min_population, kinds)


def test_gazetteer_without_info_is_never_served_a_cached_automaton(gazetteer):
    """Nothing tells when such a gazetteer changes, so each object gets its own automaton."""
    from geomap.recognize._automaton import automaton_for

    one = _NoInfoGazetteer(gazetteer, ["dushanbe"])
    assert automaton_for(one).exists(" dushanbe ")
    del one
    two = _NoInfoGazetteer(gazetteer, ["khorog"])
    auto = automaton_for(two)
    assert auto.exists(" khorog ") and not auto.exists(" dushanbe ")


def test_recognizer_needs_only_the_gazetteer_protocol(dict_gazetteer):
    """On a store held in dicts (no file, no SQL): names and important alternates are found,
    the alternates of a small town are not (kept last: it replaces the process's automaton)."""
    rec = GazetteerRecognizer(dict_gazetteer)
    text = "Clashes near Dushanbe, once Stalinabad, spread to Sughd but not to Xorugh."
    assert _texts(rec.recognize(text)) == ["Dushanbe", "Stalinabad", "Sughd"]
    assert rec.names_major_place("tajikistan") and not rec.names_major_place("khorugh")
