"""登录: name and password (or the office's single sign-on); the demo accounts are listed when the demo is loaded."""

import pandas as pd
import streamlit as st

import ui
import ui_access
from tracker.access.accounts import SignInFailed, list_accounts, sign_in
from tracker.access.demo_accounts import DEMO_ACCOUNTS

st.title(ui.t("signin.title"))
notice = st.session_state.get("signin_notice")
if notice:
    st.warning(notice)

with st.form("sign_in"):
    name = st.text_input(ui.t("signin.name"), key="signin_name")
    password = st.text_input(ui.t("signin.password"), type="password", key="signin_password")
    if st.form_submit_button(ui.t("signin.submit"), type="primary"):
        try:
            with ui.db() as s:
                who = sign_in(s, name, password)
        except SignInFailed as exc:
            ui.show_error(exc)
        else:
            ui_access.start_session(who.name)
            st.rerun()

if ui_access.sso_configured():
    st.button(ui.t("signin.sso"), on_click=st.login, icon=":material/login:")

with ui.db() as s:
    demo = {a.name for a in list_accounts(s) if a.is_demo and a.active}
if demo:
    st.info(ui.t("signin.demo_intro"), icon=":material/science:")
    ui.table(pd.DataFrame([(n, ui.t(f"role.{r}"), p) for n, r, _u, p in DEMO_ACCOUNTS if n in demo],
                          columns=[ui.t("signin.name"), ui.t("signin.role"), ui.t("signin.password")]))
