"""Catalogues compile at start when their .mo is missing or older than the .po (any start path speaks Finnish), and
the .mo files stay out of git."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
from pathlib import Path

from app.core.catalogues import compile_stale

ROOT = Path(__file__).resolve().parents[2]


def _copy_sources(target: Path) -> Path:
    for po in (ROOT / "app" / "translations").glob("*/LC_MESSAGES/messages.po"):
        destination = target / po.relative_to(ROOT / "app" / "translations")
        destination.parent.mkdir(parents=True)
        shutil.copy(po, destination)
    return target


def _finnish(directory: Path, message: str) -> str:
    return gettext.translation("messages", localedir=str(directory), languages=["fi"]).gettext(message)


def test_missing_and_stale_catalogues_compile_and_fresh_ones_are_left_alone(tmp_path):
    translations = _copy_sources(tmp_path)
    assert sorted(compile_stale(translations)) == ["en", "fi", "sv"]
    assert _finnish(translations, "Worklist") == "Työlista"
    assert compile_stale(translations) == []  # nothing to do on the next start
    po = translations / "fi" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    later = mo.stat().st_mtime + 10
    os.utime(po, (later, later))  # a newer .po (git pull, make extract) is compiled again
    assert compile_stale(translations) == ["fi"]
    assert not list(translations.glob("**/.*.tmp"))


def test_a_read_only_folder_logs_and_carries_on(tmp_path, caplog):
    translations = _copy_sources(tmp_path)
    folder = translations / "sv" / "LC_MESSAGES"
    folder.chmod(0o555)
    try:
        compiled = compile_stale(translations)
    finally:
        folder.chmod(0o755)
    if os.geteuid() != 0:  # root writes anyway
        assert "sv" not in compiled and "make translations" in caplog.text


def test_compiled_catalogues_are_not_in_git():
    tracked = subprocess.run(["git", "ls-files", "app/translations"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked and not [name for name in tracked if name.endswith(".mo")]
