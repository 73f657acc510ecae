"""Compiled message catalogues. The .mo files are build output, kept out of git, so whichever way the app starts
(`make run`, `make install` then `flask run`, gunicorn, pytest) it compiles any catalogue whose .mo is missing or
older than its .po before the first request; otherwise every user would see English."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

log = logging.getLogger(__name__)


def _stale(po: Path, mo: Path) -> bool:
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_stale(directory: Path, domain: str = "messages") -> list[str]:
    """Compile every `<language>/LC_MESSAGES/<domain>.po` under `directory` whose .mo is missing or older (fuzzy
    entries included, as `make translations`); return the languages compiled. Each worker writes its own temporary
    file and renames it into place, so workers starting together never read half a file; a read-only install logs
    a warning and serves what it has."""
    compiled = []
    for po in sorted(directory.glob(f"*/LC_MESSAGES/{domain}.po")):
        mo = po.with_suffix(".mo")
        if not _stale(po, mo):
            continue
        language = po.parent.parent.name
        temporary = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
        try:
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language)
            with temporary.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=True)
            os.replace(temporary, mo)
        except OSError as error:
            log.warning("could not compile the %s catalogue (%s): run `make translations`", language, error)
            temporary.unlink(missing_ok=True)
            continue
        compiled.append(language)
    if compiled:
        log.info("compiled message catalogues: %s", ", ".join(compiled))
    return compiled
