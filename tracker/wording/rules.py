"""A target's rule in words: '不低于 70%', '不超过 3 工作日（每期保持）', '2018年8月31日前完成',
'较 2020 年（1,200 件）每年下降 10%，至 2025 年不超过 708.59 件'."""

from __future__ import annotations

from tracker.core.i18n import Lang, msg
from tracker.register import Register
from tracker.register.rules import RuleWords, TargetRule
from tracker.register.schema import Target
from tracker.wording.numbers import fmt


def _figure(value: float, unit: str, lang: Lang, decimals: int = 1) -> str:
    """A threshold as the plan writes it: no decimals when whole (70%), else `decimals` (590.49 件)."""
    return fmt(value, unit, 0 if float(value).is_integer() else decimals, lang)


def rule_text(rule: TargetRule, unit: str, lang: Lang) -> str:
    """The comparison and threshold alone: '不低于 70%' / 'at least 70%' (for a change: the figure it comes to)."""
    return msg(f"rule.{rule.comparison}", lang, t=_figure(rule.threshold, unit, lang))


def words_text(words: RuleWords, unit: str, lang: Lang) -> str:
    if words.key == "rule.milestone":
        assert words.deadline is not None
        d = words.deadline  # '2018年8月31日前完成': a date as Chinese text writes it (a table wraps it between words)
        return msg("rule.milestone", lang, date=f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.isoformat())
    if words.key.endswith("_pending"):
        assert words.percent is not None and words.deadline is not None
        direction = msg("rule.fall" if words.percent < 0 else "rule.rise", lang)
        return msg(words.key, lang, base_year=words.baseline_year, direction=direction,
                   percent=f"{abs(words.percent):g}%", year=words.deadline.year)
    assert words.threshold is not None
    if words.key in ("rule.change_year", "rule.change_plan"):
        assert words.percent is not None and words.baseline is not None and words.deadline is not None
        direction = msg("rule.fall" if words.percent < 0 else "rule.rise", lang)
        limit = msg("rule.<=" if words.percent < 0 else "rule.>=", lang, t=_figure(words.threshold, unit, lang, 2))
        return msg(words.key, lang, base_year=words.baseline_year, base=_figure(words.baseline, unit, lang),
                   direction=direction, percent=f"{abs(words.percent):g}%", year=words.deadline.year, limit=limit)
    text = msg(words.key, lang, t=_figure(words.threshold, unit, lang))
    return text + (msg("rule.maintain", lang) if words.maintain else "")


def rule_label(register: Register, code: str, lang: Lang, month: int | None = None) -> str:
    """The target's whole rule (as adjusted at the absolute month, when given): '不低于 70%（每期保持）',
    '2018年8月31日前完成', or a change in words."""
    ind = register.indicator_of(register.all_targets[code])
    return words_text(register.rule(code, month).words(), ind.unit if ind else "", lang)


def quoted_clause(target: Target, lang: Lang) -> str:
    """The plan's clause a target quotes: in Chinese as the plan writes it; in English its translation from the
    register with the original after it, or the original marked as untranslated (never a translation made up)."""
    if lang == "zh":
        return target.clause
    if target.clause_en:
        return msg("clause.translated", lang, translation=target.clause_en, clause=target.clause)
    return msg("clause.untranslated", lang, clause=target.clause)
