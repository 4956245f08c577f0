"""A `Document` as Markdown (the briefing's preview and .md export)."""

from __future__ import annotations

from tracker.reports.docx_writer import cell_text
from tracker.reports.model import Contents, Document, Heading, Image, PageBreak, Paragraph, Table


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def render(document: Document) -> str:
    c = document.cover
    out = [f"# {c.title}", ""]
    for line in (c.issue_line, c.subtitle, c.issuer, c.date):
        if line:
            out += [line, ""]
    out += [f"> {line}" for line in c.lines] + ([""] if c.lines else [])
    for block in document.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {block.text}", ""]
        elif isinstance(block, Paragraph):
            out += [f"> {block.text}" if block.style == "quote" else block.text, ""]
        elif isinstance(block, Table):
            if block.caption:
                out += [f"**{block.caption}**", ""]
            out.append("| " + " | ".join(_escape(h) for h in block.columns) + " |")
            out.append("|" + "---|" * len(block.columns))
            out += ["| " + " | ".join(_escape(cell_text(v, f)) for v, f in zip(row, block.formats, strict=True))
                    + " |" for row in block.rows]
            out += ([f"{block.note}"] if block.note else []) + [""]
        elif isinstance(block, Image):
            out += [f"*{block.caption}*", ""]
        elif isinstance(block, PageBreak):
            out += ["---", ""]
        elif isinstance(block, Contents):
            out += [f"**{block.title}**", ""] + [f"{'  ' * (level - 1)}- {text}" for level, text in block.entries
                                                 if level <= block.levels] + [""]
    return "\n".join(out).rstrip() + "\n"
