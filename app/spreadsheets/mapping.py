"""Column mapping: which field each header means, from Finnish, Swedish and English variants. Pure (no database).

Headers are compared by a key with case, accents, spaces and punctuation removed ("E-mail Address" ->
"emailaddress", "Sähköposti" -> "sahkoposti"). The labels this app writes into its own exports and template count
as synonyms in every language, so an exported file always maps back.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

SKIP = "_skip"


@dataclass(frozen=True)
class Field:
    """An importable field: key, group (employer/contact/relationship) and label."""

    key: str
    group: str
    label: object
    max_length: int | None = None


FIELDS = (
    Field("employer_name", "employer", _l("Employer"), 200),
    Field("business_id", "employer", _l("Y-tunnus")),
    Field("municipality", "employer", _l("Municipality"), 80),
    Field("industry", "employer", _l("Industry")),
    Field("size_class", "employer", _l("Size")),
    Field("address", "employer", _l("Address"), 300),
    Field("website", "employer", _l("Website"), 300),
    Field("tags", "employer", _l("Tags"), 400),
    Field("contact_name", "contact", _l("Contact person"), 120),
    Field("first_name", "contact", _l("First name"), 60),
    Field("last_name", "contact", _l("Last name"), 60),
    Field("title", "contact", _l("Job title"), 120),
    Field("phone", "contact", _l("Phone")),
    Field("email", "contact", _l("E-mail"), 254),
    Field("owner", "relationship", _l("Owner")),
    Field("status", "relationship", _l("Our status")),
    Field("started_on", "relationship", _l("Relationship started")),
    Field("note", "relationship", _l("Private note"), 4000),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
# Columns this app exports that are not imported (derived from touchpoints): recognised, then ignored.
EXPORT_ONLY = {"last_touchpoint": _l("Last touchpoint"), "cadence": _l("Cadence"), "industry_name": _l("Industry name")}

SYNONYMS = {
    "employer_name": ["yritys", "yrityksen nimi", "yritysnimi", "yhtiö", "toiminimi", "työnantaja",
                      "työnantajan nimi", "organisaatio", "organisaation nimi", "asiakas", "företag",
                      "företagets namn", "företagsnamn", "arbetsgivare", "organisation", "company", "company name",
                      "employer", "employer name", "organization", "organisation name", "account name",
                      "business name", "firma"],
    "business_id": ["y-tunnus", "ytunnus", "yritystunnus", "y-tunnus/alv", "alv-numero", "alv-tunnus", "vat",
                    "vat number", "vat no", "vat id", "fo-nummer", "fo nr", "företags- och organisationsnummer",
                    "organisationsnummer", "org nr", "momsnummer", "business id", "business identity code",
                    "company id", "registration number", "company registration number"],
    "municipality": ["kunta", "kotikunta", "sijaintikunta", "paikkakunta", "kaupunki", "kommun", "ort", "stad",
                     "hemkommun", "city", "municipality", "town", "business city", "location"],
    "industry": ["toimiala", "toimialakoodi", "tol", "tol-koodi", "tol 2008", "bransch", "näringsgren",
                 "industry", "sector", "line of business", "industry code"],
    "size_class": ["koko", "kokoluokka", "henkilöstön määrä", "storlek", "storleksklass", "size", "company size"],
    "address": ["osoite", "katuosoite", "käyntiosoite", "postiosoite", "adress", "gatuadress", "besöksadress",
                "address", "street", "street address", "business street"],
    "website": ["www", "www-sivut", "kotisivu", "kotisivut", "verkkosivu", "verkkosivut", "webbplats", "hemsida",
                "webbsida", "website", "web site", "web page", "homepage", "url"],
    "tags": ["tunnisteet", "tunniste", "avainsanat", "tagit", "luokat", "taggar", "nyckelord", "etiketter",
             "tags", "keywords", "categories", "labels"],
    "contact_name": ["yhteyshenkilö", "yhteyshenkilön nimi", "henkilö", "kontaktperson", "kontaktpersonens namn",
                     "kontakt", "contact", "contact name", "contact person", "full name", "person"],
    "first_name": ["etunimi", "etunimet", "förnamn", "first name", "firstname", "given name"],
    "last_name": ["sukunimi", "efternamn", "last name", "lastname", "surname", "family name"],
    "title": ["tehtävä", "titteli", "tehtävänimike", "ammattinimike", "nimike", "asema", "rooli", "titel",
              "befattning", "yrkestitel", "roll", "job title", "title", "position", "role"],
    "phone": ["puhelin", "puhelinnumero", "puh", "puh.", "gsm", "matkapuhelin", "kännykkä", "telefon",
              "telefonnummer", "tfn", "mobil", "mobiltelefon", "phone", "phone number", "business phone",
              "mobile", "mobile phone", "tel", "telephone"],
    "email": ["sähköposti", "sähköpostiosoite", "s-posti", "sposti", "e-post", "epost", "e-postadress", "email",
              "e-mail", "e-mail address", "email address", "mail"],
    "owner": ["vastuuhenkilö", "vastuuvalmentaja", "omistaja", "vastuutyöntekijä", "ansvarig", "ägare",
              "kontaktansvarig", "owner", "account owner", "responsible", "assigned to"],
    "status": ["tila", "asiakkuuden tila", "suhteen tila", "status", "relationship status", "our status",
               "vår status", "meidän tila"],
    "started_on": ["asiakkuus alkanut", "aloitettu", "alkupäivä", "suhde alkanut", "inledd", "startdatum",
                   "started", "started on", "start date", "relationship started"],
    "note": ["muistiinpanot", "muistiinpano", "huomiot", "huomautukset", "lisätiedot", "kommentti", "anteckningar",
             "anteckning", "kommentarer", "notes", "note", "comments", "remarks", "private note"],
    SKIP: ["viimeisin yhteydenotto", "viimeisin kontakti", "senaste kontakt", "last touchpoint", "last contact",
           "cadence", "rytmi", "kontaktirytmi", "kontaktrytm", "id", "nro", "#"],
}
# A bare "Title" in an Outlook export is the honorific, so "Job title" wins when both are present.
WEAK = {"title", "contact", "person", "mail", "tel", "location", "role", "position", "kontakt", "henkilö", "nimike"}


def header_key(text: str | None) -> str:
    """A header reduced to lower-case ASCII letters and digits (BOM, accents, spaces and punctuation removed)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").replace("\ufeff", "")).casefold()
    return re.sub(r"[^0-9a-z]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


_LABEL_CACHE: dict[str, set[str]] = {}


def _translated_labels() -> dict[str, set[str]]:
    """Header keys of this app's own column labels in Finnish, Swedish and English (computed once)."""
    if _LABEL_CACHE:
        return _LABEL_CACHE
    labels: dict[str, set[str]] = {}
    items = [(f.key, f.label) for f in FIELDS] + [(SKIP, label) for label in EXPORT_ONLY.values()]
    try:
        for language in ("fi", "sv", "en"):
            with force_locale(language):
                for key, label in items:
                    labels.setdefault(key, set()).add(header_key(str(label)))
    except RuntimeError:  # outside an application context: nothing to translate with, try again later
        return {}
    _LABEL_CACHE.update(labels)
    return labels


@cache
def _static_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for field, words in SYNONYMS.items():
        for word in words:
            index[header_key(word)] = (field, 2 if word in WEAK else 3)
    return index


_INDEX_CACHE: dict[str, tuple[str, int]] = {}


def synonym_index() -> dict[str, tuple[str, int]]:
    """Header key -> (field, strength) for every known synonym and every label this app writes."""
    if _INDEX_CACHE:
        return _INDEX_CACHE
    index = dict(_static_index())
    labels = _translated_labels()
    for field, keys in labels.items():
        for key in keys:
            if key and key not in index:
                index[key] = (field, 3)
    if labels:
        _INDEX_CACHE.update(index)
    return index


def detect_field(header: str, index: dict | None = None) -> tuple[str, int]:
    """The field a header most likely means and how sure (3 exact, 2 weak or suffix, 1 prefix, 0 none)."""
    index = index if index is not None else synonym_index()
    key = header_key(header)
    if not key:
        return "", 0
    if key in index:
        return index[key]
    suffixes = [(len(k), f) for k, (f, s) in index.items() if len(k) >= 3 and key.endswith(k) and s == 3]
    if suffixes:
        return max(suffixes)[1], 2
    prefixes = [(len(k), f) for k, (f, s) in index.items() if len(k) >= 5 and key.startswith(k) and s == 3]
    if prefixes:
        return max(prefixes)[1], 1
    return "", 0


def header_score(cells: list[str]) -> int:
    """How many of these cells look like known headers (used to find the header row)."""
    index = synonym_index()
    return sum(1 for cell in cells if detect_field(cell, index)[1] >= 2)


def detect_mapping(headers: list[str], remembered: dict[str, str] | None = None) -> list[str]:
    """A field for each column ("" = ignored): a remembered mapping first, else detection; each field once."""
    index = synonym_index()
    guesses = []
    for position, header in enumerate(headers):
        key = header_key(header)
        if remembered and key in remembered:
            guesses.append((remembered[key], 9, position))
        else:
            field, strength = detect_field(header, index)
            guesses.append((field, strength, position))
    mapping = [""] * len(headers)
    taken: set[str] = set()
    for field, _strength, position in sorted(guesses, key=lambda g: (-g[1], g[2])):
        if field and field != SKIP and field in FIELD_BY_KEY and field not in taken:
            mapping[position] = field
            taken.add(field)
    return mapping


def fingerprint(headers: list[str]) -> str:
    """Identifies a header set regardless of column order, case and punctuation."""
    keys = sorted({header_key(h) for h in headers if header_key(h)})
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()[:32]


def remembered_form(headers: list[str], mapping: list[str]) -> dict[str, str]:
    """The mapping keyed by header key, as stored per organisation."""
    return {header_key(h): field for h, field in zip(headers, mapping, strict=False) if header_key(h)}


def mapping_problems(mapping: list[str]) -> list[dict]:
    """What stops a mapping from being used: no employer column, or a field mapped twice."""
    problems = []
    if "employer_name" not in mapping and "business_id" not in mapping:
        problems.append({"code": "map_required", "params": {}})
    seen = set()
    for field in mapping:
        if field and field in seen:
            problems.append({"code": "map_twice", "params": {"field": str(FIELD_BY_KEY[field].label)}})
        seen.add(field)
    return problems
