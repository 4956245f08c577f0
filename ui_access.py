"""Sign-in for the Streamlit pages: who is signed in (checked against the database on every run), idle expiry,
single sign-on through st.login when configured, and the pages each role sees. The rules are in tracker/access;
this only keeps the session."""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st

import ui
from tracker.access.accounts import actor_for_email, actor_of
from tracker.access.audit import record
from tracker.access.roles import Actor
from tracker.errors import TrackerError
from tracker.models import utcnow

KEY = "signed_in"

PAGES = [  # path, title, icon, default, the action a role needs to see it
    ("pages/overview.py", "nav.overview", ":material/dashboard:", True, "view"),
    ("pages/targets.py", "nav.targets", ":material/flag:", False, "view"),
    ("pages/target_detail.py", "nav.detail", ":material/query_stats:", False, "view"),
    ("pages/units.py", "nav.units", ":material/apartment:", False, "view"),
    ("pages/upload.py", "nav.upload", ":material/upload_file:", False, "upload"),
    ("pages/completeness.py", "nav.completeness", ":material/fact_check:", False, "view"),
    ("pages/history.py", "nav.history", ":material/history:", False, "view"),
    ("pages/export.py", "nav.export", ":material/download:", False, "export"),
    ("pages/register.py", "nav.register", ":material/menu_book:", False, "register"),
    ("pages/locks.py", "nav.locks", ":material/lock:", False, "lock"),
    ("pages/audit.py", "nav.audit", ":material/policy:", False, "audit"),
    ("pages/accounts.py", "nav.accounts", ":material/manage_accounts:", False, "accounts"),
]


def pages_for(who: Actor) -> list[tuple[str, str, str, bool]]:
    """The pages the account's role may open (path, title key, icon, default); the others are not served."""
    return [(path, key, icon, default) for path, key, icon, default, action in PAGES if who.can(action)]


def idle_limit() -> dt.timedelta:
    """How long a session may sit idle before it must sign in again (TRACKER_SESSION_IDLE_MINUTES, 30)."""
    return dt.timedelta(minutes=float(os.environ.get("TRACKER_SESSION_IDLE_MINUTES") or 30))


def start_session(name: str) -> None:
    st.session_state[KEY] = {"name": name, "seen": utcnow()}
    st.session_state.pop("signin_notice", None)


def sign_out(notice: str | None = None) -> None:
    state = st.session_state.pop(KEY, None)
    if state and notice is None:
        with ui.db() as s:
            record(s, user=state["name"], action="sign_out", subject=state["name"])
    if notice:
        st.session_state["signin_notice"] = notice


def sso_configured() -> bool:
    """Whether Streamlit's OIDC sign-in ([auth] in .streamlit/secrets.toml) is set up."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error types
        return False


def _from_sso() -> Actor | None:
    if not sso_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email") or "")
    with ui.db() as s:
        found = actor_for_email(s, email) if email else None
        if found is not None:
            record(s, user=found.name, action="sign_in", subject=found.name, via="sso", email=email)
    if found is None:
        st.session_state["signin_notice"] = ui.t("signin.sso_unknown", email=email or "—")
        return None
    start_session(found.name)
    return found


def actor() -> Actor | None:
    """The signed-in account (re-read from the database, so a disabled account is out at once), or None."""
    state = st.session_state.get(KEY)
    if not state:
        return _from_sso()
    now = utcnow()
    if now - state["seen"] > idle_limit():
        sign_out(ui.t("signin.expired"))
        return None
    try:
        with ui.db() as s:
            who = actor_of(s, state["name"])
    except TrackerError:
        sign_out(ui.t("signin.gone"))
        return None
    state["seen"] = now
    return who


def need(action: str) -> Actor:
    """The signed-in actor when its role allows `action`; else the page stops with a message saying so."""
    who = actor()
    if who is None:  # a page script run on its own still shows nothing but the sign-in form
        sign_in_form()
        st.stop()
    if not who.can(action):
        st.error(ui.t("access.denied", user=who.name, role=ui.t(f"role.{who.role}"), action=ui.t(f"action.{action}")))
        st.stop()
    return who


def sidebar(who: Actor) -> None:
    """Who is signed in, as what, and the sign-out button."""
    with st.sidebar:
        demo = f" · {ui.t('user.demo')}" if who.is_demo else ""
        st.caption(ui.t("signin.as", name=who.name, role=ui.t(f"role.{who.role}")) + demo)
        if st.button(ui.t("signin.out"), key="sign_out", icon=":material/logout:"):
            sign_out()
            if sso_configured() and getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()


def sign_in_form() -> None:
    """登录: name and password (or the office's single sign-on); the demo accounts when the demo is loaded."""
    import pandas as pd

    from tracker.access.accounts import SignInFailed, list_accounts, sign_in
    from tracker.access.demo_accounts import DEMO_ACCOUNTS

    st.title(ui.t("signin.title"))
    st.caption(ui.t("ui.app_title"))
    notice = st.session_state.get("signin_notice")
    if notice:
        st.warning(notice)
    left, _ = st.columns([2, 3])  # a sign-in form is narrow, also on a wide screen
    with left.form("sign_in"):
        name = st.text_input(ui.t("signin.name"), key="signin_name")
        password = st.text_input(ui.t("signin.password"), type="password", key="signin_password")
        if st.form_submit_button(ui.t("signin.submit"), type="primary"):
            try:
                with ui.db() as s:
                    who = sign_in(s, name, password)
            except SignInFailed as exc:
                ui.show_error(exc)
            else:
                start_session(who.name)
                st.rerun()
    if sso_configured():
        left.button(ui.t("signin.sso"), on_click=st.login, icon=":material/login:")
    with ui.db() as s:
        demo = {a.name for a in list_accounts(s) if a.is_demo and a.active}
    if demo:
        st.info(ui.t("signin.demo_intro"), icon=":material/science:")
        ui.table(pd.DataFrame([(n, ui.t(f"role.{r}"), p) for n, r, _u, p in DEMO_ACCOUNTS if n in demo],
                              columns=[ui.t("signin.name"), ui.t("signin.role"), ui.t("signin.password")]))
