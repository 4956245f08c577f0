"""The words a leader reads, in Chinese and English, produced from a progress row.

Two distances, never one ambiguous "gap": 距目标 (to the plan's threshold) and 距进度 (to the pace expected at
the as-of month). Percentages print with two decimals, as the reports do (99.90%); other figures with their
unit word in the reader's language.
"""

from __future__ import annotations

from tracker.core.i18n import Lang, msg
from tracker.core.periods import Period
from tracker.engine.progress import ProgressRow
from tracker.register import Register
from tracker.register.rules import MilestoneRule, TargetRule
from tracker.wording.numbers import amount, fmt, unit_word
from tracker.wording.rules import rule_text

__all__ = ["amount", "fmt", "unit_word", "sentence", "distances", "when_text"]


def when_text(as_of: Period, register: Register, lang: Lang) -> str:
    """'2018 年中期' at a checkpoint, else '2018 年 5 月'."""
    for cp in register.plan.checkpoints:
        if cp.period == as_of.code:
            return msg(f"when.{cp.kind}", lang, year=as_of.year)
    return msg("when.month", lang, year=as_of.year, month=as_of.index, label=as_of.label("en"))


def target_distance(row: ProgressRow, rule: TargetRule, lang: Lang) -> str:
    """'距目标差 31.50 个百分点' / '已超目标 4.70 个百分点' / '优于目标 0.60 工作日' / '恰好达到目标'."""
    assert row.gap_to_target is not None
    g = row.gap_to_target
    if abs(g) < 0.005:
        return msg("dist.exact", lang)
    if g < 0:
        return msg("dist.short", lang, amount=amount(g, row.unit, lang))
    return msg("dist.above" if rule.higher_is_better else "dist.better", lang, amount=amount(g, row.unit, lang))


def pace_distance(row: ProgressRow, rule: TargetRule, lang: Lang) -> str | None:
    """'高于进度要求 1.20 个百分点' while the pace means something: before the deadline, for a target that
    ramps (not 保持); None otherwise."""
    if row.expected is None or row.value is None or not rule.pace_matters(row.as_of):
        return None
    d = row.value - row.expected
    if abs(d) < 0.005:
        return msg("pace.exact", lang)
    if rule.higher_is_better:
        return msg("pace.higher" if d > 0 else "pace.lower", lang, amount=amount(d, row.unit, lang))
    # a figure that should fall: above the pace is behind it, and the words say so
    return msg("pace.over" if d > 0 else "pace.better_lower", lang, amount=amount(d, row.unit, lang))


def distances(row: ProgressRow, register: Register, lang: Lang) -> str:
    """Both distances for a card: '距目标差 8.80 个百分点；低于进度要求 2.80 个百分点' ('' without a value)."""
    rule = register.rule(row.target, row.as_of.end) if row.target else None
    if rule is None or not rule.has_value or not rule.ready or row.value is None:
        return ""
    parts = [target_distance(row, rule, lang), pace_distance(row, rule, lang)]
    return msg("sep.clause", lang).join(p for p in parts if p)


def sentence(row: ProgressRow, register: Register, lang: Lang, status: str | None = None) -> str:
    """The status sentence for one row of the progress table, with the same decimals as the card; `status`
    replaces the dashboard's label at the end (an evaluation pack ends it in its verdict)."""
    status = status or msg(f"status.{row.status}", lang)
    rule = register.rule(row.target, row.as_of.end) if row.target else None
    name = row.name_zh if lang == "zh" else row.name_en
    if isinstance(rule, MilestoneRule):
        done = rule.target.completed_on
        return msg(f"sentence.{row.status}", lang, name=name, date=done.isoformat() if done else "",
                   deadline=rule.target.deadline.isoformat(), status=status)
    if rule is not None and not rule.ready:
        assert rule.target.baseline is not None
        return msg("sentence.no_baseline", lang, name=name, year=rule.target.baseline.year)
    if row.value is None:  # "no data" is said once, not "无数据；无数据"
        return msg("sentence.no_data" if row.status != "no_data" else "sentence.no_data_only", lang, name=name,
                   status=status)
    value = fmt(row.value, row.unit, 2, lang)
    if rule is None:
        return msg("sentence.untargeted", lang, name=name, value=value)
    said = rule_text(rule, row.unit, lang)
    to_target = target_distance(row, rule, lang)
    if row.status == "met":
        return msg("sentence.met", lang, name=name, value=value, rule=said, target=to_target, status=status)
    pace = pace_distance(row, rule, lang)
    if pace is None:
        key = "sentence.maintain" if rule.holds_every_period else "sentence.missed"
        return msg(key, lang, name=name, value=value, rule=said, target=to_target, status=status)
    assert row.expected is not None
    return msg("sentence.pace", lang, name=name, value=value, target=to_target, pace=pace,
               when=when_text(row.as_of, register, lang), expected=fmt(row.expected, row.unit, 2, lang),
               status=status)

