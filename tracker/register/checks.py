"""Cross-checks of the registers: unique codes, references, ranges, dates, milestones, the unit tree."""

from __future__ import annotations

from typing import Any

from tracker.core.errors import Problem
from tracker.register.checker import Checker, kind_ref
from tracker.register.schema import TargetsFile
from tracker.register.target_checks import check_plans
from tracker.register.unit_schema import UnitsFile


def check_targets(file: str, data: Any, tf: TargetsFile, unit_codes: set[str], unit_types: set[str]) -> list[Problem]:
    """Every cross-reference and range problem of a parsed targets file."""
    c = Checker(file, data)
    c.unique("metrics", (m.code for m in tf.metrics), kind_ref("metric"))
    c.unique("indicators", (i.code for i in tf.indicators), kind_ref("indicator"))
    metrics = {m.code for m in tf.metrics}
    indicators = {i.code: i for i in tf.indicators}
    aggregation = {m.code: m.aggregation for m in tf.metrics}
    for i, ind in enumerate(tf.indicators):
        for fld, codes in (("numerator", ind.numerators), ("denominator", ind.denominators)):
            for code in codes:
                if code not in metrics:
                    c.add(("indicators", i, fld), "register.unknown_ref", field=fld, kind=kind_ref("metric"), code=code)
        if not ind.is_total and len(ind.numerators) != len(ind.denominators):
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
            c.add(("metrics", i, "rate_of"), "register.unknown_ref", field="rate_of", kind=kind_ref("indicator"),
                  code=m.rate_of)
    check_plans(c, tf, unit_codes, unit_types, indicators)
    _check_consistency(c, tf)
    return c.problems


def _check_consistency(c: Checker, tf: TargetsFile) -> None:
    """Consistency rules: unique codes, known count metrics on both sides, no metric on both sides."""
    c.unique("consistency", (r.code for r in tf.consistency), kind_ref("consistency"))
    counts = {m.code for m in tf.metrics if m.kind == "count"}
    for i, rule in enumerate(tf.consistency):
        for fld, codes in (("left", rule.lefts), ("right", rule.rights)):
            for code in codes:
                if code not in counts:
                    c.add(("consistency", i, fld), "register.unknown_ref", field=fld, kind=kind_ref("count_metric"),
                          code=code)
        for code in set(rule.lefts) & set(rule.rights):
            c.add(("consistency", i, "right"), "register.same_metric", code=code)
def check_units(file: str, data: Any, uf: UnitsFile) -> list[Problem]:
    """Unique codes, known parents and no cycle in the unit tree."""
    c = Checker(file, data)
    c.unique("units", (u.code for u in uf.units), kind_ref("unit"))
    parents = {u.code: u.parent for u in uf.units}
    index = {u.code: i for i, u in enumerate(uf.units)}
    for i, u in enumerate(uf.units):
        if u.parent is not None and u.parent not in parents:
            c.add(("units", i, "parent"), "register.unknown_ref", field="parent", kind=kind_ref("unit"), code=u.parent)
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
    _check_lineage(c, uf, index)
    return c.problems


def _check_lineage(c: Checker, uf: UnitsFile, index: dict[str, int]) -> None:
    """Predecessors are known units (not the unit itself, not in a cycle), validity spans run forward, and a
    former name's last month lies before the unit's end."""
    for i, u in enumerate(uf.units):
        if u.valid_from and u.valid_to and u.valid_from > u.valid_to:
            c.add(("units", i, "valid_to"), "register.span_backwards", start=u.valid_from, end=u.valid_to)
        for k, p in enumerate(u.predecessors):
            if p.unit not in index or p.unit == u.code:
                c.add(("units", i, "predecessors", k, "unit"), "register.unknown_ref", field="predecessors",
                      kind=kind_ref("unit"), code=p.unit)
    preds = {u.code: [p.unit for p in u.predecessors if p.unit in index] for u in uf.units}
    for code in preds:
        seen, todo = set(), list(preds[code])
        while todo:
            node = todo.pop()
            if node == code:
                c.add(("units", index[code], "predecessors"), "register.lineage_cycle", unit=code)
                break
            if node not in seen:
                seen.add(node)
                todo.extend(preds.get(node, []))
