"""What changed between two register contents (`Register.content()`): plans and targets added or removed,
thresholds, deadlines, comparisons and adjustments changed, units added, removed or renamed, metrics and
indicators added or removed. Plain data; `tracker.wording.register_changes` says each in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

TARGET_FIELDS = ("threshold", "deadline", "comparison", "maintain", "change", "indicator", "metric", "baseline",
                 "milestones", "completed_on", "clause", "clause_en")


@dataclass(frozen=True)
class RegisterChange:
    """One change: its kind, the code it concerns (a plan, target, unit, metric or indicator), the plan of a
    target, and the old and new value (as stored in the register, None when added or removed)."""

    kind: str
    code: str
    plan: str | None = None
    old: Any = None
    new: Any = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _by_code(items: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {str(x["code"]): x for x in items}


def _targets(content: Mapping[str, Any]) -> dict[str, tuple[str, Mapping[str, Any]]]:
    return {str(t["code"]): (str(p["code"]), t) for p in content.get("plans", []) for t in p.get("targets", [])}


def _added_removed(kind: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[RegisterChange]:
    out = [RegisterChange(f"{kind}_added", code) for code in new if code not in old]
    return out + [RegisterChange(f"{kind}_removed", code) for code in old if code not in new]


def changes_between(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[RegisterChange]:
    """Every change from `old` to `new` (everything is new when there is no old content)."""
    old = old or {}
    plans_old, plans_new = _by_code(old.get("plans", [])), _by_code(new.get("plans", []))
    out = _added_removed("plan", plans_old, plans_new)
    t_old, t_new = _targets(old), _targets(new)
    out += [RegisterChange("target_added", c, t_new[c][0]) for c in t_new if c not in t_old]
    out += [RegisterChange("target_removed", c, t_old[c][0]) for c in t_old if c not in t_new]
    for code, (plan, t) in t_new.items():
        if code not in t_old:
            continue
        before = t_old[code][1]
        for name in TARGET_FIELDS:
            if before.get(name) != t.get(name):
                out.append(RegisterChange(f"target_{name}", code, plan, before.get(name), t.get(name)))
        if len(t.get("adjustments") or []) > len(before.get("adjustments") or []):
            for adj in (t.get("adjustments") or [])[len(before.get("adjustments") or []):]:
                out.append(RegisterChange("target_adjusted", code, plan, None, adj))
    units_old, units_new = _by_code(old.get("units", [])), _by_code(new.get("units", []))
    out += _added_removed("unit", units_old, units_new)
    for code, u in units_new.items():
        if code in units_old and units_old[code].get("name_zh") != u.get("name_zh"):
            out.append(RegisterChange("unit_renamed", code, None, units_old[code].get("name_zh"), u.get("name_zh")))
    out += _added_removed("metric", _by_code(old.get("metrics", [])), _by_code(new.get("metrics", [])))
    out += _added_removed("indicator", _by_code(old.get("indicators", [])), _by_code(new.get("indicators", [])))
    return out
