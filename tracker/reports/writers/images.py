"""Chart images for the documents: the pages' Altair specs rendered to PNG by vl-convert, Chinese included."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import altair as alt

from tracker.core.errors import TrackerError

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
    another language's pack shares none) is reused, and a changed figure is a new spec, never a stale image."""
    return bytes(_converter().vegalite_to_png(spec, scale=scale))  # type: ignore[attr-defined]
