"""Rules over the candidate values: errors reject the file, warnings are stored as flags."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from tracker.core.errors import Problem
from tracker.core.i18n import Ref, named
from tracker.core.periods import Period, month
from tracker.importer.cells import as_written
from tracker.importer.consistency import replaced_pairs
from tracker.importer.layout import Candidate
from tracker.register import Register

HISTORY_REPORTS = 12
NOT_REPORTED = "——"
_EXAMPLE = {"month": "2019-06", "quarter": "2019Q2", "half_year": "2019H1", "year": "2019"}


def _problem(file: str, c: Candidate, key: str, severity: str = "error", **params: object) -> Problem:
    """A problem located at the candidate's cell, with the cell as written."""
    return Problem(file, key, params, c.row, c.column, as_written(c.raw), severity)


def rule_errors(file: str, cands: list[Candidate], register: Register, today: dt.date) -> list[Problem]:
    """Frequency, periods before the first plan or not yet ended (by China's date), bounded pairs and conflicting
    duplicates. A period belongs to time, not to one plan: any ended month from the first plan's start is taken."""
    problems: list[Problem] = []
    first = register.first_month
    this_month = today.year * 12 + today.month - 1
    for c in cands:
        m = register.metrics[c.metric]
        if not c.period.fits(m.frequency):
            problems.append(_problem(file, c, "import.frequency", value=c.period.code, metric=named(m),
                                     frequency=Ref(f"freq.{m.frequency}"), example=_EXAMPLE[m.frequency]))
        if c.period.start < first:
            problems.append(_problem(file, c, "import.period_before_plans", value=c.period.code,
                                     start=month(first).code))
        elif c.period.end >= this_month:
            problems.append(_problem(file, c, "import.period_future", value=c.period.code,
                                     today=today.isoformat()))
    problems += _duplicates(file, cands, register)
    problems += _bounded(file, cands, register)
    return problems


def _duplicates(file: str, cands: list[Candidate], register: Register) -> list[Problem]:
    seen: dict[tuple[str, str, str], Candidate] = {}
    out = []
    for c in cands:
        key = (c.unit, c.metric, c.period.code)
        other = seen.get(key)
        if other is None:
            seen[key] = c
        elif other.value != c.value:
            out.append(_problem(file, c, "import.duplicate", unit=named(register.units[c.unit]),
                                period=c.period.code, metric=named(register.metrics[c.metric]),
                                other_row=other.row, other=NOT_REPORTED if other.value is None else f"{other.value:g}"))
    return out


def _by_cell(cands: Iterable[Candidate]) -> dict[tuple[str, str], dict[str, Candidate]]:
    out: dict[tuple[str, str], dict[str, Candidate]] = defaultdict(dict)
    for c in cands:
        if c.value is not None:
            out[(c.unit, c.period.code)].setdefault(c.metric, c)
    return out


def bounded_pairs(register: Register) -> list[tuple[str, str]]:
    """(numerator, denominator) metric pairs whose numerator can never exceed the denominator, once each — but
    those a consistency rule of the register decides (with the severity it chooses)."""
    replaced = replaced_pairs(register)
    pairs = ((n, d) for ind in register.indicators.values() if ind.bounded for n, d in ind.components
             if d is not None and (n, d) not in replaced)
    return list(dict.fromkeys(pairs))


def _bounded(file: str, cands: list[Candidate], register: Register) -> list[Problem]:
    out = []
    cells = _by_cell(cands)
    for numerator, denominator in bounded_pairs(register):
        for metrics in cells.values():
            num, den = metrics.get(numerator), metrics.get(denominator)
            if num and den and num.value is not None and den.value is not None and num.value > den.value:
                out.append(_problem(file, num, "import.numerator_exceeds",
                                    numerator=named(register.metrics[numerator]), num=f"{num.value:g}",
                                    denominator=named(register.metrics[denominator]), den=f"{den.value:g}"))
    return out


def scope_warnings(file: str, cands: list[Candidate], register: Register) -> list[Problem]:
    """A value for a metric that the register does not ask of this unit's type: accepted, flagged."""
    out = []
    for c in cands:
        unit, metric = register.units[c.unit], register.metrics[c.metric]
        if c.value is not None and unit.type not in metric.reported_by:
            c.flags.append("not_reported_by")
            out.append(_problem(file, c, "import.warn_not_reported_by", "warning", metric=named(metric),
                                unit=named(unit), unit_type=Ref(f"type.{unit.type}")))
    return out


def partners(metrics: Iterable[str], register: Register) -> set[str]:
    """The other side of every bounded pair (numerator ≤ denominator) one of these metrics belongs to."""
    given = set(metrics)
    out: set[str] = set()
    for numerator, denominator in bounded_pairs(register):
        if numerator in given:
            out.add(denominator)
        if denominator in given:
            out.add(numerator)
    return out


def stored_bound_errors(file: str, cands: list[Candidate],
                        stored: Mapping[tuple[str, str, str], tuple[int, float | None, str | None]],
                        register: Register) -> list[Problem]:
    """numerator > denominator against the stored other side, where the file gives only one side."""
    out = []
    pairs = bounded_pairs(register)
    for (unit, period), metrics in _by_cell(cands).items():
        for numerator, denominator in pairs:
            num, den = metrics.get(numerator), metrics.get(denominator)
            if (num is None) == (den is None):
                continue  # both sides in the file are checked by rule_errors
            given = num or den
            assert given is not None and given.value is not None
            kept = stored.get((unit, denominator if num else numerator, period))
            if kept is None or kept[1] is None:
                continue
            n, d = (given.value, kept[1]) if num else (kept[1], given.value)
            if n > d:
                key = "import.denominator_stored" if num else "import.numerator_stored"
                out.append(_problem(file, given, key, numerator=named(register.metrics[numerator]),
                                    num=f"{n:g}", denominator=named(register.metrics[denominator]), den=f"{d:g}"))
    return out


def carry_over_warnings(file: str, cands: list[Candidate]) -> list[Problem]:
    """completed > accepted in the same row: accepted, flagged (carry-over from earlier months)."""
    out = []
    for metrics in _by_cell(cands).values():
        done, taken = metrics.get("completed"), metrics.get("accepted")
        if done and taken and done.value is not None and taken.value is not None and done.value > taken.value:
            done.flags.append("completed_exceeds_accepted")
            out.append(_problem(file, done, "import.warn_completed_exceeds", "warning",
                                completed=f"{done.value:g}", accepted=f"{taken.value:g}"))
    return out


def history_warnings(file: str, cands: list[Candidate], history: list[tuple[str, str, str, int, float]],
                     register: Register) -> list[Problem]:
    """Values far from the unit's own last reports (mean ± 3 SD, a 5× jump, or 0 instead of hundreds).

    `history` holds (unit, metric, period kind, period end, value) of stored values. Each count value is
    compared with the last HISTORY_REPORTS stored reports of the same unit, metric and period kind that end
    before it; the statistics are computed for all values at once (a year of history is ~10⁵ rows).
    """
    counted = [c for c in cands if c.value is not None and register.metrics[c.metric].kind == "count"]
    if not history or not counted:
        return []
    past = _past_reports(counted, history)
    value = np.array([c.value for c in counted], dtype=np.float64)
    # which values may be unusual at all (the exact rules are _history_problem's); the others are not looked at
    ratio = np.divide(np.maximum(value, past.previous), np.maximum(np.minimum(value, past.previous), 1e-300))
    maybe = (past.n > 0) & (((value == 0) & (past.mean >= 100)) | ((past.n >= 3) & (
        np.abs(value - past.mean) > 3 * past.sd)) | ((past.previous > 0) & (value > 0) & (ratio > 5)))
    out = []
    for i in np.flatnonzero(maybe):
        problem = _history_problem(file, counted[i], float(past.mean[i]), float(past.sd[i]), int(past.n[i]),
                                   float(past.previous[i]))
        if problem is not None:
            out.append(problem)
    return out


@dataclass
class _Past:
    """Per candidate: how many earlier reports (n), their mean and population SD, and the latest one."""

    n: npt.NDArray[np.int64]
    mean: npt.NDArray[np.float64]
    sd: npt.NDArray[np.float64]
    previous: npt.NDArray[np.float64]


def _series_keys(history: pd.DataFrame,
                 cands: list[Candidate]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """One integer per (unit, metric, period kind), the same for stored values and candidates."""
    own = {"unit": [c.unit for c in cands], "metric": [c.metric for c in cands],
           "kind": [c.period.kind for c in cands]}
    key = np.zeros(len(history) + len(cands), dtype=np.int64)
    for column, values in own.items():
        codes, uniques = pd.factorize(np.concatenate([history[column].to_numpy(dtype=object),
                                                      np.asarray(values, dtype=object)]))
        key = key * len(uniques) + codes
    return key[:len(history)], key[len(history):]


def _past_reports(cands: list[Candidate], history: list[tuple[str, str, str, int, float]]) -> _Past:
    table = pd.DataFrame.from_records(history, columns=["unit", "metric", "kind", "end", "value"])
    h_key, c_key = _series_keys(table, cands)
    h_end = table["end"].to_numpy(dtype=np.int64)
    order = np.lexsort((h_end, h_key))
    span = int(h_end.max()) + 2
    position = h_key[order] * span + h_end[order]  # sorted by series, then period end
    h_value = table["value"].to_numpy(dtype=np.float64)[order]

    c_end = np.minimum(np.array([c.period.end for c in cands], dtype=np.int64), span - 1)
    series_start = np.searchsorted(position, c_key * span)  # a series with no stored report is empty
    stop = np.searchsorted(position, c_key * span + c_end)  # the first report not before the candidate
    first = np.maximum(series_start, stop - HISTORY_REPORTS)
    n = stop - first
    window = first[:, None] + np.arange(HISTORY_REPORTS)
    inside = window < stop[:, None]
    taken = np.where(inside, h_value[np.clip(window, 0, len(h_value) - 1)], 0.0)
    count = np.maximum(n, 1)
    mean = taken.sum(axis=1) / count
    deviation = np.where(inside, taken - mean[:, None], 0.0)
    sd = np.sqrt((deviation ** 2).sum(axis=1) / count)
    previous = h_value[np.clip(stop - 1, 0, len(h_value) - 1)]
    return _Past(n, mean, sd, previous)


def _history_problem(file: str, c: Candidate, mean: float, sd: float, n: int, previous: float) -> Problem | None:
    assert c.value is not None
    if c.value == 0 and mean >= 100:
        c.flags.append("zero_unusual")
        return _problem(file, c, "import.warn_zero", "warning", mean=f"{mean:,.0f}")
    if n >= 3:
        low, high = mean - 3 * sd, mean + 3 * sd
        # a constant history's SD can come out as rounding noise rather than 0: treat that as 0
        if sd > 1e-9 * max(1.0, abs(mean)) and not low <= c.value <= high:
            c.flags.append("outlier")
            return _problem(file, c, "import.warn_outlier", "warning", value=f"{c.value:,.0f}", n=n,
                            mean=f"{mean:,.0f}", low=f"{max(low, 0):,.0f}", high=f"{high:,.0f}")
    if previous > 0 and c.value > 0 and max(c.value / previous, previous / c.value) > 5:
        c.flags.append("jump")
        return _problem(file, c, "import.warn_jump", "warning", value=f"{c.value:,.0f}", previous=f"{previous:,.0f}")
    return None


def months_of(periods: Iterable[Period]) -> tuple[int, int]:
    """The absolute months spanned by the periods."""
    ps = list(periods)
    return min(p.start for p in ps), max(p.end for p in ps)


