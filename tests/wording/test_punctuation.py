"""Chinese quotation marks in documents."""

from __future__ import annotations

from tracker.wording.punctuation import curly


def test_ascii_quotes_around_chinese_become_chinese_quotation_marks() -> None:
    assert curly('广州市海珠区"十三五"时期政务服务事业发展规划') == "广州市海珠区“十三五”时期政务服务事业发展规划"
    assert curly('政务服务"好差评"满意率与"一网通办"') == "政务服务“好差评”满意率与“一网通办”"
    assert curly('the "13th FYP" plan') == 'the "13th FYP" plan'  # quotes around other text are left alone
