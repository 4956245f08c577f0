"""A `Document` as Markdown (the briefing's preview and .md export)."""

from __future__ import annotations

from tracker.core.safecells import markdown_text
from tracker.reports.model import Contents, Document, Heading, Image, PageBreak, Paragraph, Table
from tracker.reports.writers.docx import cell_text


def _escape(text: str) -> str:
    """Text of the document as text: names, clauses and narratives make no link, image, HTML or heading."""
    return markdown_text(text)


def render(document: Document) -> str:
    c = document.cover
    out = [f"# {_escape(c.title)}", ""]
    for line in (c.issue_line, c.subtitle, c.issuer, c.date):
        if line:
            out += [_escape(line), ""]
    out += [f"> {_escape(line)}" for line in c.lines] + ([""] if c.lines else [])
    for block in document.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {_escape(block.text)}", ""]
        elif isinstance(block, Paragraph):
            text = _escape(block.text)
            out += [f"> {text}" if block.style == "quote" else text, ""]
        elif isinstance(block, Table):
            if block.caption:
                out += [f"**{_escape(block.caption)}**", ""]
            out.append("| " + " | ".join(_escape(h) for h in block.columns) + " |")
            out.append("|" + "---|" * len(block.columns))
            out += ["| " + " | ".join(_escape(cell_text(v, f, block.grouped)) for v, f in zip(row, block.formats, strict=True))
                    + " |" for row in block.rows]
            out += ([_escape(block.note)] if block.note else []) + [""]
        elif isinstance(block, Image):
            out += [f"*{_escape(block.caption)}*", ""]
        elif isinstance(block, PageBreak):
            out += ["---", ""]
        elif isinstance(block, Contents):
            out += [f"**{_escape(block.title)}**", ""] + [f"{'  ' * (level - 1)}- {_escape(text)}" for level, text in block.entries
                                                 if level <= block.levels] + [""]
    return "\n".join(out).rstrip() + "\n"
