"""How far a target will get by its deadline, and where it stands in the words plan evaluations use.

Projection: ordinary least squares of the indicator's values over the plan period to date against time
(months), read at the deadline month, with an approximate 95 % prediction interval (±1.96 standard errors of a
new observation) and both held to what the quantity allows (a rate within 0–100 %, days and counts ≥ 0).
None is made from fewer than MIN_POINTS periods, nor when the deadline lies further beyond the last figure
than twice the span the figures cover (a year's line is not stretched over four). 预计可按期完成 when the whole
interval meets the target, 完成难度较大 when none of it does, else 能否按期完成尚难判断.

Verdict (the national mid-term reviews' words: "20项主要指标中，16项基本符合或快于预期…4项指标提前实现"):
提前完成 the final target is met already; 快于预期 ahead of the expected pace by more than the at-risk band;
基本符合预期 within the band either side; 滞后于预期 behind it by more. At the final evaluation a target not met
is 基本完成 within the band, else 未完成.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.core.periods import parse_period
from tracker.engine.progress import ProgressRow
from tracker.engine.status import band
from tracker.register import Register
from tracker.register.rules import TargetRule

VERDICTS = ("early", "held", "ahead", "on_pace", "behind", "done", "nearly", "missed")
MIN_POINTS = 3
REACH = 2.0  # the deadline may lie at most this many times the figures' span beyond the last figure
Z95 = 1.96


@dataclass(frozen=True)
class Projection:
    value: float | None
    per_year: float | None
    points: int
    first: str | None
    on_time: bool | None  # None: not projected, or the interval straddles the target
    low: float | None = None
    high: float | None = None
    reason: str | None = None  # why none was made: "few" (too few periods) or "short" (span too short to reach)
    span: int = 0  # months from the first to the last figure
    last: str | None = None


def _bounded(value: float, lower: float | None, upper: float | None) -> float:
    if lower is not None:
        value = max(value, lower)
    if upper is not None:
        value = min(value, upper)
    return value


def project(series: pd.DataFrame, rule: TargetRule, lower: float | None = 0.0,
            upper: float | None = None) -> Projection:
    """Least squares over the series' (period, value) points, read at the target's deadline month, held within
    [lower, upper] (what the quantity allows)."""
    points = series.dropna(subset=["value"])
    n = len(points)
    if not rule.has_value or not rule.ready:
        return Projection(None, None, n, None, None)
    if n < MIN_POINTS:
        return Projection(None, None, n, None, None, reason="few")
    x = [float(parse_period(p).end) for p in points["period"]]
    y = [float(v) for v in points["value"]]
    first, last = str(points["period"].iloc[0]), str(points["period"].iloc[-1])
    span = int(max(x) - min(x))
    if rule.deadline_month - max(x) > REACH * span:
        return Projection(None, None, n, first, None, reason="short", span=span, last=last)
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / sxx
    x0 = rule.deadline_month
    raw = my + slope * (x0 - mx)
    sse = sum((b - (my + slope * (a - mx))) ** 2 for a, b in zip(x, y, strict=True))
    s = (sse / (n - 2)) ** 0.5 if n > 2 else 0.0
    half = Z95 * s * (1 + 1 / n + (x0 - mx) ** 2 / sxx) ** 0.5
    value = _bounded(raw, lower, upper)
    low, high = _bounded(raw - half, lower, upper), _bounded(raw + half, lower, upper)
    ends = (rule.met(low), rule.met(high))
    on_time = ends[0] if ends[0] == ends[1] else None
    return Projection(value, slope * 12, n, first, on_time, low, high, span=span, last=last)


def verdict(row: ProgressRow, rule: TargetRule, register: Register, final: bool) -> str | None:
    """The row's verdict (a key of VERDICTS), or None for milestones and targets with no data."""
    if not rule.has_value or not rule.ready or row.value is None:
        return None
    if row.status == "met":  # a 保持 target is held, never "early": it must hold in every period
        return "held" if rule.holds_every_period else "done" if final else "early"
    reference = rule.threshold if final or row.expected is None else row.expected
    distance = row.gap_to_target if final or row.gap_to_pace is None else row.gap_to_pace
    assert distance is not None
    ind = register.indicator_of(rule.target)
    width = band(register.rules, reference, ind is not None and ind.is_percent)
    if final:
        return "nearly" if -distance <= width + 1e-9 else "missed"
    if distance > width + 1e-9:
        return "ahead"
    return "on_pace" if distance >= -width - 1e-9 else "behind"


def progress_share(row: ProgressRow, rule: TargetRule) -> float | None:
    """完成进度: share of the way from the baseline to the target, (actual − baseline) ÷ (target − baseline), in %.

    None without a baseline, and for a 保持 target or one the baseline already met: there is no way to go."""
    return None if row.value is None or not rule.has_value or not rule.ready else rule.progress_share(row.value)
