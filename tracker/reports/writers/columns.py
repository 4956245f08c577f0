"""A table's column widths and header lines as printed, so that no header wraps inside a word or a short run of
Chinese characters ("工/作/日" stacked, "进度要/求") and no number or unit word in a cell is split across lines.

Widths are estimated in ems of the cell's font, on the wide side (a Chinese character 1 em, a figure 0.5 em, a
Latin letter 0.6 em, "%" 0.84 em and 1 em in bold: Times New Roman's). A header's run of up to four Chinese
characters is a word, and so is a cell's of up to six (基本符合预期): its column is widened to hold it. A longer
header run is set in lines that fit, cut into likely words — a closing word (共享率, 占比, 合计 …) and the rest in
pairs of characters: 政务综合信息/资源共享率, never a lone character. Columns that must grow take the room from
what columns have beyond their content, then from columns whose content wraps anyway, then from any column above
its own minimum; never more than the table's width.
"""

from __future__ import annotations

import re

from tracker.reports.model import Table

HAN = r"\u3400-\u9fff\uf900-\ufaff"
PT_PER_MM = 72 / 25.4
WORD_CHARS = 4  # a header's run of Chinese characters up to this long is never broken (序号, 工作日, 进度要求)
CELL_WORD_CHARS = 6  # nor a cell's (基本符合预期, 网上办结率): a name wraps in lines of at least this many
SLACK_PT = 0.5  # what a rounding of the layout engine may take
SUFFIXES = ("精简比例", "覆盖率", "共享率", "办理率", "电子化率", "满意率", "办结率", "占比", "比例", "合计",
            "用时", "条数", "总数", "得分", "事项数", "申请数", "部门数", "资源数", "环节数", "材料数", "表单数")
WORDS = ("目录化", "全流程", "互联网", "依申请", "最多跑一次", "零跑动", "电子化", "改革前", "已共享")  # not pairs
NARROW = {**dict.fromkeys("0123456789", 0.5), **dict.fromkeys(" \u00a0\u202f.,", 0.25),
          **dict.fromkeys(":;-()'|!", 0.34)}


def ems(text: str, bold: bool = False) -> float:
    """`text`'s printed width in ems (on the wide side of Times New Roman's: figures 0.5 em, "%" 0.83 em, bold 1)."""
    return sum(1.0 if ord(ch) >= 0x2e80 or ch in "@MW" else (1.0 if bold else 0.84) if ch == "%"
               else NARROW.get(ch, 0.6) for ch in text)


def header_tokens(text: str) -> list[str]:
    """What a header line may not be broken inside: bracketed groups, runs of Chinese characters, words."""
    return re.findall(rf"[（(][^（()）\s]*[）)]|[{HAN}]+|[^\s{HAN}（(]+", text)


def body_tokens(text: str) -> list[str]:
    """What a cell may not be broken inside: each line that is a figure with its unit word ('2.44 工作日') whole,
    else its numbers, words and short runs of Chinese characters."""
    return [t for line in text.split("\n") for t in ([line] if FIGURE.fullmatch(line) else _tokens(line))]


FIGURE = re.compile(rf"[-+]?[0-9][0-9.,]*%?[\s\u202f]?[{HAN}]{{0,5}}")


def _tokens(text: str) -> list[str]:
    """What a cell may not be broken inside: numbers and words, and runs of up to six Chinese characters (unit and
    verdict words: 工作日, 基本符合预期); a longer run is a name, which wraps between its characters as names do."""
    return [t for t in re.findall(rf"[{HAN}]+|[^\s{HAN}（）(),，、：:；;]+", text)
            if not re.fullmatch(rf"[{HAN}]{{{CELL_WORD_CHARS + 1},}}", t)]


def _chunks(run: str) -> list[str]:
    """A run cut into likely words: a closing word (共享率, 占比 …) at its end, the rest in the register's longer
    words (目录化, 全流程 …) or pairs from the start, a last odd character joining the piece before it."""
    end = next((w for w in SUFFIXES if run.endswith(w) and len(run) > len(w) + 1), "")
    rest, pieces = run[:len(run) - len(end)], []
    while rest:
        word = next((w for w in WORDS if rest.startswith(w)), rest[:2])
        pieces.append(word)
        rest = rest[len(word):]
    if len(pieces) > 1 and len(pieces[-1]) == 1:
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    return [*pieces, end] if end else pieces


def _cut(run: str, room: float) -> list[str]:
    """A long run of Chinese characters in lines of at most `room` ems (or one piece), filled piece by piece."""
    lines: list[str] = []
    for piece in _chunks(run):
        if lines and len(lines[-1]) + len(piece) <= room:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines


def header_lines(text: str, room: float) -> str:
    """The header with line breaks ("\\n") inside Chinese runs longer than a word that do not fit `room` ems."""
    def split(m: re.Match[str]) -> str:
        run = m.group(0)
        return run if len(run) <= max(WORD_CHARS, room) else "\n".join(_cut(run, max(2.0, room)))

    return re.sub(rf"[{HAN}]+", split, text)


def fitted(table: Table, cells: list[list[str]], widths_mm: list[float], *, size_pt: float,
           margin_mm: float) -> tuple[list[float], list[str]]:
    """The column widths (mm, same total) and the header texts as printed: `cells` are the body as printed."""
    headers, floor, full = _bounds(table, cells, widths_mm, size_pt, margin_mm)
    return _share(list(widths_mm), floor, full), headers


def type_size(table: Table, cells: list[list[str]], widths_mm: list[float], *, sizes: tuple[float, ...],
              margin_mm: float) -> float:
    """The first of `sizes` (pt, largest first) at which every column can hold its longest word, else the last:
    an English table's words (digitisation, 2018-08-31) did not fit the page at 五号 and had to break."""
    for size in sizes:
        if sum(_bounds(table, cells, widths_mm, size, margin_mm)[1]) <= sum(widths_mm) + 1e-6:
            return size
    return sizes[-1]


def _bounds(table: Table, cells: list[list[str]], widths_mm: list[float], size_pt: float,
            margin_mm: float) -> tuple[list[str], list[float], list[float]]:
    """The headers as printed, and each column's floor (its longest word) and full width (its longest line), mm."""
    em_mm = size_pt / PT_PER_MM
    pad = 2 * margin_mm + SLACK_PT / PT_PER_MM
    headers = [header_lines(h, (w - pad) / em_mm) for h, w in zip(table.columns, widths_mm, strict=True)]
    floor, full = [], []
    for j, head in enumerate(headers):
        column = [row[j] for row in cells]
        lines = head.split("\n")
        tokens = [ems(t, bold=True) for line in lines for t in header_tokens(line)]
        tokens += [ems(t) for c in column for t in body_tokens(c)]
        floor.append(max(tokens, default=0.0) * em_mm + pad)
        full.append(max([ems(line, bold=True) for line in lines] + [ems(part) for c in column
                                                                    for part in c.split("\n")]) * em_mm + pad)
    return headers, floor, full


def _share(widths: list[float], floor: list[float], full: list[float]) -> list[float]:
    """Widths raised to their floors, the room taken from what columns have beyond their content, then from
    columns whose content wraps anyway, then from any column beyond its floor (in proportion): a column sized to
    hold its longest name gives last."""
    short = sum(max(0.0, f - w) for f, w in zip(floor, widths, strict=True))
    if short <= 0:
        return widths
    out = [max(w, f) for w, f in zip(widths, floor, strict=True)]
    wraps = [f if w < c - 1e-6 else c for w, f, c in zip(widths, floor, full, strict=True)]
    for limit in (full, wraps, floor):
        spare = [max(0.0, w - max(lim, f)) for w, lim, f in zip(out, limit, floor, strict=True)]
        total = sum(spare)
        if total <= 0:
            continue
        take = min(short, total)
        out = [w - s / total * take for w, s in zip(out, spare, strict=True)]
        short -= take
        if short <= 1e-9:
            return out
    return [w * sum(widths) / sum(out) for w in out]  # more than the table's width: never wider than the page
