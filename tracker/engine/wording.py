"""The sentences a leader reads, in Chinese and English, produced from a progress row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.i18n import Lang, msg
from tracker.periods import Period
from tracker.register import Register, Target

if TYPE_CHECKING:
    from tracker.engine.progress import ProgressRow


def fmt(value: float, unit: str, decimals: int = 1) -> str:
    """31.2% for percentages, '2.5 工作日' for other units."""
    return f"{value:.{decimals}f}%" if unit == "%" else f"{value:,.{decimals}f} {unit}"


def rule_text(target: Target, unit: str, lang: Lang) -> str:
    """'不低于 70%' / 'at least 70%'."""
    assert target.threshold is not None
    t = fmt(target.threshold, unit, 0) if float(target.threshold).is_integer() else fmt(target.threshold, unit)
    return msg(f"rule.{target.comparison}", lang, t=t)


def when_text(as_of: Period, register: Register, lang: Lang) -> str:
    """'2018 年中期' at a checkpoint, else '2018 年 5 月'."""
    for cp in register.plan.checkpoints:
        if cp.period == as_of.code:
            return msg(f"when.{cp.kind}", lang, year=as_of.year)
    return msg("when.month", lang, year=as_of.year, month=as_of.index, label=as_of.label("en"))


def gap_text(gap: float, unit: str, lang: Lang) -> str:
    if unit == "%":
        return msg("gap.points", lang, gap=f"{abs(gap):.1f}")
    return msg("gap.units", lang, gap=f"{abs(gap):.1f}", unit=unit)


def sentence(row: ProgressRow, register: Register, lang: Lang) -> str:
    """The status sentence for one row of the progress table."""
    status = msg(f"status.{row.status}", lang)
    target = register.targets.get(row.target) if row.target else None
    name = row.name_zh if lang == "zh" else row.name_en
    if target is not None and target.comparison == "milestone":
        date = target.completed_on.isoformat() if target.completed_on else ""
        return msg(f"sentence.{row.status}", lang, name=name, date=date,
                   deadline=target.deadline.isoformat(), status=status)
    if row.status == "no_data":
        return msg("sentence.no_data", lang, name=name, status=status)
    assert row.value is not None
    value = fmt(row.value, row.unit)
    if target is None:
        return msg("sentence.untargeted", lang, name=name, value=value)
    rule = rule_text(target, row.unit, lang)
    as_of = row.as_of
    if row.status == "met":
        return msg("sentence.met", lang, name=name, value=value, rule=rule, status=status)
    gap = gap_text(row.gap or 0.0, row.unit, lang)
    if target.maintain:
        return msg("sentence.maintain", lang, name=name, value=value, rule=rule, gap=gap, status=status)
    if row.expected is None or row.expected == target.threshold and row.status != "on_track":
        return msg("sentence.missed", lang, name=name, value=value, rule=rule, gap=gap, status=status)
    ahead = row.status == "on_track"
    word = "word.higher" if ahead == target.higher_is_better else "word.lower"
    key = "sentence.ahead" if ahead else "sentence.behind"
    return msg(key, lang, name=name, value=value, word=msg(word, lang), when=when_text(as_of, register, lang),
               expected=fmt(row.expected, row.unit), gap=gap, status=status)
