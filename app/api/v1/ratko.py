"""My organisation's RATKO engagements and task bundles with their demand profiles; placements and follow-ups."""

from __future__ import annotations

from flask_login import current_user

from app.api import present
from app.api.paging import keyset, listing, page_schema
from app.api.problems import Problem
from app.api.schemas.ratko import (
    BundleArgs,
    BundleSchema,
    EngagementArgs,
    EngagementSchema,
    PlacementArgs,
    PlacementSchema,
)
from app.api.selectors import records
from app.api.v1 import blueprint
from app.api.versions import not_modified, with_etag
from app.leads.placements.models import Placement
from app.profiles import selectors as profile_selectors
from app.ratko.models import Bundle, Engagement

blp = blueprint("ratko", "Job carving with employers (RATKO): my organisation's engagements and task bundles with "
                         "their demand profiles; placements of my organisation's job seekers and their follow-ups "
                         "(a seeker only as their pseudonymous code).")
EngagementPage = page_schema(EngagementSchema, "EngagementPage")
BundlePage = page_schema(BundleSchema, "BundlePage")
PlacementPage = page_schema(PlacementSchema, "PlacementPage")


@blp.route("/ratko/engagements")
@blp.arguments(EngagementArgs, location="query", as_kwargs=True)
@blp.response(200, EngagementPage)
def engagements(**args):
    """My organisation's RATKO engagements with the ids of their bundles."""
    stmt = records.engagements_statement(user=current_user, status=args["status"], phase=args["phase"],
                                         employer_id=args["employer_id"])
    page = keyset(stmt, key=Engagement.id, scope="engagements", args=args, scalars=False)
    bundles = records.bundle_ids_of(user=current_user, engagement_ids=[row[0].id for row in page.rows])
    return listing(page, [present.engagement(e, name, bundles.get(e.id, [])) for e, name in page.rows])


@blp.route("/ratko/engagements/<int:engagement_id>")
@blp.response(200, EngagementSchema)
def engagement(engagement_id: int):
    """One engagement of my organisation (ETag: its version)."""
    row = records.first(records.engagements_statement(user=current_user).where(Engagement.id == engagement_id))
    if row is None:
        raise Problem(404)
    bundles = records.bundle_ids_of(user=current_user, engagement_ids=[engagement_id])
    return not_modified(row[0]) or with_etag(present.engagement(*row, bundles.get(engagement_id, [])), row[0])


def _bundles(rows) -> list[dict]:
    """Bundles with their tasks and demand profiles, in a fixed number of queries."""
    demands = profile_selectors.bundle_demands([bundle for bundle, _employer_id in rows])
    item_ids = {item for demand in demands.values() for item in demand.effective}
    items = {item.id: item for item in profile_selectors.catalogue_with(item_ids)} if item_ids else {}
    return [present.bundle(bundle, employer_id, demands[bundle.id], items) for bundle, employer_id in rows]


@blp.route("/ratko/bundles")
@blp.arguments(BundleArgs, location="query", as_kwargs=True)
@blp.response(200, BundlePage)
def bundles(**args):
    """My organisation's task bundles with their tasks and demand profiles."""
    stmt = records.bundles_statement(user=current_user, engagement_id=args["engagement_id"], status=args["status"])
    page = keyset(stmt, key=Bundle.id, scope="bundles", args=args, scalars=False)
    return listing(page, _bundles(page.rows))


@blp.route("/ratko/bundles/<int:bundle_id>")
@blp.response(200, BundleSchema)
def bundle(bundle_id: int):
    """One task bundle of my organisation with its demand profile (ETag: its version)."""
    row = records.first(records.bundles_statement(user=current_user).where(Bundle.id == bundle_id))
    if row is None:
        raise Problem(404)
    return not_modified(row[0]) or with_etag(_bundles([row])[0], row[0])


@blp.route("/placements")
@blp.arguments(PlacementArgs, location="query", as_kwargs=True)
@blp.response(200, PlacementPage)
def placements(**args):
    """My organisation's placements with their follow-ups."""
    stmt = records.placements_statement(user=current_user, status=args["status"], type=args["type"],
                                        employer_id=args["employer_id"])
    page = keyset(stmt, key=Placement.id, scope="placements", args=args, scalars=False)
    follow_ups = records.placement_follow_ups(user=current_user, placement_ids=[row[0].id for row in page.rows])
    return listing(page, [present.placement(row, follow_ups.get(row[0].id, [])) for row in page.rows])


@blp.route("/placements/<int:placement_id>")
@blp.response(200, PlacementSchema)
def placement(placement_id: int):
    """One placement of my organisation with its follow-ups (ETag: its version)."""
    row = records.first(records.placements_statement(user=current_user).where(Placement.id == placement_id))
    if row is None:
        raise Problem(404)
    follow_ups = records.placement_follow_ups(user=current_user, placement_ids=[placement_id])
    return not_modified(row[0]) or with_etag(present.placement(row, follow_ups.get(placement_id, [])), row[0])
