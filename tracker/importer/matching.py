"""Match what people write (headers, unit names) to register codes: simplified or traditional, any brackets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tracker.register import Register

ColumnKind = Literal["unit", "period", "metric_name", "value", "note", "metric", "rate", "ignore"]

_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "unit": ("单位", "单位名称", "部门", "部门名称", "职能部门", "窗口部门", "中心", "单位/部门", "unit", "unitcode",
             "unit_code", "unitname"),
    "period": ("期间", "月份", "报送期间", "统计期间", "时间", "年月", "统计月份", "period", "month"),
    "metric_name": ("指标", "指标名称", "指标代码", "项目", "metric", "metriccode"),
    "value": ("数值", "数据", "值", "数量", "value"),
    "note": ("备注", "说明", "note", "notes"),
    "ignore": ("序号", "排名", "no", "no.", "#", "rank"),
}
_BRACKETS = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]")


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Comparable form: half-width, simplified characters, no spaces, lower case, ASCII brackets."""
    s = unicodedata.normalize("NFKC", str(text))
    s = s.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate cannot reach OpenCC (it encodes to UTF-8)
    s = _converter().convert(s)  # type: ignore[attr-defined]
    s = re.sub(r"\s+", "", s).lower()
    return s.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")


def strip_brackets(text: str) -> str:
    """'区市场监管局(注册登记大厅)' → '区市场监管局'; '受理量(件)' → '受理量'."""
    return _BRACKETS.sub("", text).strip()


@dataclass(frozen=True)
class Column:
    """What one header means: a role, or a metric / indicator code; `wan` when counts are in 万."""

    kind: ColumnKind
    code: str | None = None
    wan: bool = False


class Matcher:
    """Lookups from written names to register codes."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._units: dict[str, str] = {}
        self._units_stripped: dict[str, set[str]] = {}
        self._former: dict[str, int] = {}  # a former name → the last absolute month it was the unit's name
        for u in register.units.values():
            formers = [(f.name_zh, f.until) for f in u.former_names] + [
                (f.name_en, f.until) for f in u.former_names if f.name_en]
            for name in (u.code, u.name_zh, u.name_en, *u.aliases, *(n for n, _ in formers)):
                n = norm(name)
                self._units.setdefault(n, u.code)
                self._units_stripped.setdefault(strip_brackets(n), set()).add(u.code)
            for name, until in formers:
                self._former.setdefault(norm(name), int(until[:4]) * 12 + int(until[5:]) - 1)
        self._columns: dict[str, Column] = {}
        for role, words in _ROLE_WORDS.items():
            for w in words:
                self._columns[norm(w)] = Column(role)  # type: ignore[arg-type]
        for ind in register.indicators.values():
            for name in (ind.code, ind.name_zh, ind.name_en, *ind.aliases):
                self._columns[strip_brackets(norm(name))] = Column("rate", ind.code)
        for m in register.metrics.values():
            # A rate metric standing in for an indicator answers to its code only; its indicator's
            # names lead to the indicator, which decides between implied count and reported rate.
            names = (m.code,) if m.rate_of else (m.code, m.name_zh, m.name_en, *m.aliases)
            for name in names:
                self._columns[strip_brackets(norm(name))] = Column("metric", m.code)

    def unit(self, written: object) -> tuple[str | None, list[str]]:
        """(code, []) when the unit is known; (None, candidates) when unknown or ambiguous."""
        n = norm(str(written))
        if n in self._units:
            return self._units[n], []
        base = strip_brackets(n)
        if base in self._units and not self._units_stripped.get(base, set()) - {self._units[base]}:
            return self._units[base], []
        candidates = sorted(self._units_stripped.get(base, set()))
        if len(candidates) == 1:
            return candidates[0], []
        return None, candidates

    def former_until(self, written: object) -> int | None:
        """The last absolute month a former name was in use, when `written` is one (区政务管理办公室 until the
        reform); None for a current name."""
        n = norm(str(written))
        return self._former.get(n, self._former.get(strip_brackets(n)))

    def suggest(self, written: object, n: int = 3) -> list[str]:
        """The register's closest unit names to what was written (did you mean …), best first."""
        import difflib

        target = strip_brackets(norm(str(written)))
        names = {norm(x): u.name_zh for u in self.register.units.values() for x in (u.name_zh, *u.aliases)}
        scored = sorted(((difflib.SequenceMatcher(None, target, n_).ratio(), name) for n_, name in names.items()),
                        reverse=True)
        if not scored:
            return []
        # close to what was written, and about as close as the best match (not every "…街政务服务中心")
        floor = max(0.6, scored[0][0] - 0.1)
        out: list[str] = []
        for score, name in scored:
            if score >= floor and name not in out:
                out.append(name)
        return out[:n]

    def column(self, header: object) -> Column | None:
        """The meaning of a header cell, or None when it is not recognised."""
        n = norm(str(header))
        if not n:
            return None
        wan = "万" in n
        exact = self._columns.get(n)
        if exact is not None:
            return exact
        found = self._columns.get(strip_brackets(n).replace("万", "") or n)
        if found is None:
            return None
        return Column(found.kind, found.code, wan and found.kind == "metric")

    def metric(self, written: object) -> str | None:
        """A metric code from a name, alias or code in a long-format 'metric' cell."""
        col = self.column(written)
        return col.code if col and col.kind == "metric" else None
