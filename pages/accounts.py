"""账号管理: add, disable or enable, set passwords and assign units (administrators)."""

import pandas as pd
import streamlit as st

import ui
import ui_access
from tracker.access import accounts
from tracker.access.roles import ROLES
from tracker.errors import TrackerError

who = ui_access.need("accounts")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("accounts.title"))
st.caption(ui.t("accounts.caption"))
unit_names = {c: u.name(lang) for c, u in reg.units.items() if u.type != "district"}
roles = {r: ui.t(f"role.{r}") for r in ROLES}

with ui.db() as s:
    listed = accounts.list_accounts(s)
state = {True: ui.t("accounts.active"), False: ui.t("user.disabled")}
ui.table(pd.DataFrame([(a.name, roles.get(a.role, a.role), "、".join(unit_names.get(u, u) for u in a.units) or "—",
                        a.email or "—", state[a.active] + (f" · {ui.t('user.demo')}" if a.is_demo else ""))
                       for a in listed],
                      columns=[ui.t(f"accounts.col_{c}") for c in ("name", "role", "units", "email", "state")]))


def attempt(action: object) -> None:
    try:
        with ui.db() as s:
            action(s)  # type: ignore[operator]
    except TrackerError as exc:
        ui.show_error(exc)
    else:
        st.session_state["accounts_notice"] = ui.t("accounts.done")
        st.rerun()


with st.expander(ui.t("accounts.add")), st.form("account_add", clear_on_submit=True):
    c1, c2 = st.columns(2)
    name = c1.text_input(ui.t("accounts.col_name"))
    role = c2.selectbox(ui.t("accounts.col_role"), list(roles), format_func=roles.__getitem__)
    units = st.multiselect(ui.t("accounts.units"), list(unit_names), format_func=unit_names.__getitem__)
    c3, c4 = st.columns(2)
    email = c3.text_input(ui.t("accounts.col_email"))
    password = c4.text_input(ui.t("signin.password"), type="password")
    if st.form_submit_button(ui.t("accounts.save"), type="primary"):
        attempt(lambda s: accounts.add_account(s, reg, by=who.name, name=name.strip(), role=role, password=password,
                                               units=units, email=email.strip() or None))

if listed:
    with st.expander(ui.t("accounts.change")):
        chosen = st.selectbox(ui.t("accounts.col_name"), [a.name for a in listed], key="account_chosen")
        account = next(a for a in listed if a.name == chosen)
        b1, b2 = st.columns(2)
        if b1.button(ui.t("accounts.enable" if not account.active else "accounts.disable"), key="account_toggle"):
            attempt(lambda s: accounts.set_active(s, by=who.name, name=chosen, active=not account.active))
        with st.form("account_password", clear_on_submit=True):
            new = st.text_input(ui.t("accounts.set_password"), type="password")
            if st.form_submit_button(ui.t("accounts.set_password")):
                attempt(lambda s: accounts.set_password(s, by=who.name, name=chosen, password=new))
        with st.form("account_units"):
            picked = st.multiselect(ui.t("accounts.units"), list(unit_names), default=account.units,
                                    format_func=unit_names.__getitem__)
            if st.form_submit_button(ui.t("accounts.assign")):
                attempt(lambda s: accounts.assign_units(s, reg, by=who.name, name=chosen, units=picked))
if st.session_state.get("accounts_notice"):
    st.success(st.session_state.pop("accounts_notice"))
