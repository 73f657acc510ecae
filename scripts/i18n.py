"""Catalogue maintenance: `python scripts/i18n.py fill-en` copies every msgid into the English catalogue;
`python scripts/i18n.py missing fi` lists messages still untranslated in a language;
`python scripts/i18n.py set FILE.json ...` writes translations from files shaped
{"English msgid": {"fi": "...", "sv": "..."}} (a list of strings for a plural) into the extracted catalogues."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent / "app" / "translations"


def _load(language: str):
    path = ROOT / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return path, read_po(handle, locale=language)


def fill_en() -> None:
    """English is the source language: its catalogue repeats every msgid."""
    path, catalog = _load("en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id)
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, sort_output=True)


def missing(language: str) -> list[str]:
    """Message ids without a (non-fuzzy) translation."""
    _, catalog = _load(language)
    result = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags or not all(strings):
            result.append(message.id if isinstance(message.id, str) else message.id[0])
    return result


def set_from(paths: list[str]) -> list[str]:
    """Write translations from JSON files into the fi and sv catalogues; return msgids not found there."""
    wanted: dict[str, dict] = {}
    for name in paths:
        wanted.update(json.loads(Path(name).read_text(encoding="utf-8")))
    not_found = set(wanted)
    for language in ("fi", "sv"):
        path, catalog = _load(language)
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0]
            if not key or key not in wanted or language not in wanted[key]:
                continue
            value = wanted[key][language]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
            not_found.discard(key)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=120, sort_output=True)
    return sorted(not_found)


if __name__ == "__main__":
    if sys.argv[1:] == ["fill-en"]:
        fill_en()
    elif len(sys.argv) == 3 and sys.argv[1] == "missing":
        for item in missing(sys.argv[2]):
            print(item)
    elif len(sys.argv) >= 3 and sys.argv[1] == "set":
        for item in set_from(sys.argv[2:]):
            print("not in the catalogues (run make extract first):", item)
    else:
        print(__doc__)
        sys.exit(2)
