"""A target's threshold against the figures of the clause it quotes: a planner who changes "不低于 70%" to 75 in
the register without recording an adjustment gets a warning (the pack would print 75 under a clause saying 70)."""

from __future__ import annotations

import re
import unicodedata
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


def clause_warnings(file: str, data: Any, tf: TargetsFile) -> list[Problem]:
    """A warning for each numeric target whose threshold is none of its clause's figures (when the clause has
    figures at all) and that records neither an adjustment nor how it was derived."""
    out = []
    for path, _plan, targets in tf.all_plans():
        for i, t in enumerate(targets):
            if t.threshold is None or t.adjustments or t.derived:
                continue
            numbers = clause_numbers(t.clause)
            if numbers and not any(abs(n - t.threshold) < 1e-9 for n in numbers):
                line, col = position(data, (*path, i, "threshold"))
                out.append(Problem(file, "register.clause_threshold", {
                    "threshold": f"{t.threshold:g}", "clause": t.clause,
                    "numbers": "、".join(f"{n:g}" for n in numbers)}, line, col, severity="warning"))
    return out
