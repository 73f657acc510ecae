"""The comparison, property-based: raising a seeker's ability on an item never makes the match worse (no new gap,
no more shortfall, no worse ranking on gaps), and the counts always add up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.profiles.comparison import compare

ITEMS = [f"item{n}" for n in range(8)]
RATING = st.integers(min_value=0, max_value=5)


@st.composite
def profiles(draw):
    """A demand and a capability profile over the same items (some unrated), key items, and one rated item whose
    ability can be raised by a number of steps."""
    items = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=len(ITEMS), unique=True))
    demand = {i: draw(st.one_of(st.none(), RATING)) for i in items}
    ability = {i: draw(st.one_of(st.none(), RATING)) for i in items}
    key = draw(st.lists(st.sampled_from(items), unique=True))
    raised = draw(st.sampled_from(items))
    ability[raised] = draw(st.integers(min_value=0, max_value=4))
    steps = draw(st.integers(min_value=1, max_value=5 - ability[raised]))
    return items, demand, ability, key, raised, steps


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_raising_an_ability_never_lowers_the_match(case):
    items, demand, ability, key, raised, steps = case
    before = compare(demand, ability, key=key, order=items)
    after = compare(demand, {**ability, raised: ability[raised] + steps}, key=key, order=items)
    assert after.summary.gaps <= before.summary.gaps
    assert after.summary.key_gaps <= before.summary.key_gaps
    assert after.summary.shortfall <= before.summary.shortfall
    assert after.summary.rank_key()[:3] <= before.summary.rank_key()[:3]
    assert after.summary.coverage == before.summary.coverage  # assessing is not raising: coverage stays
    if before.result(raised).status != "gap":
        assert after.result(raised).status != "gap"
    for item in items:  # the other items are untouched
        if item != raised:
            assert after.result(item) == before.result(item)


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_the_counts_add_up_to_the_items(case):
    items, demand, ability, key, _raised, _steps = case
    summary = compare(demand, ability, key=key, order=items).summary
    assert summary.required + summary.not_required == len(items)
    assert summary.assessed <= summary.required
    assert 0.0 <= summary.coverage <= 1.0
    assert summary.key_gaps <= summary.gaps
