"""The shape of the unit register (data/units.yaml): units, their parents, names over time and the units they
continue (pydantic models; unknown fields are refused)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tracker.register.schema import MonthText, Strict, UnitType


class Predecessor(Strict):
    """A unit this one continues: renamed (the same office under a new code), merged into it, or split with a
    share of its figures going to this one."""

    unit: str
    kind: Literal["renamed", "merged", "split"] = "renamed"
    share: float = Field(default=1.0, gt=0, le=1)


class FormerName(Strict):
    """A name the unit had until a month (区政务管理办公室 until the 2019 reform): files may still use it for the
    periods up to then."""

    name_zh: str
    name_en: str | None = None
    until: MonthText


class Unit(Strict):
    code: str
    name_zh: str
    name_en: str
    type: UnitType
    parent: str | None = None
    aliases: list[str] = []
    contact: str | None = None  # who to call about a missing report (the reminder list), as written
    # the months the unit existed (a unit created or dissolved by a reorganisation); open when not given
    valid_from: MonthText | None = None
    valid_to: MonthText | None = None
    predecessors: list[Predecessor] = []
    former_names: list[FormerName] = []

    def name_at(self, month: int, lang: str) -> str:
        """The unit's name in the absolute month (a former name up to its last month, else today's)."""
        for f in sorted(self.former_names, key=lambda f: f.until):
            if month <= int(f.until[:4]) * 12 + int(f.until[5:]) - 1:
                return f.name_zh if lang == "zh" else f.name_en or self.name_en
        return self.name(lang)

    def valid_at(self, month: int) -> bool:
        """Whether the unit existed in the absolute month."""
        if self.valid_from and month < int(self.valid_from[:4]) * 12 + int(self.valid_from[5:]) - 1:
            return False
        return not (self.valid_to and month > int(self.valid_to[:4]) * 12 + int(self.valid_to[5:]) - 1)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class UnitsFile(Strict):
    units: list[Unit]
