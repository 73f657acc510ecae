"""The comparison is pure: table-driven tests of every status, the counts, aggregation and ranking order."""

from __future__ import annotations

import pytest

from app.profiles.comparison import Summary, bundle_demand, causing_tasks, compare, drivers, item_status, valid_rating


@pytest.mark.parametrize(("demand", "ability", "status"), [
    (0, 0, "not_required"),
    (0, 5, "not_required"),
    (None, 3, "not_required"),
    (3, None, "not_assessed"),
    (1, 0, "gap"),
    (3, 2, "gap"),
    (5, 1, "gap"),
    (3, 3, "fit"),
    (3, 4, "fit"),
    (1, 2, "fit"),
    (3, 5, "under_challenge"),
    (1, 3, "under_challenge"),
    (2, 5, "under_challenge"),
])
def test_item_status(demand, ability, status):
    assert item_status(demand, ability) == status


@pytest.mark.parametrize(("value", "ok"), [(0, True), (5, True), (3, True), (-1, False), (6, False), (2.5, False),
                                           ("3", False), (True, False), (None, False)])
def test_valid_rating(value, ok):
    assert valid_rating(value) is ok


def test_compare_counts_and_key_items():
    demand = {"a": 3, "b": 2, "c": 0, "d": 4, "e": 1, "f": 2}
    ability = {"a": 2, "b": 2, "c": 5, "d": 1, "e": 3}
    result = compare(demand, ability, key={"d", "b"})
    assert [r.status for r in result.items] == ["gap", "fit", "not_required", "gap", "under_challenge",
                                                "not_assessed"]
    assert result.summary == Summary(fits=1, gaps=2, key_gaps=1, under_challenges=1, not_assessed=1, not_required=1,
                                     shortfall=1 + 3)
    assert result.result("d").key and result.result("d").difference == -3 and result.result("d").shortfall == 3
    assert not result.summary.clean_fit


def test_clean_fit_and_order_argument():
    result = compare({1: 2, 2: 3}, {1: 2, 2: 4, 3: 1}, order=[2, 1, 3])
    assert [r.item for r in result.items] == [2, 1, 3]
    assert result.summary.clean_fit and result.summary.gaps == 0
    assert result.with_status("not_required")[0].item == 3


def test_ratings_out_of_range_are_refused():
    with pytest.raises(ValueError):
        compare({"a": 6}, {"a": 3})
    with pytest.raises(ValueError):
        compare({"a": 3}, {"a": -1})


def test_rank_key_orders_by_the_share_of_gaps_among_assessed_items():
    fewer_gaps = Summary(fits=8, gaps=1, key_gaps=1)
    more_gaps = Summary(fits=7, gaps=2)
    plain_gap = Summary(fits=7, gaps=1, under_challenges=1)
    key_gap = Summary(fits=8, gaps=1, key_gaps=1, under_challenges=0, shortfall=2)
    less_under = Summary(fits=8, gaps=1)
    ordered = sorted([more_gaps, fewer_gaps, key_gap, plain_gap, less_under], key=Summary.rank_key)
    assert ordered[0] == less_under and ordered[-1] == more_gaps
    assert ordered.index(plain_gap) < ordered.index(fewer_gaps) < ordered.index(key_gap)  # key gaps, then shortfall


def test_unassessed_items_are_unknown_not_fit():
    """"0 gaps · 6 fit · 11 not assessed" is not a fit: it is too little assessed to rank."""
    partial = Summary(fits=6, not_assessed=11)
    assessed = Summary(fits=15, gaps=1, under_challenges=1)
    assert partial.assessed == 6 and partial.required == 17 and partial.coverage_percent == 35
    assert not partial.rankable and assessed.rankable
    assert not Summary(fits=2, gaps=0, not_assessed=1).rankable  # 66 % < 75 %
    assert Summary(fits=3, not_assessed=1).rankable  # exactly 75 %
    assert Summary(fits=3, not_assessed=1).coverage_percent == 75
    assert not Summary().rankable  # nothing demanded: nothing to rank on
    # Among rankable comparisons the gaps count among the assessed items; with equal shares, better assessed first.
    well = Summary(fits=20)
    less_known = Summary(fits=15, not_assessed=5)
    assert sorted([less_known, well], key=Summary.rank_key) == [well, less_known]


def test_bundle_demand_is_highest_task_demand_with_overrides():
    tasks = {10: {"lift": 3, "read": 1}, 11: {"lift": 1, "read": 4, "talk": 2}, 12: {}}
    assert bundle_demand(tasks) == {"lift": 3, "read": 4, "talk": 2}
    assert bundle_demand(tasks, {"lift": 1, "new": 2}) == {"lift": 1, "read": 4, "talk": 2, "new": 2}
    assert drivers(tasks, "read") == [11] and drivers(tasks, "none") == []
    assert drivers({1: {"x": 2}, 2: {"x": 2}}, "x") == [1, 2]
    assert causing_tasks(tasks, "read", 0) == [10, 11] and causing_tasks(tasks, "read", 1) == [11]
    assert causing_tasks(tasks, "read", None) == []
