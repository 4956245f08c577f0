"""账号管理: add, disable or enable, set passwords and assign units (administrators)."""

import pandas as pd
import streamlit as st

from tracker.access import accounts
from tracker.access.roles import ROLES
from tracker.core.errors import TrackerError
from webapp import context, errors, language, signin, widgets
from webapp.language import t

who = signin.need("accounts")
reg = context.register()
lang = language.lang()
st.title(t("accounts.title"))
st.caption(t("accounts.caption"))
unit_names = {c: u.name(lang) for c, u in reg.units.items() if u.type != "district"}
roles = {r: t(f"role.{r}") for r in ROLES}

with context.db() as s:
    listed = accounts.list_accounts(s)
state = {True: t("accounts.active"), False: t("user.disabled")}
widgets.table(pd.DataFrame([(a.name, roles.get(a.role, a.role), "、".join(unit_names.get(u, u) for u in a.units) or "—",
                        a.email or "—", state[a.active] + (f" · {t('user.demo')}" if a.is_demo else ""))
                       for a in listed],
                      columns=[t(f"accounts.col_{c}") for c in ("name", "role", "units", "email", "state")]))


def attempt(action: object, form: str | None = None) -> None:
    """Do it; on success start the form afresh (a new key), on a refusal keep what was typed and say why."""
    try:
        with context.db() as s:
            action(s)  # type: ignore[operator]
    except TrackerError as exc:
        errors.show_error(exc)
    else:
        st.session_state["accounts_notice"] = t("accounts.done")
        if form:
            st.session_state[form] = st.session_state.get(form, 0) + 1
        st.rerun()


adding = st.session_state.get("account_add_n", 0)
with st.expander(t("accounts.add")), st.form(f"account_add_{adding}", enter_to_submit=False):
    c1, c2 = st.columns(2)
    name = c1.text_input(t("accounts.col_name"), key=f"account_add_name_{adding}")
    role = c2.selectbox(t("accounts.col_role"), list(roles), format_func=roles.__getitem__)
    units = st.multiselect(t("accounts.units"), list(unit_names), format_func=unit_names.__getitem__,
                           placeholder=t("accounts.units_placeholder"))
    c3, c4 = st.columns(2)
    email = c3.text_input(t("accounts.col_email"))
    password = c4.text_input(t("signin.password"), type="password", key=f"account_add_password_{adding}")
    if st.form_submit_button(t("accounts.save"), type="primary"):
        attempt(lambda s: accounts.add_account(s, reg, actor=who, name=name.strip(), role=role, password=password,
                                               units=units, email=email.strip() or None), "account_add_n")

if listed:
    with st.expander(t("accounts.change")):
        chosen = st.selectbox(t("accounts.col_name"), [a.name for a in listed], key="account_chosen")
        account = next(a for a in listed if a.name == chosen)
        b1, b2 = st.columns(2)
        if b1.button(t("accounts.enable" if not account.active else "accounts.disable"), key="account_toggle"):
            attempt(lambda s: accounts.set_active(s, actor=who, name=chosen, active=not account.active))
        setting = st.session_state.get("account_password_n", 0)
        with st.form(f"account_password_{setting}", enter_to_submit=False):
            new = st.text_input(t("accounts.set_password"), type="password")
            if st.form_submit_button(t("accounts.set_password")):
                attempt(lambda s: accounts.set_password(s, actor=who, name=chosen, password=new),
                        "account_password_n")
        with st.form("account_units", enter_to_submit=False):
            picked = st.multiselect(t("accounts.units"), list(unit_names), default=account.units,
                                    format_func=unit_names.__getitem__, placeholder=t("accounts.units_placeholder"))
            if st.form_submit_button(t("accounts.assign")):
                attempt(lambda s: accounts.assign_units(s, reg, actor=who, name=chosen, units=picked))
if st.session_state.get("accounts_notice"):
    st.success(st.session_state.pop("accounts_notice"))
