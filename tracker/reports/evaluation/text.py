"""An evaluation pack as a `Document`: cover; 一、总体情况; 二、主要指标完成情况; 三、分项评价; 四、数据报送情况; 附表.

Every sentence is worded here from the pack's figures (tests read them without a writer).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from tracker.core.i18n import Lang, msg
from tracker.core.periods import parse_period
from tracker.register import Register, Target
from tracker.reports.evaluation.analysis import narrative_blocks, overall_text, summary_blocks
from tracker.reports.evaluation.back_matter import appendix, notes_blocks, reporting_blocks
from tracker.reports.evaluation.figures import EvaluationPack, TargetEntry
from tracker.reports.model import (
    Block,
    Cell,
    Cover,
    Document,
    Format,
    Heading,
    Image,
    Paragraph,
    Table,
)
from tracker.reports.numbers import percent, whole
from tracker.wording.numbers import as_written, document_grouping, figure, in_document
from tracker.wording.punctuation import curly
from tracker.wording.sentences import fmt, sentence, unit_word
from tracker.wording.tables import rule_label

ORDER = ("early", "held", "ahead", "on_pace", "behind", "done", "nearly", "missed")
CN = "一二三四五六七八九十"


def _cn(i: int) -> str:
    """1 → 一, 12 → 十二, 16 → 十六 (section numbers of a Chinese document)."""
    if i <= 10:
        return CN[i - 1]
    return ("" if i < 20 else CN[i // 10 - 1]) + "十" + (CN[i % 10 - 1] if i % 10 else "")


def summary_sentence(pack: EvaluationPack, register: Register, lang: Lang) -> str:
    """'规划提出的 16 项主要指标中，3 项提前完成，…，2 项滞后于预期；另有 1 项节点性任务（…），1 项暂无数据。'"""
    counts = Counter(e.verdict for e in pack.entries if e.verdict)
    parts = msg("eval.sep", lang).join(msg(f"eval.count_{v}", lang, n=counts[v]) for v in ORDER if counts.get(v))
    text = msg("eval.summary", lang, total=len(pack.entries), parts=parts or msg("eval.none", lang))
    milestones = [e for e in pack.entries if not register.rule(e.target).has_value]
    no_data = [e for e in pack.entries if e.verdict is None and e not in milestones]
    extra = []
    if milestones:
        extra.append(msg("eval.milestones", lang, n=len(milestones), states=msg("sep.list", lang).join(
            msg("eval.milestone_state", lang, name=e.row.name(lang), status=msg(f"status.{e.row.status}", lang))
            for e in milestones)))
    if no_data:
        extra.append(msg("eval.no_data", lang, n=len(no_data), names=msg("sep.list", lang).join(
            e.row.name(lang) for e in no_data)))
    return text + (msg("eval.also", lang, parts=msg("eval.sep", lang).join(extra)) if extra else "") + msg("eval.end", lang)


def volume_sentence(pack: EvaluationPack, lang: Lang) -> str | None:
    """Seed 003's sentence: cases handled and the rates of the window (None when nothing was reported)."""
    rates = {r.indicator: r for r in pack.untargeted}
    done = rates.get("completion_rate")
    if done is None or done.denominator is None:
        return None
    def rate(code: str) -> str:
        row = rates.get(code)
        return percent(row.value if row else None)
    satisfaction = next((e.row for e in pack.entries if e.row.indicator == "satisfaction_rate"), None)
    return msg("eval.volume", lang, period=_window(pack, lang), accepted=f"{done.denominator:{document_grouping()}.0f}",
               completion=rate("completion_rate"), on_time=rate("on_time_rate"), early=rate("early_completion_rate"),
               satisfaction=percent(satisfaction.value if satisfaction else None))


def _window(pack: EvaluationPack, lang: Lang) -> str:
    return msg("eval.window", lang, first=pack.window.first.label(lang), last=pack.window.last.label(lang))



def baseline_cell(register: Register, target: str, lang: Lang, year_in_header: bool = False) -> str | None:
    """'45\n（2015年，估算）': the baseline, its year (left to the table's note when every baseline of the table has
    the same year: '45\n（估算）', '30') and 估算 where the register marks it an estimate."""
    t = register.targets[target]
    rule = register.rule(target)
    if not rule.has_value or t.baseline is None or rule.baseline is None:
        return None
    notes = ([] if year_in_header else [f"{t.baseline.year}年" if lang == "zh" else str(t.baseline.year)])
    notes += [msg("eval.estimated_word", lang)] if rule.baseline_estimated else []
    # as the register writes it ('45', '99.5'); a district figure taken from the data as the table's other figures
    value = figure(rule.baseline) if t.baseline.from_data else as_written(rule.baseline)
    if not notes:
        return value
    return f"{value}\n（{'，'.join(notes)}）" if lang == "zh" else f"{value}\n({', '.join(notes)})"


def baseline_year(pack: EvaluationPack, register: Register) -> int | None:
    """The one year of every baseline the table prints (then said once, in the table's note), else None."""
    years = {register.targets[e.target].baseline.year for e in pack.entries  # type: ignore[union-attr]
             if baseline_cell(register, e.target, "zh") is not None}
    return years.pop() if len(years) == 1 else None


def verdict_word(entry: TargetEntry, lang: Lang) -> str:
    """The pack's one word for a target: its verdict, else its status (milestones, no data)."""
    return msg(f"verdict.{entry.verdict}", lang) if entry.verdict else msg(f"status.{entry.row.status}", lang)


def _actual(e: TargetEntry, lang: Lang) -> Cell:
    """实际值, with the period where a stock's last value before the window is used: '75.00%（2017年）'."""
    value = _value(e.row.value, e.row.unit, lang)
    if e.carried is None or value is None:
        return value
    return msg("eval.carried_cell", lang, value=value, period=e.carried.label(lang))


def _value(value: float | None, unit: str, lang: Lang) -> Cell:
    """A figure in the indicator table: '25.00%', or '2.44' where the 单位 column says 工作日 (so that a figure and
    its unit word never share a narrow column: issue 18), a whole number without decimals ('3551' 件)."""
    return None if value is None else fmt(value, unit, 2, lang) if unit == "%" else figure(value)


@in_document
def indicator_table(pack: EvaluationPack, register: Register, lang: Lang) -> Table:
    """序号, 指标, 单位, 基期值, 规划目标, 进度要求, 实际值, 完成进度, 评价."""
    rows: list[list[Cell]] = []
    year = baseline_year(pack, register)
    for i, e in enumerate(pack.entries, start=1):
        unit = e.row.unit
        base = baseline_cell(register, e.target, lang, year_in_header=year is not None)
        share = None if e.share is None else f"{min(max(e.share, 0.0), 100.0):.1f}%"
        word = verdict_word(e, lang)
        rows.append([str(i), e.row.name(lang), unit_word(unit, lang) if unit else "—", base,
                     rule_label(register, e.target, lang, pack.as_of.end), _value(e.row.expected, unit, lang),
                     _actual(e, lang), share, word])
    formats: list[Format] = ["text"] * 9
    note = msg("eval.indicator_note", lang)
    if year is not None:  # said once here, not in every baseline cell (which then fits its narrow column)
        note += msg("eval.baseline_year_note", lang, year=year)
    return Table([msg(f"eval.col_{c}", lang) for c in ("no", "name", "unit", "baseline", "target", "pace", "actual",
                                                        "share", "verdict")], rows, formats,
                 caption=msg("eval.indicator_caption", lang, as_of=pack.as_of.label(lang)),
                 note=note, weights=[5, 18, 6, 11, 12, 11, 11, 10, 13], dense=True)


def projection_sentence(entry: TargetEntry, register: Register, lang: Lang) -> str | None:
    p = entry.projection
    if p is None:
        return None
    t = register.targets[entry.target]
    deadline = f"{t.deadline.year}年{t.deadline.month}月" if lang == "zh" else t.deadline.strftime("%b %Y")
    if p.reason == "short" and p.first and p.last:
        return msg("eval.projection_short", lang, first=parse_period(p.first).label(lang),
                   last=parse_period(p.last).label(lang), deadline=deadline)
    if p.value is None or p.first is None or p.low is None or p.high is None:
        return msg("eval.projection_few", lang, n=p.points)
    unit = entry.row.unit
    judgement = "eval.uncertain" if p.on_time is None else "eval.on_time" if p.on_time else "eval.hard"
    return msg("eval.projection2", lang, first=parse_period(p.first).label(lang), n=p.points, deadline=deadline,
               value=fmt(p.value, unit, 2, lang), low=fmt(p.low, unit, 2, lang), high=fmt(p.high, unit, 2, lang),
               judgement=msg(judgement, lang))


def units_sentence(entry: TargetEntry, register: Register, lang: Lang) -> str | None:
    if not entry.named:
        return None
    ind = register.indicator_of(register.targets[entry.target])
    assert ind is not None
    names = msg("sep.list", lang).join(
        msg("eval.unit_value", lang, unit=register.units[c.unit].name(lang), value=fmt(c.value, ind.unit, 2, lang))
        for c in entry.named if c.value is not None)
    key = ("eval.units_behind" if entry.row.status != "met" else
           "eval.units_below_one" if entry.units_below == 1 else "eval.units_below")
    return msg(key, lang, units=names, n=whole(entry.units_below))


def adjustment_sentence(target: Target, register: Register, month: int, lang: Lang) -> str | None:
    """'规划原定目标：不低于 70%；自 2023-07 起调整为：不低于 75%（依据：…；理由：…）', when an adjustment is in force by
    the month (the quoted clause stays the plan's own)."""
    adj = target.adjustment_at(month)
    if adj is None:
        return None
    return msg("eval.adjusted", lang, original=rule_label(register, target.code, lang),
               effective=adj.effective, adjusted=rule_label(register, target.code, lang, month),
               document=adj.document, reason=adj.reason)


def clause_paragraph(target: Target, lang: Lang) -> str:
    """'规划原文：“…”'; in English the register's translation with the original, or the original said to be Chinese."""
    if lang == "en" and target.clause_en:
        return msg("eval.clause_translated", lang, translation=target.clause_en, clause=target.clause)
    return msg("eval.clause", lang, clause=target.clause)


def target_blocks(i: int, entry: TargetEntry, register: Register, lang: Lang, charts: bool) -> list[Block]:
    t = register.targets[entry.target]
    blocks: list[Block] = [Heading(2, msg("eval.h_target", lang, n=_cn(i) if lang == "zh" else i,
                                                     name=entry.row.name(lang))),
                           Paragraph(curly(clause_paragraph(t, lang)), "quote")]
    adjusted = adjustment_sentence(t, register, entry.row.as_of.end, lang)
    if adjusted:
        blocks.append(Paragraph(adjusted))
    blocks.append(Paragraph(sentence(entry.row, register, lang, status=verdict_word(entry, lang))))
    if entry.carried is not None:
        blocks.append(Paragraph(msg("eval.carried", lang, period=entry.carried.label(lang))))
    ind = register.indicator_of(t)
    if ind is not None and charts and not entry.series.empty and entry.row.value is not None:
        # imported here: Altair took 0.4 s of every export's start, and a workbook draws no chart
        from tracker.reports.writers.images import png
        from tracker.wording.charts import DOCUMENT_TITLE_COLUMNS, target_chart

        image = png(target_chart(entry.series, ind.name(lang), ind.unit, lang, title_columns=DOCUMENT_TITLE_COLUMNS),
                    width=560)
        blocks.append(Image(image, msg("eval.figure", lang, i=i, name=ind.name(lang))))
    for text in (units_sentence(entry, register, lang), projection_sentence(entry, register, lang)):
        if text:
            blocks.append(Paragraph(text))
    return blocks + narrative_blocks(entry, register, lang)


def cover_lines(pack: EvaluationPack, lang: Lang) -> list[str]:
    """The periods, said both: the figures' window (year to date) and the span of the trend and reporting."""
    r = pack.reporting
    lines = [msg("eval.window_trend", lang, as_of=pack.as_of.label(lang), window=_window(pack, lang),
                 first=r.first.label(lang), last=r.last.label(lang))]
    if pack.sample:
        lines.append(msg("eval.line_sample", lang))
    return lines


@in_document
def evaluation_document(pack: EvaluationPack, register: Register, lang: Lang = "zh", charts: bool = True,
                        date: dt.date | None = None) -> Document:
    name = curly(register.plan.name_zh if lang == "zh" else register.plan.name_en)
    who = register.units[pack.unit].name(lang) if pack.unit else ""
    kind = msg(f"eval.kind_{pack.kind}", lang, year=pack.as_of.year)
    day = date or pack.generated_at.date()
    cover = Cover(title=msg("eval.title", lang, plan=name, who=who, kind=kind), issuer=register.plan.issuer_in(lang),
                  date=f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat(),
                  subtitle=msg("eval.subtitle", lang, as_of=pack.as_of.label(lang)), lines=cover_lines(pack, lang))
    blocks: list[Block] = [Heading(1, msg("eval.h_overall", lang)), Paragraph(summary_sentence(pack, register, lang)),
                           Paragraph(overall_text(pack, lang))]
    volume = volume_sentence(pack, lang)
    if volume:
        blocks.append(Paragraph(volume))
    counts = Counter(e.verdict for e in pack.entries if e.verdict)
    blocks.append(Table([msg("eval.col_verdict", lang), msg("eval.col_count", lang), msg("eval.col_names", lang)],
                        [[msg(f"verdict.{v}", lang), counts[v], msg("sep.list", lang).join(
                            e.row.name(lang) for e in pack.entries if e.verdict == v)] for v in ORDER if counts.get(v)],
                        ["text", "count", "text"], caption=msg("eval.summary_caption", lang), weights=[18, 8, 74]))
    blocks += [Heading(1, msg("eval.h_indicators", lang)), indicator_table(pack, register, lang),
               Heading(1, msg("eval.h_targets", lang))]
    for i, entry in enumerate(pack.entries, start=1):
        blocks += target_blocks(i, entry, register, lang, charts)
    blocks += [Heading(1, msg("eval.h_reporting", lang)), *reporting_blocks(pack, register, lang),
               *summary_blocks(pack, register, lang), *notes_blocks(pack, register, lang),
               *appendix(pack, register, lang)]
    meta = {"kind": pack.kind, "as_of": pack.as_of.code, "version": pack.version,
            "generated_at": pack.generated_at.isoformat(), "register": register.fingerprint}
    return Document(cover, blocks, meta=meta)
