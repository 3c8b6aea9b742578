import pytest

from geomap.events.numbers import (
    VAGUE_LOWER_BOUNDS,
    combine_casualties,
    count_casualties,
    find_casualty_claims,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("17", 17), ("1,344", 1344), ("Seventeen", 17), ("two hundred", 200),
        ("two hundred and five", 205), ("twenty-one", 21), ("a dozen", 12), ("two dozen", 24),
        ("a hundred", 100), ("1.5 million", 1_500_000), ("three thousand", 3000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["dozens", "hundreds", "several", "tens of thousands"])
def test_vague_quantities_are_none_unless_lower_bound(text):
    assert parse_number(text) is None
    assert parse_number(text, lower_bound=True) == VAGUE_LOWER_BOUNDS[text]


@pytest.mark.parametrize("text", ["", "foo", "seventeenth", "12 apples"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured", "detained"),
    [
        ("In May, at least 32 people were killed in a prison riot", 32, None, None),
        ("an attack on foreign cycling tourists left four dead and two injured", 4, 2, None),
        ('"15 members were neutralised and four more attackers detained," it said', None, None, 4),
        ("The blast killed 12 people and wounded 30 others.", 12, 30, None),
        ("two soldiers and a policeman were killed", 3, None, None),
        ("the death toll rose to 45", 45, None, None),
        ("a 15-year-old boy was shot dead", 1, None, None),
        ("Police arrested 14 in the Cottonport area", None, None, 14),
        ("Tens of thousands were killed during a five-year civil war", None, None, None),
        ("In 2015 he was killed", None, None, None),
        ("He was killed 2 years ago", None, None, None),
        ("Vassell was killed around 5 p.m. Wednesday", 1, None, None),  # one named victim, not 5
        ("three non-Russians with Arab nationality among the dead militants", None, None, None),
        ("at 24 civilians, 24 Kurdish fighters, and 25 Turkish-backed Syrian militiamen have "
         "been killed in the clashes", 73, None, None),
        ("with five officers and about a dozen militants left dead, officials said", 17, None,
         None),
    ],
)
def test_count_casualties(sentence, fatalities, injured, detained):
    assert count_casualties(sentence) == {
        "fatalities": fatalities, "injured": injured, "detained": detained,
    }


def test_parts_across_sentences_sum_and_totals_are_not_added():
    first = "Fifteen jihadists were killed in Tajikistan Wednesday during an attack."
    second = "The overnight assault also left a soldier and policeman dead."
    headline = "Seventeen people were killed in attack on a border post"
    parts = find_casualty_claims(first) + find_casualty_claims(second)
    assert combine_casualties(parts)["fatalities"] == 17
    both = find_casualty_claims(headline) + parts
    assert combine_casualties(both)["fatalities"] == 17
    # A stated total larger than the parts wins; a repeated group figure counts once.
    bigger = find_casualty_claims("At least 20 people were killed.") + parts
    assert combine_casualties(bigger)["fatalities"] == 20
    repeated = parts + find_casualty_claims("15 gunmen were killed by the guards.")
    assert combine_casualties(repeated)["fatalities"] == 17


def test_same_group_told_twice_is_not_summed():
    claims = (find_casualty_claims("12 militants were killed.")
              + find_casualty_claims("Officials said 14 insurgents were killed.")
              + find_casualty_claims("Five officers were killed."))
    assert [c.group for c in claims] == ["armed", "armed", "forces"]
    assert combine_casualties(claims)["fatalities"] == 14 + 5


def test_claim_offsets_point_at_the_phrase():
    sentence = "Witnesses said 3 people were injured."
    (claim,) = find_casualty_claims(sentence, offset=100)
    assert claim.kind == "injured" and claim.count == 3 and claim.total
    assert "3 people were injured" in sentence[claim.start - 100 : claim.end - 100]


# --- single victims, sums within a clause, "including", people shot (issue 11) ---------------


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Russian forces shot dead a civilian man in the village.", 1, None),
        ("A man was killed on Tuesday.", 1, None),
        ("A 2-year-old boy in Springfield died Wednesday.", 1, None),
        ("A man was shot and killed Tuesday night.", 1, None),
        ("A 25-year-old man was fatally shot.", 1, None),
        ("A 5-year-old boy who was shot in the face at a home has died.", 1, None),
        ("Four people, including a child, were killed in the attack.", 4, None),
        ("Three soldiers and a child were killed.", 4, None),
        ("1 person died and 3 were injured.", 1, 3),
        ("Seven men who were shot Sunday are expected to survive.", None, 7),
        ("Police said four people were shot, one fatally.", 1, 3),
        ("The gunman shot three police officers - one fatally.", 1, 2),
        ("He shot and killed his wife and their four children.", 5, None),
        ("He shot and killed Jane Doe, 34, and 2-year-old John Doe, then killed himself.", 3, None),
        ("A man was shot in the leg.", None, 1),
        ("Two men were shot Saturday night.", None, 2),
        ("killing a man and wounding two others", 1, 2),
        ("A teenage family member at Fort Riley died of a gunshot wound on Friday.", 1, None),
        ("A young child was shot and later died on Thursday evening.", 1, None),
        ("He is accused of a role in the shooting death of a teenager last week.", 1, None),
        ("Police are investigating the deaths of his wife and two children.", 3, None),
        ("According to his step-father, Mackey died in his brother's arms.", 1, None),
        ("A man accidentally shot himself to death.", 1, None),
    ],
)
def test_single_victims_and_sums(sentence: str, killed: int | None, injured: int | None) -> None:
    counts = count_casualties(sentence)
    assert (counts["fatalities"], counts["injured"]) == (killed, injured)


def test_shot_then_died_is_one_death_not_an_injury() -> None:
    claims = find_casualty_claims("A man was shot Tuesday.") + find_casualty_claims(
        "He later died at the hospital.")
    assert combine_casualties(claims) == {"fatalities": 1, "injured": None, "detained": None}


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A boy accidentally shot himself in the hand.", None, 1),
        ("A juvenile hiding a gun shot himself Friday night, police said.", None, 1),
        ("He shot and killed his wife and then shot himself.", 2, None),
        ("Two 16-year-olds were taken to hospital after being shot on Thursday night.", None, 2),
    ],
)
def test_people_who_shot_themselves_and_people_taken_to_hospital(
    sentence: str, killed: int | None, injured: int | None
) -> None:
    counts = count_casualties(sentence)
    assert (counts["fatalities"], counts["injured"]) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Image 7 of 14 A teen died after being shot at a party.", 1),
        ("THAT KILLED A 9 YEAR OLD BOY.", 1),
        ("The gunman killed a nine-year-old girl.", 1),
        ("Two 16-year-old boys were killed.", 2),
    ],
)
def test_ages_and_picture_captions_are_not_counts(sentence: str, killed: int) -> None:
    assert count_casualties(sentence)["fatalities"] == killed


def test_one_victim_told_twice_counts_once() -> None:
    claims = find_casualty_claims("A 17-year-old student was shot and killed Wednesday.")
    claims += find_casualty_claims("A 17-year-old boy was shot and killed at a party.")
    assert combine_casualties(claims)["fatalities"] == 1


def test_a_child_who_shot_himself_is_the_one_who_died() -> None:
    claims = find_casualty_claims("A 9-year-old boy fatally shot himself with a shotgun Monday.")
    claims += find_casualty_claims("The boy died at the scene.")
    assert combine_casualties(claims)["fatalities"] == 1
    assert count_casualties("A 3-year-old boy has died after he apparently shot himself.")[
        "fatalities"] == 1


def _lagos_event(text: str):
    """The main event of a made-up report placed in Lagos (published Thursday 14 March 2024)."""
    import re
    from datetime import UTC, datetime

    from geomap.events import extract_events
    from geomap.types import Article, Mention, Place, Toponym

    lagos = Place("gn:2332459", "Lagos", 6.45407, 3.39467, "city", 2332459, country_code="NG")
    toponyms = [Toponym(Mention(m.start(), m.end(), "Lagos", "Lagos"), lagos, 0.9, "test")
                for m in re.finditer("Lagos", text)]
    article = Article("x", text, published=datetime(2024, 3, 14, 9, tzinfo=UTC))
    return next(e for e in extract_events(article, toponyms, []) if e.main)


def test_the_toll_told_in_sentences_without_incident_words() -> None:
    text = ("A gunman opened fire on a crowd in Lagos on Wednesday night, police said. "
            "Officers cordoned off the street. The neighbours were worried about noise. "
            "Mr. Ade said he heard screams. Police said the victims were not named. "
            "One man later died at the hospital and two others were wounded.")
    event = _lagos_event(text)
    assert (event.fatalities, event.injured) == (1, 2)


def test_another_day_s_toll_is_not_added() -> None:
    text = ("A man was shot dead in Lagos on Wednesday night. Officers cordoned off the street. "
            "The neighbours were worried. Mr. Ade said he heard screams. Nobody was named. "
            "Last month, three people were killed in Lagos.")
    assert _lagos_event(text).fatalities == 1


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A 9-year-old boy accidentally shot his 54-year-old grandfather in the abdomen.", None, 1),
        ("A 4-year-old child was accidentally shot in the leg on Sunday.", None, 1),
        ("The 2-year-old who was shot inside an apartment in Madison has died.", 1, None),
        ("The victims were killed.", None, None),
        ("Police found 16-year-old Rolando Rojas Gonzalez dead from a gunshot wound.", 1, None),
        ("Deputies found two men dead in a car.", 2, None),
        ("Jackson then fired a handgun at Milner, killing him.", 1, None),
        ("A hunting incident claimed the life of a 12-year-old girl.", 1, None),
        ("Both men inside the Honda were killed, and three others were injured.", 2, 3),
    ],
)
def test_more_single_victims(sentence: str, killed: int | None, injured: int | None) -> None:
    counts = count_casualties(sentence)
    assert (counts["fatalities"], counts["injured"]) == (killed, injured)


def test_people_named_before_do_not_add_to_a_stated_toll() -> None:
    claims = find_casualty_claims("A shooting in Madisonville left two people dead.")
    claims += find_casualty_claims("The boy was dead when deputies arrived.")
    claims += find_casualty_claims("Jackson fired at Milner, killing him.")
    assert combine_casualties(claims)["fatalities"] == 2
    alone = find_casualty_claims("A man was shot Tuesday.") + find_casualty_claims(
        "The man died at the hospital.")
    assert combine_casualties(alone) == {"fatalities": 1, "injured": None, "detained": None}


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A turkey hunter was shot and killed Sunday morning by another hunter.", 1, None),
        ("He is charged in the fatal shooting of a 1-year-old girl who was struck by gunfire.",
         1, None),
        ("He is charged in the shooting death of a 15 year-old Cedar Rapids boy.", 1, None),
        ("Police said a 5-year-old boy who died over the weekend was shot by a sibling.", 1, None),
        ("Randy Chapman, a 23-year-old black man, was fatally shot after midnight.", 1, None),
        ("There is currently one wounded and one deceased.", 1, 1),
    ],
)
def test_relative_clauses_appositions_and_more_person_nouns(
    sentence: str, killed: int | None, injured: int | None
) -> None:
    counts = count_casualties(sentence)
    assert (counts["fatalities"], counts["injured"]) == (killed, injured)
