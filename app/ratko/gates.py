"""The gates between RATKO phases (pure: no database). The workshops of phase 2 start only after management's go
(seed lines 3848–3850, rule R3); matching needs a task bundle to match a worker to (3882–3900). Moving back is
always allowed; a manager may move past an unmet gate with a reason, which is recorded and shown."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.ratko.models import PHASES

GATE_LABELS = {
    "go": _l("Management has not given its go yet: the workshops start only after it."),
    "bundle": _l("No task bundle has been carved yet: matching needs a bundle to match a worker to."),
}
GATE_SHORT = {"go": _l("without management's go"), "bundle": _l("without a task bundle")}
NEEDS = {"coaching": ("go",), "matching": ("go", "bundle"), "consolidation": ("go", "bundle")}


@dataclass(frozen=True)
class GateCheck:
    """Which gates a phase change would pass unmet (empty: the change is allowed)."""

    unmet: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing stands in the way."""
        return not self.unmet

    def messages(self) -> list[str]:
        """The unmet gates in words."""
        return [str(GATE_LABELS[code]) for code in self.unmet]


def check(*, current: str, target: str, decision: str, bundle_count: int) -> GateCheck:
    """The gates a move from `current` to `target` would pass unmet; a move back or to the same phase passes none."""
    if target not in PHASES or current not in PHASES or PHASES.index(target) <= PHASES.index(current):
        return GateCheck()
    met = {"go": decision == "go", "bundle": bundle_count > 0}
    return GateCheck(tuple(code for code in NEEDS.get(target, ()) if not met[code]))


def override_text(codes: str | None) -> str:
    """A stored list of overridden gates ("go,bundle") in words: "without management's go, without a bundle"."""
    return ", ".join(str(GATE_SHORT.get(code, code)) for code in (codes or "").split(",") if code)
