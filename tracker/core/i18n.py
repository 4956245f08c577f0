"""Message catalogue (zh-CN default, English) and number formatting."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

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


@dataclass(frozen=True)
class Named:
    """A parameter with a name in each language (a unit, a metric, a period), rendered in the message's."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh


class _HasName(Protocol):
    def name(self, lang: str) -> str: ...


def named(thing: _HasName) -> Named:
    """A register entry (unit, metric, indicator, target) as a message parameter."""
    return Named(thing.name("zh"), thing.name("en"))


def names(things: Iterable[_HasName]) -> Named:
    """Several register entries as one parameter: 甲、乙 / A, B."""
    items = list(things)
    return Named("、".join(t.name("zh") for t in items), ", ".join(t.name("en") for t in items))


def _param(value: object, lang: Lang) -> object:
    if isinstance(value, Ref):
        return msg(value.key, lang, **dict(value.params))
    if isinstance(value, Named):
        return value.en if lang == "en" else value.zh
    return value


def msg(key: str, lang: Lang = "zh", /, **params: object) -> str:
    """The message `key` in `lang`, with `params` filled in (Ref and Named in the same language)."""
    params = {k: _param(v, lang) for k, v in params.items()}
    pair = CATALOGUE.get(key)
    if pair is None:
        return key if not params else f"{key} {params}"
    template = pair[0] if lang == "zh" else _plural(pair[1], params)
    return template.format(**params)


_COUNTED = re.compile(r"\{(\w+)\}((?:\s+[A-Za-z-]+)*?\s+[A-Za-z-]+)\(s\)")  # "{n} dated task(s)"


def _plural(template: str, params: dict[str, object]) -> str:
    """An English template's "word(s)" after a count, made singular or plural by the count ("1 dated task",
    "3 dated tasks"), in the template only: text given as a parameter is never touched."""
    def one(m: re.Match[str]) -> str:
        n = params.get(m[1])
        words = "{" + m[1] + "}" + m[2]
        return words if isinstance(n, int | float | str) and str(n) in ("1", "1.0") else words + "s"

    return _COUNTED.sub(one, template) if "(s)" in template else template


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
