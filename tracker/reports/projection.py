"""How far a target will get by its deadline, and where it stands in the words plan evaluations use.

Projection: ordinary least squares of the indicator's values over the plan period to date against time
(months), read at the deadline month; 预计可按期完成 when that value meets the target, else 完成难度较大.

Verdict (the national mid-term reviews' words: "20项主要指标中，16项基本符合或快于预期…4项指标提前实现"):
提前完成 the final target is met already; 快于预期 ahead of the expected pace by more than the at-risk band;
基本符合预期 within the band either side; 滞后于预期 behind it by more. At the final evaluation a target not met
is 基本完成 within the band, else 未完成.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.engine.progress import ProgressRow
from tracker.engine.status import compare, deadline_month
from tracker.periods import parse_period
from tracker.register import Register, Target

VERDICTS = ("early", "ahead", "on_pace", "behind", "done", "nearly", "missed")
MIN_POINTS = 3


@dataclass(frozen=True)
class Projection:
    value: float | None
    per_year: float | None
    points: int
    first: str | None
    on_time: bool | None  # None: too few points to project


def project(series: pd.DataFrame, target: Target) -> Projection:
    """Least squares over the series' (period, value) points, read at the target's deadline month."""
    points = series.dropna(subset=["value"])
    n = len(points)
    if n < MIN_POINTS or target.threshold is None:
        return Projection(None, None, n, None, None)
    x = [float(parse_period(p).end) for p in points["period"]]
    y = [float(v) for v in points["value"]]
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    if sxx == 0:
        return Projection(None, None, n, None, None)
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / sxx
    value = my + slope * (deadline_month(target) - mx)
    return Projection(value, slope * 12, n, str(points["period"].iloc[0]),
                      compare(value, target.comparison, target.threshold))


def verdict(row: ProgressRow, target: Target, register: Register, final: bool) -> str | None:
    """The row's verdict (a key of VERDICTS), or None for milestones and targets with no data."""
    if target.comparison == "milestone" or row.value is None or target.threshold is None:
        return None
    if row.status == "met":
        return "done" if final else "early"
    reference = target.threshold if final or row.expected is None else row.expected
    distance = row.gap_to_target if final or row.gap_to_pace is None else row.gap_to_pace
    assert distance is not None
    ind = register.indicator_of(target)
    band = register.rules.at_risk_band_points if ind is not None and ind.is_percent else (
        register.rules.at_risk_band_relative * abs(reference))
    if final:
        return "nearly" if -distance <= band + 1e-9 else "missed"
    if distance > band + 1e-9:
        return "ahead"
    return "on_pace" if distance >= -band - 1e-9 else "behind"


def progress_share(row: ProgressRow, target: Target) -> float | None:
    """完成进度: share of the way from the baseline to the target, (actual − baseline) ÷ (target − baseline), in %.

    None without a baseline, and for a 保持 target or one the baseline already met: there is no way to go."""
    base = target.baseline.value if target.baseline else None
    if base is None or row.value is None or target.threshold is None or target.maintain:
        return None
    if compare(base, target.comparison, target.threshold):
        return None
    return (row.value - base) / (target.threshold - base) * 100

