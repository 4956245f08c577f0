"""Report templates per unit and period: XLSX with drop-downs, number formats, instructions and hidden codes."""

from __future__ import annotations

import csv
import io

import xlsxwriter

from tracker.core.periods import Period, month, parse_period
from tracker.core.safecells import csv_cell
from tracker.register import Metric, Register, Unit

DATA_SHEET = "报送数据"
INSTRUCTIONS = [
    "填表说明",
    "1. 每行填写一个单位一个期间的数据；单位和期间已预填，可从下拉列表选择。",
    "2. 只填写数字，不要填写单位（件、项等）；千分位逗号可有可无。",
    "3. 未报送或不适用的数据请填“——”或留空，系统按“未报送”处理，不会当作 0。",
    "4. 第 2 行已隐藏，供系统识别各列，请勿修改或删除。",
    "5. 填好后在“数据报送”页上传。系统会列出所有需要修改的地方（行号和列号与 Excel 一致），",
    "   全部通过后显示将新增、修改的数据，确认后才保存。",
    "6. 报送截止：次月 {day} 日。",
]


def template_metrics(register: Register, unit: Unit, period: Period) -> list[Metric]:
    """The count metrics the unit's type reports for periods of this kind (monthly flows, quarterly stocks …)."""
    return [m for m in register.metrics_for(unit.type) if m.frequency == period.kind]


def _header(m: Metric) -> str:
    return f"{m.name_zh}({m.unit})"


def template_xlsx(*, register: Register, unit: Unit, period: Period | str) -> bytes:
    """An XLSX template for one unit and period that imports with no mapping."""
    p = parse_period(period) if isinstance(period, str) else period
    metrics = template_metrics(register, unit, p)
    buf = io.BytesIO()
    # text stays text: a unit or metric name starting with = + - @ is never written as a formula
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    count_fmt = book.add_format({"num_format": "#,##0", "border": 1})
    text_fmt = book.add_format({"border": 1})
    sheet = book.add_worksheet(DATA_SHEET)
    lists = book.add_worksheet("lists")
    names = [u.name_zh for u in register.reporting_units()]
    periods = _period_choices(register)
    for i, name in enumerate(names):
        lists.write_string(i, 0, name)
    for i, code in enumerate(periods):
        lists.write_string(i, 1, code)
    lists.hide()
    sheet.write_row(0, 0, ["单位", "期间"] + [_header(m) for m in metrics], head)
    sheet.write_row(1, 0, ["unit", "period"] + [m.code for m in metrics])
    sheet.set_row(1, None, None, {"hidden": True})
    sheet.write_string(2, 0, unit.name_zh, text_fmt)
    sheet.write_string(2, 1, p.code, text_fmt)
    for j in range(len(metrics)):
        sheet.write_blank(2, j + 2, None, count_fmt)
    sheet.data_validation(2, 0, 200, 0, {"validate": "list", "source": f"=lists!$A$1:$A${len(names)}"})
    sheet.data_validation(2, 1, 200, 1, {"validate": "list", "source": f"=lists!$B$1:$B${len(periods)}"})
    sheet.data_validation(2, 2, 200, 1 + len(metrics), {
        "validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
        "error_title": "请输入数字", "error_message": "请填写不小于 0 的数字；未报送请留空。"})
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 1 + len(metrics), 14, count_fmt)
    sheet.freeze_panes(2, 1)
    info = book.add_worksheet("填表说明")
    for i, line in enumerate(INSTRUCTIONS):
        info.write(i, 0, line.format(day=register.plan.reporting_deadline_day))
    info.write(len(INSTRUCTIONS) + 1, 0, f"单位：{unit.name_zh}  期间：{p.label('zh')}")
    info.set_column(0, 0, 100)
    book.close()
    return buf.getvalue()


def template_csv(*, register: Register, unit: Unit, period: Period | str) -> bytes:
    """A CSV template (UTF-8 with BOM, so Excel opens it correctly) for one unit and period."""
    p = parse_period(period) if isinstance(period, str) else period
    metrics = template_metrics(register, unit, p)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([csv_cell(c) for c in ["单位", "期间"] + [_header(m) for m in metrics]])
    w.writerow([csv_cell(unit.name_zh), p.code] + [""] * len(metrics))
    return out.getvalue().encode("utf-8-sig")


def _period_choices(register: Register) -> list[str]:
    first, last = parse_period(register.plan.start), parse_period(register.plan.end)
    return [month(m).code for m in range(first.start, last.end + 1)]
