from pathlib import Path

import pytest

from tracker.importer.matching import Column, Matcher
from tracker.register import Register, load_register

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def matcher(register: Register) -> Matcher:
    return Matcher(register)


@pytest.mark.parametrize(
    ("written", "code"),
    [("street_nanhuaxi", "street_nanhuaxi"), ("南华西街政务服务中心", "street_nanhuaxi"), ("南华西街", "street_nanhuaxi"),
     ("南華西街道", "street_nanhuaxi"), ("区市场监管局", "dept_market"), ("區市場監管局(注冊登記大廳、食藥監)", "dept_market"),
     ("区市场监督管理局（注册登记大厅）", "dept_market"), (" 琶洲政务客厅 ", "pazhou_branch"), ("Haizhu District", "haizhu")],
)
def test_units_by_code_name_alias_traditional_and_qualifier(matcher: Matcher, written: str, code: str) -> None:
    assert matcher.unit(written) == (code, [])


def test_unknown_unit(matcher: Matcher) -> None:
    assert matcher.unit("不存在的局") == (None, [])


def test_qualifier_decides_between_two_units_of_one_bureau() -> None:
    reg = load_register(ROOT / "targets.yaml", ROOT / "examples" / "panyu_units.yaml")
    m = Matcher(reg)
    assert m.unit("市規劃和自然資源局番禺區分局(國土房管)") == ("py_planning_land", [])
    assert m.unit("市規劃和自然資源局番禺區分局(規劃)") == ("py_planning", [])
    assert m.unit("市规划和自然资源局番禺区分局") == (None, ["py_planning", "py_planning_land"])


@pytest.mark.parametrize(
    ("header", "column"),
    [("单位", Column("unit")), ("單位名稱", Column("unit")), ("期間", Column("period")), ("月份", Column("period")),
     ("指标", Column("metric_name")), ("数值", Column("value")), ("备注", Column("note")),
     ("受理量", Column("metric", "accepted")), ("受理量(件)", Column("metric", "accepted")),
     ("受理量（万件）", Column("metric", "accepted", wan=True)), ("辦結量(件)", Column("metric", "completed")),
     ("accepted", Column("metric", "accepted")), ("Cases completed", Column("metric", "completed")),
     ("按時辦結率(%)", Column("rate", "on_time_rate")), ("群眾評價滿意率(%)", Column("rate", "satisfaction_rate")),
     ("群眾評價抽查得分(%)", Column("metric", "spot_check_score")), ("序號", Column("ignore"))],
)
def test_headers(matcher: Matcher, header: str, column: Column) -> None:
    assert matcher.column(header) == column
