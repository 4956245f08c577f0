"""The figures' one query: on PostgreSQL planned without nested loops, the session's setting left as it was."""

from __future__ import annotations

from sqlalchemy import Engine, text

from tracker.core.periods import parse_period
from tracker.engine.query import metric_item, unit_figures
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register
from tracker.storage.values import append_revisions, new_submission, revision_row


def test_figures_are_the_same_on_both_databases_and_the_planner_setting_is_restored(
        any_engine: Engine, register: Register) -> None:
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sub = new_submission(session=s, user="王芳", file_name="f.xlsx", sha256="a" * 64)
        rows = [revision_row(unit="street_chigang", metric="accepted", period=parse_period(p), value=v,
                             submission_id=sub.id or 0) for p, v in (("2019-05", 100), ("2019-06", 40))]
        append_revisions(session=s, rows=rows)
        s.commit()
        m = parse_period("2019-06").end
        out = unit_figures(session=s, items=[metric_item(register.metrics["accepted"])],
                           units=["street_chigang"], start=m - 1, end=m)
        assert out["numerator"].tolist() == [140.0]  # 100 + 40, a flow summed over the two months
        if any_engine.dialect.name == "postgresql":
            assert s.execute(text("SHOW enable_nestloop")).scalar_one() == "on"
