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
from tracker.engine.progress import ratio_of, window_figures
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


def _year_figure(session: Session, register: Register, target: Target, year: int) -> float | None:
    ind = register.indicator_of(target)
    if ind is None:
        return None
    units = list(register.units)
    window = Window("year", year * 12, year * 12 + 11)
    figures = window_figures(session=session, register=register, window=window, units=units, indicators=[ind])
    return ratio_of(figures, register, ind, units)[1].value


def with_data_baselines(*, session: Session, register: Register) -> Register:
    """The view with every `from_data` baseline set to the district figure of its year (None without data)."""
    changed: dict[str, Target] = {}
    for code, t in register.targets.items():
        b = t.baseline
        if b is None or not b.from_data:
            continue
        value = _year_figure(session, register, t, b.year)
        changed[code] = t.model_copy(update={"baseline": Baseline(value=value, year=b.year, note=b.note,
                                                                  from_data=True)})
    if not changed:
        return register
    targets = {code: changed.get(code, t) for code, t in register.targets.items()}
    return dataclasses.replace(register, targets=targets,
                               plan_targets={**register.plan_targets, register.plan.code: targets})


def missing_baselines(register: Register) -> list[tuple[str, int]]:
    """(target, year) of each baseline to be taken from a year that has no data (after `with_data_baselines`)."""
    return [(code, t.baseline.year) for code, t in register.targets.items()
            if t.baseline is not None and t.baseline.from_data and t.baseline.value is None]
