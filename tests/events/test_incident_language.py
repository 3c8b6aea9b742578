"""Incident language outside the old trigger lists: protests, fire without casualties,
executions, looting, air defence; each typed as ACLED would (geomap/lang/en.py)."""

import pytest

from geomap.events.classify import classify
from geomap.events.extract import is_incident_sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "On 4 July, people staged a protest in the town over fuel shortages.",
        "Teachers held a demonstration outside the ministry on Monday.",
        "Workers demonstrated in front of the factory, demanding their wages.",
        "On 18 March, the army fired 122mm artillery at rebel positions near the village.",
        "Government forces fired on the town overnight. Casualties unknown.",
        "Rebels fired unspecified weapons in the direction of the river crossing.",
        "On 12 April, soldiers executed seven civilians and blew up their house.",
        "Troops looted civilian houses in the village.",
        "Air defence units shot down two missiles over the region.",
        "The army launched an offensive against the rebels near the bridge.",
        "Monitors observed a total of 20 projectiles near the frontline.",
        # violence that names a fire is not a house fire
        "Soldiers shelled a fuel depot in the village, and a fire broke out.",
        "Gunmen tortured two farmers and set them on fire in the village.",
        "Monitors recorded 4 bursts of fire involving heavy machine-guns near the town.",
        # strategic developments: troop movements, evacuations
        "A column of military vehicles was moving towards the town.",
        "About 300 residents were evacuated from Kadugli through a humanitarian corridor.",
        "On 7 April, 15 civilians were evacuated from Kadugli.",
    ],
)
def test_incident_language_is_an_incident(sentence: str) -> None:
    assert is_incident_sentence(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor executed a search warrant on the company's offices.",
        "The band played a protest song at the festival.",
        "He was fired from his job last year.",
        "A house fire killed two people on Sunday.",
        "Students were evacuated from the building after a gas leak.",
    ],
)
def test_ordinary_language_is_not_an_incident(sentence: str) -> None:
    assert not is_incident_sentence(sentence)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("people staged a protest demanding fuel", ("Protests", "Peaceful protest")),
        ("the army fired small arms and grenade launchers at the rebel positions",
         ("Battles", "Armed clash")),
        ("the army fired unspecified weapons at the units of the militia", ("Battles", "Armed clash")),
        ("the army launched an offensive against the rebels", ("Battles", "Armed clash")),
        ("the militia repelled the assault near the bridge", ("Battles", "Armed clash")),
        ("government forces fired at the village", ("Explosions/Remote violence",
                                                    "Shelling/artillery/missile attack")),
        ("air defence shot down a cruise missile", ("Strategic developments",
                                                    "Disrupted weapons use")),
        ("air defence shot down an enemy plane", ("Explosions/Remote violence",
                                                  "Shelling/artillery/missile attack")),
        ("soldiers looted civilian houses", ("Strategic developments",
                                             "Looting/property destruction")),
        ("soldiers looted houses and shot dead a man", ("Violence against civilians", "Attack")),
        ("troops tortured captive guards", ("Violence against civilians", "Attack")),
        ("two groups of people clashed at a petrol station", ("Riots", "Mob violence")),
        ("demonstrators hurled stones at the police during the protest",
         ("Riots", "Violent demonstration")),
        ("police used tear gas shells to disperse a protest",
         ("Protests", "Protest with intervention")),
        ("police seized weapons and ammunition in a raid on the house",
         ("Strategic developments", "Disrupted weapons use")),
    ],
)
def test_incident_types(text: str, expected: tuple[str, str]) -> None:
    assert classify(text) == expected


def test_month_march_is_not_a_protest() -> None:
    assert classify("On 2 March, troops clashed with rebels") == ("Battles", "Armed clash")


@pytest.mark.parametrize(
    "sentence",
    [
        "One man is dead after what police are calling an accidental shooting on Sunday night.",
        "A county teenager was accidentally shot on New Year's Eve.",
        "The 16-year-old was shot by another 16-year-old at an apartment complex.",
    ],
)
def test_shootings_are_incidents_even_when_accidental(sentence: str) -> None:
    assert is_incident_sentence(sentence)


def test_a_car_crash_is_still_no_incident() -> None:
    assert not is_incident_sentence("Two people were injured in a crash on the highway.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gunman was killed in a shootout with police after he shot four people.",
         ("Violence against civilians", "Attack")),
        ("Police say the suspect ambushed the victim outside a bar and shot him.",
         ("Violence against civilians", "Attack")),
        ("Rebels and government troops clashed near the river.", ("Battles", "Armed clash")),
        ("Heavy fighting was reported near the town on Monday.", ("Battles", "Armed clash")),
        ("Militants ambushed a police patrol, killing two officers.", ("Battles", "Armed clash")),
    ],
)
def test_fighting_words_are_battles_only_between_organised_sides(
    text: str, expected: tuple[str, str]
) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monitors observed 28 projectiles near the village", ("Explosions/Remote violence",
                                                               "Shelling/artillery/missile attack")),
        ("monitors observed 40 shots involving small arms near the village",
         ("Battles", "Armed clash")),
        ("fire was exchanged in both directions of the frontline", ("Battles", "Armed clash")),
        ("air defence shot down a drone over the city", ("Explosions/Remote violence",
                                                         "Shelling/artillery/missile attack")),
    ],
)
def test_fire_without_a_named_target(text: str, expected: tuple[str, str]) -> None:
    assert classify(text) == expected


def test_movements_and_evacuations_are_strategic_developments() -> None:
    assert classify("Rebel forces were moving towards the town.") == (
        "Strategic developments", "Other")
    assert classify("Residents were evacuated from Kadugli.") == (
        "Strategic developments", "Other")
