"""The plans as the chooser and the plans command name them (targets.yaml: three plans)."""

from __future__ import annotations

from tracker.register import Register
from tracker.wording.plans import plan_label, plan_starts


def test_the_chooser_names_a_plan_by_its_short_name_and_span_and_says_example_once(full_register: Register) -> None:
    assert plan_label(full_register, "13", "zh") == "十三五（2016–2020年）"  # as issued: no mark
    assert plan_label(full_register, "15", "zh") == "十五五（2026–2030年，示例）"
    assert plan_label(full_register, "14", "en") == "14th FYP (2021–2025, example)"


def test_a_trend_chart_marks_each_plans_first_month(full_register: Register) -> None:
    assert plan_starts(full_register, "zh") == [("2016-01", "十三五"), ("2021-01", "十四五"), ("2026-01", "十五五")]
