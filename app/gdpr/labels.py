"""Names of record types and personal fields in the user's language, for the register description and the access
export. A table or column without a name here falls back to its technical name made readable, so nothing declared
is ever left out of either."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

RECORD_LABELS = {
    "api_idempotency_keys": _l("Repeated API requests"), "api_tokens": _l("Personal access tokens"),
    "audit_events": _l("Audit trail events"), "auth_sessions": _l("Login sessions"),
    "calendar_tokens": _l("Calendar feed links"), "capability_profiles": _l("Capability assessments"),
    "capability_ratings": _l("Capability ratings"), "characteristic_groups": _l("Characteristic groups"),
    "characteristics": _l("Characteristics"), "contact_persons": _l("Contact persons"),
    "demand_profiles": _l("Demand profiles"), "demand_ratings": _l("Demand ratings"),
    "diagnosis_words": _l("Diagnosis words"), "employer_tags": _l("Employer tags"), "employers": _l("Employers"),
    "follow_ups": _l("Promises and next steps"), "import_batches": _l("Imports"),
    "import_changes": _l("Changes made by imports"), "import_files": _l("Uploaded import files"),
    "import_mappings": _l("Remembered column mappings"), "import_rows": _l("Rows read from import files"),
    "job_seekers": _l("Job seekers"), "lead_board_visits": _l("Lead board visits"),
    "lead_demands": _l("Demands of leads"), "lead_proposals": _l("Proposals for leads"), "leads": _l("Leads"),
    "login_attempts": _l("Login attempts"), "network_settings": _l("Network settings"),
    "organisations": _l("Organisations"), "passkeys": _l("Passkeys"),
    "placement_follow_ups": _l("Placement follow-ups"), "placement_phases": _l("Support plan phases"),
    "placements": _l("Placements"), "ratko_bundles": _l("Task bundles"),
    "ratko_consolidations": _l("Consolidation plans"), "ratko_engagement_events": _l("Engagement events"),
    "ratko_engagement_notes": _l("Engagement notes"), "ratko_engagements": _l("RATKO engagements"),
    "ratko_follow_ups": _l("RATKO follow-ups"), "ratko_key_persons": _l("Key persons of engagements"),
    "ratko_participants": _l("Workshop participants"), "ratko_tasks": _l("Tasks"),
    "ratko_time_entries": _l("Time entries"), "ratko_workshops": _l("Workshops"),
    "recovery_codes": _l("Recovery codes"), "relationship_cadence": _l("Contact rhythm"),
    "relationships": _l("Relationships with employers"), "retention_periods": _l("Retention periods"),
    "search_index": _l("Search index"),
    "seeker_consent_employers": _l("Employers named in consents"),
    "seeker_consent_events": _l("Consent events"), "seeker_consents": _l("Consents"),
    "seeker_workplaces": _l("Workplace wishes"), "sites": _l("Sites"), "totp_factors": _l("Authenticator apps"),
    "touchpoint_participants": _l("Touchpoint participants"), "touchpoints": _l("Touchpoints"),
    "user_roles": _l("User roles"), "users": _l("Users"),
}

FIELD_LABELS = {
    "api_idempotency_keys.body": _l("Stored answer to a repeated request"), "api_tokens.name": _l("Name of the token"),
    "audit_events.summary": _l("Summary of the event"), "audit_events.changes": _l("Changed values"),
    "auth_sessions.ip": _l("IP address"), "auth_sessions.user_agent": _l("Browser"),
    "capability_profiles.assessor_name": _l("Assessor's name"), "capability_profiles.note": _l("Assessment note"),
    "contact_persons.name": _l("Name"), "contact_persons.title": _l("Job title"),
    "contact_persons.phone": _l("Phone"), "contact_persons.email": _l("E-mail"),
    "contact_persons.source": _l("Where the contact came from"),
    "demand_profiles.assessor_name": _l("Assessor's name"),
    "employers.search_text": _l("Search text (includes contact persons' names)"),
    "import_batches.samples_json": _l("First rows of the file"),
    "import_batches.undo_report_json": _l("Records an undo left alone"),
    "import_changes.before_json": _l("Values before the import"), "import_files.content": _l("The uploaded file"),
    "import_rows.raw_json": _l("Cells as read"), "import_rows.values_json": _l("Cleaned values"),
    "import_rows.plan_json": _l("What the import will do"), "import_rows.errors_json": _l("Errors"),
    "import_rows.warnings_json": _l("Warnings"),
    "job_seekers.code": _l("Code"), "job_seekers.alias": _l("Alias"),
    "job_seekers.industries": _l("Preferred industries"), "job_seekers.municipalities": _l("Preferred municipalities"),
    "job_seekers.preferences_note": _l("Other wishes"), "job_seekers.notes": _l("Internal notes"),
    "login_attempts.email": _l("E-mail used to log in"), "login_attempts.ip": _l("IP address"),
    "passkeys.name": _l("Name of the passkey"), "placement_follow_ups.note": _l("Follow-up note"),
    "placement_phases.workplace_person": _l("Responsible person at the workplace"),
    "placement_phases.note": _l("Phase note"), "placements.job_title": _l("Job title"),
    "placements.employment_goal": _l("Employment goal"), "placements.notes": _l("Notes"),
    "ratko_consolidations.inductor_name": _l("Inductor's name"),
    "ratko_consolidations.job_description_changes_by": _l("Who changes the job description"),
    "ratko_consolidations.instructions_from": _l("Who gives instructions"),
    "ratko_engagements.decided_by": _l("Who decided"), "ratko_key_persons.name": _l("Name"),
    "ratko_participants.name": _l("Name"), "seeker_consent_events.note": _l("Note"),
    "seeker_consents.parties": _l("Named parties"), "seeker_consents.disclosure_text": _l("What may be told"),
    "search_index.text": _l("Searchable text copied from the records"),
    "seeker_consents.note": _l("Note"), "seeker_workplaces.note": _l("Note"), "users.email": _l("E-mail"),
    "users.name": _l("Name"),
}

# The lawful basis each purpose usually rests on. The organisations' data protection officers confirm it; the page
# says so (RELIABILITY.md 4.1: which ground applies is their decision, not the software's).
PURPOSE_BASES = {
    "directory": _l("Legitimate interest of the network's organisations in working with employers "
                    "(GDPR art. 6(1)(f))."),
    "employer_relations": _l("Legitimate interest in keeping in touch with employers (GDPR art. 6(1)(f))."),
    "ratko": _l("Legitimate interest and the agreement with the employer on job carving (GDPR art. 6(1)(b) and (f))."),
    "job_search": _l("The organisation's employment service to the job seeker and the job seeker's written consent "
                     "for matching and for telling employers (GDPR art. 6(1)(a), (c) or (e) and art. 9(2)(a))."),
    "vacancies": _l("Legitimate interest; a job seeker is proposed only with their written consent (GDPR art. "
                    "6(1)(a) and (f))."),
    "placement_support": _l("The organisation's employment service to the person placed (GDPR art. 6(1)(c) or (e))."),
    "accounts": _l("Security of the service (GDPR art. 6(1)(f) and art. 32)."),
    "audit": _l("Showing who handled personal data and how (GDPR art. 5(2) and art. 32)."),
    "imports": _l("Legitimate interest in keeping the employer directory up to date (GDPR art. 6(1)(f))."),
    "catalogue": _l("No personal data: the network's shared wording and settings."),
    "search": _l("The same basis as the records whose text it copies."),
}


def humanise(name: str) -> str:
    """A technical name made readable: "preferences_note" -> "Preferences note"."""
    words = name.removesuffix("_json").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def record_label(table: str) -> str:
    """The name of a record type (table) in the user's language."""
    label = RECORD_LABELS.get(table)
    return str(label) if label is not None else humanise(table)


def field_label(table: str, column: str) -> str:
    """The name of a field (column) in the user's language."""
    label = FIELD_LABELS.get(f"{table}.{column}")
    return str(label) if label is not None else humanise(column)
