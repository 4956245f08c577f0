"""Charts on the pages fit their column (issue 17, finding 3) and a card's sparkline shows its scale and target
(finding 13): 99.6 → 99.8 against a target of 90 is drawn as the small move it is."""

from __future__ import annotations

import pandas as pd

from tracker.register import Register
from tracker.wording.charts import (
    DOCUMENT_TITLE_COLUMNS,
    TITLE_COLUMNS,
    fit_column,
    short_name,
    spark_scale,
    sparkline_svg,
    target_chart,
    title_lines,
    unit_bar_chart,
)

TREND = pd.DataFrame({"period": ["2019-01", "2019-02", "2019-03"], "value": [99.6, 99.7, 99.8]})


def test_a_page_chart_fits_its_column_padding_included() -> None:
    series = TREND.assign(threshold=90.0, expected=90.0)
    spec = fit_column(target_chart(series, "满意率", "%", "zh")).to_dict()
    assert spec["width"] == "container"
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}


def test_the_sparkline_shows_its_scale_and_the_target_line() -> None:
    svg = sparkline_svg([99.6, 99.7, 99.8], "zh", threshold=90.0)
    assert svg.startswith("<svg ") and "月度走势" in svg
    # the scale spans the target and the values with a tenth of the span either side: 90 − 0.98 … 99.8 + 0.98
    low, high = spark_scale([99.6, 99.7, 99.8], 90.0)
    assert (round(low, 2), round(high, 2)) == (89.02, 100.78)
    # drawn between y = 22 (top) and 68 (bottom): the target 90 at 68 − (90 − 89.02) / 11.76 × 46 = 64.2
    assert '<line x1="2" y1="64.2" x2="262" y2="64.2"' in svg and 'stroke-dasharray="4 3"' in svg
    # the line's points: 99.6 at 68 − (99.6 − 89.02) / 11.76 × 46 = 26.6, 99.8 at 25.8
    assert 'points="2.0,26.6 132.0,26.2 262.0,25.8"' in svg
    assert ">99.8</text>" in svg and ">99.6</text>" in svg  # the highest and lowest value, written


def test_without_a_target_the_sparkline_spans_its_values() -> None:
    low, high = spark_scale([99.6, 99.7, 99.8], None)
    assert (round(low, 2), round(high, 2)) == (99.58, 99.82)  # 0.2 span, 0.02 either side
    assert "<line" not in sparkline_svg([99.6, 99.7, 99.8], "en") and "Monthly trend" in sparkline_svg([1.0], "en")


def test_the_sparklines_high_and_low_labels_never_print_over_each_other() -> None:
    from tracker.wording.charts import label_rows

    assert label_rows(20.0, 60.0) == (20.0, 60.0)  # far apart: each at its point
    assert label_rows(40.0, 44.0) == (36.5, 47.5)  # 4 px apart: moved to 11 px around their middle, 42
    assert label_rows(50.0, 50.0) == (44.5, 55.5)  # a flat line: one above the other


def test_the_target_chart_leaves_room_below_a_target_line_at_the_lowest_value() -> None:
    """Found at phone width: 99.5 % against values 99.7 – 99.75 put the target line on the chart's bottom edge.
    The axis spans every line, a tenth of the span either side: 99.5 … 99.75 → 99.475 … 99.775."""
    series = pd.DataFrame({"period": ["2026-01", "2026-02"], "value": [99.7, 99.75], "threshold": [99.5, 99.5],
                           "expected": [None, None]})
    spec = target_chart(series, "满意率", "%", "zh").to_dict()
    scale = spec["encoding"]["y"]["scale"]
    assert [round(x, 3) for x in scale["domain"]] == [99.475, 99.775] and scale["nice"] is False


def _units(n: int) -> pd.DataFrame:
    return pd.DataFrame({"unit": [f"u{i}" for i in range(n)], "name": [f"单位{i:02d}" for i in range(n)],
                         "value": [float(i) for i in range(n)], "numerator": [float(i) for i in range(n)],
                         "denominator": [100.0] * n})


def test_a_citys_units_are_drawn_as_both_ends_and_the_title_says_so(reg: Register) -> None:
    # 3,000 bars were a chart 60,000 px tall: beyond 40 units the 20 best and the 20 worst are drawn
    rule = reg.rule("evaluation_rate")  # ≥ 70: higher is better, the best first
    spec = unit_bar_chart(_units(50), "评价率", "%", rule, "zh").to_dict()
    order = spec["layer"][0]["encoding"]["y"]["sort"]
    assert order == [f"u{i}" for i in range(49, 29, -1)] + [f"u{i}" for i in range(19, -1, -1)]
    assert (spec["title"]["text"], spec["title"]["subtitle"]) == (["评价率：前 20 名与后 20 名"], ["共 50 个单位，全部见下表"])
    english = unit_bar_chart(_units(50), "Evaluation rate", "%", rule, "en").to_dict()
    assert (english["title"]["text"], english["title"]["subtitle"]) == (
        ["Evaluation rate:", "the top 20 and the bottom 20"],  # 45 columns: two lines; the subtitle's 12 px hold 46
        ["of 50 units; all of them in the table below"])
    every = unit_bar_chart(_units(40), "评价率", "%", rule, "zh").to_dict()  # 40: every unit, as before
    assert every["layer"][0]["encoding"]["y"]["sort"] == [f"u{i}" for i in range(39, -1, -1)]
    assert every["title"]["text"] == ["评价率：各单位"] and "subtitle" not in every["title"]
    # ≤ 3 days: the lowest first; of 41, the middle one (20) is the one left out
    days = unit_bar_chart(_units(41), "天数", "天", reg.rule("publish_days"), "zh").to_dict()
    assert days["layer"][0]["encoding"]["y"]["sort"] == [f"u{i}" for i in range(20)] + [f"u{i}" for i in range(21, 41)]
    assert days["title"]["subtitle"] == ["共 41 个单位，全部见下表"]


def test_units_whose_names_cut_alike_keep_a_bar_each(reg: Register) -> None:
    # 3,000 generated departments cut to "Generated dep…" were drawn as one band: each unit has its own, by code
    names = ["Generated department 00001", "Generated department 00002", "District Market Supervision Administration"]
    per_unit = pd.DataFrame({"unit": ["g1", "g2", "m"], "name": names, "value": [90.0, 80.0, 70.0],
                             "numerator": [9.0, 8.0, 7.0], "denominator": [10.0] * 3})
    spec = unit_bar_chart(per_unit, "Evaluation rate", "%", reg.rule("evaluation_rate"), "en").to_dict()
    y = spec["layer"][0]["encoding"]["y"]
    assert y["field"] == "unit" and y["sort"] == ["g1", "g2", "m"]
    # 26 columns fit the 28; the third is cut to 27 columns and the ellipsis
    assert y["axis"]["labelExpr"] == ('{"g1": "Generated department 00001", "g2": "Generated department 00002", '
                                      '"m": "District Market Supervision…"}[datum.value]')


def test_a_label_counts_a_chinese_character_as_two_columns() -> None:
    assert short_name("市规划和自然资源局海珠区分局") == "市规划和自然资源局海珠区分局"  # 14 characters, 28 columns
    assert short_name("区政务服务数据管理局政务服务科") == "区政务服务数据管理局政务服…"  # 15: 13 and the ellipsis
    assert short_name("Generated department 00001") == "Generated department 00001"


def test_a_long_title_is_broken_into_lines_a_phone_holds() -> None:
    # on a phone (390 px) a long title ran past the chart and was cut off: at most 40 columns a line, a Chinese
    # character taking two; broken after the colon first, then between words or characters
    zh = target_chart(TREND.assign(threshold=90.0, expected=90.0), "政务服务事项网上可办率（全程网办）", "%", "zh")
    assert zh.to_dict()["title"]["text"] == ["政务服务事项网上可办率（全程网办）：", "实际值、目标值与进度要求"]  # 36 and 24
    en = target_chart(TREND.assign(threshold=90.0, expected=90.0), "Items that can be handled fully online", "%", "en")
    assert en.to_dict()["title"]["text"] == ["Items that can be handled fully online:", "actual, target and expected pace"]
    assert title_lines("短标题") == ["短标题"]
    assert title_lines("评" * 20) == ["评" * 20] and title_lines("评" * 21) == ["评" * 20, "评"]  # 40 columns: 20 characters
    # between words; a word longer than a line keeps a line of its own; Chinese and English mixed
    assert title_lines("word " * 9 + "end") == ["word word word word word word word word", "word end"]
    assert title_lines("x" * 45 + " tail") == ["x" * 45, "tail"]
    assert title_lines("全程网办 online completion rate，按月") == ["全程网办 online completion rate，按月"]  # 38
    assert title_lines("全程网办事项 online completion rate，按月统计") == ["全程网办事项 online completion rate，按", "月统计"]
    assert all(len(line.encode("gbk")) <= TITLE_COLUMNS for line in title_lines("政务服务" * 30))
    # a line never ends with an opening bracket nor starts with a closing mark
    assert title_lines("评" * 19 + "（全程）") == ["评" * 19, "（全程）"]
    assert title_lines("评" * 20 + "，按月") == ["评" * 19, "评，按月"]  # the comma goes with its character
    # a document's 560-px image breaks only a title longer than 70 columns
    series = TREND.assign(threshold=90.0, expected=90.0)
    title = "Online completion rate: actual, target and expected pace"  # 56 columns
    wide = target_chart(series, "Online completion rate", "%", "en", title_columns=DOCUMENT_TITLE_COLUMNS)
    assert wide.to_dict()["title"]["text"] == [title]
    assert target_chart(series, "Online completion rate", "%", "en").to_dict()["title"]["text"] == [
        "Online completion rate:", "actual, target and expected pace"]  # a page's: a phone's column
