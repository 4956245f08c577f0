"""A clerk's landing block on 数据报送: its units for the month being reported — reported, missing, late, what is
still missing — the template one click away, and its files rejected lately with their first problem."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from tracker.access.audit import rejected_imports
from tracker.access.roles import Actor
from tracker.core.clock import china_today, utcnow
from tracker.core.periods import parse_period
from tracker.engine.completeness import due_month
from tracker.importer.upload_template import template_xlsx
from tracker.wording.completeness import my_units_table
from webapp import context, pickers, views, widgets
from webapp.language import lang, t

REJECTED_SINCE = dt.timedelta(days=30)


def my_units(who: Actor, units: list[str], periods: list[str], labels: dict[str | None, str]) -> None:
    """The block, for the units the clerk reports for (`units`: codes)."""
    reg = context.register()
    months = [p for p in periods if len(p) == 7]  # 2019-06: months only
    if not months or not units:
        return
    due = due_month(reg, china_today()).code
    with st.container(border=True):
        c1, c2 = st.columns([1, 2])
        month = pickers.remembered_select(t("mine.month"), months, key="mine_month", container=c1,
                                          default=due if due in months else months[0], format_func=labels.__getitem__)
        report = views.completeness_view(plan=reg.plan_for(parse_period(month).end), period=month)
        c2.subheader(t("mine.title", period=labels[month]))
        rows = report.units[report.units["unit"].isin(units)]
        missing = int(rows["missing"].sum())
        label = labels[month]
        if missing == 0:
            st.success(t("mine.all_in", period=label))
        else:
            late = china_today() > report.deadline
            st.warning(t("mine.overdue" if late else "mine.missing", period=label, n=missing,
                         deadline=report.deadline.isoformat()))
        widgets.table(my_units_table(report, units, reg, lang()))
        first = next((u for u, m in zip(rows["unit"], rows["missing"], strict=True) if m), units[0])
        st.download_button(t("mine.template", unit=reg.units[first].name(lang())),
                           template_xlsx(register=reg, unit=reg.units[first], period=month),
                           file_name=f"报送模板-{reg.units[first].name_zh}-{month}.xlsx", type="primary",
                           icon=":material/download:", key="mine_template")
        with context.db() as s:
            rejected = rejected_imports(s, user=who.name, since=utcnow() - REJECTED_SINCE)
        if not rejected.empty:
            st.markdown(f"**{t('mine.rejected')}**")
            st.caption(t("mine.rejected_caption"))
            widgets.table(pd.DataFrame({
                t("mine.col_at"): [f"{a:%Y-%m-%d %H:%M}" for a in rejected["at"]],
                t("mine.col_file"): rejected["file"], t("mine.col_problems"): rejected["problems"],
                t("mine.col_first"): rejected["first"]}))
