"""Turn one row's raw cells into normalised values, errors and notes. Pure apart from reference data.

Y-tunnus -> 1234567-8, phones -> E.164 (Finland by default, 358... without its + too), e-mails lower-cased, dates
from Excel serials, ISO or d.m.yyyy, municipalities and industries to their canonical names and codes (see
lenient.py), status and size from their codes or labels in any of the three languages, owners by e-mail or name
within the importing organisation.

Only the employer's name (or, without a name, the Y-tunnus) can make a row an error. An optional value that cannot be
read never rejects its row: it is left out with a note on the row, and an industry that is no TOL 2008 class is kept
as the employer's tag (the directory shows and filters by tags, and the industry can be chosen later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

from flask_babel import force_locale

from app.employers import reference, ytunnus
from app.employers.forms import parse_tags
from app.employers.labels import SIZE_LABELS, STATUS_LABELS
from app.employers.normalise import email_normalise, fold, phone_e164
from app.spreadsheets import lenient
from app.spreadsheets.mapping import FIELD_BY_KEY, header_key

EXCEL_EPOCH = date(1899, 12, 30)
CODED = {"business_id", "municipality", "industry", "size_class", "website", "phone", "email", "owner", "status",
         "started_on"}
_SERIAL = re.compile(r"\d{5}(\.\d+)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?")
_FINNISH = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s+(?:klo\s+)?\d{1,2}[:.]\d{2}([:.]\d{2})?)?")
NOTES = ("industry_read", "industry_tag")  # a value read another way: kept, with a note


@dataclass
class Context:
    """Lookups a row needs: the importing organisation's users and the code labels."""

    users_by_email: dict[str, int] = field(default_factory=dict)
    users_by_name: dict[str, list[int]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, str] = field(default_factory=dict)
    cache: dict[tuple[str, str], tuple] = field(default_factory=dict)  # lists repeat municipalities, owners, ...
    columns: list | None = None  # (position, field, header, max length) of the mapped columns, set on first use

    @classmethod
    def build(cls, users: list[tuple[int, str, str]]) -> Context:
        """From (id, name, email) of the organisation's users."""
        context = cls(statuses=label_lookup(STATUS_LABELS), sizes=label_lookup(SIZE_LABELS))
        for user_id, name, email in users:
            context.users_by_email[(email or "").lower()] = user_id
            context.users_by_name.setdefault(fold(name), []).append(user_id)
        return context


def label_lookup(labels: dict) -> dict[str, str]:
    """Code and label keys in Finnish, Swedish and English -> code."""
    lookup = {header_key(code): code for code in labels}
    for language in ("fi", "sv", "en"):
        try:
            with force_locale(language):
                lookup.update({header_key(str(label)): code for code, label in labels.items()})
        except RuntimeError:  # no application context (pure tests): codes only
            break
    return lookup


def parse_date(raw: str) -> date | None:
    """A date from an Excel serial number, ISO (as Excel cells are read), d.m.yyyy or d.m.yy; else None."""
    text = raw.strip()
    try:
        if _SERIAL.fullmatch(text):
            serial = int(float(text))
            return EXCEL_EPOCH + timedelta(days=serial) if 10_000 <= serial <= 80_000 else None
        match = _ISO.fullmatch(text)
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _FINNISH.fullmatch(text)
        if match:
            year = int(match.group(3))
            year = year + 2000 if year < 70 else year + 1900 if year < 100 else year
            return date(year, int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


def _industry_by_name(text: str, *, start: bool = False) -> str | None:
    """A TOL code from a name typed without its parenthesis ("Metallituotteiden valmistus"), or the one name that
    starts with the text (`start`, a guess)."""
    wanted = fold(text)
    if len(wanted) < (8 if start else 5):
        return None
    found = set()
    for industry in reference.industries().values():
        for name in industry.names.values():
            short = fold(re.sub(r"\s*\(.*?\)", "", name or ""))
            if short.startswith(wanted) if start else short == wanted:
                found.add(industry.code)
    return found.pop() if len(found) == 1 else None


def _error(errors: list, key: str, column: str, code: str, **params) -> None:
    errors.append({"field": key, "column": column, "code": code, "params": params})


def _owner(text: str, context: Context) -> tuple[int | None, str | None]:
    by_email = context.users_by_email.get(text.lower())
    if by_email:
        return by_email, None
    matches = context.users_by_name.get(fold(text), [])
    if len(matches) == 1:
        return matches[0], None
    return None, "owner_ambiguous" if matches else "owner"


def _website(text: str) -> str | None:
    """An http(s) address with a host name (RELIABILITY.md D3), "https://" added when typed without a scheme; as
    employers.forms.website_problem, without its message (jobs have no request to translate it for)."""
    address = text if "://" in text else f"https://{text}"
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in text:
        return None
    return address


def _read(key: str, text: str, context: Context) -> tuple[object, str | None]:
    """(value, problem or note code) for one non-empty cell; "-", "?" or "ei tiedossa" in a coded column is empty."""
    value, problem = _convert(key, text, context)
    if problem and key in CODED and lenient.placeholder(text):
        return None, None
    return value, problem


def _convert(key: str, text: str, context: Context) -> tuple[object, str | None]:
    """(normalised value, problem or note code, else None) for one non-empty cell."""
    if key == "business_id":
        value = ytunnus.normalise(text)
        return value, None if value else "ytunnus"
    if key == "municipality":
        if not reference.municipalities():
            return text, None
        value = lenient.municipality(text)
        return value, None if value else "municipality"
    if key == "industry":
        value = reference.industry_matches(text) or _industry_by_name(text)
        if value:
            return value, None
        value = lenient.industry_synonym(text) or _industry_by_name(text, start=True)
        return (value, "industry_read") if value else (None, "industry_tag")
    if key == "size_class":
        value = lenient.size_class(text, context.sizes)
        return value, None if value else "size"
    if key == "website":
        value = _website(text)
        return value, None if value else "website"
    if key == "tags":
        return parse_tags(text), None
    if key == "phone":
        value = phone_e164(text)  # 358401234000 (Excel dropped the +) is +358 40 1234000
        return value, None if value else "phone"
    if key == "email":
        value = email_normalise(text)
        return value, None if value else "email"
    if key == "owner":
        return _owner(text, context)
    if key == "status":
        value = context.statuses.get(header_key(text))
        return value, None if value else "status"
    if key == "started_on":
        value = parse_date(text)
        return (value.isoformat() if value else None), None if value else "date"
    return text, None


def normalise_row(raw: list[str], headers: list[str], mapping: list[str], context: Context
                  ) -> tuple[dict, list, list]:
    """The row's normalised values by field (empty cells left out), its errors and its warnings."""
    values: dict = {}
    errors: list = []
    if context.columns is None:
        context.columns = [(position, key, headers[position] if position < len(headers) else "",
                            FIELD_BY_KEY[key].max_length) for position, key in enumerate(mapping)
                           if key in FIELD_BY_KEY]
    width = len(raw)
    cache = context.cache
    problems, notes, tags = [], [], []
    for position, key, column, limit in context.columns:
        if position >= width:
            continue
        text = raw[position].strip()
        if not text:
            continue
        if limit and len(text) > limit:
            problems.append((key, column, "too_long", {"max": limit}))
            continue
        cached = cache.get((key, text))
        if cached is None:
            cached = cache[(key, text)] = _read(key, text, context)
        value, problem = cached
        if problem == "industry_tag":
            tags += parse_tags(text)
            notes.append({"field": key, "column": column, "code": problem,
                          "params": {"value": text, "tag": ", ".join(parse_tags(text))}})
        elif problem in NOTES:
            notes.append({"field": key, "column": column, "code": problem, "params": {"value": text,
                                                                                      "industry": value}})
        elif problem:
            problems.append((key, column, problem, {"value": text}))
            continue
        if value not in (None, "", []):
            values[key] = list(value) if isinstance(value, list) else value
    if tags:
        values["tags"] = values.get("tags", []) + [tag for tag in tags if tag not in values.get("tags", [])]
    _combine_names(values)
    warnings: list = []
    for key, column, code, params in problems:
        if key == "employer_name" or (key == "business_id" and "employer_name" not in values):
            _error(errors, key, column, code, **params)
        else:  # an optional value never rejects its row
            warnings.append({"field": key, "column": column, "code": code, "params": params, "left_out": True})
    warnings += notes
    _row_rules(values, errors, warnings)
    return values, errors, warnings


def _combine_names(values: dict) -> None:
    first, last = values.pop("first_name", ""), values.pop("last_name", "")
    if "contact_name" not in values and (first or last):
        values["contact_name"] = f"{first} {last}".strip()[:120]


def _row_rules(values: dict, errors: list, warnings: list) -> None:
    has_employer = "employer_name" in values or "business_id" in values
    has_contact = any(k in values for k in ("contact_name", "email", "phone", "title"))
    failed = {e["field"] for e in errors}
    if not has_employer and "business_id" not in failed and "employer_name" not in failed:
        _error(errors, "employer_name", "", "contact_without_employer" if has_contact else "required_name")
    elif has_contact and "contact_name" not in values and not failed & {"contact_name", "first_name", "last_name"}:
        # A phone or e-mail without a person is often the company's switchboard: keep the employer, say so.
        for key in ("email", "phone", "title"):
            values.pop(key, None)
        warnings.append({"code": "contact_name", "params": {}})
