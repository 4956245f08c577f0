"""The target register and the unit register: loading, checking, and lookups."""

from __future__ import annotations

import hashlib
import json
import typing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tracker.errors import Problem, RegisterError
from tracker.i18n import Ref
from tracker.register.checks import check_targets, check_units
from tracker.register.schema import (
    Indicator,
    Metric,
    Plan,
    StatusRules,
    Target,
    TargetsFile,
    Unit,
    UnitsFile,
)
from tracker.register.yamlsource import load_located, position

__all__ = ["Register", "load_register", "validate_registers", "Indicator", "Metric", "Target", "Unit"]


@dataclass(frozen=True)
class Register:
    """Both registers, checked, with lookups by code."""

    plan: Plan
    rules: StatusRules
    metrics: dict[str, Metric]
    indicators: dict[str, Indicator]
    targets: dict[str, Target]
    units: dict[str, Unit]
    sources: tuple[str, str] = ("targets.yaml", "units.yaml")
    children: dict[str, list[str]] = field(default_factory=dict)

    def metrics_for(self, unit_type: str) -> list[Metric]:
        """The count metrics a unit of this type is expected to report, in register order."""
        return [m for m in self.metrics.values() if unit_type in m.reported_by and m.kind == "count"]

    def reporting_units(self) -> list[Unit]:
        """Units whose type reports at least one metric."""
        types = {t for m in self.metrics.values() if m.kind == "count" for t in m.reported_by}
        return [u for u in self.units.values() if u.type in types]

    def names(self, lang: str) -> dict[str, str]:
        """Every code of the register (unit, target, indicator, metric) → its name in `lang`."""
        out: dict[str, str] = {}
        for table in (self.metrics, self.indicators, self.targets, self.units):
            out.update({code: item.name(lang) for code, item in table.items()})
        return out

    def descendants(self, code: str) -> list[str]:
        """The unit and everything below it in the tree."""
        out, todo = [], [code]
        while todo:
            node = todo.pop()
            out.append(node)
            todo.extend(self.children.get(node, []))
        return out

    def indicator_of(self, target: Target) -> Indicator | None:
        return self.indicators.get(target.indicator) if target.indicator else None

    def ancestors(self, code: str) -> list[str]:
        """The unit's parent, grandparent, … up to the root."""
        out, node = [], self.units[code].parent
        while node is not None and node in self.units and node not in out:
            out.append(node)
            node = self.units[node].parent
        return out

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of both registers' content: changes whenever a planner's edit changes anything."""
        content = {"plan": self.plan.model_dump(mode="json"), "rules": self.rules.model_dump(mode="json"),
                   **{name: [x.model_dump(mode="json") for x in getattr(self, name).values()]
                      for name in ("metrics", "indicators", "targets", "units")}}
        return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _schema_problems(file: str, data: Any, exc: ValidationError, top: type[BaseModel]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        line, col = position(data, loc)
        field_name = str(next((p for p in reversed(loc) if isinstance(p, str)), ""))
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = _allowed_fields(top, loc[:-1])
            problems.append(Problem(file, "register.unknown_field", {"field": loc[-1], "allowed": allowed}, line, col))
        elif kind == "missing":
            line, col = position(data, loc[:-1])
            problems.append(Problem(file, "register.missing_field", {"field": field_name}, line, col))
        elif kind == "literal_error":
            allowed = err.get("ctx", {}).get("expected", "")
            problems.append(Problem(file, "register.bad_choice",
                                    {"field": field_name, "value": err.get("input"), "allowed": allowed}, line, col))
        else:
            problems.append(Problem(file, "register.bad_value",
                                    {"field": field_name, "value": err.get("input"), "detail": _detail(err)}, line, col))
    return problems


# pydantic's error types, said in the reader's language (its own English text is never shown)
_DETAILS = {"float_parsing": "pyd.number", "float_type": "pyd.number", "int_parsing": "pyd.integer",
            "int_type": "pyd.integer", "int_from_float": "pyd.integer", "bool_parsing": "pyd.bool",
            "bool_type": "pyd.bool", "string_type": "pyd.text", "list_type": "pyd.list", "dict_type": "pyd.mapping",
            "model_type": "pyd.mapping", "model_attributes_type": "pyd.mapping", "date_parsing": "pyd.date",
            "date_type": "pyd.date", "date_from_datetime_parsing": "pyd.date", "date_from_datetime_inexact": "pyd.date",
            "string_pattern_mismatch": "pyd.month", "value_error": "pyd.date", "greater_than_equal": "pyd.ge",
            "greater_than": "pyd.gt", "less_than_equal": "pyd.le", "less_than": "pyd.lt"}


def _detail(err: Any) -> Ref:
    ctx = err.get("ctx") or {}
    limit = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
    return Ref(_DETAILS.get(err["type"], "pyd.invalid"), (("limit", limit),))


def _allowed_fields(top: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """The fields of the model found by following `loc` (keys and list indexes) down from `top`."""
    model = top
    for step in loc:
        if not isinstance(step, str) or step not in model.model_fields:
            continue
        annotation = model.model_fields[step].annotation
        inner = [a for a in (annotation, *typing.get_args(annotation))
                 if isinstance(a, type) and issubclass(a, BaseModel)]
        if inner:
            model = inner[0]
    return ", ".join(model.model_fields)


def _read(path: Path) -> tuple[str, str]:
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise RegisterError("register.invalid", [Problem(str(path), "error.file_missing", {"path": str(path)})]) from None


def _parse(path: Path, model: type[BaseModel]) -> tuple[Any, Any, list[Problem]]:
    text, file = _read(path)
    data, problems = load_located(text, file)
    if data is None:
        return None, None, problems
    try:
        return model.model_validate(data), data, problems
    except ValidationError as exc:
        return None, data, problems + _schema_problems(file, data, exc, model)


def validate_registers(targets_path: Path, units_path: Path) -> tuple[Register | None, list[Problem]]:
    """Check both files; return the register (None if invalid) and every problem found."""
    uf, udata, problems = _parse(units_path, UnitsFile)
    tf, tdata, tproblems = _parse(targets_path, TargetsFile)
    problems = tproblems + problems
    unit_codes = {u.code for u in uf.units} if uf else set()
    unit_types = {t for t in Unit.model_fields["type"].annotation.__args__}  # type: ignore[union-attr]
    if uf is not None:
        problems += check_units(str(units_path), udata, uf)
    if tf is not None:
        problems += check_targets(str(targets_path), tdata, tf, unit_codes, unit_types)
        for i, m in enumerate(tf.metrics):
            if m.kind == "rate" and m.aggregation != "avg":
                line, col = position(tdata, ("metrics", i, "aggregation"))
                problems.append(Problem(str(targets_path), "register.bad_choice",
                                        {"field": "aggregation", "value": m.aggregation, "allowed": "'avg'"},
                                        line, col))
    if problems or tf is None or uf is None:
        return None, problems
    children: dict[str, list[str]] = {}
    for u in uf.units:
        if u.parent:
            children.setdefault(u.parent, []).append(u.code)
    register = Register(
        plan=tf.plan, rules=tf.status_rules,
        metrics={m.code: m for m in tf.metrics}, indicators={i.code: i for i in tf.indicators},
        targets={t.code: t for t in tf.targets}, units={u.code: u for u in uf.units},
        sources=(str(targets_path), str(units_path)), children=children,
    )
    return register, []


def load_register(targets_path: Path, units_path: Path) -> Register:
    """The checked register, or RegisterError listing every problem."""
    register, problems = validate_registers(targets_path, units_path)
    if register is None:
        raise RegisterError("register.invalid", problems)
    return register


def summary_params(register: Register) -> dict[str, object]:
    """Counts for the one-line summary."""
    return {"targets": len(register.targets), "indicators": len(register.indicators),
            "metrics": len(register.metrics), "units": len(register.units)}

