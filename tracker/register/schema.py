"""The shape of the target and unit registers (pydantic models; unknown fields are refused)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

UnitType = Literal["district", "office", "centre", "branch", "hall", "street", "department"]
Frequency = Literal["month", "quarter", "half_year", "year"]
Comparison = Literal[">=", ">", "<=", "<", "milestone", "change"]


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
    # the months units report it (a metric a later plan introduced is not expected before it)
    reported_from: MonthText | None = None
    reported_to: MonthText | None = None

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def reported_at(self, month: int) -> bool:
        """Whether units are expected to report the metric in the absolute month."""
        if self.reported_from and month < int(self.reported_from[:4]) * 12 + int(self.reported_from[5:]) - 1:
            return False
        return not (self.reported_to and month > int(self.reported_to[:4]) * 12 + int(self.reported_to[5:]) - 1)


class Indicator(Strict):
    """numerator ÷ denominator × factor. Either side may list several metrics, paired by position: each pair
    counts only where both were reported (hall and online channels: rated_hall ÷ cases_hall + …). Without a
    denominator it is a total: Σ numerator × factor (a count such as 差评数, or a sum of working days)."""

    code: str
    name_zh: str
    name_en: str
    numerator: str | list[str]
    denominator: str | list[str] | None = None
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
        if self.denominator is None:
            return []
        return [self.denominator] if isinstance(self.denominator, str) else list(self.denominator)

    @property
    def is_total(self) -> bool:
        """A total of its numerator metrics (no denominator): a count or a sum, not a ratio."""
        return self.denominator is None

    @property
    def components(self) -> list[tuple[str, str | None]]:
        """(numerator, denominator) metric pairs in the order the register lists them; (metric, None) for a
        total."""
        if self.is_total:
            return [(n, None) for n in self.numerators]
        return list(zip(self.numerators, self.denominators, strict=False))

    @property
    def metrics(self) -> list[str]:
        """Every metric the indicator reads."""
        return [*self.numerators, *self.denominators]

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Change(Strict):
    """A change relative to the baseline: `percent` (negative to fall) over the plan, or every year."""

    percent: float
    per: Literal["plan", "year"] = "plan"


class Baseline(Strict):
    """The value the target starts from: a number (with its source in `note`; 估算 marks an estimate), or
    `from_data: true` — the stored district figure of `year`, computed when the plan is viewed."""

    value: float | None = None
    year: int
    note: str | None = None
    from_data: bool = False


class Adjustment(Strict):
    """A change to a target made under way (the mid-term evaluation's): from the `effective` month on, the new
    threshold and/or deadline apply; `document` and `reason` say who decided it and why."""

    effective: MonthText
    threshold: float | None = None
    deadline: Date | None = None
    document: str
    reason: str


class Target(Strict):
    code: str
    name_zh: str
    name_en: str
    clause: str
    # the clause in English, for English pages and packs (the Chinese clause stays the plan's own words)
    clause_en: str | None = None
    indicator: str | None = None
    # a plain metric as the target's figure (its total over the window: a count, a sum of days)
    metric: str | None = None
    comparison: Comparison
    threshold: float | None = None
    maintain: bool = False
    change: Change | None = None
    baseline: Baseline | None = None
    deadline: Date
    milestones: dict[int, float] = {}
    completed_on: Date | None = None
    owners: list[str] = []
    source: Literal["plan", "assessment"] = "plan"
    adjustments: list[Adjustment] = []
    # how the threshold follows from a clause that does not state it ("24个部门全部实行 → 100%")
    derived: str | None = None
    # an example target (not set by a published plan): marked as such wherever it is shown
    example: bool = False
    note: str | None = None

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def measure(self) -> str | None:
        """The code of what the target is measured by: its indicator, or its plain metric."""
        return self.indicator or self.metric

    def adjustment_at(self, month: int) -> Adjustment | None:
        """The latest adjustment in force at the absolute month, if any."""
        found = None
        for adj in sorted(self.adjustments, key=lambda a: a.effective):
            year, m = int(adj.effective[:4]), int(adj.effective[5:])
            if year * 12 + m - 1 <= month:
                found = adj
        return found

    def in_force(self, month: int) -> Target:
        """The target as it stands at the absolute month: the original, or as the latest adjustment made it."""
        adj = self.adjustment_at(month)
        if adj is None:
            return self
        changes: dict[str, object] = {}
        if adj.threshold is not None:
            changes["threshold"] = adj.threshold
        if adj.deadline is not None:
            changes["deadline"] = adj.deadline
        return self.model_copy(update=changes)


class Plan(Strict):
    """One plan: its code (13, 14, 15 …), names, document, issuer, span, checkpoints and targets."""

    code: Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v)] = "plan"
    name_zh: str
    name_en: str
    short_zh: str | None = None  # 十三五: how charts and choosers name it in a word
    short_en: str | None = None
    issuer: str
    issuer_en: str | None = None  # the issuer in English, for English documents' covers
    document: str | None = None
    start: MonthText
    end: MonthText
    reporting_deadline_day: int = Field(default=5, ge=1, le=28)
    checkpoints: list[Checkpoint] = []
    # an example plan built from public plans of its period (its targets cite their source or are examples)
    example: bool = False
    note: str | None = None
    targets: list[Target] = []

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def issuer_in(self, lang: str) -> str:
        """Who issues the plan's documents, in English where the register gives it (else as written)."""
        return (self.issuer_en or self.issuer) if lang == "en" else self.issuer

    def short(self, lang: str) -> str:
        """The plan in a word (十三五 / 13th FYP), else its code."""
        return (self.short_zh if lang == "zh" else self.short_en or self.short_zh) or self.code

    @property
    def first_month(self) -> int:
        return int(self.start[:4]) * 12 + int(self.start[5:]) - 1

    @property
    def last_month(self) -> int:
        return int(self.end[:4]) * 12 + int(self.end[5:]) - 1

    def holds(self, month: int) -> bool:
        return self.first_month <= month <= self.last_month


class ConsistencyRule(Strict):
    """What one unit reports for one period must agree with itself: Σ left op Σ right (rated cases ≤ cases
    handled in a channel, 差评整改数 ≤ 差评数). Checked at import within the file and against the stored values;
    an `error` rejects the file, a `warning` accepts it with the values flagged. A rule over one numerator and
    one denominator of a bounded indicator replaces that indicator's own (error) check."""

    code: str
    name_zh: str
    name_en: str
    left: str | list[str]
    right: str | list[str]
    op: Literal["<=", "=="] = "<="
    severity: Literal["error", "warning"] = "error"

    @property
    def lefts(self) -> list[str]:
        return [self.left] if isinstance(self.left, str) else list(self.left)

    @property
    def rights(self) -> list[str]:
        return [self.right] if isinstance(self.right, str) else list(self.right)

    @property
    def metrics(self) -> list[str]:
        return [*self.lefts, *self.rights]

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class TargetsFile(Strict):
    """A register of one plan (`plan:` with `targets:` beside it) or of successive plans (`plans:`, each with its
    own targets); metrics and indicators are shared by every plan."""

    plan: Plan | None = None
    plans: list[Plan] = []
    status_rules: StatusRules = StatusRules()
    metrics: list[Metric]
    indicators: list[Indicator]
    targets: list[Target] = []
    consistency: list[ConsistencyRule] = []

    def all_plans(self) -> list[tuple[tuple[str | int, ...], Plan, list[Target]]]:
        """(path of its targets in the file, plan, targets) of each plan, in the file's order."""
        if self.plan is not None:
            return [(("targets",), self.plan, self.targets)]
        return [(("plans", i, "targets"), p, p.targets) for i, p in enumerate(self.plans)]
