"""Focus: the other names' countries and first-level areas boost a candidate inside them."""

from __future__ import annotations

from geomap.resolve.focus import apply_focus
from geomap.resolve.scoring import Scored
from geomap.types import Mention, Place


def _place(pid: str, kind: str, cc: str, a1: str | None = None, population: int = 0) -> Place:
    return Place(pid, pid, 0.0, 0.0, kind, country_code=cc, admin1_code=a1,  # type: ignore[arg-type]
                 population=population)


def test_a_named_country_boosts_candidates_inside_it_not_itself():
    mentions = [Mention(0, 10, "Tajikistan", "Tajikistan"), Mention(20, 25, "Vahdat", "Vahdat")]
    country = Scored(_place("tj", "country", "TJ"), "name", 8.0)
    in_tj = Scored(_place("v-tj", "city", "TJ", "01"), "name", 2.0)
    in_ir = Scored(_place("v-ir", "city", "IR", "02"), "name", 2.1)
    per = [[country], [in_ir, in_tj]]
    apply_focus(mentions, per)
    assert in_tj.context > 0 and in_ir.context == 0
    alone = Scored(_place("tj", "country", "TJ"), "name", 8.0)
    apply_focus(mentions[:1], [[alone]])
    assert alone.context == 0  # one name cannot support itself


def test_style_votes_and_famous_namesakes():
    mentions = [Mention(0, 7, "Florida", "Florida")]
    state = Scored(_place("fl", "admin1", "US", "FL", 20_000_000), "name", 6.0)
    hamlet = Scored(_place("fl-town", "city", "US", "NY", 2_900), "name", 3.0)
    apply_focus(mentions, [[state, hamlet]], {"US": 2.0})
    boosted = hamlet.context
    assert state.context > 0 and boosted > 0
    alone = Scored(_place("fl-town", "city", "US", "NY", 2_900), "name", 3.0)
    apply_focus(mentions, [[alone]], {"US": 2.0})
    assert alone.context > boosted  # halved beside a namesake 1,000 times bigger
