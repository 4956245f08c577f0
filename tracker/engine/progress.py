"""Every indicator and target for an as-of month, window and scope: the progress table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd
from sqlmodel import Session

from tracker.engine.aggregate import Ratio, indicator_by_unit, total_ratio, units_expected
from tracker.engine.status import (
    Status,
    expected_value,
    gap,
    milestone_status,
    reference_value,
    target_status,
)
from tracker.engine.windows import Scope, Window, window_for
from tracker.i18n import Lang
from tracker.periods import Period, parse_period
from tracker.register import Indicator, Register, Target
from tracker.store import current_values

JSON_KEYS = ("target", "indicator", "scope", "window_start", "window_end", "numerator", "denominator",
             "value", "comparison", "threshold", "expected", "gap", "status", "units_reported",
             "units_expected")


@dataclass(frozen=True)
class ProgressRow:
    """One target (or untargeted indicator) evaluated for a window and scope."""

    target: str | None
    indicator: str | None
    name_zh: str
    name_en: str
    scope: str
    window_start: str
    window_end: str
    numerator: float | None
    denominator: float | None
    value: float | None
    comparison: str | None
    threshold: float | None
    expected: float | None
    gap: float | None
    status: Status
    units_reported: int
    units_expected: int
    unit: str
    as_of: Period = field(compare=False)

    def as_json(self) -> dict[str, object]:
        """The public JSON object (keys in JSON_KEYS)."""
        d = asdict(self)
        return {k: d[k] for k in JSON_KEYS}

    def name(self, lang: Lang) -> str:
        return self.name_zh if lang == "zh" else self.name_en


def load_values(*, session: Session, register: Register, window: Window, units: list[str],
                indicators: list[Indicator]) -> pd.DataFrame:
    """Current values of the metrics the indicators need, for periods ending inside the window."""
    metrics = {m for i in indicators for m in (i.numerator, i.denominator)}
    return current_values(session=session, metrics=metrics, units=units, start=window.start, end=window.end)


def indicator_ratio(values: pd.DataFrame, register: Register, indicator: Indicator, window: Window,
                    units: list[str]) -> tuple[pd.DataFrame, Ratio, int]:
    """Per-unit table, the weighted district ratio, and how many units were expected to report."""
    num, den = register.metrics[indicator.numerator], register.metrics[indicator.denominator]
    per_unit = indicator_by_unit(values, indicator, num, window, units)
    types = {u.code: u.type for u in register.units.values()}
    expected = len(units_expected(units, types, [num, den]))
    return per_unit, total_ratio(per_unit, indicator.factor), expected


def _row(*, register: Register, target: Target | None, indicator: Indicator | None, ratio: Ratio | None,
         expected_units: int, window: Window, scope: Scope, as_of: Period) -> ProgressRow:
    base = {"scope": scope.label, "window_start": window.first.code, "window_end": window.last.code,
            "as_of": as_of, "units_expected": expected_units}
    if target is not None and target.comparison == "milestone":
        return ProgressRow(target=target.code, indicator=None, name_zh=target.name_zh, name_en=target.name_en,
                           numerator=None, denominator=None, value=None, comparison="milestone",
                           threshold=None, expected=None, gap=None, status=milestone_status(target, as_of),
                           units_reported=0, unit="", **base)  # type: ignore[arg-type]
    assert indicator is not None and ratio is not None
    value = ratio.value
    names = (target or indicator)
    if target is None:
        status: Status = "untargeted" if value is not None else "no_data"
        expected = g = None
    else:
        expected = expected_value(target, register, as_of)
        status = target_status(target, register, value, expected, indicator.is_percent, as_of)
        reference = reference_value(target, expected, as_of)
        g = gap(value, reference, target) if value is not None and reference is not None else None
    return ProgressRow(target=target.code if target else None, indicator=indicator.code,
                       name_zh=names.name_zh, name_en=names.name_en, numerator=ratio.numerator,
                       denominator=ratio.denominator, value=value,
                       comparison=target.comparison if target else None,
                       threshold=target.threshold if target else None, expected=expected, gap=g,
                       status=status, units_reported=ratio.units_reported, unit=indicator.unit,
                       **base)  # type: ignore[arg-type]


def progress_rows(*, session: Session, register: Register, as_of: Period | str, window: str = "ytd",
                  scope: Scope | None = None, include_untargeted: bool = True) -> list[ProgressRow]:
    """Every target (and untargeted indicator) for the as-of month, window and scope, in register order."""
    as_of = parse_period(as_of) if isinstance(as_of, str) else as_of
    scope = scope or Scope()
    win = window_for(window, as_of, register)
    units = scope.units(register)
    targeted = {t.indicator for t in register.targets.values() if t.indicator}
    indicators = [i for i in register.indicators.values() if include_untargeted or i.code in targeted]
    values = load_values(session=session, register=register, window=win, units=units, indicators=indicators)
    rows: list[ProgressRow] = []
    for target in register.targets.values():
        ind = register.indicator_of(target)
        ratio, n_expected = None, 0
        if ind is not None:
            _, ratio, n_expected = indicator_ratio(values, register, ind, win, units)
        rows.append(_row(register=register, target=target, indicator=ind, ratio=ratio,
                         expected_units=n_expected, window=win, scope=scope, as_of=as_of))
    for ind in indicators:
        if ind.code not in targeted:
            _, ratio, n_expected = indicator_ratio(values, register, ind, win, units)
            rows.append(_row(register=register, target=None, indicator=ind, ratio=ratio,
                             expected_units=n_expected, window=win, scope=scope, as_of=as_of))
    return rows


def progress_frame(rows: list[ProgressRow], register: Register, lang: Lang) -> pd.DataFrame:
    """The progress rows as a table with the JSON keys plus name and sentence."""
    from tracker.engine.wording import sentence

    data = [{**r.as_json(), "name": r.name(lang), "unit": r.unit, "sentence": sentence(r, register, lang)}
            for r in rows]
    return pd.DataFrame(data)
