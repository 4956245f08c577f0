"""Changes in words (issue 17, finding 13): in the figure's own terms, and better or worse where the target says
which way is good; "no data" said once."""

from __future__ import annotations

import pytest

from tracker.engine.analysis import Change
from tracker.wording.changes import change_text


@pytest.mark.parametrize(("change", "unit", "higher", "zh", "en"), [
    # 2.44 → 2.46 working days against "at most 3": up 0.02 working days, and up is worse
    (Change(2.46, 2.44, False), "工作日", False, "上升 0.02 工作日（变差）", "up 0.02 working days (worse)"),
    (Change(2.40, 2.44, False), "工作日", False, "下降 0.04 工作日（向好）", "down 0.04 working days (better)"),
    # percentages in points: 99.60 → 99.80 is up 0.20 points, and up is better
    (Change(99.8, 99.6, True), None, True, "上升 0.20 个百分点（向好）", "up 0.20 percentage points (better)"),
    # counts relative: 1,000 → 1,100 is +10.00%; no target says which way is good
    (Change(1100, 1000, False), None, None, "上升 10.00%", "up 10.00%"),
    (Change(2.441, 2.44, False), "工作日", False, "持平", "unchanged"),
    (Change(2.44, None, False), "工作日", False, "无可比数据", "no comparable data"),
])
def test_a_change_in_its_own_terms(change: Change, unit: str | None, higher: bool | None, zh: str, en: str) -> None:
    assert change_text(change, "zh", unit=unit, higher_is_better=higher) == zh
    assert change_text(change, "en", unit=unit, higher_is_better=higher) == en
