"""An evaluation pack as a `Document`: cover; 一、总体情况; 二、主要指标完成情况; 三、分项评价; 四、数据报送情况; 附表.

Every sentence is worded here from the pack's figures (tests read them without a writer).
"""

from __future__ import annotations

from collections import Counter

from tracker.charts import target_chart
from tracker.engine.analysis import sorted_by
from tracker.engine.tables import rule_label
from tracker.engine.wording import fmt, sentence, unit_word
from tracker.i18n import Lang, msg
from tracker.periods import parse_period
from tracker.register import Register
from tracker.reports.evaluation import EvaluationPack, TargetEntry
from tracker.reports.images import png
from tracker.reports.model import (
    Block,
    Cell,
    Cover,
    Document,
    Format,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Table,
)
from tracker.reports.numbers import percent, ratio

ORDER = ("early", "ahead", "on_pace", "behind", "done", "nearly", "missed")
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
    milestones = [e for e in pack.entries if register.targets[e.target].comparison == "milestone"]
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
    return msg("eval.volume", lang, period=_window(pack, lang), accepted=f"{done.denominator:.0f}",
               completion=rate("completion_rate"), on_time=rate("on_time_rate"), early=rate("early_completion_rate"),
               satisfaction=percent(satisfaction.value if satisfaction else None))


def _window(pack: EvaluationPack, lang: Lang) -> str:
    return msg("eval.window", lang, first=pack.window.first.label(lang), last=pack.window.last.label(lang))


def _value(value: float | None, unit: str, lang: Lang) -> Cell:
    return None if value is None else fmt(value, unit, 2, lang)


def indicator_table(pack: EvaluationPack, register: Register, lang: Lang) -> Table:
    """序号, 指标, 单位, 基期值, 规划目标, 进度要求, 实际值, 完成进度, 评价."""
    rows: list[list[Cell]] = []
    for i, e in enumerate(pack.entries, start=1):
        t = register.targets[e.target]
        unit = e.row.unit
        base = f"{t.baseline.value:g}\n({t.baseline.year})" if t.baseline and t.baseline.value is not None else None
        share = None if e.share is None else f"{min(max(e.share, 0.0), 100.0):.1f}%"
        word = msg(f"verdict.{e.verdict}", lang) if e.verdict else msg(f"status.{e.row.status}", lang)
        rows.append([str(i), e.row.name(lang), unit_word(unit, lang) if unit else "—", base,
                     rule_label(register, e.target, lang), _value(e.row.expected, unit, lang),
                     _value(e.row.value, unit, lang), share, word])
    formats: list[Format] = ["text"] * 9
    return Table([msg(f"eval.col_{c}", lang) for c in ("no", "name", "unit", "baseline", "target", "pace", "actual",
                                                        "share", "verdict")], rows, formats,
                 caption=msg("eval.indicator_caption", lang, as_of=pack.as_of.label(lang)),
                 note=msg("eval.indicator_note", lang), weights=[6, 16, 6, 11, 14, 11, 11, 10, 11])


def projection_sentence(entry: TargetEntry, register: Register, lang: Lang) -> str | None:
    p = entry.projection
    if p is None:
        return None
    if p.value is None or p.first is None:
        return msg("eval.projection_few", lang, n=p.points)
    t = register.targets[entry.target]
    return msg("eval.projection", lang, first=parse_period(p.first).label(lang),
               deadline=f"{t.deadline.year}年{t.deadline.month}月" if lang == "zh" else t.deadline.strftime("%b %Y"),
               value=fmt(p.value, entry.row.unit, 2, lang),
               judgement=msg("eval.on_time" if p.on_time else "eval.hard", lang))


def units_sentence(entry: TargetEntry, register: Register, lang: Lang) -> str | None:
    if not entry.named:
        return None
    ind = register.indicator_of(register.targets[entry.target])
    assert ind is not None
    names = msg("sep.list", lang).join(
        msg("eval.unit_value", lang, unit=register.units[c.unit].name(lang), value=fmt(c.value, ind.unit, 2, lang))
        for c in entry.named if c.value is not None)
    key = "eval.units_below" if entry.row.status == "met" else "eval.units_behind"
    return msg(key, lang, units=names, n=entry.units_below)


def target_blocks(i: int, entry: TargetEntry, register: Register, lang: Lang, charts: bool) -> list[Block]:
    t = register.targets[entry.target]
    blocks: list[Block] = [Heading(2, f"（{_cn(i)}）{entry.row.name(lang)}"),
                           Paragraph(msg("eval.clause", lang, clause=t.clause), "quote"),
                           Paragraph(sentence(entry.row, register, lang))]
    ind = register.indicator_of(t)
    if ind is not None and charts and not entry.series.empty and entry.row.value is not None:
        image = png(target_chart(entry.series, ind.name(lang), ind.unit, lang), width=560)
        blocks.append(Image(image, msg("eval.figure", lang, i=i, name=ind.name(lang))))
    for text in (units_sentence(entry, register, lang), projection_sentence(entry, register, lang)):
        if text:
            blocks.append(Paragraph(text))
    n = entry.narrative
    blocks.append(Paragraph(msg("eval.analysis", lang, text=n.analysis or msg("eval.empty", lang)) if n else
                            msg("eval.no_narrative", lang)))
    if n:
        blocks.append(Paragraph(msg("eval.measures", lang, text=n.measures or msg("eval.empty", lang))))
    return blocks


def reporting_blocks(pack: EvaluationPack, register: Register, lang: Lang) -> list[Block]:
    r = pack.reporting
    text = msg("eval.reporting", lang, first=r.first.label(lang), last=r.last.label(lang), expected=r.expected,
               received=r.received, on_time=r.on_time, rate=percent(ratio(r.received, r.expected)),
               on_time_rate=percent(ratio(r.on_time, r.expected)))
    worst = r.by_unit[(r.by_unit["missing"] > 0) | (r.by_unit["late"] > 0)].sort_values(
        ["missing", "late"], ascending=False).head(10)
    rows: list[list[Cell]] = [[register.units[u].name(lang), e, rc, ot, la, mi] for u, e, rc, ot, la, mi in
                              worst[["unit", "expected", "received", "on_time", "late", "missing"]].itertuples(index=False)]
    blocks: list[Block] = [Paragraph(text)]
    if rows:
        blocks.append(Table([msg(f"complete.col_{c}", lang) for c in ("name", "expected", "received", "on_time",
                                                                        "late", "missing")],
                            rows, ["text", "count", "count", "count", "count", "count"],
                            caption=msg("eval.reporting_caption", lang)))
    else:
        blocks.append(Paragraph(msg("eval.reporting_all", lang)))
    return blocks


def appendix(pack: EvaluationPack, register: Register, lang: Lang) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(1, msg("eval.h_appendix", lang))]
    for i, e in enumerate(pack.entries, start=1):
        ind = register.indicator_of(register.targets[e.target])
        if ind is None or e.units.empty:
            continue
        units = sorted_by(e.units, "value", ascending=not register.targets[e.target].higher_is_better,
                          register=register)
        rows: list[list[Cell]] = [[register.units[u].name(lang), n, d, None if v != v else v]
                                  for u, n, d, v in units[["unit", "numerator", "denominator", "value"]].itertuples(
                                      index=False)]
        value_format: Format = "percent" if ind.is_percent else "decimal"
        blocks.append(Table([msg("ucol.name", lang), msg("ucol.numerator", lang), msg("ucol.denominator", lang),
                             ind.name(lang)], rows, ["text", "count", "count", value_format],
                            caption=msg("eval.appendix_table", lang, i=i, name=ind.name(lang))))
    return blocks


def evaluation_document(pack: EvaluationPack, register: Register, lang: Lang = "zh", charts: bool = True) -> Document:
    name = register.plan.name_zh if lang == "zh" else register.plan.name_en
    who = register.units[pack.unit].name(lang) if pack.unit else ""
    kind = msg(f"eval.kind_{pack.kind}", lang, year=pack.as_of.year)
    lines = [msg("eval.line_as_of", lang, as_of=pack.as_of.label(lang), window=_window(pack, lang)),
             msg("eval.line_generated", lang, at=pack.generated_at.strftime("%Y-%m-%d %H:%M")),
             msg("eval.line_version", lang, version=pack.version, register=register.fingerprint[:12])]
    if pack.sample:
        lines.append(msg("eval.line_sample", lang))
    cover = Cover(title=msg("eval.title", lang, plan=name, who=who, kind=kind), issuer=register.plan.issuer,
                  date=pack.generated_at.strftime("%Y年%-m月%-d日" if lang == "zh" else "%Y-%m-%d"),
                  subtitle=msg("eval.subtitle", lang, as_of=pack.as_of.label(lang)), lines=lines)
    blocks: list[Block] = [Heading(1, msg("eval.h_overall", lang)), Paragraph(summary_sentence(pack, register, lang))]
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
               *appendix(pack, register, lang)]
    meta = {"kind": pack.kind, "as_of": pack.as_of.code, "version": pack.version,
            "generated_at": pack.generated_at.isoformat(), "register": register.fingerprint}
    return Document(cover, blocks, meta=meta)
