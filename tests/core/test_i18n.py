"""Every UI string is translatable and translated: the Finnish, Swedish and English catalogues are complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]")


def _catalog(language: str):
    with (ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _source_messages() -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    method_map = [("app/**.py", "python"), ("app/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=method_map, keywords=keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_is_complete_and_placeholders_match(language):
    catalog = _catalog(language)
    missing, wrong = [], []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags or not all(strings):
            missing.append(ids[0])
            continue
        expected = set(PLACEHOLDER.findall(ids[-1]))
        if not set(PLACEHOLDER.findall(strings[-1])) <= expected | set(PLACEHOLDER.findall(ids[0])):
            wrong.append(ids[0])
    assert not missing, f"{len(missing)} untranslated in {language}, e.g. {missing[:5]} (run make extract)"
    assert not wrong, f"placeholders differ in {language}: {wrong[:5]}"


def test_every_string_in_the_code_is_in_the_catalogues():
    in_catalogue = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _catalog("fi") if m.id}
    not_extracted = sorted(_source_messages() - in_catalogue)
    assert not not_extracted, f"{len(not_extracted)} strings not in the catalogues: {not_extracted[:5]} " \
                              "(run make extract and translate)"
