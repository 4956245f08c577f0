"""Chart images for the documents: the pages' Altair specs rendered to PNG by vl-convert, Chinese included."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import altair as alt

from tracker.core.errors import TrackerError
from tracker.register.cache import CACHE

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"),
             Path("/usr/share/fonts/opentype"), Path("/usr/share/fonts"))
CJK_FONT = "Noto Sans CJK SC"


@lru_cache(maxsize=1)
def _converter() -> object:
    """vl-convert with a CJK font registered (without one, Chinese prints as empty boxes)."""
    import vl_convert as vlc

    folder = next((d for d in FONT_DIRS if d.exists() and any(d.rglob("*CJK*"))), None)
    if folder is None:
        raise TrackerError("report.no_cjk_font")
    vlc.register_font_directory(str(folder))
    return vlc


def png(chart: alt.TopLevelMixin, width: int = 640, scale: float = 2.0) -> bytes:
    """The chart as a PNG `width` pixels wide (before `scale`), every text in the CJK font."""
    spec = chart.properties(width=width).to_dict(validate=False)  # our own tested specs: skip the slow schema check
    config = spec.setdefault("config", {})
    config["font"] = CJK_FONT
    for part in ("title", "axis", "legend", "header"):
        config.setdefault(part, {}).update({"font": CJK_FONT} if part == "title" else
                                           {"labelFont": CJK_FONT, "titleFont": CJK_FONT})
    return _render(json.dumps(spec, sort_keys=True), scale)


@lru_cache(maxsize=256)
def _render(spec: str, scale: float) -> bytes:
    """Rendered once per spec: a spec holds its data, so the same chart of the same figures (a document made again,
    another language's pack shares none) is reused, and a changed figure is a new spec, never a stale image. Kept
    in the data folder's cache as well, so that the next process (a command making the report, then its PDF)
    reuses it too."""
    path = CHARTS / f"{_key(spec, scale)}.png"
    with contextlib.suppress(OSError):
        kept = path.read_bytes()
        if kept.startswith(PNG) and kept.endswith(IEND):  # else damaged or cut short: made again
            return kept
    made = bytes(_converter().vegalite_to_png(spec, scale=scale))  # type: ignore[attr-defined]
    with contextlib.suppress(OSError):  # not kept is only slower (a read-only data folder)
        _keep(path, made)
    return made


CHARTS = CACHE / "charts"
KEEP_CHARTS = 512
PNG, IEND = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"  # a PNG's first bytes, and its last chunk's end


def _key(spec: str, scale: float) -> str:
    """The SHA-256 naming a chart's image: its spec, scale and the renderer's version."""
    return hashlib.sha256(f"{_renderer()}\0{scale!r}\0{spec}".encode()).hexdigest()


@lru_cache(maxsize=1)
def _renderer() -> str:
    from importlib.metadata import version

    return f"vl-convert-python {version('vl-convert-python')}"


def _keep(path: Path, png: bytes) -> None:
    """Write the image whole or not at all (another process may read it at once); keep the newest KEEP_CHARTS."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".chart-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(png)
        os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    kept = sorted(path.parent.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP_CHARTS:]:
        with contextlib.suppress(OSError):
            old.unlink()
