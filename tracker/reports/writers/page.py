"""One A4 landscape page drawn from an `OverviewSheet`: PNG, and PDF (the same page at 200 dpi, exactly one page of
297 × 210 mm). Drawn with Pillow in the CJK font Noto Sans CJK (Debian `fonts-noto-cjk`, as the PDFs use)."""

from __future__ import annotations

import io
import math
import re
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tracker.core.errors import TrackerError
from tracker.reports.overview.sheet import Face, OverviewSheet
from tracker.wording.charts import short_number, spark_scale

DPI = 200
WIDTH, HEIGHT = round(297 / 25.4 * DPI), round(210 / 25.4 * DPI)  # 2339 × 1654
MARGIN, GAP = 90, 22
COLOURS = {"green": "#2e7d32", "blue": "#1565c0", "orange": "#e65100", "red": "#c62828", "gray": "#616161"}
TINTS = {"green": "#e8f5e9", "blue": "#e3f2fd", "orange": "#fff3e0", "red": "#ffebee", "gray": "#f5f5f5"}
INK, MUTED, LINE, TARGET = "#212121", "#616161", "#bdbdbd", "#d62728"
TOKENS = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+")  # a CJK character, a word
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
             Path("/usr/share/fonts/google-noto-cjk"))


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size, index=2)  # index 2: the SC (simplified) face
    raise TrackerError("print.no_font", font=name)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float, lines: int) -> list[str]:
    """The text in at most `lines` lines of `width` pixels (Chinese broken between characters, other words kept
    whole), the last one cut with … when it does not fit."""
    out: list[str] = []
    current = ""
    for ch in TOKENS.findall(text):
        if font.getlength(current + ch) > width and current:
            out.append(current.rstrip())
            current = ch.lstrip()
            if len(out) == lines:
                break
        else:
            current += ch
    else:
        out.append(current)
        return [line for line in out if line]
    last = out[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    return [*out[:-1], last + "…"]


def _sparkline(draw: ImageDraw.ImageDraw, face: Face, box: tuple[int, int, int, int]) -> None:
    left, top, right, bottom = box
    if len(face.trend) < 2:
        return
    low, high = spark_scale(face.trend, face.threshold)  # the same scale as the page's sparkline

    def y(v: float) -> float:
        return bottom - (v - low) / (high - low) * (bottom - top)

    step = (right - left) / (len(face.trend) - 1)
    if face.threshold is not None:
        ty = y(face.threshold)
        for x in range(left, right, 14):
            draw.line([(x, ty), (min(x + 7, right), ty)], fill=TARGET, width=2)
    draw.line([(left + i * step, y(v)) for i, v in enumerate(face.trend)], fill=COLOURS["blue"], width=3,
              joint="curve")
    small = _font(18)  # the scale: the highest and the lowest value, right of the line
    draw.text((right + 10, top), short_number(max(face.trend)), font=small, fill=MUTED, anchor="lm")
    draw.text((right + 10, bottom), short_number(min(face.trend)), font=small, fill=MUTED, anchor="lm")


def _card(draw: ImageDraw.ImageDraw, face: Face, box: tuple[int, int, int, int]) -> None:
    left, top, right, bottom = box
    colour = COLOURS.get(face.colour, COLOURS["gray"])
    draw.rounded_rectangle(box, radius=12, fill="white", outline=LINE, width=2)
    draw.rectangle((left, top + 12, left + 8, bottom - 12), fill=colour)
    x, width = left + 26, right - left - 46
    status_font = _font(22, bold=True)
    status_w = status_font.getlength(face.status) + 24
    room = width - status_w - 10
    name_font = next((f for f in (_font(size, bold=True) for size in (28, 26, 24, 22, 20))
                      if f.getlength(face.name) <= room), _font(20, bold=True))  # the whole name, smaller if need be
    draw.text((x, top + 34), _wrap(face.name, name_font, room, 1)[0], font=name_font, fill=INK, anchor="lm")
    draw.rounded_rectangle((right - 20 - status_w, top + 18, right - 20, top + 52), radius=8,
                           fill=TINTS.get(face.colour, TINTS["gray"]))
    draw.text((right - 20 - status_w / 2, top + 35), face.status, font=status_font, fill=colour, anchor="mm")
    draw.text((x, top + 62), face.value, font=_font(44, bold=True), fill=INK)
    y = top + 122
    small = _font(21)
    for line in _wrap(face.rule, small, width, 1) + _wrap(face.distances, small, width, 2):
        draw.text((x, y), line, font=small, fill=MUTED)
        y += 30
    spark_top = max(y + 8, bottom - 80)
    if bottom - 16 - spark_top >= 30:
        _sparkline(draw, face, (x, spark_top + 10, right - 90, bottom - 18))


def draw(sheet: OverviewSheet) -> Image.Image:
    """The page as an image, A4 landscape at 200 dpi."""
    page = Image.new("RGB", (WIDTH, HEIGHT), "white")
    d = ImageDraw.Draw(page)
    d.text((MARGIN, MARGIN - 20), sheet.title, font=_font(52, bold=True), fill=INK)
    y = MARGIN + 56
    for line in sheet.lines:
        d.text((MARGIN, y), line, font=_font(24), fill=MUTED)
        y += 34
    x: float = MARGIN
    count_font = _font(28, bold=True)
    for label, count, colour in sheet.counts:
        text = f"{label} {count}"
        w = count_font.getlength(text) + 36
        d.rounded_rectangle((x, y + 8, x + w, y + 54), radius=10, fill=TINTS.get(colour, TINTS["gray"]))
        d.text((x + w / 2, y + 31), text, font=count_font, fill=COLOURS.get(colour, INK), anchor="mm")
        x += w + 16
    top, bottom = y + 74, HEIGHT - MARGIN
    n = len(sheet.faces)
    cols = 4 if n <= 16 else 5
    rows = max(1, math.ceil(n / cols))
    card_w = (WIDTH - 2 * MARGIN - (cols - 1) * GAP) / cols
    card_h = (bottom - top - (rows - 1) * GAP) / rows
    for i, face in enumerate(sheet.faces):
        r, c = divmod(i, cols)
        left = MARGIN + c * (card_w + GAP)
        upper = top + r * (card_h + GAP)
        _card(d, face, (round(left), round(upper), round(left + card_w), round(upper + card_h)))
    d.text((MARGIN, HEIGHT - MARGIN / 2), sheet.footer, font=_font(20), fill=MUTED, anchor="ls")
    return page


def render(sheet: OverviewSheet, suffix: str) -> bytes:
    """The page as .png or .pdf bytes (one page, A4 landscape)."""
    out = io.BytesIO()
    image = draw(sheet)
    if suffix == ".pdf":
        image.save(out, "PDF", resolution=DPI)
    else:
        image.save(out, "PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()
