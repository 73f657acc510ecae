"""The catalogue's reference data: the 0-5 scale and the seed loader (`flask seed catalogue`, demo step 50).

The seed (`seed/characteristics.json`) is our own wording with a structure compatible with MELBA and IMBA; an
organisation holding a licence may edit the texts. Loading is idempotent by code: groups and items that exist are
left as the admins edited them unless `update=True`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.config import BASE_DIR
from app.extensions import db
from app.profiles.models import LANGS, LEVELS, Characteristic, CharacteristicGroup

SEED_FILE = BASE_DIR / "seed" / "characteristics.json"
FALLBACK_LEVELS = {0: _l("Not required / not present"), 1: _l("Very low"), 2: _l("Low"), 3: _l("Moderate"),
                   4: _l("High"), 5: _l("Very high")}
LEVEL_ZERO = {"demand": _l("Not required"), "capability": _l("Not present")}  # each side its own words for 0


@cache
def _seed(path: str) -> dict:
    file = Path(path)
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}


def seed_data(path: Path | None = None) -> dict:
    """The parsed seed file (empty when it is missing)."""
    return _seed(str(path or SEED_FILE))


def level_names(language: str | None = None, side: str | None = None) -> dict[int, str]:
    """Names of the scale's levels 0-5 in the UI language (from the seed, else built in). With `side` ("demand" or
    "capability") level 0 reads as that side means it: a task does not require it, a person does not have it."""
    language = language or str(get_locale() or "en")
    names = {level: str(label) for level, label in FALLBACK_LEVELS.items()}
    for row in seed_data().get("scale", {}).get("levels", []):
        value = row.get("value")
        if value in LEVELS and (row.get(language) or row.get("en")):
            names[value] = row.get(language) or row["en"]
    if side in LEVEL_ZERO:
        names[0] = str(LEVEL_ZERO[side])
    return names


def _texts(values: dict | None, prefix: str) -> dict:
    values = values or {}
    return {f"{prefix}_{lang}": (values.get(lang) or values.get("en") or "").strip() for lang in LANGS}


def _levels(item: dict) -> str:
    levels = {str(k): {lang: v.get(lang, "") for lang in LANGS} for k, v in (item.get("levels") or {}).items()
              if str(k).isdigit() and int(k) in LEVELS and isinstance(v, dict)}
    return json.dumps(levels, ensure_ascii=False, sort_keys=True)


def catalogue_load(*, path: Path | None = None, update: bool = False) -> dict[str, int]:
    """Create missing groups and items from the seed (and refresh existing wording with `update`); return counts."""
    data = seed_data(path)
    counts = {"groups": 0, "items": 0, "updated": 0}
    groups = {g.code: g for g in db.session.scalars(select(CharacteristicGroup))}
    items = {i.code: i for i in db.session.scalars(select(Characteristic))}
    for g_index, raw_group in enumerate(data.get("groups", []), start=1):
        group = groups.get(raw_group["code"])
        if group is None:
            group = CharacteristicGroup(code=raw_group["code"], family=raw_group.get("family", "psychosocial"),
                                        position=raw_group.get("order", g_index), **_texts(raw_group["name"], "name"))
            db.session.add(group)
            db.session.flush()
            groups[group.code] = group
            counts["groups"] += 1
        for i_index, raw_item in enumerate(raw_group.get("items", []), start=1):
            fields = {**_texts(raw_item.get("name"), "name"), **_texts(raw_item.get("description"), "description"),
                      "levels_json": _levels(raw_item)}
            item = items.get(raw_item["code"])
            if item is None:
                db.session.add(Characteristic(code=raw_item["code"], group_id=group.id, position=i_index,
                                              active=True, **fields))
                counts["items"] += 1
            elif update:
                for key, value in fields.items():
                    setattr(item, key, value)
                counts["updated"] += 1
    db.session.flush()
    return counts
