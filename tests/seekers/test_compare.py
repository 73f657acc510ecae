"""The comparison page and the rankings: gaps with their causing tasks, what-if views, moving a task out, notes,
consent refusals, valid SVG, and read audit of capability profiles."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.extensions import db
from app.ratko.models import EngagementNote
from tests.helpers import count_queries
from tests.profiles import builders

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def _world(app, factory):
    user = factory.user(roles=("consultant", "coach"))
    bundle = builders.bundle(app, user, title="Kirjaston aamu", tasks=[
        ("Kirjakärryjen työntö", {"pushing_pulling": 4, "walking": 2}),
        ("Palautusten lajittelu", {"pushing_pulling": 1, "fine_motor_skills": 2, "concentration": 3}),
    ], key=("concentration",))
    gap = builders.seeker(app, user, code="JS-GAP", ratings={"pushing_pulling": 2, "walking": 2,
                                                             "fine_motor_skills": 5, "concentration": 3})
    fit = builders.seeker(app, user, code="JS-FIT", ratings={"pushing_pulling": 4, "walking": 3,
                                                             "fine_motor_skills": 2, "concentration": 4})
    return user, bundle, gap, fit


def test_comparison_shows_gap_causing_task_and_counts(app, factory, make_client, codes):
    user, bundle, gap, _fit = _world(app, factory)
    c = make_client(login=user.email)
    response = c.get(f"/compare?bundle={bundle.id}&seeker={gap.id}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="count-gaps">1<' in body and 'id="count-under">1<' in body and 'id="count-fits">2<' in body
    gap_section = body[body.index(f'id="gap-{codes["pushing_pulling"]}"'):]
    assert "Kirjakärryjen työntö" in gap_section.split("</article>")[0]
    assert "Palautusten lajittelu" not in gap_section.split("</article>")[0]
    assert "%" not in re.sub(r"%[0-9A-F]{2}", "", body.split('id="summary"')[1].split("</section>")[0])
    what_if = c.get(f"/compare?bundle={bundle.id}&seeker={gap.id}&without={bundle.task_ids[0]}")
    text = what_if.get_data(as_text=True)
    assert 'id="count-gaps">0<' in text and "What if" in text and "Kirjakärryjen työntö" in text


def test_chart_is_valid_svg_with_patterns_not_colour_only(app, factory, make_client, codes):
    user, bundle, gap, _fit = _world(app, factory)
    body = make_client(login=user.email).get(f"/compare?bundle={bundle.id}&seeker={gap.id}").get_data(as_text=True)
    svgs = SVG.findall(body)
    assert len(svgs) >= 5  # three legend swatches and at least two groups
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.find("{http://www.w3.org/2000/svg}title") is not None or root.get("aria-hidden") == "true"
        assert "style=" not in svg
    assert "stroke-dasharray" in body and "url(#hatch-" in body and "Gap -2" in body


def test_moving_the_causing_task_out_closes_the_gap(app, factory, make_client, codes):
    user, bundle, gap, _fit = _world(app, factory)
    c = make_client(login=user.email)
    url = f"/compare?bundle={bundle.id}&seeker={gap.id}"
    body = c.get(url).get_data(as_text=True)
    pattern = rf'/profiles/tasks/{bundle.task_ids[0]}/unbundle".*?name="version" value="(\d+)"'
    version = re.search(pattern, body, re.S)
    moved = c.post(f"/profiles/tasks/{bundle.task_ids[0]}/unbundle", data={"version": version.group(1),
                                                                             "next": url})
    assert moved.status_code == 303 and moved.headers["Location"].endswith(url)
    after = c.get(url).get_data(as_text=True)
    assert 'id="count-gaps">0<' in after and 'id="no-gaps"' in after


def test_adaptation_note_is_saved_to_the_engagement(app, factory, make_client, codes):
    user, bundle, gap, _fit = _world(app, factory)
    c = make_client(login=user.email)
    data = {"bundle": bundle.id, "seeker": gap.id, "item": codes["pushing_pulling"], "choice": "aid",
            "text": "A lighter trolley with big wheels"}
    response = c.post("/compare/notes", data=data, htmx="notes-list")
    assert response.status_code == 200 and "A lighter trolley" in response.get_data(as_text=True)
    empty = c.post("/compare/notes", data={**data, "text": ""}, htmx="notes-list")
    assert empty.status_code == 422
    with app.app_context():
        notes = db.session.scalars(select(EngagementNote)).all()
        assert len(notes) == 1 and notes[0].phase == "matching" and notes[0].engagement_id == bundle.engagement_id
        assert "JS-GAP" in notes[0].body and "aid" in notes[0].body.lower()


def test_comparison_refuses_without_consent_and_other_organisations_get_404(app, factory, make_client, codes):
    user, bundle, _gap, _fit = _world(app, factory)
    none = builders.seeker(app, user, code="JS-NONE", consent="information_exchange", ratings={"walking": 3})
    c = make_client(login=user.email)
    refused = c.get(f"/compare?bundle={bundle.id}&seeker={none.id}")
    assert refused.status_code == 403 and "Consent needed" in refused.get_data(as_text=True)
    assert c.post("/compare/notes", data={"bundle": bundle.id, "seeker": none.id, "item": codes["walking"],
                                          "choice": "aid", "text": "x"}).status_code == 403
    other = factory.user(roles=("consultant", "coach"))
    theirs = builders.seeker(app, other, code="B-SECRET", ratings={"walking": 1})
    their_bundle = builders.bundle(app, other, title="Toisen nippu", tasks=[("x", {"walking": 1})])
    assert c.get(f"/compare?bundle={bundle.id}&seeker={theirs.id}").status_code == 404
    assert c.get(f"/compare?bundle={their_bundle.id}&seeker={none.id}").status_code == 404
    assert c.get(f"/compare?bundle={bundle.id}&seeker=abc").status_code == 200  # the picker
    assert c.post("/compare/notes", data={"bundle": bundle.id, "seeker": theirs.id, "item": codes["walking"],
                                          "choice": "aid", "text": "x"}).status_code == 404


def test_rankings_both_ways_skip_seekers_without_consent_and_say_why(app, factory, make_client, codes):
    user, bundle, gap, fit = _world(app, factory)
    withdrawn = builders.seeker(app, user, code="JS-WD", ratings={"walking": 5})
    builders.seeker(app, user, code="JS-NOC", consent=None, ratings={"walking": 5})
    builders.seeker(app, user, code="JS-NOP")
    builders.seeker(app, user, code="JS-END", status="ended", ratings={"walking": 5})
    c = make_client(login=user.email)
    with app.app_context():
        from app.seekers import services
        from app.seekers.models import Consent

        services.consent_withdraw(consent=db.session.get(Consent, withdrawn.consent_id), on=__import__(
            "app.core.dates", fromlist=["today"]).today(), note=None, recorded_by_id=user.id)
        db.session.commit()
    ranking = c.get(f"/seekers/ranking/{bundle.id}", htmx=True).get_data(as_text=True)
    ranked = ranking.split('id="seeker-ranking-list"')[1].split("</ol>")[0]
    assert ranked.index("JS-FIT") < ranked.index("JS-GAP")
    assert "JS-WD" not in ranked and "JS-NOC" not in ranked and "JS-END" not in ranking
    skipped = ranking.split('id="ranking-skipped"')[1]
    assert "JS-WD" in skipped and "withdrawn" in skipped
    assert "JS-NOC" in skipped and "No consent of this scope" in skipped
    assert "JS-NOP" in skipped and "No capability assessment yet" in skipped
    other = builders.bundle(app, user, title="Helpompi nippu", tasks=[("Kevyt", {"walking": 1})])
    for_seeker = c.get(f"/seekers/{gap.id}/bundles", htmx=True).get_data(as_text=True)
    assert for_seeker.index("Helpompi nippu") < for_seeker.index("Kirjaston aamu")
    assert f"bundle={other.id}" in for_seeker
    refused = c.get(f"/seekers/{withdrawn.id}/bundles", htmx=True).get_data(as_text=True)
    assert "Not ranked" in refused and "withdrawn" in refused


def test_views_of_capability_profiles_are_logged(app, factory, make_client, codes):
    user, bundle, gap, fit = _world(app, factory)
    c = make_client(login=user.email)
    c.get(f"/seekers/{gap.id}")
    c.get(f"/compare?bundle={bundle.id}&seeker={gap.id}")
    c.get(f"/seekers/{gap.id}/capability")
    c.get(f"/seekers/ranking/{bundle.id}", htmx=True)
    with app.app_context():
        reads = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "read")
                                   .order_by(AuditEvent.id)).all()
        assert [r.summary for r in reads] == ["seeker page", f"comparison with bundle {bundle.id}",
                                              "assessment history", f"seeker ranking for bundle {bundle.id}"]
        assert all(r.actor_id == user.id and r.organisation_id == user.organisation_id for r in reads)
        assert set(reads[-1].change_dict["seeker_ids"]) == {gap.id, fit.id}


def test_ranking_query_count_does_not_grow(app, factory, make_client, codes):
    user, bundle, _gap, _fit = _world(app, factory)
    c = make_client(login=user.email)
    c.get(f"/seekers/ranking/{bundle.id}", htmx=True)
    with count_queries(app) as small:
        c.get(f"/seekers/ranking/{bundle.id}", htmx=True)
    for n in range(8):
        builders.seeker(app, user, code=f"MORE-{n}", ratings={"walking": 2}, consent="network_matching"
                        if n % 2 else None)
    builders.bundle(app, user, title="Toinen", tasks=[("x", {"walking": 1}), ("y", {"reading": 2})])
    with count_queries(app) as large:
        c.get(f"/seekers/ranking/{bundle.id}", htmx=True)
    assert small[0] == large[0]
    with count_queries(app) as seeker_small:
        c.get(f"/seekers/{_gap.id}/bundles", htmx=True)
    builders.bundle(app, user, title="Kolmas", tasks=[("z", {"walking": 3})])
    with count_queries(app) as seeker_large:
        c.get(f"/seekers/{_gap.id}/bundles", htmx=True)
    assert seeker_small[0] == seeker_large[0]


def test_ranking_with_partial_assessments_lists_the_unassessed_to_assess_first(app, factory, make_client, codes):
    """A seeker assessed on one of the four demanded items, with no gap there, used to rank first ("0 gaps"). The
    unassessed items are unknown: that seeker is listed to assess first, and the ranked list is by gaps among the
    assessed items, with the coverage shown."""
    user, bundle, gap, fit = _world(app, factory)
    partial = builders.seeker(app, user, code="JS-PART", ratings={"walking": 5})
    most = builders.seeker(app, user, code="JS-MOST", ratings={"pushing_pulling": 4, "walking": 2,
                                                               "concentration": 3})  # 3 of 4: 75 %, no gap
    c = make_client(login=user.email)
    ranking = c.get(f"/seekers/ranking/{bundle.id}", htmx=True).get_data(as_text=True)
    ranked = ranking.split('id="seeker-ranking-list"')[1].split("</ol>")[0]
    assert "JS-PART" not in ranked
    assert ranked.index("JS-FIT") < ranked.index("JS-MOST") < ranked.index("JS-GAP")
    assert "assessed 4 of 4 demanded items (100 %)" in ranked and "assessed 3 of 4 demanded items (75 %)" in ranked
    first = ranking.split('id="seeker-assess-first"')[1]
    assert "Assess first" in first and "JS-PART" in first and "assessed 1 of 4 demanded items (25 %)" in first
    for_partial = c.get(f"/seekers/{partial.id}/bundles", htmx=True).get_data(as_text=True)
    assert 'id="bundle-ranking-list"' not in for_partial
    assert "Kirjaston aamu" in for_partial.split('id="bundle-assess-first"')[1]
    for_most = c.get(f"/seekers/{most.id}/bundles", htmx=True).get_data(as_text=True)
    assert "Kirjaston aamu" in for_most.split('id="bundle-ranking-list"')[1].split("</ol>")[0]
    with app.app_context():
        read = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "read", AuditEvent.summary ==
                                                           f"seeker ranking for bundle {bundle.id}")).first()
        assert partial.id in read.change_dict["seeker_ids"]  # shown, so its capability profile was read


def test_level_zero_has_its_own_words_on_each_side(app, factory, make_client, codes):
    """0 on a demand profile means the task does not require it; on a capability profile, the person does not have
    it. The capability form must not read "not required"."""
    user, bundle, gap, _fit = _world(app, factory)
    c = make_client(login=user.email)
    capability = c.get(f"/seekers/{gap.id}/capability/new").get_data(as_text=True)
    assert '<option value="0">0 · Not present</option>' in capability
    assert "Not required" not in capability
    demand = c.get(f"/profiles/tasks/{bundle.task_ids[0]}").get_data(as_text=True)
    assert '<option value="0">0 · Not required</option>' in demand and "Not present" not in demand
    bundle_form = c.get(f"/profiles/bundles/{bundle.id}/edit").get_data(as_text=True)
    assert '<option value="0">0 · Not required</option>' in bundle_form


def test_comparison_page_shows_coverage_and_asks_to_assess_first(app, factory, make_client, codes):
    user, bundle, _gap, _fit = _world(app, factory)
    partial = builders.seeker(app, user, code="JS-PART", ratings={"walking": 5})
    c = make_client(login=user.email)
    body = c.get(f"/compare?bundle={bundle.id}&seeker={partial.id}").get_data(as_text=True)
    assert "Assessed on 1 of the 4 items the bundle demands" in body and 'id="assess-first"' in body
    whole = c.get(f"/compare?bundle={bundle.id}&seeker={_fit.id}").get_data(as_text=True)
    assert "Assessed on 4 of the 4 items" in whole and 'id="assess-first"' not in whole
