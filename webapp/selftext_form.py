"""The 导出 page's form for what a unit adds to its own self-evaluation (seed 003): what is stored and who saved
it, the form to save a new version (for those who may write the unit's text), earlier versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from tracker.access.roles import Actor, can, upload_units
from tracker.core.errors import EditConflict, TrackerError
from tracker.core.i18n import Lang
from tracker.register import Register
from tracker.reports.selfeval.entry import (
    COUNTS,
    ITEM_COUNTS,
    SECTIONS,
    SelfText,
    StoredSelfText,
    from_form,
)
from tracker.reports.selfeval.stored import save_self_text, self_text_history
from webapp.context import db, register
from webapp.errors import show_error
from webapp.language import lang, t
from webapp.safe import plain

TEXT_HEIGHT = 120  # pixels: a few lines; the box grows a scroll bar for seed 003's long sections


def _label(key: str) -> str:
    """A field's name as a label: 'Banners of thanks' (the messages name fields in lower case inside sentences)."""
    text = t(key)
    return text[:1].upper() + text[1:]


def _items_frame(text: SelfText) -> pd.DataFrame:
    rows = [{"name": it.name, **{k: getattr(it, k) for k in ITEM_COUNTS}} for it in text.items]
    frame = pd.DataFrame(rows, columns=["name", *ITEM_COUNTS])
    return frame.astype({k: "Int64" for k in ITEM_COUNTS})


def _item_columns() -> dict[str, Any]:
    # the item's name pinned: on a phone the counts scroll sideways under it
    columns: dict[str, Any] = {"name": st.column_config.TextColumn(_label("selftext.field.name"), max_chars=200,
                                                                      width="medium", pinned=True)}
    for k in ITEM_COUNTS:
        columns[k] = st.column_config.NumberColumn(_label(f"selftext.field.{k}"), min_value=0, step=1, format="%d")
    return columns


def _read_only(text: SelfText) -> None:
    for name in SECTIONS:
        if text.section(name):
            st.markdown(f"**{plain(t(f'selftext.section.{name}'))}**")
            st.text(text.section(name))
    if text.items:
        st.dataframe(_items_frame(text), hide_index=True, column_config=_item_columns(), width="stretch",
                     placeholder="")
    for k in ("on_the_spot_share", *COUNTS):
        if getattr(text, k) is not None:
            st.caption(plain(f"{_label(f'selftext.field.{k}')}：{getattr(text, k)}"))


def _form(unit: str, year: int, who: Actor, current: StoredSelfText | None) -> None:
    key = f"selftext_{unit}_{year}"
    text = current.text if current else SelfText()
    if f"{key}_base" not in st.session_state:  # the version the form was first shown with: a save is checked
        st.session_state[f"{key}_base"] = current.revision if current else 0  # against it (another's save kept)
    with st.form(key, enter_to_submit=False):
        sections = {name: st.text_area(t(f"selftext.section.{name}"), value=text.section(name), max_chars=10_000,
                                       height=TEXT_HEIGHT, key=f"{key}_{name}")
                    for name in SECTIONS if name not in ("problems", "plan")}
        st.markdown(f"**{t('selftext.items')}**")
        st.caption(t("selftext.items_help"))
        rows = st.data_editor(_items_frame(text), num_rows="dynamic", hide_index=True, width="stretch",
                              column_config=_item_columns(), key=f"{key}_items", placeholder="")
        st.markdown(f"**{t('selftext.counts')}**")
        c1, c2 = st.columns(2)
        share = c1.number_input(_label("selftext.field.on_the_spot_share"), min_value=0.0, max_value=100.0,
                                value=text.on_the_spot_share, step=1.0, key=f"{key}_share")
        spot = c2.number_input(_label("selftext.field.on_the_spot_count"), min_value=0, value=text.on_the_spot_count,
                               step=1, key=f"{key}_spot")
        st.caption(t("selftext.share_help"))
        c3, c4, c5 = st.columns(3)
        numbers: dict[str, object] = {"on_the_spot_share": share, "on_the_spot_count": spot}
        for col, k in zip((c3, c4, c5), ("banners", "praise_letters", "complaints"), strict=True):
            numbers[k] = col.number_input(_label(f"selftext.field.{k}"), min_value=0, value=getattr(text, k), step=1,
                                          key=f"{key}_{k}")
        for name in ("problems", "plan"):
            sections[name] = st.text_area(t(f"selftext.section.{name}"), value=text.section(name), max_chars=10_000,
                                          height=TEXT_HEIGHT, key=f"{key}_{name}")
        if st.form_submit_button(t("selftext.save"), type="primary"):
            entered = from_form(sections=sections, rows=rows.to_dict("records"), numbers=numbers)
            try:
                with db() as s:
                    n = save_self_text(session=s, register=register(), actor=who, unit=unit, year=year,
                                       text=entered, source=t("selftext.form_title"),
                                       based_on=int(st.session_state[f"{key}_base"]))
            except EditConflict as exc:
                show_error(exc)  # said once: the form now counts as shown the newer version; saving again replaces it
                st.session_state[f"{key}_base"] = current.revision if current else 0
                st.session_state[f"{key}_conflict"] = True
            except TrackerError as exc:
                show_error(exc)
            else:
                _reload(key)
                st.session_state["selftext_saved"] = n
                st.rerun()
    if st.session_state.get(f"{key}_conflict"):
        st.button(t("form.load_latest"), key=f"{key}_reload", on_click=_reload, args=(key,))


def _reload(key: str) -> None:
    """Forget what the form holds: its fields and the version it was shown are read again from the database."""
    for name in [k for k in st.session_state if str(k).startswith(f"{key}_")]:
        del st.session_state[name]


def self_text_form(unit: str, year: int, who: Actor) -> None:
    """What the unit entered for the year, who saved it, a form to save a new version, the earlier versions."""
    st.subheader(t("selftext.form_title"))
    st.caption(t("selftext.form_help"))
    with db() as s:
        history: list[StoredSelfText] = self_text_history(session=s, unit=unit, year=year)
    saved = st.session_state.pop("selftext_saved", None)
    if saved is not None:
        st.success(t("selftext.saved", n=saved))
    current = history[0] if history else None
    if current is None:
        st.info(plain(t("selftext.none_saved", unit=register().units[unit].name(lang()), year=year)))
    else:
        st.caption(plain(t("selftext.saved_by", user=current.user, at=current.saved_at, n=current.revision,
                           total=len(history))))
    if can(who, "self_text", unit, register()):
        _form(unit, year, who, current)
    else:
        st.caption(t("selftext.read_only"))
        _read_only(current.text if current else SelfText())
    if len(history) > 1:
        with st.expander(t("selftext.history")):
            for old in history[1:]:
                st.caption(plain(t("selftext.history_row", at=old.saved_at, user=old.user)))
                _read_only(old.text)


def own_units_form(who: Actor, reg: Register, years: list[int], language: Lang) -> None:
    """For a unit's clerk: a unit of its own (centres, halls and streets), a year, and that unit's form."""
    mine = upload_units(who, reg) or set()
    own = {u.code: u.name(language) for u in reg.units.values()
           if u.code in mine and u.type not in ("district", "department")}
    if not own:
        st.info(t("selftext.no_units"))
        return
    c1, c2 = st.columns(2)
    unit = c1.selectbox(t("export.self_unit"), list(own), format_func=own.__getitem__, key="self_unit")
    year = c2.selectbox(t("export.self_year"), years or [dt.date.today().year - 1], key="self_year",
                        index=next((i for i, y in enumerate(years) if y < dt.date.today().year), 0))
    self_text_form(unit, int(year), who)
