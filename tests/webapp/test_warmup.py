"""The views visitors open first are computed when the data changes, before anyone asks (`webapp.warmup`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
import streamlit as st

from tests.helpers import csv_bytes
from tracker.access.roles import SYSTEM
from tracker.core.settings import Settings
from tracker.importer.apply import plan_import, store_import
from tracker.register import load_register
from tracker.storage.db import session
from webapp import charts, context, views, warmup


@pytest.fixture
def fresh_caches(copy_url: str) -> Iterator[str]:
    """Nothing cached from another test (copies of the demo share its data version)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield copy_url
    context.tracker().engine.dispose()
    st.cache_data.clear()
    st.cache_resource.clear()


def _empty_behind_the_apps_back(url: str) -> None:
    """Delete every value without moving the data version: a view computed after this finds nothing, a view
    computed before it is what the cache still serves."""
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    with con:
        for table in ("value_revision", "first_received", "figure_summary", "unit_pair", "unit_window"):
            con.execute(f"DELETE FROM {table}")
    con.close()


def _cards_with_values(plan: str, as_of: str) -> int:
    ov = views.overview_view(plan=plan, as_of=as_of, window="ytd")
    return sum(1 for c in ov.cards if c.row.value is not None)


def test_the_defaults_are_what_the_pages_open_with() -> None:
    s = Settings.from_env()
    reg = load_register(s.targets_path, s.units_path)
    assert warmup.defaults(reg, None) is None
    june_2018 = 2018 * 12 + 5
    d = warmup.defaults(reg, june_2018)
    assert d is not None
    assert (d.plan, d.as_of, d.window, d.period, d.period_plan) == ("13", "2018-06", "ytd", "2018-06", "13")
    assert d.scorecards == (tuple(reg.children["haizhu"]), tuple(reg.children["centre"]))
    assert [len(rows) for rows in d.scorecards] == [31, 24]
    after_the_last_plan = 2031 * 12 + 2  # 2031-03: the latest plan (15, to 2030-12) goes on being shown
    d = warmup.defaults(reg, after_the_last_plan)
    assert d is not None
    assert (d.plan, d.as_of, d.period, d.period_plan) == ("15", "2030-12", "2031-03", "15")


def test_the_overview_is_ready_before_anyone_opens_it(fresh_caches: str) -> None:
    key, warmed = warmup.warm_once(None)
    assert warmed and key == context.version()
    d = warmup.defaults(context.plan_register("15"), 2026 * 12 + 10)  # the demo's data ends in 2026-11
    assert d is not None and (d.plan, d.as_of) == ("15", "2026-11")
    _empty_behind_the_apps_back(fresh_caches)
    assert _cards_with_values(d.plan, d.as_of) > 0  # served from what the warming computed
    targets = views.progress_view(plan=d.plan, as_of=d.as_of, include_untargeted=False)  # 目标清单's
    assert any(r.value is not None for r in targets)
    assert views.completeness_view(plan=d.period_plan, period=d.period).received > 0  # so was 报送情况
    for rows in d.scorecards:  # and 单位, the district's units and the centre's
        card = views.scorecard_view(plan=d.plan, as_of=d.as_of, window="ytd", rows=list(rows))
        assert card.values.notna().to_numpy().any()
        profile = views.unit_profile_view(plan=d.plan, unit=rows[0], as_of=d.as_of, window="ytd")  # its first unit
        assert profile.rows and profile.trend is not None and not profile.trend.empty
        assert charts.profile_spec(plan=d.plan, unit=rows[0], as_of=d.as_of, window="ytd", lang="zh") is not None
    assert _cards_with_values(d.plan, "2026-10") == 0  # a month not warmed is computed now, from no values
    assert warmup.warm_once(key) == (key, False)  # the same data: nothing computed again


def test_a_stored_import_is_warmed_at_the_next_look(fresh_caches: str) -> None:
    first, _ = warmup.warm_once(None)
    t = context.tracker()
    with session(t.engine) as s:
        name = t.register.units["centre"].name_zh
        plan = plan_import(session=s, register=t.register, actor=SYSTEM, name="受理.csv",
                           data=csv_bytes([["单位", "期间", "受理量"], [name, "2026-11", 123456]]))
        store_import(session=s, plan=plan, actor=SYSTEM)
    second, warmed = warmup.warm_once(first)
    assert warmed and second != first and second == context.version()
    _empty_behind_the_apps_back(fresh_caches)
    assert _cards_with_values("15", "2026-11") > 0


def test_the_setting_turns_it_off() -> None:
    assert Settings.from_env({}).warm_views is True
    assert Settings.from_env({"TRACKER_WARM_VIEWS": "off"}).warm_views is False
    assert Settings.from_env({"TRACKER_WARM_VIEWS": "on"}).warm_views is True
