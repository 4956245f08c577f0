"""DOCX to PDF through LibreOffice (headless), with the official fonts mapped to installed ones."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tracker.config import ROOT
from tracker.errors import TrackerError

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
