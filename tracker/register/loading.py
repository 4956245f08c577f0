"""Reading both register files: parsed, checked, and every problem reported with its line and column."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tracker.core.errors import Problem, RegisterError
from tracker.core.i18n import Ref
from tracker.register.checks import check_targets, check_units
from tracker.register.clauses import clause_warnings
from tracker.register.model import Register
from tracker.register.schema import Indicator, Plan, Target, TargetsFile
from tracker.register.unit_schema import Unit, UnitsFile
from tracker.register.yamlsource import load_located, position


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
    except (UnicodeDecodeError, OSError) as exc:  # not UTF-8, a folder, no permission: said, never a traceback
        raise RegisterError("register.invalid", [Problem(str(path), "register.unreadable",
                                                         {"detail": str(exc)[:200]})]) from None


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
    indicators = {i.code: i for i in tf.indicators}
    plans: dict[str, Plan] = {}
    plan_targets: dict[str, dict[str, Target]] = {}
    for _path, plan, plan_list in tf.all_plans():
        targets: dict[str, Target] = {}
        for t in plan_list:
            if t.metric is not None:  # a plain metric: measured by the total of that metric
                indicators.setdefault(t.metric, _total_of(tf, t.metric))
                t = t.model_copy(update={"indicator": t.metric})
            targets[t.code] = t
        plans[plan.code], plan_targets[plan.code] = plan.model_copy(update={"targets": []}), targets
    latest = max(plans.values(), key=lambda p: p.first_month)
    register = Register(
        plan=latest, rules=tf.status_rules,
        metrics={m.code: m for m in tf.metrics}, indicators=indicators,
        targets=plan_targets[latest.code], units={u.code: u for u in uf.units},
        sources=(str(targets_path), str(units_path)), children=children,
        plans=plans, plan_targets=plan_targets, consistency=tuple(tf.consistency),
        warnings=tuple(clause_warnings(str(targets_path), tdata, tf)),
    )
    return register, []


def _total_of(tf: TargetsFile, code: str) -> Indicator:
    """The indicator a plain-metric target is measured by: the metric's total over the window."""
    m = next(x for x in tf.metrics if x.code == code)
    return Indicator(code=m.code, name_zh=m.name_zh, name_en=m.name_en, numerator=m.code, factor=1, unit=m.unit,
                     bounded=False)


def load_register(targets_path: Path, units_path: Path) -> Register:
    """The checked register, or RegisterError listing every problem."""
    register, problems = validate_registers(targets_path, units_path)
    if register is None:
        raise RegisterError("register.invalid", problems)
    return register


def summary_params(register: Register) -> dict[str, object]:
    """Counts for the one-line summary."""
    return {"plans": len(register.all_plans()), "targets": len(register.all_targets),
            "indicators": len(register.indicators),
            "metrics": len(register.metrics), "units": len(register.units)}

