"""Sign-in for the Streamlit pages, thin over `tracker.access.sessions`: each run resumes the browser's session
(from the HttpOnly cookie `webapp.cookie` sets, or within a tab from the session's id), so a reload, a bookmark and
a second tab stay signed in; the sign-in form, sign-out (here or everywhere), and single sign-on through st.login
when configured. The rules (passwords, throttling, idle expiry, who may do what) are in tracker/access."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import quote, urlencode, urlsplit

import pandas as pd
import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tracker.access import sessions, throttle
from tracker.access.accounts import SignInFailed, actor_for_email, list_accounts, sign_in
from tracker.access.audit import record
from tracker.access.demo_accounts import DEMO_ACCOUNTS
from tracker.access.roles import Actor
from webapp.context import db, register_banner, settings
from webapp.errors import show_error
from webapp.language import t
from webapp.navigation import may_open
from webapp.safe import plain
from webapp.widgets import table

KEY = "browser_session"  # the session's id, within one browser tab
TICKET = "browser_ticket"  # the one-time ticket, until the browser has traded it for its cookie
NOTICE = "signin_notice"


def idle_limit() -> dt.timedelta:
    """How long a session may sit idle before it must sign in again (TRACKER_SESSION_IDLE_MINUTES, 30)."""
    return dt.timedelta(minutes=settings().session_idle_minutes)


def here() -> str:
    """This page's address on the site, with its query (the month, the language …), for coming back to it."""
    path = urlsplit(st.context.url or "/").path or "/"
    query = urlencode(st.query_params.to_dict())
    return path + (f"?{query}" if query else "")


def send_browser_to(url: str) -> None:
    """Load `url` in the browser (the message st.login and st.logout send: the page cannot set a cookie itself,
    the routes in webapp.cookie do)."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        message = ForwardMsg()
        message.auth_redirect.url = url
        ctx.enqueue(message)


def _user_agent() -> str:
    agent = st.context.headers.get("User-Agent", "")
    return agent if isinstance(agent, str) else ""


def _start(who: Actor) -> None:
    """A new session for the account that just signed in; this tab goes on with it at once, and the browser
    fetches its cookie in the background (`cookie_image`)."""
    with db() as s:
        handoff = sessions.start(s, name=who.name, user_agent=_user_agent(), idle=idle_limit())
    st.session_state[KEY] = handoff.session_id
    st.session_state[TICKET] = handoff.ticket
    st.session_state.pop(NOTICE, None)


def cookie_image() -> None:
    """While the browser has no cookie for this tab's session: a 1-pixel image whose address trades the ticket
    for it (webapp/cookie.py). Nothing under AppTest, which has no browser."""
    ticket = st.session_state.get(TICKET)
    origin = urlsplit(st.context.url or "")
    if ticket and origin.scheme in ("http", "https"):
        st.image(f"{origin.scheme}://{origin.netloc}/auth/session?ticket={ticket}&as=image", width=1)


def sso_configured() -> bool:
    """Whether Streamlit's OIDC sign-in ([auth] in .streamlit/secrets.toml) is set up."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error types
        return False


def _from_sso() -> Actor | None:
    """The account the office's single sign-on vouches for, signed in once (then the session cookie carries it)."""
    if not sso_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email") or "")
    with db() as s:
        found = actor_for_email(s, email) if email else None
        if found is not None:
            record(s, user=found.name, action="sign_in", subject=found.name, via="sso", email=email)
    if found is None:
        st.session_state[NOTICE] = t("signin.sso_unknown", email=email or "—")
        return None
    _start(found)
    return found


def _cookie() -> str | None:
    """The session cookie the browser sent when this tab connected (none under AppTest, which has no browser)."""
    token = st.context.cookies.get(sessions.COOKIE)
    return token if isinstance(token, str) and token else None


def actor() -> Actor | None:
    """The signed-in account (re-read from the database on every run, so a disabled account, an ended or idle
    session is out at once), or None."""
    session_id = st.session_state.get(KEY)
    token = None if session_id is not None else _cookie()
    if session_id is None and not token:
        return _from_sso()
    with db() as s:
        found = sessions.resume(s, idle=idle_limit(), session_id=session_id, token=token)
    if found.actor is not None:
        st.session_state[KEY] = found.session_id
        if found.claimed:
            st.session_state.pop(TICKET, None)
        elif found.ticket_lapsed and found.session_id is not None and TICKET in st.session_state:
            with db() as s:  # the browser never fetched its cookie in time: a new ticket for a new image
                fresh = sessions.renew_ticket(s, session_id=found.session_id)
            if fresh is not None:
                st.session_state[TICKET] = fresh
        return found.actor
    st.session_state.pop(KEY, None)
    if found.ended in sessions.REASONS:
        st.session_state[NOTICE] = t(f"signin.ended.{found.ended}")
    return _from_sso()


def need(action: str | tuple[str, ...]) -> Actor:
    """The signed-in actor when its role allows `action` (or any of several); else the page stops with a message
    saying so. Shows the register's warning (once a page) to those who can act on it."""
    who = actor()
    if who is None:  # a page script run on its own still shows nothing but the sign-in form
        sign_in_form()
        st.stop()
    if not may_open(who, action):
        first = action if isinstance(action, str) else action[0]
        st.error(plain(t("access.denied", user=who.name, role=t(f"role.{who.role}"), action=t(f"action.{first}"))))
        st.stop()
    register_banner(who)
    return who


def sign_out(who: Actor, *, everywhere: bool = False) -> None:
    """End this session (or every session of the account), forget the cookie, come back to this address."""
    session_id = st.session_state.pop(KEY, None)
    with db() as s:
        if everywhere:
            sessions.end_all(s, name=who.name, by=who.name)
        elif session_id is not None:
            sessions.end(s, session_id=session_id)
    st.session_state[NOTICE] = t("signin.signed_out")
    if sso_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()
    else:
        send_browser_to(f"/auth/signout?next={quote(here(), safe='')}")


def sidebar(who: Actor) -> None:
    """Who is signed in, as what; sign out here, or everywhere."""
    with st.sidebar:
        demo = f" · {t('user.demo')}" if who.is_demo else ""
        st.caption(plain(t("signin.as", name=who.name, role=t(f"role.{who.role}")) + demo))
        cookie_image()
        if st.button(t("signin.out"), key="sign_out", icon=":material/logout:"):
            sign_out(who)
            st.stop()  # the browser leaves to forget its cookie (a rerun would drop that message)
        if st.button(t("signin.out_all"), key="sign_out_all", type="tertiary", help=t("signin.out_all_help")):
            sign_out(who, everywhere=True)
            st.stop()


def client_address() -> str:
    """The browser's address as the sign-in counters and the audit trail name it (through a trusted reverse
    proxy, the address it forwarded: TRACKER_TRUSTED_PROXIES)."""
    remote, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    return throttle.client_address(remote if isinstance(remote, str) else None,
                                   forwarded if isinstance(forwarded, str) else None, settings().trusted_proxies)


def sign_in_form(landing: Callable[[Actor], str] | None = None) -> None:
    """登录: name and password (or the office's single sign-on); the demo accounts when the demo is loaded.
    Signed in, the same address opens again — or, given `landing` (the form was at the site's own address), the
    account's landing page at once."""
    st.title(t("signin.title"))
    st.caption(t("ui.app_title"))
    notice = st.session_state.get(NOTICE)
    if notice:
        st.warning(plain(notice))
    left, _ = st.columns([2, 3])  # a sign-in form is narrow, also on a wide screen
    with left.form("sign_in", enter_to_submit=False):
        name = st.text_input(t("signin.name"), key="signin_name", autocomplete="username")
        password = st.text_input(t("signin.password"), type="password", key="signin_password",
                                 autocomplete="current-password")
        if st.form_submit_button(t("signin.submit"), type="primary"):
            try:
                with db() as s:
                    who = sign_in(s, name, password, address=client_address())
            except SignInFailed as exc:
                show_error(exc)
            else:
                _start(who)
                if landing is not None:
                    st.switch_page(landing(who), query_params=st.query_params.to_dict())
                st.rerun()
    if sso_configured():
        left.button(t("signin.sso"), on_click=st.login, icon=":material/login:")
    with db() as s:
        demo = {a.name for a in list_accounts(s) if a.is_demo and a.active}
    if demo:
        st.info(t("signin.demo_intro"), icon=":material/science:")
        table(pd.DataFrame([(n, t(f"role.{r}"), p) for n, r, _u, p in DEMO_ACCOUNTS if n in demo],
                           columns=[t("signin.name"), t("signin.role"), t("signin.password")]))
