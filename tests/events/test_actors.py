from geomap.events.actors import find_actors, named_groups


def test_islamic_state_aliases_and_case():
    for alias in ("IS", "ISIS", "ISIL", "Daesh", "Islamic State"):
        assert named_groups(f"an attack claimed by {alias} yesterday") == ["Islamic State"]
    assert named_groups("It is what it is; let it be.") == []


def test_several_groups_in_order():
    text = "Taliban and al-Qaeda fighters, not al-Shabaab or Boko Haram, nor Hezbollah"
    assert named_groups(text) == ["Taliban", "Al-Qaeda", "Al-Shabaab", "Boko Haram", "Hezbollah"]


def test_state_forces_use_the_article_country():
    text = ("Jihadists of the Islamic State group attacked a border post, leaving a soldier and "
            "policeman dead, the interior ministry said.")
    assert find_actors(text, "TJ") == (
        "Islamic State", "Military Forces of Tajikistan", "Police Forces of Tajikistan",
    )
    assert find_actors(text, None)[1:] == ("Military Forces", "Police Forces")


def test_unnamed_armed_group_only_without_a_named_one():
    assert find_actors("Rebels attacked the convoy", None) == ("Unidentified Armed Group",)
    assert "Unidentified Armed Group" not in find_actors("Taliban rebels attacked", None)
