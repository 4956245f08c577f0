"""The analysis an evaluator writes first, drafted from the pack's figures (issue 18).

Per target: the change since the baseline (an estimated baseline said as one), the verdict against the plan's
pace, the units below the district figure, and — from `projection_sentence` — the outlook with its interval.
The planner's own 分析与措施 is quoted where written; a drafted paragraph is marked as a draft to edit. The
overall sections (总体评价, 主要成效, 存在问题, 下一步工作建议) are drafted from the verdicts and the attribution.
A document never prints a placeholder.
"""

from __future__ import annotations

from sqlmodel import Session

from tracker.core.i18n import Lang, msg
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.reports.evaluation.figures import EvaluationPack, TargetEntry
from tracker.reports.model import Block, Heading, Paragraph
from tracker.reports.narratives import current_narrative
from tracker.reports.numbers import whole
from tracker.wording.numbers import amount, fmt

GOOD = ("early", "held", "ahead", "done")
BAD = ("behind", "missed")


def draft_mark(lang: Lang) -> str:
    return msg("draft.mark", lang)


def baseline_text(register: Register, target: str, lang: Lang) -> str | None:
    """'45%（2015年，估算）' style: the baseline with its year, said as an estimate where the register marks it."""
    t = register.targets[target]
    rule = register.rule(target)
    if not rule.has_value or rule.baseline is None or t.baseline is None:
        return None
    ind = register.indicator_of(t)
    value = fmt(rule.baseline, ind.unit if ind else "%", 2, lang)
    key = "draft.base_estimated" if rule.baseline_estimated else "draft.base"
    return msg(key, lang, year=t.baseline.year, value=value)


def change_text(entry: TargetEntry, register: Register, lang: Lang) -> str | None:
    """'较基期（2015年，估算，45.00%）提高 15.77 个百分点', or since the series' first figure without a baseline."""
    value = entry.row.value
    if value is None:
        return None
    rule = register.rule(entry.target)
    base = baseline_text(register, entry.target, lang)
    if base is not None and rule.baseline is not None:
        start, flat, key = rule.baseline, "draft.flat_since_baseline", "draft.since_baseline"
        args = {"base": base}
    else:
        points = entry.series.dropna(subset=["value"]) if not entry.series.empty else entry.series
        if points.empty:
            return None
        start = float(points["value"].iloc[0])
        flat, key = "draft.flat_since_first", "draft.since_first"
        args = {"first": parse_period(str(points["period"].iloc[0])).label(lang),
                "value": fmt(start, entry.row.unit, 2, lang)}
    d = value - start
    if abs(d) < 0.005:
        return msg(flat, lang, **args)
    return msg(key, lang, direction=msg("draft.up" if d > 0 else "draft.down", lang),
               change=amount(d, entry.row.unit, lang), **args)


def units_text(entry: TargetEntry, register: Register, lang: Lang) -> str:
    """'区A（53.41%）、区B（53.27%）' — only units below the district figure (the pack keeps only those)."""
    return msg("sep.list", lang).join(
        msg("eval.unit_value", lang, unit=register.units[c.unit].name(lang), value=fmt(c.value, entry.row.unit, 2,
                                                                                       lang))
        for c in entry.named if c.value is not None)


def drafted_analysis(entry: TargetEntry, register: Register, lang: Lang) -> str:
    """The analysis paragraph's text: change since the baseline, the verdict, the units below the district."""
    rule = register.rule(entry.target)
    if not rule.has_value:
        done = entry.row.status == "done"
        return msg("draft.milestone_done" if done else "draft.milestone_open", lang)
    if entry.row.value is None:
        return msg("draft.no_data", lang)
    parts = [change_text(entry, register, lang) or entry.row.name(lang)]
    if entry.share is not None and entry.verdict not in ("held",):
        parts.append(msg("draft.share", lang, share=f"{min(max(entry.share, 0.0), 100.0):.1f}%"))
    if entry.verdict:
        parts.append(msg("draft.pace", lang, verdict=msg(f"verdict.{entry.verdict}", lang)))
    if entry.named and entry.verdict in BAD:
        parts.append(msg("draft.below", lang, units=units_text(entry, register, lang)))
    return "".join(parts) + msg("draft.end", lang)


def drafted_measures(entry: TargetEntry, register: Register, lang: Lang) -> str:
    if entry.row.value is None and register.rule(entry.target).has_value:
        return msg("draft.measure_data", lang)
    if entry.verdict in BAD:
        units = msg("draft.measure_units", lang, units=units_text(entry, register, lang)) if entry.named else ""
        return msg("draft.measure_behind", lang, units=units)
    return msg("draft.measure_keep", lang)


def narrative_blocks(entry: TargetEntry, register: Register, lang: Lang) -> list[Block]:
    """分析 and 措施: the planner's text where written, else a draft from the data, marked as one."""
    n = entry.narrative
    mark = draft_mark(lang)
    if n and n.analysis:
        analysis = msg("draft.own_analysis", lang, text=n.analysis)
    else:
        analysis = msg("draft.analysis", lang, mark=mark, text=drafted_analysis(entry, register, lang))
    if n and n.measures:
        measures = msg("draft.own_measures", lang, text=n.measures)
    else:
        measures = msg("draft.measures", lang, mark=mark, text=drafted_measures(entry, register, lang))
    return [Paragraph(analysis), Paragraph(measures)]


def narratives_missing(*, session: Session, register: Register, as_of: str, lang: Lang) -> list[str]:
    """Before a pack is made (the 导出 page, the command line): the targets with no 分析 written for the month."""
    code = parse_period(as_of).code
    missing = []
    for code_, t in register.targets.items():
        n = current_narrative(session=session, target=code_, period=code)
        if not (n and n.analysis):
            missing.append(t.name_zh if lang == "zh" else t.name_en)
    return missing


def missing_note(names: list[str], lang: Lang) -> str:
    """'以下 3 项指标尚未填写分析与措施…将使用据数据生成的初稿：…', or that every one is written."""
    if not names:
        return msg("eval.all_narratives", lang)
    key = "eval.missing_narratives_one" if len(names) == 1 else "eval.missing_narratives"
    return msg(key, lang, n=len(names), names=msg("sep.list", lang).join(names))


def overall_text(pack: EvaluationPack, lang: Lang) -> str:
    """总体评价 (a draft): good when at most one in eight judged targets is behind, poor when a third or more."""
    judged = [e for e in pack.entries if e.verdict]
    bad = sum(e.verdict in BAD for e in judged)
    mark = draft_mark(lang)
    if pack.kind == "final":
        return msg("eval.overall_final_good" if bad * 3 < max(len(judged), 1) else "eval.overall_final_poor", lang,
                   mark=mark)
    if bad * 8 <= len(judged):
        return msg("eval.overall_good", lang, mark=mark)
    return msg("eval.overall_poor" if bad * 3 >= len(judged) else "eval.overall_mixed", lang, mark=mark)


def _achievements(pack: EvaluationPack, register: Register, lang: Lang) -> list[str]:
    out = []
    for e in pack.entries:
        if e.verdict in GOOD and e.row.value is not None:
            change = change_text(e, register, lang)
            out.append(msg("eval.achievement", lang, name=e.row.name(lang), value=fmt(e.row.value, e.row.unit, 2, lang),
                           verdict=msg(f"verdict.{e.verdict}", lang),
                           since=msg("eval.achievement_since", lang, change=change) if change else ""))
    return out or [msg("eval.no_achievements", lang)]


def _problems(pack: EvaluationPack, register: Register, lang: Lang) -> list[str]:
    out = []
    for e in pack.entries:
        if e.verdict not in BAD or e.row.value is None:
            continue
        final = pack.kind == "final" or e.row.gap_to_pace is None
        g = e.row.gap_to_target if final else e.row.gap_to_pace
        gap = "" if g is None or g >= 0 else msg("eval.problem_gap_target" if final else "eval.problem_gap", lang,
                                                  gap=amount(g, e.row.unit, lang))
        units = msg("eval.problem_units", lang, units=units_text(e, register, lang)) if e.named else ""
        out.append(msg("eval.problem", lang, name=e.row.name(lang), value=fmt(e.row.value, e.row.unit, 2, lang),
                       verdict=msg(f"verdict.{e.verdict}", lang), gap=gap, units=units))
    no_data = _no_data(pack, register, lang)
    if no_data:
        out.append(msg("eval.problem_no_data", lang, names=no_data))
    r = pack.reporting
    late = int(((r.by_unit["late"] > 0) | (r.by_unit["missing"] > 0)).sum()) if not r.by_unit.empty else 0
    if late and r.expected:
        out.append(msg("eval.problem_reporting_one" if late == 1 else "eval.problem_reporting", lang,
                       rate=f"{r.on_time / r.expected * 100:.2f}%", n=whole(late)))
    return out or [msg("eval.no_problems", lang)]


def _no_data(pack: EvaluationPack, register: Register, lang: Lang) -> str:
    return msg("sep.list", lang).join(e.row.name(lang) for e in pack.entries
                                      if e.row.value is None and register.rule(e.target).has_value)


def _next_steps(pack: EvaluationPack, register: Register, lang: Lang) -> list[str]:
    out = [msg("eval.next_behind", lang, name=e.row.name(lang), measure=drafted_measures(e, register, lang))
           for e in pack.entries if e.verdict in BAD]
    no_data = _no_data(pack, register, lang)
    if no_data:
        out.append(msg("eval.next_data", lang, names=no_data, measure=msg("draft.measure_data", lang)))
    if pack.reporting.on_time < pack.reporting.expected:
        out.append(msg("eval.next_reporting", lang))
    if any(e.verdict in GOOD for e in pack.entries):
        out.append(msg("eval.next_keep", lang))
    return out


def summary_blocks(pack: EvaluationPack, register: Register, lang: Lang) -> list[Block]:
    """五、主要成效、存在问题和下一步工作建议 — drafted, each part marked as a draft to edit."""
    mark = draft_mark(lang)
    blocks: list[Block] = [Heading(1, msg("eval.h_summary", lang))]
    for key, lines in (("eval.h_achievements", _achievements(pack, register, lang)),
                       ("eval.h_problems", _problems(pack, register, lang)),
                       ("eval.h_next", _next_steps(pack, register, lang))):
        blocks.append(Heading(2, msg(key, lang) + mark))
        blocks += [Paragraph(f"{i}．{line}" if lang == "zh" else f"{i}. {line}") for i, line in enumerate(lines, 1)]
    return blocks
