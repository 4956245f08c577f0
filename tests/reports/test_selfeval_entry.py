"""What a unit enters for its self-evaluation is checked before anything is stored: every problem at once, each
naming the item, the field, the value and the fix, in the reader's language; read from YAML (seed 003's words too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.reports.selfeval.entry import (
    MAX_SECTION,
    ItemApprovals,
    SelfText,
    SelfTextInvalid,
    checked,
    from_form,
    from_yaml,
    problems,
    to_yaml,
)

ROOT = Path(__file__).resolve().parents[2]


def _texts(text: SelfText, lang: str = "zh") -> list[str]:
    return [p.text(lang) for p in problems(text, "表单")]  # type: ignore[arg-type]


def test_more_approved_than_applications_is_refused_naming_item_values_and_fix() -> None:
    # 廉租房申请初审: 757 applications (seed 003); 758 approved cannot be
    text = SelfText(items=(ItemApprovals("廉租房申请初审", 757, approved=758),))
    assert _texts(text) == ["事项“廉租房申请初审”的审批同意（件）为 758，大于收到申请（件） 757；审批同意（件）不能多于收到申请（件），请核对后改正"]
    assert _texts(text, "en") == ['For the item "廉租房申请初审", approved (cases) is 758, more than applications (cases) 757; '
                                  "approved (cases) cannot exceed applications (cases): check and correct the figures"]
    with pytest.raises(SelfTextInvalid) as caught:
        checked(text, "表单")
    assert caught.value.text("zh") == "表单：自评报告内容有 1 处问题，未保存任何内容"


def test_approved_is_held_to_accepted_when_given_and_on_time_too() -> None:
    # 757 received, 700 accepted: 731 approved and 701 on time are both more than were accepted
    text = SelfText(items=(ItemApprovals("廉租房申请初审", 757, accepted=700, on_time=701, approved=731),))
    found = _texts(text)
    assert len(found) == 2
    # approved is part of those completed on time (审批不同意 = on time − approved): 731 > 701
    assert "按时办结（件）为 701，大于受理（件） 700" in found[0] and "审批同意（件）为 731，大于按时办结（件） 701" in found[1]
    # 10 received and accepted, 5 on time, 8 approved: 审批不同意 would print as 5 − 8 = −3
    late = _texts(SelfText(items=(ItemApprovals("再生育子女审批", 10, 10, 5, 8),)))
    assert len(late) == 1 and "审批同意（件）为 8，大于按时办结（件） 5" in late[0]
    assert _texts(SelfText(items=(ItemApprovals("廉租房申请初审", 757, 757, 757, 731),))) == []  # seed 003's own


def test_every_problem_is_listed_at_once() -> None:
    text = SelfText(plan="计划\x00", reform="长" * (MAX_SECTION + 1), banners=-1, complaints=2.5,  # type: ignore[arg-type]
                    on_the_spot_share=120,
                    items=(ItemApprovals("", 1), ItemApprovals("居住证", -3), ItemApprovals("居住证", 1)))
    found = _texts(text)
    assert found == [
        "“行政审批事项改革及实施情况”有 10,001 个字符，超过上限 10,000；请删减或分段写入其他部分",
        "“下一步工作计划”含有空字符（NUL）或其他控制字符，无法保存；请删除后重试",
        "“锦旗（面）”不能为负数（-1）；请填写 0 或正整数",
        "“举报投诉案件（件）”应为整数件数，收到“2.5”；请填写整数",
        "“即办即走比例（%）”为 120，应在 0–100 之间；请填写百分数，如 70 表示 70%",
        "第 1 项事项没有名称；请填写事项名称，或删除该行",
        "事项“居住证”的“收到申请（件）”不能为负数（-3）；请填写 0 或正整数",
        "事项“居住证”列了两次；请合并为一行",
    ]


def test_share_and_count_together_are_refused() -> None:
    assert _texts(SelfText(on_the_spot_share=70, on_the_spot_count=16000)) == [
        "同时填写了即办即走比例（70%）和件数（16000）；请只填其一：件数可由受理业务量算出比例"]


def test_checked_trims_the_ends_and_keeps_the_inside() -> None:
    text = checked(SelfText(plan="  （一）统一制定便民服务指南。\n  为便于居民…  \n", items=(ItemApprovals(" 再生育子女审批 ", 5),)),
                   "表单")
    assert text.plan == "（一）统一制定便民服务指南。\n  为便于居民…"
    assert text.items[0].name == "再生育子女审批"


def test_the_example_file_reads_as_seed_003_states_it() -> None:
    path = ROOT / "examples" / "selfeval_nanhuaxi_2016.yaml"
    text = from_yaml(path.read_text(encoding="utf-8"), str(path))
    assert text.items == (ItemApprovals("再生育子女审批", 5, 5, 5), ItemApprovals("广东省居住证核发", 2952, 2952, 2952),
                          ItemApprovals("廉租房申请初审", 757, 757, 757, 731))
    assert text.items[2].refused == 26  # seed 003: 审批同意731件，审批不同意26 — 757 − 731
    assert (text.on_the_spot_share, text.banners, text.praise_letters, text.complaints) == (70, 3, 1, 0)
    assert text.plan.startswith("根据党的十八届六中全会精神") and problems(text, str(path)) == []
    assert from_yaml(to_yaml(text), "again") == text  # what `show` prints can be set again unchanged


def test_yaml_with_the_seeds_own_words() -> None:
    content = "事项:\n  - 名称: 廉租房申请初审\n    收到申请: 757\n    审批同意: 731\n锦旗: 3\n下一步工作计划: 统一制定便民服务指南。\n"
    text = from_yaml(content, "f.yaml")
    assert text == SelfText(plan="统一制定便民服务指南。", banners=3, items=(ItemApprovals("廉租房申请初审", 757, approved=731),))


@pytest.mark.parametrize(("content", "expected"), [
    ("banner: 3\n", "不认识的键“banner”；可用："),
    ("items: 3\n", "items 应为列表"),
    ("- a\n- b\n", "文件应为“键: 值”形式"),
    ("sections: {plan: [unclosed\n", "不是有效的 YAML"),
])
def test_unreadable_yaml_is_refused_with_the_fix(content: str, expected: str) -> None:
    with pytest.raises(SelfTextInvalid) as caught:
        from_yaml(content, "f.yaml")
    assert caught.value.problems[0].text("zh").startswith(expected)


def test_the_forms_cells_are_read_as_counts_whatever_their_type() -> None:
    import numpy as np
    import pandas as pd

    # the item table comes back from the page as Int64 (pandas' NA), float (NaN) or numpy columns
    rows = [{"name": "廉租房申请初审", "applications": np.int64(757), "accepted": pd.NA, "on_time": 757.0,
             "approved": float("nan")}, {"name": None, "applications": pd.NA}]
    text = from_form(sections={"plan": "计划"}, rows=rows, numbers={"banners": 3, "complaints": None,
                                                                  "on_the_spot_share": 70.0})
    assert text == SelfText(plan="计划", banners=3, on_the_spot_share=70.0,
                            items=(ItemApprovals("廉租房申请初审", 757, None, 757, None),))  # the empty row dropped
    assert problems(text, "表单") == []
