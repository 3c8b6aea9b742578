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


def test_forces_belong_to_the_country_the_text_names():
    demonyms = {"russian": "RU", "ukrainian": "UA"}
    text = "Russian military planes bombed Okhtyrka, and Ukrainian air defence fired back."
    actors = find_actors(text, "UA", demonyms)
    assert "Military Forces of Russia" in actors and "Military Forces of Ukraine" in actors
    assert find_actors("Russian forces shelled the village.", "UA", demonyms) == (
        "Military Forces of Russia",)
    # forces named without a demonym are the article country's
    assert find_actors("Soldiers repelled the assault.", "UA", demonyms) == (
        "Military Forces of Ukraine",)


def test_reporting_police_are_not_actors():
    for text in ("A man was shot and killed Monday night, police said.",
                 "According to police, two men were shot.",
                 "Dallas police are investigating the shooting of a teenager.",
                 "A man was shot, a police spokesman said."):
        assert not any(a.startswith("Police") for a in find_actors(text, "US")), text
    assert "Police Forces of United States" in find_actors(
        "Police fired tear gas at the protesters.", "US")


def test_named_groups_with_their_aliases():
    assert named_groups("the NAF rebel forces fired mortars") == [
        "NAF: United Armed Forces of Novorossiya"]
    assert named_groups("positions of the Donetsk People's Militia") == [
        "NAF: United Armed Forces of Novorossiya"]
