"""The briefing prints the office's own sections (issue 18, finding 6) where seed 000 has them, as plain text,
and leaves out the ones without text — in the DOCX, the Markdown and the contents."""

from __future__ import annotations

import datetime as dt
import io

import docx
from sqlmodel import Session

from tracker.access.roles import Actor
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.reports.briefing.figures import Issue, briefing_data
from tracker.reports.briefing.office import OfficeEdit, OfficeTexts, save_office_texts
from tracker.reports.briefing.office_blocks import own_sections, ranking_blocks, text_blocks
from tracker.reports.briefing.text import briefing_document
from tracker.reports.catalogue import briefing_export
from tracker.reports.model import Heading, Paragraph, Table

OFFICE = Actor("办公室", "planner")
ISSUE = Issue(2017, 12, 136)
# adapted from seed 000 (南沙, October 2017)
ASSESSMENT = ("10 月份，各进驻单位专窗前台工作人员按要求使用评价器，服务质量达标；21 名窗口工作人员因工作表现良好登记加分。\n"
              "赤岗街政务服务中心等 9 个街道中心收到群众或企业感谢信被登记加分。")
SUPERVISION = "10月份，中心及各街道中心未收到办事群众的投诉或异常情况。"
NEWS = ("（一）开展消防知识培训，实地进行灭火演练。\n"
        "10月13日，区政务办等100多名工作人员联合开展消防知识培训。\n"
        "\n"
        "（二）开展廉政教育及素质培训，加强政务服务队伍建设。\n"
        '10月27日至28日，区政务办组织开展"2017年政务服务中心窗口工作人员素质及廉政教育培训"活动。')
BRIEFS = "【区政务办】10月，多个调研组到区政务服务中心参观。\n【赤岗街政务服务中心】推行上门服务、预约服务。"
STARS = "单位\t姓名\n区公安分局（出入境大队）\t黎芷铭\n海珠政务服务中心（一口受理）\t郑柳清"
TOPICS = "投诉主要集中在城市管理、环境保护、物业管理等。"


def _everything(db: Session, **skip: bool) -> None:
    texts = {"assessment": ASSESSMENT, "supervision": SUPERVISION, "news": NEWS, "briefs": BRIEFS, "stars": STARS,
             "hotline_topics": TOPICS}
    save_office_texts(session=db, actor=OFFICE, month="2017-10",
                      edits=[OfficeEdit(k, v) for k, v in texts.items() if not skip.get(k)]
                      + [OfficeEdit("ranking", "办事评价覆盖度是影响我区排名的主要因素。", 9.7, 7)])


def test_lines_are_paragraphs_and_numbered_short_lines_subheadings() -> None:
    blocks = text_blocks(NEWS, subheadings=True)
    assert blocks == [
        Heading(2, "（一）开展消防知识培训，实地进行灭火演练。"),
        Paragraph("10月13日，区政务办等100多名工作人员联合开展消防知识培训。"),  # the blank line is no paragraph
        Heading(2, "（二）开展廉政教育及素质培训，加强政务服务队伍建设。"),
        # ASCII quotes around Chinese become Chinese quotation marks, as everywhere in the documents
        Paragraph("10月27日至28日，区政务办组织开展“2017年政务服务中心窗口工作人员素质及廉政教育培训”活动。")]
    # inside 考核情况 (itself a （N） subsection) nothing is a heading; a long numbered line is a paragraph
    assert text_blocks("（一）" + "很长" * 30) == [Paragraph("（一）" + "很长" * 30)]
    assert text_blocks("（一）很短的一行") == [Paragraph("（一）很短的一行")]


def test_lines_of_cells_are_a_table_in_a_section_of_its_own() -> None:
    """服务之星 as seed 000 lists it (单位, 姓名), pasted from a spreadsheet: a table, its first line the header."""
    assert text_blocks(STARS + "\n黄文通", subheadings=True) == [
        Table(["单位", "姓名"], [["区公安分局（出入境大队）", "黎芷铭"], ["海珠政务服务中心（一口受理）", "郑柳清"]],
              ["text", "text"]),
        Paragraph("黄文通")]
    assert text_blocks("名单如下：\n甲\t乙\t丙\n丁\t戊", subheadings=True) == [
        Paragraph("名单如下："), Table(["甲", "乙", "丙"], [["丁", "戊", ""]], ["text"] * 3)]  # a short row padded
    assert text_blocks("区公安分局\t黎芷铭", subheadings=True) == [Paragraph("区公安分局\t黎芷铭")]  # one line: text
    assert text_blocks("Unit\tName\nPublic Security Bureau\tLi Zhiming", subheadings=True) == [
        Table(["Unit", "Name"], [["Public Security Bureau", "Li Zhiming"]], ["text", "text"])]  # cut at tabs only
    assert text_blocks(STARS) == [Paragraph(line) for line in STARS.splitlines()]  # inside 考核情况: paragraphs


def test_the_ranking_sentence_as_seed_001_words_it(register: Register) -> None:
    month = parse_period("2017-10")
    both = ranking_blocks(OfficeTexts({}, 9.7, 7), month, "海珠区", "zh")
    assert both == [Paragraph("根据省“好差评”榜单显示，海珠区2017年10月份政务服务综合评分为 9.7 分，全市各区排名第 7 名。")]
    score_only = ranking_blocks(OfficeTexts({"ranking": "覆盖度是主因。"}, 95.0, None), month, "海珠区", "zh")
    assert score_only == [Paragraph("根据省“好差评”榜单显示，海珠区2017年10月份政务服务综合评分为 95 分。"),
                          Paragraph("覆盖度是主因。")]
    assert ranking_blocks(OfficeTexts(), month, "海珠区", "zh") == []  # nothing entered: nothing printed
    assert ranking_blocks(OfficeTexts({}, 9.7, 7), month, "Haizhu District", "en") == [Paragraph(
        "On the province's 好差评 ranking, Haizhu District scored 9.7 for government services in Oct 2017, ranking "
        "No. 7 among the city's districts.")]


def test_a_rank_alone_or_a_comment_alone_is_printed_as_entered(register: Register) -> None:
    month = parse_period("2017-10")
    rank_only = ranking_blocks(OfficeTexts({"ranking": "覆盖度是主因。"}, None, 3), month, "海珠区", "zh")
    assert rank_only == [Paragraph("根据省“好差评”榜单显示，海珠区2017年10月份政务服务综合评分全市各区排名第 3 名。"),
                         Paragraph("覆盖度是主因。")]
    assert ranking_blocks(OfficeTexts({"ranking": "本月榜单未公布。"}), month, "海珠区", "zh") == [
        Paragraph("本月榜单未公布。")]  # no score nor rank: the comment alone


def test_own_sections_are_numbered_after_the_figures_and_empty_ones_left_out() -> None:
    blocks = own_sections(OfficeTexts({"news": "一段。", "stars": "甲"}), 5, "zh")
    assert [b.text for b in blocks if isinstance(b, Heading)] == ["五、工作动态", "六、服务之星"]
    assert [b.level for b in blocks if isinstance(b, Heading)] == [1, 1]  # top-level sections, as 一、… are
    late = own_sections(OfficeTexts({"news": "一段。", "stars": "甲"}), 10, "zh")
    assert [b.text for b in late if isinstance(b, Heading)] == ["十、工作动态", "11、服务之星"]  # 十 the last numeral
    assert [b.text for b in own_sections(OfficeTexts({"briefs": "x"}), 5, "en") if isinstance(b, Heading)] == [
        "5. News in brief"]


def test_the_docx_has_the_sections_in_seed_000s_order(db: Session, register: Register) -> None:
    _everything(db)
    out = briefing_export(session=db, register=register, actor=OFFICE, month="2017-10", suffix=".docx", issue=ISSUE,
                          date=dt.date(2017, 11, 8))
    doc = docx.Document(io.BytesIO(out.data))
    # the writer holds a number and the word after it on one line with a narrow no-break space (numbers.keep_units):
    # read as the plain space the text was written with
    headings = [p.text.replace("\u202f", " ") for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    # seed 000: 一、运作总体情况 (… 考核情况), 二、效能监察情况, 三、工作动态, 四、政务简讯, 五、服务之星; the briefing's
    # sections of figures (好差评, 12345, 部门) stay together after the first, the office's follow in that order
    assert headings == ["一、运作总体情况", "（一）区政务服务中心业务受理情况", "（二）专业服务大厅业务受理情况",
                        "（三）分中心业务受理情况", "（四）街道政务服务中心业务受理情况", "（五）考核情况",
                        "二、“好差评”情况", "三、12345 热线情况", "四、进驻部门业务情况", "五、效能监察情况",
                        "六、工作动态", "（一）开展消防知识培训，实地进行灭火演练。",
                        "（二）开展廉政教育及素质培训，加强政务服务队伍建设。", "七、政务简讯", "八、服务之星"]
    texts = [p.text.replace("\u202f", " ") for p in doc.paragraphs]

    def at(text: str) -> int:  # in the body (the contents list the headings first)
        return len(texts) - 1 - texts[::-1].index(text)

    assert texts[at("（五）考核情况") + 1:at("二、“好差评”情况")] == ASSESSMENT.splitlines()
    ranking = at("根据省“好差评”榜单显示，海珠区2017年10月份政务服务综合评分为 9.7 分，全市各区排名第 7 名。")
    assert texts[ranking - 1] == "二、“好差评”情况" and texts[ranking + 1] == "办事评价覆盖度是影响我区排名的主要因素。"
    assert texts[at("三、12345 热线情况") + 2] == TOPICS  # after the hotline's figures
    assert texts[at("五、效能监察情况") + 1] == SUPERVISION
    assert texts[at("七、政务简讯") + 1:at("八、服务之星")] == BRIEFS.splitlines()
    stars = doc.tables[-1]  # the last table, after 八、服务之星 (which is the last heading)
    assert [[c.text for c in row.cells] for row in stars.rows] == [line.split("\t") for line in STARS.splitlines()]
    assert "尚未填写" not in "\n".join(texts)
    toc = [p.text.replace("\u202f", " ") for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert toc == headings  # the contents list them, as seed 000's lists its 工作动态


def test_sections_without_text_are_left_out(db: Session, register: Register) -> None:
    _everything(db, supervision=True, briefs=True, assessment=True)
    save_office_texts(session=db, actor=OFFICE, month="2017-10", edits=[OfficeEdit("stars", "")])  # emptied
    b = briefing_data(session=db, register=register, month_code="2017-10", issue=ISSUE)
    headings = briefing_document(b, register, "zh").headings()
    assert headings[4:] == ["（四）街道政务服务中心业务受理情况", "二、“好差评”情况", "三、12345 热线情况",
                            "四、进驻部门业务情况", "五、工作动态", "（一）开展消防知识培训，实地进行灭火演练。",
                            "（二）开展廉政教育及素质培训，加强政务服务队伍建设。"]
    empty = briefing_data(session=db, register=register, month_code="2017-11", issue=ISSUE)  # another issue
    assert briefing_document(empty, register, "zh").headings()[-1] == "四、进驻部门业务情况"


def test_the_branch_centres_assessment_of_its_own_makes_two_sections_as_in_seed_000(db: Session,
                                                                                     register: Register) -> None:
    # seed 000: （三）中心考核情况, （四）分中心考核情况 — here after the four places, so （五） and （六）
    branches = "10 月份，万顷沙镇政务服务中心等 9 个分中心收到感谢信被登记加分。"
    save_office_texts(session=db, actor=OFFICE, month="2017-10", edits=[
        OfficeEdit("assessment", ASSESSMENT), OfficeEdit("assessment_branches", branches)])
    b = briefing_data(session=db, register=register, month_code="2017-10", issue=ISSUE)
    doc = briefing_document(b, register, "zh")
    headings = doc.headings()
    assert headings[5:8] == ["（五）中心考核情况", "（六）分中心考核情况", "二、“好差评”情况"]
    texts = [x.text for x in doc.blocks if isinstance(x, Paragraph)]
    assert branches in texts and texts.index(branches) > texts.index(ASSESSMENT.splitlines()[-1])
    # the branch centres' alone: their own title, and the centre's is not made up
    save_office_texts(session=db, actor=OFFICE, month="2017-10", edits=[OfficeEdit("assessment", "")])
    alone = briefing_document(briefing_data(session=db, register=register, month_code="2017-10", issue=ISSUE),
                              register, "zh").headings()
    assert alone[5:7] == ["（五）分中心考核情况", "二、“好差评”情况"]


def test_the_markdown_prints_user_text_as_text(db: Session, register: Register) -> None:
    save_office_texts(session=db, actor=OFFICE, month="2017-10",
                      edits=[OfficeEdit("briefs", "**加粗** <b>标签</b> [链接](http://x)\n# 不是标题")])
    md = briefing_export(session=db, register=register, actor=OFFICE, month="2017-10", suffix=".md", issue=ISSUE,
                         date=dt.date(2017, 11, 8)).data.decode()
    assert "## 五、政务简讯" in md
    assert "**加粗**" not in md and "<b>" not in md and "\n# 不是标题" not in md  # escaped: shown as typed
    assert "\\*\\*加粗\\*\\*" in md or "&#42;&#42;加粗" in md
