"""Demand-vs-capability comparison (RATKO phase 3), pure: no database, no Flask.

Both profiles rate the same catalogue items on 0-5 (0 = not required / not present). Per item:

- ``not_required``: the bundle does not demand it (demand 0 or unrated), whatever the ability;
- ``not_assessed``: demanded, but the capability profile has no rating for it (neither fit nor gap);
- ``gap``: ability below demand (IMBA's *Überforderung*): tailor the task, adapt conditions or use an aid;
- ``under_challenge``: ability two or more above demand: a conversation prompt, not a blocker;
- ``fit``: otherwise.

The result carries counts, never a single percentage: the comparison supports a professional's judgement, it does
not make the decision (profiles-melba-imba.md A5).

Rankings are honest about what is unknown: a demanded item without a rating is neither fit nor gap. They order by
the share of gaps among the assessed items, show the assessment coverage, and leave a comparison whose coverage is
below COVERAGE_THRESHOLD to an "assess first" list (RATKO always assesses both sides, seed lines 3892–3900).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

SCALE_MIN, SCALE_MAX = 0, 5
UNDER_CHALLENGE_MARGIN = 2
COVERAGE_THRESHOLD = 0.75  # below this share of demanded items assessed, a comparison is not ranked
STATUSES = ("gap", "fit", "under_challenge", "not_assessed", "not_required")


def valid_rating(value: object) -> bool:
    """True for an integer 0-5 (booleans are not ratings)."""
    return isinstance(value, int) and not isinstance(value, bool) and SCALE_MIN <= value <= SCALE_MAX


def item_status(demand: int | None, ability: int | None) -> str:
    """The comparison status of one item."""
    if not demand:
        return "not_required"
    if ability is None:
        return "not_assessed"
    if ability < demand:
        return "gap"
    if ability - demand >= UNDER_CHALLENGE_MARGIN:
        return "under_challenge"
    return "fit"


@dataclass(frozen=True)
class ItemResult:
    """One item of the comparison."""

    item: Hashable
    demand: int | None
    ability: int | None
    status: str
    key: bool = False

    @property
    def difference(self) -> int | None:
        """Ability minus demand (negative for a gap), or None when either side is missing."""
        if self.demand is None or self.ability is None:
            return None
        return self.ability - self.demand

    @property
    def shortfall(self) -> int:
        """How many scale steps the ability falls short (0 unless a gap)."""
        return (self.demand or 0) - (self.ability or 0) if self.status == "gap" else 0


@dataclass(frozen=True)
class Summary:
    """Counts of the comparison; what the page shows instead of a score."""

    fits: int = 0
    gaps: int = 0
    key_gaps: int = 0
    under_challenges: int = 0
    not_assessed: int = 0
    not_required: int = 0
    shortfall: int = 0

    @property
    def required(self) -> int:
        """Items the bundle demands."""
        return self.fits + self.gaps + self.under_challenges + self.not_assessed

    @property
    def assessed(self) -> int:
        """Demanded items that both sides rated."""
        return self.fits + self.gaps + self.under_challenges

    @property
    def coverage(self) -> float:
        """Share of the demanded items that are assessed (0 when nothing is demanded)."""
        return self.assessed / self.required if self.required else 0.0

    @property
    def coverage_percent(self) -> int:
        """The coverage in whole per cent, rounded down (so 74.9 % never shows as 75 %)."""
        return int(self.coverage * 100 + 1e-9)

    @property
    def rankable(self) -> bool:
        """Enough of the demanded items assessed to rank on (COVERAGE_THRESHOLD)."""
        return self.required > 0 and self.coverage + 1e-9 >= COVERAGE_THRESHOLD

    @property
    def clean_fit(self) -> bool:
        """No gap and nothing demanded left unassessed."""
        return self.required > 0 and self.gaps == 0 and self.not_assessed == 0

    def rank_key(self) -> tuple[float, float, float, float, float]:
        """Order for rankings, among the assessed items only: the smallest share of gaps, then of key-item gaps, of
        shortfall and of under-challenges; at equal shares the better assessed first."""
        known = self.assessed or 1
        return (round(self.gaps / known, 6) if self.assessed else 1.0, round(self.key_gaps / known, 6),
                round(self.shortfall / known, 6), round(self.under_challenges / known, 6), -round(self.coverage, 6))


@dataclass(frozen=True)
class Comparison:
    """A whole comparison: the items in the order given, and the counts."""

    items: tuple[ItemResult, ...]
    summary: Summary
    by_item: dict = field(default_factory=dict, compare=False, repr=False)

    def result(self, item: Hashable) -> ItemResult | None:
        """The result for one item."""
        return self.by_item.get(item)

    def with_status(self, status: str) -> list[ItemResult]:
        """Items with a given status, in order."""
        return [r for r in self.items if r.status == status]


def compare(demand: Mapping[Hashable, int | None], capability: Mapping[Hashable, int | None],
            *, key: Iterable[Hashable] = (), order: Iterable[Hashable] | None = None) -> Comparison:
    """Compare a demand profile with a capability profile item by item.

    `order` lists the items to compare (catalogue order); by default every item rated on either side.
    Ratings outside 0-5 raise ValueError: they must be refused where they are entered.
    """
    keys = set(key)
    items = list(order) if order is not None else list(dict.fromkeys([*demand, *capability]))
    results = []
    for item in items:
        d, a = demand.get(item), capability.get(item)
        for value in (d, a):
            if value is not None and not valid_rating(value):
                raise ValueError(f"rating out of range for {item!r}: {value!r}")
        results.append(ItemResult(item=item, demand=d, ability=a, status=item_status(d, a), key=item in keys))
    return Comparison(items=tuple(results), summary=_summarise(results), by_item={r.item: r for r in results})


def _summarise(results: list[ItemResult]) -> Summary:
    counts = dict.fromkeys(STATUSES, 0)
    for r in results:
        counts[r.status] += 1
    return Summary(fits=counts["fit"], gaps=counts["gap"], under_challenges=counts["under_challenge"],
                   not_assessed=counts["not_assessed"], not_required=counts["not_required"],
                   key_gaps=sum(1 for r in results if r.status == "gap" and r.key),
                   shortfall=sum(r.shortfall for r in results))


def bundle_demand(task_demands: Mapping[Hashable, Mapping[Hashable, int]],
                  overrides: Mapping[Hashable, int] | None = None) -> dict[Hashable, int]:
    """A bundle's demand: the highest demand of its tasks per item, then per-item overrides on top."""
    result: dict[Hashable, int] = {}
    for ratings in task_demands.values():
        for item, level in ratings.items():
            if level is not None and level > result.get(item, -1):
                result[item] = level
    result.update({item: level for item, level in (overrides or {}).items() if level is not None})
    return result


def drivers(task_demands: Mapping[Hashable, Mapping[Hashable, int]], item: Hashable) -> list[Hashable]:
    """The tasks that set an item's computed demand (those at the highest level, if above 0)."""
    levels = {task: ratings.get(item) for task, ratings in task_demands.items() if ratings.get(item)}
    if not levels:
        return []
    top = max(levels.values())
    return [task for task, level in levels.items() if level == top]


def causing_tasks(task_demands: Mapping[Hashable, Mapping[Hashable, int]], item: Hashable,
                  ability: int | None) -> list[Hashable]:
    """The tasks whose own demand on an item exceeds the ability: without them that gap would close."""
    if ability is None:
        return []
    return [task for task, ratings in task_demands.items() if (ratings.get(item) or 0) > ability]
