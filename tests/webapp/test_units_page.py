"""单位 (issue 17, finding 7): the legend shows the cells' colours, the column sorted by stays in view, names are
not cut, and a unit alone of its type is not "ranked 1st of 1"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import tracker.wording.scorecard as wording
from tests.webapp.test_pages import open_page
from tests.webapp.test_upload_page import signed_in
from tracker.register import load_register
from tracker.wording.scorecard import CELL_COLOURS, legend_chart, text_width

ROOT = Path(__file__).resolve().parents[2]


def test_the_legend_shows_each_status_with_its_cell_colour(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("planner"), "units")
    shown = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert shown["layer"][0]["mark"]["type"] == "square"  # the legend is on the page, above the table
    spec = legend_chart("zh").to_dict()
    [rows] = list(spec["datasets"].values())
    assert [(r["label"], r["colour"]) for r in rows] == [
        ("已达标", CELL_COLOURS["met"]), ("正常推进", CELL_COLOURS["on_track"]), ("有风险", CELL_COLOURS["at_risk"]),
        ("滞后", CELL_COLOURS["off_track"]), ("无数据", CELL_COLOURS["no_data"])]


def test_sorting_by_a_target_keeps_its_column_first_and_pinned(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("planner"), "units")
    at.selectbox(key="units_focus").set_value("online_completion_rate").run()
    at.radio[-1].set_value(True).run()  # bottom N
    table = at.dataframe[0].value
    assert list(table.columns)[0] == "网上办结率"
    values = [float(v.split("%")[0]) for v in table["网上办结率"]]
    assert values == sorted(values) and len(values) == 5  # the 5 lowest, lowest first
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["网上办结率"]["pinned"] is True
    assert "按“网上办结率”排序，该列固定在最左侧" in [c.value for c in at.caption]


def test_no_name_is_cut(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("planner"), "units")
    table = at.dataframe[0].value
    config = json.loads(at.dataframe[0].proto.columns)
    longest = max(table.index, key=text_width)
    assert config["_index"]["width"] >= text_width(longest) + 24
    for column in table.columns:
        assert config[column]["width"] >= text_width(column) + 24  # 行政许可事项网上全流程办理率 in full


def test_a_unit_alone_of_its_type_is_not_ranked(copy_url: str) -> None:  # noqa: F811
    at: AppTest = open_page(signed_in("planner"), "units")
    at.selectbox(key="units_pick").set_value("centre").run()  # the only district centre
    ranks = at.dataframe[1].value["同类排名"].tolist()
    assert "在同类 1 个单位中排第 1" not in ranks
    assert set(ranks) <= {"同类仅此一个单位，不排名", "—"}


def test_a_long_scorecard_is_shown_a_page_at_a_time(copy_url: str,  # noqa: F811
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """海珠区 has 31 units under it; ten a page makes four pages, the last holding the 31st alone."""
    at = open_page(signed_in("planner"), "units")
    assert not [n for n in at.number_input if str(n.key).startswith("units_page")]  # 31 rows: one page at 200
    reg = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    names = [reg.units[u].name("zh") for u in reg.children["haizhu"]]
    assert len(names) == 31
    monkeypatch.setattr(wording, "PAGE_ROWS", 10)
    at.run()
    assert list(at.dataframe[0].value.index) == names[:10]
    captions = [c.value for c in at.caption]
    assert "第 1–10 个单位，共 31 个" in captions
    assert any("只排本页" in c and "“按目标筛选前/后 N 名”" in c for c in captions)  # the picker named as labelled
    at.number_input(key="units_page_haizhu_None_None_0_False").set_value(4).run()
    assert list(at.dataframe[0].value.index) == names[30:]
    assert "第 31 个单位，共 31 个" in [c.value for c in at.caption]
    assert len(at.selectbox(key="units_pick").options) == 31  # every unit can still be profiled
