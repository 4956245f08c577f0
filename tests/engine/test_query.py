"""The figures' one query: the same on both databases; built and compiled once per shape, each window's bounds
bound at each run; overlapping windows read once."""

from __future__ import annotations

from sqlalchemy import Engine

from tracker.core.periods import parse_period
from tracker.engine import query
from tracker.engine.query import metric_item, period_figures, unit_figures
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register
from tracker.storage.values import append_revisions, new_submission, revision_row


def test_figures_are_the_same_on_both_databases(
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


def test_a_compiled_query_is_reused_with_each_windows_own_bounds(any_engine: Engine, register: Register) -> None:
    """The statement is compiled once per items and units; each run binds its own window, and a stock's window
    gives its own last value. Hand-worked: accepted (a flow) 100, 40, 70 in 2019-04 … 2019-06."""
    flow = [metric_item(register.metrics["accepted"])]
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sub = new_submission(session=s, user="王芳", file_name="f.xlsx", sha256="b" * 64)
        append_revisions(session=s, rows=[
            revision_row(unit="street_chigang", metric="accepted", period=parse_period(p), value=v,
                         submission_id=sub.id or 0) for p, v in (("2019-04", 100), ("2019-05", 40), ("2019-06", 70))])
        s.commit()
        apr, may, jun = (parse_period(p).end for p in ("2019-04", "2019-05", "2019-06"))
        query._pairs_query.cache_clear()

        def total(start: int, end: int) -> list[float]:
            return unit_figures(session=s, items=flow, units=["street_chigang"], start=start, end=end)[
                "numerator"].tolist()

        assert total(apr, jun) == [210.0]  # 100 + 40 + 70
        assert total(may, may) == [40.0]
        assert total(jun, jun) == [70.0]
        assert total(apr, may) == [140.0]
        assert query._pairs_query.cache_info().misses == 1  # one build for the four windows
        series = period_figures(session=s, items=flow, units=["street_chigang"], start=may, end=jun)
        assert series[["end", "numerator"]].values.tolist() == [[may, 40.0], [jun, 70.0]]
        series = period_figures(session=s, items=flow, units=["street_chigang"], start=apr, end=apr)
        assert series[["end", "numerator"]].values.tolist() == [[apr, 100.0]]
        assert query._pairs_query.cache_info().misses == 2  # and one for the series' (flows of any period)


def test_overlapping_windows_read_their_pairs_once_and_each_counts_its_own(any_engine: Engine,
                                                                           register: Register) -> None:
    """Hand-worked: accepted (a flow) 100, 40, 70 in 2019-04 … 2019-06 and 999 for 2019-Q2 (a coarser period of
    the same unit, never added to its months); visitors (a flow) 300 for 2019-Q2 only. April–June: accepted
    100 + 40 + 70 = 210 (the months are the finest), visitors 300; May–June: accepted 40 + 70 = 110, no visitors
    (the quarter does not lie inside); June: accepted 70. Read once for the three windows."""
    flows = [metric_item(register.metrics["accepted"]), metric_item(register.metrics["visitors"])]
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sub = new_submission(session=s, user="王芳", file_name="f.xlsx", sha256="c" * 64)
        append_revisions(session=s, rows=[
            revision_row(unit="street_chigang", metric=m, period=parse_period(p), value=v, submission_id=sub.id or 0)
            for m, p, v in (("accepted", "2019-04", 100), ("accepted", "2019-05", 40), ("accepted", "2019-06", 70),
                            ("accepted", "2019-Q2", 999), ("visitors", "2019-Q2", 300))])
        s.commit()
        apr, may, jun = (parse_period(p).end for p in ("2019-04", "2019-05", "2019-06"))
        query._pairs_query.cache_clear()
        out = query.windows_figures(session=s, items=flows, units=["street_chigang"],
                                    windows=[(apr, jun), (may, jun), (jun, jun)])
        assert [dict(zip(f["key"], f["numerator"], strict=True)) for f in out] == [
            {"accepted": 210.0, "visitors": 300.0}, {"accepted": 110.0}, {"accepted": 70.0}]
        assert [f["periods"].tolist() for f in out] == [[3, 1], [2], [1]]
        calls = query._pairs_query.cache_info()
        assert calls.hits + calls.misses == 1  # one read for the three
        apart = query.windows_figures(session=s, items=flows, units=["street_chigang"],
                                      windows=[(apr, apr), (jun, jun)])
        assert [f["numerator"].tolist() for f in apart] == [[100.0], [70.0]]  # apart: each read alone
        calls = query._pairs_query.cache_info()
        assert calls.hits + calls.misses == 3
