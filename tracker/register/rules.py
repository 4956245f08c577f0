"""One rule per kind of target: what the plan expects at a date, whether a value meets it, how far it is.

The register names a target's kind (`comparison`, with `maintain`, `milestones` or `change`); `rule_for` turns
it into one of these objects, and every caller — the engine's status, the cards, the charts, the projection,
the documents — asks the rule instead of reading the register's fields. Adding a kind of target is adding a
class here (and its words in `tracker.wording.rules`).

Kinds:
- `ThresholdRule` (≥, >, ≤, <): reach the threshold by the deadline; the pace runs in a straight line from the
  baseline (through yearly milestones when given) to the threshold;
- `MaintainRule` (保持): the level must hold in every period; the pace is the threshold itself;
- `ChangeRule`: a change relative to the baseline — "差评数 falls 10 % a year" (`change: {percent: -10,
  per: year}`) or "办理时限压缩 50 %" (`change: {percent: -50}`); the threshold is worked out from the baseline;
- `MilestoneRule`: a task done by a date (no value).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from tracker.core.periods import Period
from tracker.register.schema import Target

EPS = 1e-9
Comparison = str  # ">=", ">", "<=", "<"


def compare(value: float, comparison: str, threshold: float) -> bool:
    """Whether `value` satisfies the comparison; equality is exact up to rounding noise."""
    diff = value - threshold
    if abs(diff) < EPS:
        diff = 0.0
    return {">=": diff >= 0, ">": diff > 0, "<=": diff <= 0, "<": diff < 0}[comparison]


def compare_all(values: np.ndarray, comparison: str, threshold: float) -> np.ndarray:
    """`compare` of every value at once (a missing value, NaN, satisfies nothing)."""
    diff = np.asarray(values, dtype=float) - threshold
    diff = np.where(np.abs(diff) < EPS, 0.0, diff)
    ops = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less}
    return np.asarray(ops[comparison](diff, 0.0), dtype=bool)


def year_end(year: int) -> int:
    """The absolute month of December of `year`."""
    return year * 12 + 11


def month_end(p: Period) -> dt.date:
    """The last day of the period."""
    return p.deadline(1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class RuleWords:
    """What the wording needs to say a rule: its message key and figures (worded in `tracker.wording.rules`)."""

    key: str                      # rule.>=, rule.<=, rule.milestone, rule.change_year, …
    threshold: float | None = None
    maintain: bool = False
    percent: float | None = None  # the change asked for, signed
    baseline: float | None = None
    baseline_year: int | None = None
    deadline: dt.date | None = None


class TargetRule:
    """A target with a numeric value; subclasses say how its threshold and pace are set."""

    kind = "threshold"
    has_value = True

    def __init__(self, target: Target) -> None:
        self.target = target

    # --- what the register says, as the rule reads it -------------------------------------------------

    @property
    def comparison(self) -> Comparison:
        return self.target.comparison

    @property
    def threshold(self) -> float:
        """The value to reach (or hold) by the deadline."""
        assert self.target.threshold is not None
        return float(self.target.threshold)

    @property
    def higher_is_better(self) -> bool:
        return self.comparison in (">=", ">")

    @property
    def baseline(self) -> float | None:
        b = self.target.baseline
        return b.value if b is not None else None

    @property
    def baseline_estimated(self) -> bool:
        b = self.target.baseline
        return bool(b and b.note and "估算" in b.note)

    @cached_property
    def deadline_month(self) -> int:
        d = self.target.deadline
        return d.year * 12 + d.month - 1

    @property
    def holds_every_period(self) -> bool:
        """保持: must hold in every period; being on the pace line is then no comfort."""
        return False

    @property
    def ready(self) -> bool:
        """Whether the rule can judge a value (a change needs its baseline; one taken from a year without data
        is not there yet)."""
        return True

    # --- answers --------------------------------------------------------------------------------------

    def anchors(self) -> list[tuple[int, float]]:
        """(absolute month, expected value) points of the pace line: baseline, milestones, deadline."""
        pts: list[tuple[int, float]] = []
        if self.baseline is not None and self.target.baseline is not None:
            pts.append((year_end(self.target.baseline.year), self.baseline))
        pts += [(year_end(year), value) for year, value in sorted(self.target.milestones.items())]
        return [p for p in pts if p[0] < self.deadline_month] + [(self.deadline_month, self.threshold)]

    def expected(self, as_of: Period) -> float | None:
        """The value the plan expects at the as-of month (None before the deadline when there is no line)."""
        pts = self.anchors()
        m = as_of.end
        if len(pts) == 1:
            return self.threshold if m >= pts[0][0] else None
        if m <= pts[0][0]:
            return pts[0][1]
        for (m0, v0), (m1, v1) in zip(pts, pts[1:], strict=False):
            if m <= m1:
                return v0 + (v1 - v0) * (m - m0) / (m1 - m0)
        return pts[-1][1]

    def due(self, as_of: Period) -> bool:
        """Whether the as-of month is the deadline month or later."""
        return as_of.end >= self.deadline_month

    def met(self, value: float) -> bool:
        """Whether the value satisfies the target."""
        return compare(value, self.comparison, self.threshold)

    def met_all(self, values: np.ndarray) -> np.ndarray:
        """`met` of every value at once; a missing value (NaN) is not met."""
        return compare_all(values, self.comparison, self.threshold)

    def reference(self, as_of: Period) -> float:
        """What the gap is measured against: the expected pace before the deadline, the threshold from it on."""
        expected = self.expected(as_of)
        return self.threshold if expected is None or self.due(as_of) else expected

    def gap(self, value: float, reference: float) -> float:
        """Signed distance to `reference`, positive when better."""
        return value - reference if self.higher_is_better else reference - value

    def gap_to_target(self, value: float) -> float:
        """距目标: signed, positive when better than the threshold."""
        return self.gap(value, self.threshold)

    def gap_to_pace(self, value: float, as_of: Period) -> float | None:
        """距进度: signed, positive when better than the pace expected at the as-of month."""
        expected = self.expected(as_of)
        return None if expected is None else self.gap(value, expected)

    def pace_matters(self, as_of: Period) -> bool:
        """Whether being at or beyond the pace counts as on track (a ramp, before its deadline)."""
        return not self.holds_every_period and not self.due(as_of)

    def progress_share(self, value: float) -> float | None:
        """完成进度: share of the way from the baseline to the threshold, in % (None without a way to go)."""
        base = self.baseline
        if base is None or self.holds_every_period or self.met(base) or self.threshold == base:
            return None
        return (value - base) / (self.threshold - base) * 100

    def words(self) -> RuleWords:
        return RuleWords(f"rule.{self.comparison}", threshold=self.threshold, maintain=self.holds_every_period)


class ThresholdRule(TargetRule):
    """≥, >, ≤, <: reach the threshold by the deadline."""

    kind = "threshold"


class MaintainRule(TargetRule):
    """保持: the level must hold in every period (the pace is the threshold itself)."""

    kind = "maintain"

    @property
    def holds_every_period(self) -> bool:
        return True

    def expected(self, as_of: Period) -> float | None:
        return self.threshold


class ChangeRule(TargetRule):
    """A change relative to the baseline: by `percent` over the plan, or by `percent` every year (compounded)."""

    kind = "change"

    @property
    def percent(self) -> float:
        assert self.target.change is not None
        return self.target.change.percent

    @property
    def yearly(self) -> bool:
        return self.target.change is not None and self.target.change.per == "year"

    @property
    def comparison(self) -> Comparison:
        return "<=" if self.percent < 0 else ">="

    @property
    def ready(self) -> bool:
        return self.baseline is not None

    def _level(self, years: int) -> float:
        assert self.baseline is not None
        return self.baseline * (1 + self.percent / 100) ** years

    @property
    def _base_year(self) -> int:
        assert self.target.baseline is not None
        return self.target.baseline.year

    @property
    def threshold(self) -> float:
        years = self.target.deadline.year - self._base_year if self.yearly else 1
        return self._level(max(years, 0))

    def anchors(self) -> list[tuple[int, float]]:
        base = year_end(self._base_year)
        assert self.baseline is not None
        pts = [(base, self.baseline)]
        if self.yearly:
            pts += [(year_end(y), self._level(y - self._base_year))
                    for y in range(self._base_year + 1, self.target.deadline.year + 1)
                    if year_end(y) < self.deadline_month]
        return pts + [(self.deadline_month, self.threshold)]

    def words(self) -> RuleWords:
        assert self.target.baseline is not None
        key = "rule.change_year" if self.yearly else "rule.change_plan"
        if not self.ready:  # the baseline is a year's figure not yet resolved (or not yet reported)
            return RuleWords(key + "_pending", percent=self.percent, baseline_year=self.target.baseline.year,
                             deadline=self.target.deadline)
        return RuleWords(key, threshold=self.threshold, percent=self.percent, baseline=self.baseline,
                         baseline_year=self.target.baseline.year, deadline=self.target.deadline)


class MilestoneRule(TargetRule):
    """A task done by a date: done once completed, not due before the deadline, overdue after it."""

    kind = "milestone"
    has_value = False

    @property
    def comparison(self) -> Comparison:
        return "milestone"

    @property
    def higher_is_better(self) -> bool:
        return True

    def status(self, as_of: Period) -> str:
        """done when completed by the as-of month's end; not_due before the deadline; overdue after."""
        end = month_end(as_of)
        completed = self.target.completed_on
        if completed is not None and completed <= end:
            return "done"
        return "not_due" if end < self.target.deadline else "overdue"

    def expected(self, as_of: Period) -> float | None:
        return None

    def words(self) -> RuleWords:
        return RuleWords("rule.milestone", deadline=self.target.deadline)


def rule_for(target: Target) -> TargetRule:
    """The rule object of the target's kind."""
    if target.comparison == "milestone":
        return MilestoneRule(target)
    if target.comparison == "change" or target.change is not None:
        return ChangeRule(target)
    if target.maintain:
        return MaintainRule(target)
    return ThresholdRule(target)
