"""One document as plain data (Pandoc's idea): a cover, then headings, paragraphs, tables and images."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

from tracker.wording.numbers import tables_grouped

Cell = str | float | int | None  # None is printed as "——" (not reported)
Format = Literal["text", "count", "percent", "decimal"]


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、  2: （一）  3: 1.  4: （1）
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["body", "quote", "note", "centre"] = "body"


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    formats: list[Format]
    caption: str | None = None
    note: str | None = None
    weights: list[float] | None = None  # relative column widths, when the default split does not suit
    dense: bool = False  # 五号 (10.5 pt) text and 1 mm cell margins: a wide table reproducing a source's table
    # its counts' thousands grouped (an English document's) or not (a Chinese one's): as its builder words them
    grouped: bool = field(default_factory=tables_grouped)


@dataclass(frozen=True)
class Image:
    png: bytes
    caption: str
    width_mm: float = 150


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    """目 录: the document's headings down to `levels` (a Word TOC field, page numbers filled in when the document
    is opened in Word or WPS; the headings alone until then)."""

    title: str
    entries: list[tuple[int, str]]  # (level, heading text)
    levels: int = 2
    pages: list[int] | None = None  # each entry's page, when known (the PDF: laid out once to find them)


Block = Heading | Paragraph | Table | Image | PageBreak | Contents


@dataclass(frozen=True)
class Cover:
    """The first page: who sends what, about when. `lines` are printed under the title (as-of, data version)."""

    title: str
    issuer: str
    date: str
    subtitle: str | None = None
    issue_line: str | None = None
    lines: list[str] = field(default_factory=list)
    masthead: bool = False  # the 简报's red title and red rule (红头); every other document's title is black


class Columns(Sequence[list[Cell]]):
    """A long sheet's rows kept as its columns, each a list of cells of one length (a city's workbook lists 1.4
    million values used: made as 1.4 million row lists, they took 4 s to build and as long again to take apart
    for writing). Read as rows wherever rows are asked for; the XLSX writer takes the columns as they are."""

    __slots__ = ("data",)

    def __init__(self, data: Iterable[Sequence[Cell]]) -> None:
        self.data = [c if isinstance(c, list) else list(c) for c in data]
        if len({len(c) for c in self.data}) > 1:
            raise ValueError("columns of different lengths")

    @classmethod
    def of_rows(cls, rows: Sequence[Sequence[Cell]], width: int) -> Columns:
        return cls([list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(width)])

    def __len__(self) -> int:
        return len(self.data[0]) if self.data else 0

    @overload
    def __getitem__(self, index: int) -> list[Cell]: ...

    @overload
    def __getitem__(self, index: slice) -> Columns: ...

    def __getitem__(self, index: int | slice) -> list[Cell] | Columns:
        if isinstance(index, slice):
            return Columns([c[index] for c in self.data])
        return [c[index] for c in self.data]

    def __iter__(self) -> Iterator[list[Cell]]:
        return (list(row) for row in zip(*self.data, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Columns):
            return self.data == other.data
        if isinstance(other, list):  # rows, as a sheet's rows are otherwise given
            return len(other) == len(self) and all(isinstance(b, list) and a == b
                                                   for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list


@dataclass(frozen=True)
class Sheet:
    """One worksheet of an XLSX export: a header row and rows of numbers and text."""

    name: str
    columns: list[str]
    rows: Sequence[list[Cell]]  # a list of rows, or `Columns`
    formats: list[Format]
    missing: str | None = None  # written where a value is None ("——" as the office prints it); blank when None
    note: str | None = None  # a line under the table


@dataclass(frozen=True)
class Document:
    cover: Cover
    blocks: list[Block]
    sheets: list[Sheet] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Heading)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]
