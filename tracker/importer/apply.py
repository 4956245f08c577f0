"""Preview what a file would change, then store it in one transaction with its submission record."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from sqlmodel import Session

from tracker.errors import ImportRejected, Problem
from tracker.importer.checks import (
    HISTORY_REPORTS,
    carry_over_warnings,
    history_warnings,
    months_of,
    partners,
    rule_errors,
    scope_warnings,
    stored_bound_errors,
)
from tracker.importer.files import read_grid
from tracker.importer.layout import Candidate, RowReader, find_layout
from tracker.importer.matching import Matcher
from tracker.periods import LOCAL_TZ, Period, parse_period
from tracker.register import Register
from tracker.store import (
    append_revisions,
    new_submission,
    revision_row,
    stored_history,
    stored_index,
)

Progress = Callable[[int, int], None]
CHUNK = 5_000
PLAN_COLUMNS = ["unit", "metric", "period", "row", "column", "old", "new", "change", "flags", "note"]


@dataclass
class ImportPlan:
    """What storing the file would do: one row per value, and the warnings."""

    file: str
    sha256: str
    rows: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    supersede: dict[tuple[str, str, str], int] = field(default_factory=dict, repr=False)
    candidates: list[Candidate] = field(default_factory=list, repr=False)

    def count(self, change: str) -> int:
        return int((self.rows["change"] == change).sum()) if not self.rows.empty else 0

    @property
    def has_changes(self) -> bool:
        return self.count("new") + self.count("changed") > 0

    def summary_params(self) -> dict[str, object]:
        return {"new": self.count("new"), "changed": self.count("changed"),
                "unchanged": self.count("unchanged") + self.count("kept"), "warnings": len(self.warnings),
                "file": self.file}


def _read(name: str, data: bytes, register: Register, matcher: Matcher, period: Period | None,
          unit: str | None, max_mb: float) -> tuple[list[Candidate], list[Problem]]:
    grid = read_grid(name, data, max_mb=max_mb)
    layout = find_layout(grid, matcher)
    if layout is None:
        raise ImportRejected("import.rejected", [Problem(name, "import.no_header", {})])
    reader = RowReader(grid, matcher, layout, period, unit)
    cands = reader.read()
    return cands, reader.problems


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for c in cands:
        key = (c.unit, c.metric, c.period.code)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def plan_import(*, session: Session, register: Register, name: str, data: bytes, period: str | None = None,
                unit: str | None = None, today: dt.date | None = None, max_mb: float = 20) -> ImportPlan:
    """Check a file and work out what it would change; ImportRejected (nothing written) on any error."""
    matcher = Matcher(register)
    unit_code = None
    if unit:
        unit_code, _ = matcher.unit(unit)
        if unit_code is None:
            raise ImportRejected("import.rejected", [Problem(name, "import.unknown_unit", {"value": unit})])
    chosen = parse_period(period) if period else None
    cands, errors = _read(name, data, register, matcher, chosen, unit_code, max_mb)
    today = today or dt.datetime.now(LOCAL_TZ).date()
    # every problem in one pass: those of the cells, then those of the values read (in row order)
    errors = sorted(errors + rule_errors(name, cands, register, today), key=lambda p: p.line or 0)
    cands = _dedupe(cands)
    if not cands:
        if errors:
            raise ImportRejected("import.rejected", errors)
        return ImportPlan(name, hashlib.sha256(data).hexdigest(), pd.DataFrame(columns=PLAN_COLUMNS))
    units = sorted({c.unit for c in cands})
    metrics = sorted({c.metric for c in cands})
    first, last = months_of(c.period for c in cands)
    # the stored values of these periods, and of the other side of each bounded pair the file touches
    index = stored_index(session=session, units=units, metrics=sorted(set(metrics) | partners(metrics, register)),
                         start=first, end=last)
    errors = sorted(errors + stored_bound_errors(name, cands, index, register), key=lambda p: p.line or 0)
    if errors:
        raise ImportRejected("import.rejected", errors)
    longest = max(c.period.months for c in cands)
    history = stored_history(session=session, units=units, metrics=metrics,
                             start=first - HISTORY_REPORTS * longest, end=last)
    warnings = (scope_warnings(name, cands, register) + carry_over_warnings(name, cands)
                + history_warnings(name, cands, history, register))
    return _diff(name, data, cands, index, warnings)


def _diff(name: str, data: bytes, cands: list[Candidate],
          index: dict[tuple[str, str, str], tuple[int, float | None]], warnings: list[Problem]) -> ImportPlan:
    rows, supersede = [], {}
    for c in cands:
        key = (c.unit, c.metric, c.period.code)
        old = index.get(key)
        if old is None:
            change = "new"
        elif c.value is None:
            change = "kept" if old[1] is not None else "unchanged"
        elif old[1] is not None and abs(old[1] - c.value) < 1e-9:
            change = "unchanged"
        else:
            change, supersede[key] = "changed", old[0]
        rows.append((c.unit, c.metric, c.period.code, c.row, c.column, None if old is None else old[1], c.value,
                     change, ",".join(c.flags) or None, c.note))
    plan = ImportPlan(name, hashlib.sha256(data).hexdigest(), pd.DataFrame(rows, columns=PLAN_COLUMNS),
                      warnings, supersede, cands)
    return plan


def store_import(*, session: Session, plan: ImportPlan, user: str, on_progress: Progress | None = None) -> int:
    """Store the new and changed values in one transaction; return the submission id (0 if nothing to store)."""
    if not plan.has_changes:
        return 0
    todo = [c for c, change in zip(plan.candidates, plan.rows["change"], strict=True)
            if change in ("new", "changed")]
    try:
        sub = new_submission(session=session, user=user, file_name=plan.file, sha256=plan.sha256,
                             values_new=plan.count("new"), values_changed=plan.count("changed"))
        sid = sub.id or 0
        supersede = list(plan.supersede.values())
        append_revisions(session=session, rows=[], supersede=supersede)
        for i in range(0, len(todo), CHUNK):
            chunk = todo[i:i + CHUNK]
            append_revisions(session=session, rows=[
                revision_row(unit=c.unit, metric=c.metric, period=c.period, value=c.value, submission_id=sid,
                             note=c.note, flags=",".join(c.flags) or None) for c in chunk])
            if on_progress is not None:
                on_progress(min(i + CHUNK, len(todo)), len(todo))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return sid


