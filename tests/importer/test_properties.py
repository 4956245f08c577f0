"""Property-based tests (hypothesis): any input to the value, period and unit parsers and the file reader gives a
value or a named error — never another exception, never a value that is not what was written."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.errors import BadPeriod, ImportRejected
from tracker.core.periods import FIRST_YEAR, LAST_YEAR, Period, parse_period
from tracker.importer.cells import LARGEST, CellError, parse_cell
from tracker.importer.files import read_grid
from tracker.importer.matching import Matcher
from tracker.register import Register

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=60)  # surrogates, digits of every script …


@given(st.one_of(ANY_TEXT, st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans()))
def test_a_cell_gives_a_value_or_a_cell_error(raw: object) -> None:
    try:
        cell = parse_cell(raw)
    except CellError:
        return
    if cell.value is not None:
        assert math.isfinite(cell.value) and abs(cell.value) <= LARGEST


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_read_back_as_written(n: int) -> None:
    assert parse_cell(str(n)).value == n
    assert parse_cell(f"{n:,}").value == n  # with thousands separators
    if n * 10_000 <= LARGEST:
        assert parse_cell(f"{n}万").value == n * 10_000


@given(st.one_of(ANY_TEXT, st.integers(), st.floats(), st.dates(), st.datetimes()))
def test_a_period_gives_a_period_or_bad_period(raw: object) -> None:
    try:
        p = parse_period(raw)
    except BadPeriod:
        return
    assert FIRST_YEAR <= p.year <= LAST_YEAR


@given(st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR), st.sampled_from(["month", "quarter", "half_year", "year"]),
       st.integers(min_value=1, max_value=12))
def test_periods_read_back_from_their_code_and_label(year: int, kind: str, index: int) -> None:
    index = min(index, {"month": 12, "quarter": 4, "half_year": 2, "year": 1}[kind])
    p = Period(year, kind, index)  # type: ignore[arg-type]
    assert parse_period(p.code) == p
    assert parse_period(p.label("zh")) == p
    if kind == "month":
        assert parse_period(dt.date(year, index, 1)) == p


def test_a_unit_name_gives_a_code_or_none(register: Register) -> None:
    matcher = Matcher(register)

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(ANY_TEXT, st.integers(), st.floats()))
    def check(raw: object) -> None:
        code, candidates = matcher.unit(raw)
        assert code is None or code in register.units
        assert all(c in register.units for c in candidates)
        matcher.suggest(raw)

    check()
    assert matcher.unit("赤岗街")[0] == "street_chigang"
    assert matcher.unit("\ud800赤岗街") == (None, [])  # a lone surrogate (found by hypothesis) is no crash


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_the_reader_gives_a_grid_or_a_rejection(data: bytes, suffix: str) -> None:
    try:
        grid = read_grid(f"f{suffix}", data, max_mb=20)
    except ImportRejected as e:
        assert e.problems
        return
    assert grid.rows


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(ANY_TEXT, max_size=5), max_size=8))
def test_any_csv_text_gives_a_grid_or_a_rejection(rows: list[list[str]]) -> None:
    text = "\n".join(",".join(r) for r in rows)
    try:
        read_grid("f.csv", text.encode("utf-8", "surrogatepass"), max_mb=20)
    except ImportRejected as e:
        assert e.problems
