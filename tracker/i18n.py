"""Message catalogue (zh-CN default, English) and number formatting."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from tracker.messages import CATALOGUE

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True)
class Ref:
    """A parameter that is itself a message (with its own parameters), rendered in the same language."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return msg(self.key, "en", **dict(self.params))


def msg(key: str, lang: Lang = "zh", /, **params: object) -> str:
    """The message `key` in `lang`, with `params` filled in."""
    params = {k: msg(v.key, lang, **dict(v.params)) if isinstance(v, Ref) else v for k, v in params.items()}
    pair = CATALOGUE.get(key)
    if pair is None:
        return key if not params else f"{key} {params}"
    template = pair[0] if lang == "zh" else pair[1]
    return template.format(**params)


def as_lang(value: str | None) -> Lang:
    """Normalise a language name ('zh-CN', 'en', None) to a Lang."""
    return "en" if value and value.lower().startswith("en") else "zh"


def fmt_number(value: float | None, *, decimals: int = 0) -> str:
    """A count with thousands separators, or '—' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:,.{decimals}f}"



def fmt_percent(value: float | None, *, decimals: int = 2) -> str:
    """'98.12%', or '—' when there is no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.{decimals}f}%"
