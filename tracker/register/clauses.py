"""A target's threshold against the figures of the clause it quotes: a planner who changes "不低于 70%" to 75 in
the register without recording an adjustment gets a warning (the pack would print 75 under a clause saying 70)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from typing import Any

from tracker.core.errors import Problem
from tracker.register.schema import TargetsFile
from tracker.register.yamlsource import position

NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)")


def clause_numbers(clause: str) -> list[float]:
    """The figures written in a clause ('达90%以上' → [90]; '3个工作日内' → [3]); years and dates are left out."""
    text = unicodedata.normalize("NFKC", clause)
    text = re.sub(r"\d{4}\s*年(\s*\d{1,2}\s*月)?", " ", text)
    return [float(x) for x in NUMBER.findall(text)]


def translation_numbers(translation: str, figures: Collection[float] = ()) -> list[float]:
    """The figures of a clause's English translation, years left out ('By the end of 2022' → []): a number from 1900
    to 2099 is taken for a year, unless it is one of the clause's own `figures` ('2000件' is 2000 items)."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", unicodedata.normalize("NFKC", translation))  # 1,500 is 1500
    left = Counter(figures)  # each of the clause's figures taken once: the same number may be a year too

    def year(m: re.Match[str]) -> str:
        if left[float(m[0])] > 0:
            left[float(m[0])] -= 1
            return m[0]
        return " "

    return [float(x) for x in NUMBER.findall(re.sub(r"(?<![\d.])(19|20)\d\d(?![\d.%])", year, text))]


def clause_warnings(file: str, data: Any, tf: TargetsFile) -> list[Problem]:
    """A warning for each numeric target whose threshold is none of its clause's figures (when the clause has
    figures at all) and that records neither an adjustment nor how it was derived; and for each English
    translation whose figures are not the clause's (an English pack would quote 95% under a clause saying 90%)."""
    out = []
    for path, _plan, targets in tf.all_plans():
        for i, t in enumerate(targets):
            figures = clause_numbers(t.clause)
            if t.clause_en and sorted(translation_numbers(t.clause_en, figures)) != sorted(figures):
                line, col = position(data, (*path, i, "clause_en"))
                out.append(Problem(file, "register.clause_translation", {
                    "translation": t.clause_en, "clause": t.clause,
                    "numbers": "、".join(f"{n:g}" for n in clause_numbers(t.clause)) or "—"}, line, col,
                    severity="warning"))
            if t.threshold is None or t.adjustments or t.derived:
                continue
            numbers = clause_numbers(t.clause)
            if numbers and not any(abs(n - t.threshold) < 1e-9 for n in numbers):
                line, col = position(data, (*path, i, "threshold"))
                out.append(Problem(file, "register.clause_threshold", {
                    "threshold": f"{t.threshold:g}", "clause": t.clause,
                    "numbers": "、".join(f"{n:g}" for n in numbers)}, line, col, severity="warning"))
    return out
