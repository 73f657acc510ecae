"""The network administrator's diagnosis words: stems the seed list misses and exceptions for false positives."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import bp
from app.admin.forms import DiagnosisWordForm
from app.core import diagnosis_words
from app.core.auth import role_required
from app.core.diagnosis import find_diagnosis_terms, load_terms
from app.core.diagnosis_words import DiagnosisWord
from app.core.htmx import render
from app.core.refusals import Refusal, refuse
from app.core.scoping import get_or_404


@bp.route("/admin/diagnosis-words", methods=["GET", "POST"])
@role_required("admin")
def diagnosis_words_page():
    """The term list in use: try a text, add a stem or an exception, see the base list."""
    form = DiagnosisWordForm()
    if form.validate_on_submit():
        try:
            diagnosis_words.word_add(kind=form.kind.data, word=form.word.data, lang=form.lang.data,
                                     user_id=current_user.id)
        except Refusal as refusal:
            refuse(form, refusal)
        else:
            flash(_("Added. The guard uses it from now on."), "success")
            return redirect(url_for("admin.diagnosis_words_page"), 303)
    sample = request.args.get("text", "")[:4000]
    return render("admin/diagnosis_words.html", form=form, sample=sample, found=find_diagnosis_terms(sample),
                  terms=diagnosis_words.words_of("term"), exceptions=diagnosis_words.words_of("exception"),
                  base=load_terms(), status=422 if form.errors else 200)


@bp.post("/admin/diagnosis-words/<int:word_id>/delete")
@role_required("admin")
def diagnosis_word_delete(word_id: int):
    """Remove an added stem or exception."""
    diagnosis_words.word_remove(row=get_or_404(DiagnosisWord, word_id))
    flash(_("Removed."), "success")
    return redirect(url_for("admin.diagnosis_words_page"), 303)
