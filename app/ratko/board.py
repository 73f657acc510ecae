"""The carving board's read model: the uncarved column, one column per bundle, totals and the freed-time summary.

A fixed number of queries whatever the number of tasks (tested)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.ratko import selectors
from app.ratko.hours import BundleSummary, FreedRole, bundle_summary, freed_time, freed_total
from app.ratko.models import Bundle, Engagement, Participant, Task


@dataclass
class Column:
    """One column of the board: the uncarved tasks (bundle None) or one bundle's tasks."""

    bundle: Bundle | None
    tasks: list[Task] = field(default_factory=list)
    summary: BundleSummary = field(default_factory=BundleSummary)

    @property
    def key(self) -> str:
        """The value the move forms send for this column."""
        return "uncarved" if self.bundle is None else str(self.bundle.id)


@dataclass
class Board:
    """Everything the board template needs."""

    engagement: Engagement
    columns: list[Column]
    freed: list[FreedRole]
    freed_total: float
    token: str
    participants: dict[int, Participant]
    roles: list[str]

    @property
    def uncarved(self) -> Column:
        """The uncarved column."""
        return self.columns[0]

    @property
    def bundles(self) -> list[Column]:
        """The bundle columns in order."""
        return self.columns[1:]

    @property
    def task_count(self) -> int:
        """Number of tasks on the board."""
        return sum(len(c.tasks) for c in self.columns)


def board_of(engagement: Engagement) -> Board:
    """Build the board of an engagement."""
    tasks = selectors.engagement_tasks(engagement)
    bundles = selectors.engagement_bundles(engagement)
    by_bundle: dict[int | None, list[Task]] = {None: []}
    for bundle in bundles:
        by_bundle[bundle.id] = []
    for task in tasks:
        by_bundle.setdefault(task.bundle_id, []).append(task)
    columns = [Column(None, by_bundle[None])]
    columns += [Column(b, by_bundle[b.id], bundle_summary(by_bundle[b.id])) for b in bundles]
    freed = freed_time(tasks)
    return Board(engagement=engagement, columns=columns, freed=freed, freed_total=freed_total(freed),
                 token=selectors.board_token(engagement.id),
                 participants=selectors.engagement_participants(engagement),
                 roles=selectors.engagement_roles(engagement))
