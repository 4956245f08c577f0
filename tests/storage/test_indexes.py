"""The partial indexes on current values are the ones SQLite actually uses for the queries the tracker writes."""

from __future__ import annotations

from sqlalchemy import Engine, event, func, select
from sqlmodel import col

from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.models import ValueRevision
from tracker.storage.register_tables import sync_register
from tracker.storage.values import (
    append_revisions,
    new_submission,
    recent_submissions,
    revision_row,
)


def _plan(engine: Engine, stmt: object) -> str:
    with session(engine) as s:
        conn = s.connection()
        sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]
        return " | ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


def test_latest_month_is_read_from_the_current_end_index(engine: Engine) -> None:
    # the query latest_period_end runs on every page: SQLAlchemy writes `is_current = 1` on SQLite, which only
    # an index whose condition says `is_current = 1` serves (`WHERE is_current` would leave a full scan)
    stmt = select(func.max(col(ValueRevision.period_end))).where(col(ValueRevision.is_current))
    assert "is_current = 1" in str(stmt.compile(engine))
    plan = _plan(engine, stmt)
    assert "ix_value_current_end" in plan, plan
    assert "SCAN value_revision" not in plan.replace("COVERING INDEX", ""), plan


def test_one_current_value_index_is_usable_by_the_queries_sqlalchemy_writes(engine: Engine) -> None:
    # INDEXED BY fails ("no query solution") when the index's condition is not implied by the query's WHERE,
    # which was the case while the index said `WHERE is_current`
    with session(engine) as s:
        plan = s.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT value FROM value_revision INDEXED BY ux_value_one_current "
            "WHERE is_current = 1 AND unit_code = 'street_chigang' AND metric_code = 'accepted' "
            "AND period = '2019-06'").all()
    assert "ux_value_one_current" in str(plan[0][-1])


def test_the_revision_history_reads_only_the_newest_submissions_values(engine: Engine, register: Register) -> None:
    # 修订记录 on every view: the newest submissions by the time index, their values by the submission index;
    # it once joined and grouped every stored value (seconds at city scale)
    statements: list[tuple[str, object]] = []

    def seen(_conn: object, _cursor: object, sql: str, params: object, _context: object, _many: bool) -> None:
        statements.append((sql, params))

    with session(engine) as s:
        sync_register(session=s, register=register)
        sub = new_submission(session=s, user="王芳", file_name="六月.xlsx", sha256="a" * 64)
        append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted",
                                                       period=parse_period("2019-06"), value=1,
                                                       submission_id=sub.id or 0)])
        s.commit()
        conn = s.connection()
        event.listen(conn, "before_cursor_execute", seen)
        for unit in (None, "street_chigang"):
            assert len(recent_submissions(session=s, unit=unit)) == 1
        event.remove(conn, "before_cursor_execute", seen)
        plans = [" | ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all())
                 for sql, params in statements]  # type: ignore[arg-type]
    assert len(plans) == 4 and all("SCAN value_revision" not in p for p in plans), plans
    assert sum("ix_value_submission" in p for p in plans) >= 2, plans  # the counts: by submission, never a scan


def test_the_first_received_times_of_a_window_are_read_as_one_range_of_the_table(engine: Engine) -> None:
    # 报送情况 and the documents read a window's periods: kept in key order (WITHOUT ROWID), SQLite reads them
    # from the table itself, not an index entry and a row lookup each (4.0 s → 1.8 s for 1 M keys)
    from tracker.engine.completeness import received_query

    plan = _plan(engine, received_query([parse_period("2026-01"), parse_period("2026-02")], ["accepted"]))
    assert "USING PRIMARY KEY (period=?)" in plan, plan
