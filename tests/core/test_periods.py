import datetime as dt

import pytest

from tracker.core.errors import BadPeriod
from tracker.core.periods import Period, parse_period


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2019-06", "2019-06"), ("2019/6", "2019-06"), ("2019年6月", "2019-06"), ("201906", "2019-06"),
        ("２０１９－０６", "2019-06"), ("2019-06-30", "2019-06"), ("2019Q2", "2019Q2"),
        ("2019年第二季度", "2019Q2"), ("2019年第2季度", "2019Q2"), ("2019H1", "2019H1"),
        ("2019年上半年", "2019H1"), ("2019年下半年", "2019H2"), ("2019", "2019"), ("2019年", "2019"),
        (2019, "2019"), (201906, "2019-06"), (dt.datetime(2019, 6, 1), "2019-06"),
    ],
)
def test_parse_period_forms(text: object, code: str) -> None:
    assert parse_period(text).code == code


@pytest.mark.parametrize("text", ["2019-13", "June", "19-06", "2019Q5", ""])
def test_unreadable_period_names_the_value_and_the_forms(text: str) -> None:
    with pytest.raises(BadPeriod) as exc:
        parse_period(text)
    assert exc.value.text("zh") == f"无法识别期间“{text}”；请写成 2019-06、2019Q2、2019H1 或 2019"
    assert exc.value.text("en") == f'Cannot read the period "{text}"; write it as 2019-06, 2019Q2, 2019H1 or 2019'


def test_period_spans_and_deadline() -> None:
    q2 = parse_period("2019Q2")
    assert (q2.start, q2.end) == (2019 * 12 + 3, 2019 * 12 + 5)
    assert q2.deadline(5) == dt.date(2019, 7, 5)
    assert parse_period("2019-12").deadline(5) == dt.date(2020, 1, 5)


@pytest.mark.parametrize(
    ("period", "frequency", "fits"),
    [("2019-06", "month", True), ("2019H1", "month", True), ("2019-06", "quarter", False),
     ("2019Q2", "quarter", True), ("2019", "quarter", True), ("2019H1", "year", False)],
)
def test_period_fits_frequency(period: str, frequency: str, fits: bool) -> None:
    assert parse_period(period).fits(frequency) is fits


def test_labels() -> None:
    assert Period(2019, "half_year", 1).label("zh") == "2019年上半年"
    assert Period(2019, "quarter", 2).label("en") == "Q2 2019"
    assert Period(2019, "month", 6).label("zh") == "2019年6月"
