"""Choosers the pages share: the plan, the as-of month and window, and periods. A choice is kept in the address
(?plan=14&as_of=2018-06&window=ytd, ?target=…): a reload, a bookmark or a second tab opens the same view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from tracker.core.clock import china_today
from tracker.core.periods import Period, month, parse_period, periods_back_from
from tracker.engine.windows import WINDOW_KINDS
from tracker.register import Register
from tracker.storage.values import latest_period_end
from tracker.wording.plans import plan_label
from webapp.context import db, plan_register, register
from webapp.language import lang, t

PLAN_KEY = "plan"


def latest_month() -> Period | None:
    """The latest month with any stored value."""
    with db() as s:
        end = latest_period_end(session=s)
    return month(end) if end is not None else None


def _default_plan(reg: Register) -> str:
    latest = latest_month()
    return reg.plan_for(latest.end) if latest is not None else reg.plan.code


def current_plan() -> str:
    """The plan chosen in the sidebar, else the one in the address (?plan=14), else the one this session last chose
    (a page switch clears both), else the plan of the latest data."""
    reg = register()
    for chosen in (st.session_state.get(PLAN_KEY), st.query_params.get(PLAN_KEY), st.session_state.get(f"_{PLAN_KEY}")):
        if chosen in reg.plans:
            return str(chosen)
    return _default_plan(reg)


def plan_chooser() -> None:
    """The plan chooser in the sidebar; the choice is kept in the address, so a link or a reload keeps it."""
    reg = register()
    codes = [p.code for p in sorted(reg.all_plans(), key=lambda p: p.first_month, reverse=True)]
    if len(codes) < 2:
        return
    labels = {c: plan_label(reg, c, lang()) for c in codes}
    remembered_select(t("plans.chooser"), codes, key=PLAN_KEY, format_func=labels.__getitem__,
                      default=current_plan(), container=st.sidebar)


def plan_view() -> Register:
    """The register viewing the chosen plan (data baselines filled in)."""
    return plan_register(current_plan())


def period_options(kinds: tuple[str, ...] = ("month",), *, whole: bool = False) -> list[str]:
    """Ended periods with data, newest first: of the chosen plan (from its start to its end or the latest data),
    or, `whole`, of every plan (from the first plan's start); months, then quarters, half-years and years."""
    reg = register()
    last = latest_month()
    if whole:
        first, stop = reg.first_month, last.end if last is not None else reg.first_month
    else:
        plan = reg.plans.get(current_plan(), reg.plan)
        first, stop = plan.first_month, min(last.end, plan.last_month) if last is not None else plan.last_month
    return periods_back_from(stop, first, kinds) if stop >= first else []


def reportable_periods(kinds: tuple[str, ...] = ("month",)) -> list[str]:
    """Every period that may be reported, newest first: ended (today, China time), from the first plan's start."""
    today = china_today()
    return periods_back_from(today.year * 12 + today.month - 2, register().first_month, kinds)


def period_labels(codes: list[str]) -> dict[str | None, str]:
    """'2019-06' → '2019年6月' / 'Jun 2019' (prebuilt: AppTest calls format functions outside the session)."""
    return {c: parse_period(c).label(lang()) for c in codes}


def _initial(key: str, options: Sequence[Any], default: Any) -> Any:
    """The choice to open with: the address's, else this session's last, else `default`."""
    asked = st.query_params.get(key)
    by_text = {str(o): o for o in options}
    if asked in by_text:
        return by_text[asked]
    kept = st.session_state.get(f"_{key}", default)
    return kept if kept in options else default


def keep_in_address(key: str, value: object) -> None:
    """Put the choice in the address (and this session), so a reload or a bookmark comes back to it."""
    st.session_state[f"_{key}"] = value
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)


def remembered_select(label: str, options: Sequence[Any], *, key: str, format_func: Callable[[Any], str],
                      default: Any = None, container: Any = None) -> Any:
    """A selectbox whose choice travels in the address under `key` (the option's code, never its label)."""
    box = container if container is not None else st
    if st.session_state.get(key) not in options:  # first shown, another page, or its options changed (a plan)
        start = _initial(key, options, options[0] if default is None and options else default)
        # set through the state, not index=: a browser already showing this box shows the new choice too
        st.session_state[key] = start if start in options else (options[0] if options else None)
    elif st.session_state.get(f"_{key}_lang") != lang():  # the labels changed language: the box must show them
        st.session_state[key] = st.session_state[key]
    st.session_state[f"_{key}_lang"] = lang()
    chosen = box.selectbox(label, options, key=key, format_func=format_func)
    keep_in_address(key, chosen)
    return chosen


def as_of_and_window() -> tuple[str, str]:
    """The as-of month (of the chosen plan) and window pickers shared by the progress pages (kept across pages and
    in the address)."""
    options = period_options()
    if not options:
        st.info(t("ui.no_data_plan") if latest_month() is not None else t("ui.no_data"))
        st.stop()
    labels = period_labels(options)
    c1, c2 = st.columns(2)
    as_of = remembered_select(t("ov.as_of"), options, key="as_of", format_func=labels.__getitem__, container=c1)
    # The key carries the language: the labels change with it, the choice is kept in "_window" and the address.
    windows = {k: t(f"window.{k}") for k in WINDOW_KINDS}
    start = _initial("window", WINDOW_KINDS, "ytd")
    window = c2.selectbox(t("ov.window"), WINDOW_KINDS, key=f"window_{lang()}", index=WINDOW_KINDS.index(start),
                          format_func=windows.__getitem__)
    keep_in_address("window", window)
    return str(as_of), str(window)
