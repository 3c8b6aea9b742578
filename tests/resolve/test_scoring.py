"""Priors, the city-over-area rule, the calibrated confidence and the softmax."""

from __future__ import annotations

import math

import pytest

from geomap.resolve.config import MARGIN_CAP, SUPPORT_CAP
from geomap.resolve.scoring import (
    Scored,
    confidence,
    prefer_city_over_same_named_area,
    prior,
    softmax,
)
from geomap.types import Mention, Place


def _place(pid: str, kind: str, population: int = 0, **kw) -> Place:
    return Place(pid, pid, 0.0, 0.0, kind, population=population, **kw)  # type: ignore[arg-type]


def _mention(name: str, **kw) -> Mention:
    return Mention(0, len(name), name, name, **kw)


def test_confidence_rises_with_margin_and_support_up_to_their_caps():
    assert confidence(2.0, 1.0, 5) > confidence(1.0, 1.0, 5)
    assert confidence(1.0, 2.0, 5) > confidence(1.0, 1.0, 5)
    assert confidence(MARGIN_CAP + 5, 1.0, 5) == confidence(MARGIN_CAP, 1.0, 5)
    assert confidence(1.0, SUPPORT_CAP + 5, 5) == confidence(1.0, SUPPORT_CAP, 5)
    assert confidence(1.0, 1.0, 20) < confidence(1.0, 1.0, 2)
    assert confidence(1.0, 1.0, 5, part=True) < confidence(1.0, 1.0, 5)
    assert 0.0 < confidence(0.0, 0.0, 1) < 1.0


def test_prior_prefers_capitals_and_feature_word_kinds():
    m = _mention("Paris")
    capital = _place("a", "city", 2_000_000, feature_code="PPLC")
    town = _place("b", "city", 2_000_000, feature_code="PPL")
    assert prior(capital, "name", m) > prior(town, "name", m)
    assert prior(capital, "alternate", m) < prior(capital, "name", m)
    province = _mention("Kunduz", feature="province")
    area, city = _place("c", "admin1", 1000), _place("d", "admin1", 1000)
    assert prior(area, "name", province) > prior(city, "name", _mention("Kunduz"))


def test_prior_water_names_prefer_a_body_of_water_unless_an_area_is_named():
    sea = _place("s", "feature", feature_class="H")
    assert prior(sea, "name", _mention("the Red Sea")) > prior(sea, "name", _mention("Red"))
    state = _mention("Red Sea", feature="state")
    assert prior(sea, "name", state) == pytest.approx(prior(sea, "name", _mention("Red")))


def test_big_city_beats_the_same_named_area_around_it():
    area = Scored(_place("a", "admin1", 1_000_000, country_code="TJ", admin1_code="01"),
                  "name", 5.0)
    city = Scored(_place("c", "city", 800_000, country_code="TJ", admin1_code="01"), "name", 4.0)
    prefer_city_over_same_named_area([area, city])
    assert city.prior > area.prior
    small = Scored(_place("v", "city", 50_000, country_code="TJ", admin1_code="01"), "name", 4.0)
    prefer_city_over_same_named_area([area, small])
    assert small.prior == 4.0


def test_softmax_is_a_distribution_favouring_the_best():
    scored = [Scored(_place(str(i), "city"), "name", float(i)) for i in range(4)]
    probs = softmax(scored)
    assert math.isclose(sum(probs), 1.0)
    assert probs == sorted(probs) and probs[-1] > 0.5
    assert softmax([]) == []
