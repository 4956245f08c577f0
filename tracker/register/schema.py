"""The shape of the target and unit registers (pydantic models; unknown fields are refused)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

UnitType = Literal["district", "office", "centre", "branch", "hall", "street", "department"]
Frequency = Literal["month", "quarter", "half_year", "year"]
Comparison = Literal[">=", ">", "<=", "<", "milestone"]


def _to_date(value: object) -> object:
    """Accept 2020-12-31 or 2020-12 (the last day of that month)."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        year, month = int(value[:4]), int(value[5:])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return value


def _to_month(value: object) -> object:
    if isinstance(value, dt.date):
        return f"{value.year}-{value.month:02d}"
    return value


Date = Annotated[dt.date, BeforeValidator(_to_date)]
MonthText = Annotated[str, BeforeValidator(_to_month), Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Checkpoint(Strict):
    code: str
    kind: Literal["annual_check", "midterm_evaluation", "final_evaluation"]
    period: MonthText
    name_zh: str
    name_en: str


class Plan(Strict):
    name_zh: str
    name_en: str
    issuer: str
    document: str | None = None
    start: MonthText
    end: MonthText
    reporting_deadline_day: int = Field(default=5, ge=1, le=28)
    checkpoints: list[Checkpoint] = []


class StatusRules(Strict):
    at_risk_band_points: float = Field(default=2.0, ge=0)
    at_risk_band_relative: float = Field(default=0.10, ge=0, le=1)
    min_sample: int = Field(default=30, ge=0)


class Metric(Strict):
    code: str
    name_zh: str
    name_en: str
    unit: str
    aggregation: Literal["sum", "last", "avg"]
    frequency: Frequency
    reported_by: list[UnitType]
    kind: Literal["count", "rate"] = "count"
    # For a rate metric: the indicator whose value it reports when the file gives no base count.
    rate_of: str | None = None
    aliases: list[str] = []
    note: str | None = None

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Indicator(Strict):
    """numerator ÷ denominator × factor. Either side may list several metrics, paired by position: each pair
    counts only where both were reported (hall and online channels: rated_hall ÷ cases_hall + …)."""

    code: str
    name_zh: str
    name_en: str
    numerator: str | list[str]
    denominator: str | list[str]
    factor: float = 100
    unit: str = "%"
    # The numerator can never exceed the denominator (satisfied ≤ rated); false for e.g. completed ÷ accepted.
    bounded: bool = True
    aliases: list[str] = []
    measure_zh: str | None = None
    measure_en: str | None = None

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def numerators(self) -> list[str]:
        return [self.numerator] if isinstance(self.numerator, str) else list(self.numerator)

    @property
    def denominators(self) -> list[str]:
        return [self.denominator] if isinstance(self.denominator, str) else list(self.denominator)

    @property
    def components(self) -> list[tuple[str, str]]:
        """(numerator, denominator) metric pairs, in the order the register lists them."""
        return list(zip(self.numerators, self.denominators, strict=False))

    @property
    def metrics(self) -> list[str]:
        """Every metric the indicator reads."""
        return [*self.numerators, *self.denominators]

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Baseline(Strict):
    value: float | None = None
    year: int
    note: str | None = None


class Target(Strict):
    code: str
    name_zh: str
    name_en: str
    clause: str
    indicator: str | None = None
    comparison: Comparison
    threshold: float | None = None
    maintain: bool = False
    baseline: Baseline | None = None
    deadline: Date
    milestones: dict[int, float] = {}
    completed_on: Date | None = None
    owners: list[str] = []
    source: Literal["plan", "assessment"] = "plan"
    note: str | None = None

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def higher_is_better(self) -> bool:
        return self.comparison in (">=", ">")


class TargetsFile(Strict):
    plan: Plan
    status_rules: StatusRules = StatusRules()
    metrics: list[Metric]
    indicators: list[Indicator]
    targets: list[Target]


class Unit(Strict):
    code: str
    name_zh: str
    name_en: str
    type: UnitType
    parent: str | None = None
    aliases: list[str] = []

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class UnitsFile(Strict):
    units: list[Unit]
