"""The pages' charts (webapp/charts.py): made once per view and language, then drawn from the cache — a warm rerun
of 目标详情 or 单位 builds no chart; another language is drawn with its own words."""

from __future__ import annotations

import json

import pytest

from tests.webapp.test_pages import open_page
from tests.webapp.test_upload_page import signed_in


def _count(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import webapp.charts

    built: list[str] = []
    for name in ("target_chart", "unit_bar_chart", "legend_chart"):
        real = getattr(webapp.charts, name)

        def counted(*args: object, _real: object = real, _name: str = name, **kwargs: object) -> object:
            built.append(_name)
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(webapp.charts, name, counted)
    return built


def _titles(at: object) -> list[list[str]]:  # each title's lines
    return [json.loads(c.proto.spec).get("title", {}).get("text", "") for c in at.get("vega_lite_chart")]  # type: ignore[attr-defined]


def test_a_warm_target_detail_draws_its_charts_from_the_cache(copy_url: str,  # noqa: F811
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    built = _count(monkeypatch)
    at = open_page(signed_in("planner"), "target_detail")
    at.selectbox(key="detail_target").set_value("zero_visit_share").run()
    titles = _titles(at)
    assert titles == [["零跑动事项占比：实际值、目标值与进度要求"], ["零跑动事项占比：各单位"]]
    before = len(built)
    at.run()
    assert _titles(at) == titles and len(built) == before  # the same two charts, none built again
    english = signed_in("planner")
    english.sidebar.radio(key="lang_choice").set_value("en").run()
    english = open_page(english, "target_detail")
    english.selectbox(key="detail_target").set_value("zero_visit_share").run()
    name = "Share of zero-visit items"  # the register's name_en; its own words, not the Chinese charts' cached
    assert _titles(english) == [[f"{name}:", "actual, target and expected pace"], [f"{name} by unit"]]


def test_a_warm_units_page_draws_its_legend_and_profile_from_the_cache(copy_url: str,  # noqa: F811
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    built = _count(monkeypatch)
    at = open_page(signed_in("planner"), "units")
    shown = len(at.get("vega_lite_chart"))
    assert shown == 2  # the legend and the profiled unit's trend
    before = len(built)
    at.run()
    assert len(at.get("vega_lite_chart")) == shown and len(built) == before
