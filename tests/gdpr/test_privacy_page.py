"""/privacy: the register description generated from the declarations, readable without logging in, in fi/sv/en.
A declared personal column that the page leaves out fails here."""

from __future__ import annotations

from markupsafe import escape

from app.core.privacy import PERSONAL, PURPOSES, columns_with
from app.extensions import db
from app.gdpr.labels import field_label, record_label


def test_the_page_is_public_and_lists_every_purpose_and_every_personal_field(app, client, factory):
    factory.org("julkinen", "Julkinen Organisaatio")
    response = client.get("/privacy")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Julkinen Organisaatio" in page
    with app.test_request_context():
        declared = columns_with(PERSONAL)
        purposes = [str(label) for label in PURPOSES.values()]
        missing = [f"{d.table}.{d.column}" for d in declared
                   if f"{d.table}.{d.column}" not in page or str(escape(field_label(d.table, d.column))) not in page
                   or str(escape(record_label(d.table))) not in page]
    assert len(declared) > 40
    assert missing == [], f"personal columns missing from /privacy: {missing}"
    for label in purposes:
        assert str(escape(label)) in page, label
    for text in ("24 months", "60 months", "30 days", "Access (art. 15)", "Erasure (art. 17)", "tietosuoja.fi"):
        assert text in page


def test_the_page_shows_the_administrators_periods(app, client, factory):
    from app.gdpr import services

    with app.app_context():
        services.retention_periods_save(periods={"seeker": 18, "placement": 60, "import_file": 14}, user_id=None)
        db.session.commit()
    page = client.get("/privacy").get_data(as_text=True)
    assert "18 months" in page and "14 days" in page and "24 months" not in page


def test_the_page_follows_the_language(app, client):
    for language in ("fi", "sv", "en"):
        response = client.get("/privacy", headers={"Accept-Language": language})
        assert response.status_code == 200 and f'<html lang="{language}">' in response.get_data(as_text=True)


def test_every_purpose_has_a_lawful_basis_and_every_table_a_name(app):
    from app.core.privacy import TABLE_PURPOSES
    from app.gdpr.labels import PURPOSE_BASES, RECORD_LABELS

    assert set(PURPOSES) <= set(PURPOSE_BASES), "describe the lawful basis of a new purpose in app/gdpr/labels.py"
    with app.app_context():
        unnamed = sorted(t for t in db.metadata.tables if t in TABLE_PURPOSES and t not in RECORD_LABELS)
    assert unnamed == [], f"name these record types in app/gdpr/labels.py: {unnamed}"
