"""From a grid of cells to candidate values: tell long from wide and read every row, under the header found by
`tracker.importer.header` (whose names are re-exported here)."""

from __future__ import annotations

from tracker.core.errors import BadPeriod, Problem
from tracker.core.i18n import msg, named, names
from tracker.core.periods import Period, month, parse_period
from tracker.importer.cells import CellError, as_written, note_text, parse_cell
from tracker.importer.files import Grid
from tracker.importer.header import Candidate, Layout, column_letter, find_layout
from tracker.importer.matching import Column, Matcher, norm

__all__ = ["Candidate", "Layout", "RowReader", "column_letter", "find_layout"]

# Stored notes are in Chinese, the language of the reports themselves.
UNWEIGHTED = msg("import.note_unweighted", "zh")
PUBLISHED = msg("import.note_published", "zh")
TOTAL_WORDS = {"合计", "总计", "全区合计", "小计", "total"}


class RowReader:
    """Reads data rows of a grid into candidates, collecting every problem."""

    def __init__(self, grid: Grid, matcher: Matcher, layout: Layout, period: Period | None,
                 unit: str | None) -> None:
        self.grid, self.m, self.layout = grid, matcher, layout
        self.period, self.unit = period, unit
        self.problems: list[Problem] = []
        self.candidates: list[Candidate] = []
        self._fraction_cols = self._rate_columns_as_fractions()
        # looked up once: read() visits every row
        self._unit_i, self._period_i, self._note_i = layout.first("unit"), layout.first("period"), layout.first("note")
        self._metric_i, self._value_i = layout.first("metric_name"), layout.first("value")
        self._totals: dict[object, bool] = {}
        self._unknown_reported: set[int] = set()

    def problem(self, row: int, where: str, value: object, key: str, /, **params: object) -> None:
        self.problems.append(Problem(self.grid.name, key, {"value": as_written(value) or "", **params}, row, where,
                                     as_written(value)))

    def _rate_columns_as_fractions(self) -> set[int]:
        """Rate columns whose numeric cells are all ≤ 1: Excel stored 99.43% as 0.9943."""
        out = set()
        for i, _, col in self.layout.columns:
            is_rate = col is not None and (col.kind == "rate" or (col.kind == "metric" and self._is_rate(col.code)))
            if not is_rate:
                continue
            nums = [r[i] for r in self.grid.rows[self.layout.header_row + 1:]
                    if i < len(r) and isinstance(r[i], int | float) and not isinstance(r[i], bool)]
            if nums and all(0 <= float(v) <= 1 for v in nums):  # type: ignore[arg-type]
                out.add(i)
        return out

    def _is_rate(self, metric: str | None) -> bool:
        return metric is not None and self.m.register.metrics[metric].kind == "rate"

    def _cell(self, row: list[object], i: int | None) -> object:
        return row[i] if i is not None and i < len(row) else None

    def _row_unit(self, r: int, row: list[object]) -> str | None:
        i = self._unit_i
        raw = self._cell(row, i)
        if i is None or raw in (None, ""):
            return self.unit
        code, candidates = self.m.unit(raw)
        header = self.layout.columns[i][1]
        units = self.m.register.units
        if code is None:
            if candidates:
                self.problem(r, header, raw, "import.ambiguous_unit",
                             candidates=names(units[c] for c in candidates))
            else:
                close = self.m.suggest(raw)
                if close:
                    self.problem(r, header, raw, "import.unknown_unit_suggest", suggestions="、".join(close))
                else:
                    self.problem(r, header, raw, "import.unknown_unit")
        elif self.unit is not None and code != self.unit:
            # a unit chosen on upload never silently overrides the file's own unit column
            self.problem(r, header, raw, "import.unit_mismatch", chosen=named(units[self.unit]))
            return None
        return code

    def _named_in_time(self, r: int, row: list[object], unit: str, period: Period) -> bool:
        """A former name only for the periods it was in use; a unit that has ceased (a reorganisation) only for
        the periods it existed — else a problem naming the unit that continues it."""
        reg = self.m.register
        raw = self._cell(row, self._unit_i)
        where = self.layout.columns[self._unit_i][1] if self._unit_i is not None else ""
        until = self.m.former_until(raw) if raw not in (None, "") else None
        if until is not None and period.start > until:
            self.problem(r, where, raw, "import.former_name", written=str(raw), until=month(until).named(),
                         unit=named(reg.units[unit]), period=period.named())
            return False
        if not reg.units[unit].valid_at(period.start) and reg.successors.get(unit):
            self.problem(r, where, raw if raw not in (None, "") else reg.units[unit].name_zh, "import.unit_ended",
                         unit=named(reg.units[unit]), period=period.named(),
                         successors=names(reg.units[s] for s in reg.successors[unit]))
            return False
        return True

    def _row_period(self, r: int, row: list[object]) -> Period | None:
        i = self._period_i
        raw = self._cell(row, i)
        if i is None or raw in (None, ""):
            return self.period
        try:
            return parse_period(raw)
        except BadPeriod as exc:
            key = {"error.period_ambiguous_number": "import.period_ambiguous_number",
                   "error.period_year": "import.period_year"}.get(exc.key, "import.bad_period")
            self.problem(r, self.layout.columns[i][1], raw, key)
            return None

    def read(self) -> list[Candidate]:
        if self._period_i is None and self.period is None:
            self.problems.append(Problem(self.grid.name, "import.no_period", {}, self.layout.header_row + 1))
            return []
        is_long = self.layout.is_long
        data_rows = 0
        for idx in range(self.layout.header_row + 1, len(self.grid.rows)):
            row = self.grid.rows[idx]
            if self._skip(row):
                continue
            data_rows += 1
            r = idx + 1
            unit, period = self._row_unit(r, row), self._row_period(r, row)
            if unit is not None and period is not None and not self._named_in_time(r, row, unit, period):
                unit = None
            if is_long:
                self._read_long(r, row, unit, period)
            else:
                self._read_wide(r, row, unit, period)
        if not data_rows:
            self.problems.append(Problem(self.grid.name, "import.no_rows", {}, self.layout.header_row + 1))
        return self.candidates

    def _skip(self, row: list[object]) -> bool:
        """Rows with nothing but a unit (notes such as 注:…) and total rows are not data."""
        unit = self._cell(row, self._unit_i)
        has_unit = unit is not None and unit != ""
        filled = len(row) - row.count(None) - row.count("")
        if filled == has_unit:  # empty, or only the unit column filled
            return True
        if not has_unit:
            return False
        total = self._totals.get(unit)
        if total is None:
            total = self._totals[unit] = norm(str(unit)) in TOTAL_WORDS
        return total

    def _number(self, r: int, header: str, raw: object, col: Column, rate: bool, i: int) -> float | None:
        try:
            cell = parse_cell(raw, wan=col.wan)
        except CellError as exc:
            self.problem(r, header, raw, exc.key)
            return None
        value = cell.value
        if value is None:
            return None
        if rate:
            if i in self._fraction_cols and not cell.is_percent:
                value = round(value * 100, 9)  # 0.9905 × 100 is 99.05000000000001 in floating point
            if not 0 <= value <= 100:
                self.problem(r, header, raw, "import.rate_range")
                return None
        elif cell.is_percent:
            self.problem(r, header, raw, "import.percent_in_count", column=self.layout.headers.get(i, header))
            return None
        elif value < 0:
            self.problem(r, header, raw, "import.negative")
            return None
        return value

    def _note(self, r: int, row: list[object]) -> str | None:
        """The row's note as written (spaces kept), or a problem for control characters or a note too long."""
        raw = self._cell(row, self._note_i)
        if raw in (None, ""):
            return None
        try:
            return note_text(raw)
        except CellError as exc:
            assert self._note_i is not None
            self.problem(r, self.layout.columns[self._note_i][1], str(raw)[:50], exc.key)
            return None

    def _add(self, r: int, header: str, raw: object, unit: str | None, period: Period | None, metric: str,
             value: float | None, note: str | None = None) -> None:
        if unit is not None and period is not None:
            self.candidates.append(Candidate(r, header, raw, unit, metric, period, value, note,
                                             unit_column=self._label(self._unit_i),
                                             period_column=self._label(self._period_i)))

    def _label(self, i: int | None) -> str:
        return self.layout.columns[i][1] if i is not None else ""

    def _read_wide(self, r: int, row: list[object], unit: str | None, period: Period | None) -> None:
        counts: dict[str, float | None] = {}
        rates: list[tuple[str, str, object, float | None]] = []
        note = self._note(r, row)
        for i, header, col in self.layout.columns:
            raw = self._cell(row, i)
            if col is None:
                if raw not in (None, "") and header and i not in self._unknown_reported:
                    # once per column, at its header: every row below it has the same problem
                    self._unknown_reported.add(i)
                    self.problem(self.layout.header_row + 1, header, self.layout.headers.get(i, header),
                                 "import.unknown_column_values")
                continue
            if col.kind == "metric":
                assert col.code is not None
                is_rate = self._is_rate(col.code)
                value = self._number(r, header, raw, col, is_rate, i)
                counts[col.code] = value
                self._add(r, header, raw, unit, period, col.code, value,
                          UNWEIGHTED if is_rate and value is not None else note)
            elif col.kind == "rate":
                assert col.code is not None
                rates.append((col.code, header, raw, self._number(r, header, raw, col, True, i)))
        for indicator, header, raw, rate in rates:
            self._resolve_rate(r, header, raw, unit, period, indicator, rate, counts)

    def _resolve_rate(self, r: int, header: str, raw: object, unit: str | None, period: Period | None,
                      indicator: str, rate: float | None, counts: dict[str, float | None]) -> None:
        reg = self.m.register
        ind = reg.indicators[indicator]
        # a rate can be turned into a count only for a single numerator ÷ denominator, next to its base
        (numerator, denominator), *more = ind.components
        base = None if more or denominator is None else counts.get(denominator)
        stand_in = next((m.code for m in reg.metrics.values() if m.rate_of == indicator), None)
        if base is not None:
            if rate is None:
                return
            exact = rate / 100 * base if ind.factor == 100 else rate * base
            rounded = float(round(exact))
            assert denominator is not None
            note = msg("import.note_implied", "zh", rate_name=ind.name_zh, rate=f"{rate:g}",
                       base_name=reg.metrics[denominator].name_zh, base=f"{base:g}", exact=f"{exact:.2f}",
                       rounded=f"{rounded:.0f}")
            self._add(r, header, raw, unit, period, numerator, rounded, note)
            if stand_in is not None:  # the rate as published, so a table that reproduces the source prints it
                self._add(r, header, raw, unit, period, stand_in, rate, PUBLISHED)
            return
        if stand_in is None:
            if rate is not None:
                self.problem(r, header, raw, "import.no_rate_metric", column=header,
                             base=names(reg.metrics[d] for d in ind.denominators))
            return
        self._add(r, header, raw, unit, period, stand_in, rate, UNWEIGHTED if rate is not None else None)

    def _read_long(self, r: int, row: list[object], unit: str | None, period: Period | None) -> None:
        mi, vi = self._metric_i, self._value_i
        raw_metric, raw = self._cell(row, mi), self._cell(row, vi)
        header = self.layout.columns[vi][1] if vi is not None else ""
        col = self.m.column(raw_metric) if raw_metric not in (None, "") else None
        if col is None or col.kind not in ("metric", "rate"):
            self.problem(r, self.layout.columns[mi][1] if mi is not None else "", raw_metric, "import.unknown_metric")
            return
        note = self._note(r, row)
        if col.kind == "rate":
            assert col.code is not None
            rate = self._number(r, header, raw, col, True, vi or 0)
            self._resolve_rate(r, header, raw, unit, period, col.code, rate, {})
            return
        assert col.code is not None
        rate_metric = self._is_rate(col.code)
        value = self._number(r, header, raw, Column("metric", col.code), rate_metric, vi or 0)
        self._add(r, header, raw, unit, period, col.code, value, note)
