"""The workshop's task inventory grouped per participant, then the tasks entered per role only (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """The tasks of one participant (or, with participant None, the tasks entered per role)."""

    participant: object | None
    tasks: list = field(default_factory=list)

    @property
    def key(self) -> str:
        """A stable id fragment for the section's elements."""
        return f"p{self.participant.id}" if self.participant is not None else "roles"

    @property
    def hours(self) -> float:
        """Hours per week of the section's tasks."""
        return sum(t.hours_per_week for t in self.tasks)


def sections(participants: list, tasks: list) -> list[Section]:
    """One section per participant (in the order added) and a last one for tasks entered per role."""
    by_participant = {p.id: Section(p) for p in participants}
    other = Section(None)
    for task in tasks:
        by_participant.get(task.participant_id, other).tasks.append(task)
    return [*by_participant.values(), other]


def section_of(participants: list, tasks: list, participant_id: int | None) -> Section:
    """The section a participant's (or, for None, a role-only) task belongs to."""
    for section in sections(participants, tasks):
        if (section.participant.id if section.participant is not None else None) == participant_id:
            return section
    return sections([], tasks)[-1]
