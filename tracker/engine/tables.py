"""Tables as people read them, from the engine's unformatted rows (no Streamlit here).

Names in the reader's language instead of codes (a code only in a last column titled 代码), percentages with
two decimals and %, counts with thousands separators, "—" for anything missing, times in China Standard Time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from tracker.engine.analysis import Change
from tracker.engine.progress import ProgressRow
from tracker.engine.wording import fmt, rule_text, unit_word
from tracker.i18n import Lang, msg
from tracker.periods import LOCAL_TZ
from tracker.register import Register

DASH = "—"


def missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value: object, decimals: int = 0) -> str:
    """'25,824' / '—'."""
    return DASH if missing(value) else f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]


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


def rule_label(register: Register, code: str, lang: Lang) -> str:
    """'不低于 70%（每期保持）' or '2018-08-31 前完成'."""
    target = register.targets[code]
    if target.comparison == "milestone":
        return msg("rule.milestone", lang, date=target.deadline.isoformat())
    ind = register.indicator_of(target)
    text = rule_text(target, ind.unit if ind else "", lang)
    return text + (msg("rule.maintain", lang) if target.maintain else "")


def changes_table(rows: list[ProgressRow], previous: dict[str, ProgressRow], lang: Lang) -> pd.DataFrame:
    """Every indicator: this window, the window ending a month earlier, and the change (环比)."""
    out = []
    for r in rows:
        if r.indicator is None:
            continue
        prev = previous.get(r.indicator)
        change = Change(r.value, prev.value if prev else None, r.unit == "%")
        out.append({msg("col.indicator", lang): r.name(lang), msg("col.value", lang): figure(r.value, r.unit, lang),
                    msg("col.previous", lang): figure(prev.value if prev else None, r.unit, lang),
                    msg("col.change", lang): change.text(lang)})
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
        else:
            cells = [str(v) for v in df[col]]
        out[msg(f"ucol.{col}", lang)] = cells
    return out


def profile_table(rows: list[ProgressRow], ranks: dict[str, tuple[int, int]], lang: Lang) -> pd.DataFrame:
    """One unit's indicators: value, status and rank among units of its type."""
    return pd.DataFrame([{
        msg("ucol.indicator", lang): r.name(lang), msg("ucol.value", lang): figure(r.value, r.unit, lang),
        msg("ucol.status", lang): msg(f"status.{r.status}", lang),
        msg("ucol.type_rank", lang): msg("units.rank", lang, rank=ranks[r.indicator][0], n=ranks[r.indicator][1])
        if r.indicator in ranks else DASH} for r in rows])


def register_tables(register: Register, lang: Lang) -> dict[str, pd.DataFrame]:
    """The register as loaded, in the reader's language; codes only in a last column titled 代码."""
    def names(codes: Sequence[str], table: str) -> str:
        lookup = getattr(register, table)
        return msg("sep.list", lang).join(lookup[c].name(lang) if c in lookup else msg(f"type.{c}", lang)
                                          for c in codes)

    yes_no = {True: msg("word.yes", lang), False: msg("word.no", lang)}
    targets = pd.DataFrame([{
        msg("rcol.name", lang): t.name(lang), msg("rcol.clause", lang): t.clause,
        msg("rcol.rule", lang): rule_label(register, t.code, lang),
        msg("rcol.baseline", lang): DASH if not t.baseline or t.baseline.value is None else
        f"{t.baseline.value:g}（{t.baseline.year}）" + (f" {t.baseline.note}" if t.baseline.note else ""),
        msg("rcol.deadline", lang): t.deadline.isoformat(),
        msg("rcol.milestones", lang): msg("sep.list", lang).join(f"{y}: {v:g}" for y, v in
                                                                 sorted(t.milestones.items())) or DASH,
        msg("rcol.owners", lang): names(t.owners, "units"), msg("rcol.source", lang): msg(f"source.{t.source}", lang),
        msg("col.code", lang): t.code} for t in register.targets.values()])
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
