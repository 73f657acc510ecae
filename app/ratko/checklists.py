"""The RATKO phase checklists: `seed/ratko_checklists.json` (fi/sv/en, with book line references), read once and
cached by modification time, with a built-in English fallback from the book when the file is missing or broken."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.ratko.labels import PHASE_LABELS
from app.ratko.models import PHASES

log = logging.getLogger("ratko.ratko")
SEED_FILE = Path(__file__).resolve().parents[2] / "seed" / "ratko_checklists.json"
_cache: dict = {"mtime": None, "phases": None}
_lock = threading.Lock()


@dataclass(frozen=True)
class Item:
    """One checklist item of a phase."""

    code: str
    texts: dict = field(default_factory=dict, hash=False, compare=False)
    lines: str = ""

    def text(self, language: str | None = None) -> str:
        """The item's text in `language` (default: the current locale), falling back to English or Finnish."""
        return _pick(self.texts, language)


@dataclass(frozen=True)
class Phase:
    """A RATKO phase with its name, description and checklist items."""

    code: str
    names: dict = field(default_factory=dict, hash=False, compare=False)
    descriptions: dict = field(default_factory=dict, hash=False, compare=False)
    items: tuple[Item, ...] = ()
    lines: str = ""

    def name(self, language: str | None = None) -> str:
        """The phase name in `language`."""
        return _pick(self.names, language) or str(PHASE_LABELS.get(self.code, self.code))

    def description(self, language: str | None = None) -> str:
        """The phase description in `language`."""
        return _pick(self.descriptions, language)


def _pick(texts: dict, language: str | None) -> str:
    if not texts:
        return ""
    if "_" in texts:  # built-in fallback: a lazy string, translated at render time
        return str(texts["_"])
    wanted = language or str(get_locale() or "en")
    return str(texts.get(wanted) or texts.get("en") or texts.get("fi") or next(iter(texts.values()), ""))


def _texts(raw) -> dict:
    if isinstance(raw, dict):
        return {k: str(v) for k, v in raw.items() if isinstance(v, str | int | float) and str(v).strip()}
    if isinstance(raw, str) and raw.strip():
        return {"en": raw, "fi": raw, "sv": raw}
    return {}


def _lines(raw) -> str:
    if isinstance(raw, list | tuple):
        return "–".join(str(x) for x in raw[:2])
    return str(raw or "")


def _by_language(node: dict, key: str) -> dict:
    """Texts given as {"fi": .., "sv": ..} under `key`, or as `key_fi`, `key_sv`, `key_en` siblings."""
    texts = _texts(node.get(key))
    for language in ("fi", "sv", "en"):
        value = node.get(f"{key}_{language}")
        if isinstance(value, str) and value.strip():
            texts[language] = value
    return texts


def _parse_item(node, index: int) -> Item | None:
    if isinstance(node, str):
        return Item(code=f"item{index + 1}", texts=_texts(node))
    if not isinstance(node, dict):
        return None
    code = str(node.get("code") or node.get("id") or node.get("key") or f"item{index + 1}")
    texts = {lang: str(node[lang]) for lang in ("fi", "sv", "en") if isinstance(node.get(lang), str) and node[lang]}
    for key in ("text", "label", "name", "title"):
        if texts:
            break
        texts = _by_language(node, key)
    lines = _lines(node.get("lines") or node.get("book_lines") or node.get("source") or node.get("seed_lines"))
    return Item(code=code[:60], texts=texts, lines=lines) if texts else None


def _parse(data) -> tuple[Phase, ...]:
    """Phases from the JSON, tolerant of a few shapes: {"phases": [...]}, a list, or {code: phase}."""
    if isinstance(data, dict) and "phases" in data:
        data = data["phases"]
    if isinstance(data, dict):
        data = [{"code": code, **value} for code, value in data.items() if isinstance(value, dict)]
    phases = {}
    for node in data if isinstance(data, list) else []:
        if not isinstance(node, dict):
            continue
        code = str(node.get("code") or node.get("id") or node.get("key") or node.get("phase") or "")
        if code not in PHASES:
            continue
        raw_items = node.get("items") or node.get("checklist") or []
        items = tuple(i for i in (_parse_item(n, k) for k, n in enumerate(raw_items)) if i is not None)
        phases[code] = Phase(code=code, names=_by_language(node, "name"),
                             descriptions=_by_language(node, "description"), items=items,
                             lines=_lines(node.get("lines") or node.get("book_lines")))
    if set(phases) != set(PHASES):
        raise ValueError("the checklist file does not describe all four phases")
    return tuple(phases[code] for code in PHASES)


def _item(code: str, text, lines: str) -> Item:
    return Item(code=code, texts={"_": text}, lines=lines)


def fallback() -> tuple[Phase, ...]:
    """The built-in checklists (from the book, seed lines 3755–4374)."""
    return (
        Phase("commitment", descriptions={"_": _l("Present the model to management, supervisors and staff; "
                                                  "management decides whether to go on.")}, lines="3816–3850",
              items=(_item("presented", _l("Model presented to management"), "3816–3818"),
                     _item("benefits", _l("Benefits discussed: undone and extra tasks shared anew, experts' time "
                                          "for core work"), "3818–3838"),
                     _item("demand", _l("How task demand is assessed explained"), "3838–3842"),
                     _item("staff", _l("Supervisors and staff informed"), "3769–3774"),
                     _item("motivation", _l("Employer's motivation recorded"), "4141–4177"),
                     _item("supervisors", _l("Key supervisors identified"), "4123–4139"),
                     _item("decision", _l("Management's go or no-go recorded"), "3848–3850"))),
        Phase("coaching", descriptions={"_": _l("1–2 hour workshops where the work community detaches tasks from "
                                                "the edges of its work and carves new task bundles.")},
              lines="3848–3890",
              items=(_item("participants", _l("Employer chose the workshop participants"), "3858–3866"),
                     _item("workshop", _l("Workshop held (1–2 hours)"), "3848–3852"),
                     _item("inventory", _l("Tasks inventoried as core, supplementary and extra"), "3776–3782"),
                     _item("detached", _l("Tasks detached from the edges of people's work"), "3882–3886"),
                     _item("diversity", _l("Partial work ability and diversity considered in the bundle"),
                           "3703–3713"),
                     _item("description", _l("New task description written"), "3886–3890"))),
        Phase("matching", descriptions={"_": _l("Assess the new task's demands and the candidate's capabilities on "
                                                "the same criteria and compare them.")}, lines="3892–4081",
              items=(_item("demand_profile", _l("Demand profile of the new task assessed"), "3892–3938"),
                     _item("capability_profile", _l("Candidate's capability profile assessed"), "3932–3938"),
                     _item("compared", _l("Profiles compared: strengths and gaps"), "3940–3955"),
                     _item("adaptations", _l("Adaptations planned: tailor the task, adapt conditions or aids"),
                           "3956–3963"),
                     _item("fit", _l("Fit agreed with the employer: not too skilled, not too unskilled"),
                           "4069–4081"))),
        Phase("consolidation", descriptions={"_": _l("Induction, the workplace inductor and the split of roles "
                                                     "between coach and supervisor; follow-ups.")},
              lines="4083–4374",
              items=(_item("inductor", _l("Workplace inductor named"), "3763–3764"),
                     _item("induction", _l("Induction plan agreed"), "4083–4099"),
                     _item("roles", _l("Coach's and supervisor's roles agreed"), "4262–4282"),
                     _item("contact", _l("How contact is kept agreed"), "4284–4288"),
                     _item("changes", _l("Who may change the job description agreed"), "4288–4290"),
                     _item("follow_ups", _l("Follow-ups scheduled"), "4360–4374"))),
    )


def phases() -> tuple[Phase, ...]:
    """The four phases with their checklists (the seed file when readable, else the built-in fallback)."""
    try:
        mtime = SEED_FILE.stat().st_mtime
    except OSError:
        return fallback()
    with _lock:
        if _cache["mtime"] != mtime:
            try:
                _cache["phases"] = _parse(json.loads(SEED_FILE.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError, AttributeError) as error:
                log.warning("ratko_checklists.json unusable, using the built-in checklists: %s", error)
                _cache["phases"] = None
            _cache["mtime"] = mtime
        return _cache["phases"] or fallback()


def phase(code: str) -> Phase | None:
    """One phase by code."""
    return next((p for p in phases() if p.code == code), None)


def item_codes() -> set[str]:
    """Every checklist item as "phase:item"."""
    return {f"{p.code}:{i.code}" for p in phases() for i in p.items}
