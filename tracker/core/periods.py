"""Reporting periods: months, quarters, half-years and years, parsed from what people write.

Deadlines and submission times are judged in China Standard Time (`tracker.core.clock`)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from tracker.core.errors import BadPeriod
from tracker.core.i18n import Named

Kind = Literal["month", "quarter", "half_year", "year"]
KIND_MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; `index` is the month, quarter or half (1-based), 1 for a year."""

    year: int
    kind: Kind
    index: int

    @property
    def months(self) -> int:
        """Length in months."""
        return KIND_MONTHS[self.kind]

    @cached_property
    def start(self) -> int:
        """Absolute month number (year*12 + month-1) of the first month."""
        return self.year * 12 + (self.index - 1) * self.months

    @cached_property
    def end(self) -> int:
        """Absolute month number of the last month."""
        return self.start + self.months - 1

    @cached_property
    def code(self) -> str:
        """Canonical text: 2019-06, 2019Q2, 2019H1, 2019."""
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.index}"
        if self.kind == "half_year":
            return f"{self.year}H{self.index}"
        return str(self.year)

    def __str__(self) -> str:
        return self.code

    def named(self) -> Named:
        """The period as a message parameter: 2019年6月 in Chinese, Jun 2019 in English."""
        return Named(self.label("zh"), self.label("en"))

    def label(self, lang: str = "zh") -> str:
        """Human label: 2019年6月 / Jun 2019."""
        zh = lang == "zh"
        if self.kind == "month":
            return f"{self.year}年{self.index}月" if zh else dt.date(self.year, self.index, 1).strftime("%b %Y")
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.index - 1]}季度" if zh else f"Q{self.index} {self.year}"
        if self.kind == "half_year":
            return f"{self.year}年{'上下'[self.index - 1]}半年" if zh else f"H{self.index} {self.year}"
        return f"{self.year}年" if zh else str(self.year)

    def fits(self, frequency: str) -> bool:
        """Whether a metric of `frequency` may be reported for this period (whole multiples only)."""
        base = KIND_MONTHS[frequency]
        return self.months >= base and self.months % base == 0

    def deadline(self, day: int) -> dt.date:
        """The date by which this period's figures are due: `day` of the month after it ends."""
        nxt = self.end + 1
        return dt.date(nxt // 12, nxt % 12 + 1, day)


def month(absolute: int) -> Period:
    """The month with absolute number `absolute` (year*12 + month-1)."""
    return Period(absolute // 12, "month", absolute % 12 + 1)


def of_kind(kind: Kind, absolute_month: int) -> Period:
    """The period of `kind` containing the absolute month."""
    year, m = absolute_month // 12, absolute_month % 12
    return Period(year, kind, m // KIND_MONTHS[kind] + 1)


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()


_PATTERNS: list[tuple[re.Pattern[str], Kind]] = [  # ASCII digits only (NFKC turns full-width ones into them)
    (re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?(?:T.*|00:00:00)?$", re.ASCII), "month"),
    (re.compile(r"^([0-9]{4})年([0-9]{1,2})月(?:份)?$", re.ASCII), "month"),
    (re.compile(r"^([0-9]{4})([0-9]{2})$", re.ASCII), "month"),
    (re.compile(r"^([0-9]{4})-?Q([1-4])$", re.ASCII), "quarter"),
    (re.compile(r"^([0-9]{4})年第?([一二三四1-4])季度?$", re.ASCII), "quarter"),
    (re.compile(r"^([0-9]{4})-?H([12])$", re.ASCII), "half_year"),
    (re.compile(r"^([0-9]{4})年([上下])半年$", re.ASCII), "half_year"),
    (re.compile(r"^([0-9]{4})(?:年|年度)?$", re.ASCII), "year"),
]
FIRST_YEAR, LAST_YEAR = 1900, 2200  # beyond these a "period" is a typo (0000-01, 9999-12), not a plan's month


def parse_period(text: object) -> Period:
    """Read a period from text such as 2019-06, 2019/6, 2019年6月, 201906, 2019Q2, 2019年上半年, 2019.

    A date names its month (2019-06-30 → 2019-06) but must be a real date (2019-06-31 is refused); a number such
    as 2019.1 is refused as ambiguous (typed as 2019.10, Excel keeps 2019.1); BadPeriod for anything else."""
    if isinstance(text, Period):
        return text
    if isinstance(text, dt.datetime | dt.date):
        return _checked(Period(text.year, "month", text.month), str(text))
    if isinstance(text, float):
        if not math.isfinite(text):
            raise BadPeriod(value=str(text))
        if text.is_integer():
            text = int(text)
        elif round(text * 100) % 100 == 10:
            raise BadPeriod("error.period_ambiguous_number", value=f"{text:g}")
    if isinstance(text, int) and not isinstance(text, bool) and abs(text) > 10**8:
        raise BadPeriod(value=str(text)[:20])
    return _parse_text(str(text)[:64])


def _checked(p: Period, raw: str) -> Period:
    if not FIRST_YEAR <= p.year <= LAST_YEAR:
        raise BadPeriod("error.period_year", value=raw, first=FIRST_YEAR, last=LAST_YEAR)
    return p


@lru_cache(maxsize=4096)
def _parse_text(raw: str) -> Period:
    s = _clean(raw)
    for pattern, kind in _PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        year = int(m.group(1))
        if kind == "year":
            return _checked(Period(year, "year", 1), raw)
        part = m.group(2)
        if kind == "half_year":
            index = {"上": 1, "下": 2}.get(part) or int(part)
        elif kind == "quarter":
            index = _CN_DIGITS[part]
        else:
            index = int(part)
        if kind == "month" and not 1 <= index <= 12:
            break
        if kind == "month" and m.lastindex == 3 and m.group(3) is not None and not _is_date(year, index, m.group(3)):
            break  # 2019-06-31 is no day: not read as June
        return _checked(Period(year, kind, index), raw)
    raise BadPeriod(value=raw)


def _is_date(year: int, month_: int, day: str) -> bool:
    try:
        dt.date(year, month_, int(day))
    except ValueError:
        return False
    return True



def periods_back_from(last: int, first: int, kinds: tuple[str, ...] = ("month",)) -> list[str]:
    """Codes of every period of `kinds` lying within the absolute months [first, last], newest first, months
    first, then quarters, half-years and years (each kind in the order asked for)."""
    out: list[str] = []
    for kind in kinds:
        seen: dict[str, None] = {}
        for m in range(last, first - 1, -1):
            p = of_kind(kind, m)  # type: ignore[arg-type]
            if p.end <= last and p.start >= first:
                seen.setdefault(p.code, None)
        out += list(seen)
    return out
