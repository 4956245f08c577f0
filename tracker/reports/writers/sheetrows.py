"""A long worksheet's rows written as XML text, then set into the worksheet XlsxWriter made around them.

XlsxWriter handles each cell in three Python calls (the write, the stored tuple, the XML): a city's mid-term
workbook lists every value used, 1.4 million rows of seven cells, and took 100 s. Here the rows are made column by
column (`Columns`, or rows taken apart): each column's cells become the text after their reference in one pass of
its kind (a text's element made once per distinct text), and one comprehension joins them into `<row>`s. The XML
is what XlsxWriter writes in its constant-memory mode (inline strings; `tests/reports/test_sheetrows.py` compares
the two byte for byte, styles numbered in the same order), but for a text shaped like rich-text XML (`<r>…</r>`),
written as one plain string where `xlsx._write` writes it as plain runs (both read back as the same text): XlsxWriter still writes the sheet's header, its last
row and note, its widths, frozen pane and styles, and the rows between are made while the finished workbook is
copied, set in before its last row and compressed in a second thread.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import IO, Any, Literal, cast

from xlsxwriter.utility import xl_col_to_name

from tracker.reports.model import Cell, Columns, Format

FAST_FROM = 5_000  # rows of a sheet from which its middle rows are written here
STRING_MAX = 32_767  # UTF-16 units of a cell's text (Excel's limit; XlsxWriter cuts longer text there)

_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LEADING, _TRAILING = re.compile(r"^\s"), re.compile(r"\s$")


def text_xml(value: str) -> tuple[str, bool]:
    """A cell's text as XlsxWriter writes an inline string: cut to Excel's length, control characters as
    _xHHHH_ (a literal _xHHHH_ escaped first), XML's &, < and > escaped; and whether spaces are kept."""
    if len(value) > STRING_MAX // 2 and len(value.encode("utf-16-le")) // 2 > STRING_MAX:
        value = _utf16_cut(value)
    value = _ESCAPED_ESCAPE.sub(r"_x005F\1", value)
    value = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", value)
    value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    keep = bool(_LEADING.search(value) or _TRAILING.search(value))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), keep


def _utf16_cut(value: str) -> str:
    units = 0
    for i, ch in enumerate(value):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > STRING_MAX:
            return value[:i]
    return value


_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")  # what text_xml could
# change (an underscore only in a literal _xHHHH_: a city's 90,000 file names hold underscores)


def style_of(value: Cell, fmt: Format, missing: str | None) -> str:
    """The style a cell takes as `xlsx._write` writes it: the missing mark's, the column's, or text's."""
    if value is None:
        return "missing" if missing is not None else fmt
    if isinstance(value, float) and not math.isfinite(value):
        return fmt
    if isinstance(value, int | float) and not isinstance(value, bool) and fmt != "text":
        return fmt
    return "text"


Kind = Literal["text", "number", "integer", "any"]
EXACT = 2**53  # integers below it print the same as XlsxWriter's float to 16 digits
NUMBERS_KEPT = 100_000  # distinct numbers of a column whose text is kept for the next cell of the same value


def kind_of(column: Sequence[Cell], fmt: Format) -> Kind:
    """How a column's cells can be made: all text (or None), all numbers (or None) in a number format, all
    integers printed as they are (a revision id), or one by one (booleans, mixed types, numbers shown as text)."""
    kinds = set(map(type, column))
    if kinds <= {str, type(None)}:
        return "text"
    if kinds == {int} and fmt != "text":
        ints = cast(Sequence[int], column)
        if min(ints) > -EXACT and max(ints) < EXACT:
            return "integer"
    if kinds <= {float, int, type(None)} and fmt != "text":
        return "number"
    return "any"


def first_uses(column: Sequence[Cell], fmt: Format, missing: str | None, kind: Kind) -> dict[str, int]:
    """Style name → the first row (0-based) of the column whose cell takes it."""
    out: dict[str, int] = {}
    if kind == "any":
        for i, value in enumerate(column):
            out.setdefault(style_of(value, fmt, missing), i)
        return out
    first_value = 0 if column and column[0] is not None else next(
        (i for i, v in enumerate(column) if v is not None), None)
    try:
        first_none: int | None = column.index(None)  # a text or number never equals None
    except ValueError:
        first_none = None
    for row, name in ((first_value, "text" if kind == "text" else fmt),  # a number (or integer) takes fmt
                      (first_none, "missing" if missing is not None else fmt)):
        if row is not None:
            out[name] = min(row, out.get(name, row))
    return out


Tails = Callable[[Sequence[Cell]], list[str]]


def tail_maker(formats: Sequence[Format], number: dict[str, int], missing: str | None) -> Callable[[int, Kind], Tails]:
    """For column j of a kind, a function giving, for a run of its cells, what follows each cell's reference
    (`<c r="B7` …): its style and value, as `xlsx._write` has XlsxWriter write it. `number`: each style's
    number (`number_styles`), holding every style the cells use. A text's element is made once per text."""
    texts: dict[tuple[str, str], str] = {}

    def string(name: str, value: str) -> str:
        made = texts.get((name, value))
        if made is None:
            text, keep = text_xml(value) if _PLAIN.search(value) or len(value) > STRING_MAX // 2 else (value, False)
            space = ' xml:space="preserve"' if keep else ""
            made = texts[(name, value)] = f'" s="{number[name]}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
        return made

    def for_column(j: int, kind: Kind) -> Tails:
        fmt = formats[j]
        blank = f'" s="{number[fmt]}"/>' if fmt in number else ""  # "": no cell of the column takes it
        none = string("missing", missing) if missing is not None and "missing" in number else blank

        def one(value: Cell) -> str:
            if value is None:
                return none
            if isinstance(value, float) and not math.isfinite(value):  # NaN or infinite: no number Excel reads
                return blank
            if isinstance(value, int | float) and not isinstance(value, bool) and fmt != "text":
                return f'" s="{number[fmt]}"><v>{float(value):.16G}</v></c>'
            return string("text", str(value))

        class _Texts(dict[Cell, str]):
            def __missing__(self, value: Cell) -> str:
                made = self[value] = none if value is None else string("text", str(value))
                return made

        known = _Texts()  # a text's tail looked up at C speed once made

        def texts_of(cells: Sequence[Cell]) -> list[str]:
            return list(map(known.__getitem__, cells))

        class _Numbers(dict[Cell, str]):
            def __missing__(self, value: Cell) -> str:
                v = cast(float, value)  # kind "number": floats and integers (None is kept from the start)
                if v - v:  # NaN or infinite (v - v is NaN, true): no number Excel reads
                    return blank
                made = f'" s="{number[fmt]}"><v>{float(v):.16G}</v></c>'
                if v != 0 and len(self) < NUMBERS_KEPT:  # few distinct values (counts): each made once
                    self[value] = made  # (not zero: -0.0 equals 0.0 as a key, and prints "-0")
                return made

        numbers = _Numbers({None: none})

        def numbers_of(cells: Sequence[Cell]) -> list[str]:
            return list(map(numbers.__getitem__, cells))

        def integers_of(cells: Sequence[Cell]) -> list[str]:
            s = number[fmt]
            return [f'" s="{s}"><v>{v}</v></c>' for v in cells]

        if kind == "text":
            return texts_of
        if kind == "number":
            return numbers_of
        if kind == "integer":
            return integers_of
        return lambda cells: [one(v) for v in cells]

    return for_column


def number_styles(columns: Sequence[Sequence[Cell]], formats: Sequence[Format], styles: dict[str, Any],
                  missing: str | None, kinds: Sequence[Kind]) -> dict[str, int]:
    """Number the styles the columns use in the order their first cells come, row by row, as XlsxWriter would
    writing the rows one by one (its styles part lists them in that order): style name → its number.
    `styles`: the workbook's XlsxWriter formats by name."""
    firsts = sorted((row, j, name) for j, column in enumerate(columns)
                    for name, row in first_uses(column, formats[j], missing, kinds[j]).items())
    number: dict[str, int] = {}
    for _, _, name in firsts:
        if name not in number:
            number[name] = styles[name]._get_xf_index()
    return number


def row_maker(width: int) -> Callable[..., list[str]]:
    """A function giving `<row>` elements from row numbers (text) and each column's tails: one comprehension
    made for the sheet's width (a city's 1.4 million rows took 2 s so, 5 s by `%` formatting row by row). Only
    column letters and names go into the generated code, never a cell."""
    args = [f"t{j}" for j in range(width)]
    names = [f"v{j}" for j in range(width)]
    cells = "".join(f'<c r="{xl_col_to_name(j)}{{n}}{{{v}}}' for j, v in enumerate(names))
    source = (f"lambda ns, {', '.join(args)}: [f'<row r=\"{{n}}\">{cells}</row>' "
              f"for n, {', '.join(names)} in zip(ns, {', '.join(args)})]")
    return cast(Callable[..., list[str]], eval(source))  # noqa: S307 - code made above from letters and names


CHUNK = 20_000  # rows formatted and compressed at a time (a city's whole sheet as one text took 4.7 GB)


def rows_xml(rows: Sequence[Sequence[Cell]], first: int, formats: Sequence[Format], styles: dict[str, Any],
             missing: str | None, count: int | None = None) -> Iterator[bytes]:
    """`<row>` elements of the rows (the first `count` of them), the first at 0-based row `first`, as UTF-8,
    `CHUNK` rows at a time. The styles they use are numbered now, in row order (call it while the workbook is
    open: it lists the styles numbered when it closes); the rows are made as they are read (after it closed,
    into its sheet's part). `Columns` are read in place, not copied (a city's are 77 MB of pointers)."""
    count = len(rows) if count is None else count
    data: list[Sequence[Cell]] = ([_Head(c, count) for c in rows.data] if isinstance(rows, Columns)
                                  else list(Columns.of_rows(rows[:count], len(formats)).data))
    kinds = [kind_of(c, f) for c, f in zip(data, formats, strict=True)]
    maker = tail_maker(formats, number_styles(data, formats, styles, missing, kinds), missing)
    tails = [maker(j, kind) for j, kind in enumerate(kinds)]
    return _chunks(data, count, first, tails)


class _Head(Sequence[Cell]):
    """The first `count` cells of a column, read in place: what `rows_xml` asks of a column (its length,
    iteration, an index, a slice, `index`) without copying it."""

    def __init__(self, column: list[Cell], count: int) -> None:
        self.column, self.size = column, min(count, len(column))

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[Cell]:
        return islice(self.column, self.size)

    def __bool__(self) -> bool:
        return self.size > 0

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return self.column[slice(*index.indices(self.size))]
        if not -self.size <= index < self.size:
            raise IndexError(index)
        return self.column[index % self.size]

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        return self.column.index(value, start, self.size if stop is None else min(stop, self.size))


def _chunks(data: list[Sequence[Cell]], count: int, first: int, tails: list[Tails]) -> Iterator[bytes]:
    rows = row_maker(len(data))
    for start in range(0, count, CHUNK):
        stop = min(start + CHUNK, count)
        numbers = list(map(str, range(first + start + 1, first + stop + 1)))
        made = rows(numbers, *(t(c[start:stop]) for t, c in zip(tails, data, strict=True)))
        yield "".join(made).encode("utf-8")


SHEET_LEVEL = 1  # zlib level of a sheet with rows set in, compressed in a second thread while the next rows are
# made: a city's 600 MB of XML took 5.4 s at zlib's 6 and 2.3 s at 3, still making the rows wait for it; at 1 the
# workbook is made 0.6–1 s sooner and is 63 MB instead of 56 MB


def set_rows(book: bytes, inserts: Mapping[int, tuple[int, Iterable[bytes]]]) -> bytes:
    """The workbook with each sheet's rows set in: sheet position (0-based) → (the 0-based row they go before,
    their XML), streamed into the sheet's compressed part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                   compresslevel=SHEET_LEVEL) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            sheet = _sheet_number(info.filename)
            if sheet is None or sheet - 1 not in inserts:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
                continue
            before, pieces = inserts[sheet - 1]
            at = data.index(f'<row r="{before + 1}"'.encode(), data.index(b"<sheetData>"))
            with dst.open(info.filename, "w", force_zip64=True) as f:  # a name: the ZipFile's level applies
                f.write(data[:at])
                _write_behind(f, pieces)
                f.write(data[at:])
    return out.getvalue()


def _write_behind(f: IO[bytes], pieces: Iterable[bytes]) -> None:
    """Write the pieces in order, each in a second thread while the next is made (zlib lets go of Python's lock
    while it compresses)."""
    with ThreadPoolExecutor(1) as pool:
        pending: Future[int] | None = None
        for piece in pieces:
            if pending is not None:
                pending.result()
            pending = pool.submit(f.write, piece)
        if pending is not None:
            pending.result()


def _sheet_number(name: str) -> int | None:
    m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
    return int(m.group(1)) if m else None
