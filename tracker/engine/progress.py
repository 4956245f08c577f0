"""Every indicator and target for an as-of month, window and scope: the progress table."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field

import pandas as pd
from sqlmodel import Session

from tracker.core.i18n import Lang
from tracker.core.periods import Period, parse_period
from tracker.engine import kept_totals, kept_windows, query, summary
from tracker.engine.aggregate import (
    Ratio,
    contributions,
    key_totals,
    total_ratio,
    units_expected,
    with_value,
)
from tracker.engine.inmemory import figures_of_values
from tracker.engine.query import indicator_item
from tracker.engine.status import Status, target_status
from tracker.engine.windows import Scope, Window, window_for
from tracker.register import Indicator, Register, Target
from tracker.register.rules import MilestoneRule

JSON_KEYS = ("target", "indicator", "scope", "window_start", "window_end", "numerator", "denominator",
             "value", "comparison", "threshold", "expected", "gap", "gap_to_target", "gap_to_pace", "status",
             "units_reported", "units_expected")


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
    gap: float | None  # to the expected pace before the deadline, to the threshold from it on (kept as it was)
    gap_to_target: float | None  # 距目标: signed, positive when better than the threshold
    gap_to_pace: float | None  # 距进度: signed, positive when better than the pace expected at the as-of month
    status: Status
    units_reported: int
    units_expected: int
    unit: str
    as_of: Period = field(compare=False)

    def as_json(self) -> dict[str, object]:
        """The public JSON object (keys in JSON_KEYS)."""
        d = asdict(self)
        # JSON has no Infinity or NaN: a figure that is not finite is no figure
        return {k: None if isinstance(d[k], float) and not math.isfinite(d[k]) else d[k] for k in JSON_KEYS}

    def name(self, lang: Lang) -> str:
        return self.name_zh if lang == "zh" else self.name_en


def window_figures(*, session: Session, register: Register, window: Window, units: list[str],
                   indicators: list[Indicator]) -> pd.DataFrame:
    """The per-unit figures of every given indicator for the window, in one query (from the pairs kept ready when
    they answer, else from raw rows)."""
    return windows_figures(session=session, register=register, windows=[window], units=units,
                           indicators=indicators)[0]


def windows_figures(*, session: Session, register: Register, windows: list[Window], units: list[str],
                    indicators: list[Indicator]) -> list[pd.DataFrame]:
    """`window_figures` of each window: the district's year-to-date windows read where they are kept
    (`tracker.engine.kept_windows`), else formed, overlapping windows read together (`query.windows_figures`)."""
    items = [indicator_item(i, register) for i in indicators]
    spans = [(w.start, w.end) for w in windows]
    kept = summary.covers(session, register, items, units)
    ready = kept_windows.read(session, register, items, units, spans) if kept else None
    if ready is not None:  # the district's year-to-date windows, kept ready (tracker/engine/kept_windows.py)
        return ready
    return query.windows_figures(session=session, items=items, units=units, windows=spans, kept=kept)


def ratio_of(figures: pd.DataFrame, register: Register, indicator: Indicator,
             units: list[str]) -> tuple[pd.DataFrame, Ratio, int]:
    """From the window's figures: what each unit adds to the total (with its value), the weighted total over
    the scope `units`, and how many units were expected to report."""
    groups = figures[figures["key"] == indicator.code]
    per_unit = unit_contributions(groups, indicator, units)
    reported = groups["unit"].nunique()
    types = register.unit_types
    expected = len(units_expected(units, types, [register.metrics[m] for m in indicator.metrics]))
    return per_unit, total_ratio(per_unit, indicator.factor, reported, indicator.is_total), expected


def unit_contributions(figures: pd.DataFrame, indicator: Indicator, units: list[str]) -> pd.DataFrame:
    """What each unit adds to the total over the scope `units`, with its value (`ratio_of`'s first part)."""
    return with_value(contributions(figures[figures["key"] == indicator.code], units), indicator.factor,
                      indicator.is_total)


def ratios_of(figures: pd.DataFrame, register: Register, indicators: list[Indicator],
              units: list[str]) -> dict[str, tuple[Ratio, int]]:
    """`ratio_of`'s total and expected units for every given indicator from one pass over the figures (the
    progress table needs no per-unit rows): indicator code → (weighted total over `units`, units expected)."""
    reported = figures.groupby("key", sort=False)["unit"].nunique().to_dict() if not figures.empty else {}
    return ratios_from(key_totals(figures, units), reported, register, indicators, units)


def ratios_from(totals: dict[str, tuple[float, float, int]], reported: dict[str, int], register: Register,
                indicators: list[Indicator], units: list[str]) -> dict[str, tuple[Ratio, int]]:
    """`ratios_of` from the figures' key totals (`aggregate.key_totals`) and units reported per key."""
    types = register.unit_types
    per_type = Counter(types.get(u) for u in units)  # a unit is expected when its type reports every metric
    out: dict[str, tuple[Ratio, int]] = {}
    for ind in indicators:
        count = int(reported.get(ind.code, 0))
        expected = sum(n for kind, n in per_type.items()
                       if all(kind in register.metrics[m].reported_by for m in ind.metrics))
        if ind.code not in totals:
            out[ind.code] = (Ratio(None, None, None, count), expected)
            continue
        num, den, _ = totals[ind.code]
        if ind.is_total:
            out[ind.code] = (Ratio(num, None, num * ind.factor, count), expected)
        else:
            out[ind.code] = (Ratio(num, den, num / den * ind.factor if den > 0 else None, count), expected)
    return out


def kept_ratios(*, session: Session, register: Register, window: Window, units: list[str],
                indicators: list[Indicator]) -> dict[str, tuple[Ratio, int]] | None:
    """`ratios_of` the window's figures summed in the database from the kept rows, without forming the figures
    (`tracker.engine.kept_totals`: the district's kept windows); None where they cannot answer."""
    items = [indicator_item(i, register) for i in indicators]
    if not summary.covers(session, register, items, units):
        return None
    kept = kept_totals.district_totals(session, register, items, units, (window.start, window.end))
    return None if kept is None else ratios_from(*kept, register, indicators, units)


def indicator_ratio(values: pd.DataFrame, register: Register, indicator: Indicator, window: Window,
                    units: list[str]) -> tuple[pd.DataFrame, Ratio, int]:
    """For a table of stored values (`current_values` columns): per-unit figures, the weighted total and how
    many units were expected to report, computed by the same query as the database's values."""
    figures = figures_of_values(values, register, [indicator_item(indicator, register)], units, window.start,
                                window.end)
    return ratio_of(figures, register, indicator, units)


def _row(*, register: Register, target: Target | None, indicator: Indicator | None, ratio: Ratio | None,
         expected_units: int, window: Window, scope: Scope, as_of: Period) -> ProgressRow:
    base = {"scope": scope.label, "window_start": window.first.code, "window_end": window.last.code,
            "as_of": as_of, "units_expected": expected_units}
    rule = register.rule(target.code, as_of.end) if target is not None else None
    if isinstance(rule, MilestoneRule):
        assert target is not None
        return ProgressRow(target=target.code, indicator=None, name_zh=target.name_zh, name_en=target.name_en,
                           numerator=None, denominator=None, value=None, comparison="milestone",
                           threshold=None, expected=None, gap=None, gap_to_target=None, gap_to_pace=None,
                           status=rule.status(as_of),  # type: ignore[arg-type]
                           units_reported=0, unit="", **base)  # type: ignore[arg-type]
    assert indicator is not None and ratio is not None
    value = ratio.value
    names = (target or indicator)
    to_target = to_pace = None
    if rule is None or not rule.ready:  # untargeted, or a target waiting for its baseline year's data
        status: Status = "untargeted" if rule is None and value is not None else "no_data"
        expected = g = None
    else:
        expected = rule.expected(as_of)
        status = target_status(rule, register.rules, value, indicator.is_percent, as_of)
        g = rule.gap(value, rule.reference(as_of)) if value is not None else None
        if value is not None:
            to_target = rule.gap_to_target(value)
            to_pace = rule.gap_to_pace(value, as_of)
    return ProgressRow(target=target.code if target else None, indicator=indicator.code,
                       name_zh=names.name_zh, name_en=names.name_en, numerator=ratio.numerator,
                       denominator=ratio.denominator, value=value,
                       comparison=rule.comparison if rule else None,
                       threshold=rule.threshold if rule and rule.ready else None, expected=expected, gap=g,
                       gap_to_target=to_target, gap_to_pace=to_pace, status=status,
                       units_reported=ratio.units_reported, unit=indicator.unit,
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
    figures = window_figures(session=session, register=register, window=win, units=units, indicators=indicators)
    return rows_of(figures, register=register, window=win, scope=scope, as_of=as_of, indicators=indicators)


def rows_of(figures: pd.DataFrame, *, register: Register, window: Window, scope: Scope, as_of: Period,
            indicators: list[Indicator]) -> list[ProgressRow]:
    """The progress rows from the window's figures: every target in register order, then untargeted indicators."""
    units = scope.units(register)
    return rows_from(ratios_of(figures, register, with_targets(register, indicators), units), register=register,
                     window=window, scope=scope, as_of=as_of, indicators=indicators)


def with_targets(register: Register, indicators: list[Indicator]) -> list[Indicator]:
    """The targets' indicators (register order) and the given ones, each once: what the progress rows need."""
    of_target = [i for t in register.targets.values() if (i := register.indicator_of(t)) is not None]
    return list({i.code: i for i in [*of_target, *indicators]}.values())


def rows_from(ratios: dict[str, tuple[Ratio, int]], *, register: Register, window: Window, scope: Scope,
              as_of: Period, indicators: list[Indicator]) -> list[ProgressRow]:
    """The progress rows from each indicator's total and units expected (`ratios_of` of `with_targets`)."""
    targeted = {t.indicator for t in register.targets.values() if t.indicator}
    rows: list[ProgressRow] = []
    for target in register.targets.values():
        ind = register.indicator_of(target)
        ratio, n_expected = None, 0
        if ind is not None:
            ratio, n_expected = ratios[ind.code]
        rows.append(_row(register=register, target=target, indicator=ind, ratio=ratio,
                         expected_units=n_expected, window=window, scope=scope, as_of=as_of))
    for ind in indicators:
        if ind.code not in targeted:
            ratio, n_expected = ratios[ind.code]
            rows.append(_row(register=register, target=None, indicator=ind, ratio=ratio,
                             expected_units=n_expected, window=window, scope=scope, as_of=as_of))
    return rows
