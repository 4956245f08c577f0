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
    if value is None:
        return "no_data"
    if rule.met(value):
        return "met"
    reference = rule.reference(as_of)
    g = rule.gap(value, reference)
    if g >= -EPS and rule.pace_matters(as_of):
        return "on_track"
    return "at_risk" if -g <= band(rules, reference, is_percent) + EPS else "off_track"
