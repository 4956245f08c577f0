"""Tables as people read them, from the engine's unformatted rows (no Streamlit here).

Names in the reader's language instead of codes (a code only in a last column titled 代码), percentages with
two decimals and %, counts with thousands separators, "—" for anything missing, times in China Standard Time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from tracker.core.clock import LOCAL_TZ
from tracker.core.i18n import Lang, msg
from tracker.engine.analysis import INSUFFICIENT, Change
from tracker.engine.progress import ProgressRow
from tracker.register import Register, Target
from tracker.register.schema import Adjustment
from tracker.wording.changes import change_text
from tracker.wording.numbers import as_written, fmt, grouping, unit_word
from tracker.wording.numbers import figure as plain_figure
from tracker.wording.rules import quoted_clause, rule_label

DASH = "—"


def missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value: object, decimals: int = 0) -> str:
    """'25,824' on a page and in an English document, '25824' in a Chinese one / '—'."""
    return DASH if missing(value) else f"{float(value):{grouping()}.{decimals}f}"  # type: ignore[arg-type]


def percent(value: object) -> str:
    """'99.90%' / '—'."""
    return DASH if missing(value) else f"{float(value):.2f}%"  # type: ignore[arg-type]


def figure(value: object, unit: str, lang: Lang) -> str:
    """A value in its unit: '31.20%', '2.40 工作日' / '2.40 working days', or '—'."""
    return DASH if missing(value) else fmt(float(value), unit, 2, lang)  # type: ignore[arg-type]


def local_time(value: object) -> str:
    """'2026-11-22 14:05' in China Standard Time (stored times are UTC)."""
    if missing(value):
        return DASH
    at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def changes_table(rows: list[ProgressRow], previous: dict[str, ProgressRow], lang: Lang,
                  register: Register | None = None) -> pd.DataFrame:
    """Every indicator: this window, the window ending a month earlier, and the change (环比: in the figure's own
    terms, better or worse when the register is given)."""
    from tracker.wording.cards import change_terms

    out = []
    for r in rows:
        if r.indicator is None:
            continue
        prev = previous.get(r.indicator)
        terms = change_terms(register, r) if register is not None else (None, None)
        change = Change(r.value, prev.value if prev else None, r.unit == "%")
        out.append({msg("col.indicator", lang): r.name(lang), msg("col.value", lang): figure(r.value, r.unit, lang),
                    msg("col.previous", lang): figure(prev.value if prev else None, r.unit, lang),
                    msg("col.change", lang): change_text(change, lang, unit=terms[0], higher_is_better=terms[1])})
    return pd.DataFrame(out)


UNIT_TABLE_COLUMNS = ("name", "numerator", "denominator", "value", "shortfall", "share", "rank", "note")


def unit_table(df: pd.DataFrame, register: Register, unit: str, lang: Lang) -> pd.DataFrame:
    """A per-unit table (figures, attribution or ranking) with unit names and localized headers."""
    out = pd.DataFrame({msg("ucol.name", lang): [register.units[u].name(lang) for u in df["unit"]]})
    for col in UNIT_TABLE_COLUMNS[1:]:
        if col not in df:
            continue
        if col in ("numerator", "denominator", "shortfall"):
            cells = [number(v) for v in df[col]]
        elif col == "value":
            cells = [figure(v, unit, lang) for v in df[col]]
        elif col == "share":
            cells = [percent(v) for v in df[col]]
        elif col == "rank":
            cells = [DASH if missing(v) else str(int(v)) for v in df[col]]
        else:  # the note: a code the engine sets (样本不足), or nothing
            cells = [msg("rank.insufficient", lang) if v == INSUFFICIENT else str(v) for v in df[col]]
        out[msg(f"ucol.{col}", lang)] = cells
    return out


def profile_table(rows: list[ProgressRow], ranks: dict[str, tuple[int, int]], lang: Lang) -> pd.DataFrame:
    """One unit's indicators: value, status and rank among units of its type."""
    return pd.DataFrame([{
        msg("ucol.indicator", lang): r.name(lang), msg("ucol.value", lang): figure(r.value, r.unit, lang),
        msg("ucol.status", lang): msg(f"status.{r.status}", lang),
        msg("ucol.type_rank", lang): _rank(ranks.get(r.indicator or ""), lang)} for r in rows])


def _rank(rank: tuple[int, int] | None, lang: Lang) -> str:
    """'在同类 18 个单位中排第 3'; a unit alone of its type is not ranked ('同类仅此一个单位')."""
    if rank is None:
        return DASH
    if rank[1] <= 1:
        return msg("units.rank_alone", lang)
    return msg("units.rank", lang, rank=rank[0], n=rank[1])


def baseline_text(target: Target, lang: Lang) -> str:
    """'45（2015） 估算', '取自 2025 年数据：97.83', '取自 2025 年数据（该年尚无数据）' or '—'."""
    b = target.baseline
    if b is None:
        return DASH
    if b.from_data:
        if b.value is None:
            return msg("baseline.from_data", lang, year=b.year)
        return msg("baseline.from_data_value", lang, year=b.year, value=plain_figure(b.value))
    if b.value is None:
        return DASH
    note = msg("eval.estimated_word", lang) if lang == "en" and b.note == "估算" else b.note  # the register's mark
    return as_written(b.value) + msg("sep.paren", lang, text=b.year) + (f" {note}" if note else "")


def adjustment_text(target: Target, adj: Adjustment, register: Register, lang: Lang) -> str:
    """'2023-07 起：不低于 80%（示例：中期评估报告：按新口径调整）'."""
    month = int(adj.effective[:4]) * 12 + int(adj.effective[5:]) - 1
    return msg("adjust.text", lang, effective=adj.effective, rule=rule_label(register, target.code, lang, month),
               document=adj.document, reason=adj.reason)


def register_tables(register: Register, lang: Lang) -> dict[str, pd.DataFrame]:
    """The register as loaded, in the reader's language; codes only in a last column titled 代码."""
    def names(codes: Sequence[str], table: str) -> str:
        lookup = getattr(register, table)
        return msg("sep.list", lang).join(lookup[c].name(lang) if c in lookup else msg(f"type.{c}", lang)
                                          for c in codes)

    yes_no = {True: msg("word.yes", lang), False: msg("word.no", lang)}
    targets = pd.DataFrame([{
        msg("rcol.plan", lang): register.plan_of_target(t.code).short(lang),
        msg("rcol.name", lang): t.name(lang) + (msg("rcol.example_mark", lang) if t.example else ""),
        msg("rcol.clause", lang): quoted_clause(t, lang),
        msg("rcol.rule", lang): rule_label(register, t.code, lang),
        msg("rcol.baseline", lang): baseline_text(t, lang),
        msg("rcol.deadline", lang): t.deadline.isoformat(),
        msg("rcol.milestones", lang): msg("sep.list", lang).join(f"{y}: {v:g}" for y, v in
                                                                 sorted(t.milestones.items())) or DASH,
        msg("rcol.adjustments", lang): msg("sep.list", lang).join(adjustment_text(t, a, register, lang)
                                                                  for a in t.adjustments) or DASH,
        msg("rcol.owners", lang): names(t.owners, "units"), msg("rcol.source", lang): msg(f"source.{t.source}", lang),
        msg("rcol.note", lang): t.note or DASH,
        msg("col.code", lang): t.code} for t in register.all_targets.values()])
    indicators = pd.DataFrame([{
        msg("rcol.name", lang): i.name(lang), msg("rcol.numerator", lang): names(i.numerators, "metrics"),
        msg("rcol.denominator", lang): names(i.denominators, "metrics"),
        msg("rcol.unit", lang): unit_word(i.unit, lang), msg("rcol.measure", lang): i.measure_zh or DASH,
        msg("rcol.bounded", lang): yes_no[i.bounded], msg("col.code", lang): i.code}
        for i in register.indicators.values()])
    metrics = pd.DataFrame([{
        msg("rcol.name", lang): m.name(lang), msg("rcol.unit", lang): unit_word(m.unit, lang),
        msg("rcol.kind", lang): msg(f"kind.{m.kind}", lang), msg("rcol.aggregation", lang): msg(f"agg.{m.aggregation}", lang),
        msg("rcol.frequency", lang): msg(f"freq.{m.frequency}", lang),
        msg("rcol.reported_by", lang): names(m.reported_by, "units"),
        msg("rcol.aliases", lang): msg("sep.list", lang).join(m.aliases) or DASH, msg("col.code", lang): m.code}
        for m in register.metrics.values()])
    units = pd.DataFrame([{
        msg("rcol.name", lang): u.name(lang), msg("rcol.type", lang): msg(f"type.{u.type}", lang),
        msg("rcol.parent", lang): register.units[u.parent].name(lang) if u.parent in register.units else DASH,
        msg("rcol.aliases", lang): msg("sep.list", lang).join(u.aliases) or DASH, msg("col.code", lang): u.code}
        for u in register.units.values()])
    return {"targets": targets, "indicators": indicators, "metrics": metrics, "units": units}
