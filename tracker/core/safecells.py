"""Cells of spreadsheets and CSV files the tracker writes: text that a spreadsheet would run as a formula is
written as plain text (OWASP's CSV injection advice); text in Markdown (the briefing's .md, the pages) is text,
never a link, an image, HTML or a heading."""

from __future__ import annotations

import re

JOINER = "\u2060"  # WORD JOINER: zero width, invisible, and not part of any link pattern
_MARKS = re.compile(r"([\\`*_\[\]<>|~$:&])")  # emphasis, links and images, HTML, tables, math, directives
_LINE_START = re.compile(r"(?m)^(\s*)(>|[#+\-](?=\s|$)|\d{1,9}[.)](?=\s|$)|[=\-](?=[=\-\s]*$))")  # quotes, headings,
# list items ("- a", "1. a"), setext underlines and rules ("===", "---"); not "-2.09%" or "88.00%"
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|file|www)(?=[:.])")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell: text starting like a formula gets a leading apostrophe, so Excel shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def markdown_text(text: object) -> str:
    """The text as itself in Markdown: every mark escaped, and what would become a link by itself (http://, www.,
    an e-mail address) broken with an invisible word joiner — autolinks are found after escapes are undone."""
    defused = _AUTOLINK.sub(lambda m: m.group(1) + JOINER, str(text)).replace("@", JOINER + "@")
    escaped = _MARKS.sub(r"\\\1", defused)
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1] if m.group(2)[0].isdigit()
                                                   else "\\" + m.group(2)), escaped)
