"""DOCX to PDF through LibreOffice (headless), with the official fonts mapped to installed ones."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from tracker.core.errors import TrackerError
from tracker.core.settings import ROOT
from tracker.reports.model import Contents

FONTS_CONF = ROOT / "templates" / "fonts.conf"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, name: str = "document") -> bytes:
    """The PDF of a DOCX; TrackerError saying what to install when LibreOffice is missing."""
    exe = soffice()
    if exe is None:
        raise TrackerError("report.no_libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{name}.docx"
        src.write_bytes(docx)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": tmp}
        done = subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                               "--convert-to", "pdf", "--outdir", tmp, str(src)],
                              env=env, capture_output=True, text=True, timeout=300)
        out = Path(tmp) / f"{name}.pdf"
        if done.returncode != 0 or not out.exists():
            raise TrackerError("report.pdf_failed", detail=(done.stderr or done.stdout).strip()[-300:])
        return out.read_bytes()


def heading_pages(pdf: bytes, contents_title: str, headings: list[str]) -> list[int] | None:
    """The page each heading is printed on (pages counted from the cover, as the footers number them), found in
    order after the contents page; None when pdftotext (poppler-utils) is missing or a heading is not found."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    done = subprocess.run([exe, "-layout", "-", "-"], input=pdf, capture_output=True, timeout=120)
    if done.returncode != 0:
        return None
    pages = ["".join(page.split()) for page in done.stdout.decode("utf-8", "replace").split("\f")]
    title = "".join(contents_title.split())
    at = next((i for i, page in enumerate(pages) if title in page), -1) + 1  # after the contents page
    found: list[int] = []
    for heading in headings:
        text = "".join(heading.split())
        while at < len(pages) and text not in pages[at]:
            at += 1
        if at == len(pages):
            return None
        found.append(at + 1)
    return found


def document_pdf(docx_of: Callable[[Contents | None], bytes], contents: Contents | None, name: str) -> bytes:
    """The PDF of a document; with a contents list, laid out twice: once to find the pages its headings fall on,
    then with those page numbers in the list (LibreOffice does not fill Word's TOC field)."""
    first = to_pdf(docx_of(contents), name)
    if contents is None:
        return first
    pages = heading_pages(first, contents.title, [text for _, text in contents.entries])
    if pages is None:
        return first
    return to_pdf(docx_of(dataclasses.replace(contents, pages=pages)), name)
