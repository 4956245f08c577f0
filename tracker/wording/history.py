"""The stored history as people read it: recent submissions and every revision of one value."""

from __future__ import annotations

import pandas as pd

from tracker.core.i18n import Lang, msg
from tracker.register import Register
from tracker.wording.sentences import fmt
from tracker.wording.tables import DASH, local_time, missing, number


def submissions_table(recent: pd.DataFrame, register: Register, lang: Lang) -> pd.DataFrame:
    """Who stored which file when, for which unit(s), and how many values were new or changed."""
    def units(n: int, unit: str) -> str:
        if n == 1 and unit in register.units:
            return register.units[unit].name(lang)
        return msg("history.n_units", lang, n=n)

    return pd.DataFrame({
        msg("history.col_time", lang): [local_time(t) for t in recent["created_at"]],
        msg("history.col_user", lang): recent["user"].tolist(),
        msg("history.col_file", lang): recent["file_name"].tolist(),
        msg("history.col_units", lang): [units(int(n), u) for n, u in zip(recent["units"], recent["unit"],
                                                                          strict=True)],
        msg("history.col_new", lang): [number(v) for v in recent["values_new"]],
        msg("history.col_changed", lang): [number(v) for v in recent["values_changed"]],
    })


def revisions_table(history: pd.DataFrame, unit: str, lang: Lang) -> pd.DataFrame:
    """Every revision of one value, newest first: the value as stored, current or not, who, when, which file."""
    def value(v: object) -> str:
        return msg("history.not_reported", lang) if missing(v) else fmt(float(v), unit, 0, lang)  # type: ignore[arg-type]

    return pd.DataFrame({
        msg("history.col_revision", lang): [f"#{int(r)}" for r in history["revision"]],
        msg("history.col_value", lang): [value(v) for v in history["value"]],
        msg("history.col_current", lang): [msg("history.current" if c else "history.superseded", lang)
                                           for c in history["current"]],
        msg("history.col_time", lang): [local_time(t) for t in history["stored_at"]],
        msg("history.col_user", lang): history["user"].tolist(),
        msg("history.col_file", lang): history["file_name"].tolist(),
        msg("history.col_note", lang): [DASH if missing(n) or not n else str(n) for n in history["note"]],
        msg("history.col_flags", lang): [DASH if missing(f) or not f else msg("sep.list", lang).join(
            msg(f"flag.{x}", lang) for x in str(f).split(",")) for f in history["flags"]],
    })
