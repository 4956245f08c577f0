"""Time windows (month … plan to date) and unit scopes (district, type, unit, unit with children)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tracker.core.errors import TrackerError, UnknownUnit
from tracker.core.periods import Period, month, of_kind, parse_period

if TYPE_CHECKING:  # the command line reads WINDOW_KINDS without loading the register's models
    from tracker.register import Register

WindowKind = Literal["month", "quarter", "half_year", "year", "ytd", "plan", "rolling12"]
WINDOW_KINDS: tuple[WindowKind, ...] = ("month", "quarter", "half_year", "year", "ytd", "plan", "rolling12")
ScopeKind = Literal["district", "type", "unit", "subtree"]


@dataclass(frozen=True)
class Window:
    """Absolute months [start, end] inclusive, and the kind that made them."""

    kind: WindowKind
    start: int
    end: int

    @property
    def first(self) -> Period:
        return month(self.start)

    @property
    def last(self) -> Period:
        return month(self.end)

    def shifted(self, months: int) -> Window:
        return Window(self.kind, self.start - months, self.end - months)

    def previous(self) -> Window:
        """The window just before this one (环比): the previous month, quarter, half-year, …"""
        # a calendar window that has not run its full length yet steps back by its full length
        length = {"quarter": 3, "half_year": 6, "year": 12, "ytd": 12}.get(self.kind)
        return self.shifted(length or (self.end - self.start + 1))

    def year_ago(self) -> Window:
        """The same window a year earlier (同比)."""
        return self.shifted(12)


def window_for(kind: str, as_of: Period | str, register: Register) -> Window:
    """The window of `kind` that ends at the as-of month."""
    p = parse_period(as_of)
    if kind not in WINDOW_KINDS:
        raise TrackerError("engine.bad_window", value=kind, allowed=", ".join(WINDOW_KINDS))
    end = p.end
    if kind == "month":
        start = end
    elif kind in ("quarter", "half_year", "year"):
        start = of_kind(kind, end).start
    elif kind == "ytd":
        start = (end // 12) * 12
    elif kind == "rolling12":
        start = end - 11
    else:
        start = parse_period(register.plan.start).start
    return Window(kind, start, end)


@dataclass(frozen=True)
class Scope:
    """Which units a figure covers."""

    kind: ScopeKind = "district"
    code: str | None = None

    def units(self, register: Register) -> list[str]:
        """Codes of the units in scope."""
        if self.kind == "district":
            return list(register.units)
        if self.kind == "type":
            return [u.code for u in register.units.values() if u.type == self.code]
        if self.code not in register.units:
            raise UnknownUnit(unit=self.code)
        if self.kind == "unit":
            return [self.code]
        return register.descendants(self.code)

    @property
    def label(self) -> str:
        return "district" if self.kind == "district" else f"{self.kind}:{self.code}"


def scope_for(register: Register, unit: str | None) -> Scope:
    """District scope for None; a unit with its children when it has any; else the unit alone."""
    if unit is None or unit == "district":
        return Scope()
    if unit.startswith("type:"):
        return Scope("type", unit[5:])
    if unit not in register.units:
        raise UnknownUnit(unit=unit)
    return Scope("subtree", unit) if len(register.descendants(unit)) > 1 else Scope("unit", unit)


