"""A target's status from its rule and the register's status_rules (first matching rule wins):

met        the value satisfies the target;
on_track   short of it, but at or beyond the pace expected at the as-of month (a ramp, before its deadline);
at_risk    short of the reference (the pace, or the threshold from the deadline on) by no more than the band:
           percentage points for percentages, a share of the reference otherwise;
off_track  short by more than the band;
no_data    nothing reported in the window.
Milestones are done, not due or overdue (`MilestoneRule.status`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from tracker.core.periods import Period
from tracker.register.rules import EPS, TargetRule
from tracker.register.schema import StatusRules

Status = Literal["met", "on_track", "at_risk", "off_track", "no_data", "done", "not_due", "overdue",
                 "untargeted"]


def band(rules: StatusRules, reference: float, is_percent: bool) -> float:
    """How far short of the reference is still "at risk"."""
    return rules.at_risk_band_points if is_percent else rules.at_risk_band_relative * abs(reference)


def target_status(rule: TargetRule, rules: StatusRules, value: float | None, is_percent: bool,
                  as_of: Period) -> Status:
    """The status of a numeric target for a value seen at the as-of month."""
    return target_statuses(rule, rules, [value], is_percent, as_of)[0]


def target_statuses(rule: TargetRule, rules: StatusRules, values: Iterable[float | None], is_percent: bool,
                    as_of: Period) -> list[Status]:
    """`target_status` of each value seen at the same as-of month (a scorecard's column of thousands of units):
    the reference, whether the pace matters and the band worked out once."""
    reference = rule.reference(as_of)
    pace = rule.pace_matters(as_of)
    width = band(rules, reference, is_percent) + EPS
    out: list[Status] = []
    for value in values:
        if value is None:
            out.append("no_data")
        elif rule.met(value):
            out.append("met")
        else:
            g = rule.gap(value, reference)
            out.append("on_track" if g >= -EPS and pace else "at_risk" if -g <= width else "off_track")
    return out
