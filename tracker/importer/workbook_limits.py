"""What an XLSX may expand to, checked in its XML before anything reads it, and the error cells it holds.

A 1.5 KB workbook whose cells sit at A1 and XFD1048576 makes a reader build a grid of 17 billion cells; a
400 MB shared string expands a small file into gigabytes. Before calamine reads a workbook: the total
uncompressed size, the shared strings' size and every sheet's extent (from its cell references, streamed, never
held whole) are bounded, and refused with a message naming what was too big. The same pass notes the cells
that hold an Excel error (#DIV/0!, #N/A), which the reader would otherwise turn into blanks.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

MAX_UNCOMPRESSED = 300_000_000  # bytes, all parts together
MAX_SHARED_STRINGS = 50_000_000  # bytes of xl/sharedStrings.xml
MAX_AREA = 5_000_000  # cells from A1 to the last row and column (what the reader allocates)
MAX_ROWS = 1_048_576
CHUNK = 1 << 20
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/?)>(?:\s*<(?:\w+:)?f[^>]*>[^<]*</(?:\w+:)?f>)?(?:\s*<(?:\w+:)?v>([^<]*)<)?")
_REF = re.compile(rb'\br="([A-Z]{1,4})([0-9]{1,9})"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]{0,4}[0-9]{0,9}:?([A-Z]{1,4})([0-9]{1,9})"')


class TooBig(ValueError):
    def __init__(self, what: str, size: int, limit: int, sheet: str | None = None) -> None:
        super().__init__(what)
        self.what, self.size, self.limit, self.sheet = what, size, limit, sheet


@dataclass
class SheetFacts:
    last_row: int = 0
    last_col: int = 0
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column), 1-based → "#DIV/0!"


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _scan(stream: object, sheet: str) -> SheetFacts:
    """Cell references and error cells of one worksheet part, read in chunks (a tag cut by a chunk boundary is
    read with the next chunk)."""
    facts = SheetFacts()
    tail = b""
    while True:
        chunk = stream.read(CHUNK)  # type: ignore[attr-defined]
        data = tail + chunk
        last_end = 0
        for m in _CELL.finditer(data):
            attrs = m.group(1)
            ref = _REF.search(attrs)
            if ref is not None:
                row, col = int(ref.group(2)), column_number(ref.group(1))
                facts.last_row, facts.last_col = max(facts.last_row, row), max(facts.last_col, col)
                if _ERROR_TYPE.search(attrs):
                    facts.errors[(row, col)] = (m.group(3) or b"#ERROR").decode("utf-8", "replace")[:16]
            last_end = m.end()
        if facts.last_row > MAX_ROWS:
            raise TooBig("rows", facts.last_row, MAX_ROWS, sheet)
        if facts.last_row * facts.last_col > MAX_AREA:
            raise TooBig("area", facts.last_row * facts.last_col, MAX_AREA, sheet)
        if not chunk:
            return facts
        # keep what may be the start of a tag cut in two
        cut = data.rfind(b"<", max(last_end, len(data) - 4096))
        tail = data[cut:] if cut >= 0 else b""


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part (xl/worksheets/sheet1.xml), from the workbook and its relationships."""
    try:
        workbook = z.read("xl/workbook.xml")[:5_000_000]
        rels = z.read("xl/_rels/workbook.xml.rels")[:5_000_000]
    except KeyError:
        return {}
    targets = {m.group(1): m.group(2) for m in re.finditer(
        rb'<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"', rels)}
    targets |= {m.group(2): m.group(1) for m in re.finditer(
        rb'<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"', rels)}
    out = {}
    for m in re.finditer(rb'<(?:\w+:)?sheet\b([^>]*)/?>', workbook):
        name = re.search(rb'\bname="([^"]*)"', m.group(1))
        rid = re.search(rb'\br:id="([^"]*)"|\bid="([^"]*)"', m.group(1))
        if name is None or rid is None:
            continue
        target = targets.get(rid.group(1) or rid.group(2))
        if target is None:
            continue
        path = target.decode().lstrip("/")
        out[_unescape(name.group(1).decode("utf-8", "replace"))] = path if path.startswith("xl/") else f"xl/{path}"
    return out


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace(
        "&amp;", "&")


def inspect(data: bytes, sheet: str | None) -> dict[str, SheetFacts]:
    """Facts of every worksheet (or only `sheet`'s), after bounding the whole workbook; TooBig when over a
    limit, zipfile.BadZipFile when it is no zip."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED:
            raise TooBig("uncompressed", total, MAX_UNCOMPRESSED)
        for info in infos:
            if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS:
                raise TooBig("shared_strings", info.file_size, MAX_SHARED_STRINGS)
        parts = _sheet_parts(z)
        wanted = {n: p for n, p in parts.items() if sheet is None or n == sheet}
        facts = {}
        for name, part in wanted.items():
            try:
                head = z.open(part).read(4096)
            except KeyError:
                continue
            dim = _DIMENSION.search(head)
            if dim is not None:
                rows, cols = int(dim.group(2)), column_number(dim.group(1))
                if rows > MAX_ROWS or rows * cols > MAX_AREA:
                    raise TooBig("area", rows * cols, MAX_AREA, name)
            with z.open(part) as stream:
                facts[name] = _scan(stream, name)
        return facts
