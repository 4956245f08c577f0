"""Rules over the candidate values: errors reject the file, warnings are stored as flags."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable

from tracker.errors import Problem
from tracker.i18n import Ref
from tracker.importer.layout import Candidate
from tracker.periods import Period, parse_period
from tracker.register import Register

HISTORY_REPORTS = 12
_EXAMPLE = {"month": "2019-06", "quarter": "2019Q2", "half_year": "2019H1", "year": "2019"}


def _problem(file: str, c: Candidate, key: str, severity: str = "error", **params: object) -> Problem:
    return Problem(file, key, {"value": c.raw if c.raw is not None else "", **params}, c.row, c.column,
                   None if c.raw is None else str(c.raw), severity)


def rule_errors(file: str, cands: list[Candidate], register: Register, today: dt.date) -> list[Problem]:
    """Frequency, plan period, not-yet-ended periods, bounded pairs and conflicting duplicates."""
    problems: list[Problem] = []
    start, end = parse_period(register.plan.start), parse_period(register.plan.end)
    this_month = today.year * 12 + today.month - 1
    for c in cands:
        m = register.metrics[c.metric]
        if not c.period.fits(m.frequency):
            problems.append(_problem(file, c, "import.frequency", value=c.period.code, metric=m.name_zh,
                                     frequency=Ref(f"freq.{m.frequency}"), example=_EXAMPLE[m.frequency]))
        if c.period.start < start.start or c.period.end > end.end:
            problems.append(_problem(file, c, "import.period_outside_plan", value=c.period.code,
                                     start=register.plan.start, end=register.plan.end))
        elif c.period.end >= this_month:
            problems.append(_problem(file, c, "import.period_future", value=c.period.code))
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
            out.append(_problem(file, c, "import.duplicate", unit=register.units[c.unit].name_zh,
                                period=c.period.code, metric=register.metrics[c.metric].name_zh,
                                other_row=other.row, other="" if other.value is None else f"{other.value:g}"))
    return out


def _by_cell(cands: Iterable[Candidate]) -> dict[tuple[str, str], dict[str, Candidate]]:
    out: dict[tuple[str, str], dict[str, Candidate]] = defaultdict(dict)
    for c in cands:
        if c.value is not None:
            out[(c.unit, c.period.code)].setdefault(c.metric, c)
    return out


def _bounded(file: str, cands: list[Candidate], register: Register) -> list[Problem]:
    out = []
    cells = _by_cell(cands)
    for ind in register.indicators.values():
        if not ind.bounded:
            continue
        for metrics in cells.values():
            num, den = metrics.get(ind.numerator), metrics.get(ind.denominator)
            if num and den and num.value is not None and den.value is not None and num.value > den.value:
                out.append(_problem(file, num, "import.numerator_exceeds",
                                    numerator=register.metrics[ind.numerator].name_zh, num=f"{num.value:g}",
                                    denominator=register.metrics[ind.denominator].name_zh, den=f"{den.value:g}"))
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

    `history` holds (unit, metric, period kind, period end, value) of stored values.
    """
    if not history:
        return []
    series: dict[tuple[str, str, str], list[tuple[int, float]]] = defaultdict(list)
    for unit, metric, kind, end, value in history:
        series[(unit, metric, kind)].append((end, value))
    ends: dict[tuple[str, str, str], list[int]] = {}
    for key, values in series.items():
        values.sort()
        ends[key] = [e for e, _ in values]
    out = []
    for c in cands:
        key = (c.unit, c.metric, c.period.kind)
        if c.value is None or key not in series or register.metrics[c.metric].kind != "count":
            continue
        i = bisect.bisect_left(ends[key], c.period.end)
        past = [v for _, v in series[key][max(0, i - HISTORY_REPORTS):i]]
        if past:
            problem = _history_problem(file, c, past)
            if problem is not None:
                out.append(problem)
    return out


def _history_problem(file: str, c: Candidate, past: list[float]) -> Problem | None:
    assert c.value is not None
    mean = math.fsum(past) / len(past)
    if c.value == 0 and mean >= 100:
        c.flags.append("zero_unusual")
        return _problem(file, c, "import.warn_zero", "warning", mean=f"{mean:,.0f}")
    if len(past) >= 3:
        sd = math.sqrt(math.fsum((v - mean) ** 2 for v in past) / len(past))
        low, high = mean - 3 * sd, mean + 3 * sd
        if sd > 0 and not low <= c.value <= high:
            c.flags.append("outlier")
            return _problem(file, c, "import.warn_outlier", "warning", value=f"{c.value:,.0f}", n=len(past),
                            mean=f"{mean:,.0f}", low=f"{max(low, 0):,.0f}", high=f"{high:,.0f}")
    previous = past[-1]
    if previous > 0 and c.value > 0 and max(c.value / previous, previous / c.value) > 5:
        c.flags.append("jump")
        return _problem(file, c, "import.warn_jump", "warning", value=f"{c.value:,.0f}", previous=f"{previous:,.0f}")
    return None


def months_of(periods: Iterable[Period]) -> tuple[int, int]:
    """The absolute months spanned by the periods."""
    ps = list(periods)
    return min(p.start for p in ps), max(p.end for p in ps)


