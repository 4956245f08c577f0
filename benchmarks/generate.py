"""Realistic report files for benchmarks and the killed-import test: consistent values, no warnings."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from tracker.core.periods import month, parse_period
from tracker.register import Register, Unit

BASE = {"accepted": 1000, "accepted_permits": 400, "accepted_public": 600, "completed": 990,
        "completed_on_time": 985, "completed_early": 700, "visitors": 900, "evaluated": 700, "satisfied": 699,
        "bad_reviews": 1, "bad_reviews_rectified": 1, "online_completed": 500, "disclosure_requests": 30,
        "disclosure_requests_online": 25, "policy_releases": 5, "policy_publish_days": 12, "news_releases": 40,
        "news_publish_days": 150, "hotline_accepted": 3000, "hotline_completed": 2950}


def monthly_values(unit: Unit, register: Register, scale: int = 0) -> dict[str, int]:
    """A consistent set of monthly values for one unit (bounded pairs hold, completed ≤ accepted)."""
    return {m.code: BASE[m.code] + scale for m in register.metrics_for(unit.type)
            if m.frequency == "month" and m.code in BASE}


def long_rows(register: Register, units: list[Unit], first: str, months: int, scale: int = 0) -> Iterator[list[str]]:
    """Long-format rows unit, period, metric, value."""
    start = parse_period(first).start
    for m in range(start, start + months):
        period = month(m).code
        for unit in units:
            for metric, value in monthly_values(unit, register, scale).items():
                yield [unit.code, period, metric, str(value)]


def long_csv(register: Register, *, first: str = "2016-01", months: int = 60, limit: int | None = None,
             units: list[Unit] | None = None, scale: int = 0) -> bytes:
    """A long CSV of every reporting unit's monthly values (optionally cut at `limit` rows)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["unit", "period", "metric", "value"])
    for i, row in enumerate(long_rows(register, units or register.reporting_units(), first, months, scale)):
        if limit is not None and i >= limit:
            break
        w.writerow(row)
    return out.getvalue().encode("utf-8")
