"""One shape for list-page filters: a dataclass whose fields say how each query argument is read (free text, one of a
list, a flag, an id), so `from_args`, `as_args` and `is_empty` are written once and every list page reads and writes
its query string the same way (RELIABILITY.md D4: unknown values fall back to the default, never an error).

Also the one active-search pattern: every search box that updates a region as the user types uses `active_search()`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

SEARCH_DELAY_MS = 250  # one delay for every active search: typing pauses this long before the request
MAX_ID = 2**31 - 1


def active_search(source: str | None = None) -> str:
    """The hx-trigger of an active search: typing (after SEARCH_DELAY_MS) or clearing/entering the search box;
    `source` is the search box's id when the trigger sits on its form."""
    origin = f" from:#{source}" if source else ""
    return f"input changed delay:{SEARCH_DELAY_MS}ms{origin}, search{origin}"


def filter_bar_trigger(source: str | None = None) -> str:
    """The hx-trigger of a filter bar: the active search, any filter control changed, or the form submitted."""
    return (f"{active_search(source)}, " if source else "") + "change from:.filter-control, submit"


@dataclass(frozen=True)
class Param:
    """How one query argument is read and written."""

    kind: str  # "text" | "choice" | "flag" | "id"
    max_len: int = 100
    lower: bool = False
    choices: tuple[str, ...] = ()
    explicit: bool = False  # a flag written as "1"/"0" always (its default depends on who is asking)
    accept: Callable[[str], bool] | None = None  # text: values outside the rule read as ""

    def parse(self, raw: str | None, default: Any) -> Any:
        """The value of a raw argument (None when absent); anything not allowed reads as the default."""
        if self.kind == "flag":
            return default if raw is None or (self.explicit and raw not in ("0", "1")) else raw == "1"
        raw = raw or ""
        if self.kind == "choice":
            return raw if raw in self.choices else default
        if self.kind == "id":
            return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= MAX_ID else default
        text = (raw.lower() if self.lower else raw).strip()[: self.max_len].strip()
        return text if self.accept is None or self.accept(text) else default

    def dump(self, value: Any) -> str:
        """The value as a query argument ("" leaves it out)."""
        if self.kind == "flag":
            return "1" if value else ("0" if self.explicit else "")
        return "" if value is None else str(value)


def text(default: str = "", *, max_len: int = 100, lower: bool = False, accept=None):
    """A free-text argument, trimmed and cut to `max_len` (optionally lower-cased or checked by `accept`)."""
    return dataclasses.field(default=default, metadata={"param": Param("text", max_len=max_len, lower=lower,
                                                                       accept=accept)})


def choice(options: Iterable[str], default: str = ""):
    """An argument that must be one of `options` (else `default`)."""
    return dataclasses.field(default=default, metadata={"param": Param("choice", choices=tuple(options))})


def flag(default: bool = False, *, explicit: bool = False):
    """A yes/no argument: "1" is yes; `explicit` writes "0" too (for a default that depends on the user)."""
    return dataclasses.field(default=default, metadata={"param": Param("flag", explicit=explicit)})


def id_arg():
    """A positive integer id argument (else None)."""
    return dataclasses.field(default=None, metadata={"param": Param("id")})


@dataclass
class FilterSet:
    """Base of a list page's filters: subclass as a @dataclass whose fields are text(), choice(), flag() or id_arg().
    Fields without a Param are derived in `_resolve` (e.g. the worklist's owner from its scope)."""

    KEEP_DEFAULTS: ClassVar[tuple[str, ...]] = ()  # arguments written even when they hold the default

    @classmethod
    def params(cls) -> list[tuple[dataclasses.Field, Param]]:
        """The declared query arguments, in order."""
        return [(f, f.metadata["param"]) for f in dataclasses.fields(cls) if "param" in f.metadata]

    @classmethod
    def from_args(cls, args, **defaults):
        """Parse request.args (any mapping); `defaults` overrides field defaults (e.g. mine=True for a consultant)."""
        values = {f.name: p.parse(args.get(f.name), defaults.get(f.name, f.default)) for f, p in cls.params()}
        return cls(**values)._resolve(args, **defaults)

    def _resolve(self, args, **context):
        """Hook for arguments that depend on each other or on the acting user; returns the filters."""
        return self

    def as_args(self, **overrides) -> dict:
        """Non-default filters as query arguments (for links, pagers and exports); overrides win."""
        values = {}
        for f, p in self.params():
            value = getattr(self, f.name)
            if value != f.default or p.explicit or f.name in self.KEEP_DEFAULTS:
                values[f.name] = p.dump(value)
        values.update(overrides)
        return {k: v for k, v in values.items() if v not in ("", None)}

    def is_empty(self) -> bool:
        """True when no filter narrows the list (sorting and views do not count)."""
        return all(getattr(self, f.name) == f.default for f, p in self.params()
                   if f.name not in ("sort", "direction", "view"))
