"""Expected pace, comparison, gap and status of a target (rules from the register's status_rules)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from tracker.periods import Period
from tracker.register import Register, Target

Status = Literal["met", "on_track", "at_risk", "off_track", "no_data", "done", "not_due", "overdue",
                 "untargeted"]
EPS = 1e-9


def compare(value: float, comparison: str, threshold: float) -> bool:
    """Whether `value` satisfies the comparison; equality is exact up to rounding noise."""
    diff = value - threshold
    if abs(diff) < EPS:
        diff = 0.0
    return {">=": diff >= 0, ">": diff > 0, "<=": diff <= 0, "<": diff < 0}[comparison]


def _points(target: Target) -> list[tuple[int, float]]:
    """(absolute month, expected value) anchor points: baseline, yearly milestones, deadline."""
    assert target.threshold is not None
    pts: list[tuple[int, float]] = []
    if target.baseline and target.baseline.value is not None:
        pts.append((target.baseline.year * 12 + 11, target.baseline.value))
    pts += [(year * 12 + 11, value) for year, value in sorted(target.milestones.items())]
    deadline = deadline_month(target)
    pts = [p for p in pts if p[0] < deadline] + [(deadline, target.threshold)]
    return pts


def expected_value(target: Target, register: Register, as_of: Period) -> float | None:
    """The value the plan expects at the as-of month: straight line or milestones; the threshold for maintain."""
    if target.threshold is None:
        return None
    if target.maintain:
        return target.threshold
    pts = _points(target)
    m = as_of.end
    if len(pts) == 1:
        return target.threshold if m >= pts[0][0] else None
    if m <= pts[0][0]:
        return pts[0][1]
    for (m0, v0), (m1, v1) in zip(pts, pts[1:], strict=False):
        if m <= m1:
            return v0 + (v1 - v0) * (m - m0) / (m1 - m0)
    return pts[-1][1]


def deadline_month(target: Target) -> int:
    """The absolute month of the target's deadline."""
    return target.deadline.year * 12 + target.deadline.month - 1


def reference_value(target: Target, expected: float | None, as_of: Period) -> float | None:
    """What the gap is measured against: the expected pace before the deadline, the threshold from it on."""
    if expected is None or as_of.end >= deadline_month(target):
        return target.threshold
    return expected


def gap(value: float, reference: float, target: Target) -> float:
    """Signed distance to `reference`, positive when better (percentage points for percentages)."""
    return value - reference if target.higher_is_better else reference - value


def target_status(target: Target, register: Register, value: float | None, expected: float | None,
                  is_percent: bool, as_of: Period) -> Status:
    """The status of a numeric target, first matching rule wins (see status_rules in targets.yaml)."""
    if value is None:
        return "no_data"
    assert target.threshold is not None
    if compare(value, target.comparison, target.threshold):
        return "met"
    reference = reference_value(target, expected, as_of)
    assert reference is not None
    g = gap(value, reference, target)
    if g >= -EPS and not target.maintain and as_of.end < deadline_month(target):
        return "on_track"
    rules = register.rules
    band = rules.at_risk_band_points if is_percent else rules.at_risk_band_relative * abs(reference)
    return "at_risk" if -g <= band + EPS else "off_track"


def milestone_status(target: Target, as_of: Period) -> Status:
    """done when completed by the as-of month's end; not_due before the deadline; overdue after."""
    as_of_end = month_end(as_of)
    if target.completed_on is not None and target.completed_on <= as_of_end:
        return "done"
    return "not_due" if as_of_end < target.deadline else "overdue"


def month_end(p: Period) -> dt.date:
    """The last day of the period."""
    return p.deadline(1) - dt.timedelta(days=1)
