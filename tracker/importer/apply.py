"""Preview what a file would change, then store it in one transaction with its submission record."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from sqlmodel import Session

from tracker.access.audit import record
from tracker.access.locks import locks
from tracker.access.roles import Actor
from tracker.core.clock import LOCAL_TZ
from tracker.core.errors import ImportRejected, Problem
from tracker.core.periods import Period, parse_period
from tracker.engine import summary
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
from tracker.importer.consistency import consistency_problems, rule_metrics
from tracker.importer.files import read_grid
from tracker.importer.layout import Candidate, RowReader, find_layout
from tracker.importer.matching import Matcher
from tracker.importer.rights import access_problems, lock_problems
from tracker.register import Register
from tracker.storage.values import (
    Stored,
    append_revisions,
    begin_write,
    bump_data_version,
    data_version,
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
    register: Register | None = field(default=None, repr=False)
    version: str = ""  # the database's data version the preview read (store.data_version)

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


def plan_import(*, session: Session, register: Register, actor: Actor, name: str, data: bytes,
                period: str | None = None, unit: str | None = None, today: dt.date | None = None,
                max_mb: float = 20) -> ImportPlan:
    """Check a file and work out what it would change; ImportRejected (nothing written, the rejection audited)
    on any error, including a unit the actor may not report for and a locked period."""
    try:
        plan = _plan(session, register, actor, name, data, period, unit, today, max_mb)
    except ImportRejected as exc:
        session.rollback()
        record(session, user=actor.name, action="import_rejected", subject=name, sha256=hashlib.sha256(data).hexdigest(),
               problems=len(exc.problems), first=exc.problems[0].text("zh") if exc.problems else "")
        raise
    return plan


def _plan(session: Session, register: Register, actor: Actor, name: str, data: bytes, period: str | None,
          unit: str | None, today: dt.date | None, max_mb: float) -> ImportPlan:
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
    errors = sorted(errors + rule_errors(name, cands, register, today) + access_problems(name, cands, actor, register)
                    + lock_problems(name, cands, locks(session)), key=lambda p: p.line or 0)
    cands = _dedupe(cands)
    if not cands:
        if errors:
            raise ImportRejected("import.rejected", errors)
        return ImportPlan(name, hashlib.sha256(data).hexdigest(), pd.DataFrame(columns=PLAN_COLUMNS),
                          register=register)
    units = sorted({c.unit for c in cands})
    metrics = sorted({c.metric for c in cands})
    first, last = months_of(c.period for c in cands)
    version = data_version(session=session)  # in the same read as the index below
    # the stored values of these periods, and of the other side of each bounded pair the file touches
    index = stored_index(session=session, units=units,
                         metrics=sorted(set(metrics) | partners(metrics, register) | rule_metrics(metrics, register)),
                         start=first, end=last)
    consistency = consistency_problems(name, cands, index, register)
    errors = sorted(errors + stored_bound_errors(name, cands, index, register)
                    + [p for p in consistency if p.severity == "error"], key=lambda p: p.line or 0)
    if errors:
        raise ImportRejected("import.rejected", errors)
    longest = max(c.period.months for c in cands)
    history = stored_history(session=session, units=units, metrics=metrics,
                             start=first - HISTORY_REPORTS * longest, end=last)
    warnings = (scope_warnings(name, cands, register) + carry_over_warnings(name, cands)
                + [p for p in consistency if p.severity == "warning"] + history_warnings(name, cands, history, register))
    plan = _diff(name, hashlib.sha256(data).hexdigest(), cands, index, warnings, register)
    plan.version = version
    return plan


def _diff(name: str, sha256: str, cands: list[Candidate], index: dict[tuple[str, str, str], Stored],
          warnings: list[Problem], register: Register) -> ImportPlan:
    rows, supersede = [], {}
    for c in cands:
        key = (c.unit, c.metric, c.period.code)
        old = index.get(key)
        if old is None:
            change = "new"
        elif c.value is None:
            change = "kept" if old[1] is not None else "unchanged"
        elif old[1] is not None and abs(old[1] - c.value) < 1e-9 and (not c.note or c.note == old[2]):
            change = "unchanged"  # the same value, and no new note (a blank note never erases one)
        else:
            change, supersede[key] = "changed", old[0]
        rows.append((c.unit, c.metric, c.period.code, c.row, c.column, None if old is None else old[1], c.value,
                     change, ",".join(c.flags) or None, c.note))
    return ImportPlan(name, sha256, pd.DataFrame(rows, columns=PLAN_COLUMNS), warnings, supersede, cands, register)


Finish = Callable[[Session, int, "ImportPlan"], None]


def record_unchanged(*, session: Session, plan: ImportPlan, actor: Actor) -> None:
    """Audit an import that had nothing to store (every value as stored): it was made, and found nothing new."""
    record(session, user=actor.name, action="import_unchanged", subject=plan.file, sha256=plan.sha256,
           unchanged=plan.count("unchanged") + plan.count("kept"))


def store_import(*, session: Session, plan: ImportPlan, actor: Actor, on_progress: Progress | None = None,
                 finish: Finish | None = None) -> int:
    """Store the new and changed values in one transaction; return the submission id (0 if nothing to store,
    audited as such). `finish(session, submission id, plan stored)` runs inside the transaction, before its
    commit (an import job marks itself done with what it stored).

    The write lock is taken first, then the rights, the locks and the diff are worked out again against what
    is stored now: a second import of the same values, stored while this one was previewed, is seen, and each
    key keeps exactly one current value (the database's unique index would refuse a second)."""
    if not plan.has_changes:
        record_unchanged(session=session, plan=plan, actor=actor)
        return 0
    assert plan.register is not None
    session.rollback()  # end the preview's read: what follows sees every import committed since
    try:
        begin_write(session)
        errors = access_problems(plan.file, plan.candidates, actor, plan.register) + lock_problems(
            plan.file, plan.candidates, locks(session))
        if errors:
            raise ImportRejected("import.rejected", errors)
        fresh = plan if data_version(session=session) == plan.version else _rediff(session, plan)
        if not fresh.has_changes:
            session.rollback()
            record_unchanged(session=session, plan=fresh, actor=actor)
            return 0
        sid = _write(session, fresh, actor, on_progress)
        record(session, user=actor.name, action="import_stored", subject=plan.file, sha256=plan.sha256,
               submission=sid, new=fresh.count("new"), changed=fresh.count("changed"), commit=False)
        bump_data_version(session=session)
        if finish is not None:
            finish(session, sid, fresh)
        session.commit()
    except ImportRejected as exc:
        session.rollback()
        record(session, user=actor.name, action="import_rejected", subject=plan.file, sha256=plan.sha256,
               problems=len(exc.problems), first=exc.problems[0].text("zh"))
        raise
    except BaseException:
        session.rollback()
        raise
    plan.rows, plan.supersede = fresh.rows, fresh.supersede  # what was stored, for the summary
    return sid


def _rediff(session: Session, plan: ImportPlan) -> ImportPlan:
    """Something was stored since the preview: the diff against what the keys hold now (inside the lock)."""
    assert plan.register is not None
    first, last = months_of(c.period for c in plan.candidates)
    index = stored_index(session=session, units=sorted({c.unit for c in plan.candidates}),
                         metrics=sorted({c.metric for c in plan.candidates}), start=first, end=last)
    return _diff(plan.file, plan.sha256, plan.candidates, index, plan.warnings, plan.register)


def _write(session: Session, plan: ImportPlan, actor: Actor, on_progress: Progress | None) -> int:
    todo = [c for c, change in zip(plan.candidates, plan.rows["change"], strict=True) if change in ("new", "changed")]
    sub = new_submission(session=session, user=actor.name, file_name=plan.file, sha256=plan.sha256,
                         values_new=plan.count("new"), values_changed=plan.count("changed"))
    sid = sub.id or 0
    append_revisions(session=session, rows=[], supersede=list(plan.supersede.values()), keeps_summary=True)
    for i in range(0, len(todo), CHUNK):
        chunk = todo[i:i + CHUNK]
        append_revisions(session=session, rows=[
            revision_row(unit=c.unit, metric=c.metric, period=c.period, value=c.value, submission_id=sid,
                         note=c.note, flags=",".join(c.flags) or None) for c in chunk], keeps_summary=True)
        if on_progress is not None:
            on_progress(min(i + CHUNK, len(todo)), len(todo))
    assert plan.register is not None
    summary.refresh(session=session, register=plan.register, units={c.unit for c in todo},
                    ends={c.period.end for c in todo})  # the figures kept ready, in the same transaction
    return sid
