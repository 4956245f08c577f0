"""The register's cross-metric consistency rules at import (targets.yaml `consistency:`): for each unit and period
the file touches, Σ left op Σ right over the file's values and, for a metric the file does not give, the stored
one. An `error` rule rejects the file; a `warning` rule accepts it with the values flagged `inconsistent`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from tracker.core.errors import Problem
from tracker.core.i18n import Named, Ref, named
from tracker.importer.cells import as_written
from tracker.importer.layout import Candidate
from tracker.register import Register
from tracker.register.schema import ConsistencyRule

Stored = Mapping[tuple[str, str, str], tuple[int, float | None, str | None]]
FLAG = "inconsistent"


def replaced_pairs(register: Register) -> set[tuple[str, str]]:
    """(numerator, denominator) pairs a one-to-one `<=` rule decides instead of the bounded indicator's check."""
    return {(r.lefts[0], r.rights[0]) for r in register.consistency
            if r.op == "<=" and len(r.lefts) == 1 and len(r.rights) == 1}


def rule_metrics(metrics: Iterable[str], register: Register) -> set[str]:
    """Every metric of each rule that reads one of these (what must be read from the stored values)."""
    given = set(metrics)
    return {m for r in register.consistency if given & set(r.metrics) for m in r.metrics}


def _cells(cands: Iterable[Candidate]) -> dict[tuple[str, str], dict[str, Candidate]]:
    out: dict[tuple[str, str], dict[str, Candidate]] = defaultdict(dict)
    for c in cands:
        if c.value is not None:
            out[(c.unit, c.period.code)].setdefault(c.metric, c)
    return out


def _side(codes: list[str], given: dict[str, Candidate], stored: Stored, unit: str,
          period: str) -> float | None:
    """Σ of the side's metrics (the file's value, else the stored one); None when any is missing."""
    total = 0.0
    for code in codes:
        if code in given:
            total += given[code].value or 0.0
            continue
        kept = stored.get((unit, code, period))
        if kept is None or kept[1] is None:
            return None
        total += kept[1]
    return total


def _sum_of(codes: list[str], register: Register) -> Named:
    metrics = [register.metrics[c] for c in codes]
    return Named(" + ".join(m.name_zh for m in metrics), " + ".join(m.name_en for m in metrics))


def _holds(rule: ConsistencyRule, left: float, right: float) -> bool:
    return left <= right + 1e-9 if rule.op == "<=" else abs(left - right) <= 1e-9


def _said(rule: ConsistencyRule, given: dict[str, Candidate], register: Register, left: float,
          right: float) -> tuple[str, dict[str, object]]:
    """The message of a broken rule: a one-to-one error rule in the words of a bounded pair (which side was
    stored, when one was), any other with the rule's name."""
    if rule.severity == "error" and rule.op == "<=" and len(rule.lefts) == len(rule.rights) == 1:
        num, den = rule.lefts[0], rule.rights[0]
        key = ("import.numerator_exceeds" if num in given and den in given
               else "import.denominator_stored" if num in given else "import.numerator_stored")
        return key, {"numerator": named(register.metrics[num]), "num": f"{left:g}",
                     "denominator": named(register.metrics[den]), "den": f"{right:g}"}
    return "import.warn_inconsistent" if rule.severity == "warning" else "import.inconsistent", {
        "rule": named(rule), "left": _sum_of(rule.lefts, register), "left_value": f"{left:,.0f}",
        "relation": Ref("consistency.exceeds" if rule.op == "<=" else "consistency.differs"),
        "right": _sum_of(rule.rights, register), "right_value": f"{right:,.0f}"}


def consistency_problems(file: str, cands: list[Candidate], stored: Stored, register: Register) -> list[Problem]:
    """Every rule broken by the file's values (alone or with the stored ones): errors and warnings, each at the
    first of the file's cells the rule reads; a warning's values flagged."""
    out = []
    for (unit, period), given in _cells(cands).items():
        for rule in register.consistency:
            if not given.keys() & set(rule.metrics):
                continue
            left = _side(rule.lefts, given, stored, unit, period)
            right = _side(rule.rights, given, stored, unit, period)
            if left is None or right is None or _holds(rule, left, right):
                continue
            at = next(given[m] for m in rule.metrics if m in given)
            warning = rule.severity == "warning"
            if warning:
                for m in rule.metrics:
                    if m in given and FLAG not in given[m].flags:
                        given[m].flags.append(FLAG)
            key, params = _said(rule, given, register, left, right)
            out.append(Problem(file, key, {**params, "unit": named(register.units[unit]), "period": period},
                               at.row, at.column, as_written(at.raw), "warning" if warning else "error"))
    return out
