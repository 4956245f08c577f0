"""The loaded register: plans, status rules, metrics, indicators, targets and units, with lookups by code.

A register may hold successive plans (十三五, 十四五, 十五五); metrics, indicators and units are shared. A
*plan view* (`for_plan`) is the same register with `plan` and `targets` set to one plan's — what the engine,
the pages and the documents work on. The full register's own view is its latest plan.

The unit tree the figures follow is the register's parent tree plus the units' lineage: a unit that continues
another (renamed, merged, split) has it among its descendants, so a unit's history includes its predecessors'
periods, and where both reported the same period the successor's own figure counts (the tree's cover rule).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property

from tracker.core.errors import Problem
from tracker.register.rules import TargetRule, rule_for
from tracker.register.schema import (
    ConsistencyRule,
    Indicator,
    Metric,
    Plan,
    StatusRules,
    Target,
)
from tracker.register.unit_schema import Unit

# fields of metrics, indicators and units that are only shown or matched on import, never computed with
SHOWN_ONLY = frozenset({"name_zh", "name_en", "aliases", "note", "measure_zh", "measure_en", "contact", "former_names"})


@dataclass(frozen=True)
class Register:
    """Both registers, checked, with lookups by code; `plan` and `targets` are the viewed plan's."""

    plan: Plan
    rules: StatusRules
    metrics: dict[str, Metric]
    indicators: dict[str, Indicator]
    targets: dict[str, Target]
    units: dict[str, Unit]
    sources: tuple[str, str] = ("targets.yaml", "units.yaml")
    children: dict[str, list[str]] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    plan_targets: dict[str, dict[str, Target]] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()

    # --- plans ----------------------------------------------------------------------------------------

    def for_plan(self, code: str) -> Register:
        """The register viewing one plan (its targets, checkpoints, span)."""
        if code == self.plan.code and self.targets is self.plan_targets.get(code, self.targets):
            return self
        return dataclasses.replace(self, plan=self.plans[code], targets=self.plan_targets[code])

    def plan_for(self, month: int) -> str:
        """The code of the plan whose span holds the absolute month, else the latest plan that started by then,
        else the first plan."""
        ordered = sorted(self.all_plans(), key=lambda p: p.first_month)
        holding = [p for p in ordered if p.holds(month)]
        if holding:
            return holding[-1].code
        started = [p for p in ordered if p.first_month <= month]
        return (started[-1] if started else ordered[0]).code

    def all_plans(self) -> list[Plan]:
        return list(self.plans.values()) or [self.plan]

    @property
    def first_month(self) -> int:
        """The first month of the first plan: values are accepted from here on."""
        return min(p.first_month for p in self.all_plans())

    @cached_property
    def all_targets(self) -> dict[str, Target]:
        """Every plan's targets (codes are unique across plans)."""
        out: dict[str, Target] = {}
        for targets in self.plan_targets.values():
            out.update(targets)
        return out or dict(self.targets)

    def plan_of_target(self, code: str) -> Plan:
        for plan_code, targets in self.plan_targets.items():
            if code in targets:
                return self.plans[plan_code]
        return self.plan

    # --- metrics, units, names ----------------------------------------------------------------------------
    consistency: tuple[ConsistencyRule, ...] = ()

    def metrics_for(self, unit_type: str) -> list[Metric]:
        """The count metrics a unit of this type is expected to report, in register order."""
        return [m for m in self.metrics.values() if unit_type in m.reported_by and m.kind == "count"]

    def reporting_units(self) -> list[Unit]:
        """Units whose type reports at least one metric."""
        types = {t for m in self.metrics.values() if m.kind == "count" for t in m.reported_by}
        return [u for u in self.units.values() if u.type in types]

    def names(self, lang: str) -> dict[str, str]:
        """Every code of the register (unit, target of any plan, indicator, metric) → its name in `lang`."""
        out: dict[str, str] = {}
        for table in (self.metrics, self.indicators, self.all_targets, self.units):
            out.update({code: item.name(lang) for code, item in table.items()})
        return out

    def indicator_of(self, target: Target) -> Indicator | None:
        """What the target is measured by (an indicator, or the total of a plain metric); None for a task."""
        return self.indicators.get(target.indicator) if target.indicator else None

    @cached_property
    def unit_order(self) -> dict[str, int]:
        """Unit code → its place in the register (a sorted table's ties keep this order)."""
        return {code: i for i, code in enumerate(self.units)}

    @cached_property
    def unit_types(self) -> dict[str, str]:
        """Unit code → its type."""
        return {u.code: u.type for u in self.units.values()}

    # --- the unit tree and lineage ----------------------------------------------------------------------

    @cached_property
    def predecessors(self) -> dict[str, list[str]]:
        """Successor → the units it continues (renamed, merged or split into it)."""
        out: dict[str, list[str]] = {}
        for u in self.units.values():
            for p in u.predecessors:
                if p.unit in self.units:
                    out.setdefault(u.code, []).append(p.unit)
        return out

    @cached_property
    def successors(self) -> dict[str, list[str]]:
        """Predecessor → the units that continue it."""
        out: dict[str, list[str]] = {}
        for successor, preds in self.predecessors.items():
            for p in preds:
                out.setdefault(p, []).append(successor)
        return out

    def share(self, predecessor: str, successor: str) -> float:
        """The part of a predecessor's figures that belongs to a successor (1 unless it was split)."""
        unit = self.units[successor]
        return next((p.share for p in unit.predecessors if p.unit == predecessor), 1.0)

    def descendants(self, code: str) -> list[str]:
        """The unit and everything below it: its children and the units it continues, and theirs."""
        out: list[str] = []
        seen: set[str] = set()  # a list's `in` made the district's 3,000 units 4.5 million comparisons
        todo = [code]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            out.append(node)
            todo.extend(self.children.get(node, []))
            todo.extend(self.predecessors.get(node, []))
        return out

    def ancestors(self, code: str) -> list[str]:
        """The units above this one, nearest first: its parent chain and the units that continue it (with
        theirs)."""
        return [a for a, _ in self.ancestor_depths(code)]

    def ancestor_depths(self, code: str) -> list[tuple[str, int]]:
        """(ancestor, depth) pairs, depth 1 for the nearest: what the unit_tree table holds."""
        out: dict[str, int] = {}
        frontier, depth = [code], 0
        while frontier:
            depth += 1
            nxt: list[str] = []
            for node in frontier:
                ups = [*self.successors.get(node, [])]
                parent = self.units[node].parent if node in self.units else None
                if parent is not None and parent in self.units:
                    ups.append(parent)
                for up in ups:
                    if up != code and up not in out:
                        out[up] = depth
                        nxt.append(up)
            frontier = nxt
        return list(out.items())

    # --- rules --------------------------------------------------------------------------------------

    def rule(self, code: str, month: int | None = None) -> TargetRule:
        """The rule of the target's kind (`tracker.register.rules`), as adjusted at the absolute month when given
        (a mid-term adjustment changes the threshold or deadline from its effective month on)."""
        target = self.all_targets[code]
        if month is None or not target.adjustments:
            return self._rules[code]
        return rule_for(target.in_force(month))

    @cached_property
    def _rules(self) -> dict[str, TargetRule]:
        return {code: rule_for(t) for code, t in self.all_targets.items()}

    # --- identity ------------------------------------------------------------------------------------

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of both registers' content (every plan): changes whenever a planner's edit changes anything."""
        return hashlib.sha256(json.dumps(self.content(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    @cached_property
    def summary_fingerprint(self) -> str:
        """SHA-256 of what the figures kept ready are made of: the metrics, the indicators and the units (codes,
        types, tree, lineage), their names, aliases, notes and contacts left out. An edit to a plan, a target, a
        clause, the status rules or a name leaves it, so a city's kept figures (minutes to make) are not remade for
        a translation; `tracker.engine.summary` keys the kept figures by it."""
        kept = {name: [{k: v for k, v in x.model_dump(mode="json").items() if k not in SHOWN_ONLY}
                       for x in getattr(self, name).values()] for name in ("metrics", "indicators", "units")}
        return hashlib.sha256(json.dumps(kept, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def content(self) -> dict[str, object]:
        """Both registers as plain data (every plan with its targets, the consistency rules): what a register
        version records."""
        plans = [{**p.model_dump(mode="json", exclude={"targets"} | (set() if p.issuer_en else {"issuer_en"})),
                  "targets": [t.model_dump(mode="json", exclude=set() if t.clause_en else {"clause_en"})
                              for t in self.plan_targets.get(p.code, {}).values()]}  # no translation: the
                 # fingerprint it had before translations existed (a database's kept figures are not remade for it)
                 for p in self.all_plans()]
        content: dict[str, object] = {
            "plans": plans, "rules": self.rules.model_dump(mode="json"),
            **{name: [x.model_dump(mode="json") for x in getattr(self, name).values()]
               for name in ("metrics", "indicators", "units")}}
        if self.consistency:  # a register without rules keeps the fingerprint it had before rules existed
            content["consistency"] = [r.model_dump(mode="json") for r in self.consistency]
        return content
