import pytest

from tracker.importer.cells import CellError, parse_cell


@pytest.mark.parametrize(
    ("raw", "value", "percent"),
    [
        ("1234", 1234.0, False), ("1,234", 1234.0, False), ("１２３", 123.0, False), ("１，２３４", 1234.0, False),
        ("12.5", 12.5, False), (" 44541 ", 44541.0, False), ("99.43%", 99.43, True), ("９９．４３％", 99.43, True),
        ("196.71万", 1_967_100.0, False), (4471, 4471.0, False), (0.5, 0.5, False),
    ],
)
def test_numbers_as_people_write_them(raw: object, value: float, percent: bool) -> None:
    cell = parse_cell(raw)
    assert cell.value == pytest.approx(value)
    assert cell.is_percent is percent


@pytest.mark.parametrize("raw", ["——", "—", "-", "/", "", None, "  ", float("nan")])
def test_not_reported_marks_are_missing_never_zero(raw: object) -> None:
    assert parse_cell(raw).value is None


def test_header_in_wan_multiplies() -> None:
    assert parse_cell("2.5", wan=True).value == 25_000.0
    assert parse_cell(3, wan=True).value == 30_000.0


@pytest.mark.parametrize("raw", ["abc", "12a", "一百", "1.2.3", True])
def test_text_is_not_a_number(raw: object) -> None:
    with pytest.raises(CellError):
        parse_cell(raw)
