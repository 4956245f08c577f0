"""The file picker in the reader's language. Streamlit 1.67 draws its own English inside st.file_uploader (the
"Upload" button, "20MB per file • XLSX, …" and, while a file is dragged over it, "Drag and drop a file here")
and has no parameter for any (streamlit/streamlit#13500), so
a style rule of this page shows our wording in their place; the hidden English stays for screen readers'
fallback only where the style is not applied."""

from __future__ import annotations

from typing import Any

import streamlit as st

from webapp.language import lang, t

DROPZONE = '[data-testid="stFileUploaderDropzone"]'


def css_string(text: str) -> str:
    """`text` as a CSS string literal: every character but letters, digits and spaces as a hex escape, so no
    text can close the string or the rule (each escape ends with the one space CSS takes as its end)."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x} " for c in text) + '"'


def style(browse: str, limits: str, drop: str) -> str:
    """The rule replacing Streamlit's button label, size hint and drag-over prompt with `browse`, `limits` and
    `drop` (the prompt is the one span of the dropzone's unlabelled overlay div, drawn only during a drag)."""
    return (f"<style>{DROPZONE} button [data-testid=\"stMarkdownContainer\"] p {{font-size: 0}}"
            f"{DROPZONE} button [data-testid=\"stMarkdownContainer\"] p::after {{content: {css_string(browse)};"
            " font-size: 0.875rem}"
            f"{DROPZONE} [data-testid=\"stFileUploaderDropzoneInstructions\"] span {{font-size: 0}}"
            f"{DROPZONE} [data-testid=\"stFileUploaderDropzoneInstructions\"] span::after "
            f"{{content: {css_string(limits)}; font-size: 0.875rem}}"
            f"{DROPZONE} > div:not([data-testid]) > span {{font-size: 0}}"
            f"{DROPZONE} > div:not([data-testid]) > span::after {{content: {css_string(drop)}; font-size: 0.875rem}}"
            "</style>")


def file_uploader(label: str, *, types: list[str], max_mb: float, key: str) -> Any:
    """st.file_uploader with its button and size hint in the reader's language."""
    kinds = ("、" if lang() == "zh" else ", ").join(x.upper() for x in types)
    st.html(style(t("upload.browse"), t("upload.limits", mb=f"{max_mb:g}", types=kinds), t("upload.drop")))
    return st.file_uploader(label, type=types, key=key)
