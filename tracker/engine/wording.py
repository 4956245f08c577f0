"""The words a leader reads, in Chinese and English, produced from a progress row.

Two distances, never one ambiguous "gap": 距目标 (to the plan's threshold) and 距进度 (to the pace expected at
the as-of month). Percentages print with two decimals, as the reports do (99.90%); other figures with their
unit word in the reader's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.engine.status import deadline_month
from tracker.i18n import Lang, msg
from tracker.messages.progress import UNIT_WORDS
from tracker.periods import Period
from tracker.register import Register, Target

if TYPE_CHECKING:
    from tracker.engine.progress import ProgressRow


def unit_word(unit: str, lang: Lang) -> str:
    """件 → cases, 工作日 → working days … (the register's unit words, in the reader's language)."""
    return UNIT_WORDS.get(unit, unit) if lang == "en" else unit


def fmt(value: float, unit: str, decimals: int = 2, lang: Lang = "zh") -> str:
    """31.20% for percentages; '2.40 工作日' / '2.40 working days'; counts with thousands separators."""
    if unit == "%":
        return f"{value:.{decimals}f}%"
    return f"{value:,.{decimals}f} {unit_word(unit, lang)}"


def amount(distance: float, unit: str, lang: Lang) -> str:
    """An unsigned distance: '2.80 个百分点' for percentages, '0.60 工作日' otherwise."""
    if unit == "%":
        return msg("gap.points", lang, gap=f"{abs(distance):.2f}")
    return msg("gap.units", lang, gap=f"{abs(distance):.2f}", unit=unit_word(unit, lang))


def rule_text(target: Target, unit: str, lang: Lang) -> str:
    """'不低于 70%' / 'at least 70%'."""
    assert target.threshold is not None
    t = fmt(target.threshold, unit, 0 if float(target.threshold).is_integer() else 1, lang)
    return msg(f"rule.{target.comparison}", lang, t=t)


def when_text(as_of: Period, register: Register, lang: Lang) -> str:
    """'2018 年中期' at a checkpoint, else '2018 年 5 月'."""
    for cp in register.plan.checkpoints:
        if cp.period == as_of.code:
            return msg(f"when.{cp.kind}", lang, year=as_of.year)
    return msg("when.month", lang, year=as_of.year, month=as_of.index, label=as_of.label("en"))


def target_distance(row: ProgressRow, target: Target, lang: Lang) -> str:
    """'距目标差 31.50 个百分点' / '已超目标 4.70 个百分点' / '优于目标 0.60 工作日' / '恰好达到目标'."""
    assert row.gap_to_target is not None
    g = row.gap_to_target
    if abs(g) < 0.005:
        return msg("dist.exact", lang)
    if g < 0:
        return msg("dist.short", lang, amount=amount(g, row.unit, lang))
    return msg("dist.above" if target.higher_is_better else "dist.better", lang, amount=amount(g, row.unit, lang))


def pace_distance(row: ProgressRow, target: Target, lang: Lang) -> str | None:
    """'高于进度要求 1.20 个百分点' while the pace means something: before the deadline, for a target that
    ramps (not 保持); None otherwise."""
    if row.expected is None or row.value is None or target.maintain or row.as_of.end >= deadline_month(target):
        return None
    d = row.value - row.expected
    if abs(d) < 0.005:
        return msg("pace.exact", lang)
    return msg("pace.higher" if d > 0 else "pace.lower", lang, amount=amount(d, row.unit, lang))


def distances(row: ProgressRow, register: Register, lang: Lang) -> str:
    """Both distances for a card: '距目标差 8.80 个百分点；低于进度要求 2.80 个百分点' ('' without a value)."""
    target = register.targets.get(row.target) if row.target else None
    if target is None or target.comparison == "milestone" or row.value is None:
        return ""
    parts = [target_distance(row, target, lang), pace_distance(row, target, lang)]
    return msg("sep.clause", lang).join(p for p in parts if p)


def sentence(row: ProgressRow, register: Register, lang: Lang) -> str:
    """The status sentence for one row of the progress table, with the same decimals as the card."""
    status = msg(f"status.{row.status}", lang)
    target = register.targets.get(row.target) if row.target else None
    name = row.name_zh if lang == "zh" else row.name_en
    if target is not None and target.comparison == "milestone":
        date = target.completed_on.isoformat() if target.completed_on else ""
        return msg(f"sentence.{row.status}", lang, name=name, date=date,
                   deadline=target.deadline.isoformat(), status=status)
    if row.value is None:
        return msg("sentence.no_data", lang, name=name, status=status)
    value = fmt(row.value, row.unit, 2, lang)
    if target is None:
        return msg("sentence.untargeted", lang, name=name, value=value)
    rule = rule_text(target, row.unit, lang)
    to_target = target_distance(row, target, lang)
    if row.status == "met":
        return msg("sentence.met", lang, name=name, value=value, rule=rule, target=to_target, status=status)
    pace = pace_distance(row, target, lang)
    if pace is None:
        key = "sentence.maintain" if target.maintain else "sentence.missed"
        return msg(key, lang, name=name, value=value, rule=rule, target=to_target, status=status)
    assert row.expected is not None
    return msg("sentence.pace", lang, name=name, value=value, target=to_target, pace=pace,
               when=when_text(row.as_of, register, lang), expected=fmt(row.expected, row.unit, 2, lang),
               status=status)

