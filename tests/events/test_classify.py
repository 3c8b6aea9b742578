import pytest

from geomap.events.classify import classify


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Fifteen jihadists were killed during an attack on a border post. Clashes erupted.",
         "Battles", "Armed clash"),
        ("at least 32 people were killed in a prison riot", "Riots", "Mob violence"),
        ("Protesters clashed with police and torched cars", "Riots", "Violent demonstration"),
        ("an attack on foreign cycling tourists claimed by IS left four dead",
         "Violence against civilians", "Attack"),
        ("A suicide bomber blew himself up at a market", "Explosions/Remote violence",
         "Suicide bomb"),
        ("An air strike hit the village", "Explosions/Remote violence", "Air/drone strike"),
        ("Turkey shells Syrian city", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("A roadside bomb killed three soldiers", "Explosions/Remote violence",
         "Remote explosive/landmine/IED"),
        ("A grenade was thrown into the crowd", "Explosions/Remote violence", "Grenade"),
        ("Police fired tear gas at protesters", "Protests", "Protest with intervention"),
        ("Thousands of protesters marched peacefully", "Protests", "Peaceful protest"),
        ("Gunmen kidnapped two aid workers", "Violence against civilians",
         "Abduction/forced disappearance"),
        ("Rebels seized control of the town", "Battles", "Non-state actor overtakes territory"),
        ("Syria says it has regained most of Ghouta", "Battles", "Government regains territory"),
        ("Police arrested 14 people in a drug operation", "Strategic developments", "Arrests"),
    ],
)
def test_classify(text, event_type, sub_event_type):
    assert classify(text) == (event_type, sub_event_type)
