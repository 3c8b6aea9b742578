"""English numbers in digits and words (geomap.events.number_words)."""

import pytest

from geomap.events.number_words import NUMBER_RE, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("twenty-one", 21), ("two hundred and five", 205), ("a dozen", 12), ("3 million", 3_000_000),
    ("1,344", 1344), ("several", None), ("dozens", None), ("ten apples", None),
])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_number_pattern_finds_whole_numbers_only() -> None:
    found = [m.group(0) for m in NUMBER_RE.finditer("Seventy-two of 1,200 residents, not T-90s")]
    assert found == ["Seventy-two", "1,200"]


@pytest.mark.parametrize(("words", "value"), [
    (["a", "hundred"], 100), (["twenty", "five", "thousand", "three", "hundred"], 25300),
    (["two", "and"], 2), (["half"], None), (["a"], None),
])
def test_words_value(words: list[str], value: int | None) -> None:
    from geomap.events.number_words import words_value

    assert words_value(words) == value
