"""The plan a view is of, with its baselines taken from the data where the register says so.

A register holds successive plans; pages, documents and commands work on one plan's view (`Register.for_plan`).
`plan_view` picks it — the plan asked for, else the plan whose span holds the as-of month, else the latest — and
fills in each baseline written as "the stored value of year Y" (`baseline: {year: 2025, from_data: true}`): the
district figure of that year, noted as taken from the data. A year without data leaves the baseline empty and
says so (`missing_baselines`); a target whose threshold depends on it then has no status until it is reported.
"""

from __future__ import annotations

import dataclasses

from sqlmodel import Session

from tracker.core.errors import TrackerError
from tracker.core.periods import Period, parse_period
from tracker.engine.progress import ratios_of, window_figures
from tracker.engine.windows import Window
from tracker.register import Register
from tracker.register.schema import Baseline, Target


def plan_code(register: Register, plan: str | None, as_of: Period | str | None) -> str:
    """The plan asked for (TrackerError naming the plans there are when unknown), else the one holding the as-of
    month, else the register's latest."""
    if plan:
        if plan not in register.plans:
            raise TrackerError("plans.unknown", plan=plan, plans=", ".join(register.plans))
        return plan
    if as_of is not None:
        return register.plan_for(parse_period(as_of).end)
    return register.plan.code


def plan_view(*, session: Session, register: Register, plan: str | None = None,
              as_of: Period | str | None = None) -> Register:
    """The register viewing one plan, its data baselines filled in."""
    view = register.for_plan(plan_code(register, plan, as_of))
    return with_data_baselines(session=session, register=view)


def _year_figures(session: Session, register: Register, targets: list[Target], year: int) -> dict[str, float | None]:
    """The district figure of the year of each target's indicator (by target code), in one query."""
    of = {t.code: register.indicator_of(t) for t in targets}
    indicators = {ind.code: ind for ind in of.values() if ind is not None}
    units = list(register.units)
    window = Window("year", year * 12, year * 12 + 11)
    figures = window_figures(session=session, register=register, window=window, units=units,
                             indicators=list(indicators.values()))
    ratios = ratios_of(figures, register, list(indicators.values()), units)
    return {code: ratios[ind.code][0].value if ind is not None else None for code, ind in of.items()}


def with_data_baselines(*, session: Session, register: Register) -> Register:
    """The view with every `from_data` baseline set to the district figure of its year (None without data)."""
    wanted: dict[int, list[Target]] = {}
    for t in register.targets.values():
        if t.baseline is not None and t.baseline.from_data:
            wanted.setdefault(t.baseline.year, []).append(t)
    changed: dict[str, Target] = {}
    for year, targets in wanted.items():
        for code, value in _year_figures(session, register, targets, year).items():
            b = register.targets[code].baseline
            assert b is not None
            changed[code] = register.targets[code].model_copy(
                update={"baseline": Baseline(value=value, year=b.year, note=b.note, from_data=True)})
    if not changed:
        return register
    targets_ = {code: changed.get(code, t) for code, t in register.targets.items()}
    return dataclasses.replace(register, targets=targets_,
                               plan_targets={**register.plan_targets, register.plan.code: targets_})


def missing_baselines(register: Register) -> list[tuple[str, int]]:
    """(target, year) of each baseline to be taken from a year that has no data (after `with_data_baselines`)."""
    return [(code, t.baseline.year) for code, t in register.targets.items()
            if t.baseline is not None and t.baseline.from_data and t.baseline.value is None]
