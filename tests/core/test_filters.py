"""The list pages' filters read and write their query string the same way: any query string reads as filters that
survive a round trip through their links (from_args(as_args(f)) == f), so bookmarks and pagers keep the view."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app.admin.selectors import AuditFilters
from app.core.filters import SEARCH_DELAY_MS, FilterSet, active_search, filter_bar_trigger
from app.employers.selectors import DirectoryFilters
from app.leads.placements.selectors import PlacementFilters
from app.leads.selectors import LeadFilters
from app.ratko.selectors import EngagementFilters
from app.seekers.selectors import SeekerFilters
from app.touchpoints.worklist import WorkFilters

FILTERS = (AuditFilters, DirectoryFilters, EngagementFilters, LeadFilters, PlacementFilters, SeekerFilters, WorkFilters)
PEOPLE = frozenset({3, 17})
CONTEXT = {WorkFilters: {"people_ids": PEOPLE}}


def _value(param) -> st.SearchStrategy[str]:
    """Raw values for one argument: its allowed values, numbers, and arbitrary text (spaces, case, unicode)."""
    known = list(param.choices) + ["", "0", "1", "3", "17", "mine", "organisation", "desc", " x ", "İ"]
    return st.one_of(st.sampled_from(known), st.text(max_size=120), st.integers(-5, 2**40).map(str))


def _args(cls) -> st.SearchStrategy[MultiDict]:
    """Query strings for a filter class: any subset of its arguments (with any values) plus unknown ones."""
    named = st.fixed_dictionaries({}, optional={f.name: _value(p) for f, p in cls.params()})
    return st.builds(lambda a, b: MultiDict({**b, **a}), named,
                     st.dictionaries(st.sampled_from(["page", "junk", "owner_id"]), st.text(max_size=5)))


def _read(cls, args, **defaults):
    return cls.from_args(args, **CONTEXT.get(cls, {}), **defaults)


@pytest.mark.parametrize("cls", FILTERS, ids=lambda c: c.__name__)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_filters_survive_a_round_trip_through_their_query_string(cls, data):
    """from_args(as_args(f)) == f for every f that a query string can produce, and as_args is a normal form."""
    args = data.draw(_args(cls))
    defaults = {"mine": data.draw(st.booleans())} if cls is EngagementFilters else {}
    filters = _read(cls, args, **defaults)
    written = filters.as_args()
    assert _read(cls, MultiDict(written), **defaults) == filters
    assert _read(cls, MultiDict(written), **defaults).as_args() == written
    assert all(isinstance(v, str | int) and v != "" for v in written.values())


@pytest.mark.parametrize("cls", FILTERS, ids=lambda c: c.__name__)
def test_defaults_write_no_arguments_and_are_empty(cls):
    """The unfiltered list has a bare URL (EngagementFilters always says whose list it shows)."""
    filters = _read(cls, MultiDict())
    assert filters == cls(**({"mine": False} if cls is EngagementFilters else {}))
    assert filters.as_args() == ({"mine": "0"} if cls is EngagementFilters else {})
    assert filters.is_empty()
    assert issubclass(cls, FilterSet) and dataclasses.is_dataclass(cls)


def test_unknown_values_fall_back_to_defaults():
    """Values outside the allow-lists read as the defaults (RELIABILITY.md D4), never as an error."""
    f = DirectoryFilters.from_args(MultiDict({"status": "x'--", "sort": "drop", "owner": "²", "direction": "up",
                                              "archived": "yes", "tag": "  Kahvila  "}))
    assert (f.status, f.sort, f.owner, f.direction, f.archived, f.tag) == ("", "name", None, "asc", False, "kahvila")
    assert WorkFilters.from_args(MultiDict({"scope": "99"}), people_ids=PEOPLE).scope == "mine"
    owner = WorkFilters.from_args(MultiDict({"scope": "17", "show": "collisions"}), people_ids=PEOPLE)
    assert (owner.scope, owner.owner, owner.as_args()) == ("owner", 17, {"scope": "17", "show": "collisions"})
    assert SeekerFilters.from_args(MultiDict({"coach": "mine2"})).coach == ""
    assert LeadFilters.from_args(MultiDict({"status": "all"})).as_args(view="board") == {"status": "all",
                                                                                          "view": "board"}


def test_one_active_search_spelling():
    """Every active search waits the same delay and also fires on the search event (clearing, Enter)."""
    assert active_search() == f"input changed delay:{SEARCH_DELAY_MS}ms, search"
    assert active_search("q") == f"input changed delay:{SEARCH_DELAY_MS}ms from:#q, search from:#q"
    assert filter_bar_trigger("q").endswith("change from:.filter-control, submit")
