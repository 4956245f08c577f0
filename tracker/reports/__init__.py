"""The documents the office sends out, built once as plain data and written by small writers.

Each document module (evaluation packs, the monthly briefing, the department table) assembles a `Document`
(`model.py`) from the engine's unformatted figures, every sentence already worded; `docx_writer`,
`xlsx_writer`, `markdown_writer` and `pdf` only lay it out. No number is computed inside a writer.
"""
