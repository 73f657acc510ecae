"""Writes of the search package: index entries of erased people go with them, and a full rebuild. Never commits."""

from __future__ import annotations

from app.core.erasure import ErasurePlan, ErasureStep
from app.core.search_index import index_forget, index_rebuild
from app.employers.models import ContactPerson
from app.seekers.models import JobSeeker


def _describe(_plan: ErasurePlan) -> dict:
    return {}  # derived entries: nothing a person needs to decide about


def _forget(plan: ErasurePlan) -> None:
    """Drop the index entries of every record the erasure deletes (the person and what cascades with them)."""
    for table, ids in plan.deleted.items():
        index_forget(table, ids)


ERASURE_STEPS = tuple(ErasureStep(table=table, describe=_describe, run=_forget)
                      for table in (ContactPerson.__tablename__, JobSeeker.__tablename__))


def search_reindex(*, kinds: tuple[str, ...] | None = None) -> dict[str, int]:
    """Rebuild the search index from the records (after a bulk load that went around the services)."""
    return index_rebuild(kinds=kinds)
