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
    if who is None:
        st.warning(ui.t("signin.needed"))
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
