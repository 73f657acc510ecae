"""The seeker's traffic-light list of workplaces: green = most wanted, yellow = possible, orange = borderline."""

from __future__ import annotations

from flask_login import current_user

from app.core.auth import role_required
from app.core.htmx import render_fragment
from app.profiles import MATCHING_ROLES
from app.seekers import bp, selectors, services
from app.seekers.forms import WorkplaceEditForm, WorkplaceForm


def _list(seeker, status: int = 200):
    return render_fragment("seekers/_workplaces.html", seeker=seeker, workplaces=selectors.seeker_workplaces(seeker),
                           workplace_form=WorkplaceEditForm(formdata=None), status=status)


@bp.post("/seekers/<int:seeker_id>/workplaces")
@role_required(*MATCHING_ROLES)
def workplace_add(seeker_id: int):
    """Put an employer on the seeker's list with a light; re-render the list."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    form = WorkplaceForm()
    employer_id = int(form.employer_id.data) if (form.employer_id.data or "").isdigit() else None
    if not form.validate_on_submit() or employer_id not in selectors.employer_names([employer_id or 0]):
        return _list(seeker, status=422)
    services.workplace_add(seeker=seeker, employer_id=employer_id, light=form.light.data, note=form.note.data)
    return _list(seeker)


@bp.post("/seekers/workplaces/<int:workplace_id>")
@role_required(*MATCHING_ROLES)
def workplace_update(workplace_id: int):
    """Change a workplace's light or note; re-render the list."""
    workplace = selectors.workplace_get_or_404(workplace_id, current_user)
    seeker = selectors.seeker_get_or_404(workplace.seeker_id, current_user)
    form = WorkplaceEditForm()
    if not form.validate_on_submit():
        return _list(seeker, status=422)
    services.workplace_update(workplace=workplace, light=form.light.data, note=form.note.data)
    return _list(seeker)


@bp.post("/seekers/workplaces/<int:workplace_id>/remove")
@role_required(*MATCHING_ROLES)
def workplace_remove(workplace_id: int):
    """Take a workplace off the list; re-render the list."""
    workplace = selectors.workplace_get_or_404(workplace_id, current_user)
    seeker = selectors.seeker_get_or_404(workplace.seeker_id, current_user)
    services.workplace_remove(workplace=workplace)
    return _list(seeker)
