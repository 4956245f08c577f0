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
