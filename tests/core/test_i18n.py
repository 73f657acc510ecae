"""Every UI string is translatable and translated: the Finnish, Swedish and English catalogues are complete."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]")


def _catalog(language: str):
    with (ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _extract_args() -> list[str]:
    """The extraction options `make extract` uses (EXTRACT_ARGS in the Makefile: babel.cfg and the folder rules)."""
    line = re.search(r"^EXTRACT_ARGS = (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    return shlex.split(line.group(1))


def _source_messages(tmp_path: Path) -> set[str]:
    """Every message id in the code, extracted exactly as `make extract` does (so a folder it skips fails here)."""
    pot = tmp_path / "messages.pot"
    args = [str(ROOT / a) if a == "babel.cfg" else a for a in _extract_args()]  # relative to the checkout
    CommandLineInterface().run(["pybabel", "-q", "extract", *args, "-o", str(pot), str(ROOT)])
    with pot.open("rb") as handle:
        return {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}


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


def test_extraction_includes_underscore_folders(tmp_path):
    found = _source_messages(tmp_path)
    assert "Page %(page)d of %(pages)d" in found and "Next" in found  # app/templates/_macros/forms.html: the pager


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    in_catalogue = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _catalog("fi") if m.id}
    not_extracted = sorted(_source_messages(tmp_path) - in_catalogue)
    assert not not_extracted, f"{len(not_extracted)} strings not in the catalogues: {not_extracted[:5]} " \
                              "(run make extract and translate)"
