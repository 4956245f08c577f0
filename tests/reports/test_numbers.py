"""Numbers as the briefing prints them, computed by hand from the seeds' figures."""

from __future__ import annotations

import pytest

from tracker.reports.numbers import MISSING, count, month_on_month, percent, ratio, shares, whole
from tracker.wording.numbers import document_figures


def test_month_on_month_from_the_seed() -> None:
    # seed 000: September 30,496 cases, October 25,824: (25824 − 30496) ÷ 30496 = −15.3200…%
    assert month_on_month(25824, 30496) == "环比下降 15.32%"  # spaced as seed 000 prints it (finding 12)
    assert month_on_month(25824, 30496, "en") == "down 15.32% on the previous month"
    # 1,000 → 1,161: +16.10%
    assert month_on_month(1161, 1000) == "环比上升 16.10%"
    assert month_on_month(1000, 1000) == "环比持平"


def test_month_on_month_says_when_it_cannot_compare() -> None:
    assert month_on_month(25824, None) == "上月无数据，无法计算环比"
    assert month_on_month(25824, 0) == "上月无数据，无法计算环比"  # no base to compare with
    assert month_on_month(None, 30496) == "本月无数据"


def test_the_seeds_split_adds_up() -> None:
    # 12,737 ÷ 25,824 = 49.3223…%, 13,087 ÷ 25,824 = 50.6776…%
    assert shares([12737, 13087]) == [49.32, 50.68]


def test_shares_use_largest_remainder_not_naive_rounding() -> None:
    # thirds: naive rounding prints 33.33% three times, 99.99% in all; the largest remainder gives one 33.34%
    thirds = shares([1, 1, 1])
    assert sorted(thirds) == [33.33, 33.33, 33.34]
    assert round(sum(thirds), 2) == 100.00
    assert round(sum(round(1 / 3 * 100, 2) for _ in range(3)), 2) == 99.99  # what naive rounding would print
    # sixths: naive rounding prints 16.67% six times, 100.02% in all
    sixths = shares([1] * 6)
    assert sorted(sixths) == [16.66, 16.66, 16.67, 16.67, 16.67, 16.67]
    assert round(sum(sixths), 2) == 100.00
    # 1 : 1 : 2 splits exactly, and the remainders go to the largest fractions: 2/7 = 28.571…, 4/7 = 57.142…
    assert shares([1, 1, 2]) == [25.0, 25.0, 50.0]
    assert shares([1, 2, 4]) == [14.29, 28.57, 57.14]  # 14.285…, 28.571…, 57.142…: the .285 gets the spare cent


def test_shares_of_nothing() -> None:
    assert shares([0, 0]) == [0.0, 0.0]


def test_counts_and_percents_as_printed() -> None:
    assert count(25824) == "25824 件"  # no thousands separator in running Chinese text
    assert whole(49070.0) == "49070" and whole(7) == "7"
    with document_figures("en"):  # an English document's, as English is written
        assert (count(25824, "cases"), whole(49070.0)) == ("25,824 cases", "49,070")
    assert count(30.0, "人次") == "30 人次"
    assert count(None) == MISSING == "——"
    assert count(float("nan")) == "——"
    assert percent(99.9) == "99.90%"
    assert percent(None) == "——"
    assert percent(float("nan")) == "——"


@pytest.mark.parametrize(("num", "den", "expected"), [(25803, 25824, 25803 / 25824 * 100), (1, None, None),
                                                      (None, 5, None), (3, 0, None), (0, 5, 0.0)])
def test_ratio(num: float | None, den: float | None, expected: float | None) -> None:
    assert ratio(num, den) == expected


def test_a_number_keeps_its_unit_word_on_its_line() -> None:
    from tracker.reports.numbers import NO_BREAK, keep_units

    # seed 000 writes "共受理业务 25824 件，环比下降 15.32%": the space before 25824 may break a line, the one
    # after it may not (finding 5: "23837 件" broke between number and unit)
    assert keep_units("共受理业务 25824 件，环比下降 15.32%") == f"共受理业务 25824{NO_BREAK}件，环比下降 15.32%"
    assert keep_units("2.44 工作日；第 12 期；99.08% 以上") == f"2.44{NO_BREAK}工作日；第 12{NO_BREAK}期；99.08%{NO_BREAK}以上"
    assert keep_units("12345 hotline, 2019 Q1") == "12345 hotline, 2019 Q1"  # Latin text keeps its spaces


def test_month_on_month_in_english_and_at_half_a_percent() -> None:
    # +0.5 % (1,005 against 1,000) is a rise, said as such; under 0.005 % it is flat
    assert month_on_month(1005, 1000, "zh") == "环比上升 0.50%"
    assert month_on_month(995, 1000, "zh") == "环比下降 0.50%"
    assert month_on_month(100000.004, 100000, "zh") == "环比持平"
    english = [month_on_month(None, 5, "en"), month_on_month(5, None, "en"), month_on_month(5, 5, "en")]
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in english), english


def test_shares_of_a_total_of_one_and_dates_in_chinese_by_default() -> None:
    import datetime as dt

    from tracker.reports.numbers import dated

    assert shares([0.25, 0.75]) == [25.0, 75.0]  # a total of 1 is a total (only 0 or less has no shares)
    assert dated(dt.date(2018, 7, 5)) == "2018年7月5日" and dated(dt.date(2018, 7, 5), "en") == "2018-07-05"
