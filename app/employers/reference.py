"""Reference data from seed/: TOL 2008 industries and Finnish municipalities (read once, cached)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from flask_babel import get_locale

from app.config import BASE_DIR

SEED_DIR = BASE_DIR / "seed"


@dataclass(frozen=True)
class Industry:
    """A TOL 2008 section (A-U) or division (01-99)."""

    code: str
    level: str
    parent: str
    names: dict

    def name(self, language: str | None = None) -> str:
        """The name in `language` (default: the UI language), falling back to Finnish."""
        language = language or str(get_locale() or "fi")
        return self.names.get(language) or self.names.get("fi") or self.code


@dataclass(frozen=True)
class Municipality:
    """A Finnish municipality with its Swedish name and region."""

    code: str
    name_fi: str
    name_sv: str
    region: str


@cache
def industries() -> dict[str, Industry]:
    """All TOL 2008 sections and divisions by code."""
    path = SEED_DIR / "tol2008.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: Industry(row["code"], row["level"], row["parent"],
                                      {"fi": row["name_fi"], "sv": row["name_sv"], "en": row["name_en"]})
                for row in csv.DictReader(handle)}


@cache
def municipalities() -> dict[str, Municipality]:
    """All municipalities by Finnish name."""
    path = SEED_DIR / "municipalities.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["name_fi"]: Municipality(row["code"], row["name_fi"], row["name_sv"], row["region_fi"])
                for row in csv.DictReader(handle)}


@cache
def municipality_lookup() -> dict[str, str]:
    """Lower-cased Finnish and Swedish names -> canonical Finnish name."""
    lookup = {}
    for m in municipalities().values():
        lookup[m.name_fi.lower()] = m.name_fi
        lookup[m.name_sv.lower()] = m.name_fi
    return lookup


def municipality_canonical(raw: str | None) -> str | None:
    """The canonical Finnish name of a municipality typed in Finnish or Swedish, in any case; else None."""
    return municipality_lookup().get((raw or "").strip().lower())


def industry_label(code: str | None) -> str:
    """'47 Retail trade' style label of a TOL code, or the code itself if unknown."""
    if not code:
        return ""
    industry = industries().get(code)
    return f"{code} {industry.name()}" if industry else code


def industry_section(code: str | None) -> str | None:
    """The section letter of a division code (47 -> G)."""
    if not code:
        return None
    industry = industries().get(code) or industries().get(code[:2])
    if industry is None:
        return None
    return industry.code if industry.level == "section" else industry.parent


def industry_choices() -> list[tuple[str, str]]:
    """Choices for a select: divisions grouped under their sections."""
    return [(i.code, f"{i.code} {i.name()}" if i.level == "division" else f"{i.code} – {i.name()}")
            for i in sorted(industries().values(), key=lambda i: (i.parent or i.code, i.level != "section", i.code))]


def industry_matches(raw: str | None) -> str | None:
    """A TOL code from an import cell: a code ('47', '47110'), or a division/section name in any language."""
    text = (raw or "").strip()
    if not text:
        return None
    head = text.split()[0].rstrip(".")
    if head.isdigit() and len(head) >= 2 and head[:2] in industries():
        return head[:5]
    if len(head) == 1 and head.upper() in industries():
        return head.upper()
    lowered = text.lower()
    for industry in industries().values():
        if lowered in {name.lower() for name in industry.names.values() if name}:
            return industry.code
    return None
