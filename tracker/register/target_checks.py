"""Cross-checks of the plans and their targets: one plan or a list of them, unique codes across plans, spans,
what each target is measured by, deadlines, milestones, adjustments, baselines and owners."""

from __future__ import annotations

from collections.abc import Mapping

from tracker.register.checker import Checker, Path, kind_ref
from tracker.register.schema import Indicator, Plan, Target, TargetsFile


def check_plans(c: Checker, tf: TargetsFile, unit_codes: set[str], unit_types: set[str],
                indicators: Mapping[str, Indicator]) -> None:
    if (tf.plan is None) == (not tf.plans):
        c.add(("plan",) if tf.plan is not None else (), "register.plan_or_plans")
        return
    if tf.plans and tf.targets:
        c.add(("targets",), "register.targets_in_plans")
    c.unique("plans", (p.code for p in tf.plans), kind_ref("plan"))
    seen: dict[str, str] = {}
    kinds = {m.code: m.kind for m in tf.metrics}
    spans = sorted((p.first_month, p.last_month, i, p.code) for i, p in enumerate(tf.plans))
    for (_s0, e0, _i0, code0), (s1, _e1, i1, code1) in zip(spans, spans[1:], strict=False):
        if s1 <= e0:
            c.add(("plans", i1, "start"), "register.plans_overlap", plan=code1, other=code0)
    for path, plan, targets in tf.all_plans():
        if plan.first_month > plan.last_month:
            c.add((*path[:-1], "end"), "register.span_backwards", start=plan.start, end=plan.end)
        c.unique(path, (t.code for t in targets), kind_ref("target"))
        for i, t in enumerate(targets):
            if seen.get(t.code, plan.code) != plan.code:
                c.add((*path, i, "code"), "register.duplicate_target", code=t.code, plan=seen[t.code])
            seen.setdefault(t.code, plan.code)
            _check_target(c, (*path, i), t, plan, indicators, kinds, unit_codes, unit_types)


def _check_target(c: Checker, at: Path, t: Target, plan: Plan, indicators: Mapping[str, Indicator],
                  kinds: Mapping[str, str], unit_codes: set[str], unit_types: set[str]) -> None:
    if t.comparison != "milestone" and _measure_ok(c, at, t, indicators, kinds):
        found = indicators.get(t.indicator) if t.indicator else None
        for where, value in (("threshold", t.threshold), *(
                (("adjustments", k, "threshold"), a.threshold) for k, a in enumerate(t.adjustments))):
            if found is not None and found.is_percent and value is not None and not 0 <= value <= 100:
                c.add((*at, *((where,) if isinstance(where, str) else where)), "register.percent_range",
                      value=_num(value))
    deadlines = [((*at, "deadline"), t.deadline)] + [((*at, "adjustments", k, "deadline"), a.deadline)
                                                     for k, a in enumerate(t.adjustments) if a.deadline]
    for where, deadline in deadlines:
        if not plan.holds(deadline.year * 12 + deadline.month - 1):
            c.add(where, "register.deadline_outside", value=deadline.isoformat(), start=plan.start, end=plan.end)
    for k, a in enumerate(t.adjustments):
        month = int(a.effective[:4]) * 12 + int(a.effective[5:]) - 1
        if not plan.holds(month):
            c.add((*at, "adjustments", k, "effective"), "register.adjustment_outside", value=a.effective,
                  start=plan.start, end=plan.end)
        if a.threshold is None and a.deadline is None:
            c.add((*at, "adjustments", k), "register.adjustment_empty")
    _check_baseline(c, at, t, plan)
    _check_milestones(c, at, t, plan)
    for owner in t.owners:
        if owner not in unit_codes and owner not in unit_types:
            c.add((*at, "owners"), "register.unknown_ref", field="owners", kind=kind_ref("unit_or_type"), code=owner)


def _check_baseline(c: Checker, at: Path, t: Target, plan: Plan) -> None:
    b = t.baseline
    if b is None or not b.from_data:
        return
    if b.value is not None:
        c.add((*at, "baseline", "value"), "register.baseline_both")
    if b.year * 12 + 11 >= plan.last_month:
        c.add((*at, "baseline", "year"), "register.baseline_year", year=b.year, end=plan.end)
    if t.comparison == "milestone":
        c.add((*at, "baseline"), "register.baseline_milestone")


def _measure_ok(c: Checker, at: Path, t: Target, indicators: Mapping[str, Indicator],
                kinds: Mapping[str, str]) -> bool:
    """A numeric target names one indicator or one count metric, and a threshold — or, for a change, a baseline
    value to change from (and no threshold: the change sets it)."""
    if (t.indicator is None) == (t.metric is None):
        c.add((*at, "comparison"), "register.needs_indicator", comparison=t.comparison)
        return False
    if t.indicator is not None and t.indicator not in indicators:
        c.add((*at, "indicator"), "register.unknown_ref", field="indicator", kind=kind_ref("indicator"),
              code=t.indicator)
        return False
    if t.metric is not None and kinds.get(t.metric) != "count":
        c.add((*at, "metric"), "register.unknown_ref", field="metric", kind=kind_ref("count_metric"), code=t.metric)
        return False
    if t.comparison == "change" or t.change is not None:
        if t.change is None or t.comparison != "change":
            c.add((*at, "change"), "register.change_needs_both", comparison=t.comparison)
            return False
        if t.baseline is None or (t.baseline.value is None and not t.baseline.from_data):
            c.add((*at, "change"), "register.change_needs_baseline")
            return False
        if t.threshold is not None or t.maintain:
            c.add((*at, "threshold"), "register.change_sets_threshold")
            return False
        return True
    if t.threshold is None:
        c.add((*at, "comparison"), "register.needs_indicator", comparison=t.comparison)
        return False
    return True


def _num(v: float) -> str:
    return f"{v:g}"


def _check_milestones(c: Checker, at: Path, t: Target, plan: Plan) -> None:
    first_year, last_year = int(plan.start[:4]), int(plan.end[:4])
    higher = t.comparison in (">=", ">")
    previous = t.baseline.value if t.baseline else None
    for year in sorted(t.milestones):
        value = t.milestones[year]
        if not first_year <= year <= last_year:
            c.add((*at, "milestones"), "register.milestone_year", year=year, start=first_year, end=last_year)
        if t.threshold is not None and previous is not None:
            away = abs(t.threshold - value) > abs(t.threshold - previous) or (
                (value < previous) if higher else (value > previous))
            if away:
                c.add((*at, "milestones"), "register.milestone_away", year=year, value=_num(value),
                      previous=_num(previous), threshold=_num(t.threshold))
        previous = value
