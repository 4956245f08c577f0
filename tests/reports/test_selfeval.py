"""A street's annual self-evaluation (seed 003): issued by the street itself, its own figures as seed 003 states
them, only the targets that apply to a street, drafted sections marked as drafts, refused without the right."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document as Docx
from sqlmodel import Session

from tests.engine.test_engine import put
from tracker.access.roles import SYSTEM, AccessDenied, Actor
from tracker.register import Register
from tracker.reports.catalogue import self_evaluation_export
from tracker.reports.selfeval.entry import ItemApprovals, SelfText
from tracker.reports.selfeval.stored import save_self_text
from tracker.reports.writers.docx import title_lines

UNIT = "street_nanhuaxi"
# Seed 003: 受理业务量 23837 件, 提前办结率 99.08%, 按时办结率 99.88%, 群众满意率 99.99%. The counts fed, by hand:
#   办结量 23837 (all completed);
#   提前办结量 = 99.08% × 23837 = 23617.7 → 23618, and 23618 ÷ 23837 = 99.0813% → 99.08%;
#   按时办结量 = 99.88% × 23837 = 23808.4 → 23808, and 23808 ÷ 23837 = 99.8783% → 99.88%;
#   评价数 23837, 满意评价数 = 99.99% × 23837 = 23834.6 → 23835, and 23835 ÷ 23837 = 99.9916% → 99.99%.
SEED_003 = [(UNIT, "accepted", "2016", 23837), (UNIT, "completed", "2016", 23837),
            (UNIT, "completed_early", "2016", 23618), (UNIT, "completed_on_time", "2016", 23808),
            (UNIT, "evaluated", "2016", 23837), (UNIT, "satisfied", "2016", 23835)]


def _doc(db: Session, register: Register, actor: Actor = SYSTEM) -> Docx:
    out = self_evaluation_export(session=db, register=register, actor=actor, unit=UNIT, year=2016, suffix=".docx",
                                 date=dt.date(2017, 8, 21))
    assert out.name == "南华西街道办事处2016年度自评报告.docx"
    return Docx(io.BytesIO(out.data))


def test_nanhuaxi_2016_states_the_figures_seed_003_states(db: Session, register: Register) -> None:
    put(db, SEED_003)
    text = "\n".join(p.text for p in _doc(db, register).paragraphs)
    assert "截至2016年12月31日，服务大厅受理业务量为23837\u202f件，提前办结率达99.08%，按时办结率达99.88%，" \
           "群众满意率达99.99%。" in text


def test_issued_by_the_street_itself(db: Session, register: Register) -> None:
    put(db, SEED_003)
    texts = [p.text for p in _doc(db, register).paragraphs]
    assert "南华西街道办事处" in texts  # the signature on the cover, not the district office
    assert "南华西街道办事处2016年度行政审批和政务服务效能自评情况报告" in "".join(texts).replace("\n", "")
    assert not any("政务管理办公室" in t for t in texts[:12])
    assert "2017年8月21日" in texts


def test_only_the_targets_that_apply_to_a_street(db: Session, register: Register) -> None:
    put(db, SEED_003)
    doc = _doc(db, register)
    listed = [r.cells[0].text for r in doc.tables[1].rows[1:]]
    applies = [t.name_zh for t in register.targets.values()
               if (ind := register.indicator_of(t)) is not None
               and all("street" in register.metrics[m].reported_by for m in ind.metrics)]
    assert listed == applies and 0 < len(listed) < len(register.targets)  # not the district's 16
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "所选期间无数据" not in text and "尚未填写" not in text  # no placeholders
    assert text.count("本节由系统根据数据起草") == 2  # 存在问题 and 下一步工作计划 are drafts, and say so
    assert "《广州市海珠区“十三五”时期政务服务事业发展规划》" in text  # the plan named with Chinese quotation marks
    # the count sentence names only the counts that are not zero, and they add up to the targets listed
    sentence = next(p for p in text.splitlines() if "的指标共" in p)
    counts = [int(n) for n in re.findall(r"(\d+)\u202f?项", sentence.split("：", 1)[1])]
    assert counts and 0 not in counts and sum(counts) == len(listed), sentence
    assert f"共{len(listed)}\u202f项" in sentence or f"共{len(listed)}项" in sentence


def test_refused_to_a_role_that_may_not_export(db: Session, register: Register) -> None:
    viewer = Actor("访客", "viewer")
    with pytest.raises(AccessDenied):
        _doc(db, register, viewer)


def test_a_long_title_leaves_no_lone_character() -> None:
    title = "南华西街道办事处2016年度行政审批和政务服务效能自评情况报告"  # 28 characters and 4 digits: 30 ems
    lines = title_lines(title, per_line=20)
    assert "".join(lines) == title and len(lines) == 2
    assert min(len(line) for line in lines) >= 10  # balanced: 15 and 17, never 20 and a lone 告
    assert title_lines("测试文件", per_line=20) == ["测试文件"]


# What the street entered itself (issue 18, finding 4), as seed 003 reports it
PLANNER = Actor("planner", "planner")
ADDED = SelfText(reform="（一） 落实调整行政审批事项的部署。\n街道共有行政许可事项1项。",
                 items=(ItemApprovals("再生育子女审批", 5, 5, 5), ItemApprovals("广东省居住证核发", 2952, 2952, 2952),
                        ItemApprovals("廉租房申请初审", 757, 757, 757, 731)),
                 on_the_spot_share=70, banners=3, praise_letters=1, complaints=0,
                 mechanisms="2016年度先后出台了《管理制度汇编》。", plan="（一）统一制定便民服务指南。\n南华西街将统一制作便民服务指南。")


def _texts(doc: Docx) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_the_streets_own_figures_and_text_in_seed_003s_order_and_wording(db: Session, register: Register) -> None:
    put(db, SEED_003)
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=ADDED)
    doc = _doc(db, register)
    texts = _texts(doc)
    # 757 on time − 731 approved = 26 not approved, as seed 003 states
    assert ("2016年全年，收到“再生育子女审批”申请5\u202f件，受理5\u202f件，按时办结5\u202f件；收到“广东省居住证核发”申请2952\u202f件，"
            "受理2952\u202f件，按时办结2952\u202f件；收到“廉租房申请初审”申请757\u202f件，受理757\u202f件，按时办结757\u202f件，"
            "其中审批同意731\u202f件，审批不同意26\u202f件。") in texts
    assert "70%受理事项达到即办即走。" in texts  # the share as the street reported it
    assert "2016年全年，没有收到相关举报投诉案件。" in texts  # 0 complaints, in the seed's words
    assert ("截至2016年12月31日，服务大厅受理业务量为23837\u202f件，提前办结率达99.08%，按时办结率达99.88%，"
            "群众满意率达99.99%。全年共收到锦旗3面、表扬信1封。") in texts
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == ["一、行政审批事项改革及实施情况", "二、优化政务服务效能情况", "三、规划目标完成情况",
                        "四、推进机制建立情况", "五、存在问题", "六、下一步工作计划"]  # 创新方式情况 not entered: left out
    subs = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert subs == ["（一） 落实调整行政审批事项的部署。", "（一）统一制定便民服务指南。"]
    assert texts.index("（一） 落实调整行政审批事项的部署。") < texts.index("70%受理事项达到即办即走。")
    assert "南华西街将统一制作便民服务指南。" in texts  # the street's own plan replaces the drafted one …
    assert "".join(texts).count("本节由系统根据数据起草") == 1  # … only 存在问题 is still a draft


def test_nothing_entered_nothing_printed(db: Session, register: Register) -> None:
    put(db, SEED_003)
    text = "\n".join(_texts(_doc(db, register)))
    for absent in ("即办即走", "锦旗", "投诉", "收到“", "行政审批事项改革及实施情况", "推进机制建立情况", "创新方式情况",
                   "尚未填写", "无数据"):
        assert absent not in text


def test_a_count_on_the_spot_is_a_share_of_the_years_volume(db: Session, register: Register) -> None:
    put(db, SEED_003)
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016,
                   text=SelfText(on_the_spot_count=16686, complaints=2))
    texts = _texts(_doc(db, register))
    # 16686 ÷ 23837 = 0.700004… → 70.00%
    assert "即办即走业务16686\u202f件，占受理业务量的70.00%。" in texts
    assert "2016年全年，收到相关举报投诉案件2\u202f件。" in texts


def test_a_count_above_the_volume_is_held_to_100_percent(db: Session, register: Register) -> None:
    put(db, SEED_003)
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016,
                   text=SelfText(on_the_spot_count=30000))
    assert "即办即走业务30000\u202f件，占受理业务量的100.00%。" in _texts(_doc(db, register))


def test_the_latest_save_is_printed(db: Session, register: Register) -> None:
    put(db, SEED_003)
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=ADDED)
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=SelfText(banners=2))
    text = "\n".join(_texts(_doc(db, register)))
    assert "全年共收到锦旗2面。" in text and "表扬信" not in text and "即办即走" not in text
