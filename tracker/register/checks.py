"""Cross-checks of the registers: unique codes, references, ranges, dates, milestones, the unit tree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracker.errors import Problem
from tracker.i18n import Ref
from tracker.periods import parse_period
from tracker.register.schema import TargetsFile, UnitsFile
from tracker.register.yamlsource import position


class _Checker:
    def __init__(self, file: str, data: Any) -> None:
        self.file, self.data, self.problems = file, data, []  # type: tuple[str, Any, list[Problem]]

    def add(self, path: tuple[str | int, ...], key: str, **params: object) -> None:
        line, col = position(self.data, path)
        self.problems.append(Problem(self.file, key, params, line, col))

    def unique(self, section: str, codes: Iterable[str], kind: Ref) -> None:
        first: dict[str, int] = {}
        for i, code in enumerate(codes):
            if code in first:
                line = position(self.data, (section, first[code]))[0]
                self.add((section, i, "code"), "register.duplicate_code", kind=kind, code=code, first=line)
            else:
                first[code] = i


def _kind(name: str) -> Ref:
    return Ref(f"register.kind_{name}")


def check_targets(file: str, data: Any, tf: TargetsFile, unit_codes: set[str], unit_types: set[str]) -> list[Problem]:
    """Every cross-reference and range problem of a parsed targets file."""
    c = _Checker(file, data)
    c.unique("metrics", (m.code for m in tf.metrics), _kind("metric"))
    c.unique("indicators", (i.code for i in tf.indicators), _kind("indicator"))
    c.unique("targets", (t.code for t in tf.targets), _kind("target"))
    metrics = {m.code for m in tf.metrics}
    indicators = {i.code: i for i in tf.indicators}
    aggregation = {m.code: m.aggregation for m in tf.metrics}
    for i, ind in enumerate(tf.indicators):
        for fld, codes in (("numerator", ind.numerators), ("denominator", ind.denominators)):
            for code in codes:
                if code not in metrics:
                    c.add(("indicators", i, fld), "register.unknown_ref", field=fld, kind=_kind("metric"), code=code)
        if len(ind.numerators) != len(ind.denominators):
            c.add(("indicators", i, "denominator"), "register.components_mismatch",
                  numerators=len(ind.numerators), denominators=len(ind.denominators))
        for num, den in ind.components:
            if num == den:
                c.add(("indicators", i, "denominator"), "register.same_metric", code=num)
        kinds = {aggregation[m] for m in ind.metrics if m in aggregation}
        if len(kinds) > 1:
            c.add(("indicators", i, "numerator"), "register.mixed_aggregation", kinds=", ".join(sorted(kinds)))
    for i, m in enumerate(tf.metrics):
        if m.rate_of is not None and m.rate_of not in indicators:
            c.add(("metrics", i, "rate_of"), "register.unknown_ref", field="rate_of", kind=_kind("indicator"),
                  code=m.rate_of)
    start, end = parse_period(tf.plan.start), parse_period(tf.plan.end)
    for i, t in enumerate(tf.targets):
        if t.comparison != "milestone":
            if t.indicator is None or t.threshold is None:
                c.add(("targets", i, "comparison"), "register.needs_indicator", comparison=t.comparison)
                continue
            found = indicators.get(t.indicator)
            if found is None:
                c.add(("targets", i, "indicator"), "register.unknown_ref", field="indicator",
                      kind=_kind("indicator"), code=t.indicator)
            elif found.is_percent and not 0 <= t.threshold <= 100:
                c.add(("targets", i, "threshold"), "register.percent_range", value=_num(t.threshold))
        dl = t.deadline.year * 12 + t.deadline.month - 1
        if not start.start <= dl <= end.end:
            c.add(("targets", i, "deadline"), "register.deadline_outside",
                  value=t.deadline.isoformat(), start=tf.plan.start, end=tf.plan.end)
        _check_milestones(c, i, t.milestones, t.threshold, t.baseline.value if t.baseline else None,
                          t.higher_is_better, start.year, end.year)
        for owner in t.owners:
            if owner not in unit_codes and owner not in unit_types:
                c.add(("targets", i, "owners"), "register.unknown_ref", field="owners",
                      kind=_kind("unit_or_type"), code=owner)
    return c.problems


def _num(v: float) -> str:
    return f"{v:g}"


def _check_milestones(c: _Checker, i: int, milestones: dict[int, float], threshold: float | None,
                      baseline: float | None, higher: bool, first_year: int, last_year: int) -> None:
    previous = baseline
    for year in sorted(milestones):
        value = milestones[year]
        if not first_year <= year <= last_year:
            c.add(("targets", i, "milestones"), "register.milestone_year", year=year,
                  start=first_year, end=last_year)
        if threshold is not None and previous is not None:
            away = abs(threshold - value) > abs(threshold - previous) or (
                (value < previous) if higher else (value > previous))
            if away:
                c.add(("targets", i, "milestones"), "register.milestone_away", year=year, value=_num(value),
                      previous=_num(previous), threshold=_num(threshold))
        previous = value


def check_units(file: str, data: Any, uf: UnitsFile) -> list[Problem]:
    """Unique codes, known parents and no cycle in the unit tree."""
    c = _Checker(file, data)
    c.unique("units", (u.code for u in uf.units), _kind("unit"))
    parents = {u.code: u.parent for u in uf.units}
    index = {u.code: i for i, u in enumerate(uf.units)}
    for i, u in enumerate(uf.units):
        if u.parent is not None and u.parent not in parents:
            c.add(("units", i, "parent"), "register.unknown_ref", field="parent", kind=_kind("unit"), code=u.parent)
    reported: set[str] = set()
    for code in parents:
        path, node = [code], parents.get(code)
        while node is not None and node in parents and node not in path:
            path.append(node)
            node = parents[node]
        if node is not None and node in path:
            cycle = path[path.index(node):] + [node]
            key = frozenset(cycle)
            if not reported & key:
                reported |= key
                c.add(("units", index[node], "parent"), "register.parent_cycle", cycle=" → ".join(cycle))
    return c.problems
