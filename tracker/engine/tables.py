"""Tables the pages show, built from the progress rows (no Streamlit here)."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from tracker.engine.progress import progress_rows
from tracker.engine.wording import fmt, rule_text
from tracker.i18n import Lang, msg
from tracker.periods import Period
from tracker.register import Register


def rule_label(register: Register, code: str, lang: Lang) -> str:
    """'不低于 70%（保持）' or '2018-08-31 前完成'."""
    target = register.targets[code]
    if target.comparison == "milestone":
        return msg("rule.milestone", lang, date=target.deadline.isoformat())
    ind = register.indicator_of(target)
    text = rule_text(target, ind.unit if ind else "", lang)
    return text + (msg("rule.maintain", lang) if target.maintain else "")


def targets_table(*, session: Session, register: Register, as_of: Period | None, lang: Lang) -> pd.DataFrame:
    """Every target with its clause, rule, deadline and (when data exists) year-to-date value and status."""
    rows = {r.target: r for r in progress_rows(session=session, register=register, as_of=as_of,
                                                 include_untargeted=False)} if as_of else {}
    out = []
    for t in register.targets.values():
        row = rows.get(t.code)
        value = fmt(row.value, row.unit, 2) if row and row.value is not None else "—"
        status = msg(f"status.{row.status}", lang) if row else "—"
        out.append({
            msg("col.code", lang): t.code, msg("col.target", lang): t.name(lang),
            msg("col.clause", lang): t.clause, msg("col.rule", lang): rule_label(register, t.code, lang),
            msg("col.deadline", lang): t.deadline.isoformat(), msg("col.value", lang): value,
            msg("col.status", lang): status, msg("col.source", lang): msg(f"source.{t.source}", lang),
        })
    return pd.DataFrame(out)


COUNT_COLUMNS = ("numerator", "denominator", "shortfall")
UNIT_TABLE_COLUMNS = ("name", "numerator", "denominator", "value", "shortfall", "share", "rank", "note")


def unit_table(df: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A per-unit table with localized headers (codes and internal columns dropped)."""
    cols = [c for c in UNIT_TABLE_COLUMNS if c in df.columns]
    out = df[cols].copy()
    for c in ("numerator", "denominator", "shortfall"):
        if c in out:
            out[c] = out[c].round(0)
    for c in ("value", "share"):
        if c in out:
            out[c] = out[c].round(2)
    return out.rename(columns={c: msg(f"ucol.{c}", lang) for c in cols})


def register_tables(register: Register, lang: Lang) -> dict[str, pd.DataFrame]:
    """The register as loaded: targets, indicators, metrics and units."""
    targets = pd.DataFrame([{
        "code": t.code, "name": t.name(lang), "clause": t.clause, "indicator": t.indicator,
        "rule": rule_label(register, t.code, lang), "maintain": t.maintain,
        "baseline": None if not t.baseline or t.baseline.value is None else f"{t.baseline.value:g} ({t.baseline.year})",
        "baseline_note": t.baseline.note if t.baseline else None, "deadline": t.deadline.isoformat(),
        "milestones": ", ".join(f"{y}: {v:g}" for y, v in sorted(t.milestones.items())) or None,
        "owners": ", ".join(t.owners), "source": msg(f"source.{t.source}", lang)} for t in register.targets.values()])
    indicators = pd.DataFrame([{
        "code": i.code, "name": i.name(lang), "numerator": i.numerator, "denominator": i.denominator,
        "factor": i.factor, "unit": i.unit, "bounded": i.bounded, "measure": i.measure_zh}
        for i in register.indicators.values()])
    metrics = pd.DataFrame([{
        "code": m.code, "name": m.name(lang), "unit": m.unit, "kind": m.kind, "aggregation": m.aggregation,
        "frequency": m.frequency, "reported_by": ", ".join(m.reported_by), "aliases": ", ".join(m.aliases)}
        for m in register.metrics.values()])
    units = pd.DataFrame([{
        "code": u.code, "name": u.name(lang), "type": u.type, "parent": u.parent, "aliases": ", ".join(u.aliases)}
        for u in register.units.values()])
    return {"targets": targets, "indicators": indicators, "metrics": metrics, "units": units}
