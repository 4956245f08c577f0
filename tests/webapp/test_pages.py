"""Every page on the demo with AppTest: what the user sees, and at least one figure against the engine's."""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as, unescaped
from tracker.engine.cards import ordered
from tracker.engine.progress import progress_rows
from tracker.engine.views import overview, target_detail
from tracker.importer import jobs
from tracker.register import Register
from tracker.wording.cards import card_text

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # evaluation_rate, street_chigang …: never shown to a reader


@pytest.fixture
def app(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", demo_url)
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    at.run()
    assert not at.exception
    yield at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> list[str]:
    """Everything written on the page (titles, markdown, captions, metrics, tables)."""
    out = [x.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "success", "error")
           for x in getattr(at, kind)]
    out += [f"{m.label} {m.value}" for m in at.metric]
    for df in at.dataframe:
        value = df.value
        frame = value.data if hasattr(value, "data") else value
        out += [str(c) for c in frame.columns] + [str(i) for i in frame.index] + frame.astype(str).values.ravel().tolist()
    return out


def no_codes(at: AppTest) -> list[str]:
    return sorted({c for text in texts(at) for c in CODE.findall(text)})


# --- overview ------------------------------------------------------------------------------------------

def test_overview_at_mid_term_puts_what_is_behind_first(app: AppTest, demo_db: Session, register: Register) -> None:
    at = app
    at.selectbox(key="as_of").set_value("2018-06").run()
    assert at.title[0].value == "规划目标总览"
    # the demo's story (tests/test_demo.py): two targets off track, the yearly catalogue has no data yet
    assert {m.label: m.value for m in at.metric} == {"已达标": "3", "正常推进": "9", "滞后": "2", "无数据": "1",
                                                    "未到期": "1"}
    names = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert names[:3] == ["网上办结率", "零跑动事项占比", "部门事项目录化动态管理"]  # off track, off track, no data
    assert names[-1] == "基层政务公开标准化规范化试点"                              # not due: last
    engine = ordered(overview(session=demo_db, register=register, as_of="2018-06").cards)
    assert names == [card_text(c, register, "zh").name for c in engine]
    first = card_text(engine[0], register, "zh")
    v = engine[0].row.value
    assert v is not None and f"### {v:.2f}%" in [m.value for m in at.markdown]
    assert first.distances == f"距目标差 {85 - v:.2f} 个百分点；低于进度要求 {60 - v:.2f} 个百分点"
    assert first.distances in [m.value for m in at.markdown]
    assert first.units.startswith("差距主要来自：") and first.units.count("（差 ") == 3
    assert first.units in [c.value for c in at.caption]
    assert f"网上办结率 {v:.2f}%，" in first.sentence  # the card and its sentence print the same decimals
    assert no_codes(at) == []


def test_the_toggle_restores_register_order(app: AppTest, register: Register) -> None:
    app.selectbox(key="as_of").set_value("2018-06").run()
    app.toggle(key="ov_urgent").set_value(False).run()
    names = [m.value.split("**")[1] for m in app.markdown if m.value.startswith("**")]
    assert names == [t.name_zh for t in register.targets.values()]


def test_a_met_target_still_names_the_units_below_it(app: AppTest) -> None:
    at = app  # 2020-12, the plan's end: every numeric target met, the two lagging streets still below 70%
    assert {m.label: m.value for m in at.metric} == {"已达标": "15", "已逾期": "1"}
    below = [c.value for c in at.caption if c.value.startswith("低于目标的单位：")]
    assert below[0].startswith("低于目标的单位：南石头街政务服务中心（") or below[0].startswith("低于目标的单位：华洲街政务服务中心（")
    assert "南石头街政务服务中心" in below[0] and "华洲街政务服务中心" in below[0] and "等" not in below[0]


def test_no_data_cards_draw_no_trend(app: AppTest) -> None:
    app.selectbox(key="as_of").set_value("2018-06").run()
    trends = app.get("image")
    # 16 targets: the milestone has no figures and the catalogue no data at the mid-term
    assert len(trends) == 14
    assert not app.get("vega_lite_chart")  # sparklines are drawn as small images, no chart library


def test_overview_in_english(app: AppTest, demo_db: Session, register: Register) -> None:
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    at = app
    at.selectbox(key="as_of").set_value("2018-06").run()
    assert at.title[0].value == "Plan progress overview"
    assert at.query_params["lang"] == "en"  # the choice travels in the link and survives a reload
    row = next(r for r in progress_rows(session=demo_db, register=register, as_of="2018-06")
               if r.target == "zero_visit_share")
    assert row.value is not None
    assert (f"Share of zero-visit items is {row.value:.2f}%: {40 - row.value:.2f} percentage points short of the "
            "target;") in " ".join(unescaped(c.value) for c in at.caption)
    assert "Most of the shortfall comes from:" in " ".join(unescaped(c.value) for c in at.caption)
    assert no_codes(at) == []


def test_a_link_with_lang_en_opens_in_english(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", demo_url)
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Plan progress overview"
    assert at.sidebar.radio(key="lang_choice").value == "en"


def test_users_never_see_streamlits_developer_menu() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["address"] == "127.0.0.1"


# --- targets, detail, units, register ------------------------------------------------------------------

def test_targets_page_lists_every_target_with_its_latest_value(app: AppTest, demo_db: Session,
                                                               register: Register) -> None:
    at = open_page(app, "targets")
    names = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert names == [t.name_zh for t in register.targets.values()]
    assert "> 全区政务服务窗口服务评价率不低于70%" in [m.value for m in at.markdown]
    value = next(r.value for r in progress_rows(session=demo_db, register=register, as_of="2020-12")
                 if r.target == "evaluation_rate")
    assert f"当前值：**{value:.2f}%**" in [m.value for m in at.markdown]
    assert any("示例数据" in i.value for i in at.info)
    assert no_codes(at) == []


def test_language_switch_changes_labels(app: AppTest) -> None:
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    at = open_page(app, "targets")
    assert at.title[0].value == "Plan targets"
    assert "Value: **74.70%**" in [m.value for m in at.markdown] or any(
        m.value.startswith("Value: **") for m in at.markdown)
    assert ("> A window-service evaluation rate of no less than 70% across the district (original\\: "
            "全区政务服务窗口服务评价率不低于70%)") in [m.value for m in at.markdown]  # translated; the colon escaped


def test_target_detail_page(app: AppTest, demo_db: Session, register: Register) -> None:
    at = open_page(app, "target_detail")
    at.selectbox(key="detail_target").set_value("zero_visit_share").run()
    at.selectbox(key="as_of").set_value("2018-06").run()
    d = target_detail(session=demo_db, register=register, target="zero_visit_share", as_of="2018-06")
    assert "> 40%以上申办事项实现零跑动" in [m.value for m in at.markdown]
    per_unit, blame, ranks = (df.value for df in at.dataframe)
    best = d.per_unit.iloc[0]
    assert per_unit.iloc[0].tolist() == [register.units[best["unit"]].name_zh, f"{best['numerator']:,.0f}",
                                         f"{best['denominator']:,.0f}", f"{best['value']:.2f}%"]
    assert blame["单位"].tolist()[:3] == [register.units[u].name_zh for u in d.attribution["unit"][:3]]
    assert list(ranks.columns) == ["单位", "分子", "分母", "值", "排名", "备注"]
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert [s["title"]["text"] for s in specs] == [["零跑动事项占比：实际值、目标值与进度要求"], ["零跑动事项占比：各单位"]]
    bars = specs[1]["layer"][0]["encoding"]
    assert bars["y"]["axis"]["labelLimit"] == 0 and bars["color"]["scale"]["domain"] == ["达到目标", "未达到目标"]
    assert no_codes(at) == []


def test_units_page_shows_names_and_the_engines_figures(app: AppTest, demo_db: Session, register: Register) -> None:
    from tracker.engine.scorecard import scorecard

    at = open_page(app, "units")
    table = at.dataframe[0].value
    assert list(table.columns)[:2] == ["窗口服务评价率", "满意率"]
    assert "赤岗街政务服务中心" in list(table.index)
    card = scorecard(session=demo_db, register=register, as_of="2020-12", rows=register.children["haizhu"])
    value = card.values.loc["street_chigang", "evaluation_rate"]
    assert table.loc["赤岗街政务服务中心", "窗口服务评价率"].startswith(f"{value:.2f}%")
    at.selectbox(key="units_parent").set_value("centre").run()
    second = at.dataframe[0].value
    assert "区教育局" in list(second.index) and "赤岗街政务服务中心" not in list(second.index)
    at.selectbox(key="units_pick").set_value("dept_edu").run()
    assert at.subheader[0].value == "区教育局：各项指标"
    assert no_codes(at) == []


def test_units_page_bottom_filter(app: AppTest) -> None:
    at = open_page(app, "units")
    at.selectbox(key="units_type").set_value("street").run()
    at.selectbox(key="units_focus").set_value("evaluation_rate").run()
    at.radio[0].set_value(True).run()
    at.number_input[0].set_value(2).run()
    assert not at.exception
    assert sorted(at.dataframe[0].value.index) == ["华洲街政务服务中心", "南石头街政务服务中心"]


def test_register_page_speaks_the_readers_language(app: AppTest, full_register: Register) -> None:
    at = open_page(app, "register")
    assert at.success[0].value.startswith("登记表有效")
    targets = at.dataframe[0].value
    assert list(targets.columns)[:2] == ["规划", "名称"] and list(targets.columns)[-1] == "代码"
    # every plan's targets, an example one marked as such
    assert targets["代码"].tolist() == list(full_register.all_targets)
    assert targets["名称"].tolist() == [t.name_zh + ("（示例）" if t.example else "")
                                      for t in full_register.all_targets.values()]
    assert targets["规划"].tolist() == ["十三五"] * 16 + ["十四五"] * 11 + ["十五五"] * 9
    metrics = at.dataframe[2].value
    assert metrics.loc[metrics["代码"] == "policy_publish_days", "单位"].tolist() == ["工作日"]
    english = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    english.query_params["lang"] = "en"
    english.run()
    page = open_page(english, "register")
    metrics = page.dataframe[2].value
    assert metrics.loc[metrics["Code"] == "policy_publish_days", "Unit"].tolist() == ["working days"]
    targets = page.dataframe[0].value
    assert targets.loc[targets["Code"] == "major_policy_publish_days", "Plan clause"].tolist() == [
        "Major policy information made public within 3 working days (original: 重大政策信息3个工作日内向社会公布)"]


def test_broken_register_edit_keeps_the_last_valid_register(tmp_path: Path, demo_url: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    targets = tmp_path / "targets.yaml"
    shutil.copy(ROOT / "targets.yaml", targets)
    monkeypatch.setenv("TRACKER_TARGETS", str(targets))
    monkeypatch.setenv("TRACKER_DATABASE_URL", demo_url)
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    at.run()
    assert not at.warning
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("threshold: 70\n", "threshold: seventy\n", 1), encoding="utf-8")
    os.utime(targets, ns=(1, 1))
    at = open_page(at, "register")
    assert at.warning[0].value.startswith("目标登记表文件有 1 处错误，系统仍在使用上一次有效的登记表")
    assert at.error[0].value == "登记表文件有错误，下面是全部问题："
    problems = at.table[0].value
    line = text[: text.index("threshold: 70\n")].count("\n") + 1
    assert problems["行"].tolist() == [str(line)]
    assert problems["问题及修改方法"].tolist() == ["字段“threshold”的值“seventy”无效：应为数字"]
    assert len(at.dataframe[0].value) == 16 + 11 + 9  # the register still served: every plan's targets


# --- the clerk's path -----------------------------------------------------------------------------------

@pytest.fixture
def empty_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    at.run()
    yield at


def stored_count(tmp_path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(tmp_path / "app.db")
    try:
        return int(con.execute("select count(*) from value_revision").fetchone()[0])
    finally:
        con.close()


def job_done(at: AppTest, tmp_path: Path) -> bool:
    """Wait for the page's import job (its worker, in this process) to end."""
    from tracker.storage.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    try:
        return jobs.wait(engine, at.session_state["upload_job"], 60)
    finally:
        engine.dispose()


def test_upload_good_file_preview_confirm_then_what_was_stored(empty_app: AppTest, tmp_path: Path) -> None:
    at = open_page(empty_app, "upload")
    data = "单位,期间,受理量,办结量\n赤岗街,2019-06,\"4,471\",4400\n南华西街,2019-06,1200,1190\n".encode()
    at.file_uploader[0].upload("六月.csv", data, "text/csv")
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["4", "0", "0", "0"]
    assert any("预览（尚未保存）：新增 4 个" in i.value for i in at.info)
    assert stored_count(tmp_path) == 0
    at.button(key="confirm_store").click()
    at.run()
    assert not at.exception
    assert job_done(at, tmp_path)  # stored by a worker; the page shows it when done
    for _ in range(20):  # the page polls the job: its next runs show the ending (a loaded machine may need two)
        at.run()
        if at.success:
            break
        time.sleep(0.5)
    seen = (at.exception, [x.value for x in at.title], [e.value for e in at.error], [w.value for w in at.warning])
    assert [s.value for s in at.success] == ["已保存：新增 4 个，修改 0 个，未变 0 个，警告 0 条（文件 六月.csv）"], seen
    saved = at.dataframe[0].value
    assert saved["新值"].tolist() == ["4,471", "4,400", "1,200", "1,190"]  # as people write them (issue 17)
    assert not [b for b in at.button if b.key == "confirm_store"] and not at.file_uploader  # no preview left
    assert stored_count(tmp_path) == 4
    at.button(key="upload_another").click()
    at.run()
    assert at.file_uploader and not at.success


def test_upload_bad_file_lists_every_problem_and_stores_nothing(empty_app: AppTest, tmp_path: Path) -> None:
    at = open_page(empty_app, "upload")
    at.file_uploader[0].upload("坏.csv", "单位,期间,受理量\n不存在街,2019-06,十\n".encode(), "text/csv")
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("文件被拒收：发现 2 处错误")
    problems = at.table[0].value
    assert problems["问题及修改方法"].tolist() == [
        "单位“不存在街”不在单位登记表中；请使用登记表中的单位名称、简称或代码",
        "“十”不是数字；请填写数字，未报送请填“——”或留空"]
    assert problems["行"].tolist() == ["2", "2"]
    download = at.get("download_button")[-1]
    assert download.proto.label == "下载问题清单（CSV）"
    assert stored_count(tmp_path) == 0


def test_the_period_picker_offers_quarters_half_years_and_years(empty_app: AppTest) -> None:
    at = open_page(empty_app, "upload")
    offered = at.selectbox[2].options
    assert {"2019年第二季度", "2019年上半年", "2019年"} <= set(offered)


def test_the_panyu_example_uploads_from_the_page_as_the_readme_says(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("TRACKER_UNITS", str(ROOT / "examples" / "panyu_units.yaml"))
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    at.run()
    at = open_page(at, "upload")
    table = ROOT / "examples" / "panyu_2019h1_departments.csv"
    at.file_uploader[0].upload(table.name, table.read_bytes(), "text/csv")
    at.selectbox[2].set_value("2019H1").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["174", "0", "0", "2"]  # 22 × 6, and 21 × 2 rates kept as published
    at.button(key="confirm_store").click()
    at.run()
    assert job_done(at, tmp_path)
    at.run()
    assert at.success[0].value.startswith("已保存：新增 174 个")
    assert stored_count(tmp_path) == 174


# --- reporting and history ------------------------------------------------------------------------------

def test_completeness_lists_who_is_missing_and_who_was_late(app: AppTest) -> None:
    at = open_page(app, "completeness")
    at.selectbox(key="complete_period").set_value("2019-08").run()
    assert [w.value for w in at.warning][0].startswith("未报齐的单位：区统计局")
    assert [m.label for m in at.metric] == ["报送率", "及时率"]
    at.selectbox(key="complete_period").set_value("2019-07").run()
    # every value is in, but 区统计局's 11 monthly values came after the 5th: not "所有单位均已报齐"
    assert [w.value for w in at.warning] == ["所有单位均已报送，但有 11 项逾期", "逾期报送的单位：区统计局（11 项）"]
    assert not at.success


def test_history_lists_recent_submissions_and_one_values_revisions(app: AppTest) -> None:
    at = open_page(app, "history")
    recent, revisions = at.dataframe[0].value, at.dataframe[1].value
    assert list(recent.columns) == ["保存时间", "报送人", "文件", "单位", "新增", "修改"]
    assert recent["保存时间"].tolist() == sorted(recent["保存时间"], reverse=True)  # newest first
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", recent["保存时间"].iloc[0])
    at.selectbox(key="history_filter").set_value("dept_stats").run()
    assert set(at.dataframe[0].value["单位"]) == {"区统计局"}
    assert list(revisions.columns)[:3] == ["修订", "数值", "状态"]
    assert no_codes(at) == []
